"""Where a letter names each person, and how: derived from the letter as printed, never typed by hand.

The build (leninletters.build) stores what `derive` finds in each letter's `mentions`; the commands
count and search them. A mention's kind says whose words name the person:

- text: the letter's own words (Lenin's, or a part's writer's: the P.S. of 21 December is Krupskaya's)
- editorial: only in an editor's square-bracket insertion ("The Georgian [Stalin]")
- heading: the printed heading, or an address line at the head of the text ("Copy to Comrades Kamenev
  and Zinoviev", "Dear Comrade Stalin,")
- note: a footnote of the letter
- recipient, copy, scribe, writer: the letter's addressees, copies, scribes and the writers of its parts

Pure: the model and names.py only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from leninletters.core import names
from leninletters.core.model import (
    DEFAULT_KINDS,
    MENTION_KINDS,
    PARAGRAPH_BREAK,
    Letter,
    Mention,
    Person,
)

if TYPE_CHECKING:
    from leninletters.core.model import MentionKind as Kind

# An editor's insertion: square brackets around words, not a footnote marker ([8], [*]).
EDITORIAL = re.compile(r"\[(?!\d+\]|\*\])[^\]\n]+\]")
# The address block at the head of a letter's text: "To Comrades…", "Copy to…", "Comrades Mdivani…",
# "Dear Comrade Stalin,", "Comrade Trotsky,". Short lines, before the first paragraph of prose.
ADDRESS = re.compile(r"(?:To |Copy to |Dear |Comrades? )[^.!?]{0,80}[,.]?")

# Lenin's own words by default; the editor's insertions are left out unless asked for.
# Kinds whose mentions stand in the letter's text, where grep can show them.
IN_TEXT = frozenset({"text", "editorial", "heading"})


def person_forms(person: Person) -> tuple[str, ...]:
    """The strings under which English text names a person: names.toml's, and the corpus's own."""
    known = names.text_forms(person.id) if person.id in names.bundled_names() else ()
    return tuple(dict.fromkeys((*known, *person.forms)))


def _pattern(people: Sequence[Person]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every form of everyone, longest first, each as whole words; form → person id."""
    owner: dict[str, str] = {}
    for person in people:
        for form in person_forms(person):
            if form.strip():  # an empty form would match everywhere, and name no one
                owner.setdefault(form, person.id)
    ordered = sorted(owner, key=lambda form: (-len(form), form))
    if not ordered:
        return re.compile(r"(?!)"), owner  # no names at all: a pattern that never matches
    alternatives = "|".join(re.escape(form) for form in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), owner


def _address_paragraphs(paragraphs: Sequence[str]) -> int:
    """How many paragraphs at the head of a text are address lines."""
    count = 0
    for paragraph in paragraphs:
        if not ADDRESS.fullmatch(paragraph):
            break
        count += 1
    return count


def _in_text(letter: Letter, pattern: re.Pattern[str], owner: dict[str, str]) -> Iterator[Mention]:
    text = letter.text
    brackets = [match.span() for match in EDITORIAL.finditer(text)]
    paragraphs = text.split(PARAGRAPH_BREAK)
    address_end = sum(len(p) + len(PARAGRAPH_BREAK) for p in paragraphs[: _address_paragraphs(paragraphs)])
    for match in pattern.finditer(text):
        start, end = match.span()
        kind: Kind
        if any(first < start and end < last for first, last in brackets):
            kind = "editorial"
        elif start < address_end:
            kind = "heading"
        else:
            kind = "text"
        paragraph = text.count(PARAGRAPH_BREAK, 0, start) + 1
        yield Mention(
            person=owner[match[0]],
            kind=kind,
            form=match[0],
            where="text",
            paragraph=paragraph,
            start=start,
            end=end,
        )


def _named(strings: Iterable[str], people: Sequence[Person]) -> Iterator[tuple[str, str]]:
    """Each string (a full name, initials) with the person it names, where it names one."""
    for string in strings:
        found = names.find_people(string, people)
        if len(found) == 1:
            yield string, found[0]


