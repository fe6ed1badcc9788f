"""The commands through Typer's CliRunner: exit status, stdout and stderr apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leninletters.cli.app import app
from leninletters.core.model import Corpus
from leninletters.store.corpus import load, parse_document

from .conftest import MINI, run

runner = CliRunner()
CONTRACT_KEYS = {
    "number", "slug", "title", "section", "date", "recipients", "copies", "scribes", "scribe_names",
    "classification", "text", "notes", "source",
}  # fmt: skip


def assert_one_line_error(code: int, stdout: str, stderr: str, *phrases: str) -> None:
    assert code == 2
    assert stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith("leninletters: error: ")
    assert "Traceback" not in stderr
    for phrase in phrases:
        assert phrase in stderr


def test_list_prints_every_letter_with_a_header_and_counts_on_stderr() -> None:
    code, stdout, stderr = run("list")
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0].split()[:4] == ["No.", "Date", "Scribe", "Words"]
    assert len(lines) == 23
    # dated by its parts, and by the standard edition where it dates a part otherwise
    assert lines[9].split()[:6] == ["9", "1922-12-25", "(+1923-01-04)", "(LCW", "1922-12-24?)", "M.V.,"]
    assert "Letter to the Congress (The Testament of Lenin)" in lines[9]
    assert stderr == "leninletters: 22 letters\n"
    assert "\x1b" not in stdout


def test_list_filters_from_the_command_line() -> None:
    code, stdout, stderr = run("list", "--to", "1922-12-13", "-r", "TROTSKY")
    assert code == 0
    assert [line.split()[0] for line in stdout.splitlines()[1:]] == ["1", "2", "3"]
    assert stderr == "leninletters: 3 letters\n"


def test_list_json_prints_the_corpus_contract() -> None:
    code, stdout, stderr = run("list", "--json", "--scribe", "fotieva")
    assert code == 0 and stderr == ""
    letters = json.loads(stdout)
    assert [letter["number"] for letter in letters] == [2, 4, 9, 10, 11, 12]
    assert all(CONTRACT_KEYS <= set(letter) for letter in letters)


def test_list_with_no_match_says_so_on_stderr_and_succeeds() -> None:
    code, stdout, stderr = run("list", "--from", "1924")
    assert (code, stdout) == (0, "")
    assert "no letters match" in stderr


@pytest.mark.parametrize(
    ("args", "phrases"),
    [
        (("list", "--from", "1922-13-01"), ("1922-13-01", "month must be 01 to 12")),
        (("list", "--from", "1923", "--to", "1922"), ("later than", "swap")),
        (("list", "--form", "1922"), ("--form", "--from", "leninletters list --help")),
        (("lsit",), ("No such command", "'list'")),
        (("show", "99"), ("no letter number 99", "1 to 22")),
        (("show", "testamnet"), ("did you mean testament",)),
        (("show",), ("which letter?",)),
        (("grep", "(unclosed", "--regex"), ("invalid regular expression",)),
        (("grep", ""), ("empty pattern",)),
        (("export", "--format", "pdf"), ("'pdf' is not one of", "text")),
        (("grep", "x", "-C", "-1"), ("--context",)),
    ],
)
def test_bad_input_gets_one_line_on_stderr_and_status_2(
    args: tuple[str, ...], phrases: tuple[str, ...]
) -> None:
    assert_one_line_error(*run(*args), *phrases)


def test_show_lays_out_a_letter_with_its_hands_notes_and_source() -> None:
    code, stdout, stderr = run("show", "testament")
    assert code == 0 and stderr == ""
    assert stdout.startswith("9. Letter to the Congress (The Testament of Lenin)\nDate: 25 December 1922")
    # The print's hand lines as printed; the names behind the initials are the edition's, marked.
    assert "\n\nTaken down by M.V.\n\n⟨M.V.: Maria Volodicheva⟩\n\n" in stdout
    assert "\n\nTaken down by L.F.\n\nJanuary 4, 1923\n\n⟨L.F.: Lydia Fotieva⟩\n\n" in stdout
    assert "(Lydia Fotieva)" not in stdout and "(Maria Volodicheva)" not in stdout
    assert "Source: LCW, vol. 36, pp. 593-97." in stdout


def test_show_a_date_shows_every_letter_of_that_day() -> None:
    code, stdout, _ = run("show", "1922-12-29", "--json")
    assert code == 0
    assert [letter["number"] for letter in json.loads(stdout)] == [13, 14, 15]


def test_grep_finds_typed_apostrophes_in_printed_text_and_exits_0() -> None:
    code, stdout, stderr = run("grep", "Ordzhonikidze's")
    assert code == 0 and stderr == ""
    assert stdout.splitlines()[0] == "16  1922-12-30  The Question of Nationalities or ‘Autonomisation’"
    assert "22  1923-03-06  To P.G. Mdivani, F.Y. Makharadze, and Others" in stdout
    assert "  4: I am indignant over Ordzhonikidze’s rudeness" in stdout


def test_grep_with_no_match_exits_1_with_a_message() -> None:
    code, stdout, stderr = run("grep", "Kerensky")
    assert (code, stdout) == (1, "")
    assert stderr == "leninletters: no matches for 'Kerensky'\n"


def test_grep_count_counts_per_letter_and_in_total(edition: Corpus) -> None:
    code, stdout, stderr = run("grep", "monopoly", "--count")
    assert code == 0
    expected = {
        x.number: x.text.lower().count("monopoly") for x in edition.letters if "monopoly" in x.text.lower()
    }
    rows = stdout.splitlines()[1:]  # stdout holds the rows only; the total goes to stderr, as list's count
    assert {int(row.split()[0]): int(row.split()[2]) for row in rows} == expected
    assert stderr == f"leninletters: {sum(expected.values())} matches in {len(expected)} letters\n"


def test_grep_json_gives_spans_into_the_letter_text(edition: Corpus) -> None:
    code, stdout, _ = run("grep", "stalin", "--word", "--json", "--from", "1923")
    assert code == 0
    results = json.loads(stdout)
    assert [r["number"] for r in results] == [9, 19, 20, 21, 22]
    # The Testament is searched in its P.S. of 4 January 1923 only, and its matches say so.
    where = {(m["paragraph"], m["date"], m["part"]) for m in results[0]["matches"]}
    assert where == {(11, "1923-01-04", "P.S.")}
    by_number = {letter.number: letter for letter in edition.letters}
    for result in results:
        assert set(result) == {"number", "slug", "title", "date", "matches"}
        for match in result["matches"]:
            assert set(match) == {"text", "start", "end", "paragraph", "where", "date", "part", "context"}
            assert match["where"] == "text"  # grep --in may find matches beyond it, each saying where
            assert by_number[result["number"]].text[match["start"] : match["end"]] == match["text"]
            assert match["text"] in match["context"]


def test_grep_context_widens_by_sentences() -> None:
    narrow = run("grep", "rudeness", "-r", "mdivani")[1]
    wide = run("grep", "rudeness", "-r", "mdivani", "-C", "1")[1]
    assert "I am following your case" not in narrow
    assert "I am following your case with all my heart. I am indignant" in wide


def test_export_text_is_every_letter_separated_and_plain() -> None:
    code, stdout, stderr = run("export", env={"FORCE_COLOR": "1"})
    assert code == 0 and stderr == ""
    assert stdout.count("\n" + "=" * 72 + "\n") == 21
    assert "\x1b" not in stdout
    assert stdout.startswith("1. To Leon Trotsky\n")


def test_export_json_is_a_corpus_that_loads_back_equal(edition: Corpus) -> None:
    code, stdout, _ = run("export", "--format", "json")
    assert code == 0
    assert parse_document(json.loads(stdout)).letters == edition.letters


def test_export_markdown_of_a_selection() -> None:
    code, stdout, _ = run("export", "1", "testament", "-f", "markdown")
    assert code == 0
    assert stdout.startswith("## 1. To Leon Trotsky\n")
    assert "\n---\n\n## 9. Letter to the Congress (The Testament of Lenin)\n" in stdout
    assert "Krestinsky’s[\\*] letter" in stdout


def test_export_to_a_file_refuses_to_clobber_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code, stdout, stderr = run("export", "testament", "-o", str(target))
    assert (code, stdout) == (0, "")
    assert stderr == f"leninletters: wrote 1 letter to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("9. Letter to the Congress")
    target.write_text("my notes", encoding="utf-8")
    assert_one_line_error(*run("export", "-o", str(target)), "already exists", "--force")
    assert target.read_text(encoding="utf-8") == "my notes"
    assert run("export", "1", "-o", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("1. To Leon Trotsky")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_another_corpus_by_option_or_environment() -> None:
    code, stdout, _ = run("--corpus", str(MINI), "list", "--json")
    assert code == 0 and [x["slug"] for x in json.loads(stdout)] == ["first", "second", "third"]
    code, stdout, _ = run("list", "--json", env={"LENINLETTERS_CORPUS": str(MINI)})
    assert code == 0 and len(json.loads(stdout)) == 3


def test_validate_the_bundled_edition() -> None:
    code, stdout, stderr = run("validate")
    assert (code, stderr) == (0, "")
    assert stdout == "the bundled edition: valid: 22 letters, 1922-12-12 to 1923-03-06\n"


def test_validate_reports_every_problem_with_letter_and_field(tmp_path: Path) -> None:
    letters = json.loads(run("export", "--format", "json")[1])["letters"]
    letters[1]["date"] = "1922-02-30"
    del letters[4]["text"]
    letters[6]["slug"] = letters[0]["slug"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(letters), encoding="utf-8")
    code, stdout, stderr = run("validate", str(broken))
    assert code == 1
    assert stdout.splitlines() == [
        f"{broken}: letter 2: date: expected a real date as YYYY-MM-DD, found '1922-02-30'",
        f"{broken}: letter 5: text: missing (expected a non-empty string)",
        f"{broken}: letter at position 7: slug: 'to-trotsky-1922-12-12' is used again (first at position 1)",
    ]
    assert stderr == f"leninletters: {broken}: 3 problems\n"


def test_version_and_help_with_examples() -> None:
    code, stdout, _ = run("--version")
    assert code == 0 and stdout.startswith("leninletters 0.")
    for command in ("list", "show", "grep", "export", "validate", "people"):
        code, stdout, _ = run(command, "--help")
        assert code == 0
        assert "Examples" in stdout and f"leninletters {command}" in stdout


def test_no_command_prints_help() -> None:
    code, stdout, _ = run()
    assert code == 0
    assert "Commands" in stdout and "grep" in stdout


def test_people_lists_everyone_named_with_their_letters(edition: Corpus) -> None:
    code, stdout, _ = run("people", "--json")
    assert code == 0
    people = {p["id"]: p for p in json.loads(stdout)}
    assert people["fotieva"]["letters"] == sum("fotieva" in x.people for x in edition.letters)
    assert "N.K. Ulyanova" in people["krupskaya"]["forms"]


def test_the_bundled_corpus_loads_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert len(load()) == 22


def test_a_note_without_a_marker_says_it_was_appended() -> None:
    code, stdout, _ = run("show", "to-trotsky-1923-03-05")
    assert code == 0
    assert "Notes:\n[13] (appended; no marker in the text) A separate sheet, appended to the letter" in stdout
    assert "[*] N. N. Krestinsky" in run("show", "1")[1]


def test_export_refuses_to_write_over_the_corpus_being_read(tmp_path: Path) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(mine)
    before = mine.read_bytes()
    for target in (mine, link):
        result = runner.invoke(app, ["--corpus", str(mine), "export", "-o", str(target), "--force"])
        assert result.exit_code == 2 and result.stdout == ""
        assert "is the corpus being read: choose another file" in result.stderr
    assert mine.read_bytes() == before


def test_a_json_export_is_a_whole_corpus_with_its_people_and_references(tmp_path: Path) -> None:
    code, stdout, _ = run("export", "4", "-f", "json")
    assert code == 0
    exported = json.loads(stdout)
    assert list(exported) == ["edition", "people", "references", "links", "dossiers", "letters"]
    reloaded = parse_document(exported)
    assert [letter.number for letter in reloaded.letters] == [4]
    assert len(reloaded.people) == len(load().people) and reloaded.references == load().references

    def authorities(value: object) -> list[str]:
        if isinstance(value, dict):
            own = [value["authority"]] if isinstance(value.get("authority"), str) else []
            return own + [a for item in value.values() for a in authorities(item)]
        if isinstance(value, list):
            return [a for item in value for a in authorities(item)]
        return []

    cited = {part.split(",")[0].strip() for a in authorities(exported["letters"]) for part in a.split(";")}
    assert cited and cited <= {reference.id for reference in reloaded.references}


def test_validate_spans_every_dated_part(tmp_path: Path) -> None:
    testament = tmp_path / "testament.json"
    testament.write_text(run("export", "testament", "-f", "json")[1], encoding="utf-8")
    code, stdout, _ = run("validate", str(testament))
    assert code == 0
    assert stdout.endswith("valid: 1 letter, 1922-12-24 to 1923-01-04\n")  # LCW's dating, and the P.S.


def test_export_a_date_term_selects_those_letters_not_a_paragraph() -> None:
    # date:1923-03 was read as a paragraph of a letter 'date' (like 9:11): "no letter 'date'".
    code, stdout, stderr = run("export", "date:1923-03", "--format", "json")
    assert code == 0, stderr
    assert [letter.number for letter in parse_document(json.loads(stdout)).letters] == [20, 21, 22]
