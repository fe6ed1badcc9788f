"""`leninletters read`: the interactive reader, started from the command line.

The reader (leninletters.reader) is a second front end over the same door, built on Textual, an optional
extra: this command is the only one that imports it, and says how to install it where it is missing. What
it does once its words are read is reader_start.start_reader, which the console script also calls
straight away for a plain `read` (see launch.py).
"""

# No `from __future__ import annotations`: Typer reads these annotations at run time (see root.py).
from typing import Annotated

import typer

from leninletters.cli.options import complete_query
from leninletters.cli.reader_start import INSTALL_HINT as INSTALL_HINT
from leninletters.cli.reader_start import NO_TERMINAL as NO_TERMINAL
from leninletters.cli.reader_start import start_reader

ReadQuery = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[QUERY]...",
        help="Start with the letters a query selects (the query language of list); / asks another.",
        show_default=False,
        autocompletion=complete_query,
    ),
]


def read(ctx: typer.Context, query: ReadQuery = None) -> None:
    """Read the letters interactively: the list beside the letter, / to ask, n/N through the matches,
    p for the people a letter names, Esc to go back, ? for every key.

    Examples:

      leninletters read

      leninletters read 'date:1923-01'

      leninletters --corpus my-letters.json read
    """
    state = ctx.find_root().obj
    raise typer.Exit(start_reader(getattr(state, "corpus_path", None), query or []))
