"""The installed console script in a subprocess: pipes, colour, encodings, and what it imports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINI, on_a_terminal

SCRIPT = shutil.which("leninletters", path=str(Path(sys.executable).parent))
ANSI = "\x1b["


def environment(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "PAGER"}}
    env.update(overrides)
    return env


def script(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None, "the console script is not installed: pip install -e ."
    return subprocess.run(
        [SCRIPT, *args], capture_output=True, text=True, encoding="utf-8", env=environment(**env), cwd="/"
    )


def test_the_console_script_and_python_m_agree() -> None:
    by_script = script("--version")
    by_module = subprocess.run(
        [sys.executable, "-m", "leninletters", "--version"], capture_output=True, text=True, cwd="/"
    )
    assert by_script.returncode == by_module.returncode == 0
    assert by_script.stdout == by_module.stdout != ""


def test_piped_output_is_plain() -> None:
    for args in (("list",), ("show", "testament"), ("grep", "stalin")):
        result = script(*args)
        assert result.returncode == 0
        assert ANSI not in result.stdout


def test_force_color_draws_with_rich_and_wins_over_no_color() -> None:
    coloured = script("grep", "stalin", FORCE_COLOR="1", COLUMNS="100")
    assert "\x1b[1;36m" in coloured.stdout  # letter headings in cyan
    both = script("grep", "stalin", FORCE_COLOR="1", NO_COLOR="1", COLUMNS="100")
    assert "\x1b[1;36m" in both.stdout
    table = script("list", FORCE_COLOR="1", NO_COLOR="1", COLUMNS="100")
    assert "22 letters" in table.stdout and "───" in table.stdout
    assert ANSI not in script("grep", "stalin", NO_COLOR="1").stdout


def test_a_closed_pipe_ends_quietly() -> None:
    assert SCRIPT is not None
    for args in (["list"], ["export"], ["export", "--format", "json"]):
        process = subprocess.Popen(
            [SCRIPT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment()
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader is gone before the first write, as with `| head -0`
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=30) in (0, 141)
        assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_head_takes_the_first_line_and_nothing_complains() -> None:
    assert SCRIPT is not None
    result = subprocess.run(
        f"'{SCRIPT}' export | head -1", shell=True, capture_output=True, text=True, env=environment()
    )
    assert result.stdout == "1. To Leon Trotsky\n"
    assert result.stderr == ""


def rich_imported(prelude: str, args: list[str]) -> tuple[bool, str]:
    """Run the command line in a fresh interpreter; say whether Rich got imported, and what it printed."""
    probe = (
        f"import os, sys\n{prelude}\n"
        "from leninletters.cli.app import main\n"
        f"sys.argv = ['leninletters', *{args!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "drew = any(m == 'rich' or m.startswith('rich.') for m in sys.modules)\n"
        "sys.stderr.write('RICH-IMPORTED' if drew else 'NO-RICH')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environment(), cwd="/"
    )
    assert result.stderr.endswith("RICH"), result.stderr[-300:]
    return result.stderr.endswith("RICH-IMPORTED"), result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["show", "testament", "--json"],
        ["grep", "stalin", "--json"],
        ["grep", "stalin", "--count"],
        ["export"],
        ["export", "--format", "json"],
        ["list"],
        ["show", "9"],
    ],
)
def test_paths_that_do_not_draw_never_import_rich(args: list[str]) -> None:
    assert rich_imported("", args)[0] is False


def test_json_output_is_utf8_whatever_the_locale() -> None:
    result = subprocess.run(
        [SCRIPT or "leninletters", "list", "--json"],
        capture_output=True,
        env=environment(LANG="C", LC_ALL="C", PYTHONIOENCODING="utf-8"),
    )
    assert result.returncode == 0
    assert "Autonomisation’" in json.dumps(json.loads(result.stdout.decode("utf-8")), ensure_ascii=False)


def test_shell_completion_answers_without_importing_rich() -> None:
    prelude = "os.environ.update(_LENINLETTERS_COMPLETE='complete_bash', COMP_LINE='leninletters gr')\n"
    imported, printed = rich_imported(prelude, [])
    assert printed.split() == ["grep"]
    assert imported is False


def run_on_a_terminal(args: list[str], **env: str) -> str:
    """Run the script with a pseudo-terminal as stdout (so it draws and pages), and return what it drew."""
    assert SCRIPT is not None
    terminal = environment(COLUMNS="80", LINES="20", TERM="xterm", **env)
    status, drawn, _ = on_a_terminal([SCRIPT, *args], terminal)
    assert status == 0
    return drawn


def test_a_long_letter_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > '{paged}'\n", encoding="utf-8")
    pager.chmod(0o755)
    drawn = run_on_a_terminal(["show", "19"], PAGER=str(pager))
    assert "How We Should Reorganise" in paged.read_text(encoding="utf-8")
    assert "How We Should Reorganise" not in drawn  # the pager had it, not the terminal


def test_no_pager_and_short_letters_print_straight_to_the_terminal(tmp_path: Path) -> None:
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ntouch '{tmp_path / 'used'}'\ncat\n", encoding="utf-8")
    pager.chmod(0o755)
    drawn = run_on_a_terminal(["show", "19", "--no-pager"], PAGER=str(pager))
    assert "How We Should Reorganise" in drawn
    # No letter of the edition fits 20 lines with its apparatus and edition statement; a small corpus's does.
    drawn = run_on_a_terminal(["--corpus", str(MINI), "show", "first"], PAGER=str(pager))
    assert "Comrade Trotsky," in drawn
    assert not (tmp_path / "used").exists()


def test_a_long_list_and_a_long_grep_go_through_the_pager_too(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > '{paged}'\n", encoding="utf-8")
    pager.chmod(0o755)
    for args, seen in ((["list"], "22 letters"), (["grep", "the"], "Ordzhonikidze")):
        drawn = run_on_a_terminal(args, PAGER=str(pager))
        assert seen in paged.read_text(encoding="utf-8")
        assert seen not in drawn


def test_color_never_on_a_terminal_and_color_always_in_a_pipe() -> None:
    coloured = script("grep", "stalin", "--color", "always", COLUMNS="100")
    assert "\x1b[1;36m" in coloured.stdout
    plain = script("grep", "stalin", "--color", "never", FORCE_COLOR="1", COLUMNS="100")
    assert "\x1b[1;36m" not in plain.stdout and "\x1b[36m" not in plain.stdout


def test_color_never_wins_over_force_color_and_always_over_no_color() -> None:
    never = script("grep", "Stalin", "--color", "never", FORCE_COLOR="1")
    assert never.returncode == 0 and "Stalin" in never.stdout
    assert ANSI not in never.stdout
    always = script("grep", "Stalin", "--color", "always", NO_COLOR="1")
    assert always.returncode == 0 and "\x1b[1;36m" in always.stdout


def test_the_script_builds_only_the_command_it_runs_yet_help_and_suggestions_know_them_all() -> None:
    every = script("--help")
    assert every.returncode == 0
    for name in ("list", "show", "grep", "export", "validate", "people"):
        assert name in every.stdout
    mistyped = script("lsit")
    assert mistyped.returncode == 2 and "Did you mean 'list'?" in mistyped.stderr
    assert script("grep", "--help").returncode == 0
    assert script("grep", "rudeness").stdout.startswith("22  1923-03-06")


@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["grep", "--help"]])
def test_help_into_a_closed_pipe_is_141_like_every_other_output(args: list[str]) -> None:
    assert SCRIPT is not None
    process = subprocess.Popen(
        [SCRIPT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment()
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    assert process.wait(timeout=30) == 141
    assert process.stderr.read() == b""


def test_the_console_script_runs_any_command_twice_in_one_process() -> None:
    """Nothing embeds the app if a run changes it: list, then show, then list again, in one process."""
    probe = (
        "import sys\n"
        "from leninletters.cli.launch import main\n"
        "for argv in (['list', '--to', '1922-12-12'], ['show', '1', '--no-pager'], ['list', '--json']):\n"
        "    sys.argv = ['leninletters', *argv]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as leaving:\n"
        "        print('STATUS', leaving.code, flush=True)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}
    )
    assert result.stdout.count("STATUS 0") == 3, result.stderr
    assert "No such command" not in result.stderr
    assert "To Leon Trotsky" in result.stdout and '"slug"' in result.stdout


def test_every_door_dates_the_testaments_postscript_by_its_own_day() -> None:
    """grep, grep --person (text and JSON) and timeline give the P.S. one date: 4 January 1923."""
    heading = "9  1923-01-04  Letter to the Congress (The Testament of Lenin), P.S."
    by_word = script("grep", "Stalin", "date:1923..")
    by_person = script("grep", "--person", "stalin", "date:1923..")
    assert by_word.returncode == by_person.returncode == 0
    assert by_word.stdout.splitlines()[0] == by_person.stdout.splitlines()[0] == heading
    assert "1922-12-25" not in by_person.stdout
    as_json = json.loads(script("grep", "--json", "--person", "stalin", "date:1923..").stdout)
    testament = next(letter for letter in as_json if letter["number"] == 9)
    assert {(m["date"], m["part"], m["paragraph"]) for m in testament["mentions"]} == {
        ("1923-01-04", "P.S.", 11)
    }
    weeks = script("timeline", "--by", "week", "--from", "1923-01-01", "--to", "1923-01-07")
    assert "week of 1923-01-01  1 #\n" in weeks.stdout and "week of 1922-12-25  0\n" in weeks.stdout


@pytest.mark.parametrize("args", [["grep", r"\s", "--regex", "--json"], ["grep", "\n", "--json"]])
def test_grep_for_whitespace_gives_valid_json(args: list[str]) -> None:
    result = script(*args)
    assert "internal error" not in result.stderr
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found and all(match["text"].isspace() for letter in found for match in letter["matches"])
    for letter in found:
        for match in letter["matches"]:
            assert match["end"] - match["start"] == len(match["text"])
