"""--install-completion and --show-completion for the shell named (bash, zsh, fish), and the completion
classes that answer each Tab without Rich."""

# Typer's completion machinery is the command line's: this module stands beside cli.py, not in the core.
from __future__ import annotations

import os
from collections.abc import Sequence

from leninletters.core.errors import ExitStatus
from leninletters.ui.streams import PROG, say

COMPLETE_VAR = "_LENINLETTERS_COMPLETE"
INSTALL_COMPLETION = "--install-completion"
SHOW_COMPLETION = "--show-completion"

SHELLS = ("bash", "zsh", "fish")
WHITESPACE = r"\s"
# As Typer's zsh class escapes a value for _arguments: a colon is doubly escaped (to\\:trotsky).
ZSH_ESCAPES = (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", "\\\\:"))


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
    from typer._completion_shared import get_completion_script, install

    register_shells()
    if option == SHOW_COMPLETION:
        print(get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell))
        return ExitStatus.OK
    _, path = install(shell=shell, prog_name=PROG, complete_var=COMPLETE_VAR)
    print(f"{shell} completion installed in {path}; it takes effect in a new {shell}")
    return ExitStatus.OK


def running_shell() -> str:
    """The shell the user runs: the parent process's, else $SHELL's name."""
    try:
        import shellingham  # type: ignore[import-untyped]

        detected: tuple[str, str] = shellingham.detect_shell()
        return detected[0]
    except Exception:  # shellingham cannot tell (no /proc, an unknown parent): fall back on $SHELL
        return os.path.basename(os.environ.get("SHELL", ""))


def register_shells() -> None:
    """Typer's completion classes for bash, zsh and fish, without Rich: zsh and fish show each value's
    help, which Typer's own classes pass through Rich (40 ms of import on every Tab)."""
    import re

    from typer._click.shell_completion import CompletionItem, add_completion_class
    from typer._completion_classes import BashComplete, FishComplete, ZshComplete

    def zsh_escape(text: str) -> str:
        for old, new in ZSH_ESCAPES:
            text = text.replace(old, new)
        return text

    class Zsh(ZshComplete):
        def format_completion(self, item: CompletionItem) -> str:
            if item.help:
                return f'"{zsh_escape(item.value)}":"{zsh_escape(item.help)}"'
            return f'"{zsh_escape(item.value)}"'

    class Fish(FishComplete):
        def format_completion(self, item: CompletionItem) -> str:
            if item.help:
                return f"{item.value}\t{re.sub(WHITESPACE, ' ', item.help)}"
            return f"{item.value}"

    add_completion_class(BashComplete, "bash")
    add_completion_class(Zsh, "zsh")
    add_completion_class(Fish, "fish")
