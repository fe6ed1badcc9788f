"""Every common romanisation of the letters' people, and matching that forgives how a name is spelt.

Each person has one native form in ``data/names.toml`` (Russian; Georgian too for Georgians) and a few
curated forms that no rule produces (English conventions such as "Leon Trotsky", Polish spellings,
nicknames, initials). The romanisations are generated from the native form by the schemes of
leninletters.core.romanize. ``name_key`` folds any spelling, Cyrillic included,
to a loose key, so that "Trotzki", "Trockij" and "Троцкий" find the same person.

Pure: the standard library and the tool's errors only; nothing is done at import, names.toml is read on
first use and kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from leninletters.core.errors import CorpusError
from leninletters.core.folding import APOSTROPHES
from leninletters.core.romanize import (
    GEORGIAN_SCHEMES,
    SCHEMES,
    georgian,
    is_cyrillic,
    is_georgian,
    scholarly,
)
from leninletters.data import read_text

if TYPE_CHECKING:  # a Protocol costs a fifth of a millisecond to create at import; only mypy needs it
    from typing import Protocol

    class PersonLike(Protocol):
        """What find_people needs of a person (leninletters.core.model.Person has it)."""

        @property
        def id(self) -> str: ...
        @property
        def name(self) -> str: ...
        @property
        def forms(self) -> tuple[str, ...]: ...


NAMES_FILE = "names.toml"

# ---------------------------------------------------------------------------------------------------------
# The people's names: data/names.toml, read on first use.


class NamesError(CorpusError):
    """data/names.toml is not as documented at its top."""


class Names(NamedTuple):
    """One person's names as data/names.toml gives them."""

    id: str
    native: str  # Russian: "given patronymic surname", "given surname" or "surname"
    georgian: str | None = None  # Georgian: "given surname"
    aliases: tuple[str, ...] = ()  # other Cyrillic or Georgian names, romanised by the same rules
    latin: tuple[str, ...] = ()  # Latin forms no rule produces
    text: tuple[str, ...] = ()  # how English text names them


