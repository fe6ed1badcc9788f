"""Every common romanisation of Russian (and Georgian) names: each scheme a table plus the contextual rules
its standard states (BGN/PCGN, ALA-LC, ISO 9, scholarly, English, German, French; Georgian's national
system). leninletters.core.names applies them to each person's native form.

Pure: the standard library only; nothing is done at import but building small tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

RUSSIAN_VOWELS = frozenset("аеёиоуыэюя")
# After these, BGN/PCGN, the English and the German schemes write е as ye/je ("iotated").
_IOTATING = RUSSIAN_VOWELS | frozenset("йъь")
_HUSHING = frozenset("жчшщ")
# Sets, not strings: "" (past either end) is in every string.
_I_Y = frozenset("иы")
_SIGNS = frozenset("ъь")
_FRONT = frozenset("еиыэ")
_IOTATED = frozenset("еёюя")

# A character, the one before it and the two after it (lowercase; "" past either end): its Latin.
Letter = Callable[[str, str, str, str], str]


def _is_letter(character: str) -> bool:
    return bool(character) and character.isalpha()


def _initial(prev: str) -> bool:
    return not _is_letter(prev)


def _final(nxt: str) -> bool:
    return not _is_letter(nxt)


def _romanize(text: str, letter: Letter) -> str:
    """Apply a scheme's per-letter rule to text, keeping capitals (Ж as Zh, or ZH within capitals)."""
    lower = text.lower()
    last = len(text) - 1
    pieces: list[str] = []
    for index, character in enumerate(lower):
        prev = lower[index - 1] if index else ""
        nxt = lower[index + 1] if index < last else ""
        after = lower[index + 2] if index < last - 1 else ""
        piece = letter(prev, character, nxt, after)
        if piece and text[index] != character:
            neighbours = (text[index + 1] if index < last else "", text[index - 1] if index else "")
            if any(n.isalpha() and n.isupper() for n in neighbours):
                piece = piece.upper()
            else:
                piece = piece[0].upper() + piece[1:]
        pieces.append(piece)
    return "".join(pieces)


# Letters outside the modern Russian alphabet that names and old printings use; every scheme falls back to
# these (pre-1918 spelling, Ukrainian, Belarusian), so that any Cyrillic text can be romanised.
_OTHER_CYRILLIC = {
    "і": "i",
    "ї": "ji",
    "є": "je",
    "ґ": "g",
    "ў": "u",
    "ѣ": "e",
    "ѳ": "f",
    "ѵ": "i",
    "ј": "j",
    "љ": "lj",
    "њ": "nj",
    "џ": "dž",
    "ђ": "đ",
    "ћ": "ć",
    "ѕ": "dz",
}

_COMMON = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "з": "z",
    "и": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "ы": "y",
}


def _table(**letters: str) -> dict[str, str]:
    return {**_OTHER_CYRILLIC, **_COMMON, **letters}


def _by_table(table: Mapping[str, str]) -> Letter:
    def letter(prev: str, character: str, nxt: str, after: str) -> str:
        return table.get(character, character)

    return letter


# ISO 9:1995 (= GOST 7.79 system A): one Latin letter for each Cyrillic one, reversible.
_ISO9 = _table(
    ё="ë", ж="ž", й="j", х="h", ц="c", ч="č", ш="š", щ="ŝ", ъ="ʺ", ь="ʹ", э="è", ю="û", я="â"
)  # fmt: skip

# Scholarly ("scientific") transliteration of Slavists and linguists.
_SCHOLARLY = _table(
    ё="ë", ж="ž", й="j", х="x", ц="c", ч="č", ш="š", щ="šč", ъ='"', ь="'", э="è", ю="ju", я="ja"
)  # fmt: skip

# ALA-LC (Library of Congress) romanisation tables, Russian: with its diacritics and ligature ties.
_ALA_LC = _table(
    ё="ë", ж="zh", й="ĭ", х="kh", ц="t͡s", ч="ch", ш="sh", щ="shch", ъ="ʺ", ь="ʹ", э="ė", ю="i͡u", я="i͡a"
)  # fmt: skip
# The same as most catalogues and bibliographies type it: no diacritics, no ties, ASCII signs.
_ALA_LC_PLAIN = _table(
    ё="e", ж="zh", й="i", х="kh", ц="ts", ч="ch", ш="sh", щ="shch", ъ='"', ь="'", э="e", ю="iu", я="ia"
)  # fmt: skip

