"""What a regular expression's shape allows, read before it is compiled: how much its counted repeats spell
out, whether it recurses, whether it can match only empty text.

One reading of the pattern (tokens) serves the three questions, so that they agree on what is a class, an
escape or a group. Each answer is cautious where the syntax is too rich to tell: it over-estimates a size
and says that a pattern may match text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, auto

# Escapes that match a place, not a character: word and text boundaries (\m \M are the regex module's).
ZERO_WIDTH_ESCAPES = frozenset("bBAZzGmMK")
# What opens a group, as far as it is not the group's own pattern: (?: (?> (?| (?P<name> (?i: (?= (?<! …
INLINE_FLAGS = r"(?:[abefiLmprsuwx^-]|V[01])*"
GROUP_OPENING = re.compile(rf"\((?:\?(?:[:>|]|P?<\w+>|'\w+'|{INLINE_FLAGS}:|(?P<look><?[=!])))?")
# Not groups at all: comments and inline flags such as (?i).
NOT_A_GROUP = re.compile(rf"\(\?#[^)]*\)|\(\?{INLINE_FLAGS}\)")
COUNTED_REPEAT = re.compile(r"\{\s*(\d*)\s*(?:(,)\s*(\d*)\s*)?\}")
# Calls of the whole pattern or of a group: (?R), (?0), (?1), (?+1), (?-1), (?&name), (?P>name).
RECURSION = re.compile(r"\(\?(?:R|[+-]?\d+)\)|\(\?&\w*\)?|\(\?P>\w*\)?")
# Escapes whose {…} belongs to them: \N{NAME}, \p{Class}, \x{263a}.
BRACED_ESCAPES = frozenset("NpPgxuU")


class Kind(Enum):
    ITEM = auto()  # matches one thing: a character, a class, an escape (zero-width or not)
    ANCHOR = auto()  # ^ $: a place
    OPEN = auto()  # a group opens (a lookaround or not)
    CLOSE = auto()
    BAR = auto()  # another alternative of the open group
    REPEAT = auto()  # a counted repeat of the item before: {3}, {2,}, {,5}
    QUANTIFIER = auto()  # * + ?
    SKIPPED = auto()  # a comment or inline flags: (?i), (?#…)


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str
    consumes: bool = True  # for an ITEM: whether it may match text (\b does not)
    look: bool = False  # for an OPEN: a lookaround, which matches no text of its own


def tokens(pattern: str) -> Iterator[Token]:
    """The pattern read as a sequence of tokens, left to right, every character in exactly one."""
    index, length = 0, len(pattern)
    while index < length:
        token = _token_at(pattern, index)
        yield token
        index += len(token.text)


def _token_at(pattern: str, index: int) -> Token:
    character = pattern[index]
    if character == "\\":
        end = index + 2
        if end < len(pattern) and pattern[end] == "{" and pattern[index + 1 : end] in BRACED_ESCAPES:
            end = pattern.find("}", end) + 1 or len(pattern)
        return Token(Kind.ITEM, pattern[index:end], pattern[index + 1 : index + 2] not in ZERO_WIDTH_ESCAPES)
    if character == "[":
        return Token(Kind.ITEM, pattern[index : _class_end(pattern, index)])
    if character == "(":
        skipped = NOT_A_GROUP.match(pattern, index)
        if skipped:
            return Token(Kind.SKIPPED, skipped[0])
        opening = GROUP_OPENING.match(pattern, index)
        assert opening is not None  # it matches "(" at least
        return Token(Kind.OPEN, opening[0], look=opening["look"] is not None)
    counted = COUNTED_REPEAT.match(pattern, index) if character == "{" else None
    if counted and (counted[1] or counted[2]):  # {} and {,} are two characters
        return Token(Kind.REPEAT, counted[0])
    return Token(SIMPLE.get(character, Kind.ITEM), character)


SIMPLE = {")": Kind.CLOSE, "|": Kind.BAR, "*": Kind.QUANTIFIER, "+": Kind.QUANTIFIER, "?": Kind.QUANTIFIER}
SIMPLE |= {"^": Kind.ANCHOR, "$": Kind.ANCHOR}


def _class_end(pattern: str, start: int) -> int:
    """The index just past a character class [...] that opens at start (or the end of the pattern)."""
    index = start + 1
    if index < len(pattern) and pattern[index] == "^":
        index += 1
    if index < len(pattern) and pattern[index] == "]":
        index += 1  # []] and [^]] hold a ]
    depth = 1
    while index < len(pattern):
        character = pattern[index]
        if character == "\\":
            index += 2
            continue
        if character == "[":
            depth += 1  # nested sets (regex's V1 syntax): counted generously
        elif character == "]":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(pattern)


def repeat_bounds(token: Token) -> tuple[str, str]:
    """A counted repeat's least and most number as typed ("" where not given): {2,} is ("2", "")."""
    counted = COUNTED_REPEAT.fullmatch(token.text)
    assert counted is not None
    least, comma, most = counted.groups()
    return least, (most if comma else least)


