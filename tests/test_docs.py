"""The documentation tells the truth: the README's examples are real output, every command is shown."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from leninletters.cli.app import app

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def console_examples() -> list[tuple[str, str]]:
    """Each `$ command` in the README's console blocks with the output printed under it."""
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", README, re.DOTALL):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output.rstrip("\n")))
    return examples


@pytest.mark.parametrize(("command", "expected"), console_examples())
def test_every_readme_example_prints_what_the_readme_shows(
    command: str, expected: str, tmp_path: Path
) -> None:
    result = subprocess.run(
        f"{command} 2>&1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": f"{BIN}:/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    assert result.stdout.rstrip("\n") == expected


def test_the_readme_shows_every_command_and_links_the_corpus_doc() -> None:
    commands = get_command(app).commands  # type: ignore[attr-defined]
    for name in commands:
        assert f"`{name}`" in README, name
    assert "(docs/corpus.md)" in README
    assert (REPO / "docs" / "corpus.md").exists()


def test_the_quick_start_is_exactly_two_commands() -> None:
    quick_start = README.split("## Quick start")[1].split("\n## ")[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, re.DOTALL)
    assert [block.count("\n") for block in blocks] == [1, 1]
    assert "leninletters list" in blocks[0] and "pytest" in blocks[1]


def test_no_help_text_loses_words_to_rich_markup() -> None:
    """Typer reads help as Rich markup: a word in [brackets] would vanish from --help."""
    import re as regex

    from leninletters.cli import app as cli
    from leninletters.cli import options

    for module in (cli, options):
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        texts = regex.findall(r'help="([^"]*)"', source) + regex.findall(r'"""(.*?)"""', source, regex.DOTALL)
        for text in texts:
            for bracketed in regex.findall(r"(?<!\\)\[([a-z][a-z ]*)\]", text):
                assert bracketed in ("QUERY", "NAME"), f"[{bracketed}] in help would be eaten as markup"
