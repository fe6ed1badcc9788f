"""References that scholars use: 9, 16-18, testament, nationalities (a section), 1922-12-29, 9:11, 9:3-5.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import NamedTuple

from leninletters.core import dates
from leninletters.core.dating import dating_meets, is_day
from leninletters.core.errors import LetterNotFound, shortened
from leninletters.core.model import Letter

# A letter (number or slug), then a paragraph or a range of them: 9:11, testament:3-5.
PASSAGE = r"(?P<letter>[^:\s]+):(?P<first>[0-9]+)(?:-(?P<last>[0-9]+))?"
NUMBER_RANGE = r"(?P<first>[0-9]+)(?:-|\.\.)(?P<last>[0-9]+)"
# Numbers past this are no letter's: refusing them early keeps int() off thousand-digit strings.
MAX_DIGITS = 9
FORMS = "a number (9), a range (16-18), a slug (testament), a date (1922-12-29), or a paragraph (9:11)"


class Selected(NamedTuple):
    """A letter a reference names, whole or a passage of it (its first and last paragraph, 1-based)."""

    letter: Letter
    paragraphs: tuple[int, int] | None = None


def sections(letters: Sequence[Letter]) -> dict[str, list[Letter]]:
    """The letters printed under each heading, keyed by the slug of the first of them.

    A heading that covers several dictations (Gosplan, 27–29 December) is a section; the first letter's
    slug names the whole section as a reference, so `nationalities` is 16–18 and `16` alone is one letter.
    """
    found: dict[str, list[Letter]] = {}
    opening: Letter | None = None
    for letter in letters:
        # A letter with a heading of its own opens a section; one printed under the previous heading
        # (its title says "continued") joins it.
        if opening is None or letter.section != opening.section or letter.title == letter.section:
            opening = letter
            found[letter.slug] = []
        found[opening.slug].append(letter)
    return {slug: group for slug, group in found.items() if len(group) > 1}


def looks_like_reference(text: str) -> bool:
    """Whether a word is written as a reference (a number, range, date or passage), whatever it names.

    A query term (date:1923-03, to:stalin) never is, though it looks like a passage (9:11): see
    querylang.is_field_term, the one rule for every command that takes both.
    """
    from leninletters.core.querylang import is_field_term

    word = text.strip()
    if is_field_term(word):
        return False
    return bool(
        word.isdecimal()
        or re.fullmatch(NUMBER_RANGE, word)
        or re.fullmatch(PASSAGE, word)
        or dates.is_date_reference(word)
    )


class Resolver:
    """Turns references into the letters and passages they name, against one list of letters."""

    def __init__(self, letters: Sequence[Letter]) -> None:
        self.letters = letters
        self.by_number = {letter.number: letter for letter in letters}
        self.by_slug = {letter.slug: letter for letter in letters}
        self.sections = sections(letters)

    def names_something(self, text: str) -> bool:
        """Whether a word is a reference to this corpus (a slug or section slug counts only if it exists)."""
        word = text.strip()
        return looks_like_reference(word) or word.casefold() in self.by_slug

    def resolve(self, references: Sequence[str]) -> list[Selected]:
        """What the references name, in the order asked, each once."""
        chosen: dict[tuple[int, tuple[int, int] | None], Selected] = {}
        for reference in references:
            for selected in self.resolve_one(reference):
                chosen.setdefault((selected.letter.number, selected.paragraphs), selected)
        return list(chosen.values())

    def resolve_one(self, reference: str) -> list[Selected]:
        text = reference.strip()
        if not text:
            raise LetterNotFound(f"an empty reference: give {FORMS}")
        if re.fullmatch(r"-[\d-]*\d", text) and not text[1:].isdecimal():  # -1-2: a range below 1
            raise LetterNotFound(f"no letters numbered {shortened(text)}: {self._numbering()}")
        if dates.is_date_reference(text):
            return [Selected(letter) for letter in self._dated(text)]
        passage = re.fullmatch(PASSAGE, text)
        if passage:
            return [self._passage(text, passage)]
        span = re.fullmatch(NUMBER_RANGE, text)
        if span:
            first, last = self._number(span["first"]), self._number(span["last"])
            if first > last:
                raise LetterNotFound(f"the range {text} runs backwards: write {last}-{first}")
            found = [Selected(letter) for letter in self.letters if first <= letter.number <= last]
            if not found:
                raise LetterNotFound(f"no letters numbered {text}: {self._numbering()}")
            return found
        if text.lstrip("-").isdecimal() or _is_other_digits(text):
            return [Selected(self._letter_numbered(text))]
        slug = text.casefold()
        if slug in self.sections:
            return [Selected(letter) for letter in self.sections[slug]]
        if slug in self.by_slug:
            return [Selected(self.by_slug[slug])]
        raise LetterNotFound(f"no letter {shortened(text)!r}: {self._slug_hint(slug)}")

    def _number(self, digits: str, letter: Letter | None = None) -> int:
        """A number as written; a paragraph's where `letter` is the letter it is a paragraph of."""
        if len(digits) > MAX_DIGITS:
            if letter is not None:
                count = letter.paragraph_count
                raise LetterNotFound(
                    f"no paragraph {digits[:12]}… in letter {letter.number}: it has paragraphs 1 to {count}"
                )
            raise LetterNotFound(f"no letter number {digits[:12]}…: {self._numbering()}")
        return int(digits)

    def _numbering(self) -> str:
        numbers = sorted(self.by_number)
        return f"the letters are numbered {numbers[0]} to {numbers[-1]}"

    def _letter_numbered(self, text: str) -> Letter:
        digits = text.lstrip("-")
        if not (digits.isascii() and digits.isdecimal()):
            raise LetterNotFound(
                f"no letter number {shortened(text)!r}: write the number with the digits 0-9"
            )
        number = -self._number(digits) if text.startswith("-") else self._number(digits)
        if number not in self.by_number:
            # 1923 is a year to a historian: say how to ask for the letters of one, where there are any.
            years = {day.year for letter in self.letters for day in letter.dates}
            year = (
                f"; for the letters of {number}, ask: leninletters list date:{number}"
                if len(digits) == 4 and number in years
                else ""
            )
            raise LetterNotFound(f"no letter number {shortened(text)}: {self._numbering()}{year}")
        return self.by_number[number]

    def _passage(self, text: str, passage: re.Match[str]) -> Selected:
        name = passage["letter"]
        if name.isdecimal():
            letter = self._letter_numbered(name)
        elif name.casefold() in self.by_slug:
            letter = self.by_slug[name.casefold()]
        else:
            raise LetterNotFound(
                f"no letter {shortened(name)!r} in {shortened(text)!r}: {self._slug_hint(name.casefold())}"
            )
        count = letter.paragraph_count
        first = self._number(passage["first"], letter)
        last = self._number(passage["last"], letter) if passage["last"] else first
        if first > last:
            raise LetterNotFound(f"the paragraphs {text} run backwards: write {name}:{last}-{first}")
        if not 1 <= first <= last <= count:
            raise LetterNotFound(
                f"no paragraph {shortened(text)}: letter {letter.number} has paragraphs 1 to {count}"
            )
        return Selected(letter, (first, last))

    def _dated(self, text: str) -> list[Letter]:
        first, last = dates.date_range(text)
        found = [
            letter
            for letter in self.letters
            if any(first <= day <= last for day in letter.dates if is_day(day))
            or dating_meets(letter, first, last)
        ]
        if not found:
            raise LetterNotFound(f"no letter dated {shortened(text)}: {self._nearest_dates(first)}")
        return found

    def _nearest_dates(self, day: dt.date) -> str:
        every = [d for letter in self.letters for d in letter.dates if is_day(d)]
        before = max((d for d in every if d < day), default=None)
        after = min((d for d in every if d > day), default=None)
        nearest = [d.isoformat() for d in (before, after) if d]
        return f"the nearest are {' and '.join(nearest)}" if nearest else "the corpus has no dates"

    def _slug_hint(self, slug: str) -> str:
        import difflib

        names = list(dict.fromkeys([*self.by_slug, *self.sections]))  # a section may be a letter's slug too
        close = difflib.get_close_matches(slug, names, n=3, cutoff=0.5)
        return f"did you mean {', '.join(close)}?" if close else "run 'leninletters list' to see them"


def _is_other_digits(text: str) -> bool:
    # Superscripts and other scripts' digits: a reference written as a number, if not in ASCII digits.
    return any(character.isdigit() for character in text) and all(
        character.isdigit() or character == "-" for character in text
    )
