"""cite --quote (a passage as printed, then its citation), export --text-only (the letters' words and
headings alone), and certainty kept in every citation."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leninletters.core.model import PARAGRAPH_BREAK, Letter
from leninletters.formats import cite
from leninletters.store.corpus import load

from .conftest import run

EDITION = load()
TESTAMENT = next(letter for letter in EDITION.letters if letter.slug == "testament")
SCRIPT = shutil.which("leninletters", path=str(Path(sys.executable).parent))
# What only the apparatus, the notes or the edition statement print: none of it belongs in a quotation.
APPARATUS_WORDS = ("Apparatus", "Authority:", "Certainty:", "Edition: leninletters", "⟨", "Notes:", "Source:")


def test_quote_prints_the_paragraph_exactly_as_printed_then_its_citation() -> None:
    code, stdout, stderr = run("cite", "9:11", "--quote")
    assert (code, stderr) == (0, "")
    quoted, citation = stdout.split("\n\n")
    assert quoted == TESTAMENT.paragraphs[10]
    assert quoted.startswith("P.S. Stalin is too rude") and "it is not a [minor] detail" in quoted
    assert citation.startswith("Lenin, Vladimir Ilyich. “Letter to the Congress (The Testament of Lenin).” ")
    assert citation.rstrip("\n").endswith("letter 9 (testament), paragraph 11.")
    assert not any(word in stdout for word in APPARATUS_WORDS)


def test_quote_of_a_range_keeps_its_paragraphs_apart_and_cites_the_range() -> None:
    code, stdout, _ = run("cite", "9:9-10", "--quote")
    assert code == 0
    assert stdout.startswith(PARAGRAPH_BREAK.join(TESTAMENT.paragraphs[8:10]) + "\n\n")
    assert stdout.endswith("paragraphs 9–10.\n")


def test_quote_in_markdown_is_a_block_quote_that_shows_the_print_as_it_is() -> None:
    code, stdout, _ = run("cite", "1:2", "--quote", "--format", "markdown")
    assert code == 0
    quote, citation = stdout.split("\n\n", 1)
    # The print's note marker [*] stays visible: the * is escaped, not read as emphasis.
    assert quote == (
        "> I am sending you Krestinsky’s[\\*] letter. Write to me as soon as possible whether you agree; "
        "at the plenum, I am going to fight for the monopoly."
    )
    assert citation.startswith("Lenin, Vladimir Ilyich. “To Leon Trotsky.” Paragraph 2.")
    blocks = run("cite", "9:9-10", "--quote", "-f", "md")[1].split("\n\n")[0].split("\n")
    assert blocks[1] == ">" and all(line.startswith(">") for line in blocks)


def test_quote_cites_in_the_chosen_style() -> None:
    code, stdout, _ = run("cite", "9:11", "--quote", "--style", "bibtex")
    assert code == 0
    assert stdout.startswith(TESTAMENT.paragraphs[10] + "\n\n@incollection{lenin1922testament-p11,\n")


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (("cite", "9:11", "--quote", "--style", "csl-json"), "--quote prints text"),
        (("cite", "9:11", "--quote", "--format", "html"), "--format 'html'"),
        (("cite", "9:11", "--format", "markdown"), "give it with --quote"),
        (("export", "9", "--text-only", "--format", "json"), "--text-only is plain text"),
    ],
)
def test_a_quotation_asked_for_in_a_form_it_has_not_is_one_line(args: tuple[str, ...], phrase: str) -> None:
    code, stdout, stderr = run(*args)
    assert (code, stdout) == (2, "")
    assert stderr.count("\n") == 1 and phrase in stderr


def test_export_text_only_has_the_headings_and_the_print_and_nothing_of_the_apparatus() -> None:
    code, stdout, stderr = run("export", "1", "9:11", "--text-only")
    assert (code, stderr) == (0, "")
    assert stdout.startswith("1. To Leon Trotsky\n\nComrade Trotsky,\n\n")
    assert (
        "\n9. Letter to the Congress (The Testament of Lenin) (paragraph 11 of 11)\n\nP.S. Stalin" in stdout
    )
    # The print's closing lines are the print's; the edition's words (⟨Lenin⟩, dates, hands) are not there.
    assert stdout.endswith("Taken down by L.F.\n\nJanuary 4, 1923\n")
    assert not any(word in stdout for word in APPARATUS_WORDS)
    assert "Date:" not in stdout and "To:" not in stdout and "-" * 72 not in stdout


def test_export_text_only_in_markdown() -> None:
    code, stdout, _ = run("export", "20", "21", "--text-only", "--format", "markdown")
    assert code == 0
    assert stdout.startswith("## 20. To Leon Trotsky\n\nDear Comrade Trotsky,\n\n")
    assert "\n---\n\n## 21. To Joseph Stalin\n" in stdout
    assert not any(word in stdout for word in APPARATUS_WORDS)


@pytest.mark.skipif(SCRIPT is None, reason="the console script is not installed: pip install -e .")
def test_the_installed_script_pastes_a_quotation_cleanly_into_a_pipe() -> None:
    assert SCRIPT is not None
    finished = subprocess.run(
        [SCRIPT, "cite", "9:11", "--quote", "--format", "markdown"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd="/",
        check=False,
    )
    assert (finished.returncode, finished.stderr) == (0, "")
    assert "\x1b[" not in finished.stdout
    assert finished.stdout.startswith("> P.S. Stalin is too rude")
    assert re.search(r"\n\nLenin, Vladimir Ilyich\. .*paragraph 11\.\n\Z", finished.stdout)


# Certainty never dropped ----------------------------------------------------------------------------


def test_an_lcw_place_held_with_less_than_high_certainty_says_so_in_every_style() -> None:
    # Letter 11's LCW pages rest on the print's range alone: low certainty.
    for style in ("text", "bibtex", "csl-json", "ris"):
        assert "vol. 36, pp. 598–604 (low certainty)" in run("cite", "11", "--style", style)[1], style
    assert "vol. 45, p. 601." in run("cite", "1")[1] and "certainty" not in run("cite", "1")[1]


def test_a_passage_names_the_standard_editions_other_dating_with_its_certainty() -> None:
    stdout = run("cite", "9:1")[1]
    assert "25 December 1922." in stdout
    assert "LCW dates paragraphs 1–8 24 December 1922 (medium certainty)." in stdout


def test_inferred_recipients_are_marked_inferred_with_their_certainty() -> None:
    assert (
        "To the Twelfth Party Congress (recipients inferred by this edition, low certainty)."
        in run("cite", "16")[1]
    )
    title = run("cite", "12", "--style", "ris")[1].splitlines()[3]
    assert title == (
        "TI  - Granting Legislative Functions to Gosplan (continued), 28 December 1922, to the Twelfth Party "
        "Congress (recipients inferred by this edition, medium certainty)"
    )


def test_letters_of_one_day_under_one_heading_cite_apart() -> None:
    titles = [
        line for line in run("cite", "13", "14", "15", "--style", "ris")[1].splitlines() if line[:2] == "TI"
    ]
    assert [title.split(", to ")[0] for title in titles] == [
        f"TI  - Granting Legislative Functions to Gosplan (continued), 29 December 1922 ({which} of the day)"
        for which in ("first", "second", "third")
    ]


def _passages(letter: Letter) -> st.SearchStrategy[tuple[int, int]]:
    count = len(letter.paragraphs)
    return st.tuples(st.integers(1, count), st.integers(1, count)).map(lambda s: (min(s), max(s)))


PASSAGES = st.sampled_from(EDITION.letters).flatmap(
    lambda letter: st.tuples(st.just(letter), _passages(letter))
)


@settings(max_examples=60, deadline=None)
@given(PASSAGES)
def test_every_passage_quotes_exactly_as_printed_and_ends_with_its_own_citation(
    selected: tuple[Letter, tuple[int, int]],
) -> None:
    letter, (first, last) = selected
    dated = [(one.slug, one.date) for one in EDITION.letters]
    [cited] = cite.citations([selected], dated, EDITION.metadata)
    quoted = "".join(cite.quotations([cited], "text"))
    passage = PARAGRAPH_BREAK.join(letter.paragraphs[first - 1 : last])
    assert quoted == f"{passage}\n\n{cite.text(cited)}\n"
    # In Markdown every line of the passage is quoted, and nothing else is.
    block, _, reference = "".join(cite.quotations([cited], "text", "markdown")).rpartition("\n\n")
    assert all(line == ">" or line.startswith("> ") for line in block.split("\n"))
    assert reference == f"{cite.text(cited)}\n"
