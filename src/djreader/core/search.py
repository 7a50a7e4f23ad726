"""Fuzzy search over an :class:`~djreader.core.index.Index`.

A term first matches literally: a substring of the folded text, so partial
words (银达 in 银达镇), single characters and phrases just work and offsets
are exact. When literal matches are too few, each term is widened over the
vocabulary (homophones, typed pinyin and initials, near spellings; see
``lexicon``) with weights below 1. Documents must match every term and
none of the excluded ones; they score BM25 x weight, summed over terms, with
a bonus when the terms sit close together. Documents that match every term
literally always rank above the rest, and the result lists the widenings
used, so a listing can say "酒泉 — from 九泉".

Scores are computed with numpy over whole posting lists at once: a typed
letter of pinyin widens to a hundred common words that together occur in
nearly every document, and scoring those pairs one by one in Python costs a
tenth of a second at 10,000 articles. Word lists and occurrences are worked
out only for the documents that make the list.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, repeat

import numpy as np

from djreader.core.index import Index
from djreader.core.normalize import clean_line
from djreader.core.query import Term, parse
from djreader.core.spans import Span
from djreader.core.variants import fill_gap, gaps, literal_variants

K1 = 1.2
B = 0.75
NEAR = 40  # characters within which two terms count as close
W_TEXT_HOMOPHONE = 0.75  # one character replaced by one that sounds the same
W_TEXT_FUZZY = 0.6  # a character missing, extra, or two swapped
MAX_GAP_DOCS = 400  # documents scanned for a missing character, per gap
MAX_MIDDLES = 30  # guesses at the missing middle of a two-character term
PROXIMITY_HEAD = 60  # best-scored documents re-ranked by how close the terms sit (any limit)

Words = list[tuple[str, str, float]]  # (word matched, kind, weight)


class DocHit:
    """One matching document. Its ``spans`` (every occurrence, sorted by
    start) and ``best`` (the one to show) are found when first read: a
    listing of a hundred hits shows twenty, and finding every occurrence of
    a hundred widened words costs more than ranking did."""

    __slots__ = ("doc_id", "score", "exact", "_spans", "_best", "_find")

    def __init__(
        self,
        doc_id: str,
        score: float,
        spans: list[Span] | None = None,
        best: Span | None = None,
        exact: bool = True,
        *,
        find: Callable[[], tuple[list[Span], Span]] | None = None,
    ) -> None:
        self.doc_id = doc_id
        self.score = score
        self.exact = exact  # every term matched literally
        self._spans = spans
        self._best = best
        self._find = find

    def _resolve(self) -> None:
        spans, best = self._find() if self._find is not None else ([], _NOWHERE)
        self._find = None
        if self._spans is None:
            self._spans = spans
        if self._best is None:
            self._best = best

    @property
    def spans(self) -> list[Span]:
        if self._spans is None:
            self._resolve()
        return self._spans

    @property
    def best(self) -> Span:
        if self._best is None:
            self._resolve()
        return self._best

    def __repr__(self) -> str:
        return f"DocHit({self.doc_id!r}, {self.score!r}, exact={self.exact!r})"


_NOWHERE = Span(0, 0, "hit", "exact", extra={"term": 0, "query": "", "word": "", "weight": 0.0})


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    hits: list[DocHit]
    widened: list[tuple[str, str]] = field(default_factory=list)  # (term as typed, word matched)
    exact: bool = True  # no hit needed widening
    total: int = 0  # documents that matched, before the limit


@dataclass(slots=True)
class _Expansion:
    word: str
    kind: str
    weight: float
    docs: np.ndarray  # sorted document numbers
    tf: np.ndarray | None  # occurrences per document; None: once each (vocabulary words)


class _Scored:
    """One positive term's scores over every document slot."""

    __slots__ = ("term", "literal", "score", "exps", "top")

    def __init__(self, term: Term, literal: dict[int, int], n: int) -> None:
        self.term = term
        self.literal = literal
        self.score = np.zeros(n)  # 0: no match
        self.exps: list[_Expansion] = []
        self.top: np.ndarray | None = None  # per document: the heaviest expansion matched, or -1

    def words(self, docs: np.ndarray) -> dict[int, Words]:
        """What the term matched in each of ``docs``: itself where literal,
        else every widening whose documents include it."""
        out: dict[int, Words] = {}
        exact = [(self.term.text, "exact", 1.0)]
        for d in docs.tolist():
            out[d] = exact if d in self.literal else []
        if self.exps:
            for e in self.exps:
                pos = np.searchsorted(e.docs, docs)
                pos[pos == len(e.docs)] = 0
                hit = docs[(e.docs[pos] == docs)] if len(e.docs) else docs[:0]
                for d in hit.tolist():
                    lst = out[d]
                    if lst is not exact:
                        lst.append((e.word, e.kind, e.weight))
        return out


