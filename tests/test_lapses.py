"""core/lapses on a hand-built database (SQLite and PostgreSQL): whole results compared."""
from __future__ import annotations

import io

import openpyxl

from core.exports.sheet import rows_to_xlsx_bytes
from core.monitor import lapses
from core.regions.query import Scope
from tests.monitor_data import CHANGQIAO, WUZHONG, XIANGCHENG, YUEXI, day, holder, patent

PERIOD = (day("2025-01-01"), day("2025-12-31"))


def _build():
    a = holder("苏州甲科技有限公司")
    b = holder("苏州乙大学")
    g = day("2020-05-01")
    rows = [  # app_no, holder, county, street, type, reason, lapse date
        ("P1", a, WUZHONG, CHANGQIAO, "invention", "unpaid_fee", "2025-03-15"),
        ("P2", a, WUZHONG, YUEXI, "utility", "unpaid_fee", "2025-03-20"),
        ("P3", a, WUZHONG, CHANGQIAO, "utility", "expired", "2025-06-01"),
        ("P4", b, XIANGCHENG, None, "invention", "invalidated", "2025-06-30"),
        ("P5", b, XIANGCHENG, None, "design", "surrendered", "2025-12-31"),
        ("P6", b, XIANGCHENG, None, "design", None, "2025-02-01"),  # reason unknown
        ("P7", a, WUZHONG, CHANGQIAO, "invention", "unpaid_fee", "2024-12-31"),  # before period
        ("P8", a, "320505", None, "invention", "unpaid_fee", "2025-04-01"),  # another county
    ]
    for app_no, h, county, street, kind, reason, lapsed in rows:
        patent(app_no, h, county, street, kind, status="lapsed", status_reason=reason,
               lapse_date=day(lapsed), grant_date=g, app_date=day("2015-03-15"))
    # a failed application (never granted) and a valid patent
    patent("A1", b, WUZHONG, CHANGQIAO, "invention", status="lapsed", status_reason="withdrawn",
           lapse_date=day("2025-05-05"), app_date=day("2023-01-01"))
    patent("V1", a, WUZHONG, CHANGQIAO, "invention", status="valid", grant_date=g)
    return a, b


def _q(region="3205", **kw):
    scope = Scope(region, patent_types=kw.pop("types", ()), holder=kw.pop("holder", ""))
    return lapses.LapseQuery(scope, *PERIOD, **kw)


def test_by_reason(db):
    _build()
    frame = lapses.by_reason(_q())
    assert frame.to_dict("records") == [
        {"reason": "unpaid_fee", "label": "未缴年费", "n": 3},
        {"reason": "expired", "label": "期限届满", "n": 1},
        {"reason": "invalidated", "label": "无效宣告", "n": 1},
        {"reason": "surrendered", "label": "放弃", "n": 1},
        {"reason": "unknown", "label": "未知", "n": 1},
    ]
    assert lapses.total(_q()) == 7
    with_apps = lapses.by_reason(_q(granted_only=False))
    assert dict(zip(with_apps["reason"], with_apps["n"]))["withdrawn"] == 1
    assert lapses.total(_q(granted_only=False)) == 8


def test_by_subregion_county_and_street(db):
    _build()
    frame = lapses.by_subregion(_q())
    assert frame[["code", "name", "n", "unpaid_fee", "expired", "invalidated", "surrendered",
                  "double_patenting", "other"]].values.tolist() == [
        ["320506", "吴中区", 3, 2, 1, 0, 0, 0, 0],
        ["320507", "相城区", 3, 0, 0, 1, 1, 0, 1],
        ["320505", "虎丘区", 1, 1, 0, 0, 0, 0, 0],
    ]
    streets = lapses.by_subregion(_q(WUZHONG))
    assert streets[["code", "name", "n"]].values.tolist() == [
        [CHANGQIAO, "长桥街道", 2], [YUEXI, "越溪街道", 1]]


