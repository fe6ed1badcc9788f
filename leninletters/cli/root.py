"""The Typer app, made for a run: its top-level options, and the commands it names, each imported from its
module only when the run needs it.

A run that names a command (`leninletters list --json`) gets an app holding that command alone: the other
commands' modules are never imported, and Typer turns no other signature into Click objects. Help, a
mistyped name and Tab completion get the whole app. Each call makes a new app, so nothing is ever cut
down or changed in place and a process may run commands any number of times.
"""

# No `from __future__ import annotations` here: Typer would have to eval every string annotation of every
# command on each run (a fifth of a small command's time); real annotations cost nothing to read.
import gc
import importlib
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, NamedTuple

import typer

from leninletters import __version__
from leninletters.cli.context import QUERY_HELP, State
from leninletters.cli.failures import LettersGroup
from leninletters.cli.options import CorpusPath
from leninletters.cli.scripts import (
    COMPLETE_VAR,
    INSTALL_COMPLETION,
    SHOW_COMPLETION,
    WORD_SEPARATOR,
    WORDS_VAR,
)
from leninletters.store import edition as door
from leninletters.ui.messages import ending
from leninletters.ui.streams import PROG, tolerant_streams

HELP = (
    "Browse Lenin's last letters and notes (12 December 1922 – 6 March 1923): list them by date, "
    "read one, find every mention of a person, export a selection, cite a letter, see the months.\n\n"
    "Examples:\n\n"
    "  leninletters list --to 1922-12\n\n"
    "  leninletters show testament\n\n"
    "  leninletters grep Ordzhonikidze -C 1\n\n"
    "  leninletters export --recipient trotsky -o trotsky.txt\n\n"
    "  leninletters cite testament --style bibtex\n\n"
    "  leninletters timeline --by week"
)
EPILOG = (
    "Exit status: 0 done; 1 grep found nothing or validate found problems; 2 error; "
    "3 import skipped some files; 70 internal error "
    "(a bug); 74 output could not be written; 130 interrupted; 141 the reader of a pipe went away."
)


class Command(NamedTuple):
    """A command as the app registers it: its name, where its function lives, and Typer's settings."""

    name: str
    module: str
    function: str
    settings: dict[str, Any]


# In the order --help lists them; index last: a big corpus's concern, not a reader's first.
COMMANDS = (
    Command("list", "letters", "list_letters", {"epilog": QUERY_HELP}),
    Command("show", "letters", "show", {"context_settings": {"ignore_unknown_options": True}}),
    Command("grep", "searching", "grep", {"epilog": QUERY_HELP}),
    Command("export", "letters", "export_letters", {"epilog": QUERY_HELP}),
    Command("validate", "letters", "validate", {}),
    Command("people", "scholar", "people", {}),
    Command("cite", "scholar", "cite", {}),
    Command("timeline", "scholar", "timeline", {"epilog": QUERY_HELP}),
    Command("read", "reading", "read", {"epilog": QUERY_HELP}),  # the reader (leninletters/reader)
    Command("index", "indexing", "index", {}),
    Command("import", "importing", "import_letters", {}),  # TEI and CMIF into a corpus (importers/)
)
NAMES = frozenset(command.name for command in COMMANDS)


def _version(value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}")
        raise typer.Exit()


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


def new_app(names: Sequence[str] | None = None, *, names_only: bool = False) -> typer.Typer:
    """The app with the commands named (every command for None), in --help's order. With names_only,
    each command is its name and help alone, without its options: what Tab on a command's name offers,
    without Typer turning every command's signature into Click objects."""
    app = typer.Typer(
        cls=LettersGroup,
        name=PROG,
        help=HELP,
        epilog=EPILOG,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
        invoke_without_command=True,
        # Our own --install-completion and --show-completion take the shell's name (see shells.py).
        add_completion=False,
    )
    app.callback()(main_options)
    # bash lists the names alone: each command's help (its module's docstring) is not imported for it.
    bare = names_only and os.environ.get(COMPLETE_VAR) == "complete_bash"
    for command in COMMANDS:
        if names is None or command.name in names:
            function = _named_only if bare else _function(command)
            registered = _named_only if names_only else function
            help_text = None if bare else _help(function)
            app.command(command.name, help=help_text, **command.settings)(registered)
    return app


