"""The seam a store compiles: each predicate's clause, said in the vocabulary of predicates.base, selects the
same letters as the predicate (exact) or more of them (a store then checks the candidates).

The interpreter below is the vocabulary's reference: an index answers the same (field, test, values) in
SQL. Where a tree holds a test no clause can say (scribe:), the clause narrows, or is None.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from leninletters.core import predicates as p
from leninletters.core.folding import fold
from leninletters.core.mentions import names_person
from leninletters.core.model import Corpus, Letter
from leninletters.core.predicates import Clause
from leninletters.core.querylang import parse
from leninletters.core.stemming import stem_set
from leninletters.store.memory import MemoryEdition

from .conftest import LEAVES, numbers


def _words(value: object, text: str) -> bool:
    """The folded words of value stand in order, contiguous, among those of text."""
    wanted = fold(str(value)).replace(".", ". ").split()
    have = fold(text).replace(".", ". ").split()
    starts = range(len(have) - len(wanted) + 1)
    return bool(wanted) and any(have[i : i + len(wanted)] == wanted for i in starts)


def _between(value: object, low: object, high: object) -> bool:
    return (low is None or low <= value) and (high is None or value <= high)  # type: ignore[operator]


FIELD_VALUES: dict[str, Callable[[Letter], tuple[object, ...]]] = {
    "dates": lambda letter: letter.dates,
    "number": lambda letter: (letter.number,),
    "slug": lambda letter: (letter.slug,),
    "classification": lambda letter: (letter.classification,) if letter.classification else (),
    "section": lambda letter: (letter.section,),
    "recipients": lambda letter: letter.recipients,
    "copies": lambda letter: letter.copies,
    "text": lambda letter: (letter.text,),
    "stems": lambda letter: tuple(stem_set(letter.text)),
    **{
        field: lambda letter, where=where: p.beyond_the_text(letter, where)  # type: ignore[misc]
        for where, field in p.BEYOND_TEXT.items()
    },
}


def holds(clause: Clause, letter: Letter) -> bool:
    """What a store answers for a clause, by the vocabulary's definitions."""
    combined = {
        "and": lambda: all(holds(child, letter) for child in clause.children),
        "or": lambda: any(holds(child, letter) for child in clause.children),
        "not": lambda: not holds(clause.children[0], letter),
    }
    if clause.test in combined:
        return combined[clause.test]()
    if clause.field == "mentions":
        key, kinds = clause.values
        return any(m.kind in kinds and names_person(m, str(key)) for m in letter.mentions)  # type: ignore[operator]
    values = FIELD_VALUES[clause.field](letter)
    tests: dict[str, Callable[[object], bool]] = {
        "between": lambda value: _between(value, *clause.values),
        "equals": lambda value: value == clause.values[0],
        "present": lambda value: True,
        "has": lambda value: value == clause.values[0],
        "words": lambda value: _words(clause.values[0], str(value)),
        "contains": lambda value: str(clause.values[0]) in fold(str(value)),
    }
    return any(tests[clause.test](value) for value in values)


MORE_LEAVES = st.one_of(
    LEAVES,
    st.builds(p.Person, st.sampled_from(["trotsky", "Trotzki", "Сталин", "krupskaya", "stomonyakov"])),
    st.builds(p.Section, st.sampled_from(["gosplan", "letter-to-the-congress", "nationalities"])),
    st.builds(p.Slug, st.sampled_from(["to-trotsky-1922-12-13", "TO-STALIN-1922-12-15", "testament"])),
    st.builds(
        p.Beyond,
        st.sampled_from(sorted(p.BEYOND_TEXT)),
        st.sampled_from(["wednesday", "falsification", "krupskaya", "lcw", "op. cit", "e"]),
    ),
    st.builds(p.word_term, st.sampled_from(["rude", "rudeness", "Stalin’s", "L.F.", "monopolies", "rud*"])),
    st.builds(p.Exact, st.sampled_from(["rude", "too rude", "Stalin", "’", "monopoly"])),
)
TREES = st.recursive(
    MORE_LEAVES,
    lambda inner: st.one_of(
        st.builds(p.All, st.lists(inner, max_size=3)),
        st.builds(p.Any, st.lists(inner, min_size=1, max_size=3)),
        st.builds(p.Not, inner),
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(TREES)
@example(p.Not(p.All([p.Recipient("stalin"), p.Scribe("L.F.")])))
@example(p.Any([p.Recipient("stalin"), p.All([p.Phrase("rude"), p.Scribe("none")])]))
def test_a_clause_selects_what_its_predicate_selects_or_more(edition: Corpus, predicate: p.Predicate) -> None:
    clause = predicate.clause()
    if clause is None:
        return  # nothing a store can narrow by: it checks every letter with matches()
    selected = set(numbers(p.select(edition.letters, predicate)))
    answered = {letter.number for letter in edition.letters if holds(clause, letter)}
    if clause.exact:
        assert answered == selected, (predicate.explain(), clause)
    else:
        assert answered >= selected, (predicate.explain(), clause)


@pytest.mark.parametrize(
    ("query", "exact"),
    [
        ("to:trotsky date:1922-12..1922-12-31", True),
        ("person:Троцкий or secret:", True),
        ('text:"too rude" -number:1..5', True),
        ("rudeness -number:1..5", True),  # a word by its stem: one token of the stems index (English alone)
        ('"rude" -number:1..5', False),  # whole words: the letters holding it anywhere, checked after
        ("to:stalin scribe:L.F.", False),  # scribe: has no clause; to: narrows, matches() decides
    ],
)
def test_a_query_says_what_a_store_can_answer(edition: Corpus, query: str, exact: bool) -> None:
    # As a store asks it: its words know the languages its letters are stemmed in (the edition's: English).
    predicate = MemoryEdition(edition).given(parse(query))
    clause = predicate.clause()
    assert clause is not None and clause.exact is exact
    answered = [letter.number for letter in edition.letters if holds(clause, letter)]
    selected = numbers(p.select(edition.letters, predicate))
    if exact:
        assert answered == selected
    else:
        assert set(answered) > set(selected)  # candidates the store checks with matches()


def test_what_no_clause_can_say_leaves_the_store_to_check_every_letter() -> None:
    assert p.Scribe("L.F.").clause() is None
    assert parse("scribe:L.F. or to:trotsky").clause() is None  # an Any with a part that cannot narrow
    assert parse("not scribe:L.F.").clause() is None
    assert p.EVERYTHING.clause() == Clause("and")  # every letter, exactly


def test_a_clause_names_only_the_vocabulary() -> None:
    with pytest.raises(ValueError, match="no clause"):
        Clause("like", "text", ("x",))
    with pytest.raises(ValueError, match="no clause"):
        Clause("between", "weather", (dt.date(1922, 12, 12), None))


def test_a_word_not_told_the_stores_languages_is_stemmed_in_every_one_and_checked_after(
    edition: Corpus,
) -> None:
    clause = parse("rudeness").clause()  # English "rude", Danish "rudenes", Catalan "ruden", …
    assert clause is not None and clause.test == "or" and not clause.exact
    assert Clause("has", "stems", ("rude",)) in clause.children
    answered = {letter.number for letter in edition.letters if holds(clause, letter)}
    assert answered >= set(numbers(p.select(edition.letters, parse("rudeness")))) == {9, 21, 22}
