"""Every bookmark of the corpus, newest first: Enter goes there, d deletes one."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from djreader.core.document import FURNITURE, Document
from djreader.core.normalize import clean_line
from djreader.core.sanitize import visible
from djreader.core.state import Bookmark, path_key


LABEL_CHARS = 60


def paragraph_at(doc: Document, offset: int) -> tuple[int, tuple[int, int], str]:
    """What ``StateStore.toggle_bookmark`` needs for the paragraph at ``offset``
    (e.g. the reading pane's top offset): (its start, (start, end), a label).

    The paragraph is the first block, page furniture aside, that ends after
    ``offset``; a document without one gets a bookmark at ``offset`` itself.
    """
    for b in doc.article.blocks:
        if b.kind != FURNITURE and b.end > offset:
            return b.start, (b.start, b.end), clean_line(doc.text[b.start : b.end])[:LABEL_CHARS]
    offset = max(0, min(offset, len(doc.text)))
    return offset, (offset, offset + 1), clean_line(doc.text[offset : offset + LABEL_CHARS])


def _when(created: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(created)) if created > 0 else ""


class BookmarksScreen(ModalScreen[tuple[str, int] | None]):
    """Dismisses with the chosen bookmark's (path, offset), or None.

    ``titles`` maps a document's path (any form; compared as absolute paths)
    to its title; bookmarks of documents not in it are shown as missing.
    ``on_delete(path, offset)`` is called when d deletes a bookmark, so the
    caller's store forgets it too.
    """

    DEFAULT_CSS = """
    BookmarksScreen { align: center middle; }
    #bookmarks-box {
        width: 80%; max-width: 100; height: 80%;
        border: round $accent; background: $surface;
    }
    #bookmarks-title { padding: 0 1; }
    #bookmarks-list { height: 1fr; border: none; }
    #bookmarks-hint { padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape,q,B", "dismiss_none", "Close bookmarks"),
        Binding("d,delete", "delete", "Delete bookmark"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(
        self,
        bookmarks: list[Bookmark],
        titles: Mapping[str, str],
        *,
        on_delete: Callable[[str, int], object] | None = None,
    ) -> None:
        super().__init__()
        self.marks = sorted(bookmarks, key=lambda b: b.created, reverse=True)
        self.titles = {path_key(p): t for p, t in titles.items()}
        self.on_delete = on_delete

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box"):
            yield Static(Text(f"Bookmarks ({len(self.marks)})", style="bold"), id="bookmarks-title")
            yield OptionList(*self._options(), id="bookmarks-list")
            yield Static(Text("Enter opens · d deletes · Esc closes"), id="bookmarks-hint")

    def _options(self) -> list[Option]:
        if not self.marks:
            return [Option(Text("No bookmarks yet: press m while reading to mark a paragraph.", style="dim"), id="none", disabled=True)]
        return [Option(self._label(b), id=str(i)) for i, b in enumerate(self.marks)]

    def _label(self, b: Bookmark) -> Text:
        title = self.titles.get(b.path)
        label = Text()
        if title is None:
            label.append(visible(clean_line(b.path)), style="bold")
            label.append("  (not in this corpus)", style="dim italic")
        else:
            label.append(visible(clean_line(title)), style="bold")
        label.append(f"  {_when(b.created)}", style="dim")
        label.append("\n  ")
        label.append(visible(clean_line(b.label)) or "…", style="")
        return label

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#bookmarks-list", OptionList)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.isdigit():
            b = self.marks[int(event.option.id)]
            self.dismiss((b.path, b.offset))

    def action_cursor(self, step: int) -> None:
        ol = self.option_list
        ol.action_cursor_down() if step > 0 else ol.action_cursor_up()

    def action_delete(self) -> None:
        ol = self.option_list
        index = ol.highlighted
        if index is None or not self.marks:
            return
        b = self.marks.pop(index)
        if self.on_delete is not None:
            self.on_delete(b.path, b.offset)
        ol.clear_options()
        ol.add_options(self._options())
        if self.marks:
            ol.highlighted = min(index, len(self.marks) - 1)
        self.query_one("#bookmarks-title", Static).update(Text(f"Bookmarks ({len(self.marks)})", style="bold"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
