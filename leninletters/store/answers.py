"""Answers over letters a store has selected, the same from every store (the in-memory one and the index):
the matches of a search by part, the counts, the mentions, the parts a query holds for, the suggestions.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from leninletters.core.model import Letter, Mention, Part, Person
from leninletters.core.predicates import EVERYTHING, Predicate

if TYPE_CHECKING:
    from leninletters.core.mentions import Occurrence
    from leninletters.core.search import Deadline, Match, Search, Snippet

# How close a word must come to a name, a word of the letters or a slug to be suggested for it (difflib's
# ratio, between the names.name_key of each): Kerensky is not Krestinsky.
CUTOFF = 0.8


class Found(NamedTuple):
    """The matches of a search in one part of a letter, dated by that part."""

    letter: Letter
    part: Part
    matches: tuple[Match, ...]
    snippets: tuple[Snippet, ...]


class Counted(NamedTuple):
    """How many matches a search has in one letter: what grep --count prints, the letter's heading (number,
    slug, title, date) and the number. An index may give the heading alone, the text left unread (empty)."""

    letter: Letter
    matches: int


def dated_parts(letter: Letter, predicate: Predicate = EVERYTHING) -> tuple[dt.date, ...]:
    """The printed dates of the parts of a selected letter that a predicate holds for (all of them when it
    holds for the whole letter): where a letter stands in time for that query."""
    held = narrowed(letter, predicate)
    parts = [p for p in letter.all_parts if held is None or any(letter.part_at(n) is p for n in held)]
    return tuple(dict.fromkeys(part.date for part in parts)) or (letter.date,)


def narrowed(letter: Letter, predicate: Predicate) -> frozenset[int] | None:
    """The paragraphs of a selected letter that a predicate holds for, where that is not the whole letter:
    a date, a scribe or a phrase may meet the Testament in its P.S. only, a date in LCW's paragraphs 1-8.
    None for the whole letter."""
    if predicate == EVERYTHING or is_whole(letter):
        return None  # a letter in one piece, once selected, counts whole
    held = predicate.paragraphs(letter)
    return None if len(held) == letter.paragraph_count else held


def is_whole(letter: Letter) -> bool:
    """Whether no query can narrow a letter to some of its paragraphs: it has no parts, and no dating of
    the apparatus dates a stretch of it."""
    return not (letter.parts or (letter.apparatus and letter.apparatus.datings))


def found_in(letters: Iterable[Letter], search: Search, predicate: Predicate, context: int) -> list[Found]:
    """The matches of a search in letters a predicate selected, by part (and within the part it holds for);
    then those beyond each letter's text that the search looks in (grep --in)."""
    return list(finding_in(letters, search, predicate, context))


def finding_in(
    letters: Iterable[Letter], search: Search, predicate: Predicate, context: int, limit: int | None = None
) -> Iterator[Found]:
    """found_in one letter at a time, as the letters come: what a letter holds is given before the next
    letter is read; after `limit` letters with matches, no further letter is read."""
    from leninletters.core import search as searching

    deadline = searching.Deadline()  # one time limit for the whole search, however many letters it reads
    letters_found = 0
    for letter in letters:
        if limit is not None and letters_found >= limit:
            return
        in_text = "text" in search.places
        found = _found_in_text(letter, search, predicate, context, deadline) if in_text else []
        found += _found_beyond(letter, search, deadline)
        letters_found += bool(found)
        yield from found


def _found_in_text(
    letter: Letter, search: Search, predicate: Predicate, context: int, deadline: Deadline
) -> list[Found]:
    from leninletters.core import search as searching

    matches = searching.find(letter, search, deadline)
    if not matches:
        return []
    held = narrowed(letter, predicate)
    found = []
    for part in letter.all_parts:
        inside = [
            m
            for m in matches
            if part.first_paragraph <= m.paragraph <= part.last_paragraph
            and (held is None or m.paragraph in held)
        ]
        if inside:
            snippets = searching.snippets(letter, inside, context)
            found.append(Found(letter, part, tuple(inside), tuple(snippets)))
    return found


