"""The reader's other screens: the query prompt with its live reading, a person, the people a letter
names, the keys, and a citation to copy. Every corpus string is drawn through reader.drawn (plain Text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from leninletters.core.dating import short_date
from leninletters.core.errors import LeninLettersError, QueryError
from leninletters.reader import drawn

if TYPE_CHECKING:
    from leninletters.core.model import Letter, Person
    from leninletters.core.related import Relation
    from leninletters.core.timeline import Bin
    from leninletters.store.edition import Edition, Profile

CLOSE: list[BindingType] = [Binding("escape", "dismiss_nothing", "Back")]

# Every key of the reader, for the ? screen (the footer shows those of the screen in front).
KEYS = (
    ("/", "ask: type a query (to:trotsky, date:1923-01, monopoly); its reading shows as you type"),
    ("n / N", "the next / previous match, across letters"),
    ("↑ ↓ j k, PgUp PgDn, Home End", "move in the list; Enter or Tab to the letter"),
    ("↑ ↓ j k, Tab in the letter", "the paragraph cursor, from paragraph to paragraph"),
    ("Enter on a paragraph", "its notes (a marker such as [8] opens its note when clicked)"),
    ("p", "the people the open letter names: choose one for their profile"),
    ("r", "the letters related to the open one, and why: Enter opens one"),
    ("t", "the timeline: the listed letters by week; Enter lists a week's letters"),
    ("y", "copy the paragraph's quotation, or the letter's citation off the paragraphs (OSC 52)"),
    ("e", "export the listed letters to a file (.md, .json, .xml or text), never over another"),
    ("a", "show or fold the apparatus (this edition's, not the print's)"),
    ("Esc / Backspace", "back to the place before; ] forward again"),
    ("h", "the history: every place visited, Enter goes back (or forward) to one"),
    ("?", "these keys"),
    ("q, Ctrl-C", "quit"),
)


def explained(query: str, edition: Edition | None = None) -> tuple[Text, bool]:
    """How the reader reads a query as it is typed: --explain's lines, or the one line saying what is
    wrong with it (malformed, or naming what the edition lacks: a dossier); and whether it can be asked."""
    from leninletters.core import predicates, querylang

    if not query.strip():
        return Text("every letter (an empty query)", style="dim"), True
    try:
        predicate = querylang.parse(query)
        if edition is not None:
            edition.given(predicate)
    except QueryError as error:
        return drawn.plain(f"✗ {error}", "bold red"), False
    lines = [f"query: {predicate.explain()}", *predicates.describe(predicate)]
    return drawn.plain("\n".join(lines), "dim"), True


class Dismissable(ModalScreen[object]):
    BINDINGS: ClassVar[list[BindingType]] = CLOSE

    def action_dismiss_nothing(self) -> None:
        self.dismiss(None)


class QueryScreen(Dismissable):
    """`/`: a query in the query language; Enter asks it once it is well formed, Esc leaves it."""

    def __init__(self, query: str, edition: Edition | None = None) -> None:
        super().__init__()
        self.query_text = query
        self.edition = edition

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Ask (the query language of list; Enter to ask, Esc to leave)"), markup=False)
            yield Input(value=self.query_text, placeholder="to:trotsky date:1923-01 monopoly", id="query")
            yield Static(explained(self.query_text, self.edition)[0], id="explain", markup=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#explain", Static).update(explained(event.value, self.edition)[0])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if explained(event.value, self.edition)[1]:
            self.dismiss(event.value.strip())


class PeoplePicker(Dismissable):
    """`p`: the people the open letter names; Enter opens one's profile."""

    def __init__(self, people: list[Person]) -> None:
        super().__init__()
        self.people = people

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("The people this letter names (Enter for one's profile)"), markup=False)
            yield OptionList(*(Option(drawn.person_label(p), id=p.id) for p in self.people), id="people")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.people[event.option_index])


class PersonScreen(Dismissable):
    """A person's profile: who, the spellings, and every letter that names them, by how; Enter on a
    letter opens it at the paragraph."""

    AUTO_FOCUS = "#mentions"  # the letters, not the spellings above them, take the keys

    def __init__(self, person: Person, profile: Profile) -> None:
        super().__init__()
        self.person = person
        self.places: list[tuple[Letter, int | None]] = [
            (seen.letter, next((m.paragraph for m in seen.mentions if m.paragraph), None))
            for seen in profile.seen
        ]
        self.profile = profile

    def compose(self) -> ComposeResult:
        person, profile = self.person, self.profile
        head = drawn.person_label(person)
        head.append("\n")
        head.append_text(drawn.plain("Spellings: " + ", ".join(profile.spellings), "dim"))
        kinds = ", ".join(f"{kind} {len(numbers)}" for kind, numbers in profile.summary.by_kind.items())
        head.append_text(drawn.plain(f"\nNamed in {len(profile.summary.letters)} letters: {kinds}", "dim"))
        options = []
        for seen in profile.seen:
            label = drawn.plain(f"{seen.letter.number:>3}  {short_date(seen.letter)}  ")
            label.append_text(drawn.plain(seen.letter.title))
            how = ", ".join(dict.fromkeys(mention.kind for mention in seen.mentions))
            label.append_text(drawn.plain(f"  ({how})", "dim"))
            options.append(Option(label))
        with Vertical(id="person"):
            # The spellings can fill a small terminal: they scroll, and leave the letters room below.
            with VerticalScroll(id="who"):
                yield Static(head, id="profile", markup=False)
            yield OptionList(*options, id="mentions")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.places[event.option_index])


