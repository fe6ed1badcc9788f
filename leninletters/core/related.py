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
            "date": self.other.date.isoformat(),
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


class Relations:
    """The relations among one list of letters, computed once."""

    def __init__(self, letters: Sequence[Letter], links: Sequence[Link] = ()) -> None:
        self.letters = letters
        self.by_slug = {letter.slug: letter for letter in letters}
        self.links = links
        self._sections = _heading_groups(letters)

    def of(self, letter: Letter) -> list[Relation]:
        """Every relation of a letter, ordered by the other letter's number, curated links first."""
        found = [*self._linked(letter), *self._same_heading(letter), *self._same_addressee(letter)]
        order = {"heading": 1, "addressee": 2}
        return sorted(found, key=lambda r: (r.other.number, order.get(r.kind, 0)))

    def grouped(self, letter: Letter) -> list[tuple[Letter, list[Relation]]]:
        """The related letters in order, each with all its reasons."""
        groups: dict[int, tuple[Letter, list[Relation]]] = {}
        for relation in self.of(letter):
            groups.setdefault(relation.other.number, (relation.other, []))[1].append(relation)
        return list(groups.values())

    def thread(self, letters: Iterable[Letter]) -> list[Letter]:
        """The letters with every letter related to them, once each, in date order (as notmuch shows a
        thread)."""
        members: dict[int, Letter] = {}
        for letter in letters:
            members[letter.number] = letter
            for relation in self.of(letter):
                members.setdefault(relation.other.number, relation.other)
        return sorted(members.values(), key=lambda letter: (letter.date, letter.number))

    def _linked(self, letter: Letter) -> Iterable[Relation]:
        for link in self.links:
            if letter.slug not in (link.a, link.b):
                continue
            other = self.by_slug.get(link.b if link.a == letter.slug else link.a)
            if other is not None:
                yield Relation(other, link.kind, link.reason, link.authority, link.certainty, False)

    def _same_heading(self, letter: Letter) -> Iterable[Relation]:
        group = self._sections.get(letter.number, ())
        for other in group:
            if other.number != letter.number:
                reason = f"Printed under the same heading, ‘{letter.section}’."
                yield Relation(other, HEADING, reason, "print", "high", True)

    def _same_addressee(self, letter: Letter) -> Iterable[Relation]:
        for name in _addressees(letter):
            to_them = [other for other in self.letters if name in _addressees(other)]
            at = next(index for index, other in enumerate(to_them) if other.number == letter.number)
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
    for group in sections(letters).values():
        for letter in group:
            groups[letter.number] = tuple(group)
    return groups


def plain_lines(groups: Sequence[tuple[Letter, Sequence[Relation]]]) -> list[str]:
    """The related letters as lines of text: each letter, then each reason with its authority and
    certainty."""
    lines: list[str] = []
    for other, reasons in groups:
        lines.append(f"  {other.number}. {other.title} ({other.date.isoformat()})")
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
