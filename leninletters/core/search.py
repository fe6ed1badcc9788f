"""Search a letter's text: literal or regular-expression matches, counts, and sentences around them."""

from __future__ import annotations

import math
import os
import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from leninletters.core.errors import InputError, PatternError, shortened
from leninletters.core.folding import fold, fold_typography, fold_with_offsets
from leninletters.core.model import PARAGRAPH_BREAK, Letter
from leninletters.core.regex_shape import matches_only_empty, recursion, spelled_out

if TYPE_CHECKING:
    import regex as regex_engine

# Longer patterns are refused: nobody types them, and a regex that long is a mistake or an attack.
MAX_PATTERN_LENGTH = 1000

# A regular expression gets this many seconds on each letter where no Deadline is given (find(letter,
# search)); pathological backtracking is stopped there.
REGEX_TIMEOUT = 1.0

# A whole search, over every letter, gets this many seconds by default (a Deadline); a user searching a very
# large corpus may allow more with the environment variable, up to a day.
SEARCH_SECONDS = 10.0
MAX_SEARCH_SECONDS = 86_400
SEARCH_SECONDS_ENV = "LENINLETTERS_SEARCH_SECONDS"

# What compiling a regular expression may cost, as the number of items its counted repeats spell out:
# (?:a{1000}){1000} is a million, and the regex engine builds all of them (seconds and gigabytes), where a
# hundred thousand take 30 ms and 50 MB. A user may allow more, up to MAX_REGEX_SIZE (500 GB at that rate).
REGEX_SIZE = 100_000
MAX_REGEX_SIZE = 1_000_000_000
REGEX_SIZE_ENV = "LENINLETTERS_REGEX_SIZE"


def search_seconds() -> float:
    """The time a whole search may take, from LENINLETTERS_SEARCH_SECONDS; InputError for a bad value."""
    value = os.environ.get(SEARCH_SECONDS_ENV, "")
    if not value:
        return SEARCH_SECONDS
    try:
        seconds = float(value) if value.isascii() else math.nan
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_SEARCH_SECONDS:  # nan and inf fail here too
        raise InputError(
            f"{SEARCH_SECONDS_ENV}={shortened(value)!r}: expected a number of seconds above 0 and at most "
            f"{MAX_SEARCH_SECONDS} (a day), for example 30"
        )
    return seconds


def regex_size_limit() -> int:
    """How many items a regular expression may spell out, from LENINLETTERS_REGEX_SIZE; InputError for a
    bad value."""
    value = os.environ.get(REGEX_SIZE_ENV, "")
    if not value:
        return REGEX_SIZE
    if not (value.isascii() and value.isdigit() and len(value) <= 10 and 1 <= int(value) <= MAX_REGEX_SIZE):
        raise InputError(
            f"{REGEX_SIZE_ENV}={shortened(value)!r}: expected a whole number of items from 1 to "
            f"{MAX_REGEX_SIZE}"
        )
    return int(value)


class Deadline:
    """One time limit for a whole search, however many letters it reads.

    Make one when a search starts and pass it to every find() and count() of that search.
    """

    def __init__(self, seconds: float | None = None, *, per_letter: bool = False) -> None:
        self.seconds = seconds if seconds is not None else search_seconds()
        self.per_letter = per_letter
        self.ends = time.monotonic() + self.seconds

    def remaining(self, search: Search) -> float:
        """The seconds left; PatternError where none are."""
        left = self.ends - time.monotonic()
        if left <= 0:
            raise self.expired(search)
        return left

    def expired(self, search: Search) -> PatternError:
        where = "on one letter" if self.per_letter else "in all"
        more = "" if self.per_letter else f", or allow more time with {SEARCH_SECONDS_ENV}"
        return PatternError(
            f"the regular expression {shortened(search.pattern)!r} took over {self.seconds:g} s {where} "
            f"(nested repeats such as (a+)+ backtrack without end): simplify it{more}"
        )


class Match(NamedTuple):
    """One match: its span in the letter's text (or in a note, the source, a string of the apparatus: see
    `where`) and the text it covers."""

    start: int
    end: int
    text: str
    paragraph: int  # 1-based; 0 beyond the text
    where: str = ""  # "" in the text; else where beyond it: "note 13", "source", "source note", "apparatus"


