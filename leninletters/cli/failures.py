"""Where a run ends: every error, usage mistake, Ctrl-C and closed pipe becomes one line on stderr and a
documented status (docs/errors.md)."""

# No `from __future__ import annotations` here: Typer would have to eval every string annotation of every
# command on each run (a fifth of a small command's time); real annotations cost nothing to read.
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from leninletters.cli.options import (
    AFTER_DASHES,
)
from leninletters.cli.scripts import COMPLETE_VAR, INSTALL_COMPLETION, SHOW_COMPLETION
from leninletters.ui.messages import ExitStatus, ending
from leninletters.ui.streams import say, silence_stdout


def fail(message: str, status: int = ExitStatus.ERROR) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(status)


class LettersGroup(TyperGroup):
    """Turns the tool's errors, usage mistakes, Ctrl-C and closed pipes into one line and a status."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        # Click does not say which arguments came after `--`, where nothing is an option any more.
        after = args[args.index("--") + 1 :] if "--" in args else []
        ctx = super().make_context(info_name, args, parent=parent, **extra)
        ctx.meta[AFTER_DASHES] = len(after)
        return ctx

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk or a closed stdout is this command's failure, said here
            return result
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except (Exception, KeyboardInterrupt) as error:
            raise typer.Exit(ending(error)) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if os.environ.get(COMPLETE_VAR):
            from leninletters.cli.shells import register_shells

            register_shells()
        words = list(sys.argv[1:] if args is None else args)
        if words and words[0].split("=")[0] in (INSTALL_COMPLETION, SHOW_COMPLETION):
            from leninletters.cli.shells import completion_script

            sys.exit(completion_script(words))
        call = dict(args=args, prog_name=prog_name, complete_var=complete_var, **extra)
        if not standalone_mode:
            return super().main(**call, standalone_mode=False, windows_expand_args=windows_expand_args)
        try:
            result = super().main(**call, standalone_mode=False, windows_expand_args=windows_expand_args)
        except SystemExit as leaving:
            # Rich and Typer end on a closed pipe (`--help | head -1`) with status 1, which says "nothing
            # found" here: a reader that went away is 141, as for every other output.
            if leaving.code == 1 and isinstance(leaving.__context__, BrokenPipeError):
                silence_stdout()
                sys.exit(ExitStatus.BROKEN_PIPE)
            raise
        except typer.TyperException as error:
            context = getattr(error, "ctx", None)
            message = " ".join(error.format_message().split())
            hint = f" (see '{context.command_path} --help')" if context is not None else ""
            say(f"error: {message}{hint}")
            sys.exit(error.exit_code)
        except typer.Abort:
            say("interrupted")
            sys.exit(ExitStatus.INTERRUPTED)
        except typer.Exit as error:  # raised where no command runs: the crash and completion handlers
            sys.exit(error.exit_code)
        except (KeyError, ValueError, IndexError) as error:
            if any(name.endswith("_COMPLETE") for name in os.environ):
                # Shell completion started by hand: the shell's completion script sets these variables.
                say(
                    "error: shell completion needs the variables its shell script sets (COMP_LINE, "
                    "COMP_POINT): install it with 'leninletters --install-completion'"
                )
                sys.exit(ExitStatus.ERROR)
            sys.exit(ending(error))
        except (Exception, KeyboardInterrupt) as error:
            sys.exit(ending(error))
        sys.exit(result if isinstance(result, int) else ExitStatus.OK)
