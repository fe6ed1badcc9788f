"""References: numbers, ranges, slugs, sections, dates and paragraphs, resolved against the edition."""

from __future__ import annotations

import pytest

from leninletters.core.errors import LetterNotFound
from leninletters.core.model import Corpus
from leninletters.core.references import Resolver, looks_like_reference, sections


def resolve(corpus: Corpus, *references: str) -> list[tuple[int, tuple[int, int] | None]]:
    return [(s.letter.number, s.paragraphs) for s in Resolver(corpus.letters).resolve(references)]


def whole(*numbers: int) -> list[tuple[int, tuple[int, int] | None]]:
    return [(number, None) for number in numbers]


def test_references_by_number_slug_and_date(edition: Corpus) -> None:
    assert resolve(edition, "9") == whole(9)
    assert resolve(edition, "testament") == whole(9)
    assert resolve(edition, "Testament") == whole(9)
    assert resolve(edition, "1922-12-29") == whole(13, 14, 15)
    assert resolve(edition, "1923-01-04") == whole(9)  # the Testament's P.S.
    assert resolve(edition, "1923-03") == whole(20, 21, 22)
    assert resolve(edition, "22", "1", "22") == whole(22, 1)


def test_ranges_and_sections(edition: Corpus) -> None:
    assert resolve(edition, "16-18") == whole(16, 17, 18)
    assert resolve(edition, "16..18") == whole(16, 17, 18)
    assert resolve(edition, "nationalities") == whole(16, 17, 18)  # a section's slug names it all
    assert resolve(edition, "gosplan") == whole(11, 12, 13, 14, 15)
    assert resolve(edition, "16") == whole(16)  # one letter of it by number
    assert resolve(edition, "nationalities-1922-12-31a") == whole(17)
    assert sorted(sections(edition.letters)) == ["gosplan", "nationalities"]


def test_paragraphs(edition: Corpus) -> None:
    assert resolve(edition, "9:11") == [(9, (11, 11))]
    assert resolve(edition, "9:3-5") == [(9, (3, 5))]
    assert resolve(edition, "testament:11") == [(9, (11, 11))]
    assert resolve(edition, "9:11", "9") == [(9, (11, 11)), (9, None)]


@pytest.mark.parametrize(
    ("reference", "says"),
    [
        ("0", "numbered 1 to 22"),
        ("99", "numbered 1 to 22"),
        ("1923", "numbered 1 to 22; for the letters of 1923, ask: leninletters list date:1923"),
        ("2000", "numbered 1 to 22$"),
        ("-1", "numbered 1 to 22"),
        ("9" * 4000, "numbered 1 to 22"),
        ("²", "write the number with the digits 0-9"),
        ("testamnet", "did you mean testament"),
        ("nationalitis", "did you mean nationalities"),
        ("1922-12-14", "nearest are 1922-12-13 and 1922-12-15"),
        ("1922-12-22", "nearest are 1922-12-21 and 1922-12-23"),
        ("", "empty reference"),
        ("18-16", "runs backwards: write 16-18"),
        ("30-40", "no letters numbered 30-40"),
        ("9:12", "letter 9 has paragraphs 1 to 11"),
        ("9:" + "9" * 30, "no paragraph 999999999999… in letter 9: it has paragraphs 1 to 11"),
        ("9:0", "letter 9 has paragraphs 1 to 11"),
        ("9:5-3", "run backwards"),
        ("99:1", "numbered 1 to 22"),
        ("testamnet:1", "did you mean testament"),
        # After `--` a word with a dash is a reference (the command line says "no such option" before it).
        ("--bogus", "no letter '--bogus'"),
        ("-1-2", "no letters numbered -1-2: the letters are numbered 1 to 22"),
    ],
)
def test_a_reference_to_nothing_says_what_exists(edition: Corpus, reference: str, says: str) -> None:
    with pytest.raises(LetterNotFound, match=says):
        Resolver(edition.letters).resolve([reference])


def test_which_words_are_written_as_references() -> None:
    assert all(map(looks_like_reference, ["9", "16-18", "9:11", "9:3-5", "1922-12", "1922-12-25"]))
    assert not any(map(looks_like_reference, ["to:trotsky", "stalin", "date:1923..", '"too rude"']))


def test_a_query_term_is_never_a_reference(edition: Corpus) -> None:
    # date:1923-03 looks like a paragraph reference (9:11) but its word before ':' is a query field.
    terms = ["date:1923-03", "Date:1923-03", "number:16-18", "-date:1923-03", "slug:testament", "to:9"]
    assert not any(map(looks_like_reference, terms))
    assert not any(map(Resolver(edition.letters).names_something, terms))
    assert Resolver(edition.letters).names_something("testament:3-5")


def test_one_rule_tells_query_terms_from_references() -> None:
    from leninletters.core.querylang import FIELDS, is_field_term

    assert all(is_field_term(f"{field}:1923-03") for field in FIELDS)
    assert not any(map(is_field_term, ["9:11", "testament:3-5", "1923-03", "stalin", '"too rude"']))
