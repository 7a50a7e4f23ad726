"""An :class:`~djreader.core.index.Index` as bytes, and back.

Why not pickle: a cache file can be replaced by anyone who can write to the
cache directory, and unpickling runs code. This format holds only JSON,
string tables and raw little-endian int32 arrays, so reading it can fail but
cannot execute anything; every length is checked and a CRC guards against
torn or damaged files.

The vocabulary's strings (hundreds of thousands at a large corpus) are not
JSON but string tables: a count and the strings joined by line breaks, which
no word, pinyin key or group of characters holds; one ``split`` reads them.
Keys of one character are stored joined with no separator at all; the keys
of the character-pair map are not stored, as the JSON's table of each
character's followers names them (see :class:`~djreader.core.maps.PairMap`).
The texts themselves are not stored: the caller has just read them from the
documents (and their hashes are part of the cache key).

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
from itertools import accumulate, chain
from typing import BinaryIO

from djreader.core.index import Index
from djreader.core.lexicon import Lexicon
from djreader.core.maps import PairMap, PostingMap
from djreader.core.postings import pieces
from djreader.core.variants import Homophones

MAGIC = b"DJRIDX\x00\x01"
VERSION = 3
_HEAD = struct.Struct("<8sIIQ")
_LEN = struct.Struct("<Q")
_COUNT = struct.Struct("<I")
_MAPS = ("char_docs", "bigram_docs", "word_docs")
_WIDTH = {"char_docs": 1}  # keys of fixed length; words are a string table; pairs have none
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


def _table(items: Sequence[str]) -> bytes:
    """A string table: the count, then the strings joined by line breaks."""
    joined = "\n".join(items)
    if joined.count("\n") != max(len(items) - 1, 0):
        raise SnapshotError("a string holds a line break")
    return _COUNT.pack(len(items)) + joined.encode("utf-8", "surrogatepass")


def _read_table(data: bytes) -> list[str]:
    if len(data) < _COUNT.size:
        raise SnapshotError("string table too short")
    (n,) = _COUNT.unpack_from(data)
    try:
        text = data[_COUNT.size :].decode("utf-8", "surrogatepass")
    except UnicodeDecodeError as err:
        raise SnapshotError(f"string table: {err}") from None
    items = text.split("\n") if n else ([] if not text else None)
    if items is None or len(items) != n:
        raise SnapshotError("string table: count differs")
    return items


def _fixed(data: bytes, width: int) -> list[str]:
    """Strings of ``width`` characters stored one after another."""
    try:
        text = data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError as err:
        raise SnapshotError(f"keys: {err}") from None
    if len(text) % width:
        raise SnapshotError("keys of wrong length")
    if width == 1:
        return list(text)
    return pieces(text, width)


def _groups(items: list[str], counts: array) -> list[list[str]]:
    """``items`` cut into consecutive lists of ``counts[i]`` items."""
    if sum(counts) != len(items):
        raise SnapshotError("group sizes differ")
    ends = list(accumulate(counts))
    return list(map(items.__getitem__, map(slice, [0, *ends], ends)))


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


def _sorted_chars(chars: str | set[str]) -> str:
    """A built or loaded index holds each character's neighbours as a string
    already in code point order (``postings.neighbours``); one changed since
    holds a set."""
    return chars if type(chars) is str else "".join(sorted(chars))


def _keys(name: str, keys: list[str]) -> bytes:
    width = _WIDTH.get(name)
    if width is None:
        return _table(keys)
    joined = "".join(keys)
    if len(joined) != width * len(keys):
        raise SnapshotError(f"{name}: keys of wrong length")
    return joined.encode("utf-8", "surrogatepass")


def dump(index: Index, fh: BinaryIO) -> None:
    """Write the index's maps, vocabulary widenings and homophone groups to
    ``fh`` (seekable: the header is filled in last)."""
    start = fh.tell()
    fh.write(_HEAD.pack(MAGIC, VERSION, 0, 0))
    w = _Writer(fh)
    pairs = index.bigram_docs
    if not isinstance(pairs, PairMap):  # changed since built or loaded: put in pair order
        pairs = PairMap.of(pairs)
    meta = {
        "doc_ids": index.doc_ids,
        "alive": [1 if a else 0 for a in index.alive],
        "folded": [i for i, f in enumerate(index.folded) if f is not None],
        "fold_table": {str(k): v for k, v in index._folder.table.items()},
        "fold_seen": "".join(sorted(index._folder.seen)),
        "next": pairs.followers(),  # also the keys of the pair map's rows
        "prev": {b: _sorted_chars(as_) for b, as_ in index.prev_chars.items()},
    }
    w.section(_json(meta))
    del meta
    for name in _MAPS:
        m = pairs if name == "bigram_docs" else getattr(index, name)
        if isinstance(m, PostingMap):  # as built or loaded: written as it lies
            counts, flat = m.columns()
            if name != "bigram_docs":  # a pair map's keys are the followers above
                w.section(_keys(name, list(m)))
            w.section(_raw(counts))
            w.raw(_LEN.pack(4 * len(flat)))
            for i in range(0, len(flat), _CHUNK):  # in pieces: no copy of the whole array
                w.raw(_raw(flat[i : i + _CHUNK]))
            continue
        w.section(_keys(name, list(m)))
        counts = array("I", map(len, m.values()))
        w.section(_raw(counts))
        w.ints(m.values(), sum(counts))
    lex = index.lexicon()
    lex.prepare()
    spaced = [lex.spaced[k] for k in lex.spaced_sorted]  # sorted by prepare()
    w.section(_table(lex.spaced_sorted))
    w.section(_raw(array("I", map(len, spaced))))
    w.section(_table(list(chain.from_iterable(spaced))))
    del spaced
    for name in ("flat", "initials"):
        table = lex._tables[name]
        w.section(_table(table.keys))
        w.section(_table(table.words))
        w.section(_raw(table.df))
    bcl = lex.by_char_len
    w.section("".join(k[0] for k in bcl).encode("utf-8", "surrogatepass"))
    w.section(_raw(array("I", [k[1] for k in bcl])))
    w.section(_raw(array("I", map(len, bcl.values()))))
    w.section(_table(list(chain.from_iterable(bcl.values()))))
    w.section("".join(sorted(lex.inner_pairs)).encode("utf-8", "surrogatepass"))
    by_reading = index.homophones().by_reading
    w.section(_table(list(by_reading)))
    w.section(_table(["".join(sorted(v)) for v in by_reading.values()]))
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
    except (UnicodeDecodeError, ValueError, RecursionError) as err:  # (RecursionError: nested too deep)
        raise SnapshotError(f"bad JSON: {type(err).__name__}") from None
    if not isinstance(obj, kind):
        raise SnapshotError(f"expected {kind.__name__}")
    return obj


def _strs(obj) -> list[str]:
    if not isinstance(obj, list) or not all(isinstance(x, str) for x in obj):
        raise SnapshotError("expected a list of strings")
    return obj


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
    nxt, prv = meta.get("next"), meta.get("prev")
    if not isinstance(nxt, dict) or not isinstance(prv, dict):
        raise SnapshotError("character pairs")
    if not all(type(v) is str for v in chain(nxt.values(), prv.values())):
        raise SnapshotError("character pairs: not strings")
    index.next_chars, index.prev_chars = nxt, prv  # strings: Index.middles takes either
    for name in _MAPS:
        width = _WIDTH.get(name)
        if name == "bigram_docs":
            keys = None
        else:
            keys = _read_table(r.section()) if width is None else _fixed(r.section(), width)
        counts = _ints(r.section(), "I")
        flat = r.ints()  # read unsigned: no negative document numbers
        if (keys is not None and len(counts) != len(keys)) or sum(counts) != len(flat):
            raise SnapshotError(f"{name}: lengths differ")
        if flat and _largest(flat) >= n:
            raise SnapshotError(f"{name}: document number out of range")
        if keys is not None:
            setattr(index, name, PostingMap(keys, counts, flat))
            continue
        try:
            index.bigram_docs = PairMap(nxt, counts, flat)  # checks the followers fit the rows
        except ValueError as err:
            raise SnapshotError(str(err)) from None
    index._lexicon = _lexicon(r, index.word_docs)
    index._homophones = _homophones(r, index)
    r.finish()
    return index


def _lexicon(r: _Reader, word_docs) -> Lexicon:
    import numpy as np

    from djreader.core.lexicon import _Sorted

    keys = _read_table(r.section())
    counts = _ints(r.section(), "I")
    if len(counts) != len(keys):
        raise SnapshotError("lexicon: spaced")
    spaced = dict(zip(keys, _groups(_read_table(r.section()), counts)))
    tables = {}
    for name in ("flat", "initials"):
        keys, words = _read_table(r.section()), _read_table(r.section())
        df = np.frombuffer(_ints(r.section(), "I"), dtype=np.uint32).astype(np.int64)
        if not len(keys) == len(words) == len(df):
            raise SnapshotError(f"lexicon: {name} lengths")
        tables[name] = _Sorted.of(keys, words, df)
    chars = _fixed(r.section(), 1)
    lens, counts = _ints(r.section(), "I"), _ints(r.section(), "I")
    if not len(chars) == len(lens) == len(counts):
        raise SnapshotError("lexicon: by_char_len lengths")
    by_char_len = dict(zip(zip(chars, lens), _groups(_read_table(r.section()), counts)))
    inner_pairs = set(_fixed(r.section(), 2))
    return Lexicon.loaded(word_docs, spaced, tables, by_char_len, inner_pairs)


def _homophones(r: _Reader, index: Index) -> Homophones:
    readings, chars = _read_table(r.section()), _read_table(r.section())
    if len(readings) != len(chars):
        raise SnapshotError("homophones")
    h = Homophones()
    h.by_reading = {k: set(v) for k, v in zip(readings, chars)}
    h.seen = set(index.char_docs)
    return h
