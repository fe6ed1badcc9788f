"""The clauses of predicates.base said in SQL, over the tables of the index (store.index).

Every leaf compiles to an exact test, so a clause's SQL selects what the clause selects: the store checks
candidates with the predicate's matches() only where the clause itself says it is not exact.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from leninletters.core.folding import fold
from leninletters.core.model import Letter
from leninletters.core.predicates import Clause, beyond_the_text
from leninletters.core.stemming import token

# What separates the strings of an array field (recipients, copies) in its column: whitespace to
# str.split(), so no folded word holds it and a run of words cannot reach across two strings.
UNIT_SEPARATOR = "\x1f"
ITEM_SEPARATOR = f" {UNIT_SEPARATOR} "
# Trigrams need three characters: a shorter phrase is looked for by instr() alone.
TRIGRAM = 3


class Compiled:
    """A WHERE condition on the letters table (aliased l) and its parameters."""

    __slots__ = ("params", "where")

    def __init__(self, where: str, params: Iterable[object] = ()) -> None:
        self.where = where
        self.params = list(params)


TRUE = Compiled("1")


def words(value: str) -> str:
    """A field's words as a column holds them, one space apart: as name_matches compares them (one rule)."""
    from leninletters.core.predicates.terms import name_words

    return " ".join(name_words(value))


def items(values: Iterable[str]) -> str:
    """An array field's strings as its column holds them: each one's words, the strings kept apart."""
    return ITEM_SEPARATOR.join(words(value) for value in values)


def beyond(letter: Letter, where: str) -> str:
    """A letter's notes, sources or apparatus as its column holds them: each string folded, kept apart."""
    return ITEM_SEPARATOR.join(fold(line) for line in beyond_the_text(letter, where))


def _beyond(clause: Clause) -> Compiled:
    return holds(clause.field, str(clause.values[0]))


def holds(field: str, wanted: str) -> Compiled:
    """The letters whose notes, sources or apparatus (a column of folded strings) hold a folded string."""
    if UNIT_SEPARATOR in wanted:
        return Compiled("0")  # no string of a corpus holds a control character (model.LINE_PATTERN)
    return Compiled(f"instr(l.{field}, ?) > 0", [wanted])


def _padded(column: str) -> str:
    return f"(' ' || {column} || ' ')"


def _words(clause: Clause) -> Compiled:
    wanted = words(str(clause.values[0]))
    if not wanted:
        return Compiled("0")
    return Compiled(f"instr({_padded('l.' + clause.field)}, ?) > 0", [f" {wanted} "])


def _between(clause: Clause) -> Compiled:
    low, high = clause.values
    if clause.field == "number":
        return Compiled("l.number BETWEEN ? AND ?", [low, high])
    tests, params = [], []
    if isinstance(low, dt.date):
        tests.append("d.day >= ?")
        params.append(low.isoformat())
    if isinstance(high, dt.date):
        tests.append("d.day <= ?")
        params.append(high.isoformat())
    where = " AND ".join(tests) or "1"
    # A dating's span meets the range where neither ends before the other begins (NULL: an open end).
    overlap = ["1"]
    if isinstance(high, dt.date):
        overlap.append("(s.first IS NULL OR s.first <= ?)")
        params.append(high.isoformat())
    if isinstance(low, dt.date):
        overlap.append("(s.last IS NULL OR s.last >= ?)")
        params.append(low.isoformat())
    # One pass over the index of days, not one look-up per letter.
    return Compiled(
        f"(l.id IN (SELECT d.letter FROM dates d WHERE {where})"
        f" OR l.id IN (SELECT s.letter FROM spans s WHERE {' AND '.join(overlap)}))",
        params,
    )


def _person(clause: Clause) -> Compiled:
    key, kinds = clause.values
    wanted = sorted(str(kind) for kind in kinds)  # type: ignore[attr-defined]
    marks = ", ".join("?" for _ in wanted)
    return Compiled(
        f"l.id IN (SELECT m.letter FROM mention_keys m WHERE m.key = ? AND m.kind IN ({marks}))",
        [key, *wanted],
    )


def contains(folded: str) -> Compiled:
    """The letters whose folded text holds a folded string: by the trigram index, with GLOB (which it
    answers exactly where case is kept, and the column is folded already)."""
    if len(folded) < TRIGRAM:
        return Compiled("instr((SELECT t.folded FROM texts t WHERE t.rowid = l.id), ?) > 0", [folded])
    pattern = f"*{glob_literal(folded)}*"
    return Compiled("l.id IN (SELECT t.rowid FROM texts t WHERE t.folded GLOB ?)", [pattern])


def _stem(clause: Clause) -> Compiled:
    """The letters one of whose words has the stem: one token of the stems index (a quoted FTS5 string)."""
    wanted = '"' + token(str(clause.values[0])).replace('"', '""') + '"'
    return Compiled("l.id IN (SELECT s.rowid FROM stemmed s WHERE stemmed MATCH ?)", [wanted])


def text_holds(folded: str) -> Compiled:
    """A condition on the texts table (aliased t) itself: its folded text holds a folded string (the trigram
    index where the string is long enough). A query driven by texts reads each text once, to test and use."""
    if len(folded) < TRIGRAM:
        return Compiled("instr(t.folded, ?) > 0", [folded])
    return Compiled("t.folded GLOB ?", [f"*{glob_literal(folded)}*"])


def glob_literal(text: str) -> str:
    """Text that GLOB matches only as written: its wildcards each in a class of its own."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def _leaf(clause: Clause) -> Compiled:
    leaves: dict[tuple[str, str], Callable[[Clause], Compiled]] = {
        ("dates", "between"): _between,
        ("number", "between"): _between,
        ("slug", "equals"): lambda c: Compiled("l.slug = ?", [c.values[0]]),
        ("classification", "present"): lambda c: Compiled("l.classification IS NOT NULL"),
        ("classification", "words"): _words,
        ("section", "words"): _words,
        ("recipients", "words"): _words,
        ("copies", "words"): _words,
        ("mentions", "person"): _person,
        ("text", "contains"): lambda c: contains(str(c.values[0])),
        ("notes", "contains"): _beyond,
        ("sources", "contains"): _beyond,
        ("apparatus", "contains"): _beyond,
        ("stems", "has"): _stem,
    }
    return leaves[(clause.field, clause.test)](clause)


def compile_clause(clause: Clause) -> Compiled:
    """The clause as a WHERE condition on the letters table (l)."""
    if not clause.field:
        parts = [compile_clause(child) for child in clause.children]
        if clause.test == "not":
            # A test of a missing value (no classification) is NULL, whose NOT would be NULL too.
            return Compiled(f"NOT coalesce(({parts[0].where}), 0)", parts[0].params)
        if not parts:
            return Compiled("1" if clause.test == "and" else "0")
        joiner = " AND " if clause.test == "and" else " OR "
        return Compiled(
            joiner.join(f"({part.where})" for part in parts), [v for part in parts for v in part.params]
        )
    return _leaf(clause)
