"""Make untrusted document text safe to put on a terminal.

A document is whatever a web page or a file said, so it may carry bytes a
terminal acts on instead of printing: ESC sequences that set the window
title (OSC 0/2), write the clipboard (OSC 52), plant links (OSC 8), clear the
screen or move the cursor (CSI), the 8-bit C1 forms of the same (CSI is
U+009B, OSC U+009D), BEL, and bidirectional controls that make a line display
in a different order than it reads. ``visible`` replaces each such character
with one visible stand-in, so the result has exactly the same length and
every character offset (entity spans, search hits, line layout) stays valid.

Stand-ins:

  * C0 controls U+0000-U+001F -> the Control Pictures U+2400 + code
    (ESC -> ␛, BEL -> ␇, NUL -> ␀, LF -> ␊, CR -> ␍); TAB -> a plain space,
    since a tab's width depends on the terminal's tab stops;
  * DEL U+007F -> ␡ (U+2421);
  * everything else below -> U+FFFD (�), the replacement character every
    terminal font has: C1 controls U+0080-U+009F; bidi embeddings, overrides,
    isolates and marks (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
    U+061C); the deprecated format characters U+206A-U+206F (they swap
    and shape text); the line and paragraph separators U+2028/U+2029, which
    some terminals treat as newlines; the interlinear annotation characters
    U+FFF9-U+FFFB and the tag characters U+E0000-U+E007F, which can carry
    text nobody sees; and lone surrogates U+D800-U+DFFF.

Left alone on purpose: ZWJ/ZWNJ and variation selectors (emoji and several
scripts need them), zero-width space, soft hyphen and BOM (invisible but
inert). The tag block also builds the subdivision flags (England, Scotland);
those render as a black flag plus stand-ins, an accepted loss.

Rich markup is not a concern here: the UI builds ``rich.text.Text`` objects
directly and never parses markup.
"""

from __future__ import annotations

import re

__all__ = ["STAND_IN", "TABLE", "needs_sanitizing", "visible"]

STAND_IN = "\ufffd"

_RANGES = (
    (0x0080, 0x009F),  # C1 controls
    (0x061C, 0x061C),  # ARABIC LETTER MARK
    (0x200E, 0x200F),  # LRM, RLM
    (0x2028, 0x202E),  # line/paragraph separators, LRE RLE PDF LRO RLO
    (0x2066, 0x206F),  # LRI RLI FSI PDI, deprecated format characters
    (0xD800, 0xDFFF),  # surrogates (only ever lone in a str)
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0xE0000, 0xE007F),  # tags
)


def _table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}
    table[0x09] = " "
    table[0x7F] = "\u2421"
    for lo, hi in _RANGES:
        for code in range(lo, hi + 1):
            table[code] = STAND_IN
    return table


# code point -> stand-in, usable with ``str.translate`` by callers that want it.
TABLE = _table()
_BY_CHAR = {chr(code): stand_in for code, stand_in in TABLE.items()}
# One character class covering exactly the table's keys.
_DANGEROUS = re.compile(
    "[\\x00-\\x1f\\x7f"
    + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _RANGES)
    + "]"
)


def needs_sanitizing(text: str) -> bool:
    """True if ``text`` holds any character ``visible`` would replace.

    Every such character is non-printable in Python's sense, so
    ``str.isprintable`` (a C loop with no allocation) settles most clean
    text; the regex decides the rest (text with U+3000, NBSP and the like).
    """
    return not text.isprintable() and _DANGEROUS.search(text) is not None


def _stand_in(match: re.Match[str]) -> str:
    return _BY_CHAR[match.group()]


def visible(text: str) -> str:
    """``text`` with every terminal-active character replaced, same length.

    Clean text (the usual case) comes back as the same object. Dirty text is
    rewritten with one regex substitution, which touches only the bad
    characters; ``str.translate`` with a dict is slower on CJK text.
    """
    if not needs_sanitizing(text):
        return text
    return _DANGEROUS.sub(_stand_in, text)
