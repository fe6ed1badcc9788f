"""One correspDesc into the letter's metadata: who wrote to whom, where and when, as the shape of
docs/corpus.md holds it. Shared by TEI letter files and CMIF files (which are correspDescs alone).

What the source says is kept as it says it (a name's form, a ref, a date's bounds and the editor's words);
what cannot be kept is counted in `unmapped`, by kind, for the summary.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from leninletters.core.correspondence import LANGUAGE_PATTERN
from leninletters.core.dates import date_range
from leninletters.importers import names
from leninletters.importers.safexml import TEI_NS, XML_NS, local

NAME_TAGS = frozenset({"persName", "orgName", "name", "rs"})
PLACE_TAGS = frozenset({"placeName", "settlement"})
# What a ref may resolve to for a name: a person's ref that points at a place is an upstream slip.
ENTITY_TAGS = {"person": "person", "personGrp": "person", "org": "person", "place": "place"}
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
_DAY = re.compile(r"\A(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_DATE_KEYS = (("when", "when"), ("notBefore", "not_before"), ("notAfter", "not_after"), ("from", "from"))
# Each TEI dating attribute, and its -iso twin, with the key it fills.
_DATE_ATTRIBUTES = tuple(
    (attribute + suffix, key) for attribute, key in (*_DATE_KEYS, ("to", "to")) for suffix in ("", "-iso")
)
CERTAINTIES = frozenset({"high", "medium", "low", "unknown"})
PREVIOUS = frozenset({"previous", "previous_letter", "prev", "previousLetter"})
NEXT = frozenset({"next", "next_letter", "nextLetter"})
OTHER_ACTIONS = "transmitted", "forwarded", "redirected", "delivered"


@dataclass(frozen=True)
class Entity:
    """What a file says of a person or place it registers (text/back): its kind, name and URIs."""

    kind: str
    name: str
    uris: tuple[str, ...]


# Between a local pointer and the authority of the entry it points at, in a Named's identity.
IDENTITY_SEPARATOR = "\n"


@dataclass(frozen=True)
class Named:
    """A name met in a correspAction: the form given, its ref raw, and who it is taken to be."""

    form: str
    ref: str | None
    identity: str
    name: str
    uris: tuple[str, ...] = ()


@dataclass
class Correspondence:
    """A letter's metadata, in the corpus's keys."""

    senders: list[Named] = field(default_factory=list)
    recipients: list[Named] = field(default_factory=list)
    copies: list[Named] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    dating: dict[str, Any] | None = None
    recipients_inferred: bool = False
    links: list[tuple[str, str]] = field(default_factory=list)  # (reason, target as the file gives it)


class Register:
    """The persons, organisations and places a file describes (its back, standOff, particDesc), by
    their xml:id. Read when a ref first asks, and each entity only when asked for: an edition's back
    lists dozens of people with their life dates and a dozen idnos each, and a letter's refs name a few."""

    def __init__(self, *within: ET.Element | None) -> None:
        self._within = within
        self._elements: dict[str, tuple[str, ET.Element]] | None = None
        self._entities: dict[str, Entity | None] = {}

    def get(self, identifier: str) -> Entity | None:
        if identifier not in self._entities:
            element = self._index().get(identifier)
            self._entities[identifier] = (
                Entity(element[0], _entity_name(element[1]), tuple(_uris(element[1]))) if element else None
            )
        return self._entities[identifier]

    def _index(self) -> dict[str, tuple[str, ET.Element]]:
        if self._elements is None:
            self._elements = {}
            # Down through the lists and divisions that hold entities, never into an entity's own
            # elements (its birth, its idnos): those are most of a back.
            waiting = [root for root in self._within if root is not None]
            while waiting:
                for element in waiting.pop():
                    name = local(element.tag)
                    kind = ENTITY_TAGS.get(name)
                    if kind is not None:
                        identifier = element.get(XML_ID)
                        if identifier:
                            self._elements[identifier] = (kind, element)
                    elif name.startswith("list") or name in ("div", "back", "standOff", "particDesc"):
                        waiting.append(element)
        return self._elements


