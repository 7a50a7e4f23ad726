"""Read-only maps from keys to document numbers, over one flat array.

A snapshot loads into these rather than into dicts of small arrays: one
dict of row numbers instead of a million small arrays. :class:`PairMap`
goes further for character pairs, the largest map: its keys are not stored
at all but read from the index's table of each character's followers.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping

import numpy as np

from djreader.core.postings import code_points


def _ends(counts: np.ndarray) -> array:
    """Where each row ends in the flat array, after a leading 0."""
    ends = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=ends[1:])
    out = array("q")
    out.frombytes(ends.tobytes())
    return out


class PostingMap(Mapping):
    """key -> document numbers, read-only, over one flat array: loading a
    snapshot then costs one dict of offsets instead of a million small arrays.
    :meth:`Index.add` turns it into a plain dict before changing anything."""

    __slots__ = ("_pos", "_ends", "_flat")

    def __init__(self, keys: list[str], counts, flat) -> None:
        """``counts`` and ``flat`` as stored (arrays) or as
        :meth:`djreader.core.postings.Postings.finish` gives them (numpy)."""
        self._pos = dict(zip(keys, range(len(keys))))
        self._ends = _ends(np.frombuffer(counts, dtype=np.uint32))
        self._flat = flat

    def __getitem__(self, key: str) -> array:
        k = self._pos[key]
        return self._row(self._ends[k], self._ends[k + 1])

    def get(self, key, default=None):
        k = self._pos.get(key)
        return default if k is None else self._row(self._ends[k], self._ends[k + 1])

    def _row(self, a: int, b: int) -> array:
        flat = self._flat
        if type(flat) is array:
            return flat[a:b]
        row = array("I")  # a built index keeps numpy's array: no second copy of it
        row.frombytes(memoryview(flat[a:b]).cast("B"))
        return row

    def __contains__(self, key: object) -> bool:
        return key in self._pos

    def rows(self) -> tuple[list[str], array, array]:
        """(keys, documents per key, all documents in key order), as stored."""
        return (list(self), *self.columns())

    def columns(self) -> tuple[array, array]:
        """(documents per key, all documents in key order), as stored."""
        ends = np.frombuffer(self._ends, dtype=np.int64)
        counts = array("I")
        counts.frombytes(np.diff(ends).astype(np.uint32).tobytes())
        return counts, self._flat[: ends[-1]] if len(ends) > 1 else array("I")

    def sizes(self, keys: list[str]) -> np.ndarray:
        """:meth:`size` of each of ``keys`` (all present), as one array."""
        ends = np.frombuffer(self._ends, dtype=np.int64)
        at = np.fromiter(map(self._pos.__getitem__, keys), dtype=np.int64, count=len(keys))
        return ends[at + 1] - ends[at]

    def size(self, key: str) -> int:
        """How many documents ``key`` has (0 if none), without slicing."""
        k = self._pos.get(key)
        return 0 if k is None else self._ends[k + 1] - self._ends[k]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pos)

    def __len__(self) -> int:
        return len(self._pos)


class PairMap(PostingMap):
    """character pair -> document numbers, with no pair held as a key.

    The rows are in code point order of the pairs, and ``followers`` (each
    character's following characters, a string in code point order: the
    index's ``next_chars``) says which pairs there are: the row of ``ab`` is
    ``a``'s first row plus the place of ``b`` among ``a``'s followers. At
    100,000 articles that spares over a million two-character strings and
    their dict, and loading a snapshot spares making them."""

    __slots__ = ("_at", "_n")

    def __init__(self, followers: dict[str, str], counts, flat, *, check: bool = True) -> None:
        firsts = sorted(followers)
        if check:
            _check_followers(followers, firsts)
        at: dict[str, tuple[int, str]] = {}
        base = 0
        for a in firsts:
            bs = followers[a]
            at[a] = (base, bs)
            base += len(bs)
        counts = np.frombuffer(counts, dtype=np.uint32)
        if base != len(counts):
            raise ValueError("character pairs: the followers and the rows differ in number")
        self._at, self._n = at, base
        self._ends = _ends(counts)
        self._flat = flat

    @classmethod
    def of(cls, m: Mapping[str, array]) -> "PairMap":
        """The same map from a plain one (two-character keys, any order)."""
        keys = sorted(m)
        grouped: dict[str, list[str]] = {}
        for k in keys:
            grouped.setdefault(k[0], []).append(k[1])
        counts, flat = array("I"), array("I")
        for k in keys:
            row = m[k]
            counts.append(len(row))
            flat.frombytes(row.tobytes())  # document numbers: the same bytes signed or not
        return cls({a: "".join(bs) for a, bs in grouped.items()}, counts, flat, check=False)

    def followers(self) -> dict[str, str]:
        """Each first character's followers, in code point order."""
        return {a: bs for a, (_, bs) in self._at.items()}

    def _row_of(self, key: object) -> int:
        """The row of ``key``, or -1."""
        if type(key) is not str or len(key) != 2:
            return -1
        hit = self._at.get(key[0])
        if hit is None:
            return -1
        j = hit[1].find(key[1])
        return -1 if j < 0 else hit[0] + j

    # (the lookups below repeat _row_of's few lines: search asks a pair map
    # thousands of times a query, and a second call per lookup shows)
    def __getitem__(self, key: str) -> array:
        k = self._row_of(key)
        if k < 0:
            raise KeyError(key)
        return self._row(self._ends[k], self._ends[k + 1])

    def get(self, key, default=None):
        if type(key) is not str or len(key) != 2:
            return default
        hit = self._at.get(key[0])
        if hit is None:
            return default
        j = hit[1].find(key[1])
        if j < 0:
            return default
        k = hit[0] + j
        return self._row(self._ends[k], self._ends[k + 1])

    def __contains__(self, key: object) -> bool:
        if type(key) is not str or len(key) != 2:
            return False
        hit = self._at.get(key[0])
        return hit is not None and key[1] in hit[1]

    def size(self, key: str) -> int:
        k = self._row_of(key)
        return 0 if k < 0 else self._ends[k + 1] - self._ends[k]

    def sizes(self, keys: list[str]) -> np.ndarray:
        ends = np.frombuffer(self._ends, dtype=np.int64)
        at = np.fromiter(map(self._row_of, keys), dtype=np.int64, count=len(keys))
        if len(at) and at.min() < 0:
            raise KeyError("a pair not in the map")
        return ends[at + 1] - ends[at]

    def __iter__(self) -> Iterator[str]:
        for a, (_, bs) in self._at.items():
            for b in bs:
                yield a + b

    def __len__(self) -> int:
        return self._n


def _check_followers(followers: dict, firsts: list) -> None:
    """Single characters, each followed by a string of distinct characters in
    code point order (what a row's place is read from); ValueError if not."""
    for a in firsts:
        if type(a) is not str or len(a) != 1 or type(followers[a]) is not str:
            raise ValueError("character pairs: not a table of characters")
    joined = "".join(followers[a] for a in firsts)
    codes = code_points(joined).astype(np.int64)
    if len(codes) < 2:
        return
    starts = np.zeros(len(codes), dtype=bool)
    lengths = np.fromiter(map(len, map(followers.__getitem__, firsts)), dtype=np.int64, count=len(firsts))
    first_of = np.cumsum(lengths) - lengths
    starts[first_of[first_of < len(codes)]] = True
    rising = np.diff(codes) > 0
    if not np.all(rising | starts[1:]):
        raise ValueError("character pairs: followers out of order")
