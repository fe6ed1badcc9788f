"""Load and validate a corpus: the bundled edition, or a file of the same shape (docs/corpus.md).

The records of model.py describe every field once. Loading decodes a file straight into them with msgspec,
which checks each field on the way; a file that fails is read again, slowly, and the same descriptions
are walked field by field to name every problem with its letter and field.
"""

from __future__ import annotations

import gc
import importlib
import os
import re
import stat
import types
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Annotated, Any, BinaryIO, TypeVar, Union, get_args, get_origin

import msgspec
from msgspec import Meta, Struct

from leninletters.core.errors import CorpusError
from leninletters.core.model import (
    LINE_PATTERN,
    MAYBE_EMPTY_LINE_PATTERN,
    PARAGRAPHS_PATTERN,
    UNNAMED,
    Corpus,
    Edition,
    Letter,
    Link,
    Person,
    Reference,
)

CORPUS_ENV = "LENINLETTERS_CORPUS"
MAX_CORPUS_ENV = "LENINLETTERS_MAX_CORPUS_MB"
# About 4,700,000 synthetic letters' worth (100,000 take 210 MB); it keeps /dev/zero and its kin out.
DEFAULT_MAX_CORPUS_MB = 1000
BUNDLED = "bundled edition"
BUNDLED_FILE = "letters.json"
DATA_PACKAGE = "leninletters.data"
# Problems past this many are counted, not listed: a broken 100,000-letter file must not flood the screen.
MAX_LISTED_PROBLEMS = 50

R = TypeVar("R", bound=Struct)

EDITION_KEYS = frozenset(field.encode_name for field in msgspec.structs.fields(Edition))
_ONE_LINE = re.compile(MAYBE_EMPTY_LINE_PATTERN)
_LINE = re.compile(LINE_PATTERN)


class _Document(Struct):
    """A corpus as an object: its letters, the people they name, the edition's metadata."""

    letters: list[Letter]
    people: list[Person] = []
    edition: dict[str, Any] = {}
    references: list[Reference] = []
    links: list[Link] = []


_decode = msgspec.json.Decoder(list[Letter] | _Document).decode


@contextmanager
def _no_gc() -> Iterator[None]:
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


# Reading ---------------------------------------------------------------------------------------


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
    except FileNotFoundError:
        raise CorpusError(f"corpus {where}: no such file; check the path or unset {CORPUS_ENV}") from None
    except IsADirectoryError:
        raise CorpusError(f"corpus {where}: is a folder; give the path of a .json file") from None
    except PermissionError:
        raise CorpusError(f"corpus {where}: permission denied; check the file's permissions") from None
    except OSError as error:
        raise CorpusError(f"corpus {where}: cannot be read ({error.strerror or error})") from None
    if size > limit or len(data) > limit:
        raise CorpusError(
            f"corpus {where}: larger than {limit // 1_000_000:,} MB; "
            f"set {MAX_CORPUS_ENV} to a larger number of megabytes to read it"
        )
    return data


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


class _Duplicated(dict[str, Any]):
    """A JSON object that gave some keys more than once (json keeps the last value)."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    marked = _Duplicated(found)
    counts = Counter(key for key, _ in pairs)
    marked.duplicates = tuple(key for key, count in counts.items() if count > 1)
    return marked


def _parse(data: bytes, where: str) -> Any:
    """A corpus file's JSON, keeping the keys its objects repeat, with every way it fails as a CorpusError."""
    import json  # only a file that failed the fast path is parsed again, with care

    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=_object)
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
        raise CorpusError(f"corpus {where}: {_TOO_DEEP}") from None


_TOO_DEEP = "arrays or objects nested too deeply to read (a corpus needs six levels)"


def read_document(path: str | os.PathLike[str]) -> Any:
    """Parse a corpus file as JSON, turning every way it can fail into a CorpusError."""
    return _parse(read_bytes(path), os.fspath(path))


# Loading ---------------------------------------------------------------------------------------


def check_file(path: str | os.PathLike[str]) -> tuple[Corpus | None, list[str]]:
    """Every problem of a corpus file, and the corpus when there are none (a file that cannot be read
    at all raises CorpusError)."""
    with _no_gc():
        return check_document(read_document(path))


def load(path: str | os.PathLike[str] | None = None) -> Corpus:
    """Load a corpus file, or the bundled edition when no path is given."""
    if path is None:
        return load_bundled()
    where = os.fspath(path)
    data = read_bytes(where)
    with _no_gc():
        corpus = _decoded(data)
        return parse_document(_parse(data, where), f"corpus {where}") if corpus is None else corpus


