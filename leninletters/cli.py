"""The command line: thin commands over the core, and one place that turns errors into one line."""

# No `from __future__ import annotations` here: Typer would have to eval every string annotation of every
# command on each run (a fifth of a small command's time); real annotations cost nothing to read.
import codecs
import contextlib
import errno
import gc
import io
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO

import typer
from typer.core import TyperGroup

from leninletters import __version__, corpus, export, files, plain, query
from leninletters import search as searching
from leninletters.errors import ExitStatus, InputError, LeninLettersError, OutputError
from leninletters.folding import fold
from leninletters.model import Corpus, Letter
from leninletters.options import (
    OUTPUT,
    SEARCH,
    CorpusPath,
    DateFrom,
    DateTo,
    Format,
    Json,
    Keyword,
    Recipient,
    References,
    Scribe,
    to_filter,
)
from leninletters.pager import page

if TYPE_CHECKING:
    from rich.console import Console

PROG = "leninletters"
TRANSLITERATE = "leninletters-transliterate"
BROKEN_PIPE = 141  # what a shell reports for a process ended by SIGPIPE, as `seq 1e9 | head -1` shows


def say(message: str) -> None:
    """A message for the user: stderr, one line, after whatever data is already on its way to stdout.

    Control characters in it (from a file name, an argument, a corpus) are shown, never obeyed; a closed
    or full stderr loses the message, and never sends it to stdout.
    """
    from leninletters.terminal import visible

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, ValueError, AttributeError):
        pass  # a full or closed stdout: the command's own status says so
    stream = sys.stderr
    if stream is None:  # started with stderr closed: print(file=None) would write to stdout
        return
    try:
        stream.write(f"{PROG}: {visible(message).replace(chr(10), '^J')}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def fail(message: str, status: int = ExitStatus.ERROR) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(status)


def _silence_stdout() -> None:
    # The reader has gone (| head): send whatever is still buffered nowhere, quietly.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    finally:
        os.close(devnull)


class LettersGroup(TyperGroup):
    """Turns the tool's errors, usage mistakes, Ctrl-C and closed pipes into one line and a status."""

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk or a closed stdout is this command's failure, said here
            return result
        except LeninLettersError as error:
            fail(str(error), error.exit_status)
        except KeyboardInterrupt:
            say("interrupted")
            raise typer.Exit(ExitStatus.INTERRUPTED) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(ExitStatus.BROKEN_PIPE) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except OSError as error:
            if error.errno in OUTPUT_ERRORS:
                LettersGroup.output_failed(error)
            LettersGroup.crash(error)
        except Exception as error:
            LettersGroup.crash(error)

    @staticmethod
    def output_failed(error: OSError) -> NoReturn:
        """Writing stdout failed (a full disk, a closed stdout): one line and status 74."""
        _silence_stdout()  # what is still buffered cannot be written either
        reason = os.strerror(error.errno) if error.errno else str(error)
        fail(f"cannot write the output: {reason}", ExitStatus.OUTPUT_FAILED)

    @staticmethod
    def crash(error: BaseException) -> NoReturn:
        """A failure nobody foresaw: one line and status 70; the traceback only when asked for."""
        from leninletters.errors import DEBUG_ENV, internal_error_message

        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            import traceback

            with contextlib.suppress(Exception):
                traceback.print_exception(error, file=sys.stderr)
        say(internal_error_message(error))
        raise typer.Exit(ExitStatus.INTERNAL) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        call = dict(args=args, prog_name=prog_name, complete_var=complete_var, **extra)
        if not standalone_mode:
            return super().main(**call, standalone_mode=False, windows_expand_args=windows_expand_args)
        try:
            result = super().main(**call, standalone_mode=False, windows_expand_args=windows_expand_args)
        except typer.TyperException as error:
            context = getattr(error, "ctx", None)
            message = " ".join(error.format_message().split())
            hint = f" (see '{context.command_path} --help')" if context is not None else ""
            say(f"error: {message}{hint}")
            sys.exit(error.exit_code)
        except typer.Abort:
            say("interrupted")
            sys.exit(ExitStatus.INTERRUPTED)
        except typer.Exit as error:  # raised where no command runs: the crash and completion handlers
            sys.exit(error.exit_code)
        except (KeyError, ValueError, IndexError) as error:
            if any(name.endswith("_COMPLETE") for name in os.environ):
                # Shell completion started by hand: the shell's completion script sets these variables.
                say(
                    "error: shell completion needs the variables its shell script sets (COMP_WORDS, "
                    "COMP_CWORD): install it with 'leninletters --install-completion'"
                )
                sys.exit(ExitStatus.ERROR)
            try:
                LettersGroup.crash(error)
            except typer.Exit as crashed:
                sys.exit(crashed.exit_code)
        except BrokenPipeError:
            _silence_stdout()
            sys.exit(ExitStatus.BROKEN_PIPE)
        except KeyboardInterrupt:
            say("interrupted")
            sys.exit(ExitStatus.INTERRUPTED)
        except Exception as error:
            try:
                if isinstance(error, OSError) and error.errno in OUTPUT_ERRORS:
                    LettersGroup.output_failed(error)
                LettersGroup.crash(error)
            except typer.Exit as crashed:
                sys.exit(crashed.exit_code)
        sys.exit(result if isinstance(result, int) else ExitStatus.OK)


# What failing to write stdout looks like: a full disk, a closed descriptor, an I/O error, a file too big.
OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EBADF, errno.EIO, errno.EFBIG, errno.EDQUOT})


