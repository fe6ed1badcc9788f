"""The edition held in memory: every question a pass over the letters of one corpus (store.corpus reads
and validates it). The door (store.edition) hands it out for the bundled edition and for a corpus
without an index; the index (store.index) asks it what it answers over every letter.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from leninletters.core.dating import is_day
from leninletters.core.dossiers import Dossier
from leninletters.core.model import UNDATED, Corpus, Letter, Link, Mention, Person, Reference
from leninletters.core.predicates import (
    EVERYTHING,
    Predicate,
    Recipient,
    asks_dossiers,
    people_in,
    select,
    with_dossiers,
)
from leninletters.core.predicates import Person as PersonTerm
from leninletters.core.predicates.correspondence import with_sender
from leninletters.core.predicates.words import with_language
from leninletters.store.answers import (
    VOCABULARY_LETTERS,
    counted_in,
    finding_in,
    found_in,
    mentions_in,
    suggestions,
    vocabulary,
)

# Re-exported: the door's answers, as the commands and views name them.
from leninletters.store.answers import Counted as Counted
from leninletters.store.answers import Found as Found
from leninletters.store.answers import dated_parts as dated_parts
from leninletters.store.answers import narrowed as narrowed

if TYPE_CHECKING:
    # Imported where they are used: `list` needs no searching, references, names or mentions.
    from leninletters.core.mentions import Occurrence, Summary
    from leninletters.core.references import Resolver, Selected
    from leninletters.core.related import Relations
    from leninletters.core.search import Search as Search
    from leninletters.core.timeline import Bin, Mark


class Profile(NamedTuple):
    """One person as the edition knows them: the counts, every mention by letter, every spelling."""

    summary: Summary
    seen: list[Occurrence]
    spellings: list[str]


class PersonLookup(NamedTuple):
    """Whom a typed name stands for, and whether it is one of their listed spellings or a near miss."""

    people: list[Person]
    as_listed: bool


class MemoryEdition:
    """An edition answered from a corpus in memory: every question is a pass over its letters."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._resolver: Resolver | None = None
        self._languages: tuple[str, ...] | None = None
        self._mentioned: Sequence[Letter] | None = None
        self._paged: tuple[Predicate, list[Letter]] | None = None  # the last selection a page was of

    def __len__(self) -> int:
        return len(self.corpus.letters)

    def dated_slugs(self) -> list[tuple[str, dt.date]]:
        return [(letter.slug, letter.date) for letter in self.corpus.letters]

    @property
    def letters(self) -> Sequence[Letter]:
        """Every letter: this store's own, for what it answers; not part of the Edition protocol."""
        return self.corpus.letters

    @property
    def people(self) -> Sequence[Person]:
        return self.corpus.people

    @property
    def metadata(self) -> dict[str, Any]:
        return self.corpus.metadata

    @property
    def references(self) -> Sequence[Reference]:
        return self.corpus.references

    @property
    def links(self) -> Sequence[Link]:
        return self.corpus.links

    @property
    def dossiers(self) -> Sequence[Dossier]:
        return self.corpus.dossiers

    def given(self, predicate: Predicate) -> Predicate:
        """The predicate with what the store knows and a term cannot: its from: terms given the edition's
        sender, its bare words the edition's language, its dossier: terms their letters (a QueryError for
        a dossier this corpus does not have). Every question that takes a predicate asks this first."""
        predicate = with_sender(predicate, self.corpus.metadata.get("sender"))
        predicate = with_language(predicate, self.corpus.metadata.get("language"), self._stemmed_in)
        return with_dossiers(predicate, self.corpus.dossiers) if asks_dossiers(predicate) else predicate

    def _stemmed_in(self) -> tuple[str, ...]:
        """The languages this corpus's letters are stemmed in (core.stemming.language_of), found once."""
        if self._languages is None:
            from leninletters.core.stemming import language_of

            default = self.corpus.metadata.get("language")
            self._languages = tuple(sorted({language_of(letter, default) for letter in self.corpus.letters}))
        return self._languages

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            from leninletters.core.references import Resolver

            self._resolver = Resolver(self.corpus.letters)
        return self._resolver

    def select(self, predicate: Predicate) -> list[Letter]:
        predicate = self.given(predicate)
        asks_people = any(isinstance(term, PersonTerm) for term in people_in(predicate))
        letters = self.mentioned() if asks_people else self.corpus.letters
        return select(letters, predicate)

    def iter_select(self, predicate: Predicate, limit: int | None = None) -> Iterator[Letter]:
        """select's letters one at a time, a pass that stops after `limit` of them."""
        from itertools import islice

        predicate = self.given(predicate)
        asks_people = any(isinstance(term, PersonTerm) for term in people_in(predicate))
        letters = self.mentioned() if asks_people else self.corpus.letters
        return islice((letter for letter in letters if predicate.matches(letter)), limit)

    def page(self, predicate: Predicate, start: int, size: int) -> tuple[int, list[Letter]]:
        # A list scrolled page by page asks of one selection again and again: it is kept, the last one.
        if self._paged is None or self._paged[0] != predicate:
            self._paged = (predicate, self.select(predicate))
        selected = self._paged[1]
        return len(selected), selected[max(0, start) : max(0, start) + max(0, size)]

    def mentioned(self) -> Sequence[Letter]:
        """The letters with their mentions: as the corpus gives them, or, for a corpus that lists people
        but gives no mentions (one's own, made without the build), derived once when first asked."""
        if self._mentioned is None:
            letters = self.corpus.letters
            people = self.corpus.people
            if people and not any(letter.mentions for letter in letters):
                from leninletters.core import mentions as mentioning

                letters = tuple(mentioning.with_mentions(letter, people) for letter in letters)
            self._mentioned = letters
        return self._mentioned

    def resolve(self, references: Sequence[str]) -> list[Selected]:
        from leninletters.core.errors import LetterNotFound, shortened

        try:
            return self.resolver.resolve(references)
        except LetterNotFound:
            missed = [word for word in references if not self.is_reference(word)]
            person_hint = self._letters_of_person(missed[0]) if len(missed) == 1 else ""
            if not person_hint:
                raise
            raise LetterNotFound(f"no letter {shortened(missed[0].strip())!r}: {person_hint}") from None

    def _letters_of_person(self, word: str) -> str:
        """For a name where a letter was asked for (show stalin): the letters to them and their profile."""
        people = self.find_people(word)
        if len(people) != 1:
            return ""
        person = people[0]
        numbers = " ".join(str(letter.number) for letter in self.select(Recipient(person.id)))
        to = f"the letters to {person.name} are {numbers} (leninletters show {numbers}); " if numbers else ""
        return f"{to}who {person.name} is: leninletters people {person.id}"

    def is_reference(self, word: str) -> bool:
        return self.resolver.names_something(word)

    def search(self, search: Search, predicate: Predicate = EVERYTHING, context: int = 0) -> list[Found]:
        predicate = self.given(predicate)
        return found_in(self.select(predicate), search, predicate, context)

    def iter_search(
        self, search: Search, predicate: Predicate = EVERYTHING, context: int = 0, limit: int | None = None
    ) -> Iterator[Found]:
        predicate = self.given(predicate)
        return finding_in(self.iter_select(predicate), search, predicate, context, limit)

    def count(self, search: Search, predicate: Predicate = EVERYTHING) -> list[Counted]:
        predicate = self.given(predicate)
        return counted_in(self.select(predicate), search, predicate)

    # People -------------------------------------------------------------------------------------

    def find_people(self, name: str) -> list[Person]:
        """The people a name stands for: by id, or by any spelling of their names, in any script."""
        wanted = name.strip()
        by_id = [person for person in self.people if person.id == wanted.casefold()]
        if by_id:
            return by_id
        from leninletters.core import names

        ids = set(names.find_people(wanted, self.people))
        return [person for person in self.people if person.id in ids]

    def look_up_person(self, name: str) -> PersonLookup:
        """The people a name stands for, said whether it is spelt as listed (an id, any listed spelling in
        any script) or only forgiven by the loose match (Stallin): a near miss is for suggesting."""
        from leninletters.core import names

        found = self.find_people(name)
        return PersonLookup(found, any(names.spelt_as_listed(name, person) for person in found))

    def choose(self, references: Sequence[str], predicate: Predicate = EVERYTHING) -> list[Selected]:
        """The letters and passages the references name (every letter for none), those the query keeps."""
        from leninletters.core.references import Selected

        predicate = self.given(predicate)
        named = self.resolve(references) if references else [Selected(letter) for letter in self.letters]
        return [item for item in named if predicate.matches(item.letter)]

    def iter_choose(
        self, references: Sequence[str], predicate: Predicate = EVERYTHING, limit: int | None = None
    ) -> Iterator[Selected]:
        """choose's letters and passages one at a time, a pass that stops after `limit` of them."""
        from itertools import islice

        from leninletters.core.references import Selected

        predicate = self.given(predicate)
        named = self.resolve(references) if references else (Selected(letter) for letter in self.letters)
        return islice((item for item in named if predicate.matches(item.letter)), limit)

    def relations(self) -> Relations:
        """Which letters belong with which, and why: curated links, series, replies, the same addressee."""
        from leninletters.core.related import Relations

        return Relations(self.letters, self.links)

    def first_and_last_dates(self) -> tuple[dt.date, dt.date]:
        """The earliest and latest dates the letters carry: later parts and LCW datings too; an undated
        letter carries none (a corpus of undated letters alone gives their stand-in, 9999-12-31)."""
        every = [day for letter in self.letters for day in letter.dates if is_day(day)] or [UNDATED]
        return min(every), max(every)

    def span(self) -> tuple[dt.date, dt.date]:
        """The whole months the letters' dates fall in."""
        from leninletters.core import timeline

        return timeline.span(self.letters)

    def timeline_marks(self, predicate: Predicate = EVERYTHING) -> list[Mark]:
        """A mark per selected letter, later part and standard-edition dating, in date order."""
        from leninletters.core import timeline

        return timeline.marks(self.select(predicate))

    def timeline_bins(self, by: str, predicate: Predicate = EVERYTHING) -> list[Bin]:
        """The selected letters counted by period (week, month or day), each in the periods of the parts
        the query holds for."""
        from leninletters.core import timeline

        first, last = self.span()
        predicate = self.given(predicate)
        letters = self.select(predicate)
        return timeline.bins(
            letters, timeline.By(by), first, last, lambda letter: dated_parts(letter, predicate)
        )

    def people_summaries(self) -> list[Summary]:
        """Everyone the corpus lists, with how many letters name them and how."""
        from leninletters.core import mentions

        return mentions.summaries(self.mentioned(), self.people)

    def profile(self, person: Person) -> Profile:
        """One person: counts, every mention by letter, and every spelling (Russian and Georgian last)."""
        from leninletters.core import mentions, names

        summary = mentions.summaries(self.mentioned(), [person])[0]
        seen = mentions.occurrences(self.mentioned(), person.id)
        entry = names.bundled_names().get(person.id)
        if entry is None:
            return Profile(summary, seen, list(person.forms))
        native = [entry.native, *([entry.georgian] if entry.georgian else [])]
        latin = sorted(names.forms(person.id) - set(native), key=str.casefold)
        return Profile(summary, seen, [*latin, *native])

    def mentions(
        self, wanted: Callable[[Mention], bool], predicate: Predicate = EVERYTHING
    ) -> list[Occurrence]:
        """The mentions `wanted` accepts, in the letters the predicate selects, by letter."""
        predicate = self.given(predicate)
        return mentions_in(self.select(predicate), wanted, predicate)

    def suggest(self, word: str, people_only: bool = False) -> list[str]:
        """What a word that finds nothing probably meant: a person's name, a word of the letters, a slug."""
        return suggestions(word, self.people, self.vocabulary, self._slugs, people_only)

    def _slugs(self) -> list[str]:
        return [letter.slug for letter in self.letters]

    def vocabulary(self) -> list[str]:
        """The words of the letters, once each, in the order they first appear."""
        return vocabulary(self.letters[:VOCABULARY_LETTERS])


# The periods a timeline is counted by (the timeline's By), named without importing the timeline.
