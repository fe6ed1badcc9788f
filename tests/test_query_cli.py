"""The query language, the option rule, references and output manners through the command line."""

from __future__ import annotations

import json

import pytest

from leninletters.core.querylang import parse

from .conftest import run


def listed(*args: str) -> list[int]:
    code, stdout, stderr = run("list", "--json", *args)
    assert code == 0, stderr
    return [letter["number"] for letter in json.loads(stdout)]


def test_the_readme_questions_in_one_line() -> None:
    assert listed("to:trotsky date:1922-12-12..1922-12-21 -scribe:L.F.") == [1, 3, 5, 7]
    assert listed("to:trotsky", "date:1922-12-25..1922-12-31") == []
    code, stdout, _ = run("grep", "Stalin", "date:1923.. or secret:")
    assert code == 0
    headings = [line for line in stdout.splitlines() if line and not line.startswith(" ")]
    assert headings[0] == "9  1923-01-04  Letter to the Congress (The Testament of Lenin), P.S."
    assert [h.split()[0] for h in headings] == ["9", "19", "20", "21", "22"]


def test_a_query_after_double_dash_may_start_with_a_minus() -> None:
    assert listed("--", "-scribe:L.F.", "to:trotsky") == [1, 3, 5, 7, 20, 22]


def test_a_minus_term_glued_to_a_short_option_is_caught_not_misread() -> None:
    code, stdout, stderr = run("list", "-scribe:L.F.")
    assert code == 2 and stdout == ""
    assert "goes after '--'" in stderr and "leninletters list -- -scribe:L.F." in stderr


def test_the_same_option_repeated_means_any_and_different_options_all() -> None:
    assert listed("-s", "L.F.", "-s", "M.V.") == [2, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]
    assert listed("-r", "kamenev", "-r", "mdivani") == [21, 22]
    assert listed("-k", "monopoly", "-k", "Georgian") == [1, 2, 3, 4, 6, 16, 17, 20]
    assert listed("-r", "trotsky", "-s", "L.F.") == [2, 4]


def test_options_and_query_apply_together_and_agree() -> None:
    assert listed("-r", "trotsky", "secret:") == [20, 22]
    assert listed("--from", "1923", "--to", "1923-01") == listed("date:1923..1923-01") == [9, 19]
    assert listed("-s", "none") == listed("scribe:none")


@pytest.mark.parametrize("flag", ["--from", "--to"])
def test_a_range_end_given_twice_is_refused(flag: str) -> None:
    code, stdout, stderr = run("list", flag, "1922", flag, "1923")
    assert code == 2 and stdout == ""
    assert f"{flag} can be given once" in stderr


def test_a_malformed_query_gets_one_line_pointing_at_the_spot() -> None:
    code, stdout, stderr = run("list", "to:trotsky (date:1923) )")
    assert code == 2 and stdout == ""
    assert stderr == "leninletters: error: unexpected ')' at column 24\n"


def test_explain_prints_the_query_as_understood_and_it_reads_back() -> None:
    code, stdout, stderr = run("list", "--explain", "-r", "trotsky", "not secret: or number:1..3")
    assert code == 0 and stderr == ""
    first, *tree = stdout.splitlines()
    assert first == "query: to:trotsky and (not secret: or number:1..3)"
    assert tree[0] == "all of:"
    understood = first.removeprefix("query: ")
    assert listed(understood) == listed("-r", "trotsky", "not secret: or number:1..3")
    assert parse(understood).explain() == understood


def test_show_and_export_take_ranges_sections_and_paragraphs() -> None:
    code, stdout, _ = run("show", "9:11")
    assert code == 0
    assert stdout.startswith("9. Letter to the Congress (The Testament of Lenin) (paragraph 11 of 11)\n")
    assert "P.S. Stalin is too rude" in stdout and "As for Pyatakov" not in stdout
    code, stdout, _ = run("export", "16-18", "-f", "json")
    assert [letter["number"] for letter in json.loads(stdout)["letters"]] == [16, 17, 18]
    code, stdout, _ = run("export", "nationalities", "-f", "json")
    assert [letter["number"] for letter in json.loads(stdout)["letters"]] == [16, 17, 18]
    code, stdout, _ = run("export", "9:3-5", "-f", "json")
    (passage,) = json.loads(stdout)["letters"]
    assert [p["paragraphs"] for p in passage["passages"]] == [[3, 5]]
    assert passage["passages"][0]["text"] == "\n\n".join(passage["text"].split("\n\n")[2:5])
    # Passages of one letter stay one letter object: a JSON export is a corpus, each letter once.
    code, stdout, _ = run("export", "9:3-5", "9:11", "-f", "json")
    (letter,) = json.loads(stdout)["letters"]
    assert [p["paragraphs"] for p in letter["passages"]] == [[3, 5], [11, 11]]
    code, stdout, _ = run("show", "9:11", "testament", "--json")
    (letter,) = json.loads(stdout)
    assert "passages" not in letter  # asked for whole too: the whole letter


