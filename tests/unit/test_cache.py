"""The on-disk cache: round trips, invalidation, damage, foreign versions, --no-cache."""

from __future__ import annotations

import json
import os
import sqlite3
import struct
from pathlib import Path

import pytest

from djreader.core import snapshot
from djreader.core.cache import Cache, FileKey, text_digest
from djreader.core.index import Index
from djreader.core.indexing import open_index
from djreader.core.search import search
from djreader.core.spans import Span

TEXTS = [
    "酒泉市肃州区银达镇开展基层党建工作，推动乡村振兴。",
    "北京市人民政府召开会议，研究部署经济工作。",
    "甘肃省兰州市举办党史学习教育报告会。",
    "ＡＢＣ全角字母与半角 abc，繁體字與简体字。",
]
QUERIES = ["酒泉", "jiuquan", "九泉", "北京 会议", "abc", "繁体", "党", "兰州 -北京"]


def _files(tmp_path: Path, texts=TEXTS) -> list[Path]:
    out = []
    for i, t in enumerate(texts):
        p = tmp_path / "docs" / f"{i}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text(t, encoding="utf-8")
        out.append(p)
    return out


def _docs(paths: list[Path]):
    return [(str(p), p.read_text(encoding="utf-8")) for p in paths]


def _answers(index: Index):
    return [[(h.doc_id, h.score, h.best.start) for h in search(index, q).hits] for q in QUERIES]


@pytest.fixture
def cache(tmp_path):
    c = Cache(tmp_path / "cache")
    yield c
    c.close()


class Counting:
    """Wraps analyse_iter to count the documents actually segmented."""

    def __init__(self, monkeypatch):
        import djreader.core.indexing as indexing

        self.count = 0
        real = indexing.analyse_iter

        def counted(texts, **kw):
            self.count += len(texts)
            return real(texts, **kw)

        monkeypatch.setattr(indexing, "analyse_iter", counted)


def test_round_trip_gives_the_same_answers(tmp_path, cache, monkeypatch):
    paths = _files(tmp_path)
    docs = _docs(paths)
    seg = Counting(monkeypatch)
    cold = open_index(docs, paths=paths, cache=cache)
    assert seg.count == len(docs)
    warm = open_index(docs, paths=paths, cache=cache)
    assert seg.count == len(docs)  # nothing segmented again
    assert _answers(warm) == _answers(cold) == _answers(Index.build(docs))
    assert warm.vocabulary.keys() == cold.vocabulary.keys()
    assert warm.text(str(paths[3])) == TEXTS[3]


def test_snapshot_bytes_round_trip():
    docs = [(str(i), t) for i, t in enumerate(TEXTS)]
    index = Index.build(docs)
    again = snapshot.loads(snapshot.dumps(index), TEXTS)
    assert _answers(again) == _answers(index)
    assert snapshot.dumps(again) == snapshot.dumps(index)
    again.add("new", "新增的文档提到酒泉")  # a loaded index still grows
    assert "new" in [h.doc_id for h in search(again, "酒泉").hits]
    again.add("newer", "敦煌莫高窟的壁画")  # words it never had, found by pinyin and initials
    assert "newer" in [h.doc_id for h in search(again, "mogaoku").hits]
    assert "newer" in [h.doc_id for h in search(again, "mgk").hits]
    grown = Index.build(docs)
    grown.add("new", "新增的文档提到酒泉")
    grown.add("newer", "敦煌莫高窟的壁画")
    assert _answers(again) == _answers(grown)
    # grown, its maps are plain dicts; saved, the pairs are put back in order
    texts = [*TEXTS, "新增的文档提到酒泉", "敦煌莫高窟的壁画"]
    assert _answers(snapshot.loads(snapshot.dumps(again), texts)) == _answers(grown)


@pytest.mark.parametrize("items", [[], [""], ["", ""], ["酒泉", "", "jiu quan", "\ud800孤"], ["a"] * 3])
def test_string_tables_round_trip(items):
    assert snapshot._read_table(snapshot._table(items)) == items


