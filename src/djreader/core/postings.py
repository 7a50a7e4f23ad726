"""Posting lists built in bulk with numpy.

Building an index one document at a time appends each document to the list
of every distinct character, character pair and word it holds: about a
thousand list appends per article, in Python, which cost as much as a third
of segmenting the text. Here each document contributes arrays of integer
codes (code points, pairs of code points, word numbers), made distinct
with one sort (:func:`distinct`); every few hundred thousand entries they are sorted into a
block of compressed rows, and at the end the blocks are merged into one
sorted key array, one count array and one flat array of document numbers,
which is what :class:`djreader.core.index.PostingMap` reads.

Document numbers come in ascending order and the sorts are stable, so each
key's documents stay ascending, as the search expects.
"""

from __future__ import annotations

import numpy as np

PAIR_SHIFT = 21  # code points fit in 21 bits: a pair is (a << 21) | b
PAIR_MASK = (1 << PAIR_SHIFT) - 1
BLOCK_ENTRIES = 2_000_000  # entries sorted at a time (~16 MB of codes waiting)
MAX_BLOCKS = 32  # sorted blocks kept per key range before they are merged into one
PARTS = 8  # key ranges merged one at a time
COPY_ENTRIES = 1 << 20  # entries placed at a time when blocks are merged


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as uint32 (lone surrogates included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def distinct(codes: np.ndarray) -> np.ndarray:
    """The distinct values of ``codes``, sorted. ``np.unique`` does the same,
    but numpy 2's hashing version of it takes four to five times as long on
    the few thousand codes of one article, and the build calls this three
    times per document."""
    out = np.sort(codes)
    if len(out) > 1:
        keep = np.empty(len(out), dtype=bool)
        keep[0] = True
        np.not_equal(out[1:], out[:-1], out=keep[1:])
        out = out[keep]
    return out


def char_codes(points: np.ndarray) -> np.ndarray:
    """The distinct characters of a text, as sorted codes."""
    return distinct(points).astype(np.uint64)


def pair_codes(points: np.ndarray) -> np.ndarray:
    """The distinct adjacent character pairs of a text, as sorted codes."""
    if len(points) < 2:
        return np.zeros(0, dtype=np.uint64)
    return distinct((points[:-1].astype(np.uint64) << PAIR_SHIFT) | points[1:])


def decode_pairs(keys: np.ndarray) -> list[str]:
    """Pair codes as two-character strings."""
    if not len(keys):
        return []
    both = np.empty(2 * len(keys), dtype=np.uint32)
    both[0::2] = keys >> PAIR_SHIFT
    both[1::2] = keys & PAIR_MASK
    return pieces(_text(both), 2)


def pieces(text: str, width: int) -> list[str]:
    """``text`` cut into strings of ``width`` characters. Slicing makes each
    piece at once; joining two one-character strings made first, as
    ``map(str.__add__, text[::2], text[1::2])`` does, takes twice as long."""
    return [text[i : i + width] for i in range(0, len(text), width)]


def decode_chars(keys: np.ndarray) -> list[str]:
    return list(_text(keys))


def _text(codes: np.ndarray) -> str:
    return codes.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


def neighbours(keys: np.ndarray) -> tuple[dict[str, str], dict[str, str]]:
    """From sorted pair codes: each character's followers and each
    character's predecessors, as strings of characters (what
    :meth:`Index.middles` reads)."""
    if not len(keys):
        return {}, {}
    firsts, seconds = keys >> PAIR_SHIFT, keys & PAIR_MASK
    nxt = _grouped(firsts, _text(seconds))
    order = np.lexsort((firsts, seconds))
    prv = _grouped(seconds[order], _text(firsts[order]))
    return nxt, prv


def _grouped(heads: np.ndarray, tails: str) -> dict[str, str]:
    """{head character: the run of ``tails`` under it}; ``heads`` sorted."""
    starts = np.flatnonzero(np.r_[True, heads[1:] != heads[:-1]])
    ends = np.r_[starts[1:], len(heads)]
    names = _text(heads[starts])
    return {h: tails[s:e] for h, s, e in zip(names, starts.tolist(), ends.tolist())}


class Postings:
    """Collects (code, document) entries; :meth:`finish` gives the rows.

    Sorted blocks are kept in ``PARTS`` key ranges (cut at the quantiles of
    the first block), each merged on its own: a merge writes each document
    number far from the last (under its key), so the output is committed
    all at once while the blocks are still held. Range by range, that
    double is a fraction of the map rather than all of it."""

    def __init__(self) -> None:
        self._codes: list[np.ndarray] = []
        self._docs: list[int] = []  # the document of each array in _codes
        self._pending = 0
        self._bounds: np.ndarray | None = None  # first code of each range after the first
        self._parts: list[list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = []

    def add(self, doc: int, codes: np.ndarray) -> None:
        """Document ``doc`` holds each of ``codes`` (distinct)."""
        if not len(codes):
            return
        self._codes.append(codes)
        self._docs.append(doc)
        self._pending += len(codes)
        if self._pending >= BLOCK_ENTRIES:
            self._flush()

    def _flush(self) -> None:
        if not self._codes:
            return
        lengths = np.fromiter(map(len, self._codes), dtype=np.int64, count=len(self._codes))
        codes = np.concatenate(self._codes)
        docs = np.repeat(np.array(self._docs, dtype=np.int32), lengths)
        self._codes, self._docs, self._pending = [], [], 0
        order = np.argsort(codes, kind="stable")
        codes, docs = codes[order], docs[order]
        del order
        if self._bounds is None:
            at = np.linspace(0, len(codes), PARTS + 1)[1:-1].astype(np.int64)
            self._bounds = np.unique(codes[at])
            self._parts = [[] for _ in range(len(self._bounds) + 1)]
        edges = [0, *np.searchsorted(codes, self._bounds).tolist(), len(codes)]
        for part, a, b in zip(self._parts, edges, edges[1:]):
            if a == b:
                continue
            c = codes[a:b]
            starts = np.flatnonzero(np.r_[True, c[1:] != c[:-1]])
            counts = np.diff(np.r_[starts, len(c)]).astype(np.uint32)
            part.append((c[starts], counts, docs[a:b].copy()))
            if len(part) >= MAX_BLOCKS:  # each block repeats most keys: keep few
                part[:] = [_merge(part)]

    def finish(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sorted distinct keys, documents per key, every key's documents
        one after another as uint32); the collector is emptied."""
        self._flush()
        parts, self._parts, self._bounds = self._parts, [], None
        total = sum(len(b[2]) for part in parts for b in part)
        out = np.empty(total, dtype=np.uint32)
        keys, counts = [np.zeros(0, dtype=np.uint64)], [np.zeros(0, dtype=np.uint32)]
        at = 0
        for i, part in enumerate(parts):
            parts[i] = []  # the merge frees each block once copied
            size = sum(len(b[2]) for b in part)
            if size:
                k, c, _ = _merge(part, into=out[at : at + size])
                keys.append(k)
                counts.append(c)
                at += size
        return np.concatenate(keys), np.concatenate(counts), out


def _union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The distinct values of two sorted arrays, sorted."""
    c = np.concatenate((a, b))
    c.sort(kind="stable")  # two sorted runs: timsort merges them in one pass
    return c[np.r_[True, c[1:] != c[:-1]]]


def _merge(blocks: list, *, into: np.ndarray | None = None):
    """One block from several (emptying the list); with ``into`` (a uint32
    array of the right size: the final merge) the documents are written there."""
    if len(blocks) == 1 and into is None:
        return blocks.pop()
    keys = blocks[0][0]
    for b in blocks[1:]:  # pairwise: all blocks' keys at once would be ~30 copies
        keys = _union(keys, b[0])
    counts = np.zeros(len(keys), dtype=np.uint32)
    for bkeys, bcounts, _ in blocks:
        counts[np.searchsorted(keys, bkeys)] += bcounts  # distinct keys within a block
    fill = np.cumsum(counts, dtype=np.int64) - counts  # next free slot of each key
    total = int(counts.sum(dtype=np.int64))
    # each block is freed once copied, but the output is written all over
    # from the first block on: a merge holds its blocks twice at the end
    out = np.empty(total, dtype=np.int32) if into is None else into
    while blocks:  # in document order; each block freed once copied
        bkeys, bcounts, bdocs = blocks.pop(0)
        pos = np.searchsorted(keys, bkeys)
        ends = np.cumsum(bcounts, dtype=np.int64)
        # a slice of keys at a time: the index arithmetic is int64 per entry
        cuts = np.searchsorted(ends, np.arange(COPY_ENTRIES, ends[-1] if len(ends) else 0, COPY_ENTRIES))
        lo = 0
        for hi in [*np.unique(cuts).tolist(), len(bkeys)]:
            if hi <= lo:
                continue
            c = bcounts[lo:hi]
            first = ends[lo:hi] - c
            base = int(first[0])
            out[np.repeat(fill[pos[lo:hi]] - first, c) + np.arange(base, int(ends[hi - 1]))] = bdocs[base : ends[hi - 1]]
            lo = hi
        fill[pos] += bcounts
        del bkeys, bcounts, bdocs, pos, ends
    return keys, counts, out
