"""Themes: Textual's own plus a high-contrast one; ``t`` cycles through THEME_CYCLE."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="djreader-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff00ff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffaa00",
    error="#ff3333",
    dark=True,
)

THEME_CYCLE = ["textual-dark", "textual-light", "djreader-high-contrast", "solarized-light", "nord"]