class Snippet(NamedTuple):
    """A stretch of one paragraph around one or more matches, for showing them in context (or the whole
    string beyond the text that holds them: a note, the source, a string of the apparatus)."""

    paragraph: int
    start: int  # offset of the snippet in the letter's text
    text: str
    # Spans of the matches, relative to the snippet.
    highlights: tuple[tuple[int, int], ...]
    where: str = ""  # as Match.where


class Search(NamedTuple):
    """A search: what a user typed and how to look for it."""

    pattern: str
    regex: bool = False
    word: bool = False
    case_sensitive: bool = False
    # Where to look (grep --in): the text, and the notes, sources and apparatus (PLACES).
    places: tuple[str, ...] = ("text",)

    def compiled(self) -> regex_engine.Pattern[str]:
        return _compile(self.pattern, self.regex, self.word, self.case_sensitive)

    def check(self) -> None:
        """Raise PatternError now if the pattern cannot be used (InputError for a bad setting)."""
        search_seconds()
        limit = regex_size_limit()
        if not self.pattern:
            raise PatternError("an empty pattern matches everything: give a name or a phrase")
        if len(self.pattern) > MAX_PATTERN_LENGTH:
            raise PatternError(
                f"the pattern is {len(self.pattern):,} characters long; the limit is {MAX_PATTERN_LENGTH:,}"
            )
        shown = repr(shortened(self.pattern))
        if self.regex:
            call = recursion(self.pattern)
            if call:
                raise PatternError(
                    f"the regular expression {shown} recurses with {call}, which a search does not allow "
                    "(it can take gigabytes): repeat a group with + or {m,n} instead"
                )
            size, repeat = spelled_out(self.pattern, limit)
            if size > limit:
                advice = (
                    f" with its counted repeats such as {repeat}: use fewer or smaller ones"
                    if repeat
                    else ": shorten it"
                )
                raise PatternError(
                    f"the regular expression {shown} spells out over {limit:,} "
                    f"{'item' if limit == 1 else 'items'}{advice} "
                    f"(or raise the limit with {REGEX_SIZE_ENV})"
                )
        if self.literal is None:
            self.compiled()
        if self.regex and matches_only_empty(self.pattern):
            raise PatternError(
                f"the regular expression {shown} can match only empty text, so it finds nothing to show: "
                "give a name or a phrase"
            )

    @property
    def literal(self) -> str | None:
        """The folded literal to look for with str.find, where no regex is needed."""
        if self.regex or self.word:
            return None
        return _folded_pattern(self.pattern, self.case_sensitive)


def regex_size(pattern: str, limit: int = REGEX_SIZE) -> int:
    """How many items a regular expression's counted repeats spell out: (?:ab{3}){10} is 40.

    An over-estimate (alternatives are added, a repeat counts its least number, at least once), stopped
    soon after it passes limit; it needs no parse that could itself be made to cost too much.
    """
    return spelled_out(pattern, limit)[0]


@cache
def _folded_pattern(pattern: str, case_sensitive: bool) -> str:
    return fold(pattern, case=case_sensitive)


@cache
def _compile(pattern: str, regex: bool, word: bool, case_sensitive: bool) -> regex_engine.Pattern[str]:
    import regex as regex_engine  # only searches that need a regex pay for importing it

    if regex:
        # The user's pattern is folded only for its typography: its syntax must stay as typed.
        source = fold_typography(pattern)
    else:
        # Case is left to IGNORECASE, as for a regex: the text searched keeps its case too.
        source = regex_engine.escape(fold(pattern, case=True))
    if word:
        source = rf"(?<!\w)(?:{source})(?!\w)"
    # FULLCASE folds as str.casefold() does for a literal search: strasse finds Straße in every mode.
    flags = regex_engine.VERSION0 | (0 if case_sensitive else regex_engine.IGNORECASE | regex_engine.FULLCASE)
    try:
        return regex_engine.compile(source, flags)
    except regex_engine.error as error:
        raise PatternError(f"invalid regular expression {pattern!r}: {error}") from None
    except (RecursionError, OverflowError, MemoryError, ValueError):
        raise PatternError(f"the regular expression {shortened(pattern)!r} is too complex") from None


