"""The reader's history: back and forward through every place visited, and a list of them to jump to."""

from __future__ import annotations

import pytest

from leninletters.reader import places
from leninletters.store.edition import open_edition

pytest.importorskip("textual")

from textual.widgets import OptionList, Static

from leninletters.reader.app import Reader
from leninletters.reader.screens import HistoryScreen

SIZE = (80, 24)


def heading(app: Reader) -> str:
    return str(app.query_one("#heading", Static).render())


def test_a_jump_goes_to_a_place_visited_and_keeps_the_way_back_and_forward() -> None:
    history = places.History(places.Place("", None))
    for query in ("a", "b", "c"):
        history.go(places.Place(query, None))
    assert history.jump(1) == places.Place("a", None)
    assert history.at == 1
    assert history.forward() == places.Place("b", None)  # what lay ahead is still there
    assert history.jump(0) == places.Place("", None)
    assert history.back() is None
    assert history.jump(4) is None and history.at == 0  # no such place: nothing moves
    assert len(history.visited()) == 4


async def visit_three(app: Reader) -> None:
    await app.go(places.Place("to:trotsky", None))
    await app.go(places.Place("", "testament", 11))


@pytest.mark.asyncio
async def test_h_lists_every_place_visited_and_enter_goes_back_to_one() -> None:
    app = Reader(open_edition(), "slug:to-stalin-1923-03-05")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await visit_three(app)
        await pilot.pause()
        assert "Testament" in heading(app)
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        listed = screen.query_one(OptionList)
        labels = [str(listed.get_option_at_index(at).prompt) for at in range(listed.option_count)]
        assert labels[0].startswith("  slug:to-stalin-1923-03-05  21  To Joseph Stalin")
        assert labels[1].startswith("  to:trotsky  1  To Leon Trotsky")  # opened at its first letter
        assert labels[2].startswith("▸ every letter  9  Letter to the Congress")
        assert labels[2].endswith(", ¶11")
        assert listed.highlighted == 2  # the cursor starts where the reader stands
        await pilot.press("up", "up", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
        assert app.asked.query == "slug:to-stalin-1923-03-05"
        assert "To Joseph Stalin" in heading(app)
        await pilot.press("right_square_bracket")  # forward again, past the place jumped from
        await pilot.pause()
        assert app.asked.query == "to:trotsky"


@pytest.mark.asyncio
async def test_esc_leaves_the_history_list_where_the_reader_was() -> None:
    app = Reader(open_edition(), "slug:to-stalin-1923-03-05")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await visit_three(app)
        await pilot.press("h", "up", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
        assert "Testament" in heading(app)
        assert app.history.at == 2
        await pilot.press("backspace")  # and back still goes one step
        await pilot.pause()
        assert app.asked.query == "to:trotsky"


@pytest.mark.asyncio
async def test_the_history_is_in_the_command_palette() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"History")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
