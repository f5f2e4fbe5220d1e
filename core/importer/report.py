"""What an import did: counts, mapping, row errors (sheet, row, column, value, Chinese reason),
records a calculation cannot use, and the changes a newer export made."""
from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field
from typing import Any

from openpyxl import Workbook

from core.config import labels
from core.exports.xlsx import write_rows

MAX_CHANGES_KEPT = 5000  # changes listed in ImportBatch.summary (all are counted)


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    value: str
    reason: str


@dataclass
class Report:
    """Summary of one import (also of a dry run). Patent lists count patents: inserted, updated
    and unchanged are patents, merged the further rows of a patent already read (a duplicate
    row, or the B grant row of an A publication), skipped the rows of other countries' patents,
    rejected the rows that cannot be read. rows_read = inserted + updated + unchanged + merged
    + skipped + rejected always holds (event and fee lists count rows and merge nothing)."""
    file_name: str
    kind: str
    source: str | None = None
    profile: str | None = None  # the saved column mapping used (导入方案)
    file_hash: str = ""
    dry_run: bool = False
    rows_read: int = 0
    family_entries: int = 0  # of rows_read: further Chinese patents of Derwent family rows
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    skipped: int = 0
    rejected: int = 0
    sheets: list[str] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # the header row as written
    mapping: dict[str, str] = field(default_factory=dict)
    extra_columns: dict[str, list[str]] = field(default_factory=dict)  # fallbacks, joined
    unmapped: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skips: list[RowError] = field(default_factory=list)
    notes: list[RowError] = field(default_factory=list)  # imported rows to check (提示)
    flags: dict[str, list[str]] = field(default_factory=dict)  # reason → record keys
    skipped_offices: dict[str, int] = field(default_factory=dict)  # office → rows skipped
    warnings: list[str] = field(default_factory=list)
    limits: dict[str, list[str]] = field(default_factory=dict)  # reason → record keys
    changes: list[dict[str, Any]] = field(default_factory=list)
    changed_fields: dict[str, int] = field(default_factory=dict)
    batch_id: int | None = None
    fatal: str | None = None

    def error(self, sheet: str, row: int, column: str, value, reason: str) -> None:
        shown = "" if value is None else str(value)
        self.errors.append(RowError(sheet, row, column, shown[:200], reason))

    def skip(self, sheet: str, row: int, column: str, value, reason: str, office: str) -> None:
        shown = "" if value is None else str(value)
        self.skips.append(RowError(sheet, row, column, shown[:200], reason))
        self.skipped_offices[office] = self.skipped_offices.get(office, 0) + 1

    def note(self, sheet: str, row: int, column: str, value, reason: str) -> None:
        """A row imported with something to check: a duplicate number with another title, an
        implausible date."""
        shown = "" if value is None else str(value)
        self.notes.append(RowError(sheet, row, column, shown[:200], reason))

    def flag(self, reason: str, key: str) -> None:
        """A value the import completed or corrected (a computed check digit …)."""
        self.flags.setdefault(reason, []).append(key)

    def limit(self, reason: str, key: str) -> None:
        self.limits.setdefault(reason, []).append(key)

    def change(self, key: str, name: str, before, after) -> None:
        self.changed_fields[name] = self.changed_fields.get(name, 0) + 1
        if len(self.changes) < MAX_CHANGES_KEPT:
            self.changes.append({"key": key, "field": name, "before": _plain(before),
                                 "after": _plain(after)})

    @property
    def balanced(self) -> bool:
        return (self.inserted + self.updated + self.unchanged + self.merged + self.skipped
                + self.rejected) == self.rows_read

    @property
    def failed(self) -> bool:
        """True when nothing could be imported: unreadable file, or rows rejected and none
        imported (a file of other countries' patents only is skipped, not failed)."""
        if self.fatal is not None:
            return True
        return self.rejected > 0 and not self.inserted + self.updated + self.unchanged

    def to_dict(self, all_errors: bool = True) -> dict[str, Any]:
        data = asdict(self)
        if not all_errors:
            data["errors"] = data["errors"][:20]
            data["skips"] = data["skips"][:20]
            data["notes"] = data["notes"][:20]
        data["limits"] = {k: {"count": len(v), "label": labels.IMP_LIMITS.get(k, k),
                              "records": v if all_errors else v[:20]}
                          for k, v in self.limits.items()}
        return data

    def summary_lines(self, max_errors: int = 20) -> list[str]:
        """The report as Chinese text lines (CLI output)."""
        lines = [labels.IMP_SUMMARY.format(**self.__dict__, kind_label=labels.IMP_KIND[self.kind],
                                           source_label=labels.IMP_SOURCE.get(self.source or "",
                                                                              "未识别"))]
        if self.dry_run:
            lines.append(labels.IMP_DRY_RUN_NOTE)
        if self.profile:
            lines.append(labels.IMP_PROFILE_USED.format(profile=self.profile))
        lines.append(labels.IMP_MAPPING_HEAD)
        lines += [f"  {labels.IMP_FIELD.get(f, f)} ← {h}" for f, h in self.mapping.items()]
        lines += [labels.IMP_EXTRA_LINE.format(field=labels.IMP_FIELD.get(f, f),
                                               cols="、".join(heads))
                  for f, heads in self.extra_columns.items()]
        if self.unmapped:
            lines.append(labels.IMP_UNMAPPED.format(cols="、".join(self.unmapped)))
        if self.skipped_sheets:
            lines.append(labels.IMP_SKIPPED_SHEETS.format(sheets="、".join(self.skipped_sheets)))
        lines += self.warnings
        if self.merged:
            lines.append(labels.IMP_MERGED.format(n=self.merged))
        if self.skipped_offices:
            lines.append(labels.IMP_SKIPPED.format(n=self.skipped, offices="、".join(
                f"{office} {count}" for office, count in self.skipped_offices.items())))
        for reason, keys in self.flags.items():
            lines.append(labels.IMP_FLAG_LINE.format(label=labels.IMP_FLAGS.get(reason, reason),
                                                     count=len(keys)))
        for reason, keys in self.limits.items():
            lines.append(labels.IMP_LIMIT_LINE.format(label=labels.IMP_LIMITS.get(reason, reason),
                                                      count=len(keys)))
        if self.changed_fields:
            lines.append(labels.IMP_CHANGED.format(fields="、".join(
                f"{labels.IMP_FIELD.get(k, k)} {v}" for k, v in self.changed_fields.items())))
        if self.errors:
            lines.append(labels.IMP_ERRORS_HEAD.format(n=len(self.errors)))
            lines += [_row_line(e) for e in self.errors[:max_errors]]
        if self.notes:
            lines.append(labels.IMP_NOTES_HEAD.format(n=len(self.notes)))
            lines += [_row_line(e) for e in self.notes[:max_errors]]
        return lines


