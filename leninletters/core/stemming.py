"""Words as scholars search them: a text's words and their Snowball stems, so that `rude` finds "rude" and
"rudeness" but not "crudity".

A word is a run of letters and digits, an apostrophe inside it kept ("Stalin's", "don't"), read from the
folded text (core.folding), so that ’ is ' and case and accents are gone before a stemmer sees it. The
stemmer is PyStemmer (Snowball's algorithms in C): it costs 2 ms to import, where the pure-Python
snowballstemmer costs 34 ms and stems a hundred times slower, and it is imported only when a word is
first stemmed, never on start-up.

Both stores stem through here (a letter's words in the in-memory store and when an index is built, a
query's words when it is asked), so they agree by construction.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Protocol

from leninletters.core.folding import fold

if TYPE_CHECKING:
    from leninletters.core.model import Letter

# The language of a letter that names none, in an edition that names none: the bundled edition is in English.
ENGLISH = "english"
# Snowball's stemmer for a language, by the BCP 47 tag's first subtag (a letter's `languages`, an edition's
# `language`): "de-AT" is German. A language Snowball has no stemmer for is stemmed as English.
SNOWBALL = {
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "eo": "esperanto",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hu": "hungarian",
    "hy": "armenian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "tr": "turkish",
    "yi": "yiddish",
}
# Letters and digits (no underscore: it joins no words in a letter), an apostrophe inside a word kept.
WORD = r"[^\W_]+(?:'[^\W_]+)*"
# Letters whose stems are kept in memory between questions: a corpus read into memory is asked the same
# letters again for each word of a query, and for each part of a letter.
REMEMBERED = 4096


class _Stemmer(Protocol):
    def stemWords(self, words: list[str]) -> list[str]: ...


@cache
def _stemmer(language: str) -> _Stemmer:
    import Stemmer  # type: ignore[import-not-found]  # only a question with a bare word pays for it

    stemmer: _Stemmer = Stemmer.Stemmer(language)
    return stemmer


def snowball(tag: str | None) -> str | None:
    """Snowball's name for the language a BCP 47 tag names, or None where it has no stemmer for it."""
    return SNOWBALL.get(tag.split("-", 1)[0].casefold()) if tag else None


def language_of(letter: Letter, default: str | None = None) -> str:
    """The language a letter's words are stemmed in: its first language Snowball can stem, else the
    edition's (`default`, a BCP 47 tag), else English. The one place that reads it, for both stores."""
    for tag in letter.languages:
        if found := snowball(tag):
            return found
    return snowball(default) or ENGLISH


def every_language() -> tuple[str, ...]:
    """Every language a letter's words may be stemmed in, once each."""
    return tuple(sorted(set(SNOWBALL.values())))


# Folded ASCII text is lower case: every ASCII character but a word's (and the apostrophe) as a space.
_ASCII_SPACES = str.maketrans(
    {chr(code): " " for code in range(128) if not (chr(code).isalnum() or chr(code) == "'")}
)
_ASCII_WORD = r"[a-z0-9]+(?:'[a-z0-9]+)*"


def words(text: str) -> list[str]:
    """The folded words of a text, in order: "Stalin’s rudeness" is ["stalin's", "rudeness"]."""
    folded = fold(text)
    if not folded.isascii():
        return re.findall(WORD, folded)
    # The same words, found by split() in C where a word holds no apostrophe: twice as fast as the pattern,
    # which an index pays for on every word of every letter.
    found: list[str] = []
    for piece in folded.translate(_ASCII_SPACES).split():
        if "'" in piece:
            found += re.findall(_ASCII_WORD, piece)
        else:
            found.append(piece)
    return found


def stems(text: str, language: str = ENGLISH) -> list[str]:
    """The stems of a text's words, in order."""
    return _stemmed(words(text), language)


# Stems already found, by language and word: a corpus repeats its words, and a dictionary is cheaper than
# the stemmer's own cache. Emptied when it grows past this many, so that it stays small.
_KNOWN: dict[str, dict[str, str]] = {}
KNOWN_WORDS = 200_000


def _stemmed(found: list[str], language: str) -> list[str]:
    known = _KNOWN.setdefault(language, {})
    new = [word for word in dict.fromkeys(found) if word not in known]
    if new:
        if len(known) + len(new) > KNOWN_WORDS:
            known.clear()
        known.update(zip(new, _stemmer(language).stemWords(new), strict=True))
    return [known[word] for word in found]


@lru_cache(maxsize=REMEMBERED)
def stem_set(text: str, language: str = ENGLISH) -> frozenset[str]:
    """The stems of a text's words, once each: what a letter holds for a one-word question."""
    return frozenset(_stemmed(list(set(words(text))), language))


def holds_stems(text: str, wanted: tuple[str, ...], language: str = ENGLISH) -> bool:
    """Whether a text's words, stemmed, hold the wanted stems one after another (one stem: anywhere)."""
    if len(wanted) == 1:
        return wanted[0] in stem_set(text, language)
    if not wanted or not set(wanted) <= stem_set(text, language):
        return False
    have = stems(text, language)
    size = len(wanted)
    return any(tuple(have[start : start + size]) == wanted for start in range(len(have) - size + 1))


# In the index, a stem is one token of FTS5's ascii tokenizer, which splits at ASCII punctuation only: the
# apostrophe a stem may keep ("don't") is written as a character no word holds (one for private use).
APOSTROPHE_TOKEN = "\ue000"


def token(stem: str) -> str:
    """A stem as the index's stems column holds it: one token, whatever it holds."""
    return stem.replace("'", APOSTROPHE_TOKEN)
