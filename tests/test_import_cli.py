"""`leninletters import` as a user runs it: statuses, what stderr says, what is written and what is not."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leninletters.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures"
TEI = FIXTURES / "tei"
CMIF = FIXTURES / "cmif" / "letters.xml"
BIN = Path(sys.executable).parent
runner = CliRunner()


def run(*arguments: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(argument) for argument in arguments])
    return result.exit_code, result.stdout, result.stderr


def test_a_folder_of_letters_is_imported_and_summed_up_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "letters.json"
    status, stdout, stderr = run("import", TEI, "-o", out)
    assert status == 0
    assert stdout == ""
    assert stderr.splitlines()[-1] == f"leninletters: wrote 6 letters from 6 files to {out}"
    assert "leninletters: not mapped: 1 × <del>: not reading text, left out" in stderr.splitlines()
    assert len(json.loads(out.read_text(encoding="utf-8"))["letters"]) == 6


def test_skipped_files_are_named_with_their_reason_and_the_others_written_with_status_3(
    tmp_path: Path,
) -> None:
    out = tmp_path / "letters.json"
    status, stdout, stderr = run("import", TEI, CMIF, "--recursive", "-o", out)
    assert status == 3
    assert stdout == ""
    lines = stderr.splitlines()
    assert (
        f"leninletters: skipped {TEI / 'broken' / 'malformed.xml'}:3:26: "
        "is not well-formed XML (mismatched tag)" in lines
    )
    assert sum(line.startswith("leninletters: skipped ") for line in lines) == 5
    assert lines[-1] == f"leninletters: wrote 9 letters from 12 files to {out}, 5 files skipped"
    assert len(json.loads(out.read_text(encoding="utf-8"))["letters"]) == 9


def test_a_folder_is_read_without_its_subfolders_unless_recursive(tmp_path: Path) -> None:
    status, _, stderr = run("import", TEI, "-o", tmp_path / "a.json")
    assert status == 0 and "skipped" not in stderr


def test_nothing_importable_is_status_2_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "letters.json"
    status, stdout, stderr = run("import", TEI / "broken", "-o", out)
    assert status == 2
    assert stdout == ""
    assert stderr.splitlines()[-1] == (
        "leninletters: error: nothing to import: 5 files read, none holds a letter; nothing written"
    )
    assert not out.exists()


def test_an_existing_corpus_is_replaced_only_with_force(tmp_path: Path) -> None:
    out = tmp_path / "letters.json"
    out.write_text("mine", encoding="utf-8")
    status, stdout, stderr = run("import", CMIF, "-o", out)
    assert status == 2 and stdout == ""
    assert stderr.splitlines()[-1] == (
        f"leninletters: error: {out} already exists: use --force to replace it, or choose another name"
    )
    assert out.read_text(encoding="utf-8") == "mine"
    status, _, _ = run("import", CMIF, "-o", out, "--force")
    assert status == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["letters"]) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["letters.json"]  # no temporary file left


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("nowhere", "leninletters: error: no such file or folder: nowhere"),
        (
            "empty",
            "leninletters: error: the folder empty holds no .xml files "
            "(add --recursive to read its subfolders)",
        ),
    ],
)
def test_a_path_with_nothing_to_read_is_status_2(
    tmp_path: Path, path: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    status, stdout, stderr = run("import", path, "-o", "out.json")
    assert (status, stdout, stderr.strip()) == (2, "", message)
    assert not (tmp_path / "out.json").exists()


def test_no_output_named_is_status_2(tmp_path: Path) -> None:
    status, stdout, stderr = run("import", CMIF)
    assert status == 2 and stdout == ""
    assert "Missing option '--output'" in stderr


def test_the_progress_bar_is_drawn_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    _, _, quiet = run("import", TEI, "-o", tmp_path / "a.json")
    assert "importing" not in quiet
    _, _, shown = run("import", TEI, "-o", tmp_path / "b.json", "--progress")
    assert "importing" in shown
    _, _, refused = run("import", TEI, "-o", tmp_path / "c.json", "--no-progress")
    assert "importing" not in refused


def test_a_hostile_file_name_is_shown_never_obeyed(tmp_path: Path) -> None:
    evil = tmp_path / "evil\x1b[2J.xml"
    evil.write_text("<html/>", encoding="utf-8")
    shutil.copy(TEI / "undated.xml", tmp_path / "fine.xml")
    status, _, stderr = run("import", tmp_path, "-o", tmp_path / "out.json", "--progress")
    assert status == 3
    assert "\x1b[2J" not in stderr
    assert "evil^[[2J.xml" in stderr


def test_the_installed_script_imports_into_a_pipe_without_drawing(tmp_path: Path) -> None:
    out = tmp_path / "letters.json"
    result = subprocess.run(
        [str(BIN / "leninletters"), "import", str(TEI), "-o", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "\x1b" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"leninletters: wrote 6 letters from 6 files to {out}"


def test_the_bundled_edition_is_never_written_over() -> None:
    import leninletters.data

    bundled = Path(leninletters.data.__file__).parent / "letters.json"
    before = bundled.read_bytes()
    status, stdout, stderr = run("import", CMIF, "-o", bundled, "--force")
    assert (status, stdout) == (2, "")
    assert stderr.strip() == (
        f"leninletters: error: {bundled} is part of the bundled edition, which is read-only: "
        "choose another file"
    )
    assert bundled.read_bytes() == before


def _stderr_on_a_terminal(command: list[str], environment: dict[str, str]) -> tuple[int, str, str]:
    """Run a command with a pseudo-terminal as its stderr: its status, its stdout, what stderr drew."""
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=terminal, stdin=subprocess.DEVNULL, env=environment
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.stdout is not None
    stdout = process.stdout.read().decode("utf-8")
    status = process.wait(timeout=120)
    os.close(controller)
    return status, stdout, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(("term", "drawn"), [("xterm", True), ("dumb", False)])
def test_on_a_terminal_the_bar_is_drawn_on_stderr_unless_it_is_dumb(
    tmp_path: Path, term: str, drawn: bool
) -> None:
    out = tmp_path / "letters.json"
    environment = {**os.environ, "LANG": "C.UTF-8", "TERM": term, "COLUMNS": "100"}
    status, stdout, stderr = _stderr_on_a_terminal(
        [str(BIN / "leninletters"), "import", str(TEI), "-o", str(out)], environment
    )
    assert (status, stdout) == (0, "")
    assert ("importing" in stderr) is drawn
    assert stderr.splitlines()[-1].endswith(f"leninletters: wrote 6 letters from 6 files to {out}")
