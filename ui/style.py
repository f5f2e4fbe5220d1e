"""Styles every page shares (Home.py installs them on each run, before the login too)."""
from __future__ import annotations

import streamlit as st

CSS = """
<style>
/* a card's value is never cut ("7,619.38 件/万…"): a long one wraps */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  word-break: keep-all; overflow-wrap: anywhere; line-height: 1.2;}
/* nor its label ("每万人口高价值发明专利拥有量" on a laptop): it wraps to a second line */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important; line-height: 1.3;}
/* the filter bar on a laptop (1280–1366 px wide, sidebar open): its fields wrap to a second
   row instead of cutting "按申请日" or the type choices */
.st-key-scope_bar [data-testid="stHorizontalBlock"] {flex-wrap: wrap; row-gap: 0.5rem;}
.st-key-scope_bar [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {min-width: 8.5rem;}
.st-key-scope_bar [data-testid="stHorizontalBlock"] > [data-testid="stColumn"]:last-child
  {min-width: 15rem;}
.st-key-scope_bar [data-testid="stHorizontalBlock"] [data-testid="stHorizontalBlock"]
  {flex-wrap: nowrap;}
.st-key-scope_bar [data-testid="stHorizontalBlock"] [data-testid="stHorizontalBlock"]
  > [data-testid="stColumn"] {min-width: 0;}
/* an intranet tool: no "Ask Google / Ask ChatGPT" links under an error */
a[href^="https://www.google.com/search"], a[href^="https://chatgpt.com/"] {display: none !important;}
</style>
"""


def install() -> None:
    st.html(CSS)
