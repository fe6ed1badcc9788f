"""cite: exact citations in each style, read back by parsers of the formats' own rules."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leninletters.core.model import Corpus, Letter
from leninletters.core.present import long_date
from leninletters.formats import cite
from leninletters.store.corpus import load

from .conftest import run

EDITION = load()
# The web text the source file is (apparatus reference "web-text"): the one address the edition records.
WEB_TEXT = "https://www.marxist.com/lenin-trotsky-stalinism-johnstone/all-pages.htm"


# A BibTeX reader, from the format's rules: @type{key, name = {value}, ...}, braces balanced inside
# values (counted as BibTeX counts them, a backslash before one included), LaTeX's specials escaped; it
# gives back each value as the text it stands for.

_UNESCAPE = {
    r"{\textbackslash}": "\\",
    r"{\textasciitilde}": "~",
    r"{\textasciicircum}": "^",
    r"{\textbraceleft}": "{",
    r"{\textbraceright}": "}",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}
_ESCAPES = re.compile("|".join(re.escape(sequence) for sequence in _UNESCAPE))


def unescape(value: str) -> str:
    return _ESCAPES.sub(lambda match: _UNESCAPE[match[0]], value)


def _braced(text: str, at: int) -> tuple[str, int]:
    """The value between the brace at `at` and its match, and where the match ends."""
    assert text[at] == "{", f"expected {{ at {at}: {text[at : at + 20]!r}"
    depth, index = 0, at
    while index < len(text):
        character = text[index]
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0:
                return text[at + 1 : index], index + 1
        index += 1
    raise AssertionError("unbalanced braces")


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """Every entry as (type, key, fields), the fields' values unescaped; fails on any deviation."""
    entries: list[tuple[str, str, dict[str, str]]] = []
    at = 0
    while True:
        start = re.compile(r"\s*@([a-z]+)\{([A-Za-z0-9:_.-]+),\n").match(text, at)
        if start is None:
            assert text[at:].strip() == "", f"unparsed: {text[at : at + 40]!r}"
            return entries
        kind, key = start[1], start[2]
        at = start.end()
        fields: dict[str, str] = {}
        while not text.startswith("}", at):
            name = re.compile(r"  ([a-z]+) = ").match(text, at)
            assert name is not None, f"field expected: {text[at : at + 40]!r}"
            value, at = _braced(text, name.end())
            assert text.startswith(",\n", at)
            at += 2
            if value.startswith("{") and value.endswith("}"):
                inner, end = _braced(value, 0)
                if end == len(value):
                    value = inner  # the doubled braces that keep a title's capitals
            assert name[1] not in fields, f"{name[1]} given twice"
            fields[name[1]] = unescape(value)
        at += 1
        entries.append((kind, key, fields))


RIS_LINE = re.compile(r"\A([A-Z][A-Z0-9])  - (.*)\Z")


def parse_ris(text: str) -> list[list[tuple[str, str]]]:
    """Records of (tag, value): TY first, ER last, every line a two-character tag, two spaces, a hyphen and
    a space."""
    records: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line and not current:
            continue
        match = RIS_LINE.match(line)
        assert match is not None, f"not a RIS line: {line!r}"
        tag, value = match[1], match[2]
        if not current:
            assert tag == "TY", "a record starts with TY"
        current.append((tag, value))
        if tag == "ER":
            assert value == ""
            records.append(current)
            current = []
    assert not current, "a record ends with ER"
    return records


# What a CSL-JSON item needs (CSL 1.0.2 schema, csl-data.json): id and type; names as family/given or
# literal; dates as date-parts; every other variable a string or number.
CSL_TYPES = {"letter", "chapter", "book", "article", "manuscript", "personal_communication"}
CSL_NAME_VARIABLES = {"author", "recipient", "container-author", "editor"}
CSL_DATE_VARIABLES = {"issued", "original-date"}
CSL_STRING_VARIABLES = {
    "id",
    "type",
    "genre",
    "title",
    "container-title",
    "note",
    "version",
    "page",
    "volume",
    "number",
    "publisher",
    "publisher-place",
    "URL",
}