def test_string_tables_refuse_line_breaks_and_wrong_counts():
    with pytest.raises(snapshot.SnapshotError):
        snapshot._table(["两\n行"])
    data = bytearray(snapshot._table(["甲", "乙"]))
    data[0] = 3  # says three strings, holds two
    with pytest.raises(snapshot.SnapshotError):
        snapshot._read_table(bytes(data))
    with pytest.raises(snapshot.SnapshotError):
        snapshot._read_table(b"\x00\x00\x00\x00x")  # none, yet text follows
    with pytest.raises(snapshot.SnapshotError):
        snapshot._read_table(snapshot._table(["甲"])[:5])  # a character cut in half
    with pytest.raises(snapshot.SnapshotError):
        snapshot._fixed("三个字".encode(), 2)


def test_changed_file_is_redone_and_unchanged_reused(tmp_path, cache, monkeypatch):
    paths = _files(tmp_path)
    open_index(_docs(paths), paths=paths, cache=cache)
    paths[1].write_text("上海市召开会议，讨论港口建设。", encoding="utf-8")
    seg = Counting(monkeypatch)
    index = open_index(_docs(paths), paths=paths, cache=cache)
    assert seg.count == 1  # only the changed document
    assert [h.doc_id for h in search(index, "上海").hits] == [str(paths[1])]
    assert search(index, "北京", widen=False).hits == []
    assert _answers(index) == _answers(Index.build(_docs(paths)))


def test_touched_file_reuses_words(tmp_path, cache, monkeypatch):
    paths = _files(tmp_path)
    open_index(_docs(paths), paths=paths, cache=cache)
    st = paths[0].stat()
    os.utime(paths[0], ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    seg = Counting(monkeypatch)
    open_index(_docs(paths), paths=paths, cache=cache)
    assert seg.count == 0  # same content: new snapshot key, words from the store


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b[:40] + bytes(len(b) - 40),
        lambda b: b"",
        lambda b: b"\x80\x04\x95garbage that is not a snapshot",
        lambda b: b[:-1] + bytes([b[-1] ^ 1]),
    ],
)
def test_damaged_snapshot_is_rebuilt(tmp_path, cache, monkeypatch, damage):
    paths = _files(tmp_path)
    docs = _docs(paths)
    expected = _answers(open_index(docs, paths=paths, cache=cache))
    (snap,) = list(cache.root.glob("*.djx"))
    snap.write_bytes(damage(snap.read_bytes()))
    index = open_index(docs, paths=paths, cache=cache)
    assert _answers(index) == expected
    assert snapshot.loads(snap.read_bytes(), [t for _, t in docs]) is not None  # rewritten whole


def test_forged_snapshot_with_valid_checksum_is_rejected():
    docs = [(str(i), t) for i, t in enumerate(TEXTS)]
    data = snapshot.dumps(Index.build(docs))
    # a well-formed file claiming a document number past the end
    body = bytearray(data[struct.calcsize("<8sIIQ") :])
    head = snapshot._HEAD.unpack_from(data)
    forged = json.dumps({"doc_ids": ["a"], "alive": [1]}).encode()
    with pytest.raises(snapshot.SnapshotError):
        snapshot.loads(data, TEXTS[:2])  # wrong number of texts
    import zlib

    first_len = struct.unpack_from("<Q", body)[0]
    body = struct.pack("<Q", len(forged)) + forged + bytes(body[8 + first_len :])
    bad = snapshot._HEAD.pack(head[0], head[1], zlib.crc32(body), len(body)) + bytes(body)
    with pytest.raises(snapshot.SnapshotError):
        snapshot.loads(bad, TEXTS[:1])


def _with_meta(data: bytes, meta: bytes) -> bytes:
    """``data`` with its first section (the JSON) replaced, checksum and length made right."""
    import zlib

    head = snapshot._HEAD.unpack_from(data)
    body = data[snapshot._HEAD.size :]
    first_len = struct.unpack_from("<Q", body)[0]
    body = struct.pack("<Q", len(meta)) + meta + body[8 + first_len :]
    return snapshot._HEAD.pack(head[0], head[1], zlib.crc32(body), len(body)) + body


def _reversed_followers(meta: dict) -> dict:
    nxt = meta["next"]
    a = max(nxt, key=lambda k: len(nxt[k]))  # a character with several followers
    return {**meta, "next": {**nxt, a: nxt[a][::-1]}}


