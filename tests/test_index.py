"""The index (leninletters index): the same answers as the JSON store, never stale, safe to build twice at
once, rebuilt when broken; and the command that builds it. Every test keeps its cache in a temporary
folder (XDG_CACHE_HOME), never the user's."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from leninletters.core import predicates as p
from leninletters.core.predicates.correspondence import Place, Sender, Undated
from leninletters.core.querylang import parse
from leninletters.core.search import PLACES, Search
from leninletters.store import corpus
from leninletters.store import edition as door
from leninletters.store.answers import Counted
from leninletters.store.index import IndexEdition
from leninletters.store.indexfile import encode_letter

from .conftest import FIXTURES, MINI, TREES, run

SHAPE = FIXTURES / "imported-shape.json"

BIN = Path(sys.executable).parent
# The benchmark's synthetic corpora (bench/corpora.py), a folder of scripts rather than a package.
sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from corpora import synthetic_letters  # noqa: E402


@pytest.fixture(autouse=True)
def cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def write(path: Path, letters: list[dict[str, Any]], **rest: Any) -> Path:
    path.write_text(json.dumps({"letters": letters, **rest}, ensure_ascii=False), encoding="utf-8")
    return path


def bundled_document(mentions: bool = True) -> dict[str, Any]:
    """The bundled edition as a corpus file's document; without its mentions, a corpus whose mentions the
    stores derive from its people."""
    loaded = corpus.load()
    document = {
        "letters": [json.loads(encode_letter(letter)) for letter in loaded.letters],
        "people": json.loads(msgspec.json.encode(loaded.people)),
        "edition": loaded.metadata,
        "references": json.loads(msgspec.json.encode(loaded.references)),
        "links": json.loads(msgspec.json.encode(loaded.links)),
    }
    for letter in document["letters"] if not mentions else ():
        letter.pop("mentions", None)
        letter.pop("people", None)
    return document


class Pair:
    """One corpus file answered by both stores."""

    def __init__(self, path: Path) -> None:
        assert door.build_index(path)
        indexed = door.open_edition(path)
        assert isinstance(indexed, IndexEdition)
        self.index = indexed
        self.memory = door.open_edition(path, use_index=False)
        assert not isinstance(self.memory, IndexEdition)


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Pair]]:
    folder = tmp_path_factory.mktemp("corpora")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("module-cache"))
    bundled = folder / "bundled.json"
    bundled.write_text(json.dumps(bundled_document()), encoding="utf-8")
    derived = folder / "derived.json"
    derived.write_text(json.dumps(bundled_document(mentions=False)), encoding="utf-8")
    synthetic = write(folder / "synthetic.json", synthetic_letters(120, seed=7))
    mini = folder / "mini.json"
    mini.write_bytes(MINI.read_bytes())
    # An imported edition's shape: datings of a month, a range, a bound; an undated letter; senders, places.
    shape = folder / "imported-shape.json"
    shape.write_bytes(SHAPE.read_bytes())
    yield [Pair(path) for path in (bundled, derived, synthetic, mini, shape)]
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


QUERIES = st.one_of(
    TREES,
    st.builds(p.Person, st.sampled_from(["trotsky", "Trotzki", "Сталин", "krupskaya", "stomonyakov"])),
    st.builds(p.Section, st.sampled_from(["gosplan", "letter-to-the-congress", "nationalities"])),
    st.builds(p.Slug, st.sampled_from(["to-trotsky-1922-12-13", "TO-STALIN-1922-12-15", "letter-7"])),
    st.builds(
        p.Beyond,
        st.sampled_from(sorted(p.BEYOND_TEXT)),
        st.sampled_from(["wednesday", "falsification", "krupskaya", "lcw", "op. cit", "e", "Synthetic"]),
    ),
    st.builds(
        p.Phrase, st.text(alphabet="aeinorst ’'.Éé", min_size=1, max_size=4) | st.sampled_from(["Trotsky"])
    ),
    # The terms of an imported edition's shape, and date ranges about its datings.
    st.builds(Sender, st.sampled_from(["schnitzler", "Schnitzler, Arthur", "lenin", "bahr"])),
    st.builds(Place, st.sampled_from(["wien", "Berlin", "altaussee", "moscow"])),
    st.just(Undated()),
    st.builds(
        lambda low, high: p.DateRange(*sorted((low, high))),
        st.dates(dt.date(1890, 1, 1), dt.date(1912, 12, 31)),
        st.dates(dt.date(1890, 1, 1), dt.date(1912, 12, 31)),
    ),
    st.builds(p.DateRange, st.just(None), st.dates(dt.date(1890, 1, 1), dt.date(1912, 12, 31)))
    | st.builds(p.DateRange, st.dates(dt.date(1890, 1, 1), dt.date(1923, 12, 31)), st.just(None)),
    # Words as a query writes them: bare (by stem, or a prefix) and quoted (whole).
    st.builds(
        p.word_term,
        st.text(alphabet="aeinorst ’'.Éé*", min_size=1, max_size=5)
        | st.sampled_from(["rude", "rudeness", "Stalin's", "L.F.", "letters", "rud*", "Trotsky’s"]),
    ),
    st.builds(p.Exact, st.text(alphabet="aeinorst ’'.Éé", min_size=1, max_size=4) | st.just("too rude")),
)
SEARCHES = st.builds(
    Search,
    st.sampled_from(["trotsky", "the", "e", "rude", "Stalin’s", "STRASSE", "’", "a.", "É"])
    | st.text(alphabet="aeiorstnT ’'", min_size=1, max_size=5),
    st.just(False),
    st.booleans(),
    st.booleans(),
    st.sampled_from([("text",), PLACES, ("notes", "sources")]),  # grep --in
) | st.builds(
    Search,
    st.sampled_from([r"tro\w+", r"[A-Z]\.", r"\bthe\b"]),
    st.just(True),
    places=st.sampled_from([("text",), PLACES]),
)


def headings(counted: list[Counted]) -> list[tuple[int, str, str, str, int]]:
    """What grep --count answers of each letter (an index reads no more): its heading, and the count."""
    return [
        (c.letter.number, c.letter.slug, c.letter.title, c.letter.date.isoformat(), c.matches)
        for c in counted
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES, SEARCHES, st.integers(0, 4))
@example(parse("to:trotsky date:1922-12..1922-12-31"), Search("trotsky"), 0)
@example(parse("scribe:L.F. or person:stalin"), Search("the", word=True), 1)
@example(parse("date:1909-07-25 or date:none"), Search("strasse"), 4)
@example(parse("from:schnitzler -place:wien"), Search("Schonberg"), 4)
def test_both_stores_answer_every_query_and_search_alike(
    pairs: list[Pair], predicate: p.Predicate, search: Search, which: int
) -> None:
    pair = pairs[which]
    assert pair.index.select(predicate) == pair.memory.select(predicate), predicate.explain()
    assert headings(pair.index.count(search, predicate)) == headings(pair.memory.count(search, predicate))
    # Every match, its offsets and paragraph, its part and snippets.
    assert pair.index.search(search, predicate, 1) == pair.memory.search(search, predicate, 1)
    text_only = lambda mention: mention.kind == "text"  # noqa: E731
    assert pair.index.mentions(text_only, predicate) == pair.memory.mentions(text_only, predicate)
    assert pair.index.choose([], predicate) == pair.memory.choose([], predicate)


WORDS = st.sampled_from(["abc", "’Éé", "crude", "rude.", "Straße", "cab", "A.B.", "ÉCU"])
PARAGRAPHS = st.lists(st.lists(WORDS, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=3).map(
    "\n\n".join
)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(PARAGRAPHS, st.sampled_from(["Ann B.", "Bob"])),
        min_size=1,
        max_size=6,
    ),
    st.text(alphabet="abc ’Éé", min_size=1, max_size=3),
)
def test_any_small_corpus_is_answered_alike(
    tmp_path_factory: pytest.TempPathFactory, texts: list[tuple[str, str]], pattern: str
) -> None:
    letters = synthetic_letters(len(texts), seed=11)
    for letter, (text, recipient) in zip(letters, texts, strict=True):
        letter["text"] = text
        letter["recipients"] = [recipient]
    pair = Pair(write(tmp_path_factory.mktemp("small") / "c.json", letters))
    for predicate in (p.Phrase(pattern), p.Recipient("b."), p.Not(p.Phrase(pattern)), p.EVERYTHING):
        assert pair.index.select(predicate) == pair.memory.select(predicate)
    search = Search(pattern)
    assert pair.index.search(search) == pair.memory.search(search)
    assert headings(pair.index.count(search)) == headings(pair.memory.count(search))


def test_the_rest_of_the_door_answers_alike(pairs: list[Pair]) -> None:
    for pair in pairs:
        index, memory = pair.index, pair.memory
        assert len(index) == len(memory)
        assert index.dated_slugs() == memory.dated_slugs()
        assert (index.people, index.metadata) == (tuple(memory.people), memory.metadata)
        assert (index.references, index.links) == (tuple(memory.references), tuple(memory.links))
        assert index.span() == memory.span()
        assert index.timeline_bins("week") == memory.timeline_bins("week")
        assert index.timeline_marks(p.Recipient("stalin")) == memory.timeline_marks(p.Recipient("stalin"))
        assert index.people_summaries() == memory.people_summaries()
        assert index.suggest("trotsky") == memory.suggest("trotsky")
        # show's related letters and threads: links, heading groups, the previous and next to each addressee.
        for slug, _ in memory.dated_slugs():
            letter = memory.resolve([slug])[0].letter
            assert index.relations().of(letter) == memory.relations().of(letter), slug
        asked = [item.letter for item in memory.resolve(["1", "2"])]
        assert index.relations().thread(asked) == memory.relations().thread(asked)
        slugs = [slug for slug, _ in memory.dated_slugs()]
        for references in (["1"], [slugs[-1]], [slugs[0].upper(), "2"], ["1-3"], ["1922-12-24"]):
            try:
                expected = memory.resolve(references)
            except Exception as error:  # the same refusal, in the same words
                with pytest.raises(type(error), match=re.escape(str(error))):
                    index.resolve(references)
                continue
            assert index.resolve(references) == expected, references
            assert all(index.is_reference(word) == memory.is_reference(word) for word in references)


# Never stale --------------------------------------------------------------------------------------


def small(tmp_path: Path, count: int = 30, seed: int = 3) -> Path:
    return write(tmp_path / "letters.json", synthetic_letters(count, seed=seed))


def test_a_changed_corpus_is_indexed_again_with_one_line(tmp_path: Path) -> None:
    path = small(tmp_path)
    assert run("--corpus", str(path), "index")[0] == 0
    letters = synthetic_letters(30, seed=3)
    letters[0]["text"] = "Zanzibar, said the letter."
    write(path, letters)
    status, stdout, stderr = run("--corpus", str(path), "grep", "zanzibar", "-c")
    assert status == 0 and "Letter 1 to" in stdout and stdout.count("\n") == 2
    assert stderr.count("changed since it was indexed: indexing it again") == 1
    status, _, stderr = run("--corpus", str(path), "grep", "zanzibar", "-c")
    assert status == 0 and "indexing" not in stderr  # fresh now


def test_no_reindex_refuses_a_changed_corpus(tmp_path: Path) -> None:
    path = small(tmp_path)
    assert door.build_index(path)
    write(path, synthetic_letters(31, seed=3))
    status, stdout, stderr = run("--corpus", str(path), "--no-reindex", "list")
    assert status == 2 and stdout == ""
    assert stderr.count("\n") == 1 and "changed since it was indexed" in stderr and "index" in stderr


def test_a_corpus_touched_but_unchanged_is_not_indexed_again(tmp_path: Path) -> None:
    path = small(tmp_path)
    assert door.build_index(path)
    os.utime(path, ns=(1, 1))
    status, _, stderr = run("--corpus", str(path), "list")
    assert status == 0 and "indexing" not in stderr
    assert not door.build_index(path)  # known fresh again: the index holds the new time


def test_no_index_reads_the_json(tmp_path: Path) -> None:
    path = small(tmp_path)
    assert door.build_index(path)
    assert isinstance(door.open_edition(path), IndexEdition)
    assert not isinstance(door.open_edition(path, use_index=False), IndexEdition)
    assert run("--corpus", str(path), "--no-index", "list")[1] == run("--corpus", str(path), "list")[1]


def test_without_an_index_a_corpus_is_read_as_json(tmp_path: Path) -> None:
    assert not isinstance(door.open_edition(small(tmp_path)), IndexEdition)


# Broken indexes, builders at once -------------------------------------------------------------------


@pytest.mark.parametrize("breakage", ["garbage", "other version", "half built"])
def test_a_broken_index_is_rebuilt_with_a_message(tmp_path: Path, breakage: str) -> None:
    path = small(tmp_path)
    assert door.build_index(path)
    index = door.index_location(path)
    if breakage == "garbage":
        index.write_bytes(b"not an index at all" * 100)
    else:
        with sqlite3.connect(index) as connection:
            key, value = ("version", "0.0.0/0") if breakage == "other version" else ("state", "building")
            connection.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
        connection.close()
    status, stdout, stderr = run("--corpus", str(path), "grep", "trotsky", "-c")
    expected = run("--corpus", str(path), "--no-index", "grep", "trotsky", "-c")
    assert (status, stdout) == expected[:2]
    assert stderr.startswith("leninletters: the index") and "indexing it again" in stderr
    assert isinstance(door.open_edition(path), IndexEdition)


def test_a_run_reads_the_json_while_another_rebuilds(tmp_path: Path) -> None:
    from leninletters.store.indexfile import build_lock

    path = small(tmp_path)
    assert door.build_index(path)
    write(path, synthetic_letters(31, seed=3))
    with build_lock(door.index_location(path), wait=True):
        status, stdout, stderr = run("--corpus", str(path), "list", "--json")
    assert status == 0 and len(json.loads(stdout)) == 31
    assert "another leninletters is indexing it" in stderr


def test_two_processes_building_at_once_leave_one_whole_index(tmp_path: Path) -> None:
    path = small(tmp_path, count=400)
    environment = {**os.environ, "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]}
    command = [str(BIN / "leninletters"), "--corpus", str(path), "index", "--force"]
    builders = [subprocess.Popen(command, env=environment, stderr=subprocess.PIPE) for _ in range(2)]
    assert [builder.wait(timeout=120) for builder in builders] == [0, 0]
    left = sorted(name.suffix for name in door.index_location(path).parent.iterdir())
    assert left == [".lock", ".sqlite"]  # no temporary file left behind
    index = door.open_edition(path)
    assert isinstance(index, IndexEdition) and len(index) == 400


# The command --------------------------------------------------------------------------------------


def test_index_says_where_and_then_that_it_is_up_to_date(tmp_path: Path) -> None:
    path = small(tmp_path)
    status, stdout, stderr = run("--corpus", str(path), "index")
    assert status == 0 and stdout.startswith(f"indexed {path} in ") and stderr == ""
    assert str(door.index_location(path)) in stdout
    assert door.index_location(path).parent == Path(os.environ["XDG_CACHE_HOME"]) / "leninletters"
    status, stdout, _ = run("--corpus", str(path), "index")
    assert status == 0 and "is up to date" in stdout


def test_index_of_the_bundled_edition_is_refused() -> None:
    status, stdout, stderr = run("index")
    assert status == 2 and stdout == "" and "needs no index" in stderr and stderr.count("\n") == 1


def test_index_of_a_bad_corpus_fails_as_reading_it_does(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"letters": [{"number": 1}]}', encoding="utf-8")
    status, stdout, stderr = run("--corpus", str(path), "index")
    assert (status, stdout) == (2, "")
    assert stderr.strip() == run("--corpus", str(path), "list")[2].strip()
    assert not door.index_location(path).exists()
    assert not list(door.index_location(path).parent.glob("*.building"))


@pytest.mark.parametrize("name", ["missing.json", "folder"])
def test_index_of_a_corpus_that_is_not_there_fails_as_reading_it_does(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    path = tmp_path / name
    status, stdout, stderr = run("--corpus", str(path), "index")
    assert (status, stdout) == (2, "")
    assert stderr == run("--corpus", str(path), "list")[2]
    assert "internal error" not in stderr and stderr.count("\n") == 1


def test_the_installed_script_answers_from_the_index_as_from_the_json(tmp_path: Path) -> None:
    path = small(tmp_path, count=200)
    environment = {**os.environ, "LENINLETTERS_CORPUS": str(path)}

    def script(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(BIN / "leninletters"), *args]
        return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)

    assert script("index").returncode == 0
    for args in (["grep", "trotsky", "-c"], ["list", "to:trotsky date:1919..1920"], ["show", "letter-17"]):
        indexed, plain = script(*args), script("--no-index", *args)
        assert (indexed.returncode, indexed.stdout) == (plain.returncode, plain.stdout), args
        assert indexed.stdout


@pytest.mark.parametrize(
    ("query", "numbers"),
    [("note:wednesday", [20]), ("source:falsification", [2]), ("apparatus:krupskaya", [7])],
)
def test_notes_sources_and_apparatus_are_searched_by_field(query: str, numbers: list[int]) -> None:
    # The words grep cannot find, being outside the letters' text: note 13, a source's note, a hand.
    status, stdout, stderr = run("list", query, "--json")
    assert status == 0, stderr
    assert [letter["number"] for letter in json.loads(stdout)] == numbers
