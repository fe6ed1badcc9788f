"""What a citation is made of, shared by every style (formats/cite.py, bibtex.py, csl.py, ris.py).

A citation names the letter (writer, title, date, recipients), the book and appendix it is printed in (the
edition's metadata: book, authors, appendix, and the publisher, place, year and url where the edition
records them), where the book took the letter from when that is not the standard edition (letters 2 and 4:
Trotsky's The Stalin School of Falsification), the standard edition's volume and pages where the apparatus
knows them, this edition's version and the letter's stable slug. A passage (9:11) cites its paragraphs,
dated by the part they stand in.

Certainty is never dropped: a fact the edition holds with medium or low certainty is followed by
"(medium certainty)" or "(low certainty)", and recipients the print does not name are said to be inferred.

Keys are made from the slug, so they stay the same from one version to the next: `lenin1922testament`,
`lenin1922totrotsky1212` (the slug without its hyphens and its year); where two slugs would give the same
key, both keep their hyphens (`lenin1922-to-trotsky-1922-12-12`). A passage adds its paragraphs: `-p11`.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from leninletters import __version__
from leninletters.core.dating import letter_date_words
from leninletters.core.kinds import doubt
from leninletters.core.model import Letter
from leninletters.core.present import long_date, span_words

# The bundled edition's letters are Lenin's, the author of their citations. The given names in full, so that
# each style abbreviates them its own way (V. I. Lenin, Lenin, V. I.) rather than reading "V.I." as one.
AUTHOR_FAMILY = "Lenin"
AUTHOR_GIVEN = "Vladimir Ilyich"
# A sender as the edition names it, cited by the full name above: the bundled edition's edition.sender.
CITED_IN_FULL = {"V.I. Lenin": (AUTHOR_GIVEN, AUTHOR_FAMILY)}

LCW_NAME = "LCW (V.I. Lenin, Collected Works)"
# Where the print's note names the work it took a letter from: "... See Trotsky, The Stalin School ..."
# A slug's closing letter after its date marks one of several letters of a day (to-trotsky-1922-12-15b).
_OF_THE_DAY = re.compile(r"\d{4}-\d\d-\d\d(?P<which>[a-e])\Z")
ORDINALS = {"a": "first", "b": "second", "c": "third", "d": "fourth", "e": "fifth"}
# Letter 22's "and others", kept as the print has it: not a name, so no article before it.
OTHERS = "and others"
_SEE = re.compile(r"\bSee (?P<work>.+?)\.?\Z")


def certainty_mark(certainty: str | None) -> str:
    """ " (medium certainty)", " (low certainty)", or nothing for a fact held with high certainty: the
    tool's one convention for prose (core.kinds.doubt)."""
    said = doubt(certainty) if certainty else ""
    return f" ({said})" if said else ""


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
    def authors(self) -> list[tuple[str, str]]:
        """Who wrote the letter, as (given, family) pairs: its own senders ("Schnitzler, Arthur" as the
        source gives it, or "Arthur Schnitzler"), else the edition's sender; none where neither names one
        (never invented)."""
        default = self.edition.get("sender")
        senders = self.letter.senders or ((str(default),) if default else ())
        return [CITED_IN_FULL.get(name) or person_name(name) for name in senders]

    @property
    def date_words(self) -> str:
        """The date as a citation gives it: the day, or an imported letter's dating ("September 1890",
        "1909-07-19 – 1909-07-30 (low certainty)") or "undated"."""
        own = letter_date_words(self.letter, compact=False) if self.date == self.letter.date else None
        return own or long_date(self.date)

    @property
    def edtf(self) -> str | None:
        """The date as ISO 8601-2 (EDTF) writes it, as biblatex's origdate takes it: 1922-12-25, 1890-09,
        1909-07-19/1909-07-30, 1909-07-19/..; None for an undated letter."""
        dating = self.letter.dating
        if self.date != self.letter.date or dating is None or not dating.bounded:
            return None if self.letter.undated and self.date == self.letter.date else self.date.isoformat()
        if dating.when:
            return dating.when
        low, high = dating.not_before or dating.from_, dating.not_after or dating.to
        return f"{low or '..'}/{high or '..'}"

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
        """What a citation says after the recipients: inferred by the edition (the print does not name
        them), and how surely, where that is less than high."""
        settled = self.letter.apparatus.recipients if self.letter.apparatus else None
        doubted = doubt(settled.certainty) if settled else ""
        said = "recipients inferred by this edition" if self.letter.recipients_inferred else ""
        both = ", ".join(filter(None, [said, doubted]))
        return f" ({both})" if both else ""

    @property
    def addressees(self) -> str:
        """ "Joseph Stalin and the Central Committee members": persons by name, bodies with an article."""
        persons = {m.form for m in self.letter.mentions if m.kind == "recipient"} | {OTHERS}
        names = [name if name in persons else f"the {name}" for name in self.recipients]
        last = names.pop()
        if not names:
            return last
        # A register's inverted names ("Weber, Anna") are parted by semicolons, so each can be told.
        if any("," in name for name in (*names, last)):
            return f"{'; '.join(names)}; {last}" if last == OTHERS else f"{'; '.join(names)}; and {last}"
        return f"{', '.join(names)} {last}" if last == OTHERS else f"{', '.join(names)} and {last}"

    @property
    def unnamed_recipients(self) -> bool:
        """Whether the title leaves the recipients out (it names Trotsky in "To Leon Trotsky")."""
        named = self.title.casefold()
        return any(name.casefold() not in named for name in self.recipients)

    @property
    def distinct_title(self) -> str:
        """The title a reference manager shows, one letter apart from another of the same heading: the
        heading, the passage, the letter's date, the recipients where the heading does not name them, and
        where the book took the letter from when that is not the standard edition."""
        return self.title_with()

    def title_with(self, remark: Callable[[str], str] = str) -> str:
        """distinct_title, its remarks (which of the day, inferred, how certain) passed through `remark`:
        CSL keeps their lower case through styles that capitalise titles."""
        title = self.title + (f", {self.passage}" if self.passage else "")
        if self.part_label:
            title += f" ({self.part_label})"
        title += f", {self.date_words}{remark(self.of_the_day)}"
        if self.recipients and self.unnamed_recipients:
            title += f", to {self.addressees}{remark(self.inferred)}"
        if self.source_work:
            title += f" (printed from {self.source_work})"
        return title

    @property
    def of_the_day(self) -> str:
        """ " (second of the day)" for one of several letters of a day under one heading in the print (their
        slugs end a, b, c), so that their citations differ; "" for the rest."""
        found = _OF_THE_DAY.search(self.letter.slug)
        return f" ({ORDINALS[found['which']]} of the day)" if found else ""

    @property
    def source_work(self) -> str:
        """The work the book took the letter from, where it is not the standard edition: the apparatus's
        expansion of an "op. cit.", else the work after "See" in the print's note; "" for LCW."""
        expansion = self.letter.apparatus.source if self.letter.apparatus else None
        if expansion is not None:
            return expansion.expands + certainty_mark(expansion.certainty)
        source = self.letter.source or ""
        found = _SEE.search(source)
        return found["work"] if found and "LCW" not in source else ""

    @property
    def lcw(self) -> str:
        """ "vol. 45, p. 601", "vol. 36, pp. 598–604 (low certainty)", "vol. 45", or "" where the
        apparatus does not know."""
        place = self.letter.apparatus.lcw if self.letter.apparatus else None
        if place is None:
            return ""
        where = f"vol. {place.volume}"
        if place.pages:
            where += (
                f", pp. {place.pages}" if "–" in place.pages or "-" in place.pages else f", p. {place.pages}"
            )
        return where + certainty_mark(place.certainty)

    @property
    def datings(self) -> list[str]:
        """For a passage, the standard edition's datings of its paragraphs where they differ from the
        print's, each with its certainty: ["LCW dates paragraphs 1–8 24 December 1922 (medium certainty)"]."""
        if self.paragraphs is None or self.letter.apparatus is None:
            return []
        first, last = self.paragraphs
        return [
            f"LCW dates {span_words(d.paragraphs)} {long_date(d.date)}{certainty_mark(d.certainty)}"
            for d in self.letter.apparatus.datings
            if d.paragraphs[0] <= last and first <= d.paragraphs[1] and d.date != self.date
        ]

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

    def book_fact(self, name: str) -> str:
        """One of the book's facts as the edition records it (publisher, place, year, url), or ""."""
        value = self.edition.get(name)
        return str(value) if value else ""

    def note(self) -> str:
        """The facts that have no field of their own in BibTeX, CSL and RIS, as sentences."""
        pieces = []
        if self.recipients:
            pieces.append(f"Letter to {self.addressees}{self.inferred}")
        if self.part_label:
            pieces.append(f"{self.part_label}, {self.date_words}")
        pieces += self.later_parts + self.datings
        if self.where_printed:
            pieces.append(f"Printed in {self.where_printed}")
        if self.lcw:
            pieces.append(f"Also in {LCW_NAME}, {self.lcw}")
        pieces.append(self.in_edition)
        return ". ".join(pieces) + "."


