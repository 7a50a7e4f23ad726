"""Any terminal: sizes and live resizes, TERM values, NO_COLOR, locales, ESC timing,
--ambiguous-wide. Each case starts the installed reader once in tmux and asserts
on the screen (with -e: the SGR attributes) what a person would see.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from rich.cells import cell_len

from .harness import PANE_BORDER, READY, SEED_TITLE_KEYS, Terminal, left_pane, normalise, open_documents, right_pane, strip_ansi

pytestmark = pytest.mark.terminal

KEYS = list(SEED_TITLE_KEYS.values())
# The longest seed (003), so that two pages down are far from the top at any size;
# its title bar ends with its source, which is where the body starts on screen.
LONG_DOC = "如期全面"
LONG_DOC_TITLE_END = "甘肃日报"
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def start(terminal, width: int, height: int, *args: str, term: str = "tmux-256color", **env: str) -> Terminal:
    t = terminal(width, height, **env)
    t.term = term
    t.run_reader(*args, "seeds/")
    return t


def wait_ready(t: Terminal) -> None:
    t.wait_for(READY)
    t.wait_stable()


def quit_ok(t: Terminal) -> None:
    t.keys("q")
    assert t.wait_exit() == 0
    assert "Traceback" not in t.screen(history=True)


def reading_title(t: Terminal) -> str:
    """The reading pane's first line, normalised (in a one-pane layout: the screen's)."""
    screen = t.screen()
    side = right_pane(screen) or screen.splitlines()
    return normalise(side[0]) if side else ""


def reading_text(t: Terminal) -> str:
    """The reading pane's text after its title bar, normalised (wide or narrow layout)."""
    screen = t.screen()
    side = right_pane(screen) or screen.splitlines()
    side = [ln for ln in side if "地名" not in ln and "palette" not in ln]
    text = normalise("".join(side))
    head, sep, body = text.partition(LONG_DOC_TITLE_END)
    return body if sep else text


def frame_ok(t: Terminal, width: int) -> None:
    """No screen line is wider than the terminal and the footer is on the last line."""
    lines = t.lines()
    assert lines and "palette" in lines[-1], t.screen()
    for ln in lines:
        assert cell_len(ln) <= width, (cell_len(ln), ln)


def sgr_codes(screen: str) -> set[str]:
    """Every SGR parameter used on the screen (``1`` bold, ``4`` underline, ``7`` reverse, ``38;5;n``...)."""
    out = set()
    for m in SGR.finditer(screen):
        params = m.group(1).split(";")
        i = 0
        while i < len(params):
            p = params[i]
            if p in ("38", "48") and i + 1 < len(params):
                n = 3 if params[i + 1] == "5" else 5
                out.add(";".join(params[i : i + n]))
                i += n
            else:
                out.add(p)
                i += 1
    return out


# -- sizes and live resize ------------------------------------------------------


@pytest.mark.parametrize(
    "size, resized",
    [((40, 12), (80, 24)), ((80, 24), (200, 60)), ((200, 60), (40, 12))],
    ids=["40x12-to-80x24", "80x24-to-200x60", "200x60-to-40x12"],
)
def test_sizes_and_a_live_resize_keep_the_reading_position(terminal, size, resized):
    width, height = size
    t = start(terminal, width, height)
    wait_ready(t)
    frame_ok(t, width)
    # open the longest seed (the list is focused; Enter opens, and in one-pane layouts shows it)
    t.keys("j", "j", "j", "Enter")
    t.wait_until(lambda: LONG_DOC in reading_title(t), "the long document open in the reading pane")
    if width >= 70:  # two panes: put the focus on the text, as a reader would
        t.keys("Tab")
        t.wait_for("Page down")
    first_page = reading_text(t)
    t.keys("space")
    t.wait_until(lambda: reading_text(t) != first_page, "the first page down")
    second_page = reading_text(t)
    t.keys("space")
    t.wait_until(lambda: reading_text(t) != second_page, "the second page down")
    body = reading_text(t)
    key = body[:6]
    assert len(key) == 6 and key not in first_page, f"{key!r} was already on the first page:\n{t.screen()}"
    frame_ok(t, width)
    t.tmux("resize-window", "-t", t.session, "-x", str(resized[0]), "-y", str(resized[1]))

    def redrawn() -> bool:
        lines = t.lines()
        return len(lines) == resized[1] and "palette" in lines[-1] and key in reading_text(t)

    t.wait_until(redrawn, f"the reader redrawn at {resized[0]}x{resized[1]} with {key!r} still on screen")
    frame_ok(t, resized[0])
    quit_ok(t)


# -- TERM values ------------------------------------------------------------------


