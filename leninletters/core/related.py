"""Which letters belong with a letter, and why: the curated links, the print's headings, and the previous
and next letter to the same addressee.

Three kinds of relation, each with its reason, authority and certainty (the apparatus's rules):
- the curated links of the corpus (`links`, from data/apparatus.toml), shown on both of their letters;
- letters printed under the same heading (the print's sections: Gosplan, the nationalities notes);
- the previous and next letter to each addressee, which the edition derives from the recipients (its own
  inference, said so; where the recipients themselves are inferred, no surer than they are).

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from leninletters.core.dating import iso_day, short_date
from leninletters.core.model import Letter, Link

# Relations that are not curated links: what the print shows, and what the edition derives.
HEADING = "heading"
ADDRESSEE = "addressee"
# Certainties from surest to least sure: a derived relation is no surer than what it rests on.
_ORDER = ("high", "medium", "low")


class Relation(NamedTuple):
    """One reason why `other` belongs with a letter."""

    other: Letter
    kind: str  # a link's kind, or "heading" or "addressee"
    reason: str
    authority: str
    certainty: str
    derived: bool  # true where the relation is computed from the letters, not curated

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.other.number,
            "slug": self.other.slug,
            "date": iso_day(self.other.date),
            "title": self.other.title,
            "kind": self.kind,
            "reason": self.reason,
            "authority": self.authority,
            "certainty": self.certainty,
            "derived": self.derived,
        }


def _least_sure(*certainties: str) -> str:
    return max(certainties, key=_ORDER.index)


def _recipients_certainty(letter: Letter) -> str:
    settled = letter.apparatus.recipients if letter.apparatus else None
    return settled.certainty if settled is not None else "high"


def _addressees(letter: Letter) -> list[str]:
    # "and others" (letter 22) names nobody in particular.
    return [name for name in letter.recipients if not name.startswith("and ")]


def _reference(letter: Letter) -> dict[str, Any]:
    return {
        "number": letter.number,
        "slug": letter.slug,
        "date": iso_day(letter.date),
        "title": letter.title,
    }


class Series(NamedTuple):
    """The letters printed under one heading, as one of them sees the series: how many, the first and the
    last, and its neighbours. A summary, so that a heading over thousands of letters costs each letter the
    same few lines, never the whole list (which grows as the square of the series)."""

    heading: str
    letters: Sequence[Letter]  # the whole series, shared by its letters
    position: int  # the letter's place in it, from 0

    @property
    def previous(self) -> Letter | None:
        return self.letters[self.position - 1] if self.position > 0 else None

    @property
    def next(self) -> Letter | None:
        return self.letters[self.position + 1] if self.position + 1 < len(self.letters) else None

    def to_json(self) -> dict[str, Any]:
        def reference(letter: Letter | None) -> dict[str, Any] | None:
            return _reference(letter) if letter is not None else None

        return {
            "heading": self.heading,
            "count": len(self.letters),
            "position": self.position + 1,
            "first": _reference(self.letters[0]),
            "last": _reference(self.letters[-1]),
            "previous": reference(self.previous),
            "next": reference(self.next),
            "authority": "print",
            "certainty": "high",
            "derived": True,
        }


def links_by_slug(links: Iterable[Link]) -> dict[str, list[Link]]:
    """Each letter's curated links, by its slug (a link is on both of its letters)."""
    found: dict[str, list[Link]] = {}
    for link in links:
        found.setdefault(link.a, []).append(link)
        if link.b != link.a:
            found.setdefault(link.b, []).append(link)
    return found


