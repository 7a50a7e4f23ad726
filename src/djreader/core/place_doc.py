"""Per-document state of place recognition: word boundaries and context.

jieba (HMM off, core/segment.py) supplies the word boundaries that keep a
short name from firing inside a longer word (安顺 in 平安顺利). jieba cuts
each run of Han/alphanumeric characters on its own, so a run is tokenized
only when a candidate name first falls in it: the same boundaries as
cutting the whole text, at a fraction of the cost.
"""

from __future__ import annotations

import bisect
import re

from djreader.core import segment
from djreader.core.gazetteer import Gazetteer

_AFTER_NAME = frozenset("人区上下中里内外边畔脚麓队")  # 温州人, 大别山区, 黄浦江畔, 甘肃队
_FORMER = frozenset({"原", "前"})  # "former" before a country in one jieba word: 原苏联
AROUND = frozenset({"环"})  # "around" before a sea or a lake in one jieba word: 环渤海
_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")  # jieba's own run pattern


class PlaceDoc:
    """One document being read: its candidate names, boundaries and context."""

    def __init__(self, text: str, g: Gazetteer) -> None:
        self.text = text
        self.g = g
        self.freq = segment.tokenizer().FREQ  # jieba word frequencies
        self._tok_end: dict[int, int] = {}  # token start -> token end
        self._ends: set[int] = set()
        self._blocks = [(m.start(), m.end()) for m in _BLOCK.finditer(text)]
        self._block_starts = [b[0] for b in self._blocks]
        self._done: set[int] = set()
        # gazetteer names starting at each position, longest first
        self.hits: dict[int, list] = {}
        heads = g.heads
        for i in range(len(text) - 1):
            if text[i : i + 2] in heads:
                h = g.hits(text, i)
                if h:
                    self.hits[i] = h
        self.mentioned: set[int] = set()  # unit ids named in the document (and their ancestors)
        self.full_named: set[int] = set()  # unit ids named by their full name
        # towns and villages named in the first pass, and their bare forms:
        # name -> (kind, parents, is_bare)
        self.extra: dict[str, tuple[str, tuple[str, ...], bool]] = {}
        self.extra_len = 0
        self.context_towns: list[list[int]] = []
        self.context_villages: list[dict[str, int]] = []
        self.suffix_memo: dict[int, tuple[int, int] | None] = {}  # see core/place_suffix.py

    def _tokenize_at(self, i: int) -> None:
        k = bisect.bisect_right(self._block_starts, i) - 1
        if k < 0 or k in self._done:
            return
        bs, be = self._blocks[k]
        if i >= be:  # between blocks: the block before is not done by this
            return
        self._done.add(k)
        for _w, s, e in segment.tokens(self.text[bs:be], hmm=False):
            self._tok_end[bs + s] = bs + e
            self._ends.add(bs + e)

    def is_start(self, i: int) -> bool:
        """Whether a jieba token starts at ``i``."""
        self._tokenize_at(i)
        return i in self._tok_end

    @property
    def ends(self) -> set[int]:
        """Where the tokens of the blocks tokenized so far end."""
        return self._ends

    def word_end(self, i: int) -> int:
        """Where the jieba token starting at ``i`` ends; ``i`` if none starts there."""
        self._tokenize_at(i)
        return self._tok_end.get(i, i)

    def is_token(self, start: int, end: int) -> bool:
        """Whether text[start:end] is one jieba token."""
        self._tokenize_at(start)
        return self._tok_end.get(start) == end

    def is_end(self, i: int, start: int) -> bool:
        """Whether a token ends at ``i``, or the token from ``start`` runs on
        into a word (中国 in 中国共产党: the rest, 共产党, is a word itself;
        英国 in 英国皇家空军: the rest starts with a word of two characters
        or more, 皇家) or into one character of people, position or team (温州人,
        大别山区, 黄浦江畔, 俄罗斯队)."""
        self._tokenize_at(start)
        if i in self._ends:
            return True
        te = self._tok_end.get(start, 0)
        if te <= i:
            return False
        rest = self.text[i:te]
        if rest in _AFTER_NAME or self.freq.get(rest, 0) > 0 and len(rest) > 1:
            return True
        # the first word of the rest, as jieba would cut it on its own
        first = next(iter(segment.cut(rest, hmm=False)), "")
        return len(first) >= 2 and self.freq.get(first, 0) > 0

    def compound_tail(
        self, start: int, end: int, *, everyday_head: bool = False, heads: frozenset[str] | None = None
    ) -> bool:
        """Whether text[start:end] ends a jieba token that begins with a word
        of its own before it (首都北京, 中国香港, 南部非洲: jieba's dictionary
        joins them), or with 原/前 "former" (原苏联, 前南斯拉夫). With
        ``everyday_head`` the word before must be an everyday one (南部非洲,
        冲出亚洲; not the 西里 of 西里西亚); with ``heads``, one of those
        (环 of 环渤海)."""
        self._tokenize_at(start)
        if end not in self._ends:
            return False
        for k in range(start - 1, max(-1, start - 5), -1):
            if self._tok_end.get(k) == end:
                head = self.text[k:start]
                if heads is not None:
                    return head in heads
                if head in _FORMER:
                    return True
                if everyday_head:
                    return self.g.is_everyday(head)
                return len(head) >= 2 and (self.freq.get(head, 0) > 0 or head in self.g.lookup)
        return False

    def splits_word(self, i: int) -> bool:
        """Whether ``i`` falls inside a jieba token made of two dictionary
        words of two characters or more that meet at ``i`` (海外华人, 华人华侨
        at the second 华)."""
        self._tokenize_at(i)
        for k in range(i - 1, max(-1, i - 5), -1):
            te = self._tok_end.get(k)
            if te is not None:
                if i - k < 2 or te - i < 2:
                    return False  # 集中外装: 集 and 中 are words, but no such pair
                return self.freq.get(self.text[k:i], 0) > 0 and self.freq.get(self.text[i:te], 0) > 0
        return False

    def words(self, start: int, end: int) -> list[tuple[int, int]]:
        """The jieba tokens that lie inside text[start:end]."""
        out, i = [], start
        while i < end:
            self._tokenize_at(i)
            te = self._tok_end.get(i, i + 1)
            if te <= end:
                out.append((i, te))
            i = te
        return out

    def crosses(self, start: int, end: int, *, freq: int = 1) -> bool:
        """Whether a common word starts inside text[start:end] and runs past
        ``end`` (城镇 in 快于城镇居民: 于城镇 is no town there)."""
        self._tokenize_at(start)
        for k in range(start + 1, end):
            te = self._tok_end.get(k, 0)
            if te > end and self.freq.get(self.text[k:te], 0) >= freq:
                return True
        return False

    def has_common_word(self, start: int, end: int, *, freq: int = 2000) -> bool:
        """Whether text[start:end] holds a frequent word (提高, 发展): no name part."""
        i = start
        while i < end:
            self._tokenize_at(i)
            te = self._tok_end.get(i, i + 1)
            if te - i >= 2 and self.freq.get(self.text[i:te], 0) >= freq:
                return True
            i = te
        return False