# How much a pattern spells out ------------------------------------------------------------------------


@dataclass(slots=True)
class _Cost:
    """An open group's cost: of its finished items, and of its last item (which a repeat multiplies)."""

    done: int = 0
    last: int = 0


def spelled_out(pattern: str, limit: int) -> tuple[int, str]:
    """How many items the counted repeats spell out ((?:ab{3}){10} is 40), stopped soon after passing
    limit, and the counted repeat that spells out most, as typed ("" where none repeats).

    An over-estimate: alternatives are added, a repeat counts its least number, at least once.
    """
    cap = limit + 1
    largest, largest_repeat = 1, ""
    stack = [_Cost()]
    for token in tokens(pattern):
        frame = stack[-1]
        if token.kind is Kind.OPEN:
            stack.append(_Cost())
        elif token.kind is Kind.CLOSE and len(stack) > 1:
            inner = stack.pop()
            stack[-1].done = min(cap, stack[-1].done + stack[-1].last)
            stack[-1].last = min(cap, inner.done + inner.last)
        elif token.kind is Kind.REPEAT:
            least = repeat_bounds(token)[0] or "0"
            times = cap if len(least) > 9 else max(1, int(least))
            frame.last = min(cap, max(1, frame.last) * times)
            if int(least) > largest:
                largest, largest_repeat = int(least), token.text
        elif token.kind in (Kind.ITEM, Kind.ANCHOR):
            frame.done, frame.last = min(cap, frame.done + frame.last), 1
    while len(stack) > 1:
        inner = stack.pop()
        stack[-1].done = min(cap, stack[-1].done + inner.done + inner.last)
    return min(cap, stack[0].done + stack[0].last), largest_repeat


def recursion(pattern: str) -> str:
    """The first recursive call in a regular expression, as typed; "" where it has none.

    A search finds words and never needs one, and the regex engine can spend a gigabyte on (?R) alone.
    """
    position = 0
    for token in tokens(pattern):
        if token.kind in (Kind.OPEN, Kind.SKIPPED):
            call = RECURSION.match(pattern, position)
            if call:
                return call[0]
        position += len(token.text)
    return ""


# Whether a pattern can match only empty text ------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    """What is known of an open group: whether it is a lookaround, whether a finished alternative may
    match text, whether the items of this alternative before its last may, and whether its last may."""

    look: bool = False
    before: bool = False
    items: bool = False
    last: bool = False

    def add(self, consumes: bool) -> None:
        self.items, self.last = self.items or self.last, consumes

    def next_alternative(self) -> None:
        self.before, self.items, self.last = self.before or self.items or self.last, False, False

    @property
    def may_consume(self) -> bool:
        return (self.before or self.items or self.last) and not self.look


def matches_only_empty(pattern: str) -> bool:
    """Whether a valid regular expression can match only empty text: ^, \\b, (?=x), a{0}, (?:)|$.

    Cautious: where it cannot tell (a backreference, a conditional), it says the pattern may match text.
    """
    stack = [_Group()]
    for token in tokens(pattern):
        group = stack[-1]
        if token.kind is Kind.OPEN:
            stack.append(_Group(look=token.look))
        elif token.kind is Kind.CLOSE and len(stack) > 1:
            stack[-2].add(stack.pop().may_consume)
        elif token.kind is Kind.BAR:
            group.next_alternative()
        elif token.kind is Kind.REPEAT and _never(token):
            group.last = False  # {0}, {0,0}, {,0}: the item before is never matched
        elif token.kind in (Kind.ITEM, Kind.ANCHOR):
            group.add(token.kind is Kind.ITEM and token.consumes)
    while len(stack) > 1:
        stack[-2].add(stack.pop().may_consume)
    return not stack[0].may_consume


def _never(token: Token) -> bool:
    """A counted repeat whose most is zero, however written ({000}, {0,0})."""
    most = repeat_bounds(token)[1]
    return bool(most) and int(most) == 0