@pytest.mark.parametrize(
    "forge",
    [
        _reversed_followers,  # a pair's row would be read from another pair's place
        lambda m: {**m, "next": {**m["next"], "党建": "的"}},  # not a character
        lambda m: {**m, "next": {**m["next"], "\uffff": "的"}},  # one pair more than the rows
        lambda m: {**m, "next": dict(list(m["next"].items())[1:])},  # the first character's pairs missing
        lambda m: {**m, "next": {k: list(v) for k, v in m["next"].items()}},  # not strings
    ],
)
def test_forged_pair_table_is_rejected(forge):
    docs = [(str(i), t) for i, t in enumerate(TEXTS)]
    data = snapshot.dumps(Index.build(docs))
    meta = json.loads(data[snapshot._HEAD.size + 8 : snapshot._HEAD.size + 8 + struct.unpack_from("<Q", data, snapshot._HEAD.size)[0]])
    assert snapshot.loads(_with_meta(data, json.dumps(meta).encode()), TEXTS) is not None  # the re-packing itself is sound
    with pytest.raises(snapshot.SnapshotError):
        snapshot.loads(_with_meta(data, json.dumps(forge(meta)).encode()), TEXTS)


def test_json_nested_too_deep_is_rejected_not_raised():
    data = snapshot.dumps(Index.build([(str(i), t) for i, t in enumerate(TEXTS)]))
    with pytest.raises(snapshot.SnapshotError):
        snapshot.loads(_with_meta(data, b"[" * 200_000), TEXTS)


@pytest.mark.parametrize("table", [{ord("A"): "ab"}, {-5: "a"}, {0x110000: "a"}])
def test_forged_fold_table_is_rejected(table):
    """Folding keeps lengths (offsets into folded text are offsets into the
    document): a table that would not is refused, not used."""
    docs = [(str(i), t) for i, t in enumerate(TEXTS)]
    index = Index.build(docs)
    index._folder.table = table
    with pytest.raises(snapshot.SnapshotError):
        snapshot.loads(snapshot.dumps(index), TEXTS)


def test_corrupt_store_is_replaced(tmp_path, cache):
    paths = _files(tmp_path)
    docs = _docs(paths)
    open_index(docs, paths=paths, cache=cache)
    cache.close()
    store = cache.root / "store.sqlite"
    store.write_bytes(b"this is not a database" * 100)
    for snap in cache.root.glob("*.djx"):
        snap.unlink()
    fresh = Cache(cache.root.parent)
    index = open_index(docs, paths=paths, cache=fresh)
    assert _answers(index) == _answers(Index.build(docs))
    assert fresh.words([text_digest(TEXTS[0])])  # working again
    fresh.close()


def test_bad_rows_are_misses(tmp_path, cache):
    cache.put_words([("d1", "a\nb")])
    db = sqlite3.connect(cache.root / "store.sqlite")
    db.execute("INSERT OR REPLACE INTO words VALUES('d2', x'00ff')")
    db.execute("INSERT OR REPLACE INTO entities VALUES('e1', '[[5, 2, \"place\", \"\", null, \"\", []]]')")
    db.commit()
    db.close()
    assert cache.words(["d1", "d2", "d3"]) == {"d1": "a\nb"}
    assert cache.entities("e1", 100) is None


def test_foreign_version_is_ignored(tmp_path, cache, monkeypatch):
    paths = _files(tmp_path)
    docs = _docs(paths)
    open_index(docs, paths=paths, cache=cache)
    cache.close()
    db = sqlite3.connect(cache.root / "store.sqlite")
    db.execute("UPDATE meta SET value='someone-else' WHERE key='fingerprint'")
    db.execute("INSERT OR REPLACE INTO words VALUES(?, ?)", (text_digest(TEXTS[0]), "假的"))
    db.commit()
    db.close()
    for snap in cache.root.glob("*.djx"):  # a snapshot of another format version
        data = bytearray(snap.read_bytes())
        data[8:12] = struct.pack("<I", snapshot.VERSION + 1)
        snap.write_bytes(bytes(data))
    other = Cache(cache.root.parent)
    seg = Counting(monkeypatch)
    index = open_index(docs, paths=paths, cache=other)
    assert seg.count == len(docs)  # nothing trusted
    assert "假的" not in index.vocabulary
    other.close()


def test_entities_round_trip(cache):
    spans = [
        Span(0, 2, "place", "city", parents=("甘肃省",)),
        Span(3, 6, "figure", "money", value=12000, unit="元"),
        Span(7, 9, "figure", "ratio", value=0.5, unit="%"),
    ]
    cache.put_entities("x", spans)
    assert cache.entities("x", 20) == spans
    assert cache.entities("x", 5) is None  # offsets past the text: not trusted
    assert cache.entities("missing", 20) is None


