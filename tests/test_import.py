"""The import's mapping, rule by rule (docs/import.md), on synthetic TEI and CMIF files written for it:
the JSON it writes, as another command will read it."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leninletters.core.kinds import LINE_PATTERN, SLUG_PATTERN
from leninletters.importers import names, safexml
from leninletters.importers.batch import Imported, import_files, xml_files

FIXTURES = Path(__file__).parent / "fixtures"
TEI = FIXTURES / "tei"
BROKEN = TEI / "broken"
CMIF = FIXTURES / "cmif" / "letters.xml"


def imported(*paths: Path, recursive: bool = False) -> tuple[dict[str, Any], Imported]:
    run = import_files(xml_files([str(path) for path in paths], recursive=recursive), "fixtures")
    try:
        return json.loads("".join(run.writer.pieces())), run
    finally:
        run.writer.close()


@pytest.fixture(scope="module")
def tei() -> dict[str, Any]:
    return imported(TEI)[0]


@pytest.fixture(scope="module")
def cmif() -> dict[str, Any]:
    return imported(CMIF)[0]


def letter(corpus: dict[str, Any], slug: str) -> dict[str, Any]:
    return next(letter for letter in corpus["letters"] if letter["slug"] == slug)


def person(corpus: dict[str, Any], person_id: str) -> dict[str, Any]:
    return next(person for person in corpus["people"] if person["id"] == person_id)


def write_tei(folder: Path, name: str, body: str, header: str = "") -> Path:
    """A small TEI letter with the body and correspDesc given."""
    corresp = header or (
        '<correspAction type="sent"><persName>Test, Tina</persName><date when="1900-01-01"/></correspAction>'
    )
    path = folder / name
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><correspDesc>'
        f"{corresp}</correspDesc></profileDesc></teiHeader><text><body>{body}</body></text></TEI>",
        encoding="utf-8",
    )
    return path


# Who and when ------------------------------------------------------------------------------------


def test_the_sent_action_gives_senders_place_and_date_and_the_received_one_the_addressees(
    tei: dict[str, Any],
) -> None:
    first = letter(tei, "b0001")
    assert first["senders"] == ["Weber, Anna"]
    assert first["recipients"] == ["Kästner, Hans"]
    assert first["date"] == "1890-09-03"
    assert first["dating"] == {"when": "1890-09-03", "text": "3. 9. 1890", "action": "sent"}
    assert first["places"] == [
        {"role": "sent", "name": "Wien", "ref": "#pl-wien", "uri": "https://www.geonames.org/2761369"},
        {"role": "received", "name": "Graz", "ref": "#pl-graz", "uri": None},
    ]
    assert first["languages"] == ["de-AT"]


def test_a_received_date_is_the_fallback_and_says_so(tei: dict[str, Any]) -> None:
    received = letter(tei, "letter-04")
    assert received["dating"]["action"] == "received"
    assert received["dating"]["when"] == "1912-05-02"


def test_other_actions_are_events_never_addressees(tei: dict[str, Any]) -> None:
    second = letter(tei, "b0002")
    assert second["events"] == [
        {"type": "transmitted", "persons": ["Bote, Karl"], "place": "Linz", "date": "1909-07-31"}
    ]
    assert "Bote, Karl" not in second["recipients"]
    forwarded = letter(tei, "e3")
    assert forwarded["events"][0]["type"] == "forwarded"
    assert "Green, Tom" not in forwarded["recipients"]


def test_uncertain_dates_keep_their_bounds_text_cert_and_evidence_and_give_no_single_date(
    tei: dict[str, Any],
) -> None:
    second = letter(tei, "b0002")
    assert "date" not in second
    assert second["dating"] == {
        "not_before": "1909-07-19",
        "not_after": "1909-07-30",
        "text": "[Ende Juli 1909]",
        "cert": "medium",
        "evidence": "internal",
        "action": "sent",
    }


def test_a_year_alone_and_a_from_to_range_are_kept_as_given(tei: dict[str, Any]) -> None:
    assert letter(tei, "e3")["dating"] == {"when": "1911", "action": "sent"}
    assert "date" not in letter(tei, "e3")
    assert letter(tei, "e5")["dating"] == {"from": "1913-01-10", "to": "1913-01-12", "action": "sent"}


def test_a_date_that_is_no_calendar_day_is_counted_and_its_text_kept(tmp_path: Path) -> None:
    header = (
        '<correspAction type="sent"><persName>A</persName><date when="1890-02-30">30 Feb</date>'
        "</correspAction>"
    )
    write_tei(tmp_path, "a.xml", "<p>Text.</p>", header)
    corpus, run = imported(tmp_path)
    assert corpus["letters"][0]["dating"] == {"text": "30 Feb", "action": "sent"}
    assert run.writer.unmapped["a date value that is not YYYY, YYYY-MM or YYYY-MM-DD (its text is kept)"] == 1


# Names and people -------------------------------------------------------------------------------------


def test_people_are_grouped_by_ref_with_every_spelling_and_a_display_form(tei: dict[str, Any]) -> None:
    weber = person(tei, "p1")
    assert weber["name"] == "Anna Weber"
    assert weber["forms"] == ["Weber, Anna", "Anna Weber"]
    assert weber["ref"] == "#p1"
    assert letter(tei, "b0002")["senders"] == ["Anna Weber"]  # the form this letter gives
    assert [m["person"] for m in letter(tei, "b0002")["mentions"] if m["kind"] == "sender"] == ["p1"]


def test_a_local_ref_resolves_to_the_idnos_of_its_person_in_the_back(tei: dict[str, Any]) -> None:
    assert person(tei, "p1")["uris"] == [
        "https://d-nb.info/gnd/000000001",
        "http://www.wikidata.org/entity/Q000001",
    ]


def test_a_ref_that_resolves_nowhere_is_kept_raw_and_counted() -> None:
    corpus, run = imported(TEI)
    marie = person(corpus, "nobody")
    assert (marie["ref"], marie["uris"], marie["name"]) == ("#nobody", [], "Marie Kästner")
    assert run.writer.unmapped["a ref that resolves nowhere in its file (kept raw)"] == 1


def test_odd_refs_are_kept_raw_and_counted_never_resolved() -> None:
    corpus, run = imported(TEI)
    brown = person(corpus, "p3")
    assert (brown["ref"], brown["uris"]) == ("p3", [])  # no '#': not looked up, though p3 is in the back
    office = person(corpus, "pl-leeds")
    assert (office["ref"], office["uris"], office["name"]) == ("#pl-leeds", [], "Leeds Office")
    assert run.writer.unmapped["a ref without '#' that is no URI (kept raw)"] == 2
    assert run.writer.unmapped["a person's ref that points at a place (kept raw)"] == 1


def test_a_name_without_ref_is_one_person_per_spelling(tei: dict[str, Any]) -> None:
    smith = person(tei, "smith-john")
    assert smith["ref"] is None and smith["forms"] == ["Smith, John", "John Smith"]
    assert {letter["slug"] for letter in tei["letters"] if "smith-john" in letter["people"]} == {
        "e3",
        "letter-04",
        "e5",
        "u1",
    }


def test_each_sender_addressee_and_copy_is_a_mention_of_its_kind(cmif: dict[str, Any]) -> None:
    first = letter(cmif, "k-101")
    assert [(m["kind"], m["form"], m["where"]) for m in first["mentions"]] == [
        ("sender", "Roth, Lena", "senders"),
        ("recipient", "Fuchs, Otto", "recipients"),
        ("copy", "Fuchs, Greta", "copies"),
    ]


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("Schnitzler, Arthur", "Arthur Schnitzler"),
        ("Arthur Schnitzler", "Arthur Schnitzler"),
        ("Smith, John, Jr.", "Smith, John, Jr."),
        ("Verein für Volkskunde", "Verein für Volkskunde"),
    ],
)
def test_the_display_form_puts_surname_forename_in_reading_order(given: str, shown: str) -> None:
    assert names.display_form(given) == shown


# The text --------------------------------------------------------------------------------------------


def test_blocks_are_paragraphs_in_order_even_without_white_space_between_them(tei: dict[str, Any]) -> None:
    paragraphs = letter(tei, "b0001")["text"].split("\n\n")
    assert paragraphs[:2] == ["Wien, 3. September 1890", "Lieber Hans!"]  # </salute></opener><p>
    assert paragraphs[-3:] == ["Deine", "Anna", "P.S. Grüße an die Mutter."]  # closer, signed, postscript


def test_del_fw_figure_and_pb_are_not_read_lb_and_space_are_white_space(tei: dict[str, Any]) -> None:
    text = letter(tei, "b0001")["text"]
    assert "Schönbergstraße, Ecke Gar tenweg, nicht mehr in der Gasse. Das Haus ist klein." in text
    assert "alten" not in text and "Skizze" not in text and "2 Das" not in text
    assert "Ein Bild: mehr nicht." in text


def test_a_note_is_kept_as_a_note_with_its_marker_where_it_stood(tei: dict[str, Any]) -> None:
    first = letter(tei, "b0001")
    assert first["notes"] == [{"marker": "1", "text": "Die Straße heißt heute anders."}]
    assert "Das Haus ist klein.[1] Kommst du?" in first["text"]


def test_a_choice_reads_its_correction_and_expansion(tei: dict[str, Any]) -> None:
    assert "The weather is fine and the Department is closed." in letter(tei, "e3")["text"]


def test_writing_sessions_are_parts_with_their_date_and_hand_and_the_address_a_part_of_its_own() -> None:
    corpus, run = imported(TEI)
    second = letter(corpus, "b0002")
    assert second["text"].split("\n\n")[:2] == ["Herrn Hans Kästner", "Graz, Sackstraße 4"]
    assert second["parts"] == [
        {"label": None, "paragraphs": [1, 2], "written_by": None, "kind": "address"},
        {"label": None, "paragraphs": [3, 4], "date": "1909-07-20", "written_by": "Anna Weber", "kind": None},
        {"label": None, "paragraphs": [5, 7], "written_by": None, "kind": None},
    ]
    assert run.writer.unmapped["a writingSession dated to a month or year only (no part date)"] == 1


def test_a_letter_in_one_piece_has_no_parts(tei: dict[str, Any]) -> None:
    assert "parts" not in letter(tei, "b0001")  # one writingSession, of the letter's own date
    assert "parts" not in letter(tei, "e3")


def test_hidden_characters_in_a_file_never_reach_the_corpus(tmp_path: Path) -> None:
    """XML 1.0 carries C1 controls (a terminal's CSI is U+009B) and U+2028: the corpus may hold none."""
    header = '<correspAction type="sent"><persName>Evil\u009b31mName</persName></correspAction>'
    write_tei(tmp_path, "a.xml", "<p>Line\u2028break and \u0085next \u009b2J</p>", header)
    corpus, _ = imported(tmp_path)
    found = corpus["letters"][0]
    for value in (found["text"], found["senders"][0], found["title"], corpus["people"][0]["name"]):
        assert re.match(LINE_PATTERN, value), value


# Files that are not read ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "where", "reason"),
    [
        ("malformed.xml", ":3:26", "is not well-formed XML (mismatched tag)"),
        ("not-tei.xml", "", "is not a TEI file (its root element is <html>, not <TEI>)"),
        ("no-corresp.xml", "", "has no correspDesc in teiHeader/profileDesc"),
        ("xxe.xml", ":2:59", "declares the entity 'secret' in its DOCTYPE, which an import never expands"),
        ("laughs.xml", ":3:15", "declares the entity 'lol' in its DOCTYPE"),
    ],
)
def test_a_file_that_cannot_be_imported_is_skipped_with_its_place_and_reason(
    name: str, where: str, reason: str
) -> None:
    _, run = imported(BROKEN / name, TEI / "undated.xml")
    assert len(run.writer) == 1  # the others are imported
    (skipped,) = run.skipped
    assert skipped.where == f"{BROKEN / name}{where}"
    assert skipped.reason.startswith(reason)


