"""Snapshots of the reader's main screens at 80×24 and 60×20 (pytest-textual-snapshot): the list beside
or above the letter, a person's profile, the keys. A change in what the reader draws fails here until the
new picture is looked at and accepted (pytest --snapshot-update)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytest.importorskip("textual")
pytest.importorskip("pytest_textual_snapshot")

from textual.pilot import Pilot

from leninletters.reader.app import Reader
from leninletters.store.edition import open_edition

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]
Compare = Callable[..., bool]


@pytest.mark.parametrize("size", SIZES)
def test_the_list_and_the_letter(snap_compare: Compare, size: tuple[int, int]) -> None:
    assert snap_compare(Reader(open_edition(), "to:stalin"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_the_paragraph_cursor_on_the_testaments_ps(snap_compare: Compare, size: tuple[int, int]) -> None:
    assert snap_compare(Reader(open_edition(), "date:1923-01"), press=["enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_a_persons_profile(snap_compare: Compare, size: tuple[int, int]) -> None:
    app = Reader(open_edition(), "slug:testament")

    async def open_stalin(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app.show_person(next(person for person in app.edition.people if person.id == "stalin"))
        await pilot.pause()

    assert snap_compare(app, run_before=open_stalin, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_the_keys(snap_compare: Compare, size: tuple[int, int]) -> None:
    assert snap_compare(Reader(open_edition()), press=["question_mark"], terminal_size=size)
