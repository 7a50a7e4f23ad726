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
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from djreader.core.index import Index
from djreader.core.normalize import clean_line
from djreader.core.query import Term, parse
from djreader.core.spans import Span
from djreader.core.variants import fill_gap, gaps, literal_variants

K1 = 1.2
B = 0.75
NEAR = 40
W_TEXT_HOMOPHONE = 0.75  # one character replaced by one that sounds the same
W_TEXT_FUZZY = 0.6  # a character missing, extra, or two swapped
MAX_GAP_DOCS = 400  # documents scanned for a missing character, per gap
MAX_MIDDLES = 30  # guesses at the missing middle of a two-character term  # characters within which two terms count as close


@dataclass(frozen=True, slots=True)
class DocHit:
    doc_id: str
    score: float
    spans: list[Span]  # every matching occurrence, sorted by start
    best: Span
    exact: bool  # every term matched literally


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    hits: list[DocHit]
    widened: list[tuple[str, str]] = field(default_factory=list)  # (term as typed, word matched)
    exact: bool = True  # no hit needed widening
    total: int = 0  # documents that matched, before the limit


def search(index: Index, query: str, *, limit: int = 20, widen: bool = True) -> SearchResult:
    """The ``limit`` best documents for ``query``; ``widen=False`` keeps to
    literal matches."""
    terms = parse(query)
    positive = [t for t in terms if not t.negate]
    if not positive or limit <= 0 or not len(index):
        return SearchResult(query, [], total=0)
    n_docs = len(index)
    avg = index.avg_len
    excluded: set[int] = set()
    for t in terms:
        if t.negate:
            excluded.update(_literal(index, t.text))
    literal = [_literal(index, t.text) for t in positive]
    exact_docs = set(literal[0]) if literal else set()
    for lit in literal[1:]:
        exact_docs &= lit.keys()
    exact_docs -= excluded
    need_more = len(exact_docs) < limit

    # Widen a term when literal matches fall short: every term of a one-term
    # query, only the rare or absent ones of a longer query (two correctly
    # typed words that seldom meet are not a typo). Pinyin is always widened.
    lex = index.lexicon() if widen else None
    lit_score: list[dict[int, float]] = []
    wide: list[dict[int, tuple[float, list[tuple[str, str, float]]]]] = []
    for t, lit in zip(positive, literal):
        idf = _idf(n_docs, len(lit))
        lit_score.append({})
        scores: dict[int, tuple[float, list[tuple[str, str, float]]]] = {}
        widen_t = t.is_pinyin or (need_more and (len(positive) == 1 or len(lit) < limit))
        if lex is not None and not t.phrase and widen_t:
            for word, kind, weight, found in _expansions(index, lex, t):
                widx = weight * _idf(n_docs, len(found))
                for d, tf in found.items():
                    if d in lit or not index.alive[d]:
                        continue
                    sc = widx * _tf(tf, len(index.texts[d]), avg)
                    cur = scores.get(d)
                    if cur is None:
                        scores[d] = (sc, [(word, kind, weight)])
                    else:
                        cur[1].append((word, kind, weight))
                        if sc > cur[0]:
                            scores[d] = (sc, cur[1])
        wide.append(scores)

    docs = set(literal[0]) | wide[0].keys()
    for lit, sc in zip(literal[1:], wide[1:]):
        docs &= lit.keys() | sc.keys()
    docs -= excluded
    # literal scores only for the documents that survived the intersection
    per_term: list[dict[int, tuple[float, list[tuple[str, str, float]]]]] = []
    for t, lit, sc in zip(positive, literal, wide):
        idf = _idf(n_docs, len(lit))
        exact_match = [(t.text, "exact", 1.0)]
        for d in docs:
            tf = lit.get(d)
            if tf:
                sc[d] = (idf * _tf(tf, len(index.texts[d]), avg), exact_match)
        per_term.append(sc)
    ranked = sorted(
        ((0 if d in exact_docs else 1, -sum(sc[d][0] for sc in per_term), d) for d in docs)
    )
    total = len(ranked)
    if len(positive) == 1:
        ranked = _diversify(ranked, per_term[0], limit)
    else:
        ranked = _proximity(index, ranked[: limit * 3], per_term, positive) + ranked[limit * 3 :]
    hits: list[DocHit] = []
    widened: list[tuple[str, str]] = []
    for tier, neg_score, d in ranked[:limit]:
        spans = _spans(index, d, per_term, positive)
        if not spans:
            continue
        best = _best(spans, len(positive))
        hits.append(DocHit(index.doc_ids[d], round(-neg_score, 4), spans, best, tier == 0))
        if tier:
            for t, sc in zip(positive, per_term):
                for word, kind, _w in sc[d][1]:
                    if kind != "exact" and (t.original, word) not in widened:
                        widened.append((t.original, word))
    return SearchResult(query, hits, widened, exact=all(h.exact for h in hits), total=total)


