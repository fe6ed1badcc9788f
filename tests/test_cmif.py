"""export --format cmif against the CMIF specification's rules (TEI-Correspondence-SIG/CMIF, version 1.1:
doc/documentation-en.md, schema/cmi-customization.rng, odd/cmif.sch), written out here."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from leninletters.cli.app import app
from leninletters.core.model import Corpus

runner = CliRunner()
T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
FIXED = {"SOURCE_DATE_EPOCH": "1700000000"}

# The rules -----------------------------------------------------------------------------------------
# profileDesc/correspDesc/correspAction: only these children, no text (documentation, "Correspondence
# Metadata").
ACTION_CHILDREN = {"persName", "orgName", "placeName", "date"}
ACTION_TYPES = {"sent", "received"}
# date: at least one of these (cmif.sch E0004), each YYYY-MM-DD, YYYY-MM or YYYY (documentation).
DATE_ATTRIBUTES = {"when", "from", "to", "notBefore", "notAfter"}
CMIF_DATE = re.compile(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z")
# publicationStmt/date/@when: xsd:dateTime.
XSD_DATETIME = re.compile(r"\A-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?\Z")
# licence/@target: one of the two the documentation allows.
LICENCES = {
    "https://creativecommons.org/licenses/by/4.0/",
    "https://creativecommons.org/publicdomain/zero/1.0/",
}
# bibl/@type (schema); bibl/@xml:id a UUID (cmif.sch W0001) that begins with a letter (xml:id is an NCName).
BIBL_TYPES = {"print", "online", "hybrid"}
UUID = re.compile(r"\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
NCNAME_START = re.compile(r"\A[A-Za-z_]")
# Only these values (schema): @evidence conjecture, @cert low.
EVIDENCE, CERT = {"conjecture"}, {"low"}
# Authority files the documentation names for persons (and Wikidata, which correspSearch also reads).
AUTHORITY = re.compile(
    r"\Ahttps?://(viaf\.org/viaf/\d+|d-nb\.info/gnd/[0-9X-]+|www\.wikidata\.org/entity/Q\d+"
    r"|id\.loc\.gov/authorities/names/\w+|data\.bnf\.fr/\S+|id\.ndl\.go\.jp/auth/ndlna/\d+)/?\Z"
)


def export(*references: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["export", "--format", "cmif", *references], env=FIXED)
    return result.exit_code, result.stdout, result.stderr


def export_at(url: str, *references: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["export", "--format", "cmif", "--url", url, *references], env=FIXED)
    return result.exit_code, result.stdout, result.stderr


def one(parent: ET.Element, path: str) -> ET.Element:
    found = parent.findall(path)
    assert len(found) == 1, f"{path}: {len(found)} found"
    return found[0]


def check_cmif(text: str) -> ET.Element:
    """Every rule above, on a whole file; the parsed root."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{T}TEI"
    header = one(root, f"{T}teiHeader")
    file_desc = one(header, f"{T}fileDesc")
    assert [child.tag for child in file_desc] == [f"{T}titleStmt", f"{T}publicationStmt", f"{T}sourceDesc"]
    title_stmt = one(file_desc, f"{T}titleStmt")
    assert (one(title_stmt, f"{T}title").text or "").strip()
    assert title_stmt.findall(f"{T}editor") and all(
        (e.text or "").strip() for e in title_stmt.iter(f"{T}editor")
    )
    publication = one(file_desc, f"{T}publicationStmt")
    assert [c.tag for c in publication][-3:] == [f"{T}idno", f"{T}date", f"{T}availability"]
    assert all((p.text or "").strip() for p in publication.findall(f"{T}publisher"))
    idno = one(publication, f"{T}idno")
    assert idno.get("type") == "url" and re.fullmatch(r"\S+", idno.text or "")
    assert XSD_DATETIME.match(one(publication, f"{T}date").get("when", ""))
    licence = one(publication, f"{T}availability/{T}licence")
    assert licence.get("target") in LICENCES and "CC-BY 4.0" in (licence.text or "")
    bibls = file_desc.findall(f"{T}sourceDesc/{T}bibl")
    assert bibls
    ids = set()
    for bibl in bibls:
        identifier = bibl.get(XML_ID, "")
        assert bibl.get("type") in BIBL_TYPES
        assert UUID.match(identifier) and NCNAME_START.match(identifier)
        assert (bibl.text or "").strip()
        ids.add(identifier)
    for corresp in one(header, f"{T}profileDesc").findall(f"{T}correspDesc"):
        assert corresp.get("source", "").removeprefix("#") in ids and corresp.get("source", "").startswith(
            "#"
        )
        types = [action.get("type") for action in corresp.findall(f"{T}correspAction")]
        assert "sent" in types and "received" in types and set(types) <= ACTION_TYPES  # cmif.sch E0001/2
        for action in corresp.findall(f"{T}correspAction"):
            assert not (action.text or "").strip()
            assert {child.tag.removeprefix(T) for child in action} <= ACTION_CHILDREN
            assert action.findall(f"{T}persName") or action.findall(f"{T}orgName")
            for date in action.findall(f"{T}date"):
                present = DATE_ATTRIBUTES & set(date.attrib)
                assert present, "a date needs a dating attribute"
                assert all(CMIF_DATE.match(date.get(name, "")) for name in present)
                assert set(date.attrib) <= DATE_ATTRIBUTES | {"cert", "evidence"}
            for name in [*action.findall(f"{T}persName"), *action.findall(f"{T}orgName")]:
                assert (name.text or "").strip()
                assert name.get("evidence", "conjecture") in EVIDENCE
                assert name.get("cert", "low") in CERT
                if "ref" in name.attrib:
                    assert AUTHORITY.match(name.get("ref", "")), name.get("ref")
    one(root, f"{T}text/{T}body")
    return root


