"""Pilot tests of the corpus-wide screens (places, figures) and the bookmarks list,
each pushed from a small host app and driven by keys until it dismisses."""

from __future__ import annotations

from functools import lru_cache

from textual.app import App
from textual.widgets import DataTable, OptionList, Tree

from djreader.core.document import open_document
from djreader.core.entities import recognise
from djreader.core.loading import discover
from djreader.core.state import StateStore
from djreader.ui.screens import corpus_figures
from djreader.ui.screens.bookmarks import BookmarksScreen
from djreader.ui.screens.corpus_figures import CorpusFiguresScreen, _value_key
from djreader.ui.screens.corpus_places import CorpusPlacesScreen

from .helpers import SEEDS

SIZE = (110, 32)


class Host(App):
    """Pushes one screen and records what it dismisses with."""

    def __init__(self, screen) -> None:
        super().__init__()
        self.screen_under_test = screen
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test, self.results.append)


@lru_cache(maxsize=1)
def seed_docs() -> tuple:
    docs = [open_document(s) for s in discover([SEEDS])]
    return tuple((i, d.title, d.text, recognise(d.text)) for i, d in enumerate(docs) if d.ok)


def corpus(*, with_spans: bool = True) -> list:
    return [(i, t, x, s if with_spans else None) for i, t, x, s in seed_docs()]


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


# ----- places -------------------------------------------------------------------------


async def test_places_tree_counts_and_a_passage_opens_the_document():
    docs = corpus()
    gansu = [
        (i, s) for i, _t, x, spans in docs for s in spans
        if s.type == "place" and (s.parents[:1] == ("甘肃省",) or (not s.parents and s.text(x) in ("甘肃省", "甘肃")))
    ]
    assert gansu, "the seeds mention places in Gansu"
    assert any(s.text(x) == "甘肃" for i, s in gansu for j, _t, x, _sp in docs if j == i), "the short form counts under the full name"
    app = Host(CorpusPlacesScreen(docs))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        tree = screen.query_one(Tree)
        top = {node.data.name: node for node in tree.root.children}
        assert "甘肃省" in top
        node = top["甘肃省"]
        assert node.data.total == len(gansu)
        assert node.data.docs == len({i for i, _s in gansu})
        assert "甘肃省" in str(node.label) and str(len(gansu)) in str(node.label)
        # children appear when the node is expanded
        tree.move_cursor(node)
        await pilot.press("space")
        await pilot.pause()
        assert node.children and all(c.data.chain[0] == "甘肃省" for c in node.children)
        await pilot.press("enter")  # the passages of 甘肃省 and the places inside it
        await pilot.pause()
        passages = screen.query_one(OptionList)
        assert app.focused is passages and passages.option_count == len(gansu)
        await pilot.press("down", "enter")
    assert len(app.results) == 1
    doc_index, offset = app.results[0]
    expected = sorted((i, s.start) for i, s in gansu)[1]
    assert (doc_index, offset) == expected


async def test_places_recognised_in_the_worker_when_spans_are_missing():
    calls = []

    def spans_of(index, text):
        calls.append(index)
        if index == 0:
            raise ValueError("odd input")
        return recognise(text)

    docs = corpus(with_spans=False)
    app = Host(CorpusPlacesScreen(docs, spans_of=spans_of))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert sorted(calls) == [d[0] for d in docs]
        status = str(app.screen.query_one("#places-status").render())
        assert "1 document could not be analysed" in status
        assert app.screen.query_one(Tree).root.children
        await pilot.press("escape")
    assert app.results == [None]


# ----- figures ------------------------------------------------------------------------


def _figures(docs):
    return [(i, s) for i, _t, _x, spans in docs for s in spans if s.type == "figure"]


