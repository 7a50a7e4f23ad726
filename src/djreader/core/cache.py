"""The on-disk cache of cleaned layouts, segmentation, entity spans and whole indexes.

Where: ``paths.cache_dir()/index-v{FORMAT}/``: ``store.sqlite`` holds, per
document *content* (a BLAKE2 digest of the decoded text), its cleaned
layout (title, blocks, sections), its distinct jieba words and its places
and figures, as JSON; ``*.djx`` files hold whole-index
snapshots (``core.snapshot``) keyed by every document's path, size, mtime
and digest, so reopening an unchanged corpus loads one file, and a corpus
with a few changed files re-segments only those.

Trust: nothing here is pickled, so a planted file cannot run code. Rows are
JSON, checked before use; a snapshot is checked by ``core.snapshot``. A
store of another format or code version is emptied; a damaged one is
deleted and started again; any failure to read or write the cache makes it
a miss, never an error for the reader. Results depend on the code, so the
key includes a fingerprint of djreader's own modules and data and jieba's
version: upgrading either starts a fresh cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from djreader.core.document import BLOCK_KINDS, Article, Block, Section
from djreader.core.paths import cache_dir
from djreader.core.spans import Span

FORMAT = 2
KEEP_SNAPSHOTS = 4
_DB_ERRORS = (sqlite3.Error, OSError)


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class FileKey:
    """What identifies one document's version on disk."""

    path: str
    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, path: Path | str | None, text: str) -> "FileKey":
        try:
            st = os.stat(path) if path is not None else None
        except OSError:
            st = None
        return cls(str(path or ""), st.st_size if st else -1, st.st_mtime_ns if st else -1, text_digest(text))


