"""The document list: title, then date, source and length on a dim second line."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from djreader.core.document import Document
from djreader.core.sanitize import visible


def describe(doc: Document) -> Text:
    """The two-line prompt of one document (built as Text: never parsed as markup)."""
    title = Text(visible(doc.title), style="bold" if doc.ok else "")
    if not doc.ok:
        line2 = Text(f"✗ {visible(doc.name)}: {visible(doc.error or '')}", style="dim italic")
    else:
        parts = []
        if doc.article.date:
            parts.append(doc.article.date)
        if doc.article.source:
            parts.append(visible(doc.article.source))
        parts.append(f"{len(doc.text):,}字")
        line2 = Text(" · ".join(parts), style="dim")
    return Text("\n").join([title, line2])


class DocList(OptionList):
    """Every document found; unreadable ones too, with their reason."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    def set_documents(self, docs: list[Document]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(describe(d), id=str(i)) for i, d in enumerate(docs)])
        if docs:
            self.highlighted = min(highlighted or 0, len(docs) - 1)

    def add_documents(self, docs: list[Document], first_index: int) -> None:
        self.add_options([Option(describe(d), id=str(first_index + i)) for i, d in enumerate(docs)])
        if self.highlighted is None and self.option_count:
            self.highlighted = 0
