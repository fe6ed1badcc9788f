"""How fast the guards against hostile input answer: the times the test suite used to assert.

    .venv/bin/python bench/guards.py            # 5 runs each; writes bench/GUARDS.md
    .venv/bin/python bench/guards.py --runs 9

The tests bound these guards by the work they do (nothing compiled, each paragraph split once, the time
left handed on from letter to letter, no byte read from a device), which holds on any machine; how long
that work takes depends on the machine, so it is measured here, as medians against a goal each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec

from leninletters.core import search
from leninletters.core.errors import PatternError
from leninletters.core.model import Letter
from leninletters.store.corpus import load

HERE = Path(__file__).resolve().parent
TOOL = str(Path(sys.executable).parent / "leninletters")


@dataclass
class Guard:
    """One guard, timed: what it does, its goal in seconds, and a function that runs it once."""

    label: str
    goal: float
    run: Callable[[], None]


def refuse_a_pattern_bomb() -> None:
    """grep refuses (?:a{1000}){1000} (a million items) before compiling it: the command, in this process."""
    from typer.testing import CliRunner

    from leninletters.cli.app import app

    result = CliRunner().invoke(app, ["grep", "-E", "(?:a{1000}){1000}"])
    assert result.exit_code == 2 and "counted repeats" in result.stderr


def refuse_a_recursive_pattern() -> None:
    result = subprocess.run([TOOL, "grep", "-E", "(?:(?R)|a)"], capture_output=True, text=True)
    assert result.returncode == 2 and "recurses with" in result.stderr


def refuse_a_device() -> None:
    result = subprocess.run([TOOL, "--corpus", "/dev/zero", "list"], capture_output=True, text=True)
    assert result.returncode == 2 and "a character device" in result.stderr


def long_letter(repeats: int = 40) -> Letter:
    """Letter 19 forty times over: 441 KB, over 8,000 matches of "the"."""
    letter = load().letters[18]
    return msgspec.structs.replace(letter, text="\n\n".join([letter.text] * repeats))


LONG = long_letter()


def grep_a_long_letter() -> None:
    found = search.find(LONG, search.Search("the"))
    assert len(found) > 8000 and search.snippets(LONG, found, 2)


def stop_a_backtracking_search() -> None:
    """A 0.3 s deadline over all 22 letters: the search stops near 0.3 s, not after 22 of them."""
    letters = load().letters
    slow = search.Search("(.|..)+Q", regex=True)
    deadline = search.Deadline(0.3)
    try:
        for letter in letters:
            search.find(letter, slow, deadline)
    except PatternError:
        return
    raise AssertionError("the search was not stopped")


GUARDS = [
    Guard("grep refuses a pattern bomb (the command, in process)", 0.4, refuse_a_pattern_bomb),
    Guard("grep refuses a recursive pattern (whole process)", 5.0, refuse_a_recursive_pattern),
    Guard("a device as the corpus is refused (whole process)", 5.0, refuse_a_device),
    Guard("find and snippets in a 441 KB letter, 8,000 matches", 0.5, grep_a_long_letter),
    Guard("a 0.3 s deadline stops a backtracking search of 22 letters", 1.5, stop_a_backtracking_search),
]


def timed(guard: Guard, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        guard.run()
        times.append(time.perf_counter() - started)
    return times


def report(results: Sequence[tuple[Guard, list[float]]], runs: int) -> str:
    lines = [
        "# Guards against hostile input: times",
        "",
        f"{dt.date.today().isoformat()}, {platform.system()} {platform.machine()}; Python "
        f"{platform.python_version()}; {runs} runs each; medians.",
        "Made by `.venv/bin/python bench/guards.py`.",
        "",
        "| guard | median | goal | met |",
        "|---|---:|---:|---|",
    ]
    for guard, times in results:
        median = statistics.median(times)
        met = "yes" if median <= guard.goal else "**no**"
        lines.append(f"| {guard.label} | {median * 1000:,.0f} ms | {guard.goal * 1000:,.0f} ms | {met} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    results = [(guard, timed(guard, args.runs)) for guard in GUARDS]
    text = report(results, args.runs)
    (HERE / "GUARDS.md").write_text(text, encoding="utf-8")
    print(text, end="")
    return 0 if all(statistics.median(times) <= guard.goal for guard, times in results) else 1


if __name__ == "__main__":
    sys.exit(main())
