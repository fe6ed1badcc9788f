"""The corpus shape of imported editions (issue 18): senders, places, datings, languages, events, a
person's ref and URIs. `validate` takes a corpus that uses every key and refuses each bad value with one
line naming the letter (or person, or edition) and the field."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from leninletters.store.corpus import check_document, load

from .conftest import FIXTURES, run

SHAPE = FIXTURES / "imported-shape.json"
DOCUMENT: dict[str, Any] = json.loads(SHAPE.read_text(encoding="utf-8"))


def problems_after(change: Callable[[dict[str, Any]], object]) -> list[str]:
    """The problems of the fixture once one value is changed, without those of its links (a link to a
    letter refused is named too, as for any corpus)."""
    document = json.loads(json.dumps(DOCUMENT))
    change(document)
    corpus, problems = check_document(document)
    assert corpus is None
    return [problem for problem in problems if not problem.startswith("link at position")]


def test_validate_takes_a_corpus_with_every_new_key() -> None:
    code, stdout, stderr = run("validate", str(SHAPE))
    assert (code, stderr) == (0, "")
    assert stdout.startswith(f"{SHAPE}: valid: 4 letters")


def test_the_new_keys_are_read_as_given() -> None:
    corpus = load(SHAPE)
    first, second, third, undated = corpus.letters
    assert first.senders == ("Schnitzler, Arthur",)
    assert [(place.role, place.name, place.uri) for place in first.places] == [
        ("sent", "Wien", "https://www.geonames.org/2761369"),
        ("received", "Berlin", None),
    ]
    assert second.languages == ("de", "fr") and second.events[0].type == "forwarded"
    assert [part.kind for part in second.parts] == ["address", None]
    assert third.dating is not None and third.dating.action == "received"
    assert corpus.people[0].ref == "#pmb2121" and len(corpus.people[0].uris) == 2
    assert first.mentions[0].kind == "sender"
    assert undated.undated and not first.undated


def test_a_letter_without_a_date_takes_the_earliest_day_its_dating_allows() -> None:
    first, second, third, undated = load(SHAPE).letters
    dates = [str(letter.date) for letter in (first, second, third)]
    assert dates == ["1890-09-01", "1909-07-19", "1911-05-01"]
    assert undated.undated  # a dating of text alone gives no day


def test_a_dating_with_only_an_upper_bound_dates_the_letter_by_it() -> None:
    document = json.loads(json.dumps(DOCUMENT))
    document["letters"][3]["dating"] = {"not_after": "1920-03"}
    letter = check_document(document)[0].letters[3]  # type: ignore[union-attr]
    assert str(letter.date) == "1920-03-31"


def test_json_keeps_the_new_keys_as_given_and_leaves_them_out_where_absent() -> None:
    corpus = load(SHAPE)
    first, _, _, undated = (letter.to_json() for letter in corpus.letters)
    assert first["dating"]["text"] == "[Anfang September] 1890"
    assert first["places"][1] == {"role": "received", "name": "Berlin"}  # as given: no ref, no uri
    assert first["dating"] == DOCUMENT["letters"][0]["dating"]
    assert "date" not in undated and "senders" not in undated and "places" not in undated
    # What JSON prints is itself a corpus: the same letters come back.
    again = check_document({**DOCUMENT, "letters": [letter.to_json() for letter in corpus.letters]})[0]
    assert again is not None and again.letters == corpus.letters


def test_the_bundled_letters_gain_no_key() -> None:
    letter = load().letters[0].to_json()
    for key in ("dating", "senders", "places", "languages", "events"):
        assert key not in letter
    assert all("kind" not in part for part in letter["parts"])
    assert "ref" not in load().people[0].to_json()


BAD_VALUES: list[tuple[Callable[[dict[str, Any]], object], str]] = [
    (
        lambda d: d["letters"][0]["dating"].update(when="1890-13"),
        "letter 1: dating: when: '1890-13' must be a real date as YYYY, YYYY-MM or YYYY-MM-DD, or null",
    ),
    (
        lambda d: d["letters"][1]["dating"].update(not_after="1909-07-01"),
        "letter 2: dating: its bounds leave no day: it ends 1909-07-01, before it begins 1909-07-19",
    ),
    (
        lambda d: d["letters"][0]["dating"].update(cert="sure"),
        'letter 1: dating: cert: expected "high", "medium", "low", "unknown" or null, found \'sure\'',
    ),
    (
        lambda d: d["letters"][0]["dating"].update(action="transmitted"),
        'letter 1: dating: action: expected "sent" or "received", found \'transmitted\'',
    ),
    (
        lambda d: d["letters"][0]["places"][0].update(role="written"),
        'letter 1: places[1]: role: expected "sent" or "received", found \'written\'',
    ),
    (
        lambda d: d["letters"][0]["places"][0].update(uri="geonames 2761369"),
        "letter 1: places[1]: uri: 'geonames 2761369' must be a URI (https://…), without spaces, or null",
    ),
    (
        lambda d: d["letters"][0].update(languages=["de_AT"]),
        'letter 1: languages[1]: \'de_AT\' must be a BCP 47 language tag ("de", "en-GB")',
    ),
    (
        lambda d: d["letters"][0].update(senders=["Schnitzler, Arthur", ""]),
        "letter 1: senders[2]: '' must be a non-empty string",
    ),
    (
        lambda d: d["letters"][1]["events"][0].update(date="1909-08-32"),
        "letter 2: events[1]: date: '1909-08-32' must be a real date as YYYY, YYYY-MM or YYYY-MM-DD, or null",
    ),
    (
        lambda d: d["letters"][1]["parts"][0].update(kind="\x07"),
        "letter 2: parts[1]: kind: holds a control character (U+0007) at character 1",
    ),
    (
        lambda d: d["people"][0].update(uris=["not a uri"]),
        "person at position 1: uris[1]: 'not a uri' must be a URI (https://…), without spaces",
    ),
    (
        lambda d: d["edition"].update(language="deutsch!"),
        'edition: language: \'deutsch!\' must be a BCP 47 language tag ("de", "en-GB") or null',
    ),
    (
        lambda d: d["edition"].update(sender="Arthur\x1b[2J"),
        "edition: sender: holds a control character (U+001B) at character 7",
    ),
]


@pytest.mark.parametrize(("change", "problem"), BAD_VALUES, ids=[problem for _, problem in BAD_VALUES])
def test_a_bad_value_of_a_new_key_is_named_with_its_field(
    change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    assert problems_after(change) == [problem]


def test_every_command_refuses_a_bad_new_key_with_validates_first_line(tmp_path: Path) -> None:
    document = json.loads(json.dumps(DOCUMENT))
    document["letters"][0]["places"][0]["role"] = "written"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    code, stdout, stderr = run("--corpus", str(broken), "list")
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"leninletters: error: corpus {broken}: letter 1: places[1]: role: expected ")
    assert len(stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("August 1909", "August 1909"),  # the text says the bounds: once
        ("Ende August 1909", "Ende August 1909 (August 1909)"),  # the editors' words, then the bounds
    ],
)
def test_a_datings_text_is_not_followed_by_the_same_words(text: str, shown: str) -> None:
    from leninletters.core.correspondence import Dating
    from leninletters.core.dating import dating_words

    assert dating_words(Dating(when="1909-08", text=text), compact=False) == shown
