"""What a hostile reviewer found in file writing and regex search: owners, races, settings, folding."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leninletters.core import regex_shape, search
from leninletters.core.errors import InputError, OutputError, PatternError
from leninletters.core.model import Corpus
from leninletters.ui import files

from .conftest import MINI, run

# 1. Replacing a file keeps its owner and group, and drops setuid and setgid ---------------------------

# Not root's: ids no test machine gives root, and the ones `nobody:nogroup` has on Debian.
OTHER_OWNER, OTHER_GROUP = 65534, 65534


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another owner")
def test_export_force_as_root_keeps_the_owner_and_group_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n")
    os.chown(target, OTHER_OWNER, OTHER_GROUP)
    os.chmod(target, 0o640)
    status, stdout, stderr = run("export", "-o", str(target), "--force")
    assert (status, stdout) == (0, ""), stderr
    replaced = os.stat(target)
    assert (replaced.st_uid, replaced.st_gid) == (OTHER_OWNER, OTHER_GROUP)
    assert stat.S_IMODE(replaced.st_mode) == 0o640
    assert "Testament" in target.read_text(encoding="utf-8")


def test_force_drops_setuid_and_setgid_as_cp_does(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n")
    os.chmod(target, 0o6755)
    files.write_atomically(target, ["new\n"], force=True)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o755
    assert target.read_text() == "new\n"


@pytest.mark.parametrize("refusal", [errno.EPERM, errno.EINVAL])
def test_an_owner_the_process_may_not_give_is_quietly_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refusal: int
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n")
    os.chmod(target, 0o600)
    tried: list[tuple[int, int]] = []

    def chown(path: object, uid: int, gid: int) -> None:
        tried.append((uid, gid))
        raise OSError(refusal, os.strerror(refusal))

    monkeypatch.setattr(os, "chown", chown)
    files.write_atomically(target, ["new\n"], force=True)
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    owner, group = os.stat(target).st_uid, os.stat(target).st_gid
    assert tried == [(owner, group), (-1, group), (owner, -1)]  # both, then the group alone, the owner alone
    assert list(tmp_path.iterdir()) == [target]


def test_another_failure_to_give_the_owner_is_reported_and_the_file_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n")

    def chown(path: object, uid: int, gid: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "chown", chown)
    with pytest.raises(OutputError, match=f"^cannot write {target}: Input/output error$"):
        files.write_atomically(target, ["new\n"], force=True)
    assert target.read_text() == "old\n" and list(tmp_path.iterdir()) == [target]


def test_a_new_file_is_given_no_owner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def chown(path: object, uid: int, gid: int) -> None:
        raise AssertionError("a new file keeps the process's owner")

    monkeypatch.setattr(os, "chown", chown)
    files.write_atomically(tmp_path / "new.txt", ["x"], force=True)
    files.write_atomically(tmp_path / "other.txt", ["x"], force=False)


# 2. Without --force, a file that appears meanwhile is never replaced ----------------------------------


# What link() says where a file system has no hard links: the only failures worked around.
NO_HARD_LINKS = sorted({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK})


def link_failing_with(number: int, appears: Path | None = None) -> object:
    """An os.link that fails as a file system with the given errno does; first, a file may appear."""

    def link(source: object, destination: object) -> None:
        if appears is not None:
            appears.write_text("theirs\n")
        raise OSError(number, os.strerror(number))

    return link


@pytest.mark.parametrize("number", NO_HARD_LINKS, ids=errno.errorcode.get)
def test_without_hard_links_a_new_file_is_still_written_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    target = tmp_path / "out.txt"
    monkeypatch.setattr(os, "link", link_failing_with(number))
    files.write_atomically(target, ["one\n", "two\n"], force=False)
    assert target.read_text() == "one\ntwo\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644 & ~files._umask()
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("number", NO_HARD_LINKS, ids=errno.errorcode.get)
def test_without_hard_links_a_file_that_appeared_meanwhile_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    target = tmp_path / "out.txt"
    monkeypatch.setattr(os, "link", link_failing_with(number, appears=target))
    refusal = f"^{target} already exists: use --force to replace it, or choose another name$"
    with pytest.raises(OutputError, match=refusal):
        files.write_atomically(target, ["mine\n"], force=False)
    assert target.read_text() == "theirs\n"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("number", [errno.EIO, errno.EACCES, errno.ENOSPC, errno.EXDEV, errno.EROFS])
def test_any_other_link_failure_is_reported_not_worked_around(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    target = tmp_path / "out.txt"
    monkeypatch.setattr(os, "link", link_failing_with(number))
    with pytest.raises(OutputError, match=f"^cannot write {target}: "):
        files.write_atomically(target, ["mine\n"], force=False)
    assert list(tmp_path.iterdir()) == []


def test_a_claim_that_is_replaced_meanwhile_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    monkeypatch.setattr(os, "link", link_failing_with(errno.EPERM))
    real_fstat = os.fstat

    def fstat(handle: int) -> os.stat_result:
        status = real_fstat(handle)
        # Another program replaces the empty file that claimed the name.
        (tmp_path / "theirs").write_text("theirs\n")
        os.replace(tmp_path / "theirs", target)
        return status

    monkeypatch.setattr(os, "fstat", fstat)
    with pytest.raises(OutputError, match="already exists"):
        files.write_atomically(target, ["mine\n"], force=False)
    assert target.read_text() == "theirs\n" and list(tmp_path.iterdir()) == [target]


# 3. Settings with bad values are refused, in one line --------------------------------------------------

BAD_VALUES = ["abc", "-1", "0", "nan", "inf", "-inf", "1e308", "١٠", " "]


@pytest.mark.parametrize("value", [*BAD_VALUES, "86401"])
def test_a_bad_search_time_limit_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("LENINLETTERS_SEARCH_SECONDS", value)
    expected = (
        f"LENINLETTERS_SEARCH_SECONDS={value!r}: expected a number of seconds above 0 and at most 86400 "
        "(a day), for example 30"
    )
    with pytest.raises(InputError) as refused:
        search.Deadline()
    assert str(refused.value) == expected
    status, stdout, stderr = run("grep", "monopoly")
    assert (status, stdout, stderr) == (2, "", f"leninletters: error: {expected}\n")


@pytest.mark.parametrize("value", [*BAD_VALUES, "2.5", "1000000001", "99999999999999999999"])
def test_a_bad_regex_size_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("LENINLETTERS_REGEX_SIZE", value)
    expected = f"LENINLETTERS_REGEX_SIZE={value!r}: expected a whole number of items from 1 to 1000000000"
    for pattern in ["monopoly", "Stal.n"]:
        status, stdout, stderr = run("grep", pattern, "--regex")
        assert (status, stdout, stderr) == (2, "", f"leninletters: error: {expected}\n")


@pytest.mark.parametrize(("value", "seconds"), [("", 10.0), ("0.5", 0.5), ("86400", 86400.0), ("1e2", 100.0)])
def test_good_search_time_limits_are_taken(
    monkeypatch: pytest.MonkeyPatch, value: str, seconds: float
) -> None:
    monkeypatch.setenv("LENINLETTERS_SEARCH_SECONDS", value)
    assert search.Deadline().seconds == seconds


@pytest.mark.parametrize(("value", "limit"), [("", 100_000), ("1", 1), ("1000000000", 1_000_000_000)])
def test_good_regex_sizes_are_taken(monkeypatch: pytest.MonkeyPatch, value: str, limit: int) -> None:
    monkeypatch.setenv("LENINLETTERS_REGEX_SIZE", value)
    assert search.regex_size_limit() == limit


# 4. Full case folding in every mode ------------------------------------------------------------------


@pytest.mark.parametrize("pattern", ["strasse", "STRASSE", "straße", "Straße"])
@pytest.mark.parametrize(
    "mode",
    [{}, {"word": True}, {"regex": True}, {"regex": True, "word": True}],
    ids=["plain", "w", "E", "wE"],
)
def test_every_mode_folds_case_alike_and_spans_stay_on_the_text(
    mini: Corpus, pattern: str, mode: dict[str, Any]
) -> None:
    letter = mini.letters[1]
    found = search.find(letter, search.Search(pattern, **mode))
    assert [m.text for m in found] == ["Straße", "STRASSE"]
    for match in found:
        assert letter.text[match.start : match.end] == match.text
    assert search.count(letter, search.Search(pattern, **mode)) == 2


def test_case_sensitive_search_does_not_fold(mini: Corpus) -> None:
    letter = mini.letters[1]
    modes: list[dict[str, Any]] = [{}, {"word": True}, {"regex": True}]
    for mode in modes:
        assert [
            m.text for m in search.find(letter, search.Search("Straße", case_sensitive=True, **mode))
        ] == ["Straße"]


@pytest.mark.parametrize("flags", [[], ["-w"], ["-E"], ["-w", "-E"]])
def test_grep_counts_strasse_alike_in_every_mode(flags: list[str]) -> None:
    status, _, stderr = run("--corpus", str(MINI), "grep", "strasse", "--count", *flags)
    assert status == 0 and "2 matches in 1 letter" in stderr  # the total, on stderr


# 5. The message about counted repeats names the user's own ------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "repeat"),
    [
        ("a{4294967294}", "{4294967294}"),
        ("x{99999999999999999999}", "{99999999999999999999}"),
        ("(?:a{1000}){1000}", "{1000}"),
        ("a{3}b{2000000,}", "{2000000,}"),
        ("(?:ab{ 500 }){300}", "{ 500 }"),
    ],
)
def test_the_counted_repeat_named_is_the_users_own(pattern: str, repeat: str) -> None:
    status, stdout, stderr = run("grep", pattern, "--regex")
    assert (status, stdout) == (2, "")
    assert stderr == (
        f"leninletters: error: the regular expression {pattern!r} spells out over 100,000 items with its "
        f"counted repeats such as {repeat}: use fewer or smaller ones (or raise the limit with "
        "LENINLETTERS_REGEX_SIZE)\n"
    )


def test_a_pattern_too_large_without_counted_repeats_names_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LENINLETTERS_REGEX_SIZE", "5")
    with pytest.raises(PatternError) as refused:
        search.Search("monopoly", regex=True).check()
    assert str(refused.value) == (
        "the regular expression 'monopoly' spells out over 5 items: shorten it "
        "(or raise the limit with LENINLETTERS_REGEX_SIZE)"
    )


# 6. Recursion is refused before it can cost anything ------------------------------------------------

RECURSIVE = {
    "(?R)": "(?R)",
    "(?:(?R)|a)": "(?R)",
    "(?0)": "(?0)",
    "(a|b)(?1)": "(?1)",
    "(a)(?-1)": "(?-1)",
    "(?+1)(a)": "(?+1)",
    "(?<n>a)(?&n)": "(?&n)",
    "(?P<n>a)(?P>n)": "(?P>n)",
    "(?(DEFINE)(?<w>\\w+))(?&w)": "(?&w)",
}


@pytest.mark.parametrize(("pattern", "call"), RECURSIVE.items())
def test_recursive_patterns_are_refused(pattern: str, call: str) -> None:
    with pytest.raises(PatternError) as refused:
        search.Search(pattern, regex=True).check()
    assert str(refused.value) == (
        f"the regular expression {pattern!r} recurses with {call}, which a search does not allow "
        "(it can take gigabytes): repeat a group with + or {m,n} instead"
    )


@pytest.mark.parametrize(
    "pattern", [r"\(?R\)", "[(?R)]", "(?P<n>a)(?P=n)", r"(a)\g<1>", r"(?:ab)+", "(?i)stalin", "(?>a+)b"]
)
def test_what_only_looks_like_recursion_is_taken(pattern: str) -> None:
    assert regex_shape.recursion(pattern) == ""
    search.Search(pattern, regex=True).check()


# Runs grep in a fresh process and reports that process's peak memory (VmHWM: the peak of this program
# alone, where a child's rusage also counts the test runner it was forked from).
PEAK_OF_GREP = """
import sys
from leninletters.cli import app as cli
sys.argv = ["leninletters", "grep", "-E", sys.argv[1]]
try:
    cli.main()
