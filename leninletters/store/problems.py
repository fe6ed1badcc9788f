"""Name every problem of a corpus document, each with its letter (or person, link, reference) and field.

The records of model.py describe every field once; this walks the same descriptions field by field, and
the rules that join records (assembly.py) one by one, for a document the fast path refused.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable
from typing import Annotated, Any, NamedTuple, TypeVar, Union, get_args, get_origin

import msgspec
from msgspec import Meta, Struct

from leninletters.core.dossiers import Dossier
from leninletters.core.model import (
    LINE_PATTERN,
    PARAGRAPHS_PATTERN,
    Corpus,
    Edition,
    Letter,
    Link,
    Person,
    Reference,
)
from leninletters.store.assembly import EDITION_KEYS, ONE_LINE, assembled, link_identity
from leninletters.store.reading import TOO_DEEP, Duplicated

R = TypeVar("R", bound=Struct)

_LINE = re.compile(LINE_PATTERN)


def check_document(document: Any) -> tuple[Corpus | None, list[str]]:
    """Every problem of a parsed corpus document, and the corpus when there are none."""
    try:
        return _checked_document(document)
    except RecursionError:
        return None, [TOO_DEEP]


class _Parts(NamedTuple):
    """A document's top-level parts, as found (not yet checked)."""

    letters: Any
    people: Any = ()
    edition: Any = None
    references: Any = ()
    links: Any = ()
    dossiers: Any = ()


def _parts(document: Any, problems: list[str]) -> _Parts | str:
    """The document's parts, or why it has none to read."""
    if isinstance(document, list):
        found = _Parts(document, [], {}, [], [], [])
    elif isinstance(document, dict):
        if "letters" not in document:
            return "an object corpus needs a 'letters' key holding the list of letters"
        problems += [f"{key}: given more than once" for key in getattr(document, "duplicates", ())]
        found = _Parts(
            document["letters"],
            document.get("people", []),
            document.get("edition", {}),
            document.get("references", []),
            document.get("links", []),
            document.get("dossiers", []),
        )
    else:
        return (
            f"the corpus must be a JSON array of letters or an object with 'letters', not {_kind(document)}"
        )
    if not isinstance(found.letters, list):
        return f"'letters' must be an array, not {_kind(found.letters)}"
    return found if found.letters else "the corpus has no letters"


def _checked_document(document: Any) -> tuple[Corpus | None, list[str]]:
    problems: list[str] = []
    parts = _parts(document, problems)
    if isinstance(parts, str):
        return None, [parts]
    edition = _checked_edition(parts.edition, problems)
    letters = _checked_letters(parts.letters, _person_ids(parts.people), problems)
    people = _records(parts.people, Person, "people", "person", problems)
    _explain_repeats(_raw_values(parts.people, "id"), "person", "id", problems)
    references = _records(parts.references, Reference, "references", "reference", problems)
    links = _checked_links(parts.links, {letter.slug for letter in letters}, problems)
    dossiers = _checked_dossiers(parts.dossiers, {letter.slug for letter in letters}, problems)
    if problems:
        return None, problems
    corpus = assembled(letters, people, edition, references, links, dossiers)
    return (corpus, []) if corpus else (None, ["not a corpus"])


def _checked_edition(edition: Any, problems: list[str]) -> dict[str, Any]:
    """The edition object, each problem of its keys added (an edition that is no object counts as empty)."""
    if not isinstance(edition, dict):
        problems.append(f"edition: expected an object, found {_kind(edition)}")
        return {}
    _explain_record(edition, Edition, "edition", problems)
    for key, value in edition.items():
        if key not in EDITION_KEYS:
            _explain_lines(value, f"edition: {_key(key, 'edition', problems)}", problems)
    return edition


def _checked_letters(raw_letters: list[Any], ids: set[str], problems: list[str]) -> list[Letter]:
    """The letters that are right on their own, each problem of the others added, and every number or
    slug used twice. The ids are those a letter may name: the corpus's people's, when it lists any (the
    letters alone, as `list --json` prints them, are a corpus too, and name people it does not list)."""
    letters: list[Letter] = []
    first_seen: dict[tuple[str, Any], int] = {}
    for position, raw in enumerate(raw_letters, start=1):
        where = _where(raw, position)
        letter = _record(raw, Letter, where, problems)
        if letter is not None:
            letters.append(letter)
        if not isinstance(raw, dict):
            continue
        if ids:
            _explain_names(raw, where, ids, problems)
        # Repeats are checked on the raw values, so they are reported even beside other problems.
        for key in ("number", "slug"):
            _explain_repeat(raw.get(key), position, "letter", key, first_seen, problems)
    return letters


def _raw_values(raw: Any, key: str) -> list[tuple[Any, int]]:
    """Each object's value of a key, with the object's position in the array."""
    items = raw if isinstance(raw, list) else []
    return [(item.get(key), position) for position, item in enumerate(items, 1) if isinstance(item, dict)]


def _explain_repeats(values: Iterable[tuple[Any, int]], one: str, key: str, problems: list[str]) -> None:
    """Add each value given again after its first position."""
    first_seen: dict[tuple[str, Any], int] = {}
    for value, position in values:
        _explain_repeat(value, position, one, key, first_seen, problems)


def _explain_repeat(
    value: Any, position: int, one: str, key: str, first_seen: dict[tuple[str, Any], int], problems: list[str]
) -> None:
    """Add a value given again (one that is no number or string is the record's own problem)."""
    if not isinstance(value, int | str) or isinstance(value, bool):
        return
    if (key, value) in first_seen:
        problems.append(
            f"{one} at position {position}: {key}: {value!r} is used again "
            f"(first at position {first_seen[key, value]})"
        )
    else:
        first_seen[key, value] = position


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
    """The links between letters, each naming two letters of the corpus, and each once."""
    links: list[Link] = []
    if not isinstance(raw_links, list):
        problems.append(f"links: expected an array, found {_kind(raw_links)}")
        return links
    first_seen: dict[frozenset[str], int] = {}
    for position, raw in enumerate(raw_links, start=1):
        link = _record(raw, Link, f"link at position {position}", problems)
        if link is None:
            continue
        for end in (link.a, link.b):
            if end not in slugs:
                problems.append(f"link at position {position}: no letter has the slug {end!r}")
        same = first_seen.setdefault(link_identity(link), position)
        if same != position:
            problems.append(
                f"link at position {position}: joins {link.a!r} and {link.b!r} again "
                f"(first at position {same}; a link is unordered, shown on both letters)"
            )
        links.append(link)
    return links


def _checked_dossiers(raw_dossiers: Any, slugs: set[str], problems: list[str]) -> list[Dossier]:
    """The curated dossiers, each naming only letters of the corpus, each id once."""
    if not isinstance(raw_dossiers, list):
        problems.append(f"dossiers: expected an array, found {_kind(raw_dossiers)}")
        return []
    dossiers: list[Dossier] = []
    for position, raw in enumerate(raw_dossiers, start=1):
        where = f"dossier at position {position}"
        dossier = _record(raw, Dossier, where, problems)
        if dossier is None:
            continue
        for index, slug in enumerate(dossier.letters, start=1):
            if slug not in slugs:
                problems.append(f"{where}: letters[{index}]: no letter has the slug {slug!r}")
        dossiers.append(dossier)
    _explain_repeats(_raw_values(raw_dossiers, "id"), "dossier", "id", problems)
    return dossiers


def _where(raw: Any, position: int) -> str:
    number = raw.get("number") if isinstance(raw, dict) else None
    if "number" in getattr(raw, "duplicates", ()):
        number = None  # which of its numbers names it?
    if (
        isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= 999_999_999
    ):  # a number a letter may have
        return f"letter {number}"
    return f"letter at position {position}"


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        Duplicated: "an object",
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
    if not duplicated(raw, depth=2):
        try:
            return msgspec.convert(raw, kind)
        except (msgspec.ValidationError, UnicodeError):  # an unpaired surrogate where no string belongs
            pass
    before = len(problems)
    _explain_record(raw, kind, where, problems)
    if len(problems) == before:  # cannot happen: convert failed, so something is wrong
        problems.append(f"{where}: {_fault(raw, kind) or 'not valid'}")
    return None


def duplicated(value: Any, depth: int = 4) -> bool:
    """Whether an object, or a record within `depth` levels of it, repeats a key (a corpus's parts are
    four levels down: letters, a letter, its parts, a part)."""
    if type(value) is Duplicated:
        return True
    if depth == 0:
        return False
    items = value.values() if type(value) is dict else value if type(value) is list else ()
    return any(type(item) in (dict, list, Duplicated) and duplicated(item, depth - 1) for item in items)


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
        if ONE_LINE.search(value) is None:
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
    if ONE_LINE.search(key) is not None:
        return key
    problems.append(f"{where}: key {key!r}: {_string_problem(key, paragraphs=False) or 'must be one line'}")
    return repr(key)


def _shown(key: str) -> str:
    return key if ONE_LINE.search(key) is not None else repr(key)


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_SEPARATOR = re.compile("[\u2028\u2029]")
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
    found = _SEPARATOR.search(value)
    if found:
        return (
            f"holds a line or paragraph separator (U+{ord(found[0]):04X}) at character {found.start() + 1}; "
            "readers split lines there"
        )
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
