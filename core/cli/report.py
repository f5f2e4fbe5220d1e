"""`python -m core report --region 3205 --period 2026-11 [--sections overview,trend] --out 报告.docx`:
the analysis report as a Word file, with its .xlsx annex beside it (same name, .xlsx)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from core.cli import CliError, open_db, option
from core.config import labels
from core.reports import build as builder
from core.reports.period import PeriodError, parse
from core.reports.render import to_docx, to_xlsx


def configure(parser) -> None:
    option(parser, "report", "--region", required=True)
    option(parser, "report", "--period", required=True)
    sections = labels.CLI_HELP["report.sections"][0]
    option(parser, "report", "--sections", default="",
           help=sections.format(sections=",".join(builder.SECTION_KEYS)))
    option(parser, "report", "--out", required=True)
    option(parser, "report", "--on", type=dt.date.fromisoformat, default=None)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it: never a half-written file."""
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _out_path(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != ".docx":
        raise CliError(labels.REPORT_CLI_SUFFIX.format(path=text))
    if not path.parent.is_dir():
        raise CliError(labels.REPORT_CLI_NO_FOLDER.format(path=path.parent))
    return path


def run(args) -> int:
    out = _out_path(args.out)
    try:
        period = parse(args.period)
        sections = builder.checked_sections([s.strip() for s in args.sections.split(",")
                                             if s.strip()])
    except (PeriodError, builder.ReportError) as exc:
        raise CliError(str(exc)) from None
    open_db(args)
    try:
        report = builder.build(args.region, period, sections, args.on)
    except builder.ReportError as exc:
        raise CliError(str(exc)) from None
    annex = out.with_suffix(".xlsx")
    write_atomically(out, to_docx(report))
    write_atomically(annex, to_xlsx(report))
    print(labels.REPORT_CLI_DONE.format(docx=out, xlsx=annex, tables=len(report.tables)))
    return 0