# BGN/PCGN 1947 (US Board on Geographic Names and the UK Permanent Committee), without the optional
# middle dots that separate ambiguous digraphs (t·s).
_BGN = _table(
    ж="zh", й="y", х="kh", ц="ts", ч="ch", ш="sh", щ="shch", ъ="”", ь="’", э="e", ю="yu", я="ya"
)  # fmt: skip


def iso9(text: str) -> str:
    """Romanise by ISO 9:1995: Троцкий → Trockij, Зиновьев → Zinovʹev, Крупская → Krupskaâ."""
    return _romanize(text, _by_table(_ISO9))


def scholarly(text: str) -> str:
    """Romanise as Slavists do: Троцкий → Trockij, Зиновьев → Zinov'ev, Орджоникидзе → Ordžonikidze."""
    return _romanize(text, _by_table(_SCHOLARLY))


def ala_lc(text: str, *, diacritics: bool = True) -> str:
    """Romanise by ALA-LC: Крупская → Krupskai͡a (Krupskaia without diacritics), Троцкий → Trot͡skiĭ."""
    return _romanize(text, _by_table(_ALA_LC if diacritics else _ALA_LC_PLAIN))


def bgn_pcgn(text: str) -> str:
    """Romanise by BGN/PCGN: Троцкий → Trotskiy, Зиновьев → Zinov’yev, Фотиева → Fotiyeva."""

    def letter(prev: str, character: str, nxt: str, after: str) -> str:
        if character in "её":
            vowel = "e" if character == "е" else "ë"
            return "y" + vowel if _initial(prev) or prev in _IOTATING else vowel
        return _BGN.get(character, character)

    return _romanize(text, letter)


def english(text: str) -> str:
    """Romanise as English Wikipedia does (BGN/PCGN simplified): Trotsky, Zinovyev, Fotiyeva, Sergey."""

    def letter(prev: str, character: str, nxt: str, after: str) -> str:
        if character == "е":
            return "ye" if _initial(prev) or prev in _IOTATING else "e"
        if character == "ё":
            return "o" if prev in _HUSHING else "yo"
        if character in "иы" and nxt == "й" and _final(after):
            return ""  # -ий, -ый: Троцкий → Trotsky
        if character == "ь":
            return "y" if nxt in ("и", "о") else ""
        if character == "ъ":
            return ""
        return _BGN.get(character, character)

    return _romanize(text, letter)


def english_traditional(text: str) -> str:
    """Romanise as English books have long printed names: Zinoviev, Fotieva, Sergei, Lidia, Khrushchev."""

    def letter(prev: str, character: str, nxt: str, after: str) -> str:
        if character in "её":  # ё printed as е, as Russian prints it: Khrushchev, Soloviev
            return "ye" if _initial(prev) or prev == "ъ" else "e"
        if character in "иы" and nxt == "й" and _final(after):
            return ""
        if character == "й":
            if prev in RUSSIAN_VOWELS and prev not in _I_Y and nxt not in RUSSIAN_VOWELS:
                return "i"  # Nikolai, Sergei
            return "y"
        if character == "ь":
            return "i" if nxt in ("е", "ё") else "y" if nxt in ("и", "о") else ""
        if character == "ъ":
            return ""
        if character == "я" and prev == "и":
            return "a"  # Maria, Lidia
        if character == "к" and nxt == "с":
            return "x"  # Alexandrovna, Felix
        if character == "с" and prev == "к":
            return ""
        return _BGN.get(character, character)

    return _romanize(text, letter)


# German, as the Duden and the German press write Russian names (Trotzki, Sinowjew, Dserschinski).
_GERMAN = _table(
    в="w", ж="sch", з="s", й="i", х="ch", ц="z", ч="tsch", ш="sch", щ="schtsch", ъ="", ь="", э="e",
    ю="ju", я="ja",
)  # fmt: skip


def german(text: str) -> str:
    """Romanise as German does: Лев Троцкий → Lew Trotzki, Зиновьев → Sinowjew, Ильич → Iljitsch."""

    def letter(prev: str, character: str, nxt: str, after: str) -> str:
        if character == "к" and nxt == "с":
            return "x"
        if character == "с" and prev == "к":
            return ""
        if character in "её":
            vowel = "e" if character == "е" else "o"
            if character == "ё" and prev in _HUSHING:
                return "o"
            return "j" + vowel if _initial(prev) or prev in _IOTATING or character == "ё" else vowel
        if character in "иы" and nxt == "й" and _final(after):
            return "i" if character == "и" else "y"
        if character == "й":
            if prev in _I_Y and _final(nxt):
                return ""
            if nxt in _IOTATED:
                return ""  # the vowel brings its j: Maja
            return "j" if nxt in RUSSIAN_VOWELS else "i"
        if character == "ь":
            return "j" if nxt in ("и", "о") else ""
        if character == "с":
            return "ss" if prev in RUSSIAN_VOWELS and nxt in RUSSIAN_VOWELS else "s"
        if character == "ц":
            # Trotzki: tz after a vowel and before a consonant, as German spells the sound.
            return "tz" if prev in RUSSIAN_VOWELS and _is_letter(nxt) and nxt not in RUSSIAN_VOWELS else "z"
        return _GERMAN.get(character, character)

    return _romanize(text, letter)


