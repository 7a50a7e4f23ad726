"""SVG snapshots of the main screens (pytest-textual-snapshot).

Regenerate after a deliberate change of the look with
``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

import pytest

from tests.ui.helpers import seeds_app, settle, wait_loaded


async def _loaded(pilot) -> None:
    await wait_loaded(pilot.app, pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_main_screen(snap_compare, size):
    assert snap_compare(seeds_app(), terminal_size=size, run_before=_loaded)


def test_search_results(snap_compare):
    async def run_before(pilot):
        await _loaded(pilot)
        await pilot.press("slash", *"jqs")
        for _ in range(500):
            await settle(pilot.app, pilot)
            result = pilot.app.main.result
            if result is not None and result.query == "jqs":
                break
        await pilot.pause(0.2)

    assert snap_compare(seeds_app(), terminal_size=(120, 40), run_before=run_before)


def test_narrow_reading(snap_compare):
    async def run_before(pilot):
        await _loaded(pilot)
        await pilot.press("j", "enter")

    assert snap_compare(seeds_app(), terminal_size=(60, 20), run_before=run_before)
