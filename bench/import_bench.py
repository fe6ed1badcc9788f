"""The import benchmark: `leninletters import` of synthetic TEI letters beside a bare parse of the same files.

    .venv/bin/python bench/import_bench.py                  # 10,000 files, 3 runs
    .venv/bin/python bench/import_bench.py --files 2000 --runs 5
    .venv/bin/python bench/import_bench.py --before /tmp/old   # an older checkout timed in the same run
    .venv/bin/python bench/run.py --import-files 10000       # after the rest of the benchmark

Goals (issue 18): importing is at most 1.5× a bare ElementTree parse of the same files (read and parsed,
nothing else), and its memory is flat in the number of files (the trees are not held: 1,000 and 10,000
files peak within a few MiB of each other). lxml's parse (with entities, network and DTDs off) is timed
too: the choice of parser in docs/import.md rests on it. Each measurement runs in its own process,
interleaved with the others, so that a busy machine's noise falls on all alike.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = 1890
WORDS = (
    "Brief Dank Wetter Reise Haus Stadt Zeitung Manuskript Theater Abend Freund Antwort Sommer Wien Berlin "
    "Straße Schönberg Grüße Frau Herr Doctor bald gestern morgen leider herzlich ergebenst Novelle Verlag "
    "letter thanks weather journey house town paper manuscript evening friend answer summer soon yesterday"
).split()
CITIES = ["Wien", "Berlin", "Graz", "München", "Prag", "Leipzig"]
REGISTERS = ["pmb", "tagebuch", "bahr", "fackel", "doi", "wikipedia", "kino", "interviews", "lektueren"]
LICENCE = " ".join(
    "Sie dürfen das Material teilen und bearbeiten, für beliebige Zwecke, unter der Bedingung der "
    "Namensnennung; weitere Einschränkungen gibt es nicht.".split()
    * 6
)
PEOPLE = [("Weber", "Anna"), ("Kästner", "Hans"), ("Roth", "Lena"), ("Fuchs", "Otto"), ("Brown", "Mary")]


def tei_letter(number: int, rng: random.Random) -> str:
    """One synthetic TEI letter of a few kilobytes, shaped like a digital edition's (correspDesc with
    refs, a back with persons and idnos, a writingSession with opener, paragraphs, notes and closer)."""
    sender, recipient = rng.sample(range(len(PEOPLE)), 2)
    day = f"{rng.randint(1880, 1930)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def words(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count))

    paragraphs = "".join(
        f"<p>{words(25)}<lb/>{words(20)} <rs ref='#p{sender}' type='person'>{PEOPLE[sender][0]}</rs> "
        f"<hi rend='underline'>{words(3)}</hi>{words(15)}<note type='commentary'>{words(12)}</note>"
        f"<del>{words(2)}</del> {words(10)}.</p>"
        for _ in range(rng.randint(3, 6))
    )
    # An edition's register as digital editions print it in each letter's back: each person with life
    # dates and places, occupations and a dozen idnos, whether the letter names them once or not at all.
    persons = "".join(
        f"<person xml:id='p{i}'><persName><forename>{first}</forename><surname>{last}</surname></persName>"
        f"<birth><date when='18{50 + i}-0{i + 1}-1{i}'>1{i}.0{i + 1}.18{50 + i}</date>"
        f"<settlement ref='pl{i}'>"
        f"<placeName type='pref'>{rng.choice(CITIES)}</placeName><location><geo>48,2 16,3</geo></location>"
        f"</settlement></birth><death><date when='19{10 + i}-0{i + 2}-2{i}'>2{i}.0{i + 2}.19{10 + i}</date>"
        f"<settlement ref='pl{i + 1}'><placeName type='pref'>{rng.choice(CITIES)}</placeName></settlement>"
        "</death><sex value='female'/><occupation ref='o1'>Schriftstellerin</occupation>"
        + "".join(
            f"<idno type='URL' subtype='{register}'>https://{register}.example.org/entity/{1000 + i}</idno>"
            for register in REGISTERS
        )
        + f"<idno type='URL' subtype='d-nb'>https://d-nb.info/gnd/{100000 + i}</idno>"
        f"<idno type='wikidata'>Q{200000 + i}</idno></person>"
        for i, (last, first) in enumerate(PEOPLE)
    )
    places = "".join(
        f"<place xml:id='pl{i}'><placeName>{city}</placeName><location><geo>48,2 16,3</geo></location>"
        f"<idno type='geonames'>{2700000 + i}</idno></place>"
        for i, city in enumerate(CITIES)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f"<TEI xmlns='http://www.tei-c.org/ns/1.0' xml:id='L{number:05d}'><teiHeader><fileDesc><titleStmt>"
        f"<title level='a'>{PEOPLE[sender][1]} {PEOPLE[sender][0]} an {PEOPLE[recipient][1]} "
        f"{PEOPLE[recipient][0]}, {day}</title><editor><name>Muster, Max</name><name>Probe, Paula</name>"
        "</editor><funder><name>Ein Fonds</name><address><street>Gasse 1</street><postCode>1010</postCode>"
        "</address></funder></titleStmt><publicationStmt><publisher>Synthetic</publisher><date when='2026'>"
        "2026</date><availability><licence target='https://creativecommons.org/licenses/by/4.0/'>"
        + f"<p>{LICENCE}</p>"
        * 4
        + "</licence></availability><idno type='handle'>https://hdl.example.org/1</idno></publicationStmt>"
        "<sourceDesc><listWit><witness n='1'><msDesc><msIdentifier><country>A</country><settlement>Wien"
        "</settlement><repository>Eine Bibliothek</repository><idno>Nachlass, B 1</idno></msIdentifier>"
        "<physDesc><objectDesc><supportDesc><extent><measure unit='blatt' quantity='1'/></extent>"
        "</supportDesc></objectDesc><handDesc><handNote medium='tinte' corresp='#p0'/></handDesc>"
        "</physDesc></msDesc></witness></listWit></sourceDesc></fileDesc><profileDesc><langUsage>"
        "<language ident='de'>Deutsch</language></langUsage><correspDesc>"
        f"<correspAction type='sent'><persName ref='#p{sender}'>{PEOPLE[sender][0]}, {PEOPLE[sender][1]}"
        f"</persName><placeName>Wien</placeName><date when='{day}'>{day}</date></correspAction>"
        f"<correspAction type='received'><persName ref='#p{recipient}'>{PEOPLE[recipient][0]}, "
        f"{PEOPLE[recipient][1]}</persName></correspAction><correspContext>"
        f"<ref subtype='previous_letter' type='withinCollection' target='L{number - 1:05d}'>x</ref>"
        f"<ref subtype='next_letter' type='withinCollection' target='L{number + 1:05d}'>x</ref>"
        "</correspContext></correspDesc></profileDesc><revisionDesc status='approved'>"
        "<change who='A' when='2019-06-13'>angelegt</change>"
        "<change who='B' when='2021-01-22'>geprüft</change>"
        "</revisionDesc></teiHeader><facsimile><graphic url='scan-1'/></facsimile><text><body>"
        f"<div type='writingSession'><opener><dateline>Wien, <date when='{day}'>{day}</date></dateline>"
        f"<salute>Lieber {PEOPLE[recipient][1]}!</salute></opener>{paragraphs}"
        f"<closer>Ihr<lb/><signed>{PEOPLE[sender][1]}</signed></closer></div></body>"
        f"<back><listPerson>{persons}</listPerson><listPlace>{places}</listPlace></back></text></TEI>\n"
    )


def write_letters(folder: Path, count: int) -> None:
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        (folder / f"L{number:05d}.xml").write_text(tei_letter(number, rng), encoding="utf-8")


# What each measured process does (run as `python import_bench.py --measure KIND FOLDER COUNT`).


def _files(folder: Path, count: int) -> list[Path]:
    return sorted(folder.glob("*.xml"))[:count]


def _bare_etree(files: list[Path]) -> None:
    import xml.etree.ElementTree as ET

    for path in files:
        parser = ET.XMLParser()
        parser.feed(path.read_bytes())
        parser.close()


def _bare_lxml(files: list[Path]) -> None:
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    for path in files:
        etree.fromstring(path.read_bytes(), parser)


def _import(files: list[Path]) -> None:
    from leninletters.importers.batch import import_files

    run = import_files(files, "bench")
    with open(Path(tempfile.gettempdir()) / "leninletters-import-bench.json", "w", encoding="utf-8") as out:
        for piece in run.writer.pieces():
            out.write(piece)
    run.writer.close()


MEASURES = {"etree": _bare_etree, "lxml": _bare_lxml, "import": _import}


def measure(kind: str, folder: Path, count: int) -> None:
    files = _files(folder, count)
    start = time.perf_counter()
    MEASURES[kind](files)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{elapsed} {peak}")


def timed(kind: str, folder: Path, count: int, before: Path | None = None) -> tuple[float, int]:
    """Seconds the work took in its own process, and the process's peak memory in KiB. The kind
    "import-before" is the import of the checkout at `before` (its leninletters found first on the path),
    so that a change is measured against what it replaces under the same load."""
    env = None
    if kind == "import-before" and before is not None:
        env = {**os.environ, "PYTHONPATH": str(before)}
    done = subprocess.run(
        [sys.executable, __file__, "--measure", kind.removesuffix("-before"), str(folder), str(count)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    seconds, peak = done.stdout.split()
    return float(seconds), int(peak)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000, help="the smaller run, for memory")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=Path(__file__).resolve().parent / "corpora" / "tei")
    parser.add_argument(
        "--before", type=Path, help="a source tree (holding leninletters/) whose import is timed as well"
    )
    parser.add_argument("--measure", nargs=3, metavar=("KIND", "FOLDER", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.measure[0], Path(args.measure[1]), int(args.measure[2]))
        return 0
    if len(list(args.folder.glob("*.xml"))) < args.files:
        print(f"writing {args.files:,} synthetic TEI letters to {args.folder} …", file=sys.stderr)
        write_letters(args.folder, args.files)
    kinds = [*MEASURES, *(["import-before"] if args.before else [])]
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    peaks: dict[str, list[int]] = {kind: [] for kind in kinds}
    small_peaks: list[int] = []
    for kind in kinds:  # a warm-up each: disk caches, .pyc files
        timed(kind, args.folder, args.files, args.before)
    for round_number in range(1, args.runs + 1):
        print(f"round {round_number} of {args.runs} …", file=sys.stderr)
        for kind in kinds:
            seconds, peak = timed(kind, args.folder, args.files, args.before)
            times[kind].append(seconds)
            peaks[kind].append(peak)
        small_peaks.append(timed("import", args.folder, args.small)[1])
    median = {kind: statistics.median(values) for kind, values in times.items()}
    big, small = max(peaks["import"]) / 1024, max(small_peaks) / 1024
    print(f"| import of {args.files:,} TEI files | {median['import']:.2f} s |")
    print(f"| bare ElementTree parse | {median['etree']:.2f} s |")
    print(f"| bare lxml parse (entities, network, DTD off) | {median['lxml']:.2f} s |")
    print(f"| import vs bare ElementTree parse | {median['import'] / median['etree']:.2f}× (goal ≤ 1.5×) |")
    if args.before:
        ratio = median["import-before"] / median["etree"]
        print(f"| import before ({args.before}) | {median['import-before']:.2f} s |")
        print(f"| import before vs bare ElementTree parse | {ratio:.2f}× |")
    print(f"| import peak memory, {args.small:,} vs {args.files:,} files | {small:.0f} vs {big:.0f} MiB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
