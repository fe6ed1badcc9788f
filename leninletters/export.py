"""Plain writers: text, Markdown and JSON, plain listings and grep lines, and atomic file writes.

Nothing here imports Rich: these are the paths for pipes, files and scripts, and they start fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from leninletters.errors import OutputError
from leninletters.model import Letter, Note
from leninletters.query import Match, Snippet

MONTH_NAMES = "January February March April May June July August September October November December".split()
SEPARATOR = "=" * 72
NO_VALUE = "-"


def long_date(day: Any) -> str:
    """12 December 1922: the way the edition prints dates for reading."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def scribe_label(letter: Letter) -> str:
    """The scribes' initials, or a dash where none is printed."""
    return ", ".join(letter.scribes) or NO_VALUE


def hand_line(letter: Letter, scribes: Sequence[str], written_by: str | None, date: Any) -> str:
    """Who took a part down or wrote it, and its date where it differs from the letter's."""
    if not scribes and not written_by and date == letter.date:
        return ""
    names = dict(zip(letter.scribes, letter.scribe_names, strict=False))
    pieces = [
        f"Taken down by {initials} ({names[initials]})"
        if names.get(initials, initials) != initials
        else f"Taken down by {initials}"
        for initials in scribes
    ]
    if written_by:
        pieces.append(f"Written by {written_by}")
    line = "; ".join(pieces)
    if date != letter.date:
        line = f"{line}, {long_date(date)}" if line else long_date(date)
    return line


def sections(letter: Letter) -> list[tuple[str, str]]:
    """Each part's text, with the line that says whose hand it is ("" where none is printed)."""
    if not letter.parts:  # a letter in one piece: its own scribes and date
        return [(letter.text, hand_line(letter, letter.scribes, None, letter.date))]
    return [
        (text, hand_line(letter, part.scribes, part.written_by, part.date))
        for part, text in letter.part_texts()
    ]


def note_line(note: Note) -> str:
    """A footnote as printed, saying so where the text has no marker for it (note [13])."""
    unanchored = "" if note.anchored else "(appended; no marker in the text) "
    return f"[{note.marker}] {unanchored}{note.text}"


def metadata_lines(letter: Letter) -> list[str]:
    """The heading block of a letter: date(s), addressees, classification."""
    lines = [f"Date: {long_date(letter.date)}"]
    later = [
        f"{part.label or 'later part'} {long_date(part.date)}"
        for part in letter.parts
        if part.date != letter.date
    ]
    if later:
        lines[0] += f" ({', '.join(later)})"
    if letter.recipients:
        lines.append(f"To: {', '.join(letter.recipients)}")
    if letter.copies:
        lines.append(f"Copy: {', '.join(letter.copies)}")
    if letter.classification:
        lines.append(f"Classification: {letter.classification}")
    return lines


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
MARKDOWN_SPECIAL = r"([\\`*_{}<>#|])"
MARKDOWN_LINE_START = r"^(\s*)([-+>]|\d+\.)(?=\s)"


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as it is: no accidental emphasis, headings or lists."""
    escaped = re.sub(MARKDOWN_SPECIAL, r"\\\1", text)
    return re.sub(MARKDOWN_LINE_START, lambda m: m[1] + "\\" + m[2], escaped)


def letter_markdown(letter: Letter) -> str:
    """A letter as Markdown, for pasting into notes."""
    lines = [f"## {letter.number}. {markdown_escape(letter.title)}", ""]
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


# Plain listings -------------------------------------------------------------------------------

LIST_HEADER = ("No.", "Date", "Scribe", "Words", "Title", "To")


def list_rows(letters: Sequence[Letter]) -> list[tuple[str, ...]]:
    return [
        (
            str(letter.number),
            letter.date.isoformat(),
            scribe_label(letter),
            str(letter.word_count),
            letter.title,
            ", ".join(letter.recipients) or NO_VALUE,
        )
        for letter in letters
    ]


def plain_table(rows: Sequence[Sequence[str]], header: Sequence[str], right: set[int]) -> Iterator[str]:
    """Aligned columns, one row a line, never wrapped: for pipes, grep and head."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        yield "  ".join(cells).rstrip() + "\n"


def plain_list(letters: Sequence[Letter]) -> Iterator[str]:
    return plain_table(list_rows(letters), LIST_HEADER, right={0, 3})


def letter_heading(letter: Letter) -> str:
    return f"{letter.number}  {letter.date.isoformat()}  {letter.title}"


def plain_grep(results: Sequence[tuple[Letter, Sequence[Snippet]]]) -> Iterator[str]:
    """Matches grouped under each letter, one snippet a line, prefixed by its paragraph number."""
    for index, (letter, found) in enumerate(results):
        if index:
            yield "\n"
        yield letter_heading(letter) + "\n"
        for snippet in found:
            yield f"  {snippet.paragraph}: {snippet.text}\n"


def count_rows(counts: Sequence[tuple[Letter, int]]) -> list[tuple[str, ...]]:
    return [(str(letter.number), letter.date.isoformat(), str(n), letter.title) for letter, n in counts]


COUNT_HEADER = ("No.", "Date", "Matches", "Title")


def plain_counts(counts: Sequence[tuple[Letter, int]]) -> Iterator[str]:
    """Matches per letter, aligned, and the total; formatted directly, as it may run to 100,000 rows."""
    number_head, date_head, count_head, title_head = COUNT_HEADER
    wide = max([len(number_head), *(len(str(letter.number)) for letter, _ in counts)])
    many = max([len(count_head), *(len(str(n)) for _, n in counts)])
    yield f"{number_head:>{wide}}  {date_head:<10}  {count_head:>{many}}  {title_head}\n"
    for letter, n in counts:
        yield f"{letter.number:>{wide}}  {letter.date.isoformat()}  {n:>{many}}  {letter.title}\n"
    yield f"{sum(n for _, n in counts)} matches in {len(counts)} letters\n"


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


# Files ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def _termination_as_interrupt() -> Iterator[None]:
    """Let SIGTERM unwind like Ctrl-C while a file is written, so the temporary file is removed."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_atomically(target: Path, pieces: Iterable[str], *, force: bool) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename.

    An existing file is refused, and left untouched, unless force is set.
    """
    import tempfile

    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputError(f"{target} is a folder: give a file name, for example {target / 'letters.txt'}")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: the folder {folder} does not exist; create it first")
    if target.exists() and not force:
        raise OutputError(f"{target} already exists: use --force to replace it, or choose another name")
    try:
        handle, temporary_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write in {folder}: {error.strerror}; choose a writable folder") from None
    temporary = Path(temporary_name)
    try:
        with _termination_as_interrupt():
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                for piece in pieces:
                    stream.write(piece)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644 & ~_umask())
            if force:
                os.replace(temporary, target)
            else:
                # link() refuses an existing name, so a file that appeared meanwhile is never clobbered.
                try:
                    os.link(temporary, target)
                except FileExistsError:
                    raise OutputError(f"{target} already exists: use --force to replace it") from None
                except OSError:
                    os.replace(temporary, target)  # file systems without hard links
    except OSError as error:
        if isinstance(error, OutputError):
            raise
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_stream(stream: TextIO, pieces: Iterable[str]) -> None:
    for piece in pieces:
        stream.write(piece)
