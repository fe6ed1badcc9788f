"""An undated letter has no place among the letters to its addressee: neither store says which letter
came before or after it, since that would be an invention of its sorting last."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    letters = [
        {"number": 1, "slug": "erster", "title": "Erster", "date": "1803-01-01", "text": "Eins."},
        {"number": 2, "slug": "zweiter", "title": "Zweiter", "date": "1803-02-01", "text": "Zwei."},
        {"number": 3, "slug": "ohne-datum", "title": "Ohne Datum", "text": "Drei."},
    ]
    for letter in letters:
        letter["recipients"] = ["Friedrich Schiller"]
    path = tmp_path / "undated.json"
    path.write_text(json.dumps({"letters": letters}), encoding="utf-8")
    return path


@pytest.mark.parametrize("store", ["--no-index", "index"])
def test_an_undated_letter_is_no_ones_previous_or_next(corpus: Path, store: str) -> None:
    if store == "index":
        assert run("--corpus", str(corpus), "index")[0] == 0
        options: tuple[str, ...] = ()
    else:
        options = (store,)
    status, out, err = run("--corpus", str(corpus), *options, "show", "ohne-datum")
    assert (status, err) == (0, "")
    assert "letter to Friedrich Schiller" not in out  # no previous or next letter to him
    status, out, err = run("--corpus", str(corpus), *options, "show", "zweiter")
    assert "The previous letter to Friedrich Schiller" in out
    assert "The next letter to" not in out  # the undated one does not follow it
