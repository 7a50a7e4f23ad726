"""Subcommands of the djreader command line, and what they share."""

from __future__ import annotations

import json
import re

# json.dumps(ensure_ascii=False) escapes C0 controls but passes DEL, the C1
# controls and the line/paragraph separators through raw; a terminal showing
# the output could act on them. Escaped, they are the same JSON.
_RAW_IN_JSON = re.compile("[\\u007f-\\u009f\\u2028\\u2029]")


def json_line(obj: object) -> str:
    """One JSON object as a line: Chinese kept readable, nothing a terminal could act on."""
    text = json.dumps(obj, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
