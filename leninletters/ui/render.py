"""Everything drawn with Rich: the list table, a letter laid out for reading, highlighted matches.

Only the terminal paths import this module; pipes and JSON go through leninletters.formats.export.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TextIO, cast

from rich import box
from rich.console import Console as Console  # re-exported: the type other modules name
from rich.console import Group
from rich.console import RenderableType as RenderableType
from rich.constrain import Constrain
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from leninletters.core.dating import short_date
from leninletters.core.model import Letter
from leninletters.core.present import (
    APPARATUS_HEADING,
    COUNT_HEADER,
    Kind,
    apparatus_lines,
    count_rows,
    edition_statement,
    list_rows,
    metadata_lines,
    note_line,
    notes_in,
    passage_label,
    plural,
    reading,
    source_line,
    supplied,
)
from leninletters.core.search import Snippet
from leninletters.ui.files import ChunkedStream
from leninletters.ui.terminal import visible

# Below this width, the table keeps the columns a reader needs to pick a letter; from WIDE on, slugs too.
NARROW = 70
WIDE = 130
# Prose is set to a readable measure on a wide terminal, as books and git's pager are.
MEASURE = 88
# Narrower than this (COLUMNS=0, a split pane of 5 columns) the tables and text are drawn this wide and
# the terminal wraps them: something readable rather than a column of ellipses, or nothing.
MIN_WIDTH = 30
HIGHLIGHT = "bold reverse"


def make_console(stream: TextIO, *, colour: bool, width: int | None = None) -> Console:
    """A console on a stream, coloured or not as Output decided (--color, FORCE_COLOR, NO_COLOR and the
    terminal are weighed there, never here); Rich itself still honours TERM=dumb and COLUMNS."""
    console = Console(
        file=cast(TextIO, ChunkedStream(stream)),
        width=width,
        highlight=False,
        soft_wrap=False,
        emoji=False,
        force_terminal=True if colour else None,
        no_color=False,
        # Without colour, no escape at all: not even bold or reverse.
        color_system="auto" if colour else None,
    )
    if console.width < MIN_WIDTH:
        console.width = MIN_WIDTH
    return console


def _text(data: str, style: str = "") -> Text:
    """Data drawn as text: never parsed as markup, its control characters shown, not obeyed."""
    return Text(visible(data), style=style)


def _cells(cells: Sequence[str]) -> list[Text]:
    # A plain string in a table cell is parsed as markup: "[link=file:///etc/passwd]" would be a link.
    return [_text(cell) for cell in cells]


def _table(caption: str) -> Table:
    """The house style of tables: a rule under the head, no frame, the count as a caption."""
    return Table(
        box=box.SIMPLE_HEAD, caption=caption, caption_justify="left", pad_edge=False, show_edge=False
    )


def list_table(letters: Sequence[Letter], width: int) -> Table:
    """The letters as a table, with a count in its caption; slugs where the terminal is wide enough."""
    narrow, wide = width < NARROW, width >= WIDE
    table = _table(caption=plural(len(letters), "letter"))
    table.add_column("No.", justify="right", style="bold")
    table.add_column("Date", no_wrap=True)
    if wide:
        table.add_column("Slug", no_wrap=True, style="dim")
    table.add_column("Title", overflow="fold", ratio=3)
    if not narrow:
        table.add_column("To", overflow="fold", max_width=34)
        table.add_column("Scribe", no_wrap=True)
        table.add_column("Words", justify="right")
    for row in list_rows(letters):
        # Later parts' dates and LCW's datings each on a line of their own, so the column stays a date wide;
        # on a narrow terminal they go under the title. At any width they are shown: they are why a letter
        # is in a list asked for by date.
        date, _, others = row.date.partition(" (")
        if narrow:
            cells = [row.number, date, row.title + (f"\n({others}" if others else "")]
        else:
            cells = [row.number, row.date.replace(" (", "\n("), row.title]
        if wide:
            cells.insert(2, row.slug)
        if not narrow:
            cells += [row.to, row.scribe, row.words]
        table.add_row(*_cells(cells))
    return table


def letter_view(letter: Letter, paragraphs: tuple[int, int] | None = None) -> RenderableType:
    """A letter, or a passage of it, laid out for reading at a readable measure."""
    passage = passage_label(letter, paragraphs)
    pieces: list[RenderableType] = [
        _text(f"{letter.number}. {letter.title}" + (f" ({passage})" if passage else ""), style="bold"),
        _text("\n".join(metadata_lines(letter)), style="dim"),
        Text(""),
    ]
    for piece in reading(letter, paragraphs):
        if piece.kind is Kind.PRINT:
            for paragraph in piece.text.split("\n\n"):
                pieces += [_text(paragraph), Text("")]
        else:
            # The edition's words, in ⟨ ⟩ as in every other output; a remark also in italics.
            style = "italic" if piece.kind is Kind.REMARK else ""
            pieces += [_text(supplied(piece.text), style=style), Text("")]
    notes = notes_in(letter, paragraphs)
    if notes:
        pieces.append(Text("Notes", style="bold"))
        for note in notes:
            pieces.append(Padding(_text(note_line(note)), (0, 0, 0, 2)))
        pieces.append(Text(""))
    if letter.source:
        pieces.append(_text(source_line(letter, "inferred from its group"), style="dim"))
    facts = apparatus_lines(letter, paragraphs)
    if facts:
        pieces += [Text(""), Text(APPARATUS_HEADING, style="bold dim")]
        pieces += [Padding(_text(fact, style="dim"), (0, 0, 0, 2)) for fact in facts]
    return Constrain(Group(*pieces), width=MEASURE)


def letters_view(
    selection: Sequence[tuple[Letter, tuple[int, int] | None]], edition: Mapping[str, Any] | None = None
) -> RenderableType:
    """Several letters or passages, one after another, with a rule between them, and the edition
    statement after them all."""
    pieces: list[RenderableType] = []
    for index, (letter, paragraphs) in enumerate(selection):
        if index:
            pieces += [Text(""), Constrain(Rule(), width=MEASURE), Text("")]
        pieces.append(letter_view(letter, paragraphs))
    if edition is not None:
        pieces += [Text(""), Constrain(_text(edition_statement(edition), style="dim"), width=MEASURE)]
    return Group(*pieces)


def grep_view(results: Sequence[tuple[str, Sequence[Snippet]]]) -> RenderableType:
    """Matches grouped under each heading (a letter, or a dated part of it), highlighted in their
    sentences."""
    pieces: list[RenderableType] = []
    for index, (heading, found) in enumerate(results):
        if index:
            pieces.append(Text(""))
        pieces.append(_text(heading, style="bold cyan"))
        for snippet in found:
            line = Text()
            line.append(f"{snippet.where or snippet.paragraph}: ", style="dim")
            line.append_text(_highlighted(snippet))
            pieces.append(Padding(line, (0, 0, 0, 2)))
    return Constrain(Group(*pieces), width=MEASURE)


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
    table = _table(caption=f"{plural(total, 'match', 'matches')} in {plural(len(counts), 'letter')}")
    for name in COUNT_HEADER:
        table.add_column(name, justify="right" if name in ("No.", "Matches") else "left")
    for row in count_rows(counts):
        table.add_row(*_cells(row))
    return table


def plain_table_view(rows: Sequence[Sequence[str]], header: Sequence[str], right: set[int]) -> Table:
    """Rows of plain strings in the house style of tables."""
    table = _table(caption="")
    for index, name in enumerate(header):
        table.add_column(name, justify="right" if index in right else "left", overflow="fold")
    for row in rows:
        table.add_row(*_cells(row))
    return table


# People ------------------------------------------------------------------------------------------


def person_view(
    title: str,
    head: Sequence[tuple[str, str]],
    blocks: Sequence[tuple[str, Sequence[tuple[str, str, tuple[tuple[int, int], ...]]]]],
) -> RenderableType:
    """One person: who they are, then each letter's mentions, highlighted in context as grep shows them."""
    pieces: list[RenderableType] = [_text(title, style="bold")] if title else []
    for label, value in head:
        line = Text()
        line.append(f"{label}: ", style="dim")
        line.append(visible(value))
        pieces.append(line)
    for heading, lines in blocks:
        pieces += (
            [Text(""), _text(heading, style="bold cyan")] if pieces else [_text(heading, style="bold cyan")]
        )
        for label, text, highlights in lines:
            line = Text()
            line.append(f"{label}: ", style="dim")
            line.append_text(_highlighted(Snippet(0, 0, text, highlights)))
            pieces.append(Padding(line, (0, 0, 0, 2)))
    return Constrain(Group(*pieces), width=MEASURE)


