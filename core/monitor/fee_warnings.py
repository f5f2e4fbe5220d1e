"""年费预警: valid patents whose next annual fee is due soon, inside the 6-month grace period, or
past the point of no return while the data still says "valid" (terminated, gazette pending).

Everything is selected on the indexed `patent.next_fee_due` (filled by core.feecolumns; it is the
due date after the holiday rule). The state of a due date D on day `on` follows core.fees: on ≤ D is
即将到期 when D is at most `due_soon_days` away; after D the grace month is counted from the
nominal anniversary N (band edges are N + k months). Several anniversaries N (D and the rest days
just before it) share one D, so a D whose candidates disagree is resolved per filing date — exact,
and still only indexed range conditions plus a handful of explicit filing dates.
Counting rule: region of the first holder's address · by fee due date.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import reduce

import pandas as pd
import peewee as pw
from peewee import fn

from core.config import labels
from core.db import is_postgres
from core.db.models import Holder, LegalEvent, Patent
from core.db.sql import count_all, cursor_dicts
from core.monitor.selection import (
    EXPORT_LIMIT,
    both,
    child_field,
    patent_where,
    with_holder,
)
from core.regions.custom import region_name
from core.regions.query import Scope
from core.rules import calendar, fees, numbers

WARN_STATES = ("due_soon", "grace", "terminated")
WINDOW_BACK_MONTHS = 7  # any due date older than this is past the point of no return
Cls = tuple[str, int]  # (state, grace month or 0)


@dataclass(frozen=True)
class FeeQuery:
    scope: Scope
    on: dt.date
    states: tuple[str, ...] = ("due_soon", "grace")
    grace_months: tuple[int, ...] = ()  # narrow "grace" to these months (1-6); empty = all

    def wants(self, cls: Cls) -> bool:
        state, month = cls
        if state not in self.states:
            return False
        return state != "grace" or not self.grace_months or month in self.grace_months


# --- classification of due dates -------------------------------------------------------------

def classify(nominal: dt.date, due: dt.date, on: dt.date) -> Cls:
    """State and grace month on `on` of a fee with anniversary `nominal`, due (shifted) `due`."""
    if on <= due:
        soon = (due - on).days <= int(fees.rules()["due_soon_days"])
        return ("due_soon" if soon else "normal", 0)
    for month, edge in enumerate(fees.band_edges(nominal), start=1):
        if on <= edge:
            return ("grace", month)
    return ("terminated", 0)


def nominal_candidates(due: dt.date) -> list[dt.date]:
    """Anniversaries that the holiday rule moves to `due`: itself and the rest days before it."""
    if not fees.rules()["shift_due_date"] or not calendar.is_working_day(due):
        return [due]
    out, day = [due], due - dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        out.append(day)
        day -= dt.timedelta(days=1)
    return out


@dataclass(frozen=True)
class DueMap:
    """Classes of every due date in [start, end] on day `on`; older dates are "terminated",
    later ones "normal". `mixed` holds the dates whose candidate anniversaries disagree."""
    on: dt.date
    start: dt.date
    end: dt.date
    exact: dict
    mixed: dict  # D -> {N: Cls}

    def of(self, due: dt.date, app_date: dt.date | None = None) -> Cls:
        if due < self.start:
            return ("terminated", 0)
        if due > self.end:
            return ("normal", 0)
        if due in self.exact:
            return self.exact[due]
        by_nominal = self.mixed[due]
        if app_date is not None:
            for nominal, cls in by_nominal.items():
                if calendar.add_years(app_date, nominal.year - app_date.year) == nominal:
                    return cls
        return by_nominal[due] if due in by_nominal else next(iter(by_nominal.values()))


def due_map(on: dt.date) -> DueMap:
    start = calendar.add_months(on, -WINDOW_BACK_MONTHS)
    end = on + dt.timedelta(days=int(fees.rules()["due_soon_days"]))
    exact, mixed, day = {}, {}, start
    while day <= end:
        by_nominal = {n: classify(n, day, on) for n in nominal_candidates(day)}
        classes = set(by_nominal.values())
        if len(classes) == 1:
            exact[day] = classes.pop()
        else:
            mixed[day] = by_nominal
        day += dt.timedelta(days=1)
    return DueMap(on, start, end, exact, mixed)


def filing_dates_for(nominal: dt.date, max_years: int = 20) -> list[dt.date]:
    """Filing dates whose anniversary (month-end rule) is `nominal`, up to `max_years` back."""
    out = set()
    for k in range(1, max_years + 1):
        candidate = calendar.add_years(nominal, -k)
        if calendar.add_years(candidate, k) == nominal:
            out.add(candidate)
        if nominal.month == 2 and nominal.day == 28:
            leap = candidate.replace(day=29) if _is_leap(candidate.year) else None
            if leap and calendar.add_years(leap, k) == nominal:
                out.add(leap)
    return sorted(out)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# --- SQL ---------------------------------------------------------------------------------------

def _ranges(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive runs of sorted days as (first, last)."""
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [(a, b) for a, b in runs]


