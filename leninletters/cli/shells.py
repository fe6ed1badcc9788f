"""--install-completion and --show-completion for the shell named (bash, zsh, fish), and the completion
classes that answer each Tab, in our own protocol (scripts.py), without Rich."""

# Typer's completion machinery is the command line's: this module stands beside cli.py, not in the core.
from __future__ import annotations

import os
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from leninletters.cli.scripts import (
    INCOMPLETE_VAR,
    SCRIPTS,
    SHOW_COMPLETION,
    WANTS_FILES,
    WORD_SEPARATOR,
    WORDS_VAR,
)
from leninletters.ui.messages import ExitStatus
from leninletters.ui.streams import PROG, say

SHELLS = ("bash", "zsh", "fish")


def completion_script(words: Sequence[str]) -> int:
    """--install-completion [SHELL] and --show-completion [SHELL]: for the shell named, or the one running.

    Typer's own options are flags: `--install-completion zsh` would install the script of the shell it
    detects (bash, under most terminals) and ignore the word zsh.
    """
    option, equals, value = words[0].partition("=")
    named = value if equals else (words[1] if len(words) > 1 and not words[1].startswith("-") else "")
    shell = named.lower() or running_shell()
    if shell not in SHELLS:
        import difflib

        meant = difflib.get_close_matches(shell, SHELLS, n=1, cutoff=0.6) if shell else []
        why = f"no completion for {shell!r}" if shell else "cannot tell which shell runs"
        hint = f"did you mean {meant[0]}?" if meant else f"name one of {', '.join(SHELLS)}"
        say(f"error: {why}: {hint} (for example: {PROG} {option} zsh)")
        return ExitStatus.ERROR
    if option == SHOW_COMPLETION:
        print(SCRIPTS[shell], end="")
        return ExitStatus.OK
    path = install(shell)
    print(f"{shell} completion installed in {path}; it takes effect in a new {shell}")
    return ExitStatus.OK


def install(shell: str, home: Path | None = None) -> Path:
    """Write the shell's completion script where that shell looks for it, and the line of its start-up
    file that makes it look there (bash and zsh), once."""
    home = Path.home() if home is None else home
    script = {
        "bash": home / ".bash_completions" / f"{PROG}.sh",
        "zsh": home / ".zfunc" / f"_{PROG}",
        "fish": home / ".config" / "fish" / "completions" / f"{PROG}.fish",
    }[shell]
    start_up = {
        "bash": (home / ".bashrc", f"source {shlex.quote(str(script))}"),
        "zsh": (home / ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"),
    }.get(shell)
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(SCRIPTS[shell], encoding="utf-8")
    if start_up is not None:
        rc, line = start_up
        existing = rc.read_text(encoding="utf-8") if rc.is_file() else ""
        if line not in existing.splitlines():
            rc.write_text(f"{existing.rstrip(chr(10))}\n{line}\n".lstrip("\n"), encoding="utf-8")
    return script


def running_shell() -> str:
    """The shell the user runs: the parent process's, else $SHELL's name."""
    try:
        import shellingham  # type: ignore[import-untyped]

        detected: tuple[str, str] = shellingham.detect_shell()
        return detected[0]
    except Exception:  # shellingham cannot tell (no /proc, an unknown parent): fall back on $SHELL
        return os.path.basename(os.environ.get("SHELL", ""))


def _option_head(incomplete: str) -> str:
    """What Click strips from --style=bi before completing bi, and each value then needs back."""
    name, equals, _ = incomplete.partition("=")
    return name + equals if incomplete.startswith("-") and equals else ""


def register_shells() -> None:
    """Our completion classes for bash, zsh and fish, in place of Typer's: our scripts and protocol, each
    value written for its shell, and no Rich (Typer passes each help through it: 40 ms on every Tab)."""
    from typer._click.shell_completion import _resolve_context, _resolve_incomplete, add_completion_class
    from typer._completion_classes import BashComplete, FishComplete, ZshComplete

    from leninletters.cli.quoting import DEFAULT_WORDBREAKS, bash_reply, bash_words, offerable, shown

    class Answering:
        """What the three shells share: the values offered, the file-name signal, the help cleaned."""

        shell = ""

        def source(self) -> str:
            return SCRIPTS[self.shell]

        def get_completion_args(self) -> tuple[list[str], str]:
            words = os.environ.get(WORDS_VAR, "")
            return (words.split(WORD_SEPARATOR) if words else []), os.environ.get(INCOMPLETE_VAR, "")

        def complete(self) -> str:
            args, incomplete = self.get_completion_args()
            # As ShellComplete.get_completions, but a file name is the shell's to complete: Typer's
            # path type offers nothing and leaves it to a `-o default` our bash script does not set.
            ctx = _resolve_context(self.cli, self.ctx_args, self.prog_name, args)  # type: ignore[attr-defined]
            where, rest = _resolve_incomplete(ctx, args, incomplete)
            # (-o is read as text, to keep the slash of `-o x.txt/`: its metavar FILE says what it names)
            names_a_file = getattr(where, "metavar", None) == "FILE"
            if names_a_file or getattr(getattr(where, "type", None), "name", "") in (
                "path",
                "file",
                "directory",
            ):
                raise SystemExit(WANTS_FILES)
            items: list[Any] = where.shell_complete(ctx, rest)
            head = _option_head(incomplete)
            lines = (
                self.answer(head + str(item.value), shown(item.help or ""))
                for item in items
                if offerable(head + str(item.value))
            )
            answer = "\n".join(line for line in lines if line is not None)
            if not answer:  # nothing to offer is no output at all (Typer would print an empty line)
                raise SystemExit(ExitStatus.OK)
            return answer

        def answer(self, value: str, help_text: str) -> str | None:
            """One line of the answer: value, a tab, its help (zsh and fish show it beside the value)."""
            return f"{value}\t{help_text}" if help_text else value

    class Bash(Answering, BashComplete):
        shell = "bash"

        def get_completion_args(self) -> tuple[list[str], str]:
            line = os.fsencode(os.environ["COMP_LINE"])  # a KeyError: run by hand (see failures.py)
            point = int(os.environ.get("COMP_POINT") or len(line))  # bytes, as readline counts
            words, incomplete, self.typed = bash_words(os.fsdecode(line[:point]))
            self.breaks = os.environ.get("COMP_WORDBREAKS", DEFAULT_WORDBREAKS)
            return words[1:], incomplete

        def answer(self, value: str, help_text: str) -> str | None:
            return bash_reply(value, self.typed, self.breaks)

    class Zsh(Answering, ZshComplete):
        shell = "zsh"

    class Fish(Answering, FishComplete):
        shell = "fish"

        def get_completion_args(self) -> tuple[list[str], str]:
            args, incomplete = super().get_completion_args()
            return args, incomplete.lstrip("'\"")  # the token as typed: an opening quote is not the value

    add_completion_class(Bash, "bash")
    add_completion_class(Zsh, "zsh")
    add_completion_class(Fish, "fish")
