"""The reader's first screen, timed on a pseudo-terminal beside a minimal Textual app with a 22-row table.

    .venv/bin/python bench/reader_first_frame.py [--runs 5]

Each app starts on its own terminal; the time is from the start to the first output that shows the
first letter's title (the table's first row, the reader's letter), after which q ends it. The runs
alternate between the two so that the machine's noise falls on both alike. Goal (issue 20): ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = b"To Leon Trotsky"


def first_frame(command: list[str]) -> float:
    """Seconds from starting the command on a terminal to its first drawing of the first letter."""
    controller, terminal = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=terminal, stdout=terminal, stderr=terminal, env=env)
    os.close(terminal)
    seen = b""
    try:
        while MARK not in seen:
            ready, _, _ = select.select([controller], [], [], 60)
            if not ready:
                raise TimeoutError(f"{command} drew nothing in 60 s")
            seen += os.read(controller, 65536)
        took = time.perf_counter() - started
        os.write(controller, b"q")
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:  # drain, or it blocks writing
            if select.select([controller], [], [], 0.1)[0]:
                try:
                    os.read(controller, 65536)
                except OSError:
                    break
        process.wait(timeout=30)
        return took
    finally:
        if process.poll() is None:
            process.kill()
        os.close(controller)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    script = Path(sys.executable).parent / "leninletters"
    commands = {
        "leninletters read": [str(script), "read"],
        "Textual 22-row table": [sys.executable, str(HERE / "reference_textual_table.py")],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(first_frame(command))
    medians = {name: statistics.median(found) for name, found in times.items()}
    for name, median in medians.items():
        print(f"{name}: {median * 1000:,.0f} ms to the first frame (median of {args.runs})")
    ratio = medians["leninletters read"] / medians["Textual 22-row table"]
    print(f"ratio: {ratio:.2f}× (goal ≤ 1.5×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
