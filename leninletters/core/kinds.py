"""The kinds of value a corpus holds: what each accepts, and the words a problem uses for it.

Each kind is an annotated type that msgspec checks on decoding and problems.py reads to explain a value
that fails; the records of model.py and apparatus.py are made of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from msgspec import Meta

PARAGRAPH_BREAK = "\n\n"

# What a reader cannot be shown faithfully: C0 and C1 control characters (DEL too), unpaired surrogates,
# U+FFFE and U+FFFF, which are not characters at all (XML, and so CMIF, cannot carry them), and the line
# and paragraph separators U+2028 and U+2029, which end a line for every splitlines (a RIS record's value
# would become two lines). No string of a corpus holds them, except the line breaks between paragraphs.
HIDDEN = r"\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029"
# Any number of characters that show (none of HIDDEN), as runs of printable ASCII or single others:
# [^HIDDEN]*+, which re checks twice as fast, and unlike the set spelled as ranges up to U+10FFFF, it
# compiles (at import, in msgspec's Meta) in a tenth of the time.
_SEEN_RUN = r"(?:[ -~]++|[^\x00-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029])*+"
# A paragraph: characters that show, one of them at least not a space. The "not only spaces" is a
# lookahead over spaces rather than a class of its own: every class that reaches past U+00FF costs re
# a 64K-entry table to compile, on every start (each pattern below holds one, once).
# Possessive throughout: a rejected string costs one pass, never a backtracking search.
_ONE_PARAGRAPH = rf"(?![^\S\n]*+(?:\n|\Z)){_SEEN_RUN}"
LINE_PATTERN = rf"\A{_ONE_PARAGRAPH}\Z"
# Paragraphs joined by one blank line: each paragraph followed by the break and another, or by the end.
PARAGRAPHS_PATTERN = rf"\A(?:{_ONE_PARAGRAPH}(?:\n\n(?!\Z)|\Z))++\Z"
# At least one letter: a slug of digits and hyphens would read as a number (2), a range (2-3) or a date
# (1922, 1922-12) wherever a reference is asked for, and name no letter by its slug.
SLUG_PATTERN = r"\A(?=[0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*\Z"

# The kinds of value, each with what it accepts and the words a problem uses for it.
Line = Annotated[str, Meta(pattern=LINE_PATTERN, description="a non-empty string")]
Paragraphs = Annotated[str, Meta(pattern=PARAGRAPHS_PATTERN, description="a non-empty string")]
MAYBE_EMPTY_LINE_PATTERN = rf"\A{_SEEN_RUN}\Z"
MaybeEmptyLine = Annotated[str, Meta(pattern=MAYBE_EMPTY_LINE_PATTERN, description="a string")]
Slug = Annotated[
    str,
    Meta(pattern=SLUG_PATTERN, description="lowercase letters, digits and single hyphens, with a letter"),
]
Number = Annotated[int, Meta(ge=1, description="a whole number from 1")]
# As many digits as a reference takes (references.MAX_DIGITS): a letter numbered past it could not be named.
LetterNumber = Annotated[int, Meta(ge=1, le=999_999_999, description="a whole number from 1 to 999999999")]
Span = Annotated[tuple[Number, Number], Meta(description="[first, last] paragraph numbers")]
Lines = Annotated[tuple[Line, ...], Meta(description="an array of strings")]
OptionalLine = Annotated[Line | None, Meta(description="a non-empty string or null")]
Flag = Annotated[bool, Meta(description="true or false")]
Date = Annotated[dt.date, Meta(description="a real date as YYYY-MM-DD")]
# The apparatus's kinds of value (see "The apparatus" below).
Certainty = Annotated[Literal["high", "medium", "low"], Meta(description='"high", "medium" or "low"')]
# A real day of the calendar, or its month or year, in ASCII digits: the year 0001 to 9999 (as a date's),
# the month 01 to 12, the day within its month, 29 February only in a leap year.
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
PARTIAL_DAY_PATTERN = (
    r"\A(?!0000)(?:"
    r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|1[0-9]|2[0-8]))?)?"
    r"|[0-9]{4}-(?:0[13-9]|1[0-2])-(?:29|30)"
    r"|[0-9]{4}-(?:0[13578]|1[02])-31"
    rf"|{_LEAP_YEAR}-02-29"
    r")\Z"
)
PartialDay = Annotated[
    str, Meta(pattern=PARTIAL_DAY_PATTERN, description="a real date as YYYY, YYYY-MM or YYYY-MM-DD")
]
OptionalPartialDay = Annotated[
    PartialDay | None, Meta(description="a real date as YYYY, YYYY-MM or YYYY-MM-DD, or null")
]
Position = Annotated[int, Meta(ge=0, description="a whole number from 0")]
Facts = Meta(description="an array of objects")
OneFact = Meta(description="an object or null")


def doubt(certainty: str, *, compact: bool = False) -> str:
    """How a summary says that the edition holds a fact with less than high certainty, by one convention
    (docs/corpus.md, "Certainty in summaries"): "medium certainty" in words, "?" where room is short (a
    column); nothing for a fact held with high certainty."""
    if certainty == "high":
        return ""
    return "?" if compact else f"{certainty} certainty"
