"""Offer to generate the demo region on an empty database (built by the demo module)."""
import streamlit as st


def render() -> None:
    st.caption("")
