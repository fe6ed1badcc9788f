"""The index command, and the progress bar any build of an index draws on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Annotated

import typer

from leninletters.store import edition as door
from leninletters.ui.messages import InputError
from leninletters.ui.terminal import visible

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class ProgressBar:
    """A progress callback for a build: a bar on stderr when it is a terminal, nothing otherwise."""

    def __init__(self) -> None:
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("indexing letters", total=total)
        if self.task is not None:
            self.bar.update(self.task, completed=done)
        if done >= total:
            self.bar.stop()


def index(
    ctx: typer.Context,
    force: Annotated[
        bool, typer.Option("--force", help="Build the index again even when it is up to date.")
    ] = False,
) -> None:
    """Index the corpus (--corpus or $LENINLETTERS_CORPUS) for fast answers on big corpora: every command
    then reads the index, rebuilt by itself whenever the corpus changes (--no-index reads the JSON)."""
    path = getattr(ctx.find_root().obj, "corpus_path", None)
    if path is None:
        raise InputError(
            "the bundled edition needs no index: name a corpus file with --corpus PATH "
            "or $LENINLETTERS_CORPUS"
        )
    started = time.perf_counter()
    built = door.build_index(path, progress=ProgressBar(), force=force)
    where = door.index_location(path)
    if not built:
        print(f"the index of {visible(str(path))} is up to date: {visible(str(where))}")
        return
    seconds = time.perf_counter() - started
    print(f"indexed {visible(str(path))} in {seconds:.1f} s: {visible(str(where))}")
