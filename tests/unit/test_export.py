"""Exports: real files in a temporary directory, read back with csv and json."""

from __future__ import annotations

import csv
import json
import re

import pytest

from djreader.core.entities import recognise
from djreader.core.export import ENTITY_FIELDS, RESULT_FIELDS, export_entities, export_results
from djreader.core.index import Index
from djreader.core.search import search
from djreader.core.spans import Span

TEXT = "甘肃省酒泉市肃州区银达镇有党员1.2万名，占比95%。=SUM(A1)"
SPANS = [
    Span(0, 3, "place", "province"),
    Span(3, 6, "place", "city", parents=("甘肃省",)),
    Span(15, 19, "figure", "count", 12000, "名"),
    Span(22, 25, "figure", "percent", 95, "%"),
    Span(30, 31, "hit", "exact"),  # not an entity: left out
]


def _read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_entities_json_has_the_fields_of_the_entities_command(tmp_path):
    out = export_entities("docs/甘肃 新闻.txt", TEXT, SPANS, fmt="json", directory=tmp_path)
    assert re.fullmatch(r"djreader-entities-甘肃_新闻-\d{8}-\d{6}\.json", out.name)
    rows = json.loads(out.read_text("utf-8"))
    assert rows == [s.to_json(TEXT, "docs/甘肃 新闻.txt") for s in SPANS[:4]]
    assert rows[1]["parents"] == ["甘肃省"] and rows[2]["value"] == 12000


def test_entities_csv_reads_back(tmp_path):
    out = export_entities("a.txt", TEXT, SPANS, fmt="csv", directory=tmp_path)
    rows = _read_csv(out)
    assert list(rows[0]) == ENTITY_FIELDS
    assert [r["text"] for r in rows] == ["甘肃省", "酒泉市", TEXT[15:19], TEXT[22:25]]
    assert rows[1]["parents"] == "甘肃省" and rows[2]["value"] == "12000" and rows[3]["unit"] == "%"


def test_real_document_entities_round_trip(tmp_path, seeds_dir):
    path = sorted(seeds_dir.glob("*.txt"))[0]
    text = path.read_text("utf-8")
    spans = recognise(text)
    rows = json.loads(export_entities(path, text, spans, fmt="json", directory=tmp_path).read_text("utf-8"))
    assert len(rows) == len(spans) > 0
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)


def test_never_overwrites_and_leaves_no_temporary_file(tmp_path):
    paths = [export_entities("a.txt", TEXT, SPANS, fmt="csv", directory=tmp_path) for _ in range(3)]
    assert len(set(paths)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)
    first = paths[0].read_bytes()
    assert all(p.read_bytes() == first for p in paths)


def test_existing_file_is_kept(tmp_path, monkeypatch):
    import djreader.core.export as export

    monkeypatch.setattr(export.time, "strftime", lambda fmt: "20260101-000000")
    taken = tmp_path / "djreader-entities-a-20260101-000000.csv"
    taken.write_text("mine")
    out = export_entities("a.txt", TEXT, SPANS, fmt="csv", directory=tmp_path)
    assert out.name == "djreader-entities-a-20260101-000000-2.csv"
    assert taken.read_text() == "mine"


def test_formula_cells_are_defused_in_csv_only(tmp_path):
    text = "=HYPERLINK(1) -5% -cmd"
    spans = [Span(0, 13, "place", "x"), Span(14, 17, "figure", "percent", -5, "%"), Span(18, 22, "place", "y")]
    rows = _read_csv(export_entities("a.txt", text, spans, fmt="csv", directory=tmp_path))
    assert [r["text"] for r in rows] == ["'=HYPERLINK(1)", "-5%", "'-cmd"]
    rows = json.loads(export_entities("a.txt", text, spans, fmt="json", directory=tmp_path).read_text("utf-8"))
    assert rows[0]["text"] == "=HYPERLINK(1)"


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError):
        export_entities("a.txt", TEXT, SPANS, fmt="xlsx", directory=tmp_path)
    assert list(tmp_path.iterdir()) == []


def _search_fixture():
    docs = {
        "0": ("/c/one.txt", "酒泉市的党建工作。党建引领发展。"),
        "1": ("/c/two.txt", "银达镇开展党建活动。"),
        "2": ("/c/three.txt", "没有相关内容。"),
    }
    index = Index.build([(k, t) for k, (_p, t) in docs.items()])
    return docs, search(index, "党建", limit=10)


def test_results_one_row_per_hit_span(tmp_path):
    docs, result = _search_fixture()
    assert result.hits
    for fmt in ("csv", "json"):
        out = export_results(result, docs, fmt=fmt, directory=tmp_path)
        assert out.name.startswith("djreader-results-党建-") and out.suffix == "." + fmt
        rows = _read_csv(out) if fmt == "csv" else json.loads(out.read_text("utf-8"))
        assert len(rows) == sum(len(h.spans) for h in result.hits) == 3
        assert list(rows[0]) == RESULT_FIELDS
        for row in rows:
            text = dict(docs.values())[row["doc"]]
            start, end = int(row["start"]), int(row["end"])
            assert text[start:end] == row["text"] == "党建"
            assert "党建" in row["snippet"] and row["query"] == "党建"
        assert {r["doc"] for r in rows} == {"/c/one.txt", "/c/two.txt"}


def test_results_with_no_hits_write_a_header_only(tmp_path):
    docs, _ = _search_fixture()
    index = Index.build([(k, t) for k, (_p, t) in docs.items()])
    result = search(index, "不存在的词语组合", limit=5, widen=False)
    rows = _read_csv(export_results(result, docs, fmt="csv", directory=tmp_path))
    assert rows == []
