"""Rich renderers against a fixed-width, colourless console, with exact expected text."""

from __future__ import annotations

import io
import itertools

import pytest
from rich.console import Console

from leninletters.core import search
from leninletters.core.model import Corpus
from leninletters.core.present import letter_heading
from leninletters.store.corpus import load_bundled
from leninletters.ui import render
from leninletters.ui.output import Color, Output, wants_colour

from .conftest import draw


def test_a_letter_reads_as_printed_with_its_heading_hands_and_source(edition: Corpus) -> None:
    assert draw(render.letter_view(edition.letters[21]), 60) == (
        "22. To P.G. Mdivani, F.Y. Makharadze, and Others\n"
        "Date: 6 March 1923\n"
        "To: P.G. Mdivani, F.Y. Makharadze, and others\n"
        "Copy: Leon Trotsky, Lev Kamenev\n"
        "Classification: Top secret\n"
        "\n"
        "Comrades Mdivani, Makharadze, and others\n"
        "\n"
        "Copy to Comrades Trotsky and Kamenev\n"
        "\n"
        "Dear comrades,\n"
        "\n"
        "I am following your case with all my heart. I am indignant\n"
        "over Ordzhonikidze’s rudeness and the connivance of Stalin\n"
        "and Dzerzhinsky. I am preparing for you notes and a speech.\n"
        "\n"
        "Respectfully yours,\n"
        "\n"
        "⟨Lenin⟩\n"
        "\n"
        "Source: LCW, vol. 45, p. 608.\n"
        "\n"
        "Apparatus (this edition's, not the print's)\n"
        "  LCW: vol. 45, p. 608, “To P. G. Mdivani, F. Y. Makharadze\n"
        "  and others”. Authority: lcw45-6mar, p. 608b. Certainty:\n"
        "  high.\n"
        "  Survives as: typewritten copy (LCW: 'Printed from a\n"
        "  typewritten copy'); LCW notes it is the last document\n"
        "  Lenin dictated. Authority: lcw45-6mar, p. 608b. Certainty:\n"
        "  high.\n"
        "  To: P.G. Mdivani, F.Y. Makharadze, and others. Authority:\n"
        "  lcw45-6mar, p. 608b. Certainty: high.\n"
        "  Supplied after paragraph 5: ⟨Lenin⟩. Authority:\n"
        "  lcw45-6mar, p. 608b. Certainty: high.\n"
    )


def test_a_multi_part_letter_shows_each_parts_hand_and_date(edition: Corpus) -> None:
    text = draw(render.letter_view(edition.letters[8]), 100)
    main_hand = text.index("Taken down by M.V.\n\n⟨M.V.: Maria Volodicheva⟩\n")
    postscript = text.index("P.S. Stalin is too rude")
    assert (
        main_hand
        < postscript
        < text.index("Taken down by L.F.\n\nJanuary 4, 1923\n\n⟨L.F.: Lydia Fotieva⟩\n")
    )
    assert text.startswith(
        "9. Letter to the Congress (The Testament of Lenin)\n"
        "Date: 25 December 1922 (P.S. 4 January 1923), as printed\n"
        "LCW dating: 24 December 1922 (paragraphs 1–8, medium certainty); 25 December 1922\n"
        "(paragraphs 9–10, low certainty); 4 January 1923 (paragraph 11)\n"
        "To: Twelfth Party Congress (inferred, medium certainty)\n"
    )
    assert "Source: LCW, vol. 36, pp. 593-97. ⟨inferred from its group⟩\n\nApparatus" in text


def test_the_list_table_has_its_columns_and_a_count(edition: Corpus) -> None:
    assert draw(render.list_table(edition.letters[19:22], 80), 80) == (
        "No.   Date         Title                  To                      Scribe   Words\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        " 20   1923-03-05   To Leon Trotsky        Leon Trotsky            -           86\n"
        " 21   1923-03-05   To Joseph Stalin       Joseph Stalin; cc Lev   -          121\n"
        "                                          Kamenev, Grigory\n"
        "                                          Zinoviev\n"
        " 22   1923-03-06   To P.G. Mdivani,       P.G. Mdivani, F.Y.      -           46\n"
        "                   F.Y. Makharadze, and   Makharadze, and\n"
        "                   Others                 others; cc Leon\n"
        "                                          Trotsky, Lev Kamenev\n"
        "3 letters\n"
    )


def test_a_wide_terminal_shows_slugs_and_later_parts_dates(edition: Corpus) -> None:
    text = draw(render.list_table(edition.letters[7:9], 140), 140)
    assert text.splitlines()[0].split() == ["No.", "Date", "Slug", "Title", "To", "Scribe", "Words"]
    assert "  9   1922-12-25          testament      " in text
    assert "\n      (+1923-01-04)       " in text and "\n      (LCW 1922-12-24?)\n" in text


