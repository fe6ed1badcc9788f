"""People: mentions with a kind, person search in any spelling, the people command, did-you-mean."""

from __future__ import annotations

import json
import re
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leninletters.build.letters import read_inputs
from leninletters.core import mentions, names, querylang
from leninletters.core import predicates as p
from leninletters.core.model import MENTION_KINDS, Corpus, Mention
from leninletters.store.corpus import check_document, load

from .conftest import MINI, numbers, run

DOCS = Path(__file__).resolve().parent.parent / "docs" / "corpus.md"


def letters_by_kind(edition: Corpus, person_id: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for letter in edition.letters:
        for kind in dict.fromkeys(m.kind for m in letter.mentions if m.person == person_id):
            found.setdefault(kind, []).append(letter.number)
    return found


# Mentions, checked against the print -------------------------------------------------------------

# Read off the printed appendix (data/source/appendix-c.txt), letter by letter.
PRINTED = {
    "stalin": {
        "text": [9, 16, 18, 20, 22],  # "Comrade Stalin, having become General Secretary", "Stalin’s haste"…
        "editorial": [17, 19],  # "The Georgian [Stalin]", "General Secretary [Stalin]"
        "heading": [6, 21],  # "Letter to Joseph Stalin for …", "To Joseph Stalin", "Dear Comrade Stalin,"
        "recipient": [6, 21],
    },
    "krupskaya": {"text": [7], "editorial": [7], "writer": [7]},  # "N.K. Ulyanova [Krupskaya]", her P.S.
    "lenin": {"text": [7], "heading": [9], "note": [20]},  # "N. Lenin", "Vladimir Ilyich"; Testament of Lenin
    "fotieva": {"scribe": [2, 4, 9, 10, 11, 12]},  # "Taken down by L.F."
    "volodicheva": {"scribe": [8, 9, 13, 14, 15, 16, 17, 18]},  # "Taken down by M.V."
    "krestinsky": {"text": [1, 3], "note": [1]},  # "Krestinsky’s[*] letter"; note [*] "N. N. Krestinsky"
    "kamenev": {"text": [6, 9, 21], "heading": [21, 22], "note": [20], "copy": [21, 22]},
    "zinoviev": {"text": [6, 9, 16, 21], "heading": [21], "copy": [21]},
    "trotsky": {
        "text": [2, 6, 8, 9, 11],
        "heading": [1, 2, 3, 4, 5, 7, 20, 22],
        "note": [20],
        "recipient": [1, 3, 4, 5, 7, 20],
        "copy": [2, 22],
    },
}


@pytest.mark.parametrize("person_id", sorted(PRINTED))
def test_each_kind_of_mention_is_the_printed_one(edition: Corpus, person_id: str) -> None:
    assert letters_by_kind(edition, person_id) == PRINTED[person_id]


def test_editorial_mentions_are_the_editors_square_brackets_in_the_source(edition: Corpus) -> None:
    source, _ = read_inputs()
    printed = re.findall(r" \[([A-Z][a-z]+)\]", source)  # [Stalin], [Krupskaya]; not [minor], [8], [Book]
    derived = [m.form for letter in edition.letters for m in letter.mentions if m.kind == "editorial"]
    assert sorted(derived) == sorted(printed) == ["Krupskaya", "Stalin", "Stalin"]


def test_scribe_mentions_are_the_taken_down_by_lines_of_the_source(edition: Corpus) -> None:
    source, _ = read_inputs()
    lines = re.findall(r"^Taken down by (L\.F\.|M\.V\.)", source, flags=re.MULTILINE)
    by_letter = [
        (letter.number, m.form) for letter in edition.letters for m in letter.mentions if m.kind == "scribe"
    ]
    # One mention per scribe of a letter: the Testament's M.V. and L.F. are both there.
    assert len(by_letter) == len({(n, f) for n, f in by_letter}) == 14
    assert {form for _, form in by_letter} == set(lines)


def test_every_printed_name_in_the_text_is_a_mention_and_every_span_holds_its_form(edition: Corpus) -> None:
    for letter in edition.letters:
        spans = [(m.start, m.end) for m in letter.mentions if m.where == "text"]
        for person in edition.people:
            for form in mentions.person_forms(person):
                for found in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", letter.text):
                    assert any(
                        s is not None and e is not None and s <= found.start() < e for s, e in spans
                    ), (
                        letter.number,
                        form,
                    )
        for mention in letter.mentions:
            if mention.where == "text":
                assert letter.text[mention.start : mention.end] == mention.form
                inside = any(
                    b.start() < (mention.start or 0) < b.end()
                    for b in mentions.EDITORIAL.finditer(letter.text)
                )
                assert inside == (mention.kind == "editorial")


def test_the_letters_people_are_the_ids_their_mentions_name(edition: Corpus) -> None:
    for letter in edition.letters:
        assert set(letter.people) == {m.person for m in letter.mentions}


def test_a_mention_that_drifts_from_the_text_is_refused_with_its_place(edition: Corpus) -> None:
    document = json.loads(msgspec.json.encode([edition.letters[20].to_json()]))
    document[0]["mentions"][0]["start"] += 1
    corpus, problems = check_document(document)
    assert corpus is None
    assert problems == ["letter 21: mentions[1]: 'Joseph Stalin' is not at 4 in title"]


def test_a_mention_of_an_unknown_kind_is_refused(edition: Corpus) -> None:
    document = json.loads(msgspec.json.encode([edition.letters[20].to_json()]))
    document[0]["mentions"][0]["kind"] = "gossip"
    _, problems = check_document(document)
    assert problems == [
        "letter 21: mentions[1]: kind: expected one of text, editorial, note, heading, recipient, copy, "
        "scribe, writer, sender, found 'gossip'"
    ]


# Counts that agree ---------------------------------------------------------------------------------


def test_is_stalin_mentioned_has_one_answer_per_kind() -> None:
    code, stdout, _ = run("people", "--json")
    assert code == 0
    stalin = next(person for person in json.loads(stdout) if person["id"] == "stalin")
    assert stalin["letters"] == 7
    assert stalin["kinds"] == {
        "text": 5, "editorial": 2, "note": 0, "heading": 2,
        "recipient": 2, "copy": 0, "scribe": 0, "writer": 0, "sender": 0,
    }  # fmt: skip
    listed = {
        args: [letter["number"] for letter in json.loads(run("list", "--json", *args)[1])]
        for args in [("--person", "stalin"), ("--person", "stalin", "--editorial"), ("-r", "stalin")]
    }
    assert listed[("--person", "stalin")] == [6, 9, 16, 18, 20, 21, 22]
    assert listed[("--person", "stalin", "--editorial")] == [6, 9, 16, 17, 18, 19, 20, 21, 22]
    assert listed[("-r", "stalin")] == [6, 21]
    # The literal word: Lenin's text (5), the editor's (17, 19) and the salutation of 21.
    grep = [letter["number"] for letter in json.loads(run("grep", "Stalin", "--json")[1])]
    assert grep == [9, 16, 17, 18, 19, 20, 21, 22]


def test_people_counts_are_the_letters_person_selects(edition: Corpus) -> None:
    for summary in mentions.summaries(edition.letters, edition.people):
        person = summary.person.id
        assert list(summary.letters) == numbers([x for x in edition.letters if p.Person(person).matches(x)])
        for kind in MENTION_KINDS:
            selected = [x for x in edition.letters if p.Person(person, frozenset({kind})).matches(x)]
            assert list(summary.by_kind.get(kind, ())) == numbers(selected)


# Spelling that forgives ----------------------------------------------------------------------------

SPELLINGS = sorted(
    (person_id, form) for person_id in names.bundled_names() for form in names.forms(person_id)
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SPELLINGS))
def test_every_romanisation_finds_the_persons_letters(edition: Corpus, spelling: tuple[str, str]) -> None:
    person_id, form = spelling
    by_id = [letter for letter in edition.letters if p.Person(person_id).matches(letter)]
    by_form = [letter for letter in edition.letters if p.Person(form).matches(letter)]
    assert numbers(by_form) == numbers(by_id)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("list", "--person", "Сталин"), [6, 9, 16, 18, 20, 21, 22]),
        (("list", "--person", "Крупская"), [7]),
        (("list", "--person", "Орджоникидзе"), [16, 18, 22]),
        (("list", "--person", "Каменев"), [6, 9, 20, 21, 22]),
        (("list", "to:Троцкий"), [1, 2, 3, 4, 5, 7, 20, 22]),
        (("list", "-r", "trotzki"), [1, 2, 3, 4, 5, 7, 20, 22]),
        (("list", "cc:Kamenew"), [21, 22]),
        (("list", "scribe:fotiyeva"), [2, 4, 9, 10, 11, 12]),
        (("list", "--scribe", "Володичева"), [8, 9, 13, 14, 15, 16, 17, 18]),
        (("list", "person:Dzierżyński"), [16, 18, 20, 22]),
        (("list", "person:Orjonikidze"), [16, 18, 22]),
        (("list", "person:Zinovyev"), [6, 9, 16, 21]),
        (("list", "person:stalin:editorial"), [17, 19]),
        (("export", "--person", "Sinowjew", "--format", "json"), [6, 9, 16, 21]),
    ],
)
def test_names_in_any_spelling_or_script_select_the_letters(
    args: tuple[str, ...], expected: list[int]
) -> None:
    code, stdout, stderr = run(*args, *(() if "export" in args else ("--json",)))
    if "export" in args:  # a JSON export is a whole corpus: its letters are under "letters"
        stdout = json.dumps(json.loads(stdout)["letters"])
    assert (code, stderr) == (0, "")
    assert [letter["number"] for letter in json.loads(stdout)] == expected


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["stalin", "Троцкий", "N.K. Ulyanova", "L.F."]),
    st.sets(st.sampled_from(MENTION_KINDS), min_size=1),
)
def test_person_terms_read_back_as_they_are_explained(name: str, kinds: set[str]) -> None:
    term = p.Person(name, frozenset(kinds))
    assert querylang.parse(term.explain()) == term
    assert querylang.parse(p.Person(name).explain()) == p.Person(name)


