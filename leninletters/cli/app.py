"""The command line: thin commands over the core, and one place that turns errors into one line."""

# No `from __future__ import annotations` here: Typer would have to eval every string annotation of every
# command on each run (a fifth of a small command's time); real annotations cost nothing to read.
import contextlib
import copy
import errno
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from leninletters import __version__
from leninletters.cli.indexing import ProgressBar, index
from leninletters.cli.options import (
    OUTPUT,
    REPEAT_RULE,
    SEARCH,
    ColorChoice,
    CorpusPath,
    DateFrom,
    DateTo,
    Editorial,
    Explain,
    Json,
    Keyword,
    Person,
    Query,
    Recipient,
    References,
    Scribe,
    complete_person,
    complete_words,
    person_terms,
    to_predicate,
)
from leninletters.cli.shells import (
    COMPLETE_VAR,
    INSTALL_COMPLETION,
    SHOW_COMPLETION,
    completion_script,
    register_shells,
)
from leninletters.core import predicates
from leninletters.core.errors import ExitStatus, InputError, LeninLettersError, OutputError, PersonNotFound
from leninletters.core.predicates import Predicate
from leninletters.core.present import plural
from leninletters.formats import export
from leninletters.formats.export import Format
from leninletters.store import edition as door
from leninletters.ui import files
from leninletters.ui.output import Color, Output
from leninletters.ui.streams import PROG, say, silence_stdout, tolerant_streams
from leninletters.ui.views import LetterList, MatchCounts, Matches, MentionList, PeopleList, PersonView

if TYPE_CHECKING:
    from leninletters.store.edition import Edition, Search


def fail(message: str, status: int = ExitStatus.ERROR) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(status)


def ending(error: BaseException) -> int:
    """How an error ends the run, wherever it is met: its one line on stderr, and its status
    (docs/errors.md). The tool's own errors say what to do; a closed pipe says nothing; a failure nobody
    foresaw is an internal error, with its traceback only when asked for."""
    if isinstance(error, LeninLettersError):
        say(f"error: {error}")
        return error.exit_status
    if isinstance(error, KeyboardInterrupt):
        say("interrupted")
        return ExitStatus.INTERRUPTED
    if isinstance(error, BrokenPipeError):
        silence_stdout()  # the reader has gone: what is still buffered goes nowhere, quietly
        return ExitStatus.BROKEN_PIPE
    if isinstance(error, OSError) and error.errno in OUTPUT_ERRORS:
        silence_stdout()  # what is still buffered cannot be written either
        say(f"error: cannot write the output: {os.strerror(error.errno) if error.errno else error}")
        return ExitStatus.OUTPUT_FAILED
    from leninletters.core.errors import DEBUG_ENV, internal_error_message

    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        import traceback

        with contextlib.suppress(Exception):
            traceback.print_exception(error, file=sys.stderr)
    say(internal_error_message(error))
    return ExitStatus.INTERNAL


class LettersGroup(TyperGroup):
    """Turns the tool's errors, usage mistakes, Ctrl-C and closed pipes into one line and a status."""

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk or a closed stdout is this command's failure, said here
            return result
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except (Exception, KeyboardInterrupt) as error:
            raise typer.Exit(ending(error)) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if os.environ.get(COMPLETE_VAR):
            register_shells()
        words = list(sys.argv[1:] if args is None else args)
        if words and words[0].split("=")[0] in (INSTALL_COMPLETION, SHOW_COMPLETION):
            sys.exit(completion_script(words))
        call = dict(args=args, prog_name=prog_name, complete_var=complete_var, **extra)
        if not standalone_mode:
            return super().main(**call, standalone_mode=False, windows_expand_args=windows_expand_args)
        try:
            result = super().main(**call, standalone_mode=False, windows_expand_args=windows_expand_args)
        except SystemExit as leaving:
            # Rich and Typer end on a closed pipe (`--help | head -1`) with status 1, which says "nothing
            # found" here: a reader that went away is 141, as for every other output.
            if leaving.code == 1 and isinstance(leaving.__context__, BrokenPipeError):
                silence_stdout()
                sys.exit(ExitStatus.BROKEN_PIPE)
            raise
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
            sys.exit(ending(error))
        except (Exception, KeyboardInterrupt) as error:
            sys.exit(ending(error))
        sys.exit(result if isinstance(result, int) else ExitStatus.OK)