def test_an_external_entity_is_never_read_and_entities_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    path = tmp_path / "x.xml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY s SYSTEM "{secret.as_uri()}">]>'
        '<TEI><teiHeader><profileDesc><correspDesc><correspAction type="sent"><persName>&s;</persName>'
        "</correspAction></correspDesc></profileDesc></teiHeader><text><body><p>&s;</p></body></text></TEI>",
        encoding="utf-8",
    )
    with pytest.raises(safexml.Refused):
        safexml.parse(path)
    # The same in UTF-16, where the bytes of "<!DOCTYPE" are spelled otherwise.
    with pytest.raises(safexml.Refused, match="declares the entity 's'"):
        safexml.parse_bytes(
            path.read_text(encoding="utf-8")
            .replace('"1.0"?>', '"1.0" encoding="UTF-16"?>', 1)
            .encode("utf-16")
        )


def test_an_undeclared_entity_is_an_error_not_a_fetch(tmp_path: Path) -> None:
    path = write_tei(tmp_path, "a.xml", "<p>&nbsp;</p>")
    with pytest.raises(safexml.Refused, match="undefined entity"):
        safexml.parse(path)


def test_text_nested_without_end_is_refused_not_a_crash(tmp_path: Path) -> None:
    write_tei(tmp_path, "deep.xml", "<p>" + "<hi>" * 5000 + "x" + "</hi>" * 5000 + "</p>")
    _, run = imported(tmp_path)
    assert [skipped.reason for skipped in run.skipped] == [
        "nests its text deeper than 200 elements, which no letter needs"
    ]


