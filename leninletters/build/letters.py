"""Build data/letters.json from the source text and the curated metadata.

Run from a checkout: ``python -m leninletters.build.letters`` rewrites ``data/letters.json``;
``python -m leninletters.build.letters --check`` exits 1 when the file is not what the build makes.

Every word of a letter is carried over from the source by this program; the curation
(``data/curation.toml``) only says where letters start and adds what print leaves implicit
(slugs, full names of recipients, people, inferred sources). Any disagreement between the two
stops the build with a message, so the edition cannot drift from the text silently.

The apparatus (``data/apparatus.toml``: LCW places, datings, hands, supplied words, provenance,
recipients, checked people, references) is joined in under keys of its own, never into the text: see
"The apparatus" in docs/corpus.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from leninletters import __version__
from leninletters.build import BuildError
from leninletters.build.apparatus import Apparatus, join_links, read_apparatus
from leninletters.build.dossiers import join_dossiers
from leninletters.core import mentions
from leninletters.core.dates import printed_date
from leninletters.core.model import (
    PARAGRAPH_BREAK,
    Letter,
    Note,
    Part,
    Person,
)
from leninletters.ui.files import write_atomically

SCRIBE_LINE = re.compile(r"^Taken down by (?P<initials>[A-Z]\.[A-Z]\.)(?: \[(?P<name>[^\]]+)\])?$")
NOTE_LINE = re.compile(r"^\[(?P<marker>\d+|\*)\] (?P<text>.+)$", re.DOTALL)
# A footnote marker: a number or an asterisk in brackets. "[Stalin]" is the editor's, not a marker.
MARKER = re.compile(r"\[(\d+|\*)\]")
HEADING_MARKER = re.compile(r"\[(?P<marker>\d+|\*)\]$")
CLASSIFICATION = "Top secret"
POSTSCRIPT = "P.S."
# The last lines of the source are the website's, not the book's.
WEBSITE_TRAILER = "Join us"
BOOK_LINES = ("[Book] Lenin and Trotsky - What they really stood for", "Appendix C – Lenin’s Last Letters")


@dataclass(frozen=True)
class Block:
    """A run of non-blank source lines: a paragraph, a heading, a date, a note."""

    text: str
    line: int  # 1-based line number in the source


def source_blocks(source: str) -> list[Block]:
    """Split the book's part of the source into blocks, dropping the website's trailer."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(source.splitlines(), start=1):
        if line == WEBSITE_TRAILER:
            break
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append(Block("\n".join(current), start))
            current = []
    if current:
        blocks.append(Block("\n".join(current), start))
    return blocks


def split_heading(block: Block) -> tuple[str, str | None]:
    """A printed heading as one line, and its footnote marker if it has one."""
    heading = " ".join(block.text.split("\n"))
    match = HEADING_MARKER.search(heading)
    if match is None:
        return heading, None
    return heading[: match.start()], match["marker"]


@dataclass
class _PartDraft:
    label: str | None
    date: dt.date
    first: int
    scribes: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)  # the part's closing lines, as printed


def _split_book(blocks: list[Block]) -> tuple[list[Block], dict[str, str]]:
    """Separate the letters' blocks from the footnotes printed after them."""
    if tuple(block.text for block in blocks[:2]) != BOOK_LINES:
        raise BuildError("the source does not start with the book's title and Appendix C's heading")
    body = blocks[2:]
    first_note = next((index for index, block in enumerate(body) if NOTE_LINE.match(block.text)), len(body))
    footnotes: dict[str, str] = {}
    for block in body[first_note:]:
        match = NOTE_LINE.match(block.text)
        if match is None:
            raise BuildError(f"line {block.line}: expected a footnote, found {block.text[:40]!r}")
        footnotes[match["marker"]] = match["text"]
    return body[:first_note], footnotes


def _letter_starts(blocks: list[Block], specs: list[dict[str, Any]]) -> list[tuple[int, str | None]]:
    """Where each curated letter starts in the blocks, and its heading's marker."""
    starts: list[tuple[int, str | None]] = []
    index = 0
    for number, spec in enumerate(specs, start=1):
        wanted_date = dt.date.fromisoformat(spec["date"])
        while index < len(blocks):
            heading, marker = split_heading(blocks[index])
            if "heading" in spec and heading == spec["heading"]:
                break
            if "heading" not in spec and printed_date(blocks[index].text) == wanted_date:
                marker = None
                break
            index += 1
        else:
            raise BuildError(f"letter {number} ({spec['slug']}): its start is not in the source")
        starts.append((index, marker))
        date_index = index + 1 if "heading" in spec else index
        printed = printed_date(blocks[date_index].text) if date_index < len(blocks) else None
        if printed != wanted_date:
            raise BuildError(
                f"letter {number} ({spec['slug']}): the source dates it {printed}, the curation {wanted_date}"
            )
        index = date_index + 1
    return starts