# What failing to write stdout looks like: a full disk, a closed descriptor, an I/O error, a file too big.
OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EBADF, errno.EIO, errno.EFBIG, errno.EDQUOT})


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
    epilog="Exit status: 0 done; 1 grep found nothing or validate found problems; 2 error; 70 internal error "
    "(a bug); 74 output could not be written; 130 interrupted; 141 the reader of a pipe went away.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    invoke_without_command=True,
    # Our own --install-completion and --show-completion take the shell's name (see _completion_script).
    add_completion=False,
)


class State:
    """What the top-level options say, shared with every command."""

    def __init__(self, corpus_path: Path | None = None, use_index: bool = True, reindex: bool = True) -> None:
        self.corpus_path, self.use_index, self.reindex = corpus_path, use_index, reindex

    def edition(self) -> "Edition":
        return door.open_edition(
            self.corpus_path,
            use_index=self.use_index,
            reindex=self.reindex,
            notify=say,
            progress=ProgressBar(),
        )


def _edition(ctx: typer.Context) -> "Edition":
    state = ctx.find_root().obj
    assert isinstance(state, State), "main_options sets the state before any command runs"
    return state.edition()


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


def _output(color: Color = Color.auto) -> Output:
    return Output(color=color, say=say)


def _explain(selection: Predicate, references: Sequence[str] = ()) -> None:
    """Print how a query was understood: the query as the tool reads it back, then its tree."""
    lines = [f"query: {selection.explain()}"]
    if references:
        lines.append(f"references: {' '.join(references)}")
    lines += predicates.describe(selection)
    _output().write(line + "\n" for line in lines)


# Commands -------------------------------------------------------------------------------------

QUERY_HELP = (
    "The query language: to:NAME (sent or copied), cc:NAME, scribe:NAME, person:NAME (any spelling; "
    "person:NAME:text for Lenin's words only), date:A..B (date:1923.., "
    "date:..1922-12), number:A..B, section:NAME, secret:, slug:NAME, note:WORDS, source:WORDS, "
    'apparatus:WORDS (the notes, the source, the apparatus), bare words and "phrases"; terms '
    "joined by and (implicit), or, not or a leading -, and grouped by ( ). A query that starts with - "
    "goes after --. " + REPEAT_RULE + " Options and query apply together. A letter matches a date by "
    "any of its dated parts."
)


@app.command("list", epilog=QUERY_HELP)
def list_letters(
    ctx: typer.Context,
    query: Query = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    recipient: Recipient = None,
    scribe: Scribe = None,
    keyword: Keyword = None,
    person: Person = None,
    editorial: Editorial = False,
    explain: Explain = False,
    json: Json = False,
    color: ColorChoice = Color.auto,
) -> None:
    """List the letters in order: number, date, title, to and copies, scribe, words.

    Examples:

      leninletters list --from 1923

      leninletters list 'to:trotsky date:1922-12-12..1922-12-21 -scribe:L.F.'

      leninletters list --recipient trotsky --scribe L.F.

      leninletters list --person krupskaya      (any spelling: Krupskaja, Крупская)

      leninletters list monopoly --json
    """
    selection = to_predicate(
        date_from=date_from,
        date_to=date_to,
        recipient=recipient,
        scribe=scribe,
        keyword=keyword,
        query=query,
        person=person,
        editorial=editorial,
    )
    if explain:
        return _explain(selection)
    edition = _edition(ctx)
    letters = edition.select(selection)
    if not letters and not json:
        hints = _name_hints(edition, selection)
        say(f"no letters match{hints or '; try fewer filters, or ' + repr('leninletters list') + ' for all'}")
        return
    _output(color).emit(LetterList(letters), as_json=json)


