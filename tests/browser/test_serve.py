"""``djreader serve`` in a real browser: headless Chromium opens the page, the
reader draws the seed documents, and the screenshot shows them.

Chromium is driven over its DevTools protocol (aiohttp, which textual-serve
brings). The page draws the terminal on a canvas, so "the document list is
shown" is read from the terminal output the page receives over its
WebSocket: a seed title and the status line must arrive. Everything listens
on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .png import colours

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SHOT = ROOT / "screenshots" / "browser.png"
HOST = "127.0.0.1"
WIDTH, HEIGHT = 1280, 800
START_TIMEOUT = 30.0  # seconds for the server and Chromium to listen
DRAW_TIMEOUT = 90.0  # seconds for the reader to draw the document list
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    f"--window-size={WIDTH},{HEIGHT}",
    f"--remote-debugging-address={HOST}",
    "--remote-debugging-port=0",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    reason = "needs Chromium (apt-get install chromium)"
    if in_ci():
        pytest.fail(f"CI is set but the browser test {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_listening(port: int, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{what} exited with {proc.returncode} before listening")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{what} did not listen on {HOST}:{port} within {START_TIMEOUT:.0f}s")


def stop(proc: subprocess.Popen) -> None:
    """End a process started here, with the group it leads (its shell and reader children)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


class DevTools:
    """A minimal DevTools protocol client for one page."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0
        self.received = bytearray()  # every WebSocket frame the page received

    async def call(self, method: str, **params) -> dict:
        self.next_id += 1
        mid = self.next_id
        await self.ws.send_json({"id": mid, "method": method, "params": params})
        while True:
            msg = await asyncio.wait_for(self.ws.receive(), timeout=30)
            data = json.loads(msg.data)
            if data.get("method") == "Network.webSocketFrameReceived":
                resp = data["params"]["response"]
                payload = resp["payloadData"]
                self.received += base64.b64decode(payload) if resp.get("opcode") == 2 else payload.encode()
            if data.get("id") == mid:
                if "error" in data:
                    raise AssertionError(f"{method}: {data['error']}")
                return data.get("result", {})

    async def screenshot(self) -> bytes:
        return base64.b64decode((await self.call("Page.captureScreenshot", format="png"))["data"])


async def browse(url: str, devtools_port: int, expect: list[str]) -> tuple[bytes, bytes]:
    """Open ``url``; wait until every string of ``expect`` has arrived; (screenshot, blank page shot)."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://{HOST}:{devtools_port}/json/list") as resp:
            targets = await resp.json()
        page = next(t for t in targets if t["type"] == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            dt = DevTools(ws)
            blank = await dt.screenshot()
            await dt.call("Network.enable")
            await dt.call("Page.enable")
            await dt.call("Page.navigate", url=url)
            deadline = time.monotonic() + DRAW_TIMEOUT
            while True:
                text = dt.received.decode("utf-8", "replace")
                if all(e in text for e in expect):
                    break
                if time.monotonic() > deadline:
                    tail = text[-400:]
                    raise AssertionError(f"the page did not show {expect} within {DRAW_TIMEOUT:.0f}s; last output: {tail!r}")
                await asyncio.sleep(0.5)
                await dt.call("Runtime.evaluate", expression="1")  # pumps the event stream
            await asyncio.sleep(2)  # the canvas paints on the next animation frames
            await dt.call("Runtime.evaluate", expression="1")
            return await dt.screenshot(), blank


def test_serve_shows_the_documents_in_a_browser(tmp_path, _djreader_home):
    browser = chromium()
    port = free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env["DJREADER_HOME"] = str(_djreader_home)
    env["TEXTUAL_ANIMATIONS"] = "none"
    server = subprocess.Popen(
        [sys.executable, "-m", "djreader", "serve", str(SEEDS), "--port", str(port)],
        env=env,
        stdout=open(tmp_path / "server.log", "wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    profile = tmp_path / "chromium-profile"
    browser_proc = None
    try:
        wait_listening(port, server, "djreader serve")
        browser_proc = subprocess.Popen(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / "chromium.log", "wb"),
            start_new_session=True,
        )
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + START_TIMEOUT
        while not (active.exists() and active.read_text().strip()):
            assert browser_proc.poll() is None, (tmp_path / "chromium.log").read_text(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "Chromium did not open its DevTools port"
            time.sleep(0.2)
        devtools_port = int(active.read_text().split()[0])
        shot, blank = asyncio.run(
            browse(f"http://{HOST}:{port}/", devtools_port, ["党建激活", "5 documents", "search ready"])
        )
    finally:
        if browser_proc is not None:
            stop(browser_proc)
        stop(server)
    log = (tmp_path / "server.log").read_text(errors="replace")
    assert f"{HOST}:{port}" in log
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    blank_colours, shot_colours = colours(blank), colours(shot)
    assert blank_colours <= 2
    # text in several styles on several backgrounds, anti-aliased: hundreds of colours
    assert shot_colours > 100, f"the screenshot has only {shot_colours} colours"
    if os.environ.get("DJREADER_UPDATE_SCREENSHOTS") == "1":
        SHOT.parent.mkdir(exist_ok=True)
        SHOT.write_bytes(shot)


def test_serve_refuses_a_missing_path(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "djreader", "serve", str(tmp_path / "missing")],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "no such file or directory" in proc.stderr


def test_serve_says_when_the_port_is_taken(tmp_path):
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "djreader", "serve", str(SEEDS), "--port", str(port)],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 4, proc.stderr
    assert f"cannot listen on {HOST}:{port}" in proc.stderr


def test_served_command_quotes_paths():
    import shlex

    from djreader.commands.serve import app_command

    cmd = app_command(["a b.txt", "$(touch x)", "-weird"], no_indent=True)
    argv = shlex.split(cmd)
    assert argv[0] == sys.executable
    assert argv[-4:] == ["--", "a b.txt", "$(touch x)", "-weird"]
    assert "--no-indent" in argv
