"""The reader's memory in a real terminal: open, scroll, quit, start again, same place."""

from __future__ import annotations

import pytest

from .harness import REPO, open_documents, right_pane
from .test_tmux import quit_reader, start

pytestmark = pytest.mark.terminal


def test_reopens_the_last_document_at_the_same_place(terminal, reader_home):
    term = start(terminal, 100, 30)
    (first,) = open_documents(term)
    term.keys("j")
    term.wait_until(lambda: open_documents(term) not in (set(), {first}), "another document open")
    (second,) = open_documents(term)
    term.keys("Tab")
    before = term.wait_for("Page down")  # the footer of the focused text
    term.keys("space")
    term.wait_changed(before)
    paged = term.wait_stable(attributes=False)
    top_lines = [line.strip() for line in right_pane(paged)[2:6] if line.strip()]
    assert top_lines, paged
    quit_reader(term)
    assert list(reader_home.rglob("*.json")), "no state file written"

    again = start(terminal, 100, 30)
    again.wait_until(lambda: open_documents(again) == {second}, f"{second} open again")
    screen = again.wait_stable(attributes=False)
    shown = "\n".join(right_pane(screen))
    for line in top_lines:
        assert line in shown, f"{line!r} not on screen after restart:\n{screen}"
    quit_reader(again)


def test_no_state_starts_fresh_and_writes_nothing(terminal, reader_home):
    term = terminal(100, 30)
    term.run_reader("--no-state", "seeds/")
    term.wait_for("search ready")
    term.keys("j", "j", "m")
    term.wait_stable()
    term.keys("q")
    assert term.wait_exit() == 0
    assert not list(reader_home.rglob("*.json"))
    assert REPO.is_dir()
