"""Folding text so that a query and a document meet in the same form.

Queries are free to change length (NFKC, case folding, traditional to
simplified through OpenCC's phrase tables). Documents are folded one
character at a time and only where the result is one character, so every
offset into the folded text is an offset into the original: hits are found
in the folded copy and shown in the real one.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import opencc

_lock = threading.Lock()
_t2s: opencc.OpenCC | None = None

# C0 and C1 controls, DEL, and the line/paragraph separators that would break
# a one-line listing; newline is handled by the callers that keep it.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "『": '"', "』": '"', "＂": '"'})


_SURROGATE = re.compile("[\ud800-\udfff]")


def t2s(text: str) -> str:
    """Traditional to simplified Chinese with OpenCC's phrase-aware tables.

    Lone surrogates (undecodable bytes of a command-line argument, say)
    cannot cross into OpenCC; each becomes U+FFFD, so lengths are kept.
    """
    global _t2s
    if _t2s is None:
        with _lock:
            if _t2s is None:
                _t2s = opencc.OpenCC("t2s")
    return _t2s.convert(_SURROGATE.sub("\ufffd", text))


TRADITIONAL_SHARE = 0.05  # of a line's characters that mark it traditional, for it to be read so
# ... and that mark it written mostly in traditional characters: 1 % of the
# paragraphs of a newspaper's year rewritten by OpenCC's s2t fall under 9 %,
# 5 % under 18 %
STRONG_SHARE = 0.12
_marks: re.Pattern[str] | None = None
_last_view: tuple[str, str] = ("", "")  # the last text and its view: places and figures read the same text


def _traditional_marks() -> re.Pattern[str]:
    """The characters that OpenCC's t2s changes and that the simplified
    standard, GB2312, lacks (國, 灣, 萬): a sure sign of traditional text."""
    global _marks
    if _marks is None:
        chars = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
        simple = t2s("\n".join(chars)).split("\n")
        marks = []
        for ch, simp in zip(chars, simple):
            if simp != ch:
                try:
                    ch.encode("gb2312")
                except UnicodeEncodeError:
                    marks.append(ch)
        with _lock:
            _marks = re.compile("[" + "".join(marks) + "]")
    return _marks


def _same_length_t2s(line: str) -> str:
    out = t2s(line)
    if len(out) == len(line):
        return out
    # a phrase of OpenCC's changed length: one character at a time
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, t2s(ch)) for ch in line))


def simplified_view(text: str) -> str:
    """``text`` with its lines in traditional characters in simplified ones,
    character for character, so that every offset into the result is an
    offset into ``text``: the recognisers read this view, their spans are
    shown on the original.

    A line is read as traditional when at least TRADITIONAL_SHARE of its
    characters, and two of them (one, in a document that is traditional
    as a whole), are characters that t2s changes and the simplified
    standard lacks (see _traditional_marks). Simplified text is left alone:
    t2s also turns 乾 into 干 and 沈 into 沉 in names written in simplified
    characters (王丙乾), and rare variants of villages' names (内輋村) into
    others. Characters of the simplified standard that t2s changes (乾, 於)
    are changed only in a line or document written mostly in traditional
    characters (STRONG_SHARE): not in a simplified sentence that quotes a
    traditional title (据台湾《聯合報》报道，陕西乾县...).
    """
    global _last_view
    marks = _traditional_marks()
    if not marks.search(text):
        return text
    last, view = _last_view
    if last is text:
        return view
    lines = text.split("\n")
    counts = [len(marks.findall(line)) for line in lines]
    total = sum(counts)
    whole = total >= max(2, TRADITIONAL_SHARE * len(text))
    strong_doc = total >= STRONG_SHARE * len(text)
    take = []
    for m, line in zip(counts, lines):
        if not (m >= TRADITIONAL_SHARE * len(line) and (m >= 2 or (m and whole))):
            take.append(0)
        else:
            take.append(2 if strong_doc or m >= STRONG_SHARE * len(line) else 1)
    if not any(take):
        return text
    view = _converted(text, lines, take, marks)
    _last_view = (text, view)
    return view


def _converted(text: str, lines: list[str], take: list[int], marks: re.Pattern[str]) -> str:
    """The lines converted: 0 not, 1 only their marks (國, 灣), 2 whole."""
    conv = t2s(text)
    if all(t == 2 for t in take) and len(conv) == len(text):
        return conv
    out = []
    pos = 0
    for line, t in zip(lines, take):
        if not t:
            out.append(line)
            pos += len(line) + 1
            continue
        simp = conv[pos : pos + len(line)] if len(conv) == len(text) else _same_length_t2s(line)
        if t == 1:
            simp = "".join(b if a != b and marks.match(a) else a for a, b in zip(line, simp))
        out.append(simp)
        pos += len(line) + 1
    return "\n".join(out)


def normalize_query(text: str) -> str:
    """NFKC, case folding and t2s: the form queries are matched in.

    Curly and corner quotes become ASCII quotes so that a phrase typed with a
    Chinese input method still reads as a phrase.
    """
    text = unicodedata.normalize("NFKC", text.translate(_QUOTES)).casefold()
    return t2s(text)


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """One character's folded form, or the character itself when folding
    would change the length (so document offsets stay valid)."""
    out = unicodedata.normalize("NFKC", ch).casefold()
    if len(out) != 1:
        return ch
    if "\u3400" <= out <= "\U0002ffff":
        simp = t2s(out)
        if len(simp) == 1:
            out = simp
    return out


LONG_TEXT = 500  # characters from which Folder.apply goes through numpy
MANY_CHARS = 1_000_000  # characters folded at once by Folder.apply_many


class Folder:
    """A growing translation table for documents: ``fold(text)`` has the same
    length as ``text`` and agrees with :func:`normalize_query` character by
    character wherever that is possible."""

    def __init__(self, *, numpy_after: int = 0) -> None:
        """``numpy_after``: how many characters to fold with ``str.translate``
        before the numpy table, whose import (about 0.1 s) pays for itself
        only after a million characters or two: a worker process that folds
        a small corpus never needs it."""
        self._plain_left = numpy_after
        self.table: dict[int, str] = {}
        self.seen: set[str] = set()
        self._lut = None  # numpy look-up table of the BMP, rebuilt when table grows
        self._lut_size = -1
        self._wide = False  # the table maps characters beyond the BMP

    def fold(self, text: str, chars: set[str] | None = None) -> str:
        new = (chars if chars is not None else set(text)) - self.seen
        for ch in new:
            f = fold_char(ch)
            if f != ch:
                self.table[ord(ch)] = f
        self.seen |= new
        return self.apply(text)

    def apply(self, text: str) -> str:
        """``text`` through the table as it stands (characters not yet seen
        are left alone)."""
        if not self.table:
            return text
        if len(text) < LONG_TEXT:
            return text.translate(self.table)
        if self._plain_left > 0:
            self._plain_left -= len(text)
            return text.translate(self.table)
        return self._apply_long(text)

    def apply_many(self, texts: list[str]) -> list[str]:
        """:meth:`apply` to each of ``texts``, a million characters at a time."""
        if not self.table:
            return list(texts)
        out: list[str] = []
        group: list[str] = []
        size = 0
        for t in [*texts, None]:
            if t is None or (size + len(t) > MANY_CHARS and group):
                joined = self.apply("".join(group))
                pos = 0
                for g in group:
                    out.append(joined[pos : pos + len(g)])
                    pos += len(g)
                group, size = [], 0
            if t is not None:
                group.append(t)
                size += len(t)
        return out

    def _apply_long(self, text: str) -> str:
        # str.translate looks every character up in a dict (~80 ns each); a
        # numpy table over the Basic Multilingual Plane does it in a few.
        import numpy as np

        if self._lut_size != len(self.table):
            lut = np.arange(0x10000, dtype=np.uint32)
            for k, v in self.table.items():
                if k < 0x10000:
                    lut[k] = ord(v)
            self._lut, self._lut_size = lut, len(self.table)
            self._wide = any(k >= 0x10000 for k in self.table)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if codes.max() >= 0x10000:
            if self._wide:
                return text.translate(self.table)
            out = np.where(codes < 0x10000, self._lut[codes & 0xFFFF], codes)
        else:
            out = self._lut[codes]
        return out.tobytes().decode("utf-32-le", "surrogatepass")


def clean_line(text: str) -> str:
    """One display line: whitespace runs collapsed, controls replaced by U+FFFD."""
    return _CONTROL.sub("\ufffd", _SPACE.sub(" ", text)).strip()


def safe_text(text: str) -> str:
    """Document text for a terminal: controls (except newline and tab) become U+FFFD."""
    return _CONTROL.sub("\ufffd", text)