@cache
def load_bundled() -> Corpus:
    """The bundled edition, read once per process."""
    text = bundled_text(BUNDLED_FILE)
    with _no_gc():
        corpus = _decoded(text)
        if corpus is not None:
            return corpus
        import json

        return parse_document(json.loads(text), BUNDLED)


def bundled_text(name: str) -> str:
    """A file of the bundled package leninletters.data, wherever and however it is installed.

    importlib.resources finds it in any installation (a wheel, an editable install, a zip); but importing
    it and its readers costs 6 ms, a tenth of a small command's time. So where the package is a folder on
    disk, as pip installs it, the file is read from that folder, and importlib.resources only otherwise.
    """
    package = importlib.import_module(DATA_PACKAGE)  # data/ is installed as this package (pyproject.toml)
    spec = package.__spec__
    for folder in (spec.submodule_search_locations if spec else None) or ():
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                return handle.read()
        except OSError:  # not a real folder (a zip import): ask importlib.resources
            break
    from importlib import resources

    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def _decoded(data: bytes | str) -> Corpus | None:
    """The corpus, decoded fast, when the file is well formed; None when it must be read with care."""
    try:
        return _fast(_decode(data))
    except (msgspec.ValidationError, msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return None


def _fast(document: list[Letter] | _Document) -> Corpus | None:
    if isinstance(document, list):
        return _assembled(document, [], {})
    return _assembled(
        document.letters, document.people, document.edition, document.references, document.links
    )


def _assembled(
    letters: list[Letter],
    people: list[Person],
    edition: dict[str, Any],
    references: Sequence[Reference] = (),
    links: Sequence[Link] = (),
) -> Corpus | None:
    """The corpus from its checked records; None when numbers or slugs repeat, or the scribes' map is bad."""
    if not letters:
        return None
    numbers, slugs = {letter.number for letter in letters}, {letter.slug for letter in letters}
    if len(numbers) != len(letters) or len(slugs) != len(letters):
        return None
    checked = _checked_edition(edition)
    if checked is None:
        return None
    scribe_names = checked.scribes
    for letter in letters:
        if letter.scribe_names is UNNAMED:
            names = tuple(scribe_names.get(scribe, scribe) for scribe in letter.scribes)
            msgspec.structs.force_setattr(letter, "scribe_names", names)
    if people and not _names_only(letters, {person.id for person in people}):
        return None
    letters.sort(key=lambda letter: letter.number)
    if any(link.a not in slugs or link.b not in slugs for link in links):
        return None
    return Corpus(tuple(letters), tuple(people), edition, tuple(references), tuple(links))


def _names_only(letters: list[Letter], ids: set[str]) -> bool:
    """Whether the letters' mentions and people name only these ids."""
    return all(
        all(mention.person in ids for mention in letter.mentions) and ids.issuperset(letter.people)
        for letter in letters
    )


def _checked_edition(edition: dict[str, Any]) -> Edition | None:
    """The edition's known keys, when they are right and every string anywhere in it is one line."""
    try:
        checked = msgspec.convert(edition, Edition)
    except (msgspec.ValidationError, UnicodeError):
        return None
    others = [(key, value) for key, value in edition.items() if key not in EDITION_KEYS]
    if others and not _one_line_throughout(dict(others)):
        return None
    return checked


def _one_line_throughout(value: Any) -> bool:
    """Whether every string of a JSON value, and every key of its objects, is one line."""
    if isinstance(value, str):
        return _ONE_LINE.search(value) is not None
    if isinstance(value, list):
        return all(_one_line_throughout(item) for item in value)
    if isinstance(value, dict):
        return all(
            _ONE_LINE.search(key) is not None and _one_line_throughout(item) for key, item in value.items()
        )
    return True  # a number, true, false or null


def parse_document(document: Any, origin: str = "corpus") -> Corpus:
    """Validate a parsed corpus document and build the typed corpus, or raise CorpusError."""
    try:
        corpus = _fast(msgspec.convert(document, list[Letter] | _Document))
    except (msgspec.ValidationError, UnicodeError, RecursionError):
        corpus = None
    if corpus is not None and not _duplicated(document):
        return corpus
    corpus, problems = check_document(document)
    if corpus is None or problems:
        first = problems[0] if problems else "not a corpus"
        more = f" (and {len(problems) - 1} more: run 'leninletters validate')" if len(problems) > 1 else ""
        raise CorpusError(f"{origin}: {first}{more}", tuple(problems[:MAX_LISTED_PROBLEMS]))
    return corpus


# Explaining ------------------------------------------------------------------------------------


def check_document(document: Any) -> tuple[Corpus | None, list[str]]:
    """Every problem of a parsed corpus document, and the corpus when there are none."""
    try:
        return _checked_document(document)
    except RecursionError:
        return None, [_TOO_DEEP]


def _checked_document(document: Any) -> tuple[Corpus | None, list[str]]:
    problems: list[str] = []
    if isinstance(document, list):
        raw_letters: Any = document
        raw_people: Any = []
        edition: Any = {}
        raw_references: Any = []
        raw_links: Any = []
    elif isinstance(document, dict):
        if "letters" not in document:
            return None, ["an object corpus needs a 'letters' key holding the list of letters"]
        problems += [f"{key}: given more than once" for key in getattr(document, "duplicates", ())]
        raw_letters = document["letters"]
        raw_people = document.get("people", [])
        edition = document.get("edition", {})
        raw_references = document.get("references", [])
        raw_links = document.get("links", [])
    else:
        return None, [
            f"the corpus must be a JSON array of letters or an object with 'letters', not {_kind(document)}"
        ]
    if not isinstance(raw_letters, list):
        return None, [f"'letters' must be an array, not {_kind(raw_letters)}"]
    if not raw_letters:
        return None, ["the corpus has no letters"]
    if not isinstance(edition, dict):
        problems.append(f"edition: expected an object, found {_kind(edition)}")
        edition = {}
    _explain_record(edition, Edition, "edition", problems)
    for key, value in edition.items():
        if key not in EDITION_KEYS:
            _explain_lines(value, f"edition: {_key(key, 'edition', problems)}", problems)

    # The ids a letter may name: those of the corpus's people, when it lists any (the letters alone, as
    # `list --json` prints them, are a corpus too, and name people it does not list).
    ids = _person_ids(raw_people)
    letters: list[Letter] = []
    first_seen: dict[tuple[str, Any], int] = {}
    for position, raw in enumerate(raw_letters, start=1):
        letter = _record(raw, Letter, _where(raw, position), problems)
        if letter is not None:
            letters.append(letter)
        if not isinstance(raw, dict):
            continue
        if ids:
            _explain_names(raw, _where(raw, position), ids, problems)
        # Repeats are checked on the raw values, so they are reported even beside other problems.
        for key in ("number", "slug"):
            value = raw.get(key)
            if not isinstance(value, int | str) or isinstance(value, bool):
                continue
            if (key, value) in first_seen:
                problems.append(
                    f"letter at position {position}: {key}: {value!r} is used again "
                    f"(first at position {first_seen[key, value]})"
                )
            else:
                first_seen[key, value] = position

    people = _records(raw_people, Person, "people", "person", problems)
    references = _records(raw_references, Reference, "references", "reference", problems)
    links = _checked_links(raw_links, {letter.slug for letter in letters}, problems)
    if problems:
        return None, problems
    corpus = _assembled(letters, people, edition, references, links)
    return (corpus, []) if corpus else (None, ["not a corpus"])


def _person_ids(raw_people: Any) -> set[str]:
    """The ids the corpus's people give; none when a person has no good id, whose own problem is named
    (the letters that name that person are not reported besides)."""
    if not isinstance(raw_people, list):
        return set()
    ids = [raw.get("id") if isinstance(raw, dict) else None for raw in raw_people]
    return {id_ for id_ in ids if isinstance(id_, str)} if all(_is_line(id_) for id_ in ids) else set()


def _explain_names(raw: dict[str, Any], where: str, ids: set[str], problems: list[str]) -> None:
    """Add each person a letter's mentions and people name that the corpus does not list (a name that is
    not a one-line string is the letter's own problem)."""
    mentions, people = raw.get("mentions"), raw.get("people")
    for index, mention in enumerate(mentions if isinstance(mentions, list) else (), start=1):
        person = mention.get("person") if isinstance(mention, dict) else None
        if _is_line(person) and person not in ids:
            problems.append(f"{where}: mentions[{index}]: person: no person has the id {person!r}")
    for index, person in enumerate(people if isinstance(people, list) else (), start=1):
        if _is_line(person) and person not in ids:
            problems.append(f"{where}: people[{index}]: no person has the id {person!r}")


def _is_line(value: Any) -> bool:
    return isinstance(value, str) and _LINE.search(value) is not None


def _checked_links(raw_links: Any, slugs: set[str], problems: list[str]) -> list[Link]:
    """The links between letters, each naming two letters of the corpus."""
    links: list[Link] = []
    if not isinstance(raw_links, list):
        problems.append(f"links: expected an array, found {_kind(raw_links)}")
        return links
    for position, raw in enumerate(raw_links, start=1):
        link = _record(raw, Link, f"link at position {position}", problems)
        if link is None:
            continue
        for end in (link.a, link.b):
            if end not in slugs:
                problems.append(f"link at position {position}: no letter has the slug {end!r}")
        links.append(link)
    return links


def _where(raw: Any, position: int) -> str:
    number = raw.get("number") if isinstance(raw, dict) else None
    if "number" in getattr(raw, "duplicates", ()):
        number = None  # which of its numbers names it?
    if isinstance(number, int) and not isinstance(number, bool) and 1 <= number < 10**12:
        return f"letter {number}"
    return f"letter at position {position}"


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        _Duplicated: "an object",
        list: "an array",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _found(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "…")
    if isinstance(value, int | float) and not isinstance(value, bool):
        # The number itself: "found 45.5" says why a whole number was refused, "found a number" does not.
        shown = repr(value)
        return shown if len(shown) <= 40 else shown[:40] + "…"
    return _kind(value)


def _records(raw: Any, kind: type[R], key: str, one: str, problems: list[str]) -> list[R]:
    """The records of a top-level array (people, references), each problem added with its position."""
    if not isinstance(raw, list):
        problems.append(f"{key}: expected an array, found {_kind(raw)}")
        return []
    found = (
        _record(item, kind, f"{one} at position {position}", problems) for position, item in enumerate(raw, 1)
    )
    return [record for record in found if record is not None]


def _record(raw: Any, kind: type[R], where: str, problems: list[str]) -> R | None:
    """The record a raw object makes, or None with each of its problems added."""
    if not _duplicated(raw, depth=2):
        try:
            return msgspec.convert(raw, kind)
        except (msgspec.ValidationError, UnicodeError):  # an unpaired surrogate where no string belongs
            pass
    before = len(problems)
    _explain_record(raw, kind, where, problems)
    if len(problems) == before:  # cannot happen: convert failed, so something is wrong
        problems.append(f"{where}: {_fault(raw, kind) or 'not valid'}")
    return None


def _duplicated(value: Any, depth: int = 4) -> bool:
    """Whether an object, or a record within `depth` levels of it, repeats a key (a corpus's parts are
    four levels down: letters, a letter, its parts, a part)."""
    if type(value) is _Duplicated:
        return True
    if depth == 0:
        return False
    items = value.values() if type(value) is dict else value if type(value) is list else ()
    return any(type(item) in (dict, list, _Duplicated) and _duplicated(item, depth - 1) for item in items)


def _explain_record(raw: Any, kind: type[Struct], where: str, problems: list[str]) -> None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected an object, found {_kind(raw)}")
        return
    before = len(problems)
    problems += [f"{where}: {key}: given more than once" for key in getattr(raw, "duplicates", ())]
    for field in msgspec.structs.fields(kind):
        name = field.encode_name
        if name in raw:
            _explain(raw[name], field.type, f"{where}: {name}", problems)
        elif field.required:
            problems.append(f"{where}: {name}: missing (expected {_description(field.type)})")
    if len(problems) == before:
        # Each field is right on its own: a rule that joins fields (model.py, __post_init__) failed.
        fault = _fault(raw, kind)
        if fault:
            problems.append(f"{where}: {fault}")


def _fault(value: Any, kind: Any) -> str | None:
    """Why msgspec refuses a value as a kind, in its own words or a record's; None when it fits."""
    try:
        msgspec.convert(value, kind)
    except msgspec.ValidationError as error:
        if isinstance(error.__cause__, ValueError):
            return str(error.__cause__)
        return str(error).split(" - at `", 1)[0]
    except UnicodeError:
        return "holds an unpaired surrogate"
    return None


def _explain(value: Any, hint: Any, where: str, problems: list[str]) -> None:
    """Add why a value is not of a field's type, naming where, if it is not."""
    base, description = _unwrapped(hint)
    if isinstance(base, type) and issubclass(base, Struct):
        _explain_record(value, base, where, problems)
        return
    if get_origin(base) in (Union, types.UnionType):
        if value is None:
            return
        base, _ = _unwrapped(next(arg for arg in get_args(base) if arg is not type(None)))
        if isinstance(base, type) and issubclass(base, Struct) and isinstance(value, dict):
            # A record where null is allowed: its own fields name the problem ("apparatus: hands[1]: …").
            _explain_record(value, base, where, problems)
            return
    args = get_args(base)
    if get_origin(base) is tuple and len(args) == 2 and args[1] is Ellipsis and isinstance(value, list):
        before = len(problems)
        for index, item in enumerate(value, start=1):
            _explain(item, args[0], f"{where}[{index}]", problems)
        if len(problems) > before:
            return
    if _fault(value, hint) is None:
        return
    if isinstance(value, str) and base is str:
        reason = _string_problem(value, paragraphs=_pattern(hint) == PARAGRAPHS_PATTERN)
        problems.append(f"{where}: {reason or f'{_found(value)} must be {description}'}")
    else:
        problems.append(f"{where}: expected {description}, found {_found(value)}")


def _explain_lines(value: Any, where: str, problems: list[str]) -> None:
    """Add each string of a JSON value, or key of its objects, that is not one line (the edition's own
    keys, which an export carries whole)."""
    if isinstance(value, str):
        if _ONE_LINE.search(value) is None:
            reason = _string_problem(value, paragraphs=False)
            problems.append(f"{where}: {reason or f'{_found(value)} must be one line'}")
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            _explain_lines(item, f"{where}[{index}]", problems)
    elif isinstance(value, dict):
        problems += [
            f"{where}: {_shown(key)}: given more than once" for key in getattr(value, "duplicates", ())
        ]
        for key, item in value.items():
            _explain_lines(item, f"{where}: {_key(key, where, problems)}", problems)


def _key(key: str, where: str, problems: list[str]) -> str:
    """A key as a message names it, adding its problem when it is not one line."""
    if _ONE_LINE.search(key) is not None:
        return key
    problems.append(f"{where}: key {key!r}: {_string_problem(key, paragraphs=False) or 'must be one line'}")
    return repr(key)


def _shown(key: str) -> str:
    return key if _ONE_LINE.search(key) is not None else repr(key)


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def _string_problem(value: str, paragraphs: bool) -> str | None:
    """What in a string a reader could not be shown faithfully, where it is."""
    found = _SURROGATE.search(value)
    if found:
        return f"holds an unpaired surrogate (U+{ord(found[0]):04X}) at character {found.start() + 1}"
    found = _CONTROL.search(value)
    if found:
        return f"holds a control character (U+{ord(found[0]):04X}) at character {found.start() + 1}"
    if "\n" not in value:
        return None
    if not paragraphs:
        return f"holds a line break at character {value.index(chr(10)) + 1}; it must be one line"
    if not value.strip():
        return None
    if "\n\n\n" in value:
        return (
            f"three line breaks in a row at character {value.index(3 * chr(10)) + 1}: paragraphs are "
            "separated by one blank line, and none is empty"
        )
    for number, paragraph in enumerate(value.split("\n\n"), start=1):
        if not paragraph.strip():
            return f"paragraph {number} is empty"
    found = _LONE_BREAK.search(value)
    if found:
        return (
            f"a line break at character {found.start() + 1} that does not end a paragraph: "
            "paragraphs are separated by one blank line"
        )
    return None


def _unwrapped(hint: Any) -> tuple[Any, str]:
    """A type without its annotations, and the words for what it expects."""
    description = ""
    while get_origin(hint) is Annotated:
        for meta in hint.__metadata__:
            if isinstance(meta, Meta) and meta.description and not description:
                description = meta.description
        hint = hint.__origin__
    if not description:
        description = {str: "a string", int: "a whole number", bool: "true or false"}.get(hint, "")
        if not description:
            description = "an object" if isinstance(hint, type) and issubclass(hint, Struct) else "an array"
    return hint, description


def _description(hint: Any) -> str:
    return _unwrapped(hint)[1]


def _pattern(hint: Any) -> str | None:
    while get_origin(hint) is Annotated:
        for meta in hint.__metadata__:
            if isinstance(meta, Meta) and meta.pattern:
                return meta.pattern
        hint = hint.__origin__
    return None


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
