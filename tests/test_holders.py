"""core/holders: holder statistics and tagging (audited), on both backends."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from core.db.models import AuditLog, Holder, HolderTag, Patent, PatentHolder, PatentIndustry
from core.regions.query import Scope
from core.stats import holders

D = dt.date
_serial = iter(range(1, 10_000))


def _patent(holder, ptype="invention", status="valid", county="320506", app=D(2020, 1, 1)):
    p = Patent.create(app_no=f"{app.year}1{next(_serial):07d}0", patent_type=ptype,
                      title="t", app_date=app, app_year=app.year, first_holder=holder,
                      status=status, city_code=county[:4], county_code=county)
    PatentHolder.create(patent=p, holder=holder, seq=1, current=True)
    return p


@pytest.fixture
def data(db):
    a = Holder.create(name="甲科技有限公司", norm_name="甲科技", kind="enterprise")
    b = Holder.create(name="乙大学", norm_name="乙大学", kind="university")
    c = Holder.create(name="丙", norm_name="丙", kind="individual")
    d = Holder.create(name="丁公司", norm_name="丁公司", kind="enterprise")
    HolderTag.create(holder=a, tag="hightech")
    HolderTag.create(holder=a, tag="above_scale")
    HolderTag.create(holder=d, tag="hightech")
    pa = [_patent(a, app=D(2015, 5, 1)), _patent(a, "utility"), _patent(a, "utility"),
          _patent(a, status="lapsed")]
    _patent(b, app=D(2023, 3, 1))
    _patent(b, "design", county="320505", app=D(2023, 6, 1))
    _patent(c, "utility", county="320102", app=D(2024, 1, 1))
    _patent(d, status="pending", app=D(2024, 2, 1))
    PatentIndustry.create(patent=pa[0], industry_code="ne")
    holders.refresh_holder_columns()
    return a, b, c, d


def _frame(rows):
    return pd.DataFrame(rows, columns=holders.STAT_COLUMNS)


def test_refresh_sets_the_earliest_filing_and_the_count_of_each_holder(data):
    a, b, c, d = data
    got = {h.name: (h.first_filing, h.patent_count) for h in Holder.select().order_by(Holder.id)}
    assert got == {"甲科技有限公司": (D(2015, 5, 1), 4), "乙大学": (D(2023, 3, 1), 2),
                   "丙": (D(2024, 1, 1), 1), "丁公司": (D(2024, 2, 1), 1)}


def test_refresh_of_some_patents_touches_only_their_holders(data):
    """A co-holder counts too (its first filing anywhere); holders of other patents keep their
    stored columns (stale on purpose here)."""
    a, b, c, d = data
    Holder.update(first_filing=None, patent_count=0).execute()
    early = _patent(b, app=D(2001, 7, 1))
    PatentHolder.create(patent=early, holder=c, seq=2, current=True)
    holders.refresh_holder_columns(f"SELECT id FROM patent WHERE id = {early.id}")
    got = {h.name: (h.first_filing, h.patent_count) for h in Holder.select().order_by(Holder.id)}
    assert got == {"甲科技有限公司": (None, 0), "乙大学": (D(2001, 7, 1), 3),
                   "丙": (D(2001, 7, 1), 2), "丁公司": (None, 0)}


def test_holder_stats_counts_valid_patents_by_type_with_new_holders_marked(data):
    a, b, c, d = data
    q = Scope(region="3205", date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    got = holders.holder_stats(q)
    expected = _frame([
        [a.id, "甲科技有限公司", "enterprise", "above_scale,hightech", D(2015, 5, 1), False,
         1, 2, 0, 3],
        [b.id, "乙大学", "university", "", D(2023, 3, 1), True, 1, 0, 1, 2],
    ])
    pd.testing.assert_frame_equal(got, expected)
    assert holders.holder_totals(q) == {"holders": 2, "new": 1, "valid": 5}


FILTER_CASES = [
    (Scope(region="320505"), ["乙大学"]),
    (Scope(holder_kinds=("university", "individual")), ["乙大学", "丙"]),
    (Scope(holder_tags=("hightech",)), ["甲科技有限公司"]),  # 丁 has no valid patent
    (Scope(holder_tags=("hightech", "above_scale")), ["甲科技有限公司"]),
    (Scope(industry="ne"), ["甲科技有限公司"]),
    (Scope(date_from=D(2023, 1, 1), new_only=True), ["乙大学", "丙"]),
    (Scope(holder="大学"), ["乙大学"]),
    (Scope(region="3201"), ["丙"]),
]


def test_holder_filters(data):
    got = [(q, holders.holder_stats(q)["name"].tolist()) for q, _ in FILTER_CASES]
    assert got == FILTER_CASES


def test_sorting_by_type_and_by_first_filing(data):
    q = Scope()
    assert holders.holder_stats(q, sort="valid_design")["name"].tolist() == [
        "乙大学", "甲科技有限公司", "丙"]
    assert holders.holder_stats(q, sort="first_filing")["name"].tolist() == [
        "丙", "乙大学", "甲科技有限公司"]
    assert holders.holder_stats(q, limit=1, offset=1)["name"].tolist() == ["乙大学"]


def test_kind_split_counts_holders_new_holders_and_valid_patents_per_kind(data):
    got = holders.kind_split(Scope(date_from=D(2023, 1, 1)))
    expected = pd.DataFrame({"kind": ["enterprise", "university", "individual"],
                             "holders": [1, 1, 1], "new": [0, 1, 1], "valid": [3, 2, 1]})
    pd.testing.assert_frame_equal(got, expected)


def test_update_holder_changes_kind_tags_and_fee_flag_with_one_audit_row(data):
    a = data[0]
    changes = holders.update_holder(a.id, "checker", kind="institute",
                                    tags=["hightech", " 专精特新 ", "专精特新"], fee_reduction=True)
    assert changes == {"kind": ["enterprise", "institute"],
                       "tags": [["above_scale", "hightech"], ["hightech", "专精特新"]],
                       "fee_reduction": [False, True]}
    fresh = Holder.get_by_id(a.id)
    assert (fresh.kind, fresh.fee_reduction) == ("institute", True)
    assert holders.tags_of([a.id]) == {a.id: ["hightech", "专精特新"]}
    log = AuditLog.get()
    assert (log.username, log.action, log.object_type, log.object_id) == (
        "checker", "change", "holder", str(a.id))
    assert json.loads(log.payload) == changes
    assert holders.tags_in_use() == ["hightech", "above_scale", "专精特新"]


def test_update_without_change_writes_nothing_and_bad_input_is_refused(data):
    a = data[0]
    assert holders.update_holder(a.id, "x", kind="enterprise",
                                 tags=["hightech", "above_scale"]) == {}
    assert AuditLog.select().count() == 0
    with pytest.raises(holders.TagError):
        holders.update_holder(a.id, "x", kind="alien")
    with pytest.raises(holders.TagError):
        holders.update_holder(a.id, "x", tags=["a,b"])
    assert holders.tags_of([a.id]) == {a.id: ["above_scale", "hightech"]}


def test_search_holders_for_the_back_office(data):
    a, b, c, d = data
    got = holders.search_holders("科技")
    assert got.columns.tolist() == holders.ADMIN_COLUMNS
    assert got[["id", "name", "tags"]].values.tolist() == [
        [a.id, "甲科技有限公司", "above_scale,hightech"]]
    assert holders.search_holders(tag="hightech")["name"].tolist() == ["甲科技有限公司", "丁公司"]
    assert holders.search_holders(kind="university")["name"].tolist() == ["乙大学"]
    assert holders.search_holders(fee_reduction=True).empty


def test_admin_config_names_real_holder_fields():
    config = holders.HOLDER_ADMIN
    model_fields = set(Holder._meta.fields)
    assert set(config.columns) <= model_fields
    assert set(config.search_fields) <= model_fields
    assert set(config.editable) <= model_fields | set(config.computed)
    assert set(config.filters) <= model_fields | set(config.computed)


def test_top_holders_chart_stacks_types_and_marks_new_holders():
    from ui.charts import holders as charts
    frame = _frame([[1, "甲", "enterprise", "", D(2015, 1, 1), False, 1, 2, 0, 3],
                    [2, "乙", "university", "", D(2023, 1, 1), True, 1, 0, 1, 2]])
    options = json.loads(charts.top_holders(frame).dump_options())
    assert options["yAxis"][0]["data"] == ["甲", "乙 ★"]
    assert [(s["name"], s["data"], s["stack"]) for s in options["series"]] == [
        ("发明", [1, 1], "total"), ("实用新型", [2, 0], "total"), ("外观设计", [0, 1], "total")]
    assert options["title"][0]["text"] == "权利人有效专利排行（按类型）"
    assert options["title"][0]["subtext"] == "按第一权利人 · 截至当前法律状态 · ★期内新增"
    assert charts.holder_name("乙 ★") == "乙" and charts.holder_name(None) is None


def test_kind_split_chart():
    from ui.charts import holders as charts
    frame = pd.DataFrame({"kind": ["enterprise", "university"], "holders": [3, 1],
                          "valid": [10, 4]})
    options = json.loads(charts.kind_split(frame).dump_options())
    assert options["series"][0]["data"] == [{"name": "企业", "value": 10},
                                            {"name": "高校", "value": 4}]
