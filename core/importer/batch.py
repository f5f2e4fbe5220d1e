"""One import of one file: read, map, parse, store in ONE transaction, record an ImportBatch.

`import_file(path, …) -> Report`. All or nothing: the rows are written, the batch recorded and
the audit row added in a single transaction (a crash or kill leaves the database as before).
A dry run does the very same work and rolls it back, so its counts are exact. After the commit
the address resolver and the refresh of the touched patents run, and the summary tables take
the import's delta (core.cubes.delta), in proportion to the rows imported. A patent list settles
its patents' statuses and fee columns and its holders' counts in its own transaction, with its
own write (core.importer.settle, holder_counts).
"""
from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path

from core.config import labels
from core.cubes import delta
from core.db import db, version
from core.db.audit import AuditEvent, record
from core.db.models import ImportBatch, now
from core.importer import dialects, profiles, readers
from core.importer.report import Report
from core.importer.table import Table
from core.importer.values import without_bidi

KINDS = ("patents", "events", "fees")


class Cancelled(Exception):
    """Raised inside the transaction to roll back (strict mode with rejected rows)."""


def import_file(path: str | Path, kind: str | None = None, source: str = "auto",
                dry_run: bool = False, username: str | None = None,
                display_name: str | None = None, override: dict | None = None,
                strict: bool = False, progress=None, max_bytes: int = readers.MAX_BYTES,
                after: bool = True, profile: str | None = None) -> Report:
    """Import the file at `path`. kind None = guess; source 'auto' = detect; override maps a file
    header to a canonical field (or None to ignore the column); profile = a saved mapping
    (core.importer.profiles), which override refines; strict = cancel on any error;
    after = run the resolver and status refresh after the commit."""
    path = Path(path)
    name = without_bidi(display_name or path.name)
    report = Report(file_name=name, kind=kind or "patents", dry_run=dry_run, profile=profile)
    try:
        if profile:
            kind, override = _with_profile(profile, name, kind, override)
        data = readers.load_bytes(path, name, max_bytes)
        report.file_hash = hashlib.sha256(data).hexdigest()
        tables = prepare(readers.read_bytes(data, name), report, kind, source, override)
    except readers.ReadError as exc:
        report.fatal = str(exc)
        if not dry_run:
            _record_failure(report, username)
        return report
    module = importlib.import_module(f"core.importer.{report.kind}")
    upkeep = after and not dry_run
    change = delta.begin() if upkeep else None  # summary tables kept by the change's delta
    try:
        if _store(module, tables, report, progress, strict, dry_run, username, upkeep) \
                and upkeep:
            _after_commit(report, change, getattr(module, "UPKEEP_IN_STORE", ()))
    finally:
        if change is not None:
            delta.end()
            change.apply(rebuild_stale=True)
    return report


def _store(module, tables, report: Report, progress, strict: bool, dry_run: bool,
           username: str | None, upkeep: bool) -> bool:
    """Read and store the records in one transaction. False when cancelled (strict mode)."""
    in_store = {"upkeep": upkeep} if getattr(module, "UPKEEP_IN_STORE", ()) else {}
    try:
        with db.atomic() as txn:
            records = module.read_records(tables, report)
            if strict and report.rejected:
                raise Cancelled
            module.store_records(records, report, progress, **in_store)
            if hasattr(module, "note_limits"):
                module.note_limits(records, report)
            if dry_run:
                txn.rollback()
            else:
                _record(report, username)
    except Cancelled:
        report.inserted = report.updated = report.unchanged = 0
        report.rejected = report.rows_read
        report.fatal = labels.IMP_CANCELLED
        return False
    return True


def _with_profile(profile: str, name: str, kind: str | None, override: dict | None
                  ) -> tuple[str, dict]:
    saved = profiles.get(profile)
    if saved is None:
        raise readers.ReadError(labels.IMP_PROFILE_UNKNOWN.format(file=name, profile=profile))
    return kind or saved["kind"], {**saved["override"], **(override or {})}


