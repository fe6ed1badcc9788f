"""The command line: the Typer app, its top-level options, and the commands registered from their modules."""

# No `from __future__ import annotations` here: Typer would have to eval every string annotation of every
# command on each run (a fifth of a small command's time); real annotations cost nothing to read.
import copy
import gc
import inspect
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from leninletters import __version__
from leninletters.cli import importing, indexing, letters, reading, scholar, searching
from leninletters.cli.context import QUERY_HELP, State
from leninletters.cli.failures import LettersGroup, ending
from leninletters.cli.options import CorpusPath
from leninletters.cli.shells import INSTALL_COMPLETION, SHOW_COMPLETION
from leninletters.store import edition as door
from leninletters.ui.streams import PROG, tolerant_streams

app = typer.Typer(
    cls=LettersGroup,
    name=PROG,
    help=(
        "Browse Lenin's last letters and notes (12 December 1922 – 6 March 1923): list them by date, "
        "read one, find every mention of a person, export a selection, cite a letter, see the months.\n\n"
        "Examples:\n\n"
        "  leninletters list --to 1922-12\n\n"
        "  leninletters show testament\n\n"
        "  leninletters grep Ordzhonikidze -C 1\n\n"
        "  leninletters export --recipient trotsky -o trotsky.txt\n\n"
        "  leninletters cite testament --style bibtex\n\n"
        "  leninletters timeline --by week"
    ),
    epilog="Exit status: 0 done; 1 grep found nothing or validate found problems; 2 error; "
    "3 import skipped some files; 70 internal error "
    "(a bug); 74 output could not be written; 130 interrupted; 141 the reader of a pipe went away.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    invoke_without_command=True,
    # Our own --install-completion and --show-completion take the shell's name (see _completion_script).
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    corpus_path: CorpusPath = None,
    no_index: Annotated[
        bool, typer.Option("--no-index", help="Read the corpus file, not its index (leninletters index).")
    ] = False,
    no_reindex: Annotated[
        bool, typer.Option("--no-reindex", help="Refuse a changed corpus rather than index it again.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            INSTALL_COMPLETION,
            metavar="[SHELL]",
            help="Install Tab completion for SHELL (bash, zsh or fish), or for the shell you run.",
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            SHOW_COMPLETION,
            metavar="[SHELL]",
            help="Print the completion script for SHELL (bash, zsh or fish), or for the shell you run.",
        ),
    ] = False,
) -> None:
    """Browse Lenin's last letters and notes."""
    ctx.obj = State(corpus_path or door.default_corpus(), not no_index, not no_reindex)
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())


# Commands: each in the module of its kind, registered here in the order --help lists them.
app.command("list", epilog=QUERY_HELP)(letters.list_letters)
app.command(context_settings={"ignore_unknown_options": True})(letters.show)
app.command(epilog=QUERY_HELP)(searching.grep)
app.command("export", epilog=QUERY_HELP)(letters.export_letters)
app.command()(letters.validate)
app.command()(scholar.people)
app.command()(scholar.cite)
app.command(epilog=QUERY_HELP)(scholar.timeline)
app.command("read", epilog=QUERY_HELP)(reading.read)  # the interactive reader (leninletters/reader)
app.command()(indexing.index)  # last in the list: a big corpus's concern, not a reader's first
app.command("import")(importing.import_letters)  # TEI and CMIF into a corpus (leninletters/importers)


def one_line_paragraphs(doc: str) -> str:
    """A docstring as help: each prose paragraph on one line, the indented examples as written.

    Typer keeps a docstring's line breaks inside a paragraph, and Rich then wraps each source line on its
    own: a sentence broke where the source line ended. Unbroken, Rich wraps it at the terminal's width.
    """
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(
        paragraph if paragraph.startswith(" ") else " ".join(paragraph.split()) for paragraph in paragraphs
    )


for _info in app.registered_commands:
    if _info.help is None and _info.callback is not None and _info.callback.__doc__:
        _info.help = one_line_paragraphs(_info.callback.__doc__)


def main() -> None:
    """The console script."""
    # What is imported by now lives until exit: keep the collector, and the final collection at exit,
    # from walking it (about 8 ms of a 60 ms run).
    gc.freeze()
    try:
        try:
            tolerant_streams()
            only_the_invoked_command(sys.argv[1:])()
        finally:
            sys.stdout.flush()
    except (Exception, KeyboardInterrupt) as error:
        # Outside a command too (while Typer starts, or flushing at exit), an error is one line.
        sys.exit(ending(error))


def only_the_invoked_command(arguments: Sequence[str]) -> typer.Typer:
    """The app with only the command a run names, so that Typer builds no other (it turns every
    command's signature into Click objects on each run); a copy, so the app itself is never changed and
    runs any command again. The whole app where it is needed: no command named (help, the list of
    commands, a mistyped name) and shell completion."""
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return app
    words = list(arguments)
    while words and words[0].startswith("-"):  # the options before the command: --corpus PATH
        option = words.pop(0)
        if option == "--corpus" and words:
            words.pop(0)
    named = [info for info in app.registered_commands if words and _command_name(info) == words[0]]
    if not named:
        return app
    trimmed = copy.copy(app)
    trimmed.registered_commands = named
    return trimmed


def _command_name(info: Any) -> str:
    return str(info.name or info.callback.__name__.replace("_", "-"))
