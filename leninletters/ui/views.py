"""Each command's result with its three faces: JSON for scripts, plain text for pipes, Rich for a terminal.

leninletters.ui.output chooses the face; a view only knows how to draw itself. The Rich face imports
leninletters.ui.render inside the method, so that the JSON and plain paths never pay for Rich.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from leninletters.core.dating import iso_day
from leninletters.core.model import KIND_LABELS, Letter
from leninletters.core.present import NO_VALUE, letter_heading, plural
from leninletters.formats import export
from leninletters.ui import plain

if TYPE_CHECKING:
    from leninletters.core.mentions import Occurrence, Summary
    from leninletters.core.model import Mention
    from leninletters.core.references import Selected
    from leninletters.core.source import Source
    from leninletters.store.edition import Counted, Found
    from leninletters.ui.render import RenderableType


class View(Protocol):
    """A result that can leave the process in any of three forms."""

    def json(self) -> Iterable[str]: ...

    def plain(self) -> Iterable[str]: ...

    def rich(self, width: int) -> RenderableType: ...

    def summary(self) -> str | None:
        """A line for stderr after plain output (a count), or None."""
        ...


def _letter_summary(letter: Letter) -> dict[str, Any]:
    return {
        "number": letter.number,
        "slug": letter.slug,
        "title": letter.title,
        "date": iso_day(letter.date),
    }


# A long list leaves in blocks of this many rows, each aligned as it comes (columns only ever widen), so
# that its first rows are out before its last are found; a list this short is aligned as one table.
BLOCK_ROWS = 500


class LetterList:
    """Letters as a list: a table on a terminal, aligned columns in a pipe, letter objects in JSON.

    The letters may come one at a time (Edition.iter_select): JSON and plain text write each as it comes,
    and the count in the summary is of those written."""

    def __init__(self, letters: Iterable[Letter]) -> None:
        self.letters = letters
        self.written = 0

    def _counted(self) -> Iterator[Letter]:
        for letter in self.letters:
            self.written += 1
            yield letter

    def json(self) -> Iterable[str]:
        return export.json_array(letter.to_json() for letter in self._counted())

    def plain(self) -> Iterable[str]:
        from itertools import islice

        from leninletters.core.present import LIST_HEADER, list_rows

        letters = self._counted()
        widths = [len(cell) for cell in LIST_HEADER]
        header: Sequence[str] | None = LIST_HEADER
        while block := list_rows(list(islice(letters, BLOCK_ROWS))):
            widths = [max(widths[i], *(len(row[i]) for row in block)) for i in range(len(widths))]
            yield from plain.aligned(block, widths, header, right={0, 3})
            header = None

    def rich(self, width: int) -> RenderableType:
        from leninletters.ui.render import list_table

        letters = list(self._counted())  # a table is drawn whole
        return list_table(letters, width)

    def summary(self) -> str | None:
        return plural(self.written, "letter")


class Reading:
    """Letters and passages to read in full, with the edition statement after them (JSON: the letter
    objects alone, as `list --json` gives them; `export --format json` adds the edition)."""

    def __init__(self, selection: Sequence[Selected], source: Source | None = None) -> None:
        self.selection = selection
        self.source = source
        self.edition: Mapping[str, Any] = source.metadata if source is not None else {}

    def json(self) -> Iterable[str]:
        return export.json_array(
            export.selected_json(letter, passages) for letter, passages in export.by_letter(self.selection)
        )

    def plain(self) -> Iterable[str]:
        return export.document(self.selection, export.Format.text, self.source)

    def rich(self, width: int) -> RenderableType:
        from leninletters.ui.render import letters_view

        return letters_view(self.selection, self.edition)

    def summary(self) -> str | None:
        return None


def grep_headings(found: Iterable[Found]) -> Iterator[tuple[str, Sequence[Any]]]:
    """Each letter part's heading (dated by the part) with its snippets, as the parts come."""
    return ((letter_heading(hit.letter, hit.part), hit.snippets) for hit in found)