def _build_letter(
    number: int,
    spec: dict[str, Any],
    section: str,
    body: list[Block],
    scribe_names: dict[str, str],
) -> tuple[list[str], list[_PartDraft], str | None]:
    """Read one letter's body: its paragraphs, parts and classification."""
    date = dt.date.fromisoformat(spec["date"])
    paragraphs: list[str] = []
    parts = [_PartDraft(label=None, date=date, first=1)]
    classification: str | None = None
    for block in body:
        text = block.text
        if text == CLASSIFICATION:
            classification = text
            continue
        scribe = SCRIBE_LINE.match(text)
        if scribe:
            parts[-1].printed.append(text)
            parts[-1].scribes.append(scribe["initials"])
            if scribe["name"]:
                scribe_names[scribe["initials"]] = scribe["name"]
            continue
        part_date = printed_date(text)
        if part_date is not None:
            # A date printed after a part (the Testament's P.S.) dates that part.
            parts[-1].printed.append(text)
            parts[-1].date = part_date
            continue
        if "\n" in text:
            raise BuildError(f"line {block.line}: a paragraph of letter {number} spans lines")
        if text.startswith(POSTSCRIPT) and paragraphs:
            parts.append(_PartDraft(label=POSTSCRIPT, date=date, first=len(paragraphs) + 1))
        paragraphs.append(text)
    if not paragraphs:
        raise BuildError(f"letter {number} ({spec['slug']}) under {section!r} has no text")
    return paragraphs, parts, classification


class Draft(NamedTuple):
    """A letter cut from the book, before its notes, parts and apparatus are joined to it."""

    number: int
    spec: dict[str, Any]
    title: str
    section: str
    marker: str | None  # its source note's marker in the heading, where the print gives one
    paragraphs: list[str]
    parts: list[Any]
    classification: str | None


def build(source: str, curation: dict[str, Any], apparatus: dict[str, Any] | None = None) -> dict[str, Any]:
    """Join the source text, the curation and the apparatus (the bundled one unless given) into the corpus
    document."""
    joined = Apparatus(read_apparatus() if apparatus is None else apparatus)
    blocks, footnotes = _split_book(source_blocks(source))
    people = [
        Person(
            p["id"],
            p["name"],
            joined.description(p),
            tuple(p.get("forms", ())),
            apparatus=joined.people.get(p["id"]),
        )
        for p in curation["people"]
    ]
    scribe_names: dict[str, str] = {}
    drafts = _drafts(blocks, curation["letters"], scribe_names)
    used_notes: dict[str, int] = {}
    letters = [
        mentions.with_mentions(_letter(draft, footnotes, joined, scribe_names, used_notes), people)
        for draft in drafts
    ]
    for note_marker in footnotes:
        count = used_notes.get(note_marker, 0)
        if count != 1:
            raise BuildError(f"footnote [{note_marker}] is attached to {count} letters, not one")
    joined.check_all_used({letter.slug for letter in letters}, {person.id for person in people})
    links = join_links(joined, [letter.slug for letter in letters])
    dossiers = join_dossiers(curation.get("dossiers", []), [letter.slug for letter in letters], joined.ids)
    return {
        "edition": {**curation.get("edition", {}), "version": __version__, "scribes": scribe_names},
        "people": [person.to_json() for person in people],
        "letters": [letter.to_json() for letter in letters],
        "references": [msgspec.to_builtins(reference) for reference in joined.references],
        "links": [link.to_json() for link in links],
        "dossiers": [dossier.to_json() for dossier in dossiers],
    }


