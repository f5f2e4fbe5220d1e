"""The 年费预警 export against a reference written from domain-facts §1 alone (fee table, patent
years from the filing date, due date moved to the next working day, grace months counted from the
anniversary with the last one moved, surcharge 5 % a month on the full fee, reduction for 10 / 6 /
3 years from the grant year by due date, open licence 85 %, terms §2.1): random hand-built
patents, the whole rows read back from the .xlsx, and the page's rows equal to them."""
from __future__ import annotations

import calendar as months
import csv
import datetime as dt
import io
from functools import lru_cache

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.config import labels
from core.config.settings import ROOT
from core.db.models import Holder, LegalEvent, Patent
from core.exports.sheet import rows_to_xlsx_bytes
from core.monitor import fee_warnings as fw
from core.regions.query import Scope
from core.rules.feecolumns import refresh_fee_columns
from tests.monitor_data import CHANGQIAO, WUZHONG, XIANGCHENG, YUEXI, holder, patent

FEES = {"invention": [900] * 3 + [1200] * 3 + [2000] * 3 + [4000] * 3 + [6000] * 3 + [8000] * 5,
        "utility": [600] * 3 + [900] * 2 + [1200] * 3 + [2000] * 2,
        "design": [600] * 3 + [900] * 2 + [1200] * 3 + [2000] * 2 + [3000] * 5}
PLACES = [(WUZHONG, YUEXI, "吴中区", "越溪街道"), (WUZHONG, CHANGQIAO, "吴中区", "长桥街道"),
          (XIANGCHENG, None, "相城区", "")]
OPEN_LICENCE_FROM = dt.date(2024, 7, 15)


# --- the reference ------------------------------------------------------------------------------

def add_months(day: dt.date, n: int) -> dt.date:
    """Same day n months later, the month's last day when it has no such day."""
    year, month = divmod(day.month - 1 + n, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, months.monthrange(year, month + 1)[1]))


@lru_cache(maxsize=1)
def official_days() -> tuple[set, set]:
    holidays, workdays = set(), set()
    with open(ROOT / "data" / "calendar" / "cn_official.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            (holidays if row["kind"] == "holiday" else workdays).add(
                dt.date.fromisoformat(row["date"]))
    return holidays, workdays


def next_working_day(day: dt.date) -> dt.date:
    holidays, workdays = official_days()
    while day not in workdays and (day in holidays or day.weekday() >= 5):
        day += dt.timedelta(days=1)
    return day


def term(kind: str, app: dt.date) -> int:
    if kind == "design":
        return 15 if app >= dt.date(2021, 6, 1) else 10
    return {"invention": 20, "utility": 10}[kind]


def reduction_years(due: dt.date) -> int:
    if due <= dt.date(2016, 8, 31):
        return 3
    return 6 if due <= dt.date(2018, 7, 31) else 10


