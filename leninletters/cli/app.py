"""The command line as one app: every command registered (cli/root.py makes it), and the console script.

`app` is the whole command line, for embedding and for Typer's test runner; `main()` runs one command line,
building only the command it names (see root.app_for), as often as it is called.
"""

from leninletters.cli.root import new_app, run

app = new_app()


def main() -> None:
    """The console script (leninletters.cli.launch:main runs the same, importing less first)."""
    run()


__all__ = ["app", "main"]
