"""The search bar: an Input that remembers earlier queries (Up/Down recall them)."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    BINDINGS = [
        Binding("up", "history(-1)", "Earlier query", show=False),
        Binding("down", "history(1)", "Later query", show=False),
        Binding("escape", "leave", "Leave search", show=False),
    ]

    class Left(Message):
        """The user pressed Esc in the bar."""

    def __init__(self, *, history: list[str] | None = None, id: str | None = None) -> None:
        super().__init__(placeholder="/ search: 酒泉, jiuquan, jqs, 九泉, \"a phrase\", -exclude", id=id)
        self.history: list[str] = list(history or [])
        self._pos = len(self.history)

    def remember(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-200]
        self._pos = len(self.history)

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        self._pos = max(0, min(len(self.history), self._pos + step))
        self.value = self.history[self._pos] if self._pos < len(self.history) else ""
        self.cursor_position = len(self.value)

    def action_leave(self) -> None:
        self.post_message(self.Left())