def class_condition(m: DueMap, wanted: Callable[[Cls], bool], due=None) -> pw.Expression | bool:
    """A condition on the due date `due` (default next_fee_due; and the filing date for mixed
    days) selecting the wanted classes: date ranges plus a few explicit (day, filing dates)."""
    due = Patent.next_fee_due if due is None else due
    parts = []
    if wanted(("terminated", 0)):
        parts.append(due < m.start)
    days = sorted(d for d, cls in m.exact.items() if wanted(cls))
    for first, last in _ranges(days):
        parts.append(due.between(first, last) if first != last else due == first)
    for day, by_nominal in sorted(m.mixed.items()):
        apps = [a for n, cls in by_nominal.items() if wanted(cls) for a in filing_dates_for(n)]
        if apps:
            parts.append((due == day) & Patent.app_date.in_(apps))
    if not parts:
        return False
    return reduce(lambda a, b: a | b, parts)


def _span(m: DueMap, wanted: Callable[[Cls], bool]) -> pw.Expression | bool:
    """One range of next_fee_due around every wanted class (open below with "terminated")."""
    days = [d for d, cls in m.exact.items() if wanted(cls)]
    days += [d for d, by in m.mixed.items() if any(wanted(c) for c in by.values())]
    if wanted(("terminated", 0)):
        return Patent.next_fee_due <= max(days + [m.start - dt.timedelta(days=1)])
    if not days:
        return False
    return Patent.next_fee_due.between(min(days), max(days))


def _unindexed(field: pw.Field):
    """`field` hidden from SQLite's index choice (unary +), so the planner walks one range of
    the covering index in due-date order and tests the class condition on each entry instead
    of merging one index probe per range (PostgreSQL plans this well as is)."""
    return pw.NodeList((pw.SQL("+"), field), glue="") if not is_postgres() else field


def where(q: FeeQuery, m: DueMap) -> pw.Expression:
    expr = both(patent_where(q.scope), Patent.status == "valid")
    span = _span(m, q.wants)
    if span is False:
        return expr & False
    return expr & span & class_condition(m, q.wants, _unindexed(Patent.next_fee_due))


def _selected(q: FeeQuery, m: DueMap, *columns) -> pw.ModelSelect:
    return with_holder(Patent.select(*columns), q.scope).where(where(q, m))


def holder_totals(q: FeeQuery) -> tuple[int, int]:
    """(first holders, patents with a first holder) of the query's rows: the letters it makes."""
    m = due_map(q.on)
    row = _selected(q, m, fn.COUNT(Patent.first_holder.distinct()),
                    fn.COUNT(Patent.first_holder)).tuples().get()
    return int(row[0] or 0), int(row[1] or 0)


def has_due_dates() -> bool:
    """True when some patent carries a next fee due date (core.feecolumns has run)."""
    return Patent.select().where(Patent.next_fee_due.is_null(False)).exists()


def total(q: FeeQuery, m: DueMap | None = None) -> int:
    m = m or due_map(q.on)
    return _selected(q, m, count_all()).scalar() or 0


def counts(q: FeeQuery, by_subregion: bool = False) -> pd.DataFrame:
    """Columns state, grace_month, label, [code, name,] n for the query's states, one row per
    class (and sub-region)."""
    totals = _class_totals(q, by_subregion, q.wants)
    if by_subregion:  # patents placed above the sub-region level are left out
        totals = {k: n for k, n in totals.items() if k[2] is not None}
    return _counts_frame(totals, by_subregion)


def summary(q: FeeQuery) -> dict:
    """From one scan: states (counts of every warning state, as counts() with WARN_STATES),
    sub (the query's states by sub-region, as counts(q, True)) and total (the query's rows)."""
    every = _class_totals(q, True, lambda cls: cls[0] in WARN_STATES)
    states: dict[tuple, int] = {}
    for (state, month, _), n in every.items():
        states[(state, month)] = states.get((state, month), 0) + n
    wanted = {k: n for k, n in every.items() if q.wants(k[:2])}
    placed = {k: n for k, n in wanted.items() if k[2] is not None}
    return {"states": _counts_frame(states, False), "sub": _counts_frame(placed, True),
            "total": sum(wanted.values())}


