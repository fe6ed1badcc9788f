"""One edition to ask: select letters, resolve references, search, list people.

The commands talk to an Edition and to nothing below it. `MemoryEdition` answers from a corpus held in
memory; an index for big corpora can be a second implementation without touching the commands.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from leninletters.core.model import Letter, Mention, Person
from leninletters.core.predicates import EVERYTHING, Predicate
from leninletters.core.source import Source
from leninletters.store import corpus

# Re-exported: the door's answers, as the commands and views name them.
from leninletters.store.answers import Counted as Counted
from leninletters.store.answers import Found as Found
from leninletters.store.answers import dated_parts as dated_parts
from leninletters.store.answers import narrowed as narrowed
from leninletters.store.memory import MemoryEdition as MemoryEdition
from leninletters.store.memory import PersonLookup as PersonLookup
from leninletters.store.memory import Profile as Profile

if TYPE_CHECKING:
    # Imported where they are used: `list` needs no searching, references, names or mentions.
    from leninletters.core.mentions import Occurrence, Summary
    from leninletters.core.references import Selected
    from leninletters.core.related import Relations
    from leninletters.core.search import Search as Search
    from leninletters.core.timeline import Bin, Mark


class Edition(Source, Protocol):
    """What the commands may ask of an edition: questions with answers, never "all the letters", so that
    a store may answer from an index without holding them. What an export carries beside its letters
    (metadata, people, references, links, dossiers) is core.source's Source."""

    def __len__(self) -> int:
        """How many letters the edition holds."""
        ...

    @property
    def metadata(self) -> dict[str, Any]: ...

    def select(self, predicate: Predicate) -> list[Letter]: ...

    def iter_select(self, predicate: Predicate, limit: int | None = None) -> Iterator[Letter]:
        """The letters select gives, one at a time as the store finds them (the first before the last is
        found), at most `limit` of them: the question stops there."""
        ...

    def given(self, predicate: Predicate) -> Predicate:
        """The predicate with what the store knows and a term cannot (the edition's sender, a dossier's
        letters): every question asks it first; a QueryError for a dossier the corpus does not have, so a
        front end can say so before it asks."""
        ...

    def page(self, predicate: Predicate, start: int, size: int) -> tuple[int, list[Letter]]:
        """How many letters the predicate selects, and at most `size` of them from the `start`th, in the
        edition's order: a window on a long selection without holding all of it (the reader's list)."""
        ...

    def dated_slugs(self) -> list[tuple[str, dt.date]]:
        """Each letter's slug and date, in the edition's order: what citation keys are unique over."""
        ...

    def resolve(self, references: Sequence[str]) -> list[Selected]: ...

    def is_reference(self, word: str) -> bool: ...

    def search(self, search: Search, predicate: Predicate = EVERYTHING, context: int = 0) -> list[Found]: ...

    def iter_search(
        self, search: Search, predicate: Predicate = EVERYTHING, context: int = 0, limit: int | None = None
    ) -> Iterator[Found]:
        """What search gives, one letter part at a time as the store finds it, from at most `limit`
        letters: the question stops at the last of them."""
        ...

    def count(self, search: Search, predicate: Predicate = EVERYTHING) -> list[Counted]: ...

    def find_people(self, name: str) -> list[Person]: ...

    def mentions(
        self, wanted: Callable[[Mention], bool], predicate: Predicate = EVERYTHING
    ) -> list[Occurrence]: ...

    def suggest(self, word: str, people_only: bool = False) -> list[str]: ...

    def look_up_person(self, name: str) -> PersonLookup: ...

    def span(self) -> tuple[dt.date, dt.date]: ...

    def choose(self, references: Sequence[str], predicate: Predicate = EVERYTHING) -> list[Selected]: ...

    def iter_choose(
        self, references: Sequence[str], predicate: Predicate = EVERYTHING, limit: int | None = None
    ) -> Iterator[Selected]:
        """What choose gives, one at a time as the store finds it, at most `limit` of it."""
        ...

    def relations(self) -> Relations: ...

    def timeline_marks(self, predicate: Predicate = EVERYTHING) -> list[Mark]: ...

    def timeline_bins(self, by: str, predicate: Predicate = EVERYTHING) -> list[Bin]: ...

    def people_summaries(self) -> list[Summary]: ...

    def profile(self, person: Person) -> Profile: ...


PERIODS = ("day", "week", "month")


# Opening an edition: the commands name a corpus by its path, the door decides how it is read. --------


def default_corpus() -> Path | None:
    """The corpus a run reads when none is named: $LENINLETTERS_CORPUS, else None for the bundled one."""
    return corpus.default_path()


def open_edition(
    path: str | os.PathLike[str] | None = None,
    *,
    use_index: bool = True,
    reindex: bool = True,
    notify: Callable[[str], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Edition:
    """The edition in a corpus file, or the bundled edition for None.

    A corpus file with an index (leninletters index) is answered from it, the index first rebuilt where
    the corpus changed (notify says so; reindex=False refuses instead); without one, or with
    use_index=False, the file is read and validated whole.
    """
    if path is not None and use_index:
        from leninletters.store import indexfile

        connection = indexfile.open_index(path, reindex=reindex, notify=notify, progress=progress)
        if connection is not None:
            from leninletters.store.index import IndexEdition

            return IndexEdition(connection)
    return MemoryEdition(corpus.load(path))


def build_index(
    path: str | os.PathLike[str], progress: Callable[[int, int], None] | None = None, force: bool = False
) -> bool:
    """Index a corpus file for fast answers, unless its index is fresh (or force): whether it was built.
    The corpus is validated as it is read; progress is told (letters done, letters in all)."""
    from leninletters.store import indexfile

    return indexfile.build_fresh(path, progress, force)


def index_location(path: str | os.PathLike[str]) -> Path:
    """Where a corpus file's index is kept."""
    from leninletters.store import indexfile

    return indexfile.index_path(path)


def check_corpus(path: str | os.PathLike[str] | None) -> tuple[MemoryEdition | None, list[str]]:
    """A corpus file's every problem, each naming its letter and field; the edition when there are none."""
    if path is None:
        return MemoryEdition(corpus.load_bundled()), []
    found, problems = corpus.check_file(path)
    return (MemoryEdition(found) if found is not None and not problems else None), problems


def is_bundled(path: str | os.PathLike[str]) -> bool:
    """Whether a path is a file of the bundled edition, which nothing may write over."""
    return corpus.is_bundled(path)


def new_search(
    pattern: str,
    *,
    regex: bool = False,
    word: bool = False,
    case_sensitive: bool = False,
    places: str = "text",
) -> Search:
    """A search for grep, checked: the pattern, and the settings that bound it (time, size); places says
    where it looks (grep --in: text, notes, sources, apparatus, comma between, or all)."""
    from leninletters.core.search import Search, places_from

    check_search_settings()
    where = places_from(places)
    search = Search(pattern, regex=regex, word=word, case_sensitive=case_sensitive, places=where)
    search.check()
    return search


def check_search_settings() -> None:
    """Refuse a bad search setting (LENINLETTERS_SEARCH_SECONDS and the like) whatever the search."""
    from leninletters.core.search import regex_size_limit, search_seconds

    search_seconds(), regex_size_limit()
