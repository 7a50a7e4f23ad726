"""Shared fixtures: every test runs with its own djreader home (no user state touched)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _djreader_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("djreader-home")
    monkeypatch.setenv("DJREADER_HOME", str(home))
    yield home


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS
