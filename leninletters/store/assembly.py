"""Build a corpus from its checked records, by the rules that join them: each number, slug and person id
once, each link once and between two letters of the corpus, every person a letter names listed, the
edition's map of scribes well formed.

This is the fast path's judge: it says only whether the records make a corpus. problems.py names each
problem of one that does not, by the same rules (tests/test_corpus.py holds the two to agreement).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import msgspec
from msgspec import Struct

from leninletters.core.model import (
    MAYBE_EMPTY_LINE_PATTERN,
    UNNAMED,
    Corpus,
    Edition,
    Letter,
    Link,
    Person,
    Reference,
)

EDITION_KEYS = frozenset(field.encode_name for field in msgspec.structs.fields(Edition))
ONE_LINE = re.compile(MAYBE_EMPTY_LINE_PATTERN)


class Document(Struct):
    """A corpus as an object: its letters, the people they name, the edition's metadata."""

    letters: list[Letter]
    people: list[Person] = []
    edition: dict[str, Any] = {}
    references: list[Reference] = []
    links: list[Link] = []


SHAPE = list[Letter] | Document
decode = msgspec.json.Decoder(SHAPE).decode


def from_records(document: list[Letter] | Document) -> Corpus | None:
    """The corpus a decoded document makes, or None when a rule that joins its records fails."""
    if isinstance(document, list):
        return assembled(document, [], {})
    return assembled(document.letters, document.people, document.edition, document.references, document.links)


def link_identity(link: Link) -> frozenset[str]:
    """What makes two links the same: the same two letters, in either order (a link is shown on both)."""
    return frozenset((link.a, link.b))


def assembled(
    letters: list[Letter],
    people: list[Person],
    edition: dict[str, Any],
    references: Sequence[Reference] = (),
    links: Sequence[Link] = (),
) -> Corpus | None:
    """The corpus from its checked records; None when a rule that joins them fails."""
    if not letters:
        return None
    numbers, slugs = {letter.number for letter in letters}, {letter.slug for letter in letters}
    if len(numbers) != len(letters) or len(slugs) != len(letters):
        return None
    checked = checked_edition(edition)
    if checked is None:
        return None
    ids = {person.id for person in people}
    if len(ids) != len(people) or (people and not _names_only(letters, ids)):
        return None
    if len({link_identity(link) for link in links}) != len(links):
        return None
    if any(link.a not in slugs or link.b not in slugs for link in links):
        return None
    scribe_names = checked.scribes
    for letter in letters:
        if letter.scribe_names is UNNAMED:
            names = tuple(scribe_names.get(scribe, scribe) for scribe in letter.scribes)
            msgspec.structs.force_setattr(letter, "scribe_names", names)
    letters.sort(key=lambda letter: letter.number)
    return Corpus(tuple(letters), tuple(people), edition, tuple(references), tuple(links))


def _names_only(letters: list[Letter], ids: set[str]) -> bool:
    """Whether the letters' mentions and people name only these ids."""
    return all(
        all(mention.person in ids for mention in letter.mentions) and ids.issuperset(letter.people)
        for letter in letters
    )


def checked_edition(edition: dict[str, Any]) -> Edition | None:
    """The edition's known keys, when they are right and every string anywhere in it is one line."""
    try:
        checked = msgspec.convert(edition, Edition)
    except (msgspec.ValidationError, UnicodeError):
        return None
    others = [(key, value) for key, value in edition.items() if key not in EDITION_KEYS]
    if others and not _one_line_throughout(dict(others)):
        return None
    return checked


def _one_line_throughout(value: Any) -> bool:
    """Whether every string of a JSON value, and every key of its objects, is one line."""
    if isinstance(value, str):
        return ONE_LINE.search(value) is not None
    if isinstance(value, list):
        return all(_one_line_throughout(item) for item in value)
    if isinstance(value, dict):
        return all(
            ONE_LINE.search(key) is not None and _one_line_throughout(item) for key, item in value.items()
        )
    return True  # a number, true, false or null
