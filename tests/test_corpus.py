"""The corpus loader: one description of the fields, the fast and careful paths agreeing, hostile files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leninletters.core.errors import CorpusError
from leninletters.core.model import (
    HIDDEN,
    LINE_PATTERN,
    PARAGRAPHS_PATTERN,
    PARTIAL_DAY_PATTERN,
    Letter,
    Note,
    Part,
    Person,
)
from leninletters.store import corpus, reading
from leninletters.store.corpus import (
    BUNDLED_FILE,
    bundled_text,
    check_document,
    check_file,
    load,
    parse_document,
)

from .conftest import MINI

BUNDLED: dict[str, Any] = json.loads(bundled_text(BUNDLED_FILE))
LETTERS: list[dict[str, Any]] = BUNDLED["letters"]
TESTAMENT = next(letter for letter in LETTERS if letter["slug"] == "testament")
WITH_NOTE = next(letter for letter in LETTERS if letter["notes"])


def write(tmp_path: Path, content: Any, name: str = "corpus.json") -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def problems_of(letters: list[dict[str, Any]]) -> list[str]:
    found, problems = check_document(json.loads(json.dumps(letters)))
    assert (found is None) == bool(problems)
    return problems


def changed(letter: dict[str, Any], **changes: Any) -> list[dict[str, Any]]:
    return [{**json.loads(json.dumps(letter)), **changes}]


# The one description ------------------------------------------------------------------------------


def test_the_bundled_letters_load_back_as_the_file_holds_them() -> None:
    loaded = load()
    assert [letter.to_json() for letter in loaded.letters] == LETTERS
    assert [person.to_json() for person in loaded.people] == BUNDLED["people"]


def wrong_for(field: msgspec.structs.FieldInfo) -> Any:
    """A JSON value of the wrong kind for any field: a string for an object (the apparatus, an expansion:
    an object there is read as the record and its own fields named), else an object, since every other
    field is a string, number, flag or array."""
    return "a string" if field.name in ("apparatus", "expansion", "dating") else {"an": "object"}


@pytest.mark.parametrize("field", msgspec.structs.fields(Letter), ids=lambda field: field.name)
def test_every_field_of_a_letter_named_when_broken(field: msgspec.structs.FieldInfo) -> None:
    problems = problems_of(changed(TESTAMENT, **{field.encode_name: wrong_for(field)}))
    where = "letter at position 1" if field.name == "number" else "letter 9"
    assert problems == [f"{where}: {field.encode_name}: expected {problems[0].split('expected ')[1]}"]
    if field.required:
        letter = changed(TESTAMENT)[0]
        del letter[field.encode_name]
        assert f": {field.encode_name}: missing (expected " in problems_of([letter])[0]


@pytest.mark.parametrize("field", msgspec.structs.fields(Part), ids=lambda field: field.name)
def test_every_field_of_a_part_named_when_broken(field: msgspec.structs.FieldInfo) -> None:
    parts = [dict(part) for part in TESTAMENT["parts"]]
    parts[1][field.encode_name] = wrong_for(field)
    problems = problems_of(changed(TESTAMENT, parts=parts))
    assert len(problems) == 1 and problems[0].startswith(
        f"letter 9: parts[2]: {field.encode_name}: expected "
    )


@pytest.mark.parametrize("field", msgspec.structs.fields(Note), ids=lambda field: field.name)
def test_every_field_of_a_note_named_when_broken(field: msgspec.structs.FieldInfo) -> None:
    notes = [{**WITH_NOTE["notes"][0], field.encode_name: wrong_for(field)}]
    problems = problems_of(changed(WITH_NOTE, notes=notes))
    assert len(problems) == 1 and f": notes[1]: {field.encode_name}: expected " in problems[0]


@pytest.mark.parametrize("field", msgspec.structs.fields(Person), ids=lambda field: field.name)
def test_every_field_of_a_person_named_when_broken(field: msgspec.structs.FieldInfo) -> None:
    people = [{**BUNDLED["people"][0], field.encode_name: wrong_for(field)}, *BUNDLED["people"][1:]]
    _, problems = check_document({"letters": LETTERS, "people": people})
    assert problems == [
        f"person at position 1: {field.encode_name}: expected {problems[0].split('expected ')[1]}"
    ]


STRING_FIELDS = [
    (letter_field, value)
    for letter_field in ("slug", "title", "section", "classification", "source", "source_note", "text")
    for value in ("\x1b[2J", "\x9b31m")
]


@pytest.mark.parametrize(("name", "value"), STRING_FIELDS)
def test_a_control_character_in_any_string_is_named_with_its_field(name: str, value: str) -> None:
    problems = problems_of(changed(TESTAMENT, **{name: f"Before {value} after"}))
    assert len(problems) == 1 and problems[0].startswith(f"letter 9: {name}: ")


# Fast and careful agree ---------------------------------------------------------------------------

HOSTILE_STRINGS = st.sampled_from(
    [
        "",
        " ",
        "a\nb",
        "a\n\n\nb",
        "a\n\n \n\nb",
        "\n\na",
        "a\n\n",
        "\x1b]0;pwned\x07",
        "\x85",
        "\ud800",
        "ok\udfff",
        "1922-W52-1",
        "19221225",
        "1922-12-25",
        "1922-12-25T00:00",
        "Not A Slug",
        "fine-slug",
        "Leon Trotsky",
        "First.\n\nSecond.",
        "x" * 50_000,
    ]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**20) | st.floats(allow_nan=False) | HOSTILE_STRINGS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=5,
)
FIELDS = {
    "letter": [field.encode_name for field in msgspec.structs.fields(Letter)],
    "part": [field.encode_name for field in msgspec.structs.fields(Part)],
    "note": [field.encode_name for field in msgspec.structs.fields(Note)],
}


def records(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    letters = json.loads(json.dumps(LETTERS[draw(st.integers(0, 18)) :][: draw(st.integers(1, 4))]))
    for _ in range(draw(st.integers(1, 4))):
        letter = draw(st.sampled_from(letters))
        target, where = letter, "letter"
        parts, notes = records(letter.get("parts")), records(letter.get("notes"))
        if draw(st.booleans()) and parts:
            target, where = draw(st.sampled_from(parts)), "part"
        elif draw(st.booleans()) and notes:
            target, where = draw(st.sampled_from(notes)), "note"
        key = draw(st.sampled_from(FIELDS[where]))
        if draw(st.booleans()):
            target.pop(key, None)
        else:
            target[key] = draw(JSON_VALUES | HOSTILE_STRINGS | st.lists(HOSTILE_STRINGS, max_size=2))
    if draw(st.booleans()):
        return {"letters": letters, "people": BUNDLED["people"], "edition": BUNDLED["edition"]}
    return letters


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=mutated())
def test_the_fast_and_careful_paths_agree(document: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    careful, problems = check_document(document)
    assert (careful is None) == bool(problems)
    try:
        fast = parse_document(document)
    except CorpusError as error:
        assert problems and error.problems == tuple(problems[: corpus.MAX_LISTED_PROBLEMS])
        assert "\n" not in str(error)
    else:
        assert not problems and fast == careful
    # The same document from a file: the bytes are decoded by msgspec on load, by json on validate.
    path = tmp_path_factory.mktemp("agree") / "corpus.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    from_file, file_problems = check_file(path)
    assert file_problems == problems and from_file == careful
    if problems:
        with pytest.raises(CorpusError):
            load(path)
    else:
        assert load(path) == careful


def test_every_bundled_letter_takes_the_fast_path() -> None:
    assert corpus._decoded(bundled_text(BUNDLED_FILE)) == load()


# Hostile corpora -----------------------------------------------------------------------------------


def run_tool(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leninletters", *args],
        capture_output=True,
        text=True,
        timeout=20,
        env={**os.environ, **(env or {})},
    )


def test_a_device_is_refused_with_one_line() -> None:
    result = run_tool("--corpus", "/dev/zero", "list")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "leninletters: error: corpus /dev/zero: a character device, not a regular file; "
        "give the path of a .json file\n"
    )


def test_a_device_is_refused_without_reading_a_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    """/dev/zero never ends: a reader that read before it asked what the file is would never stop."""
    read: list[int] = []

    class Counted:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Counted:
            return self

        def __exit__(self, *_: object) -> None:
            self.handle.close()

        def read(self, size: int = -1) -> bytes:
            data: bytes = self.handle.read(size)
            read.append(len(data))
            return data

    monkeypatch.setattr(
        reading, "open", lambda *args, **kwargs: Counted(open(*args, **kwargs)), raising=False
    )
    with pytest.raises(CorpusError, match="a character device, not a regular file"):
        corpus.read_bytes("/dev/zero")
    assert read == []
    # The counting is real: a regular file is read through the same handle.
    corpus.read_bytes(MINI)
    assert sum(read) == MINI.stat().st_size


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "corpus.json"
    os.mkfifo(fifo)
    for command in ("list", "validate"):
        result = run_tool("--corpus", str(fifo), command)
        assert result.returncode == 2 and "a FIFO, not a regular file" in result.stderr


def test_a_corpus_larger_than_the_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:  # sparse: two megabytes that take no room
        handle.truncate(2_000_001)
    monkeypatch.setenv(corpus.MAX_CORPUS_ENV, "2")
    with pytest.raises(CorpusError, match=r"larger than 2 MB; set LENINLETTERS_MAX_CORPUS_MB to a larger"):
        load(big)
    with pytest.raises(CorpusError, match="larger than 2 MB"):
        check_file(big)
    monkeypatch.setenv(corpus.MAX_CORPUS_ENV, "3")
    with pytest.raises(CorpusError, match="invalid JSON"):  # read, now: it is all zero bytes
        load(big)


def test_the_default_limit_holds_a_hundred_thousand_letters() -> None:
    assert corpus.max_corpus_bytes() >= 4 * 210_000_000  # the benchmark's 100,000 letters: 210 MB


@pytest.mark.parametrize("value", ["0", "-1", "ten", "1e3", "1_000", " 5", "٣", "9" * 40])
def test_a_bad_limit_is_named(value: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(corpus.MAX_CORPUS_ENV, value)
    with pytest.raises(CorpusError, match=f"LENINLETTERS_MAX_CORPUS_MB={value!r}: expected a whole number"):
        load(write(tmp_path, LETTERS))


NESTED = [
    "[" * 100_000 + "]" * 100_000,
    json.dumps({"letters": LETTERS, "edition": {}})[:-2] + '"deep": ' + "[" * 100_000 + "]" * 100_000 + "}}",
    json.dumps(LETTERS[:1])[:-2] + ', "extra": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}]",
]


@pytest.mark.parametrize("content", NESTED, ids=["document", "edition", "unknown-key"])
def test_deep_nesting_is_a_corpus_error_not_a_crash(tmp_path: Path, content: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(CorpusError, match="nested too deeply"):
        load(path)
    with pytest.raises(CorpusError, match="nested too deeply"):
        check_file(path)
    result = run_tool("--corpus", str(path), "list")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "nested too deeply" in result.stderr


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("One.\n\n\nTwo.", "text: three line breaks in a row at character 5: paragraphs are separated"),
        ("One.\n\n\n\nTwo.", "text: three line breaks in a row at character 5"),
        ("One.\n\n \n\nTwo.", "text: paragraph 2 is empty"),
        ("\n\nOne.", "text: paragraph 1 is empty"),
        ("One.\n\n", "text: paragraph 2 is empty"),
        ("One.\nTwo.", "text: a line break at character 5 that does not end a paragraph"),
        ("One.\tTwo.", "text: holds a control character (U+0009) at character 5"),
        ("One.\r\n\r\nTwo.", "text: holds a control character (U+000D) at character 5"),
    ],
)
def test_a_text_with_empty_paragraphs_or_stray_breaks_is_refused(text: str, says: str) -> None:
    letter = {**LETTERS[0], "text": text, "parts": [{**LETTERS[0]["parts"][0], "paragraphs": [1, 1]}]}
    problems = problems_of([letter])
    assert len(problems) == 1 and problems[0].startswith(f"letter 1: {says}")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            {"title": "To Leon\nTrotsky"},
            "letter 1: title: holds a line break at character 8; it must be one line",
        ),
        (
            {"title": "\x1b]8;;file:///etc/passwd\x07x"},
            "letter 1: title: holds a control character (U+001B) at",
        ),
        ({"section": "A\x85B"}, "letter 1: section: holds a control character (U+0085) at character 2"),
        ({"recipients": ["Leon Trotsky", "Bell\x07"]}, "letter 1: recipients[2]: holds a control character"),
        ({"scribes": ["L.F.\n"], "scribe_names": ["L"]}, "letter 1: scribes[1]: holds a line break"),
        ({"title": "   "}, "letter 1: title: '   ' must be a non-empty string"),
        ({"classification": ""}, "letter 1: classification: '' must be a non-empty string or null"),
    ],
)
def test_titles_and_names_are_one_visible_line(change: dict[str, Any], says: str) -> None:
    problems = problems_of([{**LETTERS[0], **change}])
    assert len(problems) == 1 and problems[0].startswith(says)


def test_a_person_or_a_note_with_control_characters_is_refused() -> None:
    people = [{**BUNDLED["people"][0], "name": "Lenin\x1b[8m"}, *BUNDLED["people"][1:]]
    _, problems = check_document({"letters": LETTERS, "people": people})
    assert problems == ["person at position 1: name: holds a control character (U+001B) at character 6"]
    notes = [{**WITH_NOTE["notes"][0], "text": "Two\n\nparagraphs"}]
    assert (
        "notes[1]: text: holds a line break at character 4" in problems_of(changed(WITH_NOTE, notes=notes))[0]
    )


def test_duplicate_keys_are_named_with_letter_and_field(tmp_path: Path) -> None:
    text = json.dumps(LETTERS[:2])
    text = text.replace('"title": "To Leon Trotsky", ', '"title": "To Leon Trotsky", "title": "Another", ', 1)
    text = text.replace('"label": null', '"label": null, "label": "P.S."', 1)
    text = text.replace('"slug": ', '"number": 5, "slug": ', 1)
    found, problems = check_file(write(tmp_path, text))
    assert found is None
    assert problems == [
        "letter at position 1: number: given more than once",
        "letter at position 1: title: given more than once",
        "letter at position 1: parts[1]: label: given more than once",
    ]
    document = (
        '{"letters": [], "letters": ' + json.dumps(LETTERS) + ', "edition": {"scribes": {}, "scribes": {}}}'
    )
    assert check_file(write(tmp_path, document))[1] == [
        "letters: given more than once",
        "edition: scribes: given more than once",
    ]


@pytest.mark.parametrize(
    "date", ["1922-W52-1", "1922-W52", "19221225", "1922-359", "1922-12-25T00:00", "+1922-12-25"]
)
def test_only_plain_dates_are_dates(date: str, tmp_path: Path) -> None:
    letter = {**TESTAMENT, "parts": [dict(part) for part in TESTAMENT["parts"]]}
    letter["parts"][1]["date"] = date
    expected = f"expected a real date as YYYY-MM-DD, found {date!r}"
    assert problems_of([{**letter, "date": date}]) == [
        f"letter 9: date: {expected}",
        f"letter 9: parts[2]: date: {expected}",
    ]
    with pytest.raises(CorpusError, match="letter 9: date: expected a real date"):
        load(write(tmp_path, [{**letter, "date": date}]))


@pytest.mark.parametrize("field", ["title", "text", "source"])
def test_an_unpaired_surrogate_is_refused_with_its_field(field: str, tmp_path: Path) -> None:
    path = write(tmp_path, [{**LETTERS[0], field: LETTERS[0][field][:5] + "\ud800" + LETTERS[0][field][5:]}])
    assert "\\ud800" in path.read_text(encoding="utf-8")  # json writes it as an escape, as an attacker would
    message = f"corpus {path}: letter 1: {field}: holds an unpaired surrogate (U+D800) at character 6"
    with pytest.raises(CorpusError) as raised:
        load(path)
    assert str(raised.value) == message
    assert check_file(path)[1] == [message.split(": ", 1)[1]]


def test_an_unknown_key_is_ignored_even_when_odd(tmp_path: Path) -> None:
    path = write(tmp_path, [{**LETTERS[0], "remark": "\x1b\ud800", "extra": [[[]]]}])
    assert load(path).letters[0].to_json() == LETTERS[0]
    assert check_file(path)[1] == []


def test_a_file_that_does_not_know_its_size_is_read_up_to_the_limit() -> None:
    if not os.path.exists("/proc/self/environ"):
        pytest.skip("no /proc")
    # /proc/self/environ: a regular file of size 0 that holds the process's environment, here 1.2 MB.
    padding = {f"PADDING{n}": "x" * 120_000 for n in range(10)}
    result = run_tool("--corpus", "/proc/self/environ", "list", env={corpus.MAX_CORPUS_ENV: "1", **padding})
    assert result.returncode == 2 and "larger than 1 MB" in result.stderr


@given(
    st.text(alphabet=st.sampled_from(" a~\n\x00\x1f\x7f\x80\x9f\xa0\ud7ff\ud800\udfff\ue000’\u2028\x85\t😀"))
)
def test_the_patterns_refuse_exactly_the_hidden_characters(value: str) -> None:
    hidden = re.search(f"[{HIDDEN}]", value.replace("\n", "")) is not None
    paragraphs = value.split("\n\n")
    line_ok = "\n" not in value and not hidden and value.strip() != ""
    assert (re.search(LINE_PATTERN, value) is not None) == line_ok
    text_ok = not hidden and all(p.strip() and "\n" not in p for p in paragraphs)
    assert (re.search(PARAGRAPHS_PATTERN, value) is not None) == text_ok


# Records inside optional fields --------------------------------------------------------------------

TO_TROTSKY = next(letter for letter in LETTERS if letter["number"] == 7)  # an apparatus with hands and lcw


def with_apparatus(letter: dict[str, Any], key: str, value: Any) -> list[dict[str, Any]]:
    return changed(letter, apparatus={**letter["apparatus"], key: value})


@pytest.mark.parametrize(
    ("key", "change", "says"),
    [
        (
            "hands",
            {"written_by": "Lenin"},
            "letter 7: apparatus: hands[1]: give one of scribe and written_by",
        ),
        (
            "lcw",
            {"volume": 45.5},
            "letter 7: apparatus: lcw: volume: expected a whole number from 1, found 45.5",
        ),
        (
            "lcw",
            {"certainty": "sure"},
            'letter 7: apparatus: lcw: certainty: expected "high", "medium" or "low", found \'sure\'',
        ),
        (
            "provenance",
            {"note": "a\x1bb"},
            "letter 7: apparatus: provenance: note: holds a control character (U+001B) at character 2",
        ),
    ],
)
def test_a_bad_value_inside_an_optional_record_is_named_with_its_field(
    key: str, change: dict[str, Any], says: str, tmp_path: Path
) -> None:
    value = TO_TROTSKY["apparatus"][key]
    value = [{**value[0], **change}] if isinstance(value, list) else {**value, **change}
    letters = with_apparatus(TO_TROTSKY, key, value)
    assert problems_of(letters) == [says]
    with pytest.raises(CorpusError) as raised:
        load(write(tmp_path, letters))
    assert str(raised.value).endswith(f": {says}")


def test_a_bad_value_in_a_person_or_a_note_expansion_is_named_with_its_field() -> None:
    lenin = BUNDLED["people"][0]
    people = [{**lenin, "apparatus": {**lenin["apparatus"], "certainty": 1}}, *BUNDLED["people"][1:]]
    _, problems = check_document({"letters": LETTERS, "people": people})
    assert problems == [
        'person at position 1: apparatus: certainty: expected "high", "medium" or "low", found 1'
    ]
    expansion = {"expands": "A book", "authority": "edition", "certainty": "high", "note": "\x07"}
    notes = [{**WITH_NOTE["notes"][0], "expansion": expansion}]
    assert problems_of(changed(WITH_NOTE, notes=notes)) == [
        f"letter {WITH_NOTE['number']}: notes[1]: expansion: note: holds a control character (U+0007) at "
        "character 1"
    ]


def test_an_optional_record_of_the_wrong_kind_still_says_what_it_expects() -> None:
    assert problems_of(with_apparatus(TO_TROTSKY, "lcw", "vol. 45")) == [
        "letter 7: apparatus: lcw: expected an object or null, found 'vol. 45'"
    ]


# Partial dates: a person's born and died --------------------------------------------------------------

PARTIAL = "must be a real date as YYYY, YYYY-MM or YYYY-MM-DD, or null"


def with_life_dates(born: Any) -> dict[str, Any]:
    lenin = BUNDLED["people"][0]
    people = [{**lenin, "apparatus": {**lenin["apparatus"], "born": born}}, *BUNDLED["people"][1:]]
    return {"letters": LETTERS, "people": people}


@pytest.mark.parametrize(
    "born",
    [
        "١٩٢٢",
        "1922-99-99",
        "1922-13",
        "1922-00",
        "1922-12-00",
        "1922-12-32",
        "1922-02-29",
        "1900-02-29",
        "1922-04-31",
        "0000",
        "1922-1-5",
        "１９２２",
        "1922-12-2５",
        "1922/12/25",
        " 1922",
    ],
)
def test_a_partial_date_is_real_with_ascii_digits(born: str, tmp_path: Path) -> None:
    document = with_life_dates(born)
    says = f"person at position 1: apparatus: born: {born!r} {PARTIAL}"
    assert check_document(document)[1] == [says]
    with pytest.raises(CorpusError) as raised:
        load(write(tmp_path, document))
    assert str(raised.value).endswith(f": {says}")


@pytest.mark.parametrize(
    "born", ["1870", "1870-04", "1870-04-22", "1924-02-29", "2000-02-29", "0001", "9999-12-31"]
)
def test_a_real_partial_date_is_accepted(born: str, tmp_path: Path) -> None:
    loaded = load(write(tmp_path, with_life_dates(born)))
    assert loaded.people[0].apparatus is not None and loaded.people[0].apparatus.born == born


def test_the_partial_date_pattern_knows_every_day_of_the_calendar() -> None:
    import datetime as dt

    pattern = re.compile(PARTIAL_DAY_PATTERN)
    for year in (1, 4, 100, 400, 1600, 1700, 1800, 1900, 1922, 1923, 1924, 2000, 2024, 2100, 9996, 9999):
        assert pattern.search(f"{year:04d}")
        for month in range(0, 14):
            assert (pattern.search(f"{year:04d}-{month:02d}") is not None) == (1 <= month <= 12)
            for day in range(0, 33):
                try:
                    real = dt.date(year, month, day) is not None
                except ValueError:
                    real = False
                assert (pattern.search(f"{year:04d}-{month:02d}-{day:02d}") is not None) == real


# The edition block -----------------------------------------------------------------------------------

EDITION_PROBLEMS = [
    ({"title": "Lenin\x1b[2J"}, "edition: title: holds a control character (U+001B) at character 6"),
    ({"authors": "Woods\x07"}, "edition: authors: holds a control character (U+0007) at character 6"),
    ({"version": "0.1\n0"}, "edition: version: holds a line break at character 4; it must be one line"),
    ({"book": "A\x9bB"}, "edition: book: holds a control character (U+009B) at character 2"),
    ({"statement": "ok\ud800"}, "edition: statement: holds an unpaired surrogate (U+D800) at character 3"),
    ({"title": {"a": [1, 2]}}, "edition: title: expected a non-empty string or null, found an object"),
    ({"appendix": True}, "edition: appendix: expected a non-empty string or null, found true/false"),
    ({"version": 1}, "edition: version: expected a non-empty string or null, found 1"),
    ({"translation": ["LCW"]}, "edition: translation: expected a non-empty string or null, found an array"),
    ({"period": ""}, "edition: period: '' must be a non-empty string or null"),
    ({"cmif_url": "http://x\x1b"}, "edition: cmif_url: holds a control character (U+001B) at character 9"),
    ({"cmif_editor": 7}, "edition: cmif_editor: expected a non-empty string or null, found 7"),
    (
        {"cmif_publisher": "\n"},
        "edition: cmif_publisher: holds a line break at character 1; it must be one line",
    ),
    (
        {"scribes": {"L.F.": 1}},
        "edition: scribes: expected an object mapping initials to names, found an object",
    ),
    (
        {"extra": {"nested": ["fine", "bell\x07"]}},
        "edition: extra: nested[2]: holds a control character (U+0007) at character 5",
    ),
    ({"extra": "two\nlines"}, "edition: extra: holds a line break at character 4; it must be one line"),
    ({"ke\x1by": 1}, "edition: key 'ke\\x1by': holds a control character (U+001B) at character 3"),
]


@pytest.mark.parametrize(("change", "says"), EDITION_PROBLEMS)
def test_a_bad_edition_is_named_with_its_key_on_both_paths(
    change: dict[str, Any], says: str, tmp_path: Path
) -> None:
    document = {"letters": LETTERS, "edition": {**BUNDLED["edition"], **change}}
    assert check_document(document)[1] == [says]
    assert corpus._decoded(json.dumps(document)) is None  # the fast path refuses it, for the careful one
    with pytest.raises(CorpusError) as raised:
        parse_document(document)
    assert str(raised.value) == f"corpus: {says}"
    path = write(tmp_path, document)
    with pytest.raises(CorpusError) as raised:
        load(path)
    assert str(raised.value) == f"corpus {path}: {says}"
    assert check_file(path)[1] == [says]


def test_an_edition_of_other_keys_and_nulls_is_taken_as_it_is(tmp_path: Path) -> None:
    edition = {
        **BUNDLED["edition"],
        "title": None,
        "statement": "Cite me.",
        "extra": [1, 2.5, True, None, "", {"k": "v"}, []],
    }
    loaded = load(write(tmp_path, {"letters": LETTERS, "edition": edition}))
    assert loaded.metadata == edition
    assert check_document({"letters": LETTERS, "edition": edition}) == (loaded, [])


EDITION_VALUES = st.one_of(
    JSON_VALUES, HOSTILE_STRINGS, st.dictionaries(HOSTILE_STRINGS, HOSTILE_STRINGS, max_size=2)
)
EDITION_KEYS = st.sampled_from(
    [
        "title",
        "book",
        "appendix",
        "period",
        "authors",
        "translation",
        "version",
        "statement",
        "cmif_url",
        "cmif_editor",
        "cmif_publisher",
        "scribes",
        "extra",
        "\x1b",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edition=st.dictionaries(EDITION_KEYS, EDITION_VALUES, max_size=4))
def test_the_fast_and_careful_paths_agree_on_the_edition(edition: dict[str, Any]) -> None:
    document = {"letters": LETTERS[:2], "edition": edition}
    careful, problems = check_document(document)
    assert (careful is None) == bool(problems)
    assert all(problem.startswith("edition: ") for problem in problems)
    fast = corpus._decoded(json.dumps(document))
    assert fast == careful if fast is not None else True
    assert (fast is None) == bool(problems)


# People that letters name ------------------------------------------------------------------------------


def with_unknown_people() -> list[dict[str, Any]]:
    letters: list[dict[str, Any]] = json.loads(json.dumps(LETTERS))
    testament = next(letter for letter in letters if letter["slug"] == "testament")
    testament["mentions"][1]["person"] = "oldenberg"  # the span and form stay right: only the id is wrong
    testament["people"].append("nobody")
    return letters


UNKNOWN_PEOPLE = [
    "letter 9: mentions[2]: person: no person has the id 'oldenberg'",
    f"letter 9: people[{len(TESTAMENT['people']) + 1}]: no person has the id 'nobody'",
]


def test_a_letter_that_names_someone_not_among_the_people_is_refused(tmp_path: Path) -> None:
    document = {"letters": with_unknown_people(), "people": BUNDLED["people"]}
    assert check_document(document)[1] == UNKNOWN_PEOPLE
    assert corpus._decoded(json.dumps(document)) is None
    path = write(tmp_path, document)
    with pytest.raises(CorpusError) as raised:
        load(path)
    assert (
        str(raised.value) == f"corpus {path}: {UNKNOWN_PEOPLE[0]} (and 1 more: run 'leninletters validate')"
    )


def test_an_unknown_person_is_named_beside_the_letters_other_problems() -> None:
    letters = with_unknown_people()
    letters[8]["title"] = "Bell\x07"
    _, problems = check_document({"letters": letters, "people": BUNDLED["people"]})
    assert problems == ["letter 9: title: holds a control character (U+0007) at character 5", *UNKNOWN_PEOPLE]


@pytest.mark.parametrize("shape", ["array", "no people", "empty people"])
def test_a_corpus_that_lists_no_people_keeps_its_mentions_unchecked(shape: str, tmp_path: Path) -> None:
    # `list --json` prints the letters alone, mentions and all, and what it prints is a corpus.
    letters = with_unknown_people()
    document: Any = {
        "array": letters,
        "no people": {"letters": letters},
        "empty people": {"letters": letters, "people": []},
    }[shape]
    loaded = load(write(tmp_path, document))
    assert check_document(document) == (loaded, [])


# Recipients and the apparatus's recipients ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "change", "says"),
    [
        (
            9,
            {"recipients": ["Leon Trotsky"]},
            "letter 9: recipients: must be those of apparatus.recipients, in the same order "
            "('Twelfth Party Congress')",
        ),
        (
            22,
            {"recipients": ["F.Y. Makharadze", "P.G. Mdivani", "and others"]},
            "letter 22: recipients: must be those of apparatus.recipients, in the same order "
            "('P.G. Mdivani', 'F.Y. Makharadze', 'and others')",
        ),
        (
            11,
            {"recipients_inferred": False},
            "letter 11: recipients_inferred: must be true, as apparatus.recipients.inferred says",
        ),
    ],
)
def test_recipients_agree_with_the_apparatus(
    number: int, change: dict[str, Any], says: str, tmp_path: Path
) -> None:
    letters = [{**letter, **change} if letter["number"] == number else letter for letter in LETTERS]
    assert problems_of(letters) == [says]
    with pytest.raises(CorpusError) as raised:
        load(write(tmp_path, letters))
    assert str(raised.value).endswith(f": {says}")


def test_recipients_without_the_apparatus_recipients_are_the_letters_own() -> None:
    letter = {**TO_TROTSKY, "recipients": ["Someone Else"]}  # letter 7: no apparatus.recipients
    assert problems_of([letter]) == []


@pytest.mark.parametrize("nonchar", ["\ufffe", "\uffff"])
def test_a_noncharacter_no_xml_can_carry_is_refused(tmp_path: Path, nonchar: str) -> None:
    letters = json.loads(MINI.read_text(encoding="utf-8"))
    letters = letters["letters"] if isinstance(letters, dict) else letters
    letters[0]["recipients"] = [f"Leon{nonchar} Trotsky"]
    found, problems = check_document({"letters": letters})
    assert found is None
    assert any("recipients[1]" in problem for problem in problems)
