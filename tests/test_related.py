"""Related letters: the curated links (symmetric, each with a reason and an authority that resolves),
the print's headings, the previous and next letter to an addressee, show's footer, threads, JSON."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from leninletters.build import BuildError
from leninletters.build import letters as build
from leninletters.build.apparatus import read_apparatus
from leninletters.core.errors import CorpusError
from leninletters.core.model import Corpus
from leninletters.core.related import Relations
from leninletters.store.corpus import load, parse_document

from .conftest import run

KINDS = {"series", "reply", "reference", "same-day", "quarrel", "affair", "heading", "addressee"}


def related_numbers(edition: Corpus, number: int, kind: str | None = None) -> list[int]:
    relations = Relations(edition.letters, edition.links)
    letter = edition.letters[number - 1]
    return [r.other.number for r in relations.of(letter) if kind is None or r.kind == kind]


def test_every_link_shows_on_both_letters_with_its_reason(edition: Corpus) -> None:
    relations = Relations(edition.letters, edition.links)
    by_slug = {letter.slug: letter for letter in edition.letters}
    assert len(edition.links) == 22
    for link in edition.links:
        a, b = by_slug[link.a], by_slug[link.b]
        from_a = [r for r in relations.of(a) if r.other is b and r.kind == link.kind]
        from_b = [r for r in relations.of(b) if r.other is a and r.kind == link.kind]
        assert len(from_a) == len(from_b) == 1, (link.a, link.b)
        assert from_a[0].reason == from_b[0].reason == link.reason


def test_every_relation_has_a_reason_an_authority_that_resolves_and_a_certainty(edition: Corpus) -> None:
    ids = {reference.id for reference in edition.references}
    relations = Relations(edition.letters, edition.links)
    for letter in edition.letters:
        for relation in relations.of(letter):
            assert relation.kind in KINDS
            assert relation.reason.strip()
            assert relation.certainty in ("high", "medium", "low")
            for piece in relation.authority.split(";"):
                assert piece.strip().split()[0].split(",")[0] in ids, relation.authority


def test_the_relations_the_issue_names(edition: Corpus) -> None:
    assert 3 in related_numbers(edition, 1, "reply")  # 13 December answers Trotsky's comments
    assert {5, 6} <= set(related_numbers(edition, 4))  # the letters of 15 December
    assert 21 in related_numbers(edition, 7, "quarrel")  # 21 December and 5 March
    assert 20 in related_numbers(edition, 16, "affair") and 22 in related_numbers(edition, 18, "affair")
    # Gosplan, printed as one: the neighbours under the heading (the series is summarised, issue 21).
    assert related_numbers(edition, 11, "heading") == [12]
    assert related_numbers(edition, 13, "heading") == [12, 14]
    assert related_numbers(edition, 17, "heading") == [16, 18]  # the nationalities notes
    assert 9 in related_numbers(edition, 8, "series")  # the Letter to the Congress


def test_the_previous_and_next_letter_to_an_addressee_is_the_editions_inference(edition: Corpus) -> None:
    relations = Relations(edition.letters, edition.links)
    found = [r for r in relations.of(edition.letters[2]) if r.kind == "addressee"]  # 13 December
    assert [(r.other.number, r.reason.split(" (")[0]) for r in found] == [
        (1, "The previous letter to Leon Trotsky"),
        (4, "The next letter to Leon Trotsky"),
    ]
    assert all(r.authority == "edition" and r.derived and "inference" in r.reason for r in found)
    # Copies do not count: letter 2 was only copied to Trotsky.
    assert 2 not in [r.other.number for r in found]
    # The last letter to Trotsky has no next one; Mdivani's "and others" names nobody.
    assert [r.other.number for r in relations.of(edition.letters[21]) if r.kind == "addressee"] == []


def test_show_ends_each_letter_with_its_related_letters() -> None:
    code, stdout, stderr = run("show", "22")
    assert (code, stderr) == (0, "")
    related = stdout.split("Related letters (this edition's links, with their reasons):\n")[1]
    # The related letters run to the block of the dossiers the letter is in (tests/test_dossiers.py).
    block = related.split("In the edition's dossiers")[0]
    assert block.startswith(
        "  18. The Question of Nationalities or ‘Autonomisation’ (continued) (1922-12-31)\n"
        "     affair: The 31 December note demands exemplary punishment of Ordzhonikidze;"
    )
    assert "  20. To Leon Trotsky (1923-03-05)\n     affair: Lenin asks Trotsky" in block
    assert block.count("Certainty:") == 2


def test_show_json_adds_related_beside_each_letter() -> None:
    code, stdout, _ = run("show", "20", "--json")
    assert code == 0
    [letter] = json.loads(stdout)
    assert [(r["number"], r["kind"]) for r in letter["related"]] == [
        (7, "addressee"),
        (16, "affair"),
        (21, "same-day"),
        (22, "affair"),
    ]
    assert set(letter["related"][0]) == {
        "number", "slug", "date", "title", "kind", "reason", "authority", "certainty", "derived",
    }  # fmt: skip


def test_a_thread_follows_every_link_as_far_as_it_goes_in_date_order() -> None:
    # Issue 19: --thread 20 missed 17 and 18, which 22 reaches through the nationalities notes.
    code, stdout, stderr = run("show", "--thread", "22")
    assert (code, stderr) == (0, "")
    assert stdout.startswith(
        "Thread: 7 letters\n"
        "    7  1922-12-21  To Leon Trotsky\n"
        "   16  1922-12-30  The Question of Nationalities or ‘Autonomisation’\n"
        "   17  1922-12-31  The Question of Nationalities or ‘Autonomisation’ (continued)\n"
        "   18  1922-12-31  The Question of Nationalities or ‘Autonomisation’ (continued)\n"
        "   20  1923-03-05  To Leon Trotsky\n"
        "   21  1923-03-05  To Joseph Stalin\n"
        ">  22  1923-03-06  To P.G. Mdivani, F.Y. Makharadze, and Others\n"
    )
    headings = [line for line in stdout.splitlines() if re.match(r"\d+\. ", line)]
    assert [h.split(".")[0] for h in headings] == ["7", "16", "17", "18", "20", "21", "22"]
    for asked in ("20", "22"):  # one connected set; 21 adds its own previous letter to Stalin, 6
        code, stdout, _ = run("show", "--thread", asked, "--json")
        assert [letter["number"] for letter in json.loads(stdout)] == [7, 16, 17, 18, 20, 21, 22]


def test_a_thread_takes_the_addressees_neighbours_of_the_letter_asked_for_only() -> None:
    # Letter 1's next letter to Trotsky is 3; 3's own neighbours (4, 5, ...) are not followed.
    code, stdout, _ = run("show", "--thread", "1", "--json")
    assert code == 0 and [letter["number"] for letter in json.loads(stdout)] == [1, 2, 3]


def test_an_export_carries_the_links_among_its_letters_and_reads_back(edition: Corpus) -> None:
    whole = json.loads(run("export", "-f", "json")[1])
    assert parse_document(whole).links == edition.links
    some = json.loads(run("export", "20", "21", "22", "-f", "json")[1])
    assert {(link["a"], link["b"]) for link in some["links"]} == {
        ("to-trotsky-1923-03-05", "to-mdivani-makharadze-1923-03-06"),
        ("to-trotsky-1923-03-05", "to-stalin-1923-03-05"),
    }


def test_a_corpus_whose_link_names_no_letter_is_refused() -> None:
    document = json.loads(run("export", "-f", "json")[1])
    document["links"][0]["b"] = "no-such-letter"
    with pytest.raises(CorpusError, match="no letter has the slug 'no-such-letter'"):
        parse_document(document)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda link: link.update(b="no-such-letter"), "no letter has the slug 'no-such-letter'"),
        (lambda link: link.update(b=link["a"]), "links a letter to itself"),
        (lambda link: link.pop("certainty"), "certainty"),
        (lambda link: link.update(authority="nowhere, p. 1"), "names no reference"),
    ],
)
def test_the_build_refuses_a_bad_link(change: object, message: str) -> None:
    source, curation = build.read_inputs()
    apparatus = copy.deepcopy(read_apparatus())
    change(apparatus["link"][0])  # type: ignore[operator]
    with pytest.raises(BuildError, match=message):
        build.build(source, curation, apparatus)


def test_the_build_refuses_a_pair_given_twice_in_either_order() -> None:
    source, curation = build.read_inputs()
    apparatus = copy.deepcopy(read_apparatus())
    first = apparatus["link"][0]
    apparatus["link"].append({**first, "a": first["b"], "b": first["a"]})
    with pytest.raises(BuildError, match="the same pair as link 1"):
        build.build(source, curation, apparatus)


def test_the_bundled_links_load() -> None:
    assert load().links[0].certainty == "high"


# A series is summarised, not listed in each letter (issue 21): show's output grows linearly in letters.


def test_show_json_gives_each_letter_its_series_once(edition: Corpus) -> None:
    code, stdout, _ = run("show", "13", "--json")
    assert code == 0
    [letter] = json.loads(stdout)
    gosplan = {n: edition.letters[n - 1] for n in (11, 12, 14, 15)}

    def reference(number: int) -> dict[str, object]:
        other = gosplan[number]
        return {"number": number, "slug": other.slug, "date": other.date.isoformat(), "title": other.title}

    assert letter["series"] == {
        "heading": "Granting Legislative Functions to Gosplan",
        "count": 5,
        "position": 3,
        "first": reference(11),
        "last": reference(15),
        "previous": reference(12),
        "next": reference(14),
        "authority": "print",
        "certainty": "high",
        "derived": True,
    }
    assert [r["number"] for r in letter["related"] if r["kind"] == "heading"] == [12, 14]
    # A letter alone under its heading has none.
    assert json.loads(run("show", "22", "--json")[1])[0]["series"] is None


def test_the_thread_of_a_letter_holds_its_whole_series() -> None:
    code, stdout, _ = run("show", "--thread", "13", "--json")
    assert code == 0
    assert {11, 12, 13, 14, 15} <= {letter["number"] for letter in json.loads(stdout)}


def one_long_series(path: Path, count: int) -> Path:
    """A corpus of `count` letters printed under one heading, all to one addressee."""
    start = dt.date(1922, 12, 1)
    letters = [
        {
            "number": number,
            "slug": f"note-{number}",
            "title": "Notes" if number == 1 else "Notes (continued)",
            "section": "Notes",
            "date": (start + dt.timedelta(days=number // 40)).isoformat(),
            "recipients": ["Twelfth Party Congress"],
            "text": "A note.",
        }
        for number in range(1, count + 1)
    ]
    path.write_text(json.dumps({"letters": letters}), encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [["--json"], [], ["--thread", "--json"]], ids=["json", "text", "thread"])
def test_show_of_a_long_series_grows_linearly_in_letters(tmp_path: Path, args: list[str]) -> None:
    per_letter = []
    for count in (40, 400):
        corpus = one_long_series(tmp_path / f"{count}.json", count)
        asked = "1" if "--thread" in args else f"1-{count}"
        code, stdout, stderr = run("--corpus", str(corpus), "show", *args, asked)
        assert (code, stderr) == (0, "")
        per_letter.append(len(stdout.encode()) / count)
    small, large = per_letter
    # Ten times the letters, ten times the bytes (give or take the longer numbers); the list in full
    # made it a hundred times.
    assert large < small * 1.2, per_letter


def test_relations_of_a_long_series_are_bounded_per_letter(tmp_path: Path) -> None:
    corpus = load(one_long_series(tmp_path / "long.json", 2000))
    relations = Relations(corpus.letters, corpus.links)
    assert max(len(relations.of(letter)) for letter in corpus.letters) == 4  # two neighbours, two ways
    middle = relations.series(corpus.letters[999])
    assert middle is not None and (middle.position, len(middle.letters)) == (999, 2000)
    assert (middle.previous, middle.next) == (corpus.letters[998], corpus.letters[1000])
