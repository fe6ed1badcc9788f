"""The reader's list of letters: virtual (the rows in view asked of the door a page at a time), moved
by keys and the mouse, its columns fitted to the width."""

from __future__ import annotations

import msgspec
import pytest

from leninletters.core.model import Letter
from leninletters.core.predicates import Predicate
from leninletters.store.corpus import load
from leninletters.store.edition import MemoryEdition, open_edition

pytest.importorskip("textual")

from textual.widgets import Static

from leninletters.reader.app import Reader
from leninletters.reader.rows import LetterList, widths

COPIES = 100  # the edition a hundred times over: 2,200 letters


class Paged(MemoryEdition):
    """A big edition that remembers which pages it was asked for."""

    def __init__(self) -> None:
        corpus = load()
        letters = [
            msgspec.structs.replace(letter, number=copy * 100 + letter.number, slug=f"{letter.slug}-{copy}")
            for copy in range(COPIES)
            for letter in corpus.letters
        ]
        super().__init__(msgspec.structs.replace(corpus, letters=tuple(letters)))
        self.asked: list[int] = []

    def page(self, predicate: Predicate, start: int, size: int) -> tuple[int, list[Letter]]:
        self.asked.append(start)
        return super().page(predicate, start, size)


def position(app: Reader) -> str:
    return str(app.query_one("#position", Static).render())


@pytest.mark.asyncio
async def test_the_list_asks_only_for_the_pages_it_shows() -> None:
    edition = Paged()
    app = Reader(edition)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        listed = app.query_one(LetterList)
        assert listed.row_count == 22 * COPIES
        assert edition.asked == [0]  # one page drew the first screen
        listed.focus()
        await pilot.press("end")
        await pilot.pause()
        assert position(app).startswith("letter 2200 of 2200")
        assert edition.asked == [0, 2100]  # the last page, and none between
        await pilot.press("pageup", "k")
        await pilot.pause()
        assert listed.cursor_row < 2199 and app.row == listed.cursor_row
        await pilot.press("home")
        await pilot.pause()
        assert position(app).startswith("letter 1 of 2200")


@pytest.mark.asyncio
async def test_a_click_on_a_row_opens_its_letter_and_a_second_goes_into_it() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#index", offset=(10, 3))  # the heads, then rows 1, 2, 3
        await pilot.pause()
        assert position(app).startswith("letter 3 of 22")
        assert app.letter is not None and app.letter.number == 3
        await pilot.click("#index", offset=(10, 3))
        await pilot.pause()
        assert not app.query_one(LetterList).has_focus  # into the letter, on its paragraph
        await pilot.click("#index", offset=(10, 0))  # the heads open nothing
        await pilot.pause()
        assert app.letter.number == 3


@pytest.mark.asyncio
async def test_the_arrows_and_j_k_walk_the_list_opening_each_letter() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(LetterList).focus()
        await pilot.press("down", "j", "j")
        await pilot.pause()
        assert position(app).startswith("letter 4 of 22")
        await pilot.press("up")
        await pilot.pause()
        assert app.letter is not None and app.letter.number == 3


def test_the_recipients_give_way_to_the_title_in_a_narrow_list() -> None:
    wide, narrow = widths(100), widths(54)
    assert wide[4] > 0 and sum(wide) + 2 * 5 <= 100
    assert narrow[4] == 0 and narrow[3] >= 12  # beside the letter at 120 columns: the title alone