app = typer.Typer(
    cls=LettersGroup,
    name=PROG,
    help=(
        "Browse Lenin's last letters and notes (12 December 1922 – 6 March 1923): list them by date, "
        "read one, find every mention of a person, export a selection.\n\n"
        "Examples:\n\n"
        "  leninletters list --to 1922-12\n\n"
        "  leninletters show testament\n\n"
        "  leninletters grep Ordzhonikidze -C 1\n\n"
        "  leninletters export --recipient trotsky -o trotsky.txt"
    ),
    epilog="Exit status: 0 done; 1 grep found nothing or validate found problems; 2 error; 130 Ctrl-C.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    invoke_without_command=True,
)


class State:
    """What the top-level options say, shared with every command."""

    def __init__(self, corpus_path: Path | None = None) -> None:
        self.corpus_path = corpus_path

    def corpus(self) -> Corpus:
        return corpus.load(self.corpus_path)


def _state(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    assert isinstance(state, State), "main_options sets the state before any command runs"
    return state


def _version(value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    corpus_path: CorpusPath = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Browse Lenin's last letters and notes."""
    ctx.obj = State(corpus_path or corpus.default_path())
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())


# Output ---------------------------------------------------------------------------------------


def wants_rich(stream: TextIO) -> bool:
    """Draw with Rich on a terminal, or where FORCE_COLOR asks for it; plain text everywhere else."""
    return stream.isatty() or bool(os.environ.get("FORCE_COLOR"))


def _console() -> "Console":
    from leninletters.render import make_console

    return make_console(sys.stdout)


def _write(pieces: Iterable[str]) -> None:
    files.write_stream(sys.stdout, pieces)


# Commands -------------------------------------------------------------------------------------


@app.command("list")
def list_letters(
    ctx: typer.Context,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    recipient: Recipient = None,
    scribe: Scribe = None,
    keyword: Keyword = None,
    json: Json = False,
) -> None:
    """List the letters in order: number, date, title, to, scribe, words.

    Examples:

      leninletters list --from 1923

      leninletters list --recipient trotsky --scribe L.F.

      leninletters list --keyword monopoly --json
    """
    selection = to_filter(date_from, date_to, recipient, scribe, keyword)
    letters = query.select(_state(ctx).corpus().letters, selection)
    if json:
        _write([export.letters_json(letters)])
        return
    if not letters:
        say("no letters match; try fewer filters, or 'leninletters list' for all")
        return
    if wants_rich(sys.stdout):
        from leninletters.render import list_table

        console = _console()
        console.print(list_table(letters, console.width))
    else:
        _write(plain.plain_list(letters))
        say(f"{len(letters)} letter{'s' if len(letters) != 1 else ''}")


# Unknown options reach the command as references, so that `show -1` is answered as a letter number.
@app.command(context_settings={"ignore_unknown_options": True})
def show(
    ctx: typer.Context,
    references: References = None,
    json: Json = False,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Never page, even on a terminal.", rich_help_panel=OUTPUT)
    ] = False,
) -> None:
    """Read one or more letters in full: heading, text, postscripts, scribes, notes and source.

    Examples:

      leninletters show testament

      leninletters show 1922-12-29      (all three letters of that day)

      leninletters show 20 21 22 --no-pager
    """
    if not references:
        fail("which letter? give a number, slug or date, for example: leninletters show testament")
    letters = query.resolve(_state(ctx).corpus().letters, references)
    if json:
        _write([export.letters_json(letters)])
    elif wants_rich(sys.stdout):
        from leninletters.render import letters_view

        console = _console()
        if no_pager or not sys.stdout.isatty():
            console.print(letters_view(letters))
        else:
            with console.capture() as captured:
                console.print(letters_view(letters))
            page(captured.get(), screen_lines=console.height)
    else:
        _write(export.document(letters, "text"))


