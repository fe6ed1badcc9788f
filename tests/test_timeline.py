"""timeline: the marks, the days and gaps, the histogram; drawn at 40, 80 and 120 columns and piped."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings

from leninletters.core import timeline
from leninletters.core.model import Corpus
from leninletters.core.predicates import Predicate, select
from leninletters.ui import render

from .conftest import FIXTURES, MINI, TREES, draw, run


def drawn_timeline(edition: Corpus, width: int, letters: list[int] | None = None) -> str:
    chosen = [l for l in edition.letters if letters is None or l.number in letters]  # noqa: E741
    first, last = timeline.span(edition.letters)
    marks = timeline.marks(chosen)
    return draw(render.timeline_view(timeline.rows(marks, first, last), marks, width), width)


PIPED_TROTSKY = """\
December 1922
        :  11 days without a letter (1–11 December 1922)
12 Tue  *l  1 To Leon Trotsky
        *F  2 To M.I. Frumkin and B.S. Stomonyakov
13 Wed  *-  3 To Leon Trotsky
14 Thu  .
15 Fri  *F  4 To Leon Trotsky
        *l  5 To Leon Trotsky
        :  5 days without a letter (16–20 December 1922)
21 Thu  *k  7 To Leon Trotsky
        :  73 days without a letter (22 December 1922 – 4 March 1923)
March 1923
 5 Mon  *- 20 To Leon Trotsky
 6 Tue  *- 22 To P.G. Mdivani, F.Y. Makharadze, and Others
        :  25 days without a letter (7–31 March 1923)
Marks: * a letter
Hands: - no hand printed; F taken down by L.F. (Lydia Fotieva); k taken down by N.K. Krupskaya (attributed \
by LCW, not printed); l written by V.I. Lenin (attributed by LCW, not printed, medium certainty)
"""


def test_piped_the_timeline_is_plain_with_ascii_marks_and_the_count_on_stderr() -> None:
    code, stdout, stderr = run("timeline", "to:trotsky")
    assert (code, stdout, stderr) == (0, PIPED_TROTSKY, "leninletters: 8 letters\n")
    assert "\x1b" not in stdout


def test_the_whole_timeline_shows_the_long_silence_and_every_kind_of_mark() -> None:
    stdout = run("timeline")[1]
    assert "        :  40 days without a letter (24 January – 4 March 1923)\n" in stdout
    assert (
        "24 Sun  oV  9 Letter to the Congress (The Testament of Lenin) (LCW dating, medium certainty)\n"
        in stdout
    )
    assert " 4 Thu  +F  9 Letter to the Congress (The Testament of Lenin) (P.S.)\n" in stdout
    assert "Marks: * a letter; + a later part; o LCW's dating\n" in stdout
    assert stdout.index("January 1923\n") < stdout.index("3 days without a letter (1–3 January 1923)")


EXACT_40 = """\
December 1922
        ┆  11 days without a letter
        ┆  (1–11 December 1922)
12 Tue  ●l  1 To Leon Trotsky
        ●F  2 To M.I. Frumkin and B.S. …
13 Wed  ●-  3 To Leon Trotsky
14 Thu  ·
15 Fri  ●F  4 To Leon Trotsky
        ●l  5 To Leon Trotsky
        ┆  5 days without a letter
        ┆  (16–20 December 1922)
21 Thu  ●k  7 To Leon Trotsky
        ┆  73 days without a letter
        ┆  (22 Dec 1922 – 4 Mar 1923)
March 1923
 5 Mon  ●- 20 To Leon Trotsky
 6 Tue  ●- 22 To P.G. Mdivani, F.Y. Mak…
        ┆  25 days without a letter
        ┆  (7–31 March 1923)
