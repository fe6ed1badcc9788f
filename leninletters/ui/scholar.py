"""The scholar's tools' results (issue 12), with the three faces every view has (see views): show with
its related letters, threads, the timeline and its histogram."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from leninletters.core.dating import short_date
from leninletters.core.present import edition_statement, plural
from leninletters.formats import export
from leninletters.ui.views import Reading

if TYPE_CHECKING:
    from leninletters.core.dossiers import Dossier
    from leninletters.core.model import Letter
    from leninletters.core.references import Selected
    from leninletters.core.related import Relations, Series
    from leninletters.core.source import Source
    from leninletters.core.timeline import Bin, Mark
    from leninletters.ui.render import RenderableType


class ShowReading(Reading):
    """Letters to read, each followed by the letters related to it with their reasons; on a terminal, a
    line that says how to cite them. JSON: the letter objects, each with `related` and `series` beside it
    (as the passages asked of it are)."""

    def __init__(self, selection: Sequence[Selected], source: Source, relations: Relations) -> None:
        super().__init__(selection, source)
        self.relations = relations

    def json(self) -> Iterable[str]:
        return export.json_array(
            {
                **export.selected_json(letter, passages),
                "related": [relation.to_json() for relation in self.relations.of(letter)],
                "series": _series_json(self.relations.series(letter)),
                "dossiers": [dossier.id for dossier in self._dossiers(letter)],
            }
            for letter, passages in export.by_letter(self.selection)
        )

    def plain(self) -> Iterator[str]:
        from leninletters.core.related import RELATED_HEADING, plain_lines

        for index, (letter, passage) in enumerate(self.selection):
            if index:
                yield f"\n{export.SEPARATOR}\n\n"
            yield export.letter_text(letter, passage)
            related = plain_lines(self.relations.grouped(letter))
            if related:
                yield "\n" + "\n".join([f"{RELATED_HEADING}:", *related]) + "\n"
            yield from _dossier_block(self._dossiers(letter))
        yield f"\n{export.STATEMENT_RULE}\n{edition_statement(self.edition)}\n"

    def rich(self, width: int) -> RenderableType:
        from leninletters.core.related import cite_references
        from leninletters.ui.render import show_view

        groups = [self.relations.grouped(letter) for letter, _ in self.selection]
        cite = cite_references(self.selection)
        dossiers = [self._dossiers(letter) for letter, _ in self.selection]
        return show_view(self.selection, groups, self.edition, f"Cite: leninletters cite {cite}", dossiers)

    def _dossiers(self, letter: Letter) -> list[Dossier]:
        """The curated dossiers the letter is in (none where the source has no dossiers)."""
        from leninletters.core.dossiers import containing

        return containing(letter.slug, self.source.dossiers if self.source is not None else ())


def _dossier_block(dossiers: Sequence[Dossier]) -> Iterator[str]:
    """The plain block naming a letter's dossiers, nothing for a letter in none."""
    from leninletters.core.dossiers import DOSSIERS_HEADING, plain_lines

    if dossiers:
        yield "\n" + "\n".join([f"{DOSSIERS_HEADING}:", *plain_lines(dossiers)]) + "\n"


def _series_json(series: Series | None) -> dict[str, Any] | None:
    return series.to_json() if series is not None else None


class Thread(ShowReading):
    """A letter with its related letters, in date order (as notmuch shows a thread): a list of the
    thread first, the asked-for letters marked, then each letter in full."""

    def __init__(self, asked: Sequence[Selected], source: Source, relations: Relations) -> None:
        from leninletters.core.references import Selected

        passages = {item.letter.number: item for item in asked}
        members = relations.thread(item.letter for item in asked)
        super().__init__([passages.get(m.number, Selected(m)) for m in members], source, relations)
        self.asked = set(passages)

    def _index(self) -> list[str]:
        lines = [f"Thread: {plural(len(self.selection), 'letter')}"]
        for letter, _ in self.selection:
            mark = ">" if letter.number in self.asked else " "
            lines.append(f"{mark} {letter.number:>3}  {short_date(letter)}  {letter.title}")
        return lines

    def plain(self) -> Iterator[str]:
        yield "\n".join(self._index()) + "\n\n" + f"{export.SEPARATOR}\n\n"
        yield from export.document(self.selection, export.Format.text, self.source)

    def rich(self, width: int) -> RenderableType:
        from leninletters.ui.render import thread_view

        return thread_view(self._index(), self.selection, self.edition)


class TimelineView:
    """The letters day by day: a mark per letter, later part and LCW dating, with its hand; JSON: the
    marks."""

    def __init__(self, marks: Sequence[Mark], first: dt.date, last: dt.date, undated: int = 0) -> None:
        self.marks = marks
        self.first, self.last = first, last
        self.undated = undated

    def json(self) -> Iterable[str]:
        return export.json_array(mark.to_json() for mark in self.marks)

    def plain(self) -> Iterator[str]:
        from leninletters.core.timeline import PLAIN_MARKS, legend, plain_lines, rows

        yield from plain_lines(rows(self.marks, self.first, self.last))
        yield "".join(f"{line}\n" for line in legend(self.marks, PLAIN_MARKS))

    def rich(self, width: int) -> RenderableType:
        from leninletters.core.timeline import rows
        from leninletters.ui.render import timeline_view

        return timeline_view(rows(self.marks, self.first, self.last), self.marks, width)

    def summary(self) -> str | None:
        letters = len({mark.letter.number for mark in self.marks})
        return plural(letters, "letter") + _left_off(self.undated)


class HistogramView:
    """The letters counted by week or month, empty periods too."""

    def __init__(self, table: Sequence[Bin], by: str, undated: int = 0) -> None:
        from leninletters.core.timeline import By

        self.table = table
        self.by = By(by)
        self.undated = undated

    def json(self) -> Iterable[str]:
        return export.json_array(b.to_json() for b in self.table)

    def plain(self) -> Iterable[str]:
        from leninletters.core.timeline import plain_histogram

        return plain_histogram(self.table, self.by)

    def rich(self, width: int) -> RenderableType:
        from leninletters.ui.render import histogram_view

        return histogram_view(self.table, self.by, width)

    def summary(self) -> str | None:
        # A letter with parts in two periods is counted in each, and once here.
        letters = {letter.number for b in self.table for letter in b.letters}
        return plural(len(letters), "letter") + _left_off(self.undated)


def _left_off(undated: int) -> str:
    """What a timeline's summary adds for the undated letters it selected but cannot place."""
    return f"; {plural(undated, 'undated letter')} left off (no day to stand on)" if undated else ""
