"""The in-memory search index.

What it keeps, and why:

* every document's text, and a folded copy where folding changed anything
  (see ``normalize``): hits are found by substring search in the folded copy,
  so partial words, one-character queries and phrases need no positions and
  the offsets are exact;
* character -> documents and character pair -> documents maps, to pick the
  few documents worth scanning;
* the jieba vocabulary with each word's documents: the words that fuzzy,
  homophone and pinyin queries are widened to (see ``lexicon``).

Building costs one jieba pass over the text plus set operations; pinyin is
computed once per vocabulary word, not per token. Document lists are
``array('i')`` (4 bytes a document instead of a list's 8-byte pointer): with
100,000 articles the character-pair map alone holds ~10^8 entries.

Segmentation is separable (:func:`djreader.core.words.analyse` gives what
the index needs of one document, its distinct words), so ``core.parallel``
can run it in worker processes and ``core.cache`` can keep it on disk.
"""

from __future__ import annotations

import gc
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import count, repeat

import numpy as np

from djreader.core import pinyin
from djreader.core.lexicon import Lexicon
from djreader.core.maps import PairMap, PostingMap
from djreader.core.normalize import Folder
from djreader.core.variants import Homophones
from djreader.core.words import of_folded


def _post(m: dict[str, array], keys: set[str], i: int) -> set[str]:
    """Append document ``i`` to the list of every key; returns the new keys."""
    new = keys.difference(m)
    for k in new:
        m[k] = array("i")
    deque(map(array.append, map(m.__getitem__, keys), repeat(i)), 0)
    return new