def fits(table: Table, width: int) -> bool:
    """Whether a table drawn at width needs to wrap none of its cells."""
    import io

    from rich.measure import Measurement

    # Measured on an unbounded console: Rich caps a measurement at the console's width.
    measuring = Console(file=io.StringIO(), width=10_000, color_system=None)
    return Measurement.get(measuring, measuring.options, table).maximum <= width


def people_table(rows: Sequence[Sequence[str]], header: Sequence[str], numbers: set[int]) -> Table:
    """The people with their counts: ids and counts never wrap, the description takes what is left."""
    table = _table(caption="")
    for index, name in enumerate(header):
        if index in numbers:
            table.add_column(name, justify="right", no_wrap=True)
        elif index == 0:
            table.add_column(name, no_wrap=True, style="bold")
        else:
            table.add_column(name, overflow="fold", ratio=1, min_width=10)
    for row in rows:
        table.add_row(*_cells(row))
    return table


# The scholar's tools (issue 12): related letters, threads, the timeline ----------------------------

# The colours of the hands on the timeline, by code; a hand not listed takes the next of SPARE.
HAND_STYLES = {"F": "cyan", "V": "magenta", "K": "green", "-": "bright_black"}
SPARE_STYLES = ("yellow", "blue", "red", "bright_cyan", "bright_magenta", "bright_green")


