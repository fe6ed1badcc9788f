"""What every predicate is, and the All, Any and Not that combine them.

Each predicate answers whether a letter matches and, where it matters, which of its parts and paragraphs
do; `explain()` writes it back as a query. A store that can answer a test natively (an index) asks
`clause()` for it: a description of the test in a small vocabulary of fields and comparisons (Clause),
or None where the predicate can only be checked on a letter. The in-memory store ignores clauses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from leninletters.core.model import Letter, Part

# The vocabulary of clauses: what a store must answer for each (field, test). Values are the clause's.
#   dates    between  (start | None, end | None): any date the letter carries (its parts', LCW's datings)
#   number   between  (first, last)
#   slug     equals   (slug,): casefolded
#   classification present ()             words (value,)
#   section, recipients, copies   words (value,): the folded words of value stand in order, contiguous,
#            among the field's folded words (for an array field: in any one of its strings)
#   mentions person   (key, kinds): a mention of one of kinds whose person a name's key names
#   text     contains (folded,): the folded text holds the folded phrase
#   notes, sources, apparatus   contains (folded,): one of the field's strings, folded, holds the folded
#            phrase (terms.beyond_the_text: the notes' texts; the source and its note; every string of the
#            apparatus)
#   stems    has (stem,): one of the text's words has this stem (core.stemming: English Snowball stems of
#            the folded words)
# and the combinations "and", "or", "not" over children.
CLAUSE_FIELDS = {
    "dates": ("between",),
    "number": ("between",),
    "slug": ("equals",),
    "classification": ("present", "words"),
    "section": ("words",),
    "recipients": ("words",),
    "copies": ("words",),
    "mentions": ("person",),
    "text": ("contains",),
    "notes": ("contains",),
    "sources": ("contains",),
    "apparatus": ("contains",),
    "stems": ("has",),
}
COMBINATIONS = ("and", "or", "not")


@dataclass(frozen=True, slots=True)
class Clause:
    """A test a store may answer from its own indexes: one field compared (field, test, values), or a
    combination of clauses (test "and", "or" or "not", with children).

    Not exact: the store's answer may hold more letters than the predicate (a conjunction with a part no
    clause can say); the store then checks each candidate with the predicate's matches().
    """

    test: str
    field: str = ""
    values: tuple[object, ...] = ()
    children: tuple[Clause, ...] = ()
    exact: bool = True

    def __post_init__(self) -> None:
        known = (
            self.test in COMBINATIONS if not self.field else self.test in CLAUSE_FIELDS.get(self.field, ())
        )
        if not known:
            raise ValueError(f"no clause {self.field}:{self.test}")


class Predicate:
    """A test of a letter. Immutable; equal when of the same kind with the same values."""

    __slots__ = ()

    def matches(self, letter: Letter) -> bool:
        raise NotImplementedError

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        """The parts of a letter this predicate holds for (all of them for a letter-wide test)."""
        return letter.all_parts if self.matches(letter) else ()

    def paragraphs(self, letter: Letter) -> frozenset[int]:
        """The paragraphs of a letter this predicate holds for: those of its parts, unless it can tell
        finer (a date range, by LCW's dating of a stretch inside a part)."""
        return frozenset(
            p for part in self.parts(letter) for p in range(part.first_paragraph, part.last_paragraph + 1)
        )

    def explain(self) -> str:
        """The predicate written in the query language, so that parsing it gives it back."""
        raise NotImplementedError

    def clause(self) -> Clause | None:
        """The test as a store may answer it natively, or None where only matches() can tell."""
        return None

    def meaning(self) -> str:
        """What the predicate tests, in words."""
        return (type(self).__doc__ or "").splitlines()[0].rstrip(".")

    def _values(self) -> tuple[object, ...]:
        names: tuple[str, ...] = self.__slots__
        return tuple(getattr(self, name) for name in names)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self) or not isinstance(other, Predicate):
            return False
        return other._values() == self._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        names: tuple[str, ...] = self.__slots__
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__name__}({values})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _set(self, **values: object) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)


def quote(value: str) -> str:
    """A value as the query language reads it back: bare where it can be, else in double quotes."""
    bare = value and not any(c.isspace() or c in '":()\\' for c in value) and value.lower() not in KEYWORDS
    if bare and not value.startswith("-") and value != "*":
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


KEYWORDS = frozenset({"and", "or", "not"})


# Combinations ---------------------------------------------------------------------------------


class All(Predicate):
    """Every one of its predicates holds (an empty All selects every letter)."""

    __slots__ = ("items",)
    items: tuple[Predicate, ...]

    def __init__(self, items: Iterable[Predicate] = ()) -> None:
        self._set(items=tuple(items))

    def matches(self, letter: Letter) -> bool:
        return all(item.matches(letter) for item in self.items)

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        found = letter.all_parts
        for item in self.items:
            held = item.parts(letter)
            found = tuple(part for part in found if part in held)
            if not found:
                break
        return found

    def paragraphs(self, letter: Letter) -> frozenset[int]:
        found = frozenset(range(1, letter.paragraph_count + 1))
        for item in self.items:
            found &= item.paragraphs(letter)
            if not found:
                break
        return found

    def explain(self) -> str:
        if not self.items:
            return "*"
        return " and ".join(_grouped(item, Any) for item in self.items)

    def clause(self) -> Clause | None:
        # Those of its items that have a clause narrow the letters; the rest are checked on what is left.
        clauses = [item.clause() for item in self.items]
        said = tuple(clause for clause in clauses if clause is not None)
        if self.items and not said:
            return None
        exact = all(clause is not None and clause.exact for clause in clauses)
        return Clause("and", children=said, exact=exact)