def find(letter: Letter, search: Search, deadline: Deadline | None = None) -> list[Match]:
    """Every match of the search in a letter's text, in order, not overlapping.

    A regular expression stops at the deadline: one shared by a whole search, or a second for this letter.
    """
    return _matches(letter.text, spans_in(letter.text, search, deadline))


def spans_in(text: str, search: Search, deadline: Deadline | None = None) -> list[tuple[int, int]]:
    """The spans of every match of the search in a text, in order, not overlapping."""
    spans: list[tuple[int, int]] = []
    literal = search.literal
    if literal is not None:
        folded, offsets = fold_with_offsets(text, case=search.case_sensitive)
        at = folded.find(literal) if literal else -1
        while at >= 0:
            spans.append((at, at + len(literal)))
            at = folded.find(literal, at + len(literal))
    else:
        # A regex sees the text folded but with its case kept, so that [A-Z] and friends work as typed;
        # IGNORECASE does the case folding.
        if deadline is None:
            deadline = Deadline(REGEX_TIMEOUT, per_letter=True)
        compiled = search.compiled()  # compiled before the clock runs: its cost is bounded by check()
        folded, offsets = fold_with_offsets(text, case=True)
        try:
            found = compiled.finditer(folded, timeout=deadline.remaining(search))
            spans = [m.span() for m in found if m.end() > m.start()]
        except TimeoutError:
            raise deadline.expired(search) from None
        except MemoryError:
            raise PatternError(
                f"the regular expression {shortened(search.pattern)!r} needs more memory than there is: "
                "simplify it"
            ) from None
    if offsets is not None:
        spans = [(offsets[start], offsets[end - 1] + 1) for start, end in spans]
    return spans


# Where beyond the text grep --in may look, each with the name a match there is shown under.
PLACES = ("text", "notes", "sources", "apparatus")


def places_from(value: str) -> tuple[str, ...]:
    """The places grep --in names (text,notes or all; singular or plural), in their order; InputError for a
    place there is not."""
    names = [name.strip().lower() for name in value.split(",")]
    if "all" in names:
        return PLACES
    plural = {place.rstrip("s"): place for place in PLACES}
    unknown = [name for name in names if name not in PLACES and name not in plural]
    if unknown or not value.strip():
        shown = shortened(unknown[0]) if unknown and unknown[0] else ""
        raise InputError(
            f"grep --in: {f'no place called {shown!r}' if shown else 'no place named'}: "
            f"give one or more of {', '.join(PLACES)} (comma between), or all"
        )
    wanted = {plural.get(name, name) for name in names}
    return tuple(place for place in PLACES if place in wanted)


def labelled_strings(letter: Letter, place: str) -> list[tuple[str, str]]:
    """The strings of a letter in one place beyond its text, each with where it is: ("note 8", its text),
    ("source", ...), ("source note", ...), ("apparatus", ...)."""
    from leninletters.core.predicates import beyond_the_text

    if place == "notes":
        return [(f"note {note.marker}", note.text) for note in letter.notes]
    if place == "sources":
        return [
            (label, line)
            for label, line in (("source", letter.source), ("source note", letter.source_note))
            if line
        ]
    return [("apparatus", line) for line in beyond_the_text(letter, "apparatus")]


def find_beyond(letter: Letter, search: Search, deadline: Deadline | None = None) -> list[Snippet]:
    """The matches of a search in the places beyond a letter's text that it looks in (grep --in): one
    snippet for each string holding any, the whole string, its matches highlighted, saying where it is."""
    found: list[Snippet] = []
    for place in search.places:
        if place == "text":
            continue
        for where, line in labelled_strings(letter, place):
            spans = spans_in(line, search, deadline)
            if spans:
                found.append(Snippet(0, 0, line, tuple(spans), where))
    return found


