"""One place for the directories djreader writes to (never the documents).

``DJREADER_HOME`` overrides everything (tests point it at a temporary
directory); otherwise platformdirs gives the platform's cache and state dirs.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import platformdirs

APP = "djreader"


def _override(sub: str) -> Path | None:
    home = os.environ.get("DJREADER_HOME")
    return Path(home) / sub if home else None


def cache_dir() -> Path:
    return _override("cache") or Path(platformdirs.user_cache_dir(APP))


def state_dir() -> Path:
    return _override("state") or Path(platformdirs.user_state_dir(APP))


def config_dir() -> Path:
    return _override("config") or Path(platformdirs.user_config_dir(APP))


def atomic_write(path: Path, data: bytes) -> None:
    """Write a state or cache file so that a crash leaves the old one or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()  # a full disk leaves no partial file behind
        raise
