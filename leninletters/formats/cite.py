"""Citations of letters and passages, ready to paste: plain text, BibTeX, CSL-JSON and RIS.

A citation names the letter (author, title, date, recipients), the book and appendix it is printed in (the
edition's metadata), the standard edition's volume and pages where the apparatus knows them (nothing
where it does not), this edition's version and the letter's stable slug. A passage (9:11) cites its
paragraphs, dated by the part they stand in.

Keys are made from the slug, so they stay the same from one version to the next: `lenin1922testament`,
`lenin1922totrotsky1212` (the slug without its hyphens and its year); where two slugs would give the same
key, both keep their hyphens (`lenin1922-to-trotsky-1922-12-12`). A passage adds its paragraphs: `-p11`.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from typing import Any, NamedTuple

import msgspec

from leninletters import __version__
from leninletters.core.model import Letter
from leninletters.core.present import long_date, span_words

# The letters of this edition are Lenin's; the author of every citation.
AUTHOR_FAMILY = "Lenin"
AUTHOR_GIVEN = "V.I."
LCW_NAME = "LCW (V.I. Lenin, Collected Works)"


class Style(StrEnum):
    """cite --style: the forms a citation takes."""

    text = "text"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"


class Citation(NamedTuple):
    """What is cited: a letter, or some of its paragraphs, with what the edition says about where it is
    printed."""

    key: str
    letter: Letter
    paragraphs: tuple[int, int] | None
    date: dt.date
    part_label: str | None
    edition: Mapping[str, Any]

    @property
    def title(self) -> str:
        return self.letter.title

    @property
    def version(self) -> str:
        return str(self.edition.get("version") or __version__)

    @property
    def passage(self) -> str:
        """ "paragraph 11", "paragraphs 3–5", or "" for the whole letter."""
        return span_words(self.paragraphs) if self.paragraphs else ""

    @property
    def recipients(self) -> tuple[str, ...]:
        return self.letter.recipients

    @property
    def inferred(self) -> str:
        """What a citation says after recipients the print does not name (the edition inferred them)."""
        return " (recipients inferred by this edition)" if self.letter.recipients_inferred else ""

    @property
    def lcw(self) -> str:
        """ "vol. 45, p. 601", "vol. 45, pp. 601–602", "vol. 45", or "" where the apparatus does not know."""
        place = self.letter.apparatus.lcw if self.letter.apparatus else None
        if place is None:
            return ""
        if not place.pages:
            return f"vol. {place.volume}"
        pages = f"pp. {place.pages}" if "–" in place.pages or "-" in place.pages else f"p. {place.pages}"
        return f"vol. {place.volume}, {pages}"

    @property
    def where_printed(self) -> str:
        """ "Appendix C: Lenin’s Last Letters", the part of the book the letter is printed in."""
        appendix, title = self.edition.get("appendix"), self.edition.get("title")
        return ": ".join(str(piece) for piece in (appendix, title) if piece)

    @property
    def in_edition(self) -> str:
        """ "leninletters 0.1.0, letter 9 (testament), paragraph 11"."""
        where = f"leninletters {self.version}, letter {self.letter.number} ({self.letter.slug})"
        return f"{where}, {self.passage}" if self.passage else where

    @property
    def later_parts(self) -> list[str]:
        """For a whole letter, its later parts with their own dates: ["P.S. 4 January 1923"]."""
        if self.paragraphs is not None:
            return []
        return [
            f"{part.label or 'later part'} {long_date(part.date)}"
            for part in self.letter.parts
            if part.date != self.letter.date
        ]

    def note(self) -> str:
        """The facts that have no field of their own in BibTeX, CSL and RIS, as sentences."""
        pieces = []
        if self.recipients:
            pieces.append(f"Letter to {', '.join(self.recipients)}{self.inferred}")
        if self.part_label:
            pieces.append(f"{self.part_label}, {long_date(self.date)}")
        pieces += self.later_parts
        if self.lcw:
            pieces.append(f"Also in {LCW_NAME}, {self.lcw}")
        pieces.append(self.in_edition)
        return ". ".join(pieces) + "."


def keys(dated_slugs: Iterable[tuple[str, dt.date]]) -> dict[str, str]:
    """Each letter's citation key by slug, given every letter's slug and date: unique over the letters,
    and the same in every version."""
    every = list(dated_slugs)
    compact = {slug: _compact_key(slug, date.year) for slug, date in every}
    counts: dict[str, int] = {}
    for key in compact.values():
        counts[key] = counts.get(key, 0) + 1
    return {
        slug: key if counts[key] == 1 else f"lenin{date.year}-{slug}"
        for (slug, key), (_, date) in zip(compact.items(), every, strict=True)
    }


def _compact_key(slug: str, year_number: int) -> str:
    year = str(year_number)
    words = [word for word in slug.split("-") if word != year]
    return f"lenin{year}{''.join(words) or slug.replace('-', '')}"


def citation(
    letter: Letter, paragraphs: tuple[int, int] | None, edition: Mapping[str, Any], key: str
) -> Citation:
    """A letter's citation, or a passage's: dated by the part its first paragraph stands in."""
    date, label = letter.date, None
    if paragraphs is not None:
        first, last = paragraphs
        key = f"{key}-p{first}" if first == last else f"{key}-p{first}-{last}"
        part = next(p for p in letter.all_parts if p.first_paragraph <= first <= p.last_paragraph)
        date, label = part.date, part.label
    return Citation(key, letter, paragraphs, date, label, edition)


def citations(
    selection: Iterable[tuple[Letter, tuple[int, int] | None]],
    dated_slugs: Iterable[tuple[str, dt.date]],
    edition: Mapping[str, Any],
) -> list[Citation]:
    """The citations of what references selected, keyed against all the edition's letters."""
    by_slug = keys(dated_slugs)
    return [citation(letter, passage, edition, by_slug[letter.slug]) for letter, passage in selection]


