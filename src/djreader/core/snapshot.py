"""An :class:`~djreader.core.index.Index` as bytes, and back.

Why not pickle: a cache file can be replaced by anyone who can write to the
cache directory, and unpickling runs code. This format holds only JSON and
raw little-endian int32 arrays, so reading it can fail but cannot execute
anything; every length is checked and a CRC guards against torn or damaged
files. The texts themselves are not stored: the caller has just read them
from the documents (and their hashes are part of the cache key).

Layout: MAGIC, u32 version, u32 crc32 of the body, u64 body length, body.
The body is a sequence of sections, each a u64 length and its bytes.
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate, chain

from djreader.core.index import Index
from djreader.core.lexicon import Lexicon
from djreader.core.variants import Homophones

MAGIC = b"DJRIDX\x00\x01"
VERSION = 1
_HEAD = struct.Struct("<8sIIQ")
_LEN = struct.Struct("<Q")
_MAPS = ("char_docs", "bigram_docs", "word_docs")


class PostingMap(Mapping):
    """key -> document numbers, read-only, over one flat array: loading a
    snapshot then costs one dict of offsets instead of a million small arrays.
    :meth:`Index.add` turns it into a plain dict before changing anything."""

    __slots__ = ("_pos", "_ends", "_flat")

    def __init__(self, keys: list[str], counts: array, flat: array) -> None:
        self._pos = dict(zip(keys, range(len(keys))))
        self._ends = array("q", accumulate(counts, initial=0))
        self._flat = flat

    def __getitem__(self, key: str) -> array:
        k = self._pos[key]
        return self._flat[self._ends[k] : self._ends[k + 1]]

    def get(self, key, default=None):
        k = self._pos.get(key)
        return default if k is None else self._flat[self._ends[k] : self._ends[k + 1]]

    def __contains__(self, key: object) -> bool:
        return key in self._pos

    def __iter__(self) -> Iterator[str]:
        return iter(self._pos)

    def __len__(self) -> int:
        return len(self._pos)


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


def _raw(arr: array) -> bytes:
    if sys.byteorder != "little":
        arr = array(arr.typecode, arr)
        arr.byteswap()
    return arr.tobytes()


def _json(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def dumps(index: Index) -> bytes:
    """The index's maps, vocabulary widenings and homophone groups."""
    sections: list[bytes] = []
    meta = {
        "doc_ids": index.doc_ids,
        "alive": [1 if a else 0 for a in index.alive],
        "folded": [i for i, f in enumerate(index.folded) if f is not None],
        "fold_table": {str(k): v for k, v in index._folder.table.items()},
        "fold_seen": "".join(sorted(index._folder.seen)),
        "next": {a: "".join(sorted(bs)) for a, bs in index.next_chars.items()},
        "prev": {b: "".join(sorted(as_)) for b, as_ in index.prev_chars.items()},
    }
    sections.append(_json(meta))
    for name in _MAPS:
        m: dict[str, array] = getattr(index, name)
        sections.append(_json(list(m)))
        sections.append(_raw(array("I", map(len, m.values()))))
        flat = array("i")
        for lst in m.values():
            flat.extend(lst if lst.typecode == "i" else array("i", lst))
        sections.append(_raw(flat))
    lex = index.lexicon()
    if lex._dirty:
        lex._sort()
    sections.append(
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
    body = b"".join(_LEN.pack(len(s)) + s for s in sections)
    return _HEAD.pack(MAGIC, VERSION, zlib.crc32(body), len(body)) + body


def _sections(data: bytes) -> list[memoryview]:
    if len(data) < _HEAD.size:
        raise SnapshotError("too short")
    magic, version, crc, length = _HEAD.unpack_from(data)
    if magic != MAGIC:
        raise SnapshotError("not a djreader index")
    if version != VERSION:
        raise SnapshotError(f"index format {version}, expected {VERSION}")
    body = memoryview(data)[_HEAD.size :]
    if len(body) != length or zlib.crc32(body) != crc:
        raise SnapshotError("damaged (length or checksum)")
    out, pos = [], 0
    while pos < len(body):
        if pos + _LEN.size > len(body):
            raise SnapshotError("truncated section")
        (n,) = _LEN.unpack_from(body, pos)
        pos += _LEN.size
        if pos + n > len(body):
            raise SnapshotError("truncated section")
        out.append(body[pos : pos + n])
        pos += n
    return out


def _load_json(section: memoryview, kind: type):
    try:
        obj = json.loads(bytes(section).decode("utf-8", "surrogatepass"))
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


def loads(data: bytes, texts: Sequence[str]) -> Index:
    """The index saved by :func:`dumps` over the same ``texts`` (in the same
    order). Raises :class:`SnapshotError` for anything unexpected."""
    secs = _sections(data)
    if len(secs) != 2 + 3 * len(_MAPS):
        raise SnapshotError("wrong number of sections")
    meta = _load_json(secs[0], dict)
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
    if not all(isinstance(v, str) for v in folder.table.values()):
        raise SnapshotError("fold table")
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
        keys = _load_json(secs[1 + 3 * k], list)
        joined = "".join(keys)  # TypeError unless every key is a string
        if k < 2 and len(joined) != (k + 1) * len(keys):
            raise SnapshotError(f"{name}: keys of wrong length")
        counts = _ints(secs[2 + 3 * k], "I")
        flat = _ints(secs[3 + 3 * k], "I")  # read unsigned: no negative document numbers
        if len(counts) != len(keys) or sum(counts) != len(flat):
            raise SnapshotError(f"{name}: lengths differ")
        if flat and max(flat) >= n:
            raise SnapshotError(f"{name}: document number out of range")
        setattr(index, name, PostingMap(keys, counts, flat))
    nxt, prv = meta.get("next"), meta.get("prev")
    if not isinstance(nxt, dict) or not isinstance(prv, dict):
        raise SnapshotError("character pairs")
    "".join(nxt.values()), "".join(prv.values())
    index.next_chars, index.prev_chars = nxt, prv  # strings: Index.middles takes either
    words = _load_json(secs[-1], dict)
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
