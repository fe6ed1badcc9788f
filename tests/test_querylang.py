"""The query language: what it reads, how it fails, and that it agrees with the predicates it builds."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leninletters.core import predicates as p
from leninletters.core.errors import QueryError
from leninletters.core.model import Corpus
from leninletters.core.querylang import parse
from leninletters.store.corpus import load_bundled

from .conftest import TREES, numbers


def pick(corpus: Corpus, query: str) -> list[int]:
    return numbers(p.select(corpus.letters, parse(query)))


def test_the_readme_examples(edition: Corpus) -> None:
    assert pick(edition, "to:trotsky date:1922-12-12..1922-12-21 -scribe:L.F.") == [1, 3, 5, 7]
    assert pick(edition, "date:1923.. or secret:") == [9, 19, 20, 21, 22]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("to:trotsky", [1, 2, 3, 4, 5, 7, 20, 22]),
        ("cc:trotsky", [2, 22]),
        ('to:"Leon Trotsky"', [1, 2, 3, 4, 5, 7, 20, 22]),
        ("scribe:none", [1, 3, 5, 6, 19, 20, 21, 22]),
        ("date:1922-12-31", [17, 18]),
        ("date:..1922-12-13", [1, 2, 3]),
        ("date:1923-03..", [20, 21, 22]),
        ("number:16..18", [16, 17, 18]),
        ("number:7", [7]),
        ("section:gosplan", [11, 12, 13, 14, 15]),
        ("secret:", [20, 21, 22]),
        ("slug:testament", [9]),
        ('"too rude"', [9]),
        ('text:"too rude"', [9]),
        ("monopoly plenum", [1, 2, 3]),
        ("monopoly and plenum", [1, 2, 3]),
        ("monopoly AND plenum", [1, 2, 3]),
        ("kamenev or zinoviev", [6, 9, 16, 21, 22]),
        ("to:kamenev or to:zinoviev", [21, 22]),
        ("not to:trotsky secret:", [21]),
        ("-to:trotsky secret:", [21]),
        ("(to:stalin or to:mdivani) secret:", [21, 22]),
        ("to:stalin or to:mdivani secret:", [6, 21, 22]),  # and binds tighter than or
        ("*", list(range(1, 23))),
    ],
)
def test_each_term_and_operator(edition: Corpus, query: str, expected: list[int]) -> None:
    assert pick(edition, query) == expected


@pytest.mark.parametrize(
    ("query", "column", "says"),
    [
        ("to:trotsky (date:1923 or )", 23, "nothing after 'or' at column 23"),
        ("to:trotsky (date:1923) )", 24, "unexpected ')' at column 24"),
        ("to:trotsky )", 12, "unexpected ')' at column 12"),
        ("(to:trotsky", 1, "unclosed '(' at column 1"),
        ('"too rude', 1, "unclosed quote at column 1"),
        ("stalin foo:bar", 8, "unknown field 'foo:' at column 8"),
        ("date:1922-13", 1, "the month must be 01 to 12"),
        ("date:1923..1922", 1, "runs backwards"),
        ("number:x", 1, "number:x is not a number"),
        ("number:²", 1, "is not a number"),
        ("number:" + "9" * 5000, 1, "is not a number"),
        ("to:", 1, "to: needs a value"),
        ("stalin or", 8, "nothing after 'or' at column 8"),
        ("stalin and", 8, "nothing after 'and' at column 8"),
        ("not", 1, "nothing after 'not' at column 1"),
        ("or stalin", 1, "unexpected 'or' at column 1"),
        ("()", 1, "empty parentheses at column 1"),
        ("", 1, "an empty query"),
        ("person:stalin:foo", 1, "person:stalin:foo names an unknown kind of mention 'foo': the kinds"),
        ("person:stalin:", 1, "person:stalin: names no kind after its colon"),
        ("date:١٩٢٣..", 1, "is not a date"),
        ("(" * 250 + "x" + ")" * 250, 51, "nests deeper than 50 levels at column 51"),
        ("not " * 5000 + "x", 201, "nests deeper than 50 levels at column 201"),
        ("-" * 5000 + "x", 51, "nests deeper than 50 levels at column 51"),
        ('""', 1, "an empty phrase"),
    ],
)
def test_a_malformed_query_points_at_the_spot(query: str, column: int, says: str) -> None:
    with pytest.raises(QueryError, match=says.replace("(", r"\(").replace(")", r"\)")) as caught:
        parse(query)
    assert caught.value.column == column
    assert "\n" not in str(caught.value)


def test_explain_writes_the_query_back_in_canonical_form() -> None:
    query = "to:trotsky date:1922-12-12..1922-12-21 -scribe:L.F."
    assert parse(query).explain() == "to:trotsky and date:1922-12-12..1922-12-21 and not scribe:L.F."
    assert parse("a or b c").explain() == "a or (b and c)"
    assert parse('"too rude" or to:"Leon Trotsky"').explain() == '"too rude" or to:"Leon Trotsky"'
    assert parse("date:1923..").explain() == "date:1923-01-01.."
    assert parse("date:1922-12").explain() == "date:1922-12-01..1922-12-31"


def test_values_parse_to_the_predicates_the_options_build() -> None:
    assert parse("to:trotsky") == p.Recipient("trotsky")
    assert parse("cc:Kamenev") == p.Recipient("Kamenev", copies_only=True)
    assert parse("date:1922-12..1923-01") == p.DateRange(dt.date(1922, 12, 1), dt.date(1923, 1, 31))
    assert parse("not -x") == p.Not(p.Not(p.Word("x")))


# Properties ------------------------------------------------------------------------------------


@given(st.text(max_size=40))
def test_any_string_parses_or_gives_the_tools_own_error(query: str) -> None:
    try:
        parse(query)
    except QueryError as error:
        assert 1 <= error.column <= len(query) + 1 or query.strip() == ""


@given(st.text(alphabet='to:scribe date1923.-()"orandnt xyz', max_size=30))
def test_query_shaped_strings_parse_or_give_the_tools_own_error(query: str) -> None:
    try:
        tree = parse(query)
    except QueryError:
        return
    assert parse(tree.explain()) == tree


@given(TREES)
def test_explain_round_trips(tree: p.Predicate) -> None:
    # Parsing flattens nested Alls and Anys and reads an empty All as everything: once parsed, a tree
    # writes itself back and reads back the same.
    once = parse(tree.explain())
    assert parse(once.explain()) == once
    assert once.explain() == parse(once.explain()).explain()


@given(TREES)
def test_not_and_minus_agree(tree: p.Predicate) -> None:
    edition = load_bundled()
    text = tree.explain()
    assert pick(edition, f"not ({text})") == pick(edition, f"-({text})")
    assert set(pick(edition, f"-({text})")) == set(range(1, 23)) - set(pick(edition, f"({text})"))


@given(TREES)
def test_a_parsed_tree_selects_what_the_tree_selects(tree: p.Predicate) -> None:
    edition = load_bundled()
    assert pick(edition, tree.explain()) == numbers(p.select(edition.letters, tree))