def test_by_holder_and_filters(db):
    a, b = _build()
    frame = lapses.by_holder(_q())
    assert frame[["holder_id", "name", "n", "unpaid_fee", "other"]].values.tolist() == [
        [a.id, "苏州甲科技有限公司", 4, 3, 0], [b.id, "苏州乙大学", 3, 0, 1]]
    only_b = lapses.by_reason(_q(holder="乙大"))
    assert only_b["n"].sum() == 3
    inventions = lapses.by_reason(_q(types=("invention",)))
    assert dict(zip(inventions["reason"], inventions["n"])) == {"unpaid_fee": 2, "invalidated": 1}
    fee_only = lapses.by_subregion(_q(reasons=("unpaid_fee",)))
    assert fee_only[["code", "n"]].values.tolist() == [["320506", 2], ["320505", 1]]


def test_by_month(db):
    _build()
    frame = lapses.by_month(_q())
    assert frame.values.tolist() == [
        ["2025-02", "unknown", 1], ["2025-03", "unpaid_fee", 2], ["2025-04", "unpaid_fee", 1],
        ["2025-06", "expired", 1], ["2025-06", "invalidated", 1], ["2025-12", "surrendered", 1]]


def test_page_order_and_export_round_trip(db):
    _build()
    first = lapses.page(_q(), 0, 3)
    assert first["app_no"].tolist() == ["P5", "P4", "P3"]
    assert first["reason_label"].tolist() == ["放弃", "无效宣告", "期限届满"]
    second = lapses.page(_q(), 3, 3)
    assert second["app_no"].tolist() == ["P8", "P2", "P1"]
    data = rows_to_xlsx_bytes(lapses.export_rows(_q()), lapses.EXPORT_COLUMNS, "失效专利")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [[c.value for c in r] for r in ws.iter_rows()]
    assert values[0] == list(lapses.EXPORT_COLUMNS.values())
    assert [r[0] for r in values[1:]] == ["P5", "P4", "P3", "P8", "P2", "P1", "P6"]
    assert values[5][2:8] == ["实用新型", "苏州甲科技有限公司", None, "吴中区", "越溪街道", "未缴年费"]


def test_summary_equals_the_separate_queries(db):
    _build()
    for q in (_q(), _q(WUZHONG), _q(granted_only=False), _q(reasons=("unpaid_fee",)),
              _q(holder="甲科技")):
        got = lapses.summary(q)
        assert got["total"] == lapses.total(q)
        assert got["by_reason"].to_dict("records") == lapses.by_reason(q).to_dict("records")
        assert got["by_subregion"].to_dict("records") == \
            lapses.by_subregion(q).to_dict("records")
        assert got["by_month"].to_dict("records") == lapses.by_month(q).to_dict("records")


def test_gazette_date_of_the_lapse_event(db):
    from core.db.models import LegalEvent, Patent
    _build()
    p1, p2 = Patent.get(Patent.app_no == "P1"), Patent.get(Patent.app_no == "P2")
    LegalEvent.create(patent=p1, kind="lapse_unpaid", code="CF01", date=day("2025-03-15"),
                      announce_date=day("2025-10-20"))
    LegalEvent.create(patent=p2, kind="transfer", code="TR01", announce_date=day("2024-01-05"))
    frame = lapses.page(_q(reasons=("unpaid_fee",)), 0, 10)
    assert list(zip(frame["app_no"], frame["announce_date"])) == [
        ("P8", None), ("P2", None), ("P1", day("2025-10-20"))]
    rows = list(lapses.export_rows(_q(reasons=("unpaid_fee",))))
    assert [(r["app_no"], r["announce_date"]) for r in rows] == [
        ("P8", None), ("P2", None), ("P1", day("2025-10-20"))]


def test_list_and_export_print_application_numbers(db):
    a = holder("苏州甲科技有限公司")
    for app_no, lapsed in (("201530000005X", "2025-06-01"), ("P9", "2025-05-01")):
        patent(app_no, a, patent_type="design", status="lapsed", status_reason="unpaid_fee",
               lapse_date=day(lapsed), grant_date=day("2016-01-01"), app_date=day("2015-03-15"))
    assert lapses.page(_q(), 0, 10)["app_no"].tolist() == ["201530000005.X", "P9"]
    assert [r["app_no"] for r in lapses.export_rows(_q())] == ["201530000005.X", "P9"]
