"""What the 数据导入 page needs besides import_file: saved uploads, field choices, history."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.config import labels
from core.db.models import ImportBatch
from core.importer.dialects import ALIASES

HISTORY_COLUMNS = tuple(labels.IMP_HISTORY_COLUMNS)


UPLOADS = "patent-imports"  # folder under the system's temporary folder


@contextmanager
def upload_file(name: str, data: bytes) -> Iterator[Path]:
    """The uploaded bytes as a file for the importer, in a private folder (0700, the file 0600)
    that is deleted when the block ends, also when the import fails: no upload stays on disk.
    The original file name is kept (its extension decides how it is read)."""
    root = Path(tempfile.gettempdir()) / UPLOADS
    root.mkdir(mode=0o700, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=root))
    try:
        path = folder / (Path(name).name or "upload")
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def field_options(kind: str) -> dict[str, str]:
    """canonical field → Chinese label, for the mapping editor."""
    return {f: labels.IMP_FIELD.get(f, f) for f in ALIASES[kind]}


def mapping_rows(mapping: dict[str, str], unmapped: list[str], kind: str,
                 headers: list[str] | None = None) -> list[dict]:
    """One row per file column: its header and the label of the field it feeds (or 不导入).
    With `headers`, every column of the file in file order (also those a checker set to 不导入,
    which are in neither the mapping nor the unmapped list)."""
    options = field_options(kind)
    if headers:
        field_of = {header: f for f, header in mapping.items()}
        return [{"column": h, "target": options.get(field_of[h], field_of[h])
                 if h in field_of else labels.IMP_IGNORE} for h in headers if h]
    rows = [{"column": header, "target": options.get(f, f)} for f, header in mapping.items()]
    rows += [{"column": header, "target": labels.IMP_IGNORE} for header in unmapped]
    return rows


def override_from_rows(rows: list[dict], kind: str) -> dict[str, str | None]:
    """The mapping editor's rows back to import_file's override (header → field or None)."""
    by_label = {label: f for f, label in field_options(kind).items()}
    return {row["column"]: by_label.get(row["target"]) for row in rows}


def history(limit: int = 200) -> list[dict]:
    """Recent imports, newest first: columns of HISTORY_COLUMNS, status as a Chinese label."""
    query = (ImportBatch.select().order_by(ImportBatch.id.desc()).limit(limit).dicts())
    out = []
    for row in query:
        summary = _summary(row["summary"])
        row["merged"], row["skipped"] = summary.get("merged", 0), summary.get("skipped", 0)
        row["status"] = labels.IMP_STATUS.get(row["status"], row["status"])
        row["kind"] = labels.IMP_KIND.get(row["kind"], row["kind"])
        row["source"] = labels.IMP_SOURCE.get(row["source"] or "", row["source"])
        out.append({c: row[c] for c in HISTORY_COLUMNS})
    return out


def _summary(text: str | None) -> dict:
    """An ImportBatch's summary JSON ({} when absent or unreadable: older batches)."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
