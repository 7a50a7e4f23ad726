"""Typo-tolerant matching in the text itself, not only in the vocabulary.

jieba may split the remembered word (布隆吉乡 is 布隆吉 + 乡), so a typo of
it is near no single vocabulary word. Here a term's one-edit variants are
spelled out - two neighbours swapped, one character too many, one character
replaced by another with the same pinyin - and kept only when every
character pair of the variant occurs in the index, so each survivor is one
cheap literal look-up. A missing character is a small regular expression
run over the documents that hold the text on both sides of the gap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from djreader.core.pinyin import char_readings

HAN = "[\u3400-\u9fff]"
MAX_TERM = 12


class Homophones:
    """Characters of the index grouped by toneless reading."""

    def __init__(self, chars: Iterable[str] = ()) -> None:
        self.by_reading: dict[str, set[str]] = {}
        self.seen: set[str] = set()
        self.update(chars)

    def update(self, chars: Iterable[str]) -> None:
        for ch in chars:
            if ch in self.seen:
                continue
            self.seen.add(ch)
            for r in char_readings(ch):
                self.by_reading.setdefault(r, set()).add(ch)

    def of(self, ch: str) -> set[str]:
        out: set[str] = set()
        for r in char_readings(ch):
            out |= self.by_reading.get(r, set())
        out.discard(ch)
        return out


def literal_variants(term: str, homophones: Homophones, exists, in_word) -> list[tuple[str, str]]:
    """One-edit variants of ``term`` that can be looked up as they are:
    (variant, kind). ``exists(text)`` says whether every character pair of
    a variant occurs in the index, which prunes most homophone guesses; a
    two-character variant must also be a pair seen inside a word
    (``in_word``), or 天市 would turn into 天是 across a word boundary."""
    n = len(term)
    if n < 2 or n > MAX_TERM:
        return []
    out: dict[str, str] = {}
    for i in range(n):  # same pinyin at position i
        for h in homophones.of(term[i]):
            v = term[:i] + h + term[i + 1 :]
            if n == 2 and not in_word(v):
                continue
            if exists(term[max(0, i - 1) : i] + h + term[i + 1 : i + 2]):
                out.setdefault(v, "homophone")
    if n >= 3:
        for i in range(n - 1):  # neighbours swapped
            if term[i] != term[i + 1]:
                v = term[:i] + term[i + 1] + term[i] + term[i + 2 :]
                if exists(v):
                    out.setdefault(v, "fuzzy")
    if n >= 4:
        for i in range(n):  # one character too many in the query
            v = term[:i] + term[i + 1 :]
            if exists(v):
                out.setdefault(v, "fuzzy")
    out.pop(term, None)
    return list(out.items())


def gap_patterns(term: str) -> list[tuple[str, str, re.Pattern[str]]]:
    """(left, right, regex) for a character missing inside ``term``: the
    documents to scan are those holding both ``left`` and ``right``."""
    n = len(term)
    if n < 3 or n > MAX_TERM:
        return []
    out = []
    for i in range(1, n):
        left, right = term[:i], term[i:]
        out.append((left, right, re.compile(re.escape(left) + HAN + re.escape(right))))
    return out
