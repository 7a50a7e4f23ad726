"""Scoring a recogniser against the seeds' gold spans (tests/data/seeds-gold.jsonl)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from djreader.core.loading import load_text
from djreader.core.spans import Span

ROOT = Path(__file__).resolve().parent.parent


def seed_scores(
    span_type: str, find: Callable[[str], list[Span]], transform: Callable[[str], str] | None = None
) -> tuple[float, float, float]:
    """Exact-span precision, recall and F1 of ``find`` for ``span_type`` on the seeds.

    ``transform`` rewrites each seed's text first (into traditional
    characters, say); it must keep the length, as the gold offsets stay.

    Page furniture after the article is not annotated, so predictions that start
    after a document's last gold span are not counted.
    """
    gold: dict[str, set] = defaultdict(set)
    last: dict[str, int] = defaultdict(int)
    for line in open(ROOT / "tests/data/seeds-gold.jsonl", encoding="utf-8"):
        g = json.loads(line)
        last[g["doc"]] = max(last[g["doc"]], g["end"])
        if g["type"] == span_type:
            gold[g["doc"]].add((g["start"], g["end"]))
    tp = fp = fn = 0
    for doc, want in gold.items():
        text = load_text(ROOT / "seeds" / doc).text
        if transform is not None:
            changed = transform(text)
            assert len(changed) == len(text), "the transform must keep offsets"
            text = changed
        got = {(s.start, s.end) for s in find(text) if s.start < last[doc]}
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    p, r = tp / (tp + fp), tp / (tp + fn)
    return p, r, 2 * p * r / (p + r)
