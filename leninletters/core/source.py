"""What an export carries beside its letters: the edition's metadata, its people, the works its authorities
cite, the links among letters and the dossiers. Every format reads it; a Corpus gives it, and every
Edition is one (store/edition.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from leninletters.core.dossiers import Dossier
from leninletters.core.model import Link, Person, Reference


class Source(Protocol):
    """Where exported letters come from: what an export carries beside them (a Corpus, or an Edition)."""

    @property
    def metadata(self) -> Mapping[str, Any]: ...

    @property
    def people(self) -> Sequence[Person]: ...

    @property
    def references(self) -> Sequence[Reference]: ...

    @property
    def links(self) -> Sequence[Link]: ...

    @property
    def dossiers(self) -> Sequence[Dossier]: ...
