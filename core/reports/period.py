"""Report periods: a month ('2026-11'), quarter ('2026Q3'), half-year ('2026H1'), year ('2026') or
a custom range ('2026-01-01..2026-03-31'), each with its Chinese name and the same period one year
earlier (同比)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from core.config import labels
from core.cubes.indicator.months import month_end, month_index
from core.rules.calendar import add_years

KINDS = ("month", "quarter", "half", "year", "custom")
PATTERNS = (
    ("month", re.compile(r"(\d{4})-(\d{1,2})")),
    ("quarter", re.compile(r"(\d{4})[Qq]([1-4])")),
    ("half", re.compile(r"(\d{4})[Hh]([12])")),
    ("year", re.compile(r"(\d{4})()")),
    ("custom", re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")),
)
FIRST_YEAR = 1985  # the Chinese patent law took effect in 1985


class PeriodError(ValueError):
    """A period text that is not one of the accepted forms; str() is the Chinese message."""


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date  # inclusive

    @property
    def code(self) -> str:
        """The text that parses back to this period."""
        y = self.start.year
        return {"month": f"{y}-{self.start.month:02d}", "quarter": f"{y}Q{(self.start.month + 2) // 3}",
                "half": f"{y}H{1 if self.start.month == 1 else 2}", "year": f"{y}",
                }.get(self.kind, f"{self.start}..{self.end}")

    @property
    def name(self) -> str:
        """The period in Chinese: 2026年11月, 2026年第三季度, 2026年上半年, 2026年, 2026年1月1日至3月31日."""
        y, m = self.start.year, self.start.month
        if self.kind == "month":
            return labels.REPORT_PERIOD_MONTH.format(year=y, month=m)
        if self.kind == "quarter":
            return labels.REPORT_PERIOD_QUARTER.format(year=y, q="一二三四"[(m - 1) // 3])
        if self.kind == "half":
            return labels.REPORT_PERIOD_HALF.format(year=y, half="上" if m == 1 else "下")
        if self.kind == "year":
            return labels.REPORT_PERIOD_YEAR.format(year=y)
        return labels.REPORT_PERIOD_CUSTOM.format(start=day_name(self.start), end=day_name(self.end))

    def year_before(self) -> Period:
        """The same period one year earlier (29 February becomes 28 February)."""
        end = add_years(self.end, -1)
        if self.kind != "custom":  # whole months stay whole months (Feb ends on the 28th or 29th)
            end = _month_end(end.year, end.month)
        return Period(self.kind, add_years(self.start, -1), end)

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def day_name(day: dt.date) -> str:
    """2026年11月30日."""
    return labels.REPORT_DAY.format(year=day.year, month=day.month, day=day.day)


def _month_end(year: int, month: int) -> dt.date:
    return month_end(month_index(dt.date(year, month, 1)))


def _span(kind: str, year: int, part: int) -> tuple[dt.date, dt.date]:
    first, count = {"month": (part, 1), "quarter": (3 * part - 2, 3), "half": (6 * part - 5, 6),
                    "year": (1, 12)}[kind]
    return dt.date(year, first, 1), _month_end(year, first + count - 1)


def parse(text: str) -> Period:
    """The period written as `text`; PeriodError naming the text when it is none."""
    raw = (text or "").strip()
    for kind, pattern in PATTERNS:
        match = pattern.fullmatch(raw)
        if match:
            return _checked(_build(kind, match, raw), raw)
    raise PeriodError(labels.REPORT_PERIOD_BAD.format(text=text))


def _build(kind: str, match: re.Match, raw: str) -> Period:
    if kind == "custom":
        try:
            start, end = (dt.date.fromisoformat(g) for g in match.groups())
        except ValueError:
            raise PeriodError(labels.REPORT_PERIOD_BAD.format(text=raw)) from None
        if end < start:
            raise PeriodError(labels.REPORT_PERIOD_ORDER.format(text=raw))
        return Period(kind, start, end)
    year, part = int(match.group(1)), int(match.group(2) or 1)
    if kind == "month" and not 1 <= part <= 12:
        raise PeriodError(labels.REPORT_PERIOD_BAD.format(text=raw))
    return Period(kind, *_span(kind, year, part))


def _checked(period: Period, raw: str) -> Period:
    if period.start.year < FIRST_YEAR or period.end.year > 2100:
        raise PeriodError(labels.REPORT_PERIOD_RANGE.format(text=raw, low=FIRST_YEAR))
    return period


def last_month(today: dt.date) -> Period:
    """The calendar month before `today`'s (the scheduled monthly report's period)."""
    first = today.replace(day=1) - dt.timedelta(days=1)
    return Period("month", first.replace(day=1), first)
