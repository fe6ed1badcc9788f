"""How a letter is dated, for finding and for showing: the days a date filter meets (its printed days and
its dating's span) and the words a date is shown in, from "1922-12-25" to "[Anfang September] 1890" and
"undated".

A letter of the bundled edition has no dating, and is shown as it always was; a dating is shown as the
source gives it (its text, or its range, month or year), never as its first day alone.
"""

from __future__ import annotations

import datetime as dt

from leninletters.core.correspondence import Dating, DaySpan
from leninletters.core.dates import MONTH_NAMES
from leninletters.core.model import UNDATED, Letter

UNDATED_WORD = "undated"
# The words the term of the query language for undated letters is written with: date:none.
NO_DATE = "none"


def is_day(day: dt.date) -> bool:
    """Whether a letter's or part's date is a day at all: not the stand-in of an undated letter."""
    return day is not UNDATED


def overlaps(span: DaySpan, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a span of days (either end open) shares a day with a range (either end open)."""
    first, last = span
    return (start is None or last is None or start <= last) and (end is None or first is None or first <= end)


def dating_meets(letter: Letter, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether the letter's dating allows a day of a range: a letter dated 19 to 30 July 1909 is met by
    July 1909 and by 25 July, not by August."""
    dating = letter.dating
    return dating is not None and dating.bounded and overlaps(dating.span, start, end)


def iso_day(day: dt.date) -> str | None:
    """A date as JSON summaries give it: YYYY-MM-DD, or null for an undated letter."""
    return day.isoformat() if is_day(day) else None


def _partial_words(text: str) -> str:
    """A partial date for reading: "1890", "September 1890"; a day as written (1909-07-19), which reads
    at a glance in a range."""
    pieces = [int(piece) for piece in text.split("-")]
    return f"{MONTH_NAMES[pieces[1] - 1]} {pieces[0]}" if len(pieces) == 2 else text


def _bounds(dating: Dating, reading: bool) -> str:
    """The dating's bounds as given: "September 1890", "1909-07-19 – 1909-07-30", "not before 1909"."""
    said = _partial_words if reading else str
    if dating.when:
        return said(dating.when)
    for low, high in ((dating.not_before, dating.not_after), (dating.from_, dating.to)):
        if low and high:
            return f"{said(low)} – {said(high)}"
    given = (
        ("not before", dating.not_before),
        ("not after", dating.not_after),
        ("from", dating.from_),
        ("to", dating.to),
    )
    return next((f"{words} {said(value)}" for words, value in given if value), "")


def _qualifiers(dating: Dating, compact: bool) -> list[str]:
    """What a dating says besides its days: received (not sent), and a doubt below high certainty."""
    said = ["received"] if dating.action == "received" else []
    if dating.cert in ("medium", "low"):
        said.append("?" if compact else f"{dating.cert} certainty")
    elif dating.cert == "unknown":
        said.append("?" if compact else "certainty unknown")
    return said


def dating_words(dating: Dating, *, compact: bool) -> str:
    """A dating as shown: its text where the source gives one (with its bounds after it, for reading),
    else its bounds; then received and a doubt. "[Anfang September] 1890 (September 1890, medium
    certainty)" to read, "[Anfang September] 1890?" in a column."""
    bounds = _bounds(dating, reading=not compact) or UNDATED_WORD
    qualifiers = _qualifiers(dating, compact)
    doubted = "?" in qualifiers
    said = [q for q in qualifiers if q != "?"]
    # The bounds after the text, unless the text says just that ("August 1909" twice is no reading aid).
    if dating.text and (not compact or not dating.bounded) and dating.text.strip() != bounds:
        said.insert(0, bounds)
    shown = dating.text or bounds
    return shown + (f" ({', '.join(said)})" if said else "") + ("?" if doubted else "")


def has_own_dating(letter: Letter) -> bool:
    """Whether the letter is shown by its dating rather than by its date: it has one that says more
    than a day, or says it otherwise (a text, a doubt, a date of receipt)."""
    dating = letter.dating
    if dating is None:
        return False
    exact = (
        dating.when is not None and len(dating.when) == len("YYYY-MM-DD") and dating.span[0] == letter.date
    )
    plain = exact and not dating.text and not dating.cert and dating.action == "sent"
    return not plain and (dating.bounded or bool(dating.text))


def short_date(letter: Letter) -> str:
    """The letter's date where a line has little room: 1922-12-25, 1890-09, undated."""
    return letter_date_words(letter, compact=True) or letter.date.isoformat()


def letter_date_words(letter: Letter, *, compact: bool) -> str | None:
    """The words for a letter's date where they are not its day: "undated", or its dating's; None where
    the day itself is shown (every letter of the bundled edition)."""
    if letter.dating is not None and has_own_dating(letter):
        return dating_words(letter.dating, compact=compact)
    return UNDATED_WORD if letter.undated else None
