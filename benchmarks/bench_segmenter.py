"""The fast segmenter against jieba: same tokens, and how much faster.

    python benchmarks/bench_segmenter.py [--docs 4000] [--scale 2000] [--repeats N] [--seed S]

``core.segment.cut`` uses rjieba (jieba-rs, the ``fast`` extra) where it is
known to agree with jieba and jieba elsewhere. This segments the People's
Daily articles of the search benchmark and articles of the scale benchmark,
each as written and as the index folds it, with ``jieba.lcut``, with
``segment.cut`` and with rjieba alone, and prints how many documents and
tokens differ from jieba and the time each took (one process, one core).
``segment.cut`` runs twice: with jieba's whole dictionary, as in the reader's
own process, and with the dictionary read a first character at a time
(``core.freq_shards``), as in a segmentation worker.

``--repeats N`` also compares the two on N generated strings full of
repeated runs, the case where the segmenters' tie-breaking could part: each
drawn from two to six characters of jieba's dictionary, or from one to three
of its words and one to three common characters, or a word doubled between
common characters (seeded by ``--seed``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale_corpus import make_corpus  # noqa: E402
from search_corpus import load_articles  # noqa: E402

from djreader.core import freq_shards, segment  # noqa: E402
from djreader.core.normalize import Folder  # noqa: E402


def _timed(fn, texts):
    t = time.perf_counter()
    out = [fn(x) for x in texts]
    return out, time.perf_counter() - t


def _differing_tokens(a: list[str], b: list[str]) -> int:
    if a == b:
        return 0
    import difflib

    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")


def _split_tokenizer():
    """A tokenizer as a segmentation worker has it: the split dictionary
    (made here from the whole one if the cache does not hold it yet)."""
    whole = segment.tokenizer()
    d = Path(whole.tmp_dir)
    if segment.split_tokenizer(d) is None:
        freq_shards.write(whole, d)
    tok = segment.split_tokenizer(d)
    if tok is None:
        raise SystemExit(f"cannot write the split dictionary in {d}")
    return tok


def _cut_as_a_worker(texts):
    whole = segment._tokenizer
    segment._tokenizer = _split_tokenizer()
    try:
        return _timed(segment.cut, texts)
    finally:
        segment._tokenizer = whole


def run(name: str, raw: list[str]) -> None:
    folder = Folder()
    texts = raw + [folder.fold(t) for t in raw]
    chars = sum(map(len, texts))
    ref, t_jieba = _timed(segment.tokenizer().lcut, texts)
    ours, t_ours = _timed(segment.cut, texts)
    split, t_split = _cut_as_a_worker(texts)
    try:
        import rjieba
    except ImportError:
        alone, t_alone = None, float("nan")
    else:
        alone, t_alone = _timed(rjieba.cut, texts)
    tokens = sum(map(len, ref))
    bad_docs = sum(a != b for a, b in zip(ref, ours))
    bad_tokens = sum(_differing_tokens(a, b) for a, b in zip(ref, ours))
    print(f"\n{name}: {len(texts):,} texts (as written and folded), {chars:,} characters, {tokens:,} jieba tokens")
    print(f"  segmenter in use: {segment.segmenter()}")
    print(f"  differing from jieba.lcut: {bad_docs} texts, {bad_tokens} tokens")
    print(f"  ... with the split dictionary (as in a worker): {sum(a != b for a, b in zip(ref, split))} texts,"
          f" {sum(_differing_tokens(a, b) for a, b in zip(ref, split))} tokens, {t_split:.2f} s")
    if alone is not None:
        print(f"  rjieba alone would differ: {sum(a != b for a, b in zip(ref, alone))} texts")
    print(f"  jieba.lcut {t_jieba:6.2f} s   segment.cut {t_ours:6.2f} s ({t_jieba / t_ours:.1f}x)"
          f"   rjieba alone {t_alone:6.2f} s")


def repeats(n: int, seed: int) -> None:
    import random

    rng = random.Random(seed)
    freq = segment.tokenizer().FREQ
    words = sorted(w for w, f in freq.items() if f > 0 and 1 < len(w) <= 4)
    chars = sorted(w for w, f in freq.items() if f > 0 and len(w) == 1 and "\u4e00" <= w <= "\u9fd5")
    common = sorted(chars, key=lambda c: -freq[c])[:300]
    lcut, bad = segment.tokenizer().lcut, 0
    t = time.perf_counter()
    for _ in range(n):
        mode = rng.random()
        if mode < 0.4:
            alphabet = rng.sample(common if rng.random() < 0.5 else chars, rng.randint(2, 6))
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 16)))
        elif mode < 0.8:
            alphabet = rng.sample(words, rng.randint(1, 3)) + rng.sample(common, rng.randint(1, 3))
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 8)))
        else:
            text = (rng.choice(common) * rng.randint(0, 2) + rng.choice(words + chars) * 2
                    + "".join(rng.choice(common) for _ in range(rng.randint(0, 4))))
        if segment.cut(text) != lcut(text):
            bad += 1
            if bad <= 10:
                print(f"  differs: {text}")
    print(f"\ngenerated repeats: {n:,} strings (seed {seed}), differing from jieba.lcut: {bad}"
          f" ({time.perf_counter() - t:.0f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=4000, help="People's Daily articles")
    ap.add_argument("--scale", type=int, default=2000, help="scale-benchmark articles")
    ap.add_argument("--repeats", type=int, default=0, help="generated strings full of repeated runs")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    segment.tokenizer()
    run("People's Daily, January 1998", [d.text for d in load_articles(args.docs, seeds=ROOT / "seeds")])
    run("scale corpus", [d.text for d in make_corpus(args.scale, seeds=ROOT / "seeds")])
    if args.repeats:
        repeats(args.repeats, args.seed)


if __name__ == "__main__":
    main()