def _drafts(blocks: list[Block], specs: list[dict[str, Any]], scribe_names: dict[str, str]) -> list[Draft]:
    """Each letter's stretch of the book, in order, under the heading it continues (scribes named as
    their initials are first explained, into scribe_names)."""
    starts = _letter_starts(blocks, specs)
    drafts = []
    section = ""
    for number, (spec, (start, marker)) in enumerate(zip(specs, starts, strict=True), start=1):
        end = starts[number][0] if number < len(specs) else len(blocks)
        if "heading" in spec:
            section = spec["heading"]
            title, body = section, blocks[start + 2 : end]
        else:
            title, body = f"{section} (continued)", blocks[start + 1 : end]
        paragraphs, parts, classification = _build_letter(number, spec, section, body, scribe_names)
        drafts.append(Draft(number, spec, title, section, marker, paragraphs, parts, classification))
    return drafts


def _letter(
    draft: Draft,
    footnotes: dict[str, str],
    joined: Apparatus,
    scribe_names: dict[str, str],
    used_notes: dict[str, int],
) -> Letter:
    """One letter of the corpus: its text, notes (counted into used_notes), parts and apparatus."""
    number, spec, marker = draft.number, draft.spec, draft.marker
    text = PARAGRAPH_BREAK.join(draft.paragraphs)
    source_note = marker or spec.get("source_from")
    if source_note is None or source_note not in footnotes:
        raise BuildError(f"letter {number} ({spec['slug']}) has no source note")
    if marker is not None:
        used_notes[marker] = used_notes.get(marker, 0) + 1
    in_text = list(dict.fromkeys(MARKER.findall(text)))
    notes = [Note(m, footnotes[m], expansion=joined.note(m)) for m in in_text]
    notes += [
        Note(m, footnotes[m], anchored=False, expansion=joined.note(m)) for m in spec.get("notes_from", [])
    ]
    for note in notes:
        used_notes[note.marker] = used_notes.get(note.marker, 0) + 1
    letter_apparatus = joined.of_letter(spec["slug"], source_note if marker else None)
    recipients, recipients_inferred = joined.recipients(number, spec, letter_apparatus)
    parts = _parts(draft)
    scribes = tuple(dict.fromkeys(s for part in parts for s in part.scribes))
    unnamed = [s for s in scribes if s not in scribe_names]
    if unnamed:
        raise BuildError(f"the source never says whom {unnamed[0]} stands for")
    return Letter(
        number=number,
        slug=spec["slug"],
        title=draft.title,
        section=draft.section,
        date=dt.date.fromisoformat(spec["date"]),
        text=text,
        recipients=recipients,
        copies=tuple(spec.get("copies", [])),
        scribes=scribes,
        scribe_names=tuple(scribe_names[s] for s in scribes),
        classification=draft.classification,
        parts=tuple(parts),
        notes=tuple(notes),
        source=footnotes[source_note],
        source_note=source_note,
        source_inferred=marker is None,
        recipients_inferred=recipients_inferred,
        apparatus=letter_apparatus,
    )


def _parts(draft: Draft) -> list[Part]:
    """The letter's parts, each running to the paragraph before the next (the last to the end)."""
    parts: list[Part] = []
    for index, part in enumerate(draft.parts):
        following = draft.parts[index + 1].first - 1 if index + 1 < len(draft.parts) else None
        written_by = draft.spec.get("postscript_by") if part.label == POSTSCRIPT else None
        parts.append(
            Part(
                label=part.label,
                date=part.date,
                paragraphs=(part.first, following or len(draft.paragraphs)),
                scribes=tuple(part.scribes),
                written_by=written_by,
                printed=tuple(part.printed),
            )
        )
    return parts


def read_inputs() -> tuple[str, dict[str, Any]]:
    """The source text and the curation, as bundled with the package."""
    data = resources.files("leninletters.data")
    source = data.joinpath("source", "appendix-c.txt").read_text(encoding="utf-8")
    curation = tomllib.loads(data.joinpath("curation.toml").read_text(encoding="utf-8"))
    return source, curation


def render(document: dict[str, Any]) -> str:
    """The corpus document as the exact text of data/letters.json."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(str(resources.files("leninletters.data").joinpath("letters.json")))
    expected = render(build(*read_inputs()))
    if "--check" in args:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != expected:
            print(f"{target} is out of date: run python -m leninletters.build.letters", file=sys.stderr)
            return 1
        print(f"{target} is up to date", file=sys.stderr)
        return 0
    write_atomically(target, [expected], force=True)
    print(f"wrote {target}", file=sys.stderr)
    from leninletters.build import kept  # the records as a run reads them, kept beside the file

    print(f"wrote {kept.write()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
