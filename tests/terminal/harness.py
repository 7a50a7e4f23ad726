"""Drive a real terminal: a detached tmux server with one pane of a fixed size.

The tests talk to the installed ``djreader`` the way a person does, through
keystrokes and what the screen shows, so they catch what in-process Textual
pilots cannot (entry points, tty handling, locale, escape-key timing, exit
status).  Every wait polls the screen until a deadline and never asserts on
speed: a slow machine only makes the tests slower.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"

# Generous: the first start of the reader builds the segmenter's cache.
DEFAULT_TIMEOUT = 30.0
POLL = 0.1
# Textual waits this long (ms) after a lone ESC before it reports the Escape
# key; keys sent sooner would be read as Alt+key.
ESCDELAY_MS = 30

# Characters that a terminal or a list may draw differently from the source:
# spaces (and tmux's padding after wide characters), quotes of either width,
# the ellipsis of a truncated line, and block elements (a scrollbar's thumb and
# a pane's border), which sit at a line's end and would join the next line's text.
_NOISE = re.compile(r"[\s\u3000“”‘’\"'「」『』…\u2580-\u259f]+")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def normalise(text: str) -> str:
    """Drop the characters a screen may add, lose or redraw, for substring tests."""
    return _NOISE.sub("", text)


def djreader_program() -> Path:
    """The installed console script next to the running interpreter (the venv's)."""
    beside = Path(sys.executable).parent / "djreader"
    if beside.exists():
        return beside
    found = shutil.which("djreader")
    if found:
        return Path(found)
    raise FileNotFoundError("djreader is not installed next to the interpreter nor on PATH (pip install -e .)")


def missing_tools(*names: str) -> list[str]:
    """Which of the named programs cannot be found (PATH, then the sbin dirs)."""
    missing = []
    for name in names:
        if find_tool(name) is None:
            missing.append(name)
    return missing


def find_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for d in ("/usr/sbin", "/sbin", "/usr/local/sbin"):
        p = Path(d) / name
        if p.exists() and os.access(p, os.X_OK):
            return str(p)
    return None


def base_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of the terminal: UTF-8, no animations, state in ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "LC_"))}
    env.update(
        LANG="C.UTF-8",
        DJREADER_HOME=str(home),
        ESCDELAY=str(ESCDELAY_MS),
        TEXTUAL_ANIMATIONS="none",
    )
    env.pop("NO_COLOR", None)
    env.pop("TEXTUAL", None)
    if extra:
        env.update(extra)
    return env


class Timeout(AssertionError):
    """A wait ran out; the message carries the last screen to show what was there."""


