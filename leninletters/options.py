"""The command line's shared options, each defined once, and how the filters become one Filter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from leninletters import dates, predicates
from leninletters.errors import InputError
from leninletters.output import Color
from leninletters.predicates import EVERYTHING, Predicate, all_of, any_of

FILTERS = "Filters"
SEARCH = "Search"
OUTPUT = "Output"

REPEAT_RULE = "The same option repeated means any of its values; different options all apply."

DateFrom = Annotated[
    list[str] | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="Letters with a part dated on or after DATE: YYYY, YYYY-MM or YYYY-MM-DD (1923 is 1 January).",
        rich_help_panel=FILTERS,
        show_default=False,
    ),
]
DateTo = Annotated[
    list[str] | None,
    typer.Option(
        "--to",
        metavar="DATE",
        help="Letters with a part dated on or before DATE: YYYY, YYYY-MM or YYYY-MM-DD (1922-12 ends on "
        "the 31st).",
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
        help="Letters to NAME, sent or copied (a surname is enough). Repeat for any of several.",
        rich_help_panel=FILTERS,
        show_default=False,
    ),
]
Scribe = Annotated[
    list[str] | None,
    typer.Option(
        "--scribe",
        "-s",
        metavar="NAME",
        help="Letters taken down by NAME: L.F., M.V., fotieva, volodicheva; 'none' for no scribe printed. "
        "Repeat for any of several.",
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
        help="Letters whose text contains TEXT, any case, ’ as '. Repeat for any of several.",
        rich_help_panel=FILTERS,
        show_default=False,
    ),
]
Query = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[QUERY]...",
        help="A query: to:NAME cc:NAME scribe:NAME date:A..B number:A..B section:NAME secret: slug:NAME, "
        'words and "phrases"; and, or, not, -term, ( ). A query that starts with - goes after --.',
        show_default=False,
    ),
]
Explain = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Print how the query and options were understood, and stop.",
        rich_help_panel=FILTERS,
    ),
]
ColorChoice = Annotated[
    Color,
    typer.Option(
        "--color",
        help="Colour: auto (on a terminal), always, never. Also: NO_COLOR, FORCE_COLOR.",
        rich_help_panel=OUTPUT,
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


def _once(values: list[str] | None, flag: str) -> str | None:
    if not values:
        return None
    if len(values) > 1:
        raise InputError(
            f"{flag} can be given once (it bounds a range); for several ranges use a query: "
            "'date:1922-12 or date:1923-03'"
        )
    return values[0]


def _named(values: list[str] | None, flag: str, needs: str) -> list[str]:
    cleaned = [value.strip() for value in values or ()]
    if any(not value for value in cleaned):
        raise InputError(f"{flag} needs {needs}")
    return cleaned


# What Click makes of a query term glued to a short option: `-scribe:L.F.` is read as `-s cribe:L.F.`.
GLUED_TERM = re.compile(r"(cribe|ection|ecret|lug):")


def to_predicate(
    *,
    date_from: list[str] | None = None,
    date_to: list[str] | None = None,
    recipient: list[str] | None = None,
    scribe: list[str] | None = None,
    keyword: list[str] | None = None,
    query: list[str] | None = None,
) -> Predicate:
    """The one predicate the options and the query describe: each option's values any, all of them and
    the query together."""
    terms: list[Predicate] = []
    start_text, end_text = _once(date_from, "--from"), _once(date_to, "--to")
    if start_text is not None or end_text is not None:
        start, end = dates.span(start_text, end_text)
        terms.append(predicates.DateRange(start, end))
    for value in scribe or ():
        if GLUED_TERM.match(value):
            raise InputError(
                f"'-s{value}' was read as --scribe {value!r}: a query term that starts with '-' goes after "
                f"'--', for example: leninletters list -- -s{value}"
            )
    for values, flag, needs, make in (
        (recipient, "--recipient", "a name, for example --recipient trotsky", predicates.Recipient),
        (scribe, "--scribe", "L.F., M.V., a name, or 'none'", predicates.Scribe),
        (keyword, "--keyword", "some text, for example --keyword monopoly", predicates.Phrase),
    ):
        names = _named(values, flag, needs)
        if names:
            terms.append(any_of(make(name) for name in names))
    if query:
        from leninletters import querylang  # only a query pays for its parser

        terms.append(querylang.parse(querylang.join(query)))
    return all_of(terms) if terms else EVERYTHING
