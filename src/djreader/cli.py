"""Command line: the reader, and the ``entities`` and ``search`` subcommands.

Exit statuses: 0 success; 1 some documents could not be read (subcommands);
2 bad usage or a path that does not exist; 3 the terminal cannot run the reader.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from djreader import __version__

EXIT_OK = 0
EXIT_UNREADABLE = 1
EXIT_USAGE = 2
EXIT_TERMINAL = 3

EPILOG = """\
examples:
  djreader seeds/                      read every .txt and .md under seeds/
  djreader a.txt b.md                  read two files
  djreader --no-indent seeds/          no two-space first-line indent
  djreader entities seeds/ --json      every place and figure, one JSON object a line
  djreader search 酒泉 seeds/          documents mentioning 酒泉 (also: jiuquan, jqs, 九泉)
  echo jiuquan | djreader search - seeds/ --json
  djreader serve seeds/                the reader in a browser at http://127.0.0.1:8000

subcommands:
  entities PATH... [--json|--csv]      print places and figures (djreader entities --help)
  search QUERY PATH... [--json]        fuzzy search from the command line (djreader search --help)
  serve PATH... [--port N]             the reader in a web browser (djreader serve --help)

To open a directory named like a subcommand, write it as ./entities, ./search or ./serve.

exit status:
  0  success
  1  (entities, search) some documents could not be read; the others were processed
  2  usage error, or a path that does not exist
  3  the terminal cannot run the reader (not a terminal, unknown encoding)
"""

SUBCOMMANDS = ("entities", "search", "serve")


def reader_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="djreader",
        description="A terminal reader for Chinese news and Party-building documents.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, or directories searched recursively for .txt and .md")
    p.add_argument("--version", action="version", version=f"djreader {__version__}")
    p.add_argument("--no-indent", action="store_true", help="do not indent the first line of a paragraph")
    p.add_argument(
        "--no-state",
        action="store_true",
        help="do not read or write the reader's memory (positions, bookmarks, search history, theme)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the cache of search indexes and entities (rebuild everything)",
    )
    p.add_argument(
        "--ambiguous-wide",
        action="store_true",
        help="treat ambiguous-width characters (“ ” … —) as two cells, for terminals that draw them wide",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        if args[0] == "entities":
            from djreader.commands.entities import run as run_entities

            return run_entities(args[1:])
        if args[0] == "serve":
            from djreader.commands.serve import run as run_serve

            return run_serve(args[1:])
        from djreader.commands.search import run as run_search

        return run_search(args[1:])
    if not args:
        reader_parser().print_usage(sys.stderr)
        print("djreader: give at least one file or directory (try: djreader seeds/)", file=sys.stderr)
        return EXIT_USAGE
    return run_reader(args)


def run_reader(args: list[str], *, require_terminal: bool = True) -> int:
    """Parse the reader's options and run it; ``djreader serve`` runs it without a terminal."""
    ns = reader_parser().parse_args(args)
    from djreader.core.loading import MissingPathError, discover

    try:
        sources = discover(ns.paths)
    except MissingPathError as err:
        print(f"djreader: {err}", file=sys.stderr)
        return EXIT_USAGE
    if require_terminal and not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("djreader: the reader needs a terminal; use 'djreader entities' or 'djreader search' in scripts", file=sys.stderr)
        return EXIT_TERMINAL
    # Importing the interface and building its first frame make thousands of
    # long-lived objects and few cycles: the collector would walk them again
    # and again meanwhile (some 100 collections, tens of milliseconds). It is
    # off until the first frame is drawn (the app turns it back on); what the
    # imports built is frozen out of later collections.
    gc.disable()
    try:
        if ns.ambiguous_wide:
            from djreader.ui import ambiguous

            ambiguous.enable()
        from djreader.core.state import StateStore
        from djreader.ui.app import make_app

        state = StateStore.open(ns.paths, enabled=not ns.no_state)
        app = make_app(
            sources,
            indent=0 if ns.no_indent else 2,
            ambiguous_wide=ns.ambiguous_wide,
            state=state,
            use_cache=not ns.no_cache,
        )
    finally:
        gc.freeze()
    try:
        app.run()
    finally:
        gc.enable()
    return app.return_code or EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
