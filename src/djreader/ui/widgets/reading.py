"""The reading pane: a document laid out by djreader.core.typeset, drawn line by line.

Rows are computed for the current width (only when the document, the width or
a display option changes) and drawn lazily through the Line API, so a long
document costs nothing until it is on screen. Styles are component classes,
so themes and NO_COLOR can restyle every highlight from the .tcss.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rich.style import Style
from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from djreader.core.document import FURNITURE, Document
from djreader.core.sanitize import visible
from djreader.core.spans import Span
from djreader.ui.layout import Row, article_rows, display_text, raw_rows, row_at_offset

DATE_KINDS = {"date", "time"}  # figures styled as dates, not quantities (also the entity panel)
BIG = 300_000  # characters: larger documents are laid out in a worker


class ReadingPane(ScrollView, can_focus=True):
    """Shows one document. Attributes down: ``show``, ``set_entities``, ``set_hits``."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Line down", show=False),
        Binding("k,up", "scroll_up", "Line up", show=False),
        Binding("space,pagedown", "page_down", "Page down", key_display="space"),
        Binding("b,pageup", "page_up", "Page up", key_display="b", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
        Binding("r", "toggle_raw", "Raw text", show=False),
        Binding("f", "toggle_furniture", "Fold page furniture", show=False),
        Binding("p", "jump('place', 1)", "Next place", show=False),
        Binding("P", "jump('place', -1)", "Previous place", show=False),
        Binding("d", "jump('figure', 1)", "Next figure", show=False),
        Binding("D", "jump('figure', -1)", "Previous figure", show=False),
        Binding("1", "toggle('show_places')", "Show/hide places", show=False),
        Binding("2", "toggle('show_figures')", "Show/hide figures", show=False),
        Binding("3", "toggle('show_dates')", "Show/hide dates", show=False),
    ]

    COMPONENT_CLASSES = {
        "reading--title",
        "reading--subtitle",
        "reading--meta",
        "reading--heading",
        "reading--caption",
        "reading--furniture",
        "reading--fold",
        "reading--raw",
        "reading--place",
        "reading--figure",
        "reading--date",
        "reading--hit",
        "reading--hit-current",
        "reading--entity-current",
        "reading--error",
    }

    # init=False: at mount there is nothing to lay out or restyle again
    raw: reactive[bool] = reactive(False, init=False)
    fold_furniture: reactive[bool] = reactive(True, init=False)
    show_places: reactive[bool] = reactive(True, init=False)
    show_figures: reactive[bool] = reactive(True, init=False)
    show_dates: reactive[bool] = reactive(True, init=False)

    class DisplayChanged(Message):
        """Which categories are shown changed (the legend follows)."""

    class Moved(Message):
        """The reading position changed (offset of the top row's first character)."""

        def __init__(self, pane: "ReadingPane", offset: int) -> None:
            super().__init__()
            self.pane = pane
            self.offset = offset

    def __init__(self, *, indent: int = 2, ambiguous_wide: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.indent = indent
        self.ambiguous_wide = ambiguous_wide
        self.document: Document | None = None
        self._shown = ""  # the document text with control characters made visible
        self._rows: list[Row] = []
        self._rows_width = -1
        self._entities: list[Span] = []
        self._entity_starts: list[int] = []
        self._hits: list[Span] = []
        self._current_hit = -1
        self._cache: dict[int, Strip] = {}
        self._current_entity: Span | None = None
        self._pending_offset: int | None = None

    # ----- attributes down ---------------------------------------------------

    def show(self, doc: Document | None, *, offset: int = 0) -> None:
        """Display ``doc`` with ``offset`` (a character offset) at the top."""
        self.document = doc
        self._shown = visible(display_text(doc.text)) if doc is not None and doc.ok else ""
        self._entities = []
        self._entity_starts = []
        self._current_entity = None
        self._hits = []
        self._current_hit = -1
        self._pending_offset = offset
        self._relayout(keep_offset=False)

    def set_entities(self, spans: list[Span]) -> None:
        self._entities = sorted(spans, key=lambda s: s.start)
        self._entity_starts = [s.start for s in self._entities]
        self._refresh_all()

    def set_hits(self, spans: list[Span], current: int = -1) -> None:
        self._hits = sorted(spans, key=lambda s: s.start)
        self._current_hit = current
        self._refresh_all()

    @property
    def rows(self) -> list[Row]:
        return self._rows

    @property
    def top_offset(self) -> int:
        """Character offset of the first text row on screen: the reading position."""
        if not self._rows:
            return 0
        y = min(int(self.scroll_y), len(self._rows) - 1)
        while y < len(self._rows) - 1 and self._rows[y].kind == "blank":
            y += 1
        return self._rows[y].start

    def reveal(self, offset: int) -> None:
        """Scroll to ``offset`` (centred), unfolding page furniture if it hides it."""
        doc = self.document
        if doc is not None and self.fold_furniture and not self.raw:
            for block in doc.article.blocks:
                if block.start <= offset < block.end:
                    if block.kind == FURNITURE:
                        self.fold_furniture = False
                    break
        self.scroll_to_offset(offset, center=True)

    def scroll_to_offset(self, offset: int, *, animate: bool = False, center: bool = False) -> None:
        """Bring ``offset`` to the top (or a third down with ``center``).

        Until the pane has been given a size the target is kept and applied on
        the first resize, so a restored reading position is never lost.
        """
        if not self._rows or self._rows[0].kind == "busy" or not self.size.height:
            self._pending_offset = offset
            return
        y = row_at_offset(self._rows, offset)
        if center:
            y = max(0, y - self.scrollable_content_region.height // 3)
        self.scroll_to(y=y, animate=animate, immediate=True)

    # ----- layout ------------------------------------------------------------

    def _content_width(self) -> int:
        """Columns for the text: as if the vertical scrollbar were always
        shown, so its coming (once the rows are known) never re-wraps them."""
        return max(self.content_region.width - self.styles.scrollbar_size_vertical - 1, 1)

    def _relayout(self, *, keep_offset: bool = True) -> None:
        """Recompute rows for the current width and options, keeping the reading position.

        Documents over BIG characters are laid out in a worker so the UI never
        stalls; a one-row placeholder shows meanwhile.
        """
        if self.content_region.width <= 0:
            # Not laid out yet: rows for a width of one cell would be thrown
            # away at once (and cost the first frame); on_resize lays out.
            if self._pending_offset is None and keep_offset and self._rows and self._rows[0].kind != "busy":
                self._pending_offset = self.top_offset
            self._apply_rows([], -1, None)
            return
        width = self._content_width()
        if self._pending_offset is not None:  # a position not yet applied wins
            target, self._pending_offset = self._pending_offset, None
        elif keep_offset and self._rows and self._rows[0].kind != "busy":
            target = self.top_offset
        else:
            target = None
        doc = self.document
        if doc is not None and doc.ok and len(doc.text) > BIG:
            self._apply_rows([Row(0, 0, "busy")], width, None)
            self._pending_offset = target
            self._layout_in_worker(doc, width, self.raw, self.fold_furniture)
            return
        self._apply_rows(self._compute_rows(doc, width, self.raw, self.fold_furniture), width, target)

    def _compute_rows(self, doc: Document | None, width: int, raw: bool, fold: bool) -> list[Row]:
        if doc is None:
            return []
        if not doc.ok:
            return [Row(0, 0, "error")]
        if raw:
            return raw_rows(doc, width, ambiguous_wide=self.ambiguous_wide)
        return article_rows(
            doc, width, text=self._shown, indent=self.indent, fold_furniture=fold, ambiguous_wide=self.ambiguous_wide
        )

    @work(thread=True, exclusive=True, group="layout")
    def _layout_in_worker(self, doc: Document, width: int, raw: bool, fold: bool) -> None:
        rows = self._compute_rows(doc, width, raw, fold)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._layout_done, doc, width, raw, fold, rows)

    def _layout_done(self, doc: Document, width: int, raw: bool, fold: bool, rows: list[Row]) -> None:
        if doc is not self.document or (raw, fold) != (self.raw, self.fold_furniture):
            return  # stale: another document or option was chosen meanwhile
        if width != self._content_width():
            self._relayout(keep_offset=False)
            return
        target, self._pending_offset = self._pending_offset, None
        self._apply_rows(rows, width, target)

    def _apply_rows(self, rows: list[Row], width: int, target: int | None) -> None:
        self._rows = rows
        self._rows_width = width
        self._cache.clear()
        self.virtual_size = Size(max(width, 0), len(rows))
        if target is not None and rows and rows[0].kind != "busy":
            self.scroll_to_offset(target)
        self.refresh()

    def on_resize(self) -> None:
        if self._content_width() != self._rows_width:
            self._relayout()
        elif self._pending_offset is not None:
            offset, self._pending_offset = self._pending_offset, None
            self.scroll_to_offset(offset)

    def watch_raw(self) -> None:
        self._relayout()

    def watch_fold_furniture(self) -> None:
        self._relayout()

    def watch_show_places(self) -> None:
        self._display_changed()

    def watch_show_figures(self) -> None:
        self._display_changed()

    def watch_show_dates(self) -> None:
        self._display_changed()

    def _display_changed(self) -> None:
        self._refresh_all()
        self.post_message(self.DisplayChanged())

    def shows(self, span: Span) -> bool:
        if span.type == "place":
            return self.show_places
        if span.kind in DATE_KINDS:
            return self.show_dates
        return self.show_figures

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._rows:
            self.post_message(self.Moved(self, self.top_offset))

    def _refresh_all(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        self._cache.clear()
        super().notify_style_update()

    # ----- actions -------------------------------------------------------------

    def action_toggle_raw(self) -> None:
        self.raw = not self.raw

    def action_toggle_furniture(self) -> None:
        self.fold_furniture = not self.fold_furniture

    def action_toggle(self, name: str) -> None:
        setattr(self, name, not getattr(self, name))

    def action_jump(self, type_: str, step: int) -> None:
        """Move to the next/previous place or figure after the current one (or the top row)."""
        candidates = [s for s in self._entities if s.type == type_]
        if not candidates:
            self.notify(f"No {type_}s recognised in this document", severity="warning", timeout=2)
            return
        current = self._current_entity
        if current is not None and self._offset_on_screen(current.start):
            ref = current.start
        else:
            ref = self.top_offset - (1 if step > 0 else 0)
        if step > 0:
            nxt = next((s for s in candidates if s.start > ref), candidates[0])
        else:
            nxt = next((s for s in reversed(candidates) if s.start < ref), candidates[-1])
        self.focus_entity(nxt)

    def focus_entity(self, span: Span) -> None:
        """Mark ``span`` as the current entity and bring it into view."""
        self._current_entity = span
        if not self._offset_on_screen(span.start):
            self.reveal(span.start)
        self._refresh_all()

    def _offset_on_screen(self, offset: int) -> bool:
        if not self._rows:
            return False
        y = row_at_offset(self._rows, offset)
        return self.scroll_y <= y < self.scroll_y + self.scrollable_content_region.height

    # ----- drawing -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        base = self.rich_style
        if index >= len(self._rows):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_row(self._rows[index], base)
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _render_row(self, row: Row, base: Style) -> Strip:
        if row.kind == "blank":
            return Strip.blank(0, base)
        if row.kind == "error":
            doc = self.document
            reason = visible(doc.error or "") if doc else ""
            return self._strip(f"This file cannot be shown: {reason}", base + self._style("reading--error"))
        if row.kind == "busy":
            size = len(self.document.text) if self.document else 0
            return self._strip(f"Laying out {size:,} characters…", base + self._style("reading--fold"))
        if row.kind == "fold":
            n = row.folded
            label = f"⋯ {n} line{'s' if n != 1 else ''} of page furniture (f shows them)"
            return self._strip(label, base + self._style("reading--fold"))
        prefix = "\u3000" * (row.indent // 2) + " " * (row.indent % 2)
        text = Text(prefix + self._shown[row.start : row.end], no_wrap=True, end="")
        text.stylize(base)  # a span, not Text.style: Text.render ignores the latter
        kind_class = f"reading--{row.kind}"
        if kind_class in self.COMPONENT_CLASSES:
            text.stylize(self._style(kind_class))
        shift = len(prefix) - row.start
        self._stylize_spans(text, row, shift)
        return Strip(text.render(self.app.console))

    def _strip(self, label: str, style: Style) -> Strip:
        text = Text(label, no_wrap=True, end="")
        text.stylize(style)
        return Strip(text.render(self.app.console))

    def _stylize_spans(self, text: Text, row: Row, shift: int) -> None:
        if self._entities:
            lo = max(bisect_left(self._entity_starts, row.start) - 1, 0)
            hi = bisect_right(self._entity_starts, row.end)
            for span in self._entities[lo:hi]:
                if span.end <= row.start or span.start >= row.end or not self.shows(span):
                    continue
                if span.type == "place":
                    name = "reading--place"
                else:
                    name = "reading--date" if span.kind in DATE_KINDS else "reading--figure"
                a, b = max(span.start, row.start) + shift, min(span.end, row.end) + shift
                text.stylize(self._style(name), a, b)
                if span is self._current_entity:
                    text.stylize(self._style("reading--entity-current"), a, b)
        for i, span in enumerate(self._hits):
            if span.end <= row.start or span.start >= row.end:
                continue
            name = "reading--hit-current" if i == self._current_hit else "reading--hit"
            text.stylize(self._style(name), max(span.start, row.start) + shift, min(span.end, row.end) + shift)
