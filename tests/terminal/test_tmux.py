"""The installed reader in a real terminal (tmux at 80x24): keys in, screen out."""

from __future__ import annotations

import subprocess

import pytest

from .conftest import fingerprint
from .harness import READY, REPO, SEED_TITLE_KEYS, SEEDS, Terminal, djreader_program, open_documents

pytestmark = pytest.mark.terminal

KEYS = list(SEED_TITLE_KEYS.values())


def start(terminal, width: int = 80, height: int = 24) -> Terminal:
    """Start ``djreader seeds/`` and wait until the list shows every seed and one is open."""
    term = terminal(width, height)
    term.run_reader("seeds/")
    term.wait_for(*KEYS)
    term.wait_until(lambda: len(open_documents(term)) == 1, "one document open in the reading pane")
    term.wait_for(READY)
    term.wait_stable()
    return term


def quit_reader(term: Terminal) -> None:
    term.keys("q")
    assert term.wait_exit() == 0
    term.wait_until(term.ended, "the pane's process to end", while_running=False)


def test_list_shows_every_seed_title_opens_the_first_and_q_quits(terminal):
    term = start(terminal)
    screen = term.screen()
    assert "Traceback" not in screen
    for key in KEYS:
        assert term.has(key), f"{key} not listed:\n{screen}"
    assert len(open_documents(term)) == 1
    quit_reader(term)
    # The alternate screen is gone: none of the list is left on the pane.
    assert not any(term.has(key) for key in KEYS)


def test_j_then_enter_opens_another_document(terminal):
    term = start(terminal)
    (first,) = open_documents(term)
    term.keys("j", "Enter")
    term.wait_until(
        lambda: len(open_documents(term)) == 1 and open_documents(term) != {first},
        f"a document other than {first} in the reading pane",
    )
    (second,) = open_documents(term)
    # k and Enter go back to the first one.
    term.keys("k", "Enter")
    term.wait_until(lambda: open_documents(term) == {first}, f"{first} open again")
    assert second != first
    quit_reader(term)


def test_space_pages_the_reading_pane_and_b_pages_back(terminal):
    term = start(terminal)
    opened = open_documents(term)
    term.keys("Tab")  # the list starts focused; space there pages the list
    top = term.wait_for("Page down")  # the footer of the focused text
    term.keys("space")
    paged = term.wait_changed(top)
    assert open_documents(term) <= opened, f"space changed the document, not the page:\n{paged}"
    # One page down and one up from the top is the top again.
    term.keys("b")
    term.wait_equal(top)
    term.keys("NPage")
    term.wait_changed(top)
    term.keys("PPage")
    term.wait_equal(top)
    # G goes to the end, g back to the top.
    term.keys("G")
    term.wait_changed(top)
    term.keys("g")
    term.wait_equal(top)
    quit_reader(term)


def test_tab_moves_focus_and_shift_tab_moves_it_back(terminal):
    term = start(terminal)
    before = term.screen(attributes=True)
    term.keys("Tab")
    term.wait_for("Page down")  # the footer of the focused text
    term.keys("BTab")
    term.wait_equal(before, attributes=True)
    quit_reader(term)


def test_question_mark_shows_help_and_escape_closes_it(terminal):
    term = start(terminal)
    before = term.screen()
    term.keys("?")
    term.wait_for("djreader keys")  # the help screen's title
    term.keys("Escape")
    term.wait_equal(before)
    quit_reader(term)


def test_documents_are_not_modified_by_a_session(terminal):
    before = fingerprint(SEEDS)
    assert before, "no seeds found"
    term = start(terminal)
    term.keys("j", "Enter", "space", "G", "]", "[", "o")
    term.wait_for("Outline ·")
    term.keys("Escape")
    term.wait_gone("Outline ·")
    term.keys("q")
    assert term.wait_exit() == 0
    assert fingerprint(SEEDS) == before


def test_a_narrow_tall_terminal_still_lists_and_quits(terminal):
    term = terminal(60, 40)
    term.run_reader("seeds/")
    term.wait_for(*[k[:2] for k in KEYS])
    term.keys("q")
    assert term.wait_exit() == 0


def test_missing_path_one_line_on_stderr_exit_2(tmp_path):
    prog = djreader_program()
    proc = subprocess.run(
        [str(prog), "missing/"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert "missing" in lines[0]
    assert "Traceback" not in proc.stderr


def test_not_a_terminal_one_line_exit_3():
    prog = djreader_program()
    proc = subprocess.run(
        [str(prog), "seeds/"],
        cwd=REPO,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode == 3
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
