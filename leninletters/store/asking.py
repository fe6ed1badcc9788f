"""How a front end puts a question to the door: the filters a command was given, as one value, and the
one function that turns them into the question the door answers (a predicate a store can compile).

The command line collects its filter options (dates, recipients, scribes, keywords, people, the query
language) into a Filters record and asks `question(filters)`; the reader asks with the query's text. So a
front end needs no predicate, date or query parser of its own, and every front end reads a filter alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from leninletters.core import predicates
from leninletters.core.errors import DateError, InputError, shortened
from leninletters.core.predicates import EVERYTHING as EVERYTHING
from leninletters.core.predicates import Predicate

# The door's name for what it is asked: a predicate over letters, which a store may answer natively.
Question = Predicate
# A question about one mention: whether it names a person (grep --person asks it of every mention).
PersonQuestion = predicates.Person


class Filters(NamedTuple):
    """A command's filters, each option's values as given (None where it was not): each option's
    values mean any of them, and the options and the query all apply together."""

    date_from: Sequence[str] | None = None
    date_to: Sequence[str] | None = None
    recipient: Sequence[str] | None = None
    scribe: Sequence[str] | None = None
    keyword: Sequence[str] | None = None
    person: Sequence[str] | None = None
    editorial: bool = False
    query: Sequence[str] | None = None

    @classmethod
    def collect(cls, values: Mapping[str, Any]) -> Filters:
        """The filters among a command's parameters, found by their names (a command passes locals()):
        one call, however many filter options a command shares."""
        return cls(**{name: values[name] for name in cls._fields if name in values})


def _once(values: Sequence[str] | None, flag: str) -> str | None:
    if not values:
        return None
    if len(values) > 1:
        raise InputError(
            f"{flag} can be given once (it bounds a range); for several ranges use a query: "
            "'date:1922-12 or date:1923-03'"
        )
    return values[0]


def _named(values: Sequence[str] | None, flag: str, needs: str) -> list[str]:
    cleaned = [value.strip() for value in values or ()]
    if any(not value for value in cleaned):
        raise InputError(f"{flag} needs {needs}")
    return cleaned


# What Click makes of a query term glued to a short option: `-scribe:L.F.` is read as `-s cribe:L.F.`.
GLUED_TERM = re.compile(r"(cribe|ection|ecret|lug):")


def _date_range(filters: Filters) -> list[Predicate]:
    start_text, end_text = _once(filters.date_from, "--from"), _once(filters.date_to, "--to")
    if start_text is None and end_text is None:
        return []
    from leninletters.core import dates

    try:
        start, end = dates.span(start_text, end_text)
    except dates.BackwardsSpan:
        raise DateError(f"--from {start_text} is later than --to {end_text}: swap them") from None
    return [predicates.DateRange(start, end)]


def _refuse_glued_terms(scribes: Sequence[str] | None) -> None:
    for value in scribes or ():
        if GLUED_TERM.match(value):
            raise InputError(
                f"'-s{shortened(value)}' was read as --scribe {shortened(value)!r}: a query term that starts "
                f"with '-' goes after '--', for example: leninletters list -- -s{shortened(value)}"
            )


def question(filters: Filters) -> Question:
    """The one question the filters ask: each option's values any, all of them and the query together."""
    terms = _date_range(filters)
    _refuse_glued_terms(filters.scribe)
    for values, flag, needs, make in (
        (filters.recipient, "--recipient", "a name, for example --recipient trotsky", predicates.Recipient),
        (filters.scribe, "--scribe", "L.F., M.V., a name, or 'none'", predicates.Scribe),
        (filters.keyword, "--keyword", "some text, for example --keyword monopoly", predicates.Phrase),
        (filters.person, "--person", "a name, for example --person krupskaya", predicates.person_term),
    ):
        names = _named(values, flag, needs)
        if names:
            terms.append(predicates.any_of(make(name) for name in names))
    if filters.query:
        terms.append(parse_query(join_query(filters.query)))
    if not terms:
        return EVERYTHING
    selection = predicates.all_of(terms)
    return predicates.with_editorial(selection) if filters.editorial else selection


def person_terms(person: Sequence[str] | None, editorial: bool = False) -> list[PersonQuestion]:
    """The --person values as questions about a mention, widened to the editor's insertions with
    --editorial."""
    terms = [
        predicates.person_term(name)
        for name in _named(person, "--person", "a name, for example --person krupskaya")
    ]
    return [term.widened() for term in terms] if editorial else terms


def join_query(words: Sequence[str]) -> str:
    """The query's words as one text, as the shell split them."""
    from leninletters.core import querylang  # only a query pays for its parser

    return querylang.join(list(words))


def parse_query(text: str) -> Question:
    """A query in the language, read; a malformed one is a QueryError naming what is wrong."""
    from leninletters.core import querylang

    return querylang.parse(text)


def explanation(selection: Question, references: Sequence[str] = ()) -> list[str]:
    """How a question was understood: the query as the tool reads it back, the references, its tree."""
    lines = [f"query: {selection.explain()}"]
    if references:
        lines.append(f"references: {' '.join(references)}")
    return lines + predicates.describe(selection)


def people_asked(selection: Question) -> list[Predicate]:
    """The person:, to:, cc: and scribe: terms of a question, for saying which of them selects nothing."""
    return list(predicates.people_in(selection))


def query_fields() -> dict[str, str]:
    """The query language's fields, each with its line of help (for Tab completion)."""
    from leninletters.core.querylang import FIELDS

    return {name: help_text for name, (_, help_text) in FIELDS.items()}
