"""The index file of a corpus: where it lives, whether it is fresh, and how it is built.

An index is an SQLite file in the user's cache directory ($XDG_CACHE_HOME/leninletters, ~/.cache by
default), named for the corpus's real path. It records the corpus's size, modification time and content
hash, so a fresh index is known by a stat() alone, and a corpus that changed is never answered from an old
index. A build writes a temporary file beside the index and renames it over: a reader never sees half an
index, and two builds at once both leave a whole one.

Pure: knows nothing of the command line or the terminal (progress is reported through a callback).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import msgspec

from leninletters import __version__
from leninletters.core.model import UNDATED, Corpus, Letter, Person
from leninletters.core.predicates import BEYOND_TEXT
from leninletters.store import corpus as corpora
from leninletters.store.answers import VOCABULARY_LETTERS, is_whole, vocabulary
from leninletters.store.sql import beyond, items, words

# Bumped whenever the tables change: an index of another schema or version of the tool is rebuilt.
SCHEMA = 8
VERSION = f"{__version__}/{SCHEMA}"
CACHE_ENV = "XDG_CACHE_HOME"
FOLDER = "leninletters"
# How many letters are written between two reports of progress.
BATCH = 2000

Progress = Callable[[int, int], None]

# A build writes a file no one reads until it is renamed: no journal, no syncs; a page cache of 64 MiB keeps
# the trigram index's merges in memory (at the default 2 MiB it is three times slower).
BUILDING = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;"
TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;
CREATE TABLE letters (
    id INTEGER PRIMARY KEY, number INTEGER NOT NULL, slug TEXT NOT NULL, date TEXT NOT NULL,
    classification TEXT, section TEXT NOT NULL, recipients TEXT NOT NULL, copies TEXT NOT NULL,
    notes TEXT NOT NULL, sources TEXT NOT NULL, apparatus TEXT NOT NULL,
    -- The heading grep --count prints, and whether a query may narrow the letter to some of its parts
    -- (answers.is_whole): where it cannot, a count is the text's, answered without reading the letter.
    title TEXT NOT NULL, whole INTEGER NOT NULL
);
-- The letters themselves apart: a scan of the fields above need not read past them.
CREATE TABLE bodies (id INTEGER PRIMARY KEY, json BLOB NOT NULL, mentioned BLOB);
CREATE TABLE dates (letter INTEGER NOT NULL, day TEXT NOT NULL);
-- A dating's span of days, either end open (NULL): a date filter meets a letter where it overlaps.
CREATE TABLE spans (letter INTEGER NOT NULL, first TEXT, last TEXT);
CREATE TABLE mention_keys (letter INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL);
-- Who each letter is addressed to (related.addressees), and the heading group it is printed in.
CREATE TABLE addressees (letter INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE headings (letter INTEGER PRIMARY KEY, opening TEXT NOT NULL);
CREATE VIRTUAL TABLE texts USING fts5(folded, tokenize = 'trigram case_sensitive 1', detail = 'none');
-- The stems of each letter's words, once each (core.stemming): one token each for the ascii tokenizer,
-- which splits at ASCII punctuation alone. Contentless: only the question "which letters" is asked of it.
CREATE VIRTUAL TABLE stemmed USING fts5(stems, tokenize = 'ascii', detail = 'none', content = '');
"""
INDEXES = """
CREATE UNIQUE INDEX letters_number ON letters (number);
CREATE UNIQUE INDEX letters_slug ON letters (slug);
CREATE INDEX dates_day ON dates (day, letter);
CREATE INDEX mention_keys_key ON mention_keys (key, letter, kind);
CREATE INDEX addressees_name ON addressees (name, letter);
CREATE INDEX headings_opening ON headings (opening, letter);
"""


class Stale(Exception):
    """The corpus changed since its index was built (or the index is of another version, or broken)."""


class Stamp(NamedTuple):
    """What identifies a corpus file's contents without reading it: its size and modification time."""

    size: int
    mtime_ns: int


