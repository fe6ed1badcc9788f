"""The edition's types: letters, their parts and notes, people, and the filter value.

The records' annotations are the one description of the corpus (docs/corpus.md): each field's type,
its constraints, its default, and in words what it expects. msgspec decodes a corpus file straight into
these records and checks every annotation on the way; store/problems.py walks the same annotations to explain
each problem of a file that fails. Adding a field is one line here (and its row in docs/corpus.md).

Records are frozen msgspec Structs: defining one costs no exec() at import (a dataclass costs about a
millisecond), and decoding builds them without a Python call per field.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct
from msgspec.structs import force_setattr

# The apparatus's records and the kinds of value live in their own modules; the names other modules
# have always read from here stay here.
from leninletters.core import kinds
from leninletters.core.apparatus import Expansion as Expansion
from leninletters.core.apparatus import LetterApparatus as LetterApparatus
from leninletters.core.apparatus import PersonApparatus as PersonApparatus
from leninletters.core.apparatus import Recipients
from leninletters.core.correspondence import Dating, Event, Languages, OptionalLanguage, Place, Uris
from leninletters.core.kinds import (
    Date,
    Flag,
    LetterNumber,
    Line,
    Lines,
    MaybeEmptyLine,
    Number,
    OneFact,
    OptionalLine,
    Paragraphs,
    Slug,
    Span,
)
from leninletters.core.links import Link as Link
from leninletters.core.links import LinkKind as LinkKind

HIDDEN = kinds.HIDDEN
LINE_PATTERN = kinds.LINE_PATTERN
MAYBE_EMPTY_LINE_PATTERN = kinds.MAYBE_EMPTY_LINE_PATTERN
PARAGRAPH_BREAK = kinds.PARAGRAPH_BREAK
PARAGRAPHS_PATTERN = kinds.PARAGRAPHS_PATTERN
PARTIAL_DAY_PATTERN = kinds.PARTIAL_DAY_PATTERN


class _Unset(tuple[str, ...]):
    """The default of scribe_names: distinct from an empty array given in the file."""

    __slots__ = ()


# Filled from the edition's map of scribes when a letter gives no scribe_names (corpus.py).
UNNAMED: tuple[str, ...] = _Unset()
# The default of a part's date, replaced by its letter's date (compared by identity, never by value).
_LETTERS_DATE = dt.date(1, 1, 1)
# The date of a letter that has none (no `date`, no dating that gives a day): the last day there is, so
# that undated letters sort after every dated one. Told apart by identity, never by value: a file that
# gives 9999-12-31 (the last date there is) dates its letter on that day.
UNDATED = dt.date(9999, 12, 31)


# A letter's keys the bundled edition never has: written out only where given, so that its file and every
# export of it stay as they were.
_SHAPE_DEFAULTS: dict[str, Any] = {
    "dating": None,
    "senders": [],
    "places": [],
    "languages": [],
    "events": [],
}


class Note(Struct, frozen=True, gc=False):
    """A footnote: its printed marker ("8", "*") and its text."""

    marker: Line
    text: Line
    # False for a note printed without a marker in the letter (note [13]).
    anchored: Flag = True
    # The edition's: the work an "op. cit." or "ibid." of the note points to.
    expansion: Annotated[Expansion | None, OneFact] = None

    def to_json(self) -> dict[str, Any]:
        return _builtins(self)


class Part(Struct, frozen=True, kw_only=True, gc=False):
    """A stretch of a letter with its own date, scribe or writer (a main text, a P.S.)."""

    label: OptionalLine = None
    date: Date = _LETTERS_DATE
    paragraphs: Span  # 1-based, both included
    scribes: Lines = ()
    written_by: OptionalLine = None
    # The lines the print sets after this part, verbatim: "Taken down by L.F. [Lydia Fotieva]", "January
    # 4, 1923". Print, not apparatus: shown as printed, and the edition's words beside them marked ⟨ ⟩.
    printed: Lines = ()
    # None: the letter's text; "address": the envelope or address, shown apart and labelled.
    kind: OptionalLine = None

    def __post_init__(self) -> None:
        first, last = self.paragraphs
        if last < first:
            raise ValueError(f"paragraphs: [{first}, {last}] ends before it begins")

    @property
    def first_paragraph(self) -> int:
        return self.paragraphs[0]

    @property
    def last_paragraph(self) -> int:
        return self.paragraphs[1]

    def to_json(self) -> dict[str, Any]:
        out = _builtins(self)
        if self.kind is None:
            del out["kind"]
        return out


# Mentions: where each person occurs in a letter, and how (docs/corpus.md, "Mentions"). -------------

# How a person occurs: in the letter's own words, only in an editor's [insertion], in a footnote, in a
# printed heading or address line, as an addressee, a copy, a scribe or the writer of a part.
MentionKind = Annotated[
    Literal["text", "editorial", "note", "heading", "recipient", "copy", "scribe", "writer", "sender"],
    Meta(description="one of text, editorial, note, heading, recipient, copy, scribe, writer, sender"),
]
MENTION_KINDS: tuple[str, ...] = (
    "text",
    "editorial",
    "note",
    "heading",
    "recipient",
    "copy",
    "scribe",
    "writer",
    "sender",
)
# What a person's mentions are by default: Lenin's words and all else the print gives, but not the editor's
# square-bracket insertions ("The Georgian [Stalin]").
DEFAULT_KINDS: frozenset[str] = frozenset(MENTION_KINDS) - {"editorial"}
# How the kinds are headed in tables and listings, in the order they are shown.
KIND_LABELS: dict[str, str] = {
    "text": "Text",
    "editorial": "Editor",
    "heading": "Heading",
    "note": "Note",
    "recipient": "To",
    "copy": "Copy",
    "scribe": "Scribe",
    "writer": "Writer",
    "sender": "From",
}
# The field a mention stands in; its start and end are offsets into that string (a note's text for "notes").
MentionField = Annotated[
    Literal["text", "title", "notes", "recipients", "copies", "scribes", "parts", "senders"],
    Meta(description="one of text, title, notes, recipients, copies, scribes, parts, senders"),
]
Offset = Annotated[int, Meta(ge=0, description="a whole number from 0")]


class Mention(Struct, frozen=True, kw_only=True, gc=False):
    """One place where a letter names a person: who, how, and the words printed there."""

    person: Line
    kind: MentionKind
    form: Line  # the name as printed there: "N.K. Ulyanova", "Leon Trotsky", "L.F."
    where: MentionField
    paragraph: Annotated[Number | None, Meta(description="a paragraph number from 1, or null")] = None
    start: Annotated[Offset | None, Meta(description="an offset from 0, or null")] = None
    end: Annotated[Offset | None, Meta(description="an offset from 0, or null")] = None
    note: OptionalLine = None  # the note's marker, for a mention in a note

    def __post_init__(self) -> None:
        spanned = self.where in ("text", "title", "notes")
        if spanned and (self.start is None or self.end is None or self.end <= self.start):
            raise ValueError(f"a mention in {self.where} needs a start and a later end")
        if self.where == "text" and self.paragraph is None:
            raise ValueError("a mention in text needs its paragraph")
        if self.where == "notes" and self.note is None:
            raise ValueError("a mention in notes needs its note's marker")

    def to_json(self) -> dict[str, Any]:
        return _builtins(self)


class Letter(Struct, frozen=True, kw_only=True, gc=False):
    """One dated dictation, as printed. Fields in the order of the corpus contract."""

    number: LetterNumber
    slug: Slug
    title: Line
    section: Line = ""  # empty: the title
    # Left out for a letter the source does not date to the day: its dating's earliest day, else UNDATED.
    date: Date = UNDATED
    recipients: Lines = ()
    copies: Lines = ()
    scribes: Lines = ()
    scribe_names: Lines = UNNAMED
    classification: OptionalLine = None
    text: Paragraphs
    # The letter's parts where it has several, or one that differs from the letter (a later date, a
    # writer); empty for a letter in one piece, so that 100,000 of them cost no Part each (see all_parts).
    parts: Annotated[tuple[Part, ...], Meta(min_length=1, description="a non-empty array")] = ()
    notes: Annotated[tuple[Note, ...], Meta(description="an array")] = ()
    source: OptionalLine = None
    source_note: OptionalLine = None
    source_inferred: Flag = False
    # The edition's, never the print's: recipients inferred from the series (letters 11-18), and the
    # apparatus (datings, hands, supplied words, provenance, LCW place), each fact with its authority.
    recipients_inferred: Flag = False
    apparatus: Annotated[LetterApparatus | None, OneFact] = None
    people: Annotated[tuple[Line, ...], Meta(description="an array of person ids")] = ()
    mentions: Annotated[tuple[Mention, ...], Meta(description="an array of mentions")] = ()
    # The correspondence as an imported edition gives it (core/correspondence.py); none in the bundled one.
    dating: Annotated[Dating | None, OneFact] = None
    senders: Lines = ()  # empty: the edition's sender
    places: Annotated[tuple[Place, ...], Meta(description="an array of places")] = ()
    languages: Languages = ()  # empty: the edition's language
    events: Annotated[tuple[Event, ...], Meta(description="an array of events")] = ()

    def __post_init__(self) -> None:
        # The rules that join fields; each message names its field, as the problems of one field do.
        if self.date is UNDATED and self.dating is not None and (day := self.dating.day) is not None:
            force_setattr(self, "date", day)
        if not self.section:
            force_setattr(self, "section", self.title)
        if self.scribe_names is not UNNAMED and len(self.scribe_names) != len(self.scribes):
            raise ValueError("scribe_names: must name each of 'scribes', in the same order")
        if self.parts:
            force_setattr(self, "parts", self._fitted(self.parts))
        if self.apparatus is not None:
            self.apparatus.check(self.paragraph_count)
            if self.apparatus.recipients is not None:
                self._agree(self.apparatus.recipients)
        if self.mentions:
            _check_mentions(self)

    def _agree(self, settled: Recipients) -> None:
        """Refuse recipients other than those the apparatus settles, so that the two cannot drift."""
        if self.recipients != settled.names:
            names = ", ".join(repr(name) for name in settled.names) or "none"
            raise ValueError(
                f"recipients: must be those of apparatus.recipients, in the same order ({names})"
            )
        if self.recipients_inferred != settled.inferred:
            inferred = "true" if settled.inferred else "false"
            raise ValueError(
                f"recipients_inferred: must be {inferred}, as apparatus.recipients.inferred says"
            )

    def _fitted(self, parts: tuple[Part, ...]) -> tuple[Part, ...]:
        """The parts, dated, checked to cover the text in order; none where one part is the letter."""
        count = self.paragraph_count
        expected_first = 1
        for index, part in enumerate(parts, start=1):
            first, last = part.paragraphs
            if first != expected_first or last > count:
                raise ValueError(
                    f"parts[{index}]: paragraphs {first}-{last} do not continue from {expected_first} "
                    f"within the text's {count} paragraphs"
                )
            expected_first = last + 1
        if expected_first != count + 1:
            raise ValueError(f"parts: cover paragraphs 1-{expected_first - 1} of {count}")
        dated = tuple(
            msgspec.structs.replace(part, date=self.date) if part.date is _LETTERS_DATE else part
            for part in parts
        )
        if len(dated) == 1 and dated[0] == Part(date=self.date, paragraphs=(1, count), scribes=self.scribes):
            return ()
        return dated

    @property
    def undated(self) -> bool:
        """Whether the letter has no date: neither its own nor one its dating gives."""
        return self.date is UNDATED

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split(PARAGRAPH_BREAK) if self.text else []

    @property
    def paragraph_count(self) -> int:
        """How many paragraphs the text has: the one count every span of paragraphs is checked against."""
        return self.text.count(PARAGRAPH_BREAK) + 1

    @property
    def printed_dates(self) -> tuple[dt.date, ...]:
        """The dates the print gives: the letter's own and its parts', in order, once each."""
        seen = dict.fromkeys([self.date, *(part.date for part in self.parts)])
        return tuple(seen)

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """Every date the letter carries: the printed ones, then the standard edition's (LCW) datings."""
        if self.apparatus is None or not self.apparatus.datings:
            return self.printed_dates
        seen = dict.fromkeys([*self.printed_dates, *(dating.date for dating in self.apparatus.datings)])
        return tuple(seen)

    def dates_of(self, part: Part) -> tuple[dt.date, ...]:
        """A part's printed date, then the LCW datings of any of its paragraphs."""
        if self.apparatus is None or not self.apparatus.datings:
            return (part.date,)
        first, last = part.paragraphs
        dated = (
            d.date for d in self.apparatus.datings if d.paragraphs[0] <= last and first <= d.paragraphs[1]
        )
        return tuple(dict.fromkeys([part.date, *dated]))

    def attributed_scribes(self, part: Part | None = None) -> tuple[str, ...]:
        """The scribes the apparatus attributes to the letter or to a part's paragraphs, where the print
        names none (letter 7, taken down by Krupskaya): a hand to find by, shown as the edition's."""
        if self.apparatus is None:
            return ()
        first, last = part.paragraphs if part else (1, self.paragraph_count)
        return tuple(
            dict.fromkeys(
                hand.scribe
                for hand in self.apparatus.hands
                if hand.scribe and hand.paragraphs[0] <= last and first <= hand.paragraphs[1]
            )
        )

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def all_parts(self) -> tuple[Part, ...]:
        """The parts, or the one part that is the whole letter."""
        if self.parts:
            return self.parts
        whole = (1, self.paragraph_count)
        return (Part(date=self.date, paragraphs=whole, scribes=self.scribes),)

    def part_at(self, paragraph: int | None) -> Part:
        """The part a paragraph stands in, which dates it (the Testament's 11th is the P.S. of 4 January);
        the first part for what stands outside the text (the title, the addressees)."""
        parts = self.all_parts
        if paragraph is not None:
            for part in parts:
                if part.first_paragraph <= paragraph <= part.last_paragraph:
                    return part
        # An address (an envelope) is not where the letter stands: its first part of text is.
        return next((part for part in parts if part.kind != "address"), parts[0])

    def part_texts(self) -> list[tuple[Part, str]]:
        """Each part with its own paragraphs joined back into text."""
        if len(self.parts) <= 1:
            return [(self.all_parts[0], self.text)]  # the common case, without splitting and joining
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
        out = _builtins(self)
        out["parts"] = [part.to_json() for part in self.all_parts]
        for key, default in _SHAPE_DEFAULTS.items():
            if out[key] == default:
                del out[key]
        if self.undated:
            del out["date"]
        return out


