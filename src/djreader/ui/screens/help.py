"""The help screen, built from the live bindings so it cannot drift from the keys."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static


# Scrolling sideways never matters for wrapped text; leave those out of the help.
_SKIP_ACTIONS = {"scroll_left", "scroll_right", "page_left", "page_right"}


def binding_rows(nodes: list[tuple[str, DOMNode]]) -> list[tuple[str, str, str]]:
    """(where, keys, description) for every described binding of ``nodes``."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for where, node in nodes:
        # _bindings holds the node's live bindings (keymaps applied); grouping by
        # action keeps "j,down" together as one row.
        by_action: dict[str, list[Binding]] = {}
        for bindings in node._bindings.key_to_bindings.values():
            for b in bindings:
                if b.description and not b.system and b.action not in _SKIP_ACTIONS:
                    by_action.setdefault(b.action, []).append(b)
        for action, bindings in by_action.items():
            keys = []
            for b in bindings:
                shown = b.key_display or node.app.get_key_display(b)
                if shown not in keys:
                    keys.append(shown)
            desc = bindings[0].description
            if (where, desc) in seen:
                continue
            seen.add((where, desc))
            rows.append((where, ", ".join(keys), desc))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close help")]

    def __init__(self, nodes: list[tuple[str, DOMNode]]) -> None:
        super().__init__()
        self.rows = binding_rows(nodes)

    def compose(self) -> ComposeResult:
        table = Table(title="djreader keys", expand=True, box=None, padding=(0, 1))
        table.add_column("where", style="dim", no_wrap=True)
        table.add_column("keys", style="bold", no_wrap=True)
        table.add_column("does")
        for where, keys, desc in self.rows:
            table.add_row(Text(where), Text(keys), Text(desc))
        with VerticalScroll(id="help-body"):
            yield Static(table)
            yield Static(Text("Esc closes this screen · Ctrl+P opens the command palette (open a document by title)", style="dim"))
