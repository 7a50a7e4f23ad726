"""Helpers for Pilot tests: build the app the way the CLI does, read the screen as text."""

from __future__ import annotations

from pathlib import Path

from textual.worker import WorkerCancelled

from djreader.core.loading import discover
from djreader.ui.app import DjreaderApp, make_app

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seeds_app(**options) -> DjreaderApp:
    return make_app(discover([SEEDS]), **options)


def screen_text(app: DjreaderApp) -> str:
    """What the terminal would show, as plain text (wide characters appear once)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


async def wait_loaded(app: DjreaderApp, pilot, count: int = 5) -> None:
    for _ in range(1000):
        if not app.main.is_mounted:  # the first screen mounts after the app is ready
            await pilot.pause(0.02)
            continue
        reading = app.main.reading
        if (
            len(app.docs) >= count
            and reading.document is not None
            and app.index is not None
            and (reading._entities or not reading.document.ok)
        ):
            break
        await pilot.pause(0.02)
    await settle(app, pilot)


async def settle(app: DjreaderApp, pilot) -> None:
    """Wait for every worker; a worker cancelled by a newer exclusive one is fine."""
    for _ in range(20):
        try:
            await app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            continue
    await pilot.pause()