def _row_line(error: RowError) -> str:
    """One row message; a row without a column (none in the file holds the value) names none."""
    line = labels.IMP_ERROR_LINE if error.column else labels.IMP_ERROR_LINE_ROW
    return line.format(**asdict(error))


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def errors_xlsx(report: Report) -> bytes:
    """The error report as .xlsx: sheets 错误 (one row per rejected row), 跳过 (the rows of
    other countries' patents), 数据不完整 (record → the calculation it cannot support), 已补全
    (record → the value the import completed) and 提示 (imported rows to check)."""
    book = Workbook(write_only=True)
    errors_title, skips_title, limits_title, flags_title, notes_title = labels.IMP_ERROR_SHEETS
    write_rows(book.create_sheet(errors_title), (asdict(e) for e in report.errors),
               labels.IMP_ERROR_COLUMNS)
    write_rows(book.create_sheet(skips_title), (asdict(e) for e in report.skips),
               labels.IMP_ERROR_COLUMNS)
    limit_rows = ({"record": key, "limit": labels.IMP_LIMITS.get(reason, reason)}
                  for reason, keys in report.limits.items() for key in keys)
    write_rows(book.create_sheet(limits_title), limit_rows, labels.IMP_LIMIT_COLUMNS)
    flag_rows = ({"record": key, "flag": labels.IMP_FLAGS.get(reason, reason)}
                 for reason, keys in report.flags.items() for key in keys)
    write_rows(book.create_sheet(flags_title), flag_rows, labels.IMP_FLAG_COLUMNS)
    write_rows(book.create_sheet(notes_title), (asdict(e) for e in report.notes),
               labels.IMP_ERROR_COLUMNS)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
