"""Writers of letters for quoting and scripts: plain text, Markdown and JSON. No Rich."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import msgspec

from leninletters import __version__
from leninletters.core.dossiers import Dossier, restricted
from leninletters.core.model import PARAGRAPH_BREAK, Letter, Link, Person, Reference
from leninletters.core.present import (
    APPARATUS_HEADING,
    Kind,
    apparatus_lines,
    edition_statement,
    metadata_lines,
    note_line,
    notes_in,
    passage_label,
    reading,
    source_line,
    supplied,
)
from leninletters.core.source import Source

if TYPE_CHECKING:
    from leninletters.core.references import Selected

SEPARATOR = "=" * 72
# Between the last letter and the edition statement.
STATEMENT_RULE = "-" * 72


def heading(letter: Letter, paragraphs: tuple[int, int] | None, escape: Callable[[str], str] = str) -> str:
    """The letter's number and title, and which passage where only a passage is shown."""
    passage = passage_label(letter, paragraphs)
    return f"{letter.number}. {escape(letter.title)}" + (f" ({passage})" if passage else "")


def letter_text(letter: Letter, paragraphs: tuple[int, int] | None = None) -> str:
    """A letter as plain text: heading, metadata, text by parts with their hands, notes and source."""
    lines = [heading(letter, paragraphs), *metadata_lines(letter), ""]
    for piece in reading(letter, paragraphs):
        lines += [piece.text if piece.kind is Kind.PRINT else supplied(piece.text), ""]
    notes = notes_in(letter, paragraphs)
    if notes:
        lines.append("Notes:")
        lines += [note_line(note) for note in notes]
        lines.append("")
    if letter.source:
        lines += [source_line(letter, "inferred: no marker of its own; the group's source"), ""]
    facts = apparatus_lines(letter, paragraphs)
    if facts:
        lines += [f"{APPARATUS_HEADING}:", *(f"  {fact}" for fact in facts)]
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


def letter_markdown(letter: Letter, paragraphs: tuple[int, int] | None = None) -> str:
    """A letter as Markdown, for pasting into notes."""
    lines = [f"## {heading(letter, paragraphs, markdown_heading)}", ""]
    lines += [f"- {markdown_escape(line)}" for line in metadata_lines(letter)]
    lines.append("")
    for piece in reading(letter, paragraphs):
        if piece.kind is Kind.PRINT:
            lines += [markdown_escape(piece.text), ""]
        elif piece.kind is Kind.SUPPLIED:
            lines += [markdown_escape(supplied(piece.text)), ""]
        else:
            lines += [f"*{markdown_escape(supplied(piece.text))}*", ""]
    notes = notes_in(letter, paragraphs)
    if notes:
        lines += ["**Notes**", ""]
        lines += [f"- {markdown_escape(note_line(note))}" for note in notes]
        lines.append("")
    if letter.source:
        lines += [markdown_escape(source_line(letter, "inferred")), ""]
    facts = apparatus_lines(letter, paragraphs)
    if facts:
        lines += [f"**{APPARATUS_HEADING}**", ""]
        lines += [f"- {markdown_escape(fact)}" for fact in facts]
    return "\n".join(lines).rstrip("\n") + "\n"


def json_array(objects: Iterable[Any]) -> Iterator[str]:
    """A JSON array written one object a line: valid JSON, greppable, each object made by msgspec's
    encoder (loaded already with the records: the json module would cost a millisecond more to import)."""
    yield "["
    for index, value in enumerate(objects):
        yield ",\n" if index else "\n"
        yield json_text(value)
    yield "\n]\n"


def json_text(value: Any) -> str:
    """One JSON value on one line."""
    try:
        return msgspec.json.encode(value).decode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, built in memory: json writes it, and the stream escapes it
        import json

        return json.dumps(value, ensure_ascii=False)


def letters_json(letters: Iterable[Letter]) -> str:
    """An array of letter objects: itself a valid corpus file."""
    return "".join(json_array(letter.to_json() for letter in letters))


def selected_json(letter: Letter, passages: Sequence[tuple[int, int]] = ()) -> dict[str, Any]:
    """A letter object; where passages of it were asked for, the whole letter still, with the passages
    named beside it."""
    value = letter.to_json()
    if passages:
        every = letter.paragraphs
        value["passages"] = [
            {"paragraphs": [first, last], "text": PARAGRAPH_BREAK.join(every[first - 1 : last])}
            for first, last in passages
        ]
    return value


