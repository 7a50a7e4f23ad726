"""Maps over the index vocabulary that widen a query term to real words:
same pinyin (homophones), typed pinyin and initials, and near spellings.

Every map is keyed by vocabulary word, never by token occurrence, so it costs
a few microseconds per distinct word. Sorted key lists give prefix look-ups
("jiuq" -> 酒泉) with bisect; the commonest words of a prefix come from an
array of document counts aligned with the list, so one typed letter (tens of
thousands of words) costs a partial sort in numpy, not a Python loop.
"""

from __future__ import annotations

import itertools
from operator import itemgetter
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

import numpy as np
from rapidfuzz.distance import OSA

from djreader.core.pinyin import char_readings, word_syllables
from djreader.core.postings import PAIR_SHIFT, code_points, decode_pairs, distinct

# weights of the ways a term is widened (the literal match weighs 1.0)
W_PINYIN = 0.85  # typed pinyin equals the word's pinyin
W_HOMOPHONE = 0.75  # same pinyin as the typed characters
W_INITIALS = 0.7  # typed letters are the word's initials
W_PINYIN_PREFIX = 0.55  # typed pinyin starts the word's pinyin
W_HOMOPHONE_PREFIX = 0.55
W_INITIALS_PREFIX = 0.45
W_FUZZY1 = 0.5  # one character dropped, added, changed or swapped
W_FUZZY2 = 0.35
MAX_PER_KIND = 40
MAX_FUZZY_LEN = 12


