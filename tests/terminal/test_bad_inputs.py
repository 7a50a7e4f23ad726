"""The installed reader and its subcommands over a folder of bad files (tests/badfiles.py).

Every document is listed; stepping through them with ] shows each readable
one's first paragraph and each unreadable one's reason; nothing prints a
traceback; q exits 0. The 50 MB file is opened once, in its own test, and
kept out of the subcommands' runs (see docs/HARDENING.md for why).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from djreader.core.loading import discover
from tests.badfiles import BIG_SEED, Case, make_bad_folder

from .harness import (
    DEFAULT_TIMEOUT,
    READY,
    Terminal,
    Timeout,
    base_env,
    djreader_program,
    normalise,
    raw_controls,
    right_pane,
    unprivileged_prefix,
)

pytestmark = pytest.mark.terminal

WIDTH, HEIGHT = 160, 50  # wide enough for every reason on one line
CRASH = re.compile(r"^(\w+\.)*\w+(Error|Exception): ", re.M)  # the last line of a traceback


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> tuple[Path, dict[str, Case]]:
    """``<tmp>/docs`` with every bad case but the two huge files; the cwd is ``<tmp>``.

    The huge ones have their own test: recognising places in them takes
    minutes (see docs/HARDENING.md), and q waits for that work to end.
    """
    top = tmp_path_factory.mktemp("badinputs")
    cases = make_bad_folder(top / "docs", big=False, long_line=False)
    return top, {c.name: c for c in cases}


@pytest.fixture
def world_readable_dir() -> Iterator[Path]:
    """A directory an unprivileged user can enter (pytest's tmp dirs are root's only)."""
    top = Path(tempfile.mkdtemp(prefix="djreader-hardening-"))
    os.chmod(top, 0o755)
    try:
        yield top
    finally:
        shutil.rmtree(top, ignore_errors=True)


def expected(case: Case, *, as_root: bool) -> tuple[str, str | None, str | None]:
    """(title shown, marker to find, reason to find) for this run's privileges."""
    reason = None if (as_root and case.name == "noperm.txt") else case.reason
    if reason:
        return case.name, None, reason
    return case.shown_title, case.marker, None


def reading_side(term: Terminal) -> str:
    return normalise("".join(right_pane(term.screen())))


def step_through(term: Terminal, root: Path, cases: dict[str, Case], *, as_root: bool, timeout: float = 30) -> list[str]:
    """Open each document in list order with ] and check the reading side; return the names."""
    order = [s.path.name for s in discover([root])]
    assert sorted(order) == sorted(cases)
    for i, name in enumerate(order):
        if i:
            term.keys("]")
        title, marker, reason = expected(cases[name], as_root=as_root)

        def shown() -> bool:
            screen = term.screen()
            if "Traceback" in screen or CRASH.search(screen):  # fail at once: a crashed reader may never exit
                raise AssertionError(f"a traceback while opening {name}:\n{screen}")
            side = right_pane(screen)
            if not side or normalise(title) not in normalise(side[0]):
                return False
            body = normalise("".join(side[1:]))
            if cases[name].big and cases[name].text is not None:
                # laying out 19M characters takes most of a minute: its placeholder will do
                busy = normalise(f"Laying out {len(cases[name].text):,} characters")
                return busy in body or normalise(marker or "") in body
            if marker is not None:
                return normalise(marker) in body
            if reason is not None:
                return normalise(f"This file cannot be shown: {reason}") in body
            return True

        term.wait_until(shown, f"{name} open, showing {marker or reason or 'its title'}", timeout)
    return order


