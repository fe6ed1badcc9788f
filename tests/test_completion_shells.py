"""Tab completion in the real shells: bash and zsh driven through a pseudo-terminal (Tab pressed, the line
run with Enter), fish asked with `complete -C`. A hostile corpus's values must arrive as the words they
are, running nothing on Tab or on Enter; an invalid corpus completes nothing; no control character
reaches the terminal. Each test is skipped, saying why, where its shell is not installed."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leninletters.cli.quoting import bash_quoted, offerable
from leninletters.cli.scripts import SCRIPTS

BIN = Path(sys.executable).parent
BUNDLED = Path(__file__).parent.parent / "leninletters" / "data" / "letters.json"


def needs(shell: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        shutil.which(shell) is None, reason=f"{shell} is not installed (apt-get install {shell})"
    )


# The hostile person: every form is a one-word value that is shell code when unquoted (the marker file
# is created if any of it runs); the last two hold a line separator and a bidi override, never offered.
def hostile_forms(marker: Path) -> list[str]:
    touch = f"touch${{IFS}}{marker}"
    return [
        f"Xavier$({touch})",
        "Bslash\\",
        f"Btick`{touch}`",
        "Squo'te",
        f"Semi;{touch}",
        f'Dquo"$({touch})"',
        f"Pipe|{touch}",
        "Glob*",
        "Bidi\u202ex",
    ]


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus that passes validate, with the hostile person; and the marker file that must not appear."""
    marker = tmp_path / "MARK"
    document = json.loads(BUNDLED.read_text(encoding="utf-8"))
    person = {"id": "zz-hostile", "name": "Zed \u202eHostile", "forms": hostile_forms(marker)}
    document["people"].append(person)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    checked = subprocess.run([BIN / "leninletters", "validate", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    return path, marker


@pytest.fixture
def invalid(tmp_path: Path) -> Path:
    """A corpus whose first title would retitle the terminal: validate refuses it."""
    document = json.loads(BUNDLED.read_text(encoding="utf-8"))
    document["letters"][0]["title"] = "Evil \x1b]0;pwned\x07 title"
    path = tmp_path / "osc.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def shell_environment(home: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(home),
        "TERM": "dumb",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "INPUTRC": "/dev/null",
        **extra,
    }


# In the shells, leninletters is a function that records its arguments (count first, NUL-separated):
# what Enter would run, written down instead. Completion still runs the installed script (env bypasses
# functions), first on PATH.
RECORD = 'leninletters() { printf \'%s\\0\' "$#" "$@" >> "$RECORDS"; }\n'


def recorded(path: Path) -> list[list[str]]:
    fields = path.read_bytes().decode("utf-8").split("\0") if path.exists() else []
    calls: list[list[str]] = []
    while len(fields) > 1:
        count = int(fields.pop(0))
        calls.append(fields[:count])
        del fields[:count]
    return calls


def typed_in_terminal(argv: Sequence[str], lines: Sequence[str], env: dict[str, str]) -> str:
    """Type each line (its \\t presses Tab) and Enter in an interactive shell, then exit; what it drew."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the shell
        os.execvpe(argv[0], list(argv), env)
    drawn = b""
    keys = [*(line + "\r" for line in lines), "exit\r"]
    deadline = time.monotonic() + 30 + 10 * len(lines)
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the shell has exited
                    break
                if not chunk:
                    break
                drawn += chunk
            elif keys:  # the shell is quiet: it waits for the next line
                os.write(fd, keys.pop(0).encode())
    finally:
        os.close(fd)
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    return drawn.decode("utf-8", errors="replace")


def in_bash(tmp_path: Path, lines: Sequence[str]) -> tuple[list[list[str]], str]:
    script = tmp_path / "completion.bash"
    script.write_text(SCRIPTS["bash"], encoding="utf-8")
    rc = tmp_path / "bashrc"
    rc.write_text(f"source {script}\n{RECORD}PS1='$ '\n", encoding="utf-8")
    records = tmp_path / "bash-records"
    env = shell_environment(tmp_path, RECORDS=str(records))
    drawn = typed_in_terminal(["bash", "--noprofile", "--rcfile", str(rc), "-i"], lines, env)
    return recorded(records), drawn


def in_zsh(tmp_path: Path, lines: Sequence[str]) -> tuple[list[list[str]], str]:
    """A new zsh that finds the script in its fpath, as --install-completion zsh sets it up."""
    functions = tmp_path / "zfunc"
    functions.mkdir(exist_ok=True)
    (functions / "_leninletters").write_text(SCRIPTS["zsh"], encoding="utf-8")
    (tmp_path / ".zshrc").write_text(
        f"fpath=({functions} $fpath)\nautoload -Uz compinit && compinit -u -D\n{RECORD}PS1='$ '\n",
        encoding="utf-8",
    )
    records = tmp_path / "zsh-records"
    env = shell_environment(tmp_path, RECORDS=str(records), ZDOTDIR=str(tmp_path))
    drawn = typed_in_terminal(["zsh", "-d", "-i"], lines, env)
    return recorded(records), drawn


def in_fish(tmp_path: Path, *lines: str) -> list[list[str]]:
    """What fish offers for each command line (value, a tab, help), our script loaded."""
    script = tmp_path / "completion.fish"
    script.write_text(SCRIPTS["fish"], encoding="utf-8")
    each = 'source $SCRIPT; for line in $argv; complete -C "$line"; printf "%s\\n" "-- end"; end'
    result = subprocess.run(
        ["fish", "--no-config", "-c", each, *lines],
        capture_output=True,
        text=True,
        env=shell_environment(tmp_path, SCRIPT=str(script)),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answers: list[list[str]] = [[]]
    for line in result.stdout.splitlines():
        answers[-1:] = [answers[-1], []] if line == "-- end" else [[*answers[-1], line]]
    return answers[:-1]


# A shell in a terminal: lines typed in it, and what they ran (each call's arguments) and drew.
Driver = Callable[[Path, Sequence[str]], tuple[list[list[str]], str]]
SHELLS_IN_A_TERMINAL = [
    pytest.param(in_bash, marks=needs("bash"), id="bash"),
    pytest.param(in_zsh, marks=needs("zsh"), id="zsh"),
]


@pytest.mark.parametrize("shell", SHELLS_IN_A_TERMINAL)
def test_a_hostile_corpus_values_arrive_as_themselves_and_run_nothing(
    shell: Driver, tmp_path: Path, hostile: tuple[Path, Path]
) -> None:
    corpus, marker = hostile
    safe = [form for form in hostile_forms(marker) if offerable(form)]
    prefixes = ["Xavi", "Bsl", "Bti", "Squ", "Sem", "Dqu", "Pip", "Glo"]
    lines = [f"leninletters --corpus {corpus} list --person {prefix}\t" for prefix in prefixes]
    calls, drawn = shell(tmp_path, lines)
    assert not marker.exists(), "a value ran as shell code"
    assert [call[-1] for call in calls] == safe
    assert "\u202e" not in drawn and "\u2028" not in drawn


@pytest.mark.parametrize("shell", SHELLS_IN_A_TERMINAL)
def test_values_holding_controls_are_never_offered(
    shell: Driver, tmp_path: Path, hostile: tuple[Path, Path]
) -> None:
    corpus, _ = hostile
    # (a line separator never gets this far: validate refuses a corpus that holds one)
    lines = [f"leninletters --corpus {corpus} list --person Bid\t"]
    calls, drawn = shell(tmp_path, lines)
    assert [call[-1] for call in calls] == ["Bid"]
    assert "\u202e" not in drawn and "\u2028" not in drawn


@pytest.mark.parametrize("shell", SHELLS_IN_A_TERMINAL)
def test_an_invalid_corpus_completes_nothing_and_draws_no_control(
    shell: Driver, tmp_path: Path, invalid: Path
) -> None:
    lines = [f"leninletters --corpus {invalid} show {typed}\t" for typed in ("to-trotsky-1922-12-1", "1")]
    calls, drawn = shell(tmp_path, lines)
    assert [call[-1] for call in calls] == ["to-trotsky-1922-12-1", "1"]
    assert "pwned" not in drawn and "\x1b]" not in drawn


@pytest.mark.parametrize("shell", SHELLS_IN_A_TERMINAL)
def test_query_fields_styles_and_periods_complete_as_a_user_expects(shell: Driver, tmp_path: Path) -> None:
    (tmp_path / "my-corpus.json").write_text("{}", encoding="utf-8")
    lines = [
        "leninletters list to:tr\t",  # the value after the colon, once: to:trotsky, not to::trotsky
        "leninletters list da\t1923-03-05",  # date: and no space after it: the date follows directly
        "leninletters list date:1922-12-1\t",  # several dates: what they share, after one colon
        "leninletters cite --style bib\t",
        "leninletters timeline --by mo\t",
        "leninletters show testam\t",
        f"leninletters validate {tmp_path}/my-cor\t",  # a file name: the shell's own completion
    ]
    calls, _ = shell(tmp_path, lines)
    assert calls == [
        ["list", "to:trotsky"],
        ["list", "date:1923-03-05"],
        ["list", "date:1922-12-1"],
        ["cite", "--style", "bibtex"],
        ["timeline", "--by", "month"],
        ["show", "testament"],
        ["validate", str(tmp_path / "my-corpus.json")],
    ]


@needs("zsh")
def test_the_first_tab_in_a_new_zsh_completes(tmp_path: Path) -> None:
    calls, _ = in_zsh(tmp_path, ["leninletters people krup\t"])
    assert calls == [["people", "krupskaya"]]


@needs("fish")
def test_fish_is_offered_a_hostile_corpus_values_as_they_are_and_runs_nothing(
    tmp_path: Path, hostile: tuple[Path, Path]
) -> None:
    corpus, marker = hostile
    prefixes = ["Xavi", "Bsl", "Bti", "Squ", "Sem", "Dqu", "Pip", "Glo", "Lse", "Bid"]
    offered = in_fish(tmp_path, *(f"leninletters --corpus {corpus} list --person {p}" for p in prefixes))
    values = [[line.split("\t")[0] for line in answer] for answer in offered]
    assert values == [[form] for form in hostile_forms(marker) if offerable(form)] + [[], []]
    assert all(offerable(line.replace("\t", " ")) for answer in offered for line in answer)
    assert not marker.exists()


@needs("fish")
def test_fish_completes_fields_styles_periods_and_nothing_from_an_invalid_corpus(
    tmp_path: Path, invalid: Path
) -> None:
    assert in_fish(
        tmp_path,
        "leninletters list to:tr",
        "leninletters cite --style c",
        "leninletters timeline --by w",
        f"leninletters --corpus {invalid} show ",
    ) == [["to:trotsky\tLeon Trotsky"], ["csl-json"], ["week"], []]


@needs("bash")
@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12).filter(offerable), min_size=1, max_size=8))
def test_every_offerable_value_quoted_for_bash_reads_back_as_itself(values: list[str]) -> None:
    words = " ".join(bash_quoted(value) for value in values)
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f"printf '%s\\0' {words}"],
        capture_output=True,
        env={"LC_ALL": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        cwd="/",
    )
    assert result.stdout.decode("utf-8").split("\0")[:-1] == values
