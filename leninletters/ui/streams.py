"""The process's own streams: messages on stderr, a stdout whose reader went away, and streams that cannot
encode every character. Knows nothing of Typer or Rich."""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys

from leninletters.core.folding import fold

PROG = "leninletters"
TRANSLITERATE = "leninletters-transliterate"


def say(message: str) -> None:
    """A message for the user: stderr, one line, after whatever data is already on its way to stdout.

    Control characters in it (from a file name, an argument, a corpus) are shown, never obeyed; a closed
    or full stderr loses the message, and never sends it to stdout.
    """
    from leninletters.ui.terminal import visible

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except (OSError, ValueError, AttributeError):
        pass  # a full or closed stdout: the command's own status says so
    stream = sys.stderr
    if stream is None:  # started with stderr closed: print(file=None) would write to stdout
        return
    try:
        stream.write(f"{PROG}: {within_room(visible(message).replace(chr(10), '^J'))}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


# However a message was built, it stays within a dozen lines: each value it quotes is shortened where it is
# quoted (core.errors.shortened); this is the last guard, keeping its start (the problem) and its end (the
# way on).
MESSAGE_ROOM = 1000


def within_room(message: str) -> str:
    """A message cut in its middle, with " … ", where it is longer than MESSAGE_ROOM characters."""
    if len(message) <= MESSAGE_ROOM:
        return message
    head, tail = MESSAGE_ROOM * 2 // 3, MESSAGE_ROOM // 3
    return f"{message[:head]} … {message[-tail:]}"


def silence_stdout() -> None:
    # The reader has gone (| head): send whatever is still buffered nowhere, quietly.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    finally:
        os.close(devnull)


def transliterate(error: UnicodeError) -> tuple[str, int]:
    """Write what a stream cannot encode as the keyboard's equivalent where there is one (’ as ', é as e,
    ⟨ ⟩ as < >), else as its code point, <U+0421>, as less shows it: never a silent ?; an unpaired
    surrogate, which no encoding holds, as its escape \\ud800."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for character in error.object[error.start : error.end]:
        if "\ud800" <= character <= "\udfff":
            out.append(f"\\u{ord(character):04x}")
            continue
        folded = fold(character, case=True)
        out.append(folded if folded.isascii() and folded else f"<U+{ord(character):04X}>")
    return "".join(out), error.end


def tolerant_streams() -> None:
    # PYTHONIOENCODING=ascii or a Latin-1 terminal must not turn a curly quote into a crash.
    codecs.register_error(TRANSLITERATE, transliterate)
    if sys.stdout is None:
        # Started with stdout closed (>&-): writing fails as it would on a closed descriptor, and says so.
        sys.stdout = ClosedStream()
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=TRANSLITERATE)


class ClosedStream(io.TextIOBase):
    """stdout when the process was started without one: every write fails with EBADF."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def isatty(self) -> bool:
        return False
