"""``djreader search QUERY PATH...``: the search bar, from a shell."""

from __future__ import annotations

import argparse
import sys

from djreader.commands import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, PATHS_HELP, CommandParser, find_sources, json_line
from djreader.core.loading import LoadError, load_text
from djreader.core.normalize import clean_line


EPILOG = """\
query syntax:
  酒泉 党建          documents with both terms (partial words match: 银达 finds 银达镇)
  "基层党建"         a phrase, in order
  党建 -酒泉         exclude documents with 酒泉
  jiuquan, jqs       pinyin and initials; 九泉 (same sound) and 隆布吉乡 (typo) are widened

examples:
  djreader search 酒泉 seeds/
  djreader search 'jiu quan' seeds/ --limit 5
  printf '酒泉\\nblj\\n' | djreader search - seeds/ --json
  djreader search 酒泉 seeds/ --no-cache   rebuild the index, keep nothing

The index is cached (shared with the reader): a second search of the same
files loads it instead of segmenting again; changed files are redone.

--json prints one object a line:
  {"query_index", "query", "rank", "doc", "start", "end", "score", "snippet", "exact", "widened"}
  start/end are Python string indices into the file's decoded text.

exit status:
  0  success (also when nothing matched)
  1  some documents could not be read; the others were searched
  2  usage error, or a path that does not exist
"""


def parser() -> argparse.ArgumentParser:
    p = CommandParser(prog="djreader search", description="Fuzzy search of Chinese documents: words, phrases, pinyin, initials, typos, traditional characters.", epilog=EPILOG)
    p.add_argument("query", metavar="QUERY", help="the query, or - to read one query a line from standard input")
    p.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    p.add_argument("--json", action="store_true", help="one JSON object a line")
    p.add_argument("--limit", type=_positive, default=10, metavar="N", help="documents per query (default 10)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the index cache (shared with the reader)")
    return p


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def run(argv: list[str]) -> int:
    ns = parser().parse_or_status(argv)
    if isinstance(ns, int):
        return ns
    sources = find_sources(ns.paths, "djreader search")
    if sources is None:
        return EXIT_USAGE
    from djreader.core.indexing import open_index
    from djreader.core.search import search, snippet

    status = EXIT_OK
    docs: list[tuple[str, str]] = []
    paths = []
    for src in sources:
        try:
            docs.append((src.display, load_text(src.path).text))
            paths.append(src.path)
        except LoadError as err:
            print(f"djreader search: {clean_line(src.display)}: {err}", file=sys.stderr)
            status = EXIT_UNREADABLE
    cache = None
    if not ns.no_cache:
        from djreader.core.cache import Cache

        cache = Cache()
    index = open_index(docs, paths=paths, cache=cache)
    queries = _stdin_queries() if ns.query == "-" else [ns.query]
    out = sys.stdout
    try:
        for qi, query in enumerate(queries):
            result = search(index, query, limit=ns.limit)
            if ns.json:
                for rank, hit in enumerate(result.hits, 1):
                    text = index.text(hit.doc_id)
                    row = {
                        "query_index": qi,
                        "query": query,
                        "rank": rank,
                        "doc": hit.doc_id,
                        "start": hit.best.start,
                        "end": hit.best.end,
                        "score": hit.score,
                        "snippet": snippet(text, hit.best),
                        "exact": hit.exact,
                        "widened": [[a, b] for a, b in result.widened],
                    }
                    out.write(json_line(row))
            else:
                _listing(out, index, query, result, snippet)
            out.flush()
    except BrokenPipeError:
        sys.stderr.close()  # the reader of our output went away: stop quietly
    return status


def _stdin_queries():
    for line in sys.stdin:
        q = line.strip()
        if q:
            yield q


def _listing(out, index, query, result, snippet) -> None:
    head = f"{clean_line(query)}: {len(result.hits)} of {result.total} documents"
    if result.widened:
        froms: dict[str, list[str]] = {}
        for term, word in result.widened:
            froms.setdefault(term, []).append(word)
        shown = "; ".join(f"{'、'.join(words[:5])} — from {term}" for term, words in froms.items())
        head += f" (widened: {clean_line(shown)})"
    out.write(head + "\n")
    for rank, hit in enumerate(result.hits, 1):
        text = index.text(hit.doc_id)
        mark = "" if hit.exact else " ~"
        out.write(f"{rank:3d}. {clean_line(hit.doc_id)}:{hit.best.start}-{hit.best.end}  {hit.score:.3f}{mark}\n")
        out.write(f"     {snippet(text, hit.best)}\n")
