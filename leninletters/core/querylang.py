"""The query language: `to:trotsky date:1922-12-12..1922-12-21 -scribe:L.F.`, parsed into predicates.

In the style of notmuch and mu: `field:value` terms, bare words (by their stems: `rude` finds "rudeness";
`rud*` a prefix) and "quoted phrases" (those very words) for the text,
implicit AND between terms, `and`, `or`, `not` (or a leading `-`) and parentheses. `not` binds tightest,
then AND, then `or`. A hand-written recursive-descent parser: a parsing library would cost more to
import than every query a user will type takes to parse.

Pure: knows nothing of the command line or the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from leninletters.core import dates
from leninletters.core.dating import NO_DATE
from leninletters.core.errors import DateError, QueryError, shortened
from leninletters.core.predicates import (
    EVERYTHING,
    Beyond,
    Classified,
    DateRange,
    Exact,
    InDossier,
    Not,
    NumberRange,
    Phrase,
    Predicate,
    Recipient,
    Scribe,
    Section,
    Slug,
    all_of,
    any_of,
    person_term,
    word_term,
)
from leninletters.core.predicates.correspondence import Place, Sender, Undated


def _date_range(value: str) -> Predicate:
    if value.strip().lower() == NO_DATE:
        return Undated()
    try:
        return DateRange(*dates.written_span(value))
    except dates.BackwardsSpan as backwards:
        raise QueryError(
            f"date:{shortened(value)} runs backwards: "
            f"write date:{shortened(backwards.end_text)}..{shortened(backwards.start_text)}"
        ) from None


def _number_range(value: str) -> Predicate:
    first_text, dots, last_text = value.partition("..")
    if not dots:
        first_text = last_text = value
    try:
        first, last = _whole(first_text), _whole(last_text)
    except ValueError:
        raise QueryError(
            f"number:{shortened(value)} is not a number or a range such as number:16..18"
        ) from None
    if first > last:
        raise QueryError(f"number:{shortened(value)} runs backwards: write number:{last}..{first}")
    return NumberRange(first, last)


def _whole(text: str) -> int:
    # isdecimal() refuses superscripts and other digits int() would choke on; the length, absurd numbers.
    if not (text.isascii() and text.isdecimal()) or len(text) > 9:
        raise ValueError(text)
    return int(text)


def _needs_value(make: Callable[[str], Predicate], example: str) -> Callable[[str], Predicate]:
    def build(value: str) -> Predicate:
        if not value.strip():
            raise QueryError(f"{example.split(':')[0]}: needs a value, for example {example}")
        return make(value.strip())

    return build


# Every field of the language: its name, how its value becomes a predicate, and a line of help.
FIELDS: dict[str, tuple[Callable[[str], Predicate], str]] = {
    "to": (_needs_value(Recipient, "to:trotsky"), "sent or copied to a name (to:trotsky)"),
    "cc": (_needs_value(lambda name: Recipient(name, copies_only=True), "cc:kamenev"), "copied to a name"),
    "scribe": (_needs_value(Scribe, "scribe:L.F."), "taken down by L.F., M.V., a name, or none"),
    "person": (
        _needs_value(person_term, "person:krupskaya"),
        "names a person, any spelling (person:trotzki; person:stalin:text for Lenin's words only)",
    ),
    "date": (
        _needs_value(_date_range, "date:1922-12"),
        "dated in a range (date:1922-12-24..1923-01), or undated (date:none)",
    ),
    "number": (_needs_value(_number_range, "number:16..18"), "numbered in a range (number:16..18)"),
    "section": (_needs_value(Section, "section:gosplan"), "printed under a heading (section:gosplan)"),
    "secret": (lambda value: Classified(value.strip()), "classified (secret:, or secret:top)"),
    "slug": (_needs_value(Slug, "slug:testament"), "the letter with a slug"),
    "text": (
        _needs_value(Phrase, 'text:"too rude"'),
        "the text holds a phrase anywhere, inside words too (grep's meaning)",
    ),
    "note": (
        _needs_value(lambda text: Beyond("note", text), "note:wednesday"),
        "a note holds a word or phrase",
    ),
    "source": (
        _needs_value(lambda text: Beyond("source", text), "source:falsification"),
        "the source or its note holds a word or phrase",
    ),
    "apparatus": (
        _needs_value(lambda text: Beyond("apparatus", text), "apparatus:krupskaya"),
        "the edition's apparatus (datings, hands, provenance) holds a word or phrase",
    ),
    "from": (
        _needs_value(Sender, "from:schnitzler"),
        "sent by a name (from:lenin; the edition's sender too)",
    ),
    "place": (_needs_value(Place, "place:wien"), "sent from or received at a place (place:wien)"),
    "dossier": (
        _needs_value(InDossier, "dossier:georgian-affair"),
        "one of the letters of a curated dossier (dossier:georgian-affair)",
    ),
    "word": (
        _needs_value(word_term, "word:rude"),
        "a word of the text by its stem (word:rude finds rudeness, not crudity; word:rud* a prefix)",
    ),
}
OPERATORS = {"and", "or", "not"}


def is_field_term(word: str) -> bool:
    """Whether a word is a `field:value` term of the language (date:1923-03, -to:stalin), by its field.

    The one rule that tells a query term from a reference (9:11, testament:3-5): a word whose part before
    the first ':' is a field's name is a term, whatever follows, so that no field is read as a letter.
    """
    name, colon, _ = word.strip().lstrip("-(").partition(":")
    return bool(colon) and name.lower() in FIELDS


class Token(NamedTuple):
    """A piece of a query and the column (1-based) it starts at."""

    kind: str  # "(", ")", "word", "phrase", "field", "-"
    text: str
    column: int
    field: str = ""


def tokens(query: str) -> list[Token]:
    """Split a query into tokens, or raise QueryError at the first one that cannot be read."""
    found: list[Token] = []
    at = 0
    while at < len(query):
        character = query[at]
        if character.isspace():
            at += 1
        elif character in "()":
            found.append(Token(character, character, at + 1))
            at += 1
        elif character == "-" and at + 1 < len(query) and not query[at + 1].isspace():
            found.append(Token("-", "-", at + 1))
            at += 1
        elif character == '"':
            text, end = _quoted(query, at)
            found.append(Token("phrase", text, at + 1))
            at = end
        else:
            token, at = _word(query, at)
            found.append(token)
    return found


def _quoted(query: str, start: int) -> tuple[str, int]:
    """The text of a double-quoted string starting at `start`, and where reading resumes."""
    pieces: list[str] = []
    at = start + 1
    while at < len(query):
        character = query[at]
        if character == "\\" and at + 1 < len(query) and query[at + 1] in '"\\':
            pieces.append(query[at + 1])
            at += 2
        elif character == '"':
            return "".join(pieces), at + 1
        else:
            pieces.append(character)
            at += 1
    raise QueryError(f'unclosed quote at column {start + 1}: end the phrase with "', start + 1)


def _word(query: str, start: int) -> tuple[Token, int]:
    """A bare word, or a field:value whose value may be quoted (to:"Leon Trotsky"); and where it ends."""
    at = start
    pieces: list[str] = []
    field = ""
    quoted = False
    while at < len(query) and not query[at].isspace() and query[at] not in "()":
        character = query[at]
        if character == ":" and not field and not quoted:
            name = "".join(pieces)
            if name.lower() in FIELDS:
                field, pieces = name.lower(), []
                at += 1
                continue
            if name.isalpha():
                known = ", ".join(f"{f}:" for f in FIELDS)
                raise QueryError(
                    f"unknown field '{shortened(name)}:' at column {start + 1} (the fields are {known}; "
                    f'put text with a colon in quotes: "{shortened(name)}:…")',
                    start + 1,
                )
        if character == '"':
            text, at = _quoted(query, at)
            pieces.append(text)
            quoted = True
            continue
        pieces.append(character)
        at += 1
    value = "".join(pieces)
    if field:
        return Token("field", value, start + 1, field), at
    return Token("word", value, start + 1), at


# How deep parentheses and negations may nest: far beyond any question a reader asks, and well within
# what Python's recursion allows the parser (and the predicates it builds) to walk.
MAX_DEPTH = 50


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = tokens(query)
        self.at = 0
        self.depth = 0

    def deeper(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(
                f"the query nests deeper than {MAX_DEPTH} levels at column {token.column}: simplify it",
                token.column,
            )

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def end_column(self) -> int:
        return len(self.query.rstrip()) + 1

    def parse(self) -> Predicate:
        if not self.tokens:
            raise QueryError("an empty query: give a term such as to:trotsky or a word of the text", 1)
        result = self.disjunction()
        token = self.peek()
        if token is not None:
            raise QueryError(f"unexpected '{shortened(token.text)}' at column {token.column}", token.column)
        return result

    def disjunction(self) -> Predicate:
        items = [self.conjunction()]
        while self.is_operator(self.peek(), "or"):
            or_token = self.take()
            if self.peek() is None or self.peek_kind() == ")":
                raise QueryError(f"nothing after 'or' at column {or_token.column}", or_token.column)
            items.append(self.conjunction())
        return any_of(items)

    def conjunction(self) -> Predicate:
        items = [self.negation()]
        while True:
            token = self.peek()
            if token is None or token.kind == ")" or self.is_operator(token, "or"):
                return all_of(items)
            if self.is_operator(token, "and"):
                self.take()
                if self.peek() is None or self.peek_kind() == ")" or self.is_operator(self.peek(), "or"):
                    raise QueryError(f"nothing after 'and' at column {token.column}", token.column)
            items.append(self.negation())

    def negation(self) -> Predicate:
        token = self.peek()
        if token is not None and (token.kind == "-" or self.is_operator(token, "not")):
            self.take()
            if self.peek() is None or self.peek_kind() == ")":
                raise QueryError(
                    f"nothing after '{shortened(token.text)}' at column {token.column}", token.column
                )
            self.deeper(token)
            negated = Not(self.negation())
            self.depth -= 1
            return negated
        return self.primary()

    def primary(self) -> Predicate:
        token = self.peek()
        if token is None:
            raise QueryError(f"the query ends too soon at column {self.end_column()}", self.end_column())
        if token.kind == "(":
            self.take()
            self.deeper(token)
            if self.peek_kind() == ")":
                raise QueryError(f"empty parentheses at column {token.column}", token.column)
            inner = self.disjunction()
            if self.peek_kind() != ")":
                raise QueryError(f"unclosed '(' at column {token.column}: add ')'", token.column)
            self.take()
            self.depth -= 1
            return inner
        if token.kind == ")":
            raise QueryError(f"unexpected ')' at column {token.column}", token.column)
        if self.is_operator(token, "and") or self.is_operator(token, "or"):
            raise QueryError(f"unexpected '{shortened(token.text)}' at column {token.column}", token.column)
        self.take()
        if token.kind == "field":
            make = FIELDS[token.field][0]
            try:
                return make(token.text)
            except QueryError as error:
                raise QueryError(f"{error} (at column {token.column})", token.column) from None
            except DateError as error:
                raise QueryError(f"{error} (at column {token.column})", token.column) from None
        if token.kind == "word" and token.text == "*":
            return EVERYTHING
        if not token.text.strip():
            raise QueryError(
                f"an empty phrase at column {token.column}: put words between the quotes", token.column
            )
        if token.kind == "phrase":
            return Exact(token.text)  # "quoted": these very words, whole
        return word_term(token.text)  # bare: by its stem, or rud* by its start

    def peek_kind(self) -> str:
        token = self.peek()
        return token.kind if token else ""

    @staticmethod
    def is_operator(token: Token | None, name: str) -> bool:
        return token is not None and token.kind == "word" and token.text.lower() == name


def parse(query: str) -> Predicate:
    """The predicate a query describes; QueryError, pointing at the column, where it cannot be read."""
    return _Parser(query).parse()


def join(words: list[str] | tuple[str, ...]) -> str:
    """Several command-line words as one query, as notmuch joins them (with spaces)."""
    return " ".join(words)
