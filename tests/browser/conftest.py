"""Browser tests: the reader served by ``djreader serve`` and driven by headless Chromium."""

from __future__ import annotations


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "browser: drives `djreader serve` in headless Chromium on 127.0.0.1")