def by_letter(selection: Sequence[Selected]) -> list[tuple[Letter, list[tuple[int, int]]]]:
    """Each letter once, in the order first asked, with the passages asked of it (none where it was asked
    for whole): JSON is a corpus, and a corpus has each letter once."""
    chosen: dict[int, tuple[Letter, list[tuple[int, int]] | None]] = {}
    for letter, paragraphs in selection:
        _, passages = chosen.get(letter.number, (letter, []))
        if paragraphs is None or passages is None:
            chosen[letter.number] = (letter, None)
        else:
            chosen[letter.number] = (letter, [*passages, paragraphs])
    return [(letter, passages or []) for letter, passages in chosen.values()]


class Format(StrEnum):
    """Export formats; md is another name for markdown."""

    text = "text"
    markdown = "markdown"
    md = "md"
    json = "json"
    cmif = "cmif"


def edition_object(edition: Mapping[str, Any]) -> dict[str, Any]:
    """The corpus's edition object with the version and the statement a reader cites."""
    return {
        **edition,
        "version": edition.get("version") or __version__,
        "statement": edition_statement(edition),
    }


def _json_document(selection: Sequence[Selected], source: Source) -> Iterator[str]:
    """An object corpus: the edition (with its statement), its people and the references its authorities
    cite, then the letters one a line."""
    yield '{"edition": ' + json_text(edition_object(source.metadata)) + ",\n"
    yield (
        '"people": ' + "".join(json_array(person.to_json() for person in source.people)).rstrip("\n") + ",\n"
    )
    references = (reference.to_json() for reference in source.references)
    yield '"references": ' + "".join(json_array(references)).rstrip("\n") + ",\n"
    # The links between the letters exported (both ends among them), so that the export is a corpus.
    chosen = {letter.slug for letter, _ in selection}
    links = (link.to_json() for link in source.links if link.a in chosen and link.b in chosen)
    yield '"links": ' + "".join(json_array(links)).rstrip("\n") + ",\n"
    # The dossiers as they stand among the letters exported: each keeps its members among them.
    dossiers = (dossier.to_json() for dossier in restricted(source.dossiers, chosen))
    yield '"dossiers": ' + "".join(json_array(dossiers)).rstrip("\n") + ",\n"
    yield '"letters": '
    yield from json_array(selected_json(letter, passages) for letter, passages in by_letter(selection))
    yield "}\n"


class _Nothing:
    """No source: an export of letters alone."""

    metadata: Mapping[str, Any] = {}
    people: Sequence[Person] = ()
    references: Sequence[Reference] = ()
    links: Sequence[Link] = ()
    dossiers: Sequence[Dossier] = ()


def _joined(
    write_one: Callable[[Letter, tuple[int, int] | None], str],
    separator: str,
    statement: Callable[[str], str],
) -> Writer:
    def write(selection: Iterable[Selected], source: Source) -> Iterator[str]:
        edition = source.metadata
        for index, (letter, paragraphs) in enumerate(selection):
            if index:
                yield separator
            yield write_one(letter, paragraphs)
        yield statement(edition_statement(edition))

    return write


def _text_statement(statement: str) -> str:
    return f"\n{STATEMENT_RULE}\n{statement}\n"


def _markdown_statement(statement: str) -> str:
    return f"\n---\n\n{markdown_escape(statement)}\n"


Writer = Callable[[Iterable["Selected"], "Source"], Iterator[str]]
WRITERS: dict[Format, Writer] = {
    Format.text: _joined(letter_text, f"\n{SEPARATOR}\n\n", _text_statement),
    Format.markdown: _joined(letter_markdown, "\n---\n\n", _markdown_statement),
    Format.md: _joined(letter_markdown, "\n---\n\n", _markdown_statement),
    # A corpus names the links among its letters before them: JSON and CMIF read the selection whole first.
    Format.json: lambda selection, source: _json_document(list(selection), source),
    Format.cmif: lambda selection, source: _cmif(list(selection), source),
}


def _cmif(selection: Sequence[Selected], source: Source, url: str | None = None) -> Iterator[str]:
    """The Correspondence Metadata Interchange Format (formats.cmif), imported only when asked for."""
    from leninletters.formats import cmif

    return cmif.write(selection, source, url)


def document(
    selection: Iterable[Selected],
    fmt: Format | str,
    source: Source | None = None,
    *,
    cmif_url: str | None = None,
) -> Iterator[str]:
    """The export of letters and passages in a format, piece by piece, with the edition statement made
    from the source's metadata (a footer in text and Markdown); JSON carries the source's edition,
    people and references too, so that it is itself a whole corpus. cmif_url: where a CMIF file will be
    published. Text and Markdown write each letter as it comes from the selection."""
    given = source if source is not None else _Nothing()
    if Format(fmt) is Format.cmif:
        return _cmif(list(selection), given, cmif_url)
    return WRITERS[Format(fmt)](selection, given)
