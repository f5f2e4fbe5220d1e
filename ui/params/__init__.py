"""参数设置 as forms: the widgets shared by its three parts (targets, population and GDP, rule
parameters) — the regions to choose from, the version fields every save asks for, and the history
and audit trail of a parameter."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from core.config import catalog, labels, settings
from core.regions import custom, divisions


def regions() -> dict[str, str]:
    """Code → name: the home region, its counties and the custom regions."""
    home = settings.get("PATENT_HOME_REGION")
    found = {home: divisions.names().get(home, home)}
    found.update(dict(divisions.children(home)))
    found.update({r["code"]: labels.CUSTOM_PREFIX + r["name"] for r in custom.list_custom()})
    return found


def known_regions() -> dict[str, str]:
    """Every region code a value may be stored for: the official divisions and custom regions."""
    return {**divisions.names(), **{r["code"]: r["name"] for r in custom.list_custom()}}


def pick_region(choices: dict[str, str], key: str, container=st) -> str:
    return container.selectbox(labels.PARAM_PICK_REGION, list(choices), key=key,
                               format_func=lambda code: f"{choices[code]}（{code}）")


def version_fields(prefix: str) -> tuple[dt.date, str, str]:
    """Effective date, source and note of a new version (inside the caller's form)."""
    cols = st.columns(3)
    effective = cols[0].date_input(labels.PARAM_EFFECTIVE, dt.date.today(),
                                   key=f"{prefix}_effective")
    source = cols[1].text_input(labels.PARAM_SOURCE, key=f"{prefix}_source")
    note = cols[2].text_input(labels.PARAM_NOTE, key=f"{prefix}_note")
    return effective, source.strip(), note.strip()


def saved(row) -> None:
    if row is None:
        st.info(labels.PARAM_UNCHANGED)
    else:
        st.success(labels.PARAM_SAVED.format(id=row.id))


def history(key: str, region: str | None, year: int | None = None) -> None:
    with st.expander(f"{labels.PARAM_HISTORY}：{labels.PARAM_LABEL[key]}"):
        frame = catalog.history(key, region, year)
        st.dataframe(frame.rename(columns=labels.PARAM_HISTORY_COLUMNS), hide_index=True,
                     width="stretch", placeholder="—")


def audit_trail() -> None:
    with st.expander(labels.PARAM_AUDIT):
        trail = catalog.audit_trail()
        st.dataframe(trail.rename(columns=labels.PARAM_AUDIT_COLUMNS), hide_index=True,
                     width="stretch", placeholder="—")
