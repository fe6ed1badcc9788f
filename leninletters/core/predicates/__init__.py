"""What selects a letter: small immutable predicates (predicates.terms, one per query field) and the All,
Any and Not that combine them (predicates.base).

Each predicate answers whether a letter matches and, where it matters, which of its parts do (a date
range meets the Testament only in its P.S. of 4 January 1923). The options of the command line and the
query language (leninletters.core.querylang) both build these; `explain()` writes one back as a query,
and `clause()` says it to a store that can answer it from an index.
"""

from leninletters.core.predicates.base import (
    EVERYTHING,
    KEYWORDS,
    All,
    Any,
    Clause,
    Not,
    Predicate,
    all_of,
    any_of,
    describe,
    quote,
    select,
)
from leninletters.core.predicates.terms import (
    ANY_KIND,
    NO_SCRIBE,
    Classified,
    DateRange,
    NumberRange,
    Person,
    Phrase,
    Recipient,
    Scribe,
    Section,
    Slug,
    name_key,
    name_matches,
    people_in,
    person_term,
    with_editorial,
)

__all__ = [
    "ANY_KIND",
    "EVERYTHING",
    "KEYWORDS",
    "NO_SCRIBE",
    "All",
    "Any",
    "Classified",
    "Clause",
    "DateRange",
    "Not",
    "NumberRange",
    "Person",
    "Phrase",
    "Predicate",
    "Recipient",
    "Scribe",
    "Section",
    "Slug",
    "all_of",
    "any_of",
    "describe",
    "name_key",
    "name_matches",
    "people_in",
    "person_term",
    "quote",
    "select",
    "with_editorial",
]
