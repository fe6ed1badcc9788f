"""Select letters: filters and references.

Pure: knows nothing of the command line or the terminal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from leninletters import dates
from leninletters.errors import InputError, LetterNotFound
from leninletters.folding import fold
from leninletters.model import Filter, Letter
from leninletters.search import _folded_pattern

NO_SCRIBE = "none"


def make_filter(
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    recipients: Sequence[str] = (),
    scribe: str | None = None,
    keywords: Sequence[str] = (),
) -> Filter:
    """Build the one filter value from the options' words (the CLI and a query language share it)."""
    start, end = dates.span(date_from, date_to)
    cleaned_recipients = tuple(name.strip() for name in recipients if name.strip())
    if recipients and not cleaned_recipients:
        raise InputError("--recipient needs a name, for example --recipient trotsky")
    cleaned_keywords = tuple(k for k in keywords if k.strip())
    if keywords and not cleaned_keywords:
        raise InputError("--keyword needs some text, for example --keyword monopoly")
    if scribe is not None and not scribe.strip():
        raise InputError("--scribe needs L.F., M.V., a name, or 'none'")
    return Filter(
        date_from=start,
        date_to=end,
        recipients=cleaned_recipients,
        scribe=scribe.strip() if scribe is not None else None,
        keywords=cleaned_keywords,
    )


def _name_matches(wanted: str, name: str) -> bool:
    """'trotsky', 'Leon Trotsky' and 'L. Trotsky'-free forms all find "Leon Trotsky"."""
    wanted_words = fold(wanted).replace(".", ". ").split()
    name_words = fold(name).replace(".", ". ").split()
    if not wanted_words:
        return False
    # Every word asked for stands, in order, among the name's words ("trotsky" in "leon trotsky").
    for start in range(len(name_words) - len(wanted_words) + 1):
        if name_words[start : start + len(wanted_words)] == wanted_words:
            return True
    return False


def _scribe_matches(wanted: str, letter: Letter) -> bool:
    if fold(wanted) == NO_SCRIBE:
        return not letter.scribes
    compact = fold(wanted).replace(" ", "")
    if any(compact == fold(initials).replace(" ", "") for initials in letter.scribes):
        return True
    return any(_name_matches(wanted, name) for name in letter.scribe_names)


def matches(letter: Letter, selection: Filter, folded_text: str | None = None) -> bool:
    """Whether a letter meets every criterion of the filter."""
    if selection.date_from is not None and letter.date < selection.date_from:
        return False
    if selection.date_to is not None and letter.date > selection.date_to:
        return False
    if selection.recipients and not any(
        _name_matches(wanted, name)
        for wanted in selection.recipients
        for name in (*letter.recipients, *letter.copies)
    ):
        return False
    if selection.scribe is not None and not _scribe_matches(selection.scribe, letter):
        return False
    if selection.keywords:
        haystack = fold(letter.text) if folded_text is None else folded_text
        return all(_folded_pattern(keyword, False) in haystack for keyword in selection.keywords)
    return True


def select(letters: Iterable[Letter], selection: Filter) -> list[Letter]:
    """The letters that meet the filter, in their order."""
    return [letter for letter in letters if matches(letter, selection)]


def resolve(letters: Sequence[Letter], references: Sequence[str]) -> list[Letter]:
    """The letters named by numbers, slugs or dates, in the order asked, each once."""
    chosen: dict[int, Letter] = {}
    for reference in references:
        for letter in _resolve_one(letters, reference):
            chosen.setdefault(letter.number, letter)
    return list(chosen.values())


def _resolve_one(letters: Sequence[Letter], reference: str) -> list[Letter]:
    text = reference.strip()
    if not text:
        raise LetterNotFound("an empty reference: give a letter's number, slug or date (see 'list')")
    if text.startswith("-") and not text[1:].isdigit():
        raise LetterNotFound(f"no such option: {text} (see the command's --help)")
    if text.lstrip("-").isdigit():
        number = int(text)
        found = [letter for letter in letters if letter.number == number]
        if not found:
            numbers = sorted(letter.number for letter in letters)
            raise LetterNotFound(
                f"no letter number {text}: the letters are numbered {numbers[0]} to {numbers[-1]}"
            )
        return found
    if dates.is_date_reference(text):
        first, last = dates.date_range(text)
        found = [letter for letter in letters if any(first <= day <= last for day in letter.dates)]
        if not found:
            raise LetterNotFound(f"no letter dated {text}: {_nearest_dates(letters, first)}")
        return found
    slug = text.casefold()
    found = [letter for letter in letters if letter.slug == slug]
    if not found:
        import difflib

        close = difflib.get_close_matches(slug, [letter.slug for letter in letters], n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "run 'leninletters list' to see them"
        raise LetterNotFound(f"no letter {text!r}: {hint}")
    return found


def _nearest_dates(letters: Sequence[Letter], day: dt.date) -> str:
    before = [letter.date for letter in letters if letter.date < day]
    after = [letter.date for letter in letters if letter.date > day]
    nearest = [d.isoformat() for d in (max(before, default=None), min(after, default=None)) if d]
    return f"the nearest are {' and '.join(nearest)}" if nearest else "the corpus has no dates"