def payable(p: dict, year: int, anniversary: dt.date) -> int:
    full = FEES[p["kind"]][year - 1]
    options = [full]
    if p["reduced"] and p["grant"] <= year < p["grant"] + reduction_years(anniversary):
        options.append(full * (15 if p["owners"] == 1 else 30) // 100)
    start, end = p["licence"] or (None, None)
    if start and start <= anniversary and (end is None or anniversary < end) \
            and anniversary >= OPEN_LICENCE_FROM:
        options.append(full * 85 // 100)
    return min(options)


def state(on: dt.date, due: dt.date, anniversary: dt.date) -> tuple[str, int]:
    if on <= due:
        return ("due_soon" if (due - on).days <= 90 else "normal"), 0
    for month in range(1, 7):
        edge = add_months(anniversary, month)
        if on <= (next_working_day(edge) if month == 6 else edge):
            return "grace", month
    return "terminated", 0


def reference_row(p: dict, on: dt.date) -> tuple | None:
    """The exported row of patent p on day `on`, None when it is not listed."""
    year = max(p["paid"] or p["grant"], p["grant"]) + 1
    if p["status"] != "valid" or year > term(p["kind"], p["app"]):
        return None
    anniversary = add_months(p["app"], 12 * (year - 1))
    due = next_working_day(anniversary)
    kind, month = state(on, due, anniversary)
    if kind == "normal":
        return None
    label = labels.FEE_GRACE_MONTH.format(n=month) if month else labels.FEE_WARN_STATE[kind]
    fee_year, amount, surcharge, total, last_day = fee(p, on, year, kind, month)
    _, _, county, street = PLACES[p["place"]]
    return (p["app_no"], f"专利{p['app_no']}", labels.PATENT_TYPE[p["kind"]], p["holder"],
            p["contact"] or p["address"], county, street or None, fee_year, due, label, amount,
            surcharge, total, last_day, labels.YES if p["reduced"] else None)


def fee(p: dict, on: dt.date, year: int, kind: str, month: int) -> tuple:
    """(year, payable, surcharge on `on`, total, last day of the grace period); past the end of
    the term nothing is owed any more, no surcharge either (the unpaid fee had ended the patent
    before)."""
    if on >= add_months(p["app"], 12 * term(p["kind"], p["app"])):
        return None, None, 0, None, None
    anniversary = add_months(p["app"], 12 * (year - 1))
    amount, full = payable(p, year, anniversary), FEES[p["kind"]][year - 1]
    surcharge = full * 5 * (month - 1) // 100 if month else 0
    total = None if kind == "terminated" else amount + surcharge
    return year, amount, surcharge, total, next_working_day(add_months(anniversary, 6))


# --- random patents -----------------------------------------------------------------------------

def near_an_edge(on: dt.date, months: int, shift: int) -> dt.date:
    """An anniversary that puts `on` at the edge of a grace month, the due date or the 90 days
    of 即将到期 (one day either side)."""
    if months == 7:
        return on + dt.timedelta(days=90 + shift)
    return add_months(on, -months) + dt.timedelta(days=shift)


@st.composite
def patents(draw, on: dt.date) -> dict:
    kind = draw(st.sampled_from(sorted(FEES)))
    year = draw(st.integers(2, 21))  # the year whose fee is next (past the term: not listed)
    anniversary = draw(st.integers(-240, 120).map(lambda n: on + dt.timedelta(days=n))
                       | st.builds(near_an_edge, st.just(on), st.integers(0, 7),
                                   st.integers(-1, 1)))
    app = add_months(anniversary, -12 * (year - 1))
    if draw(st.booleans()):  # the leap day and month ends
        app = draw(st.sampled_from([dt.date(2004, 2, 29), dt.date(2012, 2, 29),
                                    dt.date(2016, 2, 29), dt.date(2020, 2, 29),
                                    dt.date(2015, 1, 31), dt.date(2021, 5, 31),
                                    dt.date(2021, 6, 1)]))
        year = min(max(2, on.year - app.year + draw(st.integers(-1, 1))), 21)
    grant = draw(st.integers(1, year - 1))
    return dict(kind=kind, app=app, grant=grant, paid=None if grant == year - 1 else year - 1,
                place=draw(st.integers(0, len(PLACES) - 1)),
                contact=draw(st.sampled_from([None, "联系人 张三", "=1+1"])),
                address=draw(st.sampled_from(["苏州市吴中区越溪街道1号", "苏州市相城区2号"])),
                status=draw(st.sampled_from(["valid"] * 5 + ["lapsed"])), **draw(reliefs(on)))


@st.composite
def reliefs(draw, on: dt.date) -> dict:
    """What decides the payable amount besides the year: reduction, co-owners, open licence."""
    start = on + dt.timedelta(days=draw(st.integers(-900, 60)))
    stop = start + dt.timedelta(days=draw(st.integers(1, 600)))
    return dict(reduced=draw(st.booleans()), owners=draw(st.integers(1, 3)),
                licence=draw(st.sampled_from([None, (start, None), (start, stop)])))


@st.composite
def patent_lists(draw, on: dt.date) -> list[dict]:
    """Patents, and twins of some of them that differ in their reliefs only."""
    rows = draw(st.lists(patents(on), max_size=12))
    picks = draw(st.lists(st.integers(0, len(rows) - 1), max_size=4)) if rows else []
    return rows + [dict(rows[i], **draw(reliefs(on))) for i in picks]


def _store(rows: list[dict]) -> None:
    for model in (LegalEvent, Patent, Holder):
        model.delete().execute()
    for i, p in enumerate(rows):
        p["app_no"], p["holder"] = f"R{i}", f"H{i}"
        county, street, _, _ = PLACES[p["place"]]
        h = holder(p["holder"], address=p["address"], contact=p["contact"],
                   fee_reduction=p["reduced"])
        made = patent(p["app_no"], h, county, street, p["kind"], app_date=p["app"],
                      grant_patent_year=p["grant"], paid_through_year=p["paid"],
                      holder_count=p["owners"], status=p["status"])
        if p["licence"]:
            LegalEvent.create(patent=made, kind="open_licence", date=p["licence"][0])
            if p["licence"][1]:
                LegalEvent.create(patent=made, kind="open_licence_withdrawal",
                                  date=p["licence"][1])
        p["id"] = made.id


def _sheet(data: bytes) -> list[tuple]:
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0] == tuple(fw.EXPORT_COLUMNS.values())
    return [tuple(v.date() if isinstance(v, dt.datetime) else v for v in r) for r in rows[1:]]


def _page_rows(q: fw.FeeQuery) -> list[tuple]:
    """The page's rows in the export's columns (empty text as the sheet reads it back: None)."""
    frame = fw.page(q, 0, 1000)
    frame = frame[list(fw.EXPORT_COLUMNS)].astype(object).where(frame.notna(), None)
    return [tuple(None if v == "" else v for v in row) for row in frame.values.tolist()]


ONS = st.dates(dt.date(2022, 1, 1), dt.date(2026, 9, 30)) | st.dates(dt.date(2024, 7, 1),
                                                                   dt.date(2026, 9, 30))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), on=ONS)
def test_export_rows_equal_the_reference(db, data, on):
    rows = data.draw(patent_lists(on))
    _store(rows)
    refresh_fee_columns(on)
    q = fw.FeeQuery(Scope("3205"), on, fw.WARN_STATES)
    listed = sorted((r for r in rows if reference_row(r, on)),
                    key=lambda r: (reference_row(r, on)[8], r["id"]))
    expected = [reference_row(r, on) for r in listed]
    got = _sheet(rows_to_xlsx_bytes(fw.export_rows(q), fw.EXPORT_COLUMNS, labels.FEE_SHEET))
    assert got == expected
    assert _page_rows(q) == expected