class Index:
    """Documents by id, searchable with :func:`djreader.core.search.search`."""

    def __init__(self) -> None:
        self.doc_ids: list[str] = []
        self.texts: list[str] = []
        self.folded: list[str | None | bool] = []  # None: same as text; True: not folded yet
        self.alive: list[bool] = []
        self.by_id: dict[str, int] = {}
        self.char_docs: dict[str, array] = {}
        self.word_docs: dict[str, array] = {}
        self.bigram_docs: dict[str, array] = {}
        self.total_chars = 0
        self.live_docs = 0
        self._folder = Folder()
        self._lexicon: Lexicon | None = None
        self._homophones: Homophones | None = None
        # a -> {b: "ab" occurs} and b -> {a: ...}; a loaded index holds strings
        # of those characters instead of sets until it is changed
        self.next_chars: dict[str, set[str] | str] = {}
        self.prev_chars: dict[str, set[str] | str] = {}

    # -- building ---------------------------------------------------------

    @classmethod
    def build(
        cls,
        docs: Iterable[tuple[str, str]],
        *,
        words: Iterable[Iterable[str] | None] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> "Index":
        """An index of ``(doc_id, text)`` pairs; ``progress(done, total)`` is
        called after each document. ``words``, when given, yields for each
        document in turn ``words.analyse(text)`` computed elsewhere (worker
        processes, the cache), or None to segment it here; it may be a
        generator still running, so merging overlaps segmentation. When it
        has a ``ready()`` method, the build goes on with later documents'
        characters while that says the next words are not ready yet."""
        items = docs if isinstance(docs, (list, tuple)) else list(docs)
        index = cls()
        # The maps hold hundreds of thousands of small lists and none of them
        # form cycles; without this the cyclic collector rescans them all
        # again and again and the build takes twice as long.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            given = iter(words) if words is not None else None
            index._bulk(items, given, progress)
            index.lexicon().prepare()  # (the homophone groups are made in _bulk)
        finally:
            if was_enabled:
                gc.enable()
        # Move the index out of the collector's sight: otherwise the first
        # full collection after the build (a few hundred ms) lands in
        # whichever query happens to allocate next.
        gc.freeze()
        return index

    def _bulk(self, items, given, progress) -> None:
        """Add ``items`` to an empty index, postings collected as integer
        codes and sorted into :class:`PostingMap` rows at the end (see
        ``core.postings``): a few array operations per document instead of
        a thousand list appends."""
        from djreader.core import postings as P
        from djreader.core.malloc import fix_mmap_threshold

        fix_mmap_threshold()
        chars, pairs, words = P.Postings(), P.Postings(), P.Postings()
        vocab: dict[str, int] = {}
        number = vocab.setdefault
        fresh = count()  # a new word takes the next number; numbers may skip
        mark = 0  # the number drawn for a document's first word
        # pinyin of each new word as it comes, while the workers segment later documents
        lexicon = self._lexicon = Lexicon({})
        pinyin.load()  # while the workers, already started, load their dictionary
        total = len(items)
        # Two cursors: each document's characters and pairs are taken here as
        # soon as it comes; its words when they are ready (computed in worker
        # processes, or from the cache). While the next words are not ready
        # the loop goes on with the characters of later documents.
        ready = getattr(given, "ready", None)
        taken = 0

        def take() -> None:
            nonlocal mark, taken
            k = taken
            found = None if given is None else next(given)
            if isinstance(found, str):
                found = found.split("\n") if found else []
            elif found is None:
                found = of_folded(self.folded[k] or self.texts[k])
            ids = np.fromiter(map(number, found, fresh), dtype=np.uint64, count=len(found))
            new = np.flatnonzero(ids == np.arange(mark, mark + len(found), dtype=np.uint64))
            mark += len(found)
            if len(new):
                lexicon.add_words([found[j] for j in new.tolist()], spelling=False)
            words.add(k, P.distinct(ids))
            taken = k + 1
            if progress is not None:
                progress(taken, total)

        for n, (doc_id, text) in enumerate(items):
            if doc_id in self.by_id:
                self.remove(doc_id)
            folded = self._append(doc_id, text)
            points = P.code_points(folded)
            chars.add(n, P.char_codes(points))
            pairs.add(n, P.pair_codes(points))
            del folded, points
            if ready is None:
                take()  # this document's words, now
                continue
            while taken <= n and ready():
                take()
            if progress is not None and not n % 256:
                progress(taken, total)  # lets a quitting reader stop a loop that is ahead
        # Every document's characters are in: their maps are made now, while
        # the workers may still be starting (the first words can come a
        # second after the build began), not after the last words.
        keys, counts, flat = chars.finish()
        self.char_docs = PostingMap(P.decode_chars(keys), counts, flat)
        keys, counts, flat = pairs.finish()
        self.next_chars, self.prev_chars = P.neighbours(keys)
        self.bigram_docs = PairMap(self.next_chars, counts, flat, check=False)  # rows in the same order
        del keys, counts, flat
        self.homophones()
        while taken < total:
            take()  # the words still to come, waiting for them
        lexicon.add_spellings(list(vocab))
        ids, counts, flat = words.finish()
        name = {i: w for w, i in vocab.items()}
        self.word_docs = PostingMap(list(map(name.__getitem__, ids.tolist())), counts, flat)
        lexicon.word_docs = self.word_docs

    def _append(self, doc_id: str, text: str) -> str:
        """Record a new document slot; returns its folded text."""
        i = len(self.doc_ids)
        chars = set(text)
        folded = self._folder.fold(text, chars)
        same = folded == text
        self.doc_ids.append(doc_id)
        self.texts.append(text)
        self.folded.append(None if same else folded)
        self.alive.append(True)
        self.by_id[doc_id] = i
        self.total_chars += len(text)
        self.live_docs += 1
        return text if same else folded

    def add(self, doc_id: str, text: str, *, words: Iterable[str] | str | None = None) -> None:
        """Add a document, replacing one with the same id; ``words``: its
        :func:`djreader.core.words.analyse` result if already known, as a list
        or packed (:func:`djreader.core.words.pack`)."""
        if isinstance(words, str):
            words = words.split("\n") if words else []
        if type(self.char_docs) is not dict:
            self._thaw()
        if doc_id in self.by_id:
            self.remove(doc_id)
        i = len(self.doc_ids)
        folded = self._append(doc_id, text)
        fchars = set(folded)
        # one posting per distinct character, pair and word of every
        # document: the main cost of a build after jieba, so done in C loops
        _post(self.char_docs, fchars, i)
        new_pairs = _post(self.bigram_docs, {folded[j : j + 2] for j in range(len(folded) - 1)}, i)
        nxt, prv = self.next_chars, self.prev_chars
        for a, b in new_pairs:
            s = nxt.get(a)
            if s is None:
                nxt[a] = {b}
            else:
                s.add(b)
            s = prv.get(b)
            if s is None:
                prv[b] = {a}
            else:
                s.add(a)
        if words is None:
            words = of_folded(folded)
        new_words = _post(self.word_docs, set(words), i)
        if self._lexicon is not None:
            self._lexicon.add_words(new_words)

    def compact(self) -> None:
        """Each map's lists joined into one array behind a :class:`PostingMap`
        (for pairs, a :class:`PairMap`):
        a million small arrays cost ~80 bytes each of overhead (at 100,000
        articles the character-pair map has over a million keys). A loaded
        snapshot is already in this form; compacting a freshly built index
        saves little resident memory, as freed small objects stay in the
        allocator's arenas. The next :meth:`add` turns them back into dicts."""
        for name in ("char_docs", "bigram_docs", "word_docs"):
            m = getattr(self, name)
            if type(m) is not dict:
                continue
            if name == "bigram_docs":
                self.bigram_docs = PairMap.of(m)
                m.clear()
                continue
            keys = list(m)
            counts = array("I", map(len, m.values()))
            flat = array("I")
            for lst in m.values():
                flat.frombytes(lst.tobytes())  # document numbers: same bytes signed or not
            m.clear()
            setattr(self, name, PostingMap(keys, counts, flat))
        if self._lexicon is not None:
            self._lexicon.word_docs = self.word_docs

    def _thaw(self) -> None:
        """Plain, growable maps in place of an index loaded read-only from the cache."""
        for name in ("char_docs", "bigram_docs", "word_docs"):
            setattr(self, name, {k: array("i", v) for k, v in getattr(self, name).items()})
        if self._lexicon is not None:
            self._lexicon.word_docs = self.word_docs
        self.next_chars = {a: set(bs) for a, bs in self.next_chars.items()}
        self.prev_chars = {b: set(as_) for b, as_ in self.prev_chars.items()}

    def remove(self, doc_id: str) -> None:
        """Forget a document. Its slot stays as a tombstone (maps keep their
        ascending order); rebuild from scratch after many removals."""
        i = self.by_id.pop(doc_id, None)
        if i is None:
            return
        self.alive[i] = False
        self.total_chars -= len(self.texts[i])
        self.live_docs -= 1
        self.texts[i] = ""
        self.folded[i] = None

    # -- reading ----------------------------------------------------------

    def __len__(self) -> int:
        return self.live_docs

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.by_id

    def text(self, doc_id: str) -> str:
        return self.texts[self.by_id[doc_id]]

    def search_text(self, i: int) -> str:
        """The folded text of document number ``i`` (what queries are matched in)."""
        f = self.folded[i]
        if f is True:  # loaded from the cache: fold when first needed
            f = self.folded[i] = self._folder.apply(self.texts[i])
        return self.texts[i] if f is None else f

    def fold_all(self) -> None:
        """Fold now every document a loaded snapshot left to fold on first use,
        so that the first one-character query does not pay for thousands."""
        folded, texts = self.folded, self.texts
        todo = [i for i, f in enumerate(folded) if f is True]
        for i, f in zip(todo, self._folder.apply_many([texts[i] for i in todo])):
            folded[i] = f

    @property
    def vocabulary(self) -> dict[str, array]:
        """jieba word -> numbers of the documents it occurs in."""
        return self.word_docs

    @property
    def avg_len(self) -> float:
        return self.total_chars / self.live_docs if self.live_docs else 1.0

    def candidates(self, term: str) -> Sequence[int]:
        """Live documents holding every character pair (or, for one
        character, the character) of ``term``: a superset of the documents
        that contain it, usually a small one."""
        lists = []
        if len(term) >= 2:
            keys, source = {term[j : j + 2] for j in range(len(term) - 1)}, self.bigram_docs
        else:
            keys, source = set(term), self.char_docs
        for key in keys:
            lst = source.get(key)
            if not lst:
                return []
            lists.append(lst)
        lists.sort(key=len)
        if len(lists) == 1:
            out = lists[0]
        else:
            common = set(lists[0])
            for lst in lists[1:]:
                common.intersection_update(lst)
                if not common:
                    return []
            out = sorted(common)
        if self.live_docs == len(self.doc_ids):
            return out if isinstance(out, (list, array)) else list(out)
        alive = self.alive
        return [i for i in out if alive[i]]

    def middles(self, left: str, right: str) -> set[str]:
        """Characters X such that left+X and X+right both occur (for a
        two-character query missing its middle: 天市 -> 天津市)."""
        return set(self.next_chars.get(left, ())).intersection(self.prev_chars.get(right, ()))

    def homophones(self) -> Homophones:
        """The index's characters grouped by pinyin."""
        if self._homophones is None:
            self._homophones = Homophones()
        if len(self._homophones.seen) != len(self.char_docs):
            self._homophones.update(self.char_docs)
        return self._homophones

    def lexicon(self) -> Lexicon:
        """Pinyin, initials and character maps over the vocabulary."""
        if self._lexicon is None:
            self._lexicon = Lexicon(self.word_docs)
        return self._lexicon

    def __getstate__(self) -> dict:
        return dict(self.__dict__)

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
