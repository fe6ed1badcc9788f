"""`leninletters read`: the reader driven headless by Textual's Pilot, on hostile corpora, without its
extra, and as the installed script on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import msgspec
import pytest

from leninletters.core.model import Letter
from leninletters.core.predicates import EVERYTHING, Predicate
from leninletters.reader import places
from leninletters.store.corpus import load
from leninletters.store.edition import MemoryEdition, open_edition

pytest.importorskip("textual")

from textual.widgets import OptionList, Static

from leninletters.reader.app import Reader
from leninletters.reader.rows import LetterList
from leninletters.reader.screens import (
    CitationScreen,
    HelpScreen,
    PeoplePicker,
    PersonScreen,
    QueryScreen,
)

HOSTILE = Path(__file__).parent / "fixtures" / "hostile.json"
SIZE = (80, 24)


def shown(widget: Static) -> str:
    """The text a Static draws, as a reader sees it."""
    return str(widget.render())


def position(app: Reader) -> str:
    return shown(app.query_one("#position", Static))


def heading(app: Reader) -> str:
    return shown(app.query_one("#heading", Static))


# Open, ask, open a letter, follow a person and come back ------------------------------------------


@pytest.mark.asyncio
async def test_opens_on_the_list_beside_the_first_letter() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.query_one(LetterList).row_count == 22
        assert "To Leon Trotsky" in heading(app)
        assert position(app) == "letter 1 of 22, 4 paragraphs"
        assert not app.query_one("#body").has_class("narrow")  # side by side on a wide terminal
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.asyncio
async def test_narrow_terminal_stacks_the_list_above_the_letter() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert app.query_one("#body").has_class("narrow")
        assert app.query_one(LetterList).region.y < app.query_one("#letter").region.y


@pytest.mark.asyncio
async def test_a_query_reads_back_as_typed_and_lands_on_the_testaments_ps() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"date:1923-01")
        await pilot.pause()
        assert isinstance(app.screen, QueryScreen)
        assert "query: date:1923-01-01..1923-01-31" in shown(app.screen.query_one("#explain", Static))
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(LetterList).row_count == 2
        assert shown(app.query_one("#asked", Static)) == "date:1923-01: 2 of 22 letters"
        assert "Testament" in heading(app)
        assert position(app) == "letter 1 of 2, ¶11 of 11"  # the P.S. of 4 January 1923, not the head


@pytest.mark.asyncio
async def test_a_malformed_query_says_what_is_wrong_and_asks_nothing() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"(to:trotsky")
        await pilot.pause()
        said = shown(app.screen.query_one("#explain", Static))
        assert said.startswith("✗ unclosed '(' at column 1")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QueryScreen)  # Enter did nothing: the query is still being typed
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(LetterList).row_count == 22  # Esc left it: the list is as it was


@pytest.mark.asyncio
async def test_n_and_shift_n_step_through_the_matches_across_letters() -> None:
    app = Reader(open_edition(), "monopoly")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        asked = app.asked
        found = places.matches(app.edition.select(asked.predicate), asked.pattern, asked.predicate)
        assert len({match.row for match in found}) > 1  # matches in more than one letter
        first = position(app)
        seen = [first]
        for _ in range(len(found)):
            await pilot.press("n")
            await pilot.pause()
            seen.append(position(app))
        assert seen[-1] == first  # round the end and back to the first
        assert len(set(seen)) == len(found)
        await pilot.press("N")
        await pilot.pause()
        assert position(app) == seen[-2]
        highlighted = app.query_one(f"#p{found[0].paragraph}", Static).render()
        assert "monopoly" in str(highlighted).lower()


@pytest.mark.asyncio
async def test_follow_a_person_from_a_letter_and_come_back() -> None:
    app = Reader(open_edition(), "slug:to-stalin-1923-03-05")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "To Joseph Stalin" in heading(app)
        await pilot.press("p")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PeoplePicker)
        picker.query_one(OptionList).highlighted = [p.id for p in picker.people].index("stalin")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert shown(app.screen.query_one("#profile", Static)).startswith("Joseph Stalin")
        await pilot.press("n", "backspace", "p")  # the reader's keys do nothing behind the profile
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and len(app.screen_stack) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert "To Joseph Stalin" in heading(app)  # back where the reader was


@pytest.mark.asyncio
async def test_a_letter_chosen_on_a_profile_opens_and_esc_goes_back_to_the_query() -> None:
    app = Reader(open_edition(), "slug:to-stalin-1923-03-05")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        stalin = next(person for person in app.edition.people if person.id == "stalin")
        app.show_person(stalin)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PersonScreen)
        testament = [letter.slug for letter, _ in screen.places].index("testament")
        screen.query_one(OptionList).highlighted = testament
        await pilot.press("enter")
        await pilot.pause()
        assert "Testament" in heading(app)
        assert app.query_one(LetterList).row_count == 22  # outside the query: every letter is listed
        await pilot.press("escape")
        await pilot.pause()
        assert "To Joseph Stalin" in heading(app)
        assert app.query_one(LetterList).row_count == 1


@pytest.mark.asyncio
async def test_keys_are_in_the_footer_and_on_the_question_mark() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=SIZE) as pilot:
        shown_keys = {key for key, active in app.active_bindings.items() if active.binding.show}
        assert {"q", "slash", "n", "p", "y", "question_mark"} <= shown_keys
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        said = [shown(key) for key in app.screen.query(".key").results(Static)]
        assert "n / N" in said and len(said) >= 12
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.asyncio
async def test_the_command_palette_offers_the_readers_actions() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Ask a query")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QueryScreen)


@pytest.mark.asyncio
async def test_y_copies_the_citation_and_shows_it() -> None:
    app = Reader(open_edition(), "slug:testament")
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CitationScreen)
        assert len(copied) == 1 and "Testament" in copied[0]
        assert shown(app.screen.query_one("#citation", Static)) == copied[0]


@pytest.mark.asyncio
async def test_r_lists_the_related_letters_and_opens_one() -> None:
    from leninletters.reader.screens import RelatedScreen

    app = Reader(open_edition(), "slug:nationalities")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RelatedScreen)
        related = [letter.slug for letter, _ in screen.places]
        assert "nationalities-1922-12-31a" in related
        screen.query_one(OptionList).highlighted = related.index("nationalities-1922-12-31a")
        await pilot.press("enter")
        await pilot.pause()
        assert app.letter is not None and app.letter.slug == "nationalities-1922-12-31a"
        await pilot.press("escape")
        await pilot.pause()
        assert app.letter is not None and app.letter.slug == "nationalities"


@pytest.mark.asyncio
async def test_e_exports_the_listed_letters_and_never_writes_over_a_file(tmp_path: Path) -> None:
    from leninletters.reader.screens import ExportScreen

    target = tmp_path / "trotsky.md"
    app = Reader(open_edition(), "to:trotsky")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press(*str(target), "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        written = target.read_text(encoding="utf-8")
        assert written.startswith("#") and written.count("To Leon Trotsky") >= 5
        await pilot.press("e", *str(target), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # refused: the dialog stays, saying why
        said = shown(app.screen.query_one("#said", Static))
        assert said.startswith("✗") and "exists" in said
    assert target.read_text(encoding="utf-8") == written


@pytest.mark.asyncio
async def test_the_position_line_follows_the_paragraph_scrolled_to() -> None:
    from textual.containers import VerticalScroll

    app = Reader(open_edition(), "slug:testament")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert position(app) == "letter 1 of 1, 11 paragraphs"
        app.query_one("#letter", VerticalScroll).scroll_end(animate=False)
        await pilot.pause()
        await pilot.pause()
        assert position(app) == "letter 1 of 1, ¶11 of 11"


@pytest.mark.asyncio
async def test_t_shows_the_weeks_and_lists_the_letters_of_one() -> None:
    from leninletters.reader.screens import TimelineScreen

    app = Reader(open_edition(), "to:trotsky")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        assert sum(len(week.letters) for week in screen.bins) >= app.query_one(LetterList).row_count
        await pilot.press("enter")  # the first week: 11 December 1922
        await pilot.pause()
        assert app.asked.query == "(to:trotsky) date:1922-12-11..1922-12-17"
        listed = app.asked.listing
        assert [listed.at(row).number for row in range(len(listed))] == [1, 2, 3, 4, 5]  # 2: a copy to him


@pytest.mark.asyncio
async def test_the_apparatus_is_folded_below_and_opens_with_a() -> None:
    from leninletters.reader.letter import Fold

    app = Reader(open_edition(), "slug:testament")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        fold = app.query_one("#apparatus-fold", Fold)
        assert fold.collapsed and "Authority" not in shown(fold)
        await pilot.press("a")
        assert not fold.collapsed
        assert "Authority" in shown(fold)
        await pilot.press("a")
        assert fold.collapsed and "Authority" not in shown(fold)


@pytest.mark.asyncio
async def test_ctrl_c_quits_with_the_interrupted_status() -> None:
    app = Reader(open_edition())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
    assert app.return_code == 130


class Failing(MemoryEdition):
    """An edition that fails on any query but the first: a bug met while the reader runs."""

    def select(self, predicate: Predicate) -> list[Letter]:
        if predicate != EVERYTHING:
            raise RuntimeError("boom")
        return super().select(predicate)


def test_an_error_inside_the_reader_is_one_line_after_the_screen_is_given_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from textual.pilot import Pilot

    from leninletters.reader.app import run

    async def ask_something(pilot: Pilot[int]) -> None:
        await pilot.press("slash", "x", "enter")

    status = run(Failing(load()), "", headless=True, auto_pilot=ask_something)
    assert status == 70
    err = capsys.readouterr().err
    assert err.startswith("leninletters: internal error: RuntimeError: boom")
    assert err.count("\n") == 1 and "Traceback" not in err


# Hostile corpora: drawn as text, never obeyed ----------------------------------------------------

CLICK = "[@click=app.quit]x[/]"
TITLE_BAR = "\x1b]0;pwned\x07"


def hostile_edition() -> MemoryEdition:
    """The hostile fixture with titles that are Textual markup with an action, and a terminal control
    (the corpus reader refuses controls: built in memory, as a store that did not check might hand it)."""
    corpus = load(HOSTILE)
    first, second, *rest = corpus.letters
    letters = (
        msgspec.structs.replace(first, title=CLICK),
        msgspec.structs.replace(second, title=f"Retitle {TITLE_BAR}", text=f"{CLICK} and {TITLE_BAR}"),
        *rest,
    )
    return MemoryEdition(msgspec.structs.replace(corpus, letters=letters))


@pytest.mark.asyncio
async def test_markup_and_controls_in_a_corpus_are_drawn_as_text_and_do_nothing() -> None:
    app = Reader(hostile_edition())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert CLICK in heading(app)
        table = app.query_one(LetterList)
        assert CLICK in str(table.row_at(0)[3])
        await pilot.click("#heading")  # a click on [@click=app.quit] must not quit
        await pilot.pause()
        assert app.is_running
        app.query_one(LetterList).move_cursor(1)
        await pilot.pause()
        assert "Retitle ^[]0;pwned^G" in heading(app)
        text = " ".join(shown(block) for block in app.query(".paragraph").results(Static))
        assert f"{CLICK} and ^[]0;pwned^G" in text
        assert "\x1b" not in text
    assert app.return_code in (0, None)


# Without the extra -------------------------------------------------------------------------------

WITHOUT_TEXTUAL = """
import sys
sys.modules["textual"] = None  # as if the extra were not installed
sys.argv = ["leninletters", "read"]
from leninletters.cli.app import main
main()
"""


def test_without_textual_read_says_how_to_install_it_in_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_TEXTUAL], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert (
        done.stderr == "leninletters: error: the reader needs Textual: pip install 'leninletters[reader]'\n"
    )


def test_a_malformed_query_is_refused_before_the_screen_is_taken() -> None:
    from .conftest import run

    status, out, err = run("read", "(to:trotsky")
    assert status == 2
    assert out == ""
    assert "unclosed '('" in err


def test_read_off_a_terminal_says_it_needs_one() -> None:
    from leninletters.cli.reading import NO_TERMINAL

    from .conftest import run

    status, out, err = run("read")
    assert status == 2
    assert out == ""
    assert err == f"leninletters: error: {NO_TERMINAL}\n"
    assert "needs a terminal" in NO_TERMINAL


def test_other_commands_never_import_textual() -> None:
    script = "import sys; from leninletters.cli.app import main; sys.argv=['x','list','--json']\n"
    script += "try:\n    main()\nexcept SystemExit: pass\n"
    script += "print({'textual', 'rich', 'leninletters.reader'} & set(sys.modules), file=sys.stderr)"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stderr.strip().endswith("set()")


# The installed script on a real terminal --------------------------------------------------------


def _read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    got = b""
    deadline = time.monotonic() + seconds
    while wanted not in got and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            got += chunk
    return got


@pytest.mark.parametrize(
    ("ending", "status"), [("q", 0), ("\x03", 130), ("SIGTERM", 130)], ids=["q", "ctrl-c", "sigterm"]
)
def test_the_installed_script_gives_the_terminal_back(ending: str, status: int) -> None:
    script = Path(sys.executable).parent / "leninletters"
    if not script.exists():
        pytest.skip("the console script is not installed beside this Python")
    controller, terminal = pty.openpty()
    os.set_blocking(controller, True)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "LENINLETTERS_CORPUS")}
    env.update(TERM="xterm-256color", COLUMNS="100", LINES="30")
    # Textual draws on stderr (stdout stays free for a redirect): all three are the terminal.
    process = subprocess.Popen(
        [str(script), "read"], stdin=terminal, stdout=terminal, stderr=terminal, env=env
    )
    os.close(terminal)
    try:
        drawn = _read_until(controller, b"To Leon Trotsky", 60)
        assert b"To Leon Trotsky" in drawn, drawn[-500:]
        if ending == "SIGTERM":
            process.send_signal(signal.SIGTERM)
        else:
            os.write(controller, ending.encode())
        drawn += _read_until(controller, b"\x1b[?1049l", 30)
        assert process.wait(timeout=30) == status
    finally:
        if process.poll() is None:
            process.kill()
        os.close(controller)
    assert b"\x1b[?1049h" in drawn  # it took the alternate screen
    assert b"\x1b[?1049l" in drawn  # and gave it back
