"""What is shown of a letter in any medium: dates for reading, hands, headings, table rows, and the
edition's apparatus kept apart from the print.

The one convention for the edition's own words (docs/corpus.md, "Telling the print from the edition"):
the print's words are never marked, and square brackets are only ever the print's; inside the flow of
a letter's text, every word this edition adds (a supplied signature, a hand, a dating) stands in angle
brackets ⟨ ⟩, as epigraphers' Leiden conventions mark what an editor supplies; around the text, the
edition speaks on labelled lines (Date:, To:, LCW dating:, Apparatus, the edition statement).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from enum import Enum
from typing import Any, NamedTuple

from leninletters import __version__
from leninletters.core.dates import MONTH_NAMES, printed_date
from leninletters.core.dating import letter_date_words, short_date
from leninletters.core.kinds import doubt
from leninletters.core.model import (
    PARAGRAPH_BREAK,
    Expansion,
    Letter,
    LetterApparatus,
    Note,
    Part,
)

NO_VALUE = "-"


def long_date(day: Any) -> str:
    """12 December 1922: the way the edition prints dates for reading."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def scribe_label(letter: Letter) -> str:
    """The scribes' initials as printed, then the hands the apparatus attributes, marked as this edition's
    words (⟨N.K. Krupskaya⟩), so that a filter by hand and the column agree; a dash where there is none."""
    attributed = [f"⟨{name}⟩" for name in letter.attributed_scribes()]
    return ", ".join([*letter.scribes, *attributed]) or NO_VALUE


def hand_lines(letter: Letter, part: Part | None = None) -> tuple[tuple[str, ...], str]:
    """The lines the print sets after a part (its hand, its date), verbatim, and what this edition adds to
    them: the names behind initials the line does not spell out, a writer known from a note, a date the
    print gives elsewhere. A corpus that keeps no printed lines gets the whole hand as the edition's."""
    # No part: a letter in one piece, its hand its own (a Part made for it would count its paragraphs).
    printed = part.printed if part else ()
    scribes = part.scribes if part else letter.scribes
    shown = " ".join(printed)
    names = dict(zip(letter.scribes, letter.scribe_names, strict=False))
    additions: list[str] = []
    for initials in scribes:
        name = names.get(initials, initials)
        if not printed:
            additions.append(f"Taken down by {initials}" + (f" ({name})" if name != initials else ""))
        elif name != initials and name not in shown:
            additions.append(f"{initials}: {name}")
    if part and part.written_by:
        additions.append(f"Written by {part.written_by}")
    if part and part.date != letter.date and not any(printed_date(line) == part.date for line in printed):
        additions.append(long_date(part.date))
    return printed, "; ".join(additions)


class Kind(Enum):
    """What a piece of a letter's reading is: the print's paragraph, or this edition's words."""

    PRINT = "print"  # the print's text, exactly: one paragraph or several, joined by a blank line
    SUPPLIED = "supplied"  # words the source lost, supplied from LCW: ⟨Lenin⟩
    REMARK = "remark"  # the edition's remark on a hand or a dating: ⟨Taken down by M.V. (…)⟩


class Piece(NamedTuple):
    kind: Kind
    text: str  # a remark or supplied words without their ⟨ ⟩; the renderer marks them


def _certainty(certainty: str) -> str:
    return f"; {doubt(certainty)}" if doubt(certainty) else ""


def shown_supplied(apparatus: LetterApparatus | None) -> tuple[Any, ...]:
    """The supplied readings shown in the text: all but the low-certainty ones (kept in the data)."""
    return tuple(s for s in apparatus.supplied if s.certainty != "low") if apparatus else ()


def reading(letter: Letter, paragraphs: tuple[int, int] | None = None) -> list[Piece]:
    """A letter (or a passage) as the print's paragraphs with this edition's words placed among them:
    supplied words after the paragraph they follow, and after the last paragraph of each stretch, the
    hand the print gives it, the hand LCW attributes to it, and LCW's dating."""
    if paragraphs is None:
        paragraphs = _unaddressed(letter)  # the address is shown apart, in the heading (metadata_lines)
    if paragraphs is None and letter.apparatus is None and not letter.parts:
        # A letter in one piece with nothing added: as it was printed, without splitting it.
        printed, added = hand_lines(letter)
        return [
            Piece(Kind.PRINT, letter.text),
            *(Piece(Kind.PRINT, line) for line in printed),
            *([Piece(Kind.REMARK, added)] if added else []),
        ]
    every = letter.paragraphs
    first, last = paragraphs or (1, len(every))
    after: dict[int, list[Piece]] = {}
    for at, piece in _placed(letter, first, last):
        after.setdefault(at, []).append(piece)
    pieces = list(after.get(first - 1, []))
    run: list[str] = []  # paragraphs with nothing of the edition's between them stay one piece
    for number in range(first, last + 1):
        run.append(every[number - 1])
        if number in after:
            pieces.append(Piece(Kind.PRINT, PARAGRAPH_BREAK.join(run)))
            pieces += after[number]
            run = []
    if run:
        pieces.append(Piece(Kind.PRINT, PARAGRAPH_BREAK.join(run)))
    return pieces


