"""The record of letter batches: one reminder_batch row per 生成提醒函 action and one
reminder_letter row per letter (its holder and patent count), written in one transaction with
the audit row and the data version; read back as the batch list of a page and as the 已提醒 date
of each holder."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pandas as pd
from peewee import fn

from core.db import db, version
from core.db.audit import AuditEvent, record
from core.db.models import ReminderBatch, ReminderLetter
from core.reports.letters.content import Letter

HISTORY_COLUMNS = ["id", "created_at", "created_by", "on_date", "filters", "holders", "patents"]
HISTORY_ROWS = 50


def save(kind: str, on: dt.date, region: str, filters: str, letters: Sequence[Letter],
         by: str | None, at: dt.datetime | None = None) -> ReminderBatch:
    """Record a batch and its letters (audited, the data version raised)."""
    patents = sum(len(letter.lines) for letter in letters)
    with db.atomic():
        batch = ReminderBatch.create(kind=kind, on_date=on, filters=filters, region_code=region,
                                     holders=len(letters), patents=patents, created_by=by,
                                     **({"created_at": at} if at else {}))
        rows = [{"batch": batch.id, "number": letter.number, "holder": letter.holder_id,
                 "holder_name": letter.holder[:255], "patents": len(letter.lines)}
                for letter in letters]
        for start in range(0, len(rows), 500):
            ReminderLetter.insert_many(rows[start:start + 500]).execute()
        record(AuditEvent(by, "add", "reminder_batch", str(batch.id), filters, message=kind,
                          payload={"holders": len(letters), "patents": patents}))
        version.bump()  # the lists' 已提醒 column and the batch list show it at the next run
    return batch


def recent(kind: str, limit: int = HISTORY_ROWS) -> pd.DataFrame:
    """The latest batches of `kind`, newest first: HISTORY_COLUMNS."""
    query = (ReminderBatch.select(*[getattr(ReminderBatch, c) for c in HISTORY_COLUMNS])
             .where(ReminderBatch.kind == kind)
             .order_by(ReminderBatch.created_at.desc(), ReminderBatch.id.desc()).limit(limit))
    return pd.DataFrame(list(query.dicts()), columns=HISTORY_COLUMNS)


def reminded_on(kind: str, holder_ids: Iterable[int]) -> dict[int, dt.date]:
    """holder id → the day of the latest letter of `kind` sent to it (holders never reminded
    are absent)."""
    ids = sorted({int(i) for i in holder_ids if i is not None and not pd.isna(i)})
    if not ids:
        return {}
    query = (ReminderLetter.select(ReminderLetter.holder, fn.MAX(ReminderBatch.created_at))
             .join(ReminderBatch)
             .where((ReminderBatch.kind == kind) & ReminderLetter.holder.in_(ids))
             .group_by(ReminderLetter.holder).tuples())
    return {holder: _day(at) for holder, at in query}


def with_reminded(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """A page of a monitor list with the column `reminded` (the 已提醒 day of its first holder)."""
    if frame.empty or "holder_id" not in frame.columns:
        return frame.assign(reminded=None)
    days = reminded_on(kind, frame["holder_id"].tolist())
    reminded = [days.get(int(h)) if h is not None and not pd.isna(h) else None
                for h in frame["holder_id"]]
    return frame.assign(reminded=reminded)


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