def prepare(sheets: list[readers.Sheet], report: Report, kind: str | None, source: str,
            override: dict | None) -> list[Table]:
    """Find each sheet's header, map its columns and detect kind and source. Sheets without a
    recognisable header are skipped (and reported); no sheet at all is a ReadError."""
    tables: list[Table] = []
    for sheet in sheets:
        probe = kind or _guess_kind(sheet)
        header_at = dialects.find_header(sheet.rows, probe, known=set(override or ())) \
            if sheet.rows else None
        if header_at is None:
            report.skipped_sheets.append(sheet.name)
            continue
        kind = kind or probe
        headers = list(sheet.rows[header_at])
        vendor = dialects.detect_source(headers) if source == "auto" else source
        mapping = dialects.map_columns(headers, kind, override, vendor)
        tables.append(Table(sheet.name, mapping, sheet.rows[header_at + 1:],
                            sheet.row_numbers[header_at + 1:], vendor, sheet.formulas,
                            sheet.records))
        report.source = report.source or vendor
        _note_formulas(sheet, report)
    if not tables:  # offer the first row's cells for mapping by hand (数据导入, 导入方案)
        first_rows = next((sheet.rows for sheet in sheets if sheet.rows), [()])
        report.headers = report.unmapped = [str(c).strip() for c in first_rows[0]
                                            if c is not None and str(c).strip()]
        raise readers.ReadError(labels.IMP_NO_HEADER.format(file=report.file_name))
    report.kind = kind
    first = tables[0].mapping
    report.sheets = [t.sheet for t in tables]
    report.skipped_sheets = [s for s in report.skipped_sheets if s not in report.sheets]
    report.headers = [h for h in first.headers if h]
    report.mapping = first.as_names()
    report.extra_columns = first.extra_names()
    report.unmapped = list(dict.fromkeys(h for t in tables for h in t.mapping.unmapped))
    missing = first.missing_required()
    if missing:
        fields = labels.IMP_LIST_SEP.join(labels.IMP_OR.join(labels.IMP_FIELD.get(f, f)
                                                             for f in group) for group in missing)
        raise readers.ReadError(labels.IMP_MISSING_FIELDS.format(file=report.file_name,
                                                                 fields=fields))
    if not any(t.rows for t in tables):
        raise readers.ReadError(labels.IMP_HEADER_ONLY.format(file=report.file_name))
    return tables


def _note_formulas(sheet: readers.Sheet, report: Report) -> None:
    refs = [ref for row in sorted(sheet.formulas) for ref in sheet.formulas[row].values()]
    if refs:
        report.warnings.append(labels.IMP_FORMULA_WARNING.format(
            sheet=sheet.name, n=len(refs), cells="、".join(refs[:5])))


def _guess_kind(sheet: readers.Sheet) -> str:
    best = max(sheet.rows[:20], key=lambda r: max(dialects.header_score(r, k) for k in KINDS),
               default=())
    return dialects.guess_kind(list(best))


def _summary_json(report: Report) -> str:
    data = report.to_dict()
    keep = ("source", "profile", "merged", "skipped", "family_entries", "sheets", "skipped_sheets",
            "mapping", "extra_columns", "unmapped", "errors", "skips", "notes", "skipped_offices",
            "warnings", "limits", "flags", "changes", "changed_fields", "fatal")
    return json.dumps({k: data[k] for k in keep}, ensure_ascii=False, default=str)


def _record(report: Report, username: str | None) -> None:
    batch = ImportBatch.create(
        file_name=report.file_name[:255], file_hash=report.file_hash, kind=report.kind,
        source=report.source, username=username, finished_at=now(),
        rows_read=report.rows_read, inserted=report.inserted, updated=report.updated,
        unchanged=report.unchanged, rejected=report.rejected,
        status="failed" if report.failed else "done", summary=_summary_json(report))
    report.batch_id = batch.id
    record(AuditEvent(username, "import", "import_batch", str(batch.id), report.file_name,
                      report.summary_lines(0)[0],
                      {"changed_fields": report.changed_fields,
                       "changes": report.changes[:200]}))
    version.bump()


def _record_failure(report: Report, username: str | None) -> None:
    with db.atomic():
        _record(report, username)


AFTER_COMMIT = (("core.resolver", "resolve_pending", False),
                ("core.importer.events", "place_event_addresses", False),
                ("core.rules.status", "refresh_all", True),  # of the patents touched
                ("core.rules.highvalue", "refresh", True),  # industries, then high-value marks
                ("core.stats.holders", "refresh_holder_columns", True))  # their holders' counts


def _after_commit(report: Report, change: delta.Change, done: tuple = ()) -> None:
    """Run the region resolver and the refresh of statuses, fee columns, industries and
    high-value marks of the patents the import touched (the nightly job moves the others with
    the date); the summary tables follow by the change's delta (import_file). They work on
    committed data; a failure there is reported and leaves the import in place. `done`: the
    functions the importer's own transaction did already (a patent list's statuses and holder
    counts, core.importer.patents.UPKEEP_IN_STORE)."""
    for module_name, function, touched_only in AFTER_COMMIT:
        if function in done:
            continue
        try:
            func = getattr(importlib.import_module(module_name), function)
        except (ImportError, AttributeError):
            continue
        try:
            func(only=change.ids_sql()) if touched_only else func()
        except Exception as exc:
            report.warnings.append(labels.IMP_AFTER_FAILED.format(step=module_name, error=exc))
