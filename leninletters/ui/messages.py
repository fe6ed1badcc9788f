"""How a run ends and what its messages say, for every front end: the statuses (docs/errors.md), the errors
a front end raises for input it cannot use, the words messages are made of, and the one line and status
each ending becomes. Knows nothing of Typer: the command line and the reader's start share it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys

# The vocabulary of endings is the core's (every layer raises these); a front end takes it from here.
from leninletters.core.errors import QUOTE_ROOM as QUOTE_ROOM
from leninletters.core.errors import DateError as DateError
from leninletters.core.errors import ExitStatus as ExitStatus
from leninletters.core.errors import InputError as InputError
from leninletters.core.errors import LeninLettersError as LeninLettersError
from leninletters.core.errors import OutputError as OutputError
from leninletters.core.errors import PersonNotFound as PersonNotFound
from leninletters.core.errors import shortened as shortened
from leninletters.core.present import plural as plural
from leninletters.ui.streams import say, silence_stdout

# What failing to write stdout looks like: a full disk, a closed descriptor, an I/O error, a file too big.
OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EBADF, errno.EIO, errno.EFBIG, errno.EDQUOT})


def ending(error: BaseException) -> int:
    """How an error ends the run, wherever it is met: its one line on stderr, and its status
    (docs/errors.md). The tool's own errors say what to do; a closed pipe says nothing; a failure nobody
    foresaw is an internal error, with its traceback only when asked for."""
    if isinstance(error, LeninLettersError):
        say(f"error: {error}")
        return error.exit_status
    if isinstance(error, KeyboardInterrupt):
        say("interrupted")
        return ExitStatus.INTERRUPTED
    if isinstance(error, BrokenPipeError):
        silence_stdout()  # the reader has gone: what is still buffered goes nowhere, quietly
        return ExitStatus.BROKEN_PIPE
    if isinstance(error, OSError) and error.errno in OUTPUT_ERRORS:
        silence_stdout()  # what is still buffered cannot be written either
        say(f"error: cannot write the output: {os.strerror(error.errno) if error.errno else error}")
        return ExitStatus.OUTPUT_FAILED
    from leninletters.core.errors import DEBUG_ENV, internal_error_message

    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        import traceback

        with contextlib.suppress(Exception):
            traceback.print_exception(error, file=sys.stderr)
    say(internal_error_message(error))
    return ExitStatus.INTERNAL
