"""Tab completion through Typer's and Click's completion machinery, for bash, zsh and fish, as each shell's
script asks for it; and --install-completion for the shell named."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leninletters.cli.app import app

from .conftest import run

runner = CliRunner()


def bash(*words: str) -> list[str]:
    """What bash offers for the last word (COMP_WORDS and COMP_CWORD as Typer's bash script sets them)."""
    line = " ".join(["leninletters", *words])
    env = {"_LENINLETTERS_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words))}
    result = runner.invoke(app, [], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def zsh(line: str) -> str:
    env = {"_LENINLETTERS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": f"leninletters {line}"}
    result = runner.invoke(app, [], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def fish(line: str) -> list[str]:
    env = {
        "_LENINLETTERS_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "_TYPER_COMPLETE_ARGS": f"leninletters {line}",
    }
    result = runner.invoke(app, [], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (("",), ["list", "show", "grep", "export", "validate", "people", "cite", "timeline", "index"]),
        (("pe",), ["people"]),
        (("grep", "--pe"), ["--person"]),
        (("show", "tes"), ["testament"]),
        (("show", "2"), ["2", "20", "21", "22"]),
        (("export", "nat"), ["nationalities", "nationalities-1922-12-31a", "nationalities-1922-12-31b"]),
        (("list", "--person", "kr"), ["krestinsky", "krzhizhanovsky", "krupskaya"]),
        (("list", "--person", "Tro"), ["Trotsky"]),
        (("list", "--person", "Ст"), ["Сталин", "Стомоняков"]),
        (("grep", "--recipient", "sta"), ["stalin"]),
        (("list", "--scribe", ""), ["L.F.", "M.V.", "fotieva", "volodicheva", "none"]),
        (("people", "fo"), ["fotieva"]),
        (("list", "da"), ["date:"]),
        (("list", "to:tr"), ["to:trotsky"]),
        (("grep", "Stalin", "person:kru"), ["person:krupskaya"]),
        (("list", "section:go"), ["section:gosplan"]),
        (("list", "slug:test"), ["slug:testament"]),
        (("list", "date:1923-03"), ["date:1923-03-05", "date:1923-03-06"]),
        # bash splits words at colons: to:tr reaches the tool as to, :, tr, and the values replace tr alone.
        (("list", "to", ":", "tr"), ["trotsky"]),
        (("list", "to", ":"), [":lenin", ":trotsky", ":stalin"]),
    ],
)
def test_bash_completes_commands_options_letters_people_and_the_query(
    words: tuple[str, ...], offered: list[str]
) -> None:
    found = bash(*words)
    assert found[: len(offered)] == offered if words[-1] == ":" else found == offered


def test_zsh_completes_values_with_their_help_and_escapes_colons() -> None:
    assert zsh("show test") == (
        '_arguments \'*: :(("testament":"9. 1922-12-25 Letter to the Congress (The Testament of Lenin)"))\'\n'
    )
    assert zsh("list to:sta") == '_arguments \'*: :(("to\\\\:stalin":"Joseph Stalin"))\'\n'
    assert zsh("people krup") == '_arguments \'*: :(("krupskaya":"Nadezhda Krupskaya"))\'\n'


def test_fish_completes_values_with_their_help() -> None:
    assert fish("grep --person Dzer") == ["Dzerzhinsky\tFelix Dzerzhinsky"]
    assert fish("show 9") == ["9\t1922-12-25 Letter to the Congress (The Testament of Lenin)"]
    assert fish("list num") == ["number:\tnumbered in a range (number:16..18)"]


def test_completion_reads_the_corpus_named_on_the_command_line(tmp_path: Path) -> None:
    mini = Path(__file__).parent / "fixtures" / "mini.json"
    found = bash("--corpus", str(mini), "show", "")
    assert found and "testament" not in found


@pytest.mark.parametrize(
    ("shell", "installed", "marker"),
    [
        ("zsh", ".zfunc/_leninletters", "compdef _leninletters_completion leninletters"),
        ("bash", ".bash_completions/leninletters.sh", "complete -o default -F _leninletters_completion"),
        ("fish", ".config/fish/completions/leninletters.fish", "complete --command leninletters"),
    ],
)
def test_install_completion_installs_the_script_of_the_shell_named(
    tmp_path: Path, shell: str, installed: str, marker: str
) -> None:
    result = runner.invoke(app, ["--install-completion", shell], env={"HOME": str(tmp_path)})
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{shell} completion installed in {tmp_path / installed}")
    script = (tmp_path / installed).read_text()
    assert marker in script
    assert "_LENINLETTERS_COMPLETE=complete_" + shell in script


def test_show_completion_prints_the_script_of_the_shell_named() -> None:
    result = runner.invoke(app, ["--show-completion=zsh"])
    assert result.exit_code == 0
    assert result.stdout.startswith("#compdef leninletters")


def test_an_unknown_shell_is_one_line_with_a_suggestion(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--install-completion", "zhs"], env={"HOME": str(tmp_path)})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "leninletters: error: no completion for 'zhs': did you mean zsh? "
        "(for example: leninletters --install-completion zsh)\n"
    )
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    "environ",
    [
        {"_LENINLETTERS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "leninletters show 2"},
        {
            "_LENINLETTERS_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": "leninletters list --person tro",
        },
        {"_LENINLETTERS_COMPLETE": "complete_bash", "COMP_WORDS": "leninletters list to:", "COMP_CWORD": "2"},
    ],
    ids=["zsh", "fish", "bash"],
)
def test_completion_with_help_never_imports_rich(environ: dict[str, str]) -> None:
    # Typer's own zsh and fish classes pass each value's help through Rich: 40 ms on every Tab.
    probe = (
        "import os, sys\n"
        f"os.environ.update({environ!r})\n"
        "sys.argv = ['leninletters']\n"
        "from leninletters.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('RICH' if any(m.split('.')[0] == 'rich' for m in sys.modules) else 'NO-RICH')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd="/")
    assert result.stdout.strip(), result.stderr
    assert result.stderr.endswith("NO-RICH")


def test_every_section_tab_offers_selects_that_section() -> None:
    offered = bash("list", "section:")
    assert offered == ["section:gosplan", "section:nationalities"]
    for value in offered:
        code, stdout, _ = run("list", value, "--json")
        assert code == 0 and len(json.loads(stdout)) > 1