def _check_mentions(letter: Letter) -> None:
    """Each mention's span holds its form, so that the mentions cannot drift from the text."""
    notes = {note.marker: note.text for note in letter.notes}
    for index, mention in enumerate(letter.mentions, start=1):
        if mention.where == "text":
            target: str | None = letter.text
        elif mention.where == "title":
            target = letter.title
        elif mention.where == "notes":
            target = notes.get(mention.note or "")
        else:
            continue
        if target is None or target[mention.start : mention.end] != mention.form:
            raise ValueError(
                f"mentions[{index}]: {mention.form!r} is not at {mention.start} in {mention.where}"
            )
        if (
            mention.where == "text"
            and letter.text.count(PARAGRAPH_BREAK, 0, mention.start) + 1 != mention.paragraph
        ):
            raise ValueError(f"mentions[{index}]: {mention.form!r} is not in paragraph {mention.paragraph}")


class Person(Struct, frozen=True, gc=False):
    """Someone the letters name, with the forms under which the text names them."""

    id: Line
    name: Line
    description: MaybeEmptyLine = ""
    forms: Lines = ()
    # The edition's checked facts: life dates, the description's authority (see "The apparatus").
    apparatus: Annotated[PersonApparatus | None, OneFact] = None
    # An imported edition's: the source's @ref as given, and every URI it is or resolves to.
    ref: OptionalLine = None
    uris: Uris = ()

    def to_json(self) -> dict[str, Any]:
        out = _builtins(self)
        if self.ref is None and not self.uris:
            del out["ref"], out["uris"]
        return out


