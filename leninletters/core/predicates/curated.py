"""The test of a letter by what the edition curates beside the letters: dossier:NAME, one of the letters
of a named dossier (leninletters.core.dossiers).

Kept apart from terms.py because the test needs the corpus: the query names a dossier, the corpus says
which letters it holds, and the store gives them (with_dossiers) before it selects.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from leninletters.core.errors import QueryError, shortened
from leninletters.core.model import Letter
from leninletters.core.predicates.base import All, Any, Clause, Not, Predicate, quote, with_leaves

if TYPE_CHECKING:
    from leninletters.core.dossiers import Dossier


class InDossier(Predicate):
    """One of the letters of a curated dossier (dossier:georgian-affair); until the store gives it the
    dossier's letters (`members` None) it holds for none."""

    __slots__ = ("members", "name")
    name: str
    members: frozenset[str] | None

    def __init__(self, name: str, members: frozenset[str] | None = None) -> None:
        self._set(name=name.casefold(), members=members)

    def matches(self, letter: Letter) -> bool:
        return self.members is not None and letter.slug in self.members

    def clause(self) -> Clause | None:
        # By slug, which the index answers natively: a dossier needs no table of its own.
        if self.members is None:
            return None
        return Clause(
            "or", children=tuple(Clause("equals", "slug", (slug,)) for slug in sorted(self.members))
        )

    def explain(self) -> str:
        return f"dossier:{quote(self.name)}"

    def meaning(self) -> str:
        return f"one of the letters of the edition's dossier {self.name!r}"


def with_dossiers(predicate: Predicate, dossiers: Sequence[Dossier]) -> Predicate:
    """The predicate with each dossier: term given the letters of the dossier it names; a QueryError that
    names the corpus's dossiers for one it does not have."""

    def given(term: Predicate) -> Predicate:
        if not isinstance(term, InDossier):
            return term
        found = next((dossier for dossier in dossiers if dossier.id == term.name), None)
        if found is None:
            raise QueryError(_no_such_dossier(term.name, dossiers))
        return InDossier(found.id, frozenset(found.letters))

    return with_leaves(predicate, given)


def asks_dossiers(predicate: Predicate) -> bool:
    """Whether a dossier: term stands anywhere in a predicate (most have none, and need nothing given)."""
    if isinstance(predicate, InDossier):
        return True
    if isinstance(predicate, All | Any):
        return any(asks_dossiers(item) for item in predicate.items)
    if isinstance(predicate, Not):
        return asks_dossiers(predicate.item)
    return False


def _no_such_dossier(name: str, dossiers: Sequence[Dossier]) -> str:
    if not dossiers:
        return f"dossier:{shortened(name)}: this corpus has no dossiers (see docs/corpus.md, 'Dossiers')"
    known = ", ".join(dossier.id for dossier in dossiers)
    return f"dossier:{shortened(name)} names no dossier: the dossiers are {known}"