# Unknown options reach the command as references, so that `show -1` is answered as a letter number.
@app.command(context_settings={"ignore_unknown_options": True})
def show(
    ctx: typer.Context,
    references: References = None,
    json: Json = False,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Never page, even on a terminal.", rich_help_panel=OUTPUT)
    ] = False,
    color: ColorChoice = Color.auto,
    thread: Annotated[
        bool,
        typer.Option(
            "--thread",
            help="Show the letters with every letter related to them, in date order, as one thread.",
            rich_help_panel=OUTPUT,
        ),
    ] = False,
) -> None:
    """Read letters in full, or passages of them, with the letters related to each.

    Each letter shows its heading, text, postscripts, hands, notes and source, this edition's apparatus,
    then the letters related to it, with the reasons (a series, a reply, the same addressee).

    Examples:

      leninletters show testament

      leninletters show 1922-12-29      (all three letters of that day)

      leninletters show 16-18           (a range; also: nationalities, the section)

      leninletters show 9:11            (a paragraph; 9:3-5 for several)

      leninletters show 20 21 22 --no-pager

      leninletters show --thread 20     (the Georgian letters of March 1923 and theirs, by date)
    """
    if not references:
        fail("which letter? give a number, slug or date, for example: leninletters show testament")
    edition = _edition(ctx)
    selection = edition.resolve(references)
    from leninletters.ui.views import ShowReading, Thread

    relations = edition.relations()
    view = Thread(selection, edition, relations) if thread else ShowReading(selection, edition, relations)
    _output(color).emit(view, as_json=json, page=not no_pager)


