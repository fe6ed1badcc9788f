"""The tests of what an imported letter says of its correspondence: who sent it (from:), where it was
sent or received (place:), and whether it is dated at all (date:none). Pure, like predicates.terms.

None has a clause: every store answers them letter by letter (they are rare in a query, and the
bundled edition's letters all share one sender and name no place).
"""

from __future__ import annotations

from leninletters.core.dating import NO_DATE
from leninletters.core.model import Letter, Part
from leninletters.core.predicates.base import Predicate, quote, with_leaves
from leninletters.core.predicates.terms import name_key, name_matches


class Sender(Predicate):
    """Sent by a name: a sender the letter names, or the edition's sender where it names none; in any
    spelling the people index knows for them (their forms, their id).

    The edition's sender is the store's to give (with_sender): a query is read before any edition."""

    __slots__ = ("default", "name")
    name: str
    default: str | None

    def __init__(self, name: str, default: str | None = None) -> None:
        self._set(name=name, default=default)

    def matches(self, letter: Letter) -> bool:
        senders = letter.senders or ((self.default,) if self.default else ())
        if any(name_matches(self.name, sender) for sender in senders):
            return True
        if not any(mention.kind == "sender" for mention in letter.mentions):
            return False
        from leninletters.core.mentions import names_person

        key = name_key(self.name)
        return any(m.kind == "sender" and names_person(m, key) for m in letter.mentions)

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        # Letter-wise. Asked without the edition's sender (to narrow a letter a store selected with it),
        # a letter that names no sender is taken whole: the store has judged it.
        if self.default is None and not letter.senders:
            return letter.all_parts
        return super().parts(letter)

    def explain(self) -> str:
        return f"from:{quote(self.name)}"

    def meaning(self) -> str:
        return f"sent by a name with the words {self.name!r} (the edition's sender where a letter names none)"


class Place(Predicate):
    """Sent from or received at a place whose name has the words asked for (place:wien finds Wien)."""

    __slots__ = ("name",)
    name: str

    def __init__(self, name: str) -> None:
        self._set(name=name)

    def matches(self, letter: Letter) -> bool:
        return any(name_matches(self.name, place.name) for place in letter.places)

    def explain(self) -> str:
        return f"place:{quote(self.name)}"

    def meaning(self) -> str:
        return f"sent from or received at a place named with the words {self.name!r}"


def with_sender(predicate: Predicate, sender: str | None) -> Predicate:
    """The predicate with every from: term knowing the edition's sender, for the letters that name none."""
    if sender is None:
        return predicate

    def given(term: Predicate) -> Predicate:
        return Sender(term.name, sender) if isinstance(term, Sender) else term

    return with_leaves(predicate, given)


class Undated(Predicate):
    """Undated: neither a date nor a dating that gives a day."""

    __slots__ = ()

    def matches(self, letter: Letter) -> bool:
        return letter.undated

    def explain(self) -> str:
        return f"date:{NO_DATE}"

    def meaning(self) -> str:
        return "undated: no date, and no dating that gives a day"
