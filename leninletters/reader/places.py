"""Where the reader is and where it has been: the query, the letters it selects, the letter open, the
matches to step through with n and N, and the way back.

Pure: knows the door and the core, nothing of Textual, so that it can be tested (and reasoned about)
without a screen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from leninletters.core.predicates import EVERYTHING, All, Any, Phrase, Predicate

if TYPE_CHECKING:
    from leninletters.core.model import Letter
    from leninletters.store.edition import Edition


class Place(NamedTuple):
    """One stop in the history: the query typed (empty for every letter), the letter open, the paragraph
    shown at the top (None for the letter's head)."""

    query: str
    slug: str | None
    paragraph: int | None = None


class Match(NamedTuple):
    """A paragraph of a listed letter where the query's words stand (or the letter's head, paragraph
    None, for a query with no words: each letter it selects is one match)."""

    row: int  # the letter's row in the list
    paragraph: int | None


def phrases(predicate: Predicate) -> list[str]:
    """The words and phrases a query looks for in the text (not those it excludes): what is highlighted."""
    if isinstance(predicate, Phrase):
        return [predicate.text]
    if isinstance(predicate, All | Any):
        return [text for item in predicate.items for text in phrases(item)]
    return []  # a Not's words are what the letters must not hold: nothing to show


def highlighter(words: Sequence[str]) -> re.Pattern[str] | None:
    """One case-blind pattern for every word to highlight, longest first; None for none."""
    wanted = sorted({word for word in words if word.strip()}, key=len, reverse=True)
    if not wanted:
        return None
    return re.compile("|".join(re.escape(word) for word in wanted), re.IGNORECASE)


def matches(
    letters: Sequence[Letter], pattern: re.Pattern[str] | None, predicate: Predicate = EVERYTHING
) -> list[Match]:
    """Every paragraph of the listed letters where the pattern is found, in reading order; with no
    words to find, each letter where the query starts to hold in it (date:1923-01 opens the Testament at
    its P.S.)."""
    if pattern is None:
        from leninletters.store.edition import narrowed

        held = [narrowed(letter, predicate) for letter in letters]
        return [Match(index, min(part) if part else None) for index, part in enumerate(held)]
    return [
        Match(index, number)
        for index, letter in enumerate(letters)
        for number, paragraph in enumerate(letter.paragraphs, start=1)
        if pattern.search(paragraph)
    ]


class Asked(NamedTuple):
    """A query's answer as the reader shows it: the letters, the words to highlight, the matches."""

    query: str
    predicate: Predicate
    letters: list[Letter]
    pattern: re.Pattern[str] | None
    matches: list[Match]


def ask(edition: Edition, query: str) -> Asked:
    """The letters a query selects (every letter for an empty one); QueryError where it is malformed."""
    predicate: Predicate = EVERYTHING
    if query.strip():
        from leninletters.core import querylang

        predicate = querylang.parse(query)
    letters = edition.select(predicate)
    pattern = highlighter(phrases(predicate))
    return Asked(query, predicate, letters, pattern, matches(letters, pattern, predicate))


def step(found: Sequence[Match], current: Match | None, forward: bool) -> Match | None:
    """The next match after the current one (or the previous before it), wrapping round; None for none."""
    if not found:
        return None
    if current is None:
        return found[0] if forward else found[-1]
    if forward:
        later = [m for m in found if _order(m) > _order(current)]
        return later[0] if later else found[0]
    earlier = [m for m in found if _order(m) < _order(current)]
    return earlier[-1] if earlier else found[-1]


def _order(match: Match) -> tuple[int, int]:
    return match.row, match.paragraph or 0


class History:
    """The places visited, for Esc and Backspace: back goes one step, and a new place forgets what lay
    ahead, as a browser does."""

    def __init__(self, first: Place) -> None:
        self._places = [first]
        self._at = 0

    @property
    def here(self) -> Place:
        return self._places[self._at]

    def go(self, place: Place) -> None:
        if place == self.here:
            return
        del self._places[self._at + 1 :]
        self._places.append(place)
        self._at += 1

    def replace(self, place: Place) -> None:
        """Where the reader now stands, moved within the same stop (the cursor through the list)."""
        self._places[self._at] = place

    def back(self) -> Place | None:
        if self._at == 0:
            return None
        self._at -= 1
        return self.here

    def forward(self) -> Place | None:
        if self._at + 1 >= len(self._places):
            return None
        self._at += 1
        return self.here

    def visited(self) -> list[Place]:
        return list(self._places)

    @property
    def at(self) -> int:
        """Where in visited() the reader stands."""
        return self._at

    def jump(self, at: int) -> Place | None:
        """Go straight to a place visited, keeping the rest, as going back or forward that far would."""
        if not 0 <= at < len(self._places):
            return None
        self._at = at
        return self.here
