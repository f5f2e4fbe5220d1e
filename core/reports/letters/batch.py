"""A batch of reminder letters: every letter of a selection as a .docx, all of them with the
summary sheet in one .zip, the batch recorded. Nothing is recorded unless every letter was
written; a selection with more than LETTER_LIMIT holders is refused (narrow it)."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from core.config import labels
from core.exports import sheet
from core.reports.letters import content, document, history
from core.reports.letters.content import Letter, Query
from core.reports.letters.letterhead import chinese_date, current, letterhead
from core.rules import fees

LETTER_LIMIT = 1000  # letters per batch (a letter takes 30-150 ms on a 2-core server)
FILE_NAME_CHARS = 40
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Batch:
    id: int
    kind: str
    letters: int
    patents: int
    zip_name: str
    zip_bytes: bytes
    summary_bytes: bytes


def build(q: Query, by: str | None, today: dt.date, progress: Progress | None = None) -> Batch:
    """Write and record the letters of selection `q`; ValueError (Chinese) when there is
    nothing to write or too much."""
    reason = refusal(*content.totals(q))
    if reason:
        raise ValueError(reason)
    found = content.letters(q)
    if not found or len(found) > LETTER_LIMIT:  # the data changed since it was counted
        raise ValueError(refusal(len(found), sum(len(f.lines) for f in found)))
    kind = content.kind_of(q)
    files = _documents(kind, q, found, today, progress)
    summary = summary_sheet(kind, found, files)
    record = history.save(kind, q.on, q.scope.region, content.describe(q), found, by)
    zip_name = labels.LETTER_ZIP.format(kind=labels.LETTER_KIND[kind], on=q.on.isoformat(),
                                        batch=record.id)
    return Batch(record.id, kind, len(found), record.patents, zip_name,
                 _zip(files, summary), summary)


def refusal(letters: int | None, patents: int) -> str | None:
    """Why a selection of that size (content.totals) gets no batch; None when it may."""
    if letters is None:
        return labels.LETTER_TOO_MANY_PATENTS.format(patents=patents,
                                                     limit=content.PATENT_LIMIT)
    if letters > LETTER_LIMIT:
        return labels.LETTER_TOO_MANY.format(holders=letters, limit=LETTER_LIMIT)
    return labels.LETTER_NOTHING if letters == 0 else None


def _documents(kind: str, q: Query, found: list[Letter], today: dt.date,
               progress: Progress | None) -> dict[str, bytes]:
    """File name → .docx bytes of every letter."""
    value = current()
    note = rules_note(q.on) if kind == "fee" else labels.LETTER_EXPIRY_NOTE
    until = getattr(q, "until", None)
    sample = letterhead(value, kind, "", 0, q.on, until)
    files, writer = {}, document.LetterWriter(sample.bureau, sample.title)
    for done, letter in enumerate(found, start=1):
        head = letterhead(value, kind, letter.holder, len(letter.lines), q.on, until)
        files[file_name(letter)] = writer.render(letter, head, today, note)
        if progress:
            progress(done, len(found))
    return files


def rules_note(on: dt.date) -> str:
    """The note under a fee table: the surcharge bands of the fee rules in force on `on`."""
    rule = fees.rules(on)
    bands = "、".join(labels.LETTER_BAND.format(month=m, rate=r)
                      for m, r in zip(rule["band_months"], rule["surcharge_rates"]))
    return labels.LETTER_FEE_NOTE.format(on=chinese_date(on), bands=bands)


def file_name(letter: Letter) -> str:
    """'007_苏州甲科技有限公司.docx': the letter's number and the holder's name, without any
    character a file system or zip tool could misread."""
    name = re.sub(r"[^\w（）()\-]+", "_", letter.holder).strip("_")[:FILE_NAME_CHARS]
    return f"{letter.number:03d}_{name or letter.holder_id}.docx"


def summary_sheet(kind: str, found: list[Letter], files: dict[str, bytes]) -> bytes:
    """One row per letter (.xlsx, core.exports.sheet)."""
    names = list(files)
    columns = labels.LETTER_SUMMARY_FEE if kind == "fee" else labels.LETTER_SUMMARY_EXPIRY
    row = _fee_summary if kind == "fee" else _expiry_summary
    values = [{**row(letter), "number": letter.number, "holder": letter.holder,
               "address": letter.address, "patents": len(letter.lines), "file": name}
              for letter, name in zip(found, names)]
    return sheet.write(labels.LETTER_SUMMARY, list(columns.values()),
                       ([v[k] for k in columns] for v in values))


def _fee_summary(letter: Letter) -> dict:
    lines = letter.lines
    return {"amount": _sum(line.amount for line in lines),
            "surcharge": _sum(line.surcharge for line in lines),
            "total": _sum(line.total for line in lines),
            "first_due": _min(line.due for line in lines),
            "first_last_day": _min(line.last_day for line in lines)}


def _expiry_summary(letter: Letter) -> dict:
    days = [line.expiry_date for line in letter.lines if line.expiry_date]
    return {"first_expiry": min(days, default=None), "last_expiry": max(days, default=None)}


def _sum(values) -> int:
    return sum(v for v in values if v is not None)


def _min(values):
    return min((v for v in values if v is not None), default=None)


def _zip(files: dict[str, bytes], summary: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():  # a .docx is compressed already
            zf.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        zf.writestr(f"{labels.LETTER_SUMMARY}.xlsx", summary)
    return buffer.getvalue()