def code_fingerprint() -> str:
    """Changes whenever djreader's core code or data, or jieba, changes."""
    import importlib.util

    import djreader

    root = Path(djreader.__file__).parent
    h = hashlib.blake2b(digest_size=8)
    h.update(f"{FORMAT} {djreader.__version__}".encode())
    spec = importlib.util.find_spec("jieba")  # located, not imported: that takes a while
    if spec is not None and spec.origin:
        try:
            st = os.stat(spec.origin)
            h.update(f"jieba {spec.origin} {st.st_size} {st.st_mtime_ns}".encode())
        except OSError:
            h.update(b"jieba ?")
    for sub in ("core", "data"):
        try:
            entries = sorted(os.scandir(root / sub), key=lambda e: e.name)
        except OSError:
            continue
        for e in entries:
            if e.name.endswith((".py", ".txt", ".json", ".tsv", ".csv")) and e.is_file():
                st = e.stat()
                h.update(f"{sub}/{e.name} {st.st_size} {st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _span_row(s: Span) -> list:
    return [s.start, s.end, s.type, s.kind, s.value, s.unit, list(s.parents)]


def _span(row) -> Span:
    start, end, typ, kind, value, unit, parents = row
    if not (type(start) is int and type(end) is int and 0 <= start <= end):
        raise ValueError("bad offsets")
    if not (isinstance(typ, str) and isinstance(kind, str) and isinstance(unit, str)):
        raise ValueError("bad span fields")
    if value is not None and not isinstance(value, (int, float, str)):
        raise ValueError("bad value")
    if not isinstance(parents, list) or not all(isinstance(p, str) for p in parents):
        raise ValueError("bad parents")
    return Span(start, end, typ, kind, value, unit, tuple(parents))


def _article_row(a: Article) -> dict:
    return {
        "meta": [a.title, a.date, a.source, a.author, a.editor],
        "blocks": [[b.kind, b.start, b.end] for b in a.blocks],
        "sections": [[s.title, s.start, s.level, s.author] for s in a.sections],
    }


def _opt(x) -> str | None:
    if x is not None and not isinstance(x, str):
        raise ValueError("expected a string")
    return x


def _article(row: dict, length: int) -> Article:
    title, date, source, author, editor = row["meta"]
    if not isinstance(title, str):
        raise ValueError("title")
    blocks = []
    for kind, start, end in row["blocks"]:
        if kind not in BLOCK_KINDS or not (type(start) is int and type(end) is int and 0 <= start <= end <= length):
            raise ValueError("block")
        blocks.append(Block(kind, start, end))
    sections = []
    for stitle, start, level, sauthor in row["sections"]:
        if not (isinstance(stitle, str) and type(start) is int and 0 <= start <= length and type(level) is int):
            raise ValueError("section")
        sections.append(Section(stitle, start, level, _opt(sauthor)))
    return Article(title, _opt(date), _opt(source), _opt(author), _opt(editor), blocks, sections)


class Cache:
    """One cache directory. Safe to share between threads of one process
    (one connection, a lock) and between processes (SQLite's own locking;
    a busy store is a miss)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or cache_dir()) / f"index-v{FORMAT}"
        self.fingerprint = code_fingerprint()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._broken = False

    # -- the store ---------------------------------------------------------

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        path = self.root / "store.sqlite"
        for attempt in (1, 2):
            try:
                self.root.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, timeout=2, check_same_thread=False)
                db.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)")
                row = db.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
                if row is None or row[0] != self.fingerprint:
                    db.execute("DROP TABLE IF EXISTS words")
                    db.execute("DROP TABLE IF EXISTS entities")
                    db.execute("DROP TABLE IF EXISTS articles")
                    db.execute("INSERT OR REPLACE INTO meta VALUES('fingerprint', ?)", (self.fingerprint,))
                db.execute("CREATE TABLE IF NOT EXISTS words(digest TEXT PRIMARY KEY, data TEXT NOT NULL)")
                db.execute("CREATE TABLE IF NOT EXISTS entities(digest TEXT PRIMARY KEY, data TEXT NOT NULL)")
                db.execute("CREATE TABLE IF NOT EXISTS articles(digest TEXT PRIMARY KEY, data TEXT NOT NULL)")
                db.commit()
                self._db = db
                return db
            except _DB_ERRORS:
                # damaged or not SQLite at all: start again once, else do without
                try:
                    path.unlink()
                except OSError:
                    break
        self._broken = True
        return None

    def _get(self, table: str, digests: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        with self._lock:
            db = self._conn()
            if db is None:
                return out
            try:
                for i in range(0, len(digests), 500):
                    part = list(digests[i : i + 500])
                    q = f"SELECT digest, data FROM {table} WHERE digest IN ({','.join('?' * len(part))})"
                    out.update(db.execute(q, part).fetchall())
            except _DB_ERRORS:
                return {}
        return out

    def _put(self, table: str, rows: Iterable[tuple[str, str]]) -> None:
        with self._lock:
            db = self._conn()
            if db is None:
                return
            try:
                db.executemany(f"INSERT OR REPLACE INTO {table} VALUES(?, ?)", rows)
                db.commit()
            except _DB_ERRORS:
                pass  # a busy or read-only cache: the result is simply not kept

    def words(self, digests: Sequence[str]) -> dict[str, str]:
        """digest -> the document's distinct words, packed (``words.pack``), for those known."""
        return {d: w for d, w in self._get("words", digests).items() if isinstance(w, str)}

    def put_words(self, items: Iterable[tuple[str, str]]) -> None:
        """(digest, packed words) pairs."""
        self._put("words", items)

    def entities(self, digest: str, text_len: int) -> list[Span] | None:
        data = self._get("entities", [digest]).get(digest)
        if data is None:
            return None
        try:
            spans = [_span(r) for r in json.loads(data)]
        except (ValueError, TypeError):
            return None
        if any(s.end > text_len for s in spans):
            return None
        return spans

    def put_entities(self, digest: str, spans: list[Span]) -> None:
        try:
            data = json.dumps([_span_row(s) for s in spans], ensure_ascii=False)
        except (TypeError, ValueError):
            return  # a value JSON cannot hold: recognise again next time
        self._put("entities", [(digest, data)])

    def articles(self, digests: Sequence[str], lengths: Sequence[int]) -> dict[str, Article]:
        """digest -> the cleaned layout of that text (``core.clean``), for
        those known; ``lengths[n]`` is the length of text ``n``, and offsets
        past it make the row a miss."""
        out = {}
        size = dict(zip(digests, lengths))
        for d, data in self._get("articles", digests).items():
            try:
                art = _article(json.loads(data), size[d])
            except (ValueError, TypeError, KeyError):
                continue
            out[d] = art
        return out

    def put_articles(self, items: Iterable[tuple[str, Article]]) -> None:
        rows = []
        for d, a in items:
            try:
                rows.append((d, json.dumps(_article_row(a), ensure_ascii=False)))
            except (TypeError, ValueError):
                continue
        self._put("articles", rows)

    # -- snapshots ---------------------------------------------------------

    def snapshot_key(self, keys: Sequence[tuple[str, FileKey]]) -> str:
        h = hashlib.blake2b(digest_size=16)
        h.update(self.fingerprint.encode())
        for doc_id, k in keys:
            h.update(json.dumps([doc_id, k.path, k.size, k.mtime_ns, k.digest], ensure_ascii=False).encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def open_snapshot(self, key: str) -> BinaryIO | None:
        """The snapshot file for ``key``, open for reading, or None."""
        try:
            return open(self.root / f"{key}.djx", "rb")
        except OSError:
            return None

    def drop_snapshot(self, key: str) -> None:
        try:
            (self.root / f"{key}.djx").unlink()
        except OSError:
            pass  # already gone

    def write_snapshot(self, key: str, write: Callable[[BinaryIO], None]) -> None:
        """``write(fh)`` into a temporary file, then put it in place whole
        (a crash leaves the old snapshot or none); keeps the newest few."""
        path = self.root / f"{key}.djx"
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                write(fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            olds = sorted(self.root.glob("*.djx"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in olds[KEEP_SNAPSHOTS:]:
                old.unlink()
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass  # never created
            # no room or no permission: the next start builds again

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