@app.command(epilog=QUERY_HELP)
def grep(
    ctx: typer.Context,
    pattern: Annotated[
        str | None,
        typer.Argument(
            metavar="PATTERN",
            help="A name or phrase (or a regular expression with --regex). With --person, there is no "
            "PATTERN: every argument is the query.",
            show_default=False,
        ),
    ] = None,
    query: Query = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    recipient: Recipient = None,
    scribe: Scribe = None,
    keyword: Keyword = None,
    person: Person = None,
    editorial: Editorial = False,
    explain: Explain = False,
    regex: Annotated[
        bool, typer.Option("--regex", "-E", help="PATTERN is a regular expression.", rich_help_panel=SEARCH)
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
    color: ColorChoice = Color.auto,
) -> None:
    """Find a name or phrase in the letters: literal and any case; ’ matches ', “ ” match ", – matches -.

    The first argument is the PATTERN; any further arguments are a QUERY that selects the letters to
    search. Each match is shown in its sentence, after its paragraph's number, under its letter's
    heading, dated by the part it stands in (the Testament's P.S. is 1923-01-04).

    With --person NAME there is no PATTERN: grep finds every form of that person's name in the text at
    once (--person krupskaya finds "N.K. Ulyanova"), and every argument is the QUERY. The editor's
    square-bracket insertions are left out unless --editorial.

    Exit status: 0 found, 1 nothing found, 2 error.

    Examples:

      leninletters grep "Ordzhonikidze's"

      leninletters grep --person stalin --editorial

      leninletters grep --person Троцкий date:1923..

      leninletters grep Stalin 'date:1923.. or secret:'

      leninletters grep stalin --word -C 1 --from 1923

      leninletters grep "monopoly" --count
    """
    door.check_search_settings()  # a bad setting is refused whatever grep's mode, --person too
    people = person_terms(person, editorial)
    if people:
        # No PATTERN with --person: every argument is the query.
        query = [*([pattern] if pattern is not None else []), *(query or [])]
    elif pattern is None:
        raise InputError("grep needs a PATTERN or --person NAME, for example: leninletters grep monopoly")
    selection = to_predicate(
        date_from=date_from,
        date_to=date_to,
        recipient=recipient,
        scribe=scribe,
        keyword=keyword,
        query=query,
        person=person,
        editorial=editorial,
    )
    if people:
        if explain:
            return _explain(selection)
        return _grep_people(ctx, people, selection, context=context, count=count, json=json, color=color)
    assert pattern is not None
    search = door.new_search(pattern, regex=regex, word=word, case_sensitive=case_sensitive)
    if explain:
        return _explain(selection)
    edition = _edition(ctx)
    output = _output(color)
    if count:
        counted = edition.count(search, selection)
        if counted or json:
            output.emit(MatchCounts(counted), as_json=json)
        _exit_for(bool(counted), pattern, edition, selection, search)
        return
    found = edition.search(search, selection, context)
    if found or json:
        output.emit(Matches(found), as_json=json)
    _exit_for(bool(found), pattern, edition, selection, search)


def _exit_for(
    found: bool, pattern: str, edition: "Edition", selection: Predicate, search: "Search | None" = None
) -> None:
    if not found:
        if search is not None and selection != predicates.EVERYTHING and edition.count(search):
            # The word is in the letters, only not in those the query keeps: no spelling to suggest.
            hint = "; it is in letters, or parts of them, that the query and filters leave out"
        else:
            hint = _did_you_mean(edition, pattern)
        # Quoted as typed, not as Python writes it: \p{Cyrillic} keeps its one backslash.
        say(f"no matches for '{pattern}'{hint}{_name_hints(edition, selection)}")
        raise typer.Exit(ExitStatus.NO_MATCH)


def _grep_people(
    ctx: typer.Context,
    people: Sequence[predicates.Person],
    selection: Predicate,
    *,
    context: int,
    count: bool,
    json: bool,
    color: Color,
) -> None:
    """grep --person: every mention of the people, under each letter, as grep shows matches."""
    edition = _edition(ctx)
    found = edition.mentions(lambda m: any(p.names(m) for p in people), selection)
    output = _output(color)
    if count:
        from leninletters.store.edition import Counted

        counted = [Counted(seen.letter, len(seen.mentions)) for seen in found]
        if counted or json:
            output.emit(MatchCounts(counted), as_json=json)
    elif found or json:
        output.emit(MentionList(found, context), as_json=json)
    if not found:
        names = " ".join(f"--person {p.name}" for p in people)
        say(f"no mentions for {names}{_name_hints(edition, selection)}")
        raise typer.Exit(ExitStatus.NO_MATCH)


def _quoted_choices(words: Sequence[str]) -> str:
    return " or ".join(f'"{word}"' for word in words)


def _did_you_mean(edition: "Edition", word: str) -> str:
    """'; did you mean "Trotsky"? (or: --person trotski)' for a word that found nothing, or ''."""
    meant = [w for w in edition.suggest(word) if w != word]
    person = edition.find_people(word)
    hint = f"; did you mean {_quoted_choices(meant)}?" if meant else ""
    if person:
        hint += f" (or: --person {word.lower() if word.isascii() else word})"
    return hint


def _name_hints(edition: "Edition", selection: Predicate) -> str:
    """For each person:, to:, cc: or scribe: term that selects no letter, what it probably meant."""
    hints = []
    for term in predicates.people_in(selection):
        if edition.select(term):
            continue
        name = getattr(term, "name", "")
        meant = edition.suggest(name, people_only=True)
        nobody = "names no one in the letters" if not edition.find_people(name) else "selects no letter"
        hints.append(
            f"{term.explain()} {nobody}" + (f": did you mean {_quoted_choices(meant)}?" if meant else "")
        )
    return "; " + "; ".join(hints) if hints else ""


@app.command("export", epilog=QUERY_HELP)
def export_letters(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[REF|QUERY]...",
            help="Letters to export: references (9, 16-18, testament, a section such as gosplan, 1922-12, "
            "9:11) and a query (to:trotsky, date:1923..); a word that is not a reference is query.",
            show_default=False,
            autocompletion=complete_words,
        ),
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    recipient: Recipient = None,
    scribe: Scribe = None,
    keyword: Keyword = None,
    person: Person = None,
    editorial: Editorial = False,
    explain: Explain = False,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown (or md), json, or cmif (for correspSearch).",
            rich_help_panel=OUTPUT,
        ),
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
    """Export letters (all, or those named and selected) as plain text, Markdown, JSON or CMIF.

    Arguments that are references (numbers, ranges, slugs, sections, dates, paragraphs) name letters;
    the rest is a query that selects among them (or among all). JSON output is itself a corpus file.
    Never any colour or terminal styling.

    Examples:

      leninletters export testament

      leninletters export 16-18 -f md -o nationalities.md

      leninletters export to:trotsky --format markdown -o trotsky.md

      leninletters export 'date:1923..' --format json > 1923.json
    """
    edition = _edition(ctx)
    references = [word for word in words or () if edition.is_reference(word)]
    query = [word for word in words or () if not edition.is_reference(word)]
    selection = to_predicate(
        date_from=date_from,
        date_to=date_to,
        recipient=recipient,
        scribe=scribe,
        keyword=keyword,
        query=query,
        person=person,
        editorial=editorial,
    )
    if explain:
        return _explain(selection, references)
    chosen = edition.choose(references, selection)
    if not chosen:
        hints = _name_hints(edition, selection)
        raise InputError(f"no letters match; nothing to export{hints or ' (try fewer filters)'}")
    pieces = export.document(chosen, fmt, edition)
    if output is None:
        out = _output()
        # Data formats stay valid on any stream: escaped, never made "visible" or transliterated.
        {Format.json: out.write_json, Format.cmif: out.write_xml}.get(fmt, out.write)(pieces)
        return
    if door.is_bundled(output):
        raise OutputError(f"{output} is part of the bundled edition, which is read-only: choose another file")
    state = ctx.find_root().obj
    if isinstance(state, State) and state.corpus_path and files.same_file(output, state.corpus_path):
        raise OutputError(f"{output} is the corpus being read: choose another file")
    files.write_atomically(output, pieces, force=force)
    say(f"wrote {plural(len(chosen), 'letter')} to {output}")


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
    state = ctx.find_root().obj
    target = path or (state.corpus_path if isinstance(state, State) else None)
    loaded, problems = door.check_corpus(target)
    if loaded is None:
        _output().write(f"{target}: {problem}\n" for problem in problems)
        say(f"{target}: {plural(len(problems), 'problem')}")
        raise typer.Exit(ExitStatus.NO_MATCH)
    name = "the bundled edition" if target is None else str(target)
    first, last = loaded.first_and_last_dates()
    letters = plural(len(loaded), "letter")
    _output().write([f"{name}: valid: {letters}, {first.isoformat()} to {last.isoformat()}\n"])