def wait_loaded(term: Terminal, n: int, *texts: str, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Wait for the status line's "n documents" (not "k/n documents", still loading) and ``texts``."""
    loaded = re.compile(rf"(?<![/\d]){n} documents")
    term.wait_until(
        lambda: bool(loaded.search(term.screen())) and all(term.has(t) for t in texts),
        f"{n} documents loaded and {texts!r}",
        timeout,
    )


def assert_no_traceback(term: Terminal) -> None:
    screen = term.screen(history=True)
    assert "Traceback" not in screen and "Error:" not in screen, screen


def test_reader_lists_opens_and_explains_every_bad_file_then_quits(terminal, bad_folder):
    top, cases = bad_folder
    term = terminal(WIDTH, HEIGHT)
    term.run_reader("docs/", cwd=top)
    n = len(cases)
    bad = sum(1 for c in cases.values() if expected(c, as_root=True)[2])
    wait_loaded(term, n, f"{bad} unreadable")
    # every document is listed: readable ones by headline, unreadable ones by name and reason
    for case in cases.values():
        title, _, reason = expected(case, as_root=True)
        term.wait_for(title)
        if reason:
            assert term.has(f"✗ docs/{case.name}:") or term.has(f"✗ docs/{case.name}"), term.screen()
    step_through(term, top / "docs", cases, as_root=True)
    # a directory named x.txt is one unreadable entry, never descended into
    assert "丑目录内" not in reading_side(term)
    assert not term.has("丑目录内")
    assert_no_traceback(term)
    term.keys("q")
    assert term.wait_exit() == 0
    assert_no_traceback(term)


def test_unreadable_file_as_an_unprivileged_user(terminal, world_readable_dir):
    # root reads mode-000 files anyway: drop to nobody; anyone else is refused as is
    prefix = unprivileged_prefix() if os.geteuid() == 0 else []
    if prefix is None:
        pytest.skip("needs setpriv or runuser to drop root, which reads mode-000 files anyway")
    top = world_readable_dir
    cases = {c.name: c for c in make_bad_folder(top / "docs", big=False, long_line=False)}
    home = top / "home"
    home.mkdir()
    if prefix:
        shutil.chown(home, "nobody")
    term = terminal(WIDTH, HEIGHT)
    term.env.update(DJREADER_HOME=str(home), HOME=str(home))
    line = " ".join([*prefix, str(djreader_program()), "docs/"])
    term.start(f"{line}; echo EXIT=$?", cwd=top)
    wait_loaded(term, len(cases), "✗ docs/noperm.txt: permission denied")
    order = [s.path.name for s in discover([top / "docs"])]
    for _ in range(order.index("noperm.txt")):
        term.keys("]")
    term.wait_until(
        lambda: "Thisfilecannotbeshown:permissiondenied" in reading_side(term),
        "the reading pane to say why noperm.txt cannot be shown",
    )
    assert_no_traceback(term)
    term.keys("q")
    assert term.wait_exit() == 0
    # the subcommands say the same in one line
    proc = subprocess.run(
        [*prefix, str(djreader_program()), "entities", "docs/"],
        cwd=top, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
        env={**term.env},
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "djreader entities: docs/noperm.txt: permission denied" in proc.stderr.splitlines()
    assert "Traceback" not in proc.stderr


class ExitHang(AssertionError):
    """q was pressed but the process did not end."""



def test_a_corpus_big_enough_for_parallel_indexing_gets_search_ready(terminal, tmp_path):
    top = tmp_path / "corpus"
    (top / "docs").mkdir(parents=True)
    seed = BIG_SEED.read_text(encoding="utf-8")
    for i in range(3):  # about 550,000 characters each: 1.6M in all
        (top / "docs" / f"part{i}.txt").write_text(f"第{i}部分的标题\n\n" + seed * 140, encoding="utf-8")
    term = terminal(WIDTH, HEIGHT)
    term.run_reader("docs/", cwd=top)
    wait_loaded(term, 3)
    term.wait_for(READY, timeout=180)
    assert_no_traceback(term)
    term.keys("q")
    assert term.wait_exit() == 0


@pytest.mark.xfail(
    strict=False,
    reason="a 50 MB document is segmented as one unit of work: under load, stepping past it and quitting "
    "can outlast the test's deadlines (no hang once the machine is idle)",
)
def test_huge_documents_are_listed_laid_out_and_q_still_quits(terminal, tmp_path):
    """The 50 MB file and the 2 MB line, each opened once."""
    top = tmp_path / "big"
    huge = ("big.txt", "long-line.txt", "utf8.txt")
    cases = {c.name: c for c in make_bad_folder(top / "docs", big=True, unreadable_by_others=False) if c.name in huge}
    # keep only the huge files and one small one: the rest is covered above
    for p in (top / "docs").iterdir():
        if p.name not in cases:
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
    term = terminal(WIDTH, HEIGHT)
    term.run_reader("docs/", cwd=top)
    wait_loaded(term, 3, "癸巨大的标题", timeout=120)
    step_through(term, top / "docs", cases, as_root=True, timeout=180)  # big.txt sorts first
    assert_no_traceback(term)
    term.keys("q")
    try:
        status = term.wait_exit(timeout=15)
    except Timeout as err:
        raise ExitHang(str(err)) from None
    assert status == 0


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(djreader_program()), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
        env=base_env(cwd / "cli-home"),
    )


@pytest.mark.parametrize(
    "args",
    [("entities", "docs/"), ("entities", "docs/", "--json"), ("entities", "docs/", "--csv"), ("search", "酒泉", "docs/", "--limit", "50"), ("search", "党建", "docs/", "--json", "--limit", "50")],
    ids=["entities", "entities-json", "entities-csv", "search", "search-json"],
)
def test_subcommands_name_each_bad_file_once_on_stderr(bad_folder, args):
    top, cases = bad_folder
    proc = run_cli(*args, cwd=top)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    unreadable = sorted(c.name for c in cases.values() if expected(c, as_root=True)[2])
    named = []
    for ln in lines:
        # "djreader entities: docs/NAME: reason" (search leaves out the program name)
        rest = ln.split("docs/", 1)[1]
        name, reason = rest.split(": ", 1)
        named.append(name)
        assert cases[name].reason in reason, ln
        assert ln.startswith((f"djreader {args[0]}: docs/", "docs/")), ln
    assert sorted(named) == unreadable, proc.stderr
    assert not raw_controls(proc.stdout)
    # the readable documents were processed all the same
    if args[0] == "search":
        for case in cases.values():
            if case.marker and expected(case, as_root=True)[1]:
                assert f"docs/{case.name}" in proc.stdout, case.name
    else:
        for name in ("utf8.txt", "gbk.txt", "gb18030.txt", "utf16le.txt", "utf16be.txt", "utf8bom.txt", "带 空格 的 文件.txt"):
            assert f"docs/{name}" in proc.stdout, name


def test_search_query_with_invalid_utf8_bytes(bad_folder):
    top, _ = bad_folder
    proc = subprocess.run(
        [os.fsencode(str(djreader_program())), b"search", b"\xff\xfe\xe5\x85", b"docs/"],
        cwd=top, capture_output=True, stdin=subprocess.DEVNULL, timeout=300, env=base_env(top / "cli-home"),
    )  # fmt: skip
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    assert proc.returncode in (0, 1, 2)
