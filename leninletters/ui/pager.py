"""Hand long terminal output to a pager, as git does."""

from __future__ import annotations

import os
import sys

from leninletters.ui.files import write_chunked

# Terminals a pager cannot drive: less on them prints "WARNING: terminal is not fully functional".
DUMB_TERMINALS = {"dumb", "unknown", ""}


def _warn(message: str) -> None:
    stream = sys.stderr
    if stream is not None:
        try:
            stream.write(f"leninletters: {message}\n")
            stream.flush()
        except (OSError, ValueError):
            pass


def pager_command() -> list[str]:
    """The pager to run ($PAGER, else less), as arguments; [] for none."""
    import shlex

    pager = os.environ.get("PAGER", "less")
    try:
        return shlex.split(pager) if pager.strip() else []
    except ValueError:  # an unpaired quote
        _warn("$PAGER cannot be read (an unpaired quote?): printing without a pager")
        return []


def encoded_as_stdout(text: str) -> bytes:
    """Text as stdout would have written it: in its encoding, with its stand-ins for what the encoding
    lacks (’ as ', <U+0421>: see streams.transliterate), so the pager shows what --no-pager shows."""
    import codecs

    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    errors = getattr(sys.stdout, "errors", None) or "strict"
    try:
        codecs.lookup(encoding)
        codecs.lookup_error(errors)
    except LookupError:
        encoding, errors = "utf-8", "replace"
    try:
        return text.encode(encoding, errors)
    except UnicodeError:  # a strict stream (tolerant_streams not run): the same stand-ins all the same
        from leninletters.ui.streams import TRANSLITERATE, transliterate

        codecs.register_error(TRANSLITERATE, transliterate)
        return text.encode(encoding, TRANSLITERATE)


def page(text: str, *, screen_lines: int) -> None:
    """Write text to the terminal, through $PAGER (less) when it is taller than the screen.

    The pager owns the terminal until it exits: Ctrl-C is the pager's to handle (less leaves its screen
    and restores the terminal), so this process ignores it meanwhile, as git does.
    """
    import shutil
    import signal
    import subprocess

    if text.count("\n") < screen_lines or os.environ.get("TERM", "") in DUMB_TERMINALS:
        write_chunked(sys.stdout, text)
        return
    command = pager_command()
    if not command or shutil.which(command[0]) is None:
        write_chunked(sys.stdout, text)
        return
    environment = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    sys.stdout.flush()

    def default_interrupt() -> None:  # the pager itself gets Ctrl-C as usual
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        previous = None
    try:
        subprocess.run(
            command,
            input=encoded_as_stdout(text),
            env=environment,
            check=False,
            preexec_fn=default_interrupt,  # no threads run here, so preexec_fn is safe
        )
    except OSError:
        write_chunked(sys.stdout, text)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