finally:
    with open("/proc/self/status") as status:
        sys.stderr.write("".join(line for line in status if line.startswith("VmHWM")))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to measure peak memory")
@pytest.mark.parametrize("pattern", ["(?:(?R)|a)", "(?R)"])
def test_recursive_patterns_are_refused_cheaply(pattern: str) -> None:
    # Bounded by memory, the work the regex engine did here; the time is kept in bench/guards.py.
    result = subprocess.run(
        [sys.executable, "-c", PEAK_OF_GREP, pattern], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and result.stdout == ""
    message, peak = result.stderr.splitlines()
    assert "recurses with (?R)" in message
    kilobytes = int(peak.split()[1])
    assert kilobytes < 100_000  # about 20 MB; it took 580 MB to 1 GB before it was refused


@pytest.mark.parametrize("pattern", ["(?:(?R)|a)", "(?R)", "a(?1)(b)", "(?P<x>a)(?P>x)"])
def test_a_recursive_pattern_never_reaches_the_regex_engine(
    pattern: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str] = []
    monkeypatch.setattr(search, "_compile", lambda pattern, *_: compiled.append(pattern))
    with pytest.raises(PatternError, match="recurses with"):
        search.Search(pattern, regex=True).check()
    assert compiled == []


# 7. A pattern that can match only empty text is refused, as the empty pattern is ---------------------

ONLY_EMPTY = [
    "^",
    "$",
    "^$",
    "(?=x)",
    "(?!x)",
    "(?<=a)",
    r"\b",
    r"\B",
    r"\A",
    "(?:)",
    "|",
    "a{0}",
    "(?:abc){0,0}",
]
ONLY_EMPTY += ["(?i)^", "(?P<start>^)", r"(?:^|\b)", "(?#just a comment)", "(?=Stalin)"]


@pytest.mark.parametrize("pattern", ONLY_EMPTY)
def test_a_regex_that_can_match_only_empty_text_is_refused(pattern: str) -> None:
    status, stdout, stderr = run("grep", pattern, "--regex")
    assert (status, stdout) == (2, "")
    assert stderr == (
        f"leninletters: error: the regular expression {pattern!r} can match only empty text, so it finds "
        "nothing to show: give a name or a phrase\n"
    )


@pytest.mark.parametrize(
    "pattern", ["x?", "a|^", "(?=Stalin)\\w+", r"\bStalin\b", "^Comrade", "(?:)Stalin", "(a)\\1", "a{0,1}"]
)
def test_a_regex_that_may_match_text_is_taken(pattern: str) -> None:
    search.Search(pattern, regex=True).check()
    assert not regex_shape.matches_only_empty(pattern)


TOKENS = ["a", "b", "^", "$", r"\b", "(?=a)", "(?!b)", "(?<=a)", "(", "(?:", ")", "|", "*", "?", "{0}", "{1}"]
TOKENS += [".", "[ab]", r"\1", "(?i)", "{0,2}", "(?>", "(?P<n>", r"\w"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=8).map("".join))
def test_a_regex_refused_as_empty_never_matches_text(pattern: str) -> None:
    import regex

    try:
        compiled = regex.compile(pattern, regex.VERSION0)
    except regex.error:
        return
    if regex_shape.matches_only_empty(pattern):
        for text in ["ab ba", "aab bba", "b a", "a", ""]:
            assert all(m.end() == m.start() for m in compiled.finditer(text)), (pattern, text)


BAD_SETTINGS = [("LENINLETTERS_SEARCH_SECONDS", "abc"), ("LENINLETTERS_REGEX_SIZE", "0")]


@pytest.mark.parametrize("setting", BAD_SETTINGS)
def test_a_bad_search_setting_is_refused_by_grep_person_too(setting: tuple[str, str]) -> None:
    name, value = setting
    status, stdout, stderr = run("grep", "--person", "stalin", env={name: value})
    assert (status, stdout) == (2, "") and name in stderr


@pytest.mark.parametrize(
    ("pattern", "size"),
    [("(?:ab{3}){10}", 40), ("a|b", 2), ("(?i)ab", 2), ("[ab]{5}", 5), (r"\p{L}{4}", 4), ("a{}", 3)],
)
def test_the_size_of_a_pattern_counts_what_its_repeats_spell_out(pattern: str, size: int) -> None:
    # One reading of the pattern (regex_shape.tokens) for its size, its recursion and its emptiness: a
    # group's opening (?: and inline flags (?i) are syntax, never items.
    assert search.regex_size(pattern) == size