XML_ID = f"{XML_NS}id"
IDNO_TEI = f"{TEI_NS}idno"
NOTHING_REGISTERED = Register()


def _entity_name(element: ET.Element) -> str:
    """An entity's name in reading order: "Forename Surname" from its first name element's parts."""
    for child in element:
        tag = local(child.tag)
        if tag in NAME_TAGS or tag in PLACE_TAGS or tag == "orgName":
            forename = " ".join(
                names.one_line("".join(p.itertext())) for p in child if local(p.tag) == "forename"
            )
            surname = " ".join(
                names.one_line("".join(p.itertext())) for p in child if local(p.tag) == "surname"
            )
            if forename or surname:
                return f"{forename} {surname}".strip()
            return names.display_form(names.one_line("".join(child.itertext())))
    return ""


def _uris(element: ET.Element) -> Iterator[str]:
    # The idnos are found in C (a plain tag); an element in the TEI namespace holds TEI idnos.
    idno = IDNO_TEI if element.tag.startswith(TEI_NS) else "idno"
    for child in element.findall(idno):
        if child.text:
            uri = _idno(child.get("subtype"), child.get("type"), child.text)
            if uri:
                yield uri


@functools.lru_cache(maxsize=4096)
def _idno(subtype: str | None, kind: str | None, value: str) -> str | None:
    """An idno's URI from its subtype, else its type. Cached across files: an edition prints its
    register's entry for a person in every letter that names them, a dozen idnos each."""
    uri = names.idno_uri(subtype or kind or "", value)
    if uri is None and kind:
        uri = names.idno_uri(kind, value)
    return uri


def resolve(form: str, ref: str | None, kind: str, entities: Register, unmapped: Counter[str]) -> Named:
    """Who a name with a ref is: the registered entity it points at, the URI it is, or, where it points
    nowhere or in an odd form, the raw ref kept and counted (never a guess)."""
    display = names.display_form(form)
    ref = names.one_line(ref or "")
    if not ref:
        return Named(form, None, f"name:{form}", display)
    first = ref.split()[0]
    if len(ref.split()) > 1:
        unmapped["a ref with several targets (the first is taken)"] += 1
    uri = names.as_uri(first)
    if uri:
        return Named(form, ref, uri, display, (uri,))
    if names.is_uri(first):
        unmapped["a ref that looks like a URI but is none (kept raw)"] += 1
        return Named(form, ref, first, display)
    if not first.startswith("#"):
        unmapped["a ref without '#' that is no URI (kept raw)"] += 1
        return Named(form, ref, first, display)
    entity = entities.get(first[1:])
    if entity is None:
        unmapped["a ref that resolves nowhere in its file (kept raw)"] += 1
        return Named(form, ref, first, display)
    if entity.kind != kind:
        unmapped[f"a {kind}'s ref that points at a {entity.kind} (kept raw)"] += 1
        return Named(form, ref, first, display)
    # A local pointer names an entry of its own file's register: where the entry has an authority, the
    # person is that authority's (two files' "#p1" may be two people); without one, the pointer alone.
    identity = f"{first}{IDENTITY_SEPARATOR}{entity.uris[0]}" if entity.uris else first
    return Named(form, ref, identity, entity.name or display, entity.uris)


# The parts of a name, which an edition may set side by side with no space between them
# (<forename>Anna</forename><surname>Weber</surname>): each is a word of its own.
NAME_PARTS = frozenset({"forename", "surname", "roleName", "addName", "nameLink", "genName", "placeName"})


def _text(element: ET.Element) -> str:
    """An element's text on one line, the parts of a name parted by a space ("Anna Weber", not
    "AnnaWeber"), and no space left before a comma ("Weber, Anna")."""
    pieces: list[str] = []
    _gather(element, pieces)
    return re.sub(r" ([,;.])", r"\1", names.one_line("".join(pieces)))


