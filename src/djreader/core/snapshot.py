"""An :class:`~djreader.core.index.Index` as bytes, and back.

Why not pickle: a cache file can be replaced by anyone who can write to the
cache directory, and unpickling runs code. This format holds only JSON and
raw little-endian int32 arrays, so reading it can fail but cannot execute
anything; every length is checked and a CRC guards against torn or damaged
files. The texts themselves are not stored: the caller has just read them
from the documents (and their hashes are part of the cache key).

Layout: MAGIC, u32 version, u32 crc32 of the body, u64 body length, body.
The body is a sequence of sections, each a u64 length and its bytes. It is
written and read piece by piece (``dump``/``load`` on a file), so neither
side holds a second copy of a large index in memory.
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from array import array
from collections.abc import Sequence
from io import BytesIO
from itertools import chain
from typing import BinaryIO

from djreader.core.index import Index, PostingMap
from djreader.core.lexicon import Lexicon
from djreader.core.variants import Homophones

MAGIC = b"DJRIDX\x00\x01"
VERSION = 1
_HEAD = struct.Struct("<8sIIQ")
_LEN = struct.Struct("<Q")
_MAPS = ("char_docs", "bigram_docs", "word_docs")
_CHUNK = 1 << 22  # items per piece when writing or reading a large array


class SnapshotError(ValueError):
    """The bytes are not a snapshot this version can read."""


def _ints(data: bytes, code: str) -> array:
    if len(data) % 4:
        raise SnapshotError("array of odd length")
    out = array(code)
    out.frombytes(data)
    if sys.byteorder != "little":
        out.byteswap()
    return out


def _raw(arr) -> bytes:
    if not isinstance(arr, array):  # a built index's numpy rows
        return arr.astype("<u4", copy=False).tobytes()
    if sys.byteorder != "little":
        arr = array(arr.typecode, arr)
        arr.byteswap()
    return arr.tobytes()


def _json(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def dumps(index: Index) -> bytes:
    buf = BytesIO()
    dump(index, buf)
    return buf.getvalue()


class _Writer:
    """Sections written as they are made, the CRC kept as they go: no copy
    of the whole snapshot is ever held in memory."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh, self.crc, self.length = fh, 0, 0

    def raw(self, data) -> None:
        self.fh.write(data)
        self.crc = zlib.crc32(data, self.crc)
        self.length += len(data)

    def section(self, data: bytes) -> None:
        self.raw(_LEN.pack(len(data)))
        self.raw(data)

    def ints(self, arrays, count: int) -> None:
        """The concatenation of ``arrays`` (``count`` items in all) as little-endian int32."""
        self.raw(_LEN.pack(4 * count))
        buf = array("I")
        for a in arrays:
            buf.frombytes(a.tobytes())  # 'i' and 'I' share their bytes for document numbers
            if len(buf) >= _CHUNK:
                self.raw(_raw(buf))
                buf = array("I")
        self.raw(_raw(buf))


def dump(index: Index, fh: BinaryIO) -> None:
    """Write the index's maps, vocabulary widenings and homophone groups to
    ``fh`` (seekable: the header is filled in last)."""
    start = fh.tell()
    fh.write(_HEAD.pack(MAGIC, VERSION, 0, 0))
    w = _Writer(fh)
    meta = {
        "doc_ids": index.doc_ids,
        "alive": [1 if a else 0 for a in index.alive],
        "folded": [i for i, f in enumerate(index.folded) if f is not None],
        "fold_table": {str(k): v for k, v in index._folder.table.items()},
        "fold_seen": "".join(sorted(index._folder.seen)),
        "next": {a: "".join(sorted(bs)) for a, bs in index.next_chars.items()},
        "prev": {b: "".join(sorted(as_)) for b, as_ in index.prev_chars.items()},
    }
    w.section(_json(meta))
    del meta
    for name in _MAPS:
        m = getattr(index, name)
        if isinstance(m, PostingMap):  # as built or loaded: written as it lies
            keys, counts, flat = m.rows()
            w.section(_json(keys))
            w.section(_raw(counts))
            w.raw(_LEN.pack(4 * len(flat)))
            for i in range(0, len(flat), _CHUNK):  # in pieces: no copy of the whole array
                w.raw(_raw(flat[i : i + _CHUNK]))
            continue
        w.section(_json(list(m)))
        counts = array("I", map(len, m.values()))
        w.section(_raw(counts))
        w.ints(m.values(), sum(counts))
    lex = index.lexicon()
    if lex._dirty:
        lex._sort()
    w.section(
        _json(
            {
                "spaced": lex.spaced,
                "flat": [[a for a, _ in lex.flat], [b for _, b in lex.flat]],
                "initials": [[a for a, _ in lex.initials], [b for _, b in lex.initials]],
                "bcl_chars": "".join(k[0] for k in lex.by_char_len),
                "bcl_lens": [k[1] for k in lex.by_char_len],
                "bcl_words": list(lex.by_char_len.values()),
                "inner_pairs": sorted(lex.inner_pairs),
                "by_reading": {r: "".join(sorted(s)) for r, s in index.homophones().by_reading.items()},
            }
        )
    )
    end = fh.tell()
    fh.seek(start)
    fh.write(_HEAD.pack(MAGIC, VERSION, w.crc, w.length))
    fh.seek(end)


