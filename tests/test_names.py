"""Names: every romanisation by rule, keys that forgive spelling, finding people and suggesting names."""

from __future__ import annotations

import ast
import itertools
import subprocess
import sys
import tomllib
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leninletters.core import names, romanize
from leninletters.core.model import Corpus, Person
from leninletters.core.names import find_people, forms, name_key, person_keys, suggest, text_forms
from leninletters.core.romanize import (
    ala_lc,
    bgn_pcgn,
    english,
    english_traditional,
    french,
    georgian,
    german,
    iso9,
    scholarly,
)

ROOT = Path(__file__).resolve().parent.parent
IDS = sorted(tomllib.loads((ROOT / "leninletters" / "data" / "names.toml").read_text(encoding="utf-8")))


def plain_lc(text: str) -> str:
    return ala_lc(text, diacritics=False)


def plain_georgian(text: str) -> str:
    return georgian(text, ejectives=False)


SCHEME_EXAMPLES: list[tuple[Callable[[str], str], str, str]] = [
    # BGN/PCGN: ye initially and after vowels, й, ъ, ь; -ий as -iy.
    (bgn_pcgn, "Троцкий", "Trotskiy"),
    (bgn_pcgn, "Зиновьев", "Zinov’yev"),
    (bgn_pcgn, "Дзержинский", "Dzerzhinskiy"),
    (bgn_pcgn, "Орджоникидзе", "Ordzhonikidze"),
    (bgn_pcgn, "Крупская", "Krupskaya"),
    (bgn_pcgn, "Фотиева", "Fotiyeva"),
    (bgn_pcgn, "Ефим", "Yefim"),
    (bgn_pcgn, "Подъезд", "Pod”yezd"),
    (bgn_pcgn, "Ильич", "Il’ich"),
    # ALA-LC, with its diacritics and ligature ties, and without them.
    (ala_lc, "Троцкий", "Trot͡skiĭ"),
    (ala_lc, "Крупская", "Krupskai͡a"),
    (ala_lc, "Зиновьев", "Zinovʹev"),
    (ala_lc, "Эдмундович", "Ėdmundovich"),
    (plain_lc, "Троцкий", "Trotskii"),
    (plain_lc, "Крупская", "Krupskaia"),
    (plain_lc, "Зиновьев", "Zinov'ev"),
    (plain_lc, "Пятаков", "Piatakov"),
    # ISO 9:1995.
    (iso9, "Троцкий", "Trockij"),
    (iso9, "Зиновьев", "Zinovʹev"),
    (iso9, "Орджоникидзе", "Ordžonikidze"),
    (iso9, "Крупская", "Krupskaâ"),
    (iso9, "Хрущёв", "Hruŝëv"),
    # Scholarly.
    (scholarly, "Троцкий", "Trockij"),
    (scholarly, "Зиновьев", "Zinov'ev"),
    (scholarly, "Орджоникидзе", "Ordžonikidze"),
    (scholarly, "Дзержинский", "Dzeržinskij"),
    (scholarly, "Крупская", "Krupskaja"),
    (scholarly, "Володичева", "Volodičeva"),
    (scholarly, "Махарадзе", "Maxaradze"),
    # English, as Wikipedia writes it, and as English books long have.
    (english, "Троцкий", "Trotsky"),
    (english, "Дзержинский", "Dzerzhinsky"),
    (english, "Зиновьев", "Zinovyev"),
    (english, "Крупская", "Krupskaya"),
    (english, "Фотиева", "Fotiyeva"),
    (english, "Сергей", "Sergey"),
    (english, "Ильич", "Ilyich"),
    (english, "Хрущёв", "Khrushchov"),
    (english_traditional, "Зиновьев", "Zinoviev"),
    (english_traditional, "Фотиева", "Fotieva"),
    (english_traditional, "Григорий", "Grigory"),
    (english_traditional, "Николай", "Nikolai"),
    (english_traditional, "Лидия Александровна", "Lidia Alexandrovna"),
    (english_traditional, "Феликс", "Felix"),
    (english_traditional, "Хрущёв", "Khrushchev"),
    (english_traditional, "Соловьёв", "Soloviev"),
    (english_traditional, "Подъезд", "Podyezd"),
    # German.
    (german, "Лев Давидович Троцкий", "Lew Dawidowitsch Trotzki"),
    (german, "Григорий Евсеевич Зиновьев", "Grigori Jewsejewitsch Sinowjew"),
    (german, "Феликс Дзержинский", "Felix Dserschinski"),
    (german, "Орджоникидзе", "Ordschonikidse"),
    (german, "Крупская", "Krupskaja"),
    (german, "Володичева", "Woloditschewa"),
    (german, "Владимир Ильич", "Wladimir Iljitsch"),
    (german, "Иосиф", "Iossif"),
    (german, "Бухарин", "Bucharin"),
    (german, "Каменев", "Kamenew"),
    (german, "Майя", "Maja"),
    (german, "Хрущёв", "Chruschtschow"),
    # French.
    (french, "Троцкий", "Trotski"),
    (french, "Григорий Евсеевич Зиновьев", "Grigori Ievseïevitch Zinoviev"),
    (french, "Орджоникидзе", "Ordjonikidze"),
    (french, "Феликс Эдмундович Дзержинский", "Felix Edmoundovitch Dzerjinski"),
    (french, "Надежда Крупская", "Nadejda Kroupskaïa"),
    (french, "Иосиф Сталин", "Iossif Staline"),
    (french, "Бухарин", "Boukharine"),
    (french, "Георгий Пятаков", "Gueorgui Piatakov"),
    (french, "Сергей", "Sergueï"),
    (french, "Мария", "Maria"),
    (french, "Ульянова", "Oulianova"),
    # Georgian, by the national system.
    (georgian, "ორჯონიკიძე", "Orjonik'idze"),
    (plain_georgian, "ორჯონიკიძე", "Orjonikidze"),
    (georgian, "იოსებ ჯუღაშვილი", "Ioseb Jughashvili"),
    (georgian, "მახარაძე", "Makharadze"),
    (georgian, "მდივანი", "Mdivani"),
    (georgian, "ᲛᲓᲘᲕᲐᲜᲘ", "Mdivani"),  # Mtavruli, Georgian's capitals for headings
]