def cache_folder() -> Path:
    """Where indexes are kept: $XDG_CACHE_HOME/leninletters, or ~/.cache/leninletters."""
    base = os.environ.get(CACHE_ENV, "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / FOLDER


def real_path(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fspath(path))


def index_path(path: str | os.PathLike[str]) -> Path:
    """The index file of a corpus, named for its real path."""
    digest = hashlib.sha256(real_path(path).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache_folder() / f"{digest}.sqlite"


def stamp(path: str | os.PathLike[str]) -> Stamp:
    """The corpus file's size and time of change; a CorpusError, worded as every command words it, where
    it cannot be looked at (a missing file, a folder's permissions)."""
    try:
        info = os.stat(path)
    except OSError as error:
        from leninletters.store.reading import unreadable

        raise unreadable(os.fspath(path), error) from None
    return Stamp(info.st_size, info.st_mtime_ns)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def connect(index: Path) -> sqlite3.Connection:
    """The index opened read-only, checked to be of this version: raises Stale otherwise."""
    try:
        connection = sqlite3.connect(f"file:{index}?mode=ro", uri=True, check_same_thread=False)
        found = dict(connection.execute("SELECT key, value FROM meta WHERE key IN ('version', 'state')"))
    except sqlite3.Error as error:
        raise Stale(f"the index {index} cannot be read ({error})") from None
    if found.get("version") != VERSION or found.get("state") != "complete":
        connection.close()
        raise Stale(f"the index {index} is of another version of leninletters")
    return connection


def meta(connection: sqlite3.Connection, key: str) -> object:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def is_fresh(connection: sqlite3.Connection, path: str | os.PathLike[str]) -> bool:
    """Whether the index still describes the corpus: the same size and time, else the same contents."""
    now = stamp(path)
    if meta(connection, "size") == now.size and meta(connection, "mtime_ns") == now.mtime_ns:
        return True
    if meta(connection, "size") != now.size:
        return False
    if meta(connection, "hash") != content_hash(corpora.read_bytes(path)):
        return False
    _restamp(path, now)  # the same contents touched (copied, checked out): known by stat() again next time
    return True


def _restamp(path: str | os.PathLike[str], now: Stamp) -> None:
    """Record a corpus's new modification time in its index, where the index may be written."""
    try:
        with contextlib.closing(sqlite3.connect(index_path(path), timeout=0.1)) as writable, writable:
            writable.execute("UPDATE meta SET value = ? WHERE key = 'mtime_ns'", (now.mtime_ns,))
    except sqlite3.Error:
        pass  # a read-only cache, or a builder at work: the hash is checked again next time


@contextlib.contextmanager
def build_lock(index: Path, wait: bool) -> Iterator[bool]:
    """Hold the lock of an index's builders; yield whether it was had (never False when waiting)."""
    import fcntl

    index.parent.mkdir(parents=True, exist_ok=True)
    with open(index.with_suffix(".lock"), "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
    """Index a corpus file (validated as it is read) into its index file; return that file."""
    index = index_path(path)
    before = stamp(path)
    # The bytes hashed and let go before the corpus is read into letters: held, they were a fifth of the peak.
    digest = content_hash(corpora.read_bytes(path))
    loaded = corpora.load(path)
    import tempfile  # a build's alone: a run that reads an index need not import it

    index.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=index.stem + ".", suffix=".building", dir=index.parent)
    os.close(handle)
    try:
        _write(Path(temporary), loaded, progress)
        with sqlite3.connect(temporary) as connection:
            facts = {"size": before.size, "mtime_ns": before.mtime_ns, "hash": digest}
            facts |= {"path": real_path(path), "state": "complete"}
            connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", facts.items())
        connection.close()
        os.replace(temporary, index)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return index


def _write(file: Path, loaded: Corpus, progress: Progress | None) -> None:
    connection = sqlite3.connect(file)
    try:
        connection.executescript(BUILDING + TABLES)
        _write_head(connection, loaded)
        people = loaded.people if _derived_mentions(loaded) else None
        total = len(loaded.letters)
        for start in range(0, total, BATCH):
            batch = loaded.letters[start : start + BATCH]
            _write_letters(connection, start, batch, people, loaded.metadata.get("language"))
            if progress is not None:
                progress(start + len(batch), total)
        connection.executescript(INDEXES)
        connection.execute("INSERT INTO texts(texts) VALUES ('optimize')")
        connection.execute("INSERT INTO stemmed(stemmed) VALUES ('optimize')")
        connection.commit()
    finally:
        connection.close()


def _write_head(connection: sqlite3.Connection, loaded: Corpus) -> None:
    from leninletters.core import stemming
    from leninletters.core.references import sections

    encode = msgspec.json.encode
    language = loaded.metadata.get("language")
    head = {
        "version": VERSION,
        "state": "building",
        "count": len(loaded.letters),
        "people": encode(loaded.people),
        "metadata": encode(loaded.metadata),
        "references": encode(loaded.references),
        "links": encode(loaded.links),
        "dossiers": encode(loaded.dossiers),
        # The slugs that name a section, which a reference to a slug must not be mistaken for.
        "sections": encode(sorted(sections(loaded.letters))),
        # The words suggested for a word that finds nothing, read once here rather than on each miss.
        "vocabulary": encode(vocabulary(loaded.letters[:VOCABULARY_LETTERS])),
        # The languages the letters' words are stemmed in: a query's word is stemmed in these alone.
        "languages": encode(sorted({stemming.language_of(letter, language) for letter in loaded.letters})),
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", head.items())
    ids = {letter.slug: ident for ident, letter in enumerate(loaded.letters)}
    groups = [
        (ids[letter.slug], opening) for opening, group in sections(loaded.letters).items() for letter in group
    ]
    connection.executemany("INSERT INTO headings VALUES (?, ?)", groups)


def _derived_mentions(loaded: Corpus) -> bool:
    """Whether the letters' mentions are derived from the people (a corpus that lists people, no mentions),
    as MemoryEdition.mentioned() derives them."""
    return bool(loaded.people) and not any(letter.mentions for letter in loaded.letters)


def _write_letters(
    connection: sqlite3.Connection,
    start: int,
    batch: Sequence[Letter],
    people: Sequence[Person] | None,
    language: str | None = None,
) -> None:
    """A batch of letters, with their mentions derived from the people where people are given."""
    from leninletters.core import mentions as mentioning
    from leninletters.core import stemming
    from leninletters.core.dating import is_day
    from leninletters.core.folding import fold
    from leninletters.core.related import addressees

    rows, bodies, days, keys, texts, names, spans, stemmed = [], [], [], [], [], [], [], []
    for offset, letter in enumerate(batch):
        ident = start + offset
        mentioned = letter if people is None else mentioning.with_mentions(letter, people)
        rows.append(
            (
                ident,
                letter.number,
                letter.slug,
                letter.date.isoformat(),
                words(letter.classification) if letter.classification else None,
                words(letter.section),
                items(letter.recipients),
                items(letter.copies),
                *(beyond(letter, where) for where in BEYOND_TEXT),
                letter.title,
                is_whole(letter),
            )
        )
        bodies.append(
            (ident, encode_letter(letter), encode_letter(mentioned) if people is not None else None)
        )
        days += [(ident, day.isoformat()) for day in set(letter.dates) if is_day(day)]
        if letter.dating is not None and letter.dating.bounded:
            spans.append((ident, *(day.isoformat() if day else None for day in letter.dating.span)))
        if not letter.undated:  # no place among the letters to an addressee (core.related)
            names += [(ident, name) for name in dict.fromkeys(addressees(letter))]
        keys += [(ident, kind, key) for kind, key in _mention_keys(mentioned)]
        texts.append((ident, fold(letter.text)))
        held = stemming.stem_set(letter.text, stemming.language_of(letter, language))
        stemmed.append((ident, " ".join(stemming.token(stem) for stem in sorted(held))))
    connection.executemany("INSERT INTO letters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    connection.executemany("INSERT INTO bodies VALUES (?, ?, ?)", bodies)
    connection.executemany("INSERT INTO dates VALUES (?, ?)", days)
    connection.executemany("INSERT INTO spans VALUES (?, ?, ?)", spans)
    connection.executemany("INSERT INTO addressees VALUES (?, ?)", names)
    connection.executemany("INSERT INTO mention_keys VALUES (?, ?, ?)", keys)
    connection.executemany("INSERT INTO texts (rowid, folded) VALUES (?, ?)", texts)
    connection.executemany("INSERT INTO stemmed (rowid, stems) VALUES (?, ?)", stemmed)


def encode_letter(letter: Letter) -> bytes:
    """A letter as JSON that decodes back to it: the fields left at their defaults left out, as a corpus
    file leaves them (a default may be one the file itself may not write, such as no parts)."""
    given = {
        name: getattr(letter, attribute)
        for name, attribute, default in _letter_fields()
        if (
            default is msgspec.NODEFAULT
            or getattr(letter, attribute) != default
            or _dated_on_the_last_day(letter, attribute)
        )
    }
    return msgspec.json.encode(given)


def _dated_on_the_last_day(letter: Letter, attribute: str) -> bool:
    """Whether a letter is dated 9999-12-31 by its file: the same day as an undated letter's stand-in
    (model.UNDATED), and not the stand-in, so written out."""
    return attribute == "date" and not letter.undated and letter.date == UNDATED


@functools.cache
def _letter_fields() -> tuple[tuple[str, str, object], ...]:
    """Each field of a letter: its name in JSON, its attribute, its default (NODEFAULT for none)."""
    found = []
    for field in msgspec.structs.fields(Letter):
        default = field.default_factory() if field.default_factory is not msgspec.NODEFAULT else field.default
        found.append((field.encode_name, field.name, default))
    return tuple(found)


def _mention_keys(letter: Letter) -> set[tuple[str, str]]:
    """Each kind of mention in a letter with every name key that finds its person (names_person)."""
    from leninletters.core.names import keys_of

    return {(m.kind, key) for m in letter.mentions for key in keys_of(m.person, (m.person, m.form))}


def decode_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def open_index(
    path: str | os.PathLike[str],
    *,
    reindex: bool = True,
    notify: Callable[[str], None] | None = None,
    progress: Progress | None = None,
) -> sqlite3.Connection | None:
    """The fresh index of a corpus file, rebuilt first where the corpus changed or the index is broken
    (refused with reindex=False); None where there is no index, or another process is building it."""
    from leninletters.core.errors import CorpusError

    index = index_path(path)
    if not index.exists():
        return None
    try:
        connection = connect(index)
        try:
            if is_fresh(connection, path):
                return connection
        except OSError:  # the corpus is gone or unreadable: the JSON path says so in its own words
            connection.close()
            return None
        connection.close()
        reason = f"the corpus {os.fspath(path)} changed since it was indexed"
    except Stale as stale:
        reason = str(stale)
    if not reindex:
        raise CorpusError(f"{reason}: index it again with 'leninletters index', or leave out --no-reindex")
    with build_lock(index, wait=False) as mine:
        if not mine:
            _tell(notify, f"{reason}; another leninletters is indexing it, so this run reads the JSON")
            return None
        _tell(notify, f"{reason}: indexing it again")
        build(path, progress)
    return connect(index)


def _tell(notify: Callable[[str], None] | None, message: str) -> None:
    if notify is not None:
        notify(message)


def build_fresh(path: str | os.PathLike[str], progress: Progress | None = None, force: bool = False) -> bool:
    """Index a corpus file unless its index is fresh (or force); waits for another builder. Whether built."""
    index = index_path(path)
    with build_lock(index, wait=True):
        if not force and index.exists():
            try:
                connection = connect(index)
            except Stale:
                pass
            else:
                with contextlib.closing(connection):
                    if is_fresh(connection, path):
                        return False
        build(path, progress)
    return True