# Slugs, numbers, links -------------------------------------------------------------------------------


def test_slugs_come_from_the_xml_id_or_the_file_stem(tei: dict[str, Any]) -> None:
    assert [letter["slug"] for letter in tei["letters"]] == ["b0001", "b0002", "e3", "letter-04", "e5", "u1"]


def test_numbers_follow_date_order_with_undated_letters_last(tei: dict[str, Any]) -> None:
    assert [letter["number"] for letter in tei["letters"]] == [1, 2, 3, 4, 5, 6]
    assert tei["letters"][-1]["dating"] is None


def test_previous_and_next_letters_become_one_series_link_and_the_missing_are_counted() -> None:
    corpus, run = imported(TEI)
    assert corpus["links"] == [
        {
            "a": "b0001",
            "b": "b0002",
            "kind": "series",
            "reason": "By the source's correspContext, b0001 comes before b0002.",
            "authority": "import",
            "certainty": "high",
        }
    ]
    assert [reference["id"] for reference in corpus["references"]] == ["import"]
    # Read from either letter, the link says which came first: never "next" seen from the later one.
    assert "next" not in corpus["links"][0]["reason"] and "previous" not in corpus["links"][0]["reason"]
    assert run.writer.unmapped["a previous or next letter that is not among those imported"] == 1


