"""A corpus, a pattern, a file or a terminal made by an attacker: a faithful, inert display or a clear no."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from leninletters.cli.app import app
from leninletters.core import search
from leninletters.core.errors import ExitStatus, InputError, OutputError, PatternError
from leninletters.core.model import Corpus, Letter
from leninletters.core.references import Selected
from leninletters.formats.export import document, markdown_escape
from leninletters.store.corpus import load
from leninletters.ui import files

from .conftest import on_a_terminal as run_on_a_pty
from .conftest import slow_export_into

runner = CliRunner()
# A corpus that loads but tries to fool a terminal and Rich: bidi overrides, markup, Markdown starts.
HOSTILE = Path(__file__).parent / "fixtures" / "hostile.json"
# One with control characters (ESC sequences, BEL, a C1 CSI) in its strings: validation refuses it.
CONTROLS = Path(__file__).parent / "fixtures" / "controls.json"
# What a terminal obeys: CSI, OSC (titles, hyperlinks), a C1 CSI, a bidi override, a carriage return.
OBEYED = ["\x1b[", "\x1b]", "\x07", "\x9b", "\u202e", "\r"]
DOCUMENTED = {0, 1, 2}


def base_environment(**overrides: str) -> dict[str, str]:
    drop = {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "PAGER", "LENINLETTERS_CORPUS", "LENINLETTERS_DEBUG"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(overrides)
    return env


def tool(*args: str) -> list[str]:
    return [sys.executable, "-m", "leninletters", *args]


def on_a_terminal(args: list[str], **env: str) -> tuple[int, str, str]:
    """Run the tool with a pseudo-terminal as stdout; return its status, what it drew, and its stderr."""
    terminal = {"COLUMNS": "100", "LINES": "200", "TERM": "xterm", **env}
    return run_on_a_pty(tool(*args), base_environment(**terminal))


# 1. Terminal injection ----------------------------------------------------------------------------


def test_visible_marks_controls_as_less_does_and_keeps_lines() -> None:
    from leninletters.ui.terminal import visible

    assert visible("a\x1b[2Jb\x07\x00\x7f") == "a^[[2Jb^G^@^?"
    assert visible("\x9b31m \u202eevil\u202c \ud800") == "<U+009B>31m <U+202E>evil<U+202C> <U+D800>"
    assert visible("Line one\n\tLine two – “quoted” Café") == "Line one\n\tLine two – “quoted” Café"


@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "1", "2", "3"], ["grep", "monopoly"], ["grep", "monopoly", "--count"], ["export"]],
    ids=lambda a: " ".join(a),
)
def test_on_a_terminal_nothing_from_the_corpus_is_obeyed(args: list[str]) -> None:
    status, drawn, stderr = on_a_terminal(["--corpus", str(HOSTILE), *args])
    assert status == 0, stderr
    drawn = drawn.replace("\r\n", "\n")  # the terminal's own line endings
    for control in OBEYED[1:]:
        assert control not in drawn
    assert "<U+202E>" in drawn  # shown, as less shows it


def test_piped_output_keeps_the_corpus_text_exactly() -> None:
    result = subprocess.run(
        tool("--corpus", str(HOSTILE), "show", "1"), capture_output=True, env=base_environment()
    )
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert "Clear \u202eneercs\u202c screen" in text
    assert "\u2067is red\u2069 \u202eevil\u202c" in text and "Leon \u202eykstorT\u202c" in text


@pytest.mark.parametrize("args", [["list"], ["show", "1"], ["grep", "monopoly"], ["export"], ["people"]])
def test_a_corpus_with_control_characters_is_refused_in_one_clean_line(args: list[str]) -> None:
    status, drawn, stderr = on_a_terminal(["--corpus", str(CONTROLS), *args])
    assert status == 2 and drawn == ""
    assert stderr.count("\n") == 1
    assert "letter 1: title: holds a control character (U+001B) at character 7" in stderr
    for control in OBEYED:
        assert control not in stderr


def with_controls(letter: Letter) -> Letter:
    """A letter as a stranger's program might build it in memory, past the loader's checks."""
    import msgspec

    return msgspec.structs.replace(
        letter,
        title="Clear \x1b[2J\x1b]0;pwned\x07 screen",
        text="Comrade, \x1b]8;;file:///etc/passwd\x07click\x1b]8;;\x07 here.\n\nThe monopoly \x9b31m is red.",
        parts=(),
        apparatus=None,
        mentions=(),
    )


def test_rich_views_show_controls_that_got_past_the_loader(edition: Corpus) -> None:
    from rich.console import Console

    from leninletters.ui.render import letter_view, list_table

    letter = with_controls(edition.letters[0])
    console = Console(file=io.StringIO(), width=120, color_system="standard", force_terminal=True)
    console.print(list_table([letter], 120))
    console.print(letter_view(letter))
    drawn = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[2J" not in drawn and "\x1b]" not in drawn and "\x07" not in drawn and "\x9b" not in drawn
    assert "Clear ^[[2J^[]0;pwned^G screen" in drawn


def test_messages_on_stderr_show_controls_from_names_and_arguments(tmp_path: Path) -> None:
    hostile_name = tmp_path / "no\x1b]0;owned\x07such" / "out.txt"
    result = runner.invoke(app, ["export", "-o", str(hostile_name)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "no^[]0;owned^Gsuch" in result.stderr


# 2. Markup injection ------------------------------------------------------------------------------


def test_rich_tables_draw_data_as_text_never_as_markup() -> None:
    result = runner.invoke(
        app, ["--corpus", str(HOSTILE), "list"], env={"FORCE_COLOR": "1", "COLUMNS": "140"}
    )
    assert result.exit_code == 0, result.stderr
    assert "[link=file:///etc/passwd]click[/link]" in result.stdout
    assert "Closing [/foo] tag" in result.stdout
    assert "\x1b]8;" not in result.stdout  # no live hyperlink


def test_rich_letter_and_grep_views_show_brackets_literally() -> None:
    shown = runner.invoke(
        app, ["--corpus", str(HOSTILE), "show", "2", "--no-pager"], env={"FORCE_COLOR": "1", "COLUMNS": "140"}
    )
    assert shown.exit_code == 0, shown.stderr
    assert "Note on [minor] changes and [bold]monopoly[/bold]." in shown.stdout
    assert "Source: [red]Source[/red]" in shown.stdout
    found = runner.invoke(
        app, ["--corpus", str(HOSTILE), "grep", "monopoly", "--count"], env={"FORCE_COLOR": "1"}
    )
    assert found.exit_code == 0 and "[link=file:///etc/passwd]click[/link]" in found.stdout


def test_highlights_stay_on_the_match_when_controls_before_it_grow() -> None:
    from rich.console import Console

    from leninletters.core.present import letter_heading
    from leninletters.ui.render import grep_view

    letter = with_controls(load(HOSTILE).letters[0])
    found = search.find(letter, search.Search("red"))
    console = Console(file=io.StringIO(), width=200, color_system="standard", force_terminal=True)
    console.print(grep_view([(letter_heading(letter), search.snippets(letter, found))]))
    drawn = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1;7mred\x1b[0m" in drawn
    assert "<U+009B>31m is " in drawn


# 3. Pattern bombs ---------------------------------------------------------------------------------


def counted_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The patterns handed to the regex engine from now on (compiling a bomb is what costs seconds and
    gigabytes; how long the refusal takes is timed in bench/guards.py)."""
    compiled: list[str] = []
    real = search._compile

    def compile_and_count(pattern: str, regex: bool, word: bool, case_sensitive: bool) -> object:
        compiled.append(pattern)
        return real(pattern, regex, word, case_sensitive)

    monkeypatch.setattr(search, "_compile", compile_and_count)
    return compiled