def test_editorial_widens_every_person_term_of_a_query() -> None:
    code, stdout, _ = run("list", "--explain", "--editorial", "not person:stalin or to:kamenev")
    assert code == 0
    assert stdout.splitlines()[0] == 'query: not person:"stalin:any" or to:kamenev'


# grep --person ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("Krupskaya", "N.K. Ulyanova"),
        ("Lenin", "Vladimir Ilyich"),
        ("Fotieva", "L.F."),
        ("Ильич", "N. Lenin"),
    ],
)
def test_grep_person_finds_every_form_of_the_name(name: str, printed: str) -> None:
    code, stdout, stderr = run("grep", "--person", name, "--json")
    assert (code, stderr) == (0, "")
    forms = {m["form"] for letter in json.loads(stdout) for m in letter["mentions"]}
    assert printed in forms


def test_grep_person_shows_each_mention_under_its_letter_and_the_editors_only_when_asked() -> None:
    code, stdout, _ = run("grep", "--person", "krupskaya")
    assert code == 0
    assert stdout == (
        "7  1922-12-21  To Leon Trotsky, P.S.\n"
        "  3: N.K. Ulyanova [Krupskaya].[8]\n"
        "  written by: N.K. Krupskaya\n"
    )
    code, stdout, _ = run("grep", "--person", "stalin", "--editorial", "number:17")
    assert code == 0
    assert stdout.startswith(
        "17  1922-12-31  The Question of Nationalities or ‘Autonomisation’ (continued)\n"
    )
    assert "  5 (editor): The Georgian [Stalin] who is neglectful" in stdout


