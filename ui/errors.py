"""The last net under every page: an error a page raises is logged with its traceback on the
server and answered in Chinese (labels.PAGE_FAILED). Streamlit's own message, with
client.showErrorDetails = "none", is English; with details it would show server paths."""
from __future__ import annotations

import logging

import streamlit as st

from core.config import labels

log = logging.getLogger("patents.ui")


def run_page(page) -> None:
    """page.run() (st.navigation's page); st.stop, st.rerun and st.switch_page pass through
    (they are not Exceptions)."""
    try:
        page.run()
    except Exception:
        log.exception("page %s failed", getattr(page, "url_path", "?"))
        st.error(labels.PAGE_FAILED)
