"""Chinese paragraph layout for a character-cell terminal.

Rich and Textual wrap text only at spaces, so a Chinese paragraph is cut
wherever the column ends: numbers are split (12|00), lines start with ，or 。.
This module breaks a paragraph into lines itself and hands the UI offsets.

Break rules, from "free" to "never"; a line always ends at the rightmost gap
of the lowest level that fits, so a stricter rule is broken only when the
line offers nothing better (this is how oidashi, pushing a character down to
the next line, falls out of a plain greedy fill):

  FREE     between Han/kana/hangul/full-width characters, at spaces, and
           between such a character and Latin text;
  UNIT     between a number and a following 万/亿/千/兆/元 (or 多/余 on the way
           to one), so 2.39亿元 stays together where it fits;
  KINSOKU  before closing punctuation (，。）》” , . ) …) or after opening
           punctuation (（《“ ( ...): hanging punctuation is not used, so
           these are only broken when a line has no other gap at all;
  WORD     inside a Latin word (no space): a word longer than the line is
           hard-broken;
  NUMBER   inside a digit run or digit-infix-digit (98.5, 12,000, 12:00,
           2019-03-15): only when the number alone is longer than the line;
  NEVER    inside a grapheme (before a zero-width character, after a zero
           width joiner). A grapheme is at most 2 cells, so this matters only
           at width 1, where a 2-cell character goes alone on its line and is
           the one case where a line is wider than `width`.

Cells are measured exactly as Rich renders them (``rich.cells``), including
its handling of ZWJ and VS16, so ``Line.cells`` equals
``cell_len(text[start:end]) + indent``. With ``ambiguous_wide=True`` the East
Asian Ambiguous characters that Rich counts as 1 cell count 2 instead, for
terminals configured that way (zero-width characters stay zero).

Speed: widths come from a per-character cache through ``map`` and a prefix
sum; each line is found by one bisect plus a short walk back over gaps, so the
cost is linear and small.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

from rich.cells import cell_len, get_character_cell_size

try:  # Rich >= 14 measures ZWJ sequences and VS16; older Rich sums characters.
    from rich.cells import load_cell_table as _load_cell_table
except ImportError:  # pragma: no cover - depends on the installed Rich
    _load_cell_table = None

__all__ = ["Line", "cell_width", "layout", "text_cells"]

IDEOGRAPHIC_SPACE = "\u3000"
_ZWJ = "\u200d"
_VS16 = "\ufe0f"

# Break levels (lower is freer).
FREE, UNIT, KINSOKU, WORD, NUMBER, NEVER = range(6)

# Character classes.
_AL, _ID, _NU, _CL, _OP, _ZW = range(6)

# Not at the start of a line. Category Pe/Pf (closing brackets and quotes) is
# added by category; these are the rest, as in Chinese and Japanese practice.
_CLOSE = frozenset(
    "，。、；：！？…‥—–―％‰‱℃℉・·～〜ー々〻ゝゞヽヾ"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    "｡､･﹐﹑﹒﹔﹕﹖﹗"
    ",.;:!?%"
)
# Not at the end of a line. Category Ps/Pi is added by category; currency
# signs are glued to the amount that follows them.
_OPEN = frozenset("$¥￥＄£￡€₩")
# Between two digits these belong to the number (98.5, 12,000, 2019-03-15).
_INFIX = frozenset(".,:-/．：／－")
# After a number these stay with it where they fit (2.39亿元, 9000多元).
_NUMBER_TAIL = frozenset("万亿千兆元多余")
# How far to look back through number tails / zero-width marks.
_LOOKBACK = 32
# Per-character caches are dropped past this size, so a hostile document
# cannot make them hold every code point.
_CACHE_LIMIT = 1 << 16

_SPACE = re.compile(r"\s")
_NONSPACE = re.compile(r"\S")


class Line(NamedTuple):
    """One laid-out line: ``text[start:end]`` preceded by ``indent`` cells."""

    start: int
    end: int
    indent: int
    cells: int


class _WidthCache(dict):
    """char -> cells, filled on first use so ``map`` runs at C speed."""

    def __init__(self, ambiguous_wide: bool) -> None:
        super().__init__()
        self.ambiguous_wide = ambiguous_wide

    def __missing__(self, ch: str) -> int:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        width = get_character_cell_size(ch)
        if self.ambiguous_wide and width == 1 and unicodedata.east_asian_width(ch) == "A":
            width = 2
        self[ch] = width
        return width


class _ClassCache(dict):
    """char -> break class (see the module docstring)."""

    def __missing__(self, ch: str) -> int:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        cat = unicodedata.category(ch)
        if get_character_cell_size(ch) == 0 or cat[0] == "M":
            cls = _ZW
        elif ch in _CLOSE or cat in ("Pe", "Pf"):
            cls = _CL
        elif ch in _OPEN or cat in ("Ps", "Pi"):
            cls = _OP
        elif cat == "Nd":
            cls = _NU
        elif unicodedata.east_asian_width(ch) in ("W", "F", "H"):
            cls = _ID
        else:
            cls = _AL
        self[ch] = cls
        return cls


_WIDTHS = {False: _WidthCache(False), True: _WidthCache(True)}
_CLASS = _ClassCache()


def cell_width(ch: str, *, ambiguous_wide: bool = False) -> int:
    """Cells one character takes on its own, as Rich renders it."""
    return _WIDTHS[ambiguous_wide][ch]


def text_cells(s: str, *, ambiguous_wide: bool = False) -> int:
    """Cells a string takes, as Rich renders it (ZWJ and VS16 included)."""
    if not ambiguous_wide:
        return cell_len(s)
    return sum(_widths(s, True)[0])


def _widths(p: str, ambiguous_wide: bool) -> tuple[list[int], frozenset[int]]:
    """Per-character cells of ``p`` and the indices a ZWJ swallows.

    The slow branch mirrors ``rich.cells._cell_len``: a ZWJ makes the next
    character zero-width, a VS16 widens the last measured character if it is
    one of the narrow emoji. Breaking never happens right after a ZWJ or
    right before a zero-width character, so per-line sums stay equal to what
    Rich measures for each line on its own.
    """
    cache = _WIDTHS[ambiguous_wide]
    widths = list(map(cache.__getitem__, p))
    if _load_cell_table is None or (_ZWJ not in p and _VS16 not in p):
        return widths, frozenset()
    narrow_to_wide = _load_cell_table().narrow_to_wide
    skipped: set[int] = set()
    last: str | None = None
    i, n = 0, len(p)
    while i < n:
        ch = p[i]
        if ch == _ZWJ:
            widths[i] = 0
            if i + 1 < n:
                widths[i + 1] = 0
                skipped.add(i + 1)
            i += 2
            continue
        if ch == _VS16:
            widths[i] = 0
            if last is not None:
                # Rich adds one cell; an ambiguous character already counted
                # wide is not widened again.
                widths[i] = int(last in narrow_to_wide and (not ambiguous_wide or cache[last] == 1))
                last = None
        elif widths[i]:
            last = ch
        i += 1
    return widths, frozenset(skipped)


def _base_class(p: str, i: int) -> int:
    """Class of the character a run of zero-width marks ending at ``i`` sits on."""
    cls = _CLASS[p[i]]
    stop = max(-1, i - _LOOKBACK)
    while cls == _ZW and i > stop + 1:
        i -= 1
        cls = _CLASS[p[i]]
    return _AL if cls == _ZW else cls


def _after_number(p: str, i: int) -> bool:
    """True if ``p[i]`` ends a chain of number tails that starts at a digit."""
    stop = max(-1, i - 4)
    while i > stop and p[i] in _NUMBER_TAIL:
        i -= 1
    return i >= 0 and _CLASS[p[i]] == _NU


def _gap_level(p: str, left: int, right: int, skipped: frozenset[int]) -> int:
    """How strongly a line break is forbidden between ``p[left]`` and ``p[right]``.

    Both are non-space; anything between them is whitespace that a break
    drops.
    """
    b = p[right]
    cb = _CLASS[b]
    if left < right - 1:  # whitespace in between
        return KINSOKU if (cb == _CL or _CLASS[p[left]] == _OP) else FREE
    if right in skipped or cb == _ZW:
        return NEVER
    a = p[left]
    ca = _CLASS[a]
    if ca == _ZW:
        ca = _base_class(p, left)
    if ca == _NU:
        if cb == _NU:
            return NUMBER
        if b in _INFIX and right + 1 < len(p) and _CLASS[p[right + 1]] == _NU:
            return NUMBER
        if b in _NUMBER_TAIL:
            return UNIT
    elif cb == _NU:
        if a in _INFIX and left > 0 and _CLASS[p[left - 1]] == _NU:
            return NUMBER
    elif b in _NUMBER_TAIL and a in _NUMBER_TAIL and _after_number(p, left):
        return UNIT
    if cb == _CL or ca == _OP:
        return KINSOKU
    if (ca == _AL or ca == _NU) and (cb == _AL or cb == _NU):
        return WORD
    return FREE


def _choose_break(p: str, s: int, e: int, n: int, skipped: frozenset[int]) -> tuple[int, int]:
    """Where the line starting at ``s`` ends, given that ``p[s:e]`` fits.

    Returns (end of this line, start of the next); whitespace between them is
    dropped. Walks gaps right to left and keeps the rightmost gap of the
    lowest level, stopping at the first free one.
    """
    right = e
    if _SPACE.match(p, e):
        m = _NONSPACE.search(p, e)
        if m is None:  # only whitespace is left, maybe from before e too
            end = e
            while p[end - 1].isspace():  # p[s] is not: the line keeps it
                end -= 1
            return end, n
        right = m.start()
    best_level, best = NEVER, -1
    while right > s:
        left = right - 1
        while left >= s and p[left].isspace():
            left -= 1
        if left < s:
            break
        level = _gap_level(p, left, right, skipped)
        if level < best_level:
            best_level, best = level, right
            if level == FREE:
                break
        right = left
    if best < 0:
        # Nothing breakable fits: take one whole grapheme (at width 1 a
        # 2-cell character, or an over-wide grapheme, goes alone).
        right = s + 1
        while right < n and not p[right].isspace() and _gap_level(p, right - 1, right, skipped) == NEVER:
            right += 1
        best = right
    end = best
    while end > s and p[end - 1].isspace():
        end -= 1
    m = _NONSPACE.search(p, best)
    return end, (m.start() if m else n)


def layout(
    text: str,
    width: int,
    *,
    start: int = 0,
    end: int | None = None,
    indent: int = 2,
    ambiguous_wide: bool = False,
) -> list[Line]:
    """Lay out the paragraph ``text[start:end]`` in lines of at most ``width`` cells.

    Offsets in the result index the whole ``text``, so spans found in the
    document map onto lines directly. ``indent`` full-width spaces (2 cells
    each) go before the first line, as in Chinese print; the indent is left
    out when it would leave fewer than 2 cells for text. Whitespace at a
    break, and around the paragraph, is dropped; whitespace means
    ``str.isspace``, NBSP included, because scraped pages use NBSP as an
    ordinary space. No line is wider than
    ``width`` except a single 2-cell grapheme when ``width`` is 1.
    """
    if width < 1:
        raise ValueError(f"width must be at least 1, got {width}")
    if end is None:
        end = len(text)
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"bad paragraph bounds {start}:{end} for text of length {len(text)}")
    if indent < 0:
        raise ValueError(f"indent must not be negative, got {indent}")
    p = text[start:end]
    n = len(p)
    first = _NONSPACE.search(p)
    if first is None:
        return []
    widths, skipped = _widths(p, ambiguous_wide)
    prefix = list(accumulate(widths, initial=0))
    indent_cells = indent * cell_width(IDEOGRAPHIC_SPACE)
    if width - indent_cells < 2:
        indent_cells = 0

    lines: list[Line] = []
    s = first.start()
    lead = indent_cells
    while s < n:
        avail = width - lead
        e = bisect_right(prefix, prefix[s] + avail, lo=s) - 1
        if e >= n:
            stop = n
            while p[stop - 1].isspace():
                stop -= 1
            lines.append(Line(start + s, start + stop, lead, prefix[stop] - prefix[s] + lead))
            break
        stop, nxt = _choose_break(p, s, e, n, skipped)
        lines.append(Line(start + s, start + stop, lead, prefix[stop] - prefix[s] + lead))
        s = nxt
        lead = 0
    return lines
