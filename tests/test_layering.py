"""The architecture holds: a pure core, Rich in one module, imported lazily."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "leninletters"
CORE = [
    "model.py", "corpus.py", "dates.py", "errors.py", "export.py", "build.py", "folding.py", "search.py",
    "predicates.py", "querylang.py", "references.py", "edition.py", "present.py", "plain.py", "files.py",
    "views.py", "output.py", "pager.py", "names.py", "mentions.py", "completion.py", "streams.py",
    "terminal.py", "related.py", "cite.py", "timeline.py", "cmif.py",
]  # fmt: skip


def imported_modules(path: Path, *, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def roots(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("module", CORE)
def test_the_core_knows_nothing_of_typer_or_rich(module: str) -> None:
    assert not roots(imported_modules(PACKAGE / module, top_level_only=False)) & {"typer", "rich", "click"}


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_rich_is_imported_at_module_level_only_by_the_rendering_module(path: Path) -> None:
    top_level = imported_modules(path, top_level_only=True)
    if path.name != "render.py":
        assert "rich" not in roots(top_level), f"{path.name} imports Rich at module level"
        assert "leninletters.render" not in top_level, f"{path.name} imports render at module level"
