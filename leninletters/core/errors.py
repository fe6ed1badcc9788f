"""The tool's own errors, each with the exit status the command line gives it."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit statuses, as documented in docs/errors.md."""

    OK = 0
    NO_MATCH = 1  # grep found nothing; validate found problems
    ERROR = 2  # bad input, an unreadable corpus, an unwritable file
    SOME_SKIPPED = 3  # import wrote a corpus, but some files could not be read
    INTERNAL = 70  # a failure nobody foresaw (a bug): one line, the traceback with LENINLETTERS_DEBUG=1
    OUTPUT_FAILED = 74  # stdout could not be written: a full disk, a closed stdout, an I/O error
    INTERRUPTED = 130  # Ctrl-C, or a signal while a file is written
    BROKEN_PIPE = 141  # the reader of a pipe went away, as a shell reports a process ended by SIGPIPE


DEBUG_ENV = "LENINLETTERS_DEBUG"

# A value a message quotes (a query term, a reference, a setting) is shown up to this many characters: a
# 40,000-term query or a 100,000-character word would otherwise make a message of megabytes on one line.
QUOTE_ROOM = 60


def shortened(text: str, room: int = QUOTE_ROOM) -> str:
    """Text as a message quotes it: whole where it fits in room characters, else its start and "…"."""
    return text if len(text) <= room else text[: room - 1] + "…"


class LeninLettersError(Exception):
    """An error a user can cause: one line of explanation, no traceback."""

    exit_status: ExitStatus = ExitStatus.ERROR


class InputError(LeninLettersError, ValueError):
    """An option's value the tool cannot use."""


class DateError(InputError):
    """A date or date range the tool cannot read."""


class PatternError(InputError):
    """A search pattern the tool cannot use."""


class LetterNotFound(LeninLettersError, LookupError):
    """A reference (number, slug, date) that names no letter."""


class OutputError(LeninLettersError, OSError):
    """A file that cannot or must not be written."""


class CorpusError(LeninLettersError):
    """A corpus that cannot be read, or does not have the corpus shape."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class QueryError(InputError):
    """A query the tool cannot read; `column` (1-based) points at the spot."""

    def __init__(self, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.column = column


def internal_error_message(error: BaseException) -> str:
    """The one line for a failure nobody foresaw: what it was, and how to see more."""
    if isinstance(error, MemoryError):
        what = "out of memory"
    elif isinstance(error, RecursionError):
        what = "the input is nested too deeply"
    else:
        detail = " ".join(str(error).split())[:200]
        what = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return f"internal error: {what} (a bug: please report it; {DEBUG_ENV}=1 shows the traceback)"


class PersonNotFound(LeninLettersError, LookupError):
    """A name that stands for no one the letters name: found nothing, as grep's no match."""

    exit_status = ExitStatus.NO_MATCH
