"""A TEI letter's reading text: text/body as paragraphs, its divs as parts, its notes at their place.

The rules (docs/import.md): opener, p, closer, postscript and their blocks (salute, dateline, signed, …)
each end a paragraph, even where the file has no white space between them (`</salute></opener><p>`);
lb and space are white space (an lb with break="no" joins a word); del, fw, figure and pb are not reading
text; of a choice the corrected, regularised or expanded reading is read; a note becomes a note of the
letter, its marker left where it stood. A writingSession div is a part with its own date and hand where
the file gives them; an address div is the envelope, a part of the kind "address".
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from leninletters.importers import names
from leninletters.importers.correspondence import partial_day
from leninletters.importers.safexml import Refused, local

BLOCKS = frozenset(
    {
        "p", "ab", "opener", "closer", "postscript", "salute", "dateline", "signed", "head", "lg", "l",
        "list", "item", "address", "addrLine", "byline", "trailer", "epigraph", "table", "row", "div",
        "floatingText", "q", "quote", "label",
    }
)  # fmt: skip
# Not reading text: deleted words, running heads and page numbers, images, page beginnings.
NOT_READ = frozenset({"del", "fw", "figure", "pb", "facsimile", "graphic", "surplus", "gap", "metamark"})
WHITE = frozenset({"lb", "space", "cb"})
# Of a choice, the reading a reader reads; of an apparatus entry, its lemma.
PREFERRED = ("corr", "reg", "expan", "lem")
ADDRESS_TYPES = frozenset({"address", "envelope", "cover"})
MAX_DEPTH = 200


@dataclass
class _Run:
    """A part being read: from its first paragraph, with what its div says of it."""

    first: int
    kind: str | None = None
    date: str | None = None
    written_by: str | None = None


@dataclass
class Reading:
    """What the body gives: paragraphs, parts (where more than the whole letter), notes."""

    paragraphs: list[str] = field(default_factory=list)
    parts: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)


class _Reader:
    def __init__(self, unmapped: Counter[str], hand_name: Callable[[str], str]) -> None:
        self.unmapped = unmapped
        self.hand_name = hand_name
        self.out = Reading()
        self.buffer: list[str] = []
        self.runs: list[_Run] = []

    def flush(self) -> None:
        if self.buffer:
            joined = "".join(self.buffer)
            self.buffer.clear()
            # Between blocks a buffer holds only the file's indentation: no paragraph, and no need to
            # tidy it (str.isspace is quick; one_line is the import's most frequent call).
            if not joined.isspace():
                paragraph = names.one_line(joined)
                if paragraph:
                    self.out.paragraphs.append(paragraph)

    def walk(self, element: ET.Element, depth: int) -> None:
        # The hot loop of an import: one dictionary look-up decides what an element is.
        action = _ACTIONS.get(element.tag) or _action(element.tag)
        if action is _INLINE or action is _BLOCK:
            self.read(element, depth, action is _BLOCK)
        else:
            self.special(element, action, depth)

    def read(self, element: ET.Element, depth: int, block: bool) -> None:
        """An element of text: its own text, its children in order, each child's tail."""
        if depth > MAX_DEPTH:
            raise Refused(f"nests its text deeper than {MAX_DEPTH} elements, which no letter needs")
        if block and self.buffer:
            self.flush()
        append = self.buffer.append
        if element.text:
            append(element.text)
        for child in element:
            kind = _ACTIONS.get(child.tag)
            # The common elements are dealt with here, without a call each: a leaf of text (<hi>, <rs>),
            # a plain <lb/>, a note, a <del>.
            if kind is _INLINE and not len(child):
                if child.text:
                    append(child.text)
            elif kind is _WHITE and not child.attrib:
                append(" ")
            elif kind is _NOTE:
                self.note(child)
            elif kind is _LEFT_OUT:
                self.unmapped[_left_out(child.tag)] += 1
            else:
                self.walk(child, depth + 1)
            if child.tail:
                append(child.tail)
        if block:
            self.flush()

    def special(self, element: ET.Element, action: object, depth: int) -> None:
        """White space, a note, a choice, or what is not reading text."""
        if action is _WHITE:
            if element.get("break") != "no":
                self.buffer.append(" ")
        elif action is _NOTE:
            self.note(element)
        elif action is _CHOICE:
            chosen = _chosen(element)
            if chosen is not None:
                self.walk(chosen, depth + 1)
        elif action is not _SILENT:
            self.unmapped[_left_out(element.tag)] += 1

    def note(self, element: ET.Element) -> None:
        text = names.one_line("".join(element.itertext()))
        if not text:
            return
        marker = str(len(self.out.notes) + 1)
        self.out.notes.append({"marker": marker, "text": text})
        self.buffer.append(f"[{marker}]")

    def part(self, element: ET.Element | None) -> None:
        """Begin a part: a div of the body, or (None) what stands in the body outside any div."""
        self.flush()
        run = _Run(first=len(self.out.paragraphs) + 1)
        if element is not None:
            if (element.get("type") or "").lower() in ADDRESS_TYPES:
                run.kind = "address"
            run.date = self.session_date(element)
            hand = element.get("hand")
            run.written_by = self.hand_name(hand) if hand else None
        self.runs.append(run)

    def session_date(self, div: ET.Element) -> str | None:
        """A writingSession's own day: its dateline's date where the file gives one to the day."""
        namespace = div.tag.partition("}")[0] + "}" if div.tag.startswith("{") else ""
        dateline = next(div.iter(f"{namespace}dateline"), None)
        for date in dateline.iter(f"{namespace}date") if dateline is not None else ():
            when = date.get("when") or date.get("when-iso")
            if when:
                day = partial_day(when, self.unmapped)
                if day and len(day) == 10:
                    return day
                if day:
                    self.unmapped["a writingSession dated to a month or year only (no part date)"] += 1
                return None
        return None

    def finish(self) -> Reading:
        self.flush()
        count = len(self.out.paragraphs)
        spans = [
            (run, next_run.first - 1 if next_run else count)
            # not strict: with no runs at all (an empty body) the second holds one None
            for run, next_run in zip(self.runs, [*self.runs[1:], None], strict=False)
        ]
        parts = [
            {
                "label": None,
                "paragraphs": [run.first, last],
                **({"date": run.date} if run.date else {}),
                "written_by": run.written_by,
                "kind": run.kind,
            }
            for run, last in spans
            if last >= run.first
        ]
        plain = len(parts) == 1 and not (parts[0]["kind"] or parts[0]["written_by"] or "date" in parts[0])
        self.out.parts = [] if plain else parts
        return self.out


