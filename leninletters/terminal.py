"""Make text safe for a terminal: control characters shown as visible marks, never obeyed.

A corpus, a file name or an argument may hold ESC sequences (clear the screen, retitle the window, plant
a hyperlink), C1 controls (U+009B is a CSI on many terminals), bidirectional overrides (which reorder what
a reader sees) or lone surrogates (which no terminal can be sent). On a terminal each is shown the way
`less` and `cat -v` show them: ^[ for ESC, ^M for a carriage return, <U+202E> for the rest. Line breaks
and tabs are kept. Piped output never comes here: it keeps the text exactly as it is in the corpus.
"""

from __future__ import annotations

import re
from typing import TextIO

# C0 controls but tab and newline, DEL, C1 controls, the bidirectional embeddings, overrides and
# isolates (and the marks), the line and paragraph separators, and lone surrogates.
_CONTROL = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_CONTROLS: re.Pattern[str] | None = None


def _mark(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    if code < 0x20:
        return "^" + chr(code + 0x40)  # ^[ for ESC, ^M for CR, ^@ for NUL, as cat -v and less
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """The text with every control character replaced by a visible mark (^[, <U+202E>)."""
    global _CONTROLS
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to look for
    if _CONTROLS is None:
        _CONTROLS = re.compile(_CONTROL)
    return _CONTROLS.sub(_mark, text)


def has_controls(text: str) -> bool:
    """Whether visible() would change the text."""
    return visible(text) != text


def is_terminal(stream: TextIO) -> bool:
    """Whether a stream is a terminal (False for a closed or detached stream, not an exception)."""
    try:
        return stream.isatty()
    except (OSError, ValueError, AttributeError):
        return False


def for_stream(stream: TextIO, text: str) -> str:
    """The text as it may be written to a stream: made visible on a terminal, as it is elsewhere."""
    return visible(text) if is_terminal(stream) else text
