"""Subcommands of the djreader command line, and what they share."""

from __future__ import annotations

import argparse
import json
import re
import sys

# json.dumps(ensure_ascii=False) escapes C0 controls but passes DEL, the C1
# controls and the line/paragraph separators through raw; a terminal showing
# the output could act on them. Escaped, they are the same JSON.
_RAW_IN_JSON = re.compile("[\\u007f-\\u009f\\u2028\\u2029]")


def json_line(obj: object) -> str:
    """One JSON object as a line: Chinese kept readable, nothing a terminal could act on."""
    text = json.dumps(obj, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2
PATHS_HELP = "files, or directories searched recursively for .txt and .md"


class CommandParser(argparse.ArgumentParser):
    """argparse for a subcommand: a usage error is one line on stderr and exit 2, never a traceback."""

    def __init__(self, *, prog: str, description: str, epilog: str) -> None:
        super().__init__(
            prog=prog, description=description, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter
        )

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)

    def parse_or_status(self, argv: list[str]) -> argparse.Namespace | int:
        """The parsed options, or the exit status when parsing ended the command (--help, an error)."""
        try:
            return self.parse_args(argv)
        except SystemExit as stop:
            return int(stop.code or 0)


def find_sources(paths: list[str], prog: str):
    """discover(paths), or None after a one-line error for a path that does not exist."""
    from djreader.core.loading import MissingPathError, discover
    from djreader.core.sanitize import visible

    try:
        return discover(paths)
    except MissingPathError as err:
        print(f"{prog}: {visible(str(err))}", file=sys.stderr)
        return None
