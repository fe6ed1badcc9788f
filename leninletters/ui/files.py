"""Write a file whole or not at all, and never over what must not be replaced."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from leninletters.core.errors import OutputError
from leninletters.ui.terminal import is_terminal, visible

# Every signal whose default is to end the process. While a file is written each unwinds like Ctrl-C, so
# that the temporary file is removed; signals the process ignores (SIGPIPE, for Python) stay ignored.
TERMINATING_SIGNALS = (
    "SIGHUP SIGINT SIGQUIT SIGTERM SIGPIPE SIGALRM SIGUSR1 SIGUSR2 SIGVTALRM SIGPROF SIGXCPU SIGXFSZ".split()
)

# The temporary file is named after the target, cut short so that any legal name leaves room for it.
TEMPORARY_NAME_ROOM = 40

KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


@contextlib.contextmanager
def _signals_as_interrupt() -> Iterator[None]:
    """Let every terminating signal unwind like Ctrl-C while a file is written."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    installed: list[tuple[signal.Signals, Any]] = []
    try:
        for name in TERMINATING_SIGNALS:
            number = getattr(signal, name, None)
            if number is None:
                continue
            previous = signal.getsignal(number)
            if previous in (signal.SIG_DFL, signal.default_int_handler):
                signal.signal(number, interrupt)
                installed.append((number, previous))
    except ValueError:  # not the main thread: nothing can be installed
        pass
    try:
        yield
    finally:
        for number, previous in reversed(installed):
            signal.signal(number, previous)


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file (by device and inode: through links, ../ and symlinks)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _explain(error: OSError) -> str:
    if error.errno == errno.ENAMETOOLONG:
        return "the name is too long for the file system; choose a shorter one"
    if error.errno == errno.ELOOP:
        return "a symbolic link in the path loops back on itself"
    if error.errno == errno.ENOSPC:
        return "no space left on the device"
    return str(error.strerror or error)


def already_exists(target: str | os.PathLike[str]) -> OutputError:
    """The one refusal of an existing file, wherever it is met (before the write, or at the rename)."""
    return OutputError(
        f"{os.fspath(target)} already exists: use --force to replace it, or choose another name"
    )


# The standard streams by descriptor: a file that is one of them is the command's own input or output.
STREAMS = ((1, "stdout"), (2, "stderr"), (0, "stdin"))


def _own_stream(status: os.stat_result) -> str | None:
    """Which of this process's standard streams is the file with this status, if one is."""
    for descriptor, name in STREAMS:
        try:
            stream = os.fstat(descriptor)
        except OSError:
            continue
        if (stream.st_dev, stream.st_ino) == (status.st_dev, status.st_ino):
            return name
    return None


def _never_replaced(target: str | os.PathLike[str]) -> None:
    """Refuse, even with --force, what a rename must not replace: a folder, a device, a FIFO, a socket,
    and a file that is this process's own stdout or stderr (`-o /dev/stdout` into a redirected file): the
    rename would unlink what the shell writes there, before and after."""
    try:
        status = os.stat(target)  # through every link: what is really there
    except (OSError, ValueError):
        return  # nothing there (a dangling link) or nothing statable: the caller decides
    shown = os.fspath(target)
    if stat.S_ISDIR(status.st_mode):
        raise OutputError(f"{shown} is a folder: give a file name, for example {Path(shown) / 'letters.txt'}")
    if not stat.S_ISREG(status.st_mode):
        kind = KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
        raise OutputError(
            f"{shown} is {kind}, not a file: leave out -o and redirect the output there instead"
        )
    stream = _own_stream(status)
    if stream is not None:
        raise OutputError(
            f"{shown} is this command's own {stream}, not a file to replace: leave out -o and the output "
            "goes there"
        )


