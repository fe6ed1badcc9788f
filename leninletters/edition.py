"""One edition to ask: select letters, resolve references, search, list people.

The commands talk to an Edition and to nothing below it. `MemoryEdition` answers from a corpus held in
memory; an index for big corpora can be a second implementation without touching the commands.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from leninletters.model import Corpus, Letter, Link, Part, Person, Reference
from leninletters.predicates import EVERYTHING, Predicate, select

if TYPE_CHECKING:
    # Imported where they are used: `list` needs neither searching nor references.
    from leninletters.references import Resolver, Selected
    from leninletters.search import Match, Search, Snippet


class Found(NamedTuple):
    """The matches of a search in one part of a letter, dated by that part."""

    letter: Letter
    part: Part
    matches: tuple[Match, ...]
    snippets: tuple[Snippet, ...]


class Counted(NamedTuple):
    """How many matches a search has in one letter."""

    letter: Letter
    matches: int


class Edition(Protocol):
    """What the commands may ask of an edition."""

    @property
    def letters(self) -> Sequence[Letter]: ...

    @property
    def people(self) -> Sequence[Person]: ...

    @property
    def metadata(self) -> dict[str, Any]: ...

    @property
    def references(self) -> Sequence[Reference]: ...

    @property
    def links(self) -> Sequence[Link]: ...

    def select(self, predicate: Predicate) -> list[Letter]: ...

    def resolve(self, references: Sequence[str]) -> list[Selected]: ...

    def is_reference(self, word: str) -> bool: ...

    def search(self, search: Search, predicate: Predicate = EVERYTHING, context: int = 0) -> list[Found]: ...

    def count(self, search: Search, predicate: Predicate = EVERYTHING) -> list[Counted]: ...


class MemoryEdition:
    """An edition answered from a corpus in memory: every question is a pass over its letters."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._resolver: Resolver | None = None

    @property
    def letters(self) -> Sequence[Letter]:
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
    def resolver(self) -> Resolver:
        if self._resolver is None:
            from leninletters.references import Resolver

            self._resolver = Resolver(self.corpus.letters)
        return self._resolver

    def select(self, predicate: Predicate) -> list[Letter]:
        return select(self.corpus.letters, predicate)

    def resolve(self, references: Sequence[str]) -> list[Selected]:
        return self.resolver.resolve(references)

    def is_reference(self, word: str) -> bool:
        return self.resolver.names_something(word)

    def search(self, search: Search, predicate: Predicate = EVERYTHING, context: int = 0) -> list[Found]:
        from leninletters import search as searching

        deadline = searching.Deadline()  # one time limit for the whole search, however many letters it reads
        whole = predicate == EVERYTHING
        found: list[Found] = []
        for letter in self.select(predicate):
            matches = searching.find(letter, search, deadline)
            if not matches:
                continue
            # A letter in one piece that was selected is selected whole; else only some parts may count.
            parts = letter.all_parts if whole or not letter.parts else predicate.parts(letter)
            for part in parts:
                inside = [m for m in matches if part.first_paragraph <= m.paragraph <= part.last_paragraph]
                if inside:
                    snippets = searching.snippets(letter, inside, context)
                    found.append(Found(letter, part, tuple(inside), tuple(snippets)))
        return found

    def count(self, search: Search, predicate: Predicate = EVERYTHING) -> list[Counted]:
        from leninletters import search as searching

        deadline = searching.Deadline()
        counted: list[Counted] = []
        whole = predicate == EVERYTHING
        for letter in self.select(predicate):
            # A letter in one piece that was selected is selected whole; else only some parts may count.
            parts = () if whole or not letter.parts else predicate.parts(letter)
            if whole or not letter.parts or len(parts) == len(letter.parts):
                number = searching.count(letter, search, deadline)  # the fast path: no spans, no parts
            else:
                spans = [(p.first_paragraph, p.last_paragraph) for p in parts]
                number = sum(
                    any(first <= m.paragraph <= last for first, last in spans)
                    for m in searching.find(letter, search, deadline)
                )
            if number:
                counted.append(Counted(letter, number))
        return counted
