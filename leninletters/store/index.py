"""An edition answered from its index (store.indexfile): the same answers as MemoryEdition, reading only
the letters an answer holds.

A selection is compiled to SQL (store.sql) from the predicate's clause; only the rows it finds are
decoded, and checked with the predicate where the clause is not exact. A search reads only the letters
whose folded text holds its literal (the trigram index narrows). What has no native answer here (a
timeline, the people's summaries, the relations) is asked of a MemoryEdition of every letter, made once
when first needed: the same answer, at the JSON path's price.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import msgspec

from leninletters.core.dossiers import Dossier
from leninletters.core.folding import fold
from leninletters.core.model import Corpus, Letter, Link, Mention, Person, Reference
from leninletters.core.predicates import EVERYTHING, Predicate, asks_dossiers, people_in, with_dossiers
from leninletters.core.predicates import Person as PersonTerm
from leninletters.core.predicates.correspondence import with_sender
from leninletters.core.predicates.words import with_language
from leninletters.store import sql
from leninletters.store.answers import (
    Counted,
    Found,
    counted_in,
    finding_in,
    mentions_in,
    suggestions,
)
from leninletters.store.indexfile import meta
from leninletters.store.memory import MemoryEdition, PersonLookup, Profile

if TYPE_CHECKING:
    from leninletters.core.mentions import Occurrence, Summary
    from leninletters.core.references import Selected
    from leninletters.core.related import Relations
    from leninletters.core.search import Search
    from leninletters.core.timeline import Bin, Mark

_letter = msgspec.json.Decoder(Letter).decode
# A reference that names one letter by its number alone.
_NUMBER = re.compile(r"[0-9]{1,9}")


class IndexEdition:
    """An edition answered from an SQLite index of a corpus file."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self._paged: tuple[Predicate, list[int]] | None = None  # the last selection paged: its ids

    # What the index holds beside the letters ------------------------------------------------------

    def __len__(self) -> int:
        count = meta(self.connection, "count")
        return count if isinstance(count, int) else 0

    def _head(self, key: str, kind: Any) -> Any:
        return msgspec.json.decode(meta(self.connection, key), type=kind)  # type: ignore[call-overload]

    @cached_property
    def people(self) -> Sequence[Person]:
        return self._head("people", tuple[Person, ...])  # type: ignore[no-any-return]

    @cached_property
    def metadata(self) -> dict[str, Any]:
        return self._head("metadata", dict[str, Any])  # type: ignore[no-any-return]

    @cached_property
    def references(self) -> Sequence[Reference]:
        return self._head("references", tuple[Reference, ...])  # type: ignore[no-any-return]

    @cached_property
    def links(self) -> Sequence[Link]:
        return self._head("links", tuple[Link, ...])  # type: ignore[no-any-return]

    @cached_property
    def dossiers(self) -> Sequence[Dossier]:
        return self._head("dossiers", tuple[Dossier, ...])  # type: ignore[no-any-return]

    @cached_property
    def _languages(self) -> tuple[str, ...]:
        return self._head("languages", tuple[str, ...])  # type: ignore[no-any-return]

    def _stemmed_in(self) -> tuple[str, ...]:
        """The languages the index's letters were stemmed in (kept when it was built)."""
        return self._languages

    def given(self, predicate: Predicate) -> Predicate:
        """The predicate with its from: terms given the edition's sender, its bare words the edition's
        language, and its dossier: terms their letters (MemoryEdition.given)."""
        predicate = with_sender(predicate, self.metadata.get("sender"))
        predicate = with_language(predicate, self.metadata.get("language"), self._stemmed_in)
        return with_dossiers(predicate, self.dossiers) if asks_dossiers(predicate) else predicate

    def dated_slugs(self) -> list[tuple[str, dt.date]]:
        rows = self.connection.execute("SELECT slug, date FROM letters ORDER BY id")
        return [(slug, dt.date.fromisoformat(day)) for slug, day in rows]

    # Selecting ----------------------------------------------------------------------------------

    def _rows(
        self,
        predicate: Predicate,
        extra: sql.Compiled = sql.TRUE,
        derived: bool | None = None,
        texts: sql.Compiled | None = None,
    ) -> tuple[Iterator[Letter], bool]:
        """The letters the predicate's clause (and an extra condition) selects, and whether that is exact.

        Their mentions are derived where the corpus gives none (derived=None: where the predicate asks
        for people, as MemoryEdition.select does); the clause reads derived mentions, so with raw letters
        only a predicate naming no person may use it."""
        asks_people = any(isinstance(term, PersonTerm) for term in people_in(predicate))
        use_derived = asks_people if derived is None else derived
        clause = predicate.clause() if use_derived or not asks_people else None
        compiled = sql.TRUE if clause is None else sql.compile_clause(clause)
        exact = clause is not None and clause.exact
        column = "coalesce(b.mentioned, b.json)" if use_derived else "b.json"
        # Driven by the texts' trigram index where a condition on them is given (texts, aliased t): its
        # rows come in the letters' order as it finds them, the first at once; `l.id IN (…)` would find
        # every one before the first could be read. CROSS JOIN keeps the texts outermost even where a
        # date or a name narrows (measured at 100k: the whole answer 10-20% slower, its first row at once).
        source = "texts t CROSS JOIN letters l ON l.id = t.rowid" if texts is not None else "letters l"
        also = texts if texts is not None else sql.TRUE
        order = "t.rowid" if texts is not None else "l.id"  # the same order; by t's, SQLite sorts nothing
        query = (
            f"SELECT {column} FROM {source} JOIN bodies b ON b.id = l.id "
            f"WHERE ({also.where}) AND ({compiled.where}) AND ({extra.where}) ORDER BY {order}"
        )
        rows = self.connection.execute(query, [*also.params, *compiled.params, *extra.params])
        return (_letter(data) for (data,) in rows), exact

    def _selected(self, predicate: Predicate, extra: sql.Compiled = sql.TRUE) -> list[Letter]:
        letters, exact = self._rows(predicate, extra)
        if exact:
            return list(letters)
        return [letter for letter in letters if predicate.matches(letter)]

    def select(self, predicate: Predicate) -> list[Letter]:
        return self._selected(self.given(predicate))

    def _selecting(
        self, predicate: Predicate, extra: sql.Compiled = sql.TRUE, texts: sql.Compiled | None = None
    ) -> Iterator[Letter]:
        """_selected's letters as SQLite yields their rows, each decoded and checked when it comes."""
        letters, exact = self._rows(predicate, extra, texts=texts)
        return letters if exact else (letter for letter in letters if predicate.matches(letter))

    def iter_select(self, predicate: Predicate, limit: int | None = None) -> Iterator[Letter]:
        """select's letters as the rows come; after `limit` of them no further row is read."""
        from itertools import islice

        return islice(self._selecting(self.given(predicate)), limit)

    def page(self, predicate: Predicate, start: int, size: int) -> tuple[int, list[Letter]]:
        """The selection's ids found once and kept (a list scrolled page by page asks of one selection
        again and again), every letter cut without them; only the page's letters decoded."""
        asks_people = any(isinstance(term, PersonTerm) for term in people_in(predicate))
        column = "coalesce(b.mentioned, b.json)" if asks_people else "b.json"
        start, size = max(0, start), max(0, size)
        clause = predicate.clause()
        if clause is not None and clause.exact and sql.compile_clause(clause).where == sql.TRUE.where:
            total = len(self)
            cut = self.connection.execute(
                "SELECT id FROM letters ORDER BY id LIMIT ? OFFSET ?", [size, start]
            )
            window = [key for (key,) in cut]
        else:
            if self._paged is None or self._paged[0] != predicate:
                self._paged = (predicate, self._ids(predicate, column))
            total, window = len(self._paged[1]), self._paged[1][start : start + size]
        marks = ", ".join("?" for _ in window)
        rows = self.connection.execute(
            f"SELECT {column} FROM bodies b WHERE b.id IN ({marks}) ORDER BY b.id", window
        )
        return total, [_letter(data) for (data,) in rows]

    def _ids(self, predicate: Predicate, column: str) -> list[int]:
        """The ids of the letters a predicate selects: in SQL where its clause is exact, else each
        candidate decoded and checked in turn, one at a time (never every letter held at once)."""
        clause = predicate.clause()
        compiled = sql.TRUE if clause is None else sql.compile_clause(clause)
        if clause is not None and clause.exact:
            found = self.connection.execute(
                f"SELECT l.id FROM letters l WHERE ({compiled.where}) ORDER BY l.id", compiled.params
            )
            return [key for (key,) in found]
        candidates = self.connection.execute(
            f"SELECT l.id, {column} FROM letters l JOIN bodies b ON b.id = l.id "
            f"WHERE ({compiled.where}) ORDER BY l.id",
            compiled.params,
        )
        return [key for key, data in candidates if predicate.matches(_letter(data))]

    def search(self, search: Search, predicate: Predicate = EVERYTHING, context: int = 0) -> list[Found]:
        return list(self.iter_search(search, predicate, context))

    def iter_search(
        self, search: Search, predicate: Predicate = EVERYTHING, context: int = 0, limit: int | None = None
    ) -> Iterator[Found]:
        predicate = self.given(predicate)
        in_texts = _in_texts(search)
        candidates = (
            self._selecting(predicate, texts=in_texts)
            if in_texts is not None
            else self._selecting(predicate, _may_hold(search))
        )
        return finding_in(candidates, search, predicate, context, limit)

    def count(self, search: Search, predicate: Predicate = EVERYTHING) -> list[Counted]:
        predicate = self.given(predicate)
        counted = self._counted_by_sql(search, predicate)
        if counted is not None:
            return counted
        return counted_in(self._selected(predicate, _may_hold(search)), search, predicate)

    def _counted_by_sql(self, search: Search, predicate: Predicate) -> list[Counted] | None:
        """grep --count's commonest question (a phrase in any case, letters an exact clause selects) counted
        by SQLite in the folded texts, the JSON of no letter read but of those a query may narrow to some
        of their parts; None where the question needs more (a regex, case kept, a person's name)."""
        literal = search.literal
        clause = predicate.clause()
        if search.places != ("text",):
            return None
        if not literal or search.case_sensitive or clause is None or not clause.exact:
            return None
        if people_in(predicate):
            return None  # a name's mentions may be derived from the people: the letters' own path says
        compiled, held = sql.compile_clause(clause), sql.text_holds(literal)
        narrows = predicate != EVERYTHING
        # Driven by the texts that hold the phrase: each is read once, for the test and the count.
        query = (
            "SELECT l.number, l.slug, l.title, l.date, "
            "(length(t.folded) - length(replace(t.folded, ?, ''))) / length(?), "
            "CASE WHEN ? AND NOT l.whole THEN (SELECT b.json FROM bodies b WHERE b.id = l.id) END "
            "FROM texts t JOIN letters l ON l.id = t.rowid "
            f"WHERE ({held.where}) AND ({compiled.where}) ORDER BY l.id"
        )
        rows = self.connection.execute(query, [literal, literal, narrows, *held.params, *compiled.params])
        counted: list[Counted] = []
        for number, slug, title, day, matches, data in rows:
            if data is not None:  # in parts: counted where the query holds
                counted += counted_in([_letter(data)], search, predicate)
            elif matches:
                counted.append(Counted(_heading(number, slug, title, day), matches))
        return counted

    def mentions(
        self, wanted: Callable[[Mention], bool], predicate: Predicate = EVERYTHING
    ) -> list[Occurrence]:
        predicate = self.given(predicate)
        return mentions_in(self.select(predicate), wanted, predicate)

    # References ---------------------------------------------------------------------------------

    def _named_directly(self, references: Sequence[str]) -> list[Letter] | None:
        """The letters references name when each is a plain number or a letter's slug (not a section's),
        the commonest references (show 12, show testament); None when any needs the whole resolver."""
        from leninletters.core.references import NUMBER_RANGE, PASSAGE

        sections = set(self._head("sections", list[str]))
        found: list[Letter] = []
        for reference in references:
            text = reference.strip()
            if re.fullmatch(NUMBER_RANGE, text) or re.fullmatch(PASSAGE, text):
                return None
            if _NUMBER.fullmatch(text):
                row = self.connection.execute(
                    "SELECT json FROM bodies JOIN letters USING (id) WHERE number = ?", (int(text),)
                )
            elif text.casefold() not in sections and "." not in text and ":" not in text:
                row = self.connection.execute(
                    "SELECT json FROM bodies JOIN letters USING (id) WHERE slug = ?", (text.casefold(),)
                )
            else:
                return None
            data = row.fetchone()
            if data is None:
                return None
            found.append(_letter(data[0]))
        return found

    def resolve(self, references: Sequence[str]) -> list[Selected]:
        from leninletters.core import dates
        from leninletters.core.references import Resolver

        if not any(dates.is_date_reference(word.strip()) for word in references):
            named = self._named_directly(references)
            if named is not None:
                return Resolver(named).resolve(references)
        return self._whole.resolve(references)

    def is_reference(self, word: str) -> bool:
        from leninletters.core.references import looks_like_reference

        text = word.strip()
        if looks_like_reference(text):
            return True
        row = self.connection.execute("SELECT 1 FROM letters WHERE slug = ?", (text.casefold(),))
        return row.fetchone() is not None

    def choose(self, references: Sequence[str], predicate: Predicate = EVERYTHING) -> list[Selected]:
        from leninletters.core.references import Selected

        predicate = self.given(predicate)
        if references:
            return [item for item in self.resolve(references) if predicate.matches(item.letter)]
        # As MemoryEdition does, every letter as the corpus gives it (its mentions not derived).
        letters, _ = self._rows(predicate, derived=False)
        return [Selected(letter) for letter in letters if predicate.matches(letter)]

    def iter_choose(
        self, references: Sequence[str], predicate: Predicate = EVERYTHING, limit: int | None = None
    ) -> Iterator[Selected]:
        """choose's letters as the rows come; after `limit` of them no further row is read."""
        from itertools import islice

        from leninletters.core.references import Selected

        predicate = self.given(predicate)
        if references:
            named: Iterator[Selected] = iter(self.resolve(references))
        else:
            letters, _ = self._rows(predicate, derived=False)
            named = (Selected(letter) for letter in letters)
        return islice((item for item in named if predicate.matches(item.letter)), limit)

    # People -------------------------------------------------------------------------------------

    @cached_property
    def _named(self) -> MemoryEdition:
        """The people alone, for the questions about names that need no letter."""
        return MemoryEdition(Corpus((), tuple(self.people)))

    def find_people(self, name: str) -> list[Person]:
        return self._named.find_people(name)

    def look_up_person(self, name: str) -> PersonLookup:
        return self._named.look_up_person(name)

    def suggest(self, word: str, people_only: bool = False) -> list[str]:
        return suggestions(word, self.people, self._vocabulary, self._slugs, people_only)

    def _vocabulary(self) -> list[str]:
        return self._head("vocabulary", list[str])  # type: ignore[no-any-return]

    def _slugs(self) -> list[str]:
        return [slug for (slug,) in self.connection.execute("SELECT slug FROM letters ORDER BY id")]

    # What the whole corpus is asked for -----------------------------------------------------------

    @cached_property
    def _whole(self) -> MemoryEdition:
        """Every letter in memory, for the answers the index has no shortcut to."""
        rows = self.connection.execute("SELECT json FROM bodies ORDER BY id")
        letters = tuple(_letter(data) for (data,) in rows)
        return MemoryEdition(
            Corpus(
                letters,
                tuple(self.people),
                self.metadata,
                tuple(self.references),
                tuple(self.links),
                tuple(self.dossiers),
            )
        )

    def span(self) -> tuple[dt.date, dt.date]:
        return self._whole.span()

    def relations(self) -> Relations:
        from leninletters.store.indexrelations import IndexRelations

        return IndexRelations(self.connection, tuple(self.links))

    def timeline_marks(self, predicate: Predicate = EVERYTHING) -> list[Mark]:
        from leninletters.core import timeline

        return timeline.marks(self.select(predicate))

    def timeline_bins(self, by: str, predicate: Predicate = EVERYTHING) -> list[Bin]:
        return self._whole.timeline_bins(by, predicate)

    def people_summaries(self) -> list[Summary]:
        return self._whole.people_summaries()

    def profile(self, person: Person) -> Profile:
        return self._whole.profile(person)


def _heading(number: int, slug: str, title: str, day: str) -> Letter:
    """A letter's heading alone (its text left unread), for an answer that prints headings: grep --count."""
    return Letter(number=number, slug=slug, title=title, date=dt.date.fromisoformat(day), text="")


def _in_texts(search: Search) -> sql.Compiled | None:
    """For a search of the text alone by a literal the trigram index can look up: the condition on the
    texts (aliased t) that drives the question; None for any other search."""
    folded = fold(search.pattern)
    if search.regex or search.places != ("text",) or len(folded) < sql.TRIGRAM:
        return None
    return sql.text_holds(folded)


def _may_hold(search: Search) -> sql.Compiled:
    """The letters a search can match in: those whose folded text (or notes, sources, apparatus, where it
    looks there) holds its literal; for a regex, any."""
    if search.regex:
        return sql.TRUE
    # find() folds the text with its case kept for a case-sensitive search; folded whole, its case folded
    # too, a text holding the literal holds the pattern's fold, as the column is folded.
    folded = fold(search.pattern)
    held = [sql.contains(folded) if place == "text" else sql.holds(place, folded) for place in search.places]
    return sql.Compiled(
        " OR ".join(f"({one.where})" for one in held), [v for one in held for v in one.params]
    )
