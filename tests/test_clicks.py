"""Chart click → filter (ui.clicks) for every clickable chart, fed the payloads ECharts sends:
the name of the clicked element (ui.echarts.CLICK_NAME returns params.name) — a category of the
chart's axis, a pie slice's or a heat-map cell's name — read from the chart the page builds."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from core.config import labels
from ui import clicks
from ui.charts import agencies, holders, industry, maps, operations, overview, regions, trend
from ui.clicks import Drill, Pick, Search


def S(params: dict, dated: bool = True) -> Search:
    """A click's search: every click includes the filings not yet published."""
    return Search({"unpublished": "1", **params}, dated)

def click_names(chart) -> list[str]:
    """What a click on each element of `chart` returns: item names of pie / map / heat-map
    series, else the categories of the category axis (ECharts passes them as strings)."""
    options = json.loads(chart.dump_options())
    series = options["series"][0]
    if series["type"] in ("pie", "map", "heatmap"):
        return [item["name"] for item in series["data"]]
    axis = next(a for a in options["xAxis"] + options["yAxis"] if a.get("data"))
    return [str(c) for c in axis["data"]]


def click_picks(chart) -> list[Pick]:
    """What a click on each bar of `chart` returns with ui.echarts.CLICK_SERIES: the series'
    name and the category, series by series."""
    options = json.loads(chart.dump_options())
    return [Pick(series["name"], name) for series in options["series"]
            for name in click_names(chart)]


SUBREGIONS = pd.DataFrame({"code": ["320506", "320505"], "name": ["吴中区", "虎丘区"],
                           "valid": [30, 20]})
STREETS = pd.DataFrame({"code": ["320506001", "320506002"], "name": ["长桥街道", "郭巷街道"],
                        "valid": [9, 4]})


def ranking_of(frame: pd.DataFrame):
    return overview.ranking(frame["name"].tolist(), {"有效": frame["valid"].tolist()}, "t", "r")


def test_a_sub_region_bar_drills_into_the_county_and_a_street_bar_searches_it():
    assert [clicks.subregion(n, SUBREGIONS) for n in click_names(ranking_of(SUBREGIONS))] == [
        Drill("320506"), Drill("320505")]
    assert clicks.subregion(click_names(ranking_of(STREETS))[1], STREETS) == \
        S({"region": "320506002", "status": "valid"}, dated=False)


def test_a_county_on_the_map_drills_into_it():
    pairs = list(zip(SUBREGIONS["name"], SUBREGIONS["valid"]))
    names = click_names(maps.county_map(pairs, "t", "r", "有效"))
    assert names == ["吴中区", "虎丘区"]
    assert clicks.subregion(names[0], SUBREGIONS) == Drill("320506")


def test_regions_page_other_levels_and_custom_regions_search_instead_of_drilling():
    custom = pd.DataFrame({"code": ["C3"], "name": ["科创走廊"], "valid": [5]})
    assert clicks.subregion("吴中区", SUBREGIONS, drill=False) == S(
        {"region": "320506", "status": "valid"}, dated=False)
    assert clicks.subregion("科创走廊", custom, measure="grants") == S(
        {"region": "C3", "basis": "grant", "dated": "grant"})
    assert clicks.subregion("科创走廊", custom, measure="transfers_in") is None
    pie = regions.share_pie(list(zip(SUBREGIONS["name"], SUBREGIONS["valid"])), "t", "r")
    assert clicks.subregion(click_names(pie)[1], SUBREGIONS) == Drill("320505")
    rate = regions.grant_rate(SUBREGIONS["name"].tolist(), [0.5, None], "t", "r")
    assert clicks.subregion(click_names(rate)[0], SUBREGIONS) == Drill("320506")


def test_a_click_outside_the_data_selects_nothing():
    assert [clicks.subregion(n, SUBREGIONS) for n in (None, "", "昆山市")] == [None, None, None]
    assert [clicks.period(p) for p in (None, "", "合计")] == [None, None, None]
    assert clicks.region(None, SUBREGIONS) is None
    assert clicks.holder(None, pd.DataFrame({"holder_id": [], "name": []})) is None
    assert clicks.agency(Pick(labels.AGENCY_COLUMNS["filings"], "丙代理所"),
                         pd.DataFrame({"agency_id": [4], "name": ["甲代理所"]})) is None
    assert clicks.patent_type("其他", labels.PATENT_TYPE) is None