def parse_names(document: Mapping[str, Any]) -> dict[str, Names]:
    """Check a parsed names.toml and return its people by id."""
    people: dict[str, Names] = {}
    for person_id, entry in document.items():
        where = f"names.toml [{person_id}]"
        if not isinstance(entry, dict):
            raise NamesError(f"{where}: expected a table")
        unknown = set(entry) - set(Names._fields) - {"id"}
        if unknown:
            raise NamesError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
        native = entry.get("native")
        if not isinstance(native, str) or not is_cyrillic(native) or not 1 <= len(native.split()) <= 3:
            raise NamesError(f"{where}: native must be a Russian name of one to three words")
        georgian_name = entry.get("georgian")
        if georgian_name is not None and not (isinstance(georgian_name, str) and is_georgian(georgian_name)):
            raise NamesError(f"{where}: georgian must be a name in Georgian script")
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("aliases", "latin", "text"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise NamesError(f"{where}: {key} must be an array of names")
            lists[key] = tuple(value)
        people[person_id] = Names(person_id, native, georgian_name, **lists)
    return people


@cache
def bundled_names() -> dict[str, Names]:
    """The people of data/names.toml by id, read once per process: from the build's checked copy when it
    is still names.toml's (importing tomllib and parsing cost a query a sixteenth of its time), else
    from names.toml itself."""
    text = read_text(NAMES_FILE).encode("utf-8")
    return checked_names(text, _read_data(CHECKED_NAMES_FILE)) or parse_names(_toml(text))


# The build keeps names.toml's people, checked, beside it (data/names.marshal): a key naming the
# names.toml it was made from (size and CRC-32) and the layout of a Names, then the people, marshalled.
CHECKED_NAMES_FILE = "names.marshal"
_CHECKED_PREFIX = b"leninletters-names-1"


def _checked_key(text: bytes) -> bytes:
    import zlib

    layout = ",".join(Names._fields).encode()
    return b"%s %d %08x %s\n" % (_CHECKED_PREFIX, len(text), zlib.crc32(text), layout)


def _toml(text: bytes) -> dict[str, Any]:
    import tomllib

    return tomllib.loads(text.decode("utf-8"))


def checked_copy(text: bytes) -> bytes:
    """names.toml (as bytes) checked and kept as the build writes it to data/names.marshal."""
    import marshal

    people = parse_names(_toml(text))
    return _checked_key(text) + marshal.dumps({key: tuple(entry) for key, entry in people.items()})


def checked_names(text: bytes, stored: bytes | None) -> dict[str, Names] | None:
    """The people of a checked copy, if it was made from this names.toml; None otherwise (no copy,
    another names.toml, another layout, a damaged file)."""
    if stored is None:
        return None
    key, _, payload = stored.partition(b"\n")
    if key + b"\n" != _checked_key(text):
        return None
    import marshal

    try:
        people = marshal.loads(payload)
        return {key: Names(*entry) for key, entry in people.items()}
    except (ValueError, EOFError, TypeError, AttributeError):  # damaged: names.toml is read instead
        return None


def _read_data(name: str) -> bytes | None:
    """A file of the bundled package as bytes, where the package is a folder on disk; else None."""
    import os

    import leninletters.data

    for folder in leninletters.data.__path__:
        try:
            with open(os.path.join(folder, name), "rb") as handle:
                return handle.read()
        except OSError:
            return None
    return None


def _names(person_id: str) -> Names:
    try:
        return bundled_names()[person_id]
    except KeyError:
        raise KeyError(f"no names for {person_id!r} in {NAMES_FILE}") from None


def _is_initial(word: str) -> bool:
    return word.endswith(".") or len(word) == 1


def _last_word(form: str) -> list[str]:
    """A multi-word form's last word, which stands alone too (Leo Trotzki → Trotzki); not an initial."""
    words = form.split()
    return [words[-1]] if len(words) > 1 and not _is_initial(words[-1]) else []


def _variants(name: str, schemes: Iterable[Callable[[str], str]]) -> set[str]:
    """A native name by each scheme: surname; given and surname; given, patronymic and surname; given
    and patronymic. Each word is romanised once per scheme: no rule looks beyond its word."""
    found: set[str] = set()
    for scheme in schemes:
        *given, surname = (scheme(word) for word in name.split())
        found.add(surname)
        if given:
            found.add(f"{given[0]} {surname}")
        if len(given) == 2:
            found.update((f"{given[0]} {given[1]} {surname}", f"{given[0]} {given[1]}"))
    return found


@cache
def forms(person_id: str) -> frozenset[str]:
    """Every spelling of a person: each scheme's surname and full names, plus the curated forms."""
    entry = _names(person_id)
    found = _variants(entry.native, SCHEMES.values())
    if entry.georgian:
        found |= _variants(entry.georgian, GEORGIAN_SCHEMES.values())
    for alias in entry.aliases:
        schemes = GEORGIAN_SCHEMES if is_georgian(alias) else SCHEMES
        for variant in (alias, *_last_word(alias)):
            found.update(scheme(variant) for scheme in schemes.values())
    for form in (*entry.latin, *entry.text):
        found.update((form, *_last_word(form)))
    return frozenset(found)


def text_forms(person_id: str) -> tuple[str, ...]:
    """The strings under which English text names a person (curated in names.toml), longest first."""
    return tuple(sorted(_names(person_id).text, key=lambda form: (-len(form), form)))


# ---------------------------------------------------------------------------------------------------------
# Forgiving keys: any spelling of a name, typed or printed, folded to what the schemes disagree on least.

# Letters that carry a sound the key spells out (ž as zh, â as ja); signs and apostrophes go.
_KEY_LETTERS = str.maketrans(
    {
        "ž": "zh", "š": "sh", "č": "ch", "ŝ": "shch", "ż": "zh", "ź": "z", "ś": "s", "ć": "ch", "ł": "l",
        "ß": "ss", "â": "ja", "û": "ju", "æ": "ae", "ø": "o", "œ": "oe", "đ": "dj",
        "ʺ": "", '"': "", "”": "", "“": "",
    } | dict.fromkeys(APOSTROPHES, "")
)  # fmt: skip

# Applied in order to each word of the key, after folding to a-z.
_KEY_RULES = (
    (r"(?<=[a-z])([aou])e(?=[^aeiou]|$)", r"\1"),  # ä ö ü written out in German: Kaestner, Schoenberg
    (r"schtsch|chtch|shtsh|szcz", "shch"),  # щ in German, French, Polish
    (r"dsch", "j"),  # дж in German
    (r"tsch", "ch"),  # ч in German
    (r"tch", "ch"),  # ч in French
    (r"sch", "zh"),  # ж and ш in German, ж the commoner in these names: Dserschinski
    (r"sz", "sh"),  # ш in Polish
    (r"cz", "ch"),  # ч in Polish
    (r"ou", "u"),  # у in French
    (r"ine$", "in"),  # Staline, Boukharine
    (r"x", "ks"),
    (r"w", "v"),
    (r"q", "k"),
    (r"ph", "f"),
    (r"kh", "h"),  # х: Bukharin, Buharin
    (r"rz(?!h)", "rzh"),  # ж in Polish: Krzyżanowski (once ż is zh), Krzhizhanovsky
    (r"^dj", "dz"),  # дз in French, as Houellebecq's Djerzinski
    (r"dzh|dj|zh", "j"),  # ж and дж: Ordzhonikidze, Ordjonikidze, Orjonikidze
    (r"tz|ts", "c"),  # ц: Trotsky, Trotzki, Trockij
    (r"z", "s"),  # з: Zinoviev, Sinowjew
    (r"(?<=.)(?:ij|iy|ii|yi|y|j)$", "i"),  # -ий, -ый, -й: Trotsky, Trotskiy, Trotskij, Trotski, Sergej
    (r"y(?=[aeiou])", "j"),  # y before a vowel is a glide
    (r"y", "i"),
    (r"[ij]+(?=[aou])", "j"),  # я, ю: Krupskaya, Krupskaja, Krupskaia, Piatakov
    (r"[ij]+e", "e"),  # е after a vowel or soft sign: Zinoviev, Zinovyev, Fotiyeva, Fotieva
    (r"j+i", "i"),  # ьи: Ilyich, Il'ich, Iljitsch
    (r"(.)\1+", r"\1"),  # doubled letters: Stallin, Iossif
)


@cache
def _compiled_rules() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern), replacement) for pattern, replacement in _KEY_RULES]