def check_csl(item: dict[str, Any]) -> None:
    assert isinstance(item["id"], str) and item["id"]
    assert item["type"] in CSL_TYPES
    assert set(item) <= CSL_NAME_VARIABLES | CSL_DATE_VARIABLES | CSL_STRING_VARIABLES
    for variable in CSL_NAME_VARIABLES & set(item):
        for name in item[variable]:
            assert set(name) in ({"family", "given"}, {"literal"}), name
            assert all(isinstance(part, str) and part for part in name.values())
    for variable in CSL_DATE_VARIABLES & set(item):
        parts = item[variable]["date-parts"]
        assert len(parts) == 1 and 1 <= len(parts[0]) <= 3 and all(isinstance(p, int) for p in parts[0])
    for variable in CSL_STRING_VARIABLES & set(item):
        assert isinstance(item[variable], str) and item[variable]


# Exact citations of letter 1 in every style ---------------------------------------------------------


def test_cite_text_exactly() -> None:
    code, stdout, stderr = run("cite", "1")
    assert (code, stderr) == (0, "")
    assert stdout == (
        "Lenin, Vladimir Ilyich. “To Leon Trotsky.” 12 December 1922. In Alan Woods and Ted Grant, Lenin and "
        "Trotsky – What they really stood for, Appendix C: Lenin’s Last Letters. "
        f"{WEB_TEXT}. Also in LCW (V.I. Lenin, Collected "
        "Works), vol. 45, p. 601. leninletters 0.1.0, letter 1 (to-trotsky-1922-12-12).\n"
    )


def test_cite_bibtex_exactly_and_it_parses() -> None:
    code, stdout, stderr = run("cite", "1", "--style", "bibtex")
    assert (code, stderr) == (0, "")
    assert stdout == (
        "@incollection{lenin1922totrotsky1212,\n"
        "  author = {Lenin, Vladimir Ilyich},\n"
        "  title = {{To Leon Trotsky, 12 December 1922}},\n"
        "  origdate = {1922-12-12},\n"
        "  year = {n.d.},\n"
        "  booktitle = {{Lenin and Trotsky – What they really stood for}},\n"
        "  editor = {Woods, Alan and Grant, Ted},\n"
        "  chapter = {Appendix C: Lenin’s Last Letters},\n"
        f"  url = {{{WEB_TEXT}}},\n"
        "  note = {Letter to Leon Trotsky. Printed in Appendix C: Lenin’s Last Letters. Also in LCW (V.I. "
        "Lenin, Collected Works), vol. 45, p. 601. leninletters 0.1.0, letter 1 (to-trotsky-1922-12-12).},\n"
        "}\n"
    )
    [(kind, key, fields)] = parse_bibtex(stdout)
    # The book's year is not known: "n.d.", never the letter's year where the book's belongs.
    assert (kind, key, fields["title"], fields["year"]) == (
        "incollection",
        "lenin1922totrotsky1212",
        "To Leon Trotsky, 12 December 1922",
        "n.d.",
    )


def test_cite_csl_json_exactly() -> None:
    code, stdout, stderr = run("cite", "6", "--style", "csl-json")
    assert (code, stderr) == (0, "")
    assert json.loads(stdout) == [
        {
            "id": "lenin1922tostalin1215",
            "type": "chapter",
            "author": [{"family": "Lenin", "given": "Vladimir Ilyich"}],
            "title": "Letter to Joseph Stalin for Central Committee Members, 15 December 1922",
            "original-date": {"date-parts": [[1922, 12, 15]]},
            "recipient": [{"literal": "Joseph Stalin"}, {"literal": "Central Committee members"}],
            "container-title": "Lenin and Trotsky – What they really stood for",
            "container-author": [{"family": "Woods", "given": "Alan"}, {"family": "Grant", "given": "Ted"}],
            "number": "Appendix C",
            "URL": WEB_TEXT,
            "note": "Letter to Joseph Stalin and the Central Committee members. Printed in Appendix C: "
            "Lenin’s Last Letters. Also in LCW (V.I. Lenin, Collected Works), vol. 33, pp. 460–461. "
            "leninletters 0.1.0, letter 6 (to-stalin-1922-12-15).",
        }
    ]
    check_csl(json.loads(stdout)[0])