def _unaddressed(letter: Letter) -> tuple[int, int] | None:
    """The paragraphs of a letter's text without the address parts that open or close it (shown apart,
    labelled); None where it has none, or nothing else."""
    text = [part for part in letter.parts if part.kind != "address"]
    if len(text) == len(letter.parts) or not text:
        return None
    return text[0].first_paragraph, text[-1].last_paragraph


def _placed(letter: Letter, first: int, last: int) -> Iterator[tuple[int, Piece]]:
    """What stands between the paragraphs first to last, each with the paragraph it follows: supplied
    words, each part's closing lines, then the hands and datings the standard edition gives a stretch
    (after its last paragraph, or after the passage's end where the stretch runs past it)."""
    apparatus = letter.apparatus

    def touches(span: tuple[int, int]) -> bool:
        return span[0] <= last and first <= span[1]

    for reading_ in shown_supplied(apparatus):
        at = reading_.after_paragraph
        if first <= at <= last or at == first - 1 == 0:
            yield at, Piece(Kind.SUPPLIED, reading_.text + _certainty(reading_.certainty))
    for part in letter.all_parts:
        if touches(part.paragraphs):
            printed, added = hand_lines(letter, part)
            end = min(part.last_paragraph, last)
            if part.last_paragraph <= last:  # the part's closing lines, where the passage reaches its end
                yield from ((end, Piece(Kind.PRINT, line)) for line in printed)
            if added:
                yield end, Piece(Kind.REMARK, added)
    for hand in apparatus.hands if apparatus else ():
        if touches(hand.paragraphs):
            said = f"Attributed, not printed: {hand.who}, {span_words(hand.paragraphs)}"
            yield min(hand.paragraphs[1], last), Piece(Kind.REMARK, said + _certainty(hand.certainty))
    for dating in _datings(letter):
        if touches(dating.paragraphs):
            said = f"LCW dating: {long_date(dating.date)}, {span_words(dating.paragraphs)}"
            yield min(dating.paragraphs[1], last), Piece(Kind.REMARK, said + _certainty(dating.certainty))


def _fact(statement: str, fact: Any) -> str:
    return f"{statement}. Authority: {fact.authority}. Certainty: {fact.certainty}."


def apparatus_lines(letter: Letter, paragraphs: tuple[int, int] | None = None) -> list[str]:
    """Each fact of the letter's apparatus (for a passage, those that touch it), with its authority and
    certainty."""
    apparatus = letter.apparatus
    if apparatus is None:
        return []
    first, last = paragraphs or (1, letter.paragraph_count)

    def touches(span: tuple[int, int]) -> bool:
        return span[0] <= last and first <= span[1]

    lines: list[str] = []
    if apparatus.lcw:
        lcw = apparatus.lcw
        pages = f", {'pp.' if '–' in lcw.pages else 'p.'} {lcw.pages}" if lcw.pages else ""
        lines.append(_fact(f"LCW: vol. {lcw.volume}{pages}, “{lcw.title}”", lcw))
    if apparatus.provenance:
        lines.append(_fact(f"Survives as: {apparatus.provenance.text}", apparatus.provenance))
    if apparatus.recipients:
        to = apparatus.recipients
        lines.append(_fact(f"To: {', '.join(to.names)}" + (f" ({INFERRED})" if to.inferred else ""), to))
    lines += [
        _fact(f"LCW dating: {long_date(d.date)}, {span_words(d.paragraphs)}", d)
        for d in apparatus.datings
        if touches(d.paragraphs)
    ]
    lines += [
        _fact(f"Hand, attributed: {h.who}, {span_words(h.paragraphs)}", h)
        for h in apparatus.hands
        if touches(h.paragraphs)
    ]
    for s in apparatus.supplied:
        if first <= s.after_paragraph <= last or s.after_paragraph == first - 1 == 0:
            where = "before paragraph 1" if s.after_paragraph == 0 else f"after paragraph {s.after_paragraph}"
            hidden = " (not shown in the text: certainty low)" if s.certainty == "low" else ""
            lines.append(_fact(f"Supplied {where}: {supplied(s.text)}{hidden}", s))
    if apparatus.source:
        lines.append(_fact(f"Source, op. cit.: {apparatus.source.expands}", apparatus.source))
    return lines


APPARATUS_HEADING = "Apparatus (this edition's, not the print's)"


