"""Select letters: filters, references, and search with typographic folding.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from leninletters import dates
from leninletters.errors import InputError, LetterNotFound, PatternError
from leninletters.model import PARAGRAPH_BREAK, Filter, Letter

if TYPE_CHECKING:
    import regex as regex_engine

# Printed typography and what a keyboard types for it; each maps one character to one.
TYPOGRAPHY = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‚": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "–": "-",
        "—": "-",
        "‒": "-",
        "―": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
    }
)
# Patterns are kept as text and compiled (and cached) by re on first use: start-up pays for none of them.
COMBINING_MARKS = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
NO_SCRIBE = "none"
# Longer patterns are refused: nobody types them, and a regex that long is a mistake or an attack.
MAX_PATTERN_LENGTH = 1000
# A regular expression gets this many seconds on each letter; pathological backtracking is stopped there.
REGEX_TIMEOUT = 1.0


TYPOGRAPHY_PAIRS = tuple((chr(code), plain) for code, plain in TYPOGRAPHY.items())


def fold_typography(text: str) -> str:
    """’ ‘ as ', “ ” as ", – — as -: what a keyboard types for printed typography."""
    if text.isascii():
        return text
    # A few replace() calls scan in C; str.translate looks each character up in a dict, 10 times slower.
    for printed, typed in TYPOGRAPHY_PAIRS:
        if printed in text:
            text = text.replace(printed, typed)
    return text


def fold(text: str, *, case: bool = False) -> str:
    """Fold typography (’ “ – to ' " -) and accents, and case unless case=True."""
    folded = fold_typography(text)
    if not folded.isascii():
        folded = re.sub(COMBINING_MARKS, "", unicodedata.normalize("NFKD", folded))
    if case:
        return folded
    return folded.lower() if folded.isascii() else folded.casefold()  # lower() is casefold() on ASCII, faster


def fold_with_offsets(text: str, *, case: bool = False) -> tuple[str, list[int] | None]:
    """The folded text and, where folding changed lengths, each folded character's offset in text.

    None stands for "the same offsets": true of any text that is ASCII once its typography is folded,
    which is every letter of the edition; only the rare other text pays for a character-by-character map.
    """
    translated = fold_typography(text)
    if translated.isascii():
        return (translated if case else translated.lower()), None
    pieces: list[str] = []
    offsets: list[int] = []
    for index, character in enumerate(text):
        piece = fold(character, case=case)
        pieces.append(piece)
        offsets.extend([index] * len(piece))
    offsets.append(len(text))
    return "".join(pieces), offsets


def make_filter(
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    recipients: Sequence[str] = (),
    scribe: str | None = None,
    keywords: Sequence[str] = (),
) -> Filter:
    """Build the one filter value from the options' words (the CLI and a query language share it)."""
    start, end = dates.span(date_from, date_to)
    cleaned_recipients = tuple(name.strip() for name in recipients if name.strip())
    if recipients and not cleaned_recipients:
        raise InputError("--recipient needs a name, for example --recipient trotsky")
    cleaned_keywords = tuple(k for k in keywords if k.strip())
    if keywords and not cleaned_keywords:
        raise InputError("--keyword needs some text, for example --keyword monopoly")
    if scribe is not None and not scribe.strip():
        raise InputError("--scribe needs L.F., M.V., a name, or 'none'")
    return Filter(
        date_from=start,
        date_to=end,
        recipients=cleaned_recipients,
        scribe=scribe.strip() if scribe is not None else None,
        keywords=cleaned_keywords,
    )


def _name_matches(wanted: str, name: str) -> bool:
    """'trotsky', 'Leon Trotsky' and 'L. Trotsky'-free forms all find "Leon Trotsky"."""
    wanted_words = fold(wanted).replace(".", ". ").split()
    name_words = fold(name).replace(".", ". ").split()
    if not wanted_words:
        return False
    # Every word asked for stands, in order, among the name's words ("trotsky" in "leon trotsky").
    for start in range(len(name_words) - len(wanted_words) + 1):
        if name_words[start : start + len(wanted_words)] == wanted_words:
            return True
    return False


def _scribe_matches(wanted: str, letter: Letter) -> bool:
    if fold(wanted) == NO_SCRIBE:
        return not letter.scribes
    compact = fold(wanted).replace(" ", "")
    if any(compact == fold(initials).replace(" ", "") for initials in letter.scribes):
        return True
    return any(_name_matches(wanted, name) for name in letter.scribe_names)


def matches(letter: Letter, selection: Filter, folded_text: str | None = None) -> bool:
    """Whether a letter meets every criterion of the filter."""
    if selection.date_from is not None and letter.date < selection.date_from:
        return False
    if selection.date_to is not None and letter.date > selection.date_to:
        return False
    if selection.recipients and not any(
        _name_matches(wanted, name)
        for wanted in selection.recipients
        for name in (*letter.recipients, *letter.copies)
    ):
        return False
    if selection.scribe is not None and not _scribe_matches(selection.scribe, letter):
        return False
    if selection.keywords:
        haystack = fold(letter.text) if folded_text is None else folded_text
        return all(_folded_pattern(keyword, False) in haystack for keyword in selection.keywords)
    return True


def select(letters: Iterable[Letter], selection: Filter) -> list[Letter]:
    """The letters that meet the filter, in their order."""
    return [letter for letter in letters if matches(letter, selection)]


def resolve(letters: Sequence[Letter], references: Sequence[str]) -> list[Letter]:
    """The letters named by numbers, slugs or dates, in the order asked, each once."""
    chosen: dict[int, Letter] = {}
    for reference in references:
        for letter in _resolve_one(letters, reference):
            chosen.setdefault(letter.number, letter)
    return list(chosen.values())


def _resolve_one(letters: Sequence[Letter], reference: str) -> list[Letter]:
    text = reference.strip()
    if not text:
        raise LetterNotFound("an empty reference: give a letter's number, slug or date (see 'list')")
    if text.startswith("-") and not text[1:].isdigit():
        raise LetterNotFound(f"no such option: {text} (see the command's --help)")
    if text.lstrip("-").isdigit():
        number = int(text)
        found = [letter for letter in letters if letter.number == number]
        if not found:
            numbers = sorted(letter.number for letter in letters)
            raise LetterNotFound(
                f"no letter number {text}: the letters are numbered {numbers[0]} to {numbers[-1]}"
            )
        return found
    if dates.is_date_reference(text):
        first, last = dates.date_range(text)
        found = [letter for letter in letters if any(first <= day <= last for day in letter.dates)]
        if not found:
            raise LetterNotFound(f"no letter dated {text}: {_nearest_dates(letters, first)}")
        return found
    slug = text.casefold()
    found = [letter for letter in letters if letter.slug == slug]
    if not found:
        import difflib

        close = difflib.get_close_matches(slug, [letter.slug for letter in letters], n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "run 'leninletters list' to see them"
        raise LetterNotFound(f"no letter {text!r}: {hint}")
    return found


def _nearest_dates(letters: Sequence[Letter], day: dt.date) -> str:
    before = [letter.date for letter in letters if letter.date < day]
    after = [letter.date for letter in letters if letter.date > day]
    nearest = [d.isoformat() for d in (max(before, default=None), min(after, default=None)) if d]
    return f"the nearest are {' and '.join(nearest)}" if nearest else "the corpus has no dates"


# Search ---------------------------------------------------------------------------------------


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