def _diversify(ranked: list, scores: dict, limit: int) -> list:
    """Among widened hits, take the best document of each matched word in
    turn (heaviest, then commonest word first), so that "jingji" shows 经济
    as well as the rare 荆棘 instead of ten documents of one reading."""
    head = [r for r in ranked if r[0] == 0]
    if len(head) >= limit or len(head) == len(ranked):
        return ranked
    rest = ranked[len(head) :]
    tail = rest[limit * 30 :]  # far down the list: order as scored
    rest = rest[: limit * 30]
    groups: dict[str, list] = {}
    rank_of: dict[str, tuple] = {}
    for r in rest:
        word, _kind, weight = max(scores[r[2]][1], key=lambda e: e[2])
        groups.setdefault(word, []).append(r)
        rank_of.setdefault(word, (-weight, -len(groups[word])))
    for word, members in groups.items():
        rank_of[word] = (rank_of[word][0], -len(members))
    order = sorted(groups, key=lambda w: rank_of[w])
    out: list = []
    depth = 0
    while len(out) < limit - len(head) and any(depth < len(groups[w]) for w in order):
        for w in order:
            if depth < len(groups[w]):
                out.append(groups[w][depth])
        depth += 1
    chosen = {r[2] for r in out}
    return head + out + [r for r in rest if r[2] not in chosen] + tail


def _expansions(index: Index, lex, t: Term) -> list[tuple[str, str, float, dict[int, int]]]:
    """(word, kind, weight, {doc: occurrences}) for each widening of ``t``."""
    if t.is_pinyin:
        words = lex.pinyin(t.text)
    elif t.has_han and len(t.text) >= 2:
        words = lex.homophones(t.text)
    else:
        return []
    out: dict[str, tuple[str, str, float, dict[int, int]]] = {}
    for word, kind, weight in words:
        if word not in out:
            out[word] = (word, kind, weight, dict.fromkeys(index.word_docs.get(word, ()), 1))
    if t.has_han:
        found: dict[str, tuple[str, dict[int, int]]] = {}
        for v, kind in literal_variants(t.text, index.homophones(), index.bigram_docs, lex.inner_pairs):
            per = _literal(index, v)
            if per:
                found[v] = (kind, per)
        if len(t.text) == 2:
            a, b = t.text
            mids = sorted(index.middles(a, b), key=lambda x: -min(len(index.bigram_docs[a + x]), len(index.bigram_docs[x + b])))
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
                    out[word] = (word, kind, weight, dict.fromkeys(index.word_docs.get(word, ()), 1))
        for word, (kind, per) in found.items():
            weight = W_TEXT_HOMOPHONE if kind == "homophone" else W_TEXT_FUZZY
            prev = out.get(word)
            if prev is None or prev[2] < weight:
                out[word] = (word, kind, weight, per)
    return list(out.values())


def _intersect(a: list[int], b: list[int]) -> list[int]:
    if len(a) > len(b):
        a, b = b, a
    sb = set(b)
    return [d for d in a if d in sb]


def _literal(index: Index, text: str) -> dict[int, int]:
    """doc -> number of literal occurrences of ``text``."""
    out = {}
    for d in index.candidates(text):
        c = index.search_text(d).count(text)
        if c:
            out[d] = c
    return out


def _idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _tf(tf: int, dl: int, avg: float) -> float:
    return tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avg))


def _occurrences(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + len(word))
    return out


def _spans(index: Index, d: int, per_term, positive) -> list[Span]:
    text = index.search_text(d)
    spans = []
    for ti, (t, sc) in enumerate(zip(positive, per_term)):
        for word, kind, weight in sc[d][1]:
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


def _proximity(index: Index, ranked, per_term, positive) -> list:
    """Re-rank the head: a bonus when all terms occur within NEAR characters."""
    out = []
    for tier, neg, d in ranked:
        text = index.search_text(d)
        starts = [
            sorted(s for word, _k, _w in sc[d][1] for s in _occurrences(text, word)[:50])
            for sc in per_term
        ]
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
