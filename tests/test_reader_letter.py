"""The letter in the reader: the paragraph cursor and its position line, note markers that open their
note, and `y` quoting the paragraph under the cursor as `cite --quote` does."""

from __future__ import annotations

import pytest

from leninletters.store.edition import open_edition

from .conftest import run

pytest.importorskip("textual")

from textual.widgets import Static

from leninletters.reader.app import Reader
from leninletters.reader.letter import Paragraph
from leninletters.reader.screens import CitationScreen, NoteScreen

SIZE = (80, 24)


def shown(widget: Static) -> str:
    return str(widget.render())


def position(app: Reader) -> str:
    return shown(app.query_one("#position", Static))


@pytest.mark.asyncio
async def test_enter_takes_the_cursor_into_the_letter_and_the_arrows_move_it() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # from the list into the first letter
        await pilot.pause()
        assert isinstance(app.focused, Paragraph) and app.focused.number == 1
        assert position(app) == "letter 1 of 22, ¶1 of 4"
        await pilot.press("down", "j")
        await pilot.pause()
        assert isinstance(app.focused, Paragraph) and app.focused.number == 3
        assert position(app) == "letter 1 of 22, ¶3 of 4"
        await pilot.press("k")
        await pilot.pause()
        assert position(app) == "letter 1 of 22, ¶2 of 4"
        assert app.history.here.paragraph == 2  # Esc from elsewhere comes back to this paragraph


@pytest.mark.asyncio
async def test_enter_on_a_paragraph_opens_the_note_its_marker_names() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "down", "enter")  # into letter 1, to ¶2 (Krestinsky[*]), its note
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert shown(app.screen.query_one("#note", Static)).startswith("[*] N. N. Krestinsky")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        assert isinstance(app.focused, Paragraph) and app.focused.number == 2  # the cursor stayed


@pytest.mark.asyncio
async def test_enter_on_a_paragraph_without_a_marker_says_so_and_opens_nothing() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")  # ¶1 of letter 1 marks no note
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        assert any("no note" in str(note.message) for note in app._notifications)


@pytest.mark.asyncio
async def test_a_note_marker_clicked_opens_its_note() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        # "Krestinsky’s[*]": the marker stands at 29 in the first line of ¶2; the cursor's bar is before it.
        await pilot.click("#p2", offset=(31, 0))
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert "Krestinsky, RSFSR representative in Germany" in shown(app.screen.query_one("#note", Static))


@pytest.mark.asyncio
async def test_a_click_beside_the_marker_opens_no_note() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#p2", offset=(5, 0))
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        assert isinstance(app.focused, Paragraph) and app.focused.number == 2  # a click puts the cursor


@pytest.mark.asyncio
async def test_y_on_a_paragraph_copies_its_quotation_as_cite_quote_prints_it() -> None:
    status, printed, _ = run("cite", "9:11", "--quote")
    assert status == 0
    app = Reader(open_edition(), "slug:testament")
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.query_one("#p11", Paragraph).focus()
        await pilot.pause()
        assert position(app) == "letter 1 of 1, ¶11 of 11"
        await pilot.press("y")
        await pilot.pause()
        assert copied == [printed.rstrip("\n")]
        assert copied[0].startswith("P.S. Stalin is too rude")
        assert isinstance(app.screen, CitationScreen)
        assert shown(app.screen.query_one("#citation", Static)) == copied[0]


@pytest.mark.asyncio
async def test_y_off_the_paragraphs_copies_the_letters_citation_not_a_quotation() -> None:
    status, printed, _ = run("cite", "9")
    assert status == 0
    app = Reader(open_edition(), "slug:testament")
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.focused, Paragraph)
        await pilot.press("y")
        await pilot.pause()
        assert copied == [printed.rstrip("\n")]


@pytest.mark.asyncio
async def test_a_hostile_note_marker_opens_its_note_as_text_and_runs_nothing() -> None:
    import msgspec

    from leninletters.core.model import PARAGRAPH_BREAK, Note
    from leninletters.store.corpus import load
    from leninletters.store.edition import MemoryEdition

    corpus = load()
    first, *rest = corpus.letters
    marker = "@click=app.quit"
    hostile = msgspec.structs.replace(
        first,
        text=PARAGRAPH_BREAK.join([f"See [{marker}] now.", *first.paragraphs[1:]]),
        notes=(Note(marker, "[b]bold?[/b] \x1b]0;pwned\x07"),),
        mentions=(),
    )
    app = Reader(MemoryEdition(msgspec.structs.replace(corpus, letters=(hostile, *rest))))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#p1", offset=(1 + len("See ") + 2, 0))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, NoteScreen)
        note = shown(app.screen.query_one("#note", Static))
        assert note == f"[{marker}] [b]bold?[/b] ^[]0;pwned^G"