@pytest.mark.parametrize(
    ("scheme", "cyrillic", "latin"),
    SCHEME_EXAMPLES,
    ids=[f"{scheme.__name__}-{latin}" for scheme, _, latin in SCHEME_EXAMPLES],
)
def test_each_scheme_romanises_by_its_rules(scheme: Callable[[str], str], cyrillic: str, latin: str) -> None:
    assert scheme(cyrillic) == latin


def test_transliterate_reads_either_script_and_leaves_latin_alone() -> None:
    assert romanize.transliterate("Лев Троцкий") == "Lev Trotsky"
    assert romanize.transliterate("Лев Троцкий", "german") == "Lew Trotzki"
    assert romanize.transliterate("სერგო ორჯონიკიძე") == "Sergo Orjonikidze"
    assert romanize.transliterate("Trotsky") == "Trotsky"


@pytest.mark.parametrize(("cyrillic", "latin"), [("Жук", "Zhuk"), ("ЖУК", "ZHUK"), ("жук", "zhuk")])
def test_capitals_are_kept_across_a_digraph(cyrillic: str, latin: str) -> None:
    assert english(cyrillic) == latin


EXPECTED_FORMS = {
    "trotsky": {
        "Trotsky",
        "Trotskiy",
        "Trotskii",
        "Trockij",
        "Trotzki",
        "Trotski",
        "Trot͡skiĭ",
        "Leon Trotsky",
    },
    "zinoviev": {"Zinoviev", "Zinovʹev", "Zinov'ev", "Zinovyev", "Zinov’yev", "Sinowjew"},
    "ordzhonikidze": {"Ordzhonikidze", "Ordžonikidze", "Ordjonikidze", "Orjonikidze", "Ordschonikidse"},
    "dzerzhinsky": {
        "Dzerzhinsky",
        "Dzerzhinskiy",
        "Dzeržinskij",
        "Dzierżyński",
        "Dserschinski",
        "Dzerjinski",
    },
    "krupskaya": {"Krupskaya", "Krupskaja", "Krupskaia", "Krupskaâ", "Kroupskaïa", "N.K. Ulyanova"},
    "kamenev": {"Kamenev", "Kamenew", "Lev Kamenev", "Lew Kamenew"},
    "stalin": {"Stalin", "Staline", "Joseph Stalin", "Jughashvili", "Iosif Vissarionovich Stalin"},
    "fotieva": {"Fotieva", "Fotiyeva", "Fotijewa", "Lydia Fotieva", "L.F."},
    "volodicheva": {"Volodicheva", "Volodičeva", "Woloditschewa", "Voloditcheva", "M.V."},
    "lenin": {"Lenin", "Lénine", "Vladimir Ilyich", "Ilyich", "Wladimir Iljitsch Lenin", "N. Lenin"},
}


