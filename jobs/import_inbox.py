"""Every 10 minutes: import the files dropped into the inbox folder, then move each to done/ or
failed/ with its report beside it (<file>.report.json). Re-importing a file changes nothing."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import asdict
from pathlib import Path

from core.config import settings
from core.importer.batch import import_file
from jobs.base import JobResult

SUFFIXES = {".xlsx", ".xls", ".csv", ".txt"}
KIND_HINTS = {"events": ("event", "法律", "事件"), "fees": ("fee", "缴费", "年费")}


def kind_of(name: str) -> str | None:
    """Kind from the file name; None lets the importer guess from the headers."""
    lowered = name.lower()
    return next((k for k, hints in KIND_HINTS.items() if any(h in lowered for h in hints)), None)


def _move(path: Path, folder: str, report) -> None:
    target = path.parent / folder
    target.mkdir(exist_ok=True)
    (target / f"{path.name}.report.json").write_text(
        json.dumps(asdict(report), ensure_ascii=False, default=str, indent=1), encoding="utf-8")
    shutil.move(str(path), target / path.name)


def run(now: dt.datetime) -> JobResult:
    inbox = Path(settings.get("PATENT_INBOX_DIR"))
    inbox.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in inbox.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    done = failed = rows = 0
    for path in files:
        report = import_file(path, kind=kind_of(path.name), username="job:import_inbox")
        ok = report.fatal is None and report.rejected < report.rows_read
        _move(path, "done" if ok else "failed", report)
        done, failed = done + ok, failed + (not ok)
        rows += report.inserted + report.updated
    return JobResult(f"files imported: {done}, failed: {failed}, rows written: {rows}", rows)
