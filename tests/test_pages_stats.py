"""Shared filters (ui/filters.py) and the statistics pages through AppTest."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from streamlit.testing.v1 import AppTest

from core.regions.query import Scope
from ui import filters

ROOT = Path(__file__).resolve().parents[1]


def _filters_app():
    import streamlit as st

    from ui import filters as f
    scope = f.scope_widgets()
    st.write(f"scope={scope.region}|{scope.date_from}|{scope.date_to}|{scope.date_basis}|"
             f"{','.join(scope.patent_types)}")


def _undated_filters_app():
    import streamlit as st

    from ui import filters as f
    scope = f.scope_widgets(show_dates=False)
    stored = st.session_state[f.STATE]
    st.write(f"scope={scope.region}|{scope.date_from}|{scope.date_to}|{stored.date_from}")


def _scope_text(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("scope="))


def test_scope_round_trips_through_query_params():
    scope = Scope("320506001", dt.date(2018, 1, 1), dt.date(2023, 6, 30), "grant",
                  ("invention", "design"))
    params = filters.scope_to_params(scope)
    assert params == {"region": "320506001", "from": "2018-01-01", "to": "2023-06-30",
                      "basis": "grant", "types": "invention,design"}
    assert filters.scope_from_params(params, Scope("3205")) == scope


def test_scope_from_params_accepts_years_and_drops_bad_values():
    got = filters.scope_from_params({"from": "2019", "to": "2020", "basis": "x",
                                     "types": "invention,bogus"}, Scope("3205"))
    assert got == Scope("3205", dt.date(2019, 1, 1), dt.date(2020, 12, 31), "app",
                        ("invention",))


def test_search_link_carries_scope_and_extra_filters():
    link = filters.search_link(Scope("3205", dt.date(2020, 1, 1), None, "app", ()),
                               region="320506", holder="苏州大学", types=["invention"])
    url = urlparse(link)
    assert url.path == "/search"
    assert parse_qs(url.query) == {"region": ["320506"], "from": ["2020-01-01"],
                                   "holder": ["苏州大学"], "types": ["invention"]}


def test_region_path_goes_home_county_street():
    assert filters.region_path("320506001") == ["3205", "320506", "320506001"]
    assert filters.region_path("320506") == ["3205", "320506"]
    assert filters.region_path("3205") == ["3205"]
    assert filters.region_path("park1") == ["3205", "park1"]


def test_filters_read_a_link_then_keep_state_when_params_vanish(app_env):
    at = AppTest.from_function(_filters_app)
    at.query_params.update({"region": "320506", "from": "2019", "to": "2021", "types": "utility"})
    at.run()
    assert _scope_text(at) == "scope=320506|2019-01-01|2021-12-31|app|utility"
    assert at.query_params["from"] == "2019-01-01"
    at.query_params.clear()  # moving to another page drops the query string
    at.run()
    assert _scope_text(at) == "scope=320506|2019-01-01|2021-12-31|app|utility"
    assert at.query_params["region"] == "320506"


def test_filters_widgets_change_the_scope(app_env):
    at = AppTest.from_function(_filters_app)
    at.run()
    assert _scope_text(at) == "scope=3205|None|None|app|"
    at.selectbox(key="_flt_county").set_value("320506").run()
    at.selectbox(key="_flt_street").set_value("320506001").run()
    at.selectbox(key="_flt_y1").set_value(2020).run()
    at.selectbox(key="_flt_basis").set_value("grant").run()
    assert _scope_text(at) == "scope=320506001|2020-01-01|None|grant|"
    assert at.query_params["region"] == "320506001"
    at.selectbox(key="_flt_street").set_value("").run()
    assert _scope_text(at).startswith("scope=320506|")


def test_filters_without_dates_hand_out_an_undated_scope_and_keep_the_dates(app_env):
    at = AppTest.from_function(_undated_filters_app)
    at.query_params.update({"region": "320506", "from": "2019", "to": "2021"})
    at.run()
    assert _scope_text(at) == "scope=320506|None|None|2019-01-01"
    assert at.query_params["from"] == "2019-01-01"


# --- the four pages through AppTest ------------------------------------------------------------

def _page(name: str, **query) -> AppTest:
    import streamlit as st
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = ["viewer"]
    at.session_state["username"] = "viewer"
    at.query_params.update(query)
    return at.run()


@pytest.fixture
def small_city(app_env):
    from core.db.models import Industry, PatentIndustry
    from tests.stats_builder import D, event, holder, patent
    a = holder("甲科技有限公司")
    ps = [patent("320506001", app=D(2022, 1, 5), grant=D(2023, 2, 1), status="valid",
                 reason="granted", holder_=a),
          patent("320505001", type_="utility", app=D(2023, 1, 20), grant=D(2023, 8, 1),
                 status="valid", holder_=a),
          patent("320506003", app=D(2023, 3, 3), status="pending", reason="examining",
                 holder_=a)]
    event(ps[0], "transfer", D(2023, 5, 1), before="320505001", after="320506001")
    Industry.create(code="sei1", name="新一代信息技术产业", kind="sei")
    PatentIndustry.create(patent=ps[0], industry_code="sei1")
    return ps


def _texts(at) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.info, *at.header, *at.subheader)]
    parts += [f"{m.label}={m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def test_overview_on_an_empty_database_offers_import_or_demo(app_env):
    at = _page("overview")
    assert not at.exception
    assert "数据库中还没有专利数据" in _texts(at)


def test_overview_shows_cards_for_the_home_region(small_city):
    at = _page("overview")
    assert not at.exception, at.exception
    text = _texts(at)
    assert "专利概况 · 苏州市" in text
    assert "有效专利=2" in text and "有效发明专利=1" in text and "公开专利=2" in text


def test_overview_follows_a_link_to_a_county_and_offers_the_breadcrumb(small_city):
    at = _page("overview", region="320506")
    assert not at.exception, at.exception
    assert "专利概况 · 吴中区" in _texts(at) and "有效专利=1" in _texts(at)
    assert [b.label for b in at.button if b.key and b.key.startswith("ov_crumb")] == [
        "苏州市", "吴中区"]
    at.button(key="ov_crumb_0").click().run()
    assert "专利概况 · 苏州市" in _texts(at)


def test_overview_kiosk_mode_renders_dark_and_refreshing(small_city):
    at = _page("overview", kiosk="1")
    assert not at.exception, at.exception
    assert "每 5 分钟自动刷新" in _texts(at)


@pytest.mark.parametrize("name, title", [("trend", "趋势统计"), ("regions", "区域统计"),
                                          ("industry", "产业统计")])
def test_statistics_pages_render_for_a_street(small_city, name, title):
    at = _page(name, region="320506001")
    assert not at.exception, at.exception
    assert f"{title} · 长桥街道" in _texts(at)


def test_regions_table_lists_the_counties(small_city):
    at = _page("regions")
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert table["区域"].tolist() == ["虎丘区", "吴中区"]  # equal valid counts: by code
    assert table["有效量"].tolist() == [1, 1] and table["转入"].tolist() == [0, 1]


def test_industry_page_without_industries_says_what_is_missing(app_env):
    from tests.stats_builder import patent
    patent("320506001")
    at = _page("industry")
    assert not at.exception, at.exception
    assert "还没有产业分类数据" in _texts(at)
