"""``djreader entities PATH...``: every place and figure, for scripts and spreadsheets."""

from __future__ import annotations

import argparse
import csv
import sys

from djreader.commands import EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, PATHS_HELP, CommandParser, find_sources, json_line
from djreader.core.loading import LoadError, load_text
from djreader.core.sanitize import visible


EPILOG = """\
examples:
  djreader entities seeds/
  djreader entities seeds/ --json | jq 'select(.type == "place")'
  djreader entities seeds/000_2ef393ee87125d70.txt --csv > spans.csv

--json prints one object a line:
  {"doc", "start", "end", "text", "type": "place"|"figure", "kind"}, plus "value" and "unit"
  (normalised figures) and "parents" (the place hierarchy, outermost first) where known.
  start/end are Python string indices into the file's decoded text, the whole file,
  page furniture included.
--csv prints the same fields as columns, with a header row.

exit status:
  0  success
  1  some documents could not be read (each named on stderr); the others were processed
  2  usage error, or a path that does not exist
"""

FIELDS = ["doc", "start", "end", "text", "type", "kind", "value", "unit", "parents"]


def parser() -> argparse.ArgumentParser:
    p = CommandParser(prog="djreader entities", description="Print the places and figures recognised in Chinese documents.", epilog=EPILOG)
    p.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON object a line")
    fmt.add_argument("--csv", action="store_true", help="comma-separated values with a header row")
    p.add_argument("--type", choices=["place", "figure"], help="only this type of span")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the entity cache (shared with the reader)")
    return p


def run(argv: list[str]) -> int:
    ns = parser().parse_or_status(argv)
    if isinstance(ns, int):
        return ns
    sources = find_sources(ns.paths, "djreader entities")
    if sources is None:
        return EXIT_USAGE
    from djreader.core.entities import recognise

    cache = None
    if not ns.no_cache:
        from djreader.core.cache import Cache

        cache = Cache()
    status = EXIT_OK
    out = sys.stdout
    writer = csv.DictWriter(out, FIELDS, lineterminator="\n") if ns.csv else None
    if writer:
        writer.writeheader()
    try:
        for source in sources:
            try:
                text = load_text(source.path).text
            except LoadError as err:
                print(f"djreader entities: {visible(source.display)}: {err}", file=sys.stderr)
                status = EXIT_UNREADABLE
                continue
            for span in _spans(text, cache, recognise):
                if ns.type and span.type != ns.type:
                    continue
                row = span.to_json(text, source.display)
                if ns.json:
                    out.write(json_line(row))
                elif writer:
                    row = {k: visible(v) if isinstance(v, str) else v for k, v in row.items()}
                    row["parents"] = " › ".join(visible(p) for p in span.parents)
                    writer.writerow(row)
                else:
                    extra = ""
                    if span.value is not None:
                        extra = f"  = {span.value}{span.unit}"
                    if span.parents:
                        extra += "  (" + " › ".join(span.parents) + ")"
                    out.write(
                        f"{visible(source.display)}:{span.start}-{span.end}\t{span.type}/{span.kind}\t"
                        f"{visible(row['text'])}{visible(extra)}\n"
                    )
        out.flush()
    except BrokenPipeError:
        # the reader of our output went away (| head): not an error of ours
        sys.stderr.close()
        return status
    return status


def _spans(text: str, cache, recognise) -> list:
    """Places and figures of ``text``, from the cache when it knows them."""
    if cache is None:
        return recognise(text)
    from djreader.core.cache import text_digest

    digest = text_digest(text)
    spans = cache.entities(digest, len(text))
    if spans is None:
        spans = recognise(text)
        cache.put_entities(digest, spans)
    return spans