def test_grep_person_counts_and_takes_the_query_without_a_pattern() -> None:
    code, stdout, stderr = run("grep", "--person", "stalin:text", "date:1923..", "--count")
    assert code == 0
    assert stderr == "leninletters: 6 matches in 3 letters\n"  # in the Testament, its P.S. of 1923 only
    assert [line.split()[0] for line in stdout.splitlines()[1:]] == ["9", "20", "22"]


def test_grep_needs_a_pattern_or_a_person() -> None:
    code, stdout, stderr = run("grep")
    assert (code, stdout) == (2, "")
    assert stderr == (
        "leninletters: error: grep needs a PATTERN or --person NAME, "
        "for example: leninletters grep monopoly\n"
    )


# people ----------------------------------------------------------------------------------------------


def test_people_lists_everyone_with_letters_by_kind() -> None:
    code, stdout, stderr = run("people")
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0].split() == [
        "Id",
        "Letters",
        "Text",
        "Editor",
        "Heading",
        "Note",
        "To",
        "Copy",
        "Scribe",
        "Writer",
        "Who",
    ]
    stalin = next(line for line in lines if line.startswith("stalin "))
    assert stalin.split()[:10] == ["stalin", "7", "5", "2", "2", "-", "2", "-", "-", "-"]
    assert "Joseph Stalin (1878–1953)" in stalin
    assert stderr.startswith("leninletters: 20 people;")


