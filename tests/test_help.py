"""Help reads well at the widths people use, and a short option means one thing in every command."""

from __future__ import annotations

from itertools import pairwise

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from leninletters.cli.app import app

runner = CliRunner()
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def prose_blocks(command: str, width: int) -> list[list[str]]:
    """The paragraphs of a command's help, as drawn at a width: everything above the option panels."""
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert all(len(line) <= width for line in result.stdout.splitlines())
    prose = result.stdout.split("╭")[0]
    blocks: list[list[str]] = [[]]
    for line in prose.splitlines():
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block and not block[0].lstrip().startswith("Usage:")]


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("command", COMMANDS)
def test_help_breaks_a_sentence_only_where_the_line_is_full(command: str, width: int) -> None:
    """`show --help` broke "this edition's apparatus," onto a line of its own, at the source's line end."""
    for block in prose_blocks(command, width):
        for line, following in pairwise(block):
            next_word = following.split()[0]
            # Rich leaves a column either side; the next word would have fitted had the line gone on.
            assert len(line) + 1 + len(next_word) > width - 2, f"broken early: {line!r} / {following!r}"


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("command", COMMANDS)
def test_each_example_in_help_stays_on_one_line(command: str, width: int) -> None:
    for block in prose_blocks(command, width):
        if block[0].lstrip().startswith("leninletters "):
            assert len(block) == 1, f"an example wrapped: {block}"


def test_a_short_option_means_one_thing_in_every_command() -> None:
    """-s was --scribe in list, grep and export, and --style in cite."""
    meanings: dict[str, set[str]] = {}
    for name, command in get_command(app).commands.items():  # type: ignore[attr-defined]
        for parameter in command.params:
            longs = [option for option in parameter.opts if option.startswith("--")]
            for short in (option for option in parameter.opts if len(option) == 2):
                meanings.setdefault(short, set()).update(longs or [f"{name}'s {parameter.name}"])
    assert {short: longs for short, longs in meanings.items() if len(longs) > 1} == {}
    assert meanings["-s"] == {"--scribe"}


def test_cite_takes_its_style_by_the_long_name_only() -> None:
    result = runner.invoke(app, ["cite", "9", "--style", "bibtex"])
    assert result.exit_code == 0 and result.stdout.startswith("@incollection{lenin1922testament,")
    refused = runner.invoke(app, ["cite", "9", "-s", "bibtex"])
    assert refused.exit_code == 2 and refused.stdout == ""
    assert "No such option: -s" in refused.stderr
