"""Big answers stream: list, grep and export write each letter as the store finds it, --limit N stops the
question after N letters, and a word that finds nothing is answered without reading every slug."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leninletters.core.model import Corpus, Letter
from leninletters.core.predicates import Predicate
from leninletters.core.search import Search
from leninletters.store import edition as door
from leninletters.store.answers import looks_like_slug, suggestions
from leninletters.store.index import IndexEdition
from leninletters.ui.output import Output
from leninletters.ui.views import BLOCK_ROWS, LetterList, Matches

from .conftest import TREES, run
from .test_index import bundled_document, write

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from corpora import synthetic_letters

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[door.Edition]]:
    """The bundled edition and a synthetic corpus, each answered from memory and from its index."""
    folder = tmp_path_factory.mktemp("corpora")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    bundled = folder / "bundled.json"
    bundled.write_text(json.dumps(bundled_document()), encoding="utf-8")
    synthetic = write(folder / "synthetic.json", synthetic_letters(120, seed=11))
    found: list[door.Edition] = []
    for path in (bundled, synthetic):
        assert door.build_index(path)
        indexed = door.open_edition(path)
        assert isinstance(indexed, IndexEdition)
        found += [indexed, door.open_edition(path, use_index=False)]
    yield found
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


SEARCHES = st.builds(
    Search,
    st.sampled_from(["trotsky", "the", "e", "rude", "Stalin’s", "a."]),
    st.just(False),
    st.booleans(),
    st.booleans(),
    st.just(("text",)),
)
SOME = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SOME
@given(TREES, st.integers(0, 3))
def test_streamed_json_is_the_whole_answer_as_one_valid_array(
    stores: list[door.Edition], query: Predicate, which: int
) -> None:
    store = stores[which]
    streamed = "".join(LetterList(store.iter_select(query)).json())
    whole = "".join(LetterList(list(store.select(query))).json())
    assert streamed == whole
    assert [letter["number"] for letter in json.loads(streamed)] == [
        letter.number for letter in store.select(query)
    ]


@SOME
@given(TREES, SEARCHES, st.integers(0, 3))
def test_streamed_matches_are_the_whole_search(
    stores: list[door.Edition], query: Predicate, search: Search, which: int
) -> None:
    store = stores[which]
    streamed = "".join(Matches(store.iter_search(search, query)).json())
    assert streamed == "".join(Matches(store.search(search, query)).json())
    json.loads(streamed)


@SOME
@given(TREES, SEARCHES, st.integers(1, 30), st.integers(0, 3))
def test_a_limit_gives_the_first_n_of_the_whole_answer(
    stores: list[door.Edition], query: Predicate, search: Search, limit: int, which: int
) -> None:
    store = stores[which]
    assert list(store.iter_select(query, limit)) == store.select(query)[:limit]
    assert list(store.iter_choose([], query, limit)) == store.choose([], query)[:limit]
    whole = store.search(search, query)
    first = list(dict.fromkeys(found.letter.number for found in whole))[:limit]
    limited = list(store.iter_search(search, query, 0, limit))
    assert limited == [found for found in whole if found.letter.number in first]


def test_the_first_rows_leave_before_the_last_letter_is_found(edition: Corpus) -> None:
    letters = list(edition.letters) * (2 * BLOCK_ROWS // len(edition.letters) + 1)
    stdout = io.StringIO()
    seen_when_written: list[int] = []
    pulled = 0

    def slowly() -> Iterator[Letter]:
        nonlocal pulled
        for letter in letters:
            pulled += 1
            yield letter

    class Watched(io.StringIO):
        def write(self, text: str) -> int:
            seen_when_written.append(pulled)
            return stdout.write(text)

    Output(stdout=Watched()).emit(LetterList(slowly()))
    assert seen_when_written[0] <= BLOCK_ROWS < len(letters)
    lines = stdout.getvalue().splitlines()
    assert len(lines) == len(letters) + 1 and lines[0].startswith("No.")
    # A later block is aligned as the first was: its dates start in the same column.
    dated = [re.search(r"Date|\d{4}-\d\d", line) for line in lines]
    assert len({found.start() for found in dated if found is not None}) == 1


def test_the_plain_list_of_the_bundled_edition_is_one_aligned_table() -> None:
    status, listed, _ = run("list")
    lines = listed.splitlines()
    assert status == 0 and len(lines) == 23
    starts = {re.search(r"Date|\d{4}-\d\d", line).start() for line in lines}  # type: ignore[union-attr]
    assert len(starts) == 1


def test_list_limit_prints_the_first_n_letters_and_counts_them() -> None:
    status, listed, said = run("list", "--limit", "3")
    assert status == 0
    assert [line.split()[0] for line in listed.splitlines()[1:]] == ["1", "2", "3"]
    assert "3 letters" in said
    status, listed, _ = run("list", "to:trotsky", "--limit", "2", "--json")
    assert json.loads(listed) == json.loads(run("list", "to:trotsky", "--json")[1])[:2]


def test_grep_limit_counts_letters_not_matches() -> None:
    status, found, _ = run("grep", "stalin", "--limit", "2", "--json")
    assert status == 0
    whole = json.loads(run("grep", "stalin", "--json")[1])
    assert json.loads(found) == whole[:2]
    status, counted, said = run("grep", "stalin", "--count", "--limit", "1")
    assert status == 0 and len(counted.splitlines()) == 2 and "in 1 letter" in said


def test_export_limit_writes_the_first_n_letters() -> None:
    status, exported, _ = run("export", "--limit", "2", "-f", "md")
    assert status == 0
    assert [line for line in exported.splitlines() if line.startswith("## ")] == [
        "## 1. To Leon Trotsky",
        "## 2. To M.I. Frumkin and B.S. Stomonyakov",
    ]
    status, exported, _ = run("export", "date:1923..", "--limit", "1", "-f", "json")
    assert status == 0 and len(json.loads(exported)["letters"]) == 1


@pytest.mark.parametrize("command", [["list"], ["grep", "stalin"], ["export"]])
def test_a_limit_below_one_is_refused_with_status_2(command: list[str]) -> None:
    status, out, said = run(*command, "--limit", "0")
    assert status == 2 and out == ""
    assert "--limit" in said and "Traceback" not in said


def test_a_word_is_compared_with_the_slugs_only_when_shaped_as_one() -> None:
    asked: list[str] = []

    def slugs() -> list[str]:
        asked.append("slugs")
        return ["to-trotsky-1922-12-13"]

    assert suggestions("trotzkyy", (), lambda: [], slugs) == []
    assert asked == []
    assert suggestions("to-trotsky-1922-12-31", (), lambda: [], slugs) == ["to-trotsky-1922-12-13"]


@given(st.text(alphabet=st.characters(blacklist_characters="-"), max_size=20))
def test_a_word_without_a_hyphen_never_looks_like_a_slug(word: str) -> None:
    assert not looks_like_slug(word)


def test_a_misspelt_slug_is_still_suggested() -> None:
    status, _, said = run("grep", "enlargement-of-the-cx")
    assert status == 1 and '"enlargement-of-the-cc"' in said


def test_the_installed_script_prints_the_first_row_before_the_list_is_done(tmp_path: Path) -> None:
    letters = synthetic_letters(20_000, seed=5)
    big = write(tmp_path / "big.json", letters)
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    process = subprocess.Popen(
        [str(BIN / "leninletters"), "--corpus", str(big), "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == b"[\n"
    first = json.loads(process.stdout.readline().rstrip(b",\n"))
    assert first["slug"] == f"letter-{first['number']}"
    # 20,000 letters are some 40 MB: the process is still writing them when the first is read.
    assert process.poll() is None
    process.stdout.close()
    assert process.wait(timeout=120) == 141
    assert process.stderr.read() == b""
