"""The reader's memory: where each document was left, bookmarks, past queries, the theme.

A corpus is what was named on the command line; its identity is a hash of
the sorted absolute paths, so ``djreader seeds/`` finds its state again from
any working directory, and a different set of paths starts afresh. Each
corpus has one JSON file under ``paths.state_dir()/corpora/``; the theme is
global and lives in ``settings.json`` beside it.

State is a convenience, never a reason to stop reading: a file that cannot
be read or parsed is renamed aside (``<name>.corrupt-<timestamp>``) and
described in one line in ``StateStore.warning``; nothing here raises to the
caller. ``StateStore.disabled()`` (``--no-state``) keeps everything in memory
and touches no file.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from djreader.core import paths

__all__ = ["FORMAT", "Bookmark", "StateStore", "corpus_id", "path_key"]

FORMAT = 1  # bump when the layout changes; other versions are set aside
MAX_HISTORY = 100  # search queries remembered per corpus
MAX_POSITIONS = 5000  # documents whose reading position is remembered
MAX_BOOKMARKS = 2000
MAX_LABEL = 200  # characters of a bookmark's label kept
MAX_FILE = 16 * 1024 * 1024  # a state file larger than this is not ours


class Bookmark(NamedTuple):
    path: str  # absolute path of the document
    offset: int  # character offset of the bookmarked paragraph
    label: str  # a short snippet of that paragraph
    created: float  # Unix time


def path_key(path: str | os.PathLike[str]) -> str:
    """The form under which a document is remembered: its absolute path."""
    return os.path.abspath(os.fspath(path))


def corpus_id(corpus_paths: Iterable[str | os.PathLike[str]]) -> str:
    joined = "\0".join(sorted({path_key(p) for p in corpus_paths}))
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:20]


class _Corrupt(ValueError):
    """The file exists but is not a state file we can use."""


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise _Corrupt(what)


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _read(path: Path) -> dict | None:
    """The file's JSON object, None when missing; _Corrupt or OSError otherwise."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE + 1)
    except FileNotFoundError:
        return None
    _check(len(data) <= MAX_FILE, "too large")
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise _Corrupt(f"not JSON ({err.__class__.__name__})") from None
    _check(isinstance(obj, dict), "not a JSON object")
    _check(obj.get("version") == FORMAT, f"format version {obj.get('version')!r}, expected {FORMAT}")
    return obj


def _parse_corpus(obj: dict) -> tuple[str | None, dict[str, int], list[Bookmark], list[str]]:
    last = obj.get("last_doc")
    _check(last is None or isinstance(last, str), "last_doc")
    positions = obj.get("positions", {})
    _check(isinstance(positions, dict), "positions")
    for k, v in positions.items():
        _check(_is_int(v) and v >= 0, f"position of {k!r}")
    marks = obj.get("bookmarks", [])
    _check(isinstance(marks, list), "bookmarks")
    bookmarks = []
    for m in marks:
        _check(isinstance(m, dict), "bookmark")
        p, off, label, created = m.get("path"), m.get("offset"), m.get("label", ""), m.get("created", 0)
        _check(isinstance(p, str) and _is_int(off) and off >= 0 and isinstance(label, str), "bookmark fields")
        _check(isinstance(created, (int, float)) and not isinstance(created, bool), "bookmark time")
        bookmarks.append(Bookmark(p, off, label, float(created)))
    history = obj.get("history", [])
    _check(isinstance(history, list) and all(isinstance(q, str) for q in history), "history")
    return last, dict(positions), bookmarks, history[-MAX_HISTORY:]