@app.command()
def people(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="One person, in any spelling or script (trotzki, Троцкий, krupskaya, L.F.).",
            show_default=False,
            autocompletion=complete_person,
        ),
    ] = None,
    json: Json = False,
    color: ColorChoice = Color.auto,
) -> None:
    """List the people the letters name, with how many letters name them and how; or show one person.

    A letter names a person in its text (Lenin's words), in an editor's square-bracket insertion, in a
    heading or address line, in a note, or as addressee, copy, scribe or writer; Letters counts all but
    the editor's insertions.

    Examples:

      leninletters people

      leninletters people stalin      (who, the name forms, every mention by letter)

      leninletters people Крупская --json
    """
    edition = _edition(ctx)
    if name is None:
        if not edition.people and not json:
            say("this corpus lists no people")
            return
        _output(color).emit(PeopleList(edition.people_summaries()), as_json=json, page=False)
        return
    found, as_listed = edition.look_up_person(name)
    if not found or not as_listed:
        # A near miss (Stallin) is answered as a misspelling: the suggestion, and status 1.
        meant = [form for form in edition.suggest(name, people_only=True) if form != name]
        if not meant and found:
            meant = [person.name for person in found]
        hint = (
            f"did you mean {_quoted_choices(meant)}?" if meant else "run 'leninletters people' for everyone"
        )
        raise PersonNotFound(f"no one called {name!r} in the letters: {hint}")
    if len(found) > 1 and json:
        # One JSON document a run: a name that fits several people asks which.
        ids = ", ".join(f"{person.id} ({person.name})" for person in found)
        raise InputError(f"{name!r} fits several people: {ids}; give one of their ids")
    for person in found:
        _output(color).emit(PersonView(*edition.profile(person)), as_json=json)


