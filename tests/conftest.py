"""Shared fixtures: the bundled edition and a small corpus with the edge cases the edition lacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from leninletters.corpus import load
from leninletters.model import Corpus

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.json"


@pytest.fixture(scope="session")
def edition() -> Corpus:
    return load()


@pytest.fixture(scope="session")
def mini() -> Corpus:
    return load(MINI)
