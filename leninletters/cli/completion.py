"""What Tab offers: letter numbers and slugs, section slugs, people's names, the query's fields and values.

Completion runs on every Tab, so it reads only what it offers: the corpus file is decoded into small
records of a few fields (msgspec skips the rest without building it), never into letters.

Pure: knows nothing of Typer or the terminal; the command line passes in the word being completed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import msgspec

# A completion: the value, and a line of help the shells that show one (zsh, fish) print beside it.
Item = tuple[str, str]


class _Letter(msgspec.Struct):
    number: int
    slug: str
    title: str
    date: str
    section: str = ""
    scribes: list[str] = []
    scribe_names: list[str] = []


class _Person(msgspec.Struct):
    id: str
    name: str
    forms: list[str] = []


class _Document(msgspec.Struct):
    letters: list[_Letter]
    people: list[_Person] = []


_decode = msgspec.json.Decoder(list[_Letter] | _Document).decode


def _load(path: Path | None) -> _Document:
    """The corpus's letters and people, as little of them as completion needs; empty if unreadable."""
    from leninletters.core.errors import CorpusError
    from leninletters.store import corpus

    try:
        if path is None:
            data: bytes | str = corpus.bundled_text(corpus.BUNDLED_FILE)
        else:
            data = corpus.read_bytes(path)
        document = _decode(data)
    except (OSError, ValueError, msgspec.MsgspecError, CorpusError):
        return _Document(letters=[])
    return _Document(letters=document) if isinstance(document, list) else document


def corpus_path(given: Path | str | None) -> Path | None:
    """The corpus a command line names (--corpus, else $LENINLETTERS_CORPUS), or None for the bundled."""
    from leninletters.store.corpus import CORPUS_ENV

    value = given or os.environ.get(CORPUS_ENV)
    return Path(value) if value else None


def _starting(incomplete: str, candidates: Iterable[Item]) -> list[Item]:
    """The candidates that start with what was typed, in any case, written as it was typed so far."""
    typed = incomplete.casefold()
    seen: set[str] = set()
    found: list[Item] = []
    for value, help_text in candidates:
        if value.casefold().startswith(typed) and value.casefold() not in seen:
            seen.add(value.casefold())
            found.append((incomplete + value[len(incomplete) :], help_text))
    return found


def references(incomplete: str, path: Path | None = None) -> list[Item]:
    """Letter numbers and slugs (section slugs among them), each with its date and title."""
    letters = _load(path).letters
    if incomplete[:1].isdigit():
        return _starting(incomplete, ((str(e.number), f"{e.date} {e.title}") for e in letters))
    return _starting(incomplete, ((e.slug, f"{e.number}. {e.date} {e.title}") for e in letters))


def _native_surnames() -> Iterator[Item]:
    from leninletters.core import names

    for person_id, entry in names.bundled_names().items():
        yield entry.native.split()[-1], person_id


def people(incomplete: str, path: Path | None = None) -> list[Item]:
    """People's ids, and for what is typed, their one-word names and forms ("Trotsky", "L.F.", "Сталин")."""
    found = _load(path).people
    ids = [(person.id, person.name) for person in found]
    if not incomplete:
        return ids
    words = [
        (word, person.name)
        for person in found
        for word in (person.name.split()[-1], *person.forms)
        if " " not in word
    ]
    native = list(_native_surnames()) if not incomplete.isascii() else []
    return _starting(incomplete, [*ids, *words, *native])


def scribes(incomplete: str, path: Path | None = None) -> list[Item]:
    """The scribes' initials and surnames (L.F., fotieva), and none."""
    named: dict[str, str] = {}
    for entry in _load(path).letters:
        named.update(zip(entry.scribes, entry.scribe_names or entry.scribes, strict=False))
    candidates = list(named.items())
    candidates += [(name.split()[-1].lower(), name) for name in named.values() if name.split()]
    return _starting(incomplete, [*candidates, ("none", "no scribe printed or attributed")])


def _sections(letters: Sequence[_Letter]) -> list[Item]:
    """The sections as references name them (references.sections): a heading over several dictations,
    named by its first letter's slug, where that slug's words are the heading's (so section:SLUG works)."""
    found: list[tuple[_Letter, int]] = []
    for entry in letters:
        section = entry.section or entry.title
        continues = found and (found[-1][0].section or found[-1][0].title) == section != entry.title
        if continues:
            found[-1] = (found[-1][0], found[-1][1] + 1)
        else:
            found.append((entry, 1))
    return [
        (opening.slug, f"section: {opening.section or opening.title}")
        for opening, count in found
        if count > 1
        and set(opening.slug.split("-")) <= set((opening.section or opening.title).casefold().split())
    ]


def query(incomplete: str, path: Path | None = None, before: Sequence[str] = ()) -> list[Item]:
    """The query's fields (to:, date:, …) and, after one, its values: to:trotsky, slug:testament.

    bash splits words at colons: it asks for to:tr as the word tr after to and ":" (then the values alone
    replace tr), and for to: as the word ":" after to (then ":" and the values replace it).
    """
    from leninletters.core.querylang import FIELDS

    if incomplete == ":" and before and before[-1].lower() in FIELDS:
        return [(f":{v}", h) for v, h in field_values(before[-1].lower(), "", path)]
    if len(before) >= 2 and before[-1] == ":" and before[-2].lower() in FIELDS:
        return field_values(before[-2].lower(), incomplete, path)
    field, colon, value = incomplete.partition(":")
    if not colon:
        return _starting(incomplete, ((f"{name}:", help_text) for name, (_, help_text) in FIELDS.items()))
    return [(f"{field}:{v}", h) for v, h in field_values(field.lower(), value, path)]


def field_values(field: str, value: str, path: Path | None = None) -> list[Item]:
    """What may follow a field's colon, starting with what is typed."""
    if field in ("to", "cc", "person"):
        return people(value, path)
    if field == "scribe":
        return scribes(value, path)
    if field == "slug":
        return [] if value[:1].isdigit() else references(value, path)
    if field == "section":
        return _starting(value, _sections(_load(path).letters))
    if field == "date":
        dates = dict.fromkeys(e.date for e in _load(path).letters)
        return _starting(value, ((day, "") for day in dates))
    if field == "number":
        return _starting(value, ((str(e.number), e.title) for e in _load(path).letters))
    if field == "secret":
        return _starting(value, [("top", "Top secret")])
    return []
