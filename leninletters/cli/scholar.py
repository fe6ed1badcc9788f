"""The scholar's commands: people and a person's profile, cite, and the timeline."""

# No `from __future__ import annotations` here: Typer would have to eval every string annotation of every
# command on each run (a fifth of a small command's time); real annotations cost nothing to read.
from typing import Annotated, Any

import typer

from leninletters.cli.context import (
    edition_of,
    explain_query,
    name_hints,
    output_for,
    quoted_choices,
)
from leninletters.cli.failures import fail
from leninletters.cli.options import (
    OUTPUT,
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
    References,
    Scribe,
    complete_period,
    complete_person,
    complete_style,
)
from leninletters.store import edition as door
from leninletters.store.asking import Filters, question
from leninletters.ui.messages import InputError, PersonNotFound, shortened
from leninletters.ui.output import Color
from leninletters.ui.streams import say
from leninletters.ui.views import PeopleList, PersonView


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
    no_pager: NoPager = False,
    color: ColorChoice = Color.auto,
) -> None:
    """List the people the letters name, with how many letters name them and how; or show one person.

    A letter names a person in its text (Lenin's words), in an editor's square-bracket insertion, in a
    heading or address line, in a note, or as addressee, copy, scribe or writer; Letters counts all but
    the editor's insertions.

    Examples:

      leninletters people

      leninletters people stalin      (who, the forms, each mention)

      leninletters people Крупская --json
    """
    edition = edition_of(ctx)
    if name is None:
        if not edition.people and not json:
            say("this corpus lists no people")
            return
        output_for(color, no_pager).emit(PeopleList(edition.people_summaries()), as_json=json)
        return
    found, as_listed = edition.look_up_person(name)
    if not found or not as_listed:
        # A near miss (Stallin) is answered as a misspelling: the suggestion, and status 1.
        meant = [form for form in edition.suggest(name, people_only=True) if form != name]
        if not meant and found:
            meant = [person.name for person in found]
        hint = f"did you mean {quoted_choices(meant)}?" if meant else "run 'leninletters people' for everyone"
        raise PersonNotFound(f"no one called {shortened(name)!r} in the letters: {hint}")
    if len(found) > 1 and json:
        # One JSON document a run: a name that fits several people asks which.
        ids = ", ".join(f"{person.id} ({person.name})" for person in found)
        raise InputError(f"{shortened(name)!r} fits several people: {ids}; give one of their ids")
    for person in found:
        output_for(color, no_pager).emit(PersonView(*edition.profile(person)), as_json=json)


# The scholar's tools (issue 12): cite, timeline ---------------------------------------------------


def cite(
    ctx: typer.Context,
    references: References = None,
    style: Annotated[
        str,
        typer.Option(
            "--style",  # no -s: that is --scribe wherever it appears (one letter, one meaning)
            metavar="STYLE",
            help="text, bibtex, csl-json (Zotero, Pandoc, citeproc) or ris.",
            rich_help_panel=OUTPUT,
            autocompletion=complete_style,
        ),
    ] = "text",
    quote: Annotated[
        bool,
        typer.Option(
            "--quote",
            help="Print the passage exactly as printed, then its citation: ready to paste as a quotation.",
            rich_help_panel=OUTPUT,
        ),
    ] = False,
    layout: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="With --quote: text, or markdown (or md) for a block quote.",
            rich_help_panel=OUTPUT,
        ),
    ] = "text",
) -> None:
    """Print a citation of letters or passages, ready to paste into a paper or a reference manager.

    Writer, title with the letter's date and recipients, the book with its authors and appendix, where
    the book took the letter from, the standard edition's volume and pages (where known, with their
    certainty), this edition's version and the letter's slug. With --quote, the passage first.

    References as show takes them: 9, testament, 16-18, nationalities, 1922-12-29, a paragraph 9:11.

    Examples:

      leninletters cite testament

      leninletters cite 9:11 --style bibtex >> letters.bib

      leninletters cite 9:11 --quote --format markdown

      leninletters cite nationalities --style csl-json

      leninletters cite 20 21 22 --style ris > georgian-affair.ris
    """
    from leninletters.formats import cite as citing

    if style not in set(citing.Style):
        raise InputError(f"--style {shortened(style)!r}: choose text, bibtex, csl-json or ris")
    if layout not in set(citing.Layout):
        raise InputError(f"--format {shortened(layout)!r}: choose text or markdown")
    if quote and style == citing.Style.csl_json:
        raise InputError("--quote prints text: give it with --style text, bibtex or ris")
    if layout != citing.Layout.text and not quote:
        raise InputError("--format is the layout of a quotation: give it with --quote")
    if not references:
        fail("which letter? give a number, slug or date, for example: leninletters cite testament")
    edition = edition_of(ctx)
    cited = citing.citations(edition.resolve(references), edition.dated_slugs(), edition.metadata)
    out = output_for()
    if quote:
        return out.write(citing.quotations(cited, style, layout))
    # CSL-JSON stays valid JSON on any stream, as every JSON output does.
    (out.write_json if style == citing.Style.csl_json else out.write)(citing.document(cited, style))


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
            autocompletion=complete_period,
        ),
    ] = "day",
    json: Json = False,
    no_pager: NoPager = False,
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
    from leninletters.ui.scholar import HistogramView, TimelineView

    if by not in door.PERIODS:
        raise InputError(f"--by {shortened(by)!r}: choose day, week or month")
    selection = question(Filters.collect(locals()))
    if explain:
        return explain_query(selection)
    edition = edition_of(ctx)
    selected = edition.select(selection)
    if not selected and not json:
        hints = name_hints(edition, selection) or "; try fewer filters, or 'leninletters timeline' for all"
        say(f"no letters match{hints}")
        return
    first, last = edition.span()
    # Undated letters have no day to stand on: left off, and the summary says how many.
    undated = sum(1 for letter in selected if letter.undated)
    view: Any = (
        TimelineView(edition.timeline_marks(selection), first, last, undated)
        if by == "day"
        else HistogramView(edition.timeline_bins(by, selection), by, undated)
    )
    output_for(color, no_pager).emit(view, as_json=json)