# Plain text ---------------------------------------------------------------------------------------


def text(cited: Citation) -> str:
    """One paragraph, in the manner of a humanities bibliography."""
    title = f"“{cited.title}.”"
    if cited.passage:
        label = f" ({cited.part_label})" if cited.part_label else ""
        title += f" {cited.passage[0].upper()}{cited.passage[1:]}{label}."
    later = f" ({', '.join(cited.later_parts)})" if cited.later_parts else ""
    pieces = [f"{AUTHOR_FAMILY}, {AUTHOR_GIVEN} {title} {long_date(cited.date)}{later}."]
    named = cited.title.casefold()
    unnamed = [name for name in cited.recipients if name.casefold() not in named]
    if unnamed:
        pieces.append(f"To {', '.join(cited.recipients)}{cited.inferred}.")
    book = cited.edition.get("book")
    if book:
        authors = cited.edition.get("authors")
        where = f", {cited.where_printed}" if cited.where_printed else ""
        pieces.append(f"In {f'{authors}, ' if authors else ''}{book}{where}.")
    if cited.lcw:
        pieces.append(f"Also in {LCW_NAME}, {cited.lcw}.")
    pieces.append(f"{cited.in_edition}.")
    return " ".join(pieces)


# BibTeX -------------------------------------------------------------------------------------------

# What BibTeX (and LaTeX after it) would read as commands; everything else, UTF-8 included, stays as it is.
# BibTeX counts every brace, even one after a backslash, to find where a value ends: an escaped \} still
# closes it, and the entry loses the fields after it. So a brace of the text becomes a command inside a
# group of its own, balanced whatever the text holds, and LaTeX prints it as the brace it was.
_BIBTEX_SPECIAL = {
    "\\": r"{\textbackslash}",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
}
_BIBTEX_PATTERN = re.compile("[" + re.escape("".join(_BIBTEX_SPECIAL)) + "]")
# Every character Python's splitlines ends a line at: a value holding one would be several lines.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def one_line(value: str) -> str:
    """A value on one line: each run of line or paragraph separators becomes a space."""
    return _LINE_BREAKS.sub(" ", value)


def bibtex_escape(value: str) -> str:
    """A value that reads back as itself inside braces, its braces balanced: LaTeX's specials as commands,
    UTF-8 kept, one line."""
    return _BIBTEX_PATTERN.sub(lambda match: _BIBTEX_SPECIAL[match[0]], one_line(value))


def _bibtex_names(authors: str) -> str:
    """ "Alan Woods and Ted Grant" as BibTeX names, "Woods, Alan and Grant, Ted"."""
    names = []
    for name in authors.split(" and "):
        given, _, family = name.strip().rpartition(" ")
        names.append(f"{family}, {given}" if given else family)
    return " and ".join(names)