def _gather(node: ET.Element, pieces: list[str]) -> None:
    # A function of its own, not a closure: an import runs without the cycle collector, and a recursive
    # closure is a cycle.
    if node.text:
        pieces.append(node.text)
    for child in node:
        parted = " " if local(child.tag) in NAME_PARTS else ""
        pieces.append(parted)
        _gather(child, pieces)
        pieces.append(parted)
        if child.tail:
            pieces.append(child.tail)


def partial_day(value: str | None, unmapped: Counter[str]) -> str | None:
    """A TEI date value as YYYY, YYYY-MM or YYYY-MM-DD (a time of day dropped); None, counted, if not."""
    if value is None:
        return None
    value = value.strip().partition("T")[0]
    match = _DAY.match(value)
    if match and _real(*match.groups()):
        return value
    unmapped["a date value that is not YYYY, YYYY-MM or YYYY-MM-DD (its text is kept)"] += 1
    return None


def _real(year: str, month: str | None, day: str | None) -> bool:
    if year == "0000" or (month and not 1 <= int(month) <= 12):
        return False
    return not day or 1 <= int(day) <= calendar.monthrange(int(year), int(month or 1))[1]


def dating(element: ET.Element, action: str, unmapped: Counter[str]) -> dict[str, Any] | None:
    """A date element as the corpus's dating: its bounds, the editor's text, @cert and @evidence."""
    found: dict[str, Any] = {}
    attributes = element.attrib
    for attribute, key in _DATE_ATTRIBUTES:
        if attribute in attributes:
            day = partial_day(attributes[attribute], unmapped)
            if day:
                found.setdefault(key, day)
    text = _text(element) if element.text or len(element) else ""
    if text and text != found.get("when"):
        found["text"] = text
    start, end = span(found) if len(found) > 1 else (None, None)
    if start and end and end < start:
        unmapped["a date whose bounds leave no day (its text is kept)"] += 1
        found = {key: value for key, value in found.items() if key == "text"}
    if not found:
        return None
    cert = element.get("cert")
    if cert in CERTAINTIES:
        found["cert"] = cert
    elif cert:
        unmapped["a date's @cert other than high, medium, low, unknown"] += 1
    if element.get("evidence"):
        found["evidence"] = names.one_line(element.get("evidence") or "") or None
    found["action"] = action
    return found


