"""The door's questions: a command's filters are one Filters value, read alike by every command."""

from __future__ import annotations

import pytest

from leninletters.store.asking import EVERYTHING, Filters, question

from .conftest import run

FILTERS = ["--recipient", "trotsky", "--from", "1922-12-20", "-k", "monopoly", "--scribe", "M.V."]
QUERY = ["date:..1923", "not", "secret:"]


@pytest.mark.parametrize("command", [["list"], ["export"], ["timeline"], ["grep", "Stalin"]])
def test_every_command_with_filters_reads_them_alike(command: list[str]) -> None:
    status, out, err = run(*command, *FILTERS, "--explain", *QUERY)
    assert (status, err) == (0, "")
    expected = run("list", *FILTERS, "--explain", *QUERY)[1]
    assert out == expected
    assert out.startswith("query: date:1922-12-20.. and to:trotsky and scribe:M.V. and text:monopoly and ")


@pytest.mark.parametrize("command", ["list", "export", "timeline"])
def test_every_command_refuses_a_filter_the_same_way(command: str) -> None:
    status, out, err = run(command, "--from", "1923", "--to", "1922")
    assert (status, out) == (2, "")
    assert err == "leninletters: error: --from 1923 is later than --to 1922: swap them\n"


def test_filters_are_collected_from_a_commands_parameters_by_name() -> None:
    values = {"recipient": ["trotsky"], "json": True, "query": ["date:1923"], "ctx": object()}
    assert Filters.collect(values) == Filters(recipient=["trotsky"], query=["date:1923"])


def test_no_filters_ask_for_everything() -> None:
    assert question(Filters()) is EVERYTHING
    assert question(Filters.collect({"json": True, "color": "auto"})) is EVERYTHING
