"""Partial dates (1922, 1922-12, 1922-12-25) and the ranges they cover."""

from __future__ import annotations

import datetime as dt
import re

from leninletters.core.errors import DateError, shortened

# ASCII digits only: \d would take ١٩٢٣ and ３, which no date is written with.
PARTIAL_DATE = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
MONTH_NAMES = "January February March April May June July August September October November December".split()
# A date as the print sets it on a line of its own: "December 25, 1922".
PRINTED_DATE = re.compile(r"(?P<month>[A-Z][a-z]+) (?P<day>[0-9]{1,2}), (?P<year>[0-9]{4})")


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def date_range(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date covers: "1922-12" is 1 to 31 December 1922."""
    cleaned = text.strip()
    match = PARTIAL_DATE.fullmatch(cleaned)
    if match is None:
        raise DateError(f"{shortened(text)!r} is not a date: use {DATE_FORMS}, for example 1922-12-25")
    year = int(match["year"])
    if year < dt.MINYEAR:
        raise DateError(f"{shortened(text)!r} is not a date: the year must be 0001 or later")
    if match["month"] is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise DateError(f"{shortened(text)!r} is not a date: the month must be 01 to 12")
    last_day = _days_in_month(year, month)
    if match["day"] is None:
        return dt.date(year, month, 1), dt.date(year, month, last_day)
    day = int(match["day"])
    if not 1 <= day <= last_day:
        raise DateError(
            f"{shortened(text)!r} is not a date: {year:04d}-{month:02d} has days 01 to {last_day:02d}"
        )
    exact = dt.date(year, month, day)
    return exact, exact


def is_date_reference(text: str) -> bool:
    """Whether a reference looks like a date (it may still be an impossible one)."""
    return PARTIAL_DATE.fullmatch(text.strip()) is not None and "-" in text


class BackwardsSpan(DateError):
    """A span whose start is later than its end; the caller words it as the user wrote it."""

    def __init__(self, start_text: str, end_text: str) -> None:
        super().__init__(f"{start_text} is later than {end_text}")
        self.start_text, self.end_text = start_text, end_text


def span(start_text: str | None, end_text: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The inclusive range between two partial dates, from the first day of one to the last of the other;
    either end may be open (None). Raises BackwardsSpan where it runs backwards."""
    start = date_range(start_text)[0] if start_text is not None else None
    end = date_range(end_text)[1] if end_text is not None else None
    if start is not None and end is not None and start > end:
        raise BackwardsSpan(str(start_text), str(end_text))
    return start, end


def written_span(text: str) -> tuple[dt.date | None, dt.date | None]:
    """A span as one word writes it: a partial date (1922-12), or two around "..", either left out
    (1922-12-24..1923-01, 1923.., ..1922-12-15)."""
    start_text, dots, end_text = text.partition("..")
    return span(start_text or None, end_text or None) if dots else date_range(text)


def printed_date(line: str) -> dt.date | None:
    """The date a printed date line gives ("January 4, 1923"), or None if the line is not one."""
    match = PRINTED_DATE.fullmatch(line)
    if match is None or match["month"] not in MONTH_NAMES:
        return None
    try:
        return dt.date(int(match["year"]), MONTH_NAMES.index(match["month"]) + 1, int(match["day"]))
    except ValueError:
        return None
