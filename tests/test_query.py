"""The query layer: filters, references and search, tested directly."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leninletters import dates, query, search
from leninletters.errors import DateError, InputError, LetterNotFound, PatternError
from leninletters.folding import fold
from leninletters.model import Corpus, Filter, Letter


def numbers(letters: list[Letter]) -> list[int]:
    return [letter.number for letter in letters]


def select(corpus: Corpus, **options: object) -> list[int]:
    return numbers(query.select(corpus.letters, query.make_filter(**options)))  # type: ignore[arg-type]


def test_an_empty_filter_selects_every_letter_in_order(edition: Corpus) -> None:
    assert select(edition) == list(range(1, 23))


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"date_to": "1922-12"}, list(range(1, 19))),
        ({"date_from": "1923"}, [19, 20, 21, 22]),
        ({"date_from": "1922-12-31", "date_to": "1922-12-31"}, [17, 18]),
        ({"date_from": "1922-12-29", "date_to": "1923-01"}, [13, 14, 15, 16, 17, 18, 19]),
        ({"date_to": "1922-12-12"}, [1, 2]),
        ({"date_from": "1923-03-06"}, [22]),
        ({"date_from": "1924"}, []),
    ],
)
def test_dates_are_inclusive_and_partial_dates_cover_their_period(
    edition: Corpus, options: dict[str, str], expected: list[int]
) -> None:
    assert select(edition, **options) == expected


def test_recipient_is_case_insensitive_a_surname_is_enough_and_copies_count(edition: Corpus) -> None:
    to_trotsky = select(edition, recipients=["trotsky"])
    assert to_trotsky == [1, 2, 3, 4, 5, 7, 20, 22]  # 2 and 22 were copied to him
    assert select(edition, recipients=["Leon Trotsky"]) == to_trotsky
    assert select(edition, recipients=["LEON TROTSKY"]) == to_trotsky
    assert select(edition, recipients=["Frumkin"]) == [2, 3]
    assert select(edition, recipients=["kamenev", "zinoviev"]) == [21, 22]
    assert select(edition, recipients=["congress"]) == [8, 9, 10, 19]
    assert select(edition, recipients=["trots"]) == []  # whole words, not fragments


def test_scribe_by_initials_or_name_any_part_counts_and_none_selects_the_unscribed(edition: Corpus) -> None:
    fotieva = select(edition, scribe="L.F.")
    assert fotieva == [2, 4, 9, 10, 11, 12]  # 9: only its P.S. was taken down by L.F.
    assert select(edition, scribe="fotieva") == fotieva
    assert select(edition, scribe="Lydia Fotieva") == fotieva
    assert select(edition, scribe="l.f.") == fotieva
    assert select(edition, scribe="Volodicheva") == [8, 9, 13, 14, 15, 16, 17, 18]
    assert select(edition, scribe="none") == [1, 3, 5, 6, 7, 19, 20, 21, 22]
    assert select(edition, scribe="nobody") == []


def test_keywords_must_all_occur_with_typographic_folding(edition: Corpus) -> None:
    assert select(edition, keywords=["Ordzhonikidze's"]) == [16, 22]
    assert select(edition, keywords=["monopoly", "plenum"]) == [1, 2, 3]
    assert select(edition, keywords=["MONOPOLY", "testament"]) == []
    assert select(edition, keywords=['"appendage"']) == [10]


def test_filters_combine(edition: Corpus) -> None:
    assert select(edition, recipients=["trotsky"], date_from="1922-12-15", scribe="none") == [5, 7, 20, 22]


def test_empty_option_values_are_refused() -> None:
    with pytest.raises(InputError, match="--recipient"):
        query.make_filter(recipients=["  "])
    with pytest.raises(InputError, match="--keyword"):
        query.make_filter(keywords=[""])
    with pytest.raises(DateError):
        query.make_filter(date_from="1923", date_to="1922")


def test_references_by_number_slug_and_date(edition: Corpus) -> None:
    letters = edition.letters
    assert numbers(query.resolve(letters, ["9"])) == [9]
    assert numbers(query.resolve(letters, ["testament"])) == [9]
    assert numbers(query.resolve(letters, ["Testament"])) == [9]
    assert numbers(query.resolve(letters, ["1922-12-29"])) == [13, 14, 15]
    assert numbers(query.resolve(letters, ["1923-01-04"])) == [9]  # the Testament's P.S.
    assert numbers(query.resolve(letters, ["1923-03"])) == [20, 21, 22]
    assert numbers(query.resolve(letters, ["22", "1", "22"])) == [22, 1]


@pytest.mark.parametrize(
    ("reference", "says"),
    [
        ("0", "numbered 1 to 22"),
        ("99", "numbered 1 to 22"),
        ("-1", "numbered 1 to 22"),
        ("testamnet", "did you mean testament"),
        ("1922-12-14", "nearest are 1922-12-13 and 1922-12-15"),
        ("", "empty reference"),
    ],
)
def test_a_reference_to_no_letter_says_what_exists(edition: Corpus, reference: str, says: str) -> None:
    with pytest.raises(LetterNotFound, match=says):
        query.resolve(edition.letters, [reference])


def test_folding_maps_typography_accents_and_case() -> None:
    assert fold("Ordzhonikidze’s “manhandling” – Café") == 'ordzhonikidze\'s "manhandling" - cafe'
    assert fold("Straße") == "strasse"
    assert fold("ABC", case=True) == "ABC"


def test_find_gives_spans_in_the_printed_text(edition: Corpus) -> None:
    letter = edition.letters[21]
    found = search.find(letter, search.Search("ordzhonikidze's"))
    assert [(m.text, m.paragraph) for m in found] == [("Ordzhonikidze’s", 4)]
    assert letter.text[found[0].start : found[0].end] == "Ordzhonikidze’s"


def test_find_spans_stay_right_where_folding_changes_lengths(mini: Corpus) -> None:
    second = mini.letters[1]
    found = search.find(second, search.Search("strasse"))
    assert [m.text for m in found] == ["Straße", "STRASSE"]
    first = mini.letters[0]
    assert [m.text for m in search.find(first, search.Search("cafe ebert"))] == ["Café Ébert"]
    assert [m.text for m in search.find(first, search.Search('"monopoly"'))] == ["“monopoly”"]


def test_word_regex_and_case_options(edition: Corpus) -> None:
    testament = edition.letters[8]
    assert search.count(testament, search.Search("split")) == 9
    assert search.count(testament, search.Search("split", word=True)) == 9
    assert search.count(testament, search.Search("spli")) == 9
    assert search.count(testament, search.Search("spli", word=True)) == 0
    assert search.count(testament, search.Search("stalin", case_sensitive=True)) == 0
    assert search.count(testament, search.Search("Stalin", case_sensitive=True)) == 6
    found = search.find(testament, search.Search(r"Bukharin|Pyatakov", regex=True))
    assert {m.text for m in found} == {"Bukharin", "Pyatakov"}


def test_bad_patterns_are_refused() -> None:
    with pytest.raises(PatternError, match="invalid regular expression"):
        search.Search("(unclosed", regex=True).check()
    with pytest.raises(PatternError, match="empty pattern"):
        search.Search("").check()
    with pytest.raises(PatternError, match="limit is 1,000"):
        search.Search("a" * 10_000).check()


def test_snippets_show_the_matching_sentence_and_context(edition: Corpus) -> None:
    letter = edition.letters[21]
    found = search.find(letter, search.Search("rudeness"))
    (only,) = search.snippets(letter, found)
    assert only.text == (
        "I am indignant over Ordzhonikidze’s rudeness and the connivance of Stalin and Dzerzhinsky."
    )
    assert only.text[slice(*only.highlights[0])] == "rudeness"
    (wider,) = search.snippets(letter, found, context=1)
    assert wider.text.startswith("I am following your case with all my heart.")
    assert wider.text.endswith("I am preparing for you notes and a speech.")


def test_initials_do_not_end_a_sentence() -> None:
    text = "For, of course, the White Guard (it seems to have been S.S. Oldenburg) was right. Next."
    assert [text[s:e] for s, e in search.sentences(text)] == [
        "For, of course, the White Guard (it seems to have been S.S. Oldenburg) was right.",
        "Next.",
    ]


def test_matches_in_one_sentence_share_one_snippet(mini: Corpus) -> None:
    second = mini.letters[1]
    found = search.find(second, search.Search("monopoly"))
    (snippet,) = search.snippets(second, found)
    assert len(snippet.highlights) == 2


# Properties ------------------------------------------------------------------------------------

WORDS = st.sampled_from(["trotsky", "stalin", "l.f.", "m.v.", "none", "congress", "Kamenev", "x"])
DATES = st.sampled_from([None, "1922", "1922-12", "1922-12-15", "1922-12-29", "1923-01", "1923-03-05"])


@st.composite
def filters(draw: st.DrawFn) -> Filter:
    date_from, date_to = draw(DATES), draw(DATES)
    if date_from and date_to and dates.date_range(date_from)[0] > dates.date_range(date_to)[1]:
        date_from, date_to = date_to, date_from
    try:
        return query.make_filter(
            date_from=date_from,
            date_to=date_to,
            recipients=draw(st.lists(WORDS, max_size=2)),
            scribe=draw(st.none() | WORDS),
            keywords=draw(st.lists(st.sampled_from(["monopoly", "the", "Stalin’s", "split"]), max_size=2)),
        )
    except DateError:
        return Filter()


@given(selection=filters(), other=filters())
def test_every_filter_selects_a_subset_and_filters_compose_in_any_order(
    edition: Corpus, selection: Filter, other: Filter
) -> None:
    letters = edition.letters
    once = query.select(letters, selection)
    assert set(numbers(once)) <= set(numbers(list(letters)))
    assert numbers(once) == sorted(numbers(once))
    both = query.select(query.select(letters, selection), other)
    assert numbers(both) == numbers(query.select(query.select(letters, other), selection))


@given(
    pattern=st.sampled_from(["stalin", "Trotsky's", "the", "ß", "“", "split", "’s", "cafe"])
    | st.text(alphabet="abcdeilnorst’'-– ", min_size=1, max_size=4),
    word=st.booleans(),
    case_sensitive=st.booleans(),
)
def test_every_match_really_contains_the_pattern_and_count_agrees(
    edition: Corpus, mini: Corpus, pattern: str, word: bool, case_sensitive: bool
) -> None:
    wanted_search = search.Search(pattern, word=word, case_sensitive=case_sensitive)
    wanted = fold(pattern, case=case_sensitive)
    for letter in (*edition.letters, *mini.letters):
        found = search.find(letter, wanted_search)
        for match in found:
            # Contains, not equals: "s" matches half of "ß" (folded "ss"), and the span covers the "ß".
            assert wanted.casefold() in fold(match.text, case=case_sensitive).casefold()
            assert letter.text[match.start : match.end] == match.text
        if not word:
            assert search.count(letter, wanted_search) == len(found)
        assert [m.start for m in found] == sorted(m.start for m in found)


@given(st.text(max_size=30))
def test_any_regex_compiles_or_raises_the_tools_own_error(pattern: str) -> None:
    try:
        search.Search(pattern, regex=True).check()
    except PatternError:
        return
    assert search.Search(pattern, regex=True).compiled().pattern is not None


def test_a_letters_dates_include_its_parts(mini: Corpus) -> None:
    assert mini.letters[1].dates == (dt.date(1923, 1, 1), dt.date(1923, 2, 28))
