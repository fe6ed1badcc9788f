"""grep: every match of a name or phrase, or every mention of a person, with its letter, part and date."""

# No `from __future__ import annotations` here: Typer would have to eval every string annotation of every
# command on each run (a fifth of a small command's time); real annotations cost nothing to read.
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from leninletters.cli.letters import Limit, first_of
from leninletters.cli.options import (
    OUTPUT,
    SEARCH,
    ColorChoice,
    DateFrom,
    DateTo,
    Editorial,
    Explain,
    Json,
    Keyword,
    NoPager,
    Person,
    Query,
    Recipient,
    Scribe,
)
from leninletters.store import edition as door
from leninletters.store.asking import EVERYTHING, Filters, PersonQuestion, Question, person_terms, question
from leninletters.ui.messages import QUOTE_ROOM, ExitStatus, InputError, shortened
from leninletters.ui.output import Color, Output
from leninletters.ui.streams import say
from leninletters.ui.views import MatchCounts, Matches, MentionList

if TYPE_CHECKING:
    from leninletters.store.edition import Edition, Search
from leninletters.cli.context import (
    did_you_mean,
    edition_of,
    explain_query,
    name_hints,
    output_for,
)


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
    places: Annotated[
        str,
        typer.Option(
            "--in",
            metavar="PLACES",
            help="Where to look: text, notes, sources, apparatus (comma between), or all. A match beyond "
            "the text says where it is (note 13, source, apparatus).",
            rich_help_panel=SEARCH,
        ),
    ] = "text",
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
    no_pager: NoPager = False,
    color: ColorChoice = Color.auto,
    limit: Limit = None,
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

      leninletters grep Stalin --limit 5      (in the first five letters)
    """
    door.check_search_settings()  # a bad setting is refused whatever grep's mode, --person too
    people = person_terms(person, editorial)
    if people:
        # No PATTERN with --person: every argument is the query.
        query = [*([pattern] if pattern is not None else []), *(query or [])]
    elif pattern is None:
        raise InputError("grep needs a PATTERN or --person NAME, for example: leninletters grep monopoly")
    selection = question(Filters.collect(locals()))
    if people:
        if explain:
            return explain_query(selection)
        output = output_for(color, no_pager)
        return _grep_people(
            ctx, people, selection, context=context, count=count, json=json, output=output, limit=limit
        )
    assert pattern is not None
    search = door.new_search(pattern, regex=regex, word=word, case_sensitive=case_sensitive, places=places)
    if explain:
        return explain_query(selection)
    edition = edition_of(ctx)
    output = output_for(color, no_pager)
    if count:
        counted = edition.count(search, selection)[:limit]
        if counted or json:
            output.emit(MatchCounts(counted), as_json=json)
        _exit_for(bool(counted), pattern, edition, selection, search)
        return
    # The matches leave as the store finds them, letter by letter.
    some, found = first_of(edition.iter_search(search, selection, context, limit))
    if some or json:
        output.emit(Matches(found), as_json=json)
    _exit_for(some, pattern, edition, selection, search)


def _exit_for(
    found: bool, pattern: str, edition: "Edition", selection: Question, search: "Search | None" = None
) -> None:
    if not found:
        if search is not None and selection != EVERYTHING and edition.count(search):
            # The word is in the letters, only not in those the query keeps: no spelling to suggest.
            hint = "; it is in letters, or parts of them, that the query and filters leave out"
        else:
            hint = did_you_mean(edition, pattern)
        # Quoted as typed, not as Python writes it: \p{Cyrillic} keeps its one backslash.
        say(f"no matches for '{shortened(pattern)}'{hint}{name_hints(edition, selection)}")
        raise typer.Exit(ExitStatus.NO_MATCH)


def _grep_people(
    ctx: typer.Context,
    people: Sequence[PersonQuestion],
    selection: Question,
    *,
    context: int,
    count: bool,
    json: bool,
    output: Output,
    limit: int | None = None,
) -> None:
    """grep --person: every mention of the people, under each letter, as grep shows matches (in the first
    `limit` letters that hold any)."""
    edition = edition_of(ctx)
    found = edition.mentions(lambda m: any(p.names(m) for p in people), selection)[:limit]
    if count:
        from leninletters.store.edition import Counted

        counted = [Counted(seen.letter, len(seen.mentions)) for seen in found]
        if counted or json:
            output.emit(MatchCounts(counted), as_json=json)
    elif found or json:
        output.emit(MentionList(found, context), as_json=json)
    if not found:
        names = shortened(" ".join(f"--person {p.name}" for p in people), 2 * QUOTE_ROOM)
        say(f"no mentions for {names}{name_hints(edition, selection)}")
        raise typer.Exit(ExitStatus.NO_MATCH)
