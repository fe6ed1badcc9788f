"""The words of the text as a query asks for them: a bare word by its stem (`rude` finds "rudeness", not
"crudity"), a "quoted" word or phrase exactly, whole words only, and `rud*` by the start of a word.

`text:` keeps grep's meaning (a phrase anywhere, inside words too): predicates.terms.Phrase.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from leninletters.core.folding import fold
from leninletters.core.model import Letter, Part
from leninletters.core.predicates.base import Clause, Predicate, quote, with_leaves
from leninletters.core.predicates.terms import Phrase
from leninletters.core.stemming import (
    ENGLISH,
    every_language,
    holds_stems,
    language_of,
    snowball,
    stems,
    words,
)


def _parts_where(letter: Letter, holds: Callable[[str], bool]) -> tuple[Part, ...]:
    """The parts of a letter whose own text a test holds for (the whole letter when it has no parts)."""
    if not letter.parts:
        return letter.all_parts if holds(letter.text) else ()
    return tuple(part for part, text in letter.part_texts() if holds(text))


def reads_bare(text: str) -> bool:
    """Whether a word, written bare in a query, reads back as that same bare word."""
    return quote(text) == text and ":" not in text and not text.endswith("*")


class Word(Predicate):
    """The text has the words with these stems, in order: `rude` finds "rude" and "rudeness", not
    "crudity" (Snowball stems in each letter's language; ’ as ', any case and accents)."""

    __slots__ = ("language", "stemmed_in", "text")
    text: str
    # The edition's language (a BCP 47 tag), for letters that name none: the store gives it (with_language).
    language: str | None
    # The languages the store's letters are stemmed in, where the store has said (else any Snowball has).
    stemmed_in: tuple[str, ...] | None

    def __init__(
        self, text: str, language: str | None = None, stemmed_in: tuple[str, ...] | None = None
    ) -> None:
        self._set(text=text, language=language, stemmed_in=stemmed_in)

    def stems(self, language: str = ENGLISH) -> tuple[str, ...]:
        return tuple(stems(self.text, language))

    def _holds(self, letter: Letter) -> Callable[[str], bool]:
        language = language_of(letter, self.language)
        wanted = self.stems(language)
        return lambda text: holds_stems(text, wanted, language)

    def matches(self, letter: Letter) -> bool:
        return self._holds(letter)(letter.text)

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        return _parts_where(letter, self._holds(letter))

    def clause(self) -> Clause:
        # A store keeps each letter's stems in the letter's own language: the word's stems in every language
        # a letter may have, one clause each. Where they differ, each candidate is checked in its language.
        languages = self.stemmed_in if self.stemmed_in is not None else every_language()
        alternatives = list(dict.fromkeys(self.stems(language) for language in languages))
        if len(alternatives) == 1:
            return _holding(alternatives[0])
        return Clause("or", children=tuple(_holding(wanted) for wanted in alternatives), exact=False)

    def explain(self) -> str:
        return self.text if reads_bare(self.text) else f"word:{quote(self.text)}"

    def meaning(self) -> str:
        shown = " ".join(self.stems(snowball(self.language) or ENGLISH))
        return f"the text has a word with the stem {shown!r} (rude finds rudeness, not crudity)"


def _holding(wanted: tuple[str, ...]) -> Clause:
    """The letters holding these stems: one stem exactly; several ("Stalin's" is one word, "L.F." two)
    each, the order checked after."""
    if len(wanted) == 1:
        return Clause("has", "stems", wanted)
    return Clause("and", children=tuple(Clause("has", "stems", (stem,)) for stem in wanted), exact=False)


def with_language(
    predicate: Predicate, language: str | None, stemmed_in: Callable[[], tuple[str, ...]]
) -> Predicate:
    """The predicate with every bare word knowing the edition's language (for the letters that name none)
    and the languages the store's letters are stemmed in (asked only where the predicate has a word)."""

    def given(term: Predicate) -> Predicate:
        return Word(term.text, language, stemmed_in()) if isinstance(term, Word) else term

    return with_leaves(predicate, given)


@cache
def _exactly(folded: str) -> re.Pattern[str]:
    """The folded phrase, whole words at either end where it begins or ends with a word's character."""
    start = r"(?<!\w)" if re.match(r"\w", folded) else ""
    end = r"(?!\w)" if re.search(r"\w$", folded) else ""
    return re.compile(start + re.escape(folded) + end)


class _Spelt(Predicate):
    """A test of the text by a pattern of the folded words asked for (Exact, Prefix): any case, ’ as '."""

    __slots__ = ()  # each kind names its own slots: a Predicate is compared by them
    text: str

    def _pattern(self) -> re.Pattern[str]:
        raise NotImplementedError

    def _holds(self, text: str) -> bool:
        return self._pattern().search(fold(text)) is not None

    def matches(self, letter: Letter) -> bool:
        return self._holds(letter.text)

    def parts(self, letter: Letter) -> tuple[Part, ...]:
        return _parts_where(letter, self._holds)

    def clause(self) -> Clause:
        # The letters holding the words anywhere; whole words, or a word's start, are checked on those.
        return Clause("contains", "text", (fold(self.text),), exact=False)


class Exact(_Spelt):
    """The text holds these very words, whole ("rude" finds "rude", not "rudeness"): any case, ’ as '."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self._set(text=text)

    def _pattern(self) -> re.Pattern[str]:
        return _exactly(fold(self.text))

    def explain(self) -> str:
        return '"' + self.text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def meaning(self) -> str:
        return f"the text holds the words {self.text!r}, whole (any case, ’ as ')"


@cache
def _starting(folded: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(folded))


class Prefix(_Spelt):
    """A word of the text starts with this (`rud*` finds "rude" and "rudeness", not "crude")."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self._set(text=text)

    def _pattern(self) -> re.Pattern[str]:
        return _starting(fold(self.text))

    def explain(self) -> str:
        return f"{self.text}*" if reads_bare(self.text) else f"word:{quote(self.text + '*')}"

    def meaning(self) -> str:
        return f"a word of the text starts with {self.text!r}"


def word_term(value: str) -> Predicate:
    """A word as a query writes it, bare or as word:VALUE: `rud*` a prefix, else a word by its stem; what
    holds no word at all (an apostrophe, a dash) is looked for as it is, as grep would."""
    if not words(value):
        return Phrase(value)
    if value.endswith("*") and value.rstrip("*"):
        return Prefix(value.rstrip("*"))
    return Word(value)
