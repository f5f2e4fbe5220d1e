"""Shared filters (ui/filters.py) and the statistics pages through AppTest."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from streamlit.testing.v1 import AppTest

from core.stats.base import Scope
from ui import filters

ROOT = Path(__file__).resolve().parents[1]


def _filters_app():
    import streamlit as st

    from ui import filters as f
    scope = f.scope_widgets()
    st.write(f"scope={scope.region}|{scope.date_from}|{scope.date_to}|{scope.date_basis}|"
             f"{','.join(scope.patent_types)}")


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