@lru_cache(maxsize=4096)
def _key_word(word: str) -> str:
    # Until nothing changes, so that a key is its own key: one more pass is all any word has needed.
    rules = _compiled_rules()
    while True:
        before = word
        for pattern, replacement in rules:
            word = pattern.sub(replacement, word)
        if word == before:
            return word


def _to_latin(text: str) -> str:
    if is_georgian(text):
        text = georgian(text, ejectives=False)
    if is_cyrillic(text):
        text = scholarly(text)
    return text


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """Fold a name, in any romanisation or in Cyrillic, to a loose key: Trotzki, Trockij, Троцкий → trocki.
    An inverted name (as registers write them: "Schiller, Friedrich") has the key of the name written out."""
    if text.count(",") == 1:
        text = _written_out(text)
    if not text.isascii():
        # Composed first, so that z and a combining caron are ž, as the keyboard's ž is.
        text = _to_latin(unicodedata.normalize("NFC", text.lower()))
    # A possessive: Trotsky's; not an s that carries an accent (Radomysl'skij typed with one on its s).
    text = re.sub(rf"[{APOSTROPHES}]s\b(?![\u0300-\u036f])", "", text.lower()).translate(_KEY_LETTERS)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    # Digits stay: an edition's ids (pmb11, pmb2121) are told apart by them.
    words = re.findall(r"[a-z0-9]+", text.lower())
    return " ".join(_key_word(word) for word in words)


