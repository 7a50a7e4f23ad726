"""The main screen: document list and search on the left, the reading pane on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from djreader.core.document import Document
from djreader.core.entities import ENTITY_LIMIT
from djreader.core.sanitize import visible
from djreader.core.state import path_key
from djreader.ui.screens.main_actions import ReaderActions
from djreader.ui.widgets.doclist import DocList
from djreader.ui.widgets.reading import ReadingPane
from djreader.ui.widgets.searchbar import SearchBar
from djreader.ui.widgets.searchpanel import SearchPanel

if TYPE_CHECKING:
    from djreader.ui.widgets.entities import EntityPanel

# The footer, the entity panel and the outline and help screens are imported
# when first used: nothing of them is in the first frame.

NARROW = 70  # below this many columns one pane is shown at a time


class MainScreen(ReaderActions, Screen):
    BINDINGS = [
        Binding("tab", "switch_pane(1)", "Switch pane", key_display="tab", priority=True),
        Binding("shift+tab", "switch_pane(-1)", "Switch pane back", show=False, priority=True),
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("left_square_bracket", "step_document(-1)", "Previous document", key_display="[", show=False),
        Binding("right_square_bracket", "step_document(1)", "Next document", key_display="]", show=False),
        Binding("space", "page_text(1)", "Page the text down", show=False),
        Binding("b", "page_text(-1)", "Page the text up", show=False),
        Binding("o", "outline", "Outline"),
        Binding("e", "toggle_entities", "Entities"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("n", "step_hit(1)", "Next hit", show=False),
        Binding("N", "step_hit(-1)", "Previous hit", show=False),
        Binding("escape", "back", "Back", show=False),
        Binding("m", "toggle_bookmark", "Bookmark this paragraph", show=False),
        Binding("B", "bookmarks", "All bookmarks", show=False),
        Binding("L", "corpus_places", "Places in the corpus", show=False),
        Binding("F", "corpus_figures", "Figures in the corpus", show=False),
        Binding("x", "export('csv')", "Export entities/results as CSV", show=False),
        Binding("X", "export('json')", "Export entities/results as JSON", show=False),
        Binding("y", "copy", "Copy paragraph or hit", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    AUTO_FOCUS = "#doclist"  # straight to the list: each focus move restyles and rebinds

    narrow: reactive[bool] = reactive(False)
    left_active: reactive[bool] = reactive(True)

    def __init__(self, *, indent: int = 2, ambiguous_wide: bool = False) -> None:
        # the classes the watchers would set on mount, set now: a class change restyles the screen
        super().__init__(classes="left-active")
        self.indent = indent
        self.ambiguous_wide = ambiguous_wide
        self.current: int | None = None  # index of the open document
        self.hit_spans: list = []  # search hits in the open document
        self.hit_index = -1
        self._resume: str | None = None  # the document open when the last session ended
        self._entity_panel: EntityPanel | None = None  # mounted after the first frame, or when first needed
        self._drawn = False  # the first frame has been rendered
        self._completed = False  # the footer and the hidden widgets are mounted
        self._resumed = False  # shown at least once
        self._skip_restyle = False

    # ----- composition -------------------------------------------------------

    def compose(self) -> ComposeResult:
        # the two panes side by side (MainScreen's layout is horizontal; the footer is docked)
        with Vertical(id="left"):
            yield SearchPanel(history=self.app.state.history, id="search-panel")  # type: ignore[attr-defined]
            yield DocList(id="doclist")
            # the entity panel (hidden at start) is mounted after the first frame
            yield Static("", id="status")
        with Vertical(id="right"):
            yield Static("", id="doc-title")
            yield ReadingPane(indent=self.indent, ambiguous_wide=self.ambiguous_wide, id="reading")
            yield Static("", id="legend")
        # The footer (a widget per key, and much CSS) is mounted just after the
        # first frame: the list and the text come first.

    @property
    def doclist(self) -> DocList:
        return self.query_one(DocList)

    @property
    def reading(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    @property
    def docs(self) -> list[Document]:
        return self.app.docs  # type: ignore[attr-defined]

    @property
    def entity_panel(self) -> EntityPanel:
        """The entity panel, mounted (hidden) the first time it is asked for."""
        return self._mount_entity_panel()

    def _mount_entity_panel(self) -> EntityPanel:
        if self._entity_panel is None:
            from djreader.ui.widgets.entities import EntityPanel

            panel = EntityPanel(id="entities")
            panel.display = False
            self._entity_panel = panel
            self.query_one("#left").mount(panel, after=self.doclist)
        return self._entity_panel

    @property
    def _panel_shown(self) -> bool:
        return self._entity_panel is not None and self._entity_panel.display

    def _after_first_frame(self) -> None:
        """Mount the footer, and what is hidden at start so that showing it later is instant."""
        if self.is_attached and not self._completed:
            self._completed = True
            self.app.first_frame_drawn()  # type: ignore[attr-defined]
            from djreader.ui.widgets.footer import ReaderFooter

            self.mount(ReaderFooter())
            self._mount_entity_panel()
            self.search.mount_hidden()

    def on_mount(self) -> None:
        self._resume = self.app.state.last_doc  # type: ignore[attr-defined]
        self.search.docs = self.docs
        self.search.hit_style = self.reading.get_component_rich_style("reading--hit", partial=True)
        self._update_legend()
        self.doclist.focus()
        self._update_narrow(self.size.width)
        if self.docs:  # documents delivered before the screen was mounted
            self.documents_added(0, list(self.docs))
        else:
            self.update_status("loading…")
        # normally done as the first frame is rendered; this is a safety net
        self.set_timer(1.0, self._after_first_frame)

    def _compositor_refresh(self) -> None:
        # While the app is still starting up (a batch update) Textual renders
        # the whole screen and then drops the frame; the frame after the
        # batch is the first one shown, so render only that.
        if getattr(self.app, "_batch_count", 0):
            self._repaint_required = True
            return
        super()._compositor_refresh()
        if not self._drawn:
            self._drawn = True
            self.call_later(self._after_first_frame)

    def on_screen_resume(self) -> None:
        # Runs before Screen's own handler, which restyles every widget: on
        # the first showing they were styled moments ago, as they mounted
        # (focus changes restyle what they affect by themselves).
        if not self._resumed:
            self._resumed = self._skip_restyle = True

    def update_node_styles(self, animate: bool = True) -> None:
        if self._skip_restyle:
            self._skip_restyle = False
            return
        super().update_node_styles(animate)

    def on_resize(self, event) -> None:
        self._update_narrow(event.size.width)

    def _update_narrow(self, width: int) -> None:
        self.narrow = width < NARROW

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "narrow")
        self._show_active_pane()

    def watch_left_active(self) -> None:
        self._show_active_pane()

    def _show_active_pane(self) -> None:
        self.set_class(self.left_active, "left-active")
        self.set_class(not self.left_active, "right-active")

    # ----- documents arriving -------------------------------------------------

    def documents_added(self, first: int, docs: list[Document]) -> None:
        """Called by the app as the loader worker delivers documents."""
        self.doclist.add_documents(docs, first)
        if self.current is None and self.docs:
            self.open_document(0)
        if self._resume:
            for i, d in enumerate(docs, first):
                if path_key(d.path) == self._resume:
                    self._resume = None
                    if i != self.current:
                        self.open_document(i)
                    break
        self.update_status()

    def update_status(self, extra: str = "") -> None:
        docs = self.docs
        bad = sum(1 for d in docs if not d.ok)
        total = self.app.total_sources  # type: ignore[attr-defined]
        parts = [f"{len(docs)}/{total} documents" if len(docs) < total else f"{len(docs)} documents"]
        if bad:
            parts.append(f"{bad} unreadable")
        if extra:
            parts.append(extra)
        self.query_one("#status", Static).update(Text(" · ".join(parts), style="dim"))

    # ----- opening --------------------------------------------------------------

    def open_document(self, index: int, *, offset: int | None = None, hits: list | None = None, hit: int = -1) -> None:
        """Show document ``index`` at ``offset`` (default: where the reader left it)."""
        if not 0 <= index < len(self.docs):
            return
        self.current = index
        doc = self.docs[index]
        state = self.app.state  # type: ignore[attr-defined]
        if offset is None:
            offset = state.position(doc.path) if doc.ok else 0
        if doc.ok:
            state.set_last_doc(doc.path)
        if self.doclist.highlighted != index:
            self.doclist.highlighted = index
        self.reading.show(doc, offset=offset)
        self.hit_spans = list(hits or [])
        self.hit_index = hit
        if self.hit_spans:
            self.reading.set_hits(self.hit_spans, hit)
            self.reading.reveal(self.hit_spans[hit].start)
        self._update_title()
        if doc.ok:
            # after the frame that shows the text: recognition must not delay it
            self.call_after_refresh(self.load_entities, index)

    def _update_title(self, extra: str = "") -> None:
        doc = self.docs[self.current] if self.current is not None else None
        if doc is None:
            self.query_one("#doc-title", Static).update("")
            return
        title = Text(visible(doc.title), style="bold")
        meta = [m for m in (doc.article.date, doc.article.source, doc.article.author) if m]
        if meta:
            title.append("  " + visible(" · ".join(meta)), style="dim")
        if doc.encoding and doc.encoding != "utf-8":
            title.append(f"  [{doc.encoding}]", style="dim")
        if doc.replaced:
            title.append(f"  {doc.replaced} undecodable bytes shown as �", style="dim")
        if len(doc.text) > ENTITY_LIMIT:
            title.append(f"  too long ({len(doc.text):,} characters) to highlight places and figures", style="dim")
        if self.hit_spans:
            title.append(f"  hit {self.hit_index + 1}/{len(self.hit_spans)} (n/N)", style="bold")
        if extra:
            title.append("  " + extra)
        self.query_one("#doc-title", Static).update(title)

    @work(thread=True, exclusive=True, group="entities")
    def load_entities(self, index: int) -> None:
        """Recognise places and figures off the UI thread (first call loads data)."""
        from djreader.core.entities import Stopped

        worker = get_current_worker()
        doc = self.docs[index]
        try:
            spans = self.app.entities_for(doc, should_stop=lambda: worker.is_cancelled)  # type: ignore[attr-defined]
        except Stopped:
            return
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._entities_ready, index, spans, None)
        from djreader.ui.widgets.entities import figure_nouns

        nouns = figure_nouns(doc.text, spans)  # the panel's labels: jieba's tagger, slow at first
        if not worker.is_cancelled:
            self.app.call_from_thread(self._entities_ready, index, spans, nouns)

    def _entities_ready(self, index: int, spans, nouns) -> None:
        if index != self.current or not self._alive():
            return
        if nouns is None:
            self.reading.set_entities(spans)
        self.entity_panel.show_entities(self.docs[index].text, spans, nouns)

    def _alive(self) -> bool:
        """False once the app is closing: a worker's late result has nowhere to go."""
        return self.is_attached and self.app.is_running and bool(self.query(ReadingPane))

    def _update_legend(self) -> None:
        """The legend uses the reading pane's own styles, so it always matches the text."""
        pane = self.reading
        legend = Text()
        items = [
            ("1", "地名 place", "reading--place", pane.show_places),
            ("2", "数字 figure", "reading--figure", pane.show_figures),
            ("3", "日期 date", "reading--date", pane.show_dates),
        ]
        for key, label, cls, shown in items:
            style = pane.get_component_rich_style(cls, partial=True) if shown else Style(dim=True, strike=True)
            legend.append(f"{key} ", style="dim")
            legend.append(label, style=style)
            legend.append("  ")
        legend.append("命中 hit", style=pane.get_component_rich_style("reading--hit", partial=True))
        legend.append("   p/P d/D jump · e list", style="dim")
        self.query_one("#legend", Static).update(legend)

    @on(ReadingPane.Moved)
    def _moved(self, event: ReadingPane.Moved) -> None:
        if self.current is not None and self.docs[self.current].ok:
            self.app.state.set_position(self.docs[self.current].path, event.offset)  # type: ignore[attr-defined]

    @on(ReadingPane.DisplayChanged)
    def _display_changed(self) -> None:
        self._update_legend()

    def on_entity_panel_jump(self, event: EntityPanel.Jump) -> None:
        if event.span is not None:
            self.reading.focus_entity(event.span)
        else:
            self.reading.scroll_to_offset(event.offset, center=True)
        if self.narrow:
            self.left_active = False
            self.reading.focus()

    def action_toggle_entities(self) -> None:
        panel = self.entity_panel
        panel.display = not panel.display
        self.search.hide_results()
        self.doclist.display = not panel.display
        self.left_active = True
        (panel if panel.display else self.doclist).focus()

    @on(DocList.OptionSelected, "#doclist")
    def _selected(self, event: DocList.OptionSelected) -> None:
        event.stop()
        self.open_document(event.option_index)
        if self.narrow:
            self.left_active = False
            self.reading.focus()

    @on(DocList.OptionHighlighted, "#doclist")
    def _highlighted(self, event: DocList.OptionHighlighted) -> None:
        event.stop()
        # In the wide layout the pane follows the cursor, like a mail reader.
        # A message about a highlight that has since moved on is stale.
        if event.option_index != self.doclist.highlighted:
            return
        if not self.narrow and event.option_index != self.current:
            self.open_document(event.option_index)

    # ----- actions ---------------------------------------------------------------

    def action_switch_pane(self, step: int) -> None:
        if isinstance(self.focused, SearchBar):
            self.doclist.focus()
            self.left_active = True
            return
        if self.focused is self.reading:
            self.left_active = True
            (self.entity_panel if self._panel_shown else self.doclist).focus()
        else:
            self.left_active = False
            self.reading.focus()

    def action_page_text(self, step: int) -> None:
        """space/b page the open document from anywhere, as in a mail reader."""
        if step > 0:
            self.reading.action_page_down()
        else:
            self.reading.action_page_up()

    def action_focus_search(self) -> None:
        self.left_active = True
        self.search.bar.focus()

    # ----- search -------------------------------------------------------------------

    @property
    def search(self) -> SearchPanel:
        return self.query_one(SearchPanel)

    @property
    def result(self):
        """The search result on show, if any."""
        return self.search.result

    def index_ready(self) -> None:
        """Called by the app when the search index is built."""
        self.search.index_ready(self.app.index)  # type: ignore[attr-defined]

    @on(SearchPanel.Toggled)
    def _results_toggled(self, event: SearchPanel.Toggled) -> None:
        if event.shown and self._entity_panel is not None:
            self._entity_panel.display = False
        self.doclist.display = not event.shown and not self._panel_shown

    @on(SearchPanel.Remember)
    def _remember_query(self, event: SearchPanel.Remember) -> None:
        self.app.state.remember_query(event.query)  # type: ignore[attr-defined]

    @on(SearchPanel.Chosen)
    def _result_chosen(self, event: SearchPanel.Chosen) -> None:
        self.open_document(event.doc_index, hits=event.spans, hit=event.best)
        self.left_active = False
        self.reading.focus()

    def action_step_hit(self, step: int) -> None:
        if not self.hit_spans:
            self.notify("No search hits in this document: / searches", timeout=2)
            return
        self.hit_index = (self.hit_index + step) % len(self.hit_spans)
        self.reading.set_hits(self.hit_spans, self.hit_index)
        self.reading.reveal(self.hit_spans[self.hit_index].start)
        self._update_title()

    def action_back(self) -> None:
        """Esc: from the text back to the results, from the results back to the bar."""
        results = self.search.results_if_mounted
        if self.focused is self.reading and results is not None and results.display:
            self.left_active = True
            results.focus()
        elif results is not None and self.focused is results:
            self.search.bar.focus()
        elif self._panel_shown and self.focused is self._entity_panel:
            self.action_toggle_entities()

    @on(SearchBar.Left)
    def _left_search(self) -> None:
        self.doclist.focus()

    def action_step_document(self, step: int) -> None:
        if not self.docs:
            return
        index = 0 if self.current is None else (self.current + step) % len(self.docs)
        self.open_document(index)

    def action_outline(self) -> None:
        if self.current is None:
            return

        def jump(offset: int | None) -> None:
            if offset is not None:
                self.reading.raw = False
                self.reading.scroll_to_offset(offset)
                self.left_active = False
                self.reading.focus()

        from djreader.ui.screens.outline import OutlineScreen

        self.app.push_screen(OutlineScreen(self.docs[self.current]), jump)

    def action_help(self) -> None:
        nodes = [
            ("reader", self.reading),
            ("list", self.doclist),
            ("search", self.search.bar),
            ("anywhere", self),
            ("anywhere", self.app),
        ]
        from djreader.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(nodes))
