"""Words as scholars search them, the same from the JSON and the index: a bare word by its stem (`rude` finds
"rude" and "rudeness", not "crudity"), "quoted" words whole, `rud*` by a word's start, text: and grep as
substrings; and the stemmer costs nothing to a command that stems nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leninletters.core import predicates as p
from leninletters.core.querylang import parse
from leninletters.core.stemming import stems, words
from leninletters.store import edition as door
from leninletters.store.index import IndexEdition

from .conftest import run

BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from corpora import synthetic_letters  # noqa: E402


@pytest.fixture(autouse=True)
def cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def listed(*query: str) -> list[int]:
    status, stdout, stderr = run("list", *query, "--json")
    assert status in (0, 1) and (stderr == "" or status == 1), stderr
    return [letter["number"] for letter in json.loads(stdout)] if stdout else []


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("rude", [9, 21, 22]),  # "too rude" in 9 and 21, "rudeness" in 22; not 18's "crudity"
        ("rudeness", [9, 21, 22]),  # the same stem, asked the other way round
        ('"rude"', [9, 21]),  # the very word
        ('"rudeness"', [22]),
        ("rud*", [9, 21, 22]),  # words that start so: rude, rudeness; not crudity
        ("text:rude", [9, 18, 21, 22]),  # grep's meaning: inside words too
        ("monopolies", [1, 2, 3, 4, 6]),  # the plural finds the singular
        ("crude", []),
    ],
)
def test_a_bare_word_finds_its_stem_a_quoted_word_itself(query: str, numbers: list[int]) -> None:
    assert listed(query) == numbers


def test_grep_keeps_finding_substrings_and_whole_words_with_w() -> None:
    status, stdout, _ = run("grep", "rude", "--count", "--json")
    assert status == 0 and 18 in [row["number"] for row in json.loads(stdout)]  # crudity
    status, stdout, _ = run("grep", "rude", "-w", "--count", "--json")
    assert status == 0 and [row["number"] for row in json.loads(stdout)] == [9, 21]


def test_explain_says_how_each_word_is_read_and_reads_back() -> None:
    status, stdout, _ = run("list", "--explain", 'rudeness "too rude" rud* text:crud')
    assert status == 0
    assert stdout.splitlines()[0] == 'query: rudeness and "too rude" and rud* and text:crud'
    assert "stem 'rude'" in stdout and "whole" in stdout and "starts with 'rud'" in stdout
    assert "inside words too" in stdout
    for query in ('word:"9:11"', 'word:"a b*"', "word:rud*", 'text:"x y"', '"a\\"b"'):
        predicate = parse(query)
        assert parse(predicate.explain()) == predicate, query


def test_a_word_of_punctuation_alone_is_looked_for_as_it_is() -> None:
    assert parse("’") == p.Phrase("’")
    assert parse("word:…") == p.Phrase("…")


def test_the_stemmer_reads_folded_words_apostrophes_kept() -> None:
    assert words("Stalin’s RUDENESS, don't") == ["stalin's", "rudeness", "don't"]
    assert stems("Stalin’s rudeness") == ["stalin", "rude"]


@pytest.mark.parametrize("command", [["list", "--json"], ["grep", "rude", "-c"], ["list", "text:rude"]])
def test_a_command_that_stems_no_word_does_not_import_the_stemmer(command: list[str]) -> None:
    found = subprocess.run(
        [sys.executable, "-X", "importtime", str(BIN / "leninletters"), *command],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
    )
    assert found.returncode == 0 and found.stdout
    assert " Stemmer" not in found.stderr
    stemmed = subprocess.run(
        [sys.executable, "-X", "importtime", str(BIN / "leninletters"), "list", "rude"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert " Stemmer" in stemmed.stderr  # the check can fail: a bare word does import it


VOCABULARY = ["rude", "rudeness", "crudity", "Rude’s", "don't", "Straße", "strasse", "letters", "lettered"]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=6).map(" ".join), min_size=1, max_size=6
    ),
    st.sampled_from(["rude", "letter", "strasse", "Straße", "don’t", "rud*", "stra*", '"rude"', "rude’s"]),
)
def test_words_are_answered_alike_by_the_index_and_the_json(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], query: str
) -> None:
    letters = synthetic_letters(len(texts), seed=5)
    for letter, text in zip(letters, texts, strict=True):
        letter["text"] = text
    path = tmp_path_factory.mktemp("words") / "c.json"
    path.write_text(json.dumps({"letters": letters}, ensure_ascii=False), encoding="utf-8")
    assert door.build_index(path)
    index, memory = door.open_edition(path), door.open_edition(path, use_index=False)
    assert isinstance(index, IndexEdition)
    for predicate in (parse(query), p.Not(parse(query))):
        assert index.select(predicate) == memory.select(predicate), query


def test_an_index_finds_words_by_stem_on_the_command_line(tmp_path: Path) -> None:
    letters = synthetic_letters(3, seed=2)
    for letter, text in zip(letters, ["Their rudeness.", "A crudity.", "So rude!"], strict=True):
        letter["text"] = text
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"letters": letters}), encoding="utf-8")
    assert run("--corpus", str(path), "index")[0] == 0
    indexed = run("--corpus", str(path), "list", "rude", "--json")
    plain = run("--corpus", str(path), "--no-index", "list", "rude", "--json")
    assert indexed == plain
    assert sorted(letter["text"] for letter in json.loads(indexed[1])) == ["So rude!", "Their rudeness."]


@given(st.text(alphabet=st.sampled_from("ab1'’_ -.,É\u00e9Zß\u0301\n"), max_size=30) | st.text(max_size=30))
def test_the_fast_reading_of_words_is_the_rule_for_every_text(text: str) -> None:
    """Letters and digits, an apostrophe inside a word kept: split() on ASCII text finds what the pattern
    finds, whatever the text."""
    import re

    from leninletters.core.folding import fold
    from leninletters.core.stemming import WORD

    assert words(text) == re.findall(WORD, fold(text))