def test_one_id_met_twice_gives_two_slugs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write_tei(tmp_path / "a", "same.xml", "<p>One.</p>")
    write_tei(tmp_path / "b", "same.xml", "<p>Two.</p>")
    corpus, _ = imported(tmp_path, recursive=True)
    assert sorted(letter["slug"] for letter in corpus["letters"]) == ["same", "same-2"]


# CMIF --------------------------------------------------------------------------------------------------


def test_a_cmif_file_is_told_by_its_content_and_gives_a_letter_per_correspdesc(cmif: dict[str, Any]) -> None:
    assert [letter["slug"] for letter in cmif["letters"]] == ["k-101", "k-102", "k-103"]
    first = letter(cmif, "k-101")
    assert first["copies"] == ["Fuchs, Greta"]
    assert first["source"] == "https://example.org/letters/k-101.html"
    assert first["text"] == "⟨no text: the source gives this letter's metadata only⟩"
    assert first["title"] == "Lena Roth to Otto Fuchs, 1902-03-14"


def test_cmif_refs_are_uris_and_group_people_across_spellings(cmif: dict[str, Any]) -> None:
    roth = person(cmif, "gnd-000000011")
    assert roth["forms"] == ["Roth, Lena", "Lena Roth"]
    assert roth["uris"] == ["https://d-nb.info/gnd/000000011"]
    assert letter(cmif, "k-101")["places"][0]["uri"] == "https://www.geonames.org/2950159"


