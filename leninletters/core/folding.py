"""Fold typography, accents and case, so that what a keyboard types finds what was printed."""

from __future__ import annotations

import re
import unicodedata

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
        # The edition's marks for its own words (docs/corpus.md): < > on a stream that cannot hold them.
        "⟨": "<",
        "⟩": ">",
    }
)

# Every mark a name may carry for an apostrophe or a soft sign (O’Brien, Radomyslʹskij): a name's key and
# its listed words drop them all (leninletters.core.names).
APOSTROPHES = "'’‘`´ʹʼ"

# Patterns are kept as text and compiled (and cached) by re on first use: start-up pays for none of them.
COMBINING_MARKS = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"

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