def derive(letter: Letter, people: Sequence[Person]) -> tuple[Mention, ...]:
    """Every mention of the people in a letter, in the order of the letter's fields."""
    if not people:
        return ()
    pattern, owner = _pattern(people)
    found: list[Mention] = [
        Mention(person=owner[m[0]], kind="heading", form=m[0], where="title", start=m.start(), end=m.end())
        for m in pattern.finditer(letter.title)
    ]
    found += _in_text(letter, pattern, owner)
    for note in letter.notes:
        found += (
            Mention(
                person=owner[m[0]],
                kind="note",
                form=m[0],
                where="notes",
                start=m.start(),
                end=m.end(),
                note=note.marker,
            )
            for m in pattern.finditer(note.text)
        )
    found += (
        Mention(person=person_id, kind="sender", form=string, where="senders")
        for string, person_id in _named(letter.senders, people)
    )
    found += (
        Mention(person=person_id, kind="recipient", form=string, where="recipients")
        for string, person_id in _named(letter.recipients, people)
    )
    found += (
        Mention(person=person_id, kind="copy", form=string, where="copies")
        for string, person_id in _named(letter.copies, people)
    )
    by_initials = dict(zip(letter.scribes, letter.scribe_names, strict=False))
    for initials in letter.scribes:
        found += (
            Mention(person=person_id, kind="scribe", form=initials, where="scribes")
            for _, person_id in _named([by_initials.get(initials, initials)], people)
        )
    for part in letter.parts:
        if part.written_by:
            found += (
                Mention(
                    person=person_id,
                    kind="writer",
                    form=part.written_by,
                    where="parts",
                    paragraph=part.first_paragraph,
                )
                for _, person_id in _named([part.written_by], people)
            )
    return tuple(found)


def with_mentions(letter: Letter, people: Sequence[Person]) -> Letter:
    """The letter with every mention of the people derived from it, and the ids of those it names."""
    import msgspec

    found = derive(letter, people)
    named = {mention.person for mention in found}
    return msgspec.structs.replace(
        letter, mentions=found, people=tuple(person.id for person in people if person.id in named)
    )


# Asking the mentions -----------------------------------------------------------------------------


@cache
def _keys(person_id: str, form: str) -> frozenset[str]:
    return names.keys_of(person_id, (person_id, form))


def names_person(mention: Mention, key: str) -> bool:
    """Whether a mention is of the person a name's key (names.name_key) stands for."""
    return key in _keys(mention.person, mention.form)


def of(letter: Letter, person_id: str, kinds: Iterable[str] = DEFAULT_KINDS) -> list[Mention]:
    """A person's mentions in a letter, of the given kinds."""
    wanted = frozenset(kinds)
    return [m for m in letter.mentions if m.person == person_id and m.kind in wanted]


# A person across the letters -----------------------------------------------------------------------


class Summary(NamedTuple):
    """A person and the letters that name them: all but the editor's insertions, and by kind."""

    person: Person
    letters: tuple[int, ...]
    by_kind: dict[str, tuple[int, ...]]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.person.to_json(),
            "letters": len(self.letters),
            "kinds": {kind: len(self.by_kind.get(kind, ())) for kind in MENTION_KINDS},
        }


class Occurrence(NamedTuple):
    """One letter's mentions of a person, in the order of the letter's fields."""

    letter: Letter
    mentions: tuple[Mention, ...]


def summaries(letters: Sequence[Letter], people: Sequence[Person]) -> list[Summary]:
    """Each person with the letters that name them, by kind (letter numbers, in order)."""
    found: dict[str, dict[str, dict[int, None]]] = {person.id: {} for person in people}
    for letter in letters:
        for mention in letter.mentions:
            kinds = found.setdefault(mention.person, {})
            kinds.setdefault(mention.kind, {})[letter.number] = None
    return [summary(person, found.get(person.id, {})) for person in people]


def summary(person: Person, kinds: dict[str, dict[int, None]]) -> Summary:
    by_kind = {kind: tuple(kinds[kind]) for kind in MENTION_KINDS if kind in kinds}
    named = sorted({number for kind in DEFAULT_KINDS for number in by_kind.get(kind, ())})
    return Summary(person, tuple(named), by_kind)


def occurrences(letters: Sequence[Letter], person_id: str) -> list[Occurrence]:
    """Every letter that names a person in any way, the editor's insertions too, with those mentions."""
    found = []
    for letter in letters:
        own = tuple(m for m in letter.mentions if m.person == person_id)
        if own:
            found.append(Occurrence(letter, own))
    return found
