"""Load and validate a corpus: the bundled edition, or a file of the same shape (docs/corpus.md)."""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from leninletters.errors import CorpusError
from leninletters.model import PARAGRAPH_BREAK, Corpus, Letter, Note, Part, Person

CORPUS_ENV = "LENINLETTERS_CORPUS"
BUNDLED = "bundled edition"
BUNDLED_FILE = "letters.json"
DATA_PACKAGE = "leninletters.data"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Problems past this many are counted, not listed: a broken 100,000-letter file must not flood the screen.
MAX_LISTED_PROBLEMS = 50

T = TypeVar("T")


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


def read_document(path: str | os.PathLike[str]) -> Any:
    """Parse a corpus file as JSON, turning every way it can fail into a CorpusError."""
    where = os.fspath(path)
    try:
        with open(where, "rb") as handle:
            return json.loads(handle.read().decode("utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"corpus {where}: no such file; check the path or unset {CORPUS_ENV}") from None
    except IsADirectoryError:
        raise CorpusError(f"corpus {where}: is a folder; give the path of a .json file") from None
    except PermissionError:
        raise CorpusError(f"corpus {where}: permission denied; check the file's permissions") from None
    except UnicodeDecodeError as error:
        raise CorpusError(
            f"corpus {where}: not UTF-8 text (byte {error.start}); save the file as UTF-8"
        ) from None
    except json.JSONDecodeError as error:
        raise CorpusError(
            f"corpus {where}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except OSError as error:
        raise CorpusError(f"corpus {where}: cannot be read ({error.strerror or error})") from None


def check_file(path: str | os.PathLike[str]) -> tuple[Corpus | None, list[str]]:
    """Every problem of a corpus file, and the corpus when there are none (a file that cannot be read
    at all raises CorpusError)."""
    with _no_gc():
        return check_document(read_document(path))


def load(path: str | os.PathLike[str] | None = None) -> Corpus:
    """Load a corpus file, or the bundled edition when no path is given."""
    if path is None:
        return load_bundled()
    with _no_gc():
        return parse_document(read_document(path), origin=f"corpus {os.fspath(path)}")


@cache
def load_bundled() -> Corpus:
    """The bundled edition, read once per process."""
    with _no_gc():
        return parse_document(json.loads(bundled_text(BUNDLED_FILE)), origin=BUNDLED)


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


def parse_document(document: Any, origin: str = "corpus") -> Corpus:
    """Validate a parsed corpus document and build the typed corpus, or raise CorpusError."""
    corpus, problems = check_document(document)
    if corpus is None or problems:
        first = problems[0] if problems else "not a corpus"
        more = f" (and {len(problems) - 1} more: run 'leninletters validate')" if len(problems) > 1 else ""
        raise CorpusError(f"{origin}: {first}{more}", tuple(problems[:MAX_LISTED_PROBLEMS]))
    return corpus


def check_document(document: Any) -> tuple[Corpus | None, list[str]]:
    """Every problem of a parsed corpus document, and the corpus when there are none."""
    problems: list[str] = []
    if isinstance(document, list):
        raw_letters: Any = document
        raw_people: Any = []
        metadata: dict[str, Any] = {}
    elif isinstance(document, dict):
        if "letters" not in document:
            return None, ["an object corpus needs a 'letters' key holding the list of letters"]
        raw_letters = document["letters"]
        raw_people = document.get("people", [])
        edition = document.get("edition", {})
        metadata = edition if isinstance(edition, dict) else {}
    else:
        return None, [
            f"the corpus must be a JSON array of letters or an object with 'letters', not {_kind(document)}"
        ]
    if not isinstance(raw_letters, list):
        return None, [f"'letters' must be an array, not {_kind(raw_letters)}"]
    if not raw_letters:
        return None, ["the corpus has no letters"]
    scribe_map = metadata.get("scribes", {})
    if not isinstance(scribe_map, dict):
        scribe_map = {}

    letters: list[Letter] = []
    first_seen: dict[tuple[str, Any], int] = {}
    for position, raw in enumerate(raw_letters, start=1):
        letter = _well_formed_letter(raw, scribe_map)
        if letter is None:
            letter = _check_letter(raw, position, problems, scribe_map)
        if letter is not None:
            letters.append(letter)
        if not isinstance(raw, dict):
            continue
        # Duplicates are checked on the raw values, so they are reported even beside other problems.
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

    people = _check_people(raw_people, problems)
    if problems:
        return None, problems
    letters.sort(key=lambda letter: letter.number)
    return Corpus(tuple(letters), tuple(people), metadata), []


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


class _Fields:
    """Typed access to one JSON object's fields, recording each problem instead of stopping."""

    def __init__(self, raw: dict[str, Any], where: str, problems: list[str]) -> None:
        self.raw = raw
        self.where = where
        self.problems = problems
        self.ok = True

    def problem(self, name: str, message: str) -> None:
        self.ok = False
        self.problems.append(f"{self.where}: {name}: {message}")

    def get(self, name: str, check: Callable[[Any], T | None], expected: str, default: Any = ...) -> Any:
        if name not in self.raw:
            if default is ...:
                self.problem(name, f"missing (expected {expected})")
            return None if default is ... else default
        value = check(self.raw[name])
        if value is None and not (self.raw[name] is None and default is None):
            raw = self.raw[name]
            found = repr(raw if len(raw) <= 40 else raw[:40] + "…") if isinstance(raw, str) else _kind(raw)
            self.problem(name, f"expected {expected}, found {found}")
            return None if default is ... else default
        return value


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _optional_string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _whole_number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def _boolean(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None


def _iso_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _is_strings(value: Any) -> bool:
    if type(value) is not list:
        return False
    for item in value:  # a plain loop: all() over a generator costs more on these short lists
        if type(item) is not str:
            return False
    return True


def _well_formed_letter(raw: Any, scribe_map: dict[str, Any]) -> Letter | None:
    """The letter, built fast, when every field is as it should be; None sends it to _check_letter.

    A corpus of 100,000 letters is loaded on every run: the field-by-field checker, which collects
    every problem with its message, costs ten times more than this, so it only sees what fails here.
    """
    get = raw.get if type(raw) is dict else None
    if get is None:
        return None
    number, slug, title, text = get("number"), get("slug"), get("title"), get("text")
    if not (
        type(number) is int
        and number >= 1
        and type(slug) is str
        and SLUG.fullmatch(slug)
        and type(title) is str
        and title.strip()
        and type(text) is str
        and text.strip()
    ):
        return None
    date = _iso_date(get("date"))
    section = get("section", title)
    recipients, copies, scribes = get("recipients", []), get("copies", []), get("scribes", [])
    people = get("people", [])
    if date is None or type(section) is not str or not section.strip():
        return None
    for names in (recipients, copies, scribes, people):
        if names != [] and not _is_strings(names):  # most are empty: compare before calling
            return None
    default_names = [str(scribe_map.get(s, s)) for s in scribes]
    scribe_names: Any = raw["scribe_names"] if "scribe_names" in raw else default_names
    if not _is_strings(scribe_names) or len(scribe_names) != len(scribes):
        return None
    classification, source, source_note = get("classification"), get("source"), get("source_note")
    source_inferred = get("source_inferred", False)
    if not (
        (classification is None or type(classification) is str)
        and (source is None or type(source) is str)
        and (source_note is None or type(source_note) is str)
        and type(source_inferred) is bool
    ):
        return None
    raw_parts = get("parts")
    parts: tuple[Part, ...] | None = ()
    if raw_parts is not None:
        parts = _well_formed_parts(raw_parts, date, text.count(PARAGRAPH_BREAK) + 1)
        parts = parts and _without_implicit(parts, date, scribes)
    notes = _well_formed_notes(get("notes", []))
    if parts is None or notes is None:
        return None
    # Positional, in the order of Letter's fields: a third faster than keywords, 100,000 times over.
    return Letter(
        number,
        slug,
        title,
        section,
        date,
        text,
        tuple(recipients),
        tuple(copies),
        tuple(scribes),
        tuple(scribe_names),
        classification,
        parts,
        notes,
        source,
        source_note,
        source_inferred,
        tuple(people),
    )


def _well_formed_parts(raw: Any, date: dt.date, paragraph_count: int) -> tuple[Part, ...] | None:
    if type(raw) is not list or not raw:
        return None
    parts = []
    expected_first = 1
    for item in raw:
        if type(item) is not dict:
            return None
        label, span, written_by = item.get("label"), item.get("paragraphs"), item.get("written_by")
        part_scribes = item.get("scribes", [])
        part_date = _iso_date(item["date"]) if "date" in item else date
        if (
            part_date is None
            or not (label is None or type(label) is str)
            or not (written_by is None or type(written_by) is str)
            or not _is_strings(part_scribes)
            or type(span) is not list
            or len(span) != 2
            or type(span[0]) is not int
            or type(span[1]) is not int
            or span[0] != expected_first
            or not span[0] <= span[1] <= paragraph_count
        ):
            return None
        expected_first = span[1] + 1
        parts.append(Part(label, part_date, span[0], span[1], tuple(part_scribes), written_by))
    return tuple(parts) if expected_first == paragraph_count + 1 else None


def _without_implicit(parts: tuple[Part, ...], date: dt.date, scribes: Any) -> tuple[Part, ...]:
    """No parts where the only part is the letter itself (Letter.all_parts makes it again)."""
    if len(parts) == 1:
        part = parts[0]
        if part.label is None and part.written_by is None and part.date == date:
            if list(part.scribes) == list(scribes):
                return ()
    return parts


def _well_formed_notes(raw: Any) -> tuple[Note, ...] | None:
    if type(raw) is not list:
        return None
    notes = []
    for item in raw:
        if type(item) is not dict:
            return None
        marker, text, anchored = item.get("marker"), item.get("text"), item.get("anchored", True)
        if type(marker) is not str or type(text) is not str or not text.strip() or type(anchored) is not bool:
            return None
        notes.append(Note(marker, text, anchored))
    return tuple(notes)


def _where(raw: dict[str, Any], position: int) -> str:
    number = raw.get("number")
    return f"letter {number}" if _whole_number(number) else f"letter at position {position}"


def _check_letter(raw: Any, position: int, problems: list[str], scribe_map: dict[str, Any]) -> Letter | None:
    if not isinstance(raw, dict):
        problems.append(f"letter at position {position}: expected an object, found {_kind(raw)}")
        return None
    fields = _Fields(raw, _where(raw, position), problems)
    number = fields.get("number", _whole_number, "a whole number from 1")
    slug = fields.get("slug", _string, "a string")
    if isinstance(slug, str) and not SLUG.fullmatch(slug):
        fields.problem("slug", f"{slug!r} must be lowercase letters, digits and single hyphens")
    title = fields.get("title", _text, "a non-empty string")
    date = fields.get("date", _iso_date, "a real date as YYYY-MM-DD")
    text = fields.get("text", _text, "a non-empty string")
    section = fields.get("section", _text, "a non-empty string", default=title)
    recipients = fields.get("recipients", _strings, "an array of strings", default=())
    copies = fields.get("copies", _strings, "an array of strings", default=())
    scribes = fields.get("scribes", _strings, "an array of strings", default=())
    default_names = tuple(str(scribe_map.get(s, s)) for s in scribes or ())
    scribe_names = fields.get("scribe_names", _strings, "an array of strings", default=default_names)
    if scribes is not None and scribe_names is not None and len(scribe_names) != len(scribes):
        fields.problem("scribe_names", "must name each of 'scribes', in the same order")
    classification = fields.get("classification", _optional_string, "a string or null", default=None)
    source = fields.get("source", _optional_string, "a string or null", default=None)
    source_note = fields.get("source_note", _optional_string, "a string or null", default=None)
    source_inferred = fields.get("source_inferred", _boolean, "true or false", default=False)
    people = fields.get("people", _strings, "an array of person ids", default=())
    if not fields.ok:
        return None
    paragraph_count = len(text.split(PARAGRAPH_BREAK))
    parts = _check_parts(raw.get("parts"), fields, date, scribes, paragraph_count)
    notes = _check_notes(raw.get("notes", []), fields)
    if parts is None or notes is None:
        return None
    parts = _without_implicit(parts, date, scribes)
    return Letter(
        number=number,
        slug=slug,
        title=title,
        section=section,
        date=date,
        text=text,
        recipients=recipients,
        copies=copies,
        scribes=scribes,
        scribe_names=scribe_names,
        classification=classification,
        parts=parts,
        notes=notes,
        source=source,
        source_note=source_note,
        source_inferred=source_inferred,
        people=people,
    )


def _check_parts(
    raw: Any, fields: _Fields, date: dt.date, scribes: tuple[str, ...], paragraph_count: int
) -> tuple[Part, ...] | None:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        fields.problem("parts", f"expected a non-empty array, found {_kind(raw)}")
        return None
    parts: list[Part] = []
    expected_first = 1
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            fields.problem(f"parts[{index}]", f"expected an object, found {_kind(item)}")
            return None
        part = _Fields(item, f"{fields.where}: parts[{index}]", fields.problems)
        label = part.get("label", _optional_string, "a string or null", default=None)
        part_date = part.get("date", _iso_date, "a real date as YYYY-MM-DD", default=date)
        span = part.get("paragraphs", _paragraph_span, "[first, last] paragraph numbers")
        part_scribes = part.get("scribes", _strings, "an array of strings", default=())
        written_by = part.get("written_by", _optional_string, "a string or null", default=None)
        if not part.ok:
            fields.ok = False
            return None
        first, last = span
        if first != expected_first or last > paragraph_count:
            fields.problem(
                f"parts[{index}]",
                f"paragraphs {first}-{last} do not continue from {expected_first} within the text's "
                f"{paragraph_count} paragraphs",
            )
            return None
        expected_first = last + 1
        parts.append(Part(label, part_date, first, last, part_scribes, written_by))
    if expected_first != paragraph_count + 1:
        fields.problem("parts", f"cover paragraphs 1-{expected_first - 1} of {paragraph_count}")
        return None
    return tuple(parts)


def _paragraph_span(value: Any) -> tuple[int, int] | None:
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(_whole_number(item) for item in value)
        and value[0] <= value[1]
    ):
        return value[0], value[1]
    return None


def _check_notes(raw: Any, fields: _Fields) -> tuple[Note, ...] | None:
    if not isinstance(raw, list):
        fields.problem("notes", f"expected an array, found {_kind(raw)}")
        return None
    notes: list[Note] = []
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            fields.problem(f"notes[{index}]", f"expected an object, found {_kind(item)}")
            return None
        note = _Fields(item, f"{fields.where}: notes[{index}]", fields.problems)
        marker = note.get("marker", _string, "a string")
        text = note.get("text", _text, "a non-empty string")
        anchored = note.get("anchored", _boolean, "true or false", default=True)
        if not note.ok:
            fields.ok = False
            return None
        notes.append(Note(marker, text, anchored))
    return tuple(notes)


def _check_people(raw: Any, problems: list[str]) -> list[Person]:
    if not isinstance(raw, list):
        problems.append(f"people: expected an array, found {_kind(raw)}")
        return []
    people: list[Person] = []
    for position, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            problems.append(f"person at position {position}: expected an object, found {_kind(item)}")
            continue
        fields = _Fields(item, f"person at position {position}", problems)
        person_id = fields.get("id", _text, "a non-empty string")
        name = fields.get("name", _text, "a non-empty string")
        description = fields.get("description", _string, "a string", default="")
        forms = fields.get("forms", _strings, "an array of strings", default=())
        if fields.ok:
            people.append(Person(person_id, name, description, forms))
    return people


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
