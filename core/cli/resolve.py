"""`python -m core resolve`: place addresses at province / city / county / street level.

    python -m core resolve "江苏省苏州市工业园区星湖街328号" --json
    python -m core resolve --file addresses.txt --json     # one JSON object per line
    python -m core resolve --pending                        # resolve every new address in the DB

The taught aliases of the database are used when a database is configured (--db, PATENT_DB_URL or
an existing data/patents.db); otherwise only the shipped gazetteer and aliases.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from core.cli import CliError, input_file, open_db, option
from core.config import labels, settings
from core.cubes import delta
from core.resolver import resolve_pending, resolve_text
from core.resolver.special import method_text


def configure(parser) -> None:
    option(parser, "resolve", "address", nargs="*")
    option(parser, "resolve", "--file")
    option(parser, "resolve", "--json", action="store_true")
    option(parser, "resolve", "--pending", action="store_true")
    option(parser, "resolve", "--no-db", action="store_true")


def _want_db(args) -> bool:
    if args.no_db:
        return False
    if args.db or args.pending or settings.get("PATENT_DB_URL"):
        return True
    return (Path(settings.get("PATENT_DATA_DIR")) / "patents.db").exists()


def _inputs(args) -> list[str]:
    items = list(args.address)
    if args.file:
        if args.file == "-":
            items += [line.strip() for line in sys.stdin if line.strip()]
        else:
            path = input_file(args.file)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise CliError(labels.CLI_FILE_UNREADABLE.format(path=args.file)) from exc
            items += [line.strip() for line in text.splitlines() if line.strip()]
    return items


def _line(raw: str, res, as_json: bool) -> str:
    data = {"input": raw, **res.as_dict()}
    if as_json:
        return json.dumps(data, ensure_ascii=False)
    names = " / ".join(data[f"{lv}_name"] or "-" for lv in ("province", "city", "county",
                                                                 "street"))
    return labels.CLI_RESOLVE_LINE.format(
        raw=raw, names=names, confidence=res.confidence, method=method_text(res.method),
        queued=labels.CLI_RESOLVE_QUEUED if res.queued else "")


def run(args) -> int:
    items = [] if args.pending else _inputs(args)
    if not items and not args.pending:
        raise CliError(labels.CLI_NO_ADDRESS)
    if _want_db(args):
        open_db(args)
    if args.pending:
        with delta.change():  # the summary tables follow the patents placed
            placed = resolve_pending()
        print(json.dumps(placed, ensure_ascii=False))
        return 0
    for raw in items:
        print(_line(raw, resolve_text(raw), args.json))
    return 0
