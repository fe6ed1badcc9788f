"""What an imported letter says of its correspondence: its dating as the source gives it, its places,
its other actions (events), and the kinds of value they are made of (docs/corpus.md, "A letter").

The bundled edition has none of these: every key is optional, and its default leaves a letter as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from msgspec import Meta, Struct

from leninletters.core.dates import date_range
from leninletters.core.kinds import Line, Lines, OptionalLine, OptionalPartialDay

# A language tag as BCP 47 spells it: a primary language and subtags ("de", "en-GB", "sr-Latn").
LANGUAGE_PATTERN = r"\A[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*\Z"
Language = Annotated[str, Meta(pattern=LANGUAGE_PATTERN, description='a BCP 47 language tag ("de", "en-GB")')]
Languages = Annotated[tuple[Language, ...], Meta(description='an array of BCP 47 language tags ("de")')]
OptionalLanguage = Annotated[
    Language | None, Meta(description='a BCP 47 language tag ("de", "en-GB") or null')
]
# A URI: a scheme, a colon and no white space (https://d-nb.info/gnd/118609807, http://www.wikidata.org/…).
URI_PATTERN = r"\A[A-Za-z][A-Za-z0-9+.-]*:[!-~]+\Z"
Uri = Annotated[str, Meta(pattern=URI_PATTERN, description="a URI (https://…), without spaces")]
OptionalUri = Annotated[Uri | None, Meta(description="a URI (https://…), without spaces, or null")]
Uris = Annotated[tuple[Uri, ...], Meta(description="an array of URIs (https://…)")]
# Which correspAction of the source a fact comes from.
Action = Annotated[Literal["sent", "received"], Meta(description='"sent" or "received"')]
# TEI's @cert: the editors' confidence in a dating.
DatingCert = Annotated[
    Literal["high", "medium", "low", "unknown"] | None,
    Meta(description='"high", "medium", "low", "unknown" or null'),
]

DaySpan = tuple[dt.date | None, dt.date | None]


class Dating(Struct, frozen=True, kw_only=True, gc=False, omit_defaults=True, rename={"from_": "from"}):
    """A letter's date as the source gives it: exact, a month or year, a range, either bound alone,
    with the editors' display text and confidence. Its span is every day it allows (see `span`)."""

    when: OptionalPartialDay = None
    not_before: OptionalPartialDay = None
    not_after: OptionalPartialDay = None
    from_: OptionalPartialDay = None
    to: OptionalPartialDay = None
    text: OptionalLine = None
    cert: DatingCert = None
    evidence: OptionalLine = None
    # "received": the source gave no date of sending, and this is the date of receipt, shown as such.
    action: Action = "sent"

    def __post_init__(self) -> None:
        start, end = self.span
        if start is not None and end is not None and end < start:
            raise ValueError(
                f"its bounds leave no day: it ends {end.isoformat()}, before it begins {start.isoformat()}"
            )

    @property
    def span(self) -> DaySpan:
        """The first and last day the dating allows, None where it is open: every bound given narrows it
        ("1890-09" is 1 to 30 September; not_before alone is open at its end)."""
        starts = [date_range(text)[0] for text in (self.when, self.not_before, self.from_) if text]
        ends = [date_range(text)[1] for text in (self.when, self.not_after, self.to) if text]
        return (max(starts) if starts else None, min(ends) if ends else None)

    @property
    def bounded(self) -> bool:
        """Whether the dating gives a day at all (a dating of text alone does not)."""
        return self.span != (None, None)

    @property
    def day(self) -> dt.date | None:
        """The day a letter with this dating sorts by: the earliest it allows, or with only an upper
        bound, that bound."""
        start, end = self.span
        return start if start is not None else end


class Place(Struct, frozen=True, kw_only=True, gc=False, omit_defaults=True):
    """Where a letter was sent from or received, as the source names the place."""

    role: Action
    name: Line
    ref: OptionalLine = None  # the source's @ref, as given
    uri: OptionalUri = None


class Event(Struct, frozen=True, kw_only=True, gc=False, omit_defaults=True):
    """A correspondence action other than sending and receiving: transmitted, forwarded, redirected,
    delivered. Its persons are never the letter's addressees."""

    type: Line
    persons: Lines = ()
    place: OptionalLine = None
    date: OptionalPartialDay = None
