"""Documents are untrusted: what they carry is shown, never acted on.

A folder of hostile documents (escape sequences that set the window title,
write the clipboard, plant links, clear the screen and move the cursor; BEL;
8-bit C1 controls; a lone ESC; Rich markup; shell and URL bait; file names
with escapes in them) is opened in the installed reader under tmux, and the
terminal's state is checked: the pane title, tmux's paste buffers and bell
flag are untouched, the UI is intact, the sequences are shown as control
pictures, and no document was written, no file appeared, no file the
documents name was read and no URL they name was fetched.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .harness import (
    Terminal,
    base_env,
    djreader_program,
    left_pane,
    normalise,
    raw_controls,
    right_pane,
)

pytestmark = pytest.mark.terminal

WIDTH, HEIGHT = 160, 50

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"
HOSTILE_NAME = f"{ESC}]2;NAME-PWNED{BEL}名字\x9b2J.txt"
BROKEN_NAME = f"{ESC}]0;LINK-PWNED{BEL}坏链\x9b.txt"
MARKUP_TITLE = "[bold]标记[/]标题"


class Listener:
    """A TCP listener on 127.0.0.1 that counts connections (a URL named by a document)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    try:
        yield lst
    finally:
        lst.close()


def hostile_text(canary: Path, port: int) -> str:
    url = f"http://127.0.0.1:{port}/canary"
    return "\n".join(
        [
            f"{MARKUP_TITLE}{ESC}]0;TITLE-PWNED{BEL}",
            "",
            f"正文甲：酒泉市{ESC}[2J{ESC}[H开展活动{BEL}，共有党员12000名。{ESC}[31m红色{ESC}[0m",
            "",
            f"乙段：[link=https://x]链接[/link] [@click=app.quit]退出[/] [bold]粗[/] 剪贴{ESC}]52;c;cHduZWQ={BEL}板",
            "",
            f"丙段：{ESC}]8;;{url}{ST}链接文字{ESC}]8;;{ST}结束 {url} file://{canary} {canary}",
            "",
            f"丁段：\x9b2J\x9d2;C1-PWNED\x9c孤{ESC}单{ESC}[10;10H移动 $(touch pwned-a) `touch pwned-b`; touch pwned-c",
            "",
            f"戊段：{ESC}]2;SECOND-PWNED{ST}结尾{ESC}",
            "",
        ]
    )


def make_hostile_folder(top: Path, port: int) -> tuple[Path, Path]:
    """``top/hostile`` with the documents, and a canary file they name (atime set far back)."""
    folder = top / "hostile"
    folder.mkdir()
    canary = top / "canary.txt"
    canary.write_text("canary\n", encoding="utf-8")
    os.utime(canary, (1_000_000_000, canary.stat().st_mtime))
    (folder / "hostile.txt").write_text(hostile_text(canary, port), encoding="utf-8")
    (folder / HOSTILE_NAME).write_text(f"名字文件的标题\n\n名字文件正文。{ESC}]0;BODY-PWNED{BEL}酒泉市。\n", encoding="utf-8")
    os.symlink(top / "missing", folder / BROKEN_NAME)
    return folder, canary


def snapshot(folder: Path) -> dict[str, tuple[bytes, int] | str]:
    """Every entry's bytes and mtime (links: their target), to compare before and after."""
    out: dict[str, tuple[bytes, int] | str] = {}
    for name in sorted(os.listdir(folder)):
        p = folder / name
        if p.is_symlink():
            out[name] = os.readlink(p)
        else:
            out[name] = (p.read_bytes(), p.stat().st_mtime_ns)
    return out


def pane_info(term: Terminal, fmt: str) -> str:
    return term.tmux("display-message", "-p", "-t", term.session, fmt).stdout.rstrip("\n")


def intact(term: Terminal) -> bool:
    """The frame of the UI is where it belongs: search bar on top, status and footer below."""
    lines = term.lines()
    return (
        len(lines) >= HEIGHT - 1
        and "search" in lines[0]
        and any("documents" in ln for ln in lines[-3:])
        and "q Quit" in lines[-1]
    )


def reading_title(term: Terminal) -> str:
    """The reading pane's title line."""
    return next(iter(right_pane(term.screen())), "")


def next_document(term: Terminal) -> None:
    """Press ] and wait until the reading pane's title shows another document."""
    title = reading_title(term)
    term.keys("]")
    term.wait_until(lambda: reading_title(term) != title, "] to open another document")


def text_line_starts(term: Terminal, start: str) -> bool:
    return any(line.startswith(start) for line in right_pane(term.screen()))