@pytest.mark.parametrize("term", ["xterm-256color", "screen-256color", "tmux-256color", "xterm", "linux"])
def test_term_values(terminal, term):
    t = start(terminal, 100, 30, term=term)
    wait_ready(t)
    for key in KEYS:
        assert t.has(key), f"{key} not listed under TERM={term}:\n{t.screen()}"
    (first,) = open_documents(t)
    t.keys("j")
    t.wait_until(lambda: open_documents(t) not in ({first}, set()), "j to open the next document")
    codes = sgr_codes(t.screen(attributes=True))
    assert "1" in codes, "nothing bold on screen"
    if "256color" not in term:
        # a 16-colour terminal gets 16 colours, not 256 or 24-bit ones it would garble
        wide = sorted(c for c in codes if c.startswith(("38;5", "48;5", "38;2", "48;2")))
        assert not wide, f"TERM={term} got {wide[:5]}"
    quit_ok(t)


# -- NO_COLOR ---------------------------------------------------------------------


def test_no_color_keeps_highlights_and_focus_visible(terminal):
    t = start(terminal, 120, 36, NO_COLOR="1")
    wait_ready(t)
    # a search, so the reading pane shows hits too
    t.keys("/")
    t.wait_gone("q Quit")  # the footer of the focused search bar
    t.type("党建")
    # the results' hit counts ("38× …"); "documents" alone is also the status line's
    t.wait_until(lambda: re.search(r"\d+× ", "\n".join(left_pane(t.screen()))), "the results of 党建")
    t.keys("Enter")  # to the results
    t.wait_for("q Quit")
    t.keys("Enter")  # open the best one, at its hit
    t.wait_until(lambda: "hit1/" in normalise(t.screen()), "the document open at its first hit")
    place = re.compile(r"[\u4e00-\u9fff]{1,8}[省市县区镇乡村州]")

    def bold_place(runs: list[tuple[set[str], str]]) -> bool:
        return any("1" in p and "7" not in p and place.fullmatch(s) for p, s in runs)

    def underlined_figure(runs: list[tuple[set[str], str]]) -> bool:
        return any("4" in p and "3" not in p and re.search(r"\d", s) for p, s in runs)

    def highlighted() -> bool:
        runs = _styled_runs(_reading_rows(t.screen(attributes=True)))
        return bold_place(runs) and underlined_figure(runs)

    t.wait_until(highlighted, "places and figures marked in the reading pane")
    reading = _reading_rows(t.screen(attributes=True))
    codes = sgr_codes(reading)
    assert {"1", "4", "7"} <= codes, f"bold/underline/reverse missing from the reading pane: {sorted(codes)}"
    # monochrome: no hue, only greys (256-colour indices 232-255, 16, 231) or none
    hues = [c for c in codes if c.startswith(("38;2", "48;2"))]
    hues += [c for c in codes if c.startswith(("38;5", "48;5")) and not (int(c.split(";")[2]) >= 232 or c.split(";")[2] in ("0", "16", "231", "7", "15", "8"))]
    assert not hues, f"colours under NO_COLOR: {sorted(set(hues))[:8]}"
    # places bold, figures underlined, the current hit reversed: each on some text run
    runs = _styled_runs(reading)
    assert bold_place(runs), f"no bold place: {runs[:40]}"
    assert underlined_figure(runs), "no underlined figure"
    assert any("7" in p and "党建" in s for p, s in runs), "the hit is not reversed"
    # focus: Tab moves it from the text to the left column, and the screen's
    # attributes (not only the footer's words) show where it went
    t.wait_for("Page down")
    before = t.screen(attributes=True).splitlines()[:-1]
    t.keys("Tab")
    t.wait_gone("Page down")
    t.wait_until(lambda: t.screen(attributes=True).splitlines()[:-1] != before, "the focus shown above the footer")
    quit_ok(t)


def _reading_rows(screen: str) -> str:
    """The reading pane's text rows (two cells of padding), not the title bar above them."""
    return "\n".join(ln for ln in right_pane(screen) if strip_ansi(ln).startswith("  "))


def _styled_runs(screen: str) -> list[tuple[set[str], str]]:
    """(SGR parameters in force, text) for each run of text between escapes."""
    runs = []
    active: set[str] = set()
    pos = 0
    for m in SGR.finditer(screen):
        if m.start() > pos:
            runs.append((set(active), screen[pos : m.start()]))
        params = m.group(1).split(";") if m.group(1) else ["0"]
        if params == ["0"] or params[0] == "0":
            active = set()
            params = params[1:]
        active |= {p for p in params if p in ("1", "3", "4", "7", "9")}
        for p in params:
            if p in ("22", "23", "24", "27", "29"):
                active.discard({"22": "1", "23": "3", "24": "4", "27": "7", "29": "9"}[p])
        pos = m.end()
    runs.append((set(active), screen[pos:]))
    return runs


