"""The footer: Textual's, rebuilt only when what it shows changes.

Textual's Footer recomposes (removes and remounts every key) on each
bindings update, and focus moves publish one even when the keys on show
stay the same: at start-up that is a dozen rebuilds before the first frame.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class ReaderFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._composed: tuple | None = None  # what the keys on show were built from

    def _signature(self, screen: Screen) -> tuple:
        """Everything Footer.compose reads from the bindings, in order."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.key_display, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )

    def compose(self):
        if self._bindings_ready:
            self._composed = self._signature(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self._composed is not None and self.is_attached and screen is self.screen:
            if self._signature(screen) == self._composed:
                return
        super().bindings_changed(screen)
