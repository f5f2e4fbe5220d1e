"""The parameters an administrator edits on 参数设置: what each key means, its scope (global,
per region, per region and year), its default with source, and validation of new values (the
fields of rule parameters: core.config.fields; targets: core.config.targets; population and GDP
tables: core.config.regional). Saving adds a new version through core.config.params (audited,
the data version raised) and drops the rule cache; stored values in words for the history."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.config import defaults, fields, labels, params, targets
from core.config import rules as ruleparams
from core.db import audit
from core.db.models import Parameter

SCOPES = ("global", "region", "region_year")
KINDS = ("number", "json", "choice")


@dataclass(frozen=True)
class ParamSpec:
    key: str
    scope: str
    kind: str
    default: Any
    choices: tuple = ()

    @property
    def label(self) -> str:
        return labels.PARAM_LABEL[self.key]

    @property
    def help(self) -> str:
        return labels.PARAM_HELP[self.key]


SPECS = (
    ParamSpec("target", "region_year", "json", {}),
    ParamSpec("population", "region_year", "number", None),
    ParamSpec("gdp", "region_year", "number", None),
    ParamSpec("fee_table", "global", "json", defaults.FEE_TABLE),
    ParamSpec("fee_rules", "global", "json", defaults.FEE_RULES),
    ParamSpec("term_rules", "global", "json", defaults.TERM_RULES),
    ParamSpec("holiday_calendar", "global", "json", defaults.HOLIDAY_CALENDAR),
    ParamSpec("high_value_rules", "global", "json", defaults.HIGH_VALUE_RULES),
    ParamSpec("counting_rule", "global", "json", defaults.COUNTING_RULE),
    ParamSpec("quality_weights", "global", "json", defaults.QUALITY_WEIGHTS),
    ParamSpec("industry_match", "global", "choice", defaults.INDUSTRY_MATCH, ("all", "main")),
    ParamSpec("abnormal", "global", "json", defaults.ABNORMAL),
    ParamSpec("agency_abnormal", "region", "json", defaults.AGENCY_ABNORMAL),
    ParamSpec("transfer_out_alert", "region", "json", defaults.TRANSFER_OUT_ALERT),
    ParamSpec("monthly_report", "global", "json", defaults.MONTHLY_REPORT),
    ParamSpec("filing_quality", "region", "json", defaults.FILING_QUALITY),
    ParamSpec("reminder_letters", "global", "json", defaults.REMINDER_LETTERS),
)
BY_KEY = {s.key: s for s in SPECS}


def spec(key: str) -> ParamSpec:
    return BY_KEY[key]


def current(key: str, region: str = "", year: int | None = None) -> Any:
    """The value in force today (stored, merged over the default for dict parameters)."""
    s = spec(key)
    stored = params.get(key, region if s.scope != "global" else "",
                        year if s.scope == "region_year" else None)
    if isinstance(s.default, dict) and isinstance(stored, dict):
        return {**s.default, **stored}
    return s.default if stored is None else stored


def parse(key: str, text: str) -> Any:
    """The value typed on the page, validated; ValueError with a Chinese message otherwise."""
    s = spec(key)
    raw = str(text if text is not None else "").strip()
    if s.kind == "number":
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(labels.PARAM_BAD_NUMBER.format(value=raw)) from None
        if value <= 0:
            raise ValueError(labels.PARAM_NOT_POSITIVE.format(value=raw))
        return value
    if s.kind == "choice":
        if raw not in s.choices:
            raise ValueError(labels.PARAM_BAD_CHOICE.format(value=raw, choices="、".join(s.choices)))
        return raw
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(labels.PARAM_BAD_JSON.format(line=exc.lineno, col=exc.colno,
                                                      msg=exc.msg)) from None
    return _check_json(s, value)


def _check_json(s: ParamSpec, value: Any) -> Any:
    if s.key == "target":
        return targets.check(value)
    fields.check(s.key, value)
    return value


def save(key: str, text: str, region: str = "", year: int | None = None,
         effective_from: dt.date | None = None, source: str | None = None,
         note: str | None = None, by: str | None = None) -> Parameter:
    """Validate and store a new version; ValueError (Chinese message) when invalid."""
    s = spec(key)
    value = parse(key, text)
    if s.scope != "global" and not str(region or "").strip():
        raise ValueError(labels.PARAM_NEED_REGION)
    if s.scope == "region_year" and not year:
        raise ValueError(labels.PARAM_NEED_YEAR)
    row = params.set_value(key, value, region if s.scope != "global" else "",
                           year if s.scope == "region_year" else None, effective_from,
                           source or None, note or None, by=by)
    ruleparams.clear()
    return row


def save_value(key: str, value: Any, region: str = "", year: int | None = None,
               effective_from: dt.date | None = None, source: str | None = None,
               note: str | None = None, by: str | None = None) -> Parameter | None:
    """Store `value` (typed, as a form gives it) as a new version after validation (ValueError,
    Chinese, otherwise); None when it equals the value in force (nothing written)."""
    s = spec(key)
    value = _check_json(s, value) if s.kind != "number" else value
    if s.scope != "global" and not str(region or "").strip():
        raise ValueError(labels.PARAM_NEED_REGION)
    if value == current(key, region, year):
        return None
    row = params.set_value(key, value, region if s.scope != "global" else "",
                           year if s.scope == "region_year" else None, effective_from,
                           source or None, note or None, by=by)
    ruleparams.clear()
    return row


def history(key: str, region: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Every stored version of `key` (newest first): id, region_code, year, value, effective_from,
    source, note, is_demo, created_by, created_at; optionally for one region / year."""
    query = Parameter.select().where(Parameter.key == key)
    if region is not None:
        query = query.where(Parameter.region_code == region)
    if year is not None:
        query = query.where(Parameter.year == year)
    rows = list(query.order_by(Parameter.effective_from.desc(), Parameter.id.desc()).dicts())
    columns = ["id", "region_code", "year", "value", "effective_from", "source", "note",
               "is_demo", "created_by", "created_at"]
    for row in rows:
        row["value"] = describe(key, json.loads(row["value"]))
    return pd.DataFrame(rows, columns=[*columns, "key"])[columns] if rows else \
        pd.DataFrame(columns=columns)


