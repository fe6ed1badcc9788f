"""Predicates: what each selects from the edition, which parts it holds for, and how they combine."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from leninletters.core import predicates as p
from leninletters.core.model import Corpus, Letter
from leninletters.store.corpus import load_bundled

from .conftest import TREES, numbers


def pick(corpus: Corpus, predicate: p.Predicate) -> list[int]:
    return numbers(p.select(corpus.letters, predicate))


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_everything_selects_every_letter_in_order(edition: Corpus) -> None:
    assert pick(edition, p.EVERYTHING) == list(range(1, 23))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, "1922-12-31", list(range(1, 19))),
        ("1923-01-01", None, [9, 19, 20, 21, 22]),  # 9 by its P.S. of 4 January 1923
        ("1922-12-31", "1922-12-31", [17, 18]),
        ("1922-12-29", "1923-01-31", [9, 13, 14, 15, 16, 17, 18, 19]),
        ("1923-01-04", "1923-01-04", [9]),
        ("1922-12-24", "1922-12-24", [9]),  # 9 by LCW's dating of its paragraphs 1-8
        ("1922-12-22", "1922-12-22", []),
        ("1924-01-01", None, []),
    ],
)
def test_a_letter_matches_a_date_range_by_any_of_its_dated_parts(
    edition: Corpus, start: str | None, end: str | None, expected: list[int]
) -> None:
    predicate = p.DateRange(day(start) if start else None, day(end) if end else None)
    assert pick(edition, predicate) == expected


def test_a_date_range_says_which_parts_it_holds_for(edition: Corpus) -> None:
    testament = edition.letters[8]
    (postscript,) = p.DateRange(day("1923-01-01"), None).parts(testament)
    assert (postscript.label, postscript.date) == ("P.S.", day("1923-01-04"))
    (main,) = p.DateRange(None, day("1922-12-31")).parts(testament)
    assert main.label is None


def test_recipient_is_case_insensitive_a_surname_is_enough_and_copies_count(edition: Corpus) -> None:
    to_trotsky = pick(edition, p.Recipient("trotsky"))
    assert to_trotsky == [1, 2, 3, 4, 5, 7, 20, 22]  # 2 and 22 were copied to him
    assert pick(edition, p.Recipient("Leon Trotsky")) == to_trotsky
    assert pick(edition, p.Recipient("LEON TROTSKY")) == to_trotsky
    assert pick(edition, p.Recipient("trotsky", copies_only=True)) == [2, 22]
    assert pick(edition, p.Recipient("Frumkin")) == [2, 3]
    assert pick(edition, p.Recipient("congress")) == list(range(8, 20))  # 11-18 inferred from the series
    assert pick(edition, p.Recipient("trots")) == []  # whole words, not fragments


def test_scribe_by_initials_or_name_any_part_counts_and_none_selects_the_unscribed(edition: Corpus) -> None:
    fotieva = pick(edition, p.Scribe("L.F."))
    assert fotieva == [2, 4, 9, 10, 11, 12]  # 9: only its P.S. was taken down by L.F.
    assert pick(edition, p.Scribe("fotieva")) == fotieva
    assert pick(edition, p.Scribe("Lydia Fotieva")) == fotieva
    assert pick(edition, p.Scribe("l.f.")) == fotieva
    assert pick(edition, p.Scribe("Volodicheva")) == [8, 9, 13, 14, 15, 16, 17, 18]
    assert pick(edition, p.Scribe("none")) == [1, 3, 5, 6, 19, 20, 21, 22]  # 7: attributed to Krupskaya
    assert pick(edition, p.Scribe("krupskaya")) == [7]
    assert pick(edition, p.Scribe("nobody")) == []
    (postscript,) = p.Scribe("L.F.").parts(edition.letters[8])
    assert postscript.label == "P.S."


def test_phrases_fold_typography_and_know_their_part(edition: Corpus) -> None:
    assert pick(edition, p.Phrase("Ordzhonikidze's")) == [16, 22]
    assert pick(edition, p.Phrase('"appendage"')) == [10]
    (postscript,) = p.Phrase("too rude").parts(edition.letters[8])
    assert postscript.date == day("1923-01-04")


def test_numbers_sections_classification_and_slugs(edition: Corpus) -> None:
    assert pick(edition, p.NumberRange(16, 18)) == [16, 17, 18]
    assert pick(edition, p.Section("gosplan")) == [11, 12, 13, 14, 15]
    assert pick(edition, p.Section("nationalities")) == [16, 17, 18]
    assert pick(edition, p.Classified()) == [20, 21, 22]
    assert pick(edition, p.Classified("top secret")) == [20, 21, 22]
    assert pick(edition, p.Classified("confidential")) == []
    assert pick(edition, p.Slug("Testament")) == [9]


def test_all_any_and_not_combine(edition: Corpus) -> None:
    trotsky, fotieva = p.Recipient("trotsky"), p.Scribe("L.F.")
    assert pick(edition, p.All([trotsky, fotieva])) == [2, 4]
    assert pick(edition, p.Any([p.Recipient("kamenev"), p.Recipient("zinoviev")])) == [21, 22]
    assert pick(edition, p.All([trotsky, p.Not(fotieva)])) == [1, 3, 5, 7, 20, 22]
    assert pick(edition, p.Not(p.EVERYTHING)) == []


def test_parts_of_a_combination_are_those_every_term_holds_for(edition: Corpus) -> None:
    testament = edition.letters[8]
    both = p.All([p.Phrase("Stalin"), p.DateRange(day("1923-01-01"), None)])
    assert [part.label for part in both.parts(testament)] == ["P.S."]
    assert p.Not(p.Scribe("L.F.")).parts(testament) == ()  # excluded whole, as it is from the list
    either = p.Any([p.Scribe("M.V."), p.Scribe("L.F.")])
    assert [part.label for part in either.parts(testament)] == [None, "P.S."]


def test_predicates_are_immutable_values() -> None:
    assert p.Recipient("trotsky") == p.Recipient("trotsky")
    assert p.Recipient("trotsky") != p.Recipient("trotsky", copies_only=True)
    assert p.Scribe("x") != p.Section("x")  # same values, different kinds
    assert len({p.Phrase("a"), p.Phrase("a")}) == 1
    with pytest.raises(AttributeError):
        p.Phrase("a").text = "b"


# Properties ------------------------------------------------------------------------------------


def by_parts(tree: p.Predicate, letters: tuple[Letter, ...]) -> set[int]:
    """The letters a tree selects, worked out from what its leaves say of parts, not from matches: a leaf
    holds for a letter when it holds for one of its parts; All, Any and Not are letter-wise."""
    every = {letter.number for letter in letters}
    if isinstance(tree, p.All):
        return every.intersection(*(by_parts(item, letters) for item in tree.items))
    if isinstance(tree, p.Any):
        return set().union(*(by_parts(item, letters) for item in tree.items))
    if isinstance(tree, p.Not):
        return every - by_parts(tree.item, letters)
    return {letter.number for letter in letters if tree.parts(letter)}


@given(TREES)
def test_combinations_mean_what_their_names_say(tree: p.Predicate) -> None:
    edition = load_bundled()
    letters: tuple[Letter, ...] = edition.letters
    selected = pick(edition, tree)
    # Two ways to one answer: matches (what select uses) and the leaves' parts, combined as sets.
    assert set(selected) == by_parts(tree, letters)
    assert selected == sorted(selected)  # in the edition's order
    for letter in letters:
        parts = tree.parts(letter)
        assert set(parts) <= set(letter.all_parts)
        # Paragraphs are finer than parts, never wider: each held paragraph stands in a held part.
        in_parts = {n for part in parts for n in range(part.first_paragraph, part.last_paragraph + 1)}
        assert tree.paragraphs(letter) <= in_parts
        if parts:  # a predicate that holds for a part of a letter holds for the letter
            assert tree.matches(letter)


@given(TREES, TREES)
def test_all_holds_for_parts_both_hold_for_and_any_for_either(one: p.Predicate, other: p.Predicate) -> None:
    """Parts and paragraphs are where grep searches: a combination narrows or widens them as sets do."""
    for letter in load_bundled().letters:
        first, second = set(one.parts(letter)), set(other.parts(letter))
        both, either = p.All([one, other]).parts(letter), p.Any([one, other]).parts(letter)
        assert set(both) == first & second and set(either) == first | second
        assert list(both) == [part for part in letter.all_parts if part in both]  # in the letter's order
        assert p.All([one, other]).paragraphs(letter) == one.paragraphs(letter) & other.paragraphs(letter)
        assert p.Any([one, other]).paragraphs(letter) == one.paragraphs(letter) | other.paragraphs(letter)