def test_a_conjectured_addressee_marks_the_recipients_inferred(cmif: dict[str, Any]) -> None:
    assert letter(cmif, "k-102")["recipients_inferred"] is True
    assert "recipients_inferred" not in letter(cmif, "k-101")


# Rules that hold for every input ---------------------------------------------------------------------


@given(st.text())
def test_any_text_becomes_one_line_a_corpus_takes_or_nothing(text: str) -> None:
    line = names.one_line(text)
    assert line == "" or re.match(LINE_PATTERN, line)


@given(st.text())
def test_any_id_becomes_a_slug(text: str) -> None:
    assert re.match(SLUG_PATTERN, names.letter_slug(text))


def test_unmapped_kinds_are_counted_not_dropped(tmp_path: Path) -> None:
    header = (
        '<correspAction type="sent"><persName>A</persName><roleName>x</roleName></correspAction>'
        "<note>an editor's note on the correspondence</note>"
    )
    write_tei(tmp_path, "a.xml", "<p>Text.</p>", header)
    _, run = imported(tmp_path)
    assert run.writer.unmapped == Counter({"correspAction <roleName>": 1, "correspDesc <note>": 1})


def test_a_letter_file_without_text_is_still_a_letter_and_says_it_has_none(tmp_path: Path) -> None:
    """A letter known only from the others' mention: its TEI file has a correspDesc and an empty body."""
    write_tei(tmp_path, "lost.xml", "<p/>")
    corpus, run = imported(tmp_path)
    (lost,) = corpus["letters"]
    assert lost["slug"] == "lost"
    assert lost["text"] == "⟨no text: the source gives this letter's metadata only⟩"
    assert run.writer.unmapped["a letter whose body has no reading text"] == 1


def test_cmif_of_one_letter_is_told_by_its_source_pointer(tmp_path: Path) -> None:
    header = '<correspAction type="sent"><persName ref="https://d-nb.info/gnd/1">A</persName></correspAction>'
    path = write_tei(tmp_path, "one.xml", "<p/>", header)
    path.write_text(path.read_text().replace("<correspDesc>", '<correspDesc key="7" source="#b">'))
    corpus, _ = imported(tmp_path)
    assert [letter["slug"] for letter in corpus["letters"]] == ["letter-7"]


def test_a_dating_whose_bounds_leave_no_day_keeps_its_text_only(tmp_path: Path) -> None:
    header = (
        '<correspAction type="sent"><persName>A</persName>'
        '<date notBefore="1900-05-01" notAfter="1900-04-01">Frühjahr 1900</date></correspAction>'
    )
    write_tei(tmp_path, "a.xml", "<p>Text.</p>", header)
    corpus, run = imported(tmp_path)
    assert corpus["letters"][0]["dating"] == {"text": "Frühjahr 1900", "action": "sent"}
    assert run.writer.unmapped["a date whose bounds leave no day (its text is kept)"] == 1


def test_a_language_that_is_no_bcp47_tag_is_counted_not_written(tmp_path: Path) -> None:
    path = write_tei(tmp_path, "a.xml", "<p>Text.</p>")
    path.write_text(
        path.read_text().replace(
            "<profileDesc>",
            '<profileDesc><langUsage><language ident="German (old)"/><language ident="de"/></langUsage>',
        )
    )
    corpus, run = imported(tmp_path)
    assert corpus["letters"][0]["languages"] == ["de"]
    assert run.writer.unmapped["a language that is no BCP 47 tag"] == 1


def test_uris_are_kept_as_uris_a_corpus_takes_and_refs_as_one_line(tmp_path: Path) -> None:
    header = (
        '<correspAction type="sent"><persName ref="#p">A</persName>'
        '<placeName ref="https://de.wikipedia.org/wiki/Graz Österreich">Graz</placeName></correspAction>'
        '<correspAction type="received"><persName ref="http://x.org/\u0085\u009bbad">B</persName></correspAction>'
    )
    path = write_tei(tmp_path, "a.xml", "<p>Text.</p>", header)
    path.write_text(
        path.read_text().replace(
            "</text>",
            '<back><listPerson><person xml:id="p"><persName>A</persName>'
            '<idno type="URL">https://de.wikipedia.org/wiki/Schönberg</idno>'
            '<idno type="gnd">not a number</idno></person></listPerson></back></text>',
        )
    )
    corpus, _ = imported(tmp_path)
    # an IRI percent-encoded; an identifier with spaces makes no URI, and is left out
    assert person(corpus, "p")["uris"] == ["https://de.wikipedia.org/wiki/Sch%C3%B6nberg"]
    assert corpus["letters"][0]["places"][0]["uri"] == "https://de.wikipedia.org/wiki/Graz"
    for value in (p["ref"] for p in corpus["people"] if p["ref"]):
        assert re.match(LINE_PATTERN, value), value


