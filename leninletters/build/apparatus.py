"""The apparatus: data/apparatus.toml, checked: each fact typed, each authority naming a reference, each
link between two letters of the edition; what the edition adds to the print, kept apart from it."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any

import msgspec

from leninletters.build import BuildError
from leninletters.core.model import Expansion, LetterApparatus, Link, PersonApparatus, Reference

# The id a reference is named by at the start of each "; "-separated piece of an authority.
AUTHORITY_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# apparatus.toml's table names, and the letter apparatus's fields they fill.
LETTER_TABLES = {"lcw": "lcw", "provenance": "provenance", "dating": "datings", "hand": "hands"}
LETTER_TABLES |= {"supplied": "supplied", "recipients": "recipients"}


class Apparatus:
    """data/apparatus.toml, checked: each fact typed, each authority naming a reference."""

    def __init__(self, raw: dict[str, Any]) -> None:
        try:
            self.references = msgspec.convert(raw.get("reference", []), list[Reference])
        except msgspec.ValidationError as error:
            raise BuildError(f"apparatus.toml: reference: {error}") from None
        self.ids = {reference.id for reference in self.references}
        if len(self.ids) != len(self.references):
            raise BuildError("apparatus.toml: a reference id is used twice")
        self.letters: dict[str, LetterApparatus] = {}
        for entry in raw.get("letter", []):
            slug = entry.get("slug", "?")
            fields = {LETTER_TABLES.get(key, key): value for key, value in entry.items() if key != "slug"}
            self.letters[slug] = self._typed(fields, LetterApparatus, f"letter {slug}")
        self.people = {
            entry.get("id", "?"): self._typed(
                {key: value for key, value in entry.items() if key != "id"},
                PersonApparatus,
                f"person {entry.get('id', '?')}",
            )
            for entry in raw.get("person", [])
        }
        self.notes = {
            str(entry.get("marker", "?")): self._typed(
                {key: value for key, value in entry.items() if key != "marker"},
                Expansion,
                f"note {entry.get('marker', '?')}",
            )
            for entry in raw.get("note", [])
        }
        self._used: set[str] = set()
        self._used_notes: set[str] = set()
        self.raw_links: list[Any] = raw.get("link", [])

    def _typed(self, fields: dict[str, Any], kind: type[Any], where: str) -> Any:
        try:
            record = msgspec.convert(fields, kind)
        except msgspec.ValidationError as error:
            raise BuildError(f"apparatus.toml: {where}: {error}") from None
        for authority in _authorities(msgspec.to_builtins(record)):
            for piece in authority.split(";"):
                found = AUTHORITY_ID.match(piece.strip())
                if found is None or found[0] not in self.ids:
                    raise BuildError(
                        f"apparatus.toml: {where}: authority {piece.strip()!r} names no reference"
                    )
        return record

    def of_letter(self, slug: str, source_note: str | None) -> LetterApparatus | None:
        """The letter's apparatus, with the expansion of its printed source where that needs one."""
        found = self.letters.get(slug)
        expansion = self.notes.get(source_note) if source_note else None
        if expansion is not None:
            self._used_notes.add(str(source_note))
            found = msgspec.structs.replace(found or LetterApparatus(), source=expansion)
        if found is not None:
            self._used.add(slug)
        return found

    def recipients(
        self, number: int, spec: dict[str, Any], apparatus: LetterApparatus | None
    ) -> tuple[tuple[str, ...], bool]:
        """The letter's recipients and whether they are inferred: the apparatus's where it gives them (the
        curation must then agree), else the curation's."""
        curated = tuple(spec.get("recipients", ()))
        if apparatus is None or apparatus.recipients is None:
            return curated, False
        names = apparatus.recipients.names
        if curated and curated != names:
            raise BuildError(
                f"letter {number} ({spec['slug']}): curation.toml's recipients {list(curated)} and "
                f"apparatus.toml's {list(names)} disagree"
            )
        return names, apparatus.recipients.inferred

    def description(self, person: dict[str, Any]) -> str:
        """A person's description: the checked one where the apparatus has it."""
        checked = self.people.get(person["id"])
        return checked.description if checked else str(person.get("description", ""))

    def note(self, marker: str) -> Expansion | None:
        """The expansion of a note printed with a letter, if it has one."""
        if marker in self.notes:
            self._used_notes.add(marker)
        return self.notes.get(marker)

    def check_all_used(self, slugs: set[str], people: set[str]) -> None:
        """Refuse a fact about a letter, person or note that the edition does not have."""
        for kind, named, known in (
            ("letter has the slug", set(self.letters), slugs),
            ("person has the id", set(self.people), people),
            ("letter's source or notes have the note", set(self.notes), self._used_notes),
        ):
            unknown = sorted(named - known)
            if unknown:
                raise BuildError(f"apparatus.toml: no {kind} {unknown[0]!r}")


def join_links(joined: Apparatus, slugs: list[str]) -> list[Link]:
    """apparatus.toml's links between letters, checked: each typed, with its certainty and an authority
    naming references, between two different letters of the edition, each pair once (a link is
    unordered: a-b is shown on both letters, so b-a would be the same link again)."""
    known = set(slugs)
    links: list[Link] = []
    pairs: dict[frozenset[str], int] = {}
    for position, entry in enumerate(joined.raw_links, start=1):
        where = f"link {position} ({entry.get('a', '?')} - {entry.get('b', '?')})"
        link: Link = joined._typed(entry, Link, where)
        for end in (link.a, link.b):
            if end not in known:
                raise BuildError(f"apparatus.toml: {where}: no letter has the slug {end!r}")
        if link.a == link.b:
            raise BuildError(f"apparatus.toml: {where}: links a letter to itself")
        pair = frozenset((link.a, link.b))
        if pair in pairs:
            raise BuildError(f"apparatus.toml: {where}: the same pair as link {pairs[pair]}")
        pairs[pair] = position
        links.append(link)
    return links


def _authorities(value: Any) -> list[str]:
    """Every authority string in a fact or in the facts it holds."""
    if isinstance(value, dict):
        found = [value["authority"]] if isinstance(value.get("authority"), str) else []
        return found + [a for key, item in value.items() if key != "authority" for a in _authorities(item)]
    if isinstance(value, list):
        return [a for item in value for a in _authorities(item)]
    return []


def read_apparatus() -> dict[str, Any]:
    """The apparatus as bundled with the package."""
    text = resources.files("leninletters.data").joinpath("apparatus.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
