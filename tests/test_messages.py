"""Messages (issue 21, items 6 and 8): a value a message quotes is at most a line's worth, with "…"; a
40,000-term query gives one short line; `--` ends the options of show too; a suggestion is never repeated."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leninletters.core.errors import QUOTE_ROOM, shortened
from leninletters.ui.streams import MESSAGE_ROOM, within_room

from .conftest import run

LONG = 100_000

# Words of 100,000 characters in each place a query or a reference can hold one.
LONG_WORDS = {
    "an unknown field": "x" * LONG + ":b",
    "a name": "to:" + "x" * LONG,
    "a date": "date:" + "1" * LONG,
    "a number": "number:" + "x" * LONG,
    "a kind of mention": "person:stalin:" + "x" * LONG,
    "an open phrase": '"' + "x" * LONG,
    "a dash": "-" + "x" * LONG,
    "a word": "x" * LONG,
    "a section": "section:" + "x" * LONG,
    "a paragraph": "9:" + "1" * 30 + "-" + "2" * LONG,
}
COMMANDS = {
    "list": ["list"],
    "grep": ["grep", "zzz"],
    "grep --person": ["grep", "--person"],
    "show": ["show"],
    "show --": ["show", "--"],
    "cite": ["cite"],
    "people": ["people"],
    "export": ["export"],
    "timeline": ["timeline"],
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS)
@pytest.mark.parametrize("word", LONG_WORDS.values(), ids=LONG_WORDS)
def test_a_long_word_is_quoted_at_most_a_line_s_worth(command: list[str], word: str) -> None:
    status, stdout, stderr = run(*command, word)
    assert status in (0, 1, 2) and stdout in ("", "[]\n")
    assert stderr.count("\n") == 1
    assert len(stderr) < 5 * QUOTE_ROOM + 200, stderr[:300]
    assert "…" in stderr or "x" * 10 not in stderr


def test_a_query_of_40000_names_is_answered_in_one_short_line() -> None:
    terms = [f"to:nobody{number}" for number in range(40_000)]
    status, stdout, stderr = run("list", *terms)
    assert (status, stdout) == (0, "")
    assert stderr == (
        "leninletters: no letters match; to:nobody0 names no one in the letters; to:nobody1 names no one in "
        "the letters; to:nobody2 names no one in the letters; …\n"
    )


def test_a_long_setting_value_is_cut_with_an_ellipsis() -> None:
    status, _, stderr = run("export", "9", "-f", "cmif", env={"SOURCE_DATE_EPOCH": "a" * 300})
    assert status == 2
    shown = "a" * (QUOTE_ROOM - 1) + "…"
    assert stderr == (
        f"leninletters: error: SOURCE_DATE_EPOCH='{shown}': expected whole seconds since 1970 up to the year "
        "9999, for example 1700000000\n"
    )
    status, _, stderr = run("grep", "x", env={"LENINLETTERS_SEARCH_SECONDS": "1" * 300})
    assert status == 2 and f"LENINLETTERS_SEARCH_SECONDS='{'1' * (QUOTE_ROOM - 1)}…': expected" in stderr


@given(st.text(max_size=3 * QUOTE_ROOM))
def test_shortened_keeps_what_fits_and_marks_what_it_cuts(text: str) -> None:
    shown = shortened(text)
    assert len(shown) <= QUOTE_ROOM
    if len(text) <= QUOTE_ROOM:
        assert shown == text
    else:
        assert shown == text[: QUOTE_ROOM - 1] + "…"


@settings(max_examples=50)
@given(st.text(min_size=1, max_size=3 * MESSAGE_ROOM))
def test_every_message_keeps_its_start_and_its_end_within_room(message: str) -> None:
    kept = within_room(message)
    assert len(kept) <= MESSAGE_ROOM + 3
    if len(message) <= MESSAGE_ROOM:
        assert kept == message
    else:
        assert kept.startswith(message[:600]) and kept.endswith(message[-300:]) and " … " in kept


def test_after_dashes_a_word_with_a_dash_is_a_reference_not_an_option() -> None:
    assert run("show", "--", "-1-2") == (
        2,
        "",
        "leninletters: error: no letters numbered -1-2: the letters are numbered 1 to 22\n",
    )
    # Before `--` it is still a mistyped option, and a negative number still a letter number.
    status, _, stderr = run("show", "-1-2")
    assert status == 2
    assert stderr == "leninletters: error: no such option: -1-2 (see 'leninletters show --help')\n"
    status, _, stderr = run("show", "9", "--", "--json")
    assert status == 2 and stderr.startswith("leninletters: error: no letter '--json'")
    status, stdout, _ = run("show", "--json", "--", "9")
    assert status == 0 and stdout.startswith('[\n{"number":9,')
    numbered = "leninletters: error: no letter number -1: the letters are numbered 1 to 22\n"
    assert run("show", "-1")[2] == numbered


def test_a_suggestion_names_each_choice_once() -> None:
    status, _, stderr = run("show", "nationalitis")
    assert status == 2
    assert stderr == (
        "leninletters: error: no letter 'nationalitis': did you mean nationalities, "
        "nationalities-1922-12-31b, nationalities-1922-12-31a?\n"
    )