def _class_totals(q: FeeQuery, by_subregion: bool, keep: Callable[[Cls], bool]) -> dict:
    """{(state, month[, code]): n}: one range scan of next_fee_due ≤ end grouped by due date
    (classes assigned here); only the mixed due dates are also grouped by filing date."""
    m = due_map(q.on)
    group = [child_field(q.scope).alias("code")] if by_subregion else []
    keys = [child_field(q.scope)] if by_subregion else []
    base = both(patent_where(q.scope), Patent.status == "valid")
    base = both(base, Patent.next_fee_due.is_null(False)) & (Patent.next_fee_due <= m.end)
    totals: dict[tuple, int] = {}
    main = with_holder(Patent.select(Patent.next_fee_due.alias("due"), *group,
                                     count_all().alias("n")), q.scope).where(base)
    for row in main.group_by(Patent.next_fee_due, *keys).dicts():
        due = _as_date(row["due"])
        if due not in m.mixed:
            _add(totals, m.of(due), row, by_subregion, keep)
    if m.mixed:
        extra = with_holder(Patent.select(Patent.next_fee_due.alias("due"),
                                          Patent.app_date.alias("app"), *group,
                                          count_all().alias("n")), q.scope)
        extra = extra.where(base & Patent.next_fee_due.in_(sorted(m.mixed)))
        for row in extra.group_by(Patent.next_fee_due, Patent.app_date, *keys).dicts():
            _add(totals, m.of(_as_date(row["due"]), _as_date(row["app"])), row, by_subregion,
                 keep)
    return totals


def _add(totals: dict, cls: Cls, row: dict, by_subregion: bool,
         keep: Callable[[Cls], bool]) -> None:
    if not keep(cls):
        return
    key = (*cls, row["code"]) if by_subregion else cls
    totals[key] = totals.get(key, 0) + int(row["n"])


def _counts_frame(totals: dict, by_subregion: bool) -> pd.DataFrame:
    cols = ["state", "grace_month", "code", "n"] if by_subregion else ["state", "grace_month", "n"]
    frame = pd.DataFrame([(*k, n) for k, n in totals.items()], columns=cols)
    frame["grace_month"] = frame["grace_month"].astype(int)
    frame["order"] = frame["state"].map({s: i for i, s in enumerate(WARN_STATES)})
    frame = frame.sort_values(["order", "grace_month", *(["code"] if by_subregion else [])])
    frame = frame.drop(columns="order").reset_index(drop=True)
    frame.insert(2, "label", [state_label(s, g) for s, g in zip(frame["state"], frame["grace_month"])])
    if by_subregion:
        frame.insert(4, "name", frame["code"].map(region_name))
    return frame


def state_label(state: str, grace_month: int = 0) -> str:
    if state == "grace" and grace_month:
        return labels.FEE_GRACE_MONTH.format(n=int(grace_month))
    return labels.FEE_WARN_STATE.get(state, state)


# --- the list ----------------------------------------------------------------------------------

LIST_COLUMNS = ["id", "app_no", "title", "patent_type", "app_date", "grant_patent_year",
                "paid_through_year", "next_fee_due", "holder_count", "county_code", "street_code",
                "patent_address", "holder_id", "holder", "holder_address", "contact",
                "fee_reduction", "term_extension_days"]


def _list_query(q: FeeQuery, m: DueMap) -> pw.ModelSelect:
    query = (Patent.select(Patent.id, Patent.app_no, Patent.title, Patent.patent_type,
                           Patent.app_date, Patent.grant_patent_year, Patent.paid_through_year,
                           Patent.next_fee_due, Patent.holder_count, Patent.county_code,
                           Patent.street_code, Patent.address.alias("patent_address"),
                           Patent.first_holder.alias("holder_id"), Holder.name.alias("holder"),
                           Holder.address.alias("holder_address"), Holder.contact,
                           Holder.fee_reduction, Patent.term_extension_days)
             .join(Holder, pw.JOIN.LEFT_OUTER, on=(Patent.first_holder == Holder.id)))
    return (with_holder(query, q.scope, joined=True).where(where(q, m))
            .order_by(Patent.next_fee_due, Patent.id))


def page(q: FeeQuery, offset: int, limit: int) -> pd.DataFrame:
    """One page of warnings, earliest due date first (app_no printed). Columns: LIST_COLUMNS
    plus fee_year, state, grace_month, state_label, amount, full_amount, surcharge_rate,
    surcharge, total, point_of_no_return, reduced, address, county, street."""
    m = due_map(q.on)
    rows = list(_list_query(q, m).offset(offset).limit(limit).dicts())
    licences = _open_licences([r["id"] for r in rows]) if rows else {}
    memo = fees.Memo()
    rows = [_with_fee(r, m, q.on, memo, licences.get(r["id"], ())) for r in rows]
    return pd.DataFrame(rows, columns=LIST_COLUMNS + FEE_COLUMNS)


