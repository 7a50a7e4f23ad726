"""The search bar with what it found: queries run in a worker as you type.

Attributes down: the screen gives the panel its documents and tells it when
the index is ready. Messages up: ``Chosen`` when a result is opened,
``Toggled`` when the results appear or go, ``Remember`` when a query is
worth keeping in the reader's memory.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from djreader.core.sanitize import visible
from djreader.ui.widgets.results import ResultsList
from djreader.ui.widgets.searchbar import SearchBar


def describe_result(result) -> Text:
    """"12 documents · 酒泉 — from 九泉": how many matched and how the query was widened."""
    info = Text()
    n = result.total
    info.append(f"{n} document{'s' if n != 1 else ''}", style="bold")
    if len(result.hits) < n:
        info.append(f" (best {len(result.hits)})", style="dim")
    if result.widened:
        pairs: list[tuple[str, str]] = []
        for typed, word in result.widened:
            if (word, typed) not in pairs:
                pairs.append((word, typed))
        info.append(" · ")
        info.append(", ".join(f"{visible(w)} — from {visible(t)}" for w, t in pairs[:4]), style="italic")
    return info


class SearchPanel(Vertical):
    class Chosen(Message):
        """A result was opened: show document ``doc_index`` with its hits, ``best`` first."""

        def __init__(self, doc_index: int, spans: list, best: int) -> None:
            super().__init__()
            self.doc_index = doc_index
            self.spans = spans
            self.best = best

    class Toggled(Message):
        """The results appeared (``shown``) or went away."""

        def __init__(self, shown: bool) -> None:
            super().__init__()
            self.shown = shown

    class Remember(Message):
        """A query the user acted on, for the search history."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    LIMIT = 100  # documents listed per query

    def __init__(self, *, history: list[str], hit_style: Style | str = "reverse", id: str | None = None) -> None:
        super().__init__(id=id)
        self._history = history
        self.hit_style = hit_style
        self.docs: list = []  # the app's documents (the same list object)
        self.index = None  # the search index, once built
        self.result = None  # the SearchResult on show
        self._results: ResultsList | None = None  # mounted when first needed (hidden until a query)
        self._info_line: Static | None = None
        self._enter_for: str | None = None  # Enter pressed before this query's answer came

    def compose(self) -> ComposeResult:
        yield SearchBar(history=self._history, id="search")

    def mount_hidden(self) -> tuple[Static, ResultsList]:
        """The summary line and the results, mounted hidden the first time
        (the screen asks after its first frame, which does not show them)."""
        if self._info_line is None or self._results is None:
            self._info_line = Static("", id="search-info")
            self._results = ResultsList(id="results")
            self._info_line.display = self._results.display = False
            self.mount(self._info_line, self._results)
        return self._info_line, self._results

    @property
    def bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def results(self) -> ResultsList:
        return self.mount_hidden()[1]

    @property
    def results_if_mounted(self) -> ResultsList | None:
        return self._results

    @property
    def showing(self) -> bool:
        return self._results is not None and self._results.display

    def hide_results(self) -> None:
        self._show(False)

    def _show(self, on: bool) -> None:
        if self.showing != on:
            self.post_message(self.Toggled(on))
        if on or self._results is not None:
            info, results = self.mount_hidden()
            info.display = results.display = on
        self.set_class(on, "-showing")

    def index_ready(self, index) -> None:
        """The index is built: answer the query typed while it was being built."""
        self.index = index
        query = self.bar.value.strip()
        if query:
            self.run_search(query)

    @on(SearchBar.Changed)
    def _changed(self, event: SearchBar.Changed) -> None:
        event.stop()
        query = event.value.strip()
        if self._enter_for != query:
            self._enter_for = None  # typing on: the Enter was for another query
        if not query:
            self.result = None
            self._show(False)
            return
        self._show(True)
        if self.index is None:
            self._info(Text("indexing… the query runs when the index is ready", style="dim italic"))
            return
        self.run_search(query)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        from djreader.core.search import search

        result = search(self.index, query, limit=self.LIMIT)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._results_ready, query, result)

    def _results_ready(self, query: str, result) -> None:
        if not self.is_attached or not self.app.is_running:
            return  # the app closed while the worker ran
        if query != self.bar.value.strip():
            return  # a stale answer to an earlier keystroke
        self.result = result
        self.results.show_results(self.docs, result.hits, hit_style=self.hit_style)
        self._info(describe_result(result))
        if self._enter_for == query:
            # Enter was pressed before the answer came: take it to the results now
            self._enter_for = None
            if self.bar.has_focus and self.results.option_count:
                self.results.focus()

    def _info(self, text: Text) -> None:
        self.mount_hidden()[0].update(text)

    def _remember(self) -> None:
        query = self.bar.value.strip()
        if query:
            self.bar.remember(query)
            self.post_message(self.Remember(query))

    @on(SearchBar.Submitted)
    def _submitted(self, event: SearchBar.Submitted) -> None:
        event.stop()
        self._remember()
        query = self.bar.value.strip()
        if self.result is not None and self.result.query == query and self.results.option_count:
            self.results.focus()
        elif query:
            self._enter_for = query  # the answer is on its way (or the index is): focus it then

    @on(ResultsList.OptionSelected, "#results")
    def _chosen(self, event: ResultsList.OptionSelected) -> None:
        event.stop()
        if self.result is None:
            return
        self._remember()
        hit = next(h for h in self.result.hits if h.doc_id == event.option.id)
        best = hit.spans.index(hit.best) if hit.best in hit.spans else 0
        self.post_message(self.Chosen(int(hit.doc_id), hit.spans, best))

    @on(SearchBar.Left)
    def _left(self, event: SearchBar.Left) -> None:
        """Esc in the bar clears the query and hands the focus back (the screen decides where)."""
        if self.bar.value:
            self.bar.value = ""
        self._show(False)
