"""The tests of a letter, one for each field of the query language (leninletters.core.querylang): its
dates, number, slug, section, classification, addressees, scribes, the people it names, and its text.

Adding a test is one class here (with its `explain` and, where a store can answer it, its `clause`) and
one entry in querylang.FIELDS. Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from leninletters.core.dating import dating_meets, is_day
from leninletters.core.errors import QueryError, shortened
from leninletters.core.folding import fold
from leninletters.core.model import DEFAULT_KINDS, MENTION_KINDS, Letter, Mention, Part
from leninletters.core.predicates.base import All, Any, Clause, Not, Predicate, quote


def name_key(name: str) -> str:
    """The spelling-forgiving key of a name (leninletters.core.names, imported when a name is first asked)."""
    from leninletters.core.names import name_key as key

    return key(name)


def _names_person(mention: Mention, key: str) -> bool:
    from leninletters.core.mentions import names_person

    return names_person(mention, key)


# The value of scribe: that stands for "no scribe printed or attributed".
NO_SCRIBE = "none"


class DateRange(Predicate):
    """Dated within a range, both ends included, either open: a letter matches by any dated part, by the
    print's date or by the standard edition's (LCW) dating of its paragraphs, or where its dating's span
    shares a day with the range (core/dating.py). An undated letter matches none."""

    __slots__ = ("end", "start")
    start: dt.date | None
    end: dt.date | None

    def __init__(self, start: dt.date | None, end: dt.date | None) -> None:
        self._set(start=start, end=end)

    def holds_for(self, day: dt.date) -> bool:
        return (
            is_day(day)
            and (self.start is None or self.start <= day)
            and (self.end is None or day <= self.end)
        )

    def _by_dating(self, letter: Letter, part: Part) -> bool:
        """Whether a part undated by a source of its own holds by its letter's dating."""
        return part.date == letter.date and dating_meets(letter, self.start, self.end)

    def matches(self, letter: Letter) -> bool:
        return any(self.holds_for(day) for day in letter.dates) or dating_meets(letter, self.start, self.end)

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        # A part holds when its printed date does, or LCW's dating of any of its paragraphs (the Testament's
        # main text, printed under 25 December, by its paragraphs 1-8 of 24 December).
        return tuple(
            part
            for part in letter.all_parts
            if any(self.holds_for(day) for day in letter.dates_of(part)) or self._by_dating(letter, part)
        )

    def paragraphs(self, letter: Letter) -> frozenset[int]:
        # Finer than parts: a paragraph holds by its part's printed date or by LCW's dating of it, so
        # date:1922-12-24 reads the Testament's paragraphs 1-8, not 9-10 (25 December in LCW as in print).
        datings = letter.apparatus.datings if letter.apparatus else ()
        held: set[int] = set()
        for part in letter.all_parts:
            first, last = part.paragraphs
            if self.holds_for(part.date) or self._by_dating(letter, part):
                held.update(range(first, last + 1))
            for dating in datings:
                if self.holds_for(dating.date):
                    held.update(range(max(first, dating.paragraphs[0]), min(last, dating.paragraphs[1]) + 1))
        return frozenset(held)

    def clause(self) -> Clause:
        return Clause("between", "dates", (self.start, self.end))

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


# An umlaut written out, as German does without the letter (Kaestner, Schoenberg): the same word.
_WRITTEN_UMLAUT = re.compile(r"(?<=[a-z])([aou])e(?=[^aeiou]|$)")


def name_words(name: str) -> list[str]:
    """A name's words as name_matches compares them (and an index's name columns hold them): folded, a
    dot or comma a word's end, an umlaut written out as the letter."""
    folded = fold(name).replace(".", ". ").replace(",", " ")
    return [_WRITTEN_UMLAUT.sub(r"\1", word) for word in folded.split()]


def name_matches(wanted: str, name: str) -> bool:
    """'trotsky', 'Leon Trotsky' and 'leon' find "Leon Trotsky"; "M.I." finds "M.I. Frumkin"."""
    # A comma parts words too: an imported edition's "Weber, Anna" is found by 'weber'.
    wanted_words = name_words(wanted)
    have = name_words(name)
    if not wanted_words:
        return False
    # Every word asked for stands, in order, among the name's words ("trotsky" in "leon trotsky").
    size = len(wanted_words)
    starts = range(len(have) - size + 1)
    return any(have[start : start + size] == wanted_words for start in starts)


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

    def clause(self) -> Clause:
        fields = ("copies",) if self.copies_only else ("recipients", "copies")
        kinds = frozenset(("copy",) if self.copies_only else ("recipient", "copy"))
        by_words = tuple(Clause("words", field, (self.name,)) for field in fields)
        return Clause("or", children=(*by_words, Clause("person", "mentions", (name_key(self.name), kinds))))

    def explain(self) -> str:
        return f"{'cc' if self.copies_only else 'to'}:{quote(self.name)}"

    def meaning(self) -> str:
        return f"{'copied' if self.copies_only else 'sent or copied'} to a name with the words {self.name!r}"


