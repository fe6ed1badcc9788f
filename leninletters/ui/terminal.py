"""Make text safe for a terminal: control characters shown as visible marks, never obeyed.

A corpus, a file name or an argument may hold ESC sequences (clear the screen, retitle the window, plant
a hyperlink), C1 controls (U+009B is a CSI on many terminals), bidirectional overrides (which reorder what
a reader sees) or lone surrogates (which no terminal can be sent). On a terminal each is shown the way
`less` and `cat -v` show them: ^[ for ESC, ^M for a carriage return, <U+202E> for the rest. Line breaks
and tabs are kept. Piped output never comes here: it keeps the text exactly as it is in the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


def json_escaped(text: str, *, everything: bool) -> str:
    """JSON text with characters written as \\u escapes: the ones a terminal would obey (the controls
    above), or, with everything, every character outside ASCII. Outside strings JSON is ASCII, so the
    text means the same and reads back the same: this keeps JSON valid where visible() would not."""
    return _escaped(text, everything, _json_escape)


def xml_escaped(text: str, *, everything: bool) -> str:
    """XML text with characters written as character references (&#x202E;), as json_escaped does for
    JSON: outside its text and attribute values the edition's XML is ASCII."""
    return _escaped(text, everything, lambda match: f"&#x{ord(match.group()):X};")


def _escaped(text: str, everything: bool, escape: Callable[[re.Match[str]], str]) -> str:
    if text.isascii() and (everything or text.isprintable()):
        return text
    return re.sub("[^\x00-\x7f]" if everything else _CONTROL, escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # outside the basic plane: a surrogate pair, as JSON writes it
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"
