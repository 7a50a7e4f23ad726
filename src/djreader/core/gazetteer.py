"""The place-name gazetteer: loaded once, lazily, from data/places.tsv.gz.

The data file is built by scripts/build_gazetteer.py from jionlp's Chinese
administrative divisions and world place names (Apache-2.0) and jieba's
dictionary (MIT); see data/LICENSE-gazetteer.txt. Record types, one a line,
tab-separated:

    A id parent level name aliases   administrative unit; level P/C/X/T =
                                     province, city, county, township;
                                     aliases joined by "|"
    V town_id villages               the villages and communities of a town
    J word                           a short alias that is also a common
                                     word: it needs context in the document
    K word                           a county's short alias that is also a
                                     common word: only with context, where
                                     other unique county aliases (兰考) may
                                     stand alone
    L word                           a city's short form marked J for
                                     jieba's sake only (大连, 包头): no
                                     everyday word, it may stand alone
                                     where jieba cuts it as a word
    W kind name extra                country (extra: full name), foreign
                                     city (extra: its country) or province
                                     (a first-level part: 加利福尼亚州), or a
                                     county or city of China merged or
                                     renamed since (开封县, 番禺市), kind county
    R name / G name                  named region / mountain, river, lake
    H name                           a two-character mountain, river or lake
                                     of jieba's (汀江, 圆山): a landform only
                                     where the text says so (汀江之畔,
                                     圆山脚下, 横渡邕江)

data/villages.u32 holds the sorted CRC-32 values of the village names rare
enough to be recognised without context (see the build script);
data/everyday.u32 those of jieba's everyday words (verbs, adjectives,
idioms, frequent nouns), which no name found by its suffix alone holds.

The loaded Gazetteer is read-only apart from a cache of ancestor chains,
whose entries are written whole (safe to share between threads).
"""

from __future__ import annotations

import array
import bisect
import gc
import gzip
import sys
import threading
import zlib
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

LEVEL_KIND = {"P": "province", "C": "city", "X": "county", "T": "township"}
TOWN_SUFFIXES = ("街道", "镇", "乡", "苏木")
VILLAGE_SUFFIXES = ("社区", "村", "嘎查")


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """What the gazetteer knows about one name (the first reading when several)."""

    name: str
    kind: str
    parents: tuple[str, ...] = ()
    full_name: str = ""


class Entry(NamedTuple):
    """A match target: an administrative unit, a foreign place, a region or a landform.

    A NamedTuple rather than a frozen dataclass: ~50,000 are made at load time.
    """

    id: int  # index into Gazetteer.units for administrative units, else -1
    kind: str
    alias: bool  # matched by a short alias rather than its full name
    parents: tuple[str, ...] = ()


