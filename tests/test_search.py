"""Search in a letter's text: folding, spans, counts, sentences and snippets, tested directly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leninletters.core import search
from leninletters.core.errors import PatternError
from leninletters.core.folding import fold
from leninletters.core.model import Corpus


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


@pytest.mark.parametrize(
    ("pattern", "regex"), [("\n", False), (r"\s", True), (r"\s+", True), ("\n\n", False)]
)
def test_whitespace_matches_keep_their_paragraphs_and_lie_in_their_snippets(
    edition: Corpus, pattern: str, regex: bool
) -> None:
    wanted = search.Search(pattern, regex=regex)
    for letter in edition.letters:
        found = search.find(letter, wanted)
        starts = [0]
        for paragraph in letter.paragraphs[:-1]:
            starts.append(starts[-1] + len(paragraph) + 2)
        for match in found:
            # A match starts in its paragraph, or in the break after it (which belongs to it).
            assert starts[match.paragraph - 1] <= match.start
            assert match.paragraph == len(starts) or match.start < starts[match.paragraph]
        shown = [m for snippet in search.snippets(letter, found) for m in _held(snippet, found)]
        assert len(shown) == len(found)


def _held(snippet: search.Snippet, found: list[search.Match]) -> list[search.Match]:
    end = snippet.start + len(snippet.text)
    return [
        m for m in found if snippet.start <= m.start and m.end <= end and m.paragraph == snippet.paragraph
    ]


def test_a_match_inside_a_paragraph_break_does_not_hide_it_from_later_matches() -> None:
    matches = search._matches("a\n\nb", [(1, 2), (2, 3), (3, 4)])
    assert [m.paragraph for m in matches] == [1, 1, 2]