def audit_trail(limit: int = 100) -> pd.DataFrame:
    """Recent parameter changes: at, username, object_repr, payload."""
    rows = [_readable(row) for row in audit.recent(limit, object_type="parameter")]
    return pd.DataFrame(rows, columns=["at", "username", "object_repr", "payload"]) if rows else \
        pd.DataFrame(columns=["at", "username", "object_repr", "payload"])


def _readable(row: dict) -> dict:
    """An audit row of a parameter change in words: 参数 · 区域 · 年度, and the value."""
    key, _, rest = str(row["object_repr"] or "").partition("/")
    region, _, year = rest.partition("/")
    name = labels.PARAM_LABEL.get(key, key)
    where = [part for part in (region, year) if part and part != "None"]
    payload = row["payload"]
    payload = json.loads(payload) if isinstance(payload, str) else payload or {}
    value = payload.get("value") if isinstance(payload, dict) else payload
    return {**row, "object_repr": " · ".join([name, *where]),
            "payload": describe(key, value) if key in BY_KEY else as_text(value)}


def describe(key: str, value: Any) -> str:
    """A stored value in words: each field under its Chinese label ("—" for nothing)."""
    if value is None or value == {}:
        return "—"
    if key == "target":
        value = targets.canonical(value)
        return "；".join(f"{labels.INDICATOR.get(k, k)} {v:g}" for k, v in value.items())
    if not isinstance(value, dict):
        options = labels.FIELD_OPTIONS.get(key, {}).get("value", {})
        return str(options.get(value, f"{value:g}" if isinstance(value, float) else value))
    names = labels.FIELD_LABEL.get(key, {})
    options = labels.FIELD_OPTIONS.get(key, {})
    return "；".join(f"{names.get(k, k)}：{_word(v, options.get(k, {}))}" for k, v in value.items())


def _word(value: Any, options: dict) -> str:
    if isinstance(value, bool):
        return labels.FIELD_YES_NO[value]
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(options.get(value, value))


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)
