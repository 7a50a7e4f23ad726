"""Pilot tests: the keys of the reader do what the help screen says."""

from __future__ import annotations

import pytest

from djreader.ui.screens.help import HelpScreen
from djreader.ui.screens.outline import OutlineScreen
from djreader.ui.widgets.doclist import DocList
from djreader.ui.widgets.entities import EntityPanel
from djreader.ui.widgets.reading import ReadingPane
from djreader.ui.widgets.searchbar import SearchBar

from .helpers import screen_text, seeds_app, settle, wait_loaded


async def test_starts_with_the_list_and_the_first_document_open():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        text = screen_text(app)
        assert "党建激活“新动能”" in text
        assert "如期全面打赢脱贫攻坚战之党建篇" in text
        assert app.main.current == 0
        assert isinstance(app.focused, DocList)


async def test_j_k_move_and_the_pane_follows():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("j", "j")
        assert app.main.current == 2
        await pilot.press("k")
        assert app.main.current == 1
        await pilot.press("enter")
        assert app.main.reading.document is app.docs[1]


async def test_tab_switches_panes_and_space_pages():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("tab")
        assert isinstance(app.focused, ReadingPane)
        pane = app.main.reading
        assert pane.scroll_y == 0
        await pilot.press("space")
        first_page = pane.scroll_y
        assert first_page > 10
        await pilot.press("b")
        assert pane.scroll_y == 0
        await pilot.press("G")
        assert pane.scroll_y == pane.max_scroll_y > first_page
        await pilot.press("g")
        assert pane.scroll_y == 0
        await pilot.press("shift+tab")
        assert isinstance(app.focused, DocList)


async def test_brackets_step_through_documents():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("right_square_bracket")
        assert app.main.current == 1
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.main.current == 4


async def test_outline_jumps_to_a_report_of_the_compilation_page():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        index = next(i for i, d in enumerate(app.docs) if d.title == "如期全面打赢脱贫攻坚战之党建篇")
        app.main.open_document(index)
        await pilot.press("o")
        assert isinstance(app.screen, OutlineScreen)
        text = screen_text(app)
        assert "党建带路 脱贫有方" in text
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, OutlineScreen)
        assert app.main.reading.scroll_y > 0


async def test_help_is_built_from_the_bindings():
    app = seeds_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = {desc for _, _, desc in app.screen.rows}
        for words in ("Quit", "Outline", "Next place", "Page down", "Previous document", "Search"):
            assert words in described
        assert "Line down" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_slash_focuses_the_search_bar_and_escape_leaves_it():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBar)
        await pilot.press("q")  # typed, not quitting
        assert app.focused.value == "q"
        assert app.is_running
        await pilot.press("escape")
        assert not isinstance(app.focused, SearchBar)


async def test_q_quits():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize("width", [60, 40])
async def test_narrow_terminals_show_one_pane_at_a_time(width):
    app = seeds_app()
    async with app.run_test(size=(width, 20)) as pilot:
        await wait_loaded(app, pilot)
        left, right = app.main.query_one("#left"), app.main.query_one("#right")
        assert left.display and not right.display
        await pilot.press("enter")
        assert right.display and not left.display
        assert isinstance(app.focused, ReadingPane)
        await pilot.press("tab")
        assert left.display and not right.display


async def test_wide_terminals_show_both_panes():
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        assert app.main.query_one("#left").display and app.main.query_one("#right").display


async def test_raw_toggle_shows_the_furniture_text():
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("tab")
        assert "分享到微信朋友圈" not in screen_text(app)  # folded furniture
        await pilot.press("r")
        assert "分享到微信朋友圈" in screen_text(app)
        await pilot.press("r")
        await pilot.press("f")
        assert "分享到微信朋友圈" in screen_text(app)


async def test_entity_keys_toggle_and_jump():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        pane = app.main.reading
        assert any(s.type == "place" for s in pane._entities)
        await pilot.press("tab", "p")
        assert pane._current_entity is not None and pane._current_entity.type == "place"
        first = pane._current_entity
        await pilot.press("p")
        assert pane._current_entity.start > first.start
        await pilot.press("d")
        assert pane._current_entity.type == "figure"
        await pilot.press("1")
        assert pane.show_places is False
        await pilot.press("e")
        panel = app.main.query_one(EntityPanel)
        assert panel.display and "Places" in screen_text(app)


async def test_space_pages_the_text_from_the_list():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        assert isinstance(app.focused, DocList)
        await pilot.press("space")
        assert app.main.reading.scroll_y > 10
        assert app.main.current == 0
        await pilot.press("b")
        assert app.main.reading.scroll_y == 0


async def test_command_palette_opens_a_document_by_fuzzy_title():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        for ch in "临夏州":
            await pilot.press(ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert "临夏州" in app.docs[app.main.current].title


async def test_entity_panel_says_what_each_figure_counts():
    app = seeds_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        index = next(i for i, d in enumerate(app.docs) if d.title.startswith("大庆"))
        app.main.open_document(index)
        panel = app.main.query_one(EntityPanel)
        labels: list[str] = []
        for _ in range(300):
            await settle(app, pilot)
            figures = [n for n in panel.root.children if str(n.label).startswith("Figures")]
            labels = [str(c.label) for f in figures for c in f.children]
            if any("—" in label for label in labels):
                break
            await pilot.pause(0.05)
        assert any(label.startswith("5761个 — 基层党组织") for label in labels), labels[:10]