def test_hostile_documents_are_shown_escaped_and_change_nothing(terminal, tmp_path, listener):
    top = tmp_path / "work"
    top.mkdir()
    folder, canary = make_hostile_folder(top, listener.port)
    before = snapshot(folder)
    atime = canary.stat().st_atime_ns
    term = terminal(WIDTH, HEIGHT)
    term.run_reader("hostile/", cwd=top)
    # let OSC 52 reach tmux's paste buffers, so a leaked clipboard write would show there
    term.tmux("set-option", "-s", "set-clipboard", "on")
    # "3 documents", not "1/3 documents" while they still load
    loaded = re.compile(r"(?<![/\d])3 documents · 1 unreadable")
    term.wait_until(lambda: loaded.search(term.screen()), "three documents, one unreadable")
    title0 = pane_info(term, "#{pane_title}")
    # hostile.txt sorts after the two names that start with ESC; open it by its markup title
    term.wait_for(MARKUP_TITLE)
    # "]" before the first document has opened opens the first: allow a second round
    for _ in range(6):
        if term.has("正文甲"):
            break
        next_document(term)
    term.wait_for("正文甲", "丁段")
    screen = term.screen()
    reading = normalise("".join(right_pane(screen)))
    listing = normalise("".join(left_pane(screen)))
    # shown, visibly escaped
    for shown in ("␛[2J␛[H", "开展活动␇", "␛[31m红色␛[0m", "␛]52;c;cHduZWQ=␇", "␛]8;;http://127.0.0.1", "孤␛单", "␛[10;10H移动", "结尾␛"):
        assert normalise(shown) in reading, f"{shown!r} not on screen:\n{screen}"
    assert "\ufffd2J\ufffd2;C1-PWNED\ufffd" in reading  # C1 CSI/OSC/ST as the replacement character
    # Rich markup literally, in the reading pane, the title bar and the list
    for literal in ("[link=https://x]链接[/link]", "[@click=app.quit]退出[/]", "[bold]粗[/]"):
        assert normalise(literal) in reading, literal
    assert normalise(MARKUP_TITLE) in normalise(right_pane(screen)[0])
    assert normalise(MARKUP_TITLE) in listing
    # names with escapes are listed escaped
    assert "✗" in listing and normalise("␛]0;LINK-PWNED␇坏链\ufffd.txt") in listing, screen
    assert intact(term), screen
    # raw text shows the same characters, escaped
    term.keys("Tab", "r")
    # raw text has no paragraph indent
    term.wait_until(lambda: text_line_starts(term, "  正文甲"), "raw text")
    assert "␛[2J" in "".join(right_pane(term.screen())) and intact(term), term.screen()
    term.keys("r")
    term.wait_until(lambda: text_line_starts(term, "  \u3000\u3000正文甲"), "the laid-out text again")
    # the other documents, both ways round
    for _ in range(2):
        next_document(term)
        assert intact(term), term.screen()
    assert term.has("名字文件正文") or term.has("broken symbolic link") or term.has("正文甲")
    # the terminal's state: title, clipboard, bell
    assert pane_info(term, "#{pane_title}") == title0
    assert "PWNED" not in pane_info(term, "#{pane_title}") + pane_info(term, "#{window_name}")
    assert term.tmux("list-buffers", check=False).stdout == ""
    assert pane_info(term, "#{window_bell_flag}") == "0"
    assert "Traceback" not in term.screen(history=True)
    term.keys("q")
    assert term.wait_exit() == 0
    # nothing written, created, read or fetched
    assert snapshot(folder) == before
    assert sorted(os.listdir(top)) == sorted(["hostile", "canary.txt"])
    assert canary.stat().st_atime_ns == atime, "a file named by a document was read"
    assert listener.connections == 0, "a URL named by a document was fetched"


@pytest.mark.parametrize(
    "args",
    [
        ("entities", "hostile/"),
        ("entities", "hostile/", "--json"),
        ("entities", "hostile/", "--csv"),
        ("search", "酒泉", "hostile/"),
        ("search", "酒泉", "hostile/", "--json"),
        ("search", "链接", "hostile/"),
    ],
    ids=["entities", "entities-json", "entities-csv", "search", "search-json", "search-link"],
)
def test_subcommands_print_no_raw_control_characters(tmp_path, args, listener):
    top = tmp_path / "work"
    top.mkdir()
    folder, canary = make_hostile_folder(top, listener.port)
    before = snapshot(folder)
    proc = subprocess.run(
        [str(djreader_program()), *args],
        cwd=top, capture_output=True, text=True, errors="surrogateescape",
        stdin=subprocess.DEVNULL, timeout=300, env=base_env(top / "cli-home"),
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr  # the broken link
    assert "Traceback" not in proc.stderr
    assert proc.stdout, "no output at all"
    assert not raw_controls(proc.stdout), f"raw controls on stdout: {raw_controls(proc.stdout)}"
    assert not raw_controls(proc.stderr), f"raw controls on stderr: {raw_controls(proc.stderr)}\n{proc.stderr!r}"
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert snapshot(folder) == before
    assert listener.connections == 0
    assert sorted(os.listdir(top)) == sorted(["hostile", "canary.txt", "cli-home"]) or sorted(os.listdir(top)) == sorted(["hostile", "canary.txt"])
