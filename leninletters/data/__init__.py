"""The bundled edition: installed as the package ``leninletters.data`` (see pyproject.toml), and the one
way to read its files."""

from __future__ import annotations

import os


def read_text(name: str) -> str:
    """A file of this package, wherever and however it is installed.

    importlib.resources finds it in any installation (a wheel, an editable install, a zip); but importing
    it and its readers costs 6 ms, a tenth of a small command's time. So where the package is a folder on
    disk, as pip installs it, the file is read from that folder, and importlib.resources only otherwise.
    """
    for folder in __path__:
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                return handle.read()
        except OSError:  # not a real folder (a zip import): ask importlib.resources
            break
    from importlib import resources

    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
