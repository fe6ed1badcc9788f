"""Hand long terminal output to a pager, as git does."""

from __future__ import annotations

import os
import sys


def page(text: str, *, screen_lines: int) -> None:
    """Write text to the terminal, through $PAGER (less) when it is taller than the screen."""
    import shlex
    import shutil
    import subprocess

    pager = os.environ.get("PAGER", "less")
    command = shlex.split(pager) if pager.strip() else []
    if not command or text.count("\n") < screen_lines or shutil.which(command[0]) is None:
        sys.stdout.write(text)
        return
    environment = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        subprocess.run(command, input=text.encode("utf-8", "replace"), env=environment, check=False)
    except OSError:
        sys.stdout.write(text)