# -- locales -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [{"LANG": "C.UTF-8"}, {"LANG": "C"}, {"LANG": "C", "LC_ALL": "C"}, {"LANG": "POSIX", "LC_ALL": "POSIX", "LC_CTYPE": "POSIX"}],
    ids=["C.UTF-8", "LANG=C", "LC_ALL=C", "POSIX"],
)
def test_locales_work_or_say_what_is_wrong_in_one_line(terminal, env):
    t = start(terminal, 100, 30, **env)
    t.wait_until(lambda: t.has(READY) or t.has("EXIT="), "the reader ready, or its exit")
    if t.has("EXIT="):
        status = t.wait_exit()
        lines = [ln for ln in t.screen(history=True).splitlines() if ln.strip() and "EXIT=" not in ln and "Pane is dead" not in ln]
        assert status == 3 and len(lines) == 1 and "Traceback" not in lines[0], t.screen(history=True)
        return
    for key in KEYS:
        assert t.has(key), f"{key} not shown under {env}:\n{t.screen()}"
    quit_ok(t)


# -- ESC under tmux -------------------------------------------------------------------


@pytest.mark.parametrize("escdelay", ["30", None], ids=["ESCDELAY=30", "default-ESCDELAY"])
def test_escape_is_a_key_of_its_own_under_tmux(terminal, escdelay):
    t = terminal(100, 30)
    if escdelay is None:
        t.env.pop("ESCDELAY", None)
    t.run_reader("seeds/")
    wait_ready(t)
    (first,) = open_documents(t)
    listed = t.screen(attributes=True)
    t.keys("/")
    t.wait_until(lambda: not _search_unfocused(t, listed), "the search bar to take the focus")
    # Esc alone: the bar gives the focus back to the list
    t.tmux("send-keys", "-t", t.session, "Escape")
    t.wait_until(lambda: _search_unfocused(t, listed), "Esc to leave the search bar")
    t.keys("j")
    t.wait_until(lambda: open_documents(t) not in ({first}, set()), "j to move the list (not Alt+j, not typed)")
    assert "search:" in _search_text(t), "the bar is not empty (Esc+j read as a typed j?)"
    # and with a query typed: Esc clears it, then j moves on again
    (second,) = open_documents(t)
    t.keys("/")
    t.wait_until(lambda: not _search_unfocused(t, listed), "the search bar to take the focus again")
    t.type("党建")
    t.wait_until(lambda: "党建" in _search_text(t), "the query in the bar")
    t.tmux("send-keys", "-t", t.session, "Escape")
    t.wait_until(lambda: "党建" not in _search_text(t), "Esc to clear the query")
    t.keys("j")
    t.wait_until(lambda: open_documents(t) not in ({second}, set()), "j to move the list after Esc")
    quit_ok(t)


def _search_text(t: Terminal) -> str:
    line = t.lines()[0]
    return line.split("▕", 1)[0]


def _search_unfocused(t: Terminal, listed: str) -> bool:
    """The search bar (the first line's left column) looks as it did while the list had the focus.

    The reading pane's title on the same line is left out: it changes with the open document.
    """
    return _bar(t.screen(attributes=True)) == _bar(listed)


def _bar(screen: str) -> str:
    return screen.splitlines()[0].split(PANE_BORDER, 1)[0]


# -- --ambiguous-wide -----------------------------------------------------------------


def test_ambiguous_wide_option_keeps_the_layout(terminal):
    """tmux draws “ ” … — one cell wide, so the reader's two-cell measure leaves room
    to spare: assert the frame holds and nothing is wider than the terminal."""
    t = start(terminal, 80, 24, "--ambiguous-wide")
    wait_ready(t)
    frame_ok(t, 80)
    t.keys("Tab", "space")
    t.wait_stable()
    frame_ok(t, 80)
    # The border between the panes: rows without ambiguous characters put it in
    # one column; rows with them (measured as 2 cells, drawn as 1 here) put it
    # at that column or left of it, never right: nothing is pushed wider.
    plain, ambiguous = set(), set()
    for ln in t.lines():
        if "▕" in ln:
            left = ln.split("▕", 1)[0]
            has_amb = any(unicodedata.east_asian_width(ch) == "A" for ch in left)
            (ambiguous if has_amb else plain).add(cell_len(left))
    assert len(plain) == 1, plain
    assert ambiguous, "no ambiguous-width characters in the list: the case proves nothing"
    assert max(ambiguous) <= min(plain), (plain, ambiguous)
    quit_ok(t)
