"""Undo hard line wrapping (text copied out of PDFs or fixed-width dumps).

Scraped news pages put each paragraph on one line, but a document that was
wrapped at a fixed width breaks every paragraph into lines of about the same
display width, with no blank line between them. Treating each of those as a
paragraph would make most of them look like captions or headings, so runs of
wrapped lines are joined into one paragraph first.

The test is made on the whole document, never on one pair of lines: most
body lines must be "full" (within a few columns of the commonest width) and
directly followed by another body line. A paragraph ends at a short line, a
blank line, or an indented line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

MIN_WIDTH = 24  # narrower "wraps" are lists or verse, not wrapped prose
SLACK = 4  # columns a full line may fall short of the width (line-breaking rules)


class WrapLine(Protocol):
    start: int
    end: int
    norm: str
    gap: int
    indent: bool


def display_width(s: str) -> int:
    """Terminal columns, counting every non-ASCII character as two (CJK text)."""
    return 2 * len(s) - len(s.encode("ascii", "ignore"))


def wrap_width(lines: Sequence[WrapLine], body: Callable[[int], bool]) -> int | None:
    """The width a document was wrapped at, or None if it was not wrapped."""
    follows = [
        k for k in range(len(lines) - 1) if body(k) and body(k + 1) and lines[k + 1].gap == 0 and len(lines[k].norm) >= 12
    ]
    if len(follows) < 4:
        return None
    widths = Counter(display_width(lines[k].norm) for k in follows)
    best = max(widths, key=lambda w: sum(widths.get(w + d, 0) for d in range(-SLACK, 1)))
    if best < MIN_WIDTH:
        return None
    full = sum(1 for k in follows if display_width(lines[k].norm) >= best - SLACK)
    bodyish = sum(1 for k in range(len(lines)) if body(k) and len(lines[k].norm) >= 12)
    return best if full >= 4 and full >= 0.3 * bodyish else None


def joins(lines: Sequence[WrapLine], body: Callable[[int], bool], width: int) -> list[tuple[int, int]]:
    """Runs ``(first, last)`` of line indices to join into one paragraph."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        last = k
        while (
            last + 1 < len(lines)
            and body(last)
            and body(last + 1)
            and lines[last + 1].gap == 0
            and not lines[last + 1].indent
            and display_width(lines[last].norm) >= width - SLACK
        ):
            last += 1
        if last > k:
            runs.append((k, last))
        k = last + 1
    return runs


def join_norms(parts: Sequence[str]) -> str:
    """Join wrapped pieces: no space between CJK characters, one between words."""
    out = parts[0]
    for part in parts[1:]:
        if out and part and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " " + part
        else:
            out += part
    return out