def bibtex(cited: Citation) -> str:
    """An @incollection entry (biblatex's bookauthor and date; BibTeX's year too)."""
    title = cited.title + (f", {cited.passage}" if cited.passage else "")
    fields: list[tuple[str, str]] = [
        ("author", f"{AUTHOR_FAMILY}, {AUTHOR_GIVEN}"),
        # Doubled braces keep the title's capitals through styles that lower-case titles.
        ("title", "{" + bibtex_escape(title) + "}"),
        ("date", cited.date.isoformat()),
        ("year", str(cited.date.year)),
    ]
    if cited.edition.get("book"):
        fields.append(("booktitle", "{" + bibtex_escape(str(cited.edition["book"])) + "}"))
    if cited.edition.get("authors"):
        fields.append(("bookauthor", bibtex_escape(_bibtex_names(str(cited.edition["authors"])))))
    if cited.where_printed:
        fields.append(("chapter", bibtex_escape(cited.where_printed)))
    fields += [("note", bibtex_escape(cited.note())), ("version", bibtex_escape(cited.version))]
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@incollection{{{cited.key},\n{body}}}"


# CSL-JSON -----------------------------------------------------------------------------------------


def _csl_names(authors: str) -> list[dict[str, str]]:
    names: list[dict[str, str]] = []
    for name in authors.split(" and "):
        given, _, family = name.strip().rpartition(" ")
        names.append({"family": family, "given": given} if given else {"literal": family})
    return names


def csl(cited: Citation) -> dict[str, Any]:
    """A CSL-JSON item of type chapter with the genre letter, as the RIS record is a CHAP: the letter as
    printed in the book (Zotero reads a CSL letter as its letter type, which has no book, and drops it)."""
    item: dict[str, Any] = {
        "id": cited.key,
        "type": "chapter",
        "genre": "letter",
        "author": [{"family": AUTHOR_FAMILY, "given": AUTHOR_GIVEN}],
        "title": cited.title + (f", {cited.passage}" if cited.passage else ""),
        "issued": {"date-parts": [[cited.date.year, cited.date.month, cited.date.day]]},
    }
    if cited.recipients:
        # Literal names: "Twelfth Party Congress" and "Central Committee members" are no family, given.
        item["recipient"] = [{"literal": name} for name in cited.recipients]
    if cited.edition.get("book"):
        item["container-title"] = str(cited.edition["book"])
    if cited.edition.get("authors"):
        item["container-author"] = _csl_names(str(cited.edition["authors"]))
    item["note"] = cited.note()
    item["version"] = cited.version
    return item


# RIS ----------------------------------------------------------------------------------------------


def ris(cited: Citation) -> str:
    """A RIS record: a book section (CHAP) in the book the letter is printed in. TY first, ER last."""
    lines = [
        ("TY", "CHAP"),
        ("ID", cited.key),
        ("AU", f"{AUTHOR_FAMILY}, {AUTHOR_GIVEN}"),
        ("TI", cited.title + (f", {cited.passage}" if cited.passage else "")),
    ]
    if cited.edition.get("book"):
        lines.append(("T2", str(cited.edition["book"])))
    lines += [("PY", str(cited.date.year)), ("DA", cited.date.strftime("%Y/%m/%d/"))]
    if cited.where_printed:
        lines.append(("SE", cited.where_printed))
    notes = [cited.note()]
    if cited.edition.get("authors"):
        notes.append(f"Book by {cited.edition['authors']}.")
    # No ET: in a chapter record it is the book's edition, not this tool's version (the note says that).
    lines += [("N1", " ".join(notes)), ("ER", "")]
    # RIS is read line by line, and readers differ in what ends a line: a value is kept on one.
    return "\n".join(f"{tag}  - {one_line(value)}" for tag, value in lines)


def document(cited: Sequence[Citation], style: Style | str) -> Iterator[str]:
    """The citations in a style, piece by piece: one a line (text), entries and records apart by a blank
    line (BibTeX, RIS), or one JSON array (CSL-JSON)."""
    chosen = Style(style)
    if chosen is Style.csl_json:
        encoded = msgspec.json.format(msgspec.json.encode([csl(c) for c in cited]), indent=2)
        yield encoded.decode("utf-8") + "\n"
        return
    write = {Style.text: text, Style.bibtex: bibtex, Style.ris: ris}[chosen]
    for index, one in enumerate(cited):
        separator = "\n" if index and chosen is not Style.text else ""
        yield separator + write(one) + "\n"