# The tests -------------------------------------------------------------------------------------------


def test_the_whole_edition_follows_the_specification(edition: Corpus) -> None:
    code, stdout, stderr = export()
    assert code == 0 and "correspSearch cannot harvest it" in stderr
    root = check_cmif(stdout)
    keys = [c.get("key") for c in root.iter(f"{T}correspDesc")]
    assert keys == [str(letter.number) for letter in edition.letters]


def test_the_header_in_full() -> None:
    root = check_cmif(export("20")[1])
    publication = root.find(f"{T}teiHeader/{T}fileDesc/{T}publicationStmt")
    assert publication is not None
    assert [
        (c.tag.removeprefix(T), c.text, c.attrib) for c in publication if c.tag != f"{T}availability"
    ] == [
        ("publisher", "leninletters", {}),
        ("idno", "tag:leninletters,2026:cmif", {"type": "url"}),
        ("date", None, {"when": "2023-11-14T22:13:20Z"}),
    ]


def test_a_letter_sent_by_lenin_to_trotsky_with_their_authority_uris() -> None:
    root = check_cmif(export("20")[1])
    [corresp] = root.iter(f"{T}correspDesc")
    sent, received = corresp.findall(f"{T}correspAction")
    assert [(c.tag.removeprefix(T), c.text, c.attrib) for c in sent] == [
        ("persName", "Vladimir Lenin", {"ref": "http://d-nb.info/gnd/118640402"}),
        ("date", None, {"when": "1923-03-05"}),
    ]
    assert [(c.tag.removeprefix(T), c.text, c.attrib) for c in received] == [
        ("persName", "Leon Trotsky", {"ref": "http://d-nb.info/gnd/118642979"}),
    ]


def test_persons_without_an_authority_id_bodies_and_inferred_recipients() -> None:
    root = check_cmif(export("22", "11", "6")[1])
    received = {c.get("key"): c.findall(f"{T}correspAction")[1] for c in root.iter(f"{T}correspDesc")}
    assert [(c.tag.removeprefix(T), c.text, c.attrib) for c in received["22"] if isinstance(c.tag, str)] == [
        ("persName", "P.G. Mdivani", {}),
        ("persName", "F.Y. Makharadze", {}),
        ("persName", "Unknown", {}),  # "and others": an addressee the print does not name
    ]
    assert [(c.tag.removeprefix(T), c.attrib) for c in received["11"]] == [
        ("orgName", {"evidence": "conjecture", "cert": "low"})  # inferred from the series, medium certainty
    ]
    assert [(c.tag.removeprefix(T), c.text) for c in received["6"]] == [
        ("persName", "Joseph Stalin"),
        ("orgName", "Central Committee members"),
    ]


def test_a_letter_dictated_over_several_days_is_dated_from_to() -> None:
    root = check_cmif(export("testament")[1])
    date = root.find(f".//{T}correspAction[@type='sent']/{T}date")
    # From LCW's dating of 24 December, of medium certainty: CMIF says so the only way it can.
    assert date is not None and date.attrib == {"from": "1922-12-24", "to": "1923-01-04", "cert": "low"}


def test_a_passage_counts_as_its_letter_once_and_the_file_is_the_same_when_made_again() -> None:
    root = check_cmif(export("9:1", "9:11", "9")[1])
    assert [c.get("key") for c in root.iter(f"{T}correspDesc")] == ["9"]
    assert export("1-22")[1] == export()[1]


