"""The documentation tells the truth: the examples in the README and docs/ are real output, every command
is shown, and a newcomer finds the rest from a short README."""

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
# docs/commands.md is made by Typer from the app: its console blocks are usage lines, not examples.
GENERATED = REPO / "docs" / "commands.md"
DOCUMENTS = [REPO / "README.md", *sorted(path for path in (REPO / "docs").glob("*.md") if path != GENERATED)]


def console_examples(text: str) -> list[tuple[str, str]]:
    """Each `$ command` in a document's console blocks with the output printed under it."""
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output.rstrip("\n")))
    return examples


def every_example() -> list[tuple[str, str]]:
    """The examples of the README and docs/, each once (the README's short tour repeats a few)."""
    found = [example for path in DOCUMENTS for example in console_examples(path.read_text(encoding="utf-8"))]
    return list(dict.fromkeys(found))


@pytest.mark.parametrize(("command", "expected"), every_example())
def test_every_documented_example_prints_what_the_document_shows(
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


def test_the_tour_and_the_query_language_keep_their_examples() -> None:
    """The README's long tour moved to docs/: its examples moved with it, and are checked there."""
    for name, least in (("tour.md", 12), ("query.md", 3)):
        assert len(console_examples((REPO / "docs" / name).read_text(encoding="utf-8"))) >= least, name


def test_the_readme_is_short_and_links_every_document() -> None:
    assert len(README.splitlines()) <= 180
    for path in (REPO / "docs").glob("*.md"):
        if path.name != "apparatus-research.md":  # the curators' notes, linked from corpus.md
            assert f"(docs/{path.name})" in README, path.name
    for link in re.findall(r"\]\((docs/[^)#]+)", README):
        assert (REPO / link).exists(), link


def test_every_relative_link_in_docs_leads_to_a_file() -> None:
    for path in (REPO / "docs").glob("*.md"):
        for link in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
            assert (path.parent / link).exists(), f"{path.name}: {link}"


def test_the_command_reference_is_made_from_the_app(tmp_path: Path) -> None:
    """docs/commands.md is what Typer writes for the app now: regenerate it when a command changes."""
    made = tmp_path / "commands.md"
    command = [str(BIN / "typer"), "leninletters.cli.app", "utils", "docs", "--name", "leninletters"]
    result = subprocess.run([*command, "--output", str(made)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert made.read_text(encoding="utf-8") == GENERATED.read_text(encoding="utf-8"), (
        "docs/commands.md is out of date: " + " ".join(command) + " --output docs/commands.md"
    )


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
