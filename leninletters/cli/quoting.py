"""How a completion value is written for the shell that asked: what may be offered at all, its help
made one plain line, bash's words quoted and cut to what readline replaces.

Corpus text is hostile: a person's form may be `Xavier$(touch x)` or end in a backslash, so every value
bash receives is a quoted word, and nothing that moves the cursor, retitles the terminal or reorders a
line (C0, C1, DEL, line and paragraph separators, bidirectional controls) reaches a shell at all.
"""

from __future__ import annotations

import re
import string

# What a terminal or a shell would act on rather than show.
UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
# Characters bash reads as themselves anywhere in a word; every other ASCII character is escaped.
_BASH_PLAIN = frozenset(string.ascii_letters + string.digits + "_-.,:/@%+=")
# What bash splits words at, unquoted; and readline's word breaks when $COMP_WORDBREAKS is unset.
_BLANKS = " \t\n"
DEFAULT_WORDBREAKS = " \t\n\"'><=;|&(:"
# Inside double quotes a backslash escapes only these.
_ESCAPED_IN_DOUBLE_QUOTES = '$`"\\\n'


def offerable(value: str) -> bool:
    """Whether a value may be offered: not empty, and every character of it shows as itself."""
    return bool(value) and UNSHOWABLE.search(value) is None


def shown(help_text: str) -> str:
    """A value's help as one line of plain text: controls become spaces, runs of spaces one."""
    return " ".join(UNSHOWABLE.sub(" ", help_text).split())


def bash_quoted(value: str) -> str:
    """The value as one bash word that means exactly it: each ASCII character that bash could read as
    syntax is escaped with a backslash (non-ASCII characters are never syntax to bash)."""
    return "".join(char if char in _BASH_PLAIN or ord(char) > 127 else "\\" + char for char in value)


def bash_words(line: str) -> tuple[list[str], str, str]:
    """The words of a bash command line up to the cursor, as bash would pass them: the finished words
    unquoted; and the word being typed, unquoted and as typed (both empty after a blank)."""
    words: list[str] = []
    value: list[str] = []
    start: int | None = None
    quote = ""
    index = 0
    while index < len(line):
        char = line[index]
        if not quote and char in _BLANKS:
            if start is not None:
                words.append("".join(value))
                value, start = [], None
            index += 1
            continue
        start = index if start is None else start
        following = line[index + 1 : index + 2]
        if quote and char == quote:
            quote = ""
        elif quote == "'" or (quote == '"' and not (char == "\\" and following in _ESCAPED_IN_DOUBLE_QUOTES)):
            value.append(char)
        elif char == "\\":
            value.append(following if following != "\n" else "")
            index += 1
        elif char in "'\"":
            quote = char
        else:
            value.append(char)
        index += 1
    if start is None:
        return words, "", ""
    return words, "".join(value), line[start:]


def readline_keeps(typed: str, breaks: str = DEFAULT_WORDBREAKS) -> str:
    """The start of a word readline leaves in place on Tab: up to its last unescaped word break (to: of
    to:tr, --style= of --style=bi); the rest is what a completion replaces."""
    kept = 0
    index = 0
    while index < len(typed):
        if typed[index] == "\\":
            index += 2
            continue
        if typed[index] in breaks:
            kept = index + 1
        index += 1
    return typed[:kept]


def bash_reply(value: str, typed: str, breaks: str = DEFAULT_WORDBREAKS) -> str | None:
    """What bash's COMPREPLY holds for a value, the word being typed as it was typed: the quoted value
    less what readline keeps, so that the word on the line becomes exactly the quoted value. None where
    that cannot be made so (the word typed in quotes, or unlike the quoted value): better nothing than
    a word that means something else."""
    quoted = bash_quoted(value)
    if "'" in typed or '"' in typed or not quoted.startswith(typed):
        return None
    return quoted[len(readline_keeps(typed, breaks)) :]
