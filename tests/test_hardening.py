"""Any input, any terminal, any corpus: a clear answer, nothing lost, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from leninletters.cli.app import app
from leninletters.core.errors import CorpusError
from leninletters.formats.export import letters_json
from leninletters.store.corpus import check_document, load, parse_document

from .conftest import slow_export_into
from .test_script import SCRIPT, environment

runner = CliRunner()
EDITION_LETTERS: list[dict[str, Any]] = json.loads(letters_json(load().letters))


def corpus_file(tmp_path: Path, name: str, content: bytes | str | None) -> str:
    path = tmp_path / name
    if content is None:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def with_change(index: int, **changes: Any) -> str:
    letters = [dict(letter) for letter in EDITION_LETTERS[:3]]
    for key, value in changes.items():
        if value is ...:
            del letters[index][key]
        else:
            letters[index][key] = value
    return json.dumps(letters)


CORPUS_CASES = [
    ("missing.json", "absent", "no such file"),
    ("folder", None, "is a folder"),
    ("latin1.json", '[{"title": "Caf\xe9"}]'.encode("latin-1"), "not UTF-8"),
    ("broken.json", '[\n  {"number": 1,\n  "slug" "x"}\n]', "invalid JSON at line 3, column 10"),
    ("shape.json", '{"items": []}', "needs a 'letters' key"),
    ("string.json", '"letters"', "must be a JSON array of letters or an object"),
    ("empty.json", "[]", "has no letters"),
    ("no-text.json", with_change(1, text=...), "letter 2: text: missing"),
    (
        "typed.json",
        with_change(0, number="one"),
        "number: expected a whole number from 1 to 999999999, found 'one'",
    ),
    ("recipients.json", with_change(2, recipients="Trotsky"), "letter 3: recipients: expected an array"),
    ("date.json", with_change(0, date="1922-02-30"), "letter 1: date: expected a real date"),
    ("dup-number.json", with_change(2, number=1), "number: 1 is used again"),
    (
        "dup-slug.json",
        with_change(1, slug=EDITION_LETTERS[0]["slug"]),
        "slug: 'to-trotsky-1922-12-12' is used",
    ),
    ("bad-slug.json", with_change(1, slug="Not A Slug"), "must be lowercase letters"),
    ("parts.json", with_change(0, parts=[{"paragraphs": [2, 1]}]), "parts[1]: paragraphs"),
]


@pytest.mark.parametrize(("name", "content", "says"), CORPUS_CASES, ids=[case[0] for case in CORPUS_CASES])
def test_a_bad_corpus_gets_one_line_naming_the_problem(
    tmp_path: Path, name: str, content: bytes | str | None, says: str
) -> None:
    path = str(tmp_path / name) if content == "absent" else corpus_file(tmp_path, name, content)
    result = runner.invoke(app, ["--corpus", path, "list"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"leninletters: error: corpus {path}: ")
    assert result.stderr.count("\n") == 1
    assert says in result.stderr


def test_an_unreadable_corpus_says_so(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = corpus_file(tmp_path, "secret.json", "[]")
    os.chmod(path, 0)
    result = runner.invoke(app, ["--corpus", path, "list"])
    assert result.exit_code == 2 and "permission denied" in result.stderr


BAD_INPUTS = [
    (["list", "--from", "1922-13-01"], "month must be 01 to 12"),
    (["list", "--to", "1922-02-30"], "1922-02 has days 01 to 28"),
    (["list", "--from", "yesterday"], "'yesterday' is not a date"),
    (["list", "--from", ""], "'' is not a date"),
    (["list", "--from", "1923-03", "--to", "1922-12"], "--from 1923-03 is later than --to 1922-12"),
    (["show", "0"], "no letter number 0"),
    (["show", "99"], "no letter number 99"),
    (["show", "-1"], "no letter number -1"),
    (["show", "testment"], "did you mean testament"),
    (["show", "1922-12-22"], "no letter dated 1922-12-22: the nearest are 1922-12-21 and 1922-12-23"),
    (["show", "1922-13"], "month must be 01 to 12"),
    (["grep", "(a", "--regex"], "invalid regular expression '(a'"),
    (["grep", ""], "an empty pattern"),
    (["grep", "x" * 10_000], "the pattern is 10,000 characters long"),
    (["grep", "(.|..)+Q", "--regex"], "took over 1 s"),
    (["list", "--recipient", " "], "--recipient needs a name"),
    (["export", "--format", "docx"], "'docx' is not one of"),
    (["export", "-o", "/nonexistent-folder/out.txt"], "the folder /nonexistent-folder does not exist"),
    (["export", "-o", "/"], "/ is a folder"),
    (["export", "--from", "1930"], "no letters match"),
    (["list", "--form", "1922"], "--from"),
    (["shwo", "9"], "Did you mean 'show'"),
    (["list", "--keyword"], "requires an argument"),
]


@pytest.mark.parametrize(("args", "says"), BAD_INPUTS, ids=[" ".join(a)[:40] for a, _ in BAD_INPUTS])
def test_bad_input_gets_one_clear_line_status_2_and_an_empty_stdout(args: list[str], says: str) -> None:
    # A second for a whole regex search, so that the backtracking pattern is stopped quickly.
    result = runner.invoke(app, args, env={"LENINLETTERS_SEARCH_SECONDS": "1"})
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("leninletters: error: ")
    assert says in result.stderr


def test_export_into_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = Path("/sys") if os.geteuid() == 0 else tmp_path / "locked"
    if folder != Path("/sys"):
        folder.mkdir()
        folder.chmod(0o500)
    result = runner.invoke(app, ["export", "-o", str(folder / "out.txt")])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"cannot write in {folder}" in result.stderr


def test_the_bundled_edition_cannot_be_overwritten() -> None:
    from importlib import resources

    bundled = Path(str(resources.files("leninletters.data").joinpath("letters.json")))
    before = bundled.read_bytes()
    result = runner.invoke(app, ["export", "1", "-o", str(bundled), "--force"])
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert bundled.read_bytes() == before


# Signals, pipes and encodings, through the installed script --------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_export_leaves_the_old_file_and_no_temporary(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "letters.txt"
    process = slow_export_into(target, environment())
    assert process.stderr is not None
    assert any(path.name.endswith(".tmp") for path in tmp_path.iterdir())  # mid-write
    process.send_signal(signum)
    status = process.wait(timeout=20)
    assert status == 130
    assert process.stderr.read() == "leninletters: interrupted\n"
    assert target.read_text(encoding="utf-8") == "the old file\n"
    assert [path.name for path in tmp_path.iterdir()] == ["letters.txt"]


def test_ctrl_c_while_searching_ends_with_130_and_one_line() -> None:
    probe = (
        "import sys, time\n"
        "from leninletters.cli import app as cli\n"
        "from leninletters.store import edition\n"
        "def stuck(self, search, predicate, context, limit=None):\n"
        "    sys.stderr.write('READY\\n'); sys.stderr.flush(); time.sleep(60)\n"
        "edition.MemoryEdition.iter_search = stuck\n"
        "sys.argv = ['leninletters', 'grep', 'stalin']\n"
        "cli.main()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", probe],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=environment(),
    )
    assert process.stderr is not None and process.stdout is not None
    assert process.stderr.readline() == "READY\n"
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 130
    assert process.stderr.read() == "leninletters: interrupted\n"
    assert process.stdout.read() == ""


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LANG": "C", "LC_ALL": "C"},
        {"TERM": "dumb", "FORCE_COLOR": "1"},
        {"COLUMNS": "20", "FORCE_COLOR": "1", "PYTHONIOENCODING": "ascii"},
    ],
)
def test_any_terminal_encoding_or_width_gets_readable_output(env: dict[str, str]) -> None:
    assert SCRIPT is not None
    for args in (["show", "22"], ["list"], ["grep", "Ordzhonikidze's"], ["show", "testament", "--no-pager"]):
        result = subprocess.run([SCRIPT, *args], capture_output=True, env=environment(**env), cwd="/")
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr
        if env.get("PYTHONIOENCODING") == "ascii":
            result.stdout.decode("ascii")  # every byte is ASCII
            if args[0] == "grep":
                assert b"Ordzhonikidze's" in result.stdout  # the curly quote became a straight one


# Properties ------------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
ODD_TEXT = st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=30) | st.sampled_from(
    ["\u0000", "\ud7ff\ufeff", "x" * 200_000, "\u202e\u0301", "1922-12-25", "", " "]
)
KEYS = [
    "number", "slug", "title", "section", "date", "text", "recipients", "copies", "scribes", "scribe_names",
    "classification", "parts", "notes", "source", "source_note", "source_inferred", "people",
]  # fmt: skip


@st.composite
def mutated_corpora(draw: st.DrawFn) -> Any:
    letters = [json.loads(json.dumps(letter)) for letter in EDITION_LETTERS[: draw(st.integers(1, 4))]]
    for _ in range(draw(st.integers(1, 4))):
        letter = letters[draw(st.integers(0, len(letters) - 1))]
        key = draw(st.sampled_from(KEYS))
        action = draw(st.sampled_from(["drop", "json", "text"]))
        if action == "drop":
            letter.pop(key, None)
        elif action == "json":
            letter[key] = draw(JSON_VALUES)
        else:
            letter[key] = draw(ODD_TEXT)
    shape = draw(st.sampled_from(["array", "object", "bare"]))
    if shape == "object":
        return {"letters": letters, "people": draw(st.just([]) | JSON_VALUES)}
    if shape == "bare":
        return draw(JSON_VALUES)
    return letters


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=mutated_corpora())
def test_the_loader_gives_a_corpus_or_its_own_error_for_any_mutation(document: Any) -> None:
    try:
        corpus = parse_document(document)
    except CorpusError as error:
        assert str(error) and "\n" not in str(error)
        found, problems = check_document(document)
        assert found is None or problems
        return
    assert len(corpus) >= 1
    assert check_document(document)[1] == []


@given(st.lists(st.sampled_from(range(22)), unique=True, min_size=1))
def test_exporting_as_json_then_loading_gives_back_equal_letters(indexes: list[int]) -> None:
    letters = [load().letters[i] for i in sorted(indexes)]
    assert parse_document(json.loads(letters_json(letters))).letters == tuple(letters)
