"""Every command on an imported edition's shape (tests/fixtures/imported-shape.json): datings shown as the
source gives them and met by date filters where they share a day, undated letters, senders, places,
languages, events, an address apart; German folding; and the same answers from the index. The bundled
edition is shown as it always was."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leninletters.core import predicates as p
from leninletters.core.correspondence import Dating
from leninletters.core.dating import overlaps
from leninletters.core.model import Letter
from leninletters.core.querylang import parse
from leninletters.core.search import Search
from leninletters.store import edition as door

from .conftest import FIXTURES, run

SHAPE = FIXTURES / "imported-shape.json"
TEI = "{http://www.tei-c.org/ns/1.0}"


def shape(*args: str) -> tuple[int, str, str]:
    return run("--corpus", str(SHAPE), *args)


def listed(*query: str) -> list[int]:
    code, stdout, stderr = shape("list", "--json", *query)
    assert code in (0, 1), stderr
    return [letter["number"] for letter in json.loads(stdout or "[]")]


@pytest.fixture(autouse=True)
def cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


# Showing a dating ---------------------------------------------------------------------------------


def test_list_shows_each_dating_as_given_and_says_undated() -> None:
    code, stdout, stderr = shape("list")
    assert code == 0
    dates = [line[5:41].rstrip() for line in stdout.splitlines()[1:]]
    assert dates == [
        "[Anfang September] 1890?",
        "1909-07-19 – 1909-07-30?",
        "1911-05-01 – 1911-05-03 (received)",
        "o. D. (undated)",
    ]
    assert "1890-09-01" not in stdout and "9999" not in stdout
    assert stderr == "leninletters: 4 letters\n"


def test_show_gives_the_dating_senders_places_languages_events_and_the_address_apart() -> None:
    code, stdout, _ = shape("show", "2")
    assert code == 0
    head, _, body = stdout.partition("\n\n")
    assert head.splitlines() == [
        "2. Schnitzler an Gussmann",
        "Date: 1909-07-19 – 1909-07-30 (low certainty)",
        "From: Arthur Schnitzler",
        "To: Olga Gussmann",
        "Place: Altaussee (sent)",
        "Language: de, fr",
        "Event: forwarded: Heinrich Schnitzler, Wien, 1909-08",
        "Address: Frau Olga Gussmann, Wien IX., Sternwartestraße 71",
    ]
    # The address stands apart: the letter's text begins with its salutation.
    assert body.startswith("Liebe Olga,") and "Sternwartestraße" not in body


def test_show_reads_a_month_with_the_editors_text_and_an_undated_letter_as_undated() -> None:
    assert shape("show", "1")[1].splitlines()[1] == (
        "Date: [Anfang September] 1890 (September 1890, medium certainty)"
    )
    assert shape("show", "ohne-datum")[1].splitlines()[1] == "Date: o. D. (undated)"
    assert shape("show", "3")[1].splitlines()[1] == "Date: 1911-05-01 – 1911-05-03 (received)"


def test_the_bundled_edition_is_shown_as_before() -> None:
    code, stdout, _ = run("show", "9")
    assert code == 0
    lines = stdout.splitlines()
    assert lines[1].startswith("Date: 25 December 1922")
    assert not any(line.startswith(("From:", "Place:", "Language:", "Address:")) for line in lines[:8])
    assert "senders" not in json.loads(run("show", "9", "--json")[1])[0]


# Finding by a dating -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        (["date:1909-07"], [2]),
        (["date:1909-07-25"], [2]),
        (["date:1909-08"], []),
        (["date:1890"], [1]),
        (["date:1890-09-30"], [1]),
        (["date:1890-10"], []),
        (["date:1911-05-03..1911-06"], [3]),
        (["--from", "1909-07-30", "--to", "1909-08"], [2]),
        (["--from", "1800"], [1, 2, 3]),
        (["date:none"], [4]),
        (["--", "-date:none"], [1, 2, 3]),
    ],
)
def test_a_date_filter_meets_a_dating_where_they_share_a_day(query: list[str], numbers: list[int]) -> None:
    assert listed(*query) == numbers


def test_a_date_reference_finds_a_letter_by_its_dating_and_never_an_undated_one() -> None:
    code, stdout, _ = shape("show", "1909-07-25", "--json")
    assert code == 0 and [letter["number"] for letter in json.loads(stdout)] == [2]
    code, stdout, stderr = shape("show", "9999-12-31")
    assert (code, stdout) == (2, "") and "no letter dated 9999-12-31" in stderr


@given(
    st.dates(dt.date(1900, 1, 1), dt.date(1900, 12, 31)),
    st.integers(0, 60),
    st.dates(dt.date(1900, 1, 1), dt.date(1900, 12, 31)),
    st.integers(0, 60),
    st.sampled_from(["both", "not_before", "not_after"]),
)
def test_a_range_meets_a_dating_exactly_when_some_day_is_in_both(
    start: dt.date, length: int, low: dt.date, width: int, bounds: str
) -> None:
    end, high = start + dt.timedelta(days=length), low + dt.timedelta(days=width)
    dating = Dating(
        not_before=start.isoformat() if bounds != "not_after" else None,
        not_after=end.isoformat() if bounds != "not_before" else None,
    )
    letter = Letter(number=1, slug="a", title="A", text="A.", dating=dating)
    first = start if bounds != "not_after" else dt.date.min
    last = end if bounds != "not_before" else dt.date.max
    shares_a_day = first <= high and low <= last
    assert p.DateRange(low, high).matches(letter) == shares_a_day
    assert overlaps(letter.dating.span, low, high) == shares_a_day  # type: ignore[union-attr]


# Senders, places, German folding ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("from:schnitzler", [1, 2]),
        ("from:arthur", [1, 2]),
        ("from:bahr", []),
        ("place:wien", [1]),
        ("place:Berlin", [1]),
        ("place:altaussee", [2]),
        ("to:bahr", [1, 3]),
        ("to:Gußmann", [2]),  # names fold as text does: ß as ss, umlauts without their dots
        ("Strasse", [1]),  # a word: Straße, stemmed in German (the letter's language)
        ("text:strasse", [1, 2]),  # anywhere: Sternwartestraße in the address too
        ("Schonberg", [1]),
        ("grusse", [2, 4]),  # Grüße (2, German) and Gruß (4, the edition's German): one stem
    ],
)
def test_senders_places_and_german_words_are_found(query: str, numbers: list[int]) -> None:
    assert listed(query) == numbers


def test_the_editions_sender_is_every_unsigned_letters_sender() -> None:
    code, stdout, _ = run("list", "--json", "from:lenin")
    assert code == 0 and len(json.loads(stdout)) == 22


def test_both_stores_answer_the_shape_alike(tmp_path: Path) -> None:
    copy = tmp_path / "shape.json"
    shutil.copy(SHAPE, copy)
    assert door.build_index(copy)
    indexed, memory = door.open_edition(copy), door.open_edition(copy, use_index=False)
    assert type(indexed) is not type(memory)
    for query in ("date:1909-07-25", "date:none", "from:schnitzler", "place:wien", "date:1900.."):
        assert indexed.select(parse(query)) == memory.select(parse(query)), query
    for word in ("Strasse", "Schonberg", "STRASSE", "gruß"):
        found = indexed.search(Search(word), p.EVERYTHING)
        assert found == memory.search(Search(word), p.EVERYTHING) and found, word


# Timeline, grep, cite, export, CMIF, people -----------------------------------------------------------


def test_the_timeline_places_a_dating_on_its_first_day_and_says_so_and_leaves_out_the_undated() -> None:
    code, stdout, _ = shape("timeline")
    assert code == 0
    assert " 1 Mon  *-  1 Schnitzler an Bahr ([Anfang September] 1890?)" in stdout
    assert "Ein undatierter Zettel" not in stdout and "9999" not in stdout
    marks = json.loads(shape("timeline", "--json")[1])
    assert [mark["number"] for mark in marks] == [1, 2, 3]


def test_grep_dates_its_matches_by_the_dating_and_null_for_undated() -> None:
    code, stdout, _ = shape("grep", "Gruß")
    assert code == 0
    assert stdout.splitlines()[0] == "2  1909-07-19 – 1909-07-30?  Schnitzler an Gussmann"
    assert "4  o. D. (undated)  Ein undatierter Zettel" in stdout
    found = json.loads(shape("grep", "Gruß", "--json")[1])
    assert [(letter["number"], letter["date"]) for letter in found] == [(2, "1909-07-19"), (4, None)]


def test_cite_names_the_sender_and_the_dating_and_invents_no_author() -> None:
    code, stdout, _ = shape("cite", "1", "4")
    assert code == 0
    first, undated = stdout.splitlines()
    assert first.startswith("Schnitzler, Arthur. “Schnitzler an Bahr.” [Anfang September] 1890 (September")
    assert undated.startswith("“Ein undatierter Zettel.” o. D. (undated).")
    bibtex = shape("cite", "--style", "bibtex", "2", "4")[1]
    assert "author = {Schnitzler, Arthur}" in bibtex and "origdate = {1909-07-19/1909-07-30}" in bibtex
    assert bibtex.count("author =") == 1 and bibtex.count("origdate =") == 1
    csl = json.loads(shape("cite", "--style", "csl-json", "1")[1])[0]
    assert csl["original-date"] == {"date-parts": [[1890, 9]]}
    assert run("cite", "1")[1].startswith("Lenin, Vladimir Ilyich.")


def test_export_json_keeps_the_shape_as_given_and_reads_back(tmp_path: Path) -> None:
    code, stdout, _ = shape("export", "--format", "json")
    assert code == 0
    exported = json.loads(stdout)
    given = json.loads(SHAPE.read_text(encoding="utf-8"))
    for out, source in zip(exported["letters"], given["letters"], strict=True):
        for key in ("dating", "senders", "places", "languages", "events"):
            # As given, but for the nulls a source may write or leave out (Altaussee's ref and uri).
            assert out.get(key) == source.get(key) or (key, out[key]) == (
                "places",
                [{"role": "sent", "name": "Altaussee"}],
            )
    assert "date" not in exported["letters"][3]
    assert exported["people"][0]["uris"] == given["people"][0]["uris"]
    again = tmp_path / "again.json"
    again.write_text(stdout, encoding="utf-8")
    assert run("--corpus", str(again), "export", "--format", "json")[1] == stdout


def test_export_text_and_markdown_show_the_dating_and_the_sender() -> None:
    text = shape("export", "--format", "text", "4", "2")[1]
    assert "Date: o. D. (undated)" in text and "From: Arthur Schnitzler" in text
    markdown = shape("export", "--format", "markdown", "2")[1]
    assert "- Date: 1909-07-19 – 1909-07-30 (low certainty)" in markdown
    assert "- Address: Frau Olga Gussmann, Wien IX., Sternwartestraße 71" in markdown


def test_cmif_writes_the_dating_places_and_senders_with_their_uris() -> None:
    code, stdout, _ = run(
        "--corpus", str(SHAPE), "export", "--format", "cmif", "--url", "https://example.org/cmif.xml"
    )
    assert code == 0
    letters = ET.fromstring(stdout.encode()).iter(f"{TEI}correspDesc")
    first, second, third, undated = letters
    sent = first.find(f"{TEI}correspAction[@type='sent']")
    assert sent is not None
    sender, place, date = list(sent)
    assert (sender.text, sender.get("ref")) == ("Schnitzler, Arthur", "https://d-nb.info/gnd/118609807")
    assert (place.text, place.get("ref")) == ("Wien", "https://www.geonames.org/2761369")
    assert (date.get("when"), date.get("cert"), date.text) == ("1890-09", "medium", "[Anfang September] 1890")
    range_ = second.find(f".//{TEI}date")
    assert range_ is not None and (range_.get("notBefore"), range_.get("notAfter")) == (
        "1909-07-19",
        "1909-07-30",
    )
    received = third.find(f"{TEI}correspAction[@type='received']/{TEI}date")
    assert received is not None and (received.get("from"), received.get("to")) == ("1911-05-01", "1911-05-03")
    assert undated.find(f".//{TEI}date") is None
    assert [name.text for name in undated.iter(f"{TEI}persName")] == ["Unknown", "Unknown"]


def test_people_shows_a_persons_ref_uris_and_the_letters_they_sent() -> None:
    code, stdout, _ = shape("people")
    assert code == 0
    assert stdout.splitlines()[0].split()[-2:] == ["From", "Who"]
    lines = shape("people", "schnitzler")[1].splitlines()
    assert "Ref: #pmb2121" in lines
    assert "URIs: https://d-nb.info/gnd/118609807 https://www.wikidata.org/entity/Q44331" in lines
    assert "Letters from: 1 2" in lines
    assert "Named as: Schnitzler, Arthur, Arthur Schnitzler" in lines  # one person, every spelling met
    one = json.loads(shape("people", "schnitzler", "--json")[1])
    assert one["ref"] == "#pmb2121" and [letter["number"] for letter in one["sent"]] == [1, 2]
    assert one["kinds"]["sender"] == 2
    assert "From" not in run("people")[1].splitlines()[0]


def test_the_new_fields_are_drawn_as_text_on_a_terminal(tmp_path: Path) -> None:
    from .conftest import on_a_terminal

    document = json.loads(SHAPE.read_text(encoding="utf-8"))
    first = document["letters"][0]
    first["places"][0]["name"] = "[bold red]Wien[/]"
    first["senders"] = ["[link=https://example.org]Evil[/link]"]
    first["dating"]["text"] = "[blink]1890[/]"
    first["events"] = [{"type": "[reverse]forwarded", "persons": ["\u202eX"]}]
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(document), encoding="utf-8")
    command = [sys.executable, "-m", "leninletters", "--corpus", str(hostile), "show", "1", "--no-pager"]
    environment = {"PATH": os.environ["PATH"], "COLUMNS": "120", "LINES": "100", "TERM": "xterm"}
    status, drawn, _ = on_a_terminal(command, environment)
    assert status == 0
    for shown in (
        "[bold red]Wien[/]",
        "[link=https://example.org]Evil[/link]",
        "[blink]1890[/]",
        "[reverse]",
    ):
        assert shown in drawn
    assert "\x1b]8;" not in drawn and "\u202e" not in drawn


def test_citation_keys_name_no_writer_the_corpus_does_not_and_say_nd_for_undated() -> None:
    code, stdout, _ = shape("cite", "1", "4", "--style", "bibtex")
    assert code == 0
    keys = [line.split("{", 1)[1].rstrip(",") for line in stdout.splitlines() if line.startswith("@")]
    assert [key[: len("letter1890")] for key in keys] == ["letter1890", "letterndohn"[:10]]
    assert not any(key.startswith("lenin") for key in keys)
    assert "9999" not in stdout
    assert run("cite", "testament", "--style", "bibtex")[1].startswith("@incollection{lenin1922testament,")
