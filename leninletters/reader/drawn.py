"""What the reader draws, as Rich Text built piece by piece: corpus strings are never parsed as markup
(Textual's markup can carry actions, [@click=app.quit], and links), and their control characters are
shown as the command line shows them (^[, <U+202E>), never sent to the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from rich.style import Style
from rich.text import Text

from leninletters.core import present
from leninletters.core.model import PARAGRAPH_BREAK, Letter, Note, Person
from leninletters.ui.terminal import visible

EDITION_STYLE = "italic dim"  # the edition's own words, told apart from the print's
MATCH_STYLE = "reverse"


def plain(text: str, style: str = "") -> Text:
    """Corpus text as inert content: controls made visible, no markup read."""
    return Text(visible(text), style=style)


def highlighted(text: str, pattern: re.Pattern[str] | None, style: str = "") -> Text:
    """Corpus text with the query's words marked."""
    drawn = plain(text, style)
    if pattern is not None:
        for found in pattern.finditer(drawn.plain):
            if found.end() > found.start():
                drawn.stylize(MATCH_STYLE, found.start(), found.end())
    return drawn


def edition_words(text: str) -> Text:
    """The edition's words inside the flow of a letter, in angle brackets, as `show` marks them."""
    return plain(present.supplied(text), EDITION_STYLE)


class Block(NamedTuple):
    """One block of a letter's reading: what it says, and the paragraph it is (None for anything else)."""

    text: Text
    paragraph: int | None
    edition: bool  # the edition's words rather than the print's


def letter_blocks(letter: Letter, pattern: re.Pattern[str] | None) -> Iterator[Block]:
    """A letter as `show` reads it: each printed paragraph apart (so the reader can scroll to it), the
    lines the print sets after a part, and the edition's words marked between them."""
    paragraphs = letter.paragraphs
    number = 0
    for piece in present.reading(letter):
        if piece.kind is not present.Kind.PRINT:
            yield Block(edition_words(piece.text), None, True)
            continue
        for chunk in piece.text.split(PARAGRAPH_BREAK):
            is_next = number < len(paragraphs) and chunk == paragraphs[number]
            if is_next:
                number += 1
            yield Block(highlighted(chunk, pattern), number if is_next else None, False)


def mark_notes(text: Text, notes: tuple[Note, ...]) -> tuple[int, ...]:
    """Mark the note markers ([8], [*]) standing in a paragraph so that a click opens their note; which
    of the letters' notes they are, by place. The click names the note by its place, never by the
    corpus's marker, so no corpus string reaches an action."""
    marked = []
    for index, note in enumerate(notes):
        marker = f"[{visible(note.marker)}]"
        opens = Style(underline=True, bold=True) + Style.from_meta({"@click": f"app.notes({index})"})
        found = [at.start() for at in re.finditer(re.escape(marker), text.plain)] if note.anchored else []
        for start in found:
            text.stylize(opens, start, start + len(marker))
        if found:
            marked.append(index)
    return tuple(marked)


def note(letter: Letter, index: int) -> Text:
    return plain(present.note_line(letter.notes[index]))


def heading(letter: Letter) -> Text:
    return plain(present.letter_heading(letter), "bold")


def metadata(letter: Letter) -> Text:
    return plain("\n".join(present.metadata_lines(letter)), "dim")


def notes(letter: Letter) -> Text | None:
    if not letter.notes:
        return None
    return plain("\n".join(present.note_line(note) for note in letter.notes))


def apparatus(letter: Letter) -> Text | None:
    lines = present.apparatus_lines(letter)
    return plain("\n".join(lines), EDITION_STYLE) if lines else None


def position(index: int, total: int, letter: Letter, paragraph: int | None) -> Text:
    """ "letter 9 of 22, ¶11 of 12": where the reader stands in the list and in the letter."""
    where = f"letter {index + 1} of {total}"
    count = letter.paragraph_count
    where += f", ¶{paragraph} of {count}" if paragraph else f", {present.plural(count, 'paragraph')}"
    return Text(where, style="dim")


def row(letter: Letter) -> tuple[Text, ...]:
    """A letter's row in the index: number, date with later parts, hand, title, recipients."""
    return (
        Text(str(letter.number), justify="right"),
        plain(present.date_label(letter)),
        plain(present.scribe_label(letter)),
        plain(letter.title),
        plain(present.addressees(letter)),
    )


# The index's columns and their widths: the date and the hand cut short (their whole text heads the
# letter), so that the title shows at 80 columns; None fits the column to its longest cell.
ROW_HEADER: tuple[tuple[str, int | None], ...] = (
    ("No.", 3),
    ("Date", 22),
    ("Hand", 8),
    ("Title", None),
    ("To", None),
)


def person_label(person: Person) -> Text:
    drawn = plain(person.name, "bold")
    if person.description:
        drawn.append_text(plain(f" — {person.description}", "dim"))
    return drawn


def asked_line(query: str, found: int, total: int) -> str:
    """The line above the list: the query and what it found."""
    asked = query if query.strip() else "every letter"
    return f"{asked}: {found} of {total} letters"


def visit_label(query: str, title: str | None, paragraph: int | None, here: bool) -> Text:
    """A place in the history list: the query it listed, the letter open and the paragraph."""
    drawn = Text("▸ " if here else "  ", style="bold")
    drawn.append_text(plain(query if query.strip() else "every letter", "dim"))
    if title is not None:
        drawn.append("  ")
        drawn.append_text(plain(title, "bold" if here else ""))
    if paragraph:
        drawn.append(f", ¶{paragraph}")
    return drawn
