"""Patent terms and expiry (domain-facts §2.1).

Terms run from the filing date: invention 20 years, utility model 10, design 10 when filed before
2021-06-01 and 15 from that day. Parameter `term_rules` (defaults below) holds the numbers and
`end`: "anniversary" (default: the recorded 专利权期满终止日 is the filing-date anniversary, as in
the 审查指南 example 1999-09-06 → 2009-09-06) or "day_before" (the last day of protection,
2009-09-05). The end date is never moved for holidays. Term compensation (PTA/PTE, §2.2-2.3) is
added as days when the data carries it.
"""
from __future__ import annotations

import datetime as dt

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