def test_file_key_follows_content_and_mtime(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("甲", encoding="utf-8")
    k1 = FileKey.of(p, "甲")
    assert k1.size == 3 and k1.digest == text_digest("甲")
    assert FileKey.of(p, "乙").digest != k1.digest
    assert FileKey.of(tmp_path / "gone.txt", "甲").size == -1


def _index_files(home: Path) -> list[Path]:
    root = home / "cache"
    return [p for p in root.rglob("*") if p.is_file() and "index-v" in str(p)] if root.exists() else []


def test_no_cache_commands_write_nothing(_djreader_home, seeds_dir, capsys):
    from djreader.cli import main

    assert main(["search", "酒泉", str(seeds_dir), "--no-cache", "--json"]) == 0
    assert main(["entities", str(seeds_dir), "--no-cache", "--json"]) == 0
    assert _index_files(_djreader_home) == []
    uncached = capsys.readouterr().out
    assert main(["search", "酒泉", str(seeds_dir), "--json"]) == 0
    assert main(["entities", str(seeds_dir), "--json"]) == 0
    assert _index_files(_djreader_home)  # the cache is written without the flag
    assert main(["search", "酒泉", str(seeds_dir), "--json"]) == 0
    assert main(["entities", str(seeds_dir), "--json"]) == 0
    out = capsys.readouterr().out
    half = len(out) // 2
    assert out[:half] == out[half:] == uncached  # cached answers are the same answers


async def test_reader_no_cache_writes_nothing(_djreader_home, seeds_dir):
    from djreader.core.loading import discover
    from djreader.ui.app import make_app

    for use_cache in (False, True):
        app = make_app(discover([seeds_dir]), use_cache=use_cache)
        async with app.run_test() as pilot:
            for _ in range(500):
                if app.index is not None:
                    break
                await pilot.pause(0.02)
            assert app.index is not None
            app.entities_for(app.docs[0])
            assert bool(_index_files(_djreader_home)) is use_cache


def test_cleaned_layouts_round_trip(seeds_dir, cache, monkeypatch):
    from djreader.core.loading import discover
    from djreader.core.opening import open_documents

    sources = discover([seeds_dir])
    first = open_documents(sources, cache=cache)
    import djreader.core.clean as clean_module

    def boom(text):
        raise AssertionError("cleaned again")

    monkeypatch.setattr(clean_module, "clean", boom)
    again = open_documents(sources, cache=cache)
    assert [d.article for d in again] == [d.article for d in first]
    assert [d.title for d in again] == [d.title for d in first]
    db = sqlite3.connect(cache.root / "store.sqlite")
    db.execute("UPDATE articles SET data = '{\"meta\": [1, 2]}'")
    db.commit()
    db.close()
    monkeypatch.undo()
    assert [d.article for d in open_documents(sources, cache=cache)] == [d.article for d in first]


def test_compacted_index_answers_the_same_and_grows():
    docs = [(str(i), t) for i, t in enumerate(TEXTS)]
    index = Index()
    for doc_id, text in docs:  # one at a time: plain maps, as compact() finds them
        index.add(doc_id, text)
    expected = _answers(index)
    assert expected == _answers(Index.build(docs))
    index.compact()
    assert type(index.bigram_docs).__name__ == "PairMap"
    assert _answers(index) == expected
    assert _answers(snapshot.loads(snapshot.dumps(index), TEXTS)) == expected
    index.add("new", "新增的文档提到兰州")
    assert "new" in [h.doc_id for h in search(index, "兰州").hits]


def test_files_with_the_same_text_share_cached_words(tmp_path, cache):
    texts = TEXTS + [TEXTS[0], TEXTS[0]]
    paths = _files(tmp_path, texts)
    cold = open_index(_docs(paths), paths=paths, cache=cache)
    paths[1].write_text(TEXTS[1] + "又一段。", encoding="utf-8")  # one file changed: the rest from the store
    again = open_index(_docs(paths), paths=paths, cache=cache)
    assert len(again) == len(cold) == len(texts)
    for q in ("酒泉", "jiuquan"):
        assert {h.doc_id for h in search(again, q).hits} == {str(paths[i]) for i in (0, 4, 5)}