def _written_out(form: str) -> str:
    """ "Schiller, Friedrich" as "Friedrich Schiller"."""
    surname, given = form.split(",")
    return f"{given.strip()} {surname.strip()}"


def _initialled(key: str) -> list[str]:
    """A full name's key with initials for given names: "lev davidovich trocki" → "l trocki", "l d trocki"."""
    *given, surname = key.split()
    return [f"{given[0][0]} {surname}", " ".join([*(word[0] for word in given), surname])]


@cache
def _keys(person_id: str, extra: tuple[str, ...]) -> frozenset[str]:
    all_forms = (*(forms(person_id) if person_id in bundled_names() else ()), *extra)
    found = {key for key in map(name_key, all_forms) if key}
    surnames = {key for key in found if " " not in key}
    for key in list(found):
        words = key.split()
        if 1 < len(words) <= 3 and words[-1] in surnames:
            found.update(_initialled(key))
    return frozenset(found)


def keys_of(person_id: str, forms: Iterable[str] = ()) -> frozenset[str]:
    """Every key under which a person is found, by id (names.toml's forms, if it has them) and by forms."""
    return _keys(person_id, tuple(forms))


def person_keys(person: PersonLike) -> frozenset[str]:
    """Every key under which a person is found: their forms' keys, with initials for the full names."""
    return _keys(person.id, (person.name, *person.forms))


def find_people(query: str, people: Iterable[PersonLike]) -> list[str]:
    """The ids of the people a name or surname, in any spelling or script, stands for.

    A catalogue's order, "Trotskii, L. D.", is read as "L. D. Trotskii".
    """
    surname, comma, given = query.partition(",")
    key = name_key(f"{given} {surname}" if comma else query)
    if not key:
        return []
    return [person.id for person in people if key in person_keys(person)]


def _folded_words(text: str) -> list[str]:
    """A name's words without case, accents or punctuation: "N.K. Krupskaya" → n, k, krupskaya."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return re.findall(r"\w+", re.sub(f"[{APOSTROPHES}]", "", plain))


def spelt_as_listed(query: str, person: PersonLike) -> bool:
    """Whether a name is one of the person's listed spellings, word by word (an initial stands for a
    listed given name), rather than a near miss that only the loose key forgives: Stalin, not Stallin."""
    surname, comma, given = query.partition(",")
    asked = _folded_words(f"{given} {surname}" if comma else query)
    entry = bundled_names().get(person.id)
    native = (entry.native, entry.georgian or "") if entry else ()
    listed = {person.id.casefold(), *native, *(forms(person.id) if entry else ())}
    known = {word for form in (*listed, person.name, *person.forms) for word in _folded_words(form)}
    initials = {word[0] for word in known}
    return bool(asked) and all(word in known or (len(word) == 1 and word in initials) for word in asked)


def suggest(
    word: str,
    candidates: Iterable[str],
    n: int = 3,
    cutoff: float = 0.7,
    key: Callable[[str], str] = name_key,
) -> list[str]:
    """The candidates a misspelt word most likely meant, best first: same key first, then close keys.

    Names and words compare by name_key; pass key=str.lower for slugs and commands, whose digits and
    hyphens matter.
    """
    import difflib

    by_key: dict[str, list[str]] = {}
    for candidate in candidates:
        by_key.setdefault(key(candidate), []).append(candidate)
    wanted = key(word)
    keys = [wanted] if wanted in by_key else []
    keys += difflib.get_close_matches(wanted, list(by_key), n=n, cutoff=cutoff)
    found = dict.fromkeys(candidate for k in keys for candidate in by_key[k])
    return list(found)[:n]
