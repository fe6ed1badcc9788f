"""Where the reader is and where it has been: the query, the letters it selects, the letter open, the
matches to step through with n and N, and the way back.

Pure: knows the door and the core, nothing of Textual, so that it can be tested (and reasoned about)
without a screen. The letters a query selects are asked of the door a page at a time (Listing), so that
a list of 100,000 letters holds only the pages shown: matches are found letter by letter as n and N go.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from leninletters.core.predicates import EVERYTHING, All, Any, Exact, Phrase, Predicate, Prefix, Word

if TYPE_CHECKING:
    from leninletters.core.model import Letter
    from leninletters.store.edition import Edition


class Place(NamedTuple):
    """One stop in the history: the query typed (empty for every letter), the letter open, the paragraph
    shown at the top (None for the letter's head)."""

    query: str
    slug: str | None
    paragraph: int | None = None
    row: int | None = None  # the letter's row in the query's list, where known: found again at once


class Match(NamedTuple):
    """A paragraph of a listed letter where the query's words stand (or the letter's head, paragraph
    None, for a query with no words: each letter it selects is one match)."""

    row: int  # the letter's row in the list
    paragraph: int | None


def phrases(predicate: Predicate) -> list[str]:
    """The words and phrases a query looks for in the text (not those it excludes): what is highlighted."""
    if isinstance(predicate, Phrase | Exact | Word | Prefix):
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


def letter_matches(
    letter: Letter, row: int, pattern: re.Pattern[str] | None, predicate: Predicate = EVERYTHING
) -> list[Match]:
    """The paragraphs of one listed letter where the pattern is found, in reading order; with no words
    to find, the one place where the query starts to hold in it (date:1923-01 opens the Testament at its
    P.S.)."""
    if pattern is None:
        from leninletters.store.edition import narrowed

        part = narrowed(letter, predicate)
        return [Match(row, min(part) if part else None)]
    return [
        Match(row, number)
        for number, paragraph in enumerate(letter.paragraphs, start=1)
        if pattern.search(paragraph)
    ]


def matches(
    letters: Sequence[Letter], pattern: re.Pattern[str] | None, predicate: Predicate = EVERYTHING
) -> list[Match]:
    """Every match in the listed letters, in reading order."""
    return [
        found
        for row, letter in enumerate(letters)
        for found in letter_matches(letter, row, pattern, predicate)
    ]


class Listing:
    """The letters a predicate selects, asked of the door a page at a time as they are wanted, and only
    the last pages kept: the list shows a window, n and N walk letter by letter."""

    PAGE = 100
    KEPT = 20  # pages held at once: 2,000 letters at most

    def __init__(self, edition: Edition, predicate: Predicate) -> None:
        self.edition = edition
        self.predicate = predicate
        self._pages: OrderedDict[int, list[Letter]] = OrderedDict()
        self.total, self._pages[0] = edition.page(predicate, 0, self.PAGE)

    def __len__(self) -> int:
        return self.total

    def _page(self, number: int) -> list[Letter]:
        if number in self._pages:
            self._pages.move_to_end(number)
        else:
            self._pages[number] = self.edition.page(self.predicate, number * self.PAGE, self.PAGE)[1]
            while len(self._pages) > self.KEPT:
                self._pages.popitem(last=False)
        return self._pages[number]

    def at(self, row: int) -> Letter:
        """The letter at a row; IndexError past the end."""
        if not 0 <= row < self.total:
            raise IndexError(row)
        return self._page(row // self.PAGE)[row % self.PAGE]

    def row_of(self, slug: str, hint: int | None = None) -> int | None:
        """The row of a letter in the list, or None where the query does not list it: at the row where
        it was seen (hint) at once, else looked for page by page."""
        if hint is not None and 0 <= hint < self.total and self.at(hint).slug == slug:
            return hint
        for number in range(0, (self.total + self.PAGE - 1) // self.PAGE):
            for offset, letter in enumerate(self._page(number)):
                if letter.slug == slug:
                    return number * self.PAGE + offset
        return None


class Asked(NamedTuple):
    """A query's answer as the reader shows it: the letters listed and the words to highlight."""

    query: str
    predicate: Predicate
    listing: Listing
    pattern: re.Pattern[str] | None

    def next_match(self, current: Match | None, forward: bool = True) -> Match | None:
        """The match after the current one (before it, backward), letter by letter, round the end of
        the list; the first (last) for None; None where no listed letter holds one."""
        total = len(self.listing)
        if not total:
            return None
        row = 0 if forward else total - 1
        if current is not None:
            here = self.matches_at(current.row)
            ahead = [
                m for m in here if (_order(m) > _order(current) if forward else _order(m) < _order(current))
            ]
            if ahead:
                return ahead[0] if forward else ahead[-1]
            row = current.row + (1 if forward else -1)
        for count in range(total):
            found = self.matches_at((row + (count if forward else -count)) % total)
            if found:
                return found[0] if forward else found[-1]
        return None

    def matches_at(self, row: int) -> list[Match]:
        return letter_matches(self.listing.at(row), row, self.pattern, self.predicate)


def ask(edition: Edition, query: str) -> Asked:
    """The letters a query selects (every letter for an empty one); QueryError where it is malformed."""
    predicate: Predicate = EVERYTHING
    if query.strip():
        from leninletters.core import querylang

        predicate = querylang.parse(query)
    return Asked(query, predicate, Listing(edition, predicate), highlighter(phrases(predicate)))


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