def span(found: dict[str, Any] | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a dating allows, None where it is open: each bound given narrows it, as
    the corpus reads a dating (core.correspondence.Dating.span)."""
    if not found:
        return None, None
    starts = [date_range(found[key])[0] for key in ("when", "not_before", "from") if found.get(key)]
    ends = [date_range(found[key])[1] for key in ("when", "not_after", "to") if found.get(key)]
    return (max(starts) if starts else None, min(ends) if ends else None)


def language(ident: str, unmapped: Counter[str]) -> str | None:
    """A language's @ident where it is a BCP 47 tag in form ("de-AT"); None, counted, where not."""
    tag = ident.strip()
    if _LANGUAGE.match(tag):
        return tag
    unmapped["a language that is no BCP 47 tag"] += 1
    return None


def earliest(found: dict[str, Any] | None) -> str | None:
    """The day a letter sorts by, as YYYY-MM-DD: the first its dating allows (with only an upper bound,
    that bound); None if undated."""
    if (
        found
        and len(found.get("when") or "") == 10
        and not any(found.get(key) for key in ("not_before", "not_after", "from", "to"))
    ):
        return str(found["when"])  # the common case, a day: no spans to compute
    start, end = span(found)
    day = start or end
    return day.isoformat() if day else None


def exact_day(found: dict[str, Any] | None) -> str | None:
    """The letter's date where its dating names one day and nothing else (when="1889-08-02")."""
    if not found or any(found.get(key) for key in ("not_before", "not_after", "from", "to")):
        return None
    when = found.get("when")
    return str(when) if when and len(when) == 10 else None


def correspondence(desc: ET.Element, entities: Register, unmapped: Counter[str]) -> Correspondence:
    """The metadata of one correspDesc."""
    out = Correspondence()
    received_date: dict[str, Any] | None = None
    for child in desc:
        tag = local(child.tag)
        if tag == "correspAction":
            received_date = _action(child, out, entities, unmapped) or received_date
        elif tag == "correspContext":
            _context(child, out, unmapped)
        elif tag:
            unmapped[f"correspDesc <{tag}>"] += 1
    if out.dating is None and received_date is not None:
        out.dating = received_date
    return out


@dataclass
class _Said:
    """What one correspAction names: persons, places (name and raw ref), a date."""

    persons: list[Named] = field(default_factory=list)
    places: list[tuple[str, str | None]] = field(default_factory=list)
    date: dict[str, Any] | None = None
    conjectured: bool = False


def _read_action(action: ET.Element, kind: str, entities: Register, unmapped: Counter[str]) -> _Said:
    said = _Said()
    for child in action:
        tag = local(child.tag)
        if tag in NAME_TAGS:
            ref = child.get("ref") or child.get("key")
            named = resolve(_text(child), ref, "person", entities, unmapped)
            if named.form:
                said.persons.append(named)
            said.conjectured = said.conjectured or child.get("evidence") == "conjecture"
        elif tag in PLACE_TAGS:
            said.places.append((_text(child), names.one_line(child.get("ref") or "") or None))
        elif tag == "date":
            said.date = dating(child, "received" if kind == "received" else "sent", unmapped)
        elif tag:
            unmapped[f"correspAction <{tag}>"] += 1
    return said


def _action(
    action: ET.Element, out: Correspondence, entities: Register, unmapped: Counter[str]
) -> dict[str, Any] | None:
    """Take one correspAction into out; return its date where it is a received one (the fallback)."""
    kind = action.get("type") or ""
    said = _read_action(action, kind, entities, unmapped)
    if kind not in ("sent", "received"):
        _event(kind, said, out, unmapped)
        return None
    if kind == "sent":
        out.senders.extend(said.persons)
        out.dating = out.dating or said.date
    elif action.get("subtype") == "cc":
        out.copies.extend(said.persons)
    else:
        out.recipients.extend(said.persons)
        out.recipients_inferred = out.recipients_inferred or said.conjectured
    for name, ref in said.places:
        if name:
            out.places.append({"role": kind, "name": name, "ref": ref, "uri": _place_uri(ref, entities)})
    return said.date if kind == "received" else None


def _event(kind: str, said: _Said, out: Correspondence, unmapped: Counter[str]) -> None:
    """An action other than sending and receiving, kept as an event: never the letter's addressees."""
    if kind not in OTHER_ACTIONS:
        unmapped[f"a correspAction of type {kind or 'none'!r} (kept as an event)"] += 1
    date = said.date or {}
    out.events.append(
        {
            "type": names.one_line(kind) or "unknown",
            "persons": [person.form for person in said.persons],
            "place": next((name for name, _ in said.places if name), None),
            "date": date.get("when") or earliest(date) if date else None,
        }
    )


def _place_uri(ref: str | None, entities: Register) -> str | None:
    if not ref:
        return None
    first = ref.split()[0]
    if names.is_uri(first):
        return names.as_uri(first)
    entity = entities.get(first.removeprefix("#")) if first.startswith("#") else None
    return entity.uris[0] if entity and entity.kind == "place" and entity.uris else None


def _context(context: ET.Element, out: Correspondence, unmapped: Counter[str]) -> None:
    for ref in context:
        if local(ref.tag) != "ref":
            continue
        marks = {ref.get("type") or "", ref.get("subtype") or ""}
        target = (ref.get("target") or "").split()
        if not target:
            continue
        if marks & PREVIOUS:
            out.links.append(("correspContext: previous letter", target[0]))
        elif marks & NEXT:
            out.links.append(("correspContext: next letter", target[0]))
        else:
            unmapped[f"a correspContext ref of type {ref.get('type') or 'none'!r}"] += 1