class Any(Predicate):
    """At least one of its predicates holds."""

    __slots__ = ("items",)
    items: tuple[Predicate, ...]

    def __init__(self, items: Iterable[Predicate]) -> None:
        self._set(items=tuple(items))

    def matches(self, letter: Letter) -> bool:
        return any(item.matches(letter) for item in self.items)

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        held = {part for item in self.items for part in item.parts(letter)}
        return tuple(part for part in letter.all_parts if part in held)

    def paragraphs(self, letter: Letter) -> frozenset[int]:
        return frozenset().union(*(item.paragraphs(letter) for item in self.items))

    def explain(self) -> str:
        return " or ".join(_grouped(item, All) for item in self.items)

    def clause(self) -> Clause | None:
        # One item no clause can say could hold for any letter: the store cannot narrow at all.
        clauses = [item.clause() for item in self.items]
        said = tuple(clause for clause in clauses if clause is not None)
        if len(said) < len(clauses):
            return None
        return Clause("or", children=said, exact=all(clause.exact for clause in said))


class Not(Predicate):
    """Its predicate does not hold."""

    __slots__ = ("item",)
    item: Predicate

    def __init__(self, item: Predicate) -> None:
        self._set(item=item)

    def matches(self, letter: Letter) -> bool:
        return not self.item.matches(letter)

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        # Letter-wise: a letter the inner test meets anywhere is excluded whole (`-scribe:L.F.` leaves out
        # the Testament, whose P.S. Fotieva took down), so a Not holds for all of a letter or none of it.
        return () if self.item.matches(letter) else letter.all_parts

    def paragraphs(self, letter: Letter) -> frozenset[int]:
        return frozenset() if self.item.matches(letter) else frozenset(range(1, letter.paragraph_count + 1))

    def clause(self) -> Clause | None:
        # The complement of a superset is no superset of the complement: only an exact clause negates.
        inner = self.item.clause()
        return Clause("not", children=(inner,)) if inner is not None and inner.exact else None

    def explain(self) -> str:
        inner = self.item.explain()
        if isinstance(self.item, All | Any):
            return f"not ({inner})"
        return f"not {inner}"


def _grouped(item: Predicate, needs_parentheses: type[Predicate]) -> str:
    text = item.explain()
    return f"({text})" if isinstance(item, needs_parentheses) else text


def all_of(items: Iterable[Predicate]) -> Predicate:
    """The conjunction, flattened: one item stands for itself, nested Alls merge."""
    flat: list[Predicate] = []
    for item in items:
        flat.extend(item.items if isinstance(item, All) else [item])
    return flat[0] if len(flat) == 1 else All(flat)


def any_of(items: Iterable[Predicate]) -> Predicate:
    """The disjunction, flattened: one item stands for itself, nested Anys merge."""
    flat: list[Predicate] = []
    for item in items:
        flat.extend(item.items if isinstance(item, Any) else [item])
    return flat[0] if len(flat) == 1 else Any(flat)


EVERYTHING = All()


def with_leaves(predicate: Predicate, given: Callable[[Predicate], Predicate]) -> Predicate:
    """The predicate with each of its tests (not All, Any, Not) replaced by what `given` makes of it: how a
    store hands its terms what only it knows (the edition's sender, a dossier's letters, its language)."""
    if isinstance(predicate, All):
        return All(with_leaves(item, given) for item in predicate.items)
    if isinstance(predicate, Any):
        return Any(with_leaves(item, given) for item in predicate.items)
    if isinstance(predicate, Not):
        return Not(with_leaves(predicate.item, given))
    return given(predicate)


def describe(predicate: Predicate, depth: int = 0) -> list[str]:
    """The predicate as an indented tree, one test a line, each with what it means."""
    indent = "  " * depth
    if isinstance(predicate, All | Any):
        if not predicate.items:
            return [f"{indent}every letter"]
        head = "all of:" if isinstance(predicate, All) else "any of:"
        return [f"{indent}{head}"] + [line for item in predicate.items for line in describe(item, depth + 1)]
    if isinstance(predicate, Not):
        return [f"{indent}not:", *describe(predicate.item, depth + 1)]
    return [f"{indent}{predicate.explain()}  ({predicate.meaning()})"]


def select(letters: Iterable[Letter], predicate: Predicate) -> list[Letter]:
    """The letters a predicate holds for, in their order."""
    if predicate == EVERYTHING:
        return list(letters)
    return [letter for letter in letters if predicate.matches(letter)]
