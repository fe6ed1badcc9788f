"""Curated dossiers: named groups of letters with a reason and its authority (the Georgian affair, the
foreign-trade monopoly, the Letter to the Congress), built from curation.toml, checked in any corpus,
asked for with dossier:NAME in both stores, named by show, carried by export, offered by Tab."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leninletters.build import BuildError
from leninletters.build.letters import build, read_inputs
from leninletters.cli import completion
from leninletters.core import predicates as p
from leninletters.core.model import Corpus
from leninletters.store import corpus
from leninletters.store import edition as door
from leninletters.store.index import IndexEdition

from .conftest import LEAVES, draw, run

GEORGIAN = [16, 17, 18, 20, 22]
MONOPOLY = [1, 2, 3, 4, 5, 6, 7]
CONGRESS = [8, 9, 10, 15]


@pytest.fixture(autouse=True)
def cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # An index built by a test goes into a temporary cache, never the user's.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


def listed(stdout: str) -> list[int]:
    """The letter numbers of `list`'s table, in order."""
    return [int(line.split()[0]) for line in stdout.splitlines()[1:] if line.split()[:1] != ["No."]]


def exported(tmp_path: Path, *words: str) -> dict[str, Any]:
    target = tmp_path / "export.json"
    code, _, stderr = run("export", "--format", "json", *words, "-o", str(target), "--force")
    assert code == 0, stderr
    document: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return document


def written(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# The bundled edition's dossiers ---------------------------------------------------------------------


def test_the_edition_has_its_three_dossiers_with_reason_authority_and_certainty(edition: Corpus) -> None:
    by_id = {dossier.id: dossier for dossier in edition.dossiers}
    assert list(by_id) == ["foreign-trade-monopoly", "letter-to-the-congress", "georgian-affair"]
    numbers = {letter.slug: letter.number for letter in edition.letters}
    assert [numbers[slug] for slug in by_id["georgian-affair"].letters] == GEORGIAN
    assert [numbers[slug] for slug in by_id["foreign-trade-monopoly"].letters] == MONOPOLY
    assert [numbers[slug] for slug in by_id["letter-to-the-congress"].letters] == CONGRESS
    references = {reference.id for reference in edition.references}
    for dossier in edition.dossiers:
        assert dossier.reason and dossier.note
        assert dossier.certainty in ("high", "medium")
        # Every piece of the authority begins with a reference the corpus lists (the apparatus's rule).
        assert all(
            piece.strip().split()[0].rstrip(",") in references for piece in dossier.authority.split(";")
        )
    # Where no reference links the December notes to the March letters, the dossier says it is a reading.
    assert by_id["georgian-affair"].certainty == "medium"


def test_the_bundled_letters_json_is_what_the_build_makes() -> None:
    from leninletters.build.letters import render

    bundled = Path(corpus.__file__).parent.parent / "data" / "letters.json"
    assert bundled.read_text(encoding="utf-8") == render(build(*read_inputs()))


def _curation_with(change: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    source, curation = read_inputs()
    changed = copy.deepcopy(curation)
    changed["dossiers"][0].update(change)
    return source, changed


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"letters": ["testament", "no-such-letter"]},
            "curation.toml: dossier 1 (foreign-trade-monopoly): no letter has the slug 'no-such-letter'",
        ),
        (
            {"authority": "print; somebody's memory"},
            'curation.toml: dossier 1 (foreign-trade-monopoly): authority "somebody\'s memory" names no '
            "reference",
        ),
        ({"id": "georgian-affair"}, "curation.toml: the dossier id 'georgian-affair' is used twice"),
    ],
)
def test_the_build_refuses_a_dossier_it_cannot_stand_behind(change: dict[str, Any], message: str) -> None:
    with pytest.raises(BuildError) as refused:
        build(*_curation_with(change))
    assert str(refused.value) == message


def test_the_build_refuses_a_dossier_without_a_certainty() -> None:
    source, curation = read_inputs()
    del curation["dossiers"][0]["certainty"]
    with pytest.raises(BuildError, match=r"dossier 1 \(foreign-trade-monopoly\).*certainty"):
        build(source, curation)


def test_each_dossier_lists_its_letters_in_book_order_and_the_dossiers_go_by_their_first(
    edition: Corpus,
) -> None:
    numbers = {letter.slug: letter.number for letter in edition.letters}
    firsts = [[numbers[slug] for slug in dossier.letters] for dossier in edition.dossiers]
    assert all(members == sorted(members) for members in firsts)
    assert [members[0] for members in firsts] == sorted(members[0] for members in firsts)


