"""The reader's application: the index of letters beside the letter open, and the keys that move
between them. It asks the door (store.edition) and nothing below it, and never the command line.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from leninletters.core.errors import ExitStatus, LeninLettersError
from leninletters.reader import drawn, places
from leninletters.reader.letter import Fold, Paragraph, widgets
from leninletters.reader.rows import LetterList
from leninletters.reader.screens import (
    CitationScreen,
    ExportScreen,
    HelpScreen,
    HistoryScreen,
    NoteScreen,
    PeoplePicker,
    PersonScreen,
    QueryScreen,
    RelatedScreen,
    TimelineScreen,
)

if TYPE_CHECKING:
    from leninletters.core.model import Letter, Person
    from leninletters.core.related import Relations
    from leninletters.store.edition import Edition

# Below this many columns the list stands above the letter rather than beside it.
SIDE_BY_SIDE = 100

# What the keys do to the list and the letter, which only the main screen shows.
MAIN_SCREEN_ONLY = frozenset(
    {
        "ask",
        "step",
        "people",
        "related",
        "timeline",
        "cite",
        "export",
        "apparatus",
        "back",
        "forward",
        "cursor",
        "notes",
        "visited",
    }
)

# The reader's actions in the command palette (Ctrl-P), each with its key.
PALETTE = (
    ("Ask a query", "/ : the query language of list, read back as you type", "ask"),
    ("Next match", "n : the next match, across letters", "step(True)"),
    ("Previous match", "N : the previous match, across letters", "step(False)"),
    ("People in this letter", "p : choose one for their profile", "people"),
    ("Related letters", "r : the letters related to this one, and why", "related"),
    ("Timeline", "t : the listed letters by week", "timeline"),
    ("Copy the citation", "y : the paragraph's quotation, or the letter's citation, copied", "cite"),
    ("Export the list", "e : the listed letters to a file", "export"),
    ("Apparatus", "a : show or fold this edition's apparatus", "apparatus"),
    ("Back", "Esc : the place before", "back"),
    ("Forward", "] : the place after", "forward"),
    ("History", "h : every place visited, to go back to one", "visited"),
    ("Keys", "? : every key", "keys"),
)

# The export format a file's suffix asks for (export's names); anything else is plain text.
EXPORT_FORMATS = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".xml": "cmif"}

CSS = """
#body { layout: horizontal; height: 1fr; }
#body.narrow { layout: vertical; }
#index { width: 45%; height: 1fr; }
#body.narrow #index { width: 100%; height: 8; }
#reader { width: 1fr; height: 1fr; padding: 0 1; }
#position, #asked { height: 1; }
#asked { padding: 0 1; background: $boost; }
#letter { height: 1fr; }
.edition { color: $text-muted; }
.paragraph, .printed, .edition, #metadata, #notes { margin-bottom: 1; }
.paragraph { border-left: blank; }
.paragraph:focus { border-left: thick $accent; background: $boost; }
#dialog { width: 90%; max-width: 100; height: auto; max-height: 90%; border: round $accent;
          padding: 0 1; background: $surface; }