def test_export_reads_references_and_query_apart() -> None:
    stdout = run("export", "gosplan", "scribe:M.V.", "-f", "json")[1]
    assert [letter["number"] for letter in json.loads(stdout)["letters"]] == [13, 14, 15]
    stdout = run("export", "--explain", "16-18", "stalin")[1]
    assert stdout.splitlines()[:2] == ["query: stalin", "references: 16-18"]
    stdout = run("export", "to:trotsky", "secret:", "-f", "json")[1]
    assert [letter["number"] for letter in json.loads(stdout)["letters"]] == [20, 22]


def test_md_is_markdown() -> None:
    assert run("export", "22", "-f", "md")[1] == run("export", "22", "-f", "markdown")[1]
    assert run("export", "22", "-f", "md")[1].startswith("## 22. To P.G. Mdivani")


def test_regex_is_dash_capital_e_as_in_grep_and_ripgrep() -> None:
    code, _, stderr = run("grep", "-E", "Bukharin|Pyatakov", "--count")
    assert code == 0 and stderr == "leninletters: 7 matches in 3 letters\n"


def test_counts_read_as_english_and_no_match_prints_no_table() -> None:
    code, _, stderr = run("grep", "Krestinsky's", "--count")
    assert code == 0 and stderr == "leninletters: 2 matches in 2 letters\n"
    code, _, stderr = run("grep", "telephone your reply", "--count")
    assert code == 0 and stderr == "leninletters: 1 match in 1 letter\n"
    code, stdout, stderr = run("grep", "zzzz", "--count")
    assert (code, stdout, stderr) == (1, "", "leninletters: no matches for 'zzzz'\n")


def test_json_shapes_agree_between_grep_and_grep_count() -> None:
    found = json.loads(run("grep", "monopoly", "--json")[1])
    counted = json.loads(run("grep", "monopoly", "--count", "--json")[1])
    assert isinstance(found, list) and isinstance(counted, list)
    assert [r["number"] for r in found] == [r["number"] for r in counted]
    assert [len(r["matches"]) for r in found] == [r["count"] for r in counted]
    assert json.loads(run("grep", "zzzz", "--count", "--json")[1]) == []


def test_list_says_why_a_copied_letter_is_there() -> None:
    stdout = run("list", "-r", "trotsky")[1]
    row = next(line for line in stdout.splitlines() if line.lstrip().startswith("22 "))
    assert row.endswith("P.G. Mdivani, F.Y. Makharadze, and others; cc Leon Trotsky, Lev Kamenev")
    assert "to-mdivani-makharadze-1923-03-06" in row  # slugs are always in the piped list


def test_a_word_the_query_leaves_out_is_not_called_a_misspelling() -> None:
    code, stdout, stderr = run("grep", "Stalin", "number:9 not date:1922-12-25")
    assert (code, stdout) == (1, "")
    assert stderr == (
        "leninletters: no matches for 'Stalin'; it is in letters, or parts of them, that the query and "
        "filters leave out\n"
    )


def test_a_date_narrows_a_letter_to_the_paragraphs_lcw_dates_so() -> None:
    # The Testament's paragraphs 1-8 are 24 December in LCW; 9-10 (from "As for Pyatakov") are 25 December.
    on_the_24th = run("grep", "Pyatakov", "date:1922-12-24", "--json")[1]
    assert [m["paragraph"] for m in json.loads(on_the_24th)[0]["matches"]] == [8]
    on_the_25th = run("grep", "Pyatakov", "date:1922-12-25", "--json")[1]
    assert [m["paragraph"] for m in json.loads(on_the_25th)[0]["matches"]] == [8, 9]  # all printed under it
    assert run("grep", "Pyatakov", "date:1922-12-24", "--count")[2].endswith("1 match in 1 letter\n")
