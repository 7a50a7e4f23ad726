"""Terminals that draw East Asian Ambiguous characters (“ ” ‘ ’ … — ·) two cells wide.

Chinese news text is full of them. Rich (and so Textual) measures them as one
cell, as most terminals draw them; a terminal set to draw them wide (a CJK
locale in xterm, iTerm2's "ambiguous characters are double-width", PuTTY's
CJK setting) then pushes every such line one cell to the right per character
and breaks the layout. ``--ambiguous-wide`` makes Rich measure them as two
cells, process-wide, so every widget agrees with the terminal.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import rich.cells


def _ambiguous_ranges(limit: int = 0x10000) -> list[tuple[int, int]]:
    """Code point ranges of the East Asian Ambiguous class in the BMP."""
    ranges: list[tuple[int, int]] = []
    start = None
    for cp in range(limit):
        amb = unicodedata.east_asian_width(chr(cp)) == "A" and not unicodedata.combining(chr(cp))
        if amb and start is None:
            start = cp
        elif not amb and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, limit - 1))
    return ranges


def enable() -> None:
    """Measure ambiguous-width characters as two cells from now on (idempotent)."""
    if getattr(rich.cells, "_djreader_ambiguous_wide", False):
        return
    original = rich.cells.load_cell_table
    ambiguous = _ambiguous_ranges()

    @cache
    def widened(unicode_version: str = "auto"):
        table = original(unicode_version)
        covered = table.widths
        extra = []
        for lo, hi in ambiguous:
            cp = lo
            while cp <= hi:
                # split around code points the table already sizes (0 or 2 cells)
                if rich.cells.get_character_cell_size.__wrapped__(chr(cp), unicode_version) == 1:
                    run_start = cp
                    while cp <= hi and rich.cells.get_character_cell_size.__wrapped__(chr(cp), unicode_version) == 1:
                        cp += 1
                    extra.append((run_start, cp - 1, 2))
                else:
                    cp += 1
        widths = sorted(list(covered) + extra)
        return table._replace(widths=widths)

    # measure with the original table while building, then switch
    for lo, _ in ambiguous[:1]:
        rich.cells.get_character_cell_size.__wrapped__(chr(lo))
    table = widened("auto")
    rich.cells.load_cell_table = lambda unicode_version="auto": table if unicode_version == "auto" else widened(unicode_version)
    rich.cells.get_character_cell_size.cache_clear()
    rich.cells.cached_cell_len.cache_clear()
    rich.cells._djreader_ambiguous_wide = True  # type: ignore[attr-defined]
