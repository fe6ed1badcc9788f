"""TEI files into drafts of letters: one TEI letter file (a correspDesc and its text), or a CMIF file
(many correspDescs, no text), told apart by what they hold rather than by their names."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from leninletters.importers import names
from leninletters.importers.correspondence import (
    NOTHING_REGISTERED,
    Correspondence,
    Register,
    correspondence,
    language,
)
from leninletters.importers.safexml import TEI_NS, XML_NS, Refused, local
from leninletters.importers.text import Reading, read_body


@dataclass
class Draft:
    """A letter as read from its file, before the corpus numbers it and names its people."""

    source: str  # the file it came from, as named to the user
    wish: str  # the slug it asks for: its xml:id, key or file stem
    aliases: tuple[str, ...]  # every id by which another letter's correspContext may point at it
    title: str | None
    meta: Correspondence
    reading: Reading | None  # None for a CMIF record, which has no text
    languages: tuple[str, ...] = ()
    url: str | None = None  # where the edition publishes the letter (a CMIF correspDesc's @ref)
    # What a TEI letter's reading left unmapped: counted only once the file is known to be a letter.
    unmapped: Counter[str] = field(default_factory=Counter)


def _child(element: ET.Element | None, name: str) -> ET.Element | None:
    """The first child of that name, in the TEI namespace or none (a plain name is found in C)."""
    if element is None:
        return None
    found = element.find(TEI_NS + name)
    return found if found is not None else element.find(name)


def _path(element: ET.Element | None, *steps: str) -> ET.Element | None:
    for step in steps:
        element = _child(element, step)
    return element


def drafts(root: ET.Element, path: Path, unmapped: Counter[str]) -> list[Draft]:
    """The letters of a parsed file: one for a TEI letter, each correspDesc's for a CMIF file; Refused
    where the file is no TEI or holds no correspDesc."""
    if local(root.tag) != "TEI":
        raise Refused(f"is not a TEI file (its root element is <{local(root.tag) or '?'}>, not <TEI>)")
    header = _child(root, "teiHeader")
    profile = _path(header, "profileDesc")
    descs = [child for child in profile or () if local(child.tag) == "correspDesc"]
    if not descs:
        raise Refused("has no correspDesc in teiHeader/profileDesc: it does not say who wrote to whom")
    body = _path(root, "text", "body")
    if body is not None:
        letter = _letter(root, header, descs[0], body, path, Counter())
        # A file with text is a letter's, whatever else its header holds (a second correspDesc for an
        # enclosure is counted, not read as CMIF, which would drop the text). Without text, one
        # correspDesc is still a letter's file (a letter known only from others' mention), unless it
        # points at a bibl as CMIF's correspDescs do: then it is CMIF of one letter.
        has_text = bool(letter.reading and letter.reading.paragraphs)
        if has_text or (len(descs) == 1 and not descs[0].get("source")):
            unmapped.update(letter.unmapped)
            if len(descs) > 1:
                unmapped["a further correspDesc in a letter's file (only the first is read)"] += (
                    len(descs) - 1
                )
            _count_header(header, unmapped)
            return [letter]
    return list(_records(header, descs, path, unmapped))


# What a letter's header holds that the corpus keeps elsewhere or not at all: each element met is counted
# as not mapped, so that a historian knows the archive, shelfmark, abstract or keywords were not carried.
_HEADER_READ = {"profileDesc": {"correspDesc", "langUsage", "particDesc"}, "sourceDesc": set()}


def _count_header(header: ET.Element | None, unmapped: Counter[str]) -> None:
    for where, read in _HEADER_READ.items():
        place = (
            _path(header, "profileDesc")
            if where == "profileDesc"
            else _path(header, "fileDesc", "sourceDesc")
        )
        for child in place if place is not None else ():
            name = local(child.tag)
            if name and name not in read:
                unmapped[f"<{where}/{name}> in the header"] += 1


def _languages(header: ET.Element | None, unmapped: Counter[str]) -> tuple[str, ...]:
    usage = _path(header, "profileDesc", "langUsage")
    found = (element.get("ident") for element in usage or () if local(element.tag) == "language")
    tags = (language(ident, unmapped) for ident in found if ident)
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def _title(header: ET.Element | None) -> str | None:
    """The letter's own title: titleStmt's analytic title (level="a"), else its first plain one."""
    statement = _path(header, "fileDesc", "titleStmt")
    titles = [title for title in statement or () if local(title.tag) == "title"]
    preferred = [t for t in titles if t.get("level") == "a"] or [
        t for t in titles if not t.get("type") and t.get("level") not in ("s", "m", "j")
    ]
    for title in preferred:
        text = names.one_line("".join(title.itertext()))
        if text:
            return text
    return None


def _letter(
    root: ET.Element,
    header: ET.Element | None,
    desc: ET.Element,
    body: ET.Element,
    path: Path,
    unmapped: Counter[str],
) -> Draft:
    text = _child(root, "text")
    entities = Register(
        _child(text, "back"), _child(root, "standOff"), _path(header, "profileDesc", "particDesc")
    )
    meta = correspondence(desc, entities, unmapped)
    identifier = root.get(f"{XML_NS}id")
    reading = read_body(body, unmapped, lambda hand: _hand(hand, entities))
    wish = identifier or path.stem
    return Draft(
        source=path.name,
        wish=wish,
        aliases=(wish,) if wish == path.stem else (wish, path.stem),
        title=_title(header),
        meta=meta,
        reading=reading,
        languages=_languages(header, unmapped),
        unmapped=unmapped,
    )


def _hand(hand: str, entities: Register) -> str:
    entity = entities.get(hand.removeprefix("#"))
    return entity.name if entity and entity.name else names.one_line(hand)


def _records(
    header: ET.Element | None, descs: list[ET.Element], path: Path, unmapped: Counter[str]
) -> Iterator[Draft]:
    """A CMIF file's letters: the correspDescs alone (their refs are URIs; there is no text)."""
    languages = _languages(header, unmapped)
    for index, desc in enumerate(descs, start=1):
        url = desc.get("ref")
        url_stem = url.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0] if url else ""
        key = desc.get("key") or url_stem or f"{path.stem}-{index}"
        yield Draft(
            source=path.name,
            wish=key,
            aliases=tuple(dict.fromkeys(alias for alias in (key, url, url_stem) if alias)),
            title=None,
            meta=correspondence(desc, NOTHING_REGISTERED, unmapped),
            reading=None,
            languages=languages,
            url=names.as_uri(url) if url else None,
        )