def test_a_year_bar_searches_that_year_by_filing_date_and_a_grants_point_by_grant_date():
    chart = overview.yearly([2023, 2024], [5, 6], [1, 2], "t", "r",
                            (labels.APPLICATIONS, labels.GRANTS))
    assert [clicks.period_series(p, clicks.YEARLY) for p in click_picks(chart)] == [
        S({"from": "2023-01-01", "to": "2023-12-31", "basis": "app"}),
        S({"from": "2024-01-01", "to": "2024-12-31", "basis": "app"}),
        S({"from": "2023-01-01", "to": "2023-12-31", "basis": "grant"}),
        S({"from": "2024-01-01", "to": "2024-12-31", "basis": "grant"})]
    assert clicks.period_series(Pick("其他", "2024"), clicks.YEARLY) is None


def test_a_month_bar_searches_that_month_and_type_on_the_chart_s_date_basis():
    """Stacked bars of two types and the year-on-year line (the month's total)."""
    chart = trend.by_type_with_yoy(["2024-02", "2024-12"],
                                   {labels.PATENT_TYPE["invention"]: [1, 2],
                                    labels.PATENT_TYPE["design"]: [3, 4]}, [None, 0.5],
                                   "t", "r", labels.YOY)
    feb, dec = ({"from": "2024-02-01", "to": "2024-02-29", "basis": "grant"},
                {"from": "2024-12-01", "to": "2024-12-31", "basis": "grant"})
    assert [clicks.period_series(p, clicks.BY_TYPE, "month", "grant")
            for p in click_picks(chart)] == [
        S({**feb, "types": "invention"}), S({**dec, "types": "invention"}),
        S({**feb, "types": "design"}), S({**dec, "types": "design"}), S(feb), S(dec)]


def test_a_period_bar_is_cut_to_the_page_s_date_range():
    """A page showing 2023-03-15 – 2024-06-30: its 2023 bar counts from 15 March, its 2024 bar
    up to 30 June, and a bar wholly outside the range selects nothing."""
    within = (dt.date(2023, 3, 15), dt.date(2024, 6, 30))
    assert [clicks.period(y, within=within) for y in ("2023", "2024", "2025")] == [
        S({"from": "2023-03-15", "to": "2023-12-31", "basis": "app"}),
        S({"from": "2024-01-01", "to": "2024-06-30", "basis": "app"}), None]
    assert clicks.period("2024-07", "month", "grant", within=within) is None
    assert clicks.period("2024", within=(None, dt.date(2024, 6, 30))) == S(
        {"from": "2024-01-01", "to": "2024-06-30", "basis": "app"})


def test_a_pipeline_cohort_searches_the_inventions_of_that_year_at_the_clicked_stage():
    """Filed, published (a publication date), granted (a grant date); 进入实审 (a status reason)
    cannot be listed by the search and selects nothing."""
    chart = trend.pipeline([2021], {name: [9] for name in labels.PIPELINE_STAGES.values()},
                           "t", "r")
    year = {"from": "2021-01-01", "to": "2021-12-31", "basis": "app", "types": "invention"}
    assert [clicks.period_series(p, clicks.PIPELINE) for p in click_picks(chart)] == [
        S(year), S({**year, "dated": "pub"}), None, S({**year, "dated": "grant"})]


def test_a_type_slice_searches_the_valid_patents_of_that_type():
    pie = overview.type_pie([(labels.PATENT_TYPE[t], 3) for t in ("invention", "design")],
                            "t", "r")
    assert [clicks.patent_type(n, labels.PATENT_TYPE) for n in click_names(pie)] == [
        S({"types": "invention", "status": "valid"}, dated=False),
        S({"types": "design", "status": "valid"}, dated=False)]


def test_a_top_holder_bar_searches_the_first_holder_by_id():
    top = pd.DataFrame({"holder_id": [7, 12], "name": ["甲公司", "乙大学"], "valid": [9, 3]})
    names = click_names(overview.ranking(["甲公司", "乙大学"], {"有效": [9, 3]}, "t", "r"))
    assert clicks.named_holder(names[0], top) == S(
        {"first_holder_id": "7", "status": "valid"}, dated=False)
    assert clicks.named_holder(names[1], top, inventions_only=True) == S(
        {"first_holder_id": "12", "status": "valid", "types": "invention"}, dated=False)
    assert clicks.top_holder("甲公司", top, "320506", "grants") == S(
        {"region": "320506", "first_holder_id": "7", "basis": "grant", "dated": "grant"})
    assert clicks.top_holder("乙大学", top, "320506", "applications") == S(
        {"region": "320506", "first_holder_id": "12", "basis": "app", "dated": "app"})


