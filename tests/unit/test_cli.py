"""The command line as a user runs it: subprocesses, real files, exit statuses."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def djreader(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        [sys.executable, "-m", "djreader", *args], input=stdin, capture_output=True, text=True, env=env, timeout=120
    )


def test_version_and_help():
    out = djreader("--version")
    assert out.returncode == 0 and out.stdout.startswith("djreader ")
    out = djreader("--help")
    assert out.returncode == 0
    assert "examples:" in out.stdout and "exit status:" in out.stdout


def test_missing_path_is_one_line_and_status_2():
    out = djreader("/no/such/dir")
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "no such file" in out.stderr
    assert "Traceback" not in out.stderr


def test_reader_refuses_without_a_terminal():
    out = djreader(str(SEEDS))
    assert out.returncode == 3
    assert "terminal" in out.stderr and "Traceback" not in out.stderr


def test_entities_json_offsets_index_the_decoded_file():
    out = djreader("entities", str(SEEDS), "--json")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert {r["type"] for r in rows} == {"place", "figure"}
    texts: dict[str, str] = {}
    for r in rows:
        text = texts.setdefault(r["doc"], Path(r["doc"]).read_text(encoding="utf-8"))
        assert text[r["start"] : r["end"]] == r["text"]
    assert any(r["text"] == "谭家堡村" and r["kind"] == "village" for r in rows)
    assert any(r["text"] == "2.39亿元" and r["kind"] == "money" for r in rows)


def test_entities_csv_has_a_header_and_the_same_rows():
    out = djreader("entities", str(SEEDS / "004_952ad1ee0f4c9549.txt"), "--csv")
    assert out.returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and set(rows[0]) >= {"doc", "start", "end", "text", "type", "kind"}
    js = djreader("entities", str(SEEDS / "004_952ad1ee0f4c9549.txt"), "--json")
    assert len(rows) == len(js.stdout.splitlines())


def test_entities_reports_unreadable_files_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("甘肃省酒泉市有5761个基层党组织。", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 8)
    out = djreader("entities", str(tmp_path), "--json")
    assert out.returncode == 1
    assert "bad.txt" in out.stderr and "Traceback" not in out.stderr
    assert "酒泉市" in out.stdout


def test_entities_reads_gbk(tmp_path):
    (tmp_path / "gbk.txt").write_bytes("甘肃省酒泉市有5761个基层党组织。".encode("gbk"))
    out = djreader("entities", str(tmp_path), "--json")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert any(r["text"] == "酒泉市" for r in rows)
    assert any(r["text"] == "5761个" for r in rows)
