"""The last net under every page: an error a page raises is logged with its traceback on the
server and answered in Chinese (labels.PAGE_FAILED). Streamlit's own message, with
client.showErrorDetails = "none", is English; with details it would show server paths."""
from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

import streamlit as st

from core.config import labels

log = logging.getLogger("patents.ui")


def guarded(func: Callable, where: str | None = None) -> Callable:
    """`func` answering any Exception with the Chinese message (st.stop, st.rerun and
    st.switch_page pass through: they are not Exceptions). Wrap a fragment with it too: a
    fragment's own reruns do not pass through the page's net."""
    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except Exception:
            log.exception(labels.LOG_PAGE_FAILED, where or func.__qualname__)
            st.error(labels.PAGE_FAILED)
    return wrapper


def run_page(page) -> None:
    """page.run() (st.navigation's page) under the net."""
    guarded(page.run, getattr(page, "url_path", "?"))()