def _stats(index: Index) -> tuple[np.ndarray, np.ndarray]:
    """BM25's length term per document slot, and which slots are alive;
    recomputed when the index changes."""
    _, norm, alive, _ = _cached(index)
    return norm, alive


def _texts(index: Index) -> list[str]:
    """Each document slot's searchable text (folded where folding changes it)."""
    return _cached(index)[3]


def _cached(index: Index) -> tuple:
    """(key, BM25 length terms, alive slots, each slot's searchable text),
    made again when the index changes."""
    key = (len(index.doc_ids), index.live_docs, index.total_chars)
    cached = getattr(index, "_search_stats", None)
    if cached is None or cached[0] != key:
        n = len(index.texts)
        dl = np.fromiter(map(len, index.texts), dtype=np.float64, count=n)
        norm = K1 * (1 - B + B * dl / max(index.avg_len, 1.0))
        alive = np.fromiter(index.alive, dtype=bool, count=n)
        cached = (key, norm, alive, list(map(index.search_text, range(n))))
        index._search_stats = cached
    return cached


def _mask(n: int, docs) -> np.ndarray:
    m = np.zeros(n, dtype=bool)
    if len(docs):
        m[np.fromiter(docs, dtype=np.int64, count=len(docs))] = True
    return m


def search(index: Index, query: str, *, limit: int = 20, widen: bool = True) -> SearchResult:
    """The ``limit`` best documents for ``query``; ``widen=False`` keeps to
    literal matches."""
    terms = parse(query)
    positive = [t for t in terms if not t.negate]
    if not positive or limit <= 0 or not len(index):
        return SearchResult(query, [], total=0)
    n_docs = len(index)
    n = len(index.doc_ids)
    norm, alive = _stats(index)
    excluded = np.zeros(n, dtype=bool)
    for t in terms:
        if t.negate:
            excluded |= _mask(n, _literal(index, t.text))
    scored = [_Scored(t, _literal(index, t.text), n) for t in positive]
    exact = alive & ~excluded
    for s in scored:
        exact &= _mask(n, s.literal)
    need_more = int(exact.sum()) < limit

    # Widen a term when literal matches fall short: every term of a one-term
    # query, only the rare or absent ones of a longer query (two correctly
    # typed words that seldom meet are not a typo). Pinyin is always widened.
    lex = index.lexicon() if widen else None
    matched = alive & ~excluded
    total_score = np.zeros(n)
    for s in scored:
        t, lit = s.term, s.literal
        lit_mask = _mask(n, lit)
        widen_t = t.is_pinyin or (need_more and (len(positive) == 1 or len(lit) < limit))
        if lex is not None and not t.phrase and widen_t:
            s.exps = _expansions(index, lex, t)
            if s.exps:
                _score_expansions(s, n_docs, norm, alive & ~lit_mask)
        if lit:
            docs = np.fromiter(lit.keys(), dtype=np.int64, count=len(lit))
            tf = np.fromiter(lit.values(), dtype=np.float64, count=len(lit))
            s.score[docs] = _idf(n_docs, len(lit)) * tf * (K1 + 1) / (tf + norm[docs])
        matched &= s.score > 0
        total_score += s.score

    cand = np.flatnonzero(matched)
    tier = (~exact[cand]).astype(np.int8)
    neg = -total_score[cand]
    order = np.lexsort((cand, neg, tier))
    total = len(cand)
    if len(scored) == 1:
        ranked = _diversify(cand, tier, neg, order, scored[0], limit)
        words = [scored[0].words(np.array([d for _, _, d in ranked], dtype=np.int64))]
    else:
        top = order[: max(limit, PROXIMITY_HEAD)]
        rows = list(zip(tier[top].tolist(), neg[top].tolist(), cand[top].tolist()))
        words = [s.words(cand[top]) for s in scored]
        ranked = _proximity(index, rows[:PROXIMITY_HEAD], words) + rows[PROXIMITY_HEAD:]
    hits: list[DocHit] = []
    widened: list[tuple[str, str]] = []
    for tier_d, neg_score, d in ranked[:limit]:
        hits.append(DocHit(index.doc_ids[d], round(-neg_score, 4), exact=tier_d == 0, find=partial(_locate, index, d, words, positive)))
        if tier_d:
            for t, w in zip(positive, words):
                for word, kind, _w in w[d]:
                    if kind != "exact" and (t.original, word) not in widened:
                        widened.append((t.original, word))
    return SearchResult(query, hits, widened, exact=all(h.exact for h in hits), total=total)