@pytest.mark.parametrize("pattern", ["(?:a{1000}){1000}", "(?:[ab]{1000}){1000}", "((a{100}){100}){100}"])
def test_a_regex_that_spells_out_millions_is_refused_before_it_is_compiled(
    pattern: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = counted_compiles(monkeypatch)
    result = runner.invoke(app, ["grep", pattern, "--regex"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "counted repeats" in result.stderr and "LENINLETTERS_REGEX_SIZE" in result.stderr
    assert compiled == []
    # The size is estimated in one pass that stops soon after the limit: a pattern ten times longer is
    # refused just the same, without compiling it either.
    longer = runner.invoke(app, ["grep", "(?:x{99})" * 10 + pattern, "--regex"])
    assert longer.exit_code == 2 and "counted repeats" in longer.stderr
    assert compiled == []


def test_tiny_patterns_that_would_never_finish_compiling_are_refused() -> None:
    for pattern in ["a{4294967294}", "x{99999999999999999999}", r"\w{65535}{65535}"]:
        with pytest.raises(PatternError, match="counted repeats"):
            search.Search(pattern, regex=True).check()


def test_the_regex_size_bound_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    search.Search("a{5000}", regex=True).check()
    monkeypatch.setenv("LENINLETTERS_REGEX_SIZE", "1000")
    with pytest.raises(PatternError, match="over 1,000 items"):
        search.Search("a{5000}", regex=True).check()


def test_ordinary_regexes_are_not_refused() -> None:
    for pattern in [r"Stalin|Trotsky", r"\d{4}-\d{2}-\d{2}", r"[A-Z][a-z]{2,20}ov", r"(?:ab){1,1000}"]:
        search.Search(pattern, regex=True).check()


# 4. Linear grep, one time limit ----------------------------------------------------------------------


def long_letter(repeats: int) -> Letter:
    import msgspec

    letter = load().letters[18]
    return msgspec.structs.replace(letter, text="\n\n".join([letter.text] * repeats))


class ScannedText(str):
    """A letter's text that counts the characters its searches scan (find, count, split), to show that
    grep reads a letter a bounded number of times however many matches it holds."""

    scanned = 0

    def _scans(self, start: int | None, end: int | None) -> None:
        begin, stop, _ = slice(start, end).indices(len(self))
        ScannedText.scanned += max(0, stop - begin)

    def find(self, sub: str, start: Any = None, end: Any = None) -> int:
        at = super().find(sub, start, end)
        self._scans(start, end if at < 0 else at + len(sub))  # find stops where it finds
        return at

    def count(self, sub: str, start: Any = None, end: Any = None) -> int:
        self._scans(start, end)
        return super().count(sub, start, end)

    def split(self, sep: Any = None, maxsplit: Any = -1) -> list[str]:
        self._scans(None, None)
        return super().split(sep, maxsplit)


@pytest.mark.parametrize("repeats", [4, 40])
def test_grep_reads_a_long_letter_a_bounded_number_of_times(
    repeats: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """find and snippets were quadratic in the matches (5.6 s on 441 KB): the paragraph of each match was
    counted from the start of the text, and every snippet split the letter again."""
    import msgspec

    letter = long_letter(repeats)  # 40 repeats: 441 KB, over 8,000 matches of "the"
    text = ScannedText(letter.text)
    letter = msgspec.structs.replace(letter, text=text)
    splits: list[str] = []
    real_sentences = search.sentences

    def split_and_count(paragraph: str) -> list[tuple[int, int]]:
        splits.append(paragraph)
        return real_sentences(paragraph)

    monkeypatch.setattr(search, "sentences", split_and_count)
    ScannedText.scanned = 0
    found = search.find(letter, search.Search("the"))
    snippets = search.snippets(letter, found, 2)
    assert len(found) > 200 * repeats and snippets
    assert ScannedText.scanned <= 3 * len(text)  # a few passes over the text, not one per match
    assert len(splits) <= len(letter.paragraphs)  # each paragraph split into sentences once at most


@settings(max_examples=60, deadline=None)
@given(
    paragraphs=st.lists(st.sampled_from(["A b.", "The x. The y!", "S.S. Ko the.", "the", "Z"]), min_size=1),
    context=st.integers(0, 2),
)
def test_paragraph_numbers_and_snippets_agree_with_counting_from_the_start(
    paragraphs: list[str], context: int
) -> None:
    import msgspec

    letter = msgspec.structs.replace(
        load().letters[0], text="\n\n".join(paragraphs), parts=(), apparatus=None, mentions=()
    )
    found = search.find(letter, search.Search("the"))
    for match in found:
        assert match.paragraph == letter.text.count("\n\n", 0, match.start) + 1
        assert letter.text[match.start : match.end].lower() == "the"
    for snippet in search.snippets(letter, found, context):
        assert snippet.text == letter.text[snippet.start : snippet.start + len(snippet.text)]
        assert snippet.text in paragraphs[snippet.paragraph - 1]
        for start, end in snippet.highlights:
            assert snippet.text[start:end].lower() == "the"


class Clock:
    """A clock that moves only when a search works: each letter a slow regex reads costs it 0.125 s."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.timeouts: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def finditer(self, text: str, timeout: float) -> list[Any]:
        self.timeouts.append(round(timeout, 6))
        self.now += 0.125
        if timeout < 0.125:
            raise TimeoutError
        return []


def test_one_deadline_covers_a_whole_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a second for each letter, a backtracking pattern took a second per letter: 22 s on the edition,
    a day on a large corpus. The time left is handed on from letter to letter, so a search allowed 0.5 s
    stops after the fourth letter (how long that takes on the real engine: bench/guards.py)."""
    clock = Clock()
    # The search module's clock alone: the test runner keeps the real one.
    monkeypatch.setattr("leninletters.core.search.time", SimpleNamespace(monotonic=clock.monotonic))
    monkeypatch.setattr(search, "_compile", lambda *_: clock)
    letters = load().letters
    slow = search.Search("(.|..)+Q", regex=True)
    deadline = search.Deadline(0.5)
    with pytest.raises(PatternError, match=r"took over 0.5 s in all.*LENINLETTERS_SEARCH_SECONDS"):
        for letter in letters:
            search.find(letter, slow, deadline)
    assert clock.timeouts == [0.5, 0.375, 0.25, 0.125]  # four letters of 22, each given what was left


def test_a_search_within_its_deadline_counts_every_match() -> None:
    testament = load().letters[8]
    within = search.Deadline(5)
    assert search.count(testament, search.Search("stalin", regex=True), within) == 6
    assert search.count(testament, search.Search("stalin"), within) == 6


def test_the_search_time_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LENINLETTERS_SEARCH_SECONDS", "42")
    assert search.Deadline().seconds == 42
    monkeypatch.setenv("LENINLETTERS_SEARCH_SECONDS", "nonsense")
    with pytest.raises(InputError, match="LENINLETTERS_SEARCH_SECONDS='nonsense': expected a number"):
        search.Deadline()


# 5. Tracebacks --------------------------------------------------------------------------------------


def test_an_unforeseen_failure_is_one_line_and_status_70(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("leninletters.store.edition.MemoryEdition.iter_select", broken)
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 70 and ExitStatus.INTERNAL.value == 70
    assert result.stdout == ""
    assert result.stderr == (
        "leninletters: internal error: ZeroDivisionError: a bug "
        "(a bug: please report it; LENINLETTERS_DEBUG=1 shows the traceback)\n"
    )
    debug = runner.invoke(app, ["list"], env={"LENINLETTERS_DEBUG": "1"})
    assert debug.exit_code == 70 and "Traceback" in debug.stderr and "ZeroDivisionError" in debug.stderr


@pytest.mark.parametrize("reference", ["²", "1" + "0" * 5000, "١٢"])
def test_odd_letter_numbers_never_end_in_a_traceback(reference: str) -> None:
    result = runner.invoke(app, ["show", reference])
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_a_full_disk_on_stdout_is_status_74() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(tool("export"), stdout=full, stderr=subprocess.PIPE, env=base_environment())
    assert result.returncode == 74 and ExitStatus.OUTPUT_FAILED.value == 74
    assert result.stderr.decode() == "leninletters: error: cannot write the output: No space left on device\n"


def test_a_closed_stdout_is_status_74() -> None:
    result = subprocess.run(
        ["/bin/sh", "-c", 'exec "$@" >&-', "sh", *tool("list")],
        stderr=subprocess.PIPE,
        env=base_environment(),
    )
    assert result.returncode == 74
    assert result.stderr.decode() == "leninletters: error: cannot write the output: Bad file descriptor\n"


def test_a_file_name_too_long_for_the_file_system_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "1", "-o", str(tmp_path / ("x" * 300))])
    assert result.exit_code == 2 and "the name is too long for the file system" in result.stderr


def test_a_symlink_loop_as_output_or_corpus_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    corpus = runner.invoke(app, ["--corpus", str(loop), "list"])
    assert corpus.exit_code == 2 and "Too many levels of symbolic links" in corpus.stderr
    with pytest.raises(OutputError, match="loops back on itself"):
        files.write_atomically(loop, ["x"], force=True)


def test_an_unpaired_quote_in_pager_prints_without_one() -> None:
    status, drawn, stderr = on_a_terminal(["show", "19"], PAGER="less '", LINES="20")
    assert status == 0
    assert "How We Should Reorganise" in drawn
    assert stderr == "leninletters: $PAGER cannot be read (an unpaired quote?): printing without a pager\n"


@pytest.mark.parametrize("shell", ["complete_bash"])
def test_shell_completion_without_its_variables_is_one_line(shell: str) -> None:
    script = shutil.which("leninletters", path=str(Path(sys.executable).parent))
    assert script is not None, "the console script is not installed: pip install -e ."
    result = subprocess.run(
        [script], capture_output=True, text=True, env=base_environment(_LENINLETTERS_COMPLETE=shell)
    )
    assert "Traceback" not in result.stderr
    if shell == "complete_bash":  # zsh's reads its own variables, and answers without them
        assert result.returncode == 2
        assert result.stderr.startswith("leninletters: error: shell completion needs")


IMPORT_INTERRUPTED = """
import sys
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            raise KeyboardInterrupt
sys.meta_path.insert(0, Interrupt())
from leninletters.cli.launch import main

main()
"""


def test_ctrl_c_while_the_tool_is_still_importing_is_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_INTERRUPTED], capture_output=True, text=True, env=base_environment()
    )
    assert result.returncode == 130
    assert result.stderr == "leninletters: interrupted\n"


def test_a_string_no_encoding_can_hold_reaches_every_output(tmp_path: Path) -> None:
    raw = json.loads(HOSTILE.read_text(encoding="utf-8"))
    raw["letters"][2]["text"] = "A lone \ud800 surrogate, the monopoly."
    corpus = tmp_path / "surrogate.json"
    corpus.write_text(json.dumps(raw), encoding="utf-8")
    for args in (["show", "3"], ["grep", "monopoly"], ["export", "--format", "json"]):
        result = subprocess.run(
            tool("--corpus", str(corpus), *args), capture_output=True, env=base_environment()
        )
        assert result.returncode in (0, 2), result.stderr  # 2 if validation refuses such a corpus
        assert b"Traceback" not in result.stderr
        if result.returncode == 0 and args[0] == "export":  # written as the escape JSON reads back
            assert json.loads(result.stdout)["letters"][2]["text"] == "A lone \ud800 surrogate, the monopoly."
        elif result.returncode == 0:
            assert b"A lone \\ud800 surrogate" in result.stdout
    target = tmp_path / "out.json"
    files.write_atomically(target, ['"A lone \ud800 surrogate"'], force=False)
    assert json.loads(target.read_text(encoding="utf-8")) == "A lone \ud800 surrogate"


# 6. Files ----------------------------------------------------------------------------------------


def test_force_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "private.txt"
    target.write_text("secret notes\n", encoding="utf-8")
    target.chmod(0o600)
    result = runner.invoke(app, ["export", "1", "-o", str(target), "--force"])
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("1. To Leon Trotsky")


def test_force_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = runner.invoke(app, ["export", "1", "-o", str(link), "--force"])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("1. To Leon Trotsky")
    refused = runner.invoke(app, ["export", "1", "-o", str(link)])
    assert refused.exit_code == 2 and "already exists" in refused.stderr


def test_a_fifo_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["export", "1", "-o", str(fifo), "--force"])
    assert result.exit_code == 2 and "is a named pipe (FIFO), not a file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_legal_name_with_no_room_for_a_suffix_still_works(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 250 + ".txt")  # 254 characters: the limit is 255
    result = runner.invoke(app, ["export", "1", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("1. To Leon Trotsky")


def test_same_file_sees_through_links_and_dots(tmp_path: Path) -> None:
    corpus = tmp_path / "mine.json"
    corpus.write_text("[]", encoding="utf-8")
    (tmp_path / "alias.json").symlink_to(corpus)
    (tmp_path / "hard.json").hardlink_to(corpus)
    assert files.same_file(corpus, tmp_path / "alias.json")
    assert files.same_file(corpus, tmp_path / "hard.json")
    assert files.same_file(corpus, tmp_path / "." / "mine.json")
    assert not files.same_file(corpus, tmp_path / "missing.json")
    assert not files.same_file(corpus, HOSTILE)


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGALRM])
def test_every_terminating_signal_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "letters.txt"
    process = slow_export_into(target, base_environment())
    process.send_signal(signum)
    assert process.wait(timeout=20) == 130
    assert target.read_text(encoding="utf-8") == "the old file\n"
    assert [path.name for path in tmp_path.iterdir()] == ["letters.txt"]


