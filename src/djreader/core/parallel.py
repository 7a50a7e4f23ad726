"""Segmentation in worker processes.

jieba is pure Python and holds the GIL, so threads do not help; processes
do. The forkserver imports jieba before forking the workers; each worker
makes its tokenizer once (:func:`djreader.core.segment.prepare_worker`:
with the fast path, jieba's dictionary is read a first character at a time)
and returns, per document, only what the index needs:
:func:`djreader.core.words.analyse`, the distinct words, packed into one
string. The parent merges them into the index, which stays single-threaded
and deterministic.

Small corpora are segmented in-process: starting the workers costs a few
tenths of a second.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence

from djreader.core.normalize import Folder

MIN_PARALLEL_CHARS = 300_000  # below this (~1 s of jieba), in-process is as fast
BATCH_CHARS = 60_000  # text per task: small enough to cancel quickly
IN_FLIGHT = 3  # batches queued or running per worker
# characters a worker folds before it imports numpy for the rest: translating
# costs about 65 ns a character more, the import about 0.1 s
NUMPY_AFTER = 1_500_000


class Cancelled(Exception):
    """The caller asked to stop (the reader is quitting)."""


def _init() -> None:
    from djreader.core import segment

    segment.prepare_worker()


_folder: Folder | None = None


def _analyse_batch(texts: list[bytes]) -> list[str]:
    from djreader.core.words import analyse, pack

    global _folder
    if _folder is None:
        _folder = Folder(numpy_after=NUMPY_AFTER)
    return [pack(analyse(t.decode("utf-8", "surrogatepass"), _folder)) for t in texts]


def _encoded(texts: Sequence[str]) -> list[bytes]:
    # Texts go to the workers as UTF-8 bytes made here and dropped once sent.
    # Pickling a str itself would leave its UTF-8 form cached inside the
    # string for as long as the reader holds the document (about 3 bytes a
    # character: 280 MB at 100,000 articles).
    return [t.encode("utf-8", "surrogatepass") for t in texts]


def workers_for(total_chars: int, workers: int | None = None) -> int:
    """How many processes to use: ``workers`` when given, else one per core,
    or 1 (in-process) for small corpora or a single core."""
    if workers is not None:
        return max(1, workers)
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 1 if n < 2 or total_chars < MIN_PARALLEL_CHARS else n


def _batches(texts: Sequence[str]) -> list[tuple[int, int]]:
    out, start, size = [], 0, 0
    for i, t in enumerate(texts):
        size += len(t)
        if size >= BATCH_CHARS:
            out.append((start, i + 1))
            start, size = i + 1, 0
    if start < len(texts):
        out.append((start, len(texts)))
    return out


def analyse_iter(
    texts: Sequence[str],
    *,
    workers: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[str]:
    """``pack(analyse(text))`` for every text, in order, computed ahead across
    ``workers`` processes (default: one per core; 1 = in-process, lazily).
    The workers start at once, so the caller can do other work while they
    load the dictionary. While waiting it polls ``cancelled()``; when that
    turns true, or the iterator is closed early, the pool is terminated (no
    waiting on running tasks) and :class:`Cancelled` is raised or the
    iteration just ends."""
    n = workers_for(sum(map(len, texts)), workers)
    if n == 1:
        return _in_process(texts, cancelled)
    return _Pooled(texts, n, cancelled)


def _in_process(texts: Sequence[str], cancelled: Callable[[], bool] | None) -> Iterator[str]:
    from djreader.core.words import analyse, pack

    folder = Folder()
    for t in texts:
        if cancelled is not None and cancelled():
            raise Cancelled
        yield pack(analyse(t, folder))


class _Pooled:
    """The results of a pool of workers, in order. The pool is started, and
    the first batches queued, by a thread as soon as this is made: starting
    the fork server and the workers takes a few tenths of a second that the
    caller spends on other work."""

    def __init__(self, texts: Sequence[str], n: int, cancelled: Callable[[], bool] | None) -> None:
        self._texts = texts
        self._cancelled = cancelled
        self._pool = None
        self._failed: BaseException | None = None
        # A few batches in flight per worker, no more: when the workers are
        # faster than the caller, their results would otherwise pile up here.
        batches = _batches(texts)
        self._todo = iter(batches)
        self._running: deque = deque()
        self._parts: deque[str] = deque()  # results received, not yet taken
        self._starting = threading.Thread(
            target=self._start, args=(min(n, len(batches)),), name="djreader-pool-start", daemon=True
        )
        self._starting.start()

    def _start(self, n: int) -> None:
        try:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["djreader.core.segment", "djreader.core.words"])
            self._pool = ctx.Pool(n, initializer=_init)
            for _ in range(IN_FLIGHT * n):
                self._submit()
        except BaseException as err:  # noqa: BLE001 - raised again by the caller's next()
            self._failed = err

    def _started(self) -> None:
        self._starting.join()
        if self._failed is not None:
            err, self._failed = self._failed, None
            self.close()
            raise err

    def _submit(self) -> None:
        batch = next(self._todo, None)
        if batch is not None:
            part = _encoded(self._texts[batch[0] : batch[1]])
            self._running.append(self._pool.apply_async(_analyse_batch, (part,)))

    def __iter__(self) -> "_Pooled":
        return self

    def __next__(self) -> str:
        self._started()
        while not self._parts:
            if not self._running:
                self.close()
                raise StopIteration
            try:
                self._parts.extend(self._wait())
            except BaseException:
                self.close()
                raise
        return self._parts.popleft()

    def ready(self) -> bool:
        """Whether ``next`` would return without waiting for a worker."""
        if self._starting.is_alive():
            return False
        return bool(self._parts) or bool(self._running) and self._running[0].ready()

    def _wait(self) -> list[str]:
        cancelled = self._cancelled
        while True:
            if cancelled is not None and cancelled():
                raise Cancelled
            try:
                part = self._running[0].get(timeout=0.1)
            except multiprocessing.TimeoutError:
                continue  # look at cancelled() again
            self._running.popleft()
            self._submit()
            return part

    def close(self) -> None:
        """Stop the workers now: never wait on a worker when quitting."""
        self._starting.join()
        self._running.clear()
        self._parts.clear()
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()


def analyse_all(
    texts: Sequence[str],
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[str]:
    """The list of :func:`analyse_iter`; ``progress(done, total)`` after each."""
    out: list[str] = []
    for words in analyse_iter(texts, workers=workers, cancelled=cancelled):
        out.append(words)
        if progress is not None:
            progress(len(out), len(texts))
    return out
