"""What is shown of a letter in any medium: dates for reading, hands, headings, table rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from leninletters.model import Letter, Note

MONTH_NAMES = "January February March April May June July August September October November December".split()

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


def letter_heading(letter: Letter) -> str:
    return f"{letter.number}  {letter.date.isoformat()}  {letter.title}"


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


COUNT_HEADER = ("No.", "Date", "Matches", "Title")


def count_rows(counts: Sequence[tuple[Letter, int]]) -> list[tuple[str, ...]]:
    return [(str(letter.number), letter.date.isoformat(), str(n), letter.title) for letter, n in counts]