@app.command()
def grep(
    ctx: typer.Context,
    pattern: Annotated[
        str,
        typer.Argument(metavar="PATTERN", help="A name or phrase (or a regular expression with --regex)."),
    ],
    date_from: DateFrom = None,
    date_to: DateTo = None,
    recipient: Recipient = None,
    scribe: Scribe = None,
    keyword: Keyword = None,
    regex: Annotated[
        bool, typer.Option("--regex", "-e", help="PATTERN is a regular expression.", rich_help_panel=SEARCH)
    ] = False,
    word: Annotated[
        bool, typer.Option("--word", "-w", help="Match whole words only.", rich_help_panel=SEARCH)
    ] = False,
    case_sensitive: Annotated[
        bool,
        typer.Option("--case-sensitive", "-S", help="Match case exactly.", rich_help_panel=SEARCH),
    ] = False,
    context: Annotated[
        int,
        typer.Option(
            "--context",
            "-C",
            min=0,
            max=50,
            metavar="N",
            help="Show N sentences before and after each matching sentence.",
            rich_help_panel=SEARCH,
        ),
    ] = 0,
    count: Annotated[
        bool, typer.Option("--count", "-c", help="Count matches per letter.", rich_help_panel=OUTPUT)
    ] = False,
    json: Json = False,
) -> None:
    """Find a name or phrase in the letters: literal and any case; ’ matches ', “ ” match ", – matches -.

    Each match is shown in its sentence, after its paragraph's number, under its letter's heading.

    Exit status: 0 found, 1 nothing found, 2 error.

    Examples:

      leninletters grep "Ordzhonikidze's"

      leninletters grep stalin --word -C 1 --from 1923

      leninletters grep "monopoly" --count
    """
    search = searching.Search(pattern, regex=regex, word=word, case_sensitive=case_sensitive)
    search.check()
    selection = to_filter(date_from, date_to, recipient, scribe, keyword)
    letters = query.select(_state(ctx).corpus().letters, selection)
    if count:
        counts = [(letter, n) for letter in letters if (n := searching.count(letter, search))]
        if json:
            rows = [
                {"number": x.number, "slug": x.slug, "date": x.date.isoformat(), "count": n}
                for x, n in counts
            ]
            _write([_json_dump({"letters": rows, "total": sum(n for _, n in counts)})])
        elif wants_rich(sys.stdout):
            from leninletters.render import counts_table

            _console().print(counts_table(counts))
        else:
            _write(plain.plain_counts(counts))
        _exit_for(bool(counts), pattern)
        return
    results = [(letter, found) for letter in letters if (found := searching.find(letter, search))]
    with_context = [(letter, found, searching.snippets(letter, found, context)) for letter, found in results]
    if json:
        _write([export.grep_json(with_context)])
    elif wants_rich(sys.stdout):
        from leninletters.render import grep_view

        _console().print(grep_view([(letter, snippets) for letter, _, snippets in with_context]))
    else:
        _write(plain.plain_grep([(letter, snippets) for letter, _, snippets in with_context]))
    _exit_for(bool(results), pattern)


def _json_dump(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False) + "\n"


def _exit_for(found: bool, pattern: str) -> None:
    if not found:
        say(f"no matches for {pattern!r}")
        raise typer.Exit(ExitStatus.NO_MATCH)