def _xml_character(character: str) -> bool:
    """What XML 1.0 can hold: no C0 control but tab and line ends, no surrogate, no U+FFFE or U+FFFF."""
    return (character in "\t\n\r" or character >= " ") and not (
        "\ud800" <= character <= "\udfff" or character in "\ufffe\uffff"
    )


XML_TEXT = st.text(st.characters().filter(_xml_character), max_size=30)


@given(
    sender=XML_TEXT,
    ref=XML_TEXT,
    when=XML_TEXT,
    paragraphs=st.lists(XML_TEXT, max_size=4),
    language=XML_TEXT,
)
def test_whatever_a_letter_file_holds_the_corpus_written_is_one_validate_accepts(
    sender: str, ref: str, when: str, paragraphs: list[str], language: str
) -> None:
    import tempfile
    import xml.etree.ElementTree as ET

    from leninletters.store.corpus import load

    tei = "{http://www.tei-c.org/ns/1.0}"
    root = ET.Element(f"{tei}TEI")
    header = ET.SubElement(root, f"{tei}teiHeader")
    profile = ET.SubElement(header, f"{tei}profileDesc")
    ET.SubElement(ET.SubElement(profile, f"{tei}langUsage"), f"{tei}language", ident=language)
    action = ET.SubElement(ET.SubElement(profile, f"{tei}correspDesc"), f"{tei}correspAction", type="sent")
    ET.SubElement(action, f"{tei}persName", ref=ref).text = sender
    ET.SubElement(action, f"{tei}date", when=when).text = when
    body = ET.SubElement(ET.SubElement(root, f"{tei}text"), f"{tei}body")
    for paragraph in paragraphs:
        ET.SubElement(body, f"{tei}p").text = paragraph
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "letter.xml"
        ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
        out = Path(folder) / "corpus.json"
        run = import_files([path], "property")
        try:
            out.write_text("".join(run.writer.pieces()), encoding="utf-8")
        finally:
            run.writer.close()
        assert not run.skipped
        assert len(load(out).letters) == 1


def test_a_run_leaves_no_reference_cycles_behind() -> None:
    """An import runs without the cycle collector (a third faster): what it makes, skipped files and
    their errors included, must be freed by reference counting alone."""
    import gc

    gc.collect()
    gc.disable()
    try:
        corpus, run = imported(TEI, BROKEN, FIXTURES / "cmif")
        assert len(run.skipped) == 5 and len(corpus["letters"]) == 9
        del corpus, run
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_the_same_identifier_in_two_registers_gives_each_register_s_uri(tmp_path: Path) -> None:
    # An idno's URI is remembered from file to file (an edition repeats its register in every letter):
    # what is remembered must depend on the register, not on the identifier alone.
    for name, register in (("a.xml", "gnd"), ("b.xml", "viaf")):
        header = '<correspAction type="sent"><persName ref="#p">A</persName></correspAction>'
        path = write_tei(tmp_path, name, "<p>Text.</p>", header)
        path.write_text(
            path.read_text().replace(
                "</text>",
                f'<back><listPerson><person xml:id="p"><persName>A</persName><idno type="{register}">'
                "118609807</idno></person></listPerson></back></text>",
            )
        )
    corpus, _ = imported(tmp_path / "a.xml", tmp_path / "b.xml")
    # one ref (#p) in both files, to entries of different authorities: two people, each with the URI its
    # own file's register gives (a local pointer is its file's, not the edition's)
    assert person(corpus, "p")["uris"] == ["https://d-nb.info/gnd/118609807"]
    assert person(corpus, "p-2")["uris"] == ["https://viaf.org/viaf/118609807"]


