"""The letter open in the reader, as widgets: its heading and metadata, each printed paragraph a stop for
the paragraph cursor (Tab, ↑ ↓ inside the letter), the edition's words between them, the notes and the
apparatus folded below. A note marker in a paragraph opens its note: clicked, or Enter on the paragraph.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from leninletters.core.model import Letter
from leninletters.core.present import APPARATUS_HEADING
from leninletters.reader import drawn


class Paragraph(Static, can_focus=True):
    """A printed paragraph: where the cursor stands in a letter, and what `y` quotes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "notes", "Notes", show=False),
        Binding("down,j", "move(1)", "Next ¶", show=False),
        Binding("up,k", "move(-1)", "Previous ¶", show=False),
    ]

    class Focused(Message):
        """The cursor came to a paragraph: the position line names it."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    class NotesAsked(Message):
        """Enter on a paragraph: the notes its markers name (by their place in the letter's notes)."""

        def __init__(self, notes: tuple[int, ...]) -> None:
            super().__init__()
            self.notes = notes

    def __init__(self, text: Text, number: int, notes: tuple[int, ...]) -> None:
        super().__init__(text, id=f"p{number}", classes="paragraph", markup=False)
        self.number = number
        self.notes = notes  # the letter's notes (by their place in letter.notes) marked in this paragraph

    def on_focus(self) -> None:
        self.post_message(self.Focused(self.number))

    def action_notes(self) -> None:
        if self.notes:
            self.post_message(self.NotesAsked(self.notes))
        else:
            self.app.notify("no note is marked in this paragraph", markup=False)

    def action_move(self, by: int) -> None:
        stops = list(self.screen.query(Paragraph).results(Paragraph))
        at = stops.index(self) + by
        if 0 <= at < len(stops):
            stops[at].focus()
        elif self.parent is not None:
            # Past the last paragraph the letter still scrolls on, to its notes and apparatus.
            self.parent.scroll_relative(y=by, animate=False)  # type: ignore[attr-defined]


class Fold(Static):
    """The apparatus below the letter: its heading, and its lines once opened (a, or a click). One
    widget, not a Collapsible's four: it is drawn anew for every letter opened."""

    def __init__(self, title: str, body: Text) -> None:
        self.title = title
        self.body = body
        self.collapsed = True
        super().__init__(self._drawn(), id="apparatus-fold", markup=False)

    def _drawn(self) -> Text:
        shown = Text(f"{'▸' if self.collapsed else '▾'} {self.title}", style="bold")
        if not self.collapsed:
            shown.append("\n")
            shown.append_text(self.body)
        return shown

    def toggle(self) -> None:
        self.collapsed = not self.collapsed
        self.update(self._drawn())

    def on_click(self) -> None:
        self.toggle()


def widgets(letter: Letter, pattern: re.Pattern[str] | None) -> list[Static]:
    """What the reader shows of a letter, top to bottom."""
    shown: list[Static] = [
        Static(drawn.heading(letter), id="heading", markup=False),
        Static(drawn.metadata(letter), id="metadata", markup=False),
    ]
    for block in drawn.letter_blocks(letter, pattern):
        if block.paragraph:
            marked = drawn.mark_notes(block.text, letter.notes)
            shown.append(Paragraph(block.text, block.paragraph, marked))
        else:
            shown.append(Static(block.text, classes="edition" if block.edition else "printed", markup=False))
    notes = drawn.notes(letter)
    if notes is not None:
        shown.append(Static(notes, id="notes", markup=False))
    apparatus = drawn.apparatus(letter)
    if apparatus is not None:
        shown.append(Fold(APPARATUS_HEADING, apparatus))
    return shown