@pytest.mark.parametrize("person_id", sorted(EXPECTED_FORMS))
def test_forms_hold_every_scheme_and_the_curated_forms(person_id: str) -> None:
    assert EXPECTED_FORMS[person_id] <= forms(person_id)


def test_forms_of_someone_unknown_is_an_error() -> None:
    with pytest.raises(KeyError, match="nobody"):
        forms("nobody")


def test_names_toml_has_every_person_of_the_edition_and_no_one_else(edition: Corpus) -> None:
    assert IDS == sorted(person.id for person in edition.people)


@pytest.mark.parametrize("person_id", IDS)
def test_text_forms_hold_every_form_the_edition_lists(edition: Corpus, person_id: str) -> None:
    person = next(person for person in edition.people if person.id == person_id)
    assert set(person.forms) <= set(text_forms(person_id))
    assert set(text_forms(person_id)) <= forms(person_id)


FOUND = {
    "trotsky": [
        "Trotsky", "Trotski", "Trotzki", "Trotskiy", "Trotskij", "Trockij", "Trotzky", "Троцкий",
        "TROTSKY", "trotsky's", "Trotsky’s", "Leon Trotsky", "L. D. Trotsky", "L.D. Trotsky", "Lev Trotsky",
        "Bronstein", "Trotskii, L. D.", "Trotsky, Leon",
    ],
    "zinoviev": [
        "Zinoviev", "Zinovyev", "Zinov'ev", "Zinovʹev", "Sinowjew", "Zinowjew", "Zinovev", "Зиновьев",
        "Zinov'ev, Grigorii Evseevich",
    ],
    "ordzhonikidze": [
        "Ordzhonikidze", "Ordžonikidze", "Ordjonikidze", "Orjonikidze", "Ordschonikidse", "Orjonikidse",
        "Орджоникидзе", "ორჯონიკიძე", "Sergo", "Sergo Ordzhonikidze", "G.K. Ordzhonikidze",
    ],
    "dzerzhinsky": [
        "Dzerzhinsky", "Dzerzhinski", "Dzerzhinskiy", "Dzierżyński", "Dzierzynski", "Dserschinski",
        "Dzerjinski", "Djerjinski", "Felix Dzerzhinsky", "Дзержинский",
    ],
    "krupskaya": [
        "Krupskaya", "Krupskaja", "Krupskaïa", "Kroupskaïa", "Крупская", "N.K. Ulyanova", "Ульянова",
    ],
    "kamenev": ["Kamenev", "Kamenew", "Каменев", "L.B. Kamenev", "Rosenfeld"],
    "stalin": [
        "Stalin", "Stallin", "Staline", "Сталин", "Joseph Stalin", "Jughashvili", "Dzhugashvili", "Koba",
    ],
    "fotieva": ["Fotieva", "Fotiyeva", "Fotijewa", "L.F.", "Lydia Fotieva", "Lidiya Fotiyeva"],
    "volodicheva": ["Volodicheva", "Woloditschewa", "Volodičeva", "M.V.", "Maria Volodicheva"],
    "lenin": ["Lenin", "Lénine", "Ленин", "Vladimir Ilyich", "Ilyich", "Iljitsch", "Il'ich", "N. Lenin"],
    "bukharin": ["Bukharin", "Bucharin", "Boukharine", "Бухарин"],
    "krzhizhanovsky": ["Krzhizhanovsky", "Krzyżanowski", "Krschischanowski", "Kržižanovskij"],
    "makharadze": ["Makharadze", "Macharadse", "Maharadze", "F.Y. Makharadze"],
    "mdivani": ["Mdivani", "Budu Mdivani", "P.G. Mdivani"],
}  # fmt: skip
FOUND_CASES = [(query, person_id) for person_id, queries in FOUND.items() for query in queries]


@pytest.mark.parametrize(("query", "person_id"), FOUND_CASES, ids=[query for query, _ in FOUND_CASES])
def test_any_spelling_or_script_finds_the_person_and_only_them(
    edition: Corpus, query: str, person_id: str
) -> None:
    assert find_people(query, edition.people) == [person_id]


