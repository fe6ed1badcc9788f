"""The reader's first screen, timed on a pseudo-terminal beside a minimal Textual app with a 22-row table;
and with --large, the reader on 100,000 letters from the index: its first screen, a query and opening a
letter inside the running app, and its memory.

    .venv/bin/python bench/reader_first_frame.py [--runs 5] [--large [--letters 100000]]

Each app starts on its own terminal; the time is from the start to the first output that shows the
first letter (its title, or the position line "letter 1 of N"), after which q ends it and its peak
memory is read. The runs alternate between the apps so that the machine's noise falls on all alike.
Goals (issue 20): the bundled edition ≤ 1.5× the table; 100,000 letters ≤ 2× the bundled edition, a
query or a letter opened ≤ 100 ms inside the app, ≤ 150 MiB.

The large corpus is made by bench/corpora.py and indexed once (`leninletters --corpus X index`) with
its cache in bench/corpora/cache; the in-app times are taken headless (Textual's Pilot) in this process,
as wall time and as this process's CPU time (the machine's other load shows in the first, not the second).
"""

from __future__ import annotations

import argparse
import asyncio
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
CACHE = HERE / "corpora" / "cache"
# Asked inside the running app: a recipient, a month, a word of the text, and the two together.
QUERIES = ("to:trotsky", "date:1923-01", "monopoly", "to:trotsky date:1922-12", "")


class Run:
    """One start of an app on a terminal: seconds to its first frame, and its peak memory in MiB."""

    def __init__(self, seconds: float, mib: float) -> None:
        self.seconds = seconds
        self.mib = mib


def first_frame(command: list[str], mark: bytes = MARK, extra: dict[str, str] | None = None) -> Run:
    """Start the command on a terminal; time its first drawing of the mark; q; its peak memory."""
    controller, terminal = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30", **(extra or {}))
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=terminal, stdout=terminal, stderr=terminal, env=env)
    os.close(terminal)
    seen = b""
    try:
        while mark not in seen:
            ready, _, _ = select.select([controller], [], [], 120)
            if not ready:
                raise TimeoutError(f"{command} drew nothing in 120 s")
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
        _, status, usage = os.wait4(process.pid, 0)  # wait4: the child's own peak memory
        process.returncode = os.waitstatus_to_exitcode(status)
        return Run(took, usage.ru_maxrss / 1024)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(controller)


def large_corpus(letters: int) -> Path:
    """The synthetic corpus, made and indexed once."""
    sys.path.insert(0, str(HERE))
    from corpora import write_corpus

    path, _ = write_corpus(HERE / "corpora", letters)
    script = Path(sys.executable).parent / "leninletters"
    env = dict(os.environ, XDG_CACHE_HOME=str(CACHE))
    subprocess.run(
        [str(script), "--corpus", str(path), "index"], check=True, env=env, stdout=subprocess.DEVNULL
    )
    return path


async def inside(path: Path | None) -> dict[str, tuple[float, float]]:
    """Wall and CPU milliseconds of each query and of opening letters (first, middle, last of every
    letter), in the app; the bundled edition for None."""
    os.environ["XDG_CACHE_HOME"] = str(CACHE)
    from leninletters.reader import places
    from leninletters.reader.app import Reader
    from leninletters.store.edition import open_edition

    app = Reader(open_edition(path))
    took: dict[str, tuple[float, float]] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for query in QUERIES:
            wall, cpu = time.perf_counter(), time.process_time()
            await app.go(places.Place(query, None))
            await pilot.pause()
            took[f"query {query or '(every letter)'!r}"] = (
                (time.perf_counter() - wall) * 1000,
                (time.process_time() - cpu) * 1000,
            )
        for where, row in (("second", 1), ("middle", len(app.asked.listing) // 2), ("last", -1)):
            wall, cpu = time.perf_counter(), time.process_time()
            await app.open(row % len(app.asked.listing), None)
            await pilot.pause()
            took[f"open the {where} letter"] = (
                (time.perf_counter() - wall) * 1000,
                (time.process_time() - cpu) * 1000,
            )
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large", action="store_true", help="also 100,000 letters from the index")
    parser.add_argument("--letters", type=int, default=100_000)
    args = parser.parse_args()
    script = Path(sys.executable).parent / "leninletters"
    commands: dict[str, tuple[list[str], bytes, dict[str, str]]] = {
        "leninletters read": ([str(script), "read"], MARK, {}),
        "Textual 22-row table": ([sys.executable, str(HERE / "reference_textual_table.py")], MARK, {}),
    }
    large = f"leninletters read ({args.letters:,} letters, index)"
    path = large_corpus(args.letters) if args.large else None
    if path is not None:
        mark = f"letter 1 of {args.letters}".encode()
        commands[large] = ([str(script), "--corpus", str(path), "read"], mark, {"XDG_CACHE_HOME": str(CACHE)})
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, (command, mark, extra) in commands.items():
            runs[name].append(first_frame(command, mark, extra))
    medians = {name: statistics.median(run.seconds for run in found) for name, found in runs.items()}
    for name, median in medians.items():
        peak = max(run.mib for run in runs[name])
        print(
            f"{name}: {median * 1000:,.0f} ms to the first frame (median of {args.runs}), peak {peak:.0f} MiB"
        )
    ratio = medians["leninletters read"] / medians["Textual 22-row table"]
    print(f"ratio: {ratio:.2f}× (goal ≤ 1.5×)")
    if path is not None:
        against = medians[large] / medians["leninletters read"]
        print(f"{args.letters:,} letters vs the bundled edition: {against:.2f}× (goal ≤ 2×)")
        bundled = asyncio.run(inside(None))
        for what, (wall, cpu) in asyncio.run(inside(path)).items():
            said = f"{wall:,.0f} ms ({cpu:,.0f} ms of CPU; bundled edition {bundled[what][1]:,.0f} ms of CPU)"
            print(f"inside the app, {what}: {said} (goal ≤ 100 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