class Matches:
    """What grep found: snippets under each letter (or part) heading; spans into `text` in JSON. The parts
    may come one at a time (Edition.iter_search): JSON and plain text write each letter as it comes."""

    def __init__(self, found: Iterable[Found]) -> None:
        self.found = found

    def json(self) -> Iterable[str]:
        return export.json_array(self._objects())

    def _objects(self) -> Iterator[dict[str, Any]]:
        # A letter's parts come together, one after another: its object is given when the next letter's
        # first part comes (or the answer ends), never held longer.
        from itertools import groupby

        for _, hits in groupby(self.found, key=lambda hit: hit.letter.number):
            yield self._letter_object(list(hits))

    def _letter_object(self, hits: Sequence[Found]) -> dict[str, Any]:
        by_letter: dict[int, dict[str, Any]] = {}
        for hit in hits:
            if hit.letter.number not in by_letter:
                by_letter[hit.letter.number] = {**_letter_summary(hit.letter), "matches": []}
            # Matches and snippets are both in order, and each match lies in one snippet: walk them together.
            windows = iter(hit.snippets)
            around = next(windows)
            for match in hit.matches:
                while match.end > around.start + len(around.text):
                    around = next(windows)
                by_letter[hit.letter.number]["matches"].append(
                    {
                        "text": match.text,
                        "start": match.start,
                        "end": match.end,
                        "paragraph": match.paragraph,
                        "where": match.where or "text",
                        "date": iso_day(hit.part.date),
                        "part": hit.part.label,
                        "context": around.text,
                    }
                )
        return next(iter(by_letter.values()))

    def plain(self) -> Iterable[str]:
        return plain.plain_grep(grep_headings(self.found))

    def rich(self, width: int) -> RenderableType:
        from leninletters.ui.render import grep_view

        return grep_view(list(grep_headings(self.found)))

    def summary(self) -> str | None:
        return None


class MatchCounts:
    """How many matches each letter has, and the total."""

    def __init__(self, counted: Sequence[Counted]) -> None:
        self.counted = counted

    def json(self) -> Iterable[str]:
        return export.json_array({**_letter_summary(c.letter), "count": c.matches} for c in self.counted)

    def plain(self) -> Iterable[str]:
        return plain.plain_counts(self.counted)

    def rich(self, width: int) -> RenderableType:
        from leninletters.ui.render import counts_table

        return counts_table(self.counted)

    def summary(self) -> str | None:
        total = sum(counted.matches for counted in self.counted)
        return f"{plural(total, 'match', 'matches')} in {plural(len(self.counted), 'letter')}"


class PeopleList:
    """The people the letters name, with how many letters name them, in all and by kind."""

    def __init__(self, found: Sequence[Summary]) -> None:
        self.found = found

    def json(self) -> Iterable[str]:
        return export.json_array(summary.to_json() for summary in self.found)

    @property
    def _kinds(self) -> list[str]:
        """The kinds of mention counted in columns: From only where some person sent a letter."""
        return [
            kind for kind in KIND_LABELS if kind != "sender" or any(kind in s.by_kind for s in self.found)
        ]

    @property
    def _header(self) -> tuple[str, ...]:
        return ("Id", "Letters", *(KIND_LABELS[kind] for kind in self._kinds), "Who")

    @property
    def _numbers(self) -> set[int]:
        return set(range(1, 2 + len(self._kinds)))

    def _rows(self, described: bool = True) -> list[tuple[str, ...]]:
        return [
            (
                s.person.id,
                _count(len(s.letters)),
                *(_count(len(s.by_kind.get(kind, ()))) for kind in self._kinds),
                (s.person.description if described else "") or s.person.name,
            )
            for s in self.found
        ]

    def plain(self) -> Iterable[str]:
        return plain.plain_table(self._rows(), self._header, right=self._numbers)

    def rich(self, width: int) -> RenderableType:
        from leninletters.ui.render import fits, lines_view, people_table

        # The widest layout whose names stand whole on one line: the counts by kind with each person's
        # description (from WIDE_PEOPLE on: a description wraps, at its words), the counts by kind with the
        # name, the id, the count of letters and the name (as list keeps the columns a reader needs to
        # choose), and where even those do not fit, a line each. A name is never cut or folded mid-word.
        header, numbers = self._header, self._numbers
        if width >= WIDE_PEOPLE:
            return people_table(self._rows(), header, numbers=numbers)
        rows = self._rows(described=False)
        full = people_table(rows, header, numbers=numbers)
        if fits(full, width):
            return full
        short = people_table(
            [(row[0], row[1], row[-1]) for row in rows],
            (header[0], header[1], header[-1]),
            numbers={1},
        )
        if fits(short, width):
            return short
        return lines_view(
            [f"{s.person.name} ({s.person.id}): {plural(len(s.letters), 'letter')}" for s in self.found]
        )

    def summary(self) -> str | None:
        people = plural(len(self.found), "person", "people")
        return f"{people}; Letters counts the letters that name them, all but the editor's insertions"


