"""The reader's memory: round trips, atomic files, and bad files set aside without a crash."""

from __future__ import annotations

import json
import os

import pytest

from djreader.core import paths
from djreader.core.state import FORMAT, MAX_HISTORY, StateStore, corpus_id


def _files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_round_trip(tmp_path, _djreader_home):
    doc_a, doc_b = tmp_path / "a.txt", tmp_path / "b.txt"
    store = StateStore.open([str(tmp_path)])
    assert store.warning is None and store.last_doc is None and store.position(doc_a) == 0
    store.set_position(doc_a, 120)
    store.set_position(doc_b, 7)
    assert store.toggle_bookmark(doc_a, 100, "第一段") is True
    assert store.toggle_bookmark(doc_b, 0, "标题") is True
    store.remember_query("酒泉")
    store.remember_query("党建")
    store.remember_query("酒泉")  # moves to the end, no duplicate
    store.theme = "textual-light"
    assert store.save()

    again = StateStore.open([str(tmp_path)])
    assert again.warning is None
    assert again.last_doc == str(doc_b)
    assert again.position(doc_a) == 120 and again.position(str(doc_b)) == 7
    assert [b.label for b in again.bookmarks()] == ["标题", "第一段"]  # newest first
    assert again.bookmarks_in(doc_a)[0].offset == 100
    assert again.history == ["党建", "酒泉"]
    assert again.theme == "textual-light"


def test_corpus_identity_is_the_sorted_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert corpus_id(["a", "b"]) == corpus_id([str(tmp_path / "b"), str(tmp_path / "a")])
    assert corpus_id(["a"]) != corpus_id(["a", "b"])
    one = StateStore.open(["a"])
    one.set_position("x.txt", 5)
    one.save()
    other = StateStore.open(["b"])
    assert other.position("x.txt") == 0
    assert StateStore.open([str(tmp_path / "a")]).position(tmp_path / "x.txt") == 5


def test_theme_is_shared_between_corpora(tmp_path):
    first = StateStore.open([str(tmp_path / "one")])
    first.theme = "nord"
    first.save()
    assert StateStore.open([str(tmp_path / "two")]).theme == "nord"


def test_toggle_within_a_paragraph_removes_the_bookmark_there(tmp_path):
    store = StateStore.open([str(tmp_path)])
    doc = tmp_path / "d.txt"
    assert store.toggle_bookmark(doc, 10, "x", within=(10, 50)) is True
    assert store.toggle_bookmark(doc, 30, "x", within=(10, 50)) is False
    assert store.bookmarks() == []
    store.toggle_bookmark(doc, 10, "x")
    assert store.remove_bookmark(doc, 10) and not store.remove_bookmark(doc, 10)


def test_history_is_capped_most_recent_last(tmp_path):
    store = StateStore.open([str(tmp_path)])
    for i in range(MAX_HISTORY + 20):
        store.remember_query(f"q{i}")
    store.remember_query("   ")
    assert len(store.history) == MAX_HISTORY and store.history[-1] == f"q{MAX_HISTORY + 19}"


def test_atomic_write_leaves_no_temporary_files(tmp_path, _djreader_home):
    store = StateStore.open([str(tmp_path)])
    for i in range(5):
        store.set_position(tmp_path / "a.txt", i)
        store.save()
    names = _files(_djreader_home)
    assert names == ["state/corpora/" + store.file.name]
    assert json.loads(store.file.read_text("ascii"))["version"] == FORMAT


def test_save_is_cheap_when_nothing_changed(tmp_path):
    store = StateStore.open([str(tmp_path)])
    store.set_position(tmp_path / "a.txt", 3)
    store.save()
    before = store.file.stat().st_mtime_ns
    os.utime(store.file, ns=(1, 1))
    store.set_position(tmp_path / "a.txt", 3)  # same position: not a change
    assert store.save()
    assert store.file.stat().st_mtime_ns == 1 != before


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe garbage",
        b"[1, 2, 3]",
        json.dumps({"version": 99, "positions": {}}).encode(),
        json.dumps({"version": FORMAT, "positions": {"/a": "twelve"}}).encode(),
        json.dumps({"version": FORMAT, "bookmarks": [{"path": "/a", "offset": -1}]}).encode(),
        json.dumps({"version": FORMAT, "history": [1, 2]}).encode(),
    ],
)
def test_corrupt_file_is_set_aside_with_a_warning(tmp_path, content):
    path = StateStore.open([str(tmp_path)]).file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    store = StateStore.open([str(tmp_path)])
    assert store.warning and "\n" not in store.warning and "corrupt-" in store.warning
    assert store.position(tmp_path / "a") == 0 and store.bookmarks() == []
    aside = list(path.parent.glob(path.name + ".corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert not path.exists()
    store.set_position(tmp_path / "a", 9)
    assert store.save()
    assert StateStore.open([str(tmp_path)]).position(tmp_path / "a") == 9


def test_corrupt_settings_file_is_set_aside(tmp_path):
    settings = paths.state_dir() / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"version": 1, "theme": ')
    store = StateStore.open([str(tmp_path)])
    assert store.warning and "settings.json.corrupt-" in store.warning
    assert store.theme is None


def test_disabled_store_reads_and_writes_nothing(tmp_path, _djreader_home):
    real = StateStore.open([str(tmp_path)])
    real.set_position(tmp_path / "a.txt", 50)
    real.save()
    before = _files(_djreader_home)
    off = StateStore.open([str(tmp_path)], enabled=False)
    assert off.position(tmp_path / "a.txt") == 0  # not read
    off.set_position(tmp_path / "a.txt", 80)
    off.toggle_bookmark(tmp_path / "a.txt", 80, "x")
    off.theme = "nord"
    assert off.save() and off.position(tmp_path / "a.txt") == 80
    assert StateStore.disabled().save()
    assert _files(_djreader_home) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes through any permission")
def test_unreadable_state_does_not_crash(tmp_path):
    store = StateStore.open([str(tmp_path)])
    store.set_position(tmp_path / "a", 1)
    store.save()
    store.file.chmod(0)
    store.file.parent.chmod(0o500)  # nor can it be renamed aside or replaced
    try:
        again = StateStore.open([str(tmp_path)])
        assert again.warning and again.position(tmp_path / "a") == 0
        again.set_position(tmp_path / "a", 2)
        assert again.save() is False and "not saved" in again.warning
    finally:
        store.file.parent.chmod(0o700)
        store.file.chmod(0o600)


def test_state_dir_that_is_a_file_does_not_crash(tmp_path, _djreader_home):
    (_djreader_home / "state").write_text("not a directory")
    store = StateStore.open([str(tmp_path)])
    assert store.warning is not None  # reading corpora/ under a file fails: reported, not raised
    store.set_position(tmp_path / "a", 2)
    assert store.save() is False
    assert store.warning and "not saved" in store.warning


def test_permission_denied_is_set_aside_with_a_warning(tmp_path, monkeypatch):
    from djreader.core import state as state_mod

    store = StateStore.open([str(tmp_path)])
    store.set_position(tmp_path / "a", 1)
    store.save()

    def denied(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(state_mod, "open", denied, raising=False)
    again = StateStore.open([str(tmp_path)])
    assert again.warning and "Permission denied" in again.warning
    assert again.position(tmp_path / "a") == 0
    assert list(store.file.parent.glob("*.corrupt-*"))


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    from djreader.core import paths

    target = tmp_path / "f.bin"
    paths.atomic_write(target, b"old")

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(paths.os, "replace", full_disk)
    with pytest.raises(OSError):
        paths.atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.bin"]
