"""`leninletters import`: TEI letter files and CMIF files into a corpus the other commands read.

The reading and mapping are leninletters.importers' (pure, no Typer or Rich); this command finds the
files, shows a progress bar where someone watches, writes the corpus whole or not at all, and says what
was skipped and what was not mapped.
"""

# No `from __future__ import annotations`: Typer reads these annotations at run time (see app.py).
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from leninletters.ui.messages import ExitStatus, InputError, OutputError
from leninletters.ui.streams import say

ImportPaths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...",
        help="TEI letter files, CMIF files, or folders of them (their *.xml).",
        show_default=False,
    ),
]
ImportOutput = Annotated[
    str,
    typer.Option(
        "--output", "-o", metavar="FILE", help="The corpus file to write (JSON).", show_default=False
    ),
]
Recursive = Annotated[bool, typer.Option("--recursive", help="Read the folders' subfolders too.")]
Progress = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Show a progress bar over the files (default: when stderr is a terminal).",
        show_default=False,
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]


def import_letters(
    paths: ImportPaths,
    output: ImportOutput,
    recursive: Recursive = False,
    progress: Progress = None,
    force: Force = False,
) -> None:
    """Import TEI letter files and CMIF files into a corpus: each file's letters with their senders,
    addressees, places, dates as the source gives them, text, notes and parts; files that cannot be read
    are skipped with the reason, and what could not be mapped is counted. Then browse it with --corpus.

    Examples:

      leninletters import letters/ -o letters.json

      leninletters import editions/ --recursive -o letters.json --force

      leninletters import cmif.xml -o metadata.json

      leninletters --corpus letters.json list
    """
    from leninletters.importers.batch import import_files, label, xml_files
    from leninletters.store import edition as door
    from leninletters.ui import files
    from leninletters.ui.terminal import is_terminal

    if door.is_bundled(output):  # refused before the files are read, not after
        raise OutputError(f"{output} is part of the bundled edition, which is read-only: choose another file")
    found = xml_files(paths, recursive=recursive)
    # A dumb terminal cannot redraw a bar in place: it would get a line per redraw.
    shown = is_terminal(sys.stderr) and os.environ.get("TERM") != "dumb" if progress is None else progress
    with _progress_bar(len(found), shown) as advance:
        run = import_files(found, label(paths), advance)
    try:
        for skipped in run.skipped:
            say(f"skipped {skipped}")
        if not len(run.writer):
            raise InputError(
                f"nothing to import: {_files(run.files)} read, none holds a letter; nothing written"
            )
        files.write_atomically(output, run.writer.pieces(), force=force)
    finally:
        run.writer.close()
    for kind, count in sorted(run.writer.unmapped.items(), key=lambda item: (-item[1], item[0])):
        say(f"not mapped: {count} × {kind}")
    skips = f", {_files(len(run.skipped))} skipped" if run.skipped else ""
    letters = f"{len(run.writer)} letter{'' if len(run.writer) == 1 else 's'}"
    say(f"wrote {letters} from {_files(run.files)} to {output}{skips}")
    if run.skipped:
        raise typer.Exit(ExitStatus.SOME_SKIPPED)


def _files(count: int) -> str:
    return f"{count:,} file{'' if count == 1 else 's'}"


@contextmanager
def _progress_bar(total: int, shown: bool) -> Iterator[Callable[[Path], None] | None]:
    """A Rich progress bar on stderr over the files, or nothing where it is not to be shown."""
    if not shown:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from leninletters.ui.terminal import visible

    # Drawn as on a terminal even into a pipe where --progress asks for it (a log of a long import).
    console = Console(file=sys.stderr, force_terminal=True)
    columns = (
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        # A file's name is shown as text, never read as markup or obeyed as a control.
        TextColumn("{task.fields[name]}", markup=False),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("import", total=total, name="")

        def advance(path: Path) -> None:
            bar.update(task, advance=1, name=visible(path.name)[:40])

        yield advance
