"""The console script's first step: Ctrl-C while the tool is still being imported ends in one line too.

Importing the command line (Typer, Click and the rest) takes most of a small command's time; a Ctrl-C
then would otherwise print a traceback. Point the console script here (leninletters.cli.launch:main).
It imports the command line's root, not the whole app: a run imports the module of the command it names
and no other (cli/root.py), so `read` starts the reader without building list, grep or export.
"""

import sys


def main() -> None:
    """Import the command line and run it; a Ctrl-C during the import is status 130 and one line."""
    try:
        from leninletters.cli.root import run
    except KeyboardInterrupt:
        if sys.stderr is not None:
            try:
                sys.stderr.write("leninletters: interrupted\n")
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
