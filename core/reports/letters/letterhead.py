"""The bureau's letterhead and letter texts (parameter `reminder_letters`) with the placeholders
filled in. The texts were checked on saving (core.config.fields): only the placeholders of
labels.LETTER_PLACEHOLDERS, written plainly."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.config import catalog, labels
from core.regions.custom import region_name
from core.resolver.resolution import home_region

KEY = "reminder_letters"
CONTACT_FIELDS = ("address", "contact", "phone")


@dataclass(frozen=True)
class Letterhead:
    bureau: str
    title: str
    body: str  # paragraphs before the table, one a line
    closing: str  # after the table
    signature: str
    contact_lines: tuple[str, ...]  # 地址 / 联系人 / 联系电话 lines that are filled in


def chinese_date(day: dt.date) -> str:
    return labels.LETTER_DATE.format(year=day.year, month=day.month, day=day.day)


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each {名称} replaced; `values` keyed as labels.LETTER_PLACEHOLDERS."""
    names = labels.LETTER_PLACEHOLDERS
    return text.format_map({names[k]: v for k, v in values.items()})


def current() -> dict:
    """The parameter in force (stored over the default): read once per batch."""
    return catalog.current(KEY)


def letterhead(value: dict, kind: str, holder: str, count: int, on: dt.date,
               until: dt.date | None = None) -> Letterhead:
    """The letterhead of one letter of `kind` (fee, expiry) to `holder` about `count` patents;
    `value` as current() gives it."""
    values = {"region": region_name(home_region()), "holder": holder, "count": str(count),
              "on": chinese_date(on), "until": chinese_date(until) if until else "", "bureau": ""}
    values["bureau"] = fill(value["bureau"], values)
    contact = tuple(labels.LETTER_CONTACT_LINE[k].format(value=fill(value[k], values))
                    for k in CONTACT_FIELDS if value[k].strip())
    return Letterhead(values["bureau"], fill(value[f"{kind}_title"], values),
                      fill(value[f"{kind}_body"], values), fill(value["closing"], values),
                      fill(value["signature"], values), contact)


def has_contact() -> bool:
    """True when the bureau's address and phone are set (letters say where to ask)."""
    value = current()
    return bool(value["address"].strip() and value["phone"].strip())
