"""`python -m core import FILE`: import a patent, legal-event or fee list and print what happened.

Exit codes: 0 imported (some rows may be rejected), 1 nothing imported (unreadable content,
every row rejected, or --strict with rejected rows), 2 no such file (or not a file) or bad options.
"""
from __future__ import annotations

import getpass
import json
import sys

from core.cli import input_file, open_db, option
from core.importer.batch import KINDS, import_file
from core.importer.dialects import SOURCES


def configure(parser) -> None:
    option(parser, "import", "file")
    option(parser, "import", "--kind", choices=KINDS)
    option(parser, "import", "--source", choices=("auto", *SOURCES), default="auto")
    option(parser, "import", "--profile")
    option(parser, "import", "--dry-run", action="store_true")
    option(parser, "import", "--strict", action="store_true")
    option(parser, "import", "--user", default=f"cli:{getpass.getuser()}")
    option(parser, "import", "--json", action="store_true")


def run(args) -> int:
    path = input_file(args.file)
    open_db(args)
    report = import_file(path, kind=args.kind, source=args.source, dry_run=args.dry_run,
                         username=args.user, strict=args.strict, profile=args.profile,
                         progress=None if args.json else _progress)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, default=str, indent=1))
    elif report.fatal:
        print(report.fatal, file=sys.stderr)
    if not args.json:
        print("\n".join(report.summary_lines()))
    return 1 if report.failed else 0


def _progress(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)