def related_view(groups: Sequence[tuple[Letter, Sequence[Any]]]) -> RenderableType:
    """The letters related to one letter, each with its reasons, authority and certainty."""
    from leninletters.core.related import RELATED_HEADING

    pieces: list[RenderableType] = [Text(RELATED_HEADING, style="bold dim")]
    for other, reasons in groups:
        pieces.append(Padding(_text(f"{other.number}. {other.title} ({short_date(other)})"), (0, 0, 0, 2)))
        for relation in reasons:
            line = Text()
            line.append(f"{relation.kind}: ", style="bold")
            line.append_text(
                _text(
                    f"{relation.reason} Authority: {relation.authority}. Certainty: {relation.certainty}.",
                    style="dim",
                )
            )
            pieces.append(Padding(line, (0, 0, 0, 5)))
    return Constrain(Group(*pieces), width=MEASURE)


def dossiers_view(dossiers: Sequence[Any]) -> RenderableType:
    """The curated dossiers a letter is in, each with the query that lists it, its reason, authority and
    certainty."""
    from leninletters.core.dossiers import DOSSIERS_HEADING

    pieces: list[RenderableType] = [Text(DOSSIERS_HEADING, style="bold dim")]
    for dossier in dossiers:
        heading = _text(f"{dossier.title} ")
        heading.append_text(_text(f"(leninletters list dossier:{dossier.id})", style="dim"))
        pieces.append(Padding(heading, (0, 0, 0, 2)))
        line = f"{dossier.reason} Authority: {dossier.authority}. Certainty: {dossier.certainty}."
        pieces.append(Padding(_text(line, style="dim"), (0, 0, 0, 5)))
    return Constrain(Group(*pieces), width=MEASURE)


def show_view(
    selection: Sequence[tuple[Letter, tuple[int, int] | None]],
    groups: Sequence[Sequence[tuple[Letter, Sequence[Any]]]],
    edition: Mapping[str, Any],
    cite_line: str,
    dossiers: Sequence[Sequence[Any]] = (),
) -> RenderableType:
    """Letters to read, each with its related letters and the dossiers it is in, then the edition statement
    and how to cite."""
    pieces: list[RenderableType] = []
    for index, ((letter, paragraphs), related) in enumerate(zip(selection, groups, strict=True)):
        if index:
            pieces += [Text(""), Constrain(Rule(), width=MEASURE), Text("")]
        pieces.append(letter_view(letter, paragraphs))
        if related:
            pieces += [Text(""), related_view(related)]
        if index < len(dossiers) and dossiers[index]:
            pieces += [Text(""), dossiers_view(dossiers[index])]
    pieces += [Text(""), Constrain(_text(edition_statement(edition), style="dim"), width=MEASURE)]
    pieces.append(_text(cite_line, style="bold"))
    return Group(*pieces)


