"""Names, references and slugs as the importer makes them: pure string rules, no XML.

A name is kept as the source gives it ("Schnitzler, Arthur") and a display form is derived from it
("Arthur Schnitzler"); a person is known by its reference where it has one, so that two spellings under
one reference are one person, and by the name as given where it has none.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from leninletters.core.correspondence import URI_PATTERN

# What a corpus string may not hold (core.kinds.HIDDEN): C0 and C1 controls, unpaired surrogates, the
# non-characters and the line and paragraph separators. XML 1.0 lets C1 controls and U+2028 through.
HIDDEN_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")
_URI = re.compile(URI_PATTERN)
_WHITE = re.compile(r"\s")
# What a URI may hold as it is (RFC 3986's reserved characters, and % of an escape already made).
_URI_SAFE = "!#$%&'()*+,/:;=?@[]~"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_FOLDED = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th"})

# Authority registers whose URIs end in the identifier, and the prefix a person id gets from them.
_REGISTERS = (
    ("d-nb.info/gnd/", "gnd"),
    ("viaf.org/viaf/", "viaf"),
    ("wikidata.org/entity/", "wikidata"),
    ("wikidata.org/wiki/", "wikidata"),
    ("geonames.org/", "geonames"),
    ("pmb.acdh.oeaw.ac.at/entity/", "pmb"),
)
# An idno's type (or subtype) that names a register, and the URI its bare identifier becomes.
_IDNO_URIS = {
    "gnd": "https://d-nb.info/gnd/{}",
    "d-nb": "https://d-nb.info/gnd/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "wikidata": "http://www.wikidata.org/entity/{}",
    "geonames": "https://www.geonames.org/{}",
}


def one_line(text: str) -> str:
    """Text as one line of a corpus: white space runs made one space, hidden characters made visible."""
    # str.split drops every kind of white space (U+2028 and U+0085 too); what is left is checked by the
    # quick isprintable, and only text it doubts (a C1 control, or a soft hyphen) by the pattern.
    line = " ".join(text.split())
    if line.isprintable():
        return line
    return HIDDEN_CHARACTERS.sub("\ufffd", line)


def display_form(name: str) -> str:
    """The name in reading order: "Schnitzler, Arthur" → "Arthur Schnitzler"; others as given."""
    surname, comma, forename = name.partition(",")
    if not comma or "," in forename or not surname.strip() or not forename.strip():
        return name
    return f"{forename.strip()} {surname.strip()}"


def ascii_folded(text: str) -> str:
    """Lowercase ASCII letters and digits of a text, others as they decompose ("Schönberg" → "schonberg")."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLDED))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugged(text: str) -> str:
    """Text as a slug (lowercase letters, digits, single hyphens); "" where nothing of it is left."""
    return _NOT_SLUG.sub("-", ascii_folded(text)).strip("-")


def letter_slug(text: str) -> str:
    """A letter's slug from its id or file stem, with a letter in it as slugs need ("1" → "letter-1")."""
    slug = slugged(text)
    if not any(character.isalpha() for character in slug):
        slug = f"letter-{slug}" if slug else "letter"
    return slug


def is_uri(ref: str) -> bool:
    return "://" in ref and _WHITE.search(ref) is None


def as_uri(text: str) -> str | None:
    """A URI as a corpus keeps it, in printable ASCII (an IRI's other characters percent-encoded as
    UTF-8: ".../wiki/Schönberg" → ".../wiki/Sch%C3%B6nberg"); None where the text is no URI."""
    text = text.strip()
    if not is_uri(text):
        return None
    encoded = text if text.isascii() else quote(text, safe=_URI_SAFE)
    return encoded if _URI.match(encoded) else None


def idno_uri(kind: str, value: str) -> str | None:
    """An idno as a URI: itself where it is one, else built from its register's type; None if neither."""
    value = value.strip()
    if "://" in value:
        return as_uri(value)
    template = _IDNO_URIS.get(kind.lower())
    return as_uri(template.format(value)) if template and value else None


def person_id(identity: str) -> str:
    """A short id for a person known by a URI, a local pointer (with its entry's authority after a line
    break: the pointer gives the id) or a name."""
    identity = identity.split("\n", 1)[0]
    for marker, prefix in _REGISTERS:
        _, found, tail = identity.partition(marker)
        if found:
            return f"{prefix}-{slugged(tail)}".rstrip("-")
    if is_uri(identity):
        path = identity.split("://", 1)[1]
        return slugged(path) or "person"
    return slugged(identity.removeprefix("#").removeprefix("name:")) or "person"