def test_people_name_shows_who_the_forms_the_letters_and_each_mention() -> None:
    code, stdout, stderr = run("people", "Крупская")
    assert (code, stderr) == (0, "")
    lines = stdout.splitlines()
    assert lines[0] == "Nadezhda Krupskaya (krupskaya)"
    assert "Named as: N.K. Ulyanova, Krupskaya, N.K. Krupskaya" in lines
    spelt = next(line for line in lines if line.startswith("Also spelt: "))
    assert (
        "Krupskaja" in spelt and "Kroupskaïa" in spelt and spelt.endswith("Надежда Константиновна Крупская")
    )
    assert "By kind: text 7; editorial 7; writer 7" in lines
    assert lines[-3:] == [
        "7  1922-12-21  To Leon Trotsky, P.S.",
        "  3 (editor): N.K. Ulyanova [Krupskaya].[8]",
        "  written by: N.K. Krupskaya",
    ]


def test_people_name_lists_letters_to_copied_to_and_taken_down_by() -> None:
    _, stdout, _ = run("people", "trotzki")
    assert "Letters to: 1 3 4 5 7 20" in stdout and "Copied to: 2 22" in stdout
    _, stdout, _ = run("people", "L.F.")
    assert "Taken down by: 2 4 9 10 11 12" in stdout