def _matches(text: str, spans: list[tuple[int, int]]) -> list[Match]:
    """The matches of spans in order, each in the paragraph its start lies in (a paragraph break belongs to
    the paragraph before it, as Letter.paragraphs splits them).

    The breaks are found once, as str.split finds them, so that a match inside a break (grep '\n') does
    not hide that break from the matches after it.
    """
    break_ends: list[int] = []
    at = text.find(PARAGRAPH_BREAK)
    while at >= 0:
        break_ends.append(at + len(PARAGRAPH_BREAK))
        at = text.find(PARAGRAPH_BREAK, at + len(PARAGRAPH_BREAK))
    return [Match(start, end, text[start:end], 1 + bisect_right(break_ends, start)) for start, end in spans]


def count(letter: Letter, search: Search, deadline: Deadline | None = None) -> int:
    """How many matches a letter has: the fast path of grep --count."""
    literal = search.literal
    if literal is not None:
        return fold(letter.text, case=search.case_sensitive).count(literal) if literal else 0
    return len(find(letter, search, deadline))


SENTENCE_END = (
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bi\.e\.)(?<!\bop\.)(?<!\bvol\.)(?<!\bp\.)(?<!\bpp\.)(?<!\bcf\.)"
    r"[”’\"')\]]*\s+(?=[A-Z“‘\"'(\[0-9])"
)


def sentences(paragraph: str) -> list[tuple[int, int]]:
    """The spans of a paragraph's sentences (initials such as "S.S. Oldenburg" do not end one)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in re.finditer(SENTENCE_END, paragraph):
        spans.append((start, boundary.start() + len(boundary.group().rstrip())))
        start = boundary.end()
    spans.append((start, len(paragraph)))
    return [(s, e) for s, e in spans if e > s]


def snippets(letter: Letter, found: Sequence[Match], context: int = 0) -> list[Snippet]:
    """The sentences holding the matches, with `context` sentences either side, merged where they meet.

    Linear in the letter: its paragraphs are split once, each paragraph's sentences found once.
    """
    paragraphs = letter.paragraphs
    paragraph_starts = [0]
    for paragraph in paragraphs[:-1]:
        paragraph_starts.append(paragraph_starts[-1] + len(paragraph) + len(PARAGRAPH_BREAK))
    sentence_spans: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}  # paragraph: spans, their ends
    windows: list[_Window] = []
    for match in found:
        base = paragraph_starts[match.paragraph - 1]
        if match.paragraph not in sentence_spans:
            spans_found = sentences(paragraphs[match.paragraph - 1]) or [(0, 0)]
            sentence_spans[match.paragraph] = (spans_found, [e for _, e in spans_found])
        spans, ends = sentence_spans[match.paragraph]
        # The first sentence ending after the match starts; the first from there ending at or after its end.
        first = min(bisect_right(ends, match.start - base), len(spans) - 1)
        last = min(max(bisect_left(ends, match.end - base), first), len(spans) - 1)
        first, last = max(0, first - context), min(len(spans) - 1, last + context)
        # Whitespace between sentences, or the paragraph break itself, lies in no sentence: the snippet
        # still holds all of every match it shows.
        start, end = min(base + spans[first][0], match.start), max(base + spans[last][1], match.end)
        if windows and windows[-1].paragraph == match.paragraph and start <= windows[-1].end:
            windows[-1].end = max(windows[-1].end, end)
            windows[-1].matches.append(match)
        else:
            windows.append(_Window(match.paragraph, start, end, [match]))
    return [
        Snippet(
            paragraph=window.paragraph,
            start=window.start,
            text=letter.text[window.start : window.end],
            highlights=tuple(
                (max(m.start, window.start) - window.start, min(m.end, window.end) - window.start)
                for m in window.matches
            ),
        )
        for window in windows
    ]


class _Window:
    """A stretch of one paragraph (offsets in the letter's text) that grows as nearby matches join it."""

    __slots__ = ("end", "matches", "paragraph", "start")

    def __init__(self, paragraph: int, start: int, end: int, matches: list[Match]) -> None:
        self.paragraph = paragraph
        self.start = start
        self.end = end
        self.matches = matches
