"""The outline: reports of a compilation page and the headings inside them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from djreader.core.document import Document
from djreader.core.sanitize import visible


class OutlineScreen(ModalScreen[int | None]):
    """Dismisses with the chosen section's character offset, or None."""

    BINDINGS = [Binding("escape,o,q", "dismiss_none", "Close outline")]

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc

    def compose(self) -> ComposeResult:
        sections = self.doc.article.sections
        with Vertical(id="outline-box"):
            yield Static(Text(f"Outline · {visible(self.doc.title)}", style="bold"), id="outline-title")
            options = []
            for i, s in enumerate(sections):
                label = Text("  " * (s.level - 1) + visible(s.title), style="bold" if s.level == 1 else "")
                if s.author:
                    label.append(f"  {visible(s.author)}", style="dim")
                options.append(Option(label, id=str(i)))
            if not options:
                options.append(Option(Text("This document has no sections.", style="dim"), id="none", disabled=True))
            yield OptionList(*options, id="outline-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.isdigit():
            self.dismiss(self.doc.article.sections[int(event.option.id)].start)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
