"""The commands that read letters: list, show, export (with CMIF's published address) and validate."""

# No `from __future__ import annotations` here: Typer would have to eval every string annotation of every
# command on each run (a fifth of a small command's time); real annotations cost nothing to read.
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from leninletters.cli.context import (
    State,
    edition_of,
    explain_query,
    name_hints,
    output_for,
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
    complete_words,
    refuse_mistyped_options,
)
from leninletters.formats import export
from leninletters.formats.export import Format
from leninletters.store import edition as door
from leninletters.store.asking import Filters, question
from leninletters.ui import files
from leninletters.ui.messages import ExitStatus, InputError, OutputError, plural
from leninletters.ui.output import Color
from leninletters.ui.streams import say
from leninletters.ui.views import LetterList

# --limit N: list, grep and export stop the question after N letters.
Limit = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=1,
        metavar="N",
        help="At most the first N letters of the answer (the question stops there).",
        rich_help_panel=OUTPUT,
        show_default=False,
    ),
]


def first_of(items: Iterator[Any]) -> tuple[bool, Iterator[Any]]:
    """Whether an answer that comes one item at a time has any, and the whole of it still to read."""
    from itertools import chain

    for first in items:
        return True, chain([first], items)
    return False, iter(())


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
    no_pager: NoPager = False,
    color: ColorChoice = Color.auto,
    limit: Limit = None,
) -> None:
    """List the letters in order: number, date, title, to and copies, scribe, words.

    Examples:

      leninletters list --from 1923

      leninletters list 'to:trotsky date:1922-12-12..1922-12-21 -scribe:L.F.'

      leninletters list --recipient trotsky --scribe L.F.

      leninletters list --person krupskaya      (any spelling: Krupskaja, Крупская)

      leninletters list monopoly --json

      leninletters list --limit 10      (the first ten letters)
    """
    selection = question(Filters.collect(locals()))
    if explain:
        return explain_query(selection)
    edition = edition_of(ctx)
    # The letters come as the store finds them and leave as they come: the first row of 100,000 is out
    # before the last is found.
    some, letters = first_of(edition.iter_select(selection, limit))
    if not some and not json:
        hints = name_hints(edition, selection)
        say(f"no letters match{hints or '; try fewer filters, or ' + repr('leninletters list') + ' for all'}")
        return
    output_for(color, no_pager).emit(LetterList(letters), as_json=json)