# 7. Streams and terminals --------------------------------------------------------------------------


@pytest.mark.parametrize("stderr", ["closed", "full"])
def test_a_closed_or_full_stderr_never_sends_messages_to_stdout(stderr: str) -> None:
    redirect = "2>&-" if stderr == "closed" else "2>/dev/full"
    result = subprocess.run(
        ["/bin/sh", "-c", f'exec "$@" {redirect}', "sh", *tool("show", "testamnet")],
        stdout=subprocess.PIPE,
        env=base_environment(),
    )
    assert result.returncode == 2
    assert result.stdout == b""


def test_a_reader_leaving_early_is_141_even_after_one_large_write() -> None:
    process = subprocess.Popen(
        tool("grep", "the", "--json"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=base_environment()
    )
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(10)) == 10
    process.stdout.close()  # the 300 KB answer is one write; the reader has what it wanted
    assert process.wait(timeout=30) == 141
    assert process.stderr.read() == b""


@pytest.mark.parametrize("columns", ["0", "1", "7"])
def test_a_zero_or_tiny_width_still_prints_something_readable(columns: str) -> None:
    listed = runner.invoke(app, ["list"], env={"FORCE_COLOR": "1", "COLUMNS": columns})
    assert listed.exit_code == 0
    assert "To Leon" in listed.stdout and "1922-12-12" in listed.stdout
    shown = runner.invoke(app, ["show", "22", "--no-pager"], env={"FORCE_COLOR": "1", "COLUMNS": columns})
    assert "Respectfully" in shown.stdout


