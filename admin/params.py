"""参数设置: versioned parameters (targets, population, GDP, fee tables and rules, terms,
holidays, high-value conditions, counting rule, abnormal-filing conditions); history and audit."""
import datetime as dt

import streamlit as st

from core.config import catalog as param_catalog
from core.config import labels, settings
from ui.auth import current_user
from ui.guard import guard

guard(__file__)

def choose() -> tuple[param_catalog.ParamSpec, str, int | None]:
    keys = [s.key for s in param_catalog.SPECS]
    key = st.selectbox(labels.PARAM_CHOOSE, keys, format_func=labels.PARAM_LABEL.get,
                       key="params_key")
    spec = param_catalog.spec(key)
    st.caption(spec.help)
    cols = st.columns(2)
    region, year = "", None
    if spec.scope != "global":
        region = cols[0].text_input(labels.PARAM_REGION, settings.get("PATENT_HOME_REGION"),
                                    key="params_region").strip()
    if spec.scope == "region_year":
        year = int(cols[1].number_input(labels.PARAM_YEAR, 2000, 2100, dt.date.today().year,
                                        key="params_year"))
    return spec, region, year


def render_current(spec, region: str, year: int | None) -> str:
    value = param_catalog.current(spec.key, region, year)
    stored = not param_catalog.history(spec.key, region if spec.scope != "global" else "",
                                       year).empty
    st.subheader(labels.PARAM_CURRENT + ("" if stored else labels.PARAM_DEFAULT_NOTE))
    text = param_catalog.as_text(value)
    if spec.kind == "json":
        st.code(text, language="json")
    else:
        st.write(text or "—")
    return text


def render_form(spec, region: str, year: int | None, current_text: str) -> None:
    with st.form("params_form"):
        if spec.kind == "choice":
            index = spec.choices.index(current_text) if current_text in spec.choices else 0
            text = st.selectbox(labels.PARAM_NEW_VALUE, spec.choices, index=index,
                                key="params_value_choice")
        elif spec.kind == "number":
            text = st.text_input(labels.PARAM_NEW_VALUE, current_text, key="params_value_number")
        else:
            text = st.text_area(labels.PARAM_NEW_VALUE, current_text, height=240,
                                key="params_value_json")
        cols = st.columns(3)
        effective = cols[0].date_input(labels.PARAM_EFFECTIVE, dt.date.today(),
                                       key="params_effective")
        source = cols[1].text_input(labels.PARAM_SOURCE, key="params_source")
        note = cols[2].text_input(labels.PARAM_NOTE, key="params_note")
        if st.form_submit_button(labels.PARAM_SAVE):
            try:
                row = param_catalog.save(spec.key, text, region, year, effective, source, note,
                                         by=current_user())
            except ValueError as exc:
                st.error(f"{spec.label}：{exc}")
            else:
                st.success(labels.PARAM_SAVED.format(id=row.id))


def render_history(spec, region: str) -> None:
    st.subheader(labels.PARAM_HISTORY)
    frame = param_catalog.history(spec.key, region if spec.scope != "global" else None)
    st.dataframe(frame.rename(columns=labels.PARAM_HISTORY_COLUMNS), hide_index=True,
                 width="stretch")
    with st.expander(labels.PARAM_AUDIT):
        trail = param_catalog.audit_trail()
        st.dataframe(trail.rename(columns=labels.PARAM_AUDIT_COLUMNS), hide_index=True,
                     width="stretch")


st.header(labels.PARAMS_TITLE)
chosen, chosen_region, chosen_year = choose()
shown = render_current(chosen, chosen_region, chosen_year)
render_form(chosen, chosen_region, chosen_year, shown)
render_history(chosen, chosen_region)