# dossier:NAME ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dossier:georgian-affair", GEORGIAN),
        ("dossier:Georgian-Affair", GEORGIAN),
        ("dossier:foreign-trade-monopoly", MONOPOLY),
        ("dossier:letter-to-the-congress", CONGRESS),
        ("dossier:georgian-affair to:trotsky", [20, 22]),  # 22 is copied to Trotsky
        ("dossier:letter-to-the-congress or dossier:georgian-affair", [8, 9, 10, 15, *GEORGIAN]),
        (
            "date:1922-12 -dossier:foreign-trade-monopoly -dossier:letter-to-the-congress",
            [11, 12, 13, 14, 16, 17, 18],
        ),
    ],
)
def test_list_selects_a_dossiers_letters(query: str, expected: list[int]) -> None:
    code, stdout, stderr = run("list", "--", *query.split())
    assert code == 0
    assert listed(stdout) == expected
    assert stderr == f"leninletters: {len(expected)} letter{'s' if len(expected) > 1 else ''}\n"


def test_an_unknown_dossier_is_one_line_naming_the_dossiers_there_are() -> None:
    code, stdout, stderr = run("list", "dossier:georgia")
    assert (code, stdout) == (2, "")
    assert stderr == (
        "leninletters: error: dossier:georgia names no dossier: the dossiers are foreign-trade-monopoly, "
        "letter-to-the-congress, georgian-affair\n"
    )


@pytest.mark.parametrize("command", [["grep", "Stalin"], ["timeline"], ["export"], ["list", "--json"]])
def test_every_command_that_takes_a_query_refuses_an_unknown_dossier_alike(command: list[str]) -> None:
    code, stdout, stderr = run(*command, "dossier:nope")
    assert (code, stdout) == (2, "")
    assert stderr.startswith("leninletters: error: dossier:nope names no dossier: the dossiers are ")
    assert stderr.count("\n") == 1


def test_a_dossier_term_with_no_name_says_what_it_needs() -> None:
    code, stdout, stderr = run("list", "dossier:")
    assert (code, stdout) == (2, "")
    assert "dossier: needs a value, for example dossier:georgian-affair" in stderr


def test_explain_says_what_a_dossier_term_means() -> None:
    code, stdout, _ = run("list", "--explain", "dossier:Georgian-Affair -to:trotsky")
    assert code == 0
    assert stdout == (
        "query: dossier:georgian-affair and not to:trotsky\n"
        "all of:\n"
        "  dossier:georgian-affair  (one of the letters of the edition's dossier 'georgian-affair')\n"
        "  not:\n"
        "    to:trotsky  (sent or copied to a name with the words 'trotsky')\n"
    )


def test_grep_and_timeline_keep_to_the_dossier() -> None:
    code, stdout, _ = run("grep", "Ordzhonikidze", "dossier:georgian-affair", "--count")
    assert code == 0
    assert [line.split()[0] for line in stdout.splitlines()[1:]] == ["16", "18", "22"]
    code, stdout, _ = run("timeline", "dossier:foreign-trade-monopoly", "--json")
    assert code == 0
    assert {mark["number"] for mark in json.loads(stdout)} == set(MONOPOLY)


def test_a_corpus_without_dossiers_says_it_has_none(tmp_path: Path) -> None:
    document = exported(tmp_path, "1-3")
    del document["dossiers"]
    path = written(tmp_path / "plain.json", document)
    code, stdout, stderr = run("--corpus", str(path), "list", "dossier:georgian-affair")
    assert (code, stdout) == (2, "")
    assert stderr == (
        "leninletters: error: dossier:georgian-affair: this corpus has no dossiers "
        "(see docs/corpus.md, 'Dossiers')\n"
    )


# The index answers as the JSON store does -----------------------------------------------------------


def test_the_index_answers_dossier_terms_as_the_json_store_does(tmp_path: Path) -> None:
    path = written(tmp_path / "all.json", exported(tmp_path))
    assert door.build_index(path)
    indexed = door.open_edition(path)
    assert isinstance(indexed, IndexEdition)
    memory = door.open_edition(path, use_index=False)
    assert [dossier.id for dossier in indexed.dossiers] == [dossier.id for dossier in memory.dossiers]
    from leninletters.core.querylang import parse

    for query in (
        "dossier:georgian-affair",
        "not dossier:letter-to-the-congress",
        "dossier:foreign-trade-monopoly or person:krupskaya",
    ):
        predicate = parse(query)
        assert [letter.number for letter in indexed.select(predicate)] == [
            letter.number for letter in memory.select(predicate)
        ]
    assert [
        item.letter.number for item in indexed.choose(["1-10"], parse("dossier:letter-to-the-congress"))
    ] == [
        8,
        9,
        10,
    ]
    code, stdout, _ = run("--corpus", str(path), "list", "dossier:georgian-affair")
    assert (code, listed(stdout)) == (0, GEORGIAN)


