"""Time to the first row against time to the whole answer, for answers that grow with the corpus.

    .venv/bin/python bench/stream.py CORPUS.json [--runs 3]

Runs each command with stdout a pipe (as `| head` or a pager reads it), with the corpus's index built
beforehand (`leninletters --corpus CORPUS.json index`), and prints the medians as a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

TOOL = str(Path(sys.executable).parent / "leninletters")

COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["grep", "stalin"],
    ["grep", "stalin", "--json"],
    ["export", "-f", "md"],
    ["list", "--limit", "10"],
    ["grep", "stalin", "--limit", "10"],
    ["grep", "zqxjvw"],
    ["grep", "letter-99999x"],
]


def timed(command: Sequence[str]) -> tuple[float, float]:
    """Seconds to the first line of stdout, and to its end."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    process.stdout.readline()
    first = time.perf_counter() - start
    while process.stdout.read(1 << 20):
        pass
    process.wait()
    return first, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args(argv)
    print("| command | first row | whole answer |\n|---|---:|---:|")
    for command in COMMANDS:
        runs = [timed([TOOL, "--corpus", str(arguments.corpus), *command]) for _ in range(arguments.runs)]
        first = statistics.median(run[0] for run in runs)
        whole = statistics.median(run[1] for run in runs)
        print(f"| {' '.join(command)} | {first * 1000:,.0f} ms | {whole * 1000:,.0f} ms |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
