"""What `leninletters read` does once its words are read, without Typer: check the query, make sure the
reader can run here, open the edition and hand it over.

The `read` command (cli/reading.py) calls it after Typer has parsed the line; the console script
(cli/launch.py) calls it straight away for the plain forms of `read`, so that the reader's first screen
does not wait for the whole command line to be imported and built. One body, so both ways behave alike.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

NO_TERMINAL = "read is interactive and needs a terminal: for a pipe or a file use list, show or export"
INSTALL_HINT = "the reader needs Textual: pip install 'leninletters[reader]'"


def start_reader(corpus_path: str | os.PathLike[str] | None, words: Sequence[str] = ()) -> int:
    """Run the reader on the corpus (the bundled edition for None), starting with the letters the query's
    words select; the status it ends with."""
    from leninletters.store import asking
    from leninletters.store import edition as door
    from leninletters.ui.messages import ExitStatus, InputError
    from leninletters.ui.streams import say
    from leninletters.ui.terminal import is_terminal

    text = asking.join_query(words) if words else ""
    if words:
        asking.parse_query(text)  # a malformed query is one line before the screen is taken, not after
    try:
        from leninletters.reader.app import run
    except ImportError:
        say(f"error: {INSTALL_HINT}")
        return ExitStatus.ERROR
    if not (is_terminal(sys.stdin) and is_terminal(sys.stderr)):
        # Textual draws on stderr and reads keys from stdin: without a terminal there it would write
        # its escape sequences into a file and wait for keys that never come.
        raise InputError(NO_TERMINAL)
    return run(door.open_edition(corpus_path), text)


# The top-level options a plain `read` may follow; any other word before it (--help, --version, a
# mistyped option) is for the whole command line to answer.
FLAGS = frozenset({"--no-index", "--no-reindex"})


def plain_read(arguments: Sequence[str]) -> tuple[Path | None, list[str]] | None:
    """The corpus and the query's words of a plain `read` line: [--corpus PATH] [--no-index]
    [--no-reindex] read [WORD...] [-- WORD...], no word before `--` an option. None for anything else
    (help, completion, another command, an option of read's), which the whole command line answers."""
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return None
    words = list(arguments)
    corpus: str | None = None
    while words and words[0] != "read":
        option = words.pop(0)
        if option == "--corpus" and words and words[0]:
            corpus = words.pop(0)
        elif option.startswith("--corpus=") and option != "--corpus=":
            corpus = option.partition("=")[2]
        elif option not in FLAGS:
            return None
    if not words:
        return None
    query = words[1:]
    dashes = query.index("--") if "--" in query else len(query)
    if any(word.startswith("-") for word in query[:dashes]):
        return None
    del query[dashes : dashes + 1]
    found = Path(corpus) if corpus is not None else None
    return found, query
