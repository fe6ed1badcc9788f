"""The relations of a letter (core.related) answered from the index: each letter's linked letters, its
heading group and its previous and next letter to each addressee looked up when asked, not computed over
every letter.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence

import msgspec

from leninletters.core.model import Letter, Link
from leninletters.core.related import Relation, Relations, addressee_relation, addressees, links_by_slug

_letter = msgspec.json.Decoder(Letter).decode
_BODY = "SELECT b.json FROM bodies b JOIN letters l ON l.id = b.id WHERE "


class _Lookup(dict[object, object]):
    """A dict that answers get() by a look-up, for Relations' by_slug and heading groups."""

    def __init__(self, find: Callable[[object], object]) -> None:
        super().__init__()
        self.find = find

    def get(self, key: object, default: object = None) -> object:
        found = self.find(key)
        return default if found is None else found


class IndexRelations(Relations):
    """Relations whose every question about one letter is a few look-ups in the index."""

    def __init__(self, connection: sqlite3.Connection, links: Sequence[Link]) -> None:
        self.connection = connection
        self.letters: Sequence[Letter] = ()
        self.links = links
        self.by_slug = _Lookup(lambda slug: self._one(_BODY + "l.slug = ?", (slug,)))  # type: ignore[assignment]
        self._sections = _Lookup(self._group)  # type: ignore[assignment]
        self._links_of = links_by_slug(links)

    def _place(self, letter: Letter, group: Sequence[Letter]) -> int:
        return next(index for index, other in enumerate(group) if other.number == letter.number)

    def _one(self, query: str, params: tuple[object, ...]) -> Letter | None:
        row = self.connection.execute(query, params).fetchone()
        return None if row is None else _letter(row[0])

    def _group(self, number: object) -> tuple[Letter, ...] | None:
        rows = self.connection.execute(
            _BODY + "l.id IN (SELECT letter FROM headings WHERE opening = (SELECT h.opening FROM headings h "
            "JOIN letters n ON n.id = h.letter WHERE n.number = ?)) ORDER BY l.id",
            (number,),
        ).fetchall()
        return tuple(_letter(data) for (data,) in rows) or None

    def _same_addressee(self, letter: Letter) -> Iterable[Relation]:
        if letter.undated:
            return
        row = self.connection.execute("SELECT id FROM letters WHERE number = ?", (letter.number,)).fetchone()
        if row is None:
            return
        neighbours = (
            ("previous", "letter < ? ORDER BY letter DESC"),
            ("next", "letter > ? ORDER BY letter"),
        )
        for name in addressees(letter):
            for word, where in neighbours:
                query = f"{_BODY}l.id = (SELECT letter FROM addressees WHERE name = ? AND {where} LIMIT 1)"
                other = self._one(query, (name, row[0]))
                if other is not None:
                    yield addressee_relation(letter, other, word, name)