def edition_statement(edition: Mapping[str, Any]) -> str:
    """What a reader quoting from this output cites: the book and appendix, where its texts come from,
    and the edition's version (the corpus's own, else this program's)."""
    title, book = edition.get("title"), edition.get("book")
    cited = str(title or "")
    if book:
        where = f"{edition['appendix']} of " if edition.get("appendix") else ""
        by = f" ({edition['authors']})" if edition.get("authors") else ""
        cited = f"{title}: {where}{book}{by}" if title else f"{where}{book}{by}"
    if edition.get("sources"):
        cited = f"{cited or 'The text'}. By its own notes, its texts come from {edition['sources']}"
    elif edition.get("translation"):
        cited = f"{cited or 'The text'}, which reprints the translation of {edition['translation']}"
    version = edition.get("version") or __version__
    # A printed book's brackets are the print's; an edition of other sources (an import) has its editors'.
    whose = "the print's" if book else "the source's"
    mark = f"⟨ ⟩ marks this edition's words, square brackets {whose}"
    return (f"{cited}. " if cited else "") + f"Edition: leninletters {version}; {mark}."


def notes_in(letter: Letter, paragraphs: tuple[int, int] | None = None) -> tuple[Note, ...]:
    """The notes of a letter, or of a passage: those whose marker [N] stands in it."""
    if paragraphs is None:
        return letter.notes
    first, last = paragraphs
    passage = PARAGRAPH_BREAK.join(letter.paragraphs[first - 1 : last])
    return tuple(note for note in letter.notes if f"[{note.marker}]" in passage)


def passage_label(letter: Letter, paragraphs: tuple[int, int] | None) -> str:
    """ "paragraph 11 of 11", "paragraphs 3–5 of 11", or "" for the whole letter."""
    if paragraphs is None:
        return ""
    first, last = paragraphs
    total = letter.paragraph_count
    if first == last:
        return f"paragraph {first} of {total}"
    return f"paragraphs {first}–{last} of {total}"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """ "1 letter", "2 letters", "1 match", "3 matches"."""
    if count == 1:
        return f"{count:,} {noun}"
    return f"{count:,} {plural_noun or noun + 's'}"


def date_label(letter: Letter) -> str:
    """The letter's date, its later parts' dates after it, and the standard edition's other datings, each
    with a ? where the edition holds it with less than high certainty: 1922-12-25 (+1923-01-04) (LCW
    1922-12-24?)."""
    own = letter_date_words(letter, compact=True)
    if own is not None:
        return own
    printed = letter.printed_dates
    later = [day.isoformat() for day in printed if day != letter.date]
    label = letter.date.isoformat() + (f" (+{', +'.join(later)})" if later else "")
    other = [
        dating.date.isoformat() + doubt(dating.certainty, compact=True)
        for dating in _datings(letter)
        if dating.date not in printed
    ]
    return label + (f" (LCW {', '.join(dict.fromkeys(other))})" if other else "")


INFERRED = "inferred"


def names_listed(names: Sequence[str]) -> str:
    """Names one after another: "M.I. Frumkin, B.S. Stomonyakov"; where a name holds a comma of its own (a
    register's "Weber, Anna"), "Weber, Anna; Roth, Otto", so that one can tell where each ends."""
    return ("; " if any("," in name for name in names) else ", ").join(names)


def recipients_label(letter: Letter, *, compact: bool = True) -> str:
    """The recipients, saying so where the edition inferred them and where it holds them with less than
    high certainty: "Twelfth Party Congress (inferred?)" in a column, "(inferred, medium certainty)" in a
    heading."""
    to = names_listed(letter.recipients)
    settled = letter.apparatus.recipients if letter.apparatus else None
    doubted = doubt(settled.certainty, compact=compact) if settled else ""
    if not to or not (letter.recipients_inferred or doubted):
        return to
    said = INFERRED if letter.recipients_inferred else ""
    return f"{to} ({said}{doubted})" if compact else f"{to} ({', '.join(filter(None, [said, doubted]))})"


def addressees(letter: Letter) -> str:
    """Who a letter is to, and who had a copy: "M.I. Frumkin, B.S. Stomonyakov; cc Leon Trotsky"."""
    to = recipients_label(letter)
    if letter.copies:
        copies = "cc " + names_listed(letter.copies)
        return f"{to}; {copies}" if to else copies
    return to or NO_VALUE


def supplied(text: str) -> str:
    """Words or a remark of this edition's, inside the flow of the text: ⟨Lenin⟩."""
    return f"⟨{text}⟩"


def expanded(printed: str, expansion: Expansion | None) -> str:
    """A printed reference, and after it the edition's expansion of its "op. cit.", marked as such."""
    if expansion is None:
        return printed
    return f"{printed} {supplied('op. cit.: ' + expansion.expands)}"


