"""The command line's shared options, each defined once (an Annotated alias per option, which every command
that takes it names); the filters among them are collected into the door's Filters (store/asking.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from leninletters.ui.messages import InputError, shortened
from leninletters.ui.output import Color

FILTERS = "Filters"
SEARCH = "Search"
OUTPUT = "Output"

REPEAT_RULE = "The same option repeated means any of its values; different options all apply."


# Completion: what Tab offers for each option and argument (leninletters.cli.completion, imported on Tab).


def _corpus(ctx: typer.Context) -> Path | None:
    from leninletters.cli.completion import corpus_path

    return corpus_path(ctx.find_root().params.get("corpus_path"))


def complete_person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from leninletters.cli import completion

    return completion.people(incomplete, _corpus(ctx))


def complete_scribe(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from leninletters.cli import completion

    return completion.scribes(incomplete, _corpus(ctx))


def complete_reference(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from leninletters.cli import completion

    return completion.references(incomplete, _corpus(ctx))


def complete_query(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from leninletters.cli import completion

    return completion.query(incomplete, _corpus(ctx))


def complete_words(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """References and query terms: what export's arguments may be."""
    from leninletters.cli import completion

    where = _corpus(ctx)
    found = completion.references(incomplete, where) + completion.query(incomplete, where)
    return list(dict(found).items())


def complete_style(incomplete: str) -> list[tuple[str, str]]:
    """cite's styles."""
    from leninletters.formats.cite import Style

    return [(style.value, "") for style in Style if style.value.startswith(incomplete.lower())]


def complete_period(incomplete: str) -> list[tuple[str, str]]:
    """timeline's periods."""
    from leninletters.store.edition import PERIODS

    return [(period, "") for period in PERIODS if period.startswith(incomplete.lower())]


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
        help="Letters to NAME, sent or copied (a surname is enough, in any spelling or script). Repeat for "
        "any of several.",
        rich_help_panel=FILTERS,
        show_default=False,
        autocompletion=complete_person,
    ),
]
Scribe = Annotated[
    list[str] | None,
    typer.Option(
        "--scribe",
        "-s",
        metavar="NAME",
        help="Letters taken down by NAME: L.F., M.V., fotieva, volodicheva, krupskaya (a hand the edition "
        "attributes); 'none' for no scribe printed or attributed. Repeat for any of several.",
        rich_help_panel=FILTERS,
        show_default=False,
        autocompletion=complete_scribe,
    ),
]
Person = Annotated[
    list[str] | None,
    typer.Option(
        "--person",
        "-p",
        metavar="NAME",
        help="Letters that name NAME, in any spelling or script (trotzki, Троцкий, krupskaya finds "
        "'N.K. Ulyanova'): in the text, a heading, a note, or as addressee, copy, scribe or writer. "
        "Repeat for any of several.",
        rich_help_panel=FILTERS,
        show_default=False,
        autocompletion=complete_person,
    ),
]
Editorial = Annotated[
    bool,
    typer.Option(
        "--editorial",
        help="Count the editor's square-bracket insertions as naming a person too (The Georgian \\[Stalin]).",
        rich_help_panel=FILTERS,
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
        help="A query: to:NAME from:NAME cc:NAME person:NAME scribe:NAME date:A..B date:none number:A..B "
        "section:NAME place:NAME secret: slug:NAME dossier:NAME, "
        'words (by stem; rud* a prefix), "exact words", text:TEXT; and, or, not, -term, ( ). '
        "A query that starts with - goes after --.",
        show_default=False,
        autocompletion=complete_query,
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
NoPager = Annotated[
    bool,
    typer.Option(
        "--no-pager", help="Never page, even on a terminal (else $PAGER or less).", rich_help_panel=OUTPUT
    ),
]
References = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="REF...",
        help="A letter's number (9), slug (testament) or date (1922-12-29, or 1922-12 for a month).",
        show_default=False,
        autocompletion=complete_reference,
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


# Where the words given after `--` are kept for the run (Click's meta is shared by every context of it).
AFTER_DASHES = "leninletters.after_dashes"


def refuse_mistyped_options(ctx: typer.Context, references: Sequence[str]) -> None:
    """show takes unknown options as references, so that `show -1` is a letter number; before `--`, a word
    with a dash that is no number is a mistyped option. After `--` every word is a reference."""
    after = min(int(ctx.meta.get(AFTER_DASHES, 0)), len(references))
    for word in references[: len(references) - after]:
        if word.startswith("-") and not word[1:].isdecimal():
            raise InputError(f"no such option: {shortened(word)} (see '{ctx.command_path} --help')")
