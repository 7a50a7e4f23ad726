"""What the index needs of a document from the segmenter: its distinct
word-like jieba words, folded as the index sees the text.

Kept apart from ``core.index`` so that the segmentation workers import only
this, jieba and the folding table, not numpy and the search's modules: the
worker processes start sooner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from djreader.core.normalize import Folder

_WORDLIKE = re.compile(r"\w")
_BREAK = re.compile(r"[\s。！？；，、.!?;,]")
CHUNK = 2000


def _chunks(text: str, size: int = CHUNK):
    """Pieces of at most ``size`` characters, cut after punctuation or space
    where one is near: jieba slows down badly on very long unbroken runs."""
    start, n = 0, len(text)
    while n - start > size:
        end = start + size
        cut = None
        for m in _BREAK.finditer(text, end - 200, end):
            cut = m.end()
        end = cut or end
        yield text[start:end]
        start = end
    if start < n:
        yield text[start:]


def analyse(text: str, folder: Folder | None = None) -> list[str]:
    """The distinct word-like jieba words of ``text`` as the index sees it
    (folded), sorted: all that :meth:`Index.add` needs from the segmenter."""
    return sorted(of_folded((folder or Folder()).fold(text)))


def _cut(text: str) -> list[str]:
    from djreader.core import segment  # jieba: imported only when segmenting here

    return segment.cut(text)


def of_folded(folded: str) -> list[str]:
    """The distinct word-like words of an already folded text, unordered."""
    found: set[str] = set()
    for chunk in _chunks(folded):
        found.update(_cut(chunk))
    return [w for w in found if _WORDLIKE.search(w)]


def pack(words: Iterable[str]) -> str:
    """Words as one string (one a line): a hundredth of the objects of a list,
    which matters when 100,000 documents' words are in flight at once. Words
    never hold a line break (jieba cuts at whitespace)."""
    return "\n".join(words)