# show, export, completion ---------------------------------------------------------------------------


def test_show_names_the_dossiers_a_letter_is_in_with_their_reasons() -> None:
    code, stdout, stderr = run("show", "20")
    assert (code, stderr) == (0, "")
    block = stdout.split("In the edition's dossiers (groups of letters, with their reasons):\n")[1]
    assert block.startswith(
        "  The Georgian affair (5 letters: leninletters list dossier:georgian-affair)\n"
        "     Lenin's notes on the nationalities question blame Stalin, Dzerzhinsky and Ordzhonikidze"
    )
    assert "Authority: print (Georgia or the Georgian case named in letter 16" in block
    assert "Certainty: medium." in block
    # A letter in no dossier has no such block.
    assert "In the edition's dossiers" not in run("show", "19")[1]


def test_show_names_every_dossier_of_a_letter_and_json_gives_their_ids(tmp_path: Path) -> None:
    document = exported(tmp_path)
    document["dossiers"].append(
        {
            "id": "to-stalin",
            "title": "Letters to Stalin",
            "reason": "Addressed to him.",
            "letters": ["to-stalin-1922-12-15", "to-stalin-1923-03-05"],
            "authority": "print",
            "certainty": "high",
            "note": None,
        }
    )
    path = written(tmp_path / "more.json", document)
    code, stdout, _ = run("--corpus", str(path), "show", "6", "--json")
    assert code == 0
    assert json.loads(stdout)[0]["dossiers"] == ["foreign-trade-monopoly", "to-stalin"]
    code, stdout, _ = run("--corpus", str(path), "show", "21")
    assert "  Letters to Stalin (2 letters: leninletters list dossier:to-stalin)\n" in stdout


def test_show_on_a_terminal_draws_a_dossiers_words_as_text(tmp_path: Path) -> None:
    from leninletters.ui.render import dossiers_view

    hostile = corpus.load()
    dossier = hostile.dossiers[0]
    import msgspec

    marked = msgspec.structs.replace(
        dossier, title="[bold red]Monopoly[/bold red] [link=file:///etc]x[/link]"
    )
    drawn = draw(dossiers_view([marked]), 100)
    assert "[bold red]Monopoly[/bold red] [link=file:///etc]x[/link]" in drawn


def test_export_json_carries_the_dossiers_among_the_letters_exported(tmp_path: Path) -> None:
    whole = exported(tmp_path)
    assert [dossier["id"] for dossier in whole["dossiers"]] == [
        "foreign-trade-monopoly",
        "letter-to-the-congress",
        "georgian-affair",
    ]
    assert whole["dossiers"][2]["letters"][0] == "nationalities"
    part = exported(tmp_path, "16-20")
    # The Georgian affair keeps its members among letters 16-20; the other two have none there.
    assert [(dossier["id"], dossier["letters"]) for dossier in part["dossiers"]] == [
        (
            "georgian-affair",
            [
                "nationalities",
                "nationalities-1922-12-31a",
                "nationalities-1922-12-31b",
                "to-trotsky-1923-03-05",
            ],
        )
    ]
    # The export is itself a corpus whose dossier: terms work.
    path = written(tmp_path / "part.json", part)
    code, stdout, _ = run("--corpus", str(path), "list", "dossier:georgian-affair")
    assert (code, listed(stdout)) == (0, [16, 17, 18, 20])


def test_tab_offers_the_dossiers_after_dossier_colon(tmp_path: Path) -> None:
    assert completion.query("dossier:") == [
        ("dossier:foreign-trade-monopoly", "The foreign-trade monopoly"),
        ("dossier:letter-to-the-congress", "The Letter to the Congress"),
        ("dossier:georgian-affair", "The Georgian affair"),
    ]
    assert completion.query("dossier:GE") == [("dossier:GEorgian-affair", "The Georgian affair")]
    assert (
        "dossier:",
        "one of the letters of a curated dossier (dossier:georgian-affair)",
    ) in completion.query("dos")
    path = written(tmp_path / "part.json", exported(tmp_path, "20-22"))
    assert completion.query("dossier:", path) == [("dossier:georgian-affair", "The Georgian affair")]


# A corpus's dossiers are checked like its links ----------------------------------------------------


