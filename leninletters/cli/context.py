"""What every command shares: the state the top-level options set, the edition it opens, the output, how a
query is explained, and the hints a message gives."""

# No `from __future__ import annotations` here: Typer would have to eval every string annotation of every
# command on each run (a fifth of a small command's time); real annotations cost nothing to read.
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from leninletters.cli.options import (
    REPEAT_RULE,
)
from leninletters.store import asking
from leninletters.store import edition as door
from leninletters.store.asking import Question
from leninletters.ui.messages import shortened
from leninletters.ui.output import Color, Output
from leninletters.ui.streams import say

if TYPE_CHECKING:
    from leninletters.store.edition import Edition


class State:
    """What the top-level options say, shared with every command."""

    def __init__(self, corpus_path: Path | None = None, use_index: bool = True, reindex: bool = True) -> None:
        self.corpus_path, self.use_index, self.reindex = corpus_path, use_index, reindex

    def edition(self) -> "Edition":
        progress = None
        if self.corpus_path is not None and self.use_index:  # only a named corpus is ever indexed
            from leninletters.cli.indexing import ProgressBar

            progress = ProgressBar()
        return door.open_edition(
            self.corpus_path, use_index=self.use_index, reindex=self.reindex, notify=say, progress=progress
        )


def edition_of(ctx: typer.Context) -> "Edition":
    state = ctx.find_root().obj
    assert isinstance(state, State), "main_options sets the state before any command runs"
    return state.edition()


def output_for(color: Color = Color.auto, no_pager: bool = False) -> Output:
    return Output(color=color, say=say, paging=not no_pager)


def explain_query(selection: Question, references: Sequence[str] = ()) -> None:
    """Print how a query was understood: the query as the tool reads it back, then its tree."""
    output_for().write(line + "\n" for line in asking.explanation(selection, references))


QUERY_HELP = (
    "The query language: to:NAME (sent or copied), from:NAME (the sender), cc:NAME, scribe:NAME, "
    "person:NAME (any spelling; person:NAME:text for Lenin's words only), date:A..B (date:1923.., "
    "date:..1922-12; date:none for undated letters), place:NAME (sent from or received at), "
    "number:A..B, section:NAME, secret:, slug:NAME, note:WORDS, source:WORDS, "
    "apparatus:WORDS (the notes, the source, the apparatus), dossier:NAME (a curated group of letters: "
    "dossier:georgian-affair), bare words by their stems (rude finds "
    'rudeness, not crudity; rud* a prefix), "quoted" words exactly, text:TEXT anywhere as grep finds '
    "it; terms "
    "joined by and (implicit), or, not or a leading -, and grouped by ( ). A query that starts with - "
    "goes after --. " + REPEAT_RULE + " Options and query apply together. A letter matches a date by "
    "any of its dated parts."
)


def quoted_choices(words: Sequence[str]) -> str:
    return " or ".join(f'"{shortened(word)}"' for word in dict.fromkeys(words))


def did_you_mean(edition: "Edition", word: str) -> str:
    """'; did you mean "Trotsky"? (or: --person trotski)' for a word that found nothing, or ''."""
    meant = [w for w in edition.suggest(word) if w != word]
    person = edition.find_people(word)
    hint = f"; did you mean {quoted_choices(meant)}?" if meant else ""
    if person:
        hint += f" (or: --person {shortened(word.lower() if word.isascii() else word)})"
    return hint


# How many person:, to:, cc: or scribe: terms a message explains before it says "…".
NAME_HINTS = 3


def name_hints(edition: "Edition", selection: Question) -> str:
    """For each person:, to:, cc: or scribe: term that selects no letter, what it probably meant."""
    hints: list[str] = []
    for term in asking.people_asked(selection):
        if len(hints) == NAME_HINTS:
            hints.append("…")  # a line's worth: the first few say what is wrong, and a query may have 40,000
            break
        if edition.select(term):
            continue
        name = getattr(term, "name", "")
        meant = edition.suggest(name, people_only=True)
        nobody = "names no one in the letters" if not edition.find_people(name) else "selects no letter"
        did_you_mean = f": did you mean {quoted_choices(meant)}?" if meant else ""
        hints.append(f"{shortened(term.explain())} {nobody}{did_you_mean}")
    return "; " + "; ".join(hints) if hints else ""
