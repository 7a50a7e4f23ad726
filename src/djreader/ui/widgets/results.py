"""Search results: one option per document, its title and a snippet with the hit highlighted."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from djreader.core.document import Document
from djreader.core.sanitize import visible
from djreader.core.spans import Span

_WS = re.compile(r"\s+")


def _flat(s: str) -> str:
    return visible(_WS.sub(" ", s))


def snippet_text(text: str, span: Span, *, before: int = 14, after: int = 40, hit_style: Style | str = "reverse") -> Text:
    """``…context HIT context…`` on one line, the hit styled; never parsed as markup."""
    lo = max(0, span.start - before)
    hi = min(len(text), span.end + after)
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(("…" if lo > 0 else "") + _flat(text[lo : span.start]).lstrip(), style="dim")
    out.append(_flat(text[span.start : span.end]), style=hit_style)
    out.append(_flat(text[span.end : hi]).rstrip() + ("…" if hi < len(text) else ""), style="dim")
    return out


class ResultsList(OptionList):
    """Options carry the index of the document in the app's list as their id."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def show_results(self, docs: list[Document], hits, *, hit_style: Style | str = "reverse") -> None:
        self.clear_options()
        options = []
        width = max(self.scrollable_content_region.width - 2, 10)
        for hit in hits:
            doc = docs[int(hit.doc_id)]
            title = Text(f"{len(hit.spans)}× ", style="dim")
            title.append(visible(doc.title), style="bold")
            title.truncate(width, overflow="ellipsis")
            snippet = snippet_text(doc.text, hit.best, hit_style=hit_style)
            snippet.truncate(width, overflow="ellipsis")
            options.append(Option(Text("\n").join([title, snippet]), id=hit.doc_id))
        self.add_options(options)
        if options:
            self.highlighted = 0
