"""The one place where results leave the process: JSON, Rich on a terminal, plain in a pipe, paged when
long.

As httpie's Environment does, an Output holds the streams and whether they are terminals, so that tests
can say "not a terminal" without a subprocess.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from leninletters.ui.render import Console
    from leninletters.ui.views import View


# How long a piece of a streamed answer may wait in stdout's buffer before it is flushed.
FLUSH_SECONDS = 0.05


class Color(StrEnum):
    """--color: auto (colour on a terminal), always, never."""

    auto = "auto"
    always = "always"
    never = "never"


def wants_colour(color: Color, environ: Mapping[str, str], is_terminal: bool) -> bool:
    """Whether output carries colour (any ANSI escape): the one decision, made here.

    --color always or never wins; under --color auto, a non-empty FORCE_COLOR wins over a non-empty
    NO_COLOR, which wins over whether stdout is a terminal.
    """
    if color is Color.always:
        return True
    if color is Color.never:
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("NO_COLOR"):
        return False
    return is_terminal


class Output:
    """Where results go, and in which form."""

    def __init__(
        self,
        *,
        stdout: TextIO | None = None,
        color: Color = Color.auto,
        say: Callable[[str], None] | None = None,
        environ: dict[str, str] | None = None,
        paging: bool = True,
    ) -> None:
        self.stdout = stdout if stdout is not None else sys.stdout
        self.paging = paging  # long output on a terminal goes through the pager (--no-pager: never)
        self.color = color
        self.environ = environ if environ is not None else dict(os.environ)
        self.say = say or (lambda message: None)

    @property
    def is_terminal(self) -> bool:
        try:
            return self.stdout.isatty()
        except (ValueError, OSError):
            return False

    def colours(self) -> bool:
        """Whether this output carries colour: see wants_colour."""
        return wants_colour(self.color, self.environ, self.is_terminal)

    def draws_richly(self) -> bool:
        """Rich on a terminal (coloured or not), or in a pipe where colour is wanted; plain elsewhere."""
        return self.is_terminal or self.colours()

    def console(self) -> Console:
        from leninletters.ui.render import make_console

        return make_console(self.stdout, colour=self.colours())

    def write(self, pieces: Iterable[str]) -> None:
        """Data as it is into a pipe or file; on a terminal, its control characters made visible."""
        from leninletters.ui.files import write_stream

        write_stream(self.stdout, self._flushed_now_and_then(pieces))

    def write_json(self, pieces: Iterable[str]) -> None:
        """JSON as it is into a UTF-8 pipe or file; escaped (\\u202e, never <U+202E>) where it goes to a
        terminal, and wholly ASCII where the stream cannot encode every character, so it stays valid."""
        from leninletters.ui.terminal import json_escaped

        self._write_escaped(pieces, json_escaped)

    def write_xml(self, pieces: Iterable[str]) -> None:
        """XML, kept valid as write_json keeps JSON: character references where escapes are needed."""
        from leninletters.ui.terminal import xml_escaped

        self._write_escaped(pieces, xml_escaped)

    def _write_escaped(self, pieces: Iterable[str], escaped: Callable[..., str]) -> None:
        from leninletters.ui.files import write_chunked
        from leninletters.ui.terminal import is_terminal

        everything = not _holds_all_of_unicode(self.stdout)
        terminal = is_terminal(self.stdout)
        for piece in self._flushed_now_and_then(pieces):
            write_chunked(
                self.stdout, escaped(piece, everything=everything) if terminal or everything else piece
            )

    def _flushed_now_and_then(self, pieces: Iterable[str]) -> Iterator[str]:
        """The pieces, with stdout flushed whenever a piece comes FLUSH_SECONDS after the last flush: an
        answer found slowly reaches a pipe (| head, | less) as it is found, not when a buffer fills, and
        one found fast pays for no flush per piece."""
        from time import monotonic

        last = monotonic()
        for piece in pieces:
            yield piece
            if monotonic() - last >= FLUSH_SECONDS:
                self.stdout.flush()
                last = monotonic()

    def emit(self, view: View, *, as_json: bool = False, page: bool | None = None) -> None:
        """Send a result out in the form that suits where it goes (paged as the Output says, unless page
        says otherwise)."""
        if as_json:
            self.write_json(view.json())
            return
        if not self.draws_richly():
            self.write(view.plain())
            summary = view.summary()
            if summary:
                self.say(summary)
            return
        console = self.console()
        drawing = view.rich(console.width)
        if not (self.paging if page is None else page) or not self.is_terminal:
            console.print(drawing)
            return
        from leninletters.ui.pager import page as through_pager

        with console.capture() as captured:
            console.print(drawing)
        through_pager(captured.get(), screen_lines=console.height)


def _holds_all_of_unicode(stream: TextIO) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name.startswith("utf-")
    except LookupError:
        return False
