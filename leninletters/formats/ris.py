"""RIS: a book section (CHAP) a citation, with only the tags Zotero's RIS import reads for a book section:
the book's authors as A2 (the one book-level name a book section takes), no SE (not a book-section field),
the letter's date in the title and the note rather than in DA (which Zotero takes for the book's date)."""

from __future__ import annotations

from leninletters.formats.bibtex import one_line
from leninletters.formats.citation import Citation, book_authors


def ris(cited: Citation) -> str:
    """A RIS record: a book section (CHAP) in the book the letter is printed in. TY first, ER last."""
    lines = [
        ("TY", "CHAP"),
        ("ID", cited.key),
        *(("AU", f"{family}, {given}" if given else family) for given, family in cited.authors),
        ("TI", cited.distinct_title),
    ]
    if cited.edition.get("book"):
        lines.append(("T2", str(cited.edition["book"])))
    if cited.edition.get("authors"):
        authors = book_authors(str(cited.edition["authors"]))
        lines += [("A2", f"{family}, {given}" if given else family) for given, family in authors]
    for tag, fact in (("PY", "year"), ("PB", "publisher"), ("CY", "place"), ("UR", "url")):
        if cited.book_fact(fact):
            lines.append((tag, cited.book_fact(fact)))
    # No ET: in a chapter record it is the book's edition, not this tool's version (the note says that).
    lines += [("N1", cited.note()), ("ER", "")]
    # RIS is read line by line, and readers differ in what ends a line: a value is kept on one.
    return "\n".join(f"{tag}  - {one_line(value)}" for tag, value in lines)