class _Reader:
    def __init__(self, fh: BinaryIO) -> None:
        head = fh.read(_HEAD.size)
        if len(head) < _HEAD.size:
            raise SnapshotError("too short")
        magic, version, self.expect_crc, self.remaining = _HEAD.unpack(head)
        if magic != MAGIC:
            raise SnapshotError("not a djreader index")
        if version != VERSION:
            raise SnapshotError(f"index format {version}, expected {VERSION}")
        self.fh, self.crc = fh, 0

    def _read(self, n: int) -> bytes:
        if n > self.remaining:
            raise SnapshotError("truncated")
        data = self.fh.read(n)
        if len(data) != n:
            raise SnapshotError("truncated")
        self.remaining -= n
        self.crc = zlib.crc32(data, self.crc)
        return data

    def _length(self) -> int:
        (n,) = _LEN.unpack(self._read(_LEN.size))
        return n

    def section(self) -> bytes:
        return self._read(self._length())

    def ints(self) -> array:
        n = self._length()
        if n % 4:
            raise SnapshotError("array of odd length")
        out = array("I")
        while n:
            k = min(n, 4 * _CHUNK)
            out.frombytes(self._read(k))
            n -= k
        if sys.byteorder != "little":
            out.byteswap()
        return out

    def finish(self) -> None:
        if self.remaining or self.fh.read(1):
            raise SnapshotError("trailing data")
        if self.crc != self.expect_crc:
            raise SnapshotError("damaged (checksum)")


def _load_json(section: bytes, kind: type):
    try:
        obj = json.loads(section.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, ValueError) as err:
        raise SnapshotError(f"bad JSON: {err}") from None
    if not isinstance(obj, kind):
        raise SnapshotError(f"expected {kind.__name__}")
    return obj


def _strs(obj) -> list[str]:
    if not isinstance(obj, list) or not all(isinstance(x, str) for x in obj):
        raise SnapshotError("expected a list of strings")
    return obj


def _pairs(obj) -> list[tuple[str, str]]:
    """Two parallel lists of strings as a list of pairs (checked at C speed:
    joining raises TypeError on anything but strings)."""
    if not (isinstance(obj, list) and len(obj) == 2 and all(isinstance(x, list) for x in obj)):
        raise SnapshotError("expected two lists")
    a, b = obj
    if len(a) != len(b):
        raise SnapshotError("lists of different lengths")
    "".join(a), "".join(b)
    return list(zip(a, b))


def _largest(flat: array) -> int:
    import numpy as np  # max() over tens of millions of numbers takes a second

    return int(np.frombuffer(flat, dtype=np.uint32).max())


def loads(data: bytes, texts: Sequence[str]) -> Index:
    return load(BytesIO(data), texts)


