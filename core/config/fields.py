"""The fields of every rule parameter as the 参数设置 form shows them: a Chinese label, a type, a
unit and the allowed range (core.config.defaults holds the values). `check(key, value)` validates
a whole value and raises ValueError with a Chinese message naming the field, the value and what is
allowed; the form, the JSON path of core.config.catalog and the tests share it."""
from __future__ import annotations

import datetime as dt
import math
import string
from dataclasses import dataclass
from typing import Any

from core.config import defaults, labels

KINDS = ("int", "float", "bool", "choice", "date", "ints", "dates", "text", "paragraph",
         "versions")  # paragraph: text of several sentences (a text area on the form)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    low: float | None = None
    high: float | None = None
    length: int | None = None  # "ints": the exact number of items, when fixed

    def label(self, key: str) -> str:
        return labels.FIELD_LABEL[key][self.name]

    def unit(self, key: str) -> str:
        return labels.FIELD_UNIT.get(key, {}).get(self.name, "")

    def options(self, key: str) -> dict[str, str]:
        """Stored value → Chinese label, for a "choice" field."""
        return labels.FIELD_OPTIONS[key][self.name]


def _rates(*names: str) -> tuple[Field, ...]:
    return tuple(Field(n, "float", 0, 1) for n in names)


FIELDS: dict[str, tuple[Field, ...]] = {
    "fee_table": (Field("invention", "ints", 0, 100_000, 20), Field("utility", "ints", 0, 100_000, 10),
                  Field("design", "ints", 0, 100_000, 15), Field("source", "text")),
    "fee_rules": (Field("surcharge_rates", "ints", 0, 100), Field("band_months", "ints", 1, 12),
                  Field("shift_due_date", "bool"), Field("shift_grace_end", "bool"),
                  Field("shift_band_edges", "bool"), Field("surcharge_on_full", "bool"),
                  Field("reduced_pay_single", "int", 0, 100), Field("reduced_pay_joint", "int", 0, 100),
                  Field("reduction_years", "int", 0, 20), Field("due_soon_days", "int", 1, 366),
                  Field("restoration_fee", "int", 0, 100_000),
                  Field("restoration_surcharge", "int", 0, 100),
                  Field("restoration_months", "int", 1, 24),
                  Field("compensation_fee", "int", 0, 100_000), Field("open_licence_pay", "int", 0, 100),
                  Field("open_licence_from", "date"), Field("history", "versions"),
                  Field("source", "text")),
    "term_rules": (Field("invention", "int", 1, 30), Field("utility", "int", 1, 30),
                   Field("design_before", "int", 1, 30), Field("design_after", "int", 1, 30),
                   Field("design_switch", "date"), Field("end", "choice"),
                   Field("drug_max_years", "int", 0, 10), Field("drug_max_after_approval_years", "int", 1, 30),
                   Field("source", "text")),
    "holiday_calendar": (Field("holidays", "dates"), Field("workdays", "dates")),
    "high_value_rules": (Field("sei", "bool"), Field("overseas_family", "bool"),
                         Field("long_maintained", "bool"), Field("pledge", "bool"),
                         Field("award", "bool"), Field("maintained_years", "int", 1, 20),
                         Field("maintained_from", "choice"),
                         Field("pledge_amount", "int", 0, 10_000_000_000), Field("source", "text")),
    "counting_rule": (Field("holder", "choice"), Field("basis", "choice"),
                      Field("fractional", "bool"), Field("domestic_only", "bool"),
                      Field("filing_basis", "choice"), Field("stock_basis", "choice")),
    "quality_weights": _rates("invention_share", "high_value_share", "long_share"),
    "industry_match": (Field("value", "choice"),),
    "abnormal": (Field("lookback_years", "int", 1, 10), Field("burst_days", "int", 1, 366),
                 Field("burst_min", "int", 2, 100_000), Field("similar_min", "int", 2, 100_000),
                 Field("individual_year_min", "int", 1, 100_000),
                 Field("agency_factor", "float", 1, 100), Field("agency_min", "int", 1, 1_000_000)),
    "agency_abnormal": (Field("volume_ratio", "float", 1, 100),
                        Field("min_filings", "int", 1, 1_000_000), *_rates("withdrawn_share")),
    "transfer_out_alert": (Field("min_transfers", "int", 1, 100_000),),
    "monthly_report": (Field("day", "int", 1, 28),),
    "filing_quality": (Field("min_filings", "int", 1, 1_000_000), Field("min_closed", "int", 1, 1_000_000),
                       *_rates("grant_rate_below", "rejection_rate_above", "withdrawal_rate_above",
                               "invention_share_below", "kept_3_below")),
    "reminder_letters": (Field("bureau", "text"), Field("address", "text"), Field("contact", "text"),
                         Field("phone", "text"), Field("signature", "text"),
                         Field("fee_title", "text"), Field("fee_body", "paragraph"),
                         Field("expiry_title", "text"), Field("expiry_body", "paragraph"),
                         Field("closing", "text")),
}
WEIGHT_TOLERANCE = 1e-6


def fields(key: str) -> tuple[Field, ...]:
    return FIELDS[key]


def check(key: str, value: Any) -> None:
    """Raise ValueError (Chinese) unless `value` is a valid whole value of parameter `key`."""
    if key == "industry_match":
        _check_field(key, FIELDS[key][0], value)
        return
    if not isinstance(value, dict):
        raise ValueError(labels.PARAM_NOT_OBJECT)
    known = {f.name: f for f in FIELDS[key]}
    for name, item in value.items():
        if name not in known:
            raise ValueError(labels.PARAM_UNKNOWN_FIELD.format(
                field=name, allowed="、".join(known)))
        _check_field(key, known[name], item)
    _check_together(key, {**defaults.BY_KEY[key], **value})


