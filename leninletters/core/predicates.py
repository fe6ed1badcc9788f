"""What selects a letter: small immutable predicates and the All, Any and Not that combine them.

Each predicate answers whether a letter matches and, where it matters, which of its parts do (a date
range meets the Testament only in its P.S. of 4 January 1923). The options of the command line and the
query language (leninletters.core.querylang) both build these; `explain()` writes one back as a query.

Pure: knows nothing of the command line or the terminal. Adding a predicate is one class here (with its
`explain`) and one entry in querylang.FIELDS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from leninletters.core.errors import QueryError, shortened
from leninletters.core.folding import fold
from leninletters.core.model import DEFAULT_KINDS, MENTION_KINDS, Letter, Mention, Part


def name_key(name: str) -> str:
    """The spelling-forgiving key of a name (leninletters.core.names, imported when a name is first asked)."""
    from leninletters.core.names import name_key as key

    return key(name)


def _names_person(mention: Mention, key: str) -> bool:
    from leninletters.core.mentions import names_person

    return names_person(mention, key)


# The value of scribe: that stands for "no scribe printed".
NO_SCRIBE = "none"


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
        found = frozenset(range(1, letter.text.count("\n\n") + 2))
        for item in self.items:
            found &= item.paragraphs(letter)
            if not found:
                break
        return found

    def explain(self) -> str:
        if not self.items:
            return "*"
        return " and ".join(_grouped(item, Any) for item in self.items)


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
        return (
            frozenset() if self.item.matches(letter) else frozenset(range(1, letter.text.count("\n\n") + 2))
        )

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


# Tests of a letter ----------------------------------------------------------------------------


class DateRange(Predicate):
    """Dated within a range, both ends included, either open: a letter matches by any dated part, by the
    print's date or by the standard edition's (LCW) dating of its paragraphs."""

    __slots__ = ("end", "start")
    start: dt.date | None
    end: dt.date | None

    def __init__(self, start: dt.date | None, end: dt.date | None) -> None:
        self._set(start=start, end=end)

    def holds_for(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def matches(self, letter: Letter) -> bool:
        return any(self.holds_for(day) for day in letter.dates)

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        # A part holds when its printed date does, or LCW's dating of any of its paragraphs (the Testament's
        # main text, printed under 25 December, by its paragraphs 1-8 of 24 December).
        return tuple(
            part for part in letter.all_parts if any(self.holds_for(day) for day in letter.dates_of(part))
        )

    def paragraphs(self, letter: Letter) -> frozenset[int]:
        # Finer than parts: a paragraph holds by its part's printed date or by LCW's dating of it, so
        # date:1922-12-24 reads the Testament's paragraphs 1-8, not 9-10 (25 December in LCW as in print).
        datings = letter.apparatus.datings if letter.apparatus else ()
        held: set[int] = set()
        for part in letter.all_parts:
            first, last = part.paragraphs
            if self.holds_for(part.date):
                held.update(range(first, last + 1))
            for dating in datings:
                if self.holds_for(dating.date):
                    held.update(range(max(first, dating.paragraphs[0]), min(last, dating.paragraphs[1]) + 1))
        return frozenset(held)

    def explain(self) -> str:
        start = self.start.isoformat() if self.start else ""
        end = self.end.isoformat() if self.end else ""
        return f"date:{start}" if start == end and start else f"date:{start}..{end}"

    def meaning(self) -> str:
        if self.start and self.end:
            return f"a part dated {self.start.isoformat()} to {self.end.isoformat()}"
        if self.start:
            return f"a part dated on or after {self.start.isoformat()}"
        if self.end:
            return f"a part dated on or before {self.end.isoformat()}"
        return "any date"


def name_matches(wanted: str, name: str) -> bool:
    """'trotsky', 'Leon Trotsky' and 'leon' find "Leon Trotsky"; "M.I." finds "M.I. Frumkin"."""
    wanted_words = fold(wanted).replace(".", ". ").split()
    name_words = fold(name).replace(".", ". ").split()
    if not wanted_words:
        return False
    # Every word asked for stands, in order, among the name's words ("trotsky" in "leon trotsky").
    size = len(wanted_words)
    starts = range(len(name_words) - size + 1)
    return any(name_words[start : start + size] == wanted_words for start in starts)


class Recipient(Predicate):
    """Addressed to a name: as a recipient or a copy (to:), or as a copy only (cc:)."""

    __slots__ = ("copies_only", "name")
    name: str
    copies_only: bool

    def __init__(self, name: str, copies_only: bool = False) -> None:
        self._set(name=name, copies_only=copies_only)

    def matches(self, letter: Letter) -> bool:
        names = letter.copies if self.copies_only else (*letter.recipients, *letter.copies)
        if any(name_matches(self.name, name) for name in names):
            return True
        # The same person in any spelling or script: to:trotzki, to:Троцкий.
        kinds = ("copy",) if self.copies_only else ("recipient", "copy")
        key = name_key(self.name)
        return any(m.kind in kinds and _names_person(m, key) for m in letter.mentions)

    def explain(self) -> str:
        return f"{'cc' if self.copies_only else 'to'}:{quote(self.name)}"

    def meaning(self) -> str:
        return f"{'copied' if self.copies_only else 'sent or copied'} to a name with the words {self.name!r}"


class Scribe(Predicate):
    """Taken down by a scribe, named by initials (L.F.) or name (fotieva); 'none' for none printed."""

    __slots__ = ("name",)
    name: str

    def __init__(self, name: str) -> None:
        self._set(name=name)

    def _takes(self, initials: Sequence[str], letter: Letter) -> bool:
        wanted = fold(self.name)
        if wanted == NO_SCRIBE:
            return not initials
        compact = wanted.replace(" ", "")
        if any(compact == fold(scribe).replace(" ", "") for scribe in initials):
            return True
        names = dict(zip(letter.scribes, letter.scribe_names, strict=False))
        if any(name_matches(self.name, names.get(scribe, scribe)) for scribe in initials):
            return True
        # The same person in any spelling or script: scribe:fotiyeva, scribe:Фотиева.
        key = name_key(self.name)
        return any(
            m.kind == "scribe" and m.form in initials and _names_person(m, key) for m in letter.mentions
        )

    def matches(self, letter: Letter) -> bool:
        if letter.parts and fold(self.name) != NO_SCRIBE:
            return bool(self.parts(letter))
        return self._takes(letter.scribes, letter)

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        if not letter.parts:
            return letter.all_parts if self._takes(letter.scribes, letter) else ()
        if fold(self.name) == NO_SCRIBE:
            return letter.all_parts if not letter.scribes else ()
        return tuple(part for part in letter.parts if self._takes(part.scribes, letter))

    def explain(self) -> str:
        return f"scribe:{quote(self.name)}"

    def meaning(self) -> str:
        if fold(self.name) == NO_SCRIBE:
            return "no scribe printed"
        return f"a part taken down by {self.name!r}"


ANY_KIND = "any"


class Person(Predicate):
    """Names a person, in any spelling or script (person:krupskaya finds "N.K. Ulyanova"): by default in
    every kind of mention but the editor's insertions; with kinds, in those only."""

    __slots__ = ("kinds", "name")
    name: str
    kinds: frozenset[str]

    def __init__(self, name: str, kinds: frozenset[str] = DEFAULT_KINDS) -> None:
        unknown = set(kinds) - set(MENTION_KINDS)
        if unknown or not kinds:
            raise ValueError(f"unknown kinds of mention: {', '.join(sorted(unknown))}")
        self._set(name=name, kinds=frozenset(kinds))

    def names(self, mention: Mention) -> bool:
        """Whether a mention is of this person, and of a kind asked for."""
        return mention.kind in self.kinds and _names_person(mention, name_key(self.name))

    def mentions(self, letter: Letter) -> list[Mention]:
        return [m for m in letter.mentions if self.names(m)]

    def matches(self, letter: Letter) -> bool:
        return any(self.names(m) for m in letter.mentions)

    def widened(self) -> Person:
        """The same person, the editor's insertions taken in too."""
        return Person(self.name, self.kinds | {"editorial"})

    def explain(self) -> str:
        if self.kinds == DEFAULT_KINDS:
            return f"person:{quote(self.name)}"
        kinds = (
            ANY_KIND
            if self.kinds == frozenset(MENTION_KINDS)
            else ",".join(kind for kind in MENTION_KINDS if kind in self.kinds)
        )
        return f"person:{quote(f'{self.name}:{kinds}')}"

    def meaning(self) -> str:
        if self.kinds == DEFAULT_KINDS:
            how = "in any way but the editor's insertions"
        elif self.kinds == frozenset(MENTION_KINDS):
            how = "in any way, the editor's insertions too"
        else:
            how = "as " + ", ".join(kind for kind in MENTION_KINDS if kind in self.kinds)
        return f"names the person {self.name!r} (any spelling) {how}"


