"""The edition is faithful to the printed text: nothing lost, nothing invented, nothing moved.

The source is parsed here independently of leninletters.build.letters, with rules of its own, so that a
mistake in the build cannot hide itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leninletters.build import BuildError
from leninletters.build import letters as build
from leninletters.core.model import Corpus, Letter
from leninletters.store.corpus import load

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "leninletters" / "data" / "source" / "appendix-c.txt"
PRINTED_DATE = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December) "
    r"\d{1,2}, \d{4}"
)
TAKEN_DOWN = re.compile(r"Taken down by (L\.F\.|M\.V\.)(?: \[[^\]]+\])?")
FOOTNOTE = re.compile(r"\[(\d+|\*)\] (.*)", re.DOTALL)


def source_paragraphs() -> list[str]:
    """Every paragraph of the book's part of the source (blank-line separated), in order."""
    text = SOURCE.read_text(encoding="utf-8")
    book = text.split("\nJoin us\n")[0]
    return [p.strip() for p in re.split(r"\n\s*\n", book) if p.strip()]


def printed_date(paragraph: str) -> dt.date:
    return dt.datetime.strptime(paragraph, "%B %d, %Y").date()


def is_structure(paragraphs: list[str], index: int) -> bool:
    """Headings, dates, scribe lines and classifications: carried by metadata, not by text."""
    paragraph = paragraphs[index]
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
    return (
        PRINTED_DATE.fullmatch(paragraph) is not None
        or TAKEN_DOWN.fullmatch(paragraph) is not None
        or paragraph == "Top secret"
        or PRINTED_DATE.fullmatch(following) is not None  # a heading stands right above its date
    )


def letters_region() -> list[str]:
    paragraphs = source_paragraphs()
    assert paragraphs[0].startswith("[Book] Lenin and Trotsky")
    assert paragraphs[1] == "Appendix C – Lenin’s Last Letters"
    body = paragraphs[2:]
    first_note = next(i for i, p in enumerate(body) if FOOTNOTE.fullmatch(p))
    return body[:first_note]


def text_paragraphs_of_source() -> list[str]:
    region = letters_region()
    return [p for i, p in enumerate(region) if not is_structure(region, i)]


def letters_of_source() -> list[list[str]]:
    """The text paragraphs grouped by letter: a letter starts at a date that text or a classification
    follows (the date printed after the Testament's P.S. is followed by the next heading instead)."""
    region = letters_region()
    groups: list[list[str]] = []
    for index, paragraph in enumerate(region):
        following = region[index + 1] if index + 1 < len(region) else ""
        if PRINTED_DATE.fullmatch(paragraph) and (
            following == "Top secret" or not is_structure(region, index + 1)
        ):
            groups.append([])
        elif not is_structure(region, index):
            groups[-1].append(paragraph)
    return groups


def footnotes_of_source() -> dict[str, str]:
    notes: dict[str, str] = {}
    for paragraph in source_paragraphs():
        match = FOOTNOTE.fullmatch(paragraph)
        if match:
            notes[match[1]] = match[2]
    return notes


def fidelity_problems(letters: list[list[str]], printed_letters: list[list[str]]) -> list[str]:
    """What is lost, invented, duplicated, out of order or in the wrong letter, against the print."""
    printed = [paragraph for group in printed_letters for paragraph in group]
    problems: list[str] = []
    flat = Counter(paragraph for paragraphs in letters for paragraph in paragraphs)
    wanted = Counter(printed)
    for paragraph in wanted.keys() | flat.keys():
        if flat[paragraph] != wanted[paragraph]:
            problems.append(
                f"printed {wanted[paragraph]} times, in the corpus {flat[paragraph]}: {paragraph[:50]!r}"
            )
    if not problems and [p for paragraphs in letters for p in paragraphs] != printed:
        problems.append("paragraphs are out of the printed order")
    for number, (ours, theirs) in enumerate(zip(letters, printed_letters, strict=False), start=1):
        if ours != theirs:
            problems.append(f"letter {number} does not hold the paragraphs printed under it")
    if len(letters) != len(printed_letters):
        problems.append(f"{len(letters)} letters, {len(printed_letters)} printed")
    return problems


@pytest.fixture(scope="module")
def letters() -> tuple[Letter, ...]:
    return load().letters


