"""The tool's own errors, each with the exit status the command line gives it."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit statuses, as documented in the README."""

    OK = 0
    NO_MATCH = 1  # grep found nothing; validate found problems
    ERROR = 2  # bad input, an unreadable corpus, an unwritable file
    INTERRUPTED = 130  # Ctrl-C


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
