"""Read a corpus: the bundled edition, or a file of the same shape (docs/corpus.md). The one reader.

Every file is read one way. Its JSON is parsed keeping the keys an object repeats; a document that repeats
none is converted straight into the records of model.py by msgspec, which checks each field on the way,
and joined by assembly.py's rules. Whatever fails there, problems.py names, field by field: so a file
`validate` refuses is refused by every command, with validate's first problem as its one line.

Only the bundled edition, validated when it was built (leninletters.build --check), is read without
that care: from the pickle of its records the build keeps beside it (store/bundled.py), or where that does
not fit, decoded straight from its text.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import msgspec

from leninletters.core.errors import CorpusError
from leninletters.core.model import Corpus
from leninletters.store.reading import (
    BUNDLED,
    BUNDLED_FILE,
    CORPUS_ENV,
    DATA_PACKAGE,
    DEFAULT_MAX_CORPUS_MB,
    MAX_CORPUS_ENV,
    bundled_text,
    default_path,
    is_bundled,
    max_corpus_bytes,
    no_gc,
    parse,
    read_bytes,
)

__all__ = [
    "BUNDLED",
    "BUNDLED_FILE",
    "CORPUS_ENV",
    "DATA_PACKAGE",
    "DEFAULT_MAX_CORPUS_MB",
    "MAX_CORPUS_ENV",
    "MAX_LISTED_PROBLEMS",
    "bundled_text",
    "check_document",
    "check_file",
    "default_path",
    "is_bundled",
    "load",
    "load_bundled",
    "max_corpus_bytes",
    "parse_document",
    "read_bytes",
    "read_document",
]

# Problems past this many are counted, not listed: a broken 100,000-letter file must not flood the screen.
MAX_LISTED_PROBLEMS = 50


def check_document(document: Any) -> tuple[Corpus | None, list[str]]:
    """Every problem of a parsed corpus document, and the corpus when there are none."""
    # Imported here: the bundled edition never needs the explaining, and a run that reads it skips it.
    from leninletters.store.problems import check_document as checked

    return checked(document)


def read_document(path: str | os.PathLike[str]) -> Any:
    """Parse a corpus file as JSON, turning every way it can fail into a CorpusError."""
    return parse(read_bytes(path), os.fspath(path)).document


def check_file(path: str | os.PathLike[str]) -> tuple[Corpus | None, list[str]]:
    """Every problem of a corpus file, and the corpus when there are none (a file that cannot be read
    at all raises CorpusError)."""
    with no_gc():
        return check_document(read_document(path))


def load(path: str | os.PathLike[str] | None = None) -> Corpus:
    """Load a corpus file, or the bundled edition when no path is given; refuse, with the first problem
    `validate` names, a file it would refuse."""
    if path is None:
        return load_bundled()
    where = os.fspath(path)
    data = read_bytes(where)
    with no_gc():
        parsed = parse(data, where)
        corpus = None if parsed.duplicated else _converted(parsed.document)
        return corpus if corpus is not None else _refused(parsed.document, f"corpus {where}")


@cache
def load_bundled() -> Corpus:
    """The bundled edition, read once per process: from its pickle where it fits (see store/bundled.py)."""
    from leninletters.store import bundled

    with no_gc():
        kept = bundled.load()
        if kept is not None:
            return kept
        text = bundled_text(BUNDLED_FILE)
        corpus = _decoded(text)
        if corpus is not None:
            return corpus
        # A bundled file the build did not make: read with the same care as any other.
        return parse_document(parse(text.encode("utf-8"), BUNDLED).document, BUNDLED)


def parse_document(document: Any, origin: str = "corpus") -> Corpus:
    """Validate a parsed corpus document and build the typed corpus, or raise CorpusError."""
    from leninletters.store.problems import duplicated

    corpus = None if duplicated(document) else _converted(document)
    return corpus if corpus is not None else _refused(document, origin)


def _converted(document: Any) -> Corpus | None:
    """The corpus, when every record is right and the rules that join them hold; None otherwise."""
    # Imported here: the records' decoders cost a run that reads the bundled edition from its pickle.
    from leninletters.store.assembly import SHAPE, from_records

    try:
        return from_records(msgspec.convert(document, SHAPE))
    except (msgspec.ValidationError, UnicodeError, RecursionError):
        return None


def _decoded(data: bytes | str) -> Corpus | None:
    """The corpus decoded straight from JSON text, blind to a repeated key: for the bundled edition only."""
    from leninletters.store.assembly import decode, from_records

    try:
        return from_records(decode(data))
    except (msgspec.ValidationError, msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return None


def _refused(document: Any, origin: str) -> Corpus:
    """The CorpusError for a document the fast path refused: validate's first problem, and how many more."""
    corpus, problems = check_document(document)
    if corpus is not None and not problems:
        return corpus  # cannot happen while the two paths agree (tests/test_corpus.py); never refuse it
    first = problems[0] if problems else "not a corpus"
    more = f" (and {len(problems) - 1} more: run 'leninletters validate')" if len(problems) > 1 else ""
    raise CorpusError(f"{origin}: {first}{more}", tuple(problems[:MAX_LISTED_PROBLEMS]))
