"""The architecture holds: the rooms' import contracts (pyproject.toml), and Rich imported lazily."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "leninletters"


def imported_modules(path: Path) -> set[str]:
    """The modules a file imports at its top level (not inside functions)."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_import_contracts_are_kept() -> None:
    """Layers, a core free of Typer and Rich, a command line that asks only the door: import-linter."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is part of the test extra: pip install -e '.[test]'"
    result = subprocess.run([lint_imports], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout and "KEPT" in result.stdout


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_rich_is_imported_at_module_level_only_by_the_rendering_module(path: Path) -> None:
    top_level = imported_modules(path)
    # The reader is a Textual app, which imports Rich itself; only `read` imports it, and
    # tests/test_reader.py checks that no other command does.
    if path != PACKAGE / "ui" / "render.py" and PACKAGE / "reader" not in path.parents:
        assert "rich" not in {name.split(".")[0] for name in top_level}, f"{path} imports Rich at import"
        assert "leninletters.ui.render" not in top_level, f"{path} imports render at module level"


def test_every_room_of_the_package_stands_in_a_layer() -> None:
    """A new folder outside the layers contract would be checked by nothing: each one is named there."""
    import tomllib

    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c for c in settings["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    layered = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    rooms = {f"leninletters.{path.parent.name}" for path in PACKAGE.glob("*/__init__.py")}
    assert rooms - {"leninletters.data"} == layered - {"leninletters.data"}
