"""core/fee_warnings on a hand-built database: states, grace months (incl. due dates shared by
several anniversaries through the holiday rule), counts, list amounts, export."""
from __future__ import annotations

import io

import openpyxl
import pytest

from core.exports.sheet import rows_to_xlsx_bytes
from core.monitor import fee_warnings as fw
from core.regions.query import Scope
from core.rules import fees
from tests.monitor_data import WUZHONG, XIANGCHENG, YUEXI, day, holder, patent

ON = day("2025-04-16")


def _fee_patent(app_no, h, kind, app, grant_year, paid, county=WUZHONG, street=YUEXI,
                status="valid"):
    app = day(app)
    return patent(app_no, h, county, street, kind, app_date=app, grant_patent_year=grant_year,
                  paid_through_year=paid, next_fee_due=fees.due_date(app, paid + 1),
                  status=status)


def _build():
    a = holder("苏州甲科技有限公司", address="苏州市吴中区越溪街道1号", contact="=HYPERLINK(\"x\")")
    b = holder("苏州乙大学", address="苏州市相城区元和街道2号", fee_reduction=True)
    _fee_patent("F1", a, "invention", "2019-03-15", 3, 6)  # due 2025-03-15 Sat → 03-17: month 2
    _fee_patent("F2", a, "invention", "2018-03-16", 3, 7)  # due 03-16 Sun → 03-17: month 1
    _fee_patent("F3", b, "utility", "2020-05-20", 2, 5)  # due 2025-05-20: due soon
    _fee_patent("F4", a, "design", "2017-07-20", 2, 8)  # due 2025-07-21: beyond 90 days
    _fee_patent("F5", a, "invention", "2015-10-10", 3, 9)  # due 2024-10-10: past no return
    _fee_patent("F6", b, "invention", "2016-01-05", 3, 9)  # due 2025-01-05 Sun → 01-06: month 4
    _fee_patent("F7", a, "invention", "2019-03-15", 3, 6, status="lapsed")
    _fee_patent("F8", b, "utility", "2021-05-10", 2, 4, county=XIANGCHENG, street=None)
    return a, b


def _q(region="3205", states=("due_soon", "grace", "terminated"), **kw):
    scope = Scope(region, patent_types=kw.pop("types", ()), holder=kw.pop("holder", ""))
    return fw.FeeQuery(scope, ON, states, **kw)


def test_shared_due_date_is_mixed_and_resolved_per_filing_date(db):
    m = fw.due_map(ON)
    assert fw.nominal_candidates(day("2025-03-17")) == [day("2025-03-17"), day("2025-03-16"),
                                                       day("2025-03-15")]
    assert m.mixed[day("2025-03-17")] == {day("2025-03-17"): ("grace", 1),
                                         day("2025-03-16"): ("grace", 1),
                                         day("2025-03-15"): ("grace", 2)}
    assert m.of(day("2025-03-17"), day("2019-03-15")) == ("grace", 2)
    assert m.of(day("2025-03-17"), day("2018-03-16")) == ("grace", 1)
    assert m.of(day("2024-01-01")) == ("terminated", 0)
    assert m.of(day("2025-12-01")) == ("normal", 0)


def test_filing_dates_for_month_end():
    got = fw.filing_dates_for(day("2025-02-28"), max_years=5)
    assert got == [day("2020-02-28"), day("2020-02-29"), day("2021-02-28"), day("2022-02-28"),
                   day("2023-02-28"), day("2024-02-28"), day("2024-02-29")]


def test_counts_by_state(db):
    _build()
    frame = fw.counts(_q())
    assert frame.to_dict("records") == [
        {"state": "due_soon", "grace_month": 0, "label": "即将到期", "n": 2},
        {"state": "grace", "grace_month": 1, "label": "滞纳期第1月", "n": 1},
        {"state": "grace", "grace_month": 2, "label": "滞纳期第2月", "n": 1},
        {"state": "grace", "grace_month": 4, "label": "滞纳期第4月", "n": 1},
        {"state": "terminated", "grace_month": 0, "label": "已过滞纳期（待终止公告）", "n": 1},
    ]
    assert fw.total(_q()) == 6


def test_counts_by_subregion(db):
    _build()
    frame = fw.counts(_q(), by_subregion=True)
    assert frame[["state", "grace_month", "code", "name", "n"]].values.tolist() == [
        ["due_soon", 0, WUZHONG, "吴中区", 1], ["due_soon", 0, XIANGCHENG, "相城区", 1],
        ["grace", 1, WUZHONG, "吴中区", 1], ["grace", 2, WUZHONG, "吴中区", 1],
        ["grace", 4, WUZHONG, "吴中区", 1], ["terminated", 0, WUZHONG, "吴中区", 1]]