def _check_field(key: str, field: Field, item: Any) -> None:
    label = field.label(key)
    kind = field.kind
    if kind == "bool" and not isinstance(item, bool):
        raise ValueError(labels.FIELD_NOT_BOOL.format(field=label, value=item))
    if kind in ("int", "float"):
        _check_number(key, field, item)
    if kind == "choice" and item not in field.options(key):
        raise ValueError(labels.FIELD_BAD_CHOICE.format(
            field=label, value=item, choices="、".join(field.options(key).values())))
    if kind == "date":
        _check_date(label, item)
    if kind == "dates":
        if not isinstance(item, list):
            raise ValueError(labels.FIELD_NOT_LIST.format(field=label))
        for day in item:
            _check_date(label, day)
    if kind == "ints":
        _check_ints(key, field, item)
    if kind == "versions":
        _check_versions(key, label, item)
    if kind in ("text", "paragraph") and not isinstance(item, str):
        raise ValueError(labels.FIELD_NOT_TEXT.format(field=label, value=item))
    if kind in ("text", "paragraph") and key in TEMPLATE_KEYS:
        _check_placeholders(label, item, _allowed_placeholders(field.name))


def _check_versions(key: str, label: str, item: Any) -> None:
    """Earlier versions of a parameter: a list of objects, each with the last day `until` it
    applied and some of the parameter's own fields."""
    if not isinstance(item, list):
        raise ValueError(labels.FIELD_NOT_LIST.format(field=label))
    known = {f.name: f for f in FIELDS[key] if f.kind != "versions"}
    for entry in item:
        if not isinstance(entry, dict) or "until" not in entry:
            raise ValueError(labels.FIELD_BAD_VERSION.format(field=label, value=entry))
        _check_date(label, entry["until"])
        for name, value in entry.items():
            if name == "until":
                continue
            if name not in known:
                raise ValueError(labels.PARAM_UNKNOWN_FIELD.format(field=name, allowed="、".join(known)))
            _check_field(key, known[name], value)


def _check_number(key: str, field: Field, item: Any) -> None:
    label = field.label(key)
    number_types = (int,) if field.kind == "int" else (int, float)
    if isinstance(item, bool) or not isinstance(item, number_types) or \
            (isinstance(item, float) and not math.isfinite(item)):
        message = labels.FIELD_NOT_INT if field.kind == "int" else labels.FIELD_NOT_NUMBER
        raise ValueError(message.format(field=label, value=item))
    if not field.low <= item <= field.high:
        raise ValueError(labels.FIELD_RANGE.format(field=label, value=_number(item),
                                                   low=_number(field.low),
                                                   high=_number(field.high),
                                                   unit=field.unit(key)))


def _check_ints(key: str, field: Field, item: Any) -> None:
    label = field.label(key)
    if not isinstance(item, list) or not item:
        raise ValueError(labels.FIELD_NOT_LIST.format(field=label))
    if field.length is not None and len(item) != field.length:
        raise ValueError(labels.FIELD_LENGTH.format(field=label, n=field.length, got=len(item)))
    for number in item:
        if isinstance(number, bool) or not isinstance(number, int) or \
                not field.low <= number <= field.high:
            raise ValueError(labels.FIELD_ITEM_RANGE.format(
                field=label, value=number, low=_number(field.low), high=_number(field.high),
                unit=field.unit(key)))


TEMPLATE_KEYS = ("reminder_letters",)  # parameters whose texts may name placeholders


def _allowed_placeholders(name: str) -> tuple[str, ...]:
    """The placeholders a field of the letterhead may name (the bureau cannot name itself)."""
    names = labels.LETTER_PLACEHOLDERS
    return tuple(v for k, v in names.items() if not (name == "bureau" and k == "bureau"))


def _check_placeholders(label: str, text: str, allowed: tuple[str, ...]) -> None:
    """Every {名称} in `text` is an allowed placeholder, written plainly (no format spec)."""
    try:
        parts = [p[1:] for p in string.Formatter().parse(text) if p[1] is not None]
    except ValueError:
        raise ValueError(labels.FIELD_BAD_BRACES.format(field=label)) from None
    for name, spec, conversion in parts:
        if spec or conversion or not name:
            raise ValueError(labels.FIELD_BAD_BRACES.format(field=label))
        if name not in allowed:
            raise ValueError(labels.FIELD_BAD_PLACEHOLDER.format(
                field=label, value=name, allowed="、".join(f"{{{n}}}" for n in allowed)))


def _check_date(label: str, day: Any) -> None:
    try:
        dt.date.fromisoformat(day)
    except (TypeError, ValueError):
        raise ValueError(labels.FIELD_BAD_DATE.format(field=label, value=day)) from None


def _check_together(key: str, value: dict) -> None:
    """Rules between fields of one parameter."""
    if key == "fee_rules" and len(value["surcharge_rates"]) != len(value["band_months"]):
        raise ValueError(labels.PARAM_BANDS)
    if key == "fee_rules" and value["band_months"] != sorted(value["band_months"]):
        raise ValueError(labels.FIELD_BANDS_ORDER)
    if key == "quality_weights":
        total = sum(value.values())
        if abs(total - 1) > WEIGHT_TOLERANCE:
            raise ValueError(labels.FIELD_WEIGHTS.format(total=_number(round(total, 6))))


def _number(value: float) -> str:
    """A number as a person writes it: 12, 0.25, 10,000,000."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"
