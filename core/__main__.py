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
    parser = argparse.ArgumentParser(prog="python -m core")
    sub = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name, (module_name, help_text) in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue  # command not built yet
        modules[name] = module
        command = sub.add_parser(name, help=help_text)
        command.add_argument("--db", help="database URL (default: PATENT_DB_URL or data/patents.db)")
        module.configure(command)
    args = parser.parse_args(argv)
    return modules[args.command].run(args) or 0


if __name__ == "__main__":
    sys.exit(main())