def test_one_local_pointer_in_two_files_is_one_person_only_where_their_entries_agree(tmp_path: Path) -> None:
    entries = (
        ("a.xml", "Weber, Anna", "118609807"),
        ("b.xml", "Roth, Otto", "11111111X"),
        ("c.xml", "A. Weber", "118609807"),
    )
    for name, form, gnd in entries:
        header = f'<correspAction type="sent"><persName ref="#p1">{form}</persName></correspAction>'
        path = write_tei(tmp_path, name, "<p>Text.</p>", header)
        path.write_text(
            path.read_text().replace(
                "</text>",
                f'<back><listPerson><person xml:id="p1"><persName>{form}</persName>'
                f'<idno type="gnd">{gnd}</idno></person></listPerson></back></text>',
            )
        )
    corpus, _ = imported(*(tmp_path / name for name, _, _ in entries))
    assert (
        person(corpus, "p1")["forms"][:1] == ["Weber, Anna"] and "A. Weber" in person(corpus, "p1")["forms"]
    )
    assert person(corpus, "p1-2")["forms"][0] == "Roth, Otto"
    assert len(corpus["people"]) == 2


def _one_letter(tmp_path: Path, correspondence: str, body: str) -> dict[str, Any]:
    path = tmp_path / "brief.xml"
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="brief"><teiHeader><fileDesc><titleStmt>'
        "<title>Brief</title></titleStmt></fileDesc><profileDesc><correspDesc>"
        f"{correspondence}</correspDesc></profileDesc></teiHeader><text><body>{body}</body></text></TEI>",
        encoding="utf-8",
    )
    corpus, _ = imported(path)
    return letter(corpus, "brief")


def test_the_parts_of_a_name_set_side_by_side_are_words_of_their_own(tmp_path: Path) -> None:
    found = _one_letter(
        tmp_path,
        '<correspAction type="sent"><persName><forename>Anna</forename><surname>Weber</surname></persName>'
        '</correspAction><correspAction type="received"><persName><surname>Roth</surname>, '
        "<forename>Otto</forename></persName></correspAction>",
        "<p>x</p>",
    )
    assert found["senders"] == ["Anna Weber"]
    assert found["recipients"] == ["Roth, Otto"]


def test_a_page_break_parts_words_as_a_line_break_does(tmp_path: Path) -> None:
    found = _one_letter(tmp_path, "", '<p>Zeile<pb n="2"/>weiter und Wort<pb n="3" break="no"/>teil</p>')
    assert found["text"] == "Zeile weiter und Wortteil"


def test_a_letters_file_with_a_second_correspdesc_keeps_its_text_and_counts_the_second(
    tmp_path: Path,
) -> None:
    second = (
        '<correspAction type="sent"><persName>A</persName></correspAction></correspDesc>'
        '<correspDesc><correspAction type="sent"><persName>B</persName></correspAction>'
    )
    path = write_tei(tmp_path, "beilage.xml", "<p>Hier der Brief.</p>", second)
    corpus, run = imported(path)
    assert [found["text"] for found in corpus["letters"]] == ["Hier der Brief."]
    assert run.writer.unmapped["a further correspDesc in a letter's file (only the first is read)"] == 1


def test_what_a_letters_header_holds_beyond_its_correspondence_is_counted_as_not_mapped(
    tmp_path: Path,
) -> None:
    path = write_tei(tmp_path, "archiv.xml", "<p>Text.</p>", "")
    path.write_text(
        path.read_text()
        .replace("<profileDesc>", "<profileDesc><abstract><p>Kurz.</p></abstract>")
        .replace(
            "<teiHeader>",
            "<teiHeader><fileDesc><sourceDesc><msDesc><msIdentifier><idno>Nachlass 12</idno>"
            "</msIdentifier></msDesc></sourceDesc></fileDesc>",
        )
    )
    _, run = imported(path)
    assert run.writer.unmapped["<profileDesc/abstract> in the header"] == 1
    assert run.writer.unmapped["<sourceDesc/msDesc> in the header"] == 1
