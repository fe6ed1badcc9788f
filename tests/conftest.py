"""Shared fixtures: the bundled edition and a small corpus with the edge cases the edition lacks."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st

from leninletters.core import predicates as p
from leninletters.core.model import Corpus, Letter
from leninletters.store.corpus import load

# Hypothesis fails an example that takes over 200 ms by default: a clock, not a rule, and on a busy
# two-core machine a slow example is no bug. Examples are bounded by their count (max_examples) instead.
settings.register_profile("bounded-by-examples", deadline=None)
settings.load_profile("bounded-by-examples")

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.json"


@pytest.fixture(scope="session")
def edition() -> Corpus:
    return load()


@pytest.fixture(scope="session")
def mini() -> Corpus:
    return load(MINI)


def numbers(letters: Sequence[Letter]) -> list[int]:
    """The numbers of some letters, in their order: what most selection tests compare."""
    return [letter.number for letter in letters]


# Random predicate trees over the edition's names, dates and words, for property tests.
LEAVES = st.one_of(
    st.builds(p.Recipient, st.sampled_from(["trotsky", "stalin", "kamenev", "congress"]), st.booleans()),
    st.builds(p.Scribe, st.sampled_from(["L.F.", "m.v.", "none", "fotieva"])),
    st.builds(p.Phrase, st.sampled_from(["monopoly", "the", "Stalin’s", "split", "too rude"])),
    st.builds(
        p.DateRange,
        st.sampled_from([None, dt.date.fromisoformat("1922-12-15"), dt.date.fromisoformat("1922-12-21")]),
        st.sampled_from([None, dt.date.fromisoformat("1922-12-25"), dt.date.fromisoformat("1923-03-05")]),
    ),
    st.builds(p.Classified, st.sampled_from(["", "top"])),
    st.builds(lambda a, b: p.NumberRange(min(a, b), max(a, b)), st.integers(1, 22), st.integers(1, 22)),
)
TREES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.builds(p.All, st.lists(inner, max_size=3)),
        st.builds(p.Any, st.lists(inner, min_size=1, max_size=3)),
        st.builds(p.Not, inner),
    ),
    max_leaves=6,
)


def terminal_output(command: Sequence[str], environment: dict[str, str]) -> tuple[int, bytes, str]:
    """Run a command with a pseudo-terminal as stdout (so it draws and pages); return its status, the
    bytes it wrote to the terminal, and its stderr."""
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        list(command), stdout=terminal, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=environment
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.stderr is not None
    stderr = process.stderr.read().decode("utf-8", "replace")
    status = process.wait(timeout=60)
    os.close(controller)
    return status, b"".join(chunks), stderr


def on_a_terminal(command: Sequence[str], environment: dict[str, str]) -> tuple[int, str, str]:
    """Run a command with a pseudo-terminal as stdout; its status, what it drew, and its stderr."""
    status, drawn, stderr = terminal_output(command, environment)
    return status, drawn.decode("utf-8", "replace"), stderr


# An export that stops mid-write (after its third piece) and says so, for tests that signal it there.
SLOW_EXPORT = """
import sys, time
from leninletters.cli import app as cli
from leninletters.formats import export
real = export.document
def slow(letters, fmt, edition=None, **options):
    for index, piece in enumerate(real(letters, fmt, edition, **options)):
        if index == 3:
            sys.stderr.write("WRITING\\n"); sys.stderr.flush(); time.sleep(60)
        yield piece
export.document = slow
sys.argv = ["leninletters", "export", "-o", sys.argv[1], "--force"]
cli.main()
"""


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """A command through Typer's CliRunner: its exit status, stdout and stderr apart."""
    from typer.testing import CliRunner

    from leninletters.cli.app import app

    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def draw(renderable: Any, width: int) -> str:
    """What Rich draws on a fixed-width, colourless console, trailing spaces trimmed."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    console.print(renderable)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return "\n".join(line.rstrip() for line in output.splitlines()) + "\n"


def slow_export_into(target: Path, environment: dict[str, str]) -> subprocess.Popen[str]:
    """An export over `target` started in a subprocess and stopped mid-write (it has said WRITING)."""
    import sys

    target.write_text("the old file\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_EXPORT, str(target)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == "WRITING\n"
    return process
