"""Each command's result with its three faces: JSON for scripts, plain text for pipes, Rich for a terminal.

leninletters.output chooses the face; a view only knows how to draw itself. The Rich face imports
leninletters.render inside the method, so that the JSON and plain paths never pay for Rich.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from leninletters import export, plain
from leninletters.model import Letter, Person
from leninletters.present import edition_statement, letter_heading, plural

if TYPE_CHECKING:
    from leninletters.edition import Counted, Found
    from leninletters.export import Source
    from leninletters.references import Selected
    from leninletters.related import Relations
    from leninletters.render import RenderableType
    from leninletters.timeline import Bin, By, Mark


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
        "date": letter.date.isoformat(),
    }


class LetterList:
    """Letters as a list: a table on a terminal, aligned columns in a pipe, letter objects in JSON."""

    def __init__(self, letters: Sequence[Letter]) -> None:
        self.letters = letters

    def json(self) -> Iterable[str]:
        return export.json_array(letter.to_json() for letter in self.letters)

    def plain(self) -> Iterable[str]:
        return plain.plain_list(self.letters)

    def rich(self, width: int) -> RenderableType:
        from leninletters.render import list_table

        return list_table(self.letters, width)

    def summary(self) -> str | None:
        return plural(len(self.letters), "letter")


class Reading:
    """Letters and passages to read in full, with the edition statement after them (JSON: the letter
    objects alone, as `list --json` gives them; `export --format json` adds the edition)."""

    def __init__(self, selection: Sequence[Selected], source: Source | None = None) -> None:
        self.selection = selection
        self.source = source
        self.edition: Mapping[str, Any] = source.metadata if source is not None else {}

    def json(self) -> Iterable[str]:
        return export.json_array(export.selected_json(letter, passage) for letter, passage in self.selection)

    def plain(self) -> Iterable[str]:
        return export.document(self.selection, export.Format.text, self.source)

    def rich(self, width: int) -> RenderableType:
        from leninletters.render import letters_view

        return letters_view(self.selection, self.edition)

    def summary(self) -> str | None:
        return None


def grep_headings(found: Sequence[Found]) -> list[tuple[str, Sequence[Any]]]:
    """Each letter part's heading (dated by the part) with its snippets."""
    return [(letter_heading(hit.letter, hit.part), hit.snippets) for hit in found]


class Matches:
    """What grep found: snippets under each letter (or part) heading; spans into `text` in JSON."""

    def __init__(self, found: Sequence[Found]) -> None:
        self.found = found

    def json(self) -> Iterable[str]:
        return export.json_array(self._objects())

    def _objects(self) -> Iterator[dict[str, Any]]:
        by_letter: dict[int, dict[str, Any]] = {}
        for hit in self.found:
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
                        "date": hit.part.date.isoformat(),
                        "part": hit.part.label,
                        "context": around.text,
                    }
                )
        yield from by_letter.values()

    def plain(self) -> Iterable[str]:
        return plain.plain_grep(grep_headings(self.found))

    def rich(self, width: int) -> RenderableType:
        from leninletters.render import grep_view

        return grep_view(grep_headings(self.found))

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
        from leninletters.render import counts_table

        return counts_table(self.counted)

    def summary(self) -> str | None:
        return None


class PeopleList:
    """The people the letters name, with how many letters name them."""

    def __init__(self, people: Sequence[Person], counts: dict[str, int]) -> None:
        self.people = people
        self.counts = counts

    def json(self) -> Iterable[str]:
        return export.json_array({**p.to_json(), "letters": self.counts.get(p.id, 0)} for p in self.people)

    def _rows(self) -> list[tuple[str, ...]]:
        return [(p.id, str(self.counts.get(p.id, 0)), p.name, ", ".join(p.forms)) for p in self.people]

    def plain(self) -> Iterable[str]:
        return plain.plain_table(self._rows(), PEOPLE_HEADER, right={1})

    def rich(self, width: int) -> RenderableType:
        from leninletters.render import plain_table_view

        return plain_table_view(self._rows(), PEOPLE_HEADER, right={1})

    def summary(self) -> str | None:
        return plural(len(self.people), "person", "people")


PEOPLE_HEADER = ("Id", "Letters", "Name", "Named as")


# The scholar's tools (issue 12): show with its related letters, threads, the timeline --------------


