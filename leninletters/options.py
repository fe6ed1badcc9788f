"""The command line's shared options, each defined once, and how the filters become one Filter."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from leninletters.model import Filter
from leninletters.query import make_filter

FILTERS = "Filters"
SEARCH = "Search"
OUTPUT = "Output"

DateFrom = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="Letters dated on or after DATE: YYYY, YYYY-MM or YYYY-MM-DD (1923 starts on 1 January).",
        rich_help_panel=FILTERS,
        show_default=False,
    ),
]
DateTo = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="DATE",
        help="Letters dated on or before DATE: YYYY, YYYY-MM or YYYY-MM-DD (1922-12 ends on 31 December).",
        rich_help_panel=FILTERS,
        show_default=False,
    ),
]
Recipient = Annotated[
    list[str] | None,
    typer.Option(
        "--recipient",
        "-r",
        metavar="NAME",
        help="Letters to NAME, sent or copied (a surname is enough; repeat for any of several).",
        rich_help_panel=FILTERS,
        show_default=False,
    ),
]
Scribe = Annotated[
    str | None,
    typer.Option(
        "--scribe",
        "-s",
        metavar="NAME",
        help="Letters taken down by NAME: L.F., M.V., fotieva, volodicheva; 'none' for no scribe printed.",
        rich_help_panel=FILTERS,
        show_default=False,
    ),
]
Keyword = Annotated[
    list[str] | None,
    typer.Option(
        "--keyword",
        "-k",
        metavar="TEXT",
        help="Letters whose text contains TEXT, any case, ’ as ' (repeat: all of them).",
        rich_help_panel=FILTERS,
        show_default=False,
    ),
]
Json = Annotated[
    bool,
    typer.Option("--json", help="Print JSON instead of a table or text.", rich_help_panel=OUTPUT),
]
References = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="REF...",
        help="A letter's number (9), slug (testament) or date (1922-12-29, or 1922-12 for a month).",
        show_default=False,
    ),
]
CorpusPath = Annotated[
    Path | None,
    typer.Option(
        "--corpus",
        metavar="PATH",
        help="Browse another corpus file of the same shape (docs/corpus.md). Also: $LENINLETTERS_CORPUS.",
        show_default=False,
        dir_okay=True,
    ),
]


class Format(StrEnum):
    """Export formats."""

    text = "text"
    markdown = "markdown"
    json = "json"


def to_filter(
    date_from: str | None,
    date_to: str | None,
    recipient: list[str] | None,
    scribe: str | None,
    keyword: list[str] | None,
) -> Filter:
    """The filter value the shared options describe."""
    return make_filter(
        date_from=date_from,
        date_to=date_to,
        recipients=recipient or (),
        scribe=scribe,
        keywords=keyword or (),
    )