def _destination(target: Path, *, force: bool) -> tuple[Path, os.stat_result | None]:
    """Where to write for target (a symbolic link's own target), and the status of the file it replaces.

    Raises OutputError for what must not be replaced: a folder, a device, FIFO or socket, the process's own
    stdout, an existing file without force.
    """
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        return target, None
    except OSError as error:
        raise OutputError(f"cannot write {target}: {_explain(error)}") from None
    except ValueError:  # a NUL in the name: no file system takes one
        raise OutputError(f"cannot write {target!r}: a file name cannot hold a NUL character") from None
    _never_replaced(target)
    if not force:
        raise already_exists(target)
    if stat.S_ISLNK(status.st_mode):
        try:
            resolved = Path(os.path.realpath(target, strict=True))
        except FileNotFoundError:  # a dangling link: create the file it points to, as `>` would
            resolved = Path(os.path.realpath(target))
        except (OSError, RuntimeError):
            raise OutputError(
                f"cannot write {target}: it is a symbolic link that loops back on itself"
            ) from None
        if resolved == target or os.path.islink(resolved):
            raise OutputError(f"cannot write {target}: it is a symbolic link that cannot be followed")
        return _destination(resolved, force=True)
    return target, status


def _named(output: str | os.PathLike[str]) -> Path:
    """The path of an -o value, refusing a name a file cannot have: empty, or ending in a slash (which
    names a folder: Path would drop the slash and write the file without it)."""
    text = os.fspath(output)
    if not text:
        raise OutputError("an empty file name: give one, for example -o letters.txt")
    if text.endswith(("/", os.sep)) and not os.path.isdir(text):
        raise OutputError(
            f"{text} is not a folder (a name that ends in / names one): write {text.rstrip('/' + os.sep)} "
            "for a file, or give an existing folder and a file name"
        )
    return Path(text)


