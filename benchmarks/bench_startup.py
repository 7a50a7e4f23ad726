"""Time from launch to the first drawn document list, against a bare Textual app.

    python benchmarks/bench_startup.py [--runs 10] [PATH ...]

Both programs run in a pseudo-terminal of 100x30; the clock stops when the
expected text first reaches the terminal: for djreader the title of the first
document (the list is drawn with it), for the bare app the text of its one
Static widget. Medians over --runs runs, interleaved so machine load hits both
alike; the ratio of the medians is the figure, and the median of the
run-by-run ratios is printed beside it.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("bare-app-ready")

Bare().run()
"""


def time_to_text(argv: list[str], marker: bytes, env: dict[str, str], timeout: float = 30.0) -> float:
    """Seconds from fork to ``marker`` appearing in the program's terminal output."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if marker in seen:
                return time.perf_counter() - start
        raise RuntimeError(f"{argv[0]} never showed {marker!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")])
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    from djreader.core.document import open_document
    from djreader.core.loading import discover

    first = open_document(discover(args.paths)[0])
    marker = first.title[:6].encode("utf-8")

    home = tempfile.mkdtemp(prefix="djreader-bench-")
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", DJREADER_HOME=home, TEXTUAL_ANIMATIONS="none")
    env.pop("NO_COLOR", None)
    # The warm-up runs must leave .pyc files behind, as an installed copy has
    # them; without, every edited module is compiled again at each launch.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare_file = Path(home) / "bare.py"
    bare_file.write_text(BARE_APP, encoding="utf-8")
    djreader = [sys.executable, "-m", "djreader", *args.paths]
    env["PYTHONPATH"] = str(ROOT / "src")
    bare = [sys.executable, str(bare_file)]

    # one warm-up each (disk cache, .pyc files)
    time_to_text(djreader, marker, env)
    time_to_text(bare, b"bare-app-ready", env)
    ours, base = [], []
    for _ in range(args.runs):
        ours.append(time_to_text(djreader, marker, env))
        base.append(time_to_text(bare, b"bare-app-ready", env))
    mo, mb = statistics.median(ours), statistics.median(base)
    print(f"documents: {', '.join(args.paths)}; runs: {args.runs}")
    print(f"bare Textual app, first frame:        median {mo and mb * 1000:7.1f} ms  (min {min(base) * 1000:.1f})")
    print(f"djreader, first drawn document list:  median {mo * 1000:7.1f} ms  (min {min(ours) * 1000:.1f})")
    print(f"ratio: {mo / mb:.2f} (target <= 1.30)")
    # each run against the bare run just before it: the machine's speed drifts
    # between runs, and a pair sees the same stretch of it
    paired = statistics.median(o / b for o, b in zip(ours, base))
    print(f"median of the {args.runs} paired ratios: {paired:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