# The scholar's tools (issue 12): cite, timeline ---------------------------------------------------


@app.command()
def cite(
    ctx: typer.Context,
    references: References = None,
    style: Annotated[
        str,
        typer.Option(
            "--style",
            "-s",
            metavar="STYLE",
            help="text, bibtex, csl-json (Zotero, Pandoc, citeproc) or ris.",
            rich_help_panel=OUTPUT,
        ),
    ] = "text",
) -> None:
    """Print a citation of letters or passages, ready to paste into a paper or a reference manager.

    Author, title, date, recipients, the book and appendix, the standard edition's volume and pages
    (where known), this edition's version and the letter's slug.

    References as show takes them: 9, testament, 16-18, nationalities, 1922-12-29, a paragraph 9:11.

    Examples:

      leninletters cite testament

      leninletters cite 9:11 --style bibtex >> letters.bib

      leninletters cite nationalities --style csl-json

      leninletters cite 20 21 22 --style ris > georgian-affair.ris
    """
    from leninletters.formats import cite as citing

    if style not in set(citing.Style):
        raise InputError(f"--style {style!r}: choose text, bibtex, csl-json or ris")
    if not references:
        fail("which letter? give a number, slug or date, for example: leninletters cite testament")
    edition = _edition(ctx)
    cited = citing.citations(edition.resolve(references), edition.dated_slugs(), edition.metadata)
    out = _output()
    # CSL-JSON stays valid JSON on any stream, as every JSON output does.
    (out.write_json if style == citing.Style.csl_json else out.write)(citing.document(cited, style))


@app.command(epilog=QUERY_HELP)
def timeline(
    ctx: typer.Context,
    query: Query = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    recipient: Recipient = None,
    scribe: Scribe = None,
    keyword: Keyword = None,
    person: Person = None,
    editorial: Editorial = False,
    explain: Explain = False,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            metavar="PERIOD",
            help="day (the timeline), or week or month: the letters counted, as a histogram.",
            rich_help_panel=OUTPUT,
        ),
    ] = "day",
    json: Json = False,
    color: ColorChoice = Color.auto,
) -> None:
    """Show the letters day by day, December 1922 to March 1923, or counted by week or month.

    A mark per letter, later part and standard-edition dating, coloured by hand, the days without a
    letter, titles beside them.

    Takes the same query and filters as list: the months stay whole, only the marks are chosen.

    Examples:

      leninletters timeline

      leninletters timeline to:trotsky

      leninletters timeline --by week

      leninletters timeline --scribe M.V. --by month
    """
    from leninletters.ui.views import HistogramView, TimelineView

    if by not in door.PERIODS:
        raise InputError(f"--by {by!r}: choose day, week or month")
    selection = to_predicate(
        date_from=date_from,
        date_to=date_to,
        recipient=recipient,
        scribe=scribe,
        keyword=keyword,
        query=query,
        person=person,
        editorial=editorial,
    )
    if explain:
        return _explain(selection)
    edition = _edition(ctx)
    if not edition.select(selection) and not json:
        hints = _name_hints(edition, selection) or "; try fewer filters, or 'leninletters timeline' for all"
        say(f"no letters match{hints}")
        return
    first, last = edition.span()
    view: Any = (
        TimelineView(edition.timeline_marks(selection), first, last)
        if by == "day"
        else HistogramView(edition.timeline_bins(by, selection), by)
    )
    _output(color).emit(view, as_json=json, page=False)


app.command()(index)  # last in the list: a big corpus's concern, not a reader's first


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