def _score_expansions(s: _Scored, n_docs: int, norm: np.ndarray, allowed: np.ndarray) -> None:
    """Each allowed document's best widened score for the term, and the
    heaviest widening it matched (earliest on ties), in a few array passes."""
    exps = s.exps
    lens = [len(e.docs) for e in exps]
    docs = np.concatenate([e.docs for e in exps])
    which = np.repeat(np.arange(len(exps)), lens)
    tf = np.concatenate([np.ones(len(e.docs)) if e.tf is None else e.tf for e in exps])
    fac = np.array([e.weight * _idf(n_docs, len(e.docs)) for e in exps])
    keep = allowed[docs]
    docs, which, tf = docs[keep], which[keep], tf[keep]
    sc = fac[which] * tf * (K1 + 1) / (tf + norm[docs])
    np.maximum.at(s.score, docs, sc)
    # heaviest widening per document: weight rank first, then earliest
    weights = sorted({e.weight for e in exps})
    rank = np.array([weights.index(e.weight) for e in exps], dtype=np.int64)
    m = len(exps)
    code = rank[which] * m + (m - 1 - which)
    top = np.full(len(s.score), -1, dtype=np.int64)
    np.maximum.at(top, docs, code)
    s.top = np.where(top >= 0, m - 1 - top % m, -1)


def _diversify(cand, tier, neg, order, s: _Scored, limit: int) -> list[tuple[int, float, int]]:
    """The head of a one-term ranking. Among widened hits, take the best
    document of each matched word in turn (heaviest, then commonest word
    first), so that "jingji" shows 经济 as well as the rare 荆棘 instead of
    ten documents of one reading."""

    def rows(idx) -> list[tuple[int, float, int]]:
        return list(zip(tier[idx].tolist(), neg[idx].tolist(), cand[idx].tolist()))

    n_head = int((tier == 0).sum())
    if n_head >= limit or n_head == len(cand) or s.top is None:
        return rows(order[:limit])
    head = rows(order[:n_head])
    rest = rows(order[n_head : n_head + limit * 30])  # beyond that, order as scored
    groups: dict[int, list] = {}
    for r in rest:
        groups.setdefault(int(s.top[r[2]]), []).append(r)
    order_w = sorted(groups, key=lambda k: (-s.exps[k].weight, -len(groups[k])))
    out: list = []
    depth = 0
    want = limit - n_head
    while len(out) < want and any(depth < len(groups[k]) for k in order_w):
        for k in order_w:
            if depth < len(groups[k]) and len(out) < want:
                out.append(groups[k][depth])
        depth += 1
    return head + out


def _postings(index: Index, word: str) -> np.ndarray:
    lst = index.word_docs.get(word)
    if not lst:
        return np.zeros(0, dtype=np.int64)
    return np.frombuffer(lst, dtype=np.int32).astype(np.int64)


def _expansions(index: Index, lex, t: Term) -> list[_Expansion]:
    """Each widening of ``t`` with the documents it occurs in."""
    if t.is_pinyin:
        words = lex.pinyin(t.text)
    elif t.has_han and len(t.text) >= 2:
        words = lex.homophones(t.text)
    else:
        return []
    out: dict[str, _Expansion] = {}
    for word, kind, weight in words:
        if word not in out:
            out[word] = _Expansion(word, kind, weight, _postings(index, word), None)
    if t.has_han:
        found: dict[str, tuple[str, dict[int, int]]] = {}
        for v, kind in literal_variants(t.text, index.homophones(), index.bigram_docs, lex.inner_pairs):
            per = _literal(index, v)
            if per:
                found[v] = (kind, per)
        if len(t.text) == 2:
            a, b = t.text
            pairs = index.bigram_docs
            size = getattr(pairs, "size", None) or (lambda k: len(pairs.get(k, ())))  # no copy of the rows
            mids = sorted(index.middles(a, b), key=lambda x: (-min(size(a + x), size(x + b)), x))
            for x in mids[:MAX_MIDDLES]:
                if "\u3400" <= x <= "\u9fff":
                    per = _literal(index, a + x + b)
                    if per:
                        found[a + x + b] = ("fuzzy", per)
        for left, right in gaps(t.text):
            docs = _intersect(index.candidates(left), index.candidates(right))
            for d in docs[:MAX_GAP_DOCS]:
                for word in fill_gap(index.search_text(d), left, right):
                    per = found.setdefault(word, ("fuzzy", {}))[1]
                    per[d] = per.get(d, 0) + 1
        if not any(kind == "fuzzy" for kind, _ in found.values()):
            for word, kind, weight in lex.near(t.text):  # vocabulary words one edit away
                if word not in out:
                    out[word] = _Expansion(word, kind, weight, _postings(index, word), None)
        for word, (kind, per) in found.items():
            weight = W_TEXT_HOMOPHONE if kind == "homophone" else W_TEXT_FUZZY
            prev = out.get(word)
            if prev is None or prev.weight < weight:
                docs = sorted(per)
                out[word] = _Expansion(
                    word, kind, weight,
                    np.array(docs, dtype=np.int64),
                    np.array([per[d] for d in docs], dtype=np.float64),
                )
    return [e for e in out.values() if len(e.docs)]


