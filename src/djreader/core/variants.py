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

from collections.abc import Iterable

from djreader.core.pinyin import char_readings

MAX_TERM = 12


class Homophones:
    """Characters of the index grouped by toneless reading."""

    def __init__(self, chars: Iterable[str] = ()) -> None:
        self.by_reading: dict[str, set[str]] = {}
        self.seen: set[str] = set()
        self._of: dict[str, frozenset[str]] = {}
        self.update(chars)

    def update(self, chars: Iterable[str]) -> None:
        self._of = {}
        for ch in chars:
            if ch in self.seen:
                continue
            self.seen.add(ch)
            for r in char_readings(ch):
                self.by_reading.setdefault(r, set()).add(ch)

    def of(self, ch: str) -> frozenset[str]:
        """Other characters of the index that share a reading with ``ch``."""
        got = self._of.get(ch)
        if got is None:
            out: set[str] = set()
            for r in char_readings(ch):
                out |= self.by_reading.get(r, set())
            out.discard(ch)
            got = self._of[ch] = frozenset(out)
        return got


def literal_variants(term: str, homophones: Homophones, pairs, in_word) -> list[tuple[str, str]]:
    """One-edit variants of ``term`` that can be looked up as they are:
    (variant, kind). ``pairs`` holds every character pair of the index: a
    variant with a pair not in it cannot occur, which prunes most homophone
    guesses. A two-character variant must also be a pair seen inside a word
    (``in_word``), or 天市 would turn into 天是 across a word boundary."""
    n = len(term)
    if n < 2 or n > MAX_TERM:
        return []

    def exists(text: str) -> bool:
        return all(text[j : j + 2] in pairs for j in range(len(text) - 1))

    out: dict[str, str] = {}
    for i in range(n):  # same pinyin at position i
        before = term[i - 1] if i else ""
        after = term[i + 1] if i + 1 < n else ""
        for h in homophones.of(term[i]):
            if (before and before + h not in pairs) or (after and h + after not in pairs):
                continue
            v = term[:i] + h + term[i + 1 :]
            if n == 2 and v not in in_word:
                continue
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


def gaps(term: str) -> list[tuple[str, str]]:
    """(left, right) splits of ``term`` where one character may be missing
    in between; the documents to scan are those holding both sides."""
    n = len(term)
    if n < 3 or n > MAX_TERM:
        return []
    return [(term[:i], term[i:]) for i in range(1, n)]


def fill_gap(text: str, left: str, right: str) -> list[str]:
    """Every left + one Han character + right in ``text`` (plain finds: a
    regular expression per query would cost more to compile than to run)."""
    out = []
    nl = len(left)
    i = text.find(left)
    while i >= 0:
        j = i + nl
        mid = text[j : j + 1]
        if mid and "\u3400" <= mid <= "\u9fff" and text.startswith(right, j + 1):
            out.append(text[i : j + 1 + len(right)])
        i = text.find(left, i + 1)
    return out
