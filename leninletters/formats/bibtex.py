"""BibTeX: an @incollection entry a letter a citation, that BibTeX's plain style (and pybtex's) formats
and whose fields biblatex's data model knows.

The book's authors stand in `editor`: @incollection has no field for a book's author in BibTeX, and
biblatex's `bookauthor` is not one of its fields; `editor` is what both print after "In". The letter's date
is in the title and in `origdate` (biblatex); `year` is the book's, "n.d." where the edition does not record
it (BibTeX's styles need one, and the letter's year would stand where the book's belongs).
"""

from __future__ import annotations

import re

from leninletters.formats.citation import Citation, book_authors, cited_names

# What BibTeX (and LaTeX after it) would read as commands; everything else, UTF-8 included, stays as it is.
# BibTeX counts every brace, even one after a backslash, to find where a value ends: an escaped \} still
# closes it, and the entry loses the fields after it. So a brace of the text becomes a command inside a
# group of its own, balanced whatever the text holds, and LaTeX prints it as the brace it was.
_BIBTEX_SPECIAL = {
    "\\": r"{\textbackslash}",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
}
_BIBTEX_PATTERN = re.compile("[" + re.escape("".join(_BIBTEX_SPECIAL)) + "]")
# Every character Python's splitlines ends a line at: a value holding one would be several lines.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
# What BibTeX prints where a work has no date (its styles need a year).
NO_DATE = "n.d."


def one_line(value: str) -> str:
    """A value on one line: each run of line or paragraph separators becomes a space."""
    return _LINE_BREAKS.sub(" ", value)


def bibtex_escape(value: str) -> str:
    """A value that reads back as itself inside braces, its braces balanced: LaTeX's specials as commands,
    UTF-8 kept, one line."""
    return _BIBTEX_PATTERN.sub(lambda match: _BIBTEX_SPECIAL[match[0]], one_line(value))


def bibtex_names(authors: str) -> str:
    """ "Alan Woods and Ted Grant" as BibTeX names, "Woods, Alan and Grant, Ted"."""
    return " and ".join(f"{family}, {given}" if given else family for given, family in book_authors(authors))


def bibtex(cited: Citation) -> str:
    """An @incollection entry: the letter, its date, the book with its authors, publisher and year where
    recorded, the appendix, the web text's address, and the rest as a note."""
    fields: list[tuple[str, str]] = [
        *([("author", bibtex_escape(cited_names(cited.authors)))] if cited.authors else []),
        # Doubled braces keep the title's capitals through styles that lower-case titles.
        ("title", "{" + bibtex_escape(cited.distinct_title) + "}"),
        *([("origdate", cited.edtf)] if cited.edtf else []),
        ("year", bibtex_escape(cited.book_fact("year") or NO_DATE)),
    ]
    if cited.edition.get("book"):
        fields.append(("booktitle", "{" + bibtex_escape(str(cited.edition["book"])) + "}"))
    if cited.edition.get("authors"):
        fields.append(("editor", bibtex_escape(bibtex_names(str(cited.edition["authors"])))))
    if cited.where_printed:
        fields.append(("chapter", bibtex_escape(cited.where_printed)))
    fields += [
        (name, bibtex_escape(cited.book_fact(name))) for name in ("publisher",) if cited.book_fact(name)
    ]
    if cited.book_fact("place"):
        fields.append(("address", bibtex_escape(cited.book_fact("place"))))
    if cited.book_fact("url"):
        fields.append(("url", bibtex_escape(cited.book_fact("url"))))
    fields.append(("note", bibtex_escape(cited.note())))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@incollection{{{cited.key},\n{body}}}"