def test_a_watched_region_re_scopes_unless_it_is_the_current_one():
    watch = pd.DataFrame({"code": ["3205", "320506"], "name": ["苏州市", "吴中区"],
                          "valid": [50, 30], "valid_inventions": [9, 4]})
    names = click_names(overview.watched(watch["name"].tolist(), {"有效": [50, 30]}, "t", "r"))
    assert [clicks.region(n, watch, current="3205") for n in names] == [None, Drill("320506")]


def test_holders_page_bar_searches_the_holder_s_valid_patents_of_the_clicked_type():
    rows = pd.DataFrame({"holder_id": [7, 12], "name": ["甲公司", "乙大学"],
                         "is_new": [False, True], "valid_invention": [3, 1],
                         "valid_utility": [2, 0], "valid_design": [0, 1]})
    chart = holders.top_holders(rows)
    assert click_names(chart) == ["甲公司", "乙大学 ★"]
    assert [clicks.holder(p, rows) for p in click_picks(chart)] == [
        S({"first_holder_id": str(i), "status": "valid", "types": t}, dated=False)
        for t in ("invention", "utility", "design") for i in (7, 12)]
    assert clicks.holder(Pick("其他", "甲公司"), rows) is None


def test_agencies_page_bar_searches_the_agency_s_filings_or_the_valid_ones():
    ranking = pd.DataFrame({"agency_id": [4, 9], "name": ["甲代理所", "乙代理所"],
                            "filings": [30, 20], "valid": [10, 8]})
    assert [clicks.agency(p, ranking) for p in click_picks(agencies.ranking(ranking))] == [
        S({"agency_id": "4", "basis": "app"}), S({"agency_id": "9", "basis": "app"}),
        S({"agency_id": "4", "basis": "app", "status": "valid"}),
        S({"agency_id": "9", "basis": "app", "status": "valid"})]


def test_operations_sub_region_bar_re_scopes_the_page():
    sub = pd.DataFrame({"code": ["320506", "320505"], "name": ["吴中区", "虎丘区"],
                        "transfer_in": [3, 1], "transfer_out": [1, 0], "license": [0, 2],
                        "pledge": [1, 1]})
    assert [clicks.region(n, sub) for n in click_names(operations.per_subregion(sub))] == [
        Drill("320506"), Drill("320505")]


def test_industry_bar_searches_what_its_series_counts_in_that_industry():
    """Each of the summary's three series: filings in the period, valid patents and valid
    inventions now (a bar of the second or third series is not read as the first)."""
    frame = pd.DataFrame({"code": ["N01", "N04"], "name": ["新一代信息技术产业", "生物产业"]})
    bars = industry.summary(frame["name"].tolist(),
                            {name: [5, 3] for name in industry.SERIES}, "t", "r")
    assert [clicks.industry(p, frame, industry.SERIES) for p in click_picks(bars)] == [
        S({"industry": "N01", "basis": "app", "dated": "app"}),
        S({"industry": "N04", "basis": "app", "dated": "app"}),
        S({"industry": "N01", "status": "valid"}, dated=False),
        S({"industry": "N04", "status": "valid"}, dated=False),
        S({"industry": "N01", "status": "valid", "types": "invention"}, dated=False),
        S({"industry": "N04", "status": "valid", "types": "invention"}, dated=False)]
    assert [clicks.industry(p, frame, industry.SERIES) for p in (
        None, Pick("其他", "生物产业"), Pick(labels.VALID_COUNT, "其他产业"))] == [None] * 3


def test_a_series_click_value_is_read_as_a_pick():
    assert Pick.of(["有效量", "生物产业"]) == Pick("有效量", "生物产业")
    assert Pick.of([None, "生物产业"]) == Pick(None, "生物产业")
    assert [Pick.of(v) for v in ("生物产业", None, ["a"])] == [None, None, None]


def test_industry_matrix_cell_re_scopes_to_its_region():
    frame = pd.DataFrame({"code": ["N01", "N04"], "name": ["新一代信息技术产业", "生物产业"]})
    cells = pd.DataFrame({"region_code": ["320506", "320505"],
                          "region_name": ["吴中区", "虎丘区"]})
    matrix = industry.matrix(frame["name"].tolist(), ["吴中区", "虎丘区"],
                             [(0, 0, 3), (1, 1, 2)], "t", "r")
    assert [clicks.region(n, cells, name_col="region_name", code_col="region_code")
            for n in click_names(matrix)] == [Drill("320506"), Drill("320505")]
