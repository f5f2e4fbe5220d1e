"""Generated sentences: year-on-year changes (同比增长 x%) and rank moves, in Chinese."""
from __future__ import annotations

from core.config import labels


def yoy(now: float | None, before: float | None) -> float | None:
    """The change against a year before in percent, one decimal; None when there is no base."""
    if now is None or not before:
        return None
    return round((now / before - 1) * 100, 1)


def change(now: float | None, before: float | None) -> str:
    """同比增长 12.5% / 同比下降 3.0% / 与去年同期持平 / 去年同期为零."""
    if not before:
        return labels.REPORT_FLAT if not now else labels.REPORT_FROM_ZERO
    return pct_words(yoy(now, before))


def pct_words(pct: float | None) -> str:
    """A change in percent in words; None (no base a year before) is 去年同期为零."""
    if not isinstance(pct, (int, float)):
        return labels.REPORT_FROM_ZERO
    if pct == 0:
        return labels.REPORT_FLAT
    template = labels.REPORT_UP if pct > 0 else labels.REPORT_DOWN
    return template.format(pct=f"{abs(pct):.1f}%")


def rank_move(now: int | None, before: int | None) -> str:
    """上升 n 位 / 下降 n 位 / 持平 / 新进 (no rank a year before)."""
    if before is None:
        return labels.REPORT_RANK_NEW
    if now == before:
        return labels.REPORT_RANK_SAME
    text = labels.REPORT_RANK_UP if now < before else labels.REPORT_RANK_DOWN
    return text.format(n=abs(before - now))


def count(value: float) -> str:
    """A count with thousands separators."""
    return f"{value:,.0f}"


def share(value: float | None) -> str:
    return labels.NO_VALUE if value is None else f"{value * 100:.1f}%"


def listing(items: list[str]) -> str:
    """Items joined with 、."""
    return "、".join(items)


def or_dash(value):
    """A table cell: the value, or — when there is none."""
    return labels.NO_VALUE if value is None else value
