"""参数设置 → 规则参数: one rule parameter at a time as a form of typed widgets (number inputs
with unit and range, switches, choices in words, dates); validated by core.config.fields on
save, the message naming the field in Chinese."""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import streamlit as st

from core.config import catalog, fields, labels
from core.config.fields import Field
from ui.auth import current_user
from ui.params import history, pick_region, saved, version_fields

TABLE_ROW = 35  # pixels per row of st.data_editor
RULE_KEYS = tuple(s.key for s in catalog.SPECS if s.key not in ("target", "population", "gdp"))


def render(choices: dict[str, str]) -> None:
    key = st.selectbox(labels.PARAM_PICK_RULE, RULE_KEYS, format_func=labels.PARAM_LABEL.get,
                       key="rule_key")
    st.caption(labels.PARAM_HELP[key])
    spec = catalog.spec(key)
    region = pick_region(choices, "rule_region") if spec.scope != "global" else ""
    if catalog.history(key, region).empty:
        st.caption(labels.PARAM_DEFAULT_SHOWN)
    shown = catalog.current(key, region)
    with st.form(f"rule_form_{key}_{region}"):
        value = _widgets(key, shown)
        effective, source, note = version_fields(f"rulever_{key}")
        submitted = st.form_submit_button(labels.PARAM_SAVE, key="rule_save")
    if submitted:
        try:
            row = catalog.save_value(key, value, region, None, effective, source, note,
                                     by=current_user())
        except ValueError as exc:
            st.error(f"{labels.PARAM_LABEL[key]}：{exc}")
        else:
            saved(row)
    history(key, region if spec.scope != "global" else None)


def widget_key(key: str, name: str) -> str:
    return f"rule_{key}_{name}"


def _widgets(key: str, shown: Any) -> Any:
    if key == "industry_match":
        return _one(key, fields.fields(key)[0], shown)
    lists = [f for f in fields.fields(key) if f.kind == "ints"]
    value = _int_table(key, lists, shown) if lists else {}
    for f in fields.fields(key):
        if f.kind != "ints":
            value[f.name] = _one(key, f, shown.get(f.name))
    return value


def table_key(key: str) -> str:
    return f"rule_{key}_table"


def _int_table(key: str, lists: list[Field], shown: dict) -> dict[str, list]:
    """The list fields of a parameter (fees per patent year, surcharge bands) side by side in
    one table, a row per year or band; bands may be added or removed."""
    rows = max(len(shown.get(f.name) or []) for f in lists)
    frame = pd.DataFrame({f.name: pd.array(list(shown.get(f.name) or []) + [None] * (
        rows - len(shown.get(f.name) or [])), dtype="Int64") for f in lists})
    frame.insert(0, "n", [str(i) for i in range(1, rows + 1)])
    fixed = all(f.length is not None for f in lists)
    edited = st.data_editor(
        frame, key=table_key(key), hide_index=True, placeholder="—", disabled=["n"],
        num_rows="fixed" if fixed else "dynamic", height=TABLE_ROW * (rows + 2) + 3,
        column_config={"n": st.column_config.TextColumn(labels.FIELD_ROW[key]),
                       **{f.name: st.column_config.NumberColumn(
                           _label(key, f), min_value=f.low, max_value=f.high, step=1,
                           format="%d") for f in lists}})
    return {f.name: _column(edited[f.name].tolist()) for f in lists}


def _column(cells: list) -> list:
    """A table column as the list it stands for: trailing empty cells dropped, whole numbers as
    int, an empty cell inside the list kept as text so that the check names it."""
    values = [None if c is None or (isinstance(c, float) and math.isnan(c)) or c is pd.NA
              else c for c in cells]
    while values and values[-1] is None:
        values.pop()
    return [labels.FIELD_EMPTY if v is None else int(v) if float(v).is_integer() else v
            for v in values]


def _one(key: str, field: Field, current: Any) -> Any:
    label, wkey = _label(key, field), widget_key(key, field.name)
    kind = field.kind
    if kind == "bool":
        return st.checkbox(label, bool(current), key=wkey)
    if kind == "choice":
        options = field.options(key)
        return st.selectbox(label, list(options), index=_index(options, current),
                            format_func=options.get, key=wkey)
    if kind in ("int", "float"):
        return _number(label, field, current, wkey)
    if kind == "date":
        return st.date_input(label, dt.date.fromisoformat(current), key=wkey).isoformat()
    if kind == "versions":
        _versions(key, label, current or [])
        return current or []
    if kind == "dates":
        text = st.text_area(label, "\n".join(current or []), key=wkey,
                            help=labels.FIELD_DATES_HINT)
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind == "paragraph":
        return st.text_area(label, current or "", key=wkey, height=150)
    return st.text_input(label, current or "", key=wkey)


def _versions(key: str, label: str, entries: list[dict]) -> None:
    """Earlier versions are part of the rule's history, shown read-only: each entry applies to
    fees falling due on or before its `until` day."""
    st.markdown(f"**{label}**")
    names = {f.name: _label(key, f) for f in fields.fields(key)}
    rows = [{labels.FIELD_VERSION_UNTIL: e.get("until", "—"),
             **{names.get(k, k): v for k, v in e.items() if k != "until"}} for e in entries]
    if rows:
        st.dataframe(pd.DataFrame(rows).astype(object).where(lambda f: f.notna(), "—").astype(str), hide_index=True)
    else:
        st.caption("—")


def _number(label: str, field: Field, current: Any, wkey: str) -> float | int:
    if field.kind == "int":
        value = min(max(int(current), int(field.low)), int(field.high))
        return int(st.number_input(label, int(field.low), int(field.high), value, step=1,
                                   key=wkey))
    value = min(max(float(current), field.low), field.high)
    step = 0.01 if field.high <= 1 else 0.1
    return float(st.number_input(label, float(field.low), float(field.high), value, step=step,
                                 format="%g", key=wkey))


def _label(key: str, field: Field) -> str:
    label, unit = field.label(key), field.unit(key)
    if field.kind == "float" and field.high == 1:
        return label + labels.FIELD_RATE
    return f"{label}（{unit}）" if unit else label


def _index(options: dict, current: Any) -> int:
    return list(options).index(current) if current in options else 0
