"""Write the SVG screenshots in screenshots/ from the real app on the seeds.

    python scripts/screenshots.py

Each screenshot drives the app with the keys a user would press.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJREADER_HOME", tempfile.mkdtemp(prefix="djreader-shots-"))

from djreader.core.loading import discover  # noqa: E402
from djreader.ui.app import make_app  # noqa: E402

SHOTS = [
    # name, size, keys
    ("main-80x24", (80, 24), []),
    ("main-120x40", (120, 40), []),
    ("reading-compilation-120x40", (120, 40), ["j", "j", "j", "tab", "space"]),
    ("outline-120x40", (120, 40), ["j", "j", "j", "o"]),
    ("entities-120x40", (120, 40), ["e"]),
    ("search-pinyin-120x40", (120, 40), ["slash", *"jqs"]),
    ("search-homophone-120x40", (120, 40), ["slash", *"九泉", "enter", "enter"]),
    ("help-120x40", (120, 40), ["question_mark"]),
    ("narrow-60x20", (60, 20), ["enter"]),
]


async def shoot(name: str, size: tuple[int, int], keys: list[str]) -> None:
    app = make_app(discover([ROOT / "seeds"]))
    async with app.run_test(size=size) as pilot:
        for _ in range(500):
            if app.index is not None and app.main.reading.document is not None:
                break
            await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.save_screenshot(filename=f"{name}.svg", path=str(ROOT / "screenshots"))
    print(f"screenshots/{name}.svg")


async def main() -> None:
    for name, size, keys in SHOTS:
        await shoot(name, size, keys)


if __name__ == "__main__":
    asyncio.run(main())