def _intersect(a, b) -> list[int]:
    if len(a) > len(b):
        a, b = b, a
    sb = set(b)
    return [d for d in a if d in sb]


def _literal(index: Index, text: str) -> dict[int, int]:
    """doc -> number of literal occurrences of ``text``."""
    docs = index.candidates(text)
    counts = list(map(str.count, map(_texts(index).__getitem__, docs), repeat(text)))
    return dict(compress(zip(docs, counts), counts))


def _idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _occurrences(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + len(word))
    return out


def _locate(index: Index, d: int, words: list[dict[int, Words]], positive) -> tuple[list[Span], Span]:
    """Every occurrence of what the terms matched in document ``d``, and the one to show."""
    spans = _spans(index, d, words, positive)
    return spans, (_best(spans, len(positive)) if spans else _NOWHERE)


def _spans(index: Index, d: int, words: list[dict[int, Words]], positive) -> list[Span]:
    text = index.search_text(d)
    spans = []
    for ti, (t, w) in enumerate(zip(positive, words)):
        for word, kind, weight in w[d]:
            for s in _occurrences(text, word):
                spans.append(
                    Span(s, s + len(word), "hit", kind, extra={"term": ti, "query": t.original, "word": word, "weight": weight})
                )
    spans.sort(key=lambda s: (s.start, -s.extra["weight"], -(s.end - s.start)))
    out: list[Span] = []
    for s in spans:  # drop occurrences nested in or overlapping an earlier one
        if not out or s.start >= out[-1].end:
            out.append(s)
    return out


def _best(spans: list[Span], n_terms: int) -> Span:
    """The occurrence with the most other terms close by, then the heaviest,
    then the earliest."""
    if n_terms == 1:
        top = max(s.extra["weight"] for s in spans)
        return next(s for s in spans if s.extra["weight"] == top)

    best_key, best = None, spans[0]
    lo = 0
    for i, s in enumerate(spans):  # spans are sorted: look only at neighbours
        while spans[lo].start < s.start - NEAR:
            lo += 1
        near = set()
        j = lo
        while j < len(spans) and spans[j].start <= s.start + NEAR:
            near.add(spans[j].extra["term"])
            j += 1
        key = (-len(near), -s.extra["weight"], s.start)
        if best_key is None or key < best_key:
            best_key, best = key, s
    return best


def _proximity(index: Index, ranked, words: list[dict[int, Words]]) -> list:
    """Re-rank the head: a bonus when all terms occur within NEAR characters."""
    out = []
    for tier, neg, d in ranked:
        text = index.search_text(d)
        starts = [sorted(s for word, _k, _w in w[d] for s in _occurrences(text, word)[:50]) for w in words]
        gap = _min_window(starts)
        bonus = 1.0 / (1.0 + gap / NEAR) if gap is not None else 0.0
        out.append((tier, neg * (1.0 + 0.3 * bonus), d))
    out.sort()
    return out


def _min_window(lists: list[list[int]]) -> int | None:
    """Smallest span of text holding one position from each list."""
    if any(not lst for lst in lists):
        return None
    merged = sorted((p, i) for i, lst in enumerate(lists) for p in lst)
    need, have, best, lo = len(lists), {}, None, 0
    for p, i in merged:
        have[i] = have.get(i, 0) + 1
        while len(have) == need:
            lp, li = merged[lo]
            width = p - lp
            best = width if best is None or width < best else best
            have[li] -= 1
            if not have[li]:
                del have[li]
            lo += 1
    return best


def snippet(text: str, span: Span, *, width: int = 60) -> str:
    """One line of about ``width`` characters around ``span``, whitespace
    collapsed and control characters replaced, with the hit inside."""
    hit = max(0, span.end - span.start)
    side = max(0, (width - hit) // 2)
    lo = max(0, span.start - side)
    hi = min(len(text), span.end + side)
    line = clean_line(text[lo:hi])
    return ("…" if lo > 0 else "") + line + ("…" if hi < len(text) else "")
