"""Links between letters: two letters that belong together, why, and on whose authority."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct

from leninletters.core.kinds import Certainty, Line, OptionalLine, Slug

LinkKind = Annotated[
    Literal["series", "reply", "reference", "same-day", "quarrel", "affair"],
    Meta(description='"series", "reply", "reference", "same-day", "quarrel" or "affair"'),
]


class Link(Struct, frozen=True, kw_only=True, gc=False):
    """Two letters that belong together, and why: an unordered pair (a and b), shown on both letters."""

    a: Slug
    b: Slug
    kind: LinkKind
    reason: Line
    authority: Line
    certainty: Certainty
    note: OptionalLine = None

    def __post_init__(self) -> None:
        if self.a == self.b:
            raise ValueError(f"b: {self.b!r} is a too: it links a letter to itself")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = msgspec.to_builtins(self)  # only strings and null: nothing to make a list
        return out
