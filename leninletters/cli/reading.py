"""`leninletters read`: the interactive reader, started from the command line.

The reader (leninletters.reader) is a second front end over the same door, built on Textual, an optional
extra: this command is the only one that imports it, and says how to install it where it is missing.
"""

# No `from __future__ import annotations`: Typer reads these annotations at run time (see app.py).
import sys
from typing import Annotated

import typer

from leninletters.cli.options import complete_query
from leninletters.core.errors import ExitStatus, InputError
from leninletters.ui.streams import say
from leninletters.ui.terminal import is_terminal

NO_TERMINAL = "read is interactive and needs a terminal: for a pipe or a file use list, show or export"
INSTALL_HINT = "the reader needs Textual: pip install 'leninletters[reader]'"

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
    from leninletters.core import querylang
    from leninletters.store import edition as door

    text = querylang.join(query) if query else ""
    if query:
        querylang.parse(text)  # a malformed query is one line before the screen is taken, not after
    try:
        from leninletters.reader.app import run
    except ImportError:
        say(f"error: {INSTALL_HINT}")
        raise typer.Exit(ExitStatus.ERROR) from None
    if not (is_terminal(sys.stdin) and is_terminal(sys.stderr)):
        # Textual draws on stderr and reads keys from stdin: without a terminal there it would write
        # its escape sequences into a file and wait for keys that never come.
        raise InputError(NO_TERMINAL)
    state = ctx.find_root().obj
    edition = door.open_edition(getattr(state, "corpus_path", None))
    raise typer.Exit(run(edition, text))