def test_every_printed_paragraph_is_in_exactly_one_letter_in_printed_order(
    letters: tuple[Letter, ...],
) -> None:
    printed = letters_of_source()
    assert len(printed) == 22
    assert len(text_paragraphs_of_source()) == sum(len(group) for group in printed) > 100
    assert fidelity_problems([letter.paragraphs for letter in letters], printed) == []


@given(data=st.data())
def test_the_fidelity_check_catches_a_dropped_duplicated_or_moved_paragraph(data: st.DataObject) -> None:
    letters = [list(letter.paragraphs) for letter in load().letters]
    printed = letters_of_source()
    victim = data.draw(st.integers(0, len(letters) - 1))
    index = data.draw(st.integers(0, len(letters[victim]) - 1))
    paragraph = letters[victim][index]
    mutation = data.draw(st.sampled_from(["drop", "duplicate", "move", "invent"]))
    if mutation == "drop":
        del letters[victim][index]
    elif mutation == "duplicate":
        letters[data.draw(st.integers(0, len(letters) - 1))].append(paragraph)
    elif mutation == "move":
        other = data.draw(st.integers(0, len(letters) - 1).filter(lambda n: n != victim))
        del letters[victim][index]
        letters[other].insert(0, paragraph)
    else:
        letters[victim][index] = paragraph.replace("’", "'", 1) + " "
    assert fidelity_problems(letters, printed) != []


def test_the_letters_are_the_22_dictations_in_book_order(letters: tuple[Letter, ...]) -> None:
    expected = (
        "1922-12-12 1922-12-12 1922-12-13 1922-12-15 1922-12-15 1922-12-15 1922-12-21 1922-12-23 "
        "1922-12-25 1922-12-26 1922-12-27 1922-12-28 1922-12-29 1922-12-29 1922-12-29 1922-12-30 "
        "1922-12-31 1922-12-31 1923-01-23 1923-03-05 1923-03-05 1923-03-06"
    ).split()
    assert [letter.number for letter in letters] == list(range(1, 23))
    assert [letter.date.isoformat() for letter in letters] == expected
    assert len({letter.slug for letter in letters}) == 22


def test_dates_scribes_and_classifications_agree_with_the_print(letters: tuple[Letter, ...]) -> None:
    """Read around each letter's first and last paragraph in the source for what print says of it."""
    region = letters_region()
    # Where each text paragraph stands in the source (paragraphs such as "Comrade Trotsky," recur).
    positions = [i for i in range(len(region)) if not is_structure(region, i)]
    bounds: list[tuple[int, int]] = []
    seen = 0
    for letter in letters:
        bounds.append((positions[seen], positions[seen + len(letter.paragraphs) - 1]))
        seen += len(letter.paragraphs)
    for index, letter in enumerate(letters):
        start, end = bounds[index]
        next_start = bounds[index + 1][0] if index + 1 < len(letters) else len(region)
        previous_end = bounds[index - 1][1] if index else 0
        nearest_date = next(p for p in reversed(region[:start]) if PRINTED_DATE.fullmatch(p))
        assert printed_date(nearest_date) == letter.date, letter.slug
        classification = "Top secret" if "Top secret" in region[previous_end:start] else None
        assert letter.classification == classification, letter.slug
        printed_scribes = [m[1] for p in region[start:next_start] if (m := TAKEN_DOWN.fullmatch(p))]
        assert list(letter.scribes) == list(dict.fromkeys(printed_scribes)), letter.slug
        later_dates = [printed_date(p) for p in region[end:next_start] if PRINTED_DATE.fullmatch(p)]
        for part in letter.all_parts:
            if part.date != letter.date:
                assert part.date in later_dates, letter.slug


def test_multi_part_letters_keep_each_parts_date_and_hand(letters: tuple[Letter, ...]) -> None:
    testament = next(letter for letter in letters if letter.slug == "testament")
    main, postscript = testament.parts
    assert (main.date, main.scribes) == (dt.date(1922, 12, 25), ("M.V.",))
    assert (postscript.date, postscript.scribes, postscript.label) == (dt.date(1923, 1, 4), ("L.F.",), "P.S.")
    assert testament.part_texts()[1][1].startswith("P.S. Stalin is too rude")
    assert testament.scribe_names == ("Maria Volodicheva", "Lydia Fotieva")
    krupskaya = next(letter for letter in letters if letter.date == dt.date(1922, 12, 21))
    assert krupskaya.parts[-1].written_by == "N.K. Krupskaya"
    assert [note.marker for note in krupskaya.notes] == ["8"]