class Lexicon:
    def __init__(self, word_docs: dict[str, list[int]]) -> None:
        self.word_docs = word_docs
        self.spaced: dict[str, list[str]] = {}  # "jiu quan" -> [酒泉, 九泉]
        # ("jiuquan", 酒泉) and ("jq", 酒泉), sorted; None in a loaded lexicon
        # until words are added (the tables hold the same in columns)
        self.flat: list[tuple[str, str]] | None = []
        self.initials: list[tuple[str, str]] | None = []
        self.spaced_sorted: list[str] = []
        self.by_char_len: dict[tuple[str, int], list[str]] = {}
        self.inner_pairs: set[str] = set()  # character pairs inside some word
        self._dirty = False
        self._tables: dict[str, _Sorted] | None = None
        self.add_words(word_docs)
        self._sort()

    @classmethod
    def loaded(
        cls,
        word_docs,
        spaced: dict[str, list[str]],
        tables: dict[str, "_Sorted"],
        by_char_len: dict[tuple[str, int], list[str]],
        inner_pairs: set[str],
    ) -> "Lexicon":
        """A lexicon as a snapshot holds it: ``spaced`` with its keys in
        order, and the sorted pinyin and initials tables themselves. The
        (key, word) lists the tables come from are only rebuilt if words
        are added later."""
        lex = cls.__new__(cls)
        lex.word_docs = word_docs
        lex.spaced, lex.spaced_sorted = spaced, list(spaced)
        lex.flat, lex.initials = None, None
        lex.by_char_len, lex.inner_pairs = by_char_len, inner_pairs
        lex._dirty, lex._tables = False, tables
        return lex

    def _thaw(self) -> None:
        if self.flat is None:
            self.flat = list(zip(self._tables["flat"].keys, self._tables["flat"].words))
            self.initials = list(zip(self._tables["initials"].keys, self._tables["initials"].words))

    def add_words(self, words: Iterable[str], *, spelling: bool = True) -> None:
        """Add new vocabulary words. ``spelling=False`` leaves out the maps
        of characters (``by_char_len``, ``inner_pairs``): a bulk build makes
        them for the whole vocabulary at once with :meth:`add_spellings`."""
        self._thaw()
        spaced, flat, initials, bcl = self.spaced, self.flat, self.initials, self.by_char_len
        pairs = self.inner_pairs
        add_pair, add_pairs = pairs.add, pairs.update
        first = itemgetter(0)
        for w in words:
            n = len(w)
            if spelling:
                if n == 2:
                    add_pair(w)
                elif n > 2:
                    add_pairs(map(str.__add__, w, w[1:]))
                if 2 <= n <= MAX_FUZZY_LEN:
                    for ch in set(w):
                        key = (ch, n)
                        lst = bcl.get(key)
                        if lst is None:
                            bcl[key] = [w]
                        else:
                            lst.append(w)
            syl = word_syllables(w)
            if syl is None:
                continue
            key = " ".join(syl)
            lst = spaced.get(key)
            if lst is None:
                spaced[key] = [w]
            else:
                lst.append(w)
            flat.append(("".join(syl), w))
            initials.append(("".join(map(first, syl)), w))
            self._dirty = True

    def add_spellings(self, words: list[str]) -> None:
        """The character maps of ``words`` (new words, added with
        ``spelling=False``), made in a few array operations instead
        of a dictionary step per character of every word: each list of
        ``by_char_len`` holds its words in the order given, as word by word."""
        bcl, pairs = _spellings(words)
        own = self.by_char_len
        for key, lst in bcl.items():
            have = own.get(key)
            if have is None:
                own[key] = lst
            else:
                have.extend(lst)
        self.inner_pairs.update(pairs)

    def _sort(self) -> None:
        self._thaw()
        self.flat.sort()
        self.initials.sort()
        self.spaced_sorted = sorted(self.spaced)
        self._dirty = False
        self._tables = None

    def _df(self, w: str) -> int:
        size = getattr(self.word_docs, "size", None)
        return size(w) if size is not None else len(self.word_docs.get(w, ()))

    def _sizes(self, words: list[str]) -> np.ndarray:
        sizes = getattr(self.word_docs, "sizes", None)
        if sizes is not None:
            return sizes(words)
        return np.fromiter(map(self._df, words), dtype=np.int64, count=len(words))

    def prepare(self) -> None:
        """Build the prefix tables now rather than on the first query."""
        if self._dirty:
            self._sort()
        if getattr(self, "_tables", None) is None:
            self._tables = {"flat": _Sorted(self.flat, self._sizes), "initials": _Sorted(self.initials, self._sizes)}

    def _table(self, name: str) -> "_Sorted":
        self.prepare()
        return self._tables[name]

    def _top(self, words: Iterable[str], exclude: str) -> list[str]:
        out = sorted({w for w in words if w != exclude}, key=lambda w: (-self._df(w), w))
        return out[:MAX_PER_KIND]

    # -- widening ---------------------------------------------------------

    def homophones(self, term: str) -> list[tuple[str, str, float]]:
        """Words that sound like ``term`` (any reading of each character),
        or start with that sound: (word, kind, weight)."""
        if self._dirty:
            self._sort()
        readings = [char_readings(ch) for ch in term]
        if not all(readings) or len(term) < 2:
            return []
        keys = [" ".join(c) for c in itertools.islice(itertools.product(*(r[:3] for r in readings)), 16)]
        same: set[str] = set()
        longer: set[str] = set()
        for key in keys:
            same.update(self.spaced.get(key, ()))
            i = bisect_left(self.spaced_sorted, key + " ")
            while i < len(self.spaced_sorted) and self.spaced_sorted[i].startswith(key + " "):
                longer.update(self.spaced[self.spaced_sorted[i]])
                i += 1
        out = [(w, "homophone", W_HOMOPHONE) for w in self._top(same, term)]
        out += [(w, "homophone", W_HOMOPHONE_PREFIX) for w in self._top(longer - same, term)]
        return out

    def pinyin(self, letters: str) -> list[tuple[str, str, float]]:
        """Words whose pinyin or initials equal or start with ``letters``."""
        flat, inits = self._table("flat"), self._table("initials")
        lo, mid, hi = flat.range(letters)
        full_all = set(flat.words[lo:mid])
        full = flat.top(lo, mid, MAX_PER_KIND, ())
        ini: list[str] = []
        ini_all: set[str] = set()
        ilo = imid = ihi = 0
        if len(letters) >= 2 or not full:
            ilo, imid, ihi = inits.range(letters)
            ini_all = set(inits.words[ilo:imid]) - full_all
            ini = inits.top(ilo, imid, MAX_PER_KIND, full_all)
        out = [(w, "pinyin", W_PINYIN) for w in full]
        out += [(w, "initials", W_INITIALS) for w in ini]
        # prefixes matter while typing; once whole readings match, a few suffice
        cap = MAX_PER_KIND if len(out) < 10 else 10
        taken = full_all | ini_all
        prefix = flat.top(mid, hi, cap, taken)
        out += [(w, "pinyin", W_PINYIN_PREFIX) for w in prefix]
        if ihi > imid:
            # (words also spelled with this prefix but beyond its cap may come
            # in here, at the lower weight)
            out += [(w, "initials", W_INITIALS_PREFIX) for w in inits.top(imid, ihi, cap, taken | set(prefix))]
        return out

    def near(self, term: str) -> list[tuple[str, str, float]]:
        """Words one edit away (dropped, added, changed or swapped character;
        two for long terms); for two characters, only a missing middle one."""
        n = len(term)
        if n == 2:  # a middle character missing: 天市 -> 天津市
            gap = [w for w in self.by_char_len.get((term[0], 3), ()) if w[0] == term[0] and w[2] == term[1]]
            return [(w, "fuzzy", W_FUZZY1) for w in self._top(gap, term)]
        if n < 3 or n > MAX_FUZZY_LEN:
            return []
        max_d = 1 if n < 6 else 2
        distinct = set(term)
        need = len(distinct) - max_d
        counts: dict[str, int] = {}
        for m in range(max(2, n - max_d), n + max_d + 1):
            for ch in distinct:
                for w in self.by_char_len.get((ch, m), ()):
                    counts[w] = counts.get(w, 0) + 1
        found = []
        for w, c in counts.items():
            if c >= need and w != term:
                d = OSA.distance(term, w, score_cutoff=max_d)
                if d <= max_d:
                    found.append((d, -self._df(w), w))
        found.sort()
        return [(w, "fuzzy", W_FUZZY1 if d == 1 else W_FUZZY2) for d, _, w in found[:MAX_PER_KIND]]


