"""Pilot tests of the search bar: results as you type, widening shown, hits navigable."""

from __future__ import annotations

from djreader.ui.widgets.reading import ReadingPane
from djreader.ui.widgets.results import ResultsList
from djreader.ui.widgets.searchbar import SearchBar

from .helpers import screen_text, seeds_app, settle, wait_loaded


async def _type(app, pilot, text: str) -> None:
    await pilot.press("slash")
    for ch in text:
        await pilot.press(ch)
    for _ in range(500):
        await settle(app, pilot)
        await pilot.pause(0.02)
        if app.index is not None and app.main.result is not None and app.main.result.query == text:
            break


async def test_typing_shows_results_with_the_widening_said():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await _type(app, pilot, "九泉")
        results = app.main.query_one(ResultsList)
        assert results.display and results.option_count >= 1
        text = screen_text(app)
        assert "from 九泉" in text
        assert "酒泉市开展基层党建" in text


async def test_pinyin_initials_find_the_place():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await _type(app, pilot, "blj")
        assert app.main.result.hits
        doc = app.docs[int(app.main.result.hits[0].doc_id)]
        assert "布隆吉" in doc.text


async def test_enter_opens_at_the_hit_and_n_steps_through_hits():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await _type(app, pilot, "党建")
        await pilot.press("enter")  # from the bar to the results
        assert isinstance(app.focused, ResultsList)
        await pilot.press("enter")  # open the first result
        assert isinstance(app.focused, ReadingPane)
        main = app.main
        assert len(main.hit_spans) > 3
        doc = app.docs[main.current]
        assert all(doc.text[s.start : s.end] == "党建" for s in main.hit_spans)
        first = main.hit_index
        await pilot.press("n")
        assert main.hit_index == (first + 1) % len(main.hit_spans)
        assert f"hit {main.hit_index + 1}/{len(main.hit_spans)}" in screen_text(app)
        await pilot.press("N", "N")
        assert main.hit_index == (first - 1) % len(main.hit_spans)
        await pilot.press("escape")
        assert isinstance(app.focused, ResultsList)
        await pilot.press("escape")
        assert isinstance(app.focused, SearchBar)


async def test_history_recalls_earlier_queries():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await _type(app, pilot, "酒泉")
        await pilot.press("enter")
        await pilot.press("escape")  # back to the bar
        bar = app.main.query_one(SearchBar)
        bar.value = ""
        await pilot.press("up")
        assert bar.value == "酒泉"


async def test_escape_in_the_bar_clears_and_returns_to_the_list():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await _type(app, pilot, "脱贫")
        await pilot.press("escape")
        assert app.main.query_one(SearchBar).value == ""
        assert not app.main.query_one(ResultsList).display
        assert app.main.doclist.display


async def test_enter_before_the_answer_takes_the_focus_to_it_when_it_comes():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        panel = app.main.search
        panel.index = None  # as while the index is still being built
        await pilot.press("slash", *"党建")
        await pilot.press("enter")  # nothing to go to yet
        await settle(app, pilot)
        assert isinstance(app.focused, SearchBar)
        panel.index_ready(app.index)
        await settle(app, pilot)
        assert isinstance(app.focused, ResultsList)
        assert app.focused.option_count >= 1
        await pilot.press("enter")  # and on into the best document
        assert isinstance(app.focused, ReadingPane)


async def test_enter_then_typing_on_keeps_the_focus_in_the_bar():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        panel = app.main.search
        panel.index = None
        await pilot.press("slash", *"党建", "enter", *"酒泉")
        panel.index_ready(app.index)
        await settle(app, pilot)
        assert isinstance(app.focused, SearchBar)
        assert panel.result is not None and panel.result.query == "党建酒泉"
