"""``djreader serve PATH...``: the reader in a web browser, through textual-serve.

Each browser tab that connects starts its own reader process, running this
module with ``--app`` (the reader proper refuses to start without a
terminal; under textual-serve its input and output are pipes that carry the
browser's terminal instead). The server listens on 127.0.0.1 unless told
otherwise, and has no password: anyone who can reach the address can read
the documents.
"""

from __future__ import annotations

import argparse
import shlex
import sys

from djreader.commands import EXIT_OK, EXIT_USAGE, PATHS_HELP, CommandParser, find_sources

EXIT_LISTEN = 4

EPILOG = """\
examples:
  djreader serve seeds/                    open http://127.0.0.1:8000 in a browser
  djreader serve seeds/ --port 8765
  djreader serve a.txt b.md --no-indent

The server listens on 127.0.0.1 (this machine only) unless --host says otherwise;
it has no password, so anyone who can reach HOST:PORT can read the documents.
Every browser tab runs its own reader. Ctrl+C stops the server.

exit status:
  0  the server was stopped (Ctrl+C)
  2  usage error, or a path that does not exist
  4  the server could not listen on HOST:PORT (in use, or not an address of this machine)
"""


def _port(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= n <= 65535:
        raise argparse.ArgumentTypeError("a port is between 1 and 65535")
    return n


def parser() -> argparse.ArgumentParser:
    p = CommandParser(prog="djreader serve", description="Serve the reader to a web browser.", epilog=EPILOG)
    p.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--no-indent", action="store_true", help="do not indent the first line of a paragraph")
    p.add_argument("--ambiguous-wide", action="store_true", help="treat ambiguous-width characters as two cells")
    p.add_argument("--no-state", action="store_true", help="the readers neither read nor write their memory")
    return p


def app_command(paths: list[str], *, no_indent: bool = False, ambiguous_wide: bool = False, no_state: bool = False) -> str:
    """The shell command textual-serve runs for each browser tab."""
    argv = [sys.executable, "-m", "djreader.commands.serve", "--app"]
    if no_indent:
        argv.append("--no-indent")
    if no_state:
        argv.append("--no-state")
    if ambiguous_wide:
        argv.append("--ambiguous-wide")
    return shlex.join(argv + ["--", *paths])


def _is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def run(argv: list[str]) -> int:
    ns = parser().parse_or_status(argv)
    if isinstance(ns, int):
        return ns
    if find_sources(ns.paths, "djreader serve") is None:
        return EXIT_USAGE
    try:
        from textual_serve.server import Server
    except ImportError:
        print("djreader serve: textual-serve is not installed (pip install textual-serve)", file=sys.stderr)
        return EXIT_USAGE
    if not _is_loopback(ns.host):
        print(
            f"djreader serve: warning: listening on {ns.host}; anyone who can reach it can read these documents",
            file=sys.stderr,
        )
    command = app_command(ns.paths, no_indent=ns.no_indent, ambiguous_wide=ns.ambiguous_wide, no_state=ns.no_state)
    server = Server(command, host=ns.host, port=ns.port, title="djreader")
    try:
        server.serve()
    except OSError as err:
        print(f"djreader serve: cannot listen on {ns.host}:{ns.port}: {err.strerror or err}", file=sys.stderr)
        return EXIT_LISTEN
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def app_main(argv: list[str]) -> int:
    """Run the reader inside a textual-serve session (its terminal is the browser's)."""
    from djreader.cli import run_reader

    return run_reader(argv, require_terminal=False)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--app"]:
        raise SystemExit(app_main(sys.argv[2:]))
    raise SystemExit(run(sys.argv[1:]))
