"""djreader's index at 1,000 / 10,000 / 100,000 articles, against Whoosh and SQLite FTS5.

    python benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--queries 400]
                                     [--systems djreader,whoosh,fts5] [--lcut] [--repeat N]

Corpus: benchmarks/scale_corpus.py (real People's Daily 1998 sentences and
the seeds recombined into distinct articles), written to a temporary folder,
one file per article. Every measurement runs in a fresh child process, so
peak RSS is that system's own:

  cold    build from the files' text (djreader: segmentation in worker
          processes, then writing its cache; Whoosh: an on-disk index with
          jieba's ChineseAnalyzer; FTS5: an on-disk table, trigram tokenizer)
  warm    a new process opening what cold left (djreader: its cache)
  query   p50/p99 of known-item queries (search_corpus.make_queries), top 10
  key     keystroke to results: every prefix of 100 typed queries, the search
          (top 100, as the reader asks) plus a snippet of the 20 shown hits;
          p50/p95, and p95 apart for queries typed as characters (han) and
          as pinyin or initials, letter by letter
  rss     peak resident set of the process (VmHWM), texts included
  ok@10   share of queries with a right document in the top 10

Reading the files is timed apart (read) and not included in cold or warm;
so are the imports of each system's modules (imports: the same in both
phases, paid once per process, whatever the corpus). ``warm + imports`` is
a new process's whole time to a searchable index.
--lcut also times single-process jieba.lcut over the same text in the
djreader cold child, the yardstick for build throughput (after the cold
peak RSS is read, so jieba's own dictionary is not counted); lcut/cold is
that time over the cold build's. --repeat N runs each system's cold and warm
phases N times in turn (each cold run starts without the cache the last one
wrote) and prints the median of every figure, ratios taken run by run: on a
machine whose speed drifts, one run can land either side of a threshold.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

KEY_QUERIES = 100
SHOWN = 20


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def peak_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# ---------------------------------------------------------------- systems


class Djreader:
    def __init__(self, work: Path) -> None:
        os.environ["DJREADER_HOME"] = str(work / "djreader-home")

    def imports(self):
        import djreader.core.cache  # noqa: F401
        import djreader.core.indexing  # noqa: F401
        import djreader.core.search  # noqa: F401

    def open(self, docs, paths):
        from djreader.core.cache import Cache
        from djreader.core.indexing import open_index

        self.index = open_index(docs, paths=paths, cache=Cache())

    def query(self, q, limit=10):
        from djreader.core.search import search

        return [h.doc_id for h in search(self.index, q, limit=limit).hits]

    def keystroke(self, q):
        from djreader.core.search import search, snippet

        result = search(self.index, q, limit=100)
        for h in result.hits[:SHOWN]:
            snippet(self.index.text(h.doc_id), h.best)
        return result


class Whoosh:
    def __init__(self, work: Path) -> None:
        self.dir = work / "whoosh"

    def imports(self):
        import jieba.analyse  # noqa: F401
        import whoosh.index  # noqa: F401
        import whoosh.qparser  # noqa: F401

    def open(self, docs, paths, cold=True):
        from jieba.analyse import ChineseAnalyzer
        from whoosh import index as wix
        from whoosh.fields import ID, TEXT, Schema
        from whoosh.qparser import QueryParser

        self.texts = dict(docs)
        if cold:
            schema = Schema(doc=ID(stored=True), content=TEXT(analyzer=ChineseAnalyzer()))
            self.dir.mkdir(parents=True, exist_ok=True)
            ix = wix.create_in(str(self.dir), schema)
            w = ix.writer(limitmb=256)
            for doc_id, text in docs:
                w.add_document(doc=doc_id, content=text)
            w.commit()
        ix = wix.open_dir(str(self.dir))
        self.parser = QueryParser("content", ix.schema)
        self.searcher = ix.searcher()
        self.searcher.search(self.parser.parse("人民"), limit=1)  # first query loads the segments

    def query(self, q, limit=10):
        try:
            parsed = self.parser.parse(q)
        except Exception:  # noqa: BLE001 - a peer's parse error is a miss, not a crash
            return []
        return [hit["doc"] for hit in self.searcher.search(parsed, limit=limit)]

    def keystroke(self, q):
        return _snippets(self.query(q, 100), self.texts, q)


class Fts5:
    def __init__(self, work: Path) -> None:
        self.path = work / "fts5.sqlite"

    def imports(self):
        import sqlite3  # noqa: F401

    def open(self, docs, paths, cold=True):
        import sqlite3

        self.texts = dict(docs)
        self.db = sqlite3.connect(self.path)
        if cold:
            self.db.execute("CREATE VIRTUAL TABLE t USING fts5(doc UNINDEXED, content, tokenize='trigram')")
            self.db.executemany("INSERT INTO t VALUES (?, ?)", docs)
            self.db.commit()
        self.query("人民日报")

    def query(self, q, limit=10):
        import sqlite3

        expr = " AND ".join('"' + t.replace('"', '""') + '"' for t in q.split())
        try:
            rows = self.db.execute("SELECT doc FROM t WHERE t MATCH ? ORDER BY rank LIMIT ?", (expr, limit)).fetchall()
        except sqlite3.OperationalError:
            return []
        return [r[0] for r in rows]

    def keystroke(self, q):
        return _snippets(self.query(q, 100), self.texts, q)


def _snippets(ids, texts, q):
    term = q.split()[0] if q.split() else q
    for d in ids[:SHOWN]:
        text = texts[d]
        i = max(0, text.find(term))
        text[max(0, i - 30) : i + 30].replace("\n", " ")
    return ids


SYSTEMS = {"djreader": Djreader, "whoosh": Whoosh, "fts5": Fts5}


# ---------------------------------------------------------------- child


def child(args) -> int:
    from djreader.core.loading import load_text

    work = Path(args.work)
    spec = json.loads((work / "spec.json").read_text(encoding="utf-8"))
    t = time.perf_counter()
    paths = [Path(p) for p in spec["paths"]]
    docs = [(p.name, load_text(p).text) for p in paths]
    read_s = time.perf_counter() - t
    system = SYSTEMS[args.child](work)
    cold = args.phase == "cold"
    t = time.perf_counter()
    system.imports()
    imports_s = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    if isinstance(system, Djreader):
        system.open(docs, paths)
    else:
        system.open(docs, paths, cold=cold)
    open_s, open_cpu = time.perf_counter() - t, time.process_time() - c
    out = {"read": read_s, "imports": imports_s, "open": open_s, "open_cpu": open_cpu}
    if cold:
        out["rss"] = peak_rss_mb()  # before the jieba.lcut yardstick loads jieba here
    if cold and args.lcut and isinstance(system, Djreader):
        from djreader.core import segment

        jieba_lcut = segment.tokenizer().lcut  # jieba itself, not the fast path
        t = time.perf_counter()
        for _, text in docs:
            jieba_lcut(text)
        out["lcut"] = time.perf_counter() - t
    if not cold:
        text_of = dict(docs)
        lat, ok = [], []
        for q, targets in spec["queries"]:
            t = time.perf_counter()
            top = system.query(q)
            lat.append(time.perf_counter() - t)
            ok.append(any(all(w in text_of[d] for w in targets) for d in top))
        keys, han, latin = [], [], []
        for q in spec["typed"]:
            for n in range(1, len(q) + 1):
                if q[n - 1] == " ":
                    continue
                t = time.perf_counter()
                system.keystroke(q[:n])
                keys.append(time.perf_counter() - t)
                (latin if q.isascii() else han).append(keys[-1])
        out.update(
            q50=statistics.median(lat), q99=pct(lat, 99), k50=statistics.median(keys), k95=pct(keys, 95),
            k99=pct(keys, 99), ok=sum(ok) / len(ok), keystrokes=len(keys),
            kh95=pct(han, 95), kl95=pct(latin, 95),
        )
        out["rss"] = peak_rss_mb()
    print(json.dumps(out))
    return 0


def run_child(system: str, phase: str, work: Path, lcut: bool) -> dict:
    cmd = [sys.executable, __file__, "--child", system, "--phase", phase, "--work", str(work)]
    if lcut:
        cmd.append("--lcut")
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode:
        sys.stderr.write(res.stderr)
        raise SystemExit(f"{system} {phase} failed")
    return json.loads(res.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=400, help="known-item queries (50 per kind by default)")
    ap.add_argument("--systems", default="djreader,whoosh,fts5")
    ap.add_argument("--typed", type=int, default=KEY_QUERIES, help="queries typed key by key (default 100)")
    ap.add_argument("--lcut", action="store_true", help="also time single-process jieba.lcut (slow at 100,000)")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="run each system's cold and warm phases N times, one after the other, and print medians")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if args.child:
        return child(args)

    from scale_corpus import make_corpus, write_corpus
    from search_corpus import make_queries

    systems = args.systems.split(",")
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d')}")
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory(prefix=f"djreader-scale-{size}-") as tmp:
            work = Path(tmp)
            t = time.perf_counter()
            docs = make_corpus(size, seeds=ROOT / "seeds")
            paths = write_corpus(docs, work / "docs")
            queries = make_queries(docs, per_kind=max(1, args.queries // 8))
            typed = [q.query for q in queries if q.kind in ("exact", "two terms", "pinyin", "initials")][::2][: args.typed]
            spec = {
                "paths": [str(p) for p in paths],
                "queries": [[q.query, list(q.targets)] for q in queries],
                "typed": typed,
            }
            (work / "spec.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
            # jieba's dictionary cache, and the workers' split of it, are made
            # once per installation, not per corpus
            home = dict(os.environ, DJREADER_HOME=str(work / "djreader-home"), PYTHONPATH=str(ROOT / "src"))
            subprocess.run([sys.executable, "-c", "from djreader.core import segment; segment.prepare_worker()"],
                           env=home, check=True)
            chars = sum(len(d.text) for d in docs)
            print(f"\n== {size:,} articles, {chars:,} characters, {len(queries)} queries, "
                  f"prepared in {time.perf_counter() - t:.1f} s")
            rows = {}
            for name in systems:
                rows[name] = []
                for run in range(args.repeat):
                    if run:
                        _forget(name, work)
                    cold = run_child(name, "cold", work, args.lcut)
                    warm = run_child(name, "warm", work, False)
                    rows[name].append((cold, warm))
                    if args.repeat > 1:
                        print(f"{name} run {run + 1}: cold {cold['open']:.2f} s, warm {warm['open']:.3f} s "
                              f"(cold/warm {cold['open'] / warm['open']:.1f})", end="")
                    if "lcut" in cold:
                        print(f"{', ' if args.repeat > 1 else ''}jieba.lcut, one process: {cold['lcut']:.2f} s "
                              f"({cold['lcut'] / cold['open']:.2f}x djreader's cold build time)", end="")
                    if args.repeat > 1 or "lcut" in cold:
                        print()
            if args.repeat > 1:
                print(f"(medians of {args.repeat} runs, each figure and each ratio taken run by run)")
            _table(rows)
    return 0


def _forget(system: str, work: Path) -> None:
    """Remove what a cold run left, so that the next one is cold too
    (djreader: all but jieba's dictionary cache and its split, made once per
    installation)."""
    import shutil

    if system == "djreader":
        for p in list((work / "djreader-home").rglob("*")):
            if p.is_file() and p.name not in ("jieba.cache", "jieba-freq.shards"):
                p.unlink()
    else:
        for p in work.iterdir():
            if p.name not in ("docs", "spec.json", "djreader-home"):
                shutil.rmtree(p) if p.is_dir() else p.unlink()


def _table(rows: dict) -> None:
    names = list(rows)
    lcut = all("lcut" in c for c, _ in rows[names[0]])
    fields = [
        ("read s", lambda c, w: c["read"], "{:.2f}"),
        ("imports s", lambda c, w: w["imports"], "{:.3f}"),
        ("cold build s", lambda c, w: c["open"], "{:.2f}"),
        ("cold cpu s", lambda c, w: c["open_cpu"], "{:.2f}"),
        *([("lcut/cold", lambda c, w: c["lcut"] / c["open"] if "lcut" in c else float("nan"), "{:.2f}")] if lcut else []),
        ("warm start s", lambda c, w: w["open"], "{:.3f}"),
        ("cold/warm", lambda c, w: c["open"] / w["open"], "{:.1f}"),
        ("warm+imports s", lambda c, w: w["open"] + w["imports"], "{:.3f}"),
        ("  cold/that", lambda c, w: (c["open"] + c["imports"]) / (w["open"] + w["imports"]), "{:.1f}"),
        ("query p50 ms", lambda c, w: w["q50"] * 1e3, "{:.2f}"),
        ("query p99 ms", lambda c, w: w["q99"] * 1e3, "{:.2f}"),
        ("key p50 ms", lambda c, w: w["k50"] * 1e3, "{:.2f}"),
        ("key p95 ms", lambda c, w: w["k95"] * 1e3, "{:.2f}"),
        ("  han p95 ms", lambda c, w: w["kh95"] * 1e3, "{:.2f}"),
        ("  pinyin p95", lambda c, w: w["kl95"] * 1e3, "{:.2f}"),
        ("peak RSS MB", lambda c, w: max(c["rss"], w["rss"]), "{:.0f}"),
        ("ok@10", lambda c, w: w["ok"], "{:.3f}"),
    ]
    print(f"{'':<14}" + "".join(f"{n:>12}" for n in names) + "".join(f"{'dj/' + n:>12}" for n in names[1:]))
    for label, get, fmt in fields:
        vals = [statistics.median(get(*pair) for pair in rows[n]) for n in names]
        line = f"{label:<14}" + "".join(f"{fmt.format(v):>12}" for v in vals)
        if names[0] == "djreader":
            line += "".join(f"{vals[0] / v if v else float('nan'):>12.2f}" for v in vals[1:])
        print(line)
    print("(dj/peer: djreader's figure divided by the peer's, as printed; below 1 is better for times and memory)")


if __name__ == "__main__":
    raise SystemExit(main())
