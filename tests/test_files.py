"""Writing -o FILE (issue 21, item 5; issue 16): no temporary file left behind on any failure, even where
the folder moved away mid-write; never a rename over the process's own stdout, a device or a FIFO, even
with --force; a name ending in / is a folder's; one refusal of an existing file."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from leninletters.core.errors import OutputError
from leninletters.ui import files

from .conftest import run

SCRIPT = shutil.which("leninletters", path=str(Path(sys.executable).parent))


def every_file(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def moving_away(folder: Path, to: Path) -> Iterator[str]:
    """Pieces of a long export, during which the folder written into is moved elsewhere."""
    yield "first piece\n" * 1000
    folder.rename(to)
    yield "second piece\n" * 1000


@pytest.mark.parametrize("force", [True, False])
def test_a_folder_moved_away_mid_write_keeps_no_temporary_file(tmp_path: Path, force: bool) -> None:
    folder, moved = tmp_path / "dir", tmp_path / "elsewhere"
    folder.mkdir()
    with pytest.raises(OutputError, match=r"folder .*dir was moved or removed while the file"):
        files.write_atomically(str(folder / "out.txt"), moving_away(folder, moved), force=force)
    assert every_file(tmp_path) == ["elsewhere"]


def test_an_interrupt_after_the_folder_moved_keeps_no_temporary_file(tmp_path: Path) -> None:
    folder, moved = tmp_path / "dir", tmp_path / "elsewhere"
    folder.mkdir()

    def interrupted() -> Iterator[str]:
        yield from moving_away(folder, moved)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        files.write_atomically(folder / "out.txt", interrupted(), force=True)
    assert every_file(tmp_path) == ["elsewhere"]


@pytest.mark.parametrize("call", ["replace", "link", "chmod"])
def test_a_failing_rename_link_or_chmod_after_the_folder_moved_keeps_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    folder, moved = tmp_path / "dir", tmp_path / "elsewhere"
    folder.mkdir()
    real = getattr(os, call)

    def moved_first(*args: object, **kwargs: object) -> object:
        if folder.exists():
            folder.rename(moved)
        return real(*args, **kwargs)

    monkeypatch.setattr(os, call, moved_first)
    with pytest.raises(OutputError, match=r"^cannot write .*out\.txt: "):
        files.write_atomically(folder / "out.txt", ["text\n"], force=call != "link")
    assert every_file(tmp_path) == ["elsewhere"]


def test_a_rename_that_fails_in_place_keeps_no_temporary_file_and_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n")

    def replace(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError, match=f"^cannot write {target}: Input/output error$"):
        files.write_atomically(target, ["new\n"], force=True)
    assert every_file(tmp_path) == ["out.txt"] and target.read_text() == "old\n"


def test_a_name_that_ends_in_a_slash_is_not_a_file(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    status, stdout, stderr = run("export", "9", "-o", f"{target}/")
    assert (status, stdout) == (2, "")
    assert stderr == (
        f"leninletters: error: {target}/ is not a folder (a name that ends in / names one): write {target} "
        "for a file, or give an existing folder and a file name\n"
    )
    assert not target.exists()
    # An existing folder with the slash is refused as a folder, as it is without.
    target.mkdir()
    status, _, stderr = run("export", "9", "-o", f"{target}/", "--force")
    assert status == 2 and f"{target} is a folder: give a file name" in stderr


def test_an_existing_file_is_refused_in_one_message_wherever_it_is_met(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("theirs\n")
    status, stdout, stderr = run("export", "9", "-o", str(target))
    expected = f"{target} already exists: use --force to replace it, or choose another name"
    assert (status, stdout, stderr) == (2, "", f"leninletters: error: {expected}\n")
    # The same words where the file appears only while the output is written.
    target.unlink()
    real_link = os.link

    def appears(*args: object, **kwargs: object) -> None:
        target.write_text("theirs\n")
        real_link(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", appears)
    with pytest.raises(OutputError) as refused:
        files.write_atomically(target, ["mine\n"], force=False)
    assert str(refused.value) == expected
    assert target.read_text() == "theirs\n" and every_file(tmp_path) == ["out.txt"]


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_dev_null_is_a_device_with_or_without_force(force: list[str]) -> None:
    status, stdout, stderr = run("export", "9", "-o", os.devnull, *force)
    assert (status, stdout) == (2, "")
    assert stderr == (
        f"leninletters: error: {os.devnull} is a device, not a file: leave out -o and redirect the output "
        "there instead\n"
    )


needs_dev_stdout = pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout here")


@needs_dev_stdout
def test_dev_stdout_into_a_redirected_file_is_refused_and_the_shell_output_kept(tmp_path: Path) -> None:
    assert SCRIPT is not None
    out = tmp_path / "out.txt"
    shell = f"{{ echo before; '{SCRIPT}' export 9 -o /dev/stdout --force; echo \"status $?\"; }} > '{out}'"
    finished = subprocess.run(["sh", "-c", shell], capture_output=True, text=True, encoding="utf-8")
    assert finished.stderr == (
        "leninletters: error: /dev/stdout is this command's own stdout, not a file to replace: leave out -o "
        "and the output goes there\n"
    )
    assert out.read_text(encoding="utf-8") == "before\nstatus 2\n"
    assert every_file(tmp_path) == ["out.txt"]


@needs_dev_stdout
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_dev_stdout_into_a_pipe_is_a_fifo_with_or_without_force(force: list[str]) -> None:
    assert SCRIPT is not None
    finished = subprocess.run(
        [SCRIPT, "export", "9", "-o", "/dev/stdout", *force], capture_output=True, text=True, encoding="utf-8"
    )
    assert (finished.returncode, finished.stdout) == (2, "")
    assert finished.stderr == (
        "leninletters: error: /dev/stdout is a named pipe (FIFO), not a file: leave out -o and redirect the "
        "output there instead\n"
    )
