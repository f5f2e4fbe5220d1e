"""Offer an admin to generate the demo region on an empty database (default size
PATENT_DEMO_SIZE), with a progress bar; the page reruns with the data when it is done."""
from __future__ import annotations

import streamlit as st

from core import demo
from core.config import labels, settings
from core.stats import presence as overview
from ui.auth import current_roles, current_user


def render() -> None:
    if "admin" not in current_roles():
        st.caption(labels.DEMO_ADMIN_ONLY)
        return
    size = settings.get_int("PATENT_DEMO_SIZE")
    st.write(labels.DEMO_OFFER.format(n=size))
    if st.button(labels.DEMO_BUTTON.format(n=size), type="primary", key="demo_generate"):
        _generate(size)


def _generate(size: int) -> None:
    if overview.has_patents():  # someone else was quicker
        st.warning(labels.DEMO_NOT_EMPTY)
        return
    bar = st.progress(0.0, text=labels.DEMO_PROGRESS.format(done=0, total=size))

    def progress(done: int, total: int, stage: str) -> None:
        text = labels.DEMO_RESOLVING if stage == "addresses" else \
            labels.DEMO_PROGRESS.format(done=done, total=total)
        bar.progress(min(done / max(total, 1), 1.0), text=text)

    result = demo.generate(size, progress=progress, by=current_user())
    st.cache_data.clear()
    st.toast(labels.DEMO_DONE.format(n=result.patents, seconds=result.seconds))
    st.rerun()
