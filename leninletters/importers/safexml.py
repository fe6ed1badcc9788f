"""Reading an XML file that may be hostile: no entity declarations, no network, no file of gigabytes.

The standard library's ElementTree (expat, in C) parses; we chose it over lxml, measured on the same
2,000 synthetic letters (bench/import_bench.py, docs/import.md): the import's own work over ElementTree's
C-built tree costs less than over lxml's element proxies, it needs no dependency, and the parse itself is
within the speed goal. What lxml's switches (resolve_entities=False, no_network=True, load_dtd=False)
promise is had here as follows:

- expat as ElementTree drives it never loads an external DTD or entity (no handler is set for them): an
  entity the file uses but does not declare is an error, never a fetch;
- a file that declares entities in its DOCTYPE (the billion laughs, the quadratic blow-up, an external
  entity pointing at /etc/passwd) is refused before its tree is built: a small expat parser reads the
  prolog alone (it decodes UTF-16 and the declared encodings as the real parse would) and stops at the
  first element. TEI letters declare no entities, so nothing a historian has is refused;
- a file larger than MAX_BYTES is refused unread (lxml's huge_tree=False refuses such trees too).
"""

from __future__ import annotations

import os
import pyexpat
import xml.etree.ElementTree as ET
from pathlib import Path

# A letter is kilobytes, a CMIF file of 100,000 letters about 100 MB.
MAX_BYTES = 256 * 1024 * 1024
TEI_NS = "{http://www.tei-c.org/ns/1.0}"
XML_NS = "{http://www.w3.org/XML/1998/namespace}"


class Refused(Exception):
    """A file that is not imported: the reason, and where in the file where it has a place."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column

    def where(self, name: str) -> str:
        """The file, with its line and column where known: the start of the one-line message."""
        if self.line is None:
            return name
        return f"{name}:{self.line}:{self.column or 0}"


class _PrologDone(Exception):
    """The first element began: the prolog declared nothing to refuse."""


def _refuse_entities(data: bytes) -> None:
    """Refuse a file whose DOCTYPE declares entities, before any of them could be expanded."""
    parser = pyexpat.ParserCreate()

    def entity(name: str, *_: object) -> None:
        raise Refused(
            f"declares the entity {name!r} in its DOCTYPE, which an import never expands "
            "(entities can fetch files or grow without end): remove the declaration",
            parser.CurrentLineNumber,
            parser.CurrentColumnNumber + 1,
        )

    def first_element(*_: object) -> None:
        raise _PrologDone

    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.StartElementHandler = first_element
    try:
        parser.Parse(data, True)
    except _PrologDone:
        return
    except pyexpat.ExpatError:
        return  # the real parse below names the error with its place
    finally:
        # The handlers and the parser refer to each other: part them, so that refcounting frees both
        # (an import runs without the cycle collector).
        parser.EntityDeclHandler = parser.UnparsedEntityDeclHandler = parser.StartElementHandler = None


def parse(path: Path) -> ET.Element:
    """The root element of an XML file, or Refused saying why it is not read."""
    try:
        with open(path, "rb") as file:  # one open, its size asked of the open file (no second look-up)
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                raise Refused(f"is {size:,} bytes, over the {MAX_BYTES // 1024 // 1024} MB an import reads")
            data = file.read()
    except OSError as error:
        raise Refused(f"cannot be read: {error.strerror or error}") from None
    return parse_bytes(data)


def parse_bytes(data: bytes) -> ET.Element:
    """The root element of an XML document given as bytes, or Refused."""
    if b"<!DOCTYPE" in data or not data.startswith(b"<"):
        # Only a DOCTYPE can declare entities; a file that does not start with "<" may be UTF-16, where
        # the bytes of "<!DOCTYPE" are spelled otherwise: read its prolog as expat decodes it.
        _refuse_entities(data)
    parser = ET.XMLParser()
    try:
        parser.feed(data)
        return parser.close()
    except ET.ParseError as error:
        line, column = error.position
        message = str(error).split(":", 1)[0]
        raise Refused(f"is not well-formed XML ({message})", line, column + 1) from None


_LOCAL_NAMES: dict[object, str] = {}


def local(tag: object) -> str:
    """An element's name without its namespace ("{…tei…}persName" → "persName"); "" for a comment."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        _LOCAL_NAMES[tag] = name
    return name
