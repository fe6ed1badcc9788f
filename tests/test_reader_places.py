"""Where the reader is and has been, without a screen: the words highlighted, the history, n and N
through the matches letter by letter, and the list asked of the door a page at a time (both stores)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leninletters.core import predicates as p
from leninletters.core import querylang
from leninletters.core.model import Letter
from leninletters.reader import places
from leninletters.store import edition as door
from leninletters.store.corpus import load
from leninletters.store.edition import Edition, MemoryEdition, open_edition
from leninletters.store.index import IndexEdition

from .conftest import TREES

BUNDLED = Path(__file__).parent.parent / "leninletters" / "data" / "letters.json"


def test_highlighted_words_leave_out_what_the_query_excludes() -> None:

    assert places.phrases(querylang.parse('monopoly or "foreign trade" -stalin')) == [
        "monopoly",
        "foreign trade",
    ]


def test_history_goes_back_and_forward_and_a_new_place_forgets_what_lay_ahead() -> None:
    history = places.History(places.Place("", None))
    history.go(places.Place("a", "x"))
    history.go(places.Place("b", "y"))
    assert history.back() == places.Place("a", "x")
    assert history.forward() == places.Place("b", "y")
    assert history.forward() is None
    history.back()
    history.go(places.Place("c", None))
    assert history.forward() is None
    assert [place.query for place in history.visited()] == ["", "a", "c"]
    assert history.back() == places.Place("a", "x")
    assert history.back() == places.Place("", None)
    assert history.back() is None


@given(TREES, st.data())
def test_n_then_shift_n_comes_back_to_the_same_match(predicate: p.Predicate, data: st.DataObject) -> None:
    edition = open_edition()
    pattern = places.highlighter(places.phrases(predicate))
    asked = places.Asked("", predicate, places.Listing(edition, predicate), pattern)
    every = places.matches(edition.select(predicate), pattern, predicate)
    if not every:
        assert asked.next_match(None, True) is None and asked.next_match(None, False) is None
        return
    current = data.draw(st.sampled_from(every))
    after = asked.next_match(current, True)
    assert after is not None and after in every
    assert asked.next_match(after, False) == current


# The door's pages ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Edition]]:
    """The bundled edition answered from memory and from its index."""
    folder = tmp_path_factory.mktemp("paged")
    path = folder / "edition.json"
    shutil.copyfile(BUNDLED, path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        assert door.build_index(path)
        indexed = door.open_edition(path)
        assert isinstance(indexed, IndexEdition)
        yield [MemoryEdition(load()), indexed]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TREES, st.integers(0, 25), st.integers(0, 8))
def test_a_page_is_the_selection_cut_and_counted(
    stores: list[Edition], predicate: p.Predicate, start: int, size: int
) -> None:
    for store in stores:
        selected = [letter.slug for letter in store.select(predicate)]
        total, page = store.page(predicate, start, size)
        assert total == len(selected)
        assert [letter.slug for letter in page] == selected[start : start + size]


def test_the_listing_asks_the_door_only_for_the_pages_wanted_and_keeps_a_few() -> None:
    asked: list[tuple[int, int]] = []

    class Counting(MemoryEdition):
        def page(self, predicate: p.Predicate, start: int, size: int) -> tuple[int, list[Letter]]:
            asked.append((start, size))
            return super().page(predicate, start, size)

    class Small(places.Listing):
        PAGE = 5  # small pages, to see them asked for
        KEPT = 2

    listing = Small(Counting(load()), p.EVERYTHING)
    assert len(listing) == 22 and asked == [(0, 5)]
    assert listing.at(21).number == 22 and asked[-1] == (20, 5)
    assert listing.row_of("testament", hint=8) == 8 and asked[-1] == (5, 5)
    assert listing.at(0).number == 1 and asked[-1] == (0, 5)  # three pages asked, two kept: asked again
    assert listing.row_of("no-such-letter") is None
    with pytest.raises(IndexError):
        listing.at(22)


@pytest.mark.parametrize("query", ["monopoly", "date:1923-01", "to:trotsky or monopoly", "-to:trotsky"])
def test_n_letter_by_letter_finds_the_matches_in_reading_order(query: str) -> None:
    edition = open_edition()
    asked = places.ask(edition, query)
    every = places.matches(edition.select(asked.predicate), asked.pattern, asked.predicate)
    walked, here = [], None
    for _ in range(len(every)):
        here = asked.next_match(here, True)
        walked.append(here)
    assert walked == every  # each once, in order
    assert asked.next_match(here, True) == every[0]  # and round the end
    assert asked.next_match(every[0], False) == every[-1]


def test_no_match_is_none_both_ways() -> None:
    asked = places.ask(open_edition(), "slug:testament zzzz")
    assert len(asked.listing) == 0
    assert asked.next_match(None) is None and asked.next_match(None, False) is None


def test_a_query_is_parsed_as_list_reads_it() -> None:
    assert places.ask(open_edition(), "to:trotsky").predicate == querylang.parse("to:trotsky")


@pytest.mark.asyncio
async def test_a_dossier_the_edition_lacks_is_said_in_the_dialog_and_asks_nothing() -> None:
    pytest.importorskip("textual")
    from textual.widgets import Static

    from leninletters.reader.app import Reader
    from leninletters.reader.rows import LetterList
    from leninletters.reader.screens import QueryScreen

    app = Reader(open_edition())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"dossier:georgia")
        await pilot.pause()
        said = str(app.screen.query_one("#explain", Static).render())
        assert said.startswith("✗ dossier:georgia names no dossier") and "georgian-affair" in said
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QueryScreen) and app.is_running  # not ended: the query is still typed
        await pilot.press(*"n-affair", "enter")
        await pilot.pause()
        assert app.query_one(LetterList).row_count == 5  # 16, 17, 18, 20, 22