def pager_script(tmp_path: Path, body: str) -> str:
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    pager.chmod(0o755)
    return str(pager)


def test_ctrl_c_while_paging_is_the_pagers_to_handle(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    # Ctrl-C reaches the whole foreground group; the pager survives it here and reads on to the end.
    pager = pager_script(tmp_path, f"trap '' INT\nkill -INT $PPID\nsleep 0.3\ncat > '{paged}'")
    status, _, stderr = on_a_terminal(["show", "19"], PAGER=pager, LINES="20")
    assert status == 0, stderr
    assert stderr == ""
    assert "How We Should Reorganise" in paged.read_text(encoding="utf-8")


def test_term_dumb_is_never_handed_to_a_pager(tmp_path: Path) -> None:
    pager = pager_script(tmp_path, f"touch '{tmp_path / 'used'}'\ncat")
    status, drawn, _ = on_a_terminal(["show", "19"], PAGER=pager, LINES="20", TERM="dumb")
    assert status == 0
    assert "How We Should Reorganise" in drawn
    assert not (tmp_path / "used").exists()


# 8. Writers ---------------------------------------------------------------------------------------


def test_markdown_escapes_structure_in_every_paragraph_and_line() -> None:
    text = "First.\n\n1. A numbered paragraph.\n\n- a dash\n+ a plus\n# a hash\n> a quote\n2) paren\n===\n---"
    assert markdown_escape(text) == (
        "First.\n\n1\\. A numbered paragraph.\n\n\\- a dash\n\\+ a plus\n\\# a hash\n\\> a quote\n"
        "2\\) paren\n\\===\n\\---"
    )


def test_markdown_makes_no_links_or_html_and_keeps_plain_punctuation() -> None:
    assert markdown_escape("[x](javascript:alert(1)) <script> &amp;") == (
        "\\[x](javascript:alert(1)) \\<script> \\&amp;"
    )
    assert markdown_escape("Notes {draft} | v1, snake_case, a < b, C#, [13]") == (
        "Notes {draft} | v1, snake_case, a < b, C#, [13]"
    )


def test_markdown_titles_show_no_stray_backslashes() -> None:
    from leninletters.formats.export import markdown_heading

    exported = "".join(document([Selected(letter) for letter in load(HOSTILE).letters], "markdown"))
    assert "## 3. Notes {draft} | v1 \\#\n" in exported  # a closing # would be dropped
    assert "\n1\\. A numbered paragraph.\n" in exported
    assert markdown_heading("Title\nover two lines") == "Title over two lines"


# Fuzz: the command line in-process with random arguments -------------------------------------------

COMMANDS = ["list", "show", "grep", "export", "validate", "people", "--version", "--help", "nonsense"]
OPTIONS = [
    "--from", "--to", "--recipient", "--scribe", "--keyword", "--json", "--regex", "-E", "--explain",
    "--color", "--word", "-w", "-S", "-C", "--count", "-c", "--format", "-f", "--no-pager", "-o",
    "--force", "--corpus", "-h", "--",
]  # fmt: skip
VALUES = [
    "1922", "1922-12", "1922-12-25", "1922-13", "1923-02-30", "1922-W52-1", "testament", "trotsky", "9",
    "0", "-1", "99999999999999999999", "markdown", "json", "docx", "(a", "(?:a{1000}){1000}", "a{4294967294}",
    "[link=x]y[/link]", "\x1b[2J", "\u202e", "", " ", "/", "/dev/null", str(HOSTILE), "/nonexistent",
    "to:trotsky", "date:1923..", "date:..", "(", ")", "or", "not", "-scribe:L.F.", "9:11", "16-18", "²",
    "nationalities", '"too rude', "number:1..99999999999", "foo:bar", "secret:",
]  # fmt: skip
# NUL cannot be in argv.
WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12
)
ARGUMENT = st.sampled_from(OPTIONS) | st.sampled_from(VALUES) | WORDS


