"""From a document to the rows of the reading pane.

A row is a slice of the document text (character offsets) with the kind of
block it came from; styling is applied when the row is drawn, so entity spans
and search hits (offsets into the same text) map straight onto rows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from djreader.core.document import (
    CAPTION,
    FURNITURE,
    HEADING,
    META,
    PARAGRAPH,
    SUBTITLE,
    TITLE,
    Document,
)
from djreader.core.typeset import layout

# Blocks laid out flush left; the others get the paragraph indent.
_NO_INDENT = {TITLE, SUBTITLE, META, HEADING, CAPTION, FURNITURE}


_NEWLINE = re.compile(r"[\r\n]")
# CJK ideographs and punctuation, full-width forms. A comparison, not a
# regular expression: compiling one with ranges this wide costs milliseconds
# at every start.
_CJK_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x3000, 0x303F))


def _cjk(ch: str) -> bool:
    if not ch:
        return False
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def display_text(text: str) -> str:
    """``text`` with line breaks made layout-neutral, length unchanged.

    A paragraph of a hard-wrapped file spans several lines: a break between
    two Chinese characters becomes a zero-width space (Chinese joins without
    a space), any other becomes a space.
    """
    if "\n" not in text and "\r" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        i = m.start()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before in "\r\n" or after in "\r\n" or (_cjk(before) and _cjk(after)):
            return "\u200b"
        return " "

    return _NEWLINE.sub(repl, text)


class Row(NamedTuple):
    start: int
    end: int
    kind: str  # a block kind, "blank", "fold" (folded furniture) or "raw"
    indent: int = 0  # cells of leading indent
    folded: int = 0  # for "fold": how many blocks are hidden
    block: int = -1  # index of the block in the article, -1 for none




def _blank(pos: int) -> Row:
    return Row(pos, pos, "blank")


def article_rows(
    doc: Document,
    width: int,
    *,
    text: str | None = None,
    indent: int = 2,
    fold_furniture: bool = True,
    ambiguous_wide: bool = False,
) -> list[Row]:
    """Rows of the cleaned article: blocks laid out with a blank row between them.

    ``text`` is what will be drawn (``display_text`` of the document, made
    visible), so the layout measures exactly that. Runs of furniture are
    folded into one row when ``fold_furniture`` is set, so they are never
    silently lost.
    """
    text = display_text(doc.text) if text is None else text
    width = max(width, 1)
    rows: list[Row] = []
    blocks = doc.article.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == FURNITURE and fold_furniture:
            j = i
            while j < len(blocks) and blocks[j].kind == FURNITURE:
                j += 1
            if rows and rows[-1].kind != "blank":
                rows.append(_blank(block.start))
            rows.append(Row(block.start, block.start, "fold", folded=j - i, block=i))
            rows.append(_blank(block.start))
            i = j
            continue
        first_indent = indent if block.kind == PARAGRAPH else 0
        for line in layout(text, width, start=block.start, end=block.end, indent=first_indent, ambiguous_wide=ambiguous_wide):
            rows.append(Row(line.start, line.end, block.kind, line.indent, block=i))
        if block.kind not in (META,) or (i + 1 < len(blocks) and blocks[i + 1].kind != META):
            rows.append(_blank(block.end))
        i += 1
    while rows and rows[-1].kind == "blank":
        rows.pop()
    return rows


def raw_rows(doc: Document, width: int, *, ambiguous_wide: bool = False) -> list[Row]:
    """Rows of the file text as it is, each line laid out without indent."""
    text = doc.text
    rows: list[Row] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        line_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        if line_end == pos:
            rows.append(Row(pos, pos, "raw"))
        else:
            for line in layout(text, max(width, 1), start=pos, end=line_end, indent=0, ambiguous_wide=ambiguous_wide):
                rows.append(Row(line.start, line.end, "raw", line.indent))
        if nl < 0:
            break
        pos = nl + 1
    return rows


def row_at_offset(rows: list[Row], offset: int) -> int:
    """Index of the row that shows ``offset`` (or the first row after it)."""
    if not rows:
        return 0
    i = bisect_right(rows, offset, key=lambda r: r.start) - 1
    i = max(i, 0)
    while i > 0 and rows[i - 1].start == rows[i].start:
        i -= 1  # the first row that begins there (a fold row and its blank share a start)
    while i < len(rows) - 1 and rows[i].kind == "blank":
        i += 1
    return i