def load(fh: BinaryIO, texts: Sequence[str]) -> Index:
    """The index saved by :func:`dump` over the same ``texts`` (in the same
    order), read piece by piece. Raises :class:`SnapshotError` for anything
    unexpected; the checksum is compared before the index is returned."""
    r = _Reader(fh)
    meta = _load_json(r.section(), dict)
    doc_ids, alive = _strs(meta.get("doc_ids")), meta.get("alive")
    n = len(doc_ids)
    if n != len(texts) or not isinstance(alive, list) or len(alive) != n:
        raise SnapshotError("document count differs")
    index = Index()
    index.doc_ids = list(doc_ids)
    index.alive = [bool(a) for a in alive]
    index.by_id = {d: i for i, d in enumerate(doc_ids) if index.alive[i]}
    table, seen = meta.get("fold_table"), meta.get("fold_seen")
    if not isinstance(table, dict) or not isinstance(seen, str):
        raise SnapshotError("fold table")
    folder = index._folder
    folder.table = {int(k): v for k, v in table.items()}
    if not all(isinstance(v, str) and len(v) == 1 and 0 <= k <= 0x10FFFF for k, v in folder.table.items()):
        raise SnapshotError("fold table")  # folding keeps lengths: one character for one
    folder.seen = set(seen)
    index.texts = [t if a else "" for t, a in zip(texts, index.alive)]
    if not all(type(t) is str for t in index.texts):
        raise SnapshotError("texts must be strings")
    index.folded = [None] * n
    for i in meta.get("folded", ()):
        index.folded[i] = True  # folded on first use (Index.search_text); IndexError/TypeError: damaged
    index.total_chars = sum(map(len, index.texts))
    index.live_docs = sum(index.alive)
    for k, name in enumerate(_MAPS):
        keys = _load_json(r.section(), list)
        joined = "".join(keys)  # TypeError unless every key is a string
        if k < 2 and len(joined) != (k + 1) * len(keys):
            raise SnapshotError(f"{name}: keys of wrong length")
        counts = _ints(r.section(), "I")
        flat = r.ints()  # read unsigned: no negative document numbers
        if len(counts) != len(keys) or sum(counts) != len(flat):
            raise SnapshotError(f"{name}: lengths differ")
        if flat and _largest(flat) >= n:
            raise SnapshotError(f"{name}: document number out of range")
        setattr(index, name, PostingMap(keys, counts, flat))
    nxt, prv = meta.get("next"), meta.get("prev")
    if not isinstance(nxt, dict) or not isinstance(prv, dict):
        raise SnapshotError("character pairs")
    "".join(nxt.values()), "".join(prv.values())
    index.next_chars, index.prev_chars = nxt, prv  # strings: Index.middles takes either
    words = _load_json(r.section(), dict)
    r.finish()
    index._lexicon = _lexicon(words, index.word_docs)
    index._homophones = _homophones(words, index)
    return index


def _lexicon(obj: dict, word_docs: dict[str, array]) -> Lexicon:
    lex = Lexicon.__new__(Lexicon)
    lex.word_docs = word_docs
    spaced = obj.get("spaced")
    if not isinstance(spaced, dict):
        raise SnapshotError("lexicon: spaced")
    if not all(type(v) is list for v in spaced.values()):
        raise SnapshotError("lexicon: spaced")
    "".join(chain.from_iterable(spaced.values()))  # TypeError unless all strings
    lex.spaced = spaced
    lex.flat = _pairs(obj.get("flat"))
    lex.initials = _pairs(obj.get("initials"))
    lex.spaced_sorted = sorted(lex.spaced)
    chars, lens, words = obj.get("bcl_chars"), obj.get("bcl_lens"), obj.get("bcl_words")
    if not (isinstance(chars, str) and isinstance(lens, list) and isinstance(words, list)):
        raise SnapshotError("lexicon: by_char_len")
    if not len(chars) == len(lens) == len(words):
        raise SnapshotError("lexicon: by_char_len lengths")
    array("i", lens)  # TypeError unless all are ints
    if not all(type(w) is list for w in words):
        raise SnapshotError("lexicon: by_char_len rows")
    "".join(chain.from_iterable(words))
    lex.by_char_len = dict(zip(zip(chars, lens), words))
    lex.inner_pairs = set(_strs(obj.get("inner_pairs")))
    lex._dirty = False
    return lex


def _homophones(words: dict, index: Index) -> Homophones:
    obj = words.get("by_reading")
    if not isinstance(obj, dict) or not all(isinstance(v, str) for v in obj.values()):
        raise SnapshotError("homophones")
    h = Homophones()
    h.by_reading = {r: set(chars) for r, chars in obj.items()}
    h.seen = set(index.char_docs)
    return h
