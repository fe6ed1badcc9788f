"""The issue's promise, end to end: import a folder of TEI letters and a CMIF file, then list, read,
search, cite and export them with --corpus, as a historian would in two commands."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leninletters.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures"
TEI = FIXTURES / "tei"
CMIF = FIXTURES / "cmif" / "letters.xml"
runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("imported") / "letters.json"
    result = runner.invoke(app, ["import", str(TEI), str(CMIF), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def browse(corpus: Path, *arguments: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--corpus", str(corpus), "--no-index", *arguments])
    return result.exit_code, result.stdout, result.stderr


def slugs(listing: str) -> list[str]:
    """The slugs of a plain `list`, in its order."""
    return [line.split()[-1] for line in listing.splitlines()[1:] if line.strip()]


def test_what_import_writes_validate_accepts(corpus: Path) -> None:
    status, stdout, stderr = browse(corpus, "validate", str(corpus))
    assert status == 0, stdout
    assert f"{corpus}: valid: 9 letters" in stdout + stderr


def test_list_gives_the_letters_in_date_order_with_undated_last(corpus: Path) -> None:
    status, stdout, _ = browse(corpus, "list", "--json")
    assert status == 0
    letters = json.loads(stdout)
    assert [letter["slug"] for letter in letters] == [
        "b0001",
        "k-101",
        "k-102",
        "k-103",
        "b0002",
        "e3",
        "letter-04",
        "e5",
        "u1",
    ]
    _, plain, _ = browse(corpus, "list")
    assert plain.splitlines()[-1].split()[1] == "undated"


def test_show_gives_the_sender_the_event_and_the_address_apart(corpus: Path) -> None:
    status, stdout, _ = browse(corpus, "show", "b0002")
    assert status == 0
    lines = stdout.splitlines()
    assert "From: Anna Weber" in lines
    assert "Event: transmitted: Bote, Karl, Linz, 1909-07-31" in lines
    assert "Address: Herrn Hans Kästner / Graz, Sackstraße 4" in lines
    assert "Herrn Hans Kästner" not in lines  # not the letter's first paragraph
    assert "⟨Written by Anna Weber; 20 July 1909⟩" in lines


def test_an_uncertain_date_is_found_by_any_month_it_may_fall_in_and_shown_as_given(corpus: Path) -> None:
    _, july, _ = browse(corpus, "list", "date:1909-07-25", "--json")
    # and by the letter dated only "not before April 1902", whose span is open at its end
    assert [letter["slug"] for letter in json.loads(july)] == ["k-102", "b0002"]
    _, august, _ = browse(corpus, "list", "date:1909-08", "--json")
    assert [letter["slug"] for letter in json.loads(august)] == ["k-102"]
    _, shown, _ = browse(corpus, "show", "b0002")
    assert shown.splitlines()[1].startswith(
        "Date: [Ende Juli 1909] (1909-07-19 – 1909-07-30, medium certainty)"
    )


def test_grep_folds_german_spellings(corpus: Path) -> None:
    status, stdout, _ = browse(corpus, "grep", "Schonbergstrasse")
    assert status == 0
    assert "Schönbergstraße" in stdout


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("from:weber", ["b0001", "b0002"]),  # both spellings: "Weber, Anna" and "Anna Weber" under #p1
        ("to:kastner", ["b0001", "b0002"]),
        ("place:wien", ["b0001"]),
        ("place:munchen", ["k-101"]),
        ("date:none", ["u1"]),
        ("cc:greta", ["k-101"]),
    ],
)
def test_the_query_language_finds_imported_senders_addressees_places_and_undated_letters(
    corpus: Path, query: str, expected: list[str]
) -> None:
    status, stdout, _ = browse(corpus, "list", query, "--json")
    assert status == 0
    assert [letter["slug"] for letter in json.loads(stdout)] == expected


def test_people_groups_spellings_by_ref_and_shows_its_uris(corpus: Path) -> None:
    status, stdout, _ = browse(corpus, "people", "p1")
    assert status == 0
    lines = stdout.splitlines()
    assert "Ref: #p1" in lines
    assert "URIs: https://d-nb.info/gnd/000000001 http://www.wikidata.org/entity/Q000001" in lines
    assert "Letters from: 1 5" in lines


def test_a_letter_is_cited_by_its_imported_title(corpus: Path) -> None:
    status, stdout, _ = browse(corpus, "cite", "b0001")
    assert status == 0
    assert "Anna Weber an Hans Kästner, 3. 9. 1890" in stdout


def test_the_json_export_of_an_imported_corpus_is_itself_a_valid_corpus(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "again.json"
    status, _, stderr = browse(corpus, "export", "-f", "json", "-o", str(out))
    assert status == 0, stderr
    status, stdout, _ = browse(corpus, "validate", str(out))
    assert status == 0, stdout


def _correspondence_of(cmif: Path) -> list[bytes]:
    """A CMIF file's letters: each correspDesc as XML (the header names the corpus, not the letters)."""
    tei = "{http://www.tei-c.org/ns/1.0}"
    root = ET.parse(cmif).getroot()
    return [ET.tostring(desc) for desc in root.iter(f"{tei}correspDesc")]


def test_cmif_out_import_and_cmif_out_again_gives_the_same_letters_and_persons(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, again, second = tmp_path / "first.xml", tmp_path / "again.json", tmp_path / "second.xml"
    assert browse(corpus, "export", "-f", "cmif", "-o", str(first))[0] == 0
    assert runner.invoke(app, ["import", str(first), "-o", str(again)]).exit_code == 0
    assert browse(again, "export", "-f", "cmif", "-o", str(second))[0] == 0
    assert _correspondence_of(second) == _correspondence_of(first)
    assert len(_correspondence_of(first)) == 9
    before = json.loads(corpus.read_text(encoding="utf-8"))
    after = json.loads(again.read_text(encoding="utf-8"))
    for key in ("senders", "recipients", "copies"):
        assert [letter[key] for letter in after["letters"]] == [letter[key] for letter in before["letters"]]
    # CMIF carries a person's first URI: each person comes back with it, under the same name.
    assert sorted((p["name"], p["uris"][:1]) for p in after["people"]) == sorted(
        (p["name"], p["uris"][:1]) for p in before["people"]
    )
