"""Every figure in the corpus in one table: value, unit, kind, the noun it
counts, the document and the words around it.

Rows are built in a thread worker (recognising spans where the caller has
none) and arrive in batches; at most ``MAX_ROWS`` are kept, with a note.
Sorting and filtering rebuild the table from the kept rows: press a column's
header (or s to cycle the sort column, r to reverse it), 1-8 to show one kind
(the same key again, or 0, shows all). Enter dismisses with (doc_index,
offset).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from djreader.core.sanitize import visible
from djreader.core.spans import Span
from djreader.ui.screens.corpus_places import CorpusDoc, SpansOf, recognise_spans, with_spans
from djreader.ui.widgets.results import snippet_text

MAX_ROWS = 20_000
BATCH = 500  # rows per delivery from the worker
KINDS = ("count", "percent", "money", "date", "time", "duration", "ordinal", "other")
COLUMNS = (("value", "Value"), ("unit", "Unit"), ("kind", "Kind"), ("noun", "Counts"), ("context", "Context"), ("doc", "Document"))
TITLE_CELLS = 16  # characters of the document title shown
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class FigureRow:
    doc_index: int
    start: int
    value: object
    unit: str
    kind: str
    noun: str
    title: str
    context: Text


def figure_rows(doc_index: int, title: str, text: str, spans: list[Span]) -> list[FigureRow]:
    from djreader.core.figures import quantified_noun

    rows = []
    for s in spans:
        if s.type != "figure":
            continue
        noun = quantified_noun(text, s) or ""
        context = snippet_text(text, s, before=8, after=14)
        rows.append(FigureRow(doc_index, s.start, s.value, s.unit, s.kind, noun, title, context))
    return rows


def _value_key(v: object) -> tuple:
    if isinstance(v, bool) or v is None:
        return (2, 0.0, "")
    if isinstance(v, (int, float)):
        return (0, float(v), "")
    return (1, 0.0, str(v))


SORT_KEYS = {
    "value": lambda r: _value_key(r.value),
    "unit": lambda r: r.unit,
    "kind": lambda r: KINDS.index(r.kind) if r.kind in KINDS else len(KINDS),
    "noun": lambda r: r.noun,
    "doc": lambda r: r.title,
    "context": lambda r: r.context.plain,
}

BLANK = {
    "value": lambda r: r.value is None or isinstance(r.value, bool),
    "unit": lambda r: not r.unit,
    "noun": lambda r: not r.noun,
}


class CorpusFiguresScreen(Screen[tuple[int, int] | None]):
    """Dismisses with (doc_index, offset) of the chosen figure, or None."""

    DEFAULT_CSS = """
    CorpusFiguresScreen { layout: vertical; }
    #figures-head { height: 1; padding: 0 1; background: $boost; }
    #figures-table { height: 1fr; }
    #figures-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape,q", "close", "Close figures"),
        Binding("s", "cycle_sort", "Sort column"),
        Binding("r", "reverse", "Reverse sort"),
        Binding("0", "filter('')", "All kinds"),
        *(Binding(str(i), f"filter('{kind}')", f"Only {kind}", show=False) for i, kind in enumerate(KINDS, 1)),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, docs: list[CorpusDoc], *, spans_of: SpansOf = recognise_spans) -> None:
        super().__init__()
        self.docs = docs
        self.spans_of = spans_of
        self.rows: list[FigureRow] = []
        self.view: list[FigureRow] = []
        self.sort_column: str | None = None  # None: document order
        self.sort_reverse = False
        self.kind = ""  # "" shows every kind
        self.capped = False
        self.done = False
        self.failed = 0

    def compose(self) -> ComposeResult:
        head = Text("Figures in the corpus", style="bold")
        head.append("  1-8 one kind (" + " ".join(f"{i}:{k}" for i, k in enumerate(KINDS, 1)) + ") · 0 all", style="dim")
        yield Static(head, id="figures-head")
        table: DataTable = DataTable(id="figures-table", cursor_type="row", zebra_stripes=True)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        yield table
        yield Static(Text(f"reading {len(self.docs)} documents…"), id="figures-status")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#figures-table", DataTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.build()

    @work(thread=True, exclusive=True, group="corpus-figures", exit_on_error=False)
    def build(self) -> None:
        worker = get_current_worker()
        total = len(self.docs)
        batch: list[FigureRow] = []
        kept = failed = 0
        for done, (index, title, text, spans) in enumerate(with_spans(self.docs, self.spans_of), 1):
            if worker.is_cancelled:
                return
            if spans is None:
                failed += 1
                continue
            rows = figure_rows(index, title, text, spans)[: MAX_ROWS - kept]
            kept += len(rows)
            batch.extend(rows)
            capped = kept >= MAX_ROWS
            if len(batch) >= BATCH or capped or done == total:
                self.app.call_from_thread(self._deliver, batch, done, total, capped)
                batch = []
            if capped:
                break
        if batch:
            self.app.call_from_thread(self._deliver, batch, total, total, False)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finished, failed)

    # ----- rows arriving -----------------------------------------------------------

    def _deliver(self, rows: list[FigureRow], done: int, total: int, capped: bool) -> None:
        self.rows.extend(rows)
        self.capped = self.capped or capped
        if self.sort_column is None:  # document order: append what matches, keep the cursor
            new = [r for r in rows if self._wanted(r)]
            self.view.extend(new)
            self._add_rows(new)
        else:
            self.refresh_table()
        self._update_status(f"reading documents: {done}/{total}")

    def _finished(self, failed: int) -> None:
        self.done = True
        self.failed = failed
        self._update_status()

    def _wanted(self, row: FigureRow) -> bool:
        return not self.kind or row.kind == self.kind

    def _cells(self, r: FigureRow) -> tuple:
        value = Text("" if r.value is None else visible(str(r.value)), justify="right")
        title = visible(_SPACE.sub(" ", r.title))
        if len(title) > TITLE_CELLS:
            title = title[: TITLE_CELLS - 1] + "…"
        return (value, Text(visible(r.unit)), Text(r.kind, style="dim"), Text(visible(r.noun)), r.context, Text(title))

    def _add_rows(self, rows: list[FigureRow]) -> None:
        self.table.add_rows([self._cells(r) for r in rows])

    def refresh_table(self) -> None:
        """Rebuild the table from the kept rows, filtered and sorted as chosen."""
        view = [r for r in self.rows if self._wanted(r)]
        if self.sort_column is not None:
            key = SORT_KEYS[self.sort_column]
            blank = BLANK.get(self.sort_column, lambda r: False)
            missing = [r for r in view if blank(r)]  # stay last in either direction
            view = [r for r in view if not blank(r)]
            view.sort(key=lambda r: (key(r), r.doc_index, r.start), reverse=self.sort_reverse)
            view.extend(missing)
        self.view = view
        table = self.table
        table.clear()
        self._add_rows(view)
        self._update_status()

    def _update_status(self, extra: str = "") -> None:
        parts = [f"{len(self.view)} figures" + (f" of {len(self.rows)}" if self.kind else "")]
        if self.kind:
            parts.append(f"kind: {self.kind}")
        if self.sort_column:
            label = dict(COLUMNS)[self.sort_column]
            parts.append(f"sorted by {label} {'↓' if self.sort_reverse else '↑'}")
        if self.capped:
            parts.append(f"only the first {MAX_ROWS:,} figures of the corpus are listed")
        if self.failed:
            parts.append(f"{self.failed} document{'s' if self.failed != 1 else ''} could not be analysed")
        if extra:
            parts.append(extra)
        elif self.done:
            parts.append("Enter: open · s/r: sort · Esc: back")
        self.query_one("#figures-status", Static).update(Text(" · ".join(parts)))

    # ----- keys and clicks -----------------------------------------------------------

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = str(event.column_key.value)
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self.refresh_table()

    def action_cycle_sort(self) -> None:
        keys = [None, *(k for k, _ in COLUMNS)]
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self.sort_reverse = False
        self.refresh_table()

    def action_reverse(self) -> None:
        if self.sort_column is None:
            self.sort_column = "value"
        self.sort_reverse = not self.sort_reverse
        self.refresh_table()

    def action_filter(self, kind: str) -> None:
        self.kind = "" if kind == self.kind else kind
        self.refresh_table()

    def action_cursor(self, step: int) -> None:
        self.table.action_cursor_down() if step > 0 else self.table.action_cursor_up()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.view[event.cursor_row] if 0 <= event.cursor_row < len(self.view) else None
        if row is not None:
            self.dismiss((row.doc_index, row.start))

    def action_close(self) -> None:
        self.dismiss(None)
