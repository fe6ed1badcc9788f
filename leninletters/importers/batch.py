"""An import run: the files named (a folder's *.xml, recursively if asked), each read safely and mapped,
the ones that cannot be read skipped with their reason, and what was not mapped counted by kind."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from leninletters.core.errors import InputError
from leninletters.importers import safexml, tei
from leninletters.importers.writer import CorpusWriter


@dataclass(frozen=True)
class Skipped:
    """A file not imported: where (file, line and column where known) and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class Imported:
    """What a run read: the corpus to write, the files skipped, the number of files read."""

    writer: CorpusWriter
    skipped: list[Skipped] = field(default_factory=list)
    files: int = 0


def xml_files(paths: Sequence[str], *, recursive: bool) -> list[Path]:
    """The files to read: each file named, and each named folder's *.xml (its subfolders' too if
    recursive), in a stable order; InputError where a path names nothing or a folder holds no XML."""
    found: list[Path] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            matches = sorted(
                p for p in (path.rglob("*.xml") if recursive else path.glob("*.xml")) if p.is_file()
            )
            if not matches:
                hint = "" if recursive else " (add --recursive to read its subfolders)"
                raise InputError(f"the folder {text} holds no .xml files{hint}")
            found.extend(matches)
        elif path.exists():
            found.append(path)
        else:
            raise InputError(f"no such file or folder: {text}")
    return list(dict.fromkeys(found))


def label(paths: Sequence[str]) -> str:
    """How the corpus names where its letters came from."""
    names = [Path(text).name or text for text in paths]
    return names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"


def import_files(
    files: Iterable[Path], source: str, advance: Callable[[Path], None] | None = None
) -> Imported:
    """Read each file into the corpus, or skip it with its reason; advance is told of each file done."""
    run = Imported(CorpusWriter(source))
    with _no_cycle_collection():
        for path in files:
            run.files += 1
            try:
                root = safexml.parse(path)
                drafts = tei.drafts(root, path, run.writer.unmapped)
                del root  # the tree is done with: memory stays flat over thousands of files
                for draft in drafts:
                    run.writer.add(draft)
            except safexml.Refused as refused:
                run.skipped.append(Skipped(refused.where(str(path)), refused.reason))
            if advance is not None:
                advance(path)
    return run


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Run without Python's cycle collector. A parsed tree and the records made from it hold no
    reference cycles, so each tree is freed by its last reference as its file is done; the collector,
    set off by the hundreds of elements each file makes, would only walk everything the run keeps, again
    and again: a third of an import's time (bench/import_bench.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