def person_name(name: str) -> tuple[str, str]:
    """A name as (given, family): "Schnitzler, Arthur" and "Arthur Schnitzler" alike; one word is a
    family name alone."""
    family, comma, given = name.partition(",")
    if comma:
        return given.strip(), family.strip()
    given, _, family = name.strip().rpartition(" ")
    return given, family


def cited_names(authors: list[tuple[str, str]]) -> str:
    """ "Lenin, Vladimir Ilyich", "Schnitzler, Arthur and Bahr, Hermann": family first, as BibTeX and RIS
    and a bibliography's first name put them."""
    return " and ".join(f"{family}, {given}" if given else family for given, family in authors)


def book_authors(authors: str) -> list[tuple[str, str]]:
    """ "Alan Woods and Ted Grant" as (given, family) pairs; a one-word name has no given name."""
    pairs = []
    for name in authors.split(" and "):
        given, _, family = name.strip().rpartition(" ")
        pairs.append((given, family))
    return pairs


def keys(dated_slugs: Iterable[tuple[str, dt.date]], sender: str | None = "V.I. Lenin") -> dict[str, str]:
    """Each letter's citation key by slug, given every letter's slug and date and the edition's sender:
    unique over the letters, and the same in every version ("lenin1922testament" in the bundled edition;
    "letter…" where no sender is known; an undated letter's key has "nd" for its year)."""
    every = list(dated_slugs)
    head = _key_word(sender)
    compact = {slug: _compact_key(head, slug, _year(date)) for slug, date in every}
    counts: dict[str, int] = {}
    for key in compact.values():
        counts[key] = counts.get(key, 0) + 1
    return {
        slug: key if counts[key] == 1 else f"{head}{_year(date)}-{slug}"
        for (slug, key), (_, date) in zip(compact.items(), every, strict=True)
    }


def _key_word(sender: str | None) -> str:
    """The sender's surname as a key begins: "V.I. Lenin" → "lenin", "Schnitzler, Arthur" → "schnitzler"."""
    import unicodedata

    if not sender:
        return "letter"
    surname = sender.split(",")[0] if "," in sender else sender.split()[-1]
    folded = unicodedata.normalize("NFKD", surname.casefold())
    return "".join(c for c in folded if "a" <= c <= "z") or "letter"


def _year(date: dt.date) -> str:
    return "nd" if date == dt.date.max else str(date.year)


def _compact_key(head: str, slug: str, year: str) -> str:
    words = [word for word in slug.split("-") if word != year]
    return f"{head}{year}{''.join(words) or slug.replace('-', '')}"


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
    by_slug = keys(dated_slugs, edition.get("sender"))
    return [citation(letter, passage, edition, by_slug[letter.slug]) for letter, passage in selection]