FUZZ_EXAMPLES = int(os.environ.get("LENINLETTERS_FUZZ_EXAMPLES", "300"))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hostile=st.booleans(),
    command=st.sampled_from(COMMANDS),
    arguments=st.lists(ARGUMENT, max_size=5),
)
def test_any_arguments_get_a_documented_status_and_no_traceback(
    hostile: bool, command: str, arguments: list[str]
) -> None:
    if "-o" in arguments or "--output" in arguments:
        arguments = [a for a in arguments if a not in ("-o", "--output", "--force")]  # writes no files
    prefix = ["--corpus", str(HOSTILE)] if hostile else []
    result = runner.invoke(app, [*prefix, command, *arguments], env={"LENINLETTERS_SEARCH_SECONDS": "0.5"})
    assert result.exit_code in DOCUMENTED, (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    if result.exit_code == 2:
        assert result.stdout == ""
        assert result.stderr.startswith("leninletters: ")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1251"])
@pytest.mark.parametrize(
    "args",
    [["list", "--json"], ["show", "16", "--json"], ["export", "-f", "json"], ["people", "lenin", "--json"]],
)
def test_json_stays_valid_and_faithful_on_a_stream_that_cannot_encode_it(
    encoding: str, args: list[str]
) -> None:
    result = subprocess.run(tool(*args), capture_output=True, env=base_environment(PYTHONIOENCODING=encoding))
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()
    utf8 = subprocess.run(tool(*args), capture_output=True, env=base_environment(PYTHONIOENCODING="utf-8"))
    assert json.loads(result.stdout) == json.loads(utf8.stdout)  # the same data, escaped


def test_json_on_a_terminal_escapes_what_a_terminal_would_obey() -> None:
    status, drawn, _ = on_a_terminal(["--corpus", str(HOSTILE), "list", "--json"])
    assert status == 0
    assert "\u202e" not in drawn and "<U+202E>" not in drawn
    assert "\\u202e" in drawn  # JSON's own escape: the data reads back the same


def test_text_a_stream_cannot_encode_is_never_a_silent_question_mark() -> None:
    result = subprocess.run(
        tool("people", "krupskaya"), capture_output=True, env=base_environment(PYTHONIOENCODING="ascii")
    )
    assert result.returncode == 0
    assert "<U+041A><U+0440><U+0443><U+043F>" in result.stdout.decode("ascii")  # Крупская, by code point
    assert "?" not in result.stdout.decode("ascii").split("Also spelt:")[1].split("\n")[0]