@pytest.mark.parametrize("query", ["", "  ", "Moscow", "Lev", "Grigory", "Trotskyism", "Georgia", "'s"])
def test_first_names_alone_and_other_words_find_no_one(edition: Corpus, query: str) -> None:
    assert find_people(query, edition.people) == []


def test_people_outside_names_toml_are_found_by_their_own_forms() -> None:
    shlyapnikov = Person("shlyapnikov", "Alexander Shlyapnikov", "", ("Shlyapnikov",))
    assert find_people("Shljapnikow", [shlyapnikov]) == ["shlyapnikov"]
    assert find_people("A. Shlyapnikov", [shlyapnikov]) == ["shlyapnikov"]


def test_no_two_people_share_a_key(edition: Corpus) -> None:
    keys = {person.id: person_keys(person) for person in edition.people}
    shared = {(a, b): keys[a] & keys[b] for a, b in itertools.combinations(keys, 2) if keys[a] & keys[b]}
    assert shared == {}


def test_every_generated_form_finds_its_person_and_only_them(edition: Corpus) -> None:
    wrong = {
        (person_id, form): found
        for person_id in IDS
        for form in forms(person_id)
        if (found := find_people(form, edition.people)) != [person_id]
    }
    assert wrong == {}


@st.composite
def person_and_form(draw: st.DrawFn) -> tuple[str, str]:
    person_id = draw(st.sampled_from(IDS))
    return person_id, draw(st.sampled_from(sorted(forms(person_id))))


ACCENTS = ["\u0301", "\u0300", "\u0308", "\u0306"]  # acute, grave, diaeresis, breve: marks, not letters


def accented(character: str, mark: str) -> str:
    """The character with the mark, unless that makes another letter (Polish ć, ś, ź)."""
    return character if mark == "\u0301" and character.lower() in "csz" else character + mark


@given(person_and_form(), st.data())
def test_a_form_in_any_case_and_with_stray_accents_finds_its_person(
    edition: Corpus, case: tuple[str, str], data: st.DataObject
) -> None:
    person_id, form = case
    changed = "".join(
        accented(c.upper() if data.draw(st.booleans()) else c.lower(), data.draw(st.sampled_from(ACCENTS)))
        if c.isascii() and c.isalpha()
        else c
        for c in form
    )
    assert find_people(changed, edition.people) == [person_id]


LATIN_OR_CYRILLIC = st.text(
    alphabet=st.sampled_from(
        "abcdefghijklmnopqrstuvwxyzABCZ' .-ßłżžšč" + "абвгдеёжзийклмнопрстуфхцчшщъыьэюяЖЩЯ"
    )
)


@given(LATIN_OR_CYRILLIC)
def test_name_key_is_its_own_key(text: str) -> None:
    assert name_key(name_key(text)) == name_key(text)


@given(LATIN_OR_CYRILLIC)
def test_name_key_ignores_case(text: str) -> None:
    assert name_key(text.upper()) == name_key(text.lower()) == name_key(text)