def test_every_footnote_belongs_to_exactly_one_letter_and_every_marker_has_its_note(
    letters: tuple[Letter, ...],
) -> None:
    printed = footnotes_of_source()
    assert set(printed) == {"*", *(str(n) for n in range(1, 16))}
    attached: dict[str, list[int]] = {marker: [] for marker in printed}
    for letter in letters:
        for note in letter.notes:
            assert note.text == printed[note.marker]
            attached[note.marker].append(letter.number)
        if letter.source_note and not letter.source_inferred:
            attached[letter.source_note].append(letter.number)
        assert letter.source == printed[letter.source_note or ""]
        markers_in_text = set(re.findall(r"\[(\d+|\*)\]", letter.text))
        anchored = {note.marker for note in letter.notes if note.anchored}
        assert markers_in_text == anchored, letter.slug
    assert {marker: len(numbers) for marker, numbers in attached.items()} == dict.fromkeys(printed, 1)
    assert attached["*"] == [1]
    assert attached["13"] == [20]


def test_undated_dictations_take_their_groups_source_and_say_it_was_inferred(
    letters: tuple[Letter, ...],
) -> None:
    inferred = {letter.number: letter.source for letter in letters if letter.source_inferred}
    assert inferred == {
        9: "LCW, vol. 36, pp. 593-97.",
        10: "LCW, vol. 36, pp. 593-97.",
        **dict.fromkeys(range(12, 19), "LCW, vol. 36, pp. 598-611."),
    }


def test_titles_carry_no_markers_and_continuations_say_so(letters: tuple[Letter, ...]) -> None:
    for letter in letters:
        assert not re.search(r"\[\d+\]", letter.title)
    assert letters[11].title == "Granting Legislative Functions to Gosplan (continued)"
    assert letters[11].section == "Granting Legislative Functions to Gosplan"
    assert letters[0].title == "To Leon Trotsky"


def test_everyone_in_the_people_list_is_named_somewhere(letters: tuple[Letter, ...]) -> None:
    people = load().people
    named = {person_id for letter in letters for person_id in letter.people}
    assert {person.id for person in people} == named
    wanted = "trotsky stalin krestinsky frumkin krupskaya fotieva volodicheva lenin oldenburg".split()
    assert set(wanted) <= named


def test_the_bundled_corpus_is_exactly_what_the_build_makes() -> None:
    bundled = resources.files("leninletters.data").joinpath("letters.json").read_text(encoding="utf-8")
    assert bundled == build.render(build.build(*build.read_inputs()))
    assert json.loads(bundled)["edition"]["scribes"] == {"L.F.": "Lydia Fotieva", "M.V.": "Maria Volodicheva"}


def test_the_build_refuses_a_curation_that_disagrees_with_the_source() -> None:
    source, curation = build.read_inputs()
    curation["letters"][2]["date"] = "1922-12-14"
    with pytest.raises(BuildError, match="letter 3"):
        build.build(source, curation)


def test_the_bundled_file_is_found_with_or_without_a_folder_on_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from leninletters.store.corpus import bundled_text

    on_disk = bundled_text("letters.json")
    package = importlib.import_module("leninletters.data")
    assert package.__spec__ is not None
    # As inside a zip: no folder to open, so importlib.resources must find it.
    monkeypatch.setattr(package.__spec__, "submodule_search_locations", ["/nonexistent/leninletters/data"])
    assert bundled_text("letters.json") == on_disk
    assert json.loads(on_disk)["letters"][8]["slug"] == "testament"


def test_every_printed_hand_line_is_carried_over_verbatim_in_order(edition: Corpus) -> None:
    """The print's "Taken down by" lines stay the print's: kept as printed, never reworded."""
    printed = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if TAKEN_DOWN.fullmatch(line)]
    carried = [
        line for letter in edition.letters for part in letter.all_parts for line in part.printed
        if line.startswith("Taken down by")
    ]  # fmt: skip
    assert carried == printed
    assert "Taken down by L.F. [Lydia Fotieva]" in carried  # the print's own brackets, as printed
