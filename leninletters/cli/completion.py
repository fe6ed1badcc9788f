"""What Tab offers: letter numbers and slugs, section slugs, people's names, the query's fields and values.

The store says what a corpus offers (store.offers: the bundled edition read fast, a named corpus only when
it is valid); this module chooses among it by what is typed. Knows nothing of Typer or of the shells: the
command line passes in the word being completed, and shells.py quotes what comes back for the shell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from leninletters.store.offers import OfferedLetter, corpus_path, native_surnames, offers

# A completion: the value, and a line of help the shells that show one (zsh, fish) print beside it.
Item = tuple[str, str]

__all__ = ["Item", "corpus_path", "field_values", "people", "query", "references", "scribes"]


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
    letters = offers(path).letters
    if incomplete[:1].isdigit():
        return _starting(incomplete, ((str(e.number), f"{e.date} {e.title}") for e in letters))
    return _starting(incomplete, ((e.slug, f"{e.number}. {e.date} {e.title}") for e in letters))


def people(incomplete: str, path: Path | None = None) -> list[Item]:
    """People's ids, and for what is typed, their one-word names and forms ("Trotsky", "L.F.", "Сталин")."""
    found = offers(path).people
    ids = [(person.id, person.name) for person in found]
    if not incomplete:
        return ids
    words = [
        (word, person.name)
        for person in found
        for word in (person.name.split()[-1], *person.forms)
        if " " not in word
    ]
    native = list(native_surnames()) if not incomplete.isascii() else []
    return _starting(incomplete, [*ids, *words, *native])


def scribes(incomplete: str, path: Path | None = None) -> list[Item]:
    """The scribes' initials and surnames (L.F., fotieva), and none."""
    named: dict[str, str] = {}
    for entry in offers(path).letters:
        named.update(zip(entry.scribes, entry.scribe_names or entry.scribes, strict=False))
    candidates = list(named.items())
    candidates += [(name.split()[-1].lower(), name) for name in named.values() if name.split()]
    return _starting(incomplete, [*candidates, ("none", "no scribe printed or attributed")])


def _sections(letters: Sequence[OfferedLetter]) -> list[Item]:
    """The sections as references name them (references.sections): a heading over several dictations,
    named by its first letter's slug, where that slug's words are the heading's (so section:SLUG works)."""
    found: list[tuple[OfferedLetter, int]] = []
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


def query(incomplete: str, path: Path | None = None) -> list[Item]:
    """The query's fields (to:, date:, …) and, after one, its values: to:trotsky, slug:testament."""
    from leninletters.store.asking import query_fields

    field, colon, value = incomplete.partition(":")
    if not colon:
        return _starting(incomplete, ((f"{name}:", help_text) for name, help_text in query_fields().items()))
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
        return _starting(value, _sections(offers(path).letters))
    if field == "date":
        dates = dict.fromkeys(e.date for e in offers(path).letters)
        return _starting(value, ((day, "") for day in dates))
    if field == "number":
        return _starting(value, ((str(e.number), e.title) for e in offers(path).letters))
    if field == "secret":
        return _starting(value, [("top", "Top secret")])
    if field == "dossier":
        return _starting(value, ((dossier.id, dossier.title) for dossier in offers(path).dossiers))
    return []
