"""Start-up: a run imports and reads only what it uses (docs/speed.md), and answers exactly as before.

The bundled edition comes from the pickle the build keeps beside letters.json, which must stay the
corpus letters.json is; a run imports the module of the command it names and no other.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leninletters.cli.root import COMMANDS
from leninletters.store import bundled
from leninletters.store.corpus import load_bundled, parse_document
from leninletters.store.reading import BUNDLED, BUNDLED_FILE, bundled_text, parse


def _validated() -> object:
    """The bundled edition read the careful way: every record checked, as for any corpus file."""
    text = bundled_text(BUNDLED_FILE).encode("utf-8")
    return parse_document(parse(text, BUNDLED).document, BUNDLED)


def test_the_pickle_fits_the_bundled_letters_and_the_model() -> None:
    loaded = bundled.load()
    assert loaded is not None, "data/letters.pickle is stale: run python -m leninletters.build"


def test_the_pickle_holds_exactly_what_validating_letters_json_gives() -> None:
    assert bundled.load() == _validated()
    assert load_bundled() == _validated()


def _data_copy(tmp_path: Path) -> Path:
    folder = Path(bundled.data_folder() or "")
    for name in (BUNDLED_FILE, bundled.PICKLE_FILE):
        shutil.copy(folder / name, tmp_path / name)
    return tmp_path


def test_an_edited_letters_json_is_never_answered_from_the_pickle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _data_copy(tmp_path)
    text = (copy / BUNDLED_FILE).read_text(encoding="utf-8")
    (copy / BUNDLED_FILE).write_text(text.replace("To Leon Trotsky", "To Lev Trotsky", 1), encoding="utf-8")
    monkeypatch.setattr(bundled, "data_folder", lambda: str(copy))
    assert bundled.load() is None


def test_a_changed_record_type_is_never_answered_from_the_pickle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _data_copy(tmp_path)
    monkeypatch.setattr(bundled, "data_folder", lambda: str(copy))
    assert bundled.load() is not None
    shape = bundled.records_shape()
    monkeypatch.setattr(bundled, "records_shape", lambda: shape ^ 1)  # as if a field had been added
    assert bundled.load() is None


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"leninletters-bundled-1 0 0 0\n"])
def test_a_damaged_pickle_only_means_reading_letters_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    copy = _data_copy(tmp_path)
    (copy / bundled.PICKLE_FILE).write_bytes(damage)
    monkeypatch.setattr(bundled, "data_folder", lambda: str(copy))
    assert bundled.load() is None


def test_a_pickle_whose_key_fits_but_whose_body_is_broken_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _data_copy(tmp_path)
    key = bundled.key_for((copy / BUNDLED_FILE).read_bytes())
    (copy / bundled.PICKLE_FILE).write_bytes(key + b"\x80\x05garbage")
    monkeypatch.setattr(bundled, "data_folder", lambda: str(copy))
    assert bundled.load() is None


# What a run imports ---------------------------------------------------------------------------------

PROBE = """
import sys
from leninletters.cli.launch import main
sys.argv = ["leninletters", *{args!r}]
try:
    main()
except SystemExit:
    pass
sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith("leninletters"))))
"""


def _imported(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    tail = done.stderr[done.stderr.rindex("[") :]
    return set(ast.literal_eval(tail))


def test_list_imports_neither_the_other_commands_nor_the_corpus_decoders() -> None:
    imported = _imported("list", "--json")
    assert "leninletters.cli.letters" in imported
    others = {f"leninletters.cli.{name}" for name in ("searching", "scholar", "reading", "indexing")}
    assert not imported & others
    # The bundled edition came from its pickle: nothing decoded or validated letters.json.
    assert "leninletters.store.assembly" not in imported
    assert "leninletters.store.problems" not in imported


def test_read_imports_no_other_command() -> None:
    imported = _imported("read", "--help")
    assert "leninletters.cli.reading" in imported
    others = {f"leninletters.cli.{name}" for name in ("letters", "searching", "scholar", "indexing")}
    assert not imported & others


def test_help_still_lists_every_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "leninletters", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    for name in ("list", "show", "grep", "export", "validate", "people", "cite", "timeline", "read", "index"):
        assert f" {name} " in done.stdout


# A plain `read` starts the reader without Typer ---------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["read"], (None, [])),
        (["read", "date:1923-01"], (None, ["date:1923-01"])),
        (["read", "to:trotsky", "date:1923.."], (None, ["to:trotsky", "date:1923.."])),
        (["read", "--", "-scribe:L.F."], (None, ["-scribe:L.F."])),
        (["read", "a", "--", "--", "b"], (None, ["a", "--", "b"])),
        (["--corpus", "mine.json", "read"], (Path("mine.json"), [])),
        (["--corpus=mine.json", "--no-index", "read", "x"], (Path("mine.json"), ["x"])),
        (["--no-reindex", "read"], (None, [])),
    ],
)
def test_the_plain_forms_of_read_are_read_without_typer(
    arguments: list[str], expected: tuple[Path | None, list[str]]
) -> None:
    from leninletters.cli.reader_start import plain_read

    assert plain_read(arguments) == expected


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["list"],
        ["read", "--help"],
        ["read", "-h"],
        ["read", "to:trotsky", "--json"],
        ["--version", "read"],
        ["--corpus"],
        ["--corpus", "read"],
        ["--corpus=", "read"],
        ["--verbose", "read"],
        ["reed"],
    ],
)
def test_every_other_form_of_read_goes_through_the_command_line(arguments: list[str]) -> None:
    from leninletters.cli.reader_start import plain_read

    assert plain_read(arguments) is None


def test_completion_never_takes_the_plain_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from leninletters.cli.reader_start import plain_read

    monkeypatch.setenv("_LENINLETTERS_COMPLETE", "complete_bash")
    assert plain_read(["read"]) is None


READ_PROBE = """
import sys
{prelude}
from leninletters.cli.launch import main
sys.argv = ["leninletters", *{args!r}]
try:
    main()
except SystemExit as leaving:
    sys.stderr.write(f"STATUS {{leaving.code}} TYPER {{'typer' in sys.modules}}\\n")
"""


def _read(*args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", READ_PROBE.format(args=list(args), prelude=prelude)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_read_off_a_terminal_says_so_in_one_line_without_importing_typer() -> None:
    from leninletters.cli.reading import NO_TERMINAL

    done = _read("read")
    assert done.stdout == ""
    assert done.stderr == f"leninletters: error: {NO_TERMINAL}\nSTATUS 2 TYPER False\n"


def test_a_malformed_query_to_read_is_one_line_and_status_2_without_typer() -> None:
    done = _read("read", "(to:trotsky")
    assert done.stdout == ""
    assert "unclosed '('" in done.stderr
    assert done.stderr.count("\n") == 2 and done.stderr.endswith("STATUS 2 TYPER False\n")


def test_read_without_textual_says_how_to_install_it_on_the_fast_path_too() -> None:
    from leninletters.cli.reading import INSTALL_HINT

    done = _read("read", prelude='sys.modules["textual"] = None')
    assert done.stderr == f"leninletters: error: {INSTALL_HINT}\nSTATUS 2 TYPER False\n"


def test_a_missing_corpus_for_read_is_the_same_line_either_way(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.json")
    fast = _read("--corpus", missing, "read")
    assert "TYPER False" in fast.stderr
    from .conftest import run

    status, out, err = run("--corpus", missing, "read")
    assert (status, out) == (2, "")
    # Off a terminal both refuse before the corpus is opened, with the same line.
    assert fast.stderr.splitlines()[0] == err.strip()


def test_read_help_is_typers_as_before() -> None:
    done = _read("read", "--help")
    assert "Read the letters interactively" in done.stdout
    assert done.stderr.endswith("STATUS 0 TYPER True\n")


COMPLETION_PROBE = """
import os, sys
os.environ.update({environ!r})
from leninletters.cli.launch import main
sys.argv = ["leninletters"]
try:
    main()
except SystemExit:
    pass
sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith("leninletters.cli."))))
"""


def _completed(environ: dict[str, str]) -> tuple[list[str], set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", COMPLETION_PROBE.format(environ=environ)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stdout.splitlines(), set(ast.literal_eval(done.stderr[done.stderr.rindex("[") :]))


@pytest.mark.parametrize(
    "environ",
    [
        {"_LENINLETTERS_COMPLETE": "complete_bash", "COMP_LINE": "leninletters list --person tro"},
        {"_LENINLETTERS_COMPLETE": "complete_fish", "_LENINLETTERS_WORDS": "list\x1f--person"},
        {"_LENINLETTERS_COMPLETE": "complete_zsh", "_LENINLETTERS_WORDS": "--corpus\x1fx.json\x1flist"},
    ],
)
def test_tab_within_a_command_imports_that_command_alone(environ: dict[str, str]) -> None:
    environ.setdefault("_LENINLETTERS_INCOMPLETE", "tro")
    offered, imported = _completed(environ)
    if "--corpus" not in environ.get("_LENINLETTERS_WORDS", ""):
        assert offered and offered[0].split("\t")[0] == "trotsky"
    assert "leninletters.cli.letters" in imported
    others = {f"leninletters.cli.{name}" for name in ("searching", "scholar", "reading")}
    assert not imported & others


@pytest.mark.parametrize(
    "line", ["leninletters gr", "leninletters ", "leninletters 'li", "leninletters --corpus x.json ti"]
)
def test_tab_on_the_command_name_still_offers_every_command(line: str) -> None:
    offered, _ = _completed({"_LENINLETTERS_COMPLETE": "complete_bash", "COMP_LINE": line})
    # Every command, in --help's order (bash lists the names without importing their modules).
    if line == "leninletters ":
        assert offered == [command.name for command in COMMANDS]
    if line.endswith("gr"):
        assert offered == ["grep"]
    if line.endswith("ti"):
        assert offered == ["timeline"]


WHOLE_APP_PROBE = """
import os, sys
os.environ.update({environ!r})
sys.argv = ["leninletters"]
from leninletters.cli.app import app
try:
    app()
except SystemExit:
    pass
"""


@pytest.mark.parametrize("shell", ["zsh", "fish"])
@pytest.mark.parametrize("typed", ["", "gr", "-", "--co"])
def test_tab_on_the_first_word_offers_what_the_whole_app_offers(shell: str, typed: str) -> None:
    environ = {
        "_LENINLETTERS_COMPLETE": f"complete_{shell}",
        "_LENINLETTERS_WORDS": "",
        "_LENINLETTERS_INCOMPLETE": typed,
    }
    offered, _ = _completed(environ)
    whole = subprocess.run(
        [sys.executable, "-c", WHOLE_APP_PROBE.format(environ=environ)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # In the same order for commands; Click gathers an option's names in a set, whose order is the run's.
    assert sorted(offered) == sorted(whole.stdout.splitlines())
    assert offered  # every command with its help, or the top-level options


# A query's names: names.toml's people from the build's checked copy ------------------------------


def _names_toml() -> bytes:
    from leninletters.core import names
    from leninletters.data import read_text

    return read_text(names.NAMES_FILE).encode("utf-8")


def test_the_checked_names_are_exactly_what_parsing_names_toml_gives() -> None:
    import tomllib

    from leninletters.core import names

    stored = names._read_data(names.CHECKED_NAMES_FILE)
    copied = names.checked_names(_names_toml(), stored)
    assert copied is not None, "data/names.marshal is stale: run python -m leninletters.build"
    assert copied == names.parse_names(tomllib.loads(_names_toml().decode("utf-8")))


@pytest.mark.parametrize("damage", [b"", b"not a copy", b"leninletters-names-1 0 0\n\x00"])
def test_a_missing_or_damaged_copy_of_the_names_is_not_used(damage: bytes) -> None:
    from leninletters.core import names

    assert names.checked_names(_names_toml(), None) is None
    assert names.checked_names(_names_toml(), damage) is None


def test_the_copy_of_an_earlier_names_toml_is_not_used() -> None:
    from leninletters.core import names

    stored = names.checked_copy(_names_toml())
    edited = _names_toml().replace("Троцкий".encode(), "Троцкий Ф".encode(), 1)
    assert edited != _names_toml()
    assert names.checked_names(edited, stored) is None


def test_a_query_by_name_parses_no_toml() -> None:
    probe = PROBE.replace('m.startswith("leninletters")', "m in ('tomllib', 'leninletters.core.names')")
    done = subprocess.run(
        [sys.executable, "-c", probe.format(args=["list", "to:trotsky", "--json"])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("[")
    assert ast.literal_eval(done.stderr[done.stderr.rindex("[") :]) == ["leninletters.core.names"]


def test_bash_tab_on_a_command_name_imports_no_command_module() -> None:
    environment = {**os.environ, "_LENINLETTERS_COMPLETE": "complete_bash", "COMP_LINE": "leninletters gr"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=[])],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["grep"]
    imported = set(ast.literal_eval(done.stderr[done.stderr.rindex("[") :]))
    commands = {"letters", "searching", "scholar", "reading", "indexing", "importing"}
    assert not imported & {f"leninletters.cli.{name}" for name in commands}
