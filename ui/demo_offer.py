"""Offer an admin to generate the demo region on an empty database (default size
PATENT_DEMO_SIZE), stating the time it takes here (core.demo.run.expected_seconds, measured), with
a progress bar that moves through every stage; the page reruns with the data when it is done."""
from __future__ import annotations

import math

import streamlit as st

from core import demo
from core.config import labels, settings
from core.db import is_postgres
from core.demo.run import expected_seconds, stage_text
from core.stats import presence as overview
from ui.auth import current_roles, current_user

# Share of the bar for each stage (writing patents fills the span up to the next stage)
# (measured at 50,000 patents: writing patents 71–77 % of the time, addresses 4–8 %, industries
# and high-value marks 3–5 %, summary tables 12–15 %)
STAGE_START = {"prepare": 0.0, "patents": 0.01, "addresses": 0.75, "high_value": 0.82,
               "summaries": 0.86}


def render() -> None:
    if "admin" not in current_roles():
        st.caption(labels.DEMO_ADMIN_ONLY)
        return
    size = settings.get_int("PATENT_DEMO_SIZE")
    st.write(labels.DEMO_OFFER.format(n=size, time=duration_text(*expected_seconds(
        size, is_postgres()))))
    if st.button(labels.DEMO_BUTTON.format(n=size), type="primary", key="demo_generate"):
        _generate(size)


def duration_text(low: float, high: float) -> str:
    """"20 秒至 3 分钟": seconds below a minute (rounded to tens), whole minutes above."""
    return labels.DEMO_TIME_RANGE.format(low=_duration(low), high=_duration(high))


def _duration(seconds: float) -> str:
    if seconds < 60:
        return labels.DEMO_SECONDS.format(n=max(10, int(round(seconds, -1))))
    return labels.DEMO_MINUTES.format(n=math.ceil(seconds / 60))


def fraction(done: int, total: int, stage: str) -> float:
    """Where the bar stands for a progress report of core.demo.generate."""
    if stage == "patents":
        span = STAGE_START["addresses"] - STAGE_START["patents"]
        return STAGE_START["patents"] + span * min(done / max(total, 1), 1.0)
    return STAGE_START.get(stage, 1.0)


def _generate(size: int) -> None:
    if overview.has_patents():  # someone else was quicker
        st.warning(labels.DEMO_NOT_EMPTY)
        return
    bar = st.progress(0.0, text=labels.DEMO_STAGE["prepare"])

    def progress(done: int, total: int, stage: str) -> None:
        bar.progress(fraction(done, total, stage), text=stage_text(done, total, stage))

    result = demo.generate(size, progress=progress, by=current_user())
    st.cache_data.clear()
    st.toast(labels.DEMO_DONE.format(n=result.patents, seconds=result.seconds))
    st.rerun()
