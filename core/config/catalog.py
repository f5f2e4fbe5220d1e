"""The parameters an administrator edits on 参数设置: what each key means, its scope (global,
per region, per region and year), its default with source, and validation of new values.
Saving adds a new version through core.params (audited) and drops the rule cache."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.config import defaults, labels, params
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
    ParamSpec("filing_quality", "region", "json", defaults.FILING_QUALITY),
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
    _check_json(s, value)
    return value


def _check_json(s: ParamSpec, value: Any) -> None:
    if not isinstance(value, dict):
        raise ValueError(labels.PARAM_NOT_OBJECT)
    allowed = set(labels.INDICATOR) | set(defaults.TARGET_ALIASES) \
        if s.key == "target" else set(s.default)
    for name, item in value.items():
        if name not in allowed:
            raise ValueError(labels.PARAM_UNKNOWN_FIELD.format(field=name,
                                                               allowed="、".join(sorted(allowed))))
        expected = s.default.get(name) if s.key != "target" else 0.0
        if not _same_kind(expected, item):
            raise ValueError(labels.PARAM_BAD_FIELD.format(field=name, value=item))
    _check_special(s.key, value)


def _same_kind(expected: Any, item: Any) -> bool:
    if isinstance(expected, bool):
        return isinstance(item, bool)
    if isinstance(expected, (int, float)):
        return isinstance(item, (int, float)) and not isinstance(item, bool)
    if isinstance(expected, list):
        return isinstance(item, list)
    return isinstance(item, type(expected)) if expected is not None else True


def _check_special(key: str, value: dict) -> None:
    if key == "fee_table":
        for kind, years in (("invention", 20), ("utility", 10), ("design", 15)):
            amounts = value.get(kind)
            if amounts is not None and (len(amounts) != years or any(
                    not isinstance(a, int) or a < 0 for a in amounts)):
                raise ValueError(labels.PARAM_FEE_TABLE.format(type=labels.PATENT_TYPE[kind],
                                                               years=years))
    if key == "fee_rules":
        rates, months = value.get("surcharge_rates"), value.get("band_months")
        if rates is not None and months is not None and len(rates) != len(months):
            raise ValueError(labels.PARAM_BANDS)
    if key == "holiday_calendar":
        for day in value.get("holidays", []) + value.get("workdays", []):
            try:
                dt.date.fromisoformat(day)
            except (TypeError, ValueError):
                raise ValueError(labels.PARAM_BAD_DATE.format(value=day)) from None
    if key == "counting_rule":
        for name, allowed in defaults.COUNTING_CHOICES.items():
            if name in value and value[name] not in allowed:
                raise ValueError(labels.PARAM_BAD_RULE.format(value=value[name]))


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
    return pd.DataFrame(rows, columns=[*columns, "key"])[columns] if rows else \
        pd.DataFrame(columns=columns)


def audit_trail(limit: int = 100) -> pd.DataFrame:
    """Recent parameter changes: at, username, object_repr, payload."""
    rows = audit.recent(limit, object_type="parameter")
    return pd.DataFrame(rows, columns=["at", "username", "object_repr", "payload"]) if rows else \
        pd.DataFrame(columns=["at", "username", "object_repr", "payload"])


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)