# Unknown options reach the command as references, so that `show -1` is answered as a letter number.
def show(
    ctx: typer.Context,
    references: References = None,
    json: Json = False,
    no_pager: NoPager = False,
    color: ColorChoice = Color.auto,
    thread: Annotated[
        bool,
        typer.Option(
            "--thread",
            help="Show the letter with everything joined to it (every link and heading, as far as they go), "
            "in date order, as one thread.",
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

      leninletters show 16-18           (a range; nationalities is the section)

      leninletters show 9:11            (a paragraph; 9:3-5 for several)

      leninletters show 20 21 22 --no-pager

      leninletters show --thread 20     (the Georgian affair's letters, by date)
    """
    if not references:
        fail("which letter? give a number, slug or date, for example: leninletters show testament")
    refuse_mistyped_options(ctx, references)
    edition = edition_of(ctx)
    selection = edition.resolve(references)
    from leninletters.ui.scholar import ShowReading, Thread

    relations = edition.relations()
    view = Thread(selection, edition, relations) if thread else ShowReading(selection, edition, relations)
    output_for(color, no_pager).emit(view, as_json=json)


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
        str | None,  # not Path, which drops the slash that `-o x.txt/` ends with
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
    text_only: Annotated[
        bool,
        typer.Option(
            "--text-only",
            help="Only the letters' text with their headings (text or markdown): no notes, apparatus or "
            "edition statement.",
            rich_help_panel=OUTPUT,
        ),
    ] = False,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            metavar="URL",
            help="With --format cmif: the https address the file will be published at, for correspSearch.",
            rich_help_panel=OUTPUT,
            show_default=False,
        ),
    ] = None,
    limit: Limit = None,
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

      leninletters export --limit 100 -f md -o first-hundred.md
    """
    edition = edition_of(ctx)
    references = [word for word in words or () if edition.is_reference(word)]
    query = [word for word in words or () if not edition.is_reference(word)]
    selection = question(Filters.collect(locals()))
    if explain:
        return explain_query(selection, references)
    cmif_url = _cmif_url(fmt, url)
    written = [0]  # how many letters left, counted as they go
    some, chosen = first_of(_counted(edition.iter_choose(references, selection, limit), written))
    if not some:
        hints = name_hints(edition, selection)
        raise InputError(f"no letters match; nothing to export{hints or ' (try fewer filters)'}")
    pieces = (
        _text_only(chosen, fmt) if text_only else export.document(chosen, fmt, edition, cmif_url=cmif_url)
    )
    if output is None:
        out = output_for()
        # Data formats stay valid on any stream: escaped, never made "visible" or transliterated.
        {Format.json: out.write_json, Format.cmif: out.write_xml}.get(fmt, out.write)(pieces)
        _warn_unharvestable(fmt, cmif_url, edition.metadata)
        return
    if door.is_bundled(output):
        raise OutputError(f"{output} is part of the bundled edition, which is read-only: choose another file")
    state = ctx.find_root().obj
    if isinstance(state, State) and state.corpus_path and files.same_file(output, state.corpus_path):
        raise OutputError(f"{output} is the corpus being read: choose another file")
    files.write_atomically(output, pieces, force=force)
    say(f"wrote {plural(written[0], 'letter')} to {output}")
    _warn_unharvestable(fmt, cmif_url, edition.metadata)


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

      leninletters export --format json > mine.json

      leninletters validate mine.json
    """
    state = ctx.find_root().obj
    target = path or (state.corpus_path if isinstance(state, State) else None)
    loaded, problems = door.check_corpus(target)
    if loaded is None:
        output_for().write(f"{target}: {problem}\n" for problem in problems)
        say(f"{target}: {plural(len(problems), 'problem')}")
        raise typer.Exit(ExitStatus.NO_MATCH)
    name = "the bundled edition" if target is None else str(target)
    first, last = loaded.first_and_last_dates()
    letters = plural(len(loaded), "letter")
    output_for().write([f"{name}: valid: {letters}, {first.isoformat()} to {last.isoformat()}\n"])


def _counted(items: Iterator[Any], tally: list[int]) -> Iterator[Any]:
    """The items as they come, each counted in tally[0] as it passes: how many a stream held."""
    for item in items:
        tally[0] += 1
        yield item


def _text_only(chosen: Any, fmt: Format) -> Iterator[str]:
    """export --text-only: the letters' words and headings, in text or Markdown."""
    from leninletters.formats import cite

    if fmt not in (Format.text, Format.markdown, Format.md):
        raise InputError(
            f"--text-only is plain text: give it with --format text or markdown, not {fmt.value}"
        )
    return cite.text_only(chosen, cite.Layout(fmt.value))


def _cmif_url(fmt: Format, url: str | None) -> str | None:
    """--url checked: an https address, with --format cmif only."""
    from leninletters.formats import cmif

    if url is not None and fmt is not Format.cmif:
        raise InputError("--url is where a CMIF file is published: give it with --format cmif")
    return cmif.published_url(url) if url is not None else None


def _warn_unharvestable(fmt: Format, url: str | None, metadata: dict[str, Any]) -> None:
    """After a CMIF file is written: a warning where it names no address correspSearch could harvest."""
    from leninletters.formats import cmif

    if fmt is Format.cmif and not cmif.harvestable(metadata, url):
        say(
            "warning: the CMIF file names no address of its own, so correspSearch cannot harvest it: "
            "give the https URL it will be published at with --url"
        )
