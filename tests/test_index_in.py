"""grep --in: the notes, the sources and the apparatus searched as the text is, each match saying where it
is, the same from the JSON and the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leninletters.core.search import PLACES, Search
from leninletters.store import edition as door
from leninletters.store.index import IndexEdition

from .conftest import run
from .test_index import bundled_document


@pytest.fixture(autouse=True)
def cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def test_a_word_only_a_note_holds_is_found_there_and_says_so() -> None:
    status, stdout, _ = run("grep", "Wednesday")
    assert status == 0 and "note 13" not in stdout  # the text alone, by default
    status, stdout, stderr = run("grep", "Wednesday", "--in", "all")
    assert status == 0
    assert "  note 13: A separate sheet" in stdout and "Kamenev is going to Georgia on Wednesday" in stdout
    assert "  1: I therefore propose" in stdout  # letter 6's text still found
    assert stderr == ""


def test_a_source_is_searched_and_each_match_in_json_says_where() -> None:
    assert run("grep", "falsification")[0] == 1  # not in any letter's text
    status, stdout, _ = run("grep", "falsification", "--in", "sources", "--json")
    assert status == 0
    (letter,) = json.loads(stdout)
    assert letter["number"] == 2
    (match,) = letter["matches"]
    assert match["where"] == "source" and match["text"] == "Falsification"
    assert match["context"][match["start"] : match["end"]] == "Falsification"
    status, stdout, _ = run("grep", "stalin", "--json")
    assert {m["where"] for letter in json.loads(stdout) for m in letter["matches"]} == {"text"}


def test_counts_take_in_every_place_asked() -> None:
    text_only = {
        row["number"]: row["count"] for row in json.loads(run("grep", "krupskaya", "-c", "--json")[1])
    }
    everywhere = json.loads(run("grep", "krupskaya", "-c", "--json", "--in", "text,apparatus")[1])
    assert {row["number"] for row in everywhere} >= set(text_only) | {7}
    assert all(row["count"] >= text_only.get(row["number"], 0) for row in everywhere)


@pytest.mark.parametrize("value", ["nowhere", "text,", ""])
def test_a_place_grep_does_not_know_is_one_line_and_status_2(value: str) -> None:
    status, stdout, stderr = run("grep", "x", "--in", value)
    assert (status, stdout) == (2, "")
    assert stderr.count("\n") == 1 and "grep --in: no place" in stderr and "notes" in stderr


def test_singular_and_plural_places_are_one() -> None:
    assert run("grep", "Wednesday", "--in", "note")[1] == run("grep", "Wednesday", "--in", "notes")[1]


PLACE_SETS = st.lists(st.sampled_from([*PLACES, "all"]), min_size=1, max_size=3, unique=True).map(",".join)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["wednesday", "Krupskaya", "LCW", "op. cit", "e", "falsification", "Trotsky’s"]),
    PLACE_SETS,
    st.booleans(),
    st.booleans(),
)
def test_both_stores_find_alike_wherever_they_look(
    tmp_path_factory: pytest.TempPathFactory, pattern: str, places: str, word: bool, case: bool
) -> None:
    path = tmp_path_factory.mktemp("in") / "bundled.json"
    path.write_text(json.dumps(bundled_document()), encoding="utf-8")
    assert door.build_index(path)
    index, memory = door.open_edition(path), door.open_edition(path, use_index=False)
    assert isinstance(index, IndexEdition)
    search = door.new_search(pattern, word=word, case_sensitive=case, places=places)
    assert isinstance(search, Search)
    assert index.search(search, context=1) == memory.search(search, context=1)
    counted = [(c.letter.number, c.matches) for c in index.count(search)]
    assert counted == [(c.letter.number, c.matches) for c in memory.count(search)]
