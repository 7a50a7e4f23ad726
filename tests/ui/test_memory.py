"""The reader remembers: last document and position, bookmarks, search history, theme."""

from __future__ import annotations

from djreader.core.loading import discover
from djreader.core.state import StateStore
from djreader.ui.app import make_app
from djreader.ui.screens.bookmarks import BookmarksScreen

from .helpers import SEEDS, wait_loaded


def _app(enabled: bool = True):
    return make_app(discover([SEEDS]), state=StateStore.open([str(SEEDS)], enabled=enabled))


async def test_last_document_and_position_come_back():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("j", "j", "tab", "space", "space")
        top = app.main.reading.top_offset
        assert top > 0
        await pilot.press("q")
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.pause(0.2)
        assert app.main.current == 2
        assert app.main.reading.top_offset == top


async def test_no_state_remembers_nothing(_djreader_home):
    app = _app(enabled=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("j", "j", "m")
        await pilot.press("q")
    assert not any(p.is_file() for p in _djreader_home.rglob("*.json"))
    app = _app(enabled=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        assert app.main.current == 0


async def test_bookmarks_toggle_and_list_across_the_corpus():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("tab", "space", "m")
        await pilot.press("right_square_bracket", "m")
        assert len(app.state.bookmarks()) == 2
        await pilot.press("B")
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)
        assert app.main.current == 1  # newest first
        await pilot.press("m")  # toggles the bookmark at the same paragraph off
        assert len(app.state.bookmarks()) == 1


async def test_theme_is_remembered():
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("t")
        chosen = app.theme
        assert chosen != "textual-dark"
        await pilot.press("q")
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        assert app.theme == chosen


async def test_export_writes_entities_to_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("x")
        await pilot.pause()
    files = list(tmp_path.glob("djreader-entities-*.csv"))
    assert len(files) == 1
    assert "酒泉市" in files[0].read_text(encoding="utf-8-sig")
