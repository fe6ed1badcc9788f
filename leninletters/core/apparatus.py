"""The apparatus: what this edition adds to the print, kept apart from it, one record per kind of fact."""

from __future__ import annotations

from typing import Annotated

from msgspec import Struct

from leninletters.core.kinds import (
    Certainty,
    Date,
    Facts,
    Flag,
    Line,
    Lines,
    Number,
    OneFact,
    OptionalLine,
    OptionalPartialDay,
    Position,
    Span,
)

# What this edition adds to the print, kept apart from it: every fact with its `authority` (reference
# ids from the corpus's `references`, with a page or note: "lcw45-12dec, p. 601a"; several joined by
# "; ") and its `certainty`. `note` says in words what was and was not seen. Each record names the fact
# first and its authority after it, so each repeats the three fields rather than inherit them.


class LcwPlace(Struct, frozen=True, kw_only=True, gc=False):
    """Where the letter stands in the standard edition (Lenin, Collected Works, Progress Publishers)."""

    volume: Number
    pages: OptionalLine = None
    title: Line
    authority: Line
    certainty: Certainty
    note: OptionalLine = None


class Provenance(Struct, frozen=True, kw_only=True, gc=False):
    """How the letter survives: an original manuscript, secretaries' notes, a typewritten copy."""

    text: Line
    authority: Line
    certainty: Certainty
    note: OptionalLine = None


class Dating(Struct, frozen=True, kw_only=True, gc=False):
    """The standard edition's date for a stretch of paragraphs, where it differs from the print or is more
    precise."""

    paragraphs: Span
    date: Date
    authority: Line
    certainty: Certainty
    note: OptionalLine = None


class Hand(Struct, frozen=True, kw_only=True, gc=False):
    """Who took down (scribe) or wrote (written_by) a stretch of paragraphs where the print does not say:
    attributed, not printed."""

    paragraphs: Span
    scribe: OptionalLine = None
    written_by: OptionalLine = None
    authority: Line
    certainty: Certainty
    note: OptionalLine = None

    def __post_init__(self) -> None:
        if (self.scribe is None) == (self.written_by is None):
            raise ValueError("give one of scribe and written_by")

    @property
    def who(self) -> str:
        return f"taken down by {self.scribe}" if self.scribe else f"written by {self.written_by}"


class Supplied(Struct, frozen=True, kw_only=True, gc=False):
    """Words the source lost and the standard edition prints (a signature), after a paragraph (0: before
    the first)."""

    after_paragraph: Position
    text: Line
    authority: Line
    certainty: Certainty
    note: OptionalLine = None


class Recipients(Struct, frozen=True, kw_only=True, gc=False):
    """Whom the edition takes the letter to be addressed to, and why (inferred: from the series)."""

    names: Lines
    inferred: Flag = False
    authority: Line
    certainty: Certainty
    note: OptionalLine = None


class Expansion(Struct, frozen=True, kw_only=True, gc=False):
    """The work a printed "op. cit." or "ibid." points to."""

    expands: Line
    authority: Line
    certainty: Certainty
    note: OptionalLine = None


class LetterApparatus(Struct, frozen=True, kw_only=True, gc=False):
    """Everything the edition says of one letter beyond the print."""

    lcw: Annotated[LcwPlace | None, OneFact] = None
    provenance: Annotated[Provenance | None, OneFact] = None
    datings: Annotated[tuple[Dating, ...], Facts] = ()
    hands: Annotated[tuple[Hand, ...], Facts] = ()
    supplied: Annotated[tuple[Supplied, ...], Facts] = ()
    recipients: Annotated[Recipients | None, OneFact] = None
    # The expansion of the letter's printed `source` (letter 4's "Trotsky, op. cit., p. 49.").
    source: Annotated[Expansion | None, OneFact] = None

    def check(self, count: int) -> None:
        """Refuse paragraphs beyond a text of `count` paragraphs."""
        spans = [("datings", index, fact.paragraphs) for index, fact in enumerate(self.datings, start=1)]
        spans += [("hands", index, fact.paragraphs) for index, fact in enumerate(self.hands, start=1)]
        for name, index, (first, last) in spans:
            if not 1 <= first <= last <= count:
                raise ValueError(
                    f"apparatus: {name}[{index}]: paragraphs {first}-{last} are not within the text's "
                    f"{count} paragraphs"
                )
        for index, supplied in enumerate(self.supplied, start=1):
            if supplied.after_paragraph > count:
                raise ValueError(
                    f"apparatus: supplied[{index}]: after paragraph {supplied.after_paragraph} of {count}"
                )


class PersonApparatus(Struct, frozen=True, kw_only=True, gc=False):
    """A person's checked description and life dates (partial where the reference gives only a year)."""

    description: Line
    born: OptionalPartialDay = None
    died: OptionalPartialDay = None
    viaf: OptionalLine = None
    gnd: OptionalLine = None
    wikidata: OptionalLine = None
    authority: Line
    certainty: Certainty
    note: OptionalLine = None