def test_cite_ris_exactly() -> None:
    code, stdout, stderr = run("cite", "1", "--style", "ris")
    assert (code, stderr) == (0, "")
    assert stdout == (
        "TY  - CHAP\n"
        "ID  - lenin1922totrotsky1212\n"
        "AU  - Lenin, Vladimir Ilyich\n"
        "TI  - To Leon Trotsky, 12 December 1922\n"
        "T2  - Lenin and Trotsky – What they really stood for\n"
        "A2  - Woods, Alan\n"
        "A2  - Grant, Ted\n"
        f"UR  - {WEB_TEXT}\n"
        "N1  - Letter to Leon Trotsky. Printed in Appendix C: Lenin’s Last Letters. Also in LCW (V.I. Lenin, "
        "Collected Works), vol. 45, p. 601. leninletters 0.1.0, letter 1 (to-trotsky-1922-12-12).\n"
        "ER  - \n"
    )
    [record] = parse_ris(stdout)
    assert record[0] == ("TY", "CHAP") and record[-1] == ("ER", "")


def test_a_paragraph_cites_the_paragraph_dated_by_its_part() -> None:
    code, stdout, _ = run("cite", "9:11")
    assert code == 0
    assert stdout.startswith(
        "Lenin, Vladimir Ilyich. “Letter to the Congress (The Testament of Lenin).” Paragraph 11 (P.S.). "
        "4 January 1923."
    )
    assert stdout.rstrip().endswith("letter 9 (testament), paragraph 11.")
    [(_, key, fields)] = parse_bibtex(run("cite", "testament:11", "--style", "bibtex")[1])
    assert key == "lenin1922testament-p11" and fields["origdate"] == "1923-01-04"


def test_the_whole_testament_names_its_postscript_and_a_letter_without_lcw_place_says_nothing() -> None:
    testament = run("cite", "testament")[1]
    assert "25 December 1922 (P.S. 4 January 1923)" in testament
    assert "vol. 36, pp. 594–596" in testament
    assert "LCW" not in run("cite", "2")[1]


def test_cite_takes_what_show_takes_and_keeps_their_order() -> None:
    code, stdout, _ = run("cite", "nationalities", "22", "1922-12-29", "--style", "bibtex")
    assert code == 0
    assert [key for _, key, _ in parse_bibtex(stdout)] == [
        "lenin1922nationalities",
        "lenin1922nationalities1231a",
        "lenin1922nationalities1231b",
        "lenin1923tomdivanimakharadze0306",
        "lenin1922gosplan1229a",
        "lenin1922gosplan1229b",
        "lenin1922gosplan1229c",
    ]


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (("cite",), "which letter?"),
        (("cite", "1", "--style", "mla"), "--style 'mla'"),
        (("cite", "99"), "99"),
    ],
)
def test_cite_errors_are_one_line(args: tuple[str, ...], phrase: str) -> None:
    code, stdout, stderr = run(*args)
    assert (code, stdout) == (2, "")
    assert stderr.count("\n") == 1 and phrase in stderr


def test_show_says_how_to_cite_on_a_terminal_only() -> None:
    drawn = run("show", "testament", "--color", "always", "--no-pager")[1]
    assert re.sub(r"\x1b\[[0-9;]*m", "", drawn).rstrip().endswith("Cite: leninletters cite 9")
    assert "Cite:" not in run("show", "testament")[1]
    passage = re.sub(r"\x1b\[[0-9;]*m", "", run("show", "9:3-5", "--color", "always", "--no-pager")[1])
    assert passage.rstrip().endswith("Cite: leninletters cite 9:3-5")
    # By number: a slug may name a whole section (cite gosplan would cite 11-15); runs become ranges.
    one = re.sub(r"\x1b\[[0-9;]*m", "", run("show", "11", "--color", "always", "--no-pager")[1])
    assert one.rstrip().endswith("Cite: leninletters cite 11")
    section = re.sub(r"\x1b\[[0-9;]*m", "", run("show", "gosplan", "--color", "always", "--no-pager")[1])
    assert section.rstrip().endswith("Cite: leninletters cite 11-15")


