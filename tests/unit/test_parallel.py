"""Segmentation in worker processes gives exactly the serial index."""

from __future__ import annotations

from pathlib import Path

import pytest

from djreader.core.index import Index
from djreader.core.words import analyse, pack
from djreader.core.indexing import open_index
from djreader.core.parallel import Cancelled, _batches, analyse_all, analyse_iter, workers_for
from djreader.core.search import search

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
QUERIES = ["党建", "jiuquan", "乡村振兴 干部", "九泉", "dj", "经济", "群众 -酒泉"]


@pytest.fixture(scope="module")
def docs():
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    assert len(out) >= 5
    out.append(("odd", "\x00\u200b😀e\u0301" * 50 + "。" * 3000 + "长" * 5000))
    out.append(("empty", ""))
    return out


def test_parallel_build_equals_serial(docs):
    texts = [t for _, t in docs]
    serial = [pack(analyse(t)) for t in texts]
    parallel = analyse_all(texts, workers=2)
    assert parallel == serial
    a = Index.build(docs)
    b = Index.build(docs, words=parallel)
    assert a.vocabulary.keys() == b.vocabulary.keys()
    for q in QUERIES:
        assert [(h.doc_id, h.score) for h in search(a, q).hits] == [(h.doc_id, h.score) for h in search(b, q).hits]


def test_open_index_in_workers_equals_serial(docs):
    a = open_index(docs, workers=2)
    b = open_index(docs, workers=1)
    for q in QUERIES:
        assert [(h.doc_id, h.score) for h in search(a, q).hits] == [(h.doc_id, h.score) for h in search(b, q).hits]


def test_cancel_stops_the_pool(docs):
    texts = [t for _, t in docs] * 4
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        analyse_all(texts, workers=2, cancelled=cancelled)
    with pytest.raises(Cancelled):
        analyse_all(texts, workers=1, cancelled=cancelled)
    gen = analyse_iter(texts, workers=2)
    next(gen)
    gen.close()  # terminates the workers without waiting


def test_progress_counts_every_document(docs):
    seen = []
    analyse_all([t for _, t in docs], workers=1, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (len(docs), len(docs))
    assert [d for d, _ in seen] == list(range(1, len(docs) + 1))


def test_small_corpora_stay_in_process():
    assert workers_for(1000) == 1
    assert workers_for(10**9, 1) == 1
    assert workers_for(10, 3) == 3


def test_batches_cover_every_text_once():
    texts = ["a" * 70_000, "b", "c" * 30_000, "d" * 30_000, "e"]
    spans = _batches(texts)
    covered = [i for a, b in spans for i in range(a, b)]
    assert covered == list(range(len(texts)))
    assert _batches([]) == []


class _Late:
    """Packed words that are 'not ready' for a while, then all at once: the
    index goes on with later documents' characters meanwhile."""

    def __init__(self, words: list[str], wait: int) -> None:
        self._words, self._wait, self.asked = iter(words), wait, 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        return next(self._words)

    def ready(self) -> bool:
        self.asked += 1
        return self.asked > self._wait


@pytest.mark.parametrize("wait", [0, 3, 1000])
def test_words_that_come_late_give_the_same_index(docs, wait):
    from djreader.core import snapshot

    packed = [pack(analyse(t)) for _, t in docs]
    late = _Late(packed, wait)
    a = Index.build(docs, words=late)
    assert late.asked > 0
    b = Index.build(docs, words=packed)  # each document's words right after its characters
    assert snapshot.dumps(a) == snapshot.dumps(b)


def test_open_index_in_workers_gives_the_serial_snapshot(docs):
    from djreader.core import snapshot

    assert snapshot.dumps(open_index(docs, workers=2)) == snapshot.dumps(open_index(docs, workers=1))


def test_folding_before_and_after_numpy_agree(docs):
    """A worker folds its first characters with str.translate and the rest
    through the numpy table: both give the same text."""
    from djreader.core.normalize import Folder

    texts = [t for _, t in docs] + ["臺灣的ＡＢＣ與「引號」" * 60]
    plain = Folder(numpy_after=10**9)
    mixed = Folder(numpy_after=sum(map(len, texts)) // 2)
    numpy_only = Folder()
    folded = [plain.fold(t) for t in texts]
    assert folded == [mixed.fold(t) for t in texts] == [numpy_only.fold(t) for t in texts]
    assert folded[-1].startswith("台湾的abc与")
