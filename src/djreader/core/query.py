"""Parsing a search-bar query into terms.

Syntax: terms separated by spaces must all match; ``"a phrase"`` matches
its words in order (spaces inside are dropped for Chinese, kept for Latin);
``-term`` excludes documents. Runs of pinyin syllables typed with spaces
("jiu quan") are joined into one term, as the reader meant one word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from djreader.core.normalize import normalize_query
from djreader.core.pinyin import split_syllables

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LETTERS = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # normalised; what is matched literally
    original: str  # as typed, for "酒泉 — from 九泉"
    phrase: bool = False
    negate: bool = False

    @property
    def is_pinyin(self) -> bool:
        """Letters only: may be pinyin or initials."""
        return bool(_LETTERS.fullmatch(self.text))

    @property
    def has_han(self) -> bool:
        return bool(_HAN.search(self.text))


def parse(query: str) -> list[Term]:
    """Terms of ``query`` in order; empty and bare ``-`` terms are dropped."""
    terms: list[Term] = []
    for m in _TOKEN.finditer(normalize_query(query)):
        if m.group(3) is not None:
            raw = m.group(3)
            negate = raw.startswith("-") and len(raw) > 1
            text = raw[1:] if negate else raw
            if text and text != "-":
                terms.append(Term(text, text, negate=negate))
        else:
            inner = " ".join(m.group(2).split())
            if _HAN.search(inner):
                inner = re.sub(r"\s+(?=[^\sa-z0-9])|(?<=[^\sa-z0-9])\s+", "", inner)
            if inner:
                terms.append(Term(inner, f'"{inner}"', phrase=True, negate=bool(m.group(1))))
    return _join_pinyin(terms)


def _join_pinyin(terms: list[Term]) -> list[Term]:
    out: list[Term] = []
    run: list[Term] = []

    def flush() -> None:
        if len(run) > 1:
            out.append(Term("".join(t.text for t in run), " ".join(t.original for t in run)))
        else:
            out.extend(run)
        run.clear()

    for t in terms:
        if not t.phrase and not t.negate and t.is_pinyin and split_syllables(t.text):
            run.append(t)
        else:
            flush()
            out.append(t)
    flush()
    return out
