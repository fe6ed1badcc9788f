"""Search a letter's text: literal or regular-expression matches, counts, and sentences around them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from leninletters.errors import PatternError
from leninletters.folding import fold, fold_typography, fold_with_offsets
from leninletters.model import PARAGRAPH_BREAK, Letter

if TYPE_CHECKING:
    import regex as regex_engine

# Longer patterns are refused: nobody types them, and a regex that long is a mistake or an attack.
MAX_PATTERN_LENGTH = 1000

# A regular expression gets this many seconds on each letter; pathological backtracking is stopped there.
REGEX_TIMEOUT = 1.0


class Match(NamedTuple):
    """One match: its span in the letter's text and the text it covers."""

    start: int
    end: int
    text: str
    paragraph: int  # 1-based


class Snippet(NamedTuple):
    """A stretch of one paragraph around one or more matches, for showing them in context."""

    paragraph: int
    start: int  # offset of the snippet in the letter's text
    text: str
    # Spans of the matches, relative to the snippet.
    highlights: tuple[tuple[int, int], ...]


class Search(NamedTuple):
    """A search: what a user typed and how to look for it."""

    pattern: str
    regex: bool = False
    word: bool = False
    case_sensitive: bool = False

    def compiled(self) -> regex_engine.Pattern[str]:
        return _compile(self.pattern, self.regex, self.word, self.case_sensitive)

    def check(self) -> None:
        """Raise PatternError now if the pattern cannot be used."""
        if not self.pattern:
            raise PatternError("an empty pattern matches everything: give a name or a phrase")
        if len(self.pattern) > MAX_PATTERN_LENGTH:
            raise PatternError(
                f"the pattern is {len(self.pattern):,} characters long; the limit is {MAX_PATTERN_LENGTH:,}"
            )
        if self.literal is None:
            self.compiled()

    @property
    def literal(self) -> str | None:
        """The folded literal to look for with str.find, where no regex is needed."""
        if self.regex or self.word:
            return None
        return _folded_pattern(self.pattern, self.case_sensitive)


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
    flags = regex_engine.VERSION0 | (0 if case_sensitive else regex_engine.IGNORECASE)
    try:
        return regex_engine.compile(source, flags)
    except regex_engine.error as error:
        raise PatternError(f"invalid regular expression {pattern!r}: {error}") from None
    except (RecursionError, OverflowError, MemoryError, ValueError):
        raise PatternError(f"the regular expression {pattern[:40]!r} is too complex") from None


def find(letter: Letter, search: Search) -> list[Match]:
    """Every match of the search in a letter's text, in order, not overlapping."""
    spans: list[tuple[int, int]] = []
    literal = search.literal
    if literal is not None:
        folded, offsets = fold_with_offsets(letter.text, case=search.case_sensitive)
        at = folded.find(literal) if literal else -1
        while at >= 0:
            spans.append((at, at + len(literal)))
            at = folded.find(literal, at + len(literal))
    else:
        # A regex sees the text folded but with its case kept, so that [A-Z] and friends work as typed;
        # IGNORECASE does the case folding.
        folded, offsets = fold_with_offsets(letter.text, case=True)
        try:
            found = search.compiled().finditer(folded, timeout=REGEX_TIMEOUT)
            spans = [m.span() for m in found if m.end() > m.start()]
        except TimeoutError:
            raise PatternError(
                f"the regular expression {search.pattern[:40]!r} took over {REGEX_TIMEOUT:g} s on one "
                "letter (nested repeats such as (a+)+ backtrack without end): simplify it"
            ) from None
    if offsets is not None:
        spans = [(offsets[start], offsets[end - 1] + 1) for start, end in spans]
    return [_match(letter.text, start, end) for start, end in spans]


def _match(text: str, start: int, end: int) -> Match:
    paragraph = text.count(PARAGRAPH_BREAK, 0, start) + 1
    return Match(start, end, text[start:end], paragraph)


def count(letter: Letter, search: Search) -> int:
    """How many matches a letter has: the fast path of grep --count."""
    literal = search.literal
    if literal is not None:
        return fold(letter.text, case=search.case_sensitive).count(literal) if literal else 0
    return len(find(letter, search))


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
    """The sentences holding the matches, with `context` sentences either side, merged where they meet."""
    paragraph_starts = [0]
    for paragraph in letter.paragraphs[:-1]:
        paragraph_starts.append(paragraph_starts[-1] + len(paragraph) + len(PARAGRAPH_BREAK))
    windows: list[tuple[int, int, int, list[Match]]] = []  # paragraph, start, end (text offsets), matches
    for match in found:
        base = paragraph_starts[match.paragraph - 1]
        paragraph = letter.paragraphs[match.paragraph - 1]
        spans = sentences(paragraph)
        first = next(i for i, (s, e) in enumerate(spans) if e > match.start - base or i == len(spans) - 1)
        last = next(
            (i for i, (s, e) in enumerate(spans) if e >= match.end - base and i >= first), len(spans) - 1
        )
        first, last = max(0, first - context), min(len(spans) - 1, last + context)
        start, end = base + spans[first][0], base + spans[last][1]
        if windows and windows[-1][0] == match.paragraph and start <= windows[-1][2]:
            previous = windows[-1]
            windows[-1] = (previous[0], previous[1], max(previous[2], end), [*previous[3], match])
        else:
            windows.append((match.paragraph, start, end, [match]))
    return [
        Snippet(
            paragraph=number,
            start=start,
            text=letter.text[start:end],
            highlights=tuple((max(m.start, start) - start, min(m.end, end) - start) for m in window_matches),
        )
        for number, start, end, window_matches in windows
    ]
