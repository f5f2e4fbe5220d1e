"""core/expiry_notices on a hand-built database: horizons, months, sub-regions, indicator effect."""
from __future__ import annotations

import io

import openpyxl
import pytest

from core.config import params
from core.config import rules as ruleparams
from core.exports.sheet import rows_to_xlsx_bytes
from core.monitor import expiry as ex
from core.regions.query import Scope
from tests.monitor_data import CHANGQIAO, WUZHONG, XIANGCHENG, YUEXI, day, holder, patent

ON = day("2025-04-16")


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def _build():
    a = holder("苏州甲科技有限公司", address="苏州市吴中区长桥街道1号")
    b = holder("外资乙公司", domestic=False)
    rows = [  # app_no, holder, county, street, type, expiry, domestic, high value, status
        ("E1", a, WUZHONG, CHANGQIAO, "invention", "2025-04-16", True, True, "valid"),  # today
        ("E2", a, WUZHONG, YUEXI, "invention", "2025-07-16", True, False, "valid"),  # 3 months
        ("E3", a, WUZHONG, CHANGQIAO, "utility", "2025-07-17", True, False, "valid"),  # 6 months
        ("E4", b, XIANGCHENG, None, "invention", "2025-10-16", False, False, "valid"),
        ("E5", a, XIANGCHENG, None, "design", "2026-04-16", True, False, "valid"),  # 12 months
        ("E6", a, WUZHONG, CHANGQIAO, "invention", "2026-04-17", True, True, "valid"),  # beyond
        ("E7", a, WUZHONG, CHANGQIAO, "invention", "2025-04-15", True, False, "valid"),  # past
        ("E8", a, WUZHONG, CHANGQIAO, "invention", "2025-05-01", True, False, "lapsed"),
        ("E9", a, WUZHONG, CHANGQIAO, "invention", "2040-01-01", True, True, "valid"),
    ]
    for app_no, h, county, street, kind, expiry, domestic, hv, status in rows:
        patent(app_no, h, county, street, kind, expiry_date=day(expiry), domestic=domestic,
               high_value=hv, award="中国专利奖" if hv else None, status=status,
               app_date=day("2005-04-16"))


def _q(region="3205", months=12, **kw):
    scope = Scope(region, patent_types=kw.pop("types", ()), holder=kw.pop("holder", ""))
    return ex.ExpiryQuery(scope, ON, months)


def test_horizon_counts(db):
    _build()
    frame = ex.horizon_counts(_q())
    assert frame.values.tolist() == [
        ["invention", "发明", 2, 3, 3],
        ["utility", "实用新型", 0, 1, 1],
        ["design", "外观设计", 0, 0, 1],
        ["all", "全部", 2, 4, 5],
    ]


def test_by_month_and_subregion(db):
    _build()
    months = ex.by_month(_q(months=6))
    assert months.values.tolist() == [
        ["2025-04", 1, 0, 0], ["2025-05", 0, 0, 0], ["2025-06", 0, 0, 0],
        ["2025-07", 1, 1, 0], ["2025-08", 0, 0, 0], ["2025-09", 0, 0, 0],
        ["2025-10", 1, 0, 0]]
    assert list(months.columns) == ["month", "invention", "utility", "design"]
    sub = ex.by_subregion(_q())
    assert sub.values.tolist() == [[WUZHONG, "吴中区", 3, 2, 1], [XIANGCHENG, "相城区", 2, 1, 0]]
    streets = ex.by_subregion(_q(WUZHONG))
    assert streets[["code", "n"]].values.tolist() == [[CHANGQIAO, 2], [YUEXI, 1]]


def test_indicator_effect(db):
    """High-value judged as the indicators judge it (core.rules.highvalue): here by the award
    alone, the long-maintained category switched off (every patent here was filed in 2005)."""
    _build()
    params.set_value("population", 1295.8, region_code="3205", year=2025)
    params.set_value("high_value_rules", {"long_maintained": False})
    ruleparams.clear()
    frame = ex.indicator_effect(Scope("3205"), ON)
    assert frame.drop(columns="label").values.tolist() == [
        ["valid_inventions", 6, 4, 3, 3],  # E1 E2 E4 E6 E7 E9; E1+E2 by 3 months, E4 by 6
        ["domestic_valid_inventions", 5, 3, 3, 3],
        ["per_10k", round(5 / 1295.8, 2), round(3 / 1295.8, 2), round(3 / 1295.8, 2),
         round(3 / 1295.8, 2)],
        ["high_value", 3, 2, 2, 2],
        ["high_value_per_10k", round(3 / 1295.8, 2), round(2 / 1295.8, 2), round(2 / 1295.8, 2),
         round(2 / 1295.8, 2)],
    ]
    assert frame["label"].tolist()[2] == "每万人口发明专利拥有量"


def test_indicator_effect_without_population(db):
    _build()
    frame = ex.indicator_effect(Scope(WUZHONG), ON)
    assert frame.set_index("key").loc["per_10k"].drop("label").tolist() == [None] * 4
    assert frame.set_index("key").loc["valid_inventions"].drop("label").tolist() == [5, 3, 3, 3]


def test_list_filters_and_export(db):
    _build()
    assert ex.page(_q(), 0, 50)["app_no"].tolist() == ["E1", "E2", "E3", "E4", "E5"]
    assert ex.page(_q(months=3), 0, 50)["app_no"].tolist() == ["E1", "E2"]
    assert ex.page(_q(holder="外资"), 0, 50)["app_no"].tolist() == ["E4"]
    assert ex.page(_q(types=("design", "utility")), 0, 50)["app_no"].tolist() == ["E3", "E5"]
    assert ex.page(_q(), 2, 2)["app_no"].tolist() == ["E3", "E4"]
    assert ex.total(_q(months=6)) == 4
    data = rows_to_xlsx_bytes(ex.export_rows(_q()), {"app_no": "申请号", "expiry_date": "届满日",
                                                     "high_value_label": "高价值",
                                                     "street": "街道"}, "届满通知")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[:3] == [["申请号", "届满日", "高价值", "街道"],
                        ["E1", day_time("2025-04-16"), "是", "长桥街道"],
                        ["E2", day_time("2025-07-16"), None, "越溪街道"]]


def day_time(text: str):
    import datetime as dt
    return dt.datetime.fromisoformat(text)


def test_summary_equals_the_separate_queries(db):
    _build()
    patent("E10", None, WUZHONG, None, "invention", expiry_date=day("2025-05-01"),
           status="valid", high_value=True, street_code=None)
    for q in (_q(), _q(months=3), _q(months=6), _q(WUZHONG), _q(holder="甲科技"),
              _q(types=("invention",))):
        got = ex.summary(q)
        assert got["horizon_counts"].values.tolist() == ex.horizon_counts(q).values.tolist()
        assert got["by_month"].values.tolist() == ex.by_month(q).values.tolist()
        assert list(got["by_month"].columns) == list(ex.by_month(q).columns)
        assert got["by_subregion"].values.tolist() == ex.by_subregion(q).values.tolist()
        assert got["total"] == ex.total(q)


def test_list_and_export_print_application_numbers(db):
    a = holder("苏州甲科技有限公司")
    for app_no, expiry in (("2005100000017", "2025-05-01"), ("E10", "2025-06-01")):
        patent(app_no, a, expiry_date=day(expiry), status="valid", app_date=day("2005-05-01"))
    assert ex.page(_q(), 0, 50)["app_no"].tolist() == ["200510000001.7", "E10"]
    assert [r["app_no"] for r in ex.export_rows(_q())] == ["200510000001.7", "E10"]
