"""Drafts into a corpus: slugs made unique, people named once by their refs, letters numbered in date order
(undated last), correspContext's previous and next letters as links of the kind "series".

Memory stays flat in the number of letters: each letter is encoded as it arrives and spooled to a
temporary file; only its sort key, place in the spool and slug stay in memory until the corpus is written.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import msgspec

from leninletters.importers import names
from leninletters.importers.correspondence import Named, earliest, exact_day
from leninletters.importers.tei import Draft

# What a letter that the source gives no text for (a CMIF record) holds as its text: the corpus needs one,
# and this says, in the edition's angle brackets, that none was invented.
METADATA_ONLY = "⟨no text: the source gives this letter's metadata only⟩"
AUTHORITY = "import"
UNDATED = "9999-99-99"  # sorts after every day
_encode = msgspec.json.Encoder().encode


@dataclass(order=True, slots=True)
class _Spooled:
    day: str
    arrival: int
    slug: str = field(compare=False)
    offset: int = field(compare=False)
    size: int = field(compare=False)


class CorpusWriter:
    """Collects letters one at a time and writes the corpus they make."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.unmapped: Counter[str] = Counter()
        self._spool: IO[bytes] = tempfile.TemporaryFile()
        self._letters: list[_Spooled] = []
        self._spooled_bytes = 0
        self._slugs: set[str] = set()
        self._aliases: dict[str, str] = {}
        self._pending: list[tuple[str, str, str]] = []  # (slug, reason, target)
        self._people: dict[str, dict[str, Any]] = {}  # by identity
        self._ids: set[str] = set()

    def __len__(self) -> int:
        return len(self._letters)

    def close(self) -> None:
        self._spool.close()

    def add(self, draft: Draft) -> None:
        slug = self._unique(names.letter_slug(draft.wish), self._slugs)
        for alias in draft.aliases:
            self._aliases.setdefault(alias, slug)
        self._pending.extend((slug, reason, target) for reason, target in draft.meta.links)
        letter = self._record(draft, slug)
        encoded = _encode(letter)
        offset = self._spooled_bytes  # the spool is only appended to: no seek (which would flush it)
        self._spool.write(encoded)
        self._spooled_bytes += len(encoded)
        day = earliest(draft.meta.dating) or UNDATED
        self._letters.append(_Spooled(day, len(self._letters), slug, offset, len(encoded)))

    @staticmethod
    def _unique(wish: str, taken: set[str]) -> str:
        candidate, count = wish, 1
        while candidate in taken:
            count += 1
            candidate = f"{wish}-{count}"
        taken.add(candidate)
        return candidate

    def _person(self, named: Named) -> str:
        """The id of the person a name is, registering the person or the new spelling."""
        person = self._people.get(named.identity)
        if person is None:
            person = {
                "id": self._unique(names.person_id(named.identity), self._ids),
                "name": named.name or named.form,
                "description": "",
                "forms": [],
                "ref": named.ref,
                "uris": list(named.uris),
            }
            self._people[named.identity] = person
        for form in (named.form, named.name):
            if form and form not in person["forms"]:
                person["forms"].append(form)
        for uri in named.uris:
            if uri not in person["uris"]:
                person["uris"].append(uri)
        return str(person["id"])

    def _record(self, draft: Draft, slug: str) -> dict[str, Any]:
        meta = draft.meta
        reading = draft.reading
        mentions = [
            {"person": self._person(named), "kind": kind, "form": named.form, "where": where}
            for where, kind, group in (
                ("senders", "sender", meta.senders),
                ("recipients", "recipient", meta.recipients),
                ("copies", "copy", meta.copies),
            )
            for named in group
        ]
        paragraphs = reading.paragraphs if reading else []
        if reading is not None and not paragraphs:
            self.unmapped["a letter whose body has no reading text"] += 1
        letter: dict[str, Any] = {"slug": slug, "title": draft.title or _title(draft)}
        day = exact_day(meta.dating)
        if day:
            letter["date"] = day
        letter |= {
            "dating": meta.dating,
            "senders": [named.form for named in meta.senders],
            "recipients": [named.form for named in meta.recipients],
            "copies": [named.form for named in meta.copies],
            "places": meta.places,
            "languages": list(draft.languages),
            "events": meta.events,
            "text": "\n\n".join(paragraphs) or METADATA_ONLY,
        }
        if reading is not None and _parts_of_their_own(reading.parts, day):
            letter["parts"] = reading.parts
        if reading is not None and reading.notes:
            letter["notes"] = reading.notes
        if draft.url:
            letter["source"] = draft.url
        if meta.recipients_inferred:
            letter["recipients_inferred"] = True
        letter["people"] = list(dict.fromkeys(mention["person"] for mention in mentions))
        letter["mentions"] = mentions
        return letter

    def links(self) -> Iterator[dict[str, Any]]:
        """correspContext's previous and next letters among those imported, each pair once."""
        seen: set[frozenset[str]] = set()
        for slug, reason, target in self._pending:
            other = _target(target, self._aliases, self._slugs)
            if other is None:
                self.unmapped["a previous or next letter that is not among those imported"] += 1
                continue
            pair = frozenset((slug, other))
            if other == slug or pair in seen:
                continue
            seen.add(pair)
            # One link, read from either letter: its reason says which comes first, not "next" or
            # "previous", which would be true from one side only.
            earlier, later = (other, slug) if "previous" in reason else (slug, other)
            yield {
                "a": earlier,
                "b": later,
                "kind": "series",
                "reason": f"By the source's correspContext, {earlier} comes before {later}.",
                "authority": AUTHORITY,
                "certainty": "high",
            }

    def pieces(self) -> Iterator[str]:
        """The corpus file, in pieces: the edition, the letters in date order, the people, the links."""
        head = {
            "edition": {"title": f"Letters imported from {self.label}", "sender": None, "language": None},
            "references": [{"id": AUTHORITY, "title": f"leninletters import of {self.label}", "url": None}],
        }
        yield _encode(head).decode()[:-1] + ',\n"letters": [\n'
        for number, spooled in enumerate(sorted(self._letters), start=1):
            self._spool.seek(spooled.offset)
            record = self._spool.read(spooled.size).decode()
            separator = ",\n" if number > 1 else ""
            yield f'{separator}{{"number":{number},{record[1:]}'
        # People and links one at a time too: at 100,000 letters a list of them all is megabytes.
        yield "\n],\n" + '"people": ['
        yield from _each(self._people.values())
        yield '],\n"links": ['
        yield from _each(self.links())
        yield "]\n}\n"