class Relations:
    """The relations among one list of letters, computed once: each letter's take linear time in all."""

    def __init__(self, letters: Sequence[Letter], links: Sequence[Link] = ()) -> None:
        self.letters = letters
        self.by_slug = {letter.slug: letter for letter in letters}
        self.links = links
        self._links_of = links_by_slug(links)
        self._sections = _heading_groups(letters)
        # Each series once (its letters share one tuple), each letter's place in it.
        series = {id(group): group for group in self._sections.values()}.values()
        self._places = {letter.number: index for group in series for index, letter in enumerate(group)}
        # The letters to each addressee in order, and each letter's place among them.
        self._to: dict[str, list[Letter]] = {}
        self._at: dict[tuple[str, int], int] = {}
        # An undated letter has no place among them: before or after would be an invention.
        for letter in (letter for letter in letters if not letter.undated):
            for name in dict.fromkeys(_addressees(letter)):
                to_them = self._to.setdefault(name, [])
                self._at[name, letter.number] = len(to_them)
                to_them.append(letter)

    def of(self, letter: Letter) -> list[Relation]:
        """Every relation of a letter, ordered by the other letter's number, curated links first. Of the
        letters under its heading, only its neighbours: `series` summarises the rest."""
        found = [*self._linked(letter), *self._same_heading(letter), *self._same_addressee(letter)]
        order = {"heading": 1, "addressee": 2}
        return sorted(found, key=lambda r: (r.other.number, order.get(r.kind, 0)))

    def series(self, letter: Letter) -> Series | None:
        """The letters printed under the letter's heading, summarised; None where it is alone under it."""
        group = self._sections.get(letter.number)
        if group is None:
            return None
        return Series(letter.section, group, self._place(letter, group))

    def _place(self, letter: Letter, group: Sequence[Letter]) -> int:
        return self._places[letter.number]

    def grouped(self, letter: Letter) -> list[tuple[Letter, list[Relation]]]:
        """The related letters in order, each with all its reasons."""
        groups: dict[int, tuple[Letter, list[Relation]]] = {}
        for relation in self.of(letter):
            groups.setdefault(relation.other.number, (relation.other, []))[1].append(relation)
        return list(groups.values())

    def thread(self, letters: Iterable[Letter]) -> list[Letter]:
        """The letters with everything joined to them, once each, in date order (as notmuch shows a
        thread): every curated link and every heading followed as far as they go (20 reaches the
        nationalities notes, 16-18, through 22), and the previous and next letter to the same addressee
        of the letters asked for only (followed further, they would join every letter to Trotsky)."""
        asked = list(letters)
        members: dict[int, Letter] = {}
        waiting = list(asked)
        while waiting:
            letter = waiting.pop()
            if letter.number in members:
                continue
            members[letter.number] = letter
            joined = (*(r.other for r in self._linked(letter)), *self._sections.get(letter.number, ()))
            waiting.extend(other for other in joined if other.number not in members)
        for letter in asked:
            for relation in self._same_addressee(letter):
                members.setdefault(relation.other.number, relation.other)
        return sorted(members.values(), key=lambda letter: (letter.date, letter.number))

    def _linked(self, letter: Letter) -> Iterable[Relation]:
        for link in self._links_of.get(letter.slug, ()):
            other = self.by_slug.get(link.b if link.a == letter.slug else link.a)
            if other is not None:
                yield Relation(other, link.kind, link.reason, link.authority, link.certainty, False)

    def _same_heading(self, letter: Letter) -> Iterable[Relation]:
        series = self.series(letter)
        if series is None:
            return
        first, last = series.letters[0].number, series.letters[-1].number
        for word, other in (("previous", series.previous), ("next", series.next)):
            if other is not None:
                reason = (
                    f"The {word} of the {len(series.letters)} letters printed under the same heading, "
                    f"‘{letter.section}’ ({first}–{last})."
                )
                yield Relation(other, HEADING, reason, "print", "high", True)

    def _same_addressee(self, letter: Letter) -> Iterable[Relation]:
        if letter.undated:
            return
        for name in dict.fromkeys(_addressees(letter)):
            to_them = self._to[name]
            at = self._at[name, letter.number]
            for index, word in ((at - 1, "previous"), (at + 1, "next")):
                if 0 <= index < len(to_them):
                    yield addressee_relation(letter, to_them[index], word, name)


def addressees(letter: Letter) -> list[str]:
    """The names a letter is addressed to, for the previous and next letter to each."""
    return _addressees(letter)


def addressee_relation(letter: Letter, other: Letter, word: str, name: str) -> Relation:
    """`other` as the previous or next (word) letter to an addressee of `letter`."""
    inferred = letter.recipients_inferred or other.recipients_inferred
    reason = f"The {word} letter to {name}" + (
        " (the edition's inference from the recipients, themselves inferred from the series)."
        if inferred
        else " (the edition's inference from the recipients)."
    )
    certainty = _least_sure(_recipients_certainty(letter), _recipients_certainty(other))
    return Relation(other, ADDRESSEE, reason, "edition", certainty, True)


def _heading_groups(letters: Sequence[Letter]) -> dict[int, tuple[Letter, ...]]:
    """Each letter's number mapped to the letters printed under its heading, where there are several."""
    from leninletters.core.references import sections

    groups: dict[int, tuple[Letter, ...]] = {}
    for section in sections(letters).values():
        group = tuple(section)  # one tuple shared by the series' letters, never a copy each
        for letter in group:
            groups[letter.number] = group
    return groups


def plain_lines(groups: Sequence[tuple[Letter, Sequence[Relation]]]) -> list[str]:
    """The related letters as lines of text: each letter, then each reason with its authority and
    certainty."""
    lines: list[str] = []
    for other, reasons in groups:
        lines.append(f"  {other.number}. {other.title} ({short_date(other)})")
        for relation in reasons:
            lines.append(
                f"     {relation.kind}: {relation.reason} Authority: {relation.authority}. "
                f"Certainty: {relation.certainty}."
            )
    return lines


RELATED_HEADING = "Related letters (this edition's links, with their reasons)"


def cite_reference(letter: Letter, paragraphs: tuple[int, int] | None) -> str:
    """The reference `cite` takes for a letter or passage: its number (a slug may name a whole section:
    `gosplan` is 11-15), and its paragraphs."""
    if paragraphs is None:
        return str(letter.number)
    first, last = paragraphs
    return f"{letter.number}:{first}" if first == last else f"{letter.number}:{first}-{last}"


def cite_references(selection: Sequence[tuple[Letter, tuple[int, int] | None]]) -> str:
    """The references for several letters and passages, runs of whole letters as ranges: 11-15 9:11."""
    words: list[str] = []
    run: list[int] = []

    def close() -> None:
        if run:
            words.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
            run.clear()

    for letter, paragraphs in selection:
        if paragraphs is None and run and letter.number == run[-1] + 1:
            run.append(letter.number)
        elif paragraphs is None:
            close()
            run.append(letter.number)
        else:
            close()
            words.append(cite_reference(letter, paragraphs))
    close()
    return " ".join(words)