def test_validate_names_each_dossier_that_names_no_letter_or_repeats_an_id(tmp_path: Path) -> None:
    document = exported(tmp_path, "16-22")
    georgian = document["dossiers"][0]
    georgian["letters"].append("no-such-letter")
    document["dossiers"].append({**georgian, "letters": ["testament"]})
    document["dossiers"].append({"id": "Bad Id", "title": "x\x1b[31m", "letters": []})
    path = written(tmp_path / "bad.json", document)
    code, stdout, stderr = run("validate", str(path))
    assert code == 1
    problems = [line.removeprefix(f"{path}: ") for line in stdout.splitlines()]
    assert "dossier at position 1: letters[6]: no letter has the slug 'no-such-letter'" in problems
    assert "dossier at position 2: letters[1]: no letter has the slug 'testament'" in problems
    assert "dossier at position 2: id: 'georgian-affair' is used again (first at position 1)" in problems
    bad = [problem for problem in problems if problem.startswith("dossier at position 3: ")]
    assert {problem.split(": ")[1] for problem in bad} == {
        "id",
        "title",
        "letters",
        "reason",
        "authority",
        "certainty",
    }
    assert stderr == f"leninletters: {path}: {len(problems)} problems\n"
    # Any other command refuses the corpus in one line, pointing to validate.
    code, stdout, stderr = run("--corpus", str(path), "list")
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"leninletters: error: corpus {path}: dossier at position 1: letters[6]: ")
    assert stderr.endswith("run 'leninletters validate')\n") and stderr.count("\n") == 1


def test_dossiers_must_be_an_array(tmp_path: Path) -> None:
    document = exported(tmp_path, "20")
    document["dossiers"] = {"georgian-affair": ["to-trotsky-1923-03-05"]}
    code, stdout, _ = run("validate", str(written(tmp_path / "bad.json", document)))
    assert code == 1
    assert stdout.endswith(": dossiers: expected an array, found an object\n")


SLUGS = [letter.slug for letter in corpus.load().letters]


@settings(max_examples=25, deadline=None)
@given(st.sets(st.integers(1, 22), min_size=1))
def test_any_exported_selection_is_a_corpus_whose_dossiers_are_the_edition_s_among_it(
    chosen: set[int],
) -> None:
    import tempfile

    from leninletters.core.querylang import parse

    with tempfile.TemporaryDirectory() as folder:
        document = exported(Path(folder), *(str(number) for number in sorted(chosen)))
        path = written(Path(folder) / "part.json", document)
        loaded, problems = corpus.check_file(path)
    assert problems == [] and loaded is not None
    slugs = {SLUGS[number - 1] for number in chosen}
    for dossier in corpus.load().dossiers:
        members = [slug for slug in dossier.letters if slug in slugs]
        kept = [found for found in loaded.dossiers if found.id == dossier.id]
        assert [list(found.letters) for found in kept] == ([members] if members else [])
        if members:
            edition = door.MemoryEdition(loaded)
            assert [letter.slug for letter in edition.select(parse(f"dossier:{dossier.id}"))] == members


DOSSIER_TREES = st.recursive(
    st.one_of(
        LEAVES,
        st.builds(
            p.InDossier,
            st.sampled_from(["georgian-affair", "FOREIGN-TRADE-MONOPOLY", "letter-to-the-congress"]),
        ),
    ),
    lambda inner: st.one_of(
        st.builds(p.All, st.lists(inner, max_size=3)),
        st.builds(p.Any, st.lists(inner, min_size=1, max_size=3)),
        st.builds(p.Not, inner),
    ),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def both_stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    folder = tmp_path_factory.mktemp("stores")
    path = written(folder / "all.json", exported(folder))
    cache = tmp_path_factory.mktemp("index-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        assert door.build_index(path)
        indexed = door.open_edition(path)
    assert isinstance(indexed, IndexEdition)
    return indexed, door.open_edition(path, use_index=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(DOSSIER_TREES)
def test_both_stores_answer_dossier_terms_in_any_query_alike(
    both_stores: tuple[Any, Any], predicate: p.Predicate
) -> None:
    indexed, memory = both_stores
    selected = memory.select(predicate)
    assert indexed.select(predicate) == selected, predicate.explain()
    assert indexed.choose([], predicate) == memory.choose([], predicate)
    assert indexed.timeline_marks(predicate) == memory.timeline_marks(predicate)
    # A dossier term holds for exactly the dossier's letters, whatever surrounds it.
    for term in _dossier_terms(predicate):
        members = set(next(d.letters for d in memory.dossiers if d.id == term.name.casefold()))
        assert {letter.slug for letter in memory.select(term)} == members
        assert {letter.slug for letter in memory.select(p.Not(term))}.isdisjoint(members)


def _dossier_terms(predicate: p.Predicate) -> list[p.InDossier]:
    if isinstance(predicate, p.InDossier):
        return [predicate]
    if isinstance(predicate, p.All | p.Any):
        return [term for item in predicate.items for term in _dossier_terms(item)]
    if isinstance(predicate, p.Not):
        return _dossier_terms(predicate.item)
    return []
