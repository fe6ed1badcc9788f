"""The pager (issue 21, item 7; issue 16): it gets the bytes the terminal would get, in the output's
encoding with the same stand-ins as --no-pager, and every command that can print a screenful pages on a
terminal and takes --no-pager."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from .conftest import run, terminal_output

SCRIPT = shutil.which("leninletters", path=str(Path(sys.executable).parent))


def terminal_bytes(args: list[str], **env: str) -> bytes:
    """Run the installed script with a pseudo-terminal as stdout; the bytes it wrote there, with the
    terminal's own \\r\\n turned back into \\n."""
    assert SCRIPT is not None, "the console script is not installed: pip install -e ."
    environment = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "PAGER"}}
    environment.update(COLUMNS="80", LINES="20", TERM="xterm", **env)
    status, written, stderr = terminal_output([SCRIPT, *args], environment)
    assert status == 0, stderr
    return written.replace(b"\r\n", b"\n")


def dumping_pager(tmp_path: Path) -> tuple[Path, Path]:
    """A pager that keeps the bytes it is given in a file: (the pager, the file)."""
    paged = tmp_path / "paged.bin"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > '{paged}'\n", encoding="utf-8")
    pager.chmod(0o755)
    return pager, paged


def test_the_pager_gets_latin_1_with_the_stand_ins_no_pager_shows(tmp_path: Path) -> None:
    pager, paged = dumping_pager(tmp_path)
    # Letter 19 is long and has curly quotes and dashes, which Latin-1 lacks.
    drawn = terminal_bytes(["show", "19"], PAGER=str(pager), PYTHONIOENCODING="latin-1")
    assert drawn == b""  # the pager had it all
    straight = terminal_bytes(["show", "19", "--no-pager"], PYTHONIOENCODING="latin-1")
    given = paged.read_bytes()
    assert given == straight
    assert b"\xe2\x80" not in given  # no UTF-8 ’ “ – …
    assert "How We Should Reorganise".encode("latin-1") in given
    assert b"Workers' and Peasants' Inspection" in given  # ’ stood in for by '


def test_the_pager_still_gets_utf_8_where_the_output_is_utf_8(tmp_path: Path) -> None:
    pager, paged = dumping_pager(tmp_path)
    terminal_bytes(["show", "19"], PAGER=str(pager), PYTHONIOENCODING="utf-8")
    assert "Workers’ and Peasants’ Inspection".encode() in paged.read_bytes()


PAGED = [
    (["list"], "22 letters"),
    (["grep", "the"], "Ordzhonikidze"),
    (["show", "19"], "How We Should Reorganise"),
    (["people"], "Krupskaya"),
    (["people", "stalin"], "Joseph Stalin"),
    (["timeline"], "January 1923"),
]


@pytest.mark.parametrize(("args", "seen"), PAGED, ids=[" ".join(args) for args, _ in PAGED])
def test_every_command_that_prints_a_screenful_pages_on_a_terminal(
    tmp_path: Path, args: list[str], seen: str
) -> None:
    pager, paged = dumping_pager(tmp_path)
    drawn = terminal_bytes(args, PAGER=str(pager))
    assert seen.encode() in paged.read_bytes()
    assert seen.encode() not in drawn


@pytest.mark.parametrize(("args", "seen"), PAGED, ids=[" ".join(args) for args, _ in PAGED])
def test_and_takes_no_pager(tmp_path: Path, args: list[str], seen: str) -> None:
    pager, paged = dumping_pager(tmp_path)
    drawn = terminal_bytes([*args, "--no-pager"], PAGER=str(pager))
    assert seen.encode() in drawn
    assert not paged.exists()


@pytest.mark.parametrize("command", ["list", "show", "grep", "people", "timeline"])
def test_no_pager_is_in_each_commands_help(command: str) -> None:
    status, stdout, _ = run(command, "--help")
    assert status == 0 and "--no-pager" in stdout
