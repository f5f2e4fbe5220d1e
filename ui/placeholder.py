"""Temporary body for a page whose module is still being built."""
import streamlit as st

from core.config import labels
from ui.nav import spec_for


def render(file: str) -> None:
    st.header(spec_for(file).title)
    st.info(labels.PLACEHOLDER)
