"""Curated dossiers: named groups of letters that belong to one question (the Georgian affair, the
foreign-trade monopoly), each with the reason it is a group and the authority for it.

A dossier is the edition's reading, not the print's: like the apparatus's facts it carries an
`authority` (reference ids of the corpus's `references`, with a page or note, several joined by "; "),
a `certainty` and a `note` saying in words what the authority does and does not show. A letter may be in
several dossiers, or in none.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Annotated, Any

from msgspec import Meta, Struct

from leninletters.core.kinds import Certainty, Line, OptionalLine, Slug

Members = Annotated[tuple[Slug, ...], Meta(min_length=1, description="a non-empty array of letter slugs")]


class Dossier(Struct, frozen=True, kw_only=True, gc=False):
    """A named group of letters, why they belong together, and on whose authority."""

    id: Slug
    title: Line
    reason: Line
    letters: Members
    authority: Line
    certainty: Certainty
    note: OptionalLine = None

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for slug in self.letters:
            if slug in seen:
                raise ValueError(f"letters: {slug!r} is named twice")
            seen.add(slug)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "reason": self.reason,
            "letters": list(self.letters),
            "authority": self.authority,
            "certainty": self.certainty,
            "note": self.note,
        }


def unknown_letters(dossier: Dossier, slugs: set[str]) -> list[str]:
    """The members a dossier names that no letter of the corpus has, in the dossier's order."""
    return [slug for slug in dossier.letters if slug not in slugs]


def repeated_ids(dossiers: Iterable[Dossier]) -> list[str]:
    """The dossier ids given more than once, each once, in the order they repeat."""
    seen: set[str] = set()
    again: list[str] = []
    for dossier in dossiers:
        if dossier.id in seen and dossier.id not in again:
            again.append(dossier.id)
        seen.add(dossier.id)
    return again


def containing(slug: str, dossiers: Sequence[Dossier]) -> list[Dossier]:
    """The dossiers a letter belongs to, in the corpus's order."""
    return [dossier for dossier in dossiers if slug in dossier.letters]


def named(name: str, dossiers: Sequence[Dossier]) -> Dossier | None:
    """The dossier with this id, in any case (dossier:Georgian-Affair)."""
    wanted = name.strip().casefold()
    return next((dossier for dossier in dossiers if dossier.id == wanted), None)


def restricted(dossiers: Sequence[Dossier], chosen: set[str]) -> list[Dossier]:
    """The dossiers as they stand among some letters only (an export of a selection): each keeps the
    members chosen, and one with none of its letters chosen is left out, so that the export stays a
    corpus whose dossiers name only its own letters."""
    kept: list[Dossier] = []
    for dossier in dossiers:
        members = tuple(slug for slug in dossier.letters if slug in chosen)
        if members == dossier.letters:
            kept.append(dossier)
        elif members:
            kept.append(_with_members(dossier, members))
    return kept


def _with_members(dossier: Dossier, members: tuple[str, ...]) -> Dossier:
    import msgspec

    return msgspec.structs.replace(dossier, letters=members)


DOSSIERS_HEADING = "In the edition's dossiers (groups of letters, with their reasons)"


def plain_lines(dossiers: Sequence[Dossier]) -> list[str]:
    """The dossiers a letter is in, as lines of text: each with its size and the query that lists it,
    then its reason with its authority and certainty (as the related letters are shown)."""
    lines: list[str] = []
    for dossier in dossiers:
        size = len(dossier.letters)
        lines.append(
            f"  {dossier.title} ({size} letter{'' if size == 1 else 's'}: "
            f"leninletters list dossier:{dossier.id})"
        )
        lines.append(f"     {dossier.reason} Authority: {dossier.authority}. Certainty: {dossier.certainty}.")
    return lines