class Gazetteer:
    def __init__(self, text: str) -> None:
        self.names: list[str] = []
        self.parent: list[int] = []
        self.level: list[str] = []
        self.lookup: dict[str, list[Entry]] = {}
        self.ambiguous: set[str] = set()
        self.county_common: set[str] = set()
        self.lone_cities: set[str] = set()
        self.cued_landforms: set[str] = set()
        self.villages: dict[int, str] = {}  # town id -> "|v1|v2|"
        self.children_towns: dict[int, list[int]] = {}
        self.children_counties: dict[int, list[int]] = {}
        self._ancestors: dict[int, tuple[int, ...]] = {}
        for line in text.split("\n"):
            rec = line.split("\t")
            tag = rec[0]
            if tag == "A":
                i, parent, level, name, aliases = int(rec[1]), int(rec[2]), rec[3], rec[4], rec[5]
                self.names.append(name)
                self.parent.append(parent)
                self.level.append(level)
                kind = LEVEL_KIND[level]
                self._add(name, Entry(i, kind, False))
                if aliases:
                    for a in aliases.split("|"):
                        self._add(a, Entry(i, kind, True))
                if level == "T":
                    self.children_towns.setdefault(parent, []).append(i)
                elif level == "X":
                    self.children_counties.setdefault(parent, []).append(i)
            elif tag == "V":
                self.villages[int(rec[1])] = "|" + rec[2] + "|"
            elif tag == "J":
                self.ambiguous.add(rec[1])
            elif tag == "K":
                self.county_common.add(rec[1])
            elif tag == "L":
                self.lone_cities.add(rec[1])
            elif tag == "W":
                if rec[1] == "country":
                    self._add(rec[2], Entry(-1, "country", False))
                    if rec[3]:
                        self._add(rec[3], Entry(-1, "country", False))
                else:
                    kind = rec[1] if rec[1] in ("province", "county") else "city"
                    self._add(rec[2], Entry(-1, kind, False, (rec[3],) if rec[3] else ()))
            elif tag == "R":
                self._add(rec[1], Entry(-1, "region", False))
            elif tag == "G":
                self._add(rec[1], Entry(-1, "geo", False))
            elif tag == "H":
                self._add(rec[1], Entry(-1, "geo", False))
                self.cued_landforms.add(rec[1])
        self.village_hashes = array.array("I")
        self.everyday_hashes = array.array("I")
        # every proper prefix of a name, so a scan stops as soon as no name can follow
        self.prefixes: frozenset[str] = frozenset(n[:k] for n in self.lookup for k in range(1, len(n)))
        self.heads: frozenset[str] = frozenset(n[:2] for n in self.lookup)  # every name has two or more characters

    def hits(self, text: str, i: int) -> list[tuple[int, list[Entry]]]:
        """Names starting at ``i``, longest first."""
        out = []
        prefixes, lookup = self.prefixes, self.lookup
        j, end = i + 1, len(text)
        while j <= end:
            w = text[i:j]
            entries = lookup.get(w)
            if entries:
                out.append((j - i, entries))
            if w not in prefixes:
                break
            j += 1
        out.reverse()
        return out

    def _add(self, name: str, entry: Entry) -> None:
        self.lookup.setdefault(name, []).append(entry)

    def chain(self, i: int) -> tuple[str, ...]:
        """Full names of the ancestors of unit ``i``, outermost first."""
        out: list[str] = []
        p = self.parent[i]
        while p >= 0:
            out.append(self.names[p])
            p = self.parent[p]
        return tuple(reversed(out))

    def ancestors(self, i: int) -> tuple[int, ...]:
        """Ids of the units above ``i``, innermost first (cached: asked often)."""
        got = self._ancestors.get(i)
        if got is None:
            out = []
            p = self.parent[i]
            while p >= 0:
                out.append(p)
                p = self.parent[p]
            got = self._ancestors[i] = tuple(out)
        return got

    def is_village(self, name: str) -> bool:
        """Whether ``name`` is a rare village name of the data (see villages.u32)."""
        h, arr = zlib.crc32(name.encode("utf-8")), self.village_hashes
        k = bisect.bisect_left(arr, h)
        return k < len(arr) and arr[k] == h

    def is_everyday(self, word: str) -> bool:
        """Whether ``word`` is an everyday word of jieba's (see everyday.u32)."""
        h, arr = zlib.crc32(word.encode("utf-8")), self.everyday_hashes
        k = bisect.bisect_left(arr, h)
        return k < len(arr) and arr[k] == h

    def village_in(self, town: int, name: str) -> bool:
        blob = self.villages.get(town)
        return blob is not None and ("|" + name + "|") in blob


_lock = threading.Lock()
_gazetteer: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded on first call (thread-safe, ~0.3 s)."""
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                data = resources.files("djreader.data")
                raw = data.joinpath("places.tsv.gz").read_bytes()
                g = Gazetteer(gzip.decompress(raw).decode("utf-8"))
                g.village_hashes.frombytes(data.joinpath("villages.u32").read_bytes())
                g.everyday_hashes.frombytes(data.joinpath("everyday.u32").read_bytes())
                if sys.byteorder == "big":
                    g.village_hashes.byteswap()
                    g.everyday_hashes.byteswap()
                # ~100,000 long-lived containers: keep them out of the cyclic
                # collector, whose full passes would otherwise cost ~20 ms
                # in the middle of a recognition.
                gc.collect()
                gc.freeze()
                _gazetteer = g
    return _gazetteer


def place_info(name: str) -> PlaceInfo | None:
    """The first reading of ``name`` (full name or alias), or None if unknown.

    The UI groups places by ``parents``; for a name with several readings
    (城关镇 exists in many counties) the recogniser's span carries the
    reading chosen from context, which should be preferred over this.
    """
    g = gazetteer()
    entries = g.lookup.get(name)
    if entries:
        e = entries[0]
        if e.id >= 0:
            return PlaceInfo(name, e.kind, g.chain(e.id), g.names[e.id])
        return PlaceInfo(name, e.kind, e.parents, name)
    if g.is_village(name):
        kind = "community" if name.endswith("社区") else "village"
        return PlaceInfo(name, kind, (), name)
    return None
