"""jieba's word frequencies, loaded one first character at a time.

A segmentation worker hands jieba only the few blocks jieba-rs cannot be
trusted with (a few hundred characters per thousand articles), yet loading
jieba's whole dictionary (590,000 words and prefixes) takes it 0.27 s. jieba
looks a word up only while scanning the text from the word's first
character, so the dictionary can be split by that character: this module
keeps the split in one file in the cache directory, made once from a
tokenizer that loaded the whole dictionary, and gives a worker a mapping
that reads a character's part (100 entries on average) when it is first
asked for.

The file is a cache: it names the ``jieba.cache`` file it was made from (its
size and modification time) and jieba's version, and carries a CRC-32 of
everything after its first bytes (the header with the index of parts, and
the parts); a stale, foreign or damaged file is ignored (and made again).
"""

from __future__ import annotations

import marshal
import struct
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from djreader.core.paths import atomic_write

if TYPE_CHECKING:
    import jieba

NAME = "jieba-freq.shards"
VERSION = 1
_MAGIC = b"DJFQ"
# magic; CRC-32 of all that follows it; the length of the header (after these 16 bytes)
_HEAD = struct.Struct("<4sIQ")
_CHECKED = 8  # where the CRC starts: the length is checked too


class ShardedFreq:
    """A read-only stand-in for ``Tokenizer.FREQ`` (the three ways jieba
    reads it: ``in``, ``[]`` and ``get``), backed by the split file's bytes."""

    __slots__ = ("_data", "_index", "_parts")

    def __init__(self, index: dict[str, tuple[int, int]], data: memoryview) -> None:
        self._index = index
        self._data = data
        self._parts: dict[str, dict[str, int]] = {}

    def _part(self, first: str) -> dict[str, int]:
        part = self._parts.get(first)
        if part is None:
            span = self._index.get(first)
            part = marshal.loads(self._data[span[0] : span[1]]) if span else {}
            self._parts[first] = part
        return part

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(word) and word in self._part(word[0])

    def __getitem__(self, word: str) -> int:
        if not word:
            raise KeyError(word)
        return self._part(word[0])[word]

    def get(self, word: str, default=None):
        if not word:
            return default
        return self._part(word[0]).get(word, default)


def _key(source: Path) -> tuple:
    import jieba  # imported already, by core.segment (which hides pkg_resources from it)

    st = source.stat()
    return (VERSION, jieba.__version__, st.st_size, st.st_mtime_ns)


def load(directory: Path) -> tuple[ShardedFreq, int] | None:
    """The split dictionary in ``directory`` and jieba's total frequency, if
    the file is there, whole, and made from the ``jieba.cache`` beside it."""
    try:
        raw = (directory / NAME).read_bytes()
        key = _key(directory / "jieba.cache")
        magic, crc, size = _HEAD.unpack_from(raw)
        if magic != _MAGIC or zlib.crc32(memoryview(raw)[_CHECKED:]) != crc:
            return None
        start = _HEAD.size + size
        made_from, total, index = marshal.loads(raw[_HEAD.size : start])
        if made_from != key or type(total) is not int or total <= 0 or type(index) is not dict:
            return None
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        return None
    return ShardedFreq(index, memoryview(raw)[start:]), total


def write(tok: jieba.Tokenizer, directory: Path) -> None:
    """Split the whole dictionary of ``tok`` (loaded from ``directory``'s
    ``jieba.cache``) into ``directory``; a failure to write is not an error
    (the next worker loads the whole dictionary again)."""
    if type(tok.FREQ) is not dict:
        return  # not the whole dictionary
    try:
        key = _key(directory / "jieba.cache")
    except OSError:
        return
    parts: dict[str, dict[str, int]] = {}
    for word, freq in tok.FREQ.items():
        if not word:
            continue
        part = parts.get(word[0])
        if part is None:
            parts[word[0]] = part = {}
        part[word] = freq
    index, chunks, pos = {}, [], 0
    for first, part in parts.items():
        chunk = marshal.dumps(part)
        index[first] = (pos, pos + len(chunk))
        chunks.append(chunk)
        pos += len(chunk)
    head = marshal.dumps((key, tok.total, index))
    checked = struct.pack("<Q", len(head)) + head + b"".join(chunks)
    try:
        atomic_write(directory / NAME, _MAGIC + struct.pack("<I", zlib.crc32(checked)) + checked)
    except OSError:
        pass
