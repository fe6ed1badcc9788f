"""Tab completion through Click's completion machinery, for bash, zsh and fish, as our scripts ask for it
(tests/test_completion_shells.py drives the real shells); and --install-completion for the shell named."""

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
    """What bash's script receives for the last word, the line typed as the words joined by spaces."""
    line = " ".join(["leninletters", *words])
    env = {
        "_LENINLETTERS_COMPLETE": "complete_bash",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line.encode())),
    }
    result = runner.invoke(app, [], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def asked(shell: str, line: str) -> list[str]:
    """What zsh's or fish's script receives: the words before the last, and the last, as they set them."""
    *before, last = line.split(" ")
    env = {
        "_LENINLETTERS_COMPLETE": f"complete_{shell}",
        "_LENINLETTERS_WORDS": "\x1f".join(before),
        "_LENINLETTERS_INCOMPLETE": last,
    }
    result = runner.invoke(app, [], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (
            ("",),
            [
                *("list", "show", "grep", "export", "validate", "people", "cite", "timeline", "read"),
                *("index", "import"),
            ],
        ),
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
        # readline replaces only what follows the word's last colon: the answers are cut to match.
        (("list", "to:tr"), ["trotsky"]),
        (("grep", "Stalin", "person:kru"), ["krupskaya"]),
        (("list", "section:go"), ["gosplan"]),
        (("list", "slug:test"), ["testament"]),
        (("list", "date:1923-03"), ["1923-03-05", "1923-03-06"]),
        (("cite", "--style", ""), ["text", "bibtex", "csl-json", "ris"]),
        (("cite", "--style=b"), ["bibtex"]),
        (("timeline", "--by", ""), ["day", "week", "month"]),
    ],
)
def test_bash_completes_commands_options_letters_people_and_the_query(
    words: tuple[str, ...], offered: list[str]
) -> None:
    assert bash(*words) == offered


def test_bash_completes_a_fields_values_after_its_colon_not_a_second_colon() -> None:
    assert bash("list", "to:")[:3] == ["lenin", "trotsky", "stalin"]
    assert bash("list", "date:")[0] == "1922-12-12"


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_receive_values_with_their_help(shell: str) -> None:
    assert asked(shell, "show test") == [
        "testament\t9. 1922-12-25 Letter to the Congress (The Testament of Lenin)"
    ]
    assert asked(shell, "list to:sta") == ["to:stalin\tJoseph Stalin"]
    assert asked(shell, "grep --person Dzer") == ["Dzerzhinsky\tFelix Dzerzhinsky"]
    assert asked(shell, "list num") == ["number:\tnumbered in a range (number:16..18)"]
    assert asked(shell, "timeline --by m") == ["month"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_an_invalid_corpus_completes_nothing_and_says_nothing(shell: str, tmp_path: Path) -> None:
    document = json.loads((Path(__file__).parent / "fixtures" / "mini.json").read_text(encoding="utf-8"))
    document["letters"][0]["title"] = "Evil \x1b]0;pwned\x07 title"
    invalid = tmp_path / "osc.json"
    invalid.write_text(json.dumps(document), encoding="utf-8")
    words = ["--corpus", str(invalid), "show"]
    env = {
        "_LENINLETTERS_COMPLETE": f"complete_{shell}",
        "COMP_LINE": " ".join(["leninletters", *words, ""]),
        "_LENINLETTERS_WORDS": "\x1f".join(words),
    }
    result = runner.invoke(app, [], env=env)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_a_value_holding_a_control_is_never_offered_and_help_shows_none(tmp_path: Path) -> None:
    document = json.loads((Path(__file__).parent / "fixtures" / "mini.json").read_text(encoding="utf-8"))
    document["people"] = [
        *document.get("people", []),
        # validate refuses U+2028 in any string now; a bidi override it accepts, as text
        {"id": "zz", "name": "Zed \u202eHostile", "forms": ["Zbidi\u202ex", "Zplain"]},
    ]
    corpus = tmp_path / "people.json"
    corpus.write_text(json.dumps(document), encoding="utf-8")
    found = asked("fish", f"--corpus {corpus} list --person Z")
    # the surname, \u202eHostile, holds a bidi override too: only the id and the plain form are offered
    assert found == ["Zz\tZed Hostile", "Zplain\tZed Hostile"]


def test_file_names_are_left_to_the_shell() -> None:
    for words in (("--corpus", ""), ("export", "-o", ""), ("validate", "")):
        line = " ".join(["leninletters", *words])
        result = runner.invoke(app, [], env={"_LENINLETTERS_COMPLETE": "complete_bash", "COMP_LINE": line})
        assert (result.exit_code, result.stdout) == (3, "")


def test_completion_reads_the_corpus_named_on_the_command_line(tmp_path: Path) -> None:
    mini = Path(__file__).parent / "fixtures" / "mini.json"
    found = bash("--corpus", str(mini), "show", "")
    assert found and "testament" not in found


@pytest.mark.parametrize(
    ("shell", "installed", "marker"),
    [
        ("zsh", ".zfunc/_leninletters", "compdef _leninletters leninletters"),
        ("bash", ".bash_completions/leninletters.sh", "complete -F _leninletters_completion leninletters"),
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
        {
            "_LENINLETTERS_COMPLETE": "complete_zsh",
            "_LENINLETTERS_WORDS": "show",
            "_LENINLETTERS_INCOMPLETE": "2",
        },
        {
            "_LENINLETTERS_COMPLETE": "complete_fish",
            "_LENINLETTERS_WORDS": "list\x1f--person",
            "_LENINLETTERS_INCOMPLETE": "tro",
        },
        {"_LENINLETTERS_COMPLETE": "complete_bash", "COMP_LINE": "leninletters list to:"},
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
    offered = [line.split("\t")[0] for line in asked("fish", "list section:")]
    assert offered == ["section:gosplan", "section:nationalities"]
    for value in offered:
        code, stdout, _ = run("list", value, "--json")
        assert code == 0 and len(json.loads(stdout)) > 1
