"""Plain listings for pipes, grep and head: aligned tables, grep lines, counts. No Rich."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from leninletters.core.dating import short_date
from leninletters.core.model import Letter
from leninletters.core.present import COUNT_HEADER, LIST_HEADER, list_rows

if TYPE_CHECKING:
    from leninletters.core.search import Snippet


def plain_table(rows: Sequence[Sequence[str]], header: Sequence[str], right: set[int]) -> Iterator[str]:
    """Aligned columns, one row a line, never wrapped: for pipes, grep and head."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        yield "  ".join(cells).rstrip() + "\n"


def aligned(
    rows: Sequence[Sequence[str]], widths: Sequence[int], header: Sequence[str] | None, right: set[int]
) -> Iterator[str]:
    """Rows (after a header, where one is given) in columns of the given widths, never wrapped: one
    block of a list that leaves as it is found."""
    for row in [header, *rows] if header is not None else rows:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        yield "  ".join(cells).rstrip() + "\n"


def plain_list(letters: Sequence[Letter]) -> Iterator[str]:
    return plain_table(list_rows(letters), LIST_HEADER, right={0, 3})


def plain_grep(results: Iterable[tuple[str, Sequence[Snippet]]]) -> Iterator[str]:
    """Matches grouped under each heading (a letter, or a part of it), one snippet a line, prefixed by
    its paragraph number."""
    for index, (heading, found) in enumerate(results):
        if index:
            yield "\n"
        yield heading + "\n"
        for snippet in found:
            yield f"  {snippet.where or snippet.paragraph}: {snippet.text}\n"


def plain_counts(counts: Sequence[tuple[Letter, int]]) -> Iterator[str]:
    """Matches per letter, aligned (the total goes to stderr, as list's count does); formatted directly, as
    it may run to 100,000 rows."""
    number_head, date_head, count_head, title_head = COUNT_HEADER
    wide = max([len(number_head), *(len(str(letter.number)) for letter, _ in counts)])
    many = max([len(count_head), *(len(str(n)) for _, n in counts)])
    yield f"{number_head:>{wide}}  {date_head:<10}  {count_head:>{many}}  {title_head}\n"
    for letter, n in counts:
        yield f"{letter.number:>{wide}}  {short_date(letter)}  {n:>{many}}  {letter.title}\n"
