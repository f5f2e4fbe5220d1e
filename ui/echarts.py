"""Show a pyecharts chart offline (streamlit-echarts bundles ECharts) and return the clicked name."""
from __future__ import annotations

import streamlit as st
from streamlit_echarts import st_pyecharts

from core.config import labels

CLICK_NAME = {"click": "function(params){return params.name}"}


def show(chart, key: str, height: str = "360px", clickable: bool = False, map_=None):
    """Render `chart`; with clickable=True return the name of the clicked element (or None)."""
    result = st_pyecharts(chart, height=height, key=key, map=map_,
                          events=CLICK_NAME if clickable else None)
    return getattr(result, "chart_event", None) if clickable else None


def caption_rule(text: str) -> None:
    st.caption(f"{labels.RULE_PREFIX}{text}")
