"""Citations read back by the programs that read them: pybtex, bibtexparser and BibTeX itself for BibTeX,
rispy for RIS. Whatever a title, a recipient or the book's name holds (braces, backslashes, LaTeX's
specials, line and paragraph separators), every entry keeps all its fields and no entry swallows the next.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import msgspec
import pybtex.database
import pytest
import rispy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from leninletters.core.model import Letter
from leninletters.formats import cite
from leninletters.store.corpus import load

EDITION = load()
# A letter whose title no mention points into, so that any title may replace it.
PLAIN = next(letter for letter in EDITION.letters if all(m.where != "title" for m in letter.mentions))
NEXT = next(letter for letter in EDITION.letters if letter.slug != PLAIN.slug)

# What the formats' readers treat specially, mixed with any character UTF-8 can carry.
HOSTILE = st.text(
    st.one_of(
        st.sampled_from(list("{}\\%#~^&$_@,=\"' \n\r\t\v\f\x1c\x85\u2028\u2029")),
        st.characters(codec="utf-8"),
    ),
    min_size=1,
    max_size=40,
)


def _cited(title: str, recipient: str, book: str) -> list[cite.Citation]:
    """Two citations: a letter with hostile text, then an ordinary one that must not be lost after it."""
    odd = msgspec.structs.replace(PLAIN, title=title, recipients=(recipient,), apparatus=None)
    edition = {**EDITION.metadata, "book": book, "authors": f"Ann {recipient} and Bo Book"}
    letters: list[Letter] = [odd, NEXT]
    return cite.citations([(odd, None), (NEXT, None)], [(e.slug, e.date) for e in letters], edition)


def _bibtex(cited: list[cite.Citation]) -> str:
    return "".join(cite.document(cited, "bibtex"))


REQUIRED = {"title", "origdate", "year", "note", "booktitle", "editor"}


@settings(max_examples=150, deadline=None)
@given(HOSTILE, HOSTILE, HOSTILE)
@example("Unbalanced close } here", "x", "y")
@example("Opens { only", "x", "y")
@example("\\", "}", "{")
def test_pybtex_reads_every_field_of_every_entry(title: str, recipient: str, book: str) -> None:
    cited = _cited(title, recipient, book)
    entries = pybtex.database.parse_string(_bibtex(cited), "bibtex").entries
    assert list(entries) == [one.key for one in cited]
    for one in cited:
        fields = entries[one.key].fields
        # pybtex keeps names apart from fields: the book's two authors are the entry's editors.
        assert REQUIRED - {"editor"} <= {name.lower() for name in fields}
        assert len(entries[one.key].persons["editor"]) == 2
        assert fields["origdate"] == one.date.isoformat()
        assert fields["year"] == "n.d."  # the book's year, which the edition does not record
    assert entries[cited[1].key].fields["title"].startswith("{" + cite.bibtex_escape(NEXT.title))


@settings(max_examples=100, deadline=None)
@given(HOSTILE, HOSTILE, HOSTILE)
@example("Unbalanced close } here", "x", "y")
@example("Opens { only", "x", "y")
def test_bibtexparser_reads_every_field_of_every_entry(title: str, recipient: str, book: str) -> None:
    import bibtexparser

    cited = _cited(title, recipient, book)
    library = bibtexparser.parse_string(_bibtex(cited))
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == [one.key for one in cited]
    for entry, one in zip(library.entries, cited, strict=True):
        assert REQUIRED <= set(entry.fields_dict)
        assert entry.fields_dict["origdate"].value == one.date.isoformat()


# BibTeX itself, through a style that prints each entry's fields on a line of their own.
_STYLE = """ENTRY { title origdate year note } {} {}
FUNCTION {incollection} {
  "KEY=" cite$ * write$ newline$
  "DATE=" origdate * write$ newline$
  "YEAR=" year * write$ newline$
  "NOTE=" note empty$ { "missing" } { "present" } if$ * write$ newline$
}
READ
ITERATE {call.type$}
"""


NO_BIBTEX = "bibtex is not installed (Debian: apt-get install texlive-binaries)"


@pytest.mark.skipif(shutil.which("bibtex") is None, reason=NO_BIBTEX)
@settings(max_examples=25, deadline=None)
@given(HOSTILE, HOSTILE, HOSTILE)
@example("Unbalanced close } here", "x", "y")
@example("Opens { only", "x", "y")
def test_bibtex_itself_reads_every_field_of_every_entry(
    tmp_path_factory: pytest.TempPathFactory, title: str, recipient: str, book: str
) -> None:
    folder = tmp_path_factory.mktemp("bibtex")
    cited = _cited(title, recipient, book)
    (folder / "cited.bib").write_text(_bibtex(cited), encoding="utf-8")
    (folder / "fields.bst").write_text(_STYLE, encoding="ascii")
    aux = "\\citation{*}\n\\bibdata{cited}\n\\bibstyle{fields}\n"
    (folder / "cited.aux").write_text(aux, encoding="ascii")
    finished = subprocess.run(
        ["bibtex", "cited"],
        cwd=folder,
        capture_output=True,
        text=True,
        errors="replace",
        env={"BIBINPUTS": ".", "BSTINPUTS": ".", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert finished.returncode == 0, finished.stdout
    printed = Path(folder / "cited.bbl").read_text(encoding="utf-8", errors="replace")
    expected = "".join(
        f"KEY={one.key}\nDATE={one.date.isoformat()}\nYEAR=n.d.\nNOTE=present\n" for one in cited
    )
    assert printed == expected


RIS_LINE = re.compile(r"\A[A-Z][A-Z0-9]  - .*\Z")


@settings(max_examples=150, deadline=None)
@given(HOSTILE, HOSTILE, HOSTILE)
@example("Splits\u2028TY  - JOUR", "x", "y")
@example("line\nER  - ", "x", "y")
def test_rispy_reads_one_record_a_letter_with_its_fields(title: str, recipient: str, book: str) -> None:
    cited = _cited(title, recipient, book)
    text = "".join(cite.document(cited, "ris"))
    # Every reader's idea of a line: splitlines is the widest (it breaks at U+2028 and its kin).
    assert all(RIS_LINE.match(line) for line in text.splitlines() if line)
    records = rispy.loads(text)
    assert [record["id"] for record in records] == [one.key for one in cited]
    for record, one in zip(records, cited, strict=True):
        assert record["type_of_reference"] == "CHAP"
        assert record["title"] == cite.one_line(one.distinct_title).strip()
        assert record["secondary_title"] == cite.one_line(one.edition["book"]).strip()
        assert len(record["secondary_authors"]) == 2
        # Only the tags a book section has in Zotero: no SE, and no DA or PY that would date the book by
        # the letter.
        assert not {"section", "date", "year"} & set(record)
        assert {"secondary_title", "notes", "urls"} <= set(record)
