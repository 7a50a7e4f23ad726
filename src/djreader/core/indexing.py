"""Opening a corpus's search index: from the cache when nothing changed,
otherwise segmenting only the documents the cache does not know, in worker
processes, and merging what they return.

Used by the reader's indexing worker and by ``djreader search``; both share
one cache (``core.cache``), and ``cache=None`` (``--no-cache``) neither
reads nor writes it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from pathlib import Path

from djreader.core import snapshot
from djreader.core.cache import Cache, FileKey
from djreader.core.index import Index
from djreader.core.parallel import Cancelled, analyse_iter

__all__ = ["INDEX", "SEGMENT", "Cancelled", "open_index"]

Progress = Callable[[str, int, int], None]  # (stage, done, total); stages: SEGMENT, INDEX
SEGMENT, INDEX = "segmenting", "indexing"
STORE_BATCH = 2000  # documents' words written to the cache at a time


def open_index(
    docs: Sequence[tuple[str, str]],
    *,
    paths: Sequence[Path | str | None] | None = None,
    cache: Cache | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Index:
    """The index of ``(doc_id, text)`` pairs. ``paths[n]`` is the file of
    document ``n`` (its size and mtime join the cache key). ``progress(stage,
    done, total)`` counts documents segmented, then indexed; ``cancelled()``
    stops the work with :class:`Cancelled` (worker processes are terminated,
    not awaited).

    Merging overlaps segmentation: the parent folds each document and
    collects its characters and pairs while the workers segment the ones
    after it, and takes each document's words as they arrive, in order."""
    texts = [t for _, t in docs]
    keys = [FileKey.of(paths[n] if paths else None, t) for n, t in enumerate(texts)] if cache else []
    skey = ""
    if cache is not None:
        skey = cache.snapshot_key([(d, k) for (d, _), k in zip(docs, keys)])
        index = _from_snapshot(cache, skey, texts)
        if index is not None:
            if progress is not None:
                progress(INDEX, len(docs), len(docs))
            return index
    digests = [k.digest for k in keys]
    known = cache.words(digests) if cache is not None else {}
    missing = [n for n in range(len(texts)) if not known or digests[n] not in known]
    fresh: list[tuple[str, str]] = []  # (digest, words) not yet in the cache

    def keep(digest: str, words: str, last: bool = False) -> None:
        if cache is None:
            return
        if digest:
            fresh.append((digest, words))
        if fresh and (last or len(fresh) >= STORE_BATCH):
            cache.put_words(fresh)  # as they come: a large corpus's words never pile up
            fresh.clear()

    stream = analyse_iter([texts[n] for n in missing], workers=workers, cancelled=cancelled)
    try:
        index = Index.build(
            list(docs),
            words=_Words(len(texts), known, digests, missing, stream, keep),
            progress=_stepper(SEGMENT, progress, cancelled),
        )
    finally:
        stream.close()  # stops the workers if the build ended early
    known.clear()
    keep("", "", last=True)
    if progress is not None:
        progress(INDEX, len(docs), len(docs))
    if cache is not None:
        if cancelled is not None and cancelled():
            raise Cancelled  # quitting: do not hold the exit up writing the cache
        cache.write_snapshot(skey, lambda fh: snapshot.dump(index, fh))
    return index


class _Words:
    """Each document's packed words in order: from the cache where it knows
    them, else the next one the workers finish (handed to ``keep(digest,
    words)`` for the cache). ``ready()`` says whether the next one can be
    had without waiting, so the index can do other work meanwhile."""

    def __init__(self, total: int, known: dict, digests: list[str], missing: list[int], stream, keep) -> None:
        self._n, self._total = 0, total
        self._known, self._digests, self._stream, self._keep = known, digests, stream, keep
        self._todo = iter(missing)
        self._due = next(self._todo, None)
        self._stream_ready = getattr(stream, "ready", None)

    def __iter__(self) -> "_Words":
        return self

    def __next__(self) -> str:
        n = self._n
        if n >= self._total:
            raise StopIteration
        self._n += 1
        if n != self._due:
            return self._known[self._digests[n]]
        words = next(self._stream)
        self._keep(self._digests[n] if self._digests else "", words)
        self._due = next(self._todo, None)
        return words

    def ready(self) -> bool:
        if self._n != self._due or self._stream_ready is None:
            return True
        return self._stream_ready()


def _from_snapshot(cache: Cache, key: str, texts: list[str]) -> Index | None:
    fh = cache.open_snapshot(key)
    if fh is None:
        return None
    # As in Index.build: loading makes hundreds of thousands of strings and
    # lists, none in a cycle, which the collector would otherwise scan again
    # and again; once loaded they are moved out of its sight (freeze), so the
    # scan it put off never comes either.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            with fh:
                index = snapshot.load(fh, texts)
        except (OSError, ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError, MemoryError):
            cache.drop_snapshot(key)  # damaged or foreign: rebuilt by the caller
            return None
        index.fold_all()
        index.lexicon().prepare()
        gc.freeze()
    finally:
        if was_enabled:
            gc.enable()
    return index


def _stepper(stage: str, progress: Progress | None, cancelled: Callable[[], bool] | None):
    def step(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled
        if progress is not None:
            progress(stage, done, total)

    return step
