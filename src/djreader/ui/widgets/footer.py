"""The footer: Textual's, built once at mount and rebuilt only when its keys change.

Textual's Footer composes empty, then recomposes (removing and remounting
every key) on each bindings update, even when the keys on show stay the
same; and each key is bound to the footer's ``compact`` flag, which restyles
it twice as it mounts. At start-up that was most of the cost of the first
frame after the text itself. Here the keys are built straight away, with
their ``compact`` state set before they mount.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class ReaderFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._composed: tuple | None = None  # what the keys on show were built from

    def _signature(self, screen: Screen) -> tuple:
        """Everything the keys are built from, in order."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.key_display, getattr(binding, "group", None), enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )

    def compose(self):
        screen = self.screen
        active = screen.active_bindings
        grouped = any(getattr(binding, "group", None) is not None for (_, binding, _, _) in active.values() if binding.show)
        if grouped or not hasattr(FooterKey, "compact") or not hasattr(Footer, "_bindings_ready"):
            yield from super().compose()  # grouped keys (or another Textual): its own layout
            self._composed = self._signature(screen) if getattr(self, "_bindings_ready", False) else None
            return
        self.set_reactive(Footer._bindings_ready, True)
        self._composed = self._signature(screen)
        first: dict[str, tuple[Binding, bool, str]] = {}  # by action: keys for one action show once
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                first.setdefault(binding.action, (binding, enabled, tooltip))
        self.styles.grid_size_columns = len(first)
        for binding, enabled, tooltip in first.values():
            yield self._key(binding, enabled, tooltip)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            entry = active.get(self.app.COMMAND_PALETTE_BINDING)
            if entry is not None:
                _, binding, enabled, _ = entry
                # as in Textual's footer, this key is not bound to ``compact`` (it stays compact)
                yield self._key(binding, enabled, binding.tooltip or binding.description, classes="-command-palette", bind=False)

    def _key(self, binding: Binding, enabled: bool, tooltip: str, classes: str = "", bind: bool = True) -> FooterKey:
        key = FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip,
            classes=classes,
        )
        if bind:
            # the state data_bind would give it, set before mounting: no restyle
            key.set_reactive(FooterKey.compact, self.compact)
            key.set_class(self.compact, "-compact")
        return key

    def watch_compact(self, compact: bool) -> None:
        for key in self.query(FooterKey):
            if not key.has_class("-command-palette"):
                key.compact = compact

    def bindings_changed(self, screen: Screen) -> None:
        unchanged = self._composed is not None and self.is_attached and screen is self.screen
        if unchanged and self._signature(screen) == self._composed:
            return
        super().bindings_changed(screen)
