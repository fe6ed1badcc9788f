"""What is shown of a letter in any medium: dates for reading, hands, headings, table rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from leninletters.model import PARAGRAPH_BREAK, Letter, Note, Part

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


def sections(letter: Letter, paragraphs: tuple[int, int] | None = None) -> list[tuple[str, str]]:
    """Each part's text, with the line that says whose hand it is ("" where none is printed).

    With `paragraphs` (first, last), only that passage: the parts it touches, clipped to it.
    """
    if paragraphs is None:
        if not letter.parts:  # a letter in one piece: its own scribes and date
            return [(letter.text, hand_line(letter, letter.scribes, None, letter.date))]
        pieces = letter.part_texts()
    else:
        first, last = paragraphs
        every = letter.paragraphs
        pieces = [
            (
                part,
                PARAGRAPH_BREAK.join(
                    every[max(first, part.first_paragraph) - 1 : min(last, part.last_paragraph)]
                ),
            )
            for part in letter.all_parts
            if part.first_paragraph <= last and first <= part.last_paragraph
        ]
    return [(text, hand_line(letter, part.scribes, part.written_by, part.date)) for part, text in pieces]


def notes_in(letter: Letter, paragraphs: tuple[int, int] | None = None) -> tuple[Note, ...]:
    """The notes of a letter, or of a passage: those whose marker [N] stands in it."""
    if paragraphs is None:
        return letter.notes
    first, last = paragraphs
    passage = PARAGRAPH_BREAK.join(letter.paragraphs[first - 1 : last])
    return tuple(note for note in letter.notes if f"[{note.marker}]" in passage)


def passage_label(letter: Letter, paragraphs: tuple[int, int] | None) -> str:
    """ "paragraph 11 of 11", "paragraphs 3–5 of 11", or "" for the whole letter."""
    if paragraphs is None:
        return ""
    first, last = paragraphs
    total = letter.text.count(PARAGRAPH_BREAK) + 1
    if first == last:
        return f"paragraph {first} of {total}"
    return f"paragraphs {first}–{last} of {total}"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """ "1 letter", "2 letters", "1 match", "3 matches"."""
    if count == 1:
        return f"{count:,} {noun}"
    return f"{count:,} {plural_noun or noun + 's'}"


def date_label(letter: Letter) -> str:
    """The letter's date, and its later parts' dates after it: 1922-12-25 (+1923-01-04)."""
    later = [day.isoformat() for day in letter.dates if day != letter.date]
    if not later:
        return letter.date.isoformat()
    return f"{letter.date.isoformat()} (+{', +'.join(later)})"


def addressees(letter: Letter) -> str:
    """Who a letter is to, and who had a copy: "M.I. Frumkin, B.S. Stomonyakov; cc Leon Trotsky"."""
    to = ", ".join(letter.recipients)
    if letter.copies:
        copies = "cc " + ", ".join(letter.copies)
        return f"{to}; {copies}" if to else copies
    return to or NO_VALUE


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


def letter_heading(letter: Letter, part: Part | None = None) -> str:
    """A letter's number, date and title; with a part, the part's date, and its label after the title."""
    if part is None or (part.date == letter.date and not part.label):
        return f"{letter.number}  {letter.date.isoformat()}  {letter.title}"
    label = f", {part.label}" if part.label else ""
    return f"{letter.number}  {part.date.isoformat()}  {letter.title}{label}"


LIST_HEADER = ("No.", "Date", "Scribe", "Words", "Slug", "Title", "To")


class Row(NamedTuple):
    """One letter as a row of the list."""

    number: str
    date: str
    scribe: str
    words: str
    slug: str
    title: str
    to: str


def list_rows(letters: Sequence[Letter]) -> list[Row]:
    return [
        Row(
            str(letter.number),
            date_label(letter),
            scribe_label(letter),
            str(letter.word_count),
            letter.slug,
            letter.title,
            addressees(letter),
        )
        for letter in letters
    ]


COUNT_HEADER = ("No.", "Date", "Matches", "Title")


def count_rows(counts: Sequence[tuple[Letter, int]]) -> list[tuple[str, ...]]:
    return [(str(letter.number), letter.date.isoformat(), str(n), letter.title) for letter, n in counts]