def documented_keys(heading: str, first_table_only: bool = False) -> set[str]:
    """The keys the tables under a heading of docs/corpus.md name (`a`, `b` in their first column)."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    if first_table_only:
        section = section.split("| key |", 1)[1].split("\n\n", 1)[0]
    return {
        key
        for row in section.splitlines()
        if row.startswith("| `")
        for key in re.findall(r"`([a-z_]+)`", row.split("|")[1])
    }


def test_people_json_has_the_shape_docs_corpus_md_gives() -> None:
    documented = documented_keys("## What `people --json` prints")
    code, stdout, _ = run("people", "--json")
    assert code == 0
    listed = json.loads(stdout)
    assert all(set(person) <= documented for person in listed)
    assert set(listed[0]["kinds"]) == set(MENTION_KINDS)
    code, stdout, _ = run("people", "stalin", "--json")
    one = json.loads(stdout)
    assert set(one) == documented - set(MENTION_KINDS)
    mention_fields = documented_keys("## Mentions", first_table_only=True)  # the second table: the kinds
    mention_keys = mention_fields | {"context", "date", "part"}
    for letter in one["mentions"]:
        assert set(letter) == {"number", "slug", "title", "date", "mentions"}
        assert all(set(m) == mention_keys - {"person"} for m in letter["mentions"])
    assert {m.encode_name for m in msgspec.structs.fields(Mention)} == mention_fields


# Did you mean ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Trotski", "no matches for 'Trotski'; did you mean \"Trotsky\"? (or: --person trotski)"),
        ("Stallin", "no matches for 'Stallin'; did you mean \"Stalin\"? (or: --person stallin)"),
        (
            "Dzerzhinski",
            "no matches for 'Dzerzhinski'; did you mean \"Dzerzhinsky\"? (or: --person dzerzhinski)",
        ),
        ("Zinovyev", "no matches for 'Zinovyev'; did you mean \"Zinoviev\"? (or: --person zinovyev)"),
        (
            "Ordjonikidze",
            "no matches for 'Ordjonikidze'; did you mean \"Ordzhonikidze\"? (or: --person ordjonikidze)",
        ),
        ("Сталин", "no matches for 'Сталин'; did you mean \"Stalin\"? (or: --person Сталин)"),
        ("monopolly", "no matches for 'monopolly'; did you mean \"monopoly\"?"),
        ("Kerensky", "no matches for 'Kerensky'"),
    ],
)
def test_grep_that_finds_nothing_suggests_what_was_meant(typed: str, message: str) -> None:
    code, stdout, stderr = run("grep", typed)
    assert (code, stdout) == (1, "")
    assert stderr == f"leninletters: {message}\n"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Trotskin", "Trotsky"),
        ("Kamenoff", "Kamenev"),
        ("Bukarinn", "Bukharin"),
        ("Pyatakof", "Pyatakov"),
        ("Zinovief", "Zinoviev"),
        ("Ordzonikidse", "Ordzhonikidze"),
        ("Krupskoy", "Krupskaya"),
        ("Fotiev", "Fotieva"),
        ("Stallin", "Stalin"),
    ],
)
def test_people_with_an_unknown_name_suggests_the_person(typed: str, meant: str) -> None:
    """A near miss (Stallin) is a misspelling too, even where the loose match would forgive it."""
    code, stdout, stderr = run("people", typed)
    assert (code, stdout) == (1, "")
    assert stderr.startswith(
        f'leninletters: error: no one called {typed!r} in the letters: did you mean "{meant}"'
    )


@pytest.mark.parametrize(
    "typed", ["stalin", "Сталин", "Koba", "Trotzki", "Trotskii, L. D.", "Zinovev", "L.F."]
)
def test_people_with_a_listed_spelling_finds_the_person_silently(typed: str) -> None:
    code, stdout, stderr = run("people", typed)
    assert (code, stderr) == (0, "")
    assert "Who:" in stdout


def test_a_recipient_or_person_that_names_no_one_says_so_and_suggests() -> None:
    code, stdout, stderr = run("list", "-r", "Trotskin")
    assert (code, stdout) == (0, "")
    assert stderr == (
        'leninletters: no letters match; to:Trotskin names no one in the letters: did you mean "Trotsky"?\n'
    )
    code, _, stderr = run("grep", "monopoly", "person:Stalinov")
    assert code == 1
    assert 'person:Stalinov names no one in the letters: did you mean "Stalin"?' in stderr


# A corpus of one's own, and the terminal ------------------------------------------------------------


def test_a_corpus_without_mentions_has_them_derived_when_people_are_asked_for() -> None:
    mini = str(Path(__file__).parent / "fixtures" / "mini.json")
    code, stdout, _ = run("--corpus", mini, "list", "--person", "Trotzki", "--json")
    assert code == 0
    assert [letter["number"] for letter in json.loads(stdout)] == [1]
    code, stdout, _ = run("--corpus", mini, "people", "--json")
    assert json.loads(stdout)[0]["kinds"]["recipient"] == 1


def test_the_terminal_highlights_each_mention_and_labels_the_editors() -> None:
    import io

    from rich.console import Console

    from leninletters.core.mentions import occurrences, summaries
    from leninletters.ui.views import PersonView

    edition = load()
    person = next(x for x in edition.people if x.id == "krupskaya")
    view = PersonView(summaries(edition.letters, [person])[0], occurrences(edition.letters, person.id), [])
    console = Console(file=io.StringIO(), width=80, color_system="standard", force_terminal=True)
    console.print(view.rich(80))
    drawn = console.file.getvalue()  # type: ignore[attr-defined]
    # The name in the letter's words and the editor's insertion, each highlighted; the line labelled.
    assert "3 (editor): \x1b[0m\x1b[1;7mN.K. Ulyanova\x1b[0m [\x1b[1;7mKrupskaya\x1b[0m].[8]" in drawn


def test_a_person_with_no_forms_names_nothing_and_crashes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "noforms.json"
    mini = json.loads(MINI.read_text(encoding="utf-8"))
    letters = [strip_people(letter) for letter in (mini["letters"] if isinstance(mini, dict) else mini)]
    corpus.write_text(json.dumps({"letters": letters, "people": [{"id": "x", "name": "X Y", "forms": []}]}))
    for args in (["people"], ["people", "x"], ["list", "-p", "x"], ["list", "person:x"]):
        code, _, stderr = run("--corpus", str(corpus), *args)
        assert code == 0, stderr
        assert "internal error" not in stderr
    assert run("--corpus", str(corpus), "grep", "--person", "x")[0] == 1  # no mentions: grep's "nothing"


def test_people_name_json_is_one_document_even_when_a_name_fits_several(tmp_path: Path) -> None:
    corpus = tmp_path / "smiths.json"
    mini = json.loads(MINI.read_text(encoding="utf-8"))
    letters = [strip_people(letter) for letter in (mini["letters"] if isinstance(mini, dict) else mini)]
    people = [{"id": "jane", "name": "Jane Smith", "forms": ["Smith"]}]
    people.append({"id": "john", "name": "John Smith", "forms": ["Smith"]})
    corpus.write_text(json.dumps({"letters": letters, "people": people}), encoding="utf-8")
    code, stdout, stderr = run("--corpus", str(corpus), "people", "smith", "--json")
    assert (code, stdout) == (2, "")
    assert (
        "'smith' fits several people: jane (Jane Smith), john (John Smith); give one of their ids" in stderr
    )
    code, stdout, _ = run("--corpus", str(corpus), "people", "jane", "--json")
    assert code == 0 and json.loads(stdout)["id"] == "jane"


def strip_people(letter: dict[str, object]) -> dict[str, object]:
    """A letter without the people it names, for a corpus that lists others."""
    return {key: value for key, value in letter.items() if key not in ("people", "mentions")}


def test_show_with_a_persons_name_offers_the_letters_to_them_and_their_profile() -> None:
    code, stdout, stderr = run("show", "stalin")
    assert (code, stdout) == (2, "")
    assert stderr == (
        "leninletters: error: no letter 'stalin': the letters to Joseph Stalin are 6 21 "
        "(leninletters show 6 21); who Joseph Stalin is: leninletters people stalin\n"
    )
    assert "testament" not in stderr


@pytest.mark.parametrize("width", [30, 80, 100, 120])
def test_each_name_stands_whole_on_one_line_at_any_common_width(width: int) -> None:
    """At 100 columns names were folded mid-word ("Krzhizhano" / "vsky"): each now fits or wraps at words."""
    import io

    from rich.console import Console

    from leninletters.core.mentions import summaries
    from leninletters.ui.views import PeopleList

    edition = load()
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    console.print(PeopleList(summaries(edition.letters, edition.people)).rich(width))
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert all(len(line.rstrip()) <= width for line in lines)
    for person in edition.people:
        if len(person.name) < width:
            assert any(person.name in line for line in lines), (width, person.name)
        for word in person.name.split():  # no word of a name is ever cut, whatever the width
            assert any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", line) for line in lines), word