_FRENCH = _table(
    ж="j", х="kh", ц="ts", ч="tch", ш="ch", щ="chtch", ъ="", ь="", у="ou", э="e", ё="io", ю="iou", я="ia",
)  # fmt: skip


def french(text: str) -> str:
    """Romanise as French does: Trotski, Zinoviev, Ordjonikidze, Dzerjinski, Kroupskaïa, Staline."""

    def letter(prev: str, character: str, nxt: str, after: str) -> str:
        after_vowel = prev in RUSSIAN_VOWELS
        if character == "к" and nxt == "с":
            return "x"
        if character == "с" and prev == "к":
            return ""
        if character == "е":
            if _initial(prev) or prev in _SIGNS:
                return "ie"
            return "ïe" if after_vowel and prev != "и" else "e"
        if character in "юя":
            plain = _FRENCH[character]
            if prev == "и":
                return plain[1:]  # Maria, Lidia
            return "ï" + plain[1:] if after_vowel else plain
        if character == "ё" and prev in _HUSHING:
            return "o"
        if character == "г":
            return "gu" if nxt in _FRONT else "g"
        if character in "иы" and nxt == "й" and _final(after):
            return "i" if character == "и" else "y"
        if character == "и":
            return "ï" if after_vowel else "i"
        if character == "й":
            if prev in _I_Y and _final(nxt):
                return ""
            return "ï" if after_vowel and nxt not in RUSSIAN_VOWELS else "i"
        if character == "с":
            return "ss" if after_vowel and nxt in RUSSIAN_VOWELS else "s"
        if character == "н" and prev == "и" and _final(nxt):
            return "ne"  # -ин as -ine: Staline, Lénine, Boukharine
        return _FRENCH.get(character, character)

    return _romanize(text, letter)


# Georgian, by the national system of 2002 (the ejectives k', p', t', ts', ch', q' marked).
_GEORGIAN = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t", "ი": "i", "კ": "k'",
    "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p'", "ჟ": "zh", "რ": "r", "ს": "s", "ტ": "t'", "უ": "u",
    "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q'", "შ": "sh", "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts'",
    "ჭ": "ch'", "ხ": "kh", "ჯ": "j", "ჰ": "h",
}  # fmt: skip


def georgian(text: str, *, ejectives: bool = True) -> str:
    """Romanise Georgian by the national system: ორჯონიკიძე → Orjonik'idze (Orjonikidze without marks)."""
    table = _GEORGIAN if ejectives else {k: v.rstrip("'") for k, v in _GEORGIAN.items()}
    words = ("".join(table.get(c, c) for c in word) for word in text.lower().split(" "))  # Mtavruli too
    # Georgian has no capitals: names are written with an initial capital in Latin.
    return " ".join(w[:1].upper() + w[1:] for w in words)


# Every scheme for Russian, by name: what forms() applies to each native name.
SCHEMES: dict[str, Callable[[str], str]] = {
    "bgn_pcgn": bgn_pcgn,
    "ala_lc": ala_lc,
    "ala_lc_plain": lambda text: ala_lc(text, diacritics=False),
    "iso9": iso9,
    "scholarly": scholarly,
    "english": english,
    "english_traditional": english_traditional,
    "german": german,
    "french": french,
}

GEORGIAN_SCHEMES: dict[str, Callable[[str], str]] = {
    "georgian": georgian,
    "georgian_plain": lambda text: georgian(text, ejectives=False),
}


def is_georgian(text: str) -> bool:
    return any("\u10a0" <= c <= "\u10ff" for c in text)


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u052f" for c in text)


def transliterate(text: str, scheme: str = "english") -> str:
    """Romanise Cyrillic (or Georgian) text by the named scheme of SCHEMES; Latin text stays as it is."""
    if is_georgian(text):
        text = georgian(text, ejectives=False)
    return SCHEMES[scheme](text)
