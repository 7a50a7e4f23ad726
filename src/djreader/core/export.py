"""Save what the reader shows, for a spreadsheet or a script: one document's
places and figures, or the hits of a search.

Files are named ``djreader-entities-<doc stem>-<YYYYmmdd-HHMMSS>.csv`` and
``djreader-results-<query>-<YYYYmmdd-HHMMSS>.json``; an existing file is never
replaced (a ``-2``, ``-3`` … suffix is added). Each file appears whole or not
at all: it is written to a temporary name and hard-linked into place, which
fails rather than overwrite a file that appeared in the meantime.

Entity rows have the fields of ``djreader entities --json`` (``parents`` is a
list in JSON, joined with " › " in CSV, as that command does). Result rows
have one hit span each: query, rank, doc, start, end, text, kind, word, score,
snippet. CSV cells that a spreadsheet would run as a formula (=, +, @, and -
not starting a number) get a leading apostrophe; JSON keeps text unchanged.
Write failures raise ``OSError`` for the caller to report.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from djreader.core.search import SearchResult, snippet
from djreader.core.spans import Span

__all__ = ["ENTITY_FIELDS", "RESULT_FIELDS", "export_entities", "export_results"]

ENTITY_FIELDS = ["doc", "start", "end", "text", "type", "kind", "value", "unit", "parents"]
RESULT_FIELDS = ["query", "rank", "doc", "start", "end", "text", "kind", "word", "score", "snippet"]
FORMATS = ("csv", "json")
_UNSAFE = re.compile(r"[^\w\u3400-\u9fff.-]+")
_FORMULA = re.compile(r"^(?:[=+@\t\r]|-(?![\d.]))")


def export_entities(
    doc_path: str | os.PathLike[str], text: str, spans: Iterable[Span], *, fmt: str, directory: str | os.PathLike[str]
) -> Path:
    """Write the places and figures of one document; the new file's path."""
    doc = os.fspath(doc_path)
    rows = [s.to_json(text, doc) for s in spans if s.type in ("place", "figure")]
    stem = Path(doc).stem
    return _write(rows, ENTITY_FIELDS, fmt=fmt, directory=directory, name=f"entities-{_slug(stem)}")


def export_results(
    result: SearchResult, docs: Mapping[str, tuple[str, str]], *, fmt: str, directory: str | os.PathLike[str]
) -> Path:
    """Write every hit span of ``result``; ``docs`` maps doc_id to (path, text)."""
    rows = []
    for rank, hit in enumerate(result.hits, 1):
        path, text = docs[hit.doc_id]
        for span in hit.spans:
            rows.append(
                {
                    "query": result.query,
                    "rank": rank,
                    "doc": path,
                    "start": span.start,
                    "end": span.end,
                    "text": text[span.start : span.end],
                    "kind": span.kind,
                    "word": span.extra.get("word", ""),
                    "score": hit.score,
                    "snippet": snippet(text, span),
                }
            )
    return _write(rows, RESULT_FIELDS, fmt=fmt, directory=directory, name=f"results-{_slug(result.query)}")


def _slug(name: str) -> str:
    """A file-name-safe short form: letters, digits, Han, dot and dash."""
    return _UNSAFE.sub("_", name).strip("._")[:40] or "untitled"


def _defuse(value: object) -> object:
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def _encode(rows: list[dict], fields: list[str], fmt: str) -> bytes:
    if fmt == "json":
        return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8", "surrogatepass")
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        row = dict(row)
        if "parents" in row:
            row["parents"] = " › ".join(row["parents"])
        writer.writerow({k: _defuse(v) for k, v in row.items()})
    # BOM: spreadsheet programs read BOM-less CSV in the locale's code page
    return out.getvalue().encode("utf-8-sig", "surrogatepass")


def _write(rows: list[dict], fields: list[str], *, fmt: str, directory: str | os.PathLike[str], name: str) -> Path:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use csv or json")
    data = _encode(rows, fields, fmt)
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    base = f"djreader-{name}-{time.strftime('%Y%m%d-%H%M%S')}"
    tmp = folder / f".{base}.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    try:
        for n in range(1, 1000):
            target = folder / (f"{base}.{fmt}" if n == 1 else f"{base}-{n}.{fmt}")
            if _place(tmp, target):
                return target
        raise FileExistsError(f"{folder}: too many exports named {base}")
    finally:
        tmp.unlink(missing_ok=True)


def _place(tmp: Path, target: Path) -> bool:
    """Put ``tmp``'s content at ``target`` unless something is there; True if placed."""
    try:
        os.link(tmp, target)
        return True
    except FileExistsError:
        return False
    except OSError:
        # file systems without hard links: exclusive create, then fill
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as fh, open(tmp, "rb") as src:
            fh.write(src.read())
        return True
