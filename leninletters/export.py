"""Writers of letters for quoting and scripts: plain text, Markdown and JSON. No Rich."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from leninletters.model import Letter
from leninletters.present import metadata_lines, note_line, sections
from leninletters.search import Match, Snippet

SEPARATOR = "=" * 72


def letter_text(letter: Letter) -> str:
    """A letter as plain text: heading, metadata, text by parts with their hands, notes and source."""
    lines = [f"{letter.number}. {letter.title}", *metadata_lines(letter), ""]
    for text, hand in sections(letter):
        lines += [text, ""]
        if hand:
            lines += [f"[{hand}]", ""]
    if letter.notes:
        lines.append("Notes:")
        lines += [note_line(note) for note in letter.notes]
        lines.append("")
    if letter.source:
        inferred = " (inferred: no marker of its own; the group's source)" if letter.source_inferred else ""
        lines.append(f"Source: {letter.source}{inferred}")
    return "\n".join(lines).rstrip("\n") + "\n"


# Compiled and cached by re on first use, so that start-up pays for neither.
# Inline: a backslash, code and emphasis marks; an underscore that is not inside a word (snake_case stays
# as it is); a [ that would open a link or a link definition; a < that would open HTML or an autolink; an
# & that would spell an entity. Nothing else: a backslash before what needs none is a stray one to a
# reader of the file.
MARKDOWN_INLINE = r"[\\`*~]|(?<![^\W_])_|_(?![^\W_])|\[(?=[^\]\n]*\][(\[:])|<(?=[A-Za-z/!?])|&(?=#?\w+;)"

# At the start of any line (every paragraph, not only the first): lists (- + * 1. 1)), quotes, headings,
# and a line of = or - that would underline the line before it into a heading.
MARKDOWN_LINE_START = r"^([ \t]*)(?:([-+>]|#{1,6}(?=[ \t]|$))|(\d{1,9})([.)])(?=[ \t]|$)|([-=])(?=[-= \t]*$))"

# A run of # at the end of a heading closes it and would be dropped.
MARKDOWN_CLOSING_HASHES = r"([ \t])(#+[ \t]*)$"


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker, digits, dot, underline = match.groups()
    if digits is not None:
        return f"{indent}{digits}\\{dot}"  # 1\. : a backslash before the digit would show
    return f"{indent}\\{marker or underline}"


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as it is: no accidental emphasis, links, headings, lists or quotes, in
    any line; a backslash only where one is needed."""
    escaped = re.sub(MARKDOWN_INLINE, r"\\\g<0>", text)
    return re.sub(MARKDOWN_LINE_START, _escape_line_start, escaped, flags=re.MULTILINE)


def markdown_heading(text: str) -> str:
    """Text for a Markdown heading line: one line, escaped, its trailing # kept."""
    one_line = " ".join(text.split()) if "\n" in text or "\r" in text else text
    return re.sub(MARKDOWN_CLOSING_HASHES, r"\1\\\2", markdown_escape(one_line))


def letter_markdown(letter: Letter) -> str:
    """A letter as Markdown, for pasting into notes."""
    lines = [f"## {letter.number}. {markdown_heading(letter.title)}", ""]
    lines += [f"- {markdown_escape(line)}" for line in metadata_lines(letter)]
    lines.append("")
    for text, hand in sections(letter):
        lines += [markdown_escape(text), ""]
        if hand:
            lines += [f"*{markdown_escape(hand)}*", ""]
    if letter.notes:
        lines += ["**Notes**", ""]
        lines += [f"- {markdown_escape(note_line(note))}" for note in letter.notes]
        lines.append("")
    if letter.source:
        inferred = " (inferred)" if letter.source_inferred else ""
        lines.append(f"Source: {markdown_escape(letter.source)}{inferred}")
    return "\n".join(lines).rstrip("\n") + "\n"


def json_array(objects: Iterable[Any]) -> Iterator[str]:
    """A JSON array written one object a line: valid JSON, greppable, and made by json's C encoder
    (indent= would switch to its pure-Python one, ten times slower on a large corpus)."""
    yield "["
    for index, value in enumerate(objects):
        yield ",\n" if index else "\n"
        yield json.dumps(value, ensure_ascii=False)
    yield "\n]\n"


def letters_json(letters: Iterable[Letter]) -> str:
    """An array of letter objects: itself a valid corpus file."""
    return "".join(json_array(letter.to_json() for letter in letters))


def document(letters: Sequence[Letter], fmt: str) -> Iterator[str]:
    """The export of the letters in a format, piece by piece."""
    if fmt == "json":
        yield from json_array(letter.to_json() for letter in letters)
        return
    write_one: Callable[[Letter], str] = letter_markdown if fmt == "markdown" else letter_text
    separator = "\n---\n\n" if fmt == "markdown" else f"\n{SEPARATOR}\n\n"
    for index, letter in enumerate(letters):
        if index:
            yield separator
        yield write_one(letter)


def grep_json(results: Sequence[tuple[Letter, Sequence[Match], Sequence[Snippet]]]) -> str:
    """One object per letter with its matches, each with its span in `text` and its context."""
    out = []
    for letter, found, context in results:
        matches = []
        for match in found:
            around = next(s for s in context if s.start <= match.start and match.end <= s.start + len(s.text))
            matches.append(
                {
                    "text": match.text,
                    "start": match.start,
                    "end": match.end,
                    "paragraph": match.paragraph,
                    "context": around.text,
                }
            )
        out.append(
            {
                "number": letter.number,
                "slug": letter.slug,
                "title": letter.title,
                "date": letter.date.isoformat(),
                "matches": matches,
            }
        )
    return "".join(json_array(out))