@app.command("export")
def export_letters(
    ctx: typer.Context,
    references: References = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    recipient: Recipient = None,
    scribe: Scribe = None,
    keyword: Keyword = None,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="text, markdown or json.", rich_help_panel=OUTPUT),
    ] = Format.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (whole or not at all) instead of stdout.",
            rich_help_panel=OUTPUT,
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE if it exists.", rich_help_panel=OUTPUT)
    ] = False,
) -> None:
    """Export letters (all, or those named and filtered) as plain text, Markdown or JSON.

    JSON output is itself a corpus file. Never any colour or terminal styling.

    Examples:

      leninletters export testament

      leninletters export --recipient trotsky --format markdown -o trotsky.md

      leninletters export --from 1923 --format json > 1923.json
    """
    selection = to_filter(date_from, date_to, recipient, scribe, keyword)
    letters: Sequence[Letter] = _state(ctx).corpus().letters
    if references:
        letters = query.resolve(letters, references)
    letters = query.select(letters, selection)
    if not letters:
        raise InputError("no letters match; nothing to export (try fewer filters)")
    pieces = export.document(letters, fmt.value)
    if output is None:
        _write(pieces)
        return
    if corpus.is_bundled(output):
        raise OutputError(f"{output} is part of the bundled edition, which is read-only: choose another file")
    files.write_atomically(output, pieces, force=force)
    say(f"wrote {len(letters)} letter{'s' if len(letters) != 1 else ''} to {output}")


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The corpus file to check (default: --corpus, $LENINLETTERS_CORPUS, or the bundled one)."
        ),
    ] = None,
) -> None:
    """Check a corpus file and report every problem found, each naming its letter and field.

    Examples:

      leninletters validate my-letters.json

      leninletters export --format json > mine.json && leninletters validate mine.json
    """
    target = path or _state(ctx).corpus_path
    if target is None:
        loaded = corpus.load_bundled()
        name = "the bundled edition"
    else:
        found, problems = corpus.check_file(target)
        if found is None or problems:
            for problem in problems:
                print(f"{target}: {problem}")
            say(f"{target}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
            raise typer.Exit(ExitStatus.NO_MATCH)
        loaded, name = found, str(target)
    dates = sorted(letter.date for letter in loaded.letters)
    first, last = dates[0], dates[-1]
    print(f"{name}: valid: {len(loaded)} letters, {first.isoformat()} to {last.isoformat()}")


@app.command()
def people(ctx: typer.Context, json: Json = False) -> None:
    """List the people the letters name, with how many letters name them.

    Examples:

      leninletters people

      leninletters people --json
    """
    loaded = _state(ctx).corpus()
    counts = {person.id: 0 for person in loaded.people}
    for letter in loaded.letters:
        for person_id in letter.people:
            counts[person_id] = counts.get(person_id, 0) + 1
    if json:
        _write(export.json_array({**p.to_json(), "letters": counts.get(p.id, 0)} for p in loaded.people))
        return
    rows = [(p.id, str(counts.get(p.id, 0)), p.name, ", ".join(p.forms)) for p in loaded.people]
    if not rows:
        say("this corpus lists no people")
        return
    _write(plain.plain_table(rows, ("Id", "Letters", "Name", "Named as"), right={1}))


def _transliterate(error: UnicodeError) -> tuple[str, int]:
    """Write what a stream cannot encode as its nearest ASCII (’ as ', é as e), else as ?; an unpaired
    surrogate, which no encoding holds, as its escape \\ud800 (in JSON, the same string read back)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start : error.end]
    if all("\ud800" <= character <= "\udfff" for character in chunk):
        return "".join(f"\\u{ord(character):04x}" for character in chunk), error.end
    return fold(chunk, case=True).encode("ascii", "replace").decode("ascii"), error.end


def _tolerant_streams() -> None:
    # PYTHONIOENCODING=ascii or a Latin-1 terminal must not turn a curly quote into a crash.
    codecs.register_error(TRANSLITERATE, _transliterate)
    if sys.stdout is None:
        # Started with stdout closed (>&-): writing fails as it would on a closed descriptor, and says so.
        sys.stdout = _ClosedStream()
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=TRANSLITERATE)


class _ClosedStream(io.TextIOBase):
    """stdout when the process was started without one: every write fails with EBADF."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def isatty(self) -> bool:
        return False


def main() -> None:
    """The console script."""
    # What is imported by now lives until exit: keep the collector, and the final collection at exit,
    # from walking it (about 8 ms of a 60 ms run).
    gc.freeze()
    try:
        try:
            _tolerant_streams()
            app()
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(ExitStatus.BROKEN_PIPE)
    except KeyboardInterrupt:
        # Ctrl-C outside a command (while Python starts the app) still ends in one line.
        say("interrupted")
        sys.exit(ExitStatus.INTERRUPTED)
    except OSError as error:
        if error.errno in OUTPUT_ERRORS:  # the last of the output, flushed at exit, could not be written
            _silence_stdout()
            say(f"error: cannot write the output: {os.strerror(error.errno)}")
            sys.exit(ExitStatus.OUTPUT_FAILED)
        _crashed(error)
    except Exception as error:
        _crashed(error)


def _crashed(error: BaseException) -> NoReturn:
    try:
        LettersGroup.crash(error)
    except typer.Exit as crashed:
        sys.exit(crashed.exit_code)