@given(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz ")), st.data())
def test_name_key_ignores_accents_that_are_not_letters(text: str, data: st.DataObject) -> None:
    marked = "".join(accented(c, data.draw(st.sampled_from(ACCENTS))) if c != " " else c for c in text)
    assert name_key(unicodedata.normalize("NFC", marked)) == name_key(text)


def test_name_key_folds_what_the_schemes_disagree_on() -> None:
    assert {name_key(f) for f in ["Trotsky", "Trotskiy", "Trotskij", "Trockij", "Trotzki", "Trotski"]} == {
        "trocki"
    }
    assert {name_key(f) for f in ["Zinoviev", "Zinov'ev", "Zinovyev", "Sinowjew", "Зиновьев"]} == {"sinovev"}
    assert len({name_key(f) for f in ["Ordzhonikidze", "Ordžonikidze", "Ordjonikidze", "Orjonikidze"]}) == 1
    assert name_key("Stallin") == name_key("Stalin") == name_key("Сталин")


CYRILLIC = st.text(alphabet=st.characters(min_codepoint=0x0400, max_codepoint=0x052F))
RUSSIAN = st.text(alphabet=st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙЩЪЫЬЭЮЯ -"))


@pytest.mark.parametrize("scheme", sorted(romanize.SCHEMES))
@given(text=CYRILLIC)
def test_any_cyrillic_text_romanises_without_error(scheme: str, text: str) -> None:
    assert isinstance(romanize.SCHEMES[scheme](text), str)
    assert isinstance(name_key(text), str)


@pytest.mark.parametrize("scheme", sorted(romanize.SCHEMES))
@given(text=RUSSIAN)
def test_russian_romanises_to_latin_only(scheme: str, text: str) -> None:
    assert not any("\u0400" <= c <= "\u04ff" for c in romanize.SCHEMES[scheme](text))


@given(RUSSIAN)
def test_english_and_plain_library_of_congress_are_ascii(text: str) -> None:
    assert english(text).isascii()
    assert english_traditional(text).isascii()
    assert ala_lc(text, diacritics=False).isascii()


SURNAMES = [
    form for person_id in IDS for form in text_forms(person_id) if " " not in form and "." not in form
]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Trotski", "Trotsky"),
        ("Trots", "Trotsky"),
        ("Zinovief", "Zinoviev"),
        ("Kamenef", "Kamenev"),
        ("Krupskya", "Krupskaya"),
        ("Dzerjinsky", "Dzerzhinsky"),
        ("Stallin", "Stalin"),
        ("Lennin", "Lenin"),
        ("Bucharin", "Bukharin"),
        ("Ordzonikidze", "Ordzhonikidze"),
        ("Pyatakof", "Pyatakov"),
        ("Fotiev", "Fotieva"),
        ("Volodichova", "Volodicheva"),
        ("Oldenberg", "Oldenburg"),
        ("Mdvani", "Mdivani"),
    ],
)
def test_misspelt_names_suggest_the_name_meant(typed: str, meant: str) -> None:
    assert suggest(typed, SURNAMES)[0] == meant


def test_suggestions_are_few_and_only_close_ones() -> None:
    assert suggest("Moscow", SURNAMES) == []
    assert len(suggest("Kamen", [*SURNAMES, "Kamenka", "Kamensk", "Kamenets", "Kamen"], n=3)) == 3
    assert suggest("Trotsky", ["Trotski", "Trotsky", "Trotzki"], n=1) == ["Trotski"]


def test_slugs_are_suggested_by_their_own_spelling() -> None:
    slugs = ["to-trotsky-1922-12-12", "to-trotsky-1922-12-13", "to-stalin-1922-12-15", "testament"]
    assert suggest("to-stalin-1922-12-16", slugs, n=1, key=str.lower) == ["to-stalin-1922-12-15"]
    assert suggest("testamnet", slugs, key=str.lower) == ["testament"]


def test_names_toml_is_checked_on_load() -> None:
    with pytest.raises(names.NamesError, match=r"\[x\]: native must be a Russian name"):
        names.parse_names({"x": {"native": "Trotsky"}})
    with pytest.raises(names.NamesError, match=r"\[x\]: unknown keys nickname"):
        names.parse_names({"x": {"native": "Троцкий", "nickname": "Leo"}})
    with pytest.raises(names.NamesError, match=r"\[x\]: latin must be an array of names"):
        names.parse_names({"x": {"native": "Троцкий", "latin": "Trotsky"}})
    with pytest.raises(names.NamesError, match=r"\[x\]: georgian must be a name in Georgian script"):
        names.parse_names({"x": {"native": "Троцкий", "georgian": "Троцкий"}})


@pytest.mark.parametrize(
    ("module", "own"),
    [
        (
            "names",
            {
                "leninletters.core.errors",
                "leninletters.core.folding",
                "leninletters.core.romanize",
                "leninletters.data",
            },
        ),
        ("romanize", set()),
    ],
)
def test_the_name_modules_use_the_standard_library_and_the_tools_errors_only(
    module: str, own: set[str]
) -> None:
    tree = ast.parse((ROOT / "leninletters" / "core" / f"{module}.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert {name for name in imported if name.startswith("leninletters")} == own
    roots = {name.split(".")[0] for name in imported} - {"__future__", "leninletters"}
    assert roots <= sys.stdlib_module_names, roots - sys.stdlib_module_names


def test_importing_the_module_reads_nothing() -> None:
    code = "import leninletters.core.names as n; print(n.bundled_names.cache_info().currsize)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "0\n"
