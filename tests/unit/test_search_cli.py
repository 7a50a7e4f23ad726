"""``djreader search`` as a subprocess: JSON lines, queries from stdin, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "djreader", "search", *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, timeout=300,
    )


def file_text(doc: str) -> str:
    return (ROOT / doc).read_text(encoding="utf-8") if not Path(doc).is_absolute() else Path(doc).read_text(encoding="utf-8")


def test_json_offsets_point_at_the_hit():
    proc = run("酒泉", "seeds", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and rows[0]["rank"] == 1 and rows[0]["query_index"] == 0
    for row in rows:
        assert set(row) >= {"query_index", "query", "rank", "doc", "start", "end", "score", "snippet"}
        assert file_text(row["doc"])[row["start"] : row["end"]] == "酒泉"
        assert "酒泉" in row["snippet"]


def test_queries_from_stdin_in_one_process():
    proc = run("-", "seeds", "--json", "--limit", "3", stdin="酒泉\n\njqs\n九泉\n臨夏\n")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    by_query = {}
    for row in rows:
        by_query.setdefault(row["query_index"], []).append(row)
        assert row["rank"] <= 3
    assert sorted(by_query) == [0, 1, 2, 3]
    expect = {0: {"酒泉"}, 1: {"酒泉市"}, 2: {"酒泉", "酒泉市"}, 3: {"临夏"}}
    for qi, rows_ in by_query.items():
        for row in rows_:
            assert file_text(row["doc"])[row["start"] : row["end"]] in expect[qi]
    assert by_query[2][0]["widened"]


def test_plain_listing_and_controls(tmp_path):
    doc = tmp_path / "evil.txt"
    doc.write_text("标题\x1b[2J\x07酒泉\x9b市\u2028的新闻\n", encoding="utf-8")
    proc = run("酒泉", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "酒泉" in proc.stdout
    for ch in "\x1b\x07\x9b\u2028":
        assert ch not in proc.stdout


def test_widened_listing_says_from_what():
    proc = run("九泉", "seeds")
    assert proc.returncode == 0
    assert "from 九泉" in proc.stdout.splitlines()[0]


def test_unreadable_file_exit_1(tmp_path):
    (tmp_path / "good.txt").write_text("酒泉的新闻", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x81\xff\xfe\x00" * 100)
    proc = run("酒泉", str(tmp_path), "--json")
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and "bad.txt" in proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["doc"].endswith("good.txt")
    assert "Traceback" not in proc.stderr


def test_missing_path_and_usage_exit_2():
    proc = run("酒泉", "no/such/dir")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert run("酒泉").returncode == 2
    assert run("酒泉", "seeds", "--limit", "0").returncode == 2


def test_help_mentions_examples_and_statuses():
    proc = run("--help")
    assert proc.returncode == 0
    assert "exit status" in proc.stdout and "examples" in proc.stdout
