"""Fixtures for the real-terminal tests: tmux panes, tool checks, seed fingerprints."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .harness import SEEDS, Terminal, base_env, missing_tools


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def require_tools(*names: str) -> None:
    """Skip when a system tool is missing; in CI (which installs them) fail instead."""
    missing = missing_tools(*names)
    if not missing:
        return
    reason = f"needs {', '.join(missing)} (apt-get install tmux openssh-server openssh-client)"
    if in_ci():
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def reader_home(tmp_path: Path) -> Path:
    """DJREADER_HOME for one test: no state or cache of the user is touched."""
    home = tmp_path / "djreader-home"
    home.mkdir()
    return home


@pytest.fixture
def terminal(tmp_path: Path, reader_home: Path) -> Iterator[Callable[..., Terminal]]:
    """Make tmux terminals (``terminal(width=80, height=24)``); all are killed at teardown."""
    require_tools("tmux")
    made: list[Terminal] = []

    def make(width: int = 80, height: int = 24, **env: str) -> Terminal:
        work = tmp_path / f"tmux{len(made)}"
        work.mkdir()
        term = Terminal(work, width=width, height=height, env=base_env(reader_home, env))
        made.append(term)
        return term

    yield make
    for term in made:
        term.kill()


def fingerprint(root: Path = SEEDS) -> dict[str, tuple[str, int, int]]:
    """sha256, size and mtime (ns) of every file under ``root``."""
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file():
            st = p.stat()
            out[str(p.relative_to(root))] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns)
    return out