class Scribe(Predicate):
    """Taken down by a scribe, printed (L.F., fotieva) or attributed by the apparatus (krupskaya);
    'none' for none printed or attributed."""

    __slots__ = ("name",)
    name: str

    def __init__(self, name: str) -> None:
        self._set(name=name)

    def _takes(self, initials: Sequence[str], letter: Letter, part: Part | None = None) -> bool:
        wanted = fold(self.name)
        if wanted == NO_SCRIBE:
            return not initials and not letter.attributed_scribes(part)
        # A hand the apparatus attributes counts as a hand the print names: scribe:krupskaya finds 7.
        if any(self._names(name) for name in letter.attributed_scribes(part)):
            return True
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

    def _names(self, name: str) -> bool:
        """Whether the name asked for names this full name, in its spelling or any other (крупская)."""
        if name_matches(self.name, name):
            return True
        asked, full = name_key(self.name).split(), name_key(name).split()
        return bool(asked) and all(word in full for word in asked)

    def matches(self, letter: Letter) -> bool:
        if letter.parts and fold(self.name) != NO_SCRIBE:
            return bool(self.parts(letter))
        return self._takes(letter.scribes, letter)

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        if not letter.parts:
            return letter.all_parts if self._takes(letter.scribes, letter) else ()
        if fold(self.name) == NO_SCRIBE:
            return letter.all_parts if not letter.scribes and not letter.attributed_scribes() else ()
        return tuple(part for part in letter.parts if self._takes(part.scribes, letter, part))

    def explain(self) -> str:
        return f"scribe:{quote(self.name)}"

    def meaning(self) -> str:
        if fold(self.name) == NO_SCRIBE:
            return "no scribe printed or attributed"
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

    def clause(self) -> Clause:
        return Clause("person", "mentions", (name_key(self.name), self.kinds))

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

    def clause(self) -> Clause:
        return Clause("contains", "text", (fold(self.text),))

    def explain(self) -> str:
        # A quoted phrase is read as whole words (predicates.words.Exact): text: keeps grep's meaning.
        return f"text:{quote(self.text)}"

    def meaning(self) -> str:
        return f"the text holds {self.text!r}, inside words too (any case, ’ as ')"


class NumberRange(Predicate):
    """The letter's number lies in a range, both ends included."""

    __slots__ = ("first", "last")
    first: int
    last: int

    def __init__(self, first: int, last: int) -> None:
        self._set(first=first, last=last)

    def matches(self, letter: Letter) -> bool:
        return self.first <= letter.number <= self.last

    def clause(self) -> Clause:
        return Clause("between", "number", (self.first, self.last))

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

    def clause(self) -> Clause:
        return Clause("words", "section", (self.name.replace("-", " "),))

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

    def clause(self) -> Clause:
        if not self.value:
            return Clause("present", "classification")
        return Clause("words", "classification", (self.value,))

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

    def clause(self) -> Clause:
        return Clause("equals", "slug", (self.slug.casefold(),))

    def explain(self) -> str:
        return f"slug:{quote(self.slug)}"

    def meaning(self) -> str:
        return f"the letter {self.slug!r}"


# Where beyond the text a phrase may be looked for (note:, source:, apparatus:), and the clause field of each.
BEYOND_TEXT = {"note": "notes", "source": "sources", "apparatus": "apparatus"}


def beyond_the_text(letter: Letter, where: str) -> tuple[str, ...]:
    """The strings of a letter's notes, its source (and the source's note), or its apparatus."""
    if where == "note":
        return tuple(note.text for note in letter.notes)
    if where == "source":
        return tuple(line for line in (letter.source, letter.source_note) if line)
    return tuple(_strings(letter.apparatus)) if letter.apparatus else ()


def _strings(value: object) -> Iterator[str]:
    """Every string a record holds, however deep (the apparatus's facts and their notes), keys left out."""
    import msgspec

    pending = [msgspec.to_builtins(value)]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            pending.extend(reversed(list(item.values())))
        elif isinstance(item, list | tuple):
            pending.extend(reversed(item))


class Beyond(Predicate):
    """A note, the source or the apparatus holds a word or phrase: any case, typography and accents folded."""

    __slots__ = ("text", "where")
    text: str
    where: str

    def __init__(self, where: str, text: str) -> None:
        if where not in BEYOND_TEXT:
            raise ValueError(f"nothing to search called {where!r}")
        self._set(where=where, text=text)

    def matches(self, letter: Letter) -> bool:
        wanted = fold(self.text)
        return any(wanted in fold(line) for line in beyond_the_text(letter, self.where))

    def clause(self) -> Clause:
        return Clause("contains", BEYOND_TEXT[self.where], (fold(self.text),))

    def explain(self) -> str:
        return f"{self.where}:{quote(self.text)}"

    def meaning(self) -> str:
        return f"{'a note' if self.where == 'note' else 'the ' + self.where} holds {self.text!r} (any case)"