def person_term(value: str) -> Person:
    """person:NAME, or person:NAME:KIND,KIND (text, editorial, heading, note, recipient, copy, scribe,
    writer, or any)."""
    name, colon, spec = value.rpartition(":")
    if not colon or not name.strip():
        return Person(value)
    kinds = {kind.strip() for kind in spec.split(",")}
    unknown = sorted(kinds - {*MENTION_KINDS, ANY_KIND})
    if unknown:
        known = ", ".join((*MENTION_KINDS, ANY_KIND))
        what = (
            f"an unknown kind of mention {shortened(unknown[0])!r}"
            if unknown[0]
            else "no kind after its colon"
        )
        raise QueryError(f"person:{shortened(value)} names {what}: the kinds are {known}")
    return Person(name.strip(), frozenset(MENTION_KINDS) if ANY_KIND in kinds else frozenset(kinds))


def with_editorial(predicate: Predicate) -> Predicate:
    """The predicate with every person: term widened to take in the editor's insertions."""
    if isinstance(predicate, Person):
        return predicate.widened()
    if isinstance(predicate, All):
        return All(with_editorial(item) for item in predicate.items)
    if isinstance(predicate, Any):
        return Any(with_editorial(item) for item in predicate.items)
    if isinstance(predicate, Not):
        return Not(with_editorial(predicate.item))
    return predicate


