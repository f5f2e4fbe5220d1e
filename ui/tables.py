"""Tables as every page shows them: "—" where a cell has no value, and a Chinese line instead
of an empty table (Streamlit draws an English "empty" into it)."""
from __future__ import annotations

import streamlit as st

from core.config import labels


def show(data, **kwargs):
    """st.dataframe(data, **kwargs) with those two rules; `data` a DataFrame or a Styler."""
    frame = getattr(data, "data", data)  # a pandas Styler keeps its frame in .data
    if len(frame) == 0:
        st.caption(labels.TABLE_EMPTY)
        return None
    return st.dataframe(data, placeholder=labels.NO_VALUE, **kwargs)
