"""What each letter says: the rows of a 年费预警 or 届满通知 selection grouped by first holder.

Fee letters list the patents due soon or in the grace period (a patent past its last day to pay
gets no payment reminder); rows without a first holder have nobody to write to and are left out.
Letters come in the order of their most urgent patent (earliest due or expiry date first), the
patents of a letter in the list's own order.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from core.config import labels
from core.monitor import expiry, fee_warnings
from core.monitor.expiry import ExpiryQuery
from core.monitor.fee_warnings import FeeQuery
from core.monitor.selection import EXPORT_LIMIT
from core.regions.custom import region_name

KINDS = ("fee", "expiry")
FEE_STATES = ("due_soon", "grace")  # states a payment reminder is written for
# a selection with more patents is not counted per holder (that reads the patent rows, not the
# covering index of the list): far above what a batch of letters holds
PATENT_LIMIT = 20_000
Query = FeeQuery | ExpiryQuery


@dataclass(frozen=True)
class FeeLine:
    app_no: str
    title: str
    fee_year: int | None
    due: dt.date | None  # 缴费截止日 (after the holiday rule)
    amount: int | None  # payable annual fee
    surcharge: int | None  # 滞纳金 if paid on the query's day
    total: int | None
    last_day: dt.date | None  # 最后缴费日: the end of the grace period


@dataclass(frozen=True)
class ExpiryLine:
    app_no: str
    title: str
    type_label: str
    app_date: dt.date | None
    expiry_date: dt.date | None


@dataclass
class Letter:
    number: int
    holder_id: int
    holder: str
    address: str
    lines: list = field(default_factory=list)


def kind_of(q: Query) -> str:
    return "fee" if isinstance(q, FeeQuery) else "expiry"


def letter_query(q: Query) -> Query | None:
    """The query the letters of a selection are written from (None: nothing to write)."""
    if isinstance(q, ExpiryQuery):
        return q
    states = tuple(s for s in q.states if s in FEE_STATES)
    return replace(q, states=states) if states else None


def totals(q: Query) -> tuple[int | None, int]:
    """(letters, patents) the selection makes, counted in SQL; letters is None when the
    selection has more than PATENT_LIMIT patents (then counted with or without a holder)."""
    narrowed = letter_query(q)
    if narrowed is None:
        return 0, 0
    module = fee_warnings if isinstance(q, FeeQuery) else expiry
    patents = module.total(narrowed)
    if patents > PATENT_LIMIT:
        return None, patents
    return module.holder_totals(narrowed)


def letters(q: Query, limit: int = EXPORT_LIMIT) -> list[Letter]:
    """The letters of a selection, numbered from 1."""
    narrowed = letter_query(q)
    if narrowed is None:
        return []
    if isinstance(narrowed, FeeQuery):
        rows, line = fee_warnings.export_rows(narrowed, limit), _fee_line
    else:
        rows, line = expiry.export_rows(narrowed, limit), _expiry_line
    by_holder: dict[int, Letter] = {}
    for row in rows:
        if row["holder_id"] is None:
            continue
        letter = by_holder.get(row["holder_id"])
        if letter is None:
            letter = by_holder[row["holder_id"]] = Letter(
                len(by_holder) + 1, row["holder_id"], row["holder"] or "", row["address"] or "")
        letter.lines.append(line(row))
    return list(by_holder.values())


def _fee_line(row: dict) -> FeeLine:
    return FeeLine(row["app_no"], row["title"] or "", row["fee_year"], row["next_fee_due"],
                   row["amount"], row["surcharge"], row["total"], row["point_of_no_return"])


def _expiry_line(row: dict) -> ExpiryLine:
    return ExpiryLine(row["app_no"], row["title"] or "", row["type_label"], row["app_date"],
                      row["expiry_date"])


def describe(q: Query) -> str:
    """The selection in words, for the batch record."""
    scope = q.scope
    parts = [region_name(scope.region) or labels.ALL]
    if scope.patent_types:
        types = "、".join(labels.PATENT_TYPE.get(t, t) for t in scope.patent_types)
        parts.append(labels.LETTER_FILTER_TYPES.format(types=types))
    if scope.holder:
        parts.append(labels.LETTER_FILTER_HOLDER.format(holder=scope.holder))
    if isinstance(q, FeeQuery):
        narrowed = letter_query(q) or q
        states = "、".join(fee_warnings.state_label(s) for s in narrowed.states)
        parts.append(labels.LETTER_FILTER_STATES.format(states=states))
    else:
        parts.append(labels.LETTER_FILTER_UNTIL.format(until=q.until.isoformat()))
    parts.append(labels.LETTER_FILTER_ON.format(on=q.on.isoformat()))
    return " · ".join(parts)
