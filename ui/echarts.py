"""Show a pyecharts chart offline (streamlit-echarts bundles ECharts) and return the clicked name.
Every chart passes ui/charts/palette.polish on its way: category colours, legend and title
placement are the same on every page."""
from __future__ import annotations

import json

import streamlit as st
from streamlit_echarts import st_echarts

from core.config import labels
from ui.charts.palette import polish

CLICK_NAME = {"click": "function(params){return params.name}"}


def show(chart, key: str, height: str = "360px", clickable: bool = False, map_=None):
    """Render `chart`; with clickable=True return the name of the clicked element (or None)."""
    options = polish(json.loads(chart.dump_options()))
    result = st_echarts(options=options, height=height, key=key, map=map_,
                        events=CLICK_NAME if clickable else None)
    return getattr(result, "chart_event", None) if clickable else None


def caption_rule(text: str) -> None:
    st.caption(f"{labels.RULE_PREFIX}{text}")