def _each(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """JSON objects, one piece each, separated as an array's items."""
    for index, record in enumerate(records):
        yield ("\n" if index == 0 else ",\n") + _encode(record).decode()


def _parts_of_their_own(parts: list[dict[str, Any]], day: str | None) -> bool:
    """Whether the parts say more than the letter does: several, or one of a kind, hand or other date."""
    if len(parts) != 1:
        return bool(parts)
    part = parts[0]
    return bool(part["kind"] or part["written_by"] or part.get("date", day) != day)


def _target(target: str, aliases: dict[str, str], slugs: set[str]) -> str | None:
    """The slug of the letter a correspContext target names: "#L00020", "L00020", ".../L00020.xml"."""
    bare = target.removeprefix("#")
    tail = bare.rstrip("/").rsplit("/", 1)[-1]
    candidates = (target, bare, tail, tail.rsplit(".", 1)[0])
    for candidate in candidates:
        if candidate in aliases:
            return aliases[candidate]
    for candidate in candidates:  # "#b0001" for a letter whose id is "B0001"
        slug = names.letter_slug(candidate)
        if slug in slugs:
            return slug
    return None


def _title(draft: Draft) -> str:
    """A title where the file gives none: "Fedor Mamroth to Arthur Schnitzler, 2. 8. 1889"."""
    meta = draft.meta
    senders = ", ".join(named.name or named.form for named in meta.senders) or "Unknown"
    recipients = ", ".join(named.name or named.form for named in meta.recipients) or "unknown"
    dating = meta.dating or {}
    when = dating.get("text") or dating.get("when") or _range(dating) or "undated"
    return names.one_line(f"{senders} to {recipients}, {when}")


def _range(dating: dict[str, Any]) -> str | None:
    start = dating.get("not_before") or dating.get("from")
    end = dating.get("not_after") or dating.get("to")
    if start and end:
        return f"{start} – {end}"
    return start or end
