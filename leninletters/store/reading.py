"""Get a corpus's bytes and its JSON: the file named, or the bundled edition, each way it fails a CorpusError.

JSON is parsed here with care, keeping what json alone would hide: the keys an object gives twice.
"""

from __future__ import annotations

import gc
import os
import stat
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from leninletters.core.errors import CorpusError

CORPUS_ENV = "LENINLETTERS_CORPUS"
MAX_CORPUS_ENV = "LENINLETTERS_MAX_CORPUS_MB"
# About 4,700,000 synthetic letters' worth (100,000 take 210 MB); it keeps /dev/zero and its kin out.
DEFAULT_MAX_CORPUS_MB = 1000
BUNDLED = "bundled edition"
BUNDLED_FILE = "letters.json"
DATA_PACKAGE = "leninletters.data"
TOO_DEEP = "arrays or objects nested too deeply to read (a corpus needs six levels)"


@contextmanager
def no_gc() -> Iterator[None]:
    # Loading makes millions of objects that are never garbage; collecting meanwhile only costs time
    # (a quarter of the load of 100,000 letters).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was loaded lives as long as the process: later collections need not scan it again.
        gc.freeze()
        if enabled:
            gc.enable()


def max_corpus_bytes() -> int:
    """The largest corpus file the tool reads, from LENINLETTERS_MAX_CORPUS_MB (1 MB = 1,000,000 bytes)."""
    value = os.environ.get(MAX_CORPUS_ENV, "")
    if not value:
        return DEFAULT_MAX_CORPUS_MB * 1_000_000
    if not (value.isascii() and value.isdigit() and len(value) <= 12 and int(value) >= 1):
        raise CorpusError(f"{MAX_CORPUS_ENV}={value!r}: expected a whole number of megabytes from 1")
    return int(value) * 1_000_000


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a file"


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A corpus file's bytes, refusing what is not a regular file or is larger than the limit."""
    where = os.fspath(path)
    limit = max_corpus_bytes()
    try:
        # Non-blocking: opening a FIFO must not wait for a writer. Only regular files are read.
        descriptor = os.open(where, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with open(descriptor, "rb") as handle:
            info = os.fstat(descriptor)
            mode, size = info.st_mode, info.st_size
            if stat.S_ISDIR(mode):
                raise IsADirectoryError
            if not stat.S_ISREG(mode):
                raise CorpusError(
                    f"corpus {where}: {_file_kind(mode)}, not a regular file; give the path of a .json file"
                )
            data = _read_capped(handle, size, limit) if size <= limit else b""
    except OSError as error:
        raise unreadable(where, error) from None
    if size > limit or len(data) > limit:
        raise CorpusError(
            f"corpus {where}: larger than {limit // 1_000_000:,} MB; "
            f"set {MAX_CORPUS_ENV} to a larger number of megabytes to read it"
        )
    return data


def unreadable(where: str, error: OSError) -> CorpusError:
    """What to say of a corpus file that cannot be opened or looked at: the one wording of every command."""
    if isinstance(error, FileNotFoundError):
        return CorpusError(f"corpus {where}: no such file; check the path or unset {CORPUS_ENV}")
    if isinstance(error, IsADirectoryError):
        return CorpusError(f"corpus {where}: is a folder; give the path of a .json file")
    if isinstance(error, PermissionError):
        return CorpusError(f"corpus {where}: permission denied; check the file's permissions")
    return CorpusError(f"corpus {where}: cannot be read ({error.strerror or error})")


def _read_capped(handle: BinaryIO, size: int, limit: int) -> bytes:
    """At most limit + 1 bytes: the file as large as it says it is, and then in steps, for a file that
    grows or does not know its size (/proc), so that no buffer is ever larger than what is read."""
    data = handle.read(size + 1)
    if len(data) <= size:
        return data
    chunks, total = [data], len(data)
    while total <= limit and (chunk := handle.read(min(1 << 24, limit + 1 - total))):
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


class Duplicated(dict[str, Any]):
    """A JSON object that gave some keys more than once (json keeps the last value)."""

    duplicates: tuple[str, ...] = ()


class Parsed:
    """A parsed corpus document, and whether any object in it repeats a key."""

    __slots__ = ("document", "duplicated")

    def __init__(self, document: Any, duplicated: bool) -> None:
        self.document = document
        self.duplicated = duplicated


def parse(data: bytes, where: str) -> Parsed:
    """A corpus file's JSON, keeping the keys its objects repeat, with every way it fails as a CorpusError."""
    import json  # msgspec cannot tell a repeated key: json can, through the hook

    repeats: list[Duplicated] = []

    def pairs_to_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) == len(pairs):
            return found
        marked = Duplicated(found)
        counts = Counter(key for key, _ in pairs)
        marked.duplicates = tuple(key for key, count in counts.items() if count > 1)
        repeats.append(marked)
        return marked

    try:
        document = json.loads(data.decode("utf-8"), object_pairs_hook=pairs_to_object)
    except UnicodeDecodeError as error:
        raise CorpusError(
            f"corpus {where}: not UTF-8 text (byte {error.start}); save the file as UTF-8"
        ) from None
    except json.JSONDecodeError as error:
        raise CorpusError(
            f"corpus {where}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except ValueError:  # the only other: Python's bound on an integer's digits
        raise CorpusError(f"corpus {where}: a number has thousands of digits; no corpus needs one") from None
    except RecursionError:
        raise CorpusError(f"corpus {where}: {TOO_DEEP}") from None
    return Parsed(document, bool(repeats))


def bundled_text(name: str) -> str:
    """A file of the bundled package (leninletters.data.read_text: the one way to read one)."""
    from leninletters.data import read_text

    return read_text(name)


def is_bundled(path: str | os.PathLike[str]) -> bool:
    """Whether a path names a file of the bundled edition (which the tool never writes)."""
    from importlib import resources

    folder = Path(str(resources.files(DATA_PACKAGE)))
    try:
        return Path(path).resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, in Python 3.11
        return False


def default_path() -> Path | None:
    """The corpus named by the environment, if any."""
    value = os.environ.get(CORPUS_ENV)
    return Path(value) if value else None