class Terminal:
    """One tmux server on a private socket, one session, one pane of ``width`` x ``height``."""

    def __init__(
        self,
        workdir: Path,
        *,
        width: int = 80,
        height: int = 24,
        term: str = "tmux-256color",
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.workdir = workdir
        self.width = width
        self.height = height
        self.term = term
        self.env = dict(env or base_env(workdir / "djreader-home"))
        self.socket = f"djreader-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.session = "t"
        self.conf = workdir / "tmux.conf"
        self.started = False

    # -- tmux plumbing -------------------------------------------------------

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.conf), *args],
            env=self.env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=30,
        )
        if check and proc.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args[:2])} failed ({proc.returncode}): {proc.stderr.strip()}")
        return proc

    def start(self, command: str, *, cwd: Path = REPO) -> None:
        """Run ``command`` (a shell line) in a new pane; the pane stays after it ends."""
        self.conf.write_text(
            "\n".join(
                [
                    f"set -g default-terminal {self.term}",
                    # Hand ESC to the program at once; Textual does its own wait.
                    "set -s escape-time 0",
                    # Keep the pane (and its last screen) when the command exits,
                    # so the exit status can be read.
                    "set -g remain-on-exit on",
                    "set -g status off",
                    "set -g history-limit 2000",
                    "",
                ]
            )
        )
        self.tmux(
            "new-session", "-d", "-s", self.session,
            "-x", str(self.width), "-y", str(self.height),
            "-c", str(cwd),
            "sh", "-c", command,
        )  # fmt: skip
        self.started = True

    def run_reader(self, *args: str, program: Path | None = None, cwd: Path = REPO) -> None:
        """Start djreader with ``args`` and print ``EXIT=<status>`` when it ends."""
        prog = program or djreader_program()
        line = " ".join(shlex.quote(a) for a in [str(prog), *args])
        self.start(f"{line}; echo EXIT=$?", cwd=cwd)

    def kill(self) -> None:
        if self.started:
            self.tmux("kill-server", check=False)
            self.started = False

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()

    # -- keys -----------------------------------------------------------------

    def keys(self, *names: str, pause: float = 0.05) -> None:
        """Send named keys (``Enter``, ``Tab``, ``BTab``, ``Escape``, ``NPage``, ``j``).

        After Escape the harness waits past ESCDELAY, so that the next key is
        not read as Alt+key.
        """
        for name in names:
            self.tmux("send-keys", "-t", self.session, name)
            time.sleep(ESCDELAY_MS * 4 / 1000 if name in ("Escape", "Esc") else pause)

    def type(self, text: str) -> None:
        """Send ``text`` literally (no key-name lookup)."""
        self.tmux("send-keys", "-t", self.session, "-l", text)
        time.sleep(0.05)

    # -- screen ---------------------------------------------------------------

    def screen(self, *, attributes: bool = False, history: bool = False) -> str:
        """The visible screen; with ``attributes`` the SGR escapes too (focus, highlight).

        ``history`` adds the lines scrolled off the top: tmux may scroll the
        last output of a command that ends at once to make room for its
        "Pane is dead" line.
        """
        args = ["capture-pane", "-p", "-J", "-t", self.session]
        if attributes:
            args.append("-e")
        if history:
            args += ["-S", "-"]
        return self.tmux(*args).stdout

    def lines(self) -> list[str]:
        return self.screen().splitlines()

    def has(self, text: str) -> bool:
        """``text`` is on one line of the screen, compared after :func:`normalise`."""
        needle = normalise(text)
        return any(needle in normalise(line) for line in self.lines())

    def count(self, text: str) -> int:
        """How many screen lines contain ``text`` (normalised)."""
        needle = normalise(text)
        return sum(normalise(line).count(needle) for line in self.lines())

    def ended(self) -> bool:
        """The pane's command has ended (its status is the ``EXIT=`` line, see :meth:`wait_exit`)."""
        return self.tmux("display-message", "-p", "-t", self.session, "#{pane_dead}").stdout.strip() == "1"

    # -- waiting ----------------------------------------------------------------

    def wait_until(
        self,
        predicate: Callable[[], bool],
        what: str,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        while_running: bool = True,
    ) -> None:
        """Poll ``predicate``; fail at the deadline, or at once if the program
        ended while ``while_running`` (a crash shows its traceback, not a timeout)."""
        deadline = time.monotonic() + timeout
        while True:
            if predicate():
                return
            if while_running and self.ended():
                raise Timeout(f"the program ended while waiting for {what}; screen was:\n{self.screen(history=True)}")
            if time.monotonic() > deadline:
                raise Timeout(f"gave up waiting for {what} after {timeout:.0f}s; screen was:\n{self.screen()}")
            time.sleep(POLL)

    def wait_for(self, *texts: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until every one of ``texts`` is on the screen; return the screen."""
        self.wait_until(lambda: all(self.has(t) for t in texts), f"{texts!r}", timeout)
        return self.screen()

    def wait_for_any(self, texts: Iterable[str], timeout: float = DEFAULT_TIMEOUT) -> str:
        texts = list(texts)
        self.wait_until(lambda: any(self.has(t) for t in texts), f"any of {texts!r}", timeout)
        return self.screen()

    def wait_gone(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        self.wait_until(lambda: not self.has(text), f"{text!r} to disappear", timeout)
        return self.screen()

    def wait_changed(self, before: str, *, attributes: bool = False, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until the screen differs from ``before`` (captured with the same ``attributes``)."""
        self.wait_until(lambda: self.screen(attributes=attributes) != before, "the screen to change", timeout)
        return self.screen(attributes=attributes)

    def wait_equal(self, target: str, *, attributes: bool = False, timeout: float = DEFAULT_TIMEOUT) -> str:
        self.wait_until(lambda: self.screen(attributes=attributes) == target, "the earlier screen to come back", timeout)
        return target

    def wait_stable(self, *, quiet: float = 0.5, timeout: float = 5.0, attributes: bool = True) -> str:
        """Wait until the screen has not changed for ``quiet`` seconds (a redraw has finished).

        A settling aid, not an assertion: it gives up quietly after ``timeout``,
        since a focused input's blinking cursor never stops changing the attributes.
        """
        deadline = time.monotonic() + timeout
        last = self.screen(attributes=attributes)
        since = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(POLL)
            now = self.screen(attributes=attributes)
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return now
        return last

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Wait for the ``EXIT=<n>`` line of :meth:`run_reader`; return n."""
        pattern = re.compile(r"EXIT=(\d+)")
        found: list[int] = []

        def ended() -> bool:
            m = pattern.search(self.screen(history=True))
            if m:
                found.append(int(m.group(1)))
            return bool(m)

        self.wait_until(ended, "the program to exit (EXIT=…)", timeout, while_running=False)
        return found[-1]


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


# The status line says this once the background work of start-up (loading,
# the search index) is done; screens compared before and after a key press
# must both be taken after it, or the status line alone would differ.
READY = "search ready"

# A distinctive start of each seed's headline, as :func:`normalise` leaves it.
# Each occurs in its own document only, so a key seen twice on the screen
# (list row + reading-pane heading) tells which document is open.
SEED_TITLE_KEYS = {
    "000_2ef393ee87125d70.txt": "打造铁人先锋",  # 打造“铁人先锋”品牌
    "001_e283e4cb1ec74523.txt": "党建激活",  # 党建激活“新动能”
    "002_cef62ef88f14aa69.txt": "大庆夯实",  # 大庆 夯实党建之基 走实振兴之路
    "003_48bb8d4f3ad499a9.txt": "如期全面",  # 如期全面打赢脱贫攻坚战之党建篇
    "004_952ad1ee0f4c9549.txt": "聚精会神",  # 聚精会神抓党建 凝心聚力谋发展
}


def open_documents(term: Terminal) -> set[str]:
    """The seed keys shown more than once: the open document's (list row and heading)."""
    return {key for key in SEED_TITLE_KEYS.values() if term.count(key) >= 2}


# -- helpers for the hardening tests (matrix, untrusted documents, bad files) --

# The border between the left column and the reading pane (``vkey`` border).
PANE_BORDER = "▕"


def right_pane(screen: str) -> list[str]:
    """The reading side of each screen line: what follows the left column's border.

    Lines without the border (the footer, a one-pane narrow layout) are left out.
    """
    return [line.split(PANE_BORDER, 1)[1] for line in screen.splitlines() if PANE_BORDER in line]


def left_pane(screen: str) -> list[str]:
    """The list side of each screen line (before the border)."""
    return [line.split(PANE_BORDER, 1)[0] for line in screen.splitlines() if PANE_BORDER in line]


def unprivileged_prefix(user: str = "nobody", group: str = "nogroup") -> list[str] | None:
    """A command prefix that runs the rest as ``user`` (root ignores file modes).

    ``setpriv`` (util-linux) first, then ``runuser``; None when neither exists.
    """
    setpriv = find_tool("setpriv")
    if setpriv:
        return [setpriv, f"--reuid={user}", f"--regid={group}", "--clear-groups"]
    runuser = find_tool("runuser")
    if runuser:
        return [runuser, "-u", user, "--"]
    return None


def raw_controls(text: str) -> list[str]:
    """Terminal-active characters in ``text`` (C0 but LF/TAB/CR, DEL, C1): what output must not carry."""
    return sorted({ch for ch in text if (ord(ch) < 0x20 and ch not in "\n\t\r") or 0x7F <= ord(ch) <= 0x9F})
