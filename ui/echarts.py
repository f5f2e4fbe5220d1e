"""Show a pyecharts chart offline (streamlit-echarts bundles ECharts) and return the clicked name.
Every chart passes ui/charts/palette.polish on its way: category colours, legend and title
placement are the same on every page.

Encoding a pyecharts chart into ECharts options costs about as much as a page's cached data:
`options(builder, ...)` builds and encodes a chart once per data version and arguments for all
sessions (ui/cache.py), and `show` takes such options as they are."""
from __future__ import annotations

import json

import streamlit as st

from core.config import labels
from ui.cache import cached
from ui.charts.palette import polish

CLICK_NAME = {"click": "function(params){return params.name}"}
# For charts whose series count different things: [the clicked series' name, the element's name].
CLICK_SERIES = {"click": "function(params){return [params.seriesName, params.name]}"}


def show(chart, key: str, height: str = "360px", clickable: bool = False, map_=None,
         series: bool = False):
    """Render `chart` (a pyecharts chart, or options from `options`); with clickable=True return
    the name of the clicked element (or None), with series=True too [series name, name]."""
    from streamlit_echarts import st_echarts  # registers its component: inside a script run

    encoded = chart if isinstance(chart, dict) else encode(chart)
    result = st_echarts(encoded, height=height, key=key, map=map_,
                        events=(CLICK_SERIES if series else CLICK_NAME) if clickable else None)
    return getattr(result, "chart_event", None) if clickable else None


def encode(chart) -> dict:
    """The ECharts options of a pyecharts chart (as streamlit-echarts' st_pyecharts makes them),
    polished (ui/charts/palette)."""
    return polish(json.loads(chart.dump_options()))


_BUILDERS: dict = {}  # builder → its cached encoder


def _encoder(builder):
    """builder's cached encoder: one st.cache_data function per builder (functions cannot be
    arguments of a cached function)."""
    if builder not in _BUILDERS:
        def encoded(*args, **kwargs) -> dict:
            return encode(builder(*args, **kwargs))
        encoded.__module__ = builder.__module__
        encoded.__qualname__ = f"{builder.__qualname__}.options"
        encoded.__code__ = encoded.__code__.replace(co_filename=builder.__code__.co_filename)
        _BUILDERS[builder] = cached(encoded)
    return _BUILDERS[builder]


def options(builder, *args, **kwargs) -> dict:
    """builder(*args, **kwargs)'s ECharts options, built and encoded once per data version and
    arguments, shared by every session."""
    return _encoder(builder)(*args, **kwargs)


def caption_rule(text: str) -> None:
    st.caption(f"{labels.RULE_PREFIX}{text}")