def test_a_passage_shows_its_paragraphs_hands_and_which_they_are(edition: Corpus) -> None:
    text = draw(render.letter_view(edition.letters[8], (10, 11)), 200)
    assert text.startswith("9. Letter to the Congress (The Testament of Lenin) (paragraphs 10–11 of 11)\n")
    assert "Both of these remarks" in text and "P.S. Stalin is too rude" in text
    assert "As for Pyatakov" not in text  # paragraph 9
    assert text.index("Taken down by M.V.") < text.index("P.S. Stalin") < text.index("Taken down by L.F.")


def test_prose_is_set_to_a_readable_measure_on_a_wide_terminal(edition: Corpus) -> None:
    text = draw(render.letter_view(edition.letters[8]), 200)
    assert max(len(line) for line in text.splitlines()) <= render.MEASURE


def test_a_narrow_terminal_keeps_number_date_and_title(edition: Corpus) -> None:
    assert draw(render.list_table(edition.letters[19:21], 40), 40) == (
        "No.   Date         Title\n"
        "───────────────────────────────────\n"
        " 20   1923-03-05   To Leon Trotsky\n"
        " 21   1923-03-05   To Joseph Stalin\n"
        "2 letters\n"
    )


def test_grep_groups_matches_under_their_letter(edition: Corpus) -> None:
    letter = edition.letters[21]
    found = search.find(letter, search.Search("stalin"))
    assert draw(render.grep_view([(letter_heading(letter), search.snippets(letter, found))]), 100) == (
        "22  1923-03-06  To P.G. Mdivani, F.Y. Makharadze, and Others\n"
        "  4: I am indignant over Ordzhonikidze’s rudeness and the connivance of Stalin and\n"
        "  Dzerzhinsky.\n"
    )  # at the readable measure (88 columns), however wide the terminal


def test_grep_highlights_the_match_on_a_colour_terminal(edition: Corpus) -> None:
    letter = edition.letters[21]
    found = search.find(letter, search.Search("stalin"))
    console = Console(file=io.StringIO(), width=100, color_system="standard", force_terminal=True)
    console.print(render.grep_view([(letter_heading(letter), search.snippets(letter, found))]))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1;7mStalin\x1b[0m" in output


def test_counts_table_totals(edition: Corpus) -> None:
    kamenev = search.Search("Kamenev")
    counts = [(letter, n) for letter in edition.letters if (n := search.count(letter, kamenev))]
    text = draw(render.counts_table(counts), 80)
    expected = sum(letter.text.count("Kamenev") for letter in edition.letters)
    assert text.splitlines()[-1] == f"{expected} matches in 4 letters"
    (only,) = [(letter, n) for letter, n in counts if letter.number == 21]
    assert draw(render.counts_table([only]), 80).splitlines()[-1] == "2 matches in 1 letter"
    assert " 21   1923-03-05         2   To Joseph Stalin" in text


def test_a_narrow_list_keeps_the_dates_a_letter_was_chosen_by(edition: Corpus) -> None:
    text = draw(render.list_table(edition.letters[8:9], 40), 40)
    assert "1922-12-25" in text and "(+1923-01-04)" in text and "1922-12-24" in text


def test_people_on_a_tiny_terminal_are_lines_that_wrap_never_cut() -> None:
    from leninletters.core import mentions
    from leninletters.ui import views

    edition = load_bundled()
    summaries = mentions.summaries(edition.letters, edition.people)
    text = draw(views.PeopleList(summaries).rich(30), 30)
    assert "Vladimir Lenin (lenin): 3" in text and "Sergo" in text


@pytest.mark.parametrize(
    ("color", "force", "no", "tty"),
    list(itertools.product(Color, (False, True), (False, True), (False, True))),
)
def test_colour_is_decided_by_flag_then_force_color_then_no_color_then_the_terminal(
    color: Color, force: bool, no: bool, tty: bool
) -> None:
    environ = {**({"FORCE_COLOR": "1"} if force else {}), **({"NO_COLOR": "1"} if no else {})}
    if color is Color.always:
        expected = True
    elif color is Color.never:
        expected = False
    elif force:
        expected = True
    elif no:
        expected = False
    else:
        expected = tty
    assert wants_colour(color, environ, tty) is expected


def test_empty_force_color_and_no_color_count_as_unset() -> None:
    assert wants_colour(Color.auto, {"FORCE_COLOR": "", "NO_COLOR": ""}, True) is True
    assert wants_colour(Color.auto, {"FORCE_COLOR": "", "NO_COLOR": ""}, False) is False


def test_an_uncoloured_console_writes_no_escape_at_all() -> None:
    stream = io.StringIO()
    output = Output(stdout=stream, color=Color.never, environ={"FORCE_COLOR": "1"})
    console = output.console()
    console.print("[bold reverse]Stalin[/]")
    assert "\x1b[" not in stream.getvalue() and "Stalin" in stream.getvalue()
