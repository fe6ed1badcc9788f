"""The shape of the four months: the letters day by day, and counted by week or month.

A mark per letter on its printed date, per later part on the part's date (the Testament's P.S. of
4 January 1923), and per dating of the standard edition that differs from the print (LCW's 24 December);
each with the hand it is in: printed (L.F., M.V., a writer the print names), attributed by LCW and not
printed, or none. Days without a letter stay visible; a run of them is one line that says how long.

Pure: knows nothing of the command line or the terminal. The plain lines are here; render.py draws the
same rows in colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from leninletters.core.dates import MONTH_NAMES
from leninletters.core.dating import has_own_dating, is_day, letter_date_words
from leninletters.core.kinds import doubt
from leninletters.core.model import Letter, Part

# A run of at least this many days without a letter is drawn as one line.
LONG_GAP = 3
NO_HAND = "-"
WEEKDAYS = "Mon Tue Wed Thu Fri Sat Sun".split()


class MarkKind(StrEnum):
    """What a mark stands for."""

    letter = "letter"  # the letter, on its printed date
    part = "part"  # a later part, on its own printed date
    lcw = "lcw"  # the standard edition's dating of some of its paragraphs


# Drawn in plain output (ASCII, safe on any stream) and on a terminal.
PLAIN_MARKS = {MarkKind.letter: "*", MarkKind.part: "+", MarkKind.lcw: "o"}
RICH_MARKS = {MarkKind.letter: "●", MarkKind.part: "◐", MarkKind.lcw: "○"}


class By(StrEnum):
    """timeline --by: the periods of the histogram."""

    day = "day"
    week = "week"
    month = "month"


class Mark(NamedTuple):
    """One mark on the timeline."""

    date: dt.date
    letter: Letter
    kind: MarkKind
    hand: str  # a one-letter code (F, V, K; lower case where attributed, not printed), or "-"
    hand_name: str  # what the code stands for, in words
    certainty: str = "high"  # of an LCW dating: how sure the edition is of it

    @property
    def label(self) -> str:
        """The letter's number and title, and what the mark is where it is not the letter's own date."""
        suffix = ""
        if self.kind is MarkKind.part:
            labels = [p.label for p in self.letter.parts if p.date == self.date and p.label]
            suffix = f" ({labels[0] if labels else 'later part'})"
        elif self.kind is MarkKind.lcw:
            suffix = f" ({', '.join(filter(None, ['LCW dating', doubt(self.certainty)]))})"
        elif has_own_dating(self.letter):  # placed on its dating's first day: say what the dating is
            suffix = f" ({letter_date_words(self.letter, compact=True)})"
        return f"{self.letter.number:>2} {self.letter.title}{suffix}"

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "number": self.letter.number,
            "slug": self.letter.slug,
            "title": self.letter.title,
            "mark": str(self.kind),
            "hand": self.hand,
            "hand_name": self.hand_name,
            "certainty": self.certainty,
        }


def _surname_initial(name: str) -> str:
    return (name.split()[-1][:1] if name.split() else "?").upper()


def hand_of(letter: Letter, part: Part) -> tuple[str, str]:
    """A part's hand as a code and in words: printed scribes and writers first (upper case), then a hand
    the standard edition attributes (lower case), else none printed."""
    if part.scribes:
        names = dict(zip(letter.scribes, letter.scribe_names, strict=False))
        initials = part.scribes[0]
        name = names.get(initials, initials)
        code = initials.rstrip(".").split(".")[-1][:1].upper() or "?"
        return code, f"taken down by {initials}" + (f" ({name})" if name != initials else "")
    if part.written_by:
        return _surname_initial(part.written_by), f"written by {part.written_by}"
    first, last = part.paragraphs
    for hand in letter.apparatus.hands if letter.apparatus else ():
        if hand.paragraphs[0] <= last and first <= hand.paragraphs[1]:
            who = hand.scribe or hand.written_by or ""
            said = ", ".join(filter(None, ["attributed by LCW, not printed", doubt(hand.certainty)]))
            return _surname_initial(who).lower(), f"{hand.who} ({said})"
    return NO_HAND, "no hand printed"


def marks(letters: Iterable[Letter]) -> list[Mark]:
    """Every mark of the letters, in date order (then by letter number, the letter's own date first)."""
    found: list[Mark] = []
    for letter in letters:
        if letter.undated:
            continue  # no day to stand on
        parts = letter.all_parts
        code, name = hand_of(letter, parts[0])
        found.append(Mark(letter.date, letter, MarkKind.letter, code, name))
        for part in parts[1:]:
            if part.date != letter.date:
                code, name = hand_of(letter, part)
                found.append(Mark(part.date, letter, MarkKind.part, code, name))
        printed = set(letter.printed_dates)
        for day in letter.dates:
            if day not in printed:
                dating = next(d for d in letter.apparatus.datings if d.date == day)  # type: ignore[union-attr]
                part = next(p for p in parts if p.first_paragraph <= dating.paragraphs[0] <= p.last_paragraph)
                code, name = hand_of(letter, part)
                found.append(Mark(day, letter, MarkKind.lcw, code, name, dating.certainty))
    order = {MarkKind.letter: 0, MarkKind.part: 1, MarkKind.lcw: 2}
    return sorted(found, key=lambda mark: (mark.date, mark.letter.number, order[mark.kind]))


class Row(NamedTuple):
    """A line of the day-by-day timeline: a month's heading, a day (with its marks, or none), or a run of
    days without a letter."""

    kind: str  # "month", "day" or "gap"
    first: dt.date
    last: dt.date
    marks: tuple[Mark, ...] = ()
    # A gap within a letter's dating (a month, a range): days the letter may be of, not days without one.
    within_dating: bool = False

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def span(letters: Sequence[Letter]) -> tuple[dt.date, dt.date]:
    """The whole months the letters' dates fall in: 1 December 1922 to 31 March 1923 for the edition."""
    every = [day for letter in letters for day in letter.dates if is_day(day)]
    if not every:  # only undated letters: an empty month, rather than no timeline at all
        every = [dt.date.max]
    first, last = min(every), max(every)
    return first.replace(day=1), month_end(last)


def month_end(day: dt.date) -> dt.date:
    """The last day of a day's month (31 December 9999 too, past which no date goes)."""
    if day.month == 12:
        return day.replace(day=31)
    return day.replace(month=day.month + 1, day=1) - dt.timedelta(days=1)


def rows(chosen: Sequence[Mark], first: dt.date, last: dt.date) -> list[Row]:
    """The days from first to last: each day with marks, each short run of empty days day by day, each
    long run as one line, and a month's heading before the first day shown of each month."""
    by_day: dict[dt.date, list[Mark]] = {}
    for mark in chosen:
        by_day.setdefault(mark.date, []).append(mark)
    covered = _within_datings(chosen)
    out: list[Row] = []
    shown_month: tuple[int, int] | None = None
    day = first
    while day <= last:
        if day not in by_day:
            within = day in covered
            end = day
            while (
                end < last
                and end + dt.timedelta(days=1) not in by_day
                and (end + dt.timedelta(days=1) in covered) == within
            ):
                end += dt.timedelta(days=1)
            if within or (end - day).days + 1 >= LONG_GAP:
                if shown_month != (day.year, day.month):
                    out.append(Row("month", day, day))
                    shown_month = (day.year, day.month)
                out.append(Row("gap", day, end, within_dating=within))
                if end == last:  # no day after the last: 31 December 9999 has none
                    break
                day = end + dt.timedelta(days=1)
                continue
        if shown_month != (day.year, day.month):
            out.append(Row("month", day, day))
            shown_month = (day.year, day.month)
        out.append(Row("day", day, day, tuple(by_day.get(day, ()))))
        if day == last:
            break
        day += dt.timedelta(days=1)
    return out


def _within_datings(chosen: Sequence[Mark]) -> frozenset[dt.date]:
    """The days after a mark that a letter's dating still allows (the rest of "August 1909", of a range):
    a timeline says of them that the letter may be of any, never that they are without a letter."""
    days: set[dt.date] = set()
    for mark in chosen:
        dating = mark.letter.dating
        if mark.kind is not MarkKind.letter or dating is None:
            continue
        start, end = dating.span
        if start is None or end is None or end <= mark.date:
            continue
        days.update(mark.date + dt.timedelta(days=step) for step in range(1, (end - mark.date).days + 1))
    return frozenset(days)


def month_heading(day: dt.date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def day_label(day: dt.date) -> str:
    """ "12 Tue"."""
    return f"{day.day:>2} {WEEKDAYS[day.weekday()]}"


def _short(day: dt.date, year: bool, abbreviated: bool = False) -> str:
    month = MONTH_NAMES[day.month - 1]
    return f"{day.day} {month[:3] if abbreviated else month}" + (f" {day.year}" if year else "")


def gap_words(row: Row, abbreviated: bool = False) -> str:
    """ "40 days without a letter (24 January – 4 March 1923)"; abbreviated, "(24 Jan – 4 Mar 1923)"."""
    first, last = row.first, row.last
    if (first.year, first.month) == (last.year, last.month):
        within = f"{first.day}–{_short(last, True, abbreviated)}"
    else:
        within = f"{_short(first, first.year != last.year, abbreviated)} – {_short(last, True, abbreviated)}"
    if row.within_dating:
        days = "1 day" if row.days == 1 else f"{row.days} days"
        return f"{days} within a letter's dating above ({within})"
    return f"{row.days} days without a letter ({within})"


DAY_WIDTH = 6  # "12 Tue"
INDENT = " " * DAY_WIDTH


def plain_lines(table: Sequence[Row]) -> Iterator[str]:
    """The rows as plain text, ASCII marks, nothing cut: what a pipe gets."""
    for row in table:
        if row.kind == "month":
            yield f"{month_heading(row.first)}\n"
        elif row.kind == "gap":
            yield f"{INDENT}  :  {gap_words(row)}\n"
        elif not row.marks:
            yield f"{day_label(row.first)}  .\n"
        else:
            for index, mark in enumerate(row.marks):
                date = day_label(row.first) if index == 0 else INDENT
                yield f"{date}  {PLAIN_MARKS[mark.kind]}{mark.hand} {mark.label}\n"


def legend(chosen: Sequence[Mark], marks_of: dict[MarkKind, str]) -> list[str]:
    """What the marks and hands mean, for the marks shown."""
    kinds = dict.fromkeys(mark.kind for mark in chosen)
    words = {MarkKind.letter: "a letter", MarkKind.part: "a later part", MarkKind.lcw: "LCW's dating"}
    lines = ["Marks: " + "; ".join(f"{marks_of[kind]} {words[kind]}" for kind in MarkKind if kind in kinds)]
    hands = dict(sorted({mark.hand: mark.hand_name for mark in chosen}.items(), key=lambda item: item[0]))
    lines.append("Hands: " + "; ".join(f"{code} {name}" for code, name in hands.items()))
    return lines


# The histogram ------------------------------------------------------------------------------------


class Bin(NamedTuple):
    """A period and the letters dated in it (by their own printed date)."""

    first: dt.date
    last: dt.date
    letters: tuple[Letter, ...]

    def label(self, by: By) -> str:
        if by is By.month:
            return f"{MONTH_NAMES[self.first.month - 1][:3]} {self.first.year}"
        if by is By.week:
            return f"week of {self.first.isoformat()}"  # weeks start on Monday
        return self.first.isoformat()

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "letters": len(self.letters),
            "numbers": [letter.number for letter in self.letters],
        }


def bins(
    letters: Sequence[Letter],
    by: By,
    first: dt.date,
    last: dt.date,
    dates_of: Callable[[Letter], Iterable[dt.date]] = lambda letter: letter.printed_dates,
) -> list[Bin]:
    """The periods from first to last, empty ones too, each with the letters dated in it: by each dated
    part (the Testament in the weeks of 25 December and of 4 January), or by the dates `dates_of` gives."""
    dated = [(letter, tuple(day for day in dates_of(letter) if is_day(day))) for letter in letters]
    out: list[Bin] = []
    start = first - dt.timedelta(days=first.weekday()) if by is By.week else first
    while start <= last:
        if by is By.day:
            end = start
        elif by is By.week:
            # The week of 27 December 9999 ends with the calendar, on its Friday: no date follows.
            end = start + dt.timedelta(days=min(6, (dt.date.max - start).days))
        else:
            end = month_end(start)
        inside = tuple(letter for letter, days in dated if any(start <= day <= end for day in days))
        out.append(Bin(start, end, inside))
        if end == dt.date.max:  # the last day there is: no later period to count
            break
        start = end + dt.timedelta(days=1)
    return out


PLAIN_BAR = 50  # the longest bar in plain output, in characters


def bar_length(count: int, most: int, room: int) -> int:
    """A bar in proportion, at least one character for a period that has a letter."""
    if not count or not most:
        return 0
    return max(1, round(count * room / most)) if most > room else count


def plain_histogram(table: Sequence[Bin], by: By) -> Iterator[str]:
    most = max((len(b.letters) for b in table), default=0)
    width = max((len(b.label(by)) for b in table), default=0)
    digits = len(str(most))
    for b in table:
        count = len(b.letters)
        yield (
            f"{b.label(by):<{width}}  {count:>{digits}} {'#' * bar_length(count, most, PLAIN_BAR)}".rstrip()
            + "\n"
        )
