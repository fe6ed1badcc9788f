"""The Correspondence Metadata Interchange Format (CMIF), as correspSearch harvests it.

Follows the TEI Correspondence SIG's specification (github.com/TEI-Correspondence-SIG/CMIF: the
documentation doc/documentation-en.md, the schema schema/cmi-customization.rng and its Schematron
odd/cmif.sch, version 1.1): a TEI document in the TEI namespace whose header names the index (title,
editor), its publication (publisher, idno type="url", date when= as xsd:dateTime, availability with a
licence and its target), and the edition it comes from (sourceDesc/bibl with type and a static UUID as
xml:id that begins with a letter); then one correspDesc per letter, pointing at that bibl (source="#…")
with the letter's number as key, and a correspAction type="sent" (sender, date) and type="received"
(each addressee). Persons carry an authority URI where the people data has one (VIAF, then GND, then
Wikidata), and none where it has none; bodies (the Twelfth Party Congress) are orgName; addressees the
edition inferred carry evidence="conjecture", as the specification asks.

What CMIF 1.1 has no words for is said within its schema, and documented here:
- Copies (cc) received the letter too: a second correspAction type="received" with subtype="cc" holds
  them (the schema allows @subtype on correspAction; a harvester that ignores it still counts them as
  addressees, which they were).
- "and others" among the addressees: persName "Unknown", as the specification writes an addressee it
  cannot name, after a comment that keeps the print's words.
- Certainty: CMIF can only say that an attribution is uncertain (cert="low"). Every inference of the
  edition below high certainty (medium or low) is written so: the addressees the apparatus settles with
  less than high certainty, and a date range whose end rests only on such a dating.
- Places: the bundled edition has none (the print gives no place of writing, and no reference in the
  apparatus states one); an imported letter's places are placeName in the action of their role, with
  @ref its URI where given.
- An imported letter's senders are persName in the sent action, with @ref the person's first URI; its
  dating is written as given (@when, @notBefore, @notAfter, @from, @to, and @cert), in the received
  action where the source dated only the receipt; an undated letter has no date. A letter that names
  no sender, in a corpus that names none either, has the sender "Unknown": none is invented.

Written with the standard library's ElementTree. Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from leninletters import __version__
from leninletters.core.errors import InputError, shortened
from leninletters.core.model import Letter, Person

if TYPE_CHECKING:
    from leninletters.core.references import Selected
    from leninletters.core.source import Source

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SCHEMA = "https://raw.githubusercontent.com/TEI-Correspondence-SIG/CMIF/master/schema/cmi-customization.rng"
# A static UUID (the specification asks for one that does not change when the file is made again): drawn
# once at random (version 4) among those that begin with a letter, as an xml:id must, and kept.
BIBL_ID = "ef6a6b42-4e38-4c90-89a7-59eb93298888"
# The metadata's licence. CMIF requires CC BY 4.0 or CC0 on the index (the letters' text is not in it).
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_TEXT = "This file is licensed under the terms of the Creative Commons License CC-BY 4.0"
# Where the file will be published: the corpus's edition.cmif_url, else an identifier that names it.
DEFAULT_IDNO = "tag:leninletters,2026:cmif"
# What correspSearch harvests: a file published at an https address, written in printable ASCII (an
# internationalised name in its punycode form), which XML and every harvester can carry.
HARVESTABLE_URL = re.compile(r"\Ahttps://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::[0-9]{1,5})?(?:[/?#][!-~]*)?\Z")
DEFAULT_PUBLISHER = "leninletters"
DEFAULT_EDITOR = "The leninletters maintainers"
SENDER = "lenin"
# Addressees that are bodies, not people.
BODIES = ("Congress", "Committee", "members")

ET.register_namespace("", TEI)


def _tei(name: str) -> str:
    return f"{{{TEI}}}{name}"


def _sub(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    names = {"xml_id": XML_ID}
    element = ET.SubElement(
        parent, _tei(name), {names.get(key, key): value for key, value in attributes.items()}
    )
    if text is not None:
        element.text = text
    return element


def authority_uri(person: Person) -> str | None:
    """The person's authority URI, preferring VIAF, then GND (as the specification lists them), then
    Wikidata; None where the people data has none."""
    facts = person.apparatus
    if facts is None:
        return None
    if facts.viaf:
        return f"http://viaf.org/viaf/{facts.viaf}"
    if facts.gnd:
        return f"http://d-nb.info/gnd/{facts.gnd}"
    if facts.wikidata:
        return f"http://www.wikidata.org/entity/{facts.wikidata}"
    return None


def _person_named(name: str, people: Sequence[Person]) -> Person | None:
    surname = name.split()[-1] if name.split() else name
    for person in people:
        if name == person.name or name in person.forms:
            return person
    for person in people:
        if person.name.split()[-1:] == [surname]:
            return person
    return None


def timestamp(environ: Mapping[str, str] | None = None) -> str:
    """When the file was made, as xsd:dateTime in UTC; SOURCE_DATE_EPOCH fixes it, for files made again
    to be the same."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch:
        return dt.datetime.now(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        if not (epoch.isascii() and epoch.isdecimal()):
            raise ValueError(epoch)
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise InputError(
            f"SOURCE_DATE_EPOCH={shortened(epoch)!r}: expected whole seconds since 1970 up to the year 9999, "
            "for example 1700000000"
        ) from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _bibl_text(edition: Mapping[str, Any]) -> str:
    pieces = []
    if edition.get("authors"):
        pieces.append(f"{edition['authors']}")
    if edition.get("book"):
        pieces.append(str(edition["book"]))
    if edition.get("appendix") or edition.get("title"):
        pieces.append(": ".join(str(edition[k]) for k in ("appendix", "title") if edition.get(k)))
    if edition.get("sources"):
        pieces.append(f"its texts from {edition['sources']}")
    elif edition.get("translation"):
        pieces.append(f"reprinting the translation of {edition['translation']}")
    return ", ".join(pieces) or "leninletters"


def published_url(text: str) -> str:
    """The address a CMIF file will be published at, checked: an https URL with a host, on one line."""
    if not HARVESTABLE_URL.match(text):
        raise InputError(
            f"{text[:80]!r} is not an address correspSearch can harvest: give the https URL the file "
            "will be published at, for example https://example.org/letters/cmif.xml"
        )
    return text


def harvestable(edition: Mapping[str, Any], url: str | None = None) -> bool:
    """Whether the file will name where it is published (given, or the corpus's cmif_url), as correspSearch
    needs to harvest it."""
    return bool(url or edition.get("cmif_url"))


def _uncertain(certainty: str) -> dict[str, str]:
    return {} if certainty == "high" else {"cert": "low"}


def _dating(corresp: ET.Element, letter: Letter) -> bool:
    """An imported letter's dating, as the source gave it, in the action it belongs to; False where the
    letter has none, and True for an undated letter too (it has no date to write)."""
    dating = letter.dating
    if dating is None:
        return letter.undated
    given = {
        "when": dating.when,
        "notBefore": dating.not_before,
        "notAfter": dating.not_after,
        "from": dating.from_,
        "to": dating.to,
        "cert": dating.cert,
    }
    bounds = {name: value for name, value in given.items() if value}
    if dating.bounded:
        action = _action(corresp, dating.action)
        _sub(action, "date", dating.text, **bounds)
    return True


def _action(corresp: ET.Element, kind: str) -> ET.Element:
    """The letter's correspAction of a kind (sent, received: not the copies'), made where it has none."""
    for action in corresp.findall(_tei("correspAction")):
        if action.get("type") == kind and action.get("subtype") is None:
            return action
    return _sub(corresp, "correspAction", type=kind)


def _places(corresp: ET.Element, letter: Letter) -> None:
    for place in letter.places:
        _sub(
            _action(corresp, place.role), "placeName", place.name, **({"ref": place.uri} if place.uri else {})
        )


def person_uri(person: Person) -> str | None:
    """A person's URI: the first of an imported person's, else the authority the apparatus gives."""
    return person.uris[0] if person.uris else authority_uri(person)


def _who(name: str, kind: str, letter: Letter, people: Sequence[Person]) -> Person | None:
    """The person a name of the letter stands for: by the letter's mention of it, else by the name."""
    ids = {m.person for m in letter.mentions if m.kind == kind and m.form == name}
    return next((p for p in people if p.id in ids), None) or _person_named(name, people)


def _senders(
    sent: ET.Element, letter: Letter, people: Sequence[Person], lenin: Person | None, default: str | None
) -> None:
    """Who sent the letter: its own senders; where it names none, the bundled edition's Lenin with his
    authority, else the edition's sender; or "Unknown", never a name the corpus does not give."""
    if lenin is not None and not letter.senders:
        uri = authority_uri(lenin)
        _sub(sent, "persName", lenin.name, **({"ref": uri} if uri else {}))
        return
    for name in letter.senders or (default or "Unknown",):
        person = _who(name, "sender", letter, people) if name != "Unknown" else None
        uri = person_uri(person) if person else None
        _sub(sent, "persName", name, **({"ref": uri} if uri else {}))


def _date(action: ET.Element, letter: Letter) -> None:
    """The letter's date: one day (when=), or from its first to its last dating where its parts were
    dictated on several days (the Testament: 24 December 1922 to 4 January 1923); uncertain where an end
    rests only on a dating of the standard edition's below high certainty."""
    days = sorted(letter.dates)
    printed = set(letter.printed_dates)
    datings = letter.apparatus.datings if letter.apparatus else ()
    certain = printed | {d.date for d in datings if d.certainty == "high"}
    doubt = {} if days[0] in certain and days[-1] in certain else {"cert": "low"}
    if len(days) == 1:
        _sub(action, "date", when=days[0].isoformat(), **doubt)
    else:
        _sub(action, "date", **{"from": days[0].isoformat(), "to": days[-1].isoformat()}, **doubt)


def _addressee(
    action: ET.Element, name: str, letter: Letter, people: Sequence[Person], doubt: dict[str, str]
) -> None:
    if any(word in name for word in BODIES):
        _sub(action, "orgName", name, **doubt)
        return
    person = _who(name, "recipient", letter, people)
    uri = person_uri(person) if person else None
    _sub(action, "persName", name, **({"ref": uri} if uri else {}), **doubt)


def _addressees(corresp: ET.Element, letter: Letter, people: Sequence[Person]) -> None:
    """The received actions: the addressees (with the edition's doubt, where it has one), then the copies."""
    settled = letter.apparatus.recipients if letter.apparatus else None
    doubt = {"evidence": "conjecture"} if letter.recipients_inferred else {}
    doubt |= _uncertain(settled.certainty) if settled else {}
    received = _sub(corresp, "correspAction", type="received")
    named = [name for name in letter.recipients if not name.startswith("and ")]
    for name in named:
        _addressee(received, name, letter, people, doubt)
    for unnamed in (name for name in letter.recipients if name.startswith("and ")):
        if "--" not in unnamed and not unnamed.endswith("-"):  # what an XML comment can hold
            received.append(ET.Comment(f" the print: {unnamed} "))
        _sub(received, "persName", "Unknown")
    if not letter.recipients:
        _sub(received, "persName", "Unknown")
    if letter.copies:
        copied = _sub(corresp, "correspAction", type="received", subtype="cc")
        for name in letter.copies:
            _addressee(copied, name, letter, people, {})


def tree(
    selection: Sequence[Selected],
    source: Source,
    environ: Mapping[str, str] | None = None,
    url: str | None = None,
) -> ET.Element:
    """The CMIF document of the letters selected (passages count as their letters, once each)."""
    edition = source.metadata
    people = list(source.people)
    root = ET.Element(_tei("TEI"))
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    title = edition.get("title") or "Letters"
    _sub(
        title_stmt,
        "title",
        f"{title}: correspondence metadata (leninletters {edition.get('version') or __version__})",
    )
    _sub(title_stmt, "editor", str(edition.get("cmif_editor") or DEFAULT_EDITOR))
    publication = _sub(file_desc, "publicationStmt")
    _sub(publication, "publisher", str(edition.get("cmif_publisher") or DEFAULT_PUBLISHER))
    _sub(publication, "idno", str(url or edition.get("cmif_url") or DEFAULT_IDNO), type="url")
    _sub(publication, "date", when=timestamp(environ))
    availability = _sub(publication, "availability")
    _sub(availability, "licence", LICENCE_TEXT, target=LICENCE_URL)
    source_desc = _sub(file_desc, "sourceDesc")
    _sub(source_desc, "bibl", _bibl_text(edition), type="print", xml_id=BIBL_ID)
    profile = _sub(header, "profileDesc")
    sender = next((p for p in people if p.id == SENDER), None)
    seen: set[int] = set()
    for letter, _ in selection:
        if letter.number in seen:
            continue
        seen.add(letter.number)
        corresp = _sub(profile, "correspDesc", key=str(letter.number), source=f"#{BIBL_ID}")
        sent = _sub(corresp, "correspAction", type="sent")
        _senders(sent, letter, people, sender, edition.get("sender"))
        _addressees(corresp, letter, people)
        _places(corresp, letter)
        if not _dating(corresp, letter):
            _date(sent, letter)
    body = _sub(_sub(root, "text"), "body")
    _sub(body, "p")
    return root


def write(selection: Sequence[Selected], source: Source, url: str | None = None) -> Iterator[str]:
    """The CMIF file, as UTF-8 XML text with its declaration and the schema it follows; url is where it
    will be published (else the corpus's cmif_url, else an identifier correspSearch cannot harvest)."""
    root = tree(selection, source, url=url)
    ET.indent(root, space="  ")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<?xml-model href="{SCHEMA}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    yield ET.tostring(root, encoding="unicode") + "\n"
