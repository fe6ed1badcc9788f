"""Partial dates and ranges."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leninletters.core.dates import date_range, span
from leninletters.core.errors import DateError, InputError


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1922", dt.date(1922, 1, 1), dt.date(1922, 12, 31)),
        ("1922-12", dt.date(1922, 12, 1), dt.date(1922, 12, 31)),
        ("1923-02", dt.date(1923, 2, 1), dt.date(1923, 2, 28)),
        ("1924-02", dt.date(1924, 2, 1), dt.date(1924, 2, 29)),
        ("1922-12-25", dt.date(1922, 12, 25), dt.date(1922, 12, 25)),
        (" 1923-03-05 ", dt.date(1923, 3, 5), dt.date(1923, 3, 5)),
    ],
)
def test_a_partial_date_covers_its_whole_period(text: str, first: dt.date, last: dt.date) -> None:
    assert date_range(text) == (first, last)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("1922-13-01", "month must be 01 to 12"),
        ("1922-02-30", "days 01 to 28"),
        ("yesterday", "use YYYY, YYYY-MM or YYYY-MM-DD"),
        ("", "not a date"),
        ("1922-1-5", "not a date"),
        ("0000", "year must be 0001"),
    ],
)
def test_an_impossible_date_is_refused_with_the_reason(text: str, says: str) -> None:
    with pytest.raises(DateError, match=says):
        date_range(text)


def test_a_range_whose_start_is_after_its_end_is_refused() -> None:
    with pytest.raises(DateError, match="later than"):
        span("1923", "1922-12")
    assert span("1922-12", "1922-12") == (dt.date(1922, 12, 1), dt.date(1922, 12, 31))
    assert span(None, "1923") == (None, dt.date(1923, 12, 31))


@given(st.text(max_size=20))
def test_any_string_parses_or_raises_the_tools_own_error(text: str) -> None:
    try:
        first, last = date_range(text)
    except DateError:
        return
    assert first <= last


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_each_form_of_a_date_covers_exactly_its_period(day: dt.date) -> None:
    assert date_range(day.isoformat()) == (day, day)
    month_first, month_last = date_range(day.isoformat()[:7])
    assert (month_first.day, month_first.month) == (1, day.month)
    assert month_first <= day <= month_last
    assert (month_last + dt.timedelta(days=1)).month != day.month
    year_first, year_last = date_range(f"{day.year:04d}")
    assert (year_first, year_last) == (dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))


PARTIAL_DATES = st.dates(dt.date(1900, 1, 1), dt.date(1999, 12, 31)).flatmap(
    lambda day: st.sampled_from([day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]])
)


@given(PARTIAL_DATES | st.none(), PARTIAL_DATES | st.none())
def test_a_query_span_and_the_from_and_to_options_are_one_rule(start: str | None, end: str | None) -> None:
    # date:A..B in a query and --from A --to B select the same days, or are both refused as backwards.
    from leninletters.core.querylang import parse
    from leninletters.store.asking import Filters, question

    written = f"date:{start or ''}..{end or ''}"
    try:
        by_query = parse(written)
    except InputError as refused:
        by_query = None
        assert "runs backwards" in str(refused)
    try:
        by_options = question(Filters(date_from=[start] if start else None, date_to=[end] if end else None))
    except DateError as refused:
        by_options = None
        assert "swap them" in str(refused)
    if by_options is None or by_query is None:
        assert by_options is by_query is None
    elif start or end:
        assert by_query == by_options