# What the walk does with an element, by its tag as parsed (with its namespace or without).
_INLINE, _BLOCK, _WHITE, _NOTE, _CHOICE, _LEFT_OUT, _SILENT = (object() for _ in range(7))
_ACTIONS: dict[object, object] = {}
_SPECIAL = {"note": _NOTE, "choice": _CHOICE, "app": _CHOICE}


def _action(tag: object) -> object:
    name = local(tag)
    if not name:
        action = _SILENT  # a comment or processing instruction
    elif name in WHITE:
        action = _WHITE
    elif name == "pb":
        # A page break is not text, and too common to count; but it parts words as a line break does
        # (break="no" where a word runs over the page).
        action = _WHITE
    elif name in NOT_READ:
        action = _LEFT_OUT
    else:
        action = {"note": _NOTE, "choice": _CHOICE, "app": _CHOICE}.get(
            name, _BLOCK if name in BLOCKS else _INLINE
        )
    _ACTIONS[tag] = action
    return action


@functools.lru_cache(maxsize=256)
def _left_out(tag: str) -> str:
    """How the summary counts an element that is not reading text (made once per tag)."""
    return f"<{local(tag)}>: not reading text, left out"


def _chosen(element: ET.Element) -> ET.Element | None:
    children = list(element)
    for preferred in PREFERRED:
        for child in children:
            if local(child.tag) == preferred:
                return child
    return children[0] if children else None


def read_body(body: ET.Element, unmapped: Counter[str], hand_name: Callable[[str], str]) -> Reading:
    """The reading text of a TEI body: each div of it a part, what stands outside divs a part too."""
    reader = _Reader(unmapped, hand_name)
    outside = False
    for child in body:
        if local(child.tag) == "div":
            reader.part(child)
            outside = False
            reader.walk(child, 1)
        else:
            if not outside:
                reader.part(None)
                outside = True
            reader.walk(child, 1)
        if child.tail:
            reader.buffer.append(child.tail)
    return reader.finish()