class HelpScreen(Dismissable):
    """`?`: every key."""

    BINDINGS: ClassVar[list[BindingType]] = [*CLOSE, Binding("question_mark,q", "dismiss_nothing", "Close")]

    def compose(self) -> ComposeResult:
        # Two columns, each wrapping in its own width: the keys stay apart from what they do at 60 columns.
        with VerticalScroll(id="dialog"):
            yield Static(Text("Keys", style="bold"), markup=False)
            with Vertical(id="keys"):
                for keys, does in KEYS:
                    with Horizontal(classes="key-row"):
                        yield Static(Text(keys, style="bold"), classes="key", markup=False)
                        yield Static(Text(does), classes="does", markup=False)


class CitationScreen(Dismissable):
    """`y`: the citation (or a paragraph's quotation), copied where the terminal takes OSC 52, and shown
    here to select by hand."""

    BINDINGS: ClassVar[list[BindingType]] = [*CLOSE, Binding("enter,y", "dismiss_nothing", "Close")]

    def __init__(self, citation: str, *, quotation: bool = False) -> None:
        super().__init__()
        self.citation = citation
        self.quotation = quotation

    def compose(self) -> ComposeResult:
        what = "The paragraph's quotation" if self.quotation else "The letter's citation"
        with VerticalScroll(id="dialog"):
            said = f"{what}, copied to the clipboard where the terminal allows (OSC 52):"
            yield Static(Text(said), markup=False)
            yield Static(drawn.plain(self.citation), id="citation", markup=False)


class NoteScreen(Dismissable):
    """A note opened from its marker: the note as printed."""

    BINDINGS: ClassVar[list[BindingType]] = [*CLOSE, Binding("enter", "dismiss_nothing", "Close")]

    def __init__(self, notes: list[Text]) -> None:
        super().__init__()
        self.notes = notes

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(Text("Note (Esc or Enter to close)", style="bold"), markup=False)
            yield Static(Text("\n").join(self.notes), id="note", markup=False)


class RelatedScreen(Dismissable):
    """`r`: the letters related to the open one, each with why (a curated link, the same heading, the
    same addressee); Enter opens one."""

    def __init__(self, letter: Letter, grouped: list[tuple[Letter, list[Relation]]]) -> None:
        super().__init__()
        self.letter = letter
        self.places: list[tuple[Letter, int | None]] = [(other, None) for other, _ in grouped]
        self.grouped = grouped

    def compose(self) -> ComposeResult:
        options = []
        for other, why in self.grouped:
            label = drawn.plain(f"{other.number:>3}  {short_date(other)}  ")
            label.append_text(drawn.plain(other.title))
            reasons = "; ".join(dict.fromkeys(relation.reason for relation in why))
            label.append_text(drawn.plain(f"\n     {reasons}", "dim"))
            options.append(Option(label))
        head = drawn.plain("Related to ")
        head.append_text(drawn.plain(self.letter.title, "bold"))
        with Vertical(id="person"):
            yield Static(head, markup=False)
            yield OptionList(*options, id="related")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.places[event.option_index])


class ExportScreen(Dismissable):
    """`e`: the listed letters to a file, as `export -o` writes it (the format by the file's suffix:
    .md Markdown, .json JSON, .xml CMIF, anything else text), never over an existing file."""

    def __init__(self, write: Callable[[str], str], count: int) -> None:
        super().__init__()
        self.write = write
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            asked = f"Export the {self.count} listed letters to (.md, .json, .xml or text; Esc to leave):"
            yield Static(Text(asked), markup=False)
            yield Input(placeholder="letters.md", id="file")
            yield Static(Text(""), id="said", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        try:
            done = self.write(event.value.strip())
        except (LeninLettersError, OSError) as error:
            self.query_one("#said", Static).update(drawn.plain(f"✗ {error}", "bold red"))
            return
        self.dismiss(done)


class TimelineScreen(Dismissable):
    """`t`: the listed letters by week, a bar for each; Enter lists that week's letters."""

    def __init__(self, bins: list[Bin]) -> None:
        super().__init__()
        self.bins = [found for found in bins if found.letters]

    def compose(self) -> ComposeResult:
        options = []
        for found in self.bins:
            label = Text(f"week of {found.first.isoformat()}  ", style="bold")
            label.append("█" * len(found.letters) + f" {len(found.letters)}")
            options.append(Option(label))
        with Vertical(id="person"):
            yield Static(Text("The listed letters by week (Enter lists a week's letters)"), markup=False)
            yield OptionList(*options, id="weeks")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        found = self.bins[event.option_index]
        self.dismiss(f"date:{found.first.isoformat()}..{found.last.isoformat()}")


class HistoryScreen(Dismissable):
    """`h`: every place visited, the current one marked; Enter goes to one (the way back and forward
    stays as it was)."""

    def __init__(self, labels: list[Text], here: int) -> None:
        super().__init__()
        self.labels = labels
        self.here = here

    def compose(self) -> ComposeResult:
        with Vertical(id="person"):
            yield Static(Text("Visited, oldest first (Enter goes there; Esc stays)"), markup=False)
            yield OptionList(*self.labels, id="visited")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = self.here

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)
