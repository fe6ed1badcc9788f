"""Everything drawn with Rich: the list table, a letter laid out for reading, highlighted matches.

Only the terminal paths import this module; pipes and JSON go through leninletters.export.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO, cast

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from leninletters.files import ChunkedStream
from leninletters.model import Letter
from leninletters.present import (
    COUNT_HEADER,
    count_rows,
    letter_heading,
    list_rows,
    metadata_lines,
    note_line,
    sections,
)
from leninletters.search import Snippet
from leninletters.terminal import visible

# Below this width, the table keeps the columns a reader needs to pick a letter.
NARROW = 70
# Narrower than this (COLUMNS=0, a split pane of 5 columns) the tables and text are drawn this wide and
# the terminal wraps them: something readable rather than a column of ellipses, or nothing.
MIN_WIDTH = 30
HIGHLIGHT = "bold reverse"


def make_console(stream: TextIO, *, width: int | None = None) -> Console:
    """A console on a stream; Rich itself honours NO_COLOR, FORCE_COLOR, TERM=dumb and COLUMNS."""
    console = Console(
        file=cast(TextIO, ChunkedStream(stream)), width=width, highlight=False, soft_wrap=False, emoji=False
    )
    if console.width < MIN_WIDTH:
        console.width = MIN_WIDTH
    return console


def _table(caption: str) -> Table:
    """The house style of tables: a rule under the head, no frame, the count as a caption."""
    return Table(
        box=box.SIMPLE_HEAD, caption=caption, caption_justify="left", pad_edge=False, show_edge=False
    )


def list_table(letters: Sequence[Letter], width: int) -> Table:
    """The letters as a table, with a count in its caption."""
    narrow = width < NARROW
    table = _table(caption=f"{len(letters)} letter{'s' if len(letters) != 1 else ''}")
    table.add_column("No.", justify="right", style="bold")
    table.add_column("Date", no_wrap=True)
    table.add_column("Title", overflow="fold", ratio=3)
    if not narrow:
        table.add_column("To", overflow="fold", max_width=30)
        table.add_column("Scribe", no_wrap=True)
        table.add_column("Words", justify="right")
    for number, date, scribe, words, title, to in list_rows(letters):
        cells = [number, date, title] if narrow else [number, date, title, to, scribe, words]
        table.add_row(*_cells(cells))
    return table


def _text(data: str, style: str = "") -> Text:
    """Data drawn as text: never parsed as markup, its control characters shown, not obeyed."""
    return Text(visible(data), style=style)


def _cells(cells: Sequence[str]) -> list[Text]:
    # A plain string in a table cell is parsed as markup: "[link=file:///etc/passwd]" would be a link.
    return [_text(cell) for cell in cells]


def letter_view(letter: Letter) -> RenderableType:
    """A letter laid out for reading."""
    pieces: list[RenderableType] = [
        _text(f"{letter.number}. {letter.title}", style="bold"),
        _text("\n".join(metadata_lines(letter)), style="dim"),
        Text(""),
    ]
    for text, hand in sections(letter):
        for paragraph in text.split("\n\n"):
            pieces += [_text(paragraph), Text("")]
        if hand:
            pieces += [_text(hand, style="italic"), Text("")]
    if letter.notes:
        pieces.append(Text("Notes", style="bold"))
        for note in letter.notes:
            pieces.append(Padding(_text(note_line(note)), (0, 0, 0, 2)))
        pieces.append(Text(""))
    if letter.source:
        inferred = " (inferred from its group)" if letter.source_inferred else ""
        pieces.append(_text(f"Source: {letter.source}{inferred}", style="dim"))
    return Group(*pieces)


def letters_view(letters: Sequence[Letter]) -> RenderableType:
    """Several letters, one after another, with a rule between them."""
    pieces: list[RenderableType] = []
    for index, letter in enumerate(letters):
        if index:
            pieces += [Text(""), Rule(), Text("")]
        pieces.append(letter_view(letter))
    return Group(*pieces)


def grep_view(results: Sequence[tuple[Letter, Sequence[Snippet]]]) -> RenderableType:
    """Matches grouped under each letter's number, date and title, highlighted in their sentences."""
    pieces: list[RenderableType] = []
    for index, (letter, found) in enumerate(results):
        if index:
            pieces.append(Text(""))
        pieces.append(_text(letter_heading(letter), style="bold cyan"))
        for snippet in found:
            line = Text()
            line.append(f"{snippet.paragraph}: ", style="dim")
            line.append_text(_highlighted(snippet))
            pieces.append(Padding(line, (0, 0, 0, 2)))
    return Group(*pieces)


def _highlighted(snippet: Snippet) -> Text:
    """A snippet with its matches highlighted; made visible piece by piece, so the spans stay right."""
    body = Text()
    at = 0
    for start, end in sorted(snippet.highlights):
        start = max(start, at)
        if end <= start:
            continue
        body.append(visible(snippet.text[at:start]))
        body.append(visible(snippet.text[start:end]), style=HIGHLIGHT)
        at = end
    body.append(visible(snippet.text[at:]))
    return body


def counts_table(counts: Sequence[tuple[Letter, int]]) -> Table:
    total = sum(n for _, n in counts)
    table = _table(caption=f"{total} matches in {len(counts)} letters")
    for name in COUNT_HEADER:
        table.add_column(name, justify="right" if name in ("No.", "Matches") else "left")
    for row in count_rows(counts):
        table.add_row(*_cells(row))
    return table