def export_rows(q: FeeQuery, limit: int = EXPORT_LIMIT) -> Iterator[dict]:
    m = due_map(q.on)
    licences = _open_licences(_selected(q, m, Patent.id))
    memo = fees.Memo()  # the rows share due dates and fee inputs: each is computed once
    for row in cursor_dicts(_list_query(q, m).limit(limit)):
        yield _with_fee(row, m, q.on, memo, licences.get(row["id"], ()))


def _open_licences(among) -> dict[int, tuple]:
    """patent id → its open-licence periods (core.rules.fees.open_licence_periods), for the
    patents `among` (ids, or a query of ids: one query for a whole export)."""
    events: dict[int, list] = {}
    query = (LegalEvent.select(LegalEvent.patent, LegalEvent.kind, LegalEvent.date)
             .where(LegalEvent.patent.in_(among) & LegalEvent.kind.in_(fees.OPEN_LICENCE_KINDS))
             .tuples())
    for pid, kind, day in query:
        events.setdefault(pid, []).append((kind, _as_date(day)))
    return {pid: fees.open_licence_periods(found) for pid, found in events.items()}


FEE_COLUMNS = ["fee_year", "state", "grace_month", "state_label", "amount", "full_amount",
               "surcharge_rate", "surcharge", "total", "point_of_no_return", "reduced", "address",
               "county", "street", "type_label"]

EXPORT_COLUMNS = {
    "app_no": "申请号", "title": "专利名称", "type_label": "专利类型", "holder": "第一权利人",
    "address": "联系地址", "county": "区县", "street": "街道/乡镇", "fee_year": "年度",
    "next_fee_due": "缴费截止日", "state_label": "预警状态", "amount": "应缴年费（元）",
    "surcharge": "当日滞纳金（元）", "total": "当日合计（元）",
    "point_of_no_return": "滞纳期届满日", "reduced": "费减",
}


def _with_fee(row: dict, m: DueMap, on: dt.date, memo: fees.Memo, licences: tuple = ()) -> dict:
    due, app = _as_date(row["next_fee_due"]), _as_date(row["app_date"])
    state, month = m.of(due, app)
    extension = int(row.get("term_extension_days") or 0)
    facts = fees.Facts(extension, licences) if extension or licences else fees.NO_FACTS
    return {**row, **_amounts(row, app, on, memo, facts),
            "app_no": numbers.display(row["app_no"]), "state": state,
            "grace_month": month or None, "next_fee_due": due, "app_date": app,
            "state_label": state_label(state, month),
            "reduced": labels.YES if row.get("fee_reduction") else "",
            "address": row.get("contact") or row.get("holder_address") or row.get("patent_address"),
            "county": memo(region_name, row["county_code"]),
            "street": memo(region_name, row["street_code"]),
            "type_label": labels.PATENT_TYPE.get(row["patent_type"], row["patent_type"])}


BLANK_FEE = dict(fee_year=None, amount=None, full_amount=None, surcharge_rate=None,
                 surcharge=None, total=None, point_of_no_return=None)


def _amounts(row: dict, app: dt.date | None, on: dt.date, memo: fees.Memo,
             facts: fees.Facts = fees.NO_FACTS) -> dict:
    """Fee year, amounts and surcharge from core.fees.state_on (blank when data is missing); the
    same dict for rows with the same fee inputs (not to be changed)."""
    paid = row["paid_through_year"] if row["paid_through_year"] is not None \
        else row["grant_patent_year"]
    if app is None or paid is None:
        return BLANK_FEE
    return memo(_fee_columns, row["patent_type"], app, row["grant_patent_year"] or paid, paid, on,
                bool(row.get("fee_reduction")), int(row.get("holder_count") or 1), facts, memo)


def _fee_columns(patent_type: str, app: dt.date, grant: int, paid: int, on: dt.date,
                 reduced: bool, co_owners: int, facts: fees.Facts, memo: fees.Memo) -> dict:
    try:
        st = fees.state_on(patent_type, app, grant, paid, on, reduced, co_owners, facts, memo)
    except (ValueError, KeyError, IndexError):
        return BLANK_FEE
    return dict(fee_year=st.year, amount=st.amount or None, full_amount=st.full_amount or None,
                surcharge_rate=st.surcharge_rate, surcharge=st.surcharge,
                total=st.total_if_paid or None, point_of_no_return=st.point_of_no_return)


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
