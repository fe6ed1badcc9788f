"""CSL-JSON: an item a citation that Zotero imports and CSL processors (pandoc's citeproc) render, with the
official Chicago, APA and MLA styles, as a scholar writes a letter printed in a book.

The item is a `chapter` (Zotero's book section): a CSL `letter` has no book in Zotero, which drops it. No
`genre`: Chicago reads a chapter's genre "letter" as "Letter to ⟨the book⟩". The letter's date is its
`original-date` (and in its title, with the recipients where the heading does not name them); `issued` is
the book's year, left out where the edition does not record it (the styles then say "n.d."). The appendix
is the item's `number`, the one variable all four styles print beside the book.
"""

from __future__ import annotations

from typing import Any

from leninletters.formats.citation import Citation, book_authors


def _kept_lower(remark: str) -> str:
    """ " (medium certainty)" as CSL's rich text that no style capitalises: the tool's convention for
    certainty reads the same in every rendering."""
    stripped = remark.lstrip()
    return (
        f'{remark[: len(remark) - len(stripped)]}<span class="nocase">{stripped}</span>' if stripped else ""
    )


def _names(authors: str) -> list[dict[str, str]]:
    return [
        {"family": family, "given": given} if given else {"literal": family}
        for given, family in book_authors(authors)
    ]


def csl(cited: Citation) -> dict[str, Any]:
    """A CSL-JSON item for the letter or passage as printed in the book."""
    item: dict[str, Any] = {
        "id": cited.key,
        "type": "chapter",
        "author": [
            {"family": family, "given": given} if given else {"literal": family}
            for given, family in cited.authors
        ],
        "title": cited.title_with(_kept_lower),
    }
    if cited.edtf:
        # A range's open end has no date-parts: only the known end is given.
        ends = [end for end in cited.edtf.split("/") if end != ".."]
        item["original-date"] = {"date-parts": [[int(piece) for piece in end.split("-")] for end in ends]}
    if not item["author"]:
        del item["author"]
    if cited.recipients:
        # Literal names: "Twelfth Party Congress" and "Central Committee members" are no family, given.
        item["recipient"] = [{"literal": name} for name in cited.recipients]
    if cited.edition.get("book"):
        item["container-title"] = str(cited.edition["book"])
    if cited.edition.get("authors"):
        item["container-author"] = _names(str(cited.edition["authors"]))
    if cited.edition.get("appendix"):
        item["number"] = str(cited.edition["appendix"])
    year = cited.book_fact("year")
    if year.isdigit():
        item["issued"] = {"date-parts": [[int(year)]]}
    for variable, fact in (("publisher", "publisher"), ("publisher-place", "place"), ("URL", "url")):
        if cited.book_fact(fact):
            item[variable] = cited.book_fact(fact)
    # No `version`: the styles print it as the book's ("What They Really Stood For, version 0.1.0"); this
    # edition's version is in the note.
    item["note"] = cited.note()
    return item