# For all letters and passages ---------------------------------------------------------------------


def _passages(letter: Letter) -> st.SearchStrategy[tuple[int, int] | None]:
    count = len(letter.paragraphs)
    spans = st.tuples(st.integers(1, count), st.integers(1, count)).map(lambda s: (min(s), max(s)))
    return st.one_of(st.none(), spans)


SELECTED = st.sampled_from(EDITION.letters).flatmap(
    lambda letter: st.tuples(st.just(letter), _passages(letter))
)


@settings(max_examples=80, deadline=None)
@given(SELECTED)
def test_every_letter_and_passage_cites_in_every_style_and_reads_back(
    selected: tuple[Letter, tuple[int, int] | None],
) -> None:
    letter, passage = selected
    [cited] = cite.citations([selected], [(e.slug, e.date) for e in EDITION.letters], EDITION.metadata)
    [(kind, key, fields)] = parse_bibtex("".join(cite.document([cited], "bibtex")))
    assert kind == "incollection" and key == cited.key
    assert {"author", "title", "origdate", "year", "booktitle", "editor", "note"} <= set(fields)
    assert fields["title"].startswith(letter.title) and long_date(cited.date) in fields["title"]
    assert fields["origdate"] == cited.date.isoformat()
    [item] = json.loads("".join(cite.document([cited], "csl-json")))
    check_csl(item)
    assert item["id"] == key
    [record] = parse_ris("".join(cite.document([cited], "ris")))
    assert dict(record)["ID"] == key
    text = "".join(cite.document([cited], "text"))
    assert text.count("\n") == 1 and letter.slug in text
    if passage is None:
        assert cited.date == letter.date


@given(st.text(st.characters(codec="utf-8")))
def test_a_bibtex_value_reads_back_as_the_text_it_was(value: str) -> None:
    escaped = cite.bibtex_escape(value)
    inner, end = _braced("{" + escaped + "}", 0)
    assert end == len(escaped) + 2
    assert unescape(inner) == cite.one_line(value)


def test_keys_are_unique_over_the_corpus_and_fall_back_to_the_slug_where_two_would_meet(
    edition: Corpus,
) -> None:
    keys = cite.keys((letter.slug, letter.date) for letter in edition.letters)
    assert len(set(keys.values())) == len(edition.letters)
    assert keys["testament"] == "lenin1922testament"
    import msgspec

    twins = [
        msgspec.structs.replace(edition.letters[0], slug="to-ab-c", number=1),
        msgspec.structs.replace(edition.letters[1], slug="to-a-bc", number=2),
    ]
    keyed = cite.keys((twin.slug, twin.date) for twin in twins)
    assert keyed == {"to-ab-c": "lenin1922-to-ab-c", "to-a-bc": "lenin1922-to-a-bc"}


def test_csl_json_stays_valid_json_on_a_stream_that_cannot_encode_it() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    command = [sys.executable, "-m", "leninletters", "cite", "17", "--style", "csl-json"]
    ascii_out = subprocess.run(command, capture_output=True, env=env, check=True).stdout
    assert ascii_out.isascii()
    utf8 = subprocess.run(command, capture_output=True, env={**env, "PYTHONIOENCODING": "utf-8"}).stdout
    assert json.loads(ascii_out) == json.loads(utf8)  # ’ and – escaped, never folded to ' and -


def test_inferred_recipients_say_so_in_every_citation() -> None:
    assert "(recipients inferred by this edition, low certainty)" in run("cite", "16")[1]
    assert "recipients inferred by this edition" in run("cite", "16", "--style", "bibtex")[1]
    assert "inferred" not in run("cite", "20")[1]