class _Sorted:
    """A sorted (key, word) list as parallel columns, with each word's
    document count, for prefix ranges and their commonest words."""

    __slots__ = ("keys", "words", "df")

    def __init__(self, pairs: list[tuple[str, str]], sizes) -> None:
        self.keys = [k for k, _ in pairs]
        self.words = [w for _, w in pairs]
        self.df = sizes(self.words)

    @classmethod
    def of(cls, keys: list[str], words: list[str], df: np.ndarray) -> "_Sorted":
        """From its columns as they were (a snapshot's)."""
        out = cls.__new__(cls)
        out.keys, out.words, out.df = keys, words, df
        return out

    def range(self, prefix: str) -> tuple[int, int, int]:
        """(lo, mid, hi): keys equal to ``prefix`` are [lo, mid), longer ones [mid, hi)."""
        keys = self.keys
        lo = bisect_left(keys, prefix)
        hi = bisect_left(keys, prefix + "\U0010ffff", lo)
        mid = bisect_right(keys, prefix, lo, hi)
        return lo, mid, hi

    def top(self, lo: int, hi: int, k: int, exclude=(), skip=None) -> list[str]:
        """Up to ``k`` distinct words of [lo, hi) neither in ``exclude`` nor
        passing ``skip(word)``, commonest first (then in code point order)."""
        n = hi - lo
        if n <= 0 or k <= 0:
            return []
        df = -self.df[lo:hi]
        words = self.words
        want = min(n, k + len(exclude) + 8)
        while True:
            idx = np.argpartition(df, want - 1)[:want] if want < n else np.arange(n)
            ranked = sorted((int(df[i]), words[lo + i]) for i in idx.tolist())
            out: list[str] = []
            seen: set[str] = set()
            for _, w in ranked:
                if w in exclude or w in seen or (skip is not None and skip(w)):
                    continue
                seen.add(w)
                out.append(w)
                if len(out) == k:
                    return out
            if want >= n:
                return out
            want = min(n, want * 4)


def _spellings(words: list[str]) -> tuple[dict[tuple[str, int], list[str]], list[str]]:
    """``by_char_len`` and the inner pairs of ``words``, with numpy."""
    lens = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    long = np.flatnonzero(lens >= 2)
    if not len(long):
        return {}, []
    kept = [words[i] for i in long.tolist()]
    n = lens[long]
    points = code_points("".join(kept)).astype(np.int64)
    # pairs: every position but a word's last
    inside = np.ones(len(points), dtype=bool)
    inside[np.cumsum(n) - 1] = False
    pair = (points[:-1] << PAIR_SHIFT) | points[1:]
    pairs = decode_pairs(distinct(pair[inside[:-1]]).astype(np.uint64))
    # (character, length) -> words, each word once per distinct character
    fuzzy = n <= MAX_FUZZY_LEN
    wid = np.repeat(np.arange(len(kept), dtype=np.int64), n)
    ln = np.repeat(n, n)
    sel = np.repeat(fuzzy, n)
    cp, wid, ln = points[sel], wid[sel], ln[sel]
    # code point (21 bits), length (4 bits), word number (the rest)
    assert MAX_FUZZY_LEN < 16
    key = (cp << 42) | (ln << 38) | wid
    key = distinct(key)  # sorted; a character twice in a word counts once
    if not len(key):
        return {}, pairs
    group = key >> 38
    starts = np.flatnonzero(np.concatenate(([True], group[1:] != group[:-1])))
    ends = np.append(starts[1:], len(key)).tolist()
    pool = np.array(kept, dtype=object)
    flat = pool[key & ((1 << 38) - 1)].tolist()
    heads = group[starts]
    chars = (heads >> 4).astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    keys = zip(chars, (heads & 15).tolist())
    return dict(zip(keys, map(flat.__getitem__, map(slice, starts.tolist(), ends)))), pairs
