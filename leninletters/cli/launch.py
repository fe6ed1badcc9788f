"""The console script's first step: Ctrl-C while the tool is still being imported ends in one line too.

Importing the command line (Typer, Click and the rest) takes most of a small command's time; a Ctrl-C
then would otherwise print a traceback. Point the console script here (leninletters.cli.launch:main).
It imports the command line's root, not the whole app: a run imports the module of the command it names
and no other (cli/root.py). A plain `read` (reader_start.plain_read) starts the reader without Typer at
all, so that its first screen waits for no command line; every other form of `read` goes through Typer,
with the same options, help and errors.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def main() -> None:
    """Import the command line and run it; a Ctrl-C during the import is status 130 and one line."""
    try:
        from leninletters.cli.reader_start import plain_read

        reading = plain_read(sys.argv[1:])
        if reading is None:
            from leninletters.cli.root import run
    except KeyboardInterrupt:
        if sys.stderr is not None:
            try:
                sys.stderr.write("leninletters: interrupted\n")
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
        sys.exit(130)
    if reading is None:
        run()
        return
    read(*reading)


def read(corpus: Path | None, words: list[str]) -> None:
    """`read` without Typer: what the command would do, ending as every command ends."""
    from leninletters.cli.reader_start import start_reader
    from leninletters.store.edition import default_corpus
    from leninletters.ui.messages import ending
    from leninletters.ui.streams import tolerant_streams

    try:
        try:
            tolerant_streams()
            status = start_reader(corpus or default_corpus(), words)
        finally:
            sys.stdout.flush()
    except (Exception, KeyboardInterrupt) as error:
        sys.exit(ending(error))
    sys.exit(status)


if __name__ == "__main__":
    main()
