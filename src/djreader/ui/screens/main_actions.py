"""What the main screen does with the corpus and the reader's memory.

Bookmarks, the corpus-wide places and figures screens, export and copy: the
actions behind m, B, L, F, x/X and y, kept apart from the screen's layout and
navigation. Mixed into MainScreen, whose attributes (docs, current, reading,
hit_spans, search) they use.
"""

from __future__ import annotations

from pathlib import Path

from djreader.core.document import Document
from djreader.core.sanitize import visible
from djreader.core.state import path_key


class ReaderActions:
    def _open_doc(self) -> Document | None:
        if self.current is None or not self.docs[self.current].ok:
            self.notify("No readable document is open", severity="warning", timeout=2)
            return None
        return self.docs[self.current]

    def action_toggle_bookmark(self) -> None:
        from djreader.ui.screens.bookmarks import paragraph_at

        doc = self._open_doc()
        if doc is None:
            return
        offset, within, label = paragraph_at(doc, self.reading.top_offset)
        added = self.app.state.toggle_bookmark(doc.path, offset, label, within=within)  # type: ignore[attr-defined]
        self.notify(("Bookmarked: " if added else "Bookmark removed: ") + visible(label), timeout=3)

    def action_bookmarks(self) -> None:
        from djreader.ui.screens.bookmarks import BookmarksScreen

        state = self.app.state  # type: ignore[attr-defined]
        titles = {path_key(d.path): d.title for d in self.docs}

        def go(result: tuple[str, int] | None) -> None:
            if result is None:
                return
            path, offset = result
            index = next((i for i, d in enumerate(self.docs) if path_key(d.path) == path), None)
            if index is None:
                self.notify("That document is not in this corpus any more", severity="warning")
                return
            self.open_document(index, offset=offset)
            self.left_active = False
            self.reading.focus()

        self.app.push_screen(BookmarksScreen(state.bookmarks(), titles, on_delete=state.remove_bookmark), go)

    def _corpus(self) -> list:
        return [(i, d.title, d.text, None) for i, d in enumerate(self.docs) if d.ok]

    def _open_at(self, result: tuple[int, int] | None) -> None:
        if result is not None:
            index, offset = result
            self.open_document(index)
            self.reading.reveal(offset)
            self.left_active = False
            self.reading.focus()

    def _spans_of(self, index: int, text: str) -> list:
        return self.app.entities_for(self.docs[index])  # type: ignore[attr-defined]

    def action_corpus_places(self) -> None:
        from djreader.ui.screens.corpus_places import CorpusPlacesScreen

        self.app.push_screen(CorpusPlacesScreen(self._corpus(), spans_of=self._spans_of), self._open_at)

    def action_corpus_figures(self) -> None:
        from djreader.ui.screens.corpus_figures import CorpusFiguresScreen

        self.app.push_screen(CorpusFiguresScreen(self._corpus(), spans_of=self._spans_of), self._open_at)

    def action_export(self, fmt: str) -> None:
        """Search results when they are shown, otherwise the open document's entities."""
        from djreader.core.export import export_entities, export_results

        try:
            if self.search.showing and self.search.result is not None:
                docs = {str(i): (str(d.path), d.text) for i, d in enumerate(self.docs)}
                path = export_results(self.search.result, docs, fmt=fmt, directory=Path.cwd())
                what = "search results"
            else:
                doc = self._open_doc()
                if doc is None:
                    return
                spans = self.app.entities_for(doc)  # type: ignore[attr-defined]
                path = export_entities(doc.path, doc.text, spans, fmt=fmt, directory=Path.cwd())
                what = "places and figures"
        except (OSError, ValueError) as err:
            self.notify(f"Export failed: {err}", severity="error", timeout=8)
            return
        self.notify(f"Exported {what} to {path}", timeout=6)

    def action_copy(self) -> None:
        """Copy the current search hit's sentence, or the paragraph at the top of the pane (OSC 52)."""
        from djreader.ui.screens.bookmarks import paragraph_at

        doc = self._open_doc()
        if doc is None:
            return
        if self.hit_spans and 0 <= self.hit_index < len(self.hit_spans):
            offset = self.hit_spans[self.hit_index].start
        else:
            offset = self.reading.top_offset
        _, (start, end), _ = paragraph_at(doc, offset)
        text = doc.text[start:end].strip()
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {len(text)} characters to the clipboard", timeout=3)