def write_atomically(output: str | os.PathLike[str], pieces: Iterable[str], *, force: bool) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename.

    An existing file is refused, and left untouched, unless force is set; then its permissions (less
    setuid and setgid), owner and group are kept, as far as the process may set them. A symbolic link is
    followed (its target is replaced, the link kept); a folder, a device, a FIFO, a socket or the process's
    own stdout is never replaced. The temporary file is removed on every failure, even where its folder
    was moved away meanwhile: it is known by the folder's open descriptor, not by the path.
    """
    target = _named(output)
    destination, replaced = _destination(target, force=force)
    folder = destination.parent if str(destination.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: the folder {folder} does not exist; create it first")
    folder_handle, handle, name = _create_temporary(folder, destination.name)
    temporary = folder / name
    try:
        with _signals_as_interrupt():
            with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
                for piece in pieces:
                    stream.write(piece)
                stream.flush()
                os.fsync(stream.fileno())
            if replaced is None:
                os.chmod(temporary, 0o644 & ~_umask())
            else:
                _keep_owner(temporary, replaced)
                # As cp does: a copy is not trusted to run as its owner or group.
                os.chmod(temporary, stat.S_IMODE(replaced.st_mode) & ~(stat.S_ISUID | stat.S_ISGID))
            if force:
                os.replace(temporary, destination)
            else:
                _place_new(temporary, destination, target)
            _sync_folder(folder_handle)
    except OSError as error:
        if isinstance(error, OutputError):
            raise
        raise OutputError(f"cannot write {target}: {_moved_or(error, folder, folder_handle)}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=folder_handle)
        os.close(folder_handle)


def _create_temporary(folder: Path, target_name: str) -> tuple[int, int, str]:
    """Open the folder and create a new, empty temporary file in it: (the folder's descriptor, the file's,
    the file's name in the folder). The name is the target's, cut short so any legal name leaves room."""
    import secrets

    try:
        folder_handle = _open_folder(folder)
    except OSError as error:
        raise OutputError(f"cannot write in {folder}: {_explain(error)}; choose a writable folder") from None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = f".{target_name[:TEMPORARY_NAME_ROOM]}.{secrets.token_hex(4)}.tmp"
        try:
            return folder_handle, os.open(name, flags, 0o600, dir_fd=folder_handle), name
        except FileExistsError:
            continue
        except OSError as error:
            os.close(folder_handle)
            raise OutputError(
                f"cannot write in {folder}: {_explain(error)}; choose a writable folder"
            ) from None
    os.close(folder_handle)
    raise OutputError(f"cannot write in {folder}: no free name for a temporary file")


def _open_folder(folder: Path) -> int:
    directory = getattr(os, "O_DIRECTORY", 0)
    try:
        return os.open(folder, os.O_RDONLY | directory)
    except PermissionError:
        # A folder one may write in but not list (-wx): Linux's O_PATH still names it for openat and
        # unlinkat (only its sync is lost).
        if not hasattr(os, "O_PATH"):
            raise
        return os.open(folder, os.O_PATH | directory)


def _moved_or(error: OSError, folder: Path, folder_handle: int) -> str:
    """Why the write failed: the folder moved away or removed meanwhile, or the error itself."""
    try:
        where = os.stat(folder)
        here = os.fstat(folder_handle)
        moved = (where.st_dev, where.st_ino) != (here.st_dev, here.st_ino)
    except OSError:
        moved = True
    if moved and error.errno in (errno.ENOENT, errno.EXDEV):
        return f"the folder {folder} was moved or removed while the file was written; nothing was written"
    return _explain(error)


# What link() says on a file system that has no hard links (FAT, some network and FUSE file systems):
# EPERM as link(2) documents, ENOTSUP/EOPNOTSUPP and ENOSYS from file systems that do not implement it,
# EMLINK from one whose files may have only one name. Any other error (EACCES, ENOSPC, EROFS, EXDEV, EIO…)
# is a failure to report, never a reason to rename over whatever has the name.
NO_HARD_LINKS = frozenset(
    getattr(errno, name)
    for name in ("EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EMLINK")
    if hasattr(errno, name)
)


def _place_new(temporary: Path, destination: Path, target: Path) -> None:
    """Give the written file its name, refusing a file of that name that appeared meanwhile."""
    # link() refuses an existing name, so a file that appeared meanwhile is never clobbered.
    try:
        os.link(temporary, destination)
        return
    except FileExistsError:
        raise already_exists(target) from None
    except OSError as error:
        if error.errno not in NO_HARD_LINKS:
            raise
    # No hard links here: claim the name with O_EXCL (which refuses an existing one, as link() does), then
    # rename the written file onto that empty claim, and onto nothing else.
    try:
        claim = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        raise already_exists(target) from None
    try:
        claimed = os.fstat(claim)
    finally:
        os.close(claim)
    placed = False
    try:
        current = os.lstat(destination)
        if (current.st_dev, current.st_ino) != (claimed.st_dev, claimed.st_ino):
            raise already_exists(target)
        os.replace(temporary, destination)
        placed = True
    finally:
        if not placed:
            _remove_claim(destination, claimed)


def _remove_claim(destination: Path, claimed: os.stat_result) -> None:
    """Remove the empty file that claimed a name, if it is still the one there."""
    with contextlib.suppress(OSError):
        current = os.lstat(destination)
        if (current.st_dev, current.st_ino) == (claimed.st_dev, claimed.st_ino):
            os.unlink(destination)


def _keep_owner(temporary: Path, replaced: os.stat_result) -> None:
    """Give the temporary file the owner and group of the file it replaces, as far as the process may.

    Root may give both; another user may give a group it belongs to, and its own files keep their owner.
    """
    owner, group = replaced.st_uid, replaced.st_gid
    for uid, gid in ((owner, group), (-1, group), (owner, -1)):
        try:
            os.chown(temporary, uid, gid)
            return
        except OSError as error:
            # EPERM: not this process's to give; EINVAL: an id this system (or user namespace) cannot name.
            if error.errno not in (errno.EPERM, errno.EINVAL):
                raise


def _sync_folder(folder_handle: int) -> None:
    # The rename is durable only once the folder is written; not every system can sync a folder.
    with contextlib.suppress(OSError):
        os.fsync(folder_handle)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Python loses a short write to a pipe whose reader has gone when one write() is larger than the stream's
# buffer (the rest is dropped and no BrokenPipeError raised): larger pieces are written in slices this long.
SLICE = 2048


def write_chunked(stream: TextIO, text: str) -> None:
    """Write text in slices the stream's buffer holds, so that a reader leaving early is noticed."""
    if len(text) <= SLICE:
        stream.write(text)
        return
    for start in range(0, len(text), SLICE):
        stream.write(text[start : start + SLICE])


def write_stream(stream: TextIO, pieces: Iterable[str]) -> None:
    """Write text to a stream: as it is into a pipe or file, with its control characters made visible
    (^[, <U+202E>) on a terminal, where they would otherwise be obeyed."""
    terminal = is_terminal(stream)
    for piece in pieces:
        write_chunked(stream, visible(piece) if terminal else piece)


class ChunkedStream:
    """A text stream whose writes go out in slices (see write_chunked); all else is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        write_chunked(self.stream, text)
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)
