"""Toneless pinyin and initials for vocabulary words, read from pypinyin's
tables directly.

``pypinyin.lazy_pinyin`` costs tens of microseconds a word; an index with
tens of thousands of words needs a cheaper path. Words found in pypinyin's
phrase table take its readings (so 重庆 is chong qing); other words are read
character by character with each character's most common reading.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _tables() -> tuple[dict, dict]:
    """pypinyin's character and phrase tables, loaded on first use: an index
    opened from the cache needs them only for its first query.

    They are read from the JSON files pypinyin ships, as its own modules read
    them, without importing the package: that import also trains pypinyin's
    phrase segmenter and copies both tables (about 0.1 s of the 0.3 s), none
    of which is used here. Should the files move, the package is imported."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is not None and spec.origin:
        where = Path(spec.origin).parent
        try:
            chars = json.loads((where / "pinyin_dict.json").read_text(encoding="utf-8"))
            phrases = json.loads((where / "phrases_dict.json").read_text(encoding="utf-8"))
            return {int(k): v for k, v in chars.items()}, phrases
        except (OSError, ValueError, AttributeError):
            pass
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    return PINYIN_DICT, PHRASES_DICT


def load() -> None:
    """Load the tables now (a build does this while its workers start)."""
    _tables()


@lru_cache(maxsize=4096)
def strip_tone(syllable: str) -> str:
    """'lǜ' -> 'lv', 'zhōng' -> 'zhong'."""
    s = syllable.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v").replace("ǚ", "v").replace("ǜ", "v")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return s.lower()


@lru_cache(maxsize=65536)
def char_readings(ch: str) -> tuple[str, ...]:
    """Every toneless reading of a Han character, most common first; () if none."""
    raw = _tables()[0].get(ord(ch))
    if not raw:
        return ()
    out: list[str] = []
    for r in raw.split(","):
        s = strip_tone(r)
        if s and s not in out:
            out.append(s)
    return tuple(out)


def word_syllables(word: str) -> tuple[str, ...] | None:
    """The toneless syllables of a Han word, or None if a character has none."""
    phrase = _tables()[1].get(word)
    if phrase and len(phrase) == len(word):
        return tuple(strip_tone(p[0]) for p in phrase)
    out = []
    for ch in word:
        r = char_readings(ch)
        if not r:
            return None
        out.append(r[0])
    return tuple(out)


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """All toneless syllables pypinyin knows (about 400)."""
    out = set()
    for raw in _tables()[0].values():
        for r in raw.split(","):
            out.add(strip_tone(r))
    return frozenset(s for s in out if s.isascii() and s.isalpha())


def split_syllables(text: str) -> list[str] | None:
    """Split 'jiuquan' into ['jiu', 'quan'] (fewest syllables), or None if
    ``text`` is not a run of whole pinyin syllables."""
    valid = syllables()
    n = len(text)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(min(n, i + 6), i, -1):
            piece = text[i:j]
            if piece in valid:
                cand = best[i] + [piece]  # type: ignore[operator]
                if best[j] is None or len(cand) < len(best[j]):  # type: ignore[arg-type]
                    best[j] = cand
    return best[n]