def _named_only() -> None:
    """A command as Tab on its name sees it: nothing runs it, and it takes no options."""


def _function(command: Command) -> Callable[..., Any]:
    module = importlib.import_module(f"leninletters.cli.{command.module}")
    found: Callable[..., Any] = getattr(module, command.function)
    return found


def _help(function: Callable[..., Any]) -> str | None:
    return one_line_paragraphs(function.__doc__) if function.__doc__ else None


def one_line_paragraphs(doc: str) -> str:
    """A docstring as help: each prose paragraph on one line, the indented examples as written.

    Typer keeps a docstring's line breaks inside a paragraph, and Rich then wraps each source line on its
    own: a sentence broke where the source line ended. Unbroken, Rich wraps it at the terminal's width.
    """
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(
        paragraph if paragraph.startswith(" ") else " ".join(paragraph.split()) for paragraph in paragraphs
    )


def invoked(arguments: Sequence[str]) -> str | None:
    """The command a run names, past the options before it (--corpus PATH); None where it names none we
    know (help, the list of commands, a mistyped name): those need every command. A Tab completion names
    its command among the words before the one being completed (completing the command's own name
    needs every command)."""
    words = list(arguments)
    if any(name.endswith("_COMPLETE") for name in os.environ):
        before = _words_before_the_cursor()
        if before is None:
            return None
        words = before
    while words and words[0].startswith("-"):
        option = words.pop(0)
        if option == "--corpus" and words:
            words.pop(0)
    return words[0] if words and words[0] in NAMES else None


def _words_before_the_cursor() -> list[str] | None:
    """The words a Tab completion has before the one it completes, as its shell's script passes them
    (shells.py reads them the same way); None where they cannot be told simply (a quote, a backslash)."""
    shell = os.environ.get(COMPLETE_VAR, "")
    if shell == "complete_bash":
        line = os.fsencode(os.environ.get("COMP_LINE", ""))
        point = os.environ.get("COMP_POINT", "")
        typed = os.fsdecode(line[: int(point)] if point.isdecimal() else line)
        words = typed.split()[1:]  # the program's name first
        if words and not typed[-1:].isspace():
            words.pop()  # the word being completed
    elif shell in ("complete_zsh", "complete_fish"):
        joined = os.environ.get(WORDS_VAR, "")
        words = joined.split(WORD_SEPARATOR) if joined else []
    else:
        return None
    return None if any(mark in word for word in words for mark in "'\"\\") else words


def app_for(arguments: Sequence[str]) -> typer.Typer:
    """The app a run with these arguments needs: the command it names alone, or every command (with
    their names and help alone where Tab completes a command's name)."""
    name = invoked(arguments)
    if name is not None:
        return new_app([name])
    return new_app(names_only=_completing_a_command_name())


def _completing_a_command_name() -> bool:
    """Whether a Tab completes the first word after the top-level options: a command's name, or one of
    those options (which the app's own callback answers whatever its commands hold)."""
    if not any(name.endswith("_COMPLETE") for name in os.environ):
        return False
    before = _words_before_the_cursor()
    if before is None:
        return False
    while before and before[0].startswith("-"):
        option = before.pop(0)
        if option == "--corpus" and before:
            before.pop(0)
    return not before


def run(arguments: Sequence[str] | None = None) -> None:
    """Run the command line once, on these arguments (sys.argv's by default); every ending is one line
    and a documented status."""
    words = sys.argv[1:] if arguments is None else list(arguments)
    # What is imported by now lives until exit: keep the collector, and the final collection at exit,
    # from walking it (about 8 ms of a 60 ms run).
    gc.freeze()
    try:
        try:
            tolerant_streams()
            app_for(words)(args=words)
        finally:
            sys.stdout.flush()
    except (Exception, KeyboardInterrupt) as error:
        # Outside a command too (while Typer starts, or flushing at exit), an error is one line.
        sys.exit(ending(error))
