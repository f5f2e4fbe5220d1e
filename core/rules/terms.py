"""Patent terms and expiry (domain-facts §2.1).

Terms run from the filing date: invention 20 years, utility model 10, design 10 when filed before
2021-06-01 and 15 from that day. Parameter `term_rules` (defaults below) holds the numbers and
`end`: "anniversary" (default: the recorded 专利权期满终止日 is the filing-date anniversary, as in
the 审查指南 example 1999-09-06 → 2009-09-06) or "day_before" (the last day of protection,
2009-09-05). The end date is never moved for holidays.

Term compensation (§2.2-2.3), inventions only, taken from legal events (core.importer.legal):
- 专利权期限补偿 (kind `term_compensation`, Art. 42(2)): the days CNIPA grants, read from the
  event — a day count (「补偿天数：123天」, 「给予期限补偿123日」) or the new end of term
  (「期限补偿后届满日：2041-07-16」, or the event's end date); the days cannot be computed from
  the bibliographic data (reasonable and applicant delays are deducted case by case);
- 药品专利期限补偿 (kind `drug_term_extension`, Art. 42(3)): the stated days or end, else
  (marketing approval − filing date) − 5 years when the approval date is given
  (「上市许可日：2030-05-01」); capped at `drug_max_years` and so that the term left after the
  approval is at most `drug_max_after_approval_years`.
The latest event of each kind counts; both kinds add up. The extended end is the recorded end
plus the days (`expiry_date(…, term_extension_days)`).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from core.config import defaults
from core.config import rules as ruleparams
from core.rules.calendar import add_years

PARAM_KEY = "term_rules"
DEFAULT_RULES = defaults.TERM_RULES
TYPE_ALIASES = {
    "invention": "invention", "发明": "invention", "发明专利": "invention", "发明申请": "invention",
    "发明授权": "invention", "授权发明": "invention", "1": "invention", "8": "invention",
    "utility": "utility", "实用新型": "utility", "实用新型专利": "utility", "2": "utility",
    "9": "utility", "utility_model": "utility",
    "design": "design", "外观设计": "design", "外观设计专利": "design", "外观": "design",
    "3": "design",
}


def normalize_type(value: str) -> str:
    """English type code for an English or Chinese type name; ValueError when unknown."""
    key = str(value or "").strip().lower()
    if key not in TYPE_ALIASES:
        raise ValueError(f"未知的专利类型：{value}")
    return TYPE_ALIASES[key]


def rules() -> dict:
    return ruleparams.value(PARAM_KEY)


def term_years(patent_type: str, app_date: dt.date, rule: dict | None = None) -> int:
    """Length of the term in years for a type and filing date."""
    rule = rule or rules()
    kind = normalize_type(patent_type)
    if kind != "design":
        return int(rule[kind])
    switch = dt.date.fromisoformat(rule["design_switch"])
    return int(rule["design_after"] if app_date >= switch else rule["design_before"])


def expiry_date(patent_type: str, app_date: dt.date, term_extension_days: int = 0,
                rule: dict | None = None) -> dt.date:
    """The recorded end of term (专利权期满终止日), plus any term compensation in days."""
    rule = rule or rules()
    end = add_years(app_date, term_years(patent_type, app_date, rule))
    if rule.get("end") == "day_before":
        end -= dt.timedelta(days=1)
    return end + dt.timedelta(days=int(term_extension_days or 0))


def patent_year_on(app_date: dt.date, day: dt.date) -> int:
    """The patent year (专利年度, counted from the filing date) that contains `day`; 1 on filing."""
    years = day.year - app_date.year
    if add_years(app_date, years) > day:
        years -= 1
    return years + 1


COMPENSATION_KINDS = ("term_compensation", "drug_term_extension")
_DATE = r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})"
_DAYS = re.compile(r"(?:补偿|延长|顺延)[^0-9；;。]{0,12}?(\d{1,5})\s*[天日]")
_END = re.compile(r"(?:届满日|终止日|期满日|截止日|到期日|届满)[^0-9；;。]{0,6}" + _DATE)
_APPROVAL = re.compile(r"(?:上市许可|批准上市|获批上市|上市批准|注册批准)[^0-9；;。]{0,6}" + _DATE)


def _date_in(pattern: re.Pattern, text: str) -> dt.date | None:
    match = pattern.search(text or "")
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()[-3:]))
    except ValueError:
        return None


def stated_days(detail: str | None, end_date: dt.date | None, statutory_end: dt.date) -> int | None:
    """Days of compensation an event states: a day count, else a new end of term (in the text or
    the event's end date) minus the statutory end; None when it states neither."""
    match = _DAYS.search(detail or "")
    if match:
        return int(match.group(1))
    end = _date_in(_END, detail or "") or end_date
    return (end - statutory_end).days if end and end > statutory_end else None


def drug_extension_days(app_date: dt.date, statutory_end: dt.date, approval: dt.date | None,
                        stated: int | None, rule: dict | None = None) -> int:
    """药品专利期限补偿 in days: the stated days, else (approval − filing) − 5 years; at most
    `drug_max_years`, and the extended end at most `drug_max_after_approval_years` after the
    approval (when the approval date is known)."""
    rule = rule or rules()
    days = stated
    if days is None and approval is not None:
        days = (approval - add_years(app_date, 5)).days
    if not days or days < 0:
        return 0
    days = min(days, (add_years(statutory_end, int(rule["drug_max_years"])) - statutory_end).days)
    if approval is not None:
        ceiling = add_years(approval, int(rule["drug_max_after_approval_years"]))
        days = min(days, max(0, (ceiling - statutory_end).days))
    return days


def extension_days(patent_type: str, app_date: dt.date | None, events: Iterable,
                   on: dt.date | None = None, rule: dict | None = None) -> int | None:
    """Days of term compensation (PTA + PTE) the events on or before `on` grant an invention;
    None when no compensation event is known (the stored value then stands). `events` are
    (kind, date, detail, end_date) tuples or LegalEvent rows."""
    if app_date is None or normalize_type(patent_type) != "invention":
        return None
    rule = rule or rules()
    latest: dict[str, tuple] = {}
    for kind, day, detail, end in _compensation_events(events):
        if on is not None and day is not None and day > on:
            continue
        if kind not in latest or (day or dt.date.min) >= (latest[kind][0] or dt.date.min):
            latest[kind] = (day, detail, end)
    if not latest:
        return None
    statutory = expiry_date("invention", app_date, 0, rule)
    total = 0
    for kind, (_, detail, end) in latest.items():
        stated = stated_days(detail, end, statutory)
        if kind == "drug_term_extension":
            approval = _date_in(_APPROVAL, detail or "")
            total += drug_extension_days(app_date, statutory, approval, stated, rule)
        else:
            total += max(0, stated or 0)
    return total


def _compensation_events(events: Iterable) -> list[tuple]:
    out = []
    for e in events:
        if hasattr(e, "kind"):
            e = (e.kind, e.date, e.detail, e.end_date)
        kind, day, detail, end = (tuple(e) + (None, None))[:4]
        if kind in COMPENSATION_KINDS:
            out.append((kind, _as_date(day), detail, _as_date(end)))
    return out


def _as_date(value) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def protection_end(patent_type: str, app_date: dt.date, term_extension_days: int = 0,
                   rule: dict | None = None) -> dt.date:
    """The first day the patent is no longer protected (the recorded end under the anniversary
    convention, the day after it under day_before), compensation included."""
    rule = rule or rules()
    end = expiry_date(patent_type, app_date, term_extension_days, rule)
    return end + dt.timedelta(days=1) if rule.get("end") == "day_before" else end