def _found_beyond(letter: Letter, search: Search, deadline: Deadline) -> list[Found]:
    """The matches beyond a letter's text (grep --in notes, sources, apparatus), one Found for each string
    holding any, under the letter's first heading: a note belongs to no part."""
    from leninletters.core import search as searching

    found = []
    for snippet in searching.find_beyond(letter, search, deadline):
        matches = tuple(
            searching.Match(start, end, snippet.text[start:end], 0, snippet.where)
            for start, end in snippet.highlights
        )
        found.append(Found(letter, letter.all_parts[0], matches, (snippet,)))
    return found


def counted_in(letters: Iterable[Letter], search: Search, predicate: Predicate) -> list[Counted]:
    """How many matches a search has in each of the letters a predicate selected (none left out)."""
    from leninletters.core import search as searching

    deadline = searching.Deadline()
    counted: list[Counted] = []
    for letter in letters:
        held = narrowed(letter, predicate)
        if "text" not in search.places:
            number = 0
        elif held is None:
            number = searching.count(letter, search, deadline)  # the fast path: no spans, no parts
        else:
            number = sum(m.paragraph in held for m in searching.find(letter, search, deadline))
        number += sum(len(snippet.highlights) for snippet in searching.find_beyond(letter, search, deadline))
        if number:
            counted.append(Counted(letter, number))
    return counted


def mentions_in(
    letters: Iterable[Letter], wanted: Callable[[Mention], bool], predicate: Predicate
) -> list[Occurrence]:
    """The mentions `wanted` accepts in letters a predicate selected, by letter."""
    from leninletters.core.mentions import Occurrence

    found: list[Occurrence] = []
    for letter in letters:
        own = tuple(m for m in letter.mentions if wanted(m))
        held = narrowed(letter, predicate) if own else None
        if held is not None:
            # Where the query narrows a letter to some parts (a date, a scribe), its text is read there.
            own = tuple(m for m in own if m.where != "text" or (m.paragraph or 0) in held)
        if own:
            found.append(Occurrence(letter, own))
    return found


# The letters whose words are suggested for a word that finds nothing: a suggestion must come fast, even
# from a corpus of 100,000.
VOCABULARY_LETTERS = 1000


def vocabulary(letters: Iterable[Letter]) -> list[str]:
    """The words of some letters, once each, in the order they first appear."""
    words = (w for letter in letters for w in re.findall(r"[^\W\d_]{4,}", letter.text))
    return list(dict.fromkeys(words))


def suggestions(
    word: str,
    people: Sequence[Person],
    words: Callable[[], list[str]],
    slugs: Callable[[], list[str]],
    people_only: bool = False,
) -> list[str]:
    """What a word that finds nothing probably meant: a person's name, then a word of the letters, then a
    slug (the words and slugs asked for only where the names leave room, the slugs only for a word shaped
    as one)."""
    from leninletters.core import names

    forms = {form for person in people for form in (person.name, *person.forms)}
    if people_only:  # a handful of names: closer misspellings than among thousands of words
        return names.suggest(word, sorted(forms))
    found = names.suggest(word, sorted(forms), cutoff=CUTOFF)
    if len(found) < 3:
        found += names.suggest(word, words(), n=3 - len(found), cutoff=CUTOFF)
    if len(found) < 3 and looks_like_slug(word):
        found += names.suggest(word, slugs(), n=3 - len(found), cutoff=CUTOFF, key=str.lower)
    return list(dict.fromkeys(found))[:3]


# A slug as a corpus spells one: words of letters and digits joined by hyphens (to-trotsky-1922-12-12).
SLUG = re.compile(r"[^\W_]+(?:-[^\W_]+)+")


def looks_like_slug(word: str) -> bool:
    """Whether a word is shaped as a slug (hyphened): only then is it compared with every letter's slug,
    which at 100,000 letters takes a second; a word is compared with the bounded vocabulary alone."""
    return SLUG.fullmatch(word.strip()) is not None