# From this width on, each person's description takes the place of the name.
WIDE_PEOPLE = 150


def _count(number: int) -> str:
    return str(number) if number else "-"


class Line(NamedTuple):
    """One line under a letter in a person's view: what kind of mention, and its words in context."""

    label: str
    text: str
    highlights: tuple[tuple[int, int], ...] = ()


class PersonView:
    """One person: who, the name forms, the letters to, copied to and taken down by them, and each
    mention in context under its letter, as grep shows matches."""

    def __init__(self, found: Summary, seen: Sequence[Occurrence], spellings: Sequence[str]) -> None:
        self.found = found
        self.seen = seen
        self.spellings = spellings

    def _letters(self, *kinds: str) -> list[int]:
        return sorted({n for kind in kinds for n in self.found.by_kind.get(kind, ())})

    def head(self) -> list[tuple[str, str]]:
        """The lines about the person, each a label and its value."""
        person = self.found.person
        numbers = {kind: " ".join(map(str, self.found.by_kind.get(kind, ()))) for kind in KIND_LABELS}
        by_kind = "; ".join(f"{kind} {numbers[kind]}" for kind in KIND_LABELS if numbers[kind])
        # An imported edition's: the source's ref, its URIs, the letters they sent (none in the bundled one).
        imported = [
            *([("Ref", person.ref)] if person.ref else []),
            *([("URIs", " ".join(person.uris))] if person.uris else []),
            *([("Letters from", " ".join(map(str, sent)))] if (sent := self._letters("sender")) else []),
        ]
        return [
            ("Who", person.description or person.name),
            ("Named as", ", ".join(person.forms) or person.name),
            ("Also spelt", ", ".join(self.spellings) or NO_VALUE),
            *imported,
            ("Letters to", " ".join(map(str, self._letters("recipient"))) or NO_VALUE),
            ("Copied to", " ".join(map(str, self._letters("copy"))) or NO_VALUE),
            ("Taken down by", " ".join(map(str, self._letters("scribe"))) or NO_VALUE),
            ("Named in", f"{plural(len(self.found.letters), 'letter')}, the editor's insertions apart"),
            ("By kind", by_kind or NO_VALUE),
        ]

    def blocks(self) -> list[tuple[str, list[Line]]]:
        """Each letter's heading and its lines: the heading, text in context, notes, addressees, hands."""
        return mention_blocks(self.seen)

    def json(self) -> Iterable[str]:
        to_letter = {seen.letter.number: seen.letter for seen in self.seen}

        def letters(*kinds: str) -> list[dict[str, Any]]:
            return [_letter_summary(to_letter[n]) for n in self._letters(*kinds) if n in to_letter]

        value = {
            **self.found.to_json(),
            "spellings": list(self.spellings),
            "written_to": letters("recipient"),
            "copied_to": letters("copy"),
            "taken_down_by": letters("scribe"),
            "written_by": letters("writer"),
            "sent": letters("sender"),
            "mentions": [_occurrence_json(seen) for seen in self.seen],
        }
        yield export.json_text(value) + "\n"

    def plain(self) -> Iterable[str]:
        person = self.found.person
        yield f"{person.name} ({person.id})\n"
        for label, value in self.head():
            yield f"{label}: {value}\n"
        for heading, lines in self.blocks():
            yield "\n" + heading + "\n"
            for line in lines:
                yield f"  {line.label}: {line.text}\n"

    def rich(self, width: int) -> RenderableType:
        from leninletters.ui.render import person_view

        person = self.found.person
        return person_view(f"{person.name} ({person.id})", self.head(), self.blocks())

    def summary(self) -> str | None:
        return None


class MentionList:
    """Mentions of people under each letter, as grep shows matches: grep --person."""

    def __init__(self, seen: Sequence[Occurrence], context: int = 0) -> None:
        self.seen = seen
        self.context = context

    def json(self) -> Iterable[str]:
        return export.json_array(_occurrence_json(seen, self.context) for seen in self.seen)

    def plain(self) -> Iterable[str]:
        for index, (heading, lines) in enumerate(mention_blocks(self.seen, self.context)):
            yield ("\n" if index else "") + heading + "\n"
            for line in lines:
                yield f"  {line.label}: {line.text}\n"

    def rich(self, width: int) -> RenderableType:
        from leninletters.ui.render import person_view

        return person_view("", [], mention_blocks(self.seen, self.context))

    def summary(self) -> str | None:
        return None