def _set_aside(path: Path, reason: str) -> str:
    """Rename a bad state file out of the way; the one-line warning to show."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
    except OSError as err:
        return f"reading state not loaded ({reason}) and could not be set aside: {err.strerror or err}"
    return f"reading state was unusable ({reason}); moved to {target.name}, starting afresh"


def _load(path: Path) -> tuple[dict | None, str | None]:
    try:
        obj = _read(path)
        return obj, None
    except _Corrupt as err:
        return None, _set_aside(path, str(err))
    except OSError as err:
        return None, _set_aside(path, err.strerror or str(err))


class StateStore:
    """One corpus's memory plus the global theme. Mutators only mark it dirty;
    ``save()`` writes, and costs nothing when nothing changed."""

    def __init__(self, *, corpus: list[str], enabled: bool, directory: Path | None) -> None:
        self.corpus = corpus
        self.enabled = enabled
        self.directory = directory
        self.warning: str | None = None
        self.last_doc: str | None = None
        self.history: list[str] = []
        self._positions: dict[str, int] = {}
        self._bookmarks: list[Bookmark] = []
        self._theme: str | None = None
        self._dirty = False
        self._theme_dirty = False

    # ----- opening ---------------------------------------------------------

    @classmethod
    def open(cls, corpus_paths: Iterable[str | os.PathLike[str]], *, enabled: bool = True) -> StateStore:
        corpus = sorted({path_key(p) for p in corpus_paths})
        if not enabled:
            return cls(corpus=corpus, enabled=False, directory=None)
        store = cls(corpus=corpus, enabled=True, directory=paths.state_dir())
        warnings = []
        obj, warn = _load(store._settings_path())
        if warn:
            warnings.append(warn)
        elif obj is not None and isinstance(obj.get("theme"), str):
            store._theme = obj["theme"]
        obj, warn = _load(store.file)
        if warn:
            warnings.append(warn)
        elif obj is not None:
            try:
                store.last_doc, store._positions, store._bookmarks, store.history = _parse_corpus(obj)
            except _Corrupt as err:
                warnings.append(_set_aside(store.file, str(err)))
        store.warning = "; ".join(warnings) or None
        return store

    @classmethod
    def disabled(cls) -> StateStore:
        """A store that remembers within this run only and reads and writes nothing."""
        return cls.open([], enabled=False)

    @property
    def file(self) -> Path:
        assert self.directory is not None
        return self.directory / "corpora" / f"{corpus_id(self.corpus)}.json"

    def _settings_path(self) -> Path:
        assert self.directory is not None
        return self.directory / "settings.json"

    # ----- reading position ----------------------------------------------------

    def position(self, path: str | os.PathLike[str]) -> int:
        return self._positions.get(path_key(path), 0)

    def set_position(self, path: str | os.PathLike[str], offset: int) -> None:
        key = path_key(path)
        offset = max(0, int(offset))
        if self._positions.get(key) == offset and self.last_doc == key:
            return
        self._positions.pop(key, None)  # re-insert: the dict keeps most recent last
        self._positions[key] = offset
        while len(self._positions) > MAX_POSITIONS:
            del self._positions[next(iter(self._positions))]
        self.last_doc = key
        self._dirty = True

    def set_last_doc(self, path: str | os.PathLike[str]) -> None:
        key = path_key(path)
        if self.last_doc != key:
            self.last_doc = key
            self._dirty = True

    # ----- bookmarks -------------------------------------------------------------

    def bookmarks(self) -> list[Bookmark]:
        """Every bookmark, newest first."""
        return sorted(self._bookmarks, key=lambda b: b.created, reverse=True)

    def bookmarks_in(self, path: str | os.PathLike[str]) -> list[Bookmark]:
        key = path_key(path)
        return sorted((b for b in self._bookmarks if b.path == key), key=lambda b: b.offset)

    def toggle_bookmark(
        self, path: str | os.PathLike[str], offset: int, label: str, *, within: tuple[int, int] | None = None
    ) -> bool:
        """Add a bookmark at ``offset``, or remove the one there; True when added.

        ``within`` (the current paragraph's start and end) widens "there" to any
        bookmark inside that range, so a paragraph holds at most one.
        """
        key = path_key(path)
        lo, hi = within if within else (offset, offset + 1)
        kept = [b for b in self._bookmarks if not (b.path == key and lo <= b.offset < hi)]
        self._dirty = True
        if len(kept) != len(self._bookmarks):
            self._bookmarks = kept
            return False
        self._bookmarks.append(Bookmark(key, max(0, int(offset)), label[:MAX_LABEL], time.time()))
        if len(self._bookmarks) > MAX_BOOKMARKS:
            self._bookmarks = sorted(self._bookmarks, key=lambda b: b.created)[-MAX_BOOKMARKS:]
        return True

    def remove_bookmark(self, path: str | os.PathLike[str], offset: int) -> bool:
        key = path_key(path)
        kept = [b for b in self._bookmarks if not (b.path == key and b.offset == offset)]
        removed = len(kept) != len(self._bookmarks)
        if removed:
            self._bookmarks = kept
            self._dirty = True
        return removed

    # ----- search history and theme ---------------------------------------------------

    def remember_query(self, query: str) -> None:
        q = query.strip()
        if not q or (self.history and self.history[-1] == q):
            return
        if q in self.history:
            self.history.remove(q)
        self.history.append(q)
        del self.history[:-MAX_HISTORY]
        self._dirty = True

    @property
    def theme(self) -> str | None:
        return self._theme

    @theme.setter
    def theme(self, name: str | None) -> None:
        if name != self._theme:
            self._theme = name
            self._theme_dirty = True

    # ----- saving ------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty or self._theme_dirty

    def save(self) -> bool:
        """Write what changed. False (with ``warning`` set) when it could not be written."""
        if not self.enabled or not self.dirty:
            return True
        try:
            if self._dirty:
                paths.atomic_write(self.file, self._encode(self._corpus_json()))
                self._dirty = False
            if self._theme_dirty:
                paths.atomic_write(self._settings_path(), self._encode({"version": FORMAT, "theme": self._theme}))
                self._theme_dirty = False
        except OSError as err:
            self.warning = f"reading state not saved: {err.strerror or err}"
            return False
        return True

    def _corpus_json(self) -> dict:
        return {
            "version": FORMAT,
            "corpus": self.corpus,
            "last_doc": self.last_doc,
            "positions": self._positions,
            "bookmarks": [
                {"path": b.path, "offset": b.offset, "label": b.label, "created": b.created} for b in self._bookmarks
            ],
            "history": self.history,
        }

    @staticmethod
    def _encode(obj: dict) -> bytes:
        # surrogateescape'd path characters cannot be UTF-8: escape them in JSON
        return json.dumps(obj, ensure_ascii=True, indent=1).encode("ascii")