def thread_view(
    index: Sequence[str],
    selection: Sequence[tuple[Letter, tuple[int, int] | None]],
    edition: Mapping[str, Any],
) -> RenderableType:
    """A thread: its list of letters, then the letters in full."""
    heading = [_text(index[0], style="bold")]
    heading += [_text(line, style="bold cyan" if line.startswith(">") else "") for line in index[1:]]
    return Group(
        *heading, Text(""), Constrain(Rule(), width=MEASURE), Text(""), letters_view(selection, edition)
    )


def _hand_style(code: str, styles: dict[str, str]) -> str:
    upper = code.upper()
    if upper not in styles:
        styles[upper] = SPARE_STYLES[(len(styles) - len(HAND_STYLES)) % len(SPARE_STYLES)]
    # A hand the standard edition attributes, not printed, is drawn in the same colour, dimmed.
    return styles[upper] if code.isupper() or code == "-" else f"{styles[upper]} dim"


def timeline_view(table: Sequence[Any], marks: Sequence[Any], width: int) -> RenderableType:
    """The day-by-day timeline: coloured marks by hand, titles cut to the width (a day is one line), gaps
    and the legend wrapped rather than cut, since every word of them counts."""
    from leninletters.core.timeline import (
        INDENT,
        PLAIN_MARKS,
        RICH_MARKS,
        day_label,
        gap_words,
        legend,
        month_heading,
    )

    # A terminal that cannot show ● ┆ · (PYTHONIOENCODING=ascii, a Latin-1 terminal) gets the plain marks.
    drawn = _encodes(RICH_MARKS.values(), "┆·")
    marks_shown, gap_mark, empty_mark = (RICH_MARKS, "┆", "·") if drawn else (PLAIN_MARKS, ":", ".")
    styles = dict(HAND_STYLES)
    pieces: list[RenderableType] = []
    for row in table:
        if row.kind == "month":
            pieces.append(_text(month_heading(row.first), style="bold"))
        elif row.kind == "gap":
            words = gap_words(row)
            head, _, tail = words.partition(" (")
            lead = f"{INDENT}  {gap_mark}  "
            # Where the line is too long, the dates go on a line of their own (months abbreviated where
            # they are still too long), the gap's mark kept.
            if len(lead) + len(words) <= width:
                shown = [words]
            else:
                tail = tail if len(lead) + len(tail) + 1 <= width else gap_words(row, True).partition(" (")[2]
                shown = [head, f"({tail}"]
            pieces += [_text(lead + line, style="dim") for line in shown]
        elif not row.marks:
            pieces.append(_text(f"{day_label(row.first)}  {empty_mark}", style="dim"))
        else:
            for number, mark in enumerate(row.marks):
                line = Text(f"{day_label(row.first) if number == 0 else INDENT}  ")
                line.append(marks_shown[mark.kind] + mark.hand, style=_hand_style(mark.hand, styles))
                line.append(" ")
                line.append_text(_text(mark.label))
                line.no_wrap = True
                line.truncate(width, overflow="ellipsis")
                pieces.append(line)
    pieces += [_text(line, style="dim") for line in legend(marks, marks_shown)]
    return Group(*pieces)


def _encodes(*texts: Any) -> bool:
    """Whether stdout's encoding can write every character of the texts."""
    import sys

    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        "".join("".join(text) for text in texts).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def histogram_view(table: Sequence[Any], by: Any, width: int) -> RenderableType:
    """The letters counted by period, as bars in proportion to the width."""
    from leninletters.core.timeline import bar_length

    most = max((len(b.letters) for b in table), default=0)
    label_width = max((len(b.label(by)) for b in table), default=0)
    digits = len(str(most))
    room = max(1, width - label_width - digits - 3)
    lines: list[Text] = []
    for b in table:
        count = len(b.letters)
        line = Text(f"{b.label(by):<{label_width}}  {count:>{digits}} ")
        line.append("█" * bar_length(count, most, room), style="cyan")
        line.rstrip()
        lines.append(line)
    return Group(*lines)


def lines_view(lines: Sequence[str]) -> RenderableType:
    """Lines of data, each wrapped at the width rather than cut."""
    return Group(*(_text(line) for line in lines))
