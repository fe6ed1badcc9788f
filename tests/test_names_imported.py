"""Names as imported editions write them: register ids with digits (pmb11), inverted forms ("Schiller,
Friedrich"), each finding its own person and no other, in every store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run


def _letter(number: int, to: str, person: str) -> dict[str, object]:
    return {
        "number": number,
        "slug": f"brief-{number}",
        "title": f"Brief {number}",
        "date": f"1800-0{number}-01",
        "text": "Lieber Freund.",
        "recipients": [to],
        "people": [person],
        "mentions": [{"person": person, "kind": "recipient", "form": to, "where": "recipients"}],
    }


@pytest.fixture
def corpus(tmp_path: Path) -> str:
    people = [
        {"id": "pmb11", "name": "Eva Empf", "forms": ["Empf, Eva"]},
        {"id": "pmb12", "name": "Otto Empf", "forms": ["Empf, Otto"]},
        {
            "id": "pmb2121",
            "name": "Friedrich Schiller",
            "forms": ["Schiller, Friedrich", "Friedrich Schiller"],
        },
    ]
    letters = [
        _letter(1, "Empf, Eva", "pmb11"),
        _letter(2, "Empf, Otto", "pmb12"),
        _letter(3, "Schiller, Friedrich", "pmb2121"),
        _letter(4, "Friedrich Schiller", "pmb2121"),
    ]
    path = tmp_path / "register.json"
    path.write_text(json.dumps({"people": people, "letters": letters}), encoding="utf-8")
    return str(path)


def numbers(corpus: str, query: str) -> list[int]:
    status, out, err = run("--corpus", corpus, "--no-index", "list", "--json", query)
    assert status in (0, 1), err
    return [letter["number"] for letter in json.loads(out or "[]")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("to:pmb11", [1]),  # the digits tell one register id from another
        ("to:pmb12", [2]),
        ("to:pmb2121", [3, 4]),
        ('to:"Friedrich Schiller"', [3, 4]),  # an inverted form is found written out, and the other way
        ('to:"Schiller, Friedrich"', [3, 4]),
        ("to:schiller", [3, 4]),
        ('to:"Eva Empf"', [1]),
    ],
)
def test_a_register_id_or_any_order_of_a_name_finds_that_person_alone(
    corpus: str, query: str, expected: list[int]
) -> None:
    assert numbers(corpus, query) == expected


def test_people_finds_a_person_by_the_name_written_out(corpus: str) -> None:
    status, out, err = run("--corpus", corpus, "people", "Friedrich Schiller")
    assert (status, err) == (0, "")
    assert "Friedrich Schiller" in out


def test_inverted_names_are_parted_by_semicolons_where_they_are_listed(tmp_path: Path) -> None:
    letter = _letter(1, "Weber, Anna", "weber")
    names = ["Weber, Anna", "Oberst, Franz", "Roth, Otto"]
    letter["recipients"] = names
    letter["mentions"] = [
        {"person": name.split(",")[0].casefold(), "kind": "recipient", "form": name, "where": "recipients"}
        for name in names
    ]
    letter["people"] = []
    letter["copies"] = ["Niemand, Nora"]
    path = tmp_path / "inverted.json"
    path.write_text(json.dumps({"letters": [letter]}), encoding="utf-8")
    show = run("--corpus", str(path), "show", "1")[1]
    assert "To: Weber, Anna; Oberst, Franz; Roth, Otto" in show
    assert "Niemand, Nora" in show
    cite = run("--corpus", str(path), "cite", "1")[1]
    assert "To Weber, Anna; Oberst, Franz; and Roth, Otto." in cite


@pytest.mark.parametrize(("written", "printed"), [("kaestner", "Kästner"), ("Schoenberg", "Schönberg")])
def test_an_umlaut_written_out_finds_the_name_as_printed(tmp_path: Path, written: str, printed: str) -> None:
    letter = _letter(1, f"{printed}, Hans", "hans")
    path = tmp_path / "umlaut.json"
    path.write_text(json.dumps({"letters": [letter]}), encoding="utf-8")
    assert numbers(str(path), f"to:{written}") == [1]


@pytest.mark.parametrize("store", ["--no-index", "index"])
@pytest.mark.parametrize("query", ["to:kaestner", "to:kastner", "to:weber", "to:anna", "to:Kästner"])
def test_both_stores_find_a_register_name_written_any_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: str, query: str
) -> None:
    # No mentions: the names alone, as the index's columns hold them and name_matches reads them.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    letters = [
        {
            "number": 1,
            "slug": "eins",
            "title": "Eins",
            "date": "1800-01-01",
            "text": "x",
            "recipients": ["Kästner, Hans"],
        },
        {
            "number": 2,
            "slug": "zwei",
            "title": "Zwei",
            "date": "1800-02-01",
            "text": "x",
            "recipients": ["Weber, Anna"],
        },
    ]
    path = tmp_path / "plain.json"
    path.write_text(json.dumps({"letters": letters}), encoding="utf-8")
    options: tuple[str, ...] = (store,) if store == "--no-index" else ()
    if store == "index":
        assert run("--corpus", str(path), "index")[0] == 0
    status, out, err = run("--corpus", str(path), *options, "list", "--json", query)
    assert status == 0, err
    expected = [2] if query.startswith(("to:weber", "to:anna")) else [1]
    assert [letter["number"] for letter in json.loads(out)] == expected
