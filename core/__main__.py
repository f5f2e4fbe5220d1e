"""Command line: `python -m core <command> …`. Each command lives in its own module under
core/cli/ exposing `configure(parser)` and `run(args) -> int`."""
from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "init": ("core.cli.init", "create or upgrade the database schema and load the divisions"),
    "demo": ("core.cli.demo", "generate the demo region (苏州市)"),
    "resolve": ("core.cli.resolve", "place addresses at province/city/county/street level"),
    "import": ("core.cli.imports", "import a patent, legal-event or fee list"),
    "appno": ("core.cli.appno", "validate and normalise an application number"),
    "fees": ("core.cli.fees", "annual-fee schedule and state on a day"),
    "indicators": ("core.cli.indicators", "indicators of a region and year"),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m core")
    sub = parser.add_subparsers(dest="command", required=True)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, (module_name, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text)
        command.add_argument("--db", help="database URL (default: PATENT_DB_URL or data/patents.db)")
        if name == chosen:  # only the command run is imported (each pulls in its own packages)
            importlib.import_module(module_name).configure(command)
    args = parser.parse_args(argv)
    return importlib.import_module(COMMANDS[args.command][0]).run(args) or 0

if __name__ == "__main__":
    sys.exit(main())
