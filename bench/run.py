"""The benchmark: whole-process times and peak memory of leninletters beside plain references.

    .venv/bin/python bench/run.py            # 1,000, 10,000 and 100,000 letters, 5 runs each
    .venv/bin/python bench/run.py --runs 3 --sizes 1000,10000
    .venv/bin/python bench/run.py --index-only --sizes 100000 --before /tmp/old/.venv/bin/leninletters

Every command runs as its own process, several times, interleaved with its references so that the
machine's noise falls on both alike; the table shows medians and the ratios the goals are about, and
is written to bench/RESULTS.md with the machine and the date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpora import write_corpus  # noqa: E402

BIN = Path(sys.executable).parent
TOOL = str(BIN / "leninletters")
PYTHON = sys.executable
NAME = "trotsky"  # a name, for grep and ripgrep
WORD = "monopoly"  # a word, for --keyword
# A question in the query language: a recipient, a date range, a negated scribe and a phrase.
QUERY = f"to:{NAME} date:1919..1922-12 -scribe:L.F. {WORD}"
# The bounded answers the index is for (issue 17): a date range with a recipient, a name in few letters,
# a rare word, a phrase, one letter.
INDEXED_QUERY = f"to:{NAME} date:1919-03..1919-04"
RARE_NAME = "Stomonyakov"
RARE_WORD = "falsification"
PHRASE = "too rude"
RICH_TABLE = HERE / "reference_rich_table.py"
PLAIN_COUNT = HERE / "reference_count.py"


@dataclass
class Command:
    """One process to time, and what it is compared with."""

    key: str
    label: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    # Start-up commands take a tenth of a second: more runs make their medians steady on a noisy machine.
    repeat: int = 1
    times: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)

    def run(self) -> None:
        environment = {**os.environ, **self.env}
        # A user's installation keeps its compiled modules: with PYTHONDONTWRITEBYTECODE set (as some
        # sandboxes set it) every run would compile the package's source again, a third of a small
        # command's time, and the start-up ratios would measure the compiler.
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        with open(os.devnull, "wb") as sink:
            start = time.perf_counter()
            process = subprocess.Popen(self.argv, stdout=sink, stderr=sink, env=environment)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"benchmark command failed: {' '.join(self.argv)}")
        self.times.append(elapsed)
        self.rss_kib.append(usage.ru_maxrss)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def rss_mib(self) -> float:
        return statistics.median(self.rss_kib) / 1024


@dataclass
class Goal:
    label: str
    ours: str
    reference: str
    limit: float
    memory: bool = False
    # A limit in MiB of peak memory rather than a ratio (reference unused).
    mib: float = 0


def index_commands_for(
    sizes: Sequence[int], corpora: Path, before: str | None
) -> tuple[dict[str, Command], list[Goal]]:
    """The index's questions alone (--index-only), beside `import typer` and `rg -c`; with --before, the
    same questions asked of another installation in the same run, interleaved."""
    found = [
        Command("typer", 'python -c "import typer"', [PYTHON, "-c", "import typer"], {}, 4),
        Command("python", 'python -c "pass"', [PYTHON, "-c", "pass"], {}, 4),
    ]
    goals: list[Goal] = []
    for size in sizes:
        json_path, text_path = write_corpus(corpora, size)
        if shutil.which("rg"):
            found.append(
                Command(f"rg-{size}", f"rg -c -i {NAME} ({size:,})", ["rg", "-c", "-i", NAME, str(text_path)])
            )
        if before:
            earlier, _ = indexed_commands(size, json_path, corpora / "cache-before", before, "before: ")
            found += earlier
        indexed, indexed_goals = indexed_commands(size, json_path, corpora / "cache")
        found += indexed
        goals += indexed_goals
    return {command.key: command for command in found}, goals


def commands_for(sizes: Sequence[int], corpora: Path) -> tuple[dict[str, Command], list[Goal]]:
    terminal = {"FORCE_COLOR": "1", "COLUMNS": "120"}
    completion = {"_LENINLETTERS_COMPLETE": "complete_bash", "COMP_LINE": "leninletters gr"}
    # Completing a person's name reads the corpus's people, and letter numbers with their titles in zsh.
    person_completion = {
        "_LENINLETTERS_COMPLETE": "complete_bash",
        "COMP_LINE": "leninletters list --person tro",
    }
    reference_completion = {
        "_LENINLETTERS_COMPLETE": "complete_zsh",
        "_LENINLETTERS_WORDS": "show",
        "_LENINLETTERS_INCOMPLETE": "2",
    }
    found = [
        Command("rich", "bare script: Rich 22-row table", [PYTHON, str(RICH_TABLE)], terminal, 4),
        Command("typer", 'python -c "import typer"', [PYTHON, "-c", "import typer"], {}, 4),
        Command("python", 'python -c "pass"', [PYTHON, "-c", "pass"], {}, 4),
        Command("list", "leninletters list (terminal)", [TOOL, "list"], terminal, 4),
        Command("list-json", "leninletters list --json", [TOOL, "list", "--json"], {}, 4),
        Command("grep-json", f"leninletters grep {NAME} --json", [TOOL, "grep", NAME, "--json"], {}, 4),
        Command("export", "leninletters export", [TOOL, "export"], {}, 4),
        Command("query-json", f"leninletters list '{QUERY}' --json", [TOOL, "list", QUERY, "--json"], {}, 4),
        Command("complete", "shell completion (Tab)", [TOOL], completion, 4),
        Command("complete-person", "completion of --person tro (bash)", [TOOL], person_completion, 4),
        Command("complete-ref", "completion of show 2 (zsh, with titles)", [TOOL], reference_completion, 4),
    ]
    goals = [
        Goal("list on a terminal vs Rich table script", "list", "rich", 1.5),
        *(
            Goal(f"{key} vs import typer", key, "typer", 1.2)
            for key in (
                "list-json",
                "grep-json",
                "export",
                "query-json",
                "complete",
                "complete-person",
                "complete-ref",
            )
        ),
    ]
    for size in sizes:
        json_path, text_path = write_corpus(corpora, size)
        corpus = ["--corpus", str(json_path), "--no-index"]  # the JSON path, as before the index
        reference = [PYTHON, str(PLAIN_COUNT), str(json_path), NAME]
        found += [
            Command(f"ref-{size}", f"plain Python: load + casefold count ({size:,})", reference),
            Command(f"grep-{size}", f"grep {NAME} --count ({size:,})", [TOOL, *corpus, "grep", NAME, "-c"]),
            Command(
                f"keyword-{size}", f"list --keyword {WORD} ({size:,})", [TOOL, *corpus, "list", "-k", WORD]
            ),
            Command(f"export-{size}", f"export > /dev/null ({size:,})", [TOOL, *corpus, "export"]),
            Command(f"query-{size}", f"list '{QUERY}' ({size:,})", [TOOL, *corpus, "list", QUERY]),
        ]
        if shutil.which("rg"):
            found.append(
                Command(f"rg-{size}", f"rg -c -i {NAME} ({size:,})", ["rg", "-c", "-i", NAME, str(text_path)])
            )
        if size >= 10_000:
            for key in ("grep", "keyword", "export", "query"):
                goals.append(Goal(f"{key} at {size:,} vs plain Python", f"{key}-{size}", f"ref-{size}", 1.3))
                goals.append(
                    Goal(f"{key} at {size:,}: memory", f"{key}-{size}", f"ref-{size}", 1.5, memory=True)
                )
        if size >= 10_000:
            indexed, indexed_goals = indexed_commands(size, json_path, corpora / "cache")
            found += indexed
            goals += indexed_goals
    if 10_000 in sizes and 100_000 in sizes:
        for key in ("grep", "keyword", "export", "query"):
            goals.append(Goal(f"{key}: 100,000 vs 10,000 letters", f"{key}-100000", f"{key}-10000", 11.0))
    return {command.key: command for command in found}, goals


def indexed_commands(
    size: int, json_path: Path, cache: Path, tool: str = TOOL, tag: str = ""
) -> tuple[list[Command], list[Goal]]:
    """The bounded answers from the index (built here first, once), and their goals: each within 1.5×
    `import typer` (4× at a million) and faster than `rg -c`, in at most 64 MiB. With a tag, another
    installation of the tool (`--before`), its own cache, and no goals: the same questions, to compare."""
    environment = {"XDG_CACHE_HOME": str(cache)}
    corpus = [tool, "--corpus", str(json_path)]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*corpus, "index"], env={**os.environ, **environment}, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"indexing failed: {' '.join(corpus)} index")
    index_bytes = sum(path.stat().st_size for path in (cache / "leninletters").glob("*.sqlite"))
    print(
        f"{tag}indexed {size:,} letters in {time.perf_counter() - started:.1f} s, "
        f"{usage.ru_maxrss / 1024:,.0f} MiB peak (0 where fresh already), "
        f"{index_bytes / json_path.stat().st_size:.2f}× the corpus on disk",
        file=sys.stderr,
    )
    asked = {
        "query": ("list with a date range and a recipient", ["list", INDEXED_QUERY]),
        "name": (f"grep {RARE_NAME} --count", ["grep", RARE_NAME, "-c"]),
        "word": (f"grep {RARE_WORD} --count", ["grep", RARE_WORD, "-c"]),
        "phrase": (f"grep '{PHRASE}' --count", ["grep", PHRASE, "-c"]),
        "show": (f"show letter-{size // 2}", ["show", f"letter-{size // 2}"]),
    }
    commands = [
        Command(f"{tag}ix-{key}-{size}", f"{tag}index: {label} ({size:,})", [*corpus, *args], environment)
        for key, (label, args) in asked.items()
    ]
    if tag:
        return commands, []
    limit = 1.5 if size <= 100_000 else 4.0
    goals = []
    for key in asked:
        goals.append(Goal(f"index {key} at {size:,} vs import typer", f"ix-{key}-{size}", "typer", limit))
        if shutil.which("rg"):
            goals.append(Goal(f"index {key} at {size:,} vs rg -c", f"ix-{key}-{size}", f"rg-{size}", 1.0))
        goals.append(Goal(f"index {key} at {size:,}: memory", f"ix-{key}-{size}", "", 0, mib=64))
    return commands, goals


def machine() -> str:
    model = "unknown processor"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
    return f"{system}, {model}; Python {platform.python_version()}"


def report(commands: dict[str, Command], goals: list[Goal], runs: int) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"{dt.date.today().isoformat()}, {machine()}; {runs} runs each ({runs * 4} for start-up commands), "
        "interleaved; medians.",
        "Made by `.venv/bin/python bench/run.py`.",
        "",
        "| command | median time | peak memory |",
        "|---|---:|---:|",
    ]
    lines += [f"| {c.label} | {c.median * 1000:,.0f} ms | {c.rss_mib:,.0f} MiB |" for c in commands.values()]
    lines += ["", "| goal | ratio | limit | met |", "|---|---:|---:|---|"]
    for goal in goals:
        ours = commands[goal.ours]
        if goal.mib:
            met = "yes" if ours.rss_mib <= goal.mib else "**no**"
            lines.append(f"| {goal.label} | {ours.rss_mib:.0f} MiB | {goal.mib:g} MiB | {met} |")
            continue
        reference = commands[goal.reference]
        ratio = ours.rss_mib / reference.rss_mib if goal.memory else ours.median / reference.median
        met = "yes" if ratio <= goal.limit else "**no**"
        lines.append(f"| {goal.label} | {ratio:.2f}× | {goal.limit:g}× | {met} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="synthetic corpus sizes")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md", help="where to write the table")
    parser.add_argument(
        "--import-files",
        type=int,
        default=0,
        help="also time `import` of this many synthetic TEI files against a bare parse (import_bench.py)",
    )
    parser.add_argument(
        "--index-only", action="store_true", help="only the index's questions (and import typer, rg -c)"
    )
    parser.add_argument(
        "--before",
        metavar="LENINLETTERS",
        help="another installation's script to ask the same (with --index-only)",
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    print(
        f"making corpora of {', '.join(f'{s:,}' for s in sizes)} letters in {HERE / 'corpora'} …",
        file=sys.stderr,
    )
    if args.index_only:
        commands, goals = index_commands_for(sizes, HERE / "corpora", args.before)
    else:
        commands, goals = commands_for(sizes, HERE / "corpora")
    for command in commands.values():  # a warm-up run each: disk caches, .pyc files
        command.run()
        command.times.clear()
        command.rss_kib.clear()
    for round_number in range(1, args.runs + 1):
        print(f"round {round_number} of {args.runs} …", file=sys.stderr)
        for command in commands.values():
            for _ in range(command.repeat):
                command.run()
    text = report(commands, goals, args.runs)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    if args.import_files:
        import import_bench

        import_bench.main(["--files", str(args.import_files), "--runs", str(args.runs)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