@pytest.mark.parametrize("epoch", ["99999999999999", "abc", "-1", "1e9"])
def test_a_bad_source_date_epoch_is_refused_in_one_line(epoch: str) -> None:
    result = CliRunner().invoke(app, ["export", "-f", "cmif", "1"], env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 2 and result.stdout == ""
    assert "SOURCE_DATE_EPOCH" in result.stderr and "expected whole seconds since 1970" in result.stderr


@pytest.mark.parametrize(
    ("number", "copies"),
    [
        ("2", ["Leon Trotsky"]),
        ("3", ["M.I. Frumkin", "B.S. Stomonyakov"]),
        ("21", ["Lev Kamenev", "Grigory Zinoviev"]),
        ("22", ["Leon Trotsky", "Lev Kamenev"]),
    ],
)
def test_copies_are_received_as_copies(number: str, copies: list[str]) -> None:
    root = check_cmif(export(number)[1])
    [corresp] = root.iter(f"{T}correspDesc")
    [copied] = corresp.findall(f"{T}correspAction[@subtype='cc']")
    assert copied.get("type") == "received"
    assert [name.text for name in copied] == copies
    addressees = corresp.findall(f"{T}correspAction[@type='received']")
    assert len(addressees) == 2 and addressees[0].get("subtype") is None


def test_addressees_settled_with_less_than_high_certainty_are_uncertain() -> None:
    root = check_cmif(export("8", "9", "10", "20")[1])
    received = {
        c.get("key"): c.find(f"{T}correspAction[@type='received']") for c in root.iter(f"{T}correspDesc")
    }
    for key in ("8", "9", "10"):  # the Twelfth Party Congress: the edition's reading, medium certainty
        [body] = list(received[key] or [])
        assert (body.text, body.get("cert")) == ("Twelfth Party Congress", "low")
    [trotsky] = list(received["20"] or [])
    assert trotsky.get("cert") is None


def test_the_published_address_is_checked_and_named() -> None:
    code, stdout, stderr = export_at("https://example.org/lenin/cmif.xml", "20")
    assert (code, stderr) == (0, "")
    idno = check_cmif(stdout).find(f".//{T}publicationStmt/{T}idno")
    assert idno is not None and idno.text == "https://example.org/lenin/cmif.xml"


@pytest.mark.parametrize(
    "url", ["http://example.org/x.xml", "example.org/x.xml", "https://", "https://a b/c"]
)
def test_an_address_correspsearch_cannot_harvest_is_refused(url: str) -> None:
    code, stdout, stderr = export_at(url, "20")
    assert (code, stdout) == (2, "")
    assert stderr.count("\n") == 1 and "https URL" in stderr


def test_url_goes_with_cmif_only() -> None:
    result = runner.invoke(app, ["export", "20", "--url", "https://example.org/x.xml"])
    assert (result.exit_code, result.stdout) == (2, "") and "--format cmif" in result.stderr


def _official_schema() -> bytes | None:
    """The CMIF RELAX NG schema of TEI-Correspondence-SIG/CMIF: from LENINLETTERS_CMIF_RNG, or from a
    clone of the repository named by LENINLETTERS_CMIF_REPO (or the mirror this machine keeps)."""
    import os
    import subprocess
    from pathlib import Path

    named = os.environ.get("LENINLETTERS_CMIF_RNG")
    if named and Path(named).is_file():
        return Path(named).read_bytes()
    repo = os.environ.get("LENINLETTERS_CMIF_REPO", "/work/.mirror/TEI-Correspondence-SIG+CMIF/repo")
    try:
        shown = subprocess.run(
            ["git", "-C", repo, "show", "HEAD:schema/cmi-customization.rng"], capture_output=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return shown.stdout


def test_the_official_schema_accepts_the_export_with_copies_and_certainty() -> None:
    etree = pytest.importorskip("lxml.etree", reason="lxml validates RELAX NG")
    schema_text = _official_schema()
    if schema_text is None:
        pytest.skip("the CMIF schema is not here: set LENINLETTERS_CMIF_RNG to cmi-customization.rng")
    schema = etree.RelaxNG(etree.fromstring(schema_text))
    stdout = export_at("https://example.org/lenin/cmif.xml")[1]
    document = etree.fromstring(stdout.encode("utf-8"))
    assert schema.validate(document), schema.error_log
    # The specification's Schematron rules (odd/cmif.sch), E0001-E0004, as XPath.
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    ids = set(document.xpath("//t:bibl/@xml:id", namespaces=ns))
    for corresp in document.xpath("//t:correspDesc", namespaces=ns):
        assert corresp.xpath("t:correspAction[@type='sent']", namespaces=ns)
        assert corresp.xpath("t:correspAction[@type='received']", namespaces=ns)
        assert corresp.get("source").removeprefix("#") in ids
    for date in document.xpath("//t:date", namespaces=ns):
        assert {"when", "from", "to", "notBefore", "notAfter"} & set(date.attrib)
    # And the schema is no rubber stamp: an action CMIF does not know is refused.
    action = document.xpath("//t:correspAction[@subtype='cc']", namespaces=ns)[0]
    action.set("type", "cc")
    assert not schema.validate(document)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40).map(lambda tail: "https://example.org/" + tail))
def test_an_address_taken_is_carried_whole_in_well_formed_xml(url: str) -> None:
    # Whatever --url accepts, the file stays well-formed XML and names it exactly; the rest is refused.
    from leninletters.core.errors import InputError
    from leninletters.formats import cmif

    try:
        checked = cmif.published_url(url)
    except InputError:
        assert not url.isascii() or not url.isprintable() or " " in url
        return
    code, stdout, stderr = export_at(checked, "20")
    assert (code, stderr) == (0, "")
    idno = check_cmif(stdout).find(f".//{T}publicationStmt/{T}idno")
    assert idno is not None and idno.text == url