class ShowReading(Reading):
    """Letters to read, each followed by the letters related to it with their reasons; on a terminal, a
    line that says how to cite them. JSON: the letter objects, each with `related` beside it (as a
    passage's `passage` is)."""

    def __init__(self, selection: Sequence[Selected], source: Source, relations: Relations) -> None:
        super().__init__(selection, source)
        self.relations = relations

    def json(self) -> Iterable[str]:
        return export.json_array(
            {
                **export.selected_json(letter, passage),
                "related": [relation.to_json() for relation in self.relations.of(letter)],
            }
            for letter, passage in self.selection
        )

    def plain(self) -> Iterator[str]:
        from leninletters.related import RELATED_HEADING, plain_lines

        for index, (letter, passage) in enumerate(self.selection):
            if index:
                yield f"\n{export.SEPARATOR}\n\n"
            yield export.letter_text(letter, passage)
            related = plain_lines(self.relations.grouped(letter))
            if related:
                yield "\n" + "\n".join([f"{RELATED_HEADING}:", *related]) + "\n"
        yield f"\n{export.STATEMENT_RULE}\n{edition_statement(self.edition)}\n"

    def rich(self, width: int) -> RenderableType:
        from leninletters.related import cite_reference
        from leninletters.render import show_view

        groups = [self.relations.grouped(letter) for letter, _ in self.selection]
        cite = " ".join(cite_reference(letter, passage) for letter, passage in self.selection)
        return show_view(self.selection, groups, self.edition, f"Cite: leninletters cite {cite}")


class Thread(ShowReading):
    """A letter with its related letters, in date order (as notmuch shows a thread): a list of the
    thread first, the asked-for letters marked, then each letter in full."""

    def __init__(self, asked: Sequence[Selected], source: Source, relations: Relations) -> None:
        from leninletters.references import Selected

        passages = {item.letter.number: item for item in asked}
        members = relations.thread(item.letter for item in asked)
        super().__init__([passages.get(m.number, Selected(m)) for m in members], source, relations)
        self.asked = set(passages)

    def _index(self) -> list[str]:
        lines = [f"Thread: {plural(len(self.selection), 'letter')}"]
        for letter, _ in self.selection:
            mark = ">" if letter.number in self.asked else " "
            lines.append(f"{mark} {letter.number:>3}  {letter.date.isoformat()}  {letter.title}")
        return lines

    def plain(self) -> Iterator[str]:
        yield "\n".join(self._index()) + "\n\n" + f"{export.SEPARATOR}\n\n"
        yield from export.document(self.selection, export.Format.text, self.source)

    def rich(self, width: int) -> RenderableType:
        from leninletters.render import thread_view

        return thread_view(self._index(), self.selection, self.edition)


class TimelineView:
    """The letters day by day: a mark per letter, later part and LCW dating, with its hand; JSON: the
    marks."""

    def __init__(self, marks: Sequence[Mark], first: dt.date, last: dt.date) -> None:
        self.marks = marks
        self.first, self.last = first, last

    def json(self) -> Iterable[str]:
        return export.json_array(mark.to_json() for mark in self.marks)

    def plain(self) -> Iterator[str]:
        from leninletters.timeline import PLAIN_MARKS, legend, plain_lines, rows

        yield from plain_lines(rows(self.marks, self.first, self.last))
        yield "".join(f"{line}\n" for line in legend(self.marks, PLAIN_MARKS))

    def rich(self, width: int) -> RenderableType:
        from leninletters.render import timeline_view
        from leninletters.timeline import rows

        return timeline_view(rows(self.marks, self.first, self.last), self.marks, width)

    def summary(self) -> str | None:
        letters = len({mark.letter.number for mark in self.marks})
        return plural(letters, "letter")


class HistogramView:
    """The letters counted by week or month, empty periods too."""

    def __init__(self, table: Sequence[Bin], by: By) -> None:
        self.table = table
        self.by = by

    def json(self) -> Iterable[str]:
        return export.json_array(b.to_json() for b in self.table)

    def plain(self) -> Iterable[str]:
        from leninletters.timeline import plain_histogram

        return plain_histogram(self.table, self.by)

    def rich(self, width: int) -> RenderableType:
        from leninletters.render import histogram_view

        return histogram_view(self.table, self.by, width)

    def summary(self) -> str | None:
        return plural(sum(len(b.letters) for b in self.table), "letter")