def people_in(predicate: Predicate) -> list[Predicate]:
    """The person:, to:, cc: and scribe: terms of a predicate, where a name may be misspelt."""
    if isinstance(predicate, All | Any):
        return [term for item in predicate.items for term in people_in(item)]
    if isinstance(predicate, Not):
        return people_in(predicate.item)
    return [predicate] if isinstance(predicate, Person | Recipient | Scribe) else []


class Phrase(Predicate):
    """The text holds a word or phrase: any case, typography and accents folded (’ as ')."""

    __slots__ = ("text",)
    text: str

    def __init__(self, text: str) -> None:
        self._set(text=text)

    def matches(self, letter: Letter) -> bool:
        return fold(self.text) in fold(letter.text)

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        if not letter.parts:
            return letter.all_parts if self.matches(letter) else ()
        wanted = fold(self.text)
        return tuple(part for part, text in letter.part_texts() if wanted in fold(text))

    def explain(self) -> str:
        return quote(self.text)

    def meaning(self) -> str:
        return f"the text holds {self.text!r} (any case, ’ as ')"


class NumberRange(Predicate):
    """The letter's number lies in a range, both ends included."""

    __slots__ = ("first", "last")
    first: int
    last: int

    def __init__(self, first: int, last: int) -> None:
        self._set(first=first, last=last)

    def matches(self, letter: Letter) -> bool:
        return self.first <= letter.number <= self.last

    def explain(self) -> str:
        return f"number:{self.first}" if self.first == self.last else f"number:{self.first}..{self.last}"

    def meaning(self) -> str:
        same = self.first == self.last
        return f"numbered {self.first}" if same else f"numbered {self.first} to {self.last}"


class Section(Predicate):
    """Printed under a heading named by these words (a slug's hyphens count as spaces: gosplan,
    letter-to-the-congress)."""

    __slots__ = ("name",)
    name: str

    def __init__(self, name: str) -> None:
        self._set(name=name)

    def matches(self, letter: Letter) -> bool:
        return name_matches(self.name.replace("-", " "), letter.section)

    def explain(self) -> str:
        return f"section:{quote(self.name)}"

    def meaning(self) -> str:
        return f"printed under a heading with the words {self.name.replace('-', ' ')!r}"


class Classified(Predicate):
    """Carries a classification ("Top secret"); with a value, one whose words include it."""

    __slots__ = ("value",)
    value: str

    def __init__(self, value: str = "") -> None:
        self._set(value=value)

    def matches(self, letter: Letter) -> bool:
        if letter.classification is None:
            return False
        return not self.value or name_matches(self.value, letter.classification)

    def explain(self) -> str:
        return f"secret:{quote(self.value)}" if self.value else "secret:"

    def meaning(self) -> str:
        return f"classified {self.value!r}" if self.value else "carries a classification (Top secret)"


class Slug(Predicate):
    """The letter with this slug."""

    __slots__ = ("slug",)
    slug: str

    def __init__(self, slug: str) -> None:
        self._set(slug=slug)

    def matches(self, letter: Letter) -> bool:
        return letter.slug == self.slug.casefold()

    def explain(self) -> str:
        return f"slug:{quote(self.slug)}"

    def meaning(self) -> str:
        return f"the letter {self.slug!r}"


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
