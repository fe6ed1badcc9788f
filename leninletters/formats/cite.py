"""Citations of letters and passages, ready to paste: plain text, BibTeX, CSL-JSON and RIS; quotations
(a passage exactly as printed, then its citation); and the letters' text alone, for `export --text-only`.

What a citation is made of: formats/citation.py. The styles: bibtex.py, csl.py, ris.py, and the plain text
here.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

import msgspec

from leninletters.core.model import PARAGRAPH_BREAK, Letter
from leninletters.core.present import Kind, reading
from leninletters.formats.bibtex import bibtex, bibtex_escape, one_line
from leninletters.formats.citation import (
    AUTHOR_FAMILY,
    AUTHOR_GIVEN,
    LCW_NAME,
    Citation,
    certainty_mark,
    citation,
    citations,
    cited_names,
    keys,
)
from leninletters.formats.csl import csl
from leninletters.formats.export import SEPARATOR, heading, markdown_escape, markdown_heading
from leninletters.formats.ris import ris

if TYPE_CHECKING:
    from leninletters.core.references import Selected

__all__ = [
    "AUTHOR_FAMILY",
    "AUTHOR_GIVEN",
    "LCW_NAME",
    "Citation",
    "Layout",
    "Style",
    "bibtex",
    "bibtex_escape",
    "certainty_mark",
    "citation",
    "citations",
    "csl",
    "document",
    "keys",
    "one_line",
    "quotations",
    "ris",
    "text",
    "text_only",
]


class Style(StrEnum):
    """cite --style: the forms a citation takes."""

    text = "text"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"


class Layout(StrEnum):
    """cite --quote --format, export --text-only --format: plain text, or Markdown (a block quote)."""

    text = "text"
    markdown = "markdown"
    md = "md"


# Plain text ---------------------------------------------------------------------------------------


def text(cited: Citation) -> str:
    """One paragraph, in the manner of a humanities bibliography."""
    title = f"“{cited.title}.”"
    if cited.passage:
        label = f" ({cited.part_label})" if cited.part_label else ""
        title += f" {cited.passage[0].upper()}{cited.passage[1:]}{label}."
    later = f" ({', '.join(cited.later_parts)})" if cited.later_parts else ""
    by = f"{cited_names(cited.authors)}. " if cited.authors else ""
    pieces = [f"{by}{title} {cited.date_words}{later}."]
    if cited.recipients and cited.unnamed_recipients:
        pieces.append(f"To {cited.addressees}{cited.inferred}.")
    pieces += [f"{dating}." for dating in cited.datings]
    book = cited.edition.get("book")
    if book:
        authors = cited.edition.get("authors")
        appendix = f", {cited.where_printed}" if cited.where_printed else ""
        published = ", ".join(
            cited.book_fact(name) for name in ("place", "publisher", "year") if cited.book_fact(name)
        )
        pieces.append(
            f"In {f'{authors}, ' if authors else ''}{book}{f' ({published})' if published else ''}{appendix}."
        )
    if cited.source_work:
        pieces.append(f"Printed there from {cited.source_work}.")
    if cited.book_fact("url"):
        pieces.append(f"{cited.book_fact('url')}.")
    if cited.lcw:
        pieces.append(f"Also in {LCW_NAME}, {cited.lcw}.")
    pieces.append(f"{cited.in_edition}.")
    return " ".join(pieces)


def document(cited: Sequence[Citation], style: Style | str) -> Iterator[str]:
    """The citations in a style, piece by piece: one a line (text), entries and records apart by a blank
    line (BibTeX, RIS), or one JSON array (CSL-JSON)."""
    chosen = Style(style)
    if chosen is Style.csl_json:
        encoded = msgspec.json.format(msgspec.json.encode([csl(c) for c in cited]), indent=2)
        yield encoded.decode("utf-8") + "\n"
        return
    write = {Style.text: text, Style.bibtex: bibtex, Style.ris: ris}[chosen]
    for index, one in enumerate(cited):
        separator = "\n" if index and chosen is not Style.text else ""
        yield separator + write(one) + "\n"


# Quotations ---------------------------------------------------------------------------------------


def _passage(cited: Citation) -> list[str]:
    """The paragraphs quoted, exactly as printed."""
    first, last = cited.paragraphs or (1, len(cited.letter.paragraphs))
    return list(cited.letter.paragraphs[first - 1 : last])


def _block_quote(paragraphs: list[str]) -> str:
    """Markdown's block quote: every line behind "> ", the paragraphs apart by a quoted blank line."""
    lines = [f"> {line}" for line in markdown_escape(PARAGRAPH_BREAK.join(paragraphs)).split("\n")]
    return "\n".join(line.rstrip() for line in lines)


def quotations(
    cited: Sequence[Citation], style: Style | str, layout: Layout | str = Layout.text
) -> Iterator[str]:
    """Each passage exactly as printed, then its citation in the style; in Markdown, a block quote. Nothing
    else: no heading, notes or apparatus."""
    markdown = Layout(layout) is not Layout.text
    for index, one in enumerate(cited):
        passage = _passage(one)
        quoted = _block_quote(passage) if markdown else PARAGRAPH_BREAK.join(passage)
        reference = "".join(document([one], style)).rstrip("\n")
        yield ("\n" if index else "") + f"{quoted}\n\n{reference}\n"


# The letters' text alone --------------------------------------------------------------------------


def _printed(letter: Letter, paragraphs: tuple[int, int] | None) -> list[str]:
    """The print's words of a letter or passage: its paragraphs and the lines the print sets after them
    (a scribe's initials, a date), none of this edition's."""
    return [piece.text for piece in reading(letter, paragraphs) if piece.kind is Kind.PRINT]


def text_only(selection: Iterable[Selected], layout: Layout | str = Layout.text) -> Iterator[str]:
    """The letters' text with their headings, and nothing else: no metadata, notes, apparatus or edition
    statement."""
    markdown = Layout(layout) is not Layout.text
    for index, (letter, paragraphs) in enumerate(selection):
        if markdown:
            body = [markdown_escape(piece) for piece in _printed(letter, paragraphs)]
            title = f"## {heading(letter, paragraphs, markdown_heading)}"
            yield ("\n---\n\n" if index else "") + PARAGRAPH_BREAK.join([title, *body]) + "\n"
        else:
            body = _printed(letter, paragraphs)
            yield (
                (f"\n{SEPARATOR}\n\n" if index else "")
                + PARAGRAPH_BREAK.join([heading(letter, paragraphs), *body])
                + "\n"
            )
