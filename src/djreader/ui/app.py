"""The djreader application and its factory (used by the CLI, the tests and the snapshots)."""

from __future__ import annotations

import gc
import os
import stat
import sys
import threading
import time
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.worker import get_current_worker

from djreader.core.document import Document
from djreader.core.entities import ENTITY_LIMIT
from djreader.core.loading import Source
from djreader.core.sanitize import visible
from djreader.core.spans import Span
from djreader.core.state import StateStore
from djreader.ui.screens.main import MainScreen
from djreader.ui.themes import HIGH_CONTRAST, THEME_CYCLE

BATCH = 64  # documents per message from the loader
FIRST_INLINE_BYTES = 512 * 1024  # a first document this small is opened before the first frame
FIRST_FRAME_GRACE = 0.05  # seconds between the first refresh and background work


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real file as its stderr.

    Under Textual ``sys.stderr`` is a capture object whose ``fileno()`` is
    -1, and the tracker (started when the segmentation pool is) passes that
    descriptor to its process: the spawn fails with "bad value(s) in
    fds_to_keep". Started once here with /dev/null, it is reused after."""
    from multiprocessing import resource_tracker

    try:
        if sys.stderr is not None and sys.stderr.fileno() >= 0:
            return
    except (AttributeError, OSError, ValueError):
        pass  # no usable descriptor: start it below
    saved = sys.stderr
    with open(os.devnull, "w") as null:
        sys.stderr = null
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


class ProgressMeter:
    """Status text for long work: "indexing 3,200/10,000 · ETA 12 s", at most
    every ``every`` seconds (each update is a message to the UI thread)."""

    def __init__(self, every: float = 0.25) -> None:
        self.every = every
        self._stage = ""
        self._start = 0.0
        self._last = 0.0

    def update(self, stage: str, done: int, total: int) -> str | None:
        now = time.monotonic()
        if stage != self._stage:
            self._stage, self._start, self._last = stage, now, 0.0
        if done < total and now - self._last < self.every:
            return None
        self._last = now
        line = f"{stage} {done:,}/{total:,}"
        elapsed = now - self._start
        if 0 < done < total and elapsed > 0.5:
            line += f" · ETA {max(1, round(elapsed / done * (total - done)))} s"
        return line


class DocumentCommands(Provider):
    """Open any document by fuzzy title from the command palette."""

    def _docs(self) -> list[Document]:
        return self.app.docs  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for i, doc in enumerate(self._docs()[:200]):
            yield DiscoveryHit(visible(doc.title), partial(self._open, i), help=visible(doc.name))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for i, doc in enumerate(self._docs()):
            title = visible(doc.title)
            score = max(matcher.match(title), matcher.match(visible(doc.name)))
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._open, i), help=visible(doc.name))

    def _open(self, index: int) -> None:
        screen = self.app.main  # type: ignore[attr-defined]
        screen.open_document(index)


class DjreaderApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "djreader"
    COMMANDS = App.COMMANDS | {DocumentCommands}
    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("t", "next_theme", "Next theme", show=False),
    ]

    def __init__(
        self,
        sources: list[Source],
        *,
        indent: int = 2,
        ambiguous_wide: bool = False,
        state: StateStore | None = None,
        use_cache: bool = True,
    ) -> None:
        super().__init__()
        self.use_cache = use_cache  # False: --no-cache, nothing read from or written to the cache
        self._cache_obj = None
        self._cache_lock = threading.Lock()
        self._first_frame = threading.Event()  # set once the first document has been drawn
        self._loader_started = False
        self.state = state or StateStore.disabled()
        self.register_theme(HIGH_CONTRAST)
        if self.state.theme in self.available_themes:
            self.theme = self.state.theme
        self.sources = sources
        self.total_sources = len(sources)
        self.docs: list[Document] = []
        self.indent = indent
        self.ambiguous_wide = ambiguous_wide
        self._entities: dict[int, list[Span]] = {}
        self.index = None  # the search index, once built
        self.main = MainScreen(indent=indent, ambiguous_wide=ambiguous_wide)

    def get_default_screen(self) -> MainScreen:
        # The main screen is the bottom of the stack, not pushed over Textual's
        # blank default one: one screen to compose, style and lay out (each
        # resize before the first frame laid out both).
        self._open_first()
        return self.main

    def on_mount(self) -> None:
        if self.no_color:
            # Colours are gone: the .tcss switches cursors and focus to reverse video.
            self.add_class("-no-color")
        if self.state.warning:
            self.notify(self.state.warning, severity="warning", timeout=10)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_interval(20, self._save_state)
        if not self.docs:
            self._start_loader()  # the first document too: at once
        # else the rest once the first frame is out (first_frame_drawn): the
        # loader would wait for it anyway, and starting a thread costs time

    def _start_loader(self) -> None:
        if not self._loader_started:
            self._loader_started = True
            self.load_documents(len(self.docs))

    def _open_first(self) -> None:
        """Open a small first document here, before the screen is mounted.

        The list and the text are then drawn in the first frame. From a
        worker the same work would take longer: it shares the interpreter
        with the screen being built, and its result waits for the frame
        before to be drawn (an empty list, laid out and rendered in vain).
        A large, unreadable or special first file is left to the worker."""
        if not self.sources:
            return
        try:
            st = os.stat(self.sources[0].path)
        except OSError:
            return
        if not stat.S_ISREG(st.st_mode) or st.st_size > FIRST_INLINE_BYTES:
            return
        from djreader.core.opening import open_documents

        self._deliver(open_documents(self.sources[:1], cache=self._cache()))

    def first_frame_drawn(self) -> None:
        """Called by the main screen once its first frame is out: the command
        line keeps the garbage collector off until then (see cli.run_reader)."""
        gc.enable()
        self._start_loader()

    def _theme_changed(self, theme) -> None:
        self.state.theme = theme.name

    def _save_state(self) -> None:
        if not self.state.save() and self.state.warning:
            self.notify(self.state.warning, severity="warning", timeout=10)

    def on_unmount(self) -> None:
        self.state.save()

    def action_next_theme(self) -> None:
        names = [n for n in THEME_CYCLE if n in self.available_themes]
        i = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(i + 1) % len(names)]
        self.notify(f"Theme: {self.theme}", timeout=2)

    @work(thread=True, exclusive=True, group="load")
    def load_documents(self, start: int = 0) -> None:
        """Read and clean the documents from ``start`` on, off the UI thread:
        the first alone and at once, the rest in batches once the first frame
        is drawn (the loader holds the GIL for much of its time and would
        delay that frame)."""
        if start > 0:
            self._first_frame.wait(timeout=2.0)
        from djreader.core.opening import open_documents

        worker = get_current_worker()
        cache = self._cache()
        pos, size = start, (1 if start == 0 else BATCH)
        while pos < len(self.sources):
            if worker.is_cancelled:
                return
            batch = open_documents(self.sources[pos : pos + size], cache=cache)
            self.call_from_thread(self._deliver, batch)
            if pos == 0:
                self._first_frame.wait(timeout=2.0)
            pos += size
            size = BATCH
        self.call_from_thread(self._loaded)

    def _loaded(self) -> None:
        if self.main.is_mounted:
            self.main.update_status()
        # Segmenting holds the GIL for a while: start it once the list is on screen.
        self.call_after_refresh(self.build_index)

    @work(thread=True, exclusive=True, group="index")
    def build_index(self) -> None:
        """Segment every readable document into the search index (or load it
        from the cache), showing counts and an ETA in the status line."""
        from djreader.core.indexing import Cancelled, open_index

        worker = get_current_worker()
        ok = [d for d in self.docs if d.ok]
        docs = [(str(i), d.text) for i, d in enumerate(self.docs) if d.ok]
        meter = ProgressMeter()

        def progress(stage: str, done: int, total: int) -> None:
            line = meter.update(stage, done, total)
            if line is not None:
                self.call_from_thread(self.main.update_status, line)

        _start_resource_tracker()
        try:
            index = open_index(
                docs,
                paths=[d.path for d in ok],
                cache=self._cache(),
                progress=progress,
                cancelled=lambda: worker.is_cancelled,
            )
        except Cancelled:
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._index_ready, index)

    def _cache(self):
        """The shared on-disk cache, or None with --no-cache (created in a worker: it imports jieba)."""
        if not self.use_cache:
            return None
        with self._cache_lock:
            if self._cache_obj is None:
                from djreader.core.cache import Cache

                self._cache_obj = Cache()
        return self._cache_obj

    def _index_ready(self, index) -> None:
        self.index = index
        self.main.update_status("search ready")
        self.main.index_ready()

    def _deliver(self, batch: list[Document]) -> None:
        first = len(self.docs)
        if not first:
            # a moment after the refresh, so the driver's writer thread has put
            # the frame on the terminal before background work takes the GIL
            self.call_after_refresh(self.set_timer, FIRST_FRAME_GRACE, self._first_frame.set)
        self.docs.extend(batch)
        if self.main.is_mounted:
            self.main.documents_added(first, batch)

    def entities_for(self, doc: Document, *, should_stop=None) -> list[Span]:
        """Places and figures of ``doc`` (recognised once, then remembered). Thread-safe enough:
        the worst case is recognising twice.

        Documents over ENTITY_LIMIT characters are not recognised (it would take
        minutes); ``should_stop`` lets a long recognition be abandoned
        (djreader.core.entities.Stopped is raised).
        """
        key = id(doc)
        spans = self._entities.get(key)
        if spans is None and len(doc.text) > ENTITY_LIMIT:
            return []
        if spans is None:
            if threading.current_thread() is not threading.main_thread():
                # recognition loads jieba (one long GIL-holding call): not before the first frame is out
                self._first_frame.wait(timeout=2.0)
            cache = self._cache()
            digest = ""
            if cache is not None:
                from djreader.core.cache import text_digest

                digest = text_digest(doc.text)
                spans = cache.entities(digest, len(doc.text))
            if spans is None:
                from djreader.core.entities import recognise

                spans = recognise(doc.text, should_stop=should_stop)
                if cache is not None:
                    cache.put_entities(digest, spans)
            self._entities[key] = spans
        return spans


def make_app(
    sources: list[Source],
    *,
    indent: int = 2,
    ambiguous_wide: bool = False,
    state: StateStore | None = None,
    use_cache: bool = True,
) -> DjreaderApp:
    return DjreaderApp(sources, indent=indent, ambiguous_wide=ambiguous_wide, state=state, use_cache=use_cache)