class Reference(Struct, frozen=True, kw_only=True, gc=False):
    """A work or page an authority names by its id."""

    id: Line
    title: Line
    url: OptionalLine = None

    def to_json(self) -> dict[str, Any]:
        return _builtins(self)


_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder().decode


def _builtins(record: Struct) -> dict[str, Any]:
    """A record as JSON's own types, arrays as lists (to_builtins would keep tuples)."""
    out: dict[str, Any] = _decode(_encode(record))
    return out


# The edition ------------------------------------------------------------------------------------

ScribeNames = Annotated[dict[Line, Line], Meta(description="an object mapping initials to names")]


class Edition(Struct, frozen=True, kw_only=True, gc=False):
    """The keys of a corpus's `edition` that the tool reads: what the edition statement, citations and the
    CMIF header are made of, and the scribes' names. Any other key may hold any JSON value, as long as each
    string in it is one line too (corpus.py): an export carries the edition whole."""

    title: OptionalLine = None
    book: OptionalLine = None
    appendix: OptionalLine = None
    period: OptionalLine = None
    authors: OptionalLine = None
    translation: OptionalLine = None
    version: OptionalLine = None
    statement: OptionalLine = None
    cmif_url: OptionalLine = None
    cmif_editor: OptionalLine = None
    cmif_publisher: OptionalLine = None
    scribes: ScribeNames = {}
    # Whose letters they are where a letter names no sender, and their language where it names none.
    sender: OptionalLine = None
    language: OptionalLanguage = None


class Corpus(Struct, frozen=True, gc=False):
    """A loaded corpus: its letters in order, the people they name, the works its authorities cite, and
    the edition's metadata. A Struct, like the records: a dataclass would cost a millisecond of import."""

    letters: tuple[Letter, ...]
    people: tuple[Person, ...] = ()
    metadata: dict[str, Any] = {}
    references: tuple[Reference, ...] = ()
    links: tuple[Link, ...] = ()

    def __len__(self) -> int:
        return len(self.letters)