@pytest.mark.parametrize("kw,expected", [
    (dict(states=("grace",)), ["F6", "F1", "F2"]),
    (dict(states=("grace",), grace_months=(2,)), ["F1"]),
    (dict(states=("grace",), grace_months=(1,)), ["F2"]),
    (dict(states=("due_soon",)), ["F8", "F3"]),
    (dict(states=("terminated",)), ["F5"]),
    (dict(holder="乙大学"), ["F6", "F8", "F3"]),
    (dict(types=("utility",)), ["F8", "F3"]),
    (dict(region=XIANGCHENG), ["F8"]),
])
def test_list_filters(db, kw, expected):
    _build()
    q = _q(**kw)
    assert fw.page(q, 0, 50)["app_no"].tolist() == expected
    assert fw.total(q) == len(expected)


def test_list_amounts_match_core_fees(db):
    _build()
    frame = fw.page(_q(), 0, 50)
    got = frame[["app_no", "fee_year", "state", "grace_month", "amount", "surcharge_rate",
                 "surcharge", "total", "reduced"]].astype(object).where(frame.notna(), None)
    assert got.values.tolist() == [
        ["F5", 10, "terminated", None, 4000, 0, 0, None, ""],
        ["F6", 10, "grace", 4, 600, 15, 600, 1200, "是"],  # reduced 15 %; surcharge on full 4000
        ["F1", 7, "grace", 2, 2000, 5, 100, 2100, ""],
        ["F2", 8, "grace", 1, 2000, 0, 0, 2000, ""],
        ["F8", 5, "due_soon", None, 135, 0, 0, 135, "是"],
        ["F3", 6, "due_soon", None, 180, 0, 0, 180, "是"],
    ]
    for row in frame.itertuples():  # the state from the due-date map agrees with core.fees
        state = fees.state_on(row.patent_type, row.app_date, 3 if row.patent_type == "invention"
                              else 2, row.paid_through_year, ON)
        assert (state.state, state.grace_month) == (row.state, None if pd_na(row.grace_month)
                                                    else row.grace_month)
    assert frame.loc[frame["app_no"] == "F1", "address"].item() == "=HYPERLINK(\"x\")"
    assert frame.loc[frame["app_no"] == "F3", "address"].item() == "苏州市相城区元和街道2号"


def pd_na(value) -> bool:
    return value is None or value != value


def test_pagination_and_export(db):
    _build()
    q = _q()
    pages = [fw.page(q, off, 4)["app_no"].tolist() for off in (0, 4)]
    assert pages == [["F5", "F6", "F1", "F2"], ["F8", "F3"]]
    data = rows_to_xlsx_bytes(fw.export_rows(q), fw.EXPORT_COLUMNS, "年费预警")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == list(fw.EXPORT_COLUMNS.values())
    assert [r[0] for r in rows[1:]] == ["F5", "F6", "F1", "F2", "F8", "F3"]
    f1 = dict(zip(rows[0], rows[3]))
    assert (f1["联系地址"], f1["预警状态"], f1["应缴年费（元）"],
            f1["当日滞纳金（元）"]) == ("=HYPERLINK(\"x\")", "滞纳期第2月", 2000, 100)
    assert ws.cell(row=4, column=5).data_type == "s"  # the formula-like address stays text


def test_summary_equals_the_separate_queries(db):
    _build()
    patent("N1", None, WUZHONG, None, "invention", app_date=day("2019-03-15"),
           grant_patent_year=3, paid_through_year=6, next_fee_due=day("2025-03-17"),
           status="valid", street_code=None)  # no street: counted, not placed in a street
    for q in (_q(), _q(states=("grace",)), _q(states=("due_soon",)), _q(WUZHONG),
              _q(holder="乙大学"), _q(states=("grace",), grace_months=(2, 4))):
        got = fw.summary(q)
        every = fw.FeeQuery(q.scope, q.on, fw.WARN_STATES)
        assert got["states"].to_dict("records") == fw.counts(every).to_dict("records")
        assert got["sub"].to_dict("records") == fw.counts(q, True).to_dict("records")
        assert got["total"] == fw.total(q)


def test_list_and_export_print_application_numbers(db):
    a = holder("苏州甲科技有限公司")
    _fee_patent("2020200000036", a, "utility", "2020-05-20", 2, 5)  # due 2025-05-20
    _fee_patent("F9", a, "utility", "2020-05-21", 2, 5)  # a placeholder is shown as stored
    assert fw.page(_q(), 0, 50)["app_no"].tolist() == ["202020000003.6", "F9"]
    assert [r["app_no"] for r in fw.export_rows(_q())] == ["202020000003.6", "F9"]
