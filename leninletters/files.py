"""Write a file whole or not at all, and never over what must not be replaced."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from leninletters.errors import OutputError


@contextlib.contextmanager
def _termination_as_interrupt() -> Iterator[None]:
    """Let SIGTERM unwind like Ctrl-C while a file is written, so the temporary file is removed."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_atomically(target: Path, pieces: Iterable[str], *, force: bool) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename.

    An existing file is refused, and left untouched, unless force is set.
    """
    import tempfile

    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputError(f"{target} is a folder: give a file name, for example {target / 'letters.txt'}")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: the folder {folder} does not exist; create it first")
    if target.exists() and not force:
        raise OutputError(f"{target} already exists: use --force to replace it, or choose another name")
    try:
        handle, temporary_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write in {folder}: {error.strerror}; choose a writable folder") from None
    temporary = Path(temporary_name)
    try:
        with _termination_as_interrupt():
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                for piece in pieces:
                    stream.write(piece)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644 & ~_umask())
            if force:
                os.replace(temporary, target)
            else:
                # link() refuses an existing name, so a file that appeared meanwhile is never clobbered.
                try:
                    os.link(temporary, target)
                except FileExistsError:
                    raise OutputError(f"{target} already exists: use --force to replace it") from None
                except OSError:
                    os.replace(temporary, target)  # file systems without hard links
    except OSError as error:
        if isinstance(error, OutputError):
            raise
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_stream(stream: TextIO, pieces: Iterable[str]) -> None:
    for piece in pieces:
        stream.write(piece)