#person { width: 95%; height: 90%; border: round $accent; padding: 0 1; background: $surface; }
#mentions { height: 1fr; }
#who { height: auto; max-height: 45%; }
#keys, .key-row { height: auto; }
.key { width: 17; padding-right: 1; }
.does { width: 1fr; }
ModalScreen { align: center middle; }
"""


class Reader(App[int]):
    """`leninletters read`: browse an edition's letters, ask it queries, follow its people."""

    TITLE = "leninletters"
    CSS = CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
        Binding("slash", "ask", "Ask"),
        Binding("n", "step(True)", "Next match"),
        Binding("N", "step(False)", "Previous", key_display="N"),
        Binding("p", "people", "People"),
        Binding("r", "related", "Related"),
        Binding("t", "timeline", "Timeline"),
        Binding("y", "cite", "Copy citation"),
        Binding("e", "export", "Export"),
        Binding("a", "apparatus", "Apparatus", show=False),
        Binding("escape,backspace", "back", "Back"),
        Binding("right_square_bracket", "forward", "Forward", show=False),
        Binding("h", "visited", "History"),
        Binding("question_mark", "keys", "Keys"),
        Binding("j", "cursor(1)", show=False),
        Binding("k", "cursor(-1)", show=False),
    ]

    def __init__(self, edition: Edition, query: str = "") -> None:
        super().__init__()
        self.edition = edition
        self.asked = places.ask(edition, query)
        self.history = places.History(places.Place(query, None))
        self.letter: Letter | None = None
        self.row: int | None = None  # the open letter's row in the list (None: a letter the list lacks)
        self.match: places.Match | None = None
        self.failure: BaseException | None = None
        self._relations: Relations | None = None
        self._titles: dict[str, str] = {}  # each letter opened, by slug: how the history names it

    # Drawing -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="asked", markup=False)
        with Horizontal(id="body"):
            yield LetterList(id="index")
            with Vertical(id="reader"):
                yield Static(id="position", markup=False)
                yield VerticalScroll(id="letter")
        yield Footer()

    async def on_mount(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals off the main thread
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.interrupted)
        self.watch(self.query_one("#letter", VerticalScroll), "scroll_y", self._scrolled, init=False)
        self._fit(self.size.width)
        await self._list(self.asked)
        await self.show(self.history.here)

    def on_resize(self, event: object) -> None:
        self._fit(self.size.width)

    def _fit(self, width: int) -> None:
        self.query_one("#body").set_class(width < SIDE_BY_SIDE, "narrow")

    async def _list(self, asked: places.Asked) -> None:
        self.query_one(LetterList).show(asked.listing)
        self.asked = asked
        self.letter = self.row = self.match = None
        said = drawn.asked_line(asked.query, len(asked.listing), len(self.edition))
        self.query_one("#asked", Static).update(drawn.plain(said, "bold"))
        if not asked.listing:
            await self.query_one("#letter", VerticalScroll).remove_children()
            self.query_one("#position", Static).update(drawn.plain("no letters match; / to ask again"))

    async def open(self, index: int, paragraph: int | None) -> None:
        """Show the listed letter at `index`, scrolled to a paragraph (its head for None)."""
        letter = self.asked.listing.at(index)
        self.row = index
        listed = self.query_one(LetterList)
        if listed.cursor_row != index:
            listed.move_cursor(index, announce=False)
        scroll = self.query_one("#letter", VerticalScroll)
        # By slug: a page asked for again holds the same letters as new objects.
        if self.letter is None or letter.slug != self.letter.slug:
            self.letter = letter
            self._titles[letter.slug] = f"{letter.number}  {letter.title}"
            await scroll.remove_children()
            await scroll.mount_all(widgets(letter, self.asked.pattern))
        self.query_one("#position", Static).update(
            drawn.position(index, len(self.asked.listing), letter, paragraph)
        )
        self.history.replace(places.Place(self.asked.query, letter.slug, paragraph, index))
        target = next(iter(scroll.query(f"#p{paragraph}")), None) if paragraph else None
        if target is not None:
            self.call_after_refresh(scroll.scroll_to_widget, target, top=True, animate=False)
        else:
            scroll.scroll_home(animate=False)

    def _scrolled(self, top: float) -> None:
        """Keep the position line on the paragraph at the top of the reader as it scrolls."""
        index = self.row
        if self.letter is None or index is None:
            return
        shown = next(
            (
                int(str(widget.id)[1:])
                for widget in self.query_one("#letter").query(".paragraph")
                if widget.id and widget.virtual_region.bottom > top
            ),
            None,
        )
        shown = shown if top > 0 else None
        if isinstance(self.focused, Paragraph):  # the cursor's paragraph, wherever the letter scrolls
            shown = self.focused.number
        scroll = self.query_one("#letter", VerticalScroll)
        if self.match is not None and self.match.row == index and self.match.paragraph:
            # The match stepped to stays the paragraph named while it is in view (near the end of a
            # letter it cannot reach the top).
            found = next(iter(scroll.query(f"#p{self.match.paragraph}")), None)
            if found is not None and top <= found.virtual_region.y < top + scroll.size.height:
                shown = self.match.paragraph
        where = drawn.position(index, len(self.asked.listing), self.letter, shown)
        self.query_one("#position", Static).update(where)

    # Keys ----------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The reader's keys act on the letter and the list: not from behind a dialog or a profile.
        return action not in MAIN_SCREEN_ONLY or self.screen is self.screen_stack[0]

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for title, said, action in PALETTE:
            yield SystemCommand(title, said, partial(self.run_action, action))

    async def on_letter_list_highlighted(self, event: LetterList.Highlighted) -> None:
        # Stale where the cursor has moved on since (keys held down): only the last row is opened.
        if event.row == self.query_one(LetterList).cursor_row and event.row != self.row:
            with self.batch_update():
                await self.open(event.row, None)

    def on_letter_list_chosen(self, event: LetterList.Chosen) -> None:
        """From the list into the letter: the cursor on the paragraph shown, or the first."""
        here = self.history.here.paragraph
        stops = list(self.query(Paragraph).results(Paragraph))
        chosen = next((stop for stop in stops if stop.number == here), stops[0] if stops else None)
        (chosen or self.query_one("#letter", VerticalScroll)).focus()

    def on_paragraph_focused(self, event: Paragraph.Focused) -> None:
        if self.letter is None or self.row is None:
            return
        where = drawn.position(self.row, len(self.asked.listing), self.letter, event.number)
        self.query_one("#position", Static).update(where)
        self.history.replace(places.Place(self.asked.query, self.letter.slug, event.number, self.row))

    def on_paragraph_notes_asked(self, event: Paragraph.NotesAsked) -> None:
        self.action_notes(*event.notes)

    def action_notes(self, *chosen: int) -> None:
        """Show the letter's notes at these places (a marker clicked, or Enter on its paragraph)."""
        if self.letter is not None and all(0 <= index < len(self.letter.notes) for index in chosen):
            self.push_screen(NoteScreen([drawn.note(self.letter, index) for index in chosen]))

    def action_cursor(self, by: int) -> None:
        listed = self.query_one(LetterList)
        if listed.has_focus:
            listed.action_move(by)
        else:
            scroll = self.query_one("#letter", VerticalScroll)
            scroll.scroll_relative(y=by, animate=False)

    def action_ask(self) -> None:
        self.push_screen(QueryScreen(self.asked.query, self.edition), self._asked)

    async def _asked(self, query: object) -> None:
        if isinstance(query, str):
            await self.go(places.Place(query, None))

    async def go(self, place: places.Place) -> None:
        """Go to a place and remember it, for Esc to come back."""
        self.history.go(place)
        await self.show(place)

    async def show(self, place: places.Place) -> None:
        """Show a place: its query's list and its letter, drawn once when both are ready."""
        with self.batch_update():
            if place.query != self.asked.query:
                await self._list(places.ask(self.edition, place.query))
            row = self.asked.listing.row_of(place.slug, place.row) if place.slug else None
            if row is not None:
                await self.open(row, place.paragraph)
                return
            self.match = self.asked.next_match(None)  # a new query opens at its first match
            if self.match is not None:
                await self.open(self.match.row, self.match.paragraph)

    async def action_step(self, forward: bool) -> None:
        here = self.match
        if here is None and self.row is not None:
            here = places.Match(self.row, 0 if forward else None)
        self.match = self.asked.next_match(here, forward)
        if self.match is None:
            self.notify("no matches: / to ask", markup=False)
            return
        slug = self.asked.listing.at(self.match.row).slug
        await self.go(places.Place(self.asked.query, slug, self.match.paragraph, self.match.row))

    async def action_back(self) -> None:
        place = self.history.back()
        if place is not None:
            await self.show(place)

    async def action_forward(self) -> None:
        place = self.history.forward()
        if place is not None:
            await self.show(place)

    def action_visited(self) -> None:
        labels = [
            drawn.visit_label(
                place.query, self._titles.get(place.slug or ""), place.paragraph, at == self.history.at
            )
            for at, place in enumerate(self.history.visited())
        ]
        self.push_screen(HistoryScreen(labels, self.history.at), self._revisit)

    async def _revisit(self, at: object) -> None:
        place = self.history.jump(at) if isinstance(at, int) else None
        if place is not None:
            await self.show(place)

    def action_keys(self) -> None:
        self.push_screen(HelpScreen())

    def action_apparatus(self) -> None:
        for fold in self.query("#apparatus-fold").results(Fold):
            fold.toggle()

    def action_people(self) -> None:
        if self.letter is None:
            return
        named = {mention.person for mention in self.letter.mentions}
        people = [person for person in self.edition.people if person.id in named]
        if not people:
            self.notify("this letter names no one the edition lists", markup=False)
            return
        self.push_screen(PeoplePicker(people), self._person_chosen)

    def _person_chosen(self, person: object) -> None:
        if person is not None:
            self.show_person(person)  # type: ignore[arg-type]

    def show_person(self, person: Person) -> None:
        self.push_screen(PersonScreen(person, self.edition.profile(person)), self._letter_chosen)

    async def _letter_chosen(self, chosen: object) -> None:
        if not isinstance(chosen, tuple):
            return
        letter, paragraph = chosen
        listed = self.asked.listing.row_of(letter.slug) is not None
        query = self.asked.query if listed else ""
        await self.go(places.Place(query, letter.slug, paragraph))

    def action_related(self) -> None:
        if self.letter is None:
            return
        if self._relations is None:
            self._relations = self.edition.relations()
        grouped = self._relations.grouped(self.letter)
        if not grouped:
            self.notify("no letter is related to this one", markup=False)
            return
        self.push_screen(RelatedScreen(self.letter, grouped), self._letter_chosen)

    def action_timeline(self) -> None:
        self.push_screen(TimelineScreen(self.edition.timeline_bins("week", self.asked.predicate)), self._week)

    async def _week(self, week: object) -> None:
        if isinstance(week, str):
            query = self.asked.query.strip()
            await self.go(places.Place(f"({query}) {week}" if query else week, None))

    def action_export(self) -> None:
        if not self.asked.listing:
            self.notify("no letters listed: / to ask", markup=False)
            return
        self.push_screen(ExportScreen(self.export, len(self.asked.listing)), self._exported)

    def export(self, name: str) -> str:
        """Write the listed letters to a file, as `export -o` does; what was done, in words."""
        from pathlib import Path

        from leninletters.core.errors import OutputError
        from leninletters.core.present import plural
        from leninletters.core.references import Selected
        from leninletters.formats import export
        from leninletters.store.edition import is_bundled
        from leninletters.ui import files

        target = Path(name).expanduser()
        if is_bundled(target):
            raise OutputError(
                f"{name} is part of the bundled edition, which is read-only: choose another file"
            )
        fmt = EXPORT_FORMATS.get(target.suffix.lower(), export.Format.text)
        chosen = [Selected(letter) for letter in self.edition.select(self.asked.predicate)]
        files.write_atomically(target, export.document(chosen, fmt, self.edition), force=False)
        return f"wrote {plural(len(chosen), 'letter')} to {name}"

    def _exported(self, said: object) -> None:
        if isinstance(said, str):
            self.notify(said, markup=False)

    def action_cite(self) -> None:
        """Copy the quotation of the paragraph under the cursor, as `cite 9:11 --quote` prints it, or
        the open letter's citation where the cursor is on no paragraph."""
        if self.letter is None:
            return
        from leninletters.formats import cite

        key = cite.keys(self.edition.dated_slugs(), self.edition.metadata.get("sender"))[self.letter.slug]
        cursor = self.focused
        if isinstance(cursor, Paragraph):
            passage = (cursor.number, cursor.number)
            cited = cite.citation(self.letter, passage, self.edition.metadata, key)
            copied = "".join(cite.quotations([cited], cite.Style.text)).rstrip("\n")
        else:
            copied = cite.text(cite.citation(self.letter, None, self.edition.metadata, key))
        self.copy_to_clipboard(copied)
        self.push_screen(CitationScreen(copied, quotation=isinstance(cursor, Paragraph)))

    def action_interrupt(self) -> None:
        self.exit(return_code=ExitStatus.INTERRUPTED)

    def interrupted(self) -> None:
        self.exit(return_code=ExitStatus.INTERRUPTED)

    # Errors: one line after the screen is restored, never Textual's traceback --------------------

    def _handle_exception(self, error: Exception) -> None:
        self.failure = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual would keep a traceback to print after exit; the reader prints one line instead.
        self._close_messages_no_wait()


def run(edition: Edition, query: str = "", **driver: Any) -> int:
    """Run the reader on a terminal until the user quits; the exit status (docs/errors.md). `driver`
    goes to Textual's App.run (headless, auto_pilot: for tests)."""
    from leninletters.core.errors import internal_error_message
    from leninletters.ui.streams import say

    reader = Reader(edition, query)
    reader.run(**driver)
    failure = reader.failure
    if isinstance(failure, LeninLettersError):
        say(f"error: {failure}")
        return failure.exit_status
    if failure is not None:
        say(internal_error_message(failure))
        return ExitStatus.INTERNAL
    return reader.return_code or 0