def note_line(note: Note) -> str:
    """A footnote as printed, saying so where the text has no marker for it (note [13])."""
    unanchored = "" if note.anchored else "(appended; no marker in the text) "
    return expanded(f"[{note.marker}] {unanchored}{note.text}", note.expansion)


def source_line(letter: Letter, inferred_words: str) -> str:
    """The printed source, with the edition's expansion and whether it was inferred from the group."""
    source = letter.source or ""
    expansion = letter.apparatus.source if letter.apparatus else None
    inferred = f" ⟨{inferred_words}⟩" if letter.source_inferred else ""  # the edition's words, marked
    return f"Source: {expanded(source, expansion)}{inferred}"


def span_words(span: tuple[int, int]) -> str:
    """ "paragraph 5", "paragraphs 1–8"."""
    first, last = span
    return f"paragraph {first}" if first == last else f"paragraphs {first}–{last}"


def _datings(letter: Letter) -> tuple[Any, ...]:
    return letter.apparatus.datings if letter.apparatus else ()


def _dated_stretch(dating: Any) -> str:
    """24 December 1922 (paragraphs 1–8, medium certainty)."""
    said = ", ".join(filter(None, [span_words(dating.paragraphs), doubt(dating.certainty)]))
    return f"{long_date(dating.date)} ({said})"


def metadata_lines(letter: Letter) -> list[str]:
    """The heading block of a letter: date(s), the standard edition's datings, addressees, classification."""
    lines = [f"Date: {letter_date_words(letter, compact=False) or long_date(letter.date)}"]
    later = [
        f"{part.label or 'later part'} {long_date(part.date)}"
        for part in letter.parts
        if part.date != letter.date
    ]
    if later:
        lines[0] += f" ({', '.join(later)})"
    datings = _datings(letter)
    if datings:
        lines[0] += ", as printed"
        lines.append("LCW dating: " + "; ".join(_dated_stretch(d) for d in datings))
    if letter.senders:  # the edition's sender, where the letter names none, goes without saying
        lines.append(f"From: {names_listed(letter.senders)}")
    if letter.recipients:
        lines.append(f"To: {recipients_label(letter, compact=False)}")
    if letter.copies:
        lines.append(f"Copy: {', '.join(letter.copies)}")
    lines += correspondence_lines(letter)
    if letter.classification:
        lines.append(f"Classification: {letter.classification}")
    return lines


def correspondence_lines(letter: Letter) -> list[str]:
    """What an imported letter says of its correspondence, each on a labelled line: places, languages,
    other actions, and its address, shown apart from its text. None for a letter of the bundled edition."""
    lines = []
    if letter.places:
        lines.append("Place: " + "; ".join(f"{place.name} ({place.role})" for place in letter.places))
    if letter.languages:
        lines.append(f"Language: {', '.join(letter.languages)}")
    for event in letter.events:
        said = [", ".join(event.persons), event.place or "", event.date or ""]
        lines.append(f"Event: {event.type}" + (f": {', '.join(filter(None, said))}" if any(said) else ""))
    every = letter.paragraphs if letter.parts else []
    for part in letter.parts:
        if part.kind == "address":
            address = every[part.first_paragraph - 1 : part.last_paragraph]
            lines.append(f"Address: {' / '.join(address)}")
    return lines


def letter_heading(letter: Letter, part: Part | None = None) -> str:
    """A letter's number, date and title; with a part, the part's date, and its label after the title."""
    if part is None or (part.date == letter.date and not part.label):
        return f"{letter.number}  {short_date(letter)}  {letter.title}"
    if part.date == letter.date:
        return f"{letter.number}  {short_date(letter)}  {letter.title}, {part.label}"
    label = f", {part.label}" if part.label else ""
    return f"{letter.number}  {part.date.isoformat()}  {letter.title}{label}"


LIST_HEADER = ("No.", "Date", "Scribe", "Words", "Slug", "Title", "To")


class Row(NamedTuple):
    """One letter as a row of the list."""

    number: str
    date: str
    scribe: str
    words: str
    slug: str
    title: str
    to: str


def list_rows(letters: Sequence[Letter]) -> list[Row]:
    return [
        Row(
            str(letter.number),
            date_label(letter),
            scribe_label(letter),
            str(letter.word_count),
            letter.slug,
            letter.title,
            addressees(letter),
        )
        for letter in letters
    ]


COUNT_HEADER = ("No.", "Date", "Matches", "Title")


def count_rows(counts: Sequence[tuple[Letter, int]]) -> list[tuple[str, ...]]:
    return [(str(letter.number), short_date(letter), str(n), letter.title) for letter, n in counts]
