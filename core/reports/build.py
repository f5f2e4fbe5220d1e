"""The analysis report of a region and period: the chosen sections built from the statistics and
monitor functions, in the order of a bureau's 专利统计分析报告."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from core.config import labels
from core.regions import custom
from core.reports.model import Context, Report
from core.reports.period import Period
from core.reports.sections import BUILDERS

SECTION_KEYS = tuple(BUILDERS)


class ReportError(ValueError):
    """A bad region or section; str() is the Chinese message naming the value."""


def checked_sections(names: Sequence[str] | None) -> tuple[str, ...]:
    """The chosen sections in report order (None or empty: all); ReportError naming a bad one."""
    if not names:
        return SECTION_KEYS
    for name in names:
        if name not in BUILDERS:
            raise ReportError(labels.REPORT_SECTION_BAD.format(
                name=name, choices=", ".join(SECTION_KEYS)))
    return tuple(key for key in SECTION_KEYS if key in names)


def context(region: str, period: Period, on: dt.date) -> Context:
    name = custom.name_of(region)
    if name is None:
        raise ReportError(labels.REPORT_REGION_BAD.format(code=region))
    return Context(region, name, period, on)


def build(region: str, period: Period, sections: Sequence[str] | None = None,
          on: dt.date | None = None) -> Report:
    """The report; `on` (default today) is the day risks are counted on."""
    keys = checked_sections(sections)
    ctx = context(region, period, on or dt.date.today())
    return Report(ctx, [BUILDERS[key](ctx) for key in keys])
