"""Precision, recall and F1 of place and figure recognition against a gold file,
recognition throughput, and the time of a few pathological inputs.

    python benchmarks/bench_entities.py [--gold tests/data/seeds-gold.jsonl] [--docs seeds]
        [--traditional]

The gold file holds one span a line ({"doc", "start", "end", "text", "type",
"kind"}), offsets into the file's decoded text. Exact-span matching: a
prediction counts only when start, end and type agree. Page furniture after
the article is not annotated in the seeds' gold, so predictions that start
after the last gold span of a document are not counted against it unless
--strict is given. With --traditional, each document is first rewritten in
traditional characters by OpenCC's s2t (which keeps the length here, so the
gold offsets hold): the same scores and time on traditional text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from djreader.core.figures import find_figures  # noqa: E402
from djreader.core.loading import load_text  # noqa: E402
from djreader.core.places import find_places  # noqa: E402


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(ROOT / "tests/data/seeds-gold.jsonl"))
    ap.add_argument("--docs", default=str(ROOT / "seeds"))
    ap.add_argument("--strict", action="store_true", help="count predictions in unannotated page furniture")
    ap.add_argument("--errors", action="store_true", help="list false positives and negatives")
    ap.add_argument("--traditional", action="store_true", help="rewrite the documents in traditional characters first")
    ap.add_argument("--repeat", type=int, default=5, help="time each document this many times, keep the best")
    args = ap.parse_args()

    gold: dict[str, set] = defaultdict(set)
    for line in open(args.gold, encoding="utf-8"):
        g = json.loads(line)
        gold[g["doc"]].add((g["start"], g["end"], g["type"], g["kind"]))

    counts = defaultdict(lambda: [0, 0, 0])  # key -> tp, fp, fn
    total_chars = 0
    total_bytes = 0
    t0 = time.perf_counter()
    find_places("甘肃省酒泉市")  # load the gazetteer and tokenizer once, outside the timing
    find_figures("2.39亿元")
    print(f"first call (loading data): {(time.perf_counter() - t0) * 1000:.0f} ms")
    elapsed = 0.0
    errors = []
    for doc in sorted(gold):
        text = load_text(Path(args.docs) / doc).text
        if args.traditional:
            text = _traditional(text)
        total_chars += len(text)
        total_bytes += len(text.encode("utf-8"))
        runs = []
        for _ in range(args.repeat):  # the best of several runs: other load only adds time
            fresh = (text + "\n")[:-1]  # a new string each run: nothing cached on it
            t0 = time.perf_counter()
            pred_spans = find_places(fresh) + find_figures(fresh)
            runs.append(time.perf_counter() - t0)
        elapsed += min(runs)
        last = max(e for _, e, _, _ in gold[doc])
        pred = {(s.start, s.end, s.type, s.kind) for s in pred_spans if args.strict or s.start < last}
        g = gold[doc]
        gk = {(s, e, t) for s, e, t, _ in g}
        pk = {(s, e, t) for s, e, t, _ in pred}
        for s, e, t, k in pred:
            hit = (s, e, t) in gk
            counts[t][0 if hit else 1] += 1
            kind_ok = (s, e, t, k) in g
            counts[(t, k)][0 if kind_ok else 1] += 1
            if not hit:
                errors.append(("FP", doc, s, e, t, k, text[s:e], text[max(0, s - 8) : e + 8]))
        for s, e, t, k in g:
            if (s, e, t) not in pk:
                counts[t][2] += 1
                errors.append(("FN", doc, s, e, t, k, text[s:e], text[max(0, s - 8) : e + 8]))
            if (s, e, t, k) not in pred:
                counts[(t, k)][2] += 1

    print(f"{'type/kind':<20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for key in sorted(counts, key=lambda k: (k if isinstance(k, str) else k[0], isinstance(k, tuple), str(k))):
        tp, fp, fn = counts[key]
        p, r, f = prf(tp, fp, fn)
        label = key if isinstance(key, str) else f"  {key[0]}/{key[1]}"
        print(f"{label:<20}{p:7.3f}{r:7.3f}{f:7.3f}{tp:6d}{fp:6d}{fn:6d}")
    per_10kb = elapsed * 1000 / (total_bytes / 10240)
    print(f"\nthroughput: {total_chars} chars ({total_bytes} UTF-8 bytes) in {elapsed * 1000:.1f} ms: "
          f"{total_bytes / elapsed / 1e6:.2f} MB/s, {per_10kb:.2f} ms per 10 KB")
    pathological()
    if args.errors:
        for e in sorted(errors, key=lambda x: (x[1], x[2])):
            print(*e, sep="\t")
    return 0


def _traditional(text: str) -> str:
    import opencc

    out = opencc.OpenCC("s2t").convert(text)
    if len(out) != len(text):
        raise SystemExit("s2t changed the length of a document: its gold offsets would not hold")
    return out


# inputs dense in what the one-character rules and the chains look at: their
# time must grow with the length, not its square
PATHOLOGICAL = {
    "美中 × 10,000": "美中" * 10_000,
    "中美关系、 × 4,000": "中美关系、" * 4_000,
    "台湾两岸 × 5,000": "台湾两岸" * 5_000,
    "美、英、 × 10,000": "美、英、" * 10_000,
    "新平镇太平村 × 3,000": "新平镇太平村" * 3_000,
    "华北平原 × 5,000": "华北平原" * 5_000,
}


def pathological() -> None:
    print("\npathological inputs (places, one call each):")
    for label, text in PATHOLOGICAL.items():
        t = time.perf_counter()
        n = len(find_places(text))
        print(f"  {label:<22}{len(text):>8} chars {n:>7} spans {(time.perf_counter() - t) * 1000:9.0f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