def mention_blocks(seen: Sequence[Occurrence], context: int = 0) -> list[tuple[str, list[Line]]]:
    """Each letter part's heading, dated by the part as grep dates its matches, and its lines: the
    heading, text in context, notes, addressees, hands (those outside the text with the first block)."""
    from leninletters.core.mentions import Occurrence

    blocks: list[tuple[str, list[Line]]] = []
    for each in seen:
        letter = each.letter
        by_part: dict[int, list[Mention]] = {}
        for mention in each.mentions:
            if mention.where == "text":
                by_part.setdefault(letter.part_at(mention.paragraph).first_paragraph, []).append(mention)
        outside = [m for m in each.mentions if m.where != "text"]
        firsts = sorted(by_part) or [letter.all_parts[0].first_paragraph]
        for index, first in enumerate(firsts):
            own = [*by_part.get(first, []), *(outside if index == 0 else [])]
            part = letter.part_at(first)
            blocks.append((letter_heading(letter, part), _lines(Occurrence(letter, tuple(own)), context)))
    return blocks


def _occurrence_json(seen: Occurrence, context: int = 0) -> dict[str, Any]:
    letter = seen.letter
    return {
        **_letter_summary(letter),
        "mentions": [
            {**_mention_json(m), **_dated(letter, m), "context": _context(letter, m, context)}
            for m in seen.mentions
        ],
    }


def _dated(letter: Letter, mention: Mention) -> dict[str, Any]:
    """A mention's date and part, as grep's matches carry them: the text's by the part it stands in."""
    part = letter.part_at(mention.paragraph if mention.where == "text" else None)
    return {"date": iso_day(part.date), "part": part.label}


def _mention_json(mention: Mention) -> dict[str, Any]:
    out = mention.to_json()
    del out["person"]
    return out


def _context(letter: Letter, mention: Mention, context: int = 0) -> str | None:
    """The words around a mention: its sentence in the text, the title, or the note."""
    if mention.where == "title":
        return letter.title
    if mention.where == "notes":
        return next((note.text for note in letter.notes if note.marker == mention.note), None)
    if mention.where == "text" and mention.start is not None and mention.end is not None:
        from leninletters.core.search import Match, snippets

        match = Match(mention.start, mention.end, mention.form, mention.paragraph or 1)
        return snippets(letter, [match], context)[0].text
    return None


# The words for a kind of mention beside its line, where it is not a sentence of the text.
LABELS = {"recipient": "to", "copy": "copy", "scribe": "taken down by", "writer": "written by"}


def _lines(seen: Occurrence, context: int = 0) -> list[Line]:
    """A person's mentions in one letter, as the lines that show them: the title, the sentences of the
    text, the notes, then the headings' names (to, copy, taken down by, written by)."""
    return [
        *_title_lines(seen),
        *_text_lines(seen, context),
        *_note_lines(seen),
        *(Line(LABELS[m.kind], m.form) for m in seen.mentions if m.kind in LABELS),
    ]


def _spans(mentions: Iterable[Mention]) -> tuple[tuple[int, int], ...]:
    return tuple((m.start or 0, m.end or 0) for m in mentions)


def _title_lines(seen: Occurrence) -> list[Line]:
    in_title = [m for m in seen.mentions if m.where == "title"]
    return [Line("heading", seen.letter.title, _spans(in_title))] if in_title else []


def _text_lines(seen: Occurrence, context: int) -> Iterator[Line]:
    """Each sentence that holds mentions, labelled by its paragraph and the kinds that are not text."""
    from leninletters.core.search import Match, snippets

    in_text = [m for m in seen.mentions if m.where == "text"]
    matches = [Match(m.start or 0, m.end or 0, m.form, m.paragraph or 1) for m in in_text]
    for snippet in snippets(seen.letter, matches, context):
        end = snippet.start + len(snippet.text)
        kinds = dict.fromkeys(m.kind for m in in_text if snippet.start <= (m.start or 0) < end)
        shown = [TEXT_KIND_LABELS[kind] for kind in kinds if kind != "text"]
        label = f"{snippet.paragraph}" + (f" ({', '.join(shown)})" if shown else "")
        yield Line(label, snippet.text, snippet.highlights)


def _note_lines(seen: Occurrence) -> Iterator[Line]:
    for note in seen.letter.notes:
        spans = _spans(m for m in seen.mentions if m.where == "notes" and m.note == note.marker)
        if spans:
            yield Line(f"note [{note.marker}]", note.text, spans)


TEXT_KIND_LABELS = {"editorial": "editor", "heading": "address", "text": "text"}
