"""Styles every page shares (Home.py installs them on each run, before the login too)."""
from __future__ import annotations

import streamlit as st

CSS = """
<style>
/* a card's value is never cut ("7,619.38 件/万…"): a long one wraps */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  word-break: keep-all; overflow-wrap: anywhere; line-height: 1.2;}
/* an intranet tool: no "Ask Google / Ask ChatGPT" links under an error */
a[href^="https://www.google.com/search"], a[href^="https://chatgpt.com/"] {display: none !important;}
</style>
"""


def install() -> None:
    st.html(CSS)
