"""The edition's types: letters, their parts and notes, people, and the filter value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote: its printed marker ("8", "*") and its text."""

    marker: str
    text: str
    # False for a note printed without a marker in the letter (note [13]).
    anchored: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"marker": self.marker, "text": self.text, "anchored": self.anchored}


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of a letter with its own date, scribe or writer (a main text, a P.S.)."""

    label: str | None
    date: dt.date
    first_paragraph: int  # 1-based, inclusive
    last_paragraph: int  # 1-based, inclusive
    scribes: tuple[str, ...] = ()
    written_by: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "date": self.date.isoformat(),
            "paragraphs": [self.first_paragraph, self.last_paragraph],
            "scribes": list(self.scribes),
            "written_by": self.written_by,
        }


@dataclass(frozen=True, slots=True)
class Letter:
    """One dated dictation, as printed."""

    number: int
    slug: str
    title: str
    section: str
    date: dt.date
    text: str
    recipients: tuple[str, ...] = ()
    copies: tuple[str, ...] = ()
    scribes: tuple[str, ...] = ()
    scribe_names: tuple[str, ...] = ()
    classification: str | None = None
    parts: tuple[Part, ...] = ()
    notes: tuple[Note, ...] = ()
    source: str | None = None
    source_note: str | None = None
    source_inferred: bool = False
    people: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split(PARAGRAPH_BREAK) if self.text else []

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """Every date the letter carries: its own and its parts', in order, once each."""
        seen = dict.fromkeys([self.date, *(part.date for part in self.parts)])
        return tuple(seen)

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def part_texts(self) -> list[tuple[Part, str]]:
        """Each part with its own paragraphs joined back into text."""
        if len(self.parts) == 1:
            return [(self.parts[0], self.text)]  # the common case, without splitting and joining
        paragraphs = self.paragraphs
        return [
            (
                part,
                PARAGRAPH_BREAK.join(paragraphs[part.first_paragraph - 1 : part.last_paragraph]),
            )
            for part in self.parts
        ]

    def to_json(self) -> dict[str, Any]:
        """The letter as an object of the corpus contract (docs/corpus.md)."""
        return {
            "number": self.number,
            "slug": self.slug,
            "title": self.title,
            "section": self.section,
            "date": self.date.isoformat(),
            "recipients": list(self.recipients),
            "copies": list(self.copies),
            "scribes": list(self.scribes),
            "scribe_names": list(self.scribe_names),
            "classification": self.classification,
            "text": self.text,
            "parts": [part.to_json() for part in self.parts],
            "notes": [note.to_json() for note in self.notes],
            "source": self.source,
            "source_note": self.source_note,
            "source_inferred": self.source_inferred,
            "people": list(self.people),
        }


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the letters name, with the forms under which the text names them."""

    id: str
    name: str
    description: str
    forms: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "forms": list(self.forms),
        }


@dataclass(frozen=True, slots=True)
class Corpus:
    """A loaded corpus: its letters in order and the people they name."""

    letters: tuple[Letter, ...]
    people: tuple[Person, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __len__(self) -> int:
        return len(self.letters)


@dataclass(frozen=True, slots=True)
class Filter:
    """What to select: every given criterion must hold (an empty filter selects all)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    # Any of these names (recipients and copies both count).
    recipients: tuple[str, ...] = ()
    # A scribe's initials or name; the empty string stands for "no scribe printed".
    scribe: str | None = None
    # All of these must occur in the text.
    keywords: tuple[str, ...] = ()