Marks: ● a letter
Hands: - no hand printed; F taken down
by L.F. (Lydia Fotieva); k taken down by
N.K. Krupskaya (attributed by LCW, not
printed); l written by V.I. Lenin
(attributed by LCW, not printed, medium
certainty)
"""


@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_drawn_timeline_fits_each_width(edition: Corpus, width: int) -> None:
    drawn = drawn_timeline(edition, width)
    assert all(len(line) <= width for line in drawn.splitlines())
    assert "40 days without a letter" in drawn
    assert "(24 January – 4 March 1923)" in drawn or "(24 Jan – 4 Mar 1923)" in drawn
    # A day is one line: a title too long for the width is cut, never wrapped.
    [long_title] = [line for line in drawn.splitlines() if line.startswith("23 Tue")]
    assert long_title.endswith("…")
    short = [line for line in drawn.splitlines() if line.startswith("23 Sat")]
    assert short == ["23 Sat  ●V  8 Letter to the Congress"]


def test_the_drawn_timeline_at_40_columns_exactly(edition: Corpus) -> None:
    assert drawn_timeline(edition, 40, [1, 2, 3, 4, 5, 7, 20, 22]) == EXACT_40


def test_on_a_terminal_the_marks_are_coloured_by_hand() -> None:
    code, stdout, _ = run("timeline", "--color", "always", env={"COLUMNS": "80"})
    assert code == 0
    assert "\x1b[36m●F" in stdout and "\x1b[35m●V" in stdout  # Fotieva cyan, Volodicheva magenta
    assert all(len(re.sub(r"\x1b\[[0-9;]*m", "", line)) <= 80 for line in stdout.splitlines())


def test_the_marks_in_json() -> None:
    code, stdout, _ = run("timeline", "--json")
    assert code == 0
    marks = json.loads(stdout)
    assert len(marks) == 24  # 22 letters, the Testament's P.S. and its LCW dating of 24 December
    assert {m["mark"] for m in marks} == {"letter", "part", "lcw"}
    assert marks[0] == {
        "date": "1922-12-12",
        "number": 1,
        "slug": "to-trotsky-1922-12-12",
        "title": "To Leon Trotsky",
        "mark": "letter",
        "hand": "l",
        "hand_name": "written by V.I. Lenin (attributed by LCW, not printed, medium certainty)",
        "certainty": "high",  # of the mark's date: the letter's own, printed
    }
    [lcw] = [m for m in marks if m["mark"] == "lcw"]
    assert (lcw["date"], lcw["certainty"]) == ("1922-12-24", "medium")


def test_the_histogram_by_month_and_week() -> None:
    code, stdout, stderr = run("timeline", "--by", "month")
    assert (code, stderr) == (0, "leninletters: 22 letters\n")
    # The Testament counts in December and again in January, by its P.S. of 4 January; 22 letters still.
    assert stdout == ("Dec 1922  18 ##################\nJan 1923   2 ##\nFeb 1923   0\nMar 1923   3 ###\n")
    weeks = json.loads(run("timeline", "--by", "week", "--json")[1])
    assert sum(week["letters"] for week in weeks) == 23
    assert weeks[0]["from"] == "1922-11-27" and weeks[-1]["to"] == "1923-04-01"
    assert all(dt.date.fromisoformat(w["from"]).weekday() == 0 for w in weeks)


@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_drawn_histogram_fits_each_width(edition: Corpus, width: int) -> None:
    first, last = timeline.span(edition.letters)
    table = timeline.bins(list(edition.letters), timeline.By.week, first, last)
    drawn = draw(render.histogram_view(table, timeline.By.week, width), width)
    assert all(len(line) <= width for line in drawn.splitlines())
    assert "1922-12-25  10 ██████████\n" in drawn


def test_timeline_takes_the_filters_of_list() -> None:
    stdout = run("timeline", "--scribe", "M.V.", "--json")[1]
    assert sorted({m["number"] for m in json.loads(stdout)}) == [8, 9, 13, 14, 15, 16, 17, 18]
    code, stdout, stderr = run("timeline", "--from", "1924")
    assert (code, stdout) == (0, "") and "no letters match" in stderr
    code, stdout, stderr = run("timeline", "--by", "year")
    assert (code, stdout) == (2, "") and "--by 'year'" in stderr
    assert run("timeline", "--explain", "to:stalin")[1].startswith("query: to:stalin\n")


@settings(max_examples=60, deadline=None)
@given(TREES)
def test_every_day_is_shown_once_and_every_chosen_letter_has_its_mark(predicate: Predicate) -> None:
    from leninletters.store.corpus import load

    edition = load()
    chosen = select(edition.letters, predicate)
    first, last = timeline.span(edition.letters)
    marks = timeline.marks(chosen)
    assert {m.letter.number for m in marks} == {letter.number for letter in chosen}
    rows = timeline.rows(marks, first, last)
    days = [row.days for row in rows if row.kind != "month"]
    assert sum(days) == (last - first).days + 1
    assert all(row.days >= timeline.LONG_GAP for row in rows if row.kind == "gap")
    shown = [m for row in rows for m in row.marks]
    assert shown == marks


@pytest.mark.parametrize("by", [[], ["--by", "week"], ["--by", "month"]])
def test_the_last_date_there_is_draws_a_timeline(tmp_path: Path, by: list[str]) -> None:
    far = json.loads(MINI.read_text(encoding="utf-8"))
    letters = far["letters"] if isinstance(far, dict) else far
    letters[-1]["date"] = "9999-12-31"
    for part in letters[-1].get("parts", []):
        part.pop("date", None)
    corpus = tmp_path / "far.json"
    corpus.write_text(json.dumps(far), encoding="utf-8")
    code, stdout, stderr = run("--corpus", str(corpus), "timeline", *by)
    assert code == 0, stderr
    assert "9999" in stdout


def test_the_timeline_takes_the_person_options_of_list() -> None:
    code, stdout, _ = run("timeline", "--person", "stalin", "--json")
    assert code == 0
    listed = json.loads(run("list", "--person", "stalin", "--json")[1])
    assert {mark["number"] for mark in json.loads(stdout)} == {letter["number"] for letter in listed}
    code, _, stderr = run("timeline", "-r", "Trotskin")
    assert code == 0 and 'did you mean "Trotsky"?' in stderr


def test_a_terminal_that_cannot_show_the_marks_gets_the_plain_ones() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii", "FORCE_COLOR": "1", "COLUMNS": "60"}
    drawn = subprocess.run(
        [sys.executable, "-m", "leninletters", "timeline"], capture_output=True, env=env, check=True
    ).stdout.decode("ascii")
    assert "<U+" not in drawn  # no mark spelt out by its code point
    assert "*F" in re.sub(r"\x1b\[[0-9;]*m", "", drawn)


def test_a_week_counts_the_parts_dated_in_it_and_only_those_the_query_holds_for() -> None:
    """The Testament's P.S. of 4 January is counted in its week, not in the week of 25 December."""
    code, stdout, stderr = run("timeline", "--by", "week", "--from", "1923-01-01", "--to", "1923-01-07")
    assert (code, stderr) == (0, "leninletters: 1 letter\n")
    assert [line for line in stdout.splitlines() if "#" in line] == ["week of 1923-01-01  1 #"]
    assert "week of 1922-12-25  0\n" in stdout
    months = json.loads(run("timeline", "--by", "month", "--json")[1])
    january = next(m for m in months if m["from"] == "1923-01-01")
    assert january["numbers"] == [9, 19]


def test_the_days_a_dating_still_allows_are_never_said_to_be_without_a_letter() -> None:
    status, out, _ = run("--corpus", str(FIXTURES / "imported-shape.json"), "timeline")
    assert status == 0
    # "[Anfang September] 1890" stands on 1 September; the rest of the month is within its dating.
    assert "29 days within a letter's dating above (2–30 September 1890)" in out
    assert "days without a letter (2 September" not in out
    # A range of 19 to 30 July 1909: its days after the first are its own, the next day is empty.
    assert "11 days within a letter's dating above (20–30 July 1909)" in out
    assert "days without a letter (31 July 1909 – 30 April 1911)" in out


@pytest.mark.parametrize("by", ["day", "month"])
def test_the_summary_says_how_many_undated_letters_were_left_off(by: str) -> None:
    status, _, err = run("--corpus", str(FIXTURES / "imported-shape.json"), "timeline", "--by", by)
    assert status == 0
    assert err == "leninletters: 3 letters; 1 undated letter left off (no day to stand on)\n"
    assert run("timeline", "--by", by)[2] == "leninletters: 22 letters\n"  # none undated: nothing said
