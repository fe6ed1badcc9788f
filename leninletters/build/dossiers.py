"""The curated dossiers: curation.toml's [[dossiers]], checked as the apparatus's links are (each typed,
each authority naming a reference, each member a letter of the edition, each id once)."""

from __future__ import annotations

from typing import Any

import msgspec

from leninletters.build import BuildError
from leninletters.build.apparatus import AUTHORITY_ID
from leninletters.core.dossiers import Dossier, repeated_ids, unknown_letters


def join_dossiers(raw: Any, slugs: list[str], reference_ids: set[str]) -> list[Dossier]:
    """curation.toml's dossiers, in its order, or a BuildError naming the first that is wrong."""
    if not isinstance(raw, list):
        raise BuildError("curation.toml: dossiers: expected an array of tables ([[dossiers]])")
    known = set(slugs)
    dossiers: list[Dossier] = []
    for position, entry in enumerate(raw, start=1):
        name = entry.get("id", "?") if isinstance(entry, dict) else "?"
        where = f"curation.toml: dossier {position} ({name})"
        try:
            dossier = msgspec.convert(entry, Dossier)
        except msgspec.ValidationError as error:
            raise BuildError(f"{where}: {error}") from None
        strangers = unknown_letters(dossier, known)
        if strangers:
            raise BuildError(f"{where}: no letter has the slug {strangers[0]!r}")
        _check_authority(dossier.authority, reference_ids, where)
        dossiers.append(dossier)
    again = repeated_ids(dossiers)
    if again:
        raise BuildError(f"curation.toml: the dossier id {again[0]!r} is used twice")
    return dossiers


def _check_authority(authority: str, reference_ids: set[str], where: str) -> None:
    """Each "; "-separated piece of an authority begins with a reference's id (the apparatus's rule)."""
    for piece in authority.split(";"):
        found = AUTHORITY_ID.match(piece.strip())
        if found is None or found[0] not in reference_ids:
            raise BuildError(f"{where}: authority {piece.strip()!r} names no reference")
