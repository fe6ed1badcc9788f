"""One corpus reader: what `validate` refuses, every command refuses with the same first problem; what it
accepts, every command can reach (numbers, slugs, people, links, the calendar's last days)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from leninletters.core.errors import CorpusError
from leninletters.formats import cite
from leninletters.store.corpus import MAX_LISTED_PROBLEMS, check_document, check_file, load

from .conftest import MINI, run

BASE: dict[str, Any] = json.loads(MINI.read_text(encoding="utf-8"))
LINK = {"kind": "series", "reason": "It follows.", "authority": "ed.", "certainty": "high"}
# One link given twice, its ends swapped the second time.
TWICE = [{"a": "first", "b": "second", **LINK}, {"a": "second", "b": "first", **LINK}]


def _copy() -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(BASE))
    return copied


def _encoded(value: Any, repeat: frozenset[int], counter: list[int]) -> str:
    """JSON text of a value, where each object whose place (in order of writing) is in `repeat` gives its
    first key twice: first with the value null, then with its own (json and msgspec keep the last)."""
    if isinstance(value, dict):
        place = counter[0]
        counter[0] += 1
        pairs = [f"{json.dumps(key)}: {_encoded(item, repeat, counter)}" for key, item in value.items()]
        if place in repeat and value:
            pairs.insert(0, f"{json.dumps(next(iter(value)))}: null")
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_encoded(item, repeat, counter) for item in value) + "]"
    return json.dumps(value)


def _agrees(path: Path) -> None:
    """The command's reader and validate's give one answer for a file."""
    careful, problems = check_file(path)
    try:
        loaded = load(path)
    except CorpusError as error:
        assert problems, f"load refused what validate accepts: {error}"
        more = f" (and {len(problems) - 1} more: run 'leninletters validate')" if len(problems) > 1 else ""
        assert str(error) == f"corpus {path}: {problems[0]}{more}"
        assert error.problems == tuple(problems[:MAX_LISTED_PROBLEMS])
    else:
        assert not problems and loaded == careful


# The changes a broken corpus is made of: each one something validate refuses.
BREAKS = st.sampled_from(
    [
        lambda d: d["letters"][0].update(number=1_000_000_000),
        lambda d: d["letters"][0].update(slug="1922"),
        lambda d: d["letters"][1].update(slug="2-3"),
        lambda d: d["letters"][0].update(title="Splits\u2028here"),
        lambda d: d["people"][0].update(description="one\u2029two"),
        lambda d: d["people"].append({**d["people"][0], "name": "Another"}),
        lambda d: d.update(links=[{"a": "first", "b": "first", **LINK}]),
        lambda d: d.update(links=TWICE),
        lambda d: d.update(links=[{"a": "first", "b": "second", **LINK}]),  # a good link, for contrast
        lambda d: d["letters"][2].update(date="9999-12-31"),  # accepted: the calendar's last day
    ]
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    breaks=st.lists(BREAKS, max_size=3),
    repeat=st.frozensets(st.integers(0, 12), max_size=2),
)
def test_the_commands_reader_and_validate_agree_on_every_file(
    breaks: list[Any], repeat: frozenset[int], tmp_path: Path
) -> None:
    document = _copy()
    for change in breaks:
        change(document)
    path = tmp_path / "corpus.json"
    path.write_text(_encoded(document, repeat, [0]), encoding="utf-8")
    _agrees(path)


LEAST = {"number": 1, "slug": "a", "title": "A", "date": "1922-12-27", "text": "x"}
# What validate refuses, with its words; every command then says the same on its one line.
REFUSED = [
    (
        '{"letters": [{"number": 1, "slug": "a", "title": "A", "title": "B", '
        '"date": "1922-12-27", "text": "x"}]}',
        "letter 1: title: given more than once",
    ),
    (
        json.dumps({"letters": [{**LEAST, "number": 1_000_000_000}]}),
        "letter at position 1: number: expected a whole number from 1 to 999999999, found 1000000000",
    ),
    (
        json.dumps({"letters": [{**LEAST, "slug": "1922"}]}),
        "letter 1: slug: '1922' must be lowercase letters, digits and single hyphens, with a letter",
    ),
    (
        json.dumps({"letters": [{**LEAST, "title": "A\u2028B"}]}),
        "letter 1: title: holds a line or paragraph separator (U+2028) at character 2; "
        "readers split lines there",
    ),
    (
        json.dumps({"letters": [LEAST], "people": [{"id": "p", "name": "P"}, {"id": "p", "name": "Q"}]}),
        "person at position 2: id: 'p' is used again (first at position 1)",
    ),
    (
        json.dumps({"letters": [LEAST], "links": [{"a": "a", "b": "a", **LINK}]}),
        "link at position 1: b: 'a' is a too: it links a letter to itself",
    ),
    (
        json.dumps(
            {
                "letters": [LEAST, {**LEAST, "number": 2, "slug": "b"}],
                "links": [{"a": "a", "b": "b", **LINK}, {"a": "b", "b": "a", **LINK}],
            }
        ),
        "link at position 2: joins 'b' and 'a' again "
        "(first at position 1; a link is unordered, shown on both letters)",
    ),
]


@pytest.mark.parametrize(("content", "says"), REFUSED)
def test_what_validate_refuses_every_command_refuses_in_the_same_words(
    content: str, says: str, tmp_path: Path
) -> None:
    path = tmp_path / "corpus.json"
    path.write_text(content, encoding="utf-8")
    code, stdout, stderr = run("validate", str(path))
    assert (code, stdout) == (1, f"{path}: {says}\n")
    code, stdout, stderr = run("--corpus", str(path), "list")
    assert (code, stdout, stderr) == (2, "", f"leninletters: error: corpus {path}: {says}\n")


def _installed() -> str:
    script = Path(sys.executable).parent / "leninletters"
    return str(script) if script.exists() else shutil.which("leninletters") or "leninletters"


def test_the_installed_script_refuses_a_key_given_twice_as_validate_does(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text(REFUSED[0][0], encoding="utf-8")
    validated = subprocess.run([_installed(), "validate", str(path)], capture_output=True, text=True)
    listed = subprocess.run([_installed(), "--corpus", str(path), "list"], capture_output=True, text=True)
    assert validated.returncode == 1 and validated.stdout == f"{path}: {REFUSED[0][1]}\n"
    assert listed.returncode == 2 and listed.stdout == ""
    assert listed.stderr == f"leninletters: error: corpus {path}: {REFUSED[0][1]}\n"


@pytest.mark.parametrize("by", ["day", "week", "month"])
@pytest.mark.parametrize("days", [("9999-12-30", "9999-12-31"), ("0001-01-01", "0001-01-02")])
def test_letters_at_the_calendar_edges_are_all_counted(
    by: str, days: tuple[str, str], tmp_path: Path
) -> None:
    letters = [{**LEAST, "number": n, "slug": f"l{n}", "date": day} for n, day in enumerate(days, start=1)]
    path = tmp_path / "edge.json"
    path.write_text(json.dumps({"letters": letters}), encoding="utf-8")
    assert check_file(path)[1] == []
    code, stdout, _ = run("--corpus", str(path), "timeline", "--by", by, "--json")
    assert code == 0
    counted = [
        number for period in json.loads(stdout) for number in period.get("numbers", [period.get("number")])
    ]
    assert sorted(counted) == [1, 2]


def test_the_largest_letter_number_validate_accepts_can_be_shown(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"letters": [{**LEAST, "number": 999_999_999}]}), encoding="utf-8")
    code, stdout, _ = run("--corpus", str(path), "show", "999999999", "--no-pager")
    assert code == 0 and "x" in stdout


TITLES = st.text(
    st.one_of(st.sampled_from(list("\n\r\v\f\x1c\x85\u2028\u2029{}\\")), st.characters(codec="utf-8")),
    min_size=1,
    max_size=20,
)


@settings(max_examples=200, deadline=None)
@given(TITLES)
@example("Splits\u2028TY  - JOUR")
def test_a_title_validate_accepts_is_one_line_in_every_line_based_format(title: str) -> None:
    accepted, _ = check_document({"letters": [{**LEAST, "title": title}]})
    if accepted is None:
        return
    assert len(title.splitlines()) == 1
    dated = [(letter.slug, letter.date) for letter in accepted.letters]
    [cited] = cite.citations([(accepted.letters[0], None)], dated, accepted.metadata)
    record = "".join(cite.document([cited], "ris"))
    # The title as given, then the letter's date: one line still.
    assert cited.distinct_title.startswith(title)
    assert f"TI  - {cited.distinct_title}" in record.splitlines()
