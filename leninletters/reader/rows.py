"""The index of letters: a virtual list that draws only the rows in view, each asked of the listing (a
page of the door's answer) as it scrolls in, so that 100,000 letters cost what a screenful does.

The column heads stay on the first line; the cursor is the letter open.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from leninletters.reader import drawn
from leninletters.reader.places import Listing

GAP = 2  # blank cells between two columns
NARROWEST_TWO = 30  # below this many cells for both, the title alone shows
DRAWN_KEPT = 512  # rows kept drawn: a cursor's move redraws the screenful from here


def widths(total: int) -> list[int]:
    """Each column's width in a list `total` cells wide: number, date and hand as drawn.ROW_HEADER sets
    them, the rest shared by the title (three parts) and the recipients (two); where that leaves the
    title too little, the recipients go (0) and the title takes it all (the letter's head names them)."""
    fixed = [width or 0 for _, width in drawn.ROW_HEADER[:3]]
    rest = max(10, total - sum(fixed) - GAP * len(drawn.ROW_HEADER))
    if rest < NARROWEST_TWO:
        return [*fixed, rest + GAP, 0]
    return [*fixed, rest * 3 // 5, rest - rest * 3 // 5]


def line(cells: tuple[Text, ...], sizes: list[int]) -> Text:
    """Cells side by side, each cut to its column (with an ellipsis) or filled out to it."""
    joined = Text(" ")
    for index, (cell, size) in enumerate(zip(cells, sizes, strict=True)):
        if not size:
            continue
        cut = cell.copy()
        if index == 0:
            cut = Text(cut.plain.rjust(size), style=cut.style)
        cut.truncate(size, overflow="ellipsis", pad=True)
        joined.append_text(cut)
        joined.append(" " * GAP)
    return joined


class LetterList(ScrollView, can_focus=True):
    """The letters of a listing, one a row under the column heads; ↑ ↓ PgUp PgDn Home End j k move the
    cursor, Enter (or a click on the row under the cursor) goes into the letter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", show=False),
        Binding("down,j", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "ends(False)", show=False),
        Binding("end", "ends(True)", show=False),
        Binding("enter", "choose", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"letter-list--cursor", "letter-list--header"}
    DEFAULT_CSS = """
    LetterList > .letter-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    LetterList:blur > .letter-list--cursor { background: $block-cursor-blurred-background; }
    LetterList > .letter-list--header { text-style: bold; background: $panel; }
    """

    class Highlighted(Message):
        """The cursor came to a row: the reader opens its letter."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class Chosen(Message):
        """Enter on a row: the reader goes into its letter."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.listing: Listing | None = None
        self.cursor_row = 0
        self._drawn: OrderedDict[tuple[int, int, Style], Strip] = OrderedDict()

    @property
    def row_count(self) -> int:
        return len(self.listing) if self.listing is not None else 0

    def show(self, listing: Listing) -> None:
        """List these letters, the cursor on the first."""
        self.listing = listing
        self.cursor_row = 0
        self._drawn.clear()
        self.virtual_size = Size(self.size.width, len(listing) + 1)  # the heads take a line
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def row_at(self, row: int) -> tuple[Text, ...]:
        """The cells of a row, as drawn."""
        if self.listing is None:
            raise IndexError(row)
        return drawn.row(self.listing.at(row))

    # Drawing ---------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        sizes = widths(width)
        if y == 0:
            heads = tuple(Text(label) for label, _ in drawn.ROW_HEADER)
            style = self.get_component_rich_style("letter-list--header")
            return self._strip(line(heads, sizes), width, style)
        row = int(self.scroll_offset.y) + y - 1
        if row >= self.row_count:
            return Strip.blank(width, self.rich_style)
        key = (row, width, self.rich_style)  # the style too: a new theme draws anew
        strip = self._drawn.get(key)
        if strip is None:
            strip = self._drawn[key] = self._strip(line(self.row_at(row), sizes), width, None)
            if len(self._drawn) > DRAWN_KEPT:
                self._drawn.popitem(last=False)
        if row == self.cursor_row:
            return strip.apply_style(self.get_component_rich_style("letter-list--cursor"))
        return strip

    def _strip(self, text: Text, width: int, style: Style | None) -> Strip:
        segments = [s for s in text.render(self.app.console) if s.text != "\n"]
        strip = Strip(segments).crop_extend(0, width, self.rich_style)
        return strip.apply_style(style) if style is not None else strip

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.row_count + 1)

    # Moving ----------------------------------------------------------------------------------------

    def move_cursor(self, row: int, announce: bool = True) -> None:
        """Put the cursor on a row (kept within the list) and bring it into view."""
        if not self.row_count:
            return
        self.cursor_row = max(0, min(row, self.row_count - 1))
        rows_in_view = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + rows_in_view:
            self.scroll_to(y=self.cursor_row - rows_in_view + 1, animate=False, immediate=True)
        self.refresh()
        if announce:
            self.post_message(self.Highlighted(self.cursor_row))

    def action_move(self, by: int) -> None:
        self.move_cursor(self.cursor_row + by)

    def action_page(self, by: int) -> None:
        self.move_cursor(self.cursor_row + by * max(1, self.scrollable_content_region.height - 1))

    def action_ends(self, last: bool) -> None:
        self.move_cursor(self.row_count - 1 if last else 0)

    def action_choose(self) -> None:
        if self.row_count:
            self.post_message(self.Chosen(self.cursor_row))

    def on_click(self, event: Click) -> None:
        row = int(self.scroll_offset.y) + event.y - 1
        if event.y < 1 or row >= self.row_count:
            return  # the heads, or below the last letter
        if row == self.cursor_row:
            self.action_choose()
        else:
            self.move_cursor(row)
