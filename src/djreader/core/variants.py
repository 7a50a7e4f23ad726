"""Typo-tolerant matching in the text itself, not only in the vocabulary.

jieba may split the remembered word (布隆吉乡 is 布隆吉 + 乡), so a typo of
it is near no single vocabulary word. Here one regular expression per term
lists its one-edit variants - two neighbours swapped, one character missing
(any Han character may fill the gap), one extra character, one character
replaced by another with the same pinyin - and is run over the documents
that hold all but one of the term's characters.
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


def pattern(term: str, homophones: Homophones) -> re.Pattern[str] | None:
    """A regex of the one-edit variants of ``term`` (never ``term`` itself)."""
    n = len(term)
    if n < 2 or n > MAX_TERM:
        return None
    alts: list[tuple[int, str]] = []
    esc = [re.escape(c) for c in term]
    for i in range(1, n):  # one character missing between i-1 and i
        if n >= 3:
            alts.append((n + 1, "".join(esc[:i]) + HAN + "".join(esc[i:])))
    for i in range(n):  # same pinyin at position i
        same = homophones.of(term[i])
        if same:
            cls = "[" + "".join(re.escape(c) for c in sorted(same)) + "]"
            alts.append((n, "".join(esc[:i]) + cls + "".join(esc[i + 1 :])))
    if n >= 3:
        for i in range(n - 1):  # neighbours swapped
            if term[i] != term[i + 1]:
                alts.append((n, "".join(esc[:i]) + esc[i + 1] + esc[i] + "".join(esc[i + 2 :])))
    if n >= 4:
        for i in range(n):  # one character too many in the query
            alts.append((n - 1, "".join(esc[:i]) + "".join(esc[i + 1 :])))
    if not alts:
        return None
    alts.sort(key=lambda a: -a[0])
    return re.compile("|".join(a for _, a in alts))


def kind_of(term: str, found: str) -> str:
    """How ``found`` differs from ``term``: "homophone" or "fuzzy"."""
    if len(found) == len(term) and sorted(found) != sorted(term):
        return "homophone"
    return "fuzzy"