async def test_figures_table_lists_every_figure_and_filters_by_kind():
    docs = corpus()
    figures = _figures(docs)
    money = [f for f in figures if f[1].kind == "money"]
    assert money and len(money) < len(figures)
    app = Host(CorpusFiguresScreen(docs))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one(DataTable)
        assert table.row_count == len(figures)
        await pilot.press("3")  # money
        assert table.row_count == len(money) and {r.kind for r in screen.view} == {"money"}
        assert "kind: money" in str(screen.query_one("#figures-status").render())
        await pilot.press("3")  # the same key again: every kind
        assert table.row_count == len(figures)
        await pilot.press("3", "0")
        assert table.row_count == len(figures)


async def test_figures_sort_and_enter_opens_the_figure():
    docs = corpus()
    app = Host(CorpusFiguresScreen(docs))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("s")  # sort by value
        keys = [_value_key(r.value) for r in screen.view]
        assert keys == sorted(keys) and screen.sort_column == "value"
        await pilot.press("r")
        keys = [_value_key(r.value) for r in screen.view if r.value is not None]
        assert keys == sorted(keys, reverse=True)
        assert screen.view[0].value is not None  # figures without a value stay last
        first = screen.view[0]
        cell = screen.query_one(DataTable).get_row_at(0)[0]
        assert cell.plain == str(first.value)
        await pilot.press("s", "s")  # unit, then kind
        assert screen.sort_column == "kind"
        await pilot.press("down", "enter")
        chosen = screen.view[1]
    assert app.results == [(chosen.doc_index, chosen.start)]
    text = dict((i, x) for i, _t, x, _s in docs)[chosen.doc_index]
    assert any(s.start == chosen.start and s.type == "figure" for s in recognise(text))


async def test_figures_are_capped_with_a_note(monkeypatch):
    monkeypatch.setattr(corpus_figures, "MAX_ROWS", 7)
    app = Host(CorpusFiguresScreen(corpus(with_spans=False)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.screen.query_one(DataTable).row_count == 7
        assert "only the first 7 figures" in str(app.screen.query_one("#figures-status").render())


# ----- bookmarks ------------------------------------------------------------------------


async def test_bookmarks_newest_first_delete_and_open(tmp_path):
    docs = corpus()
    paths = [s.path for s in discover([SEEDS])]
    store = StateStore.open([str(SEEDS)])
    for k, (i, _t, text, _s) in enumerate(docs[:3]):
        store.toggle_bookmark(paths[i], 10 * k, text[10 * k : 10 * k + 20])
    marks = store.bookmarks()
    assert len(marks) == 3
    titles = {str(paths[i]): t for i, t, _x, _s in docs}
    app = Host(BookmarksScreen(marks, titles, on_delete=store.remove_bookmark))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ol = app.screen.query_one(OptionList)
        assert ol.option_count == 3 and ol.highlighted == 0
        await pilot.press("d")  # delete the newest
        await pilot.pause()
        assert ol.option_count == 2 and len(store.bookmarks()) == 2
        assert marks[0] not in store.bookmarks()
        await pilot.press("down", "enter")
    assert app.results == [(marks[2].path, marks[2].offset)]


async def test_empty_bookmarks_close_with_escape():
    app = Host(BookmarksScreen([], {}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d", "enter", "escape")
    assert app.results == [None]


def test_paragraph_at_gives_the_block_under_the_offset(tmp_path):
    from djreader.core.document import PARAGRAPH
    from djreader.ui.screens.bookmarks import paragraph_at

    doc = open_document(discover([SEEDS])[0])
    para = next(b for b in doc.article.blocks if b.kind == PARAGRAPH)
    middle = (para.start + para.end) // 2
    start, within, label = paragraph_at(doc, middle)
    assert (start, within) == (para.start, (para.start, para.end))
    assert label and doc.text[para.start : para.end].replace("\n", "").startswith(label[:10])
    store = StateStore.open([str(tmp_path)])
    assert store.toggle_bookmark(doc.path, start, label, within=within)
    again = paragraph_at(doc, para.start + 1)
    assert not store.toggle_bookmark(doc.path, again[0], again[2], within=again[1])
    assert paragraph_at(doc, len(doc.text) + 5)[0] == len(doc.text)
