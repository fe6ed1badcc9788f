"""What a store offers Tab: the few fields of letters and people that completion shows, read fast.

Completion runs on every Tab, so the bundled edition (checked when it was built) is decoded into small
records of a few fields, never into letters. A corpus the user names is untrusted: it is read through the
same validation as every command's (corpus.load), and one that fails offers nothing, silently, because a
Tab has nowhere to say why.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import msgspec

from leninletters.core.dating import short_date
from leninletters.core.errors import CorpusError
from leninletters.store import corpus


class OfferedLetter(msgspec.Struct, frozen=True):
    number: int
    slug: str
    title: str
    date: str
    section: str = ""
    scribes: tuple[str, ...] = ()
    scribe_names: tuple[str, ...] = ()


class OfferedPerson(msgspec.Struct, frozen=True):
    id: str
    name: str
    forms: tuple[str, ...] = ()


class Offers(msgspec.Struct, frozen=True):
    letters: tuple[OfferedLetter, ...] = ()
    people: tuple[OfferedPerson, ...] = ()


NOTHING = Offers()

_decode_bundled = msgspec.json.Decoder(list[OfferedLetter] | Offers).decode


def corpus_path(given: Path | str | None) -> Path | None:
    """The corpus a command line names (--corpus, else $LENINLETTERS_CORPUS), or None for the bundled."""
    return Path(given) if given else corpus.default_path()


@cache
def offers(path: Path | None = None) -> Offers:
    """The letters and people Tab may offer: the bundled edition's, or a valid corpus file's; none else."""
    if path is None:
        return _bundled()
    try:
        loaded = corpus.load(path)
    except (OSError, ValueError, RecursionError, CorpusError):
        return NOTHING
    letters = tuple(
        OfferedLetter(
            number=letter.number,
            slug=letter.slug,
            title=letter.title,
            date=short_date(letter),
            section=letter.section,
            scribes=letter.scribes,
            scribe_names=letter.scribe_names,
        )
        for letter in loaded.letters
    )
    people = tuple(OfferedPerson(person.id, person.name, person.forms) for person in loaded.people)
    return Offers(letters, people)


def _bundled() -> Offers:
    try:
        document = _decode_bundled(corpus.bundled_text(corpus.BUNDLED_FILE))
    except (OSError, ValueError, msgspec.MsgspecError):  # a broken installation: nothing to offer
        return NOTHING
    return Offers(letters=tuple(document)) if isinstance(document, list) else document


def native_surnames() -> Iterator[tuple[str, str]]:
    """Each bundled person's surname in Russian (Сталин), with their id."""
    from leninletters.core import names

    for person_id, entry in names.bundled_names().items():
        yield entry.native.split()[-1], person_id
