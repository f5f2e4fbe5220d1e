"""Report periods parsed from their written forms, named in Chinese, and shifted a year back."""
from __future__ import annotations

import datetime as dt

import pytest

from core.reports.period import Period, PeriodError, last_month, parse
from core.reports.wording import change, rank_move

D = dt.date


@pytest.mark.parametrize("text, kind, start, end, name", [
    ("2026-11", "month", D(2026, 11, 1), D(2026, 11, 30), "2026年11月"),
    ("2024-2", "month", D(2024, 2, 1), D(2024, 2, 29), "2024年2月"),
    ("2026Q3", "quarter", D(2026, 7, 1), D(2026, 9, 30), "2026年第三季度"),
    ("2026q1", "quarter", D(2026, 1, 1), D(2026, 3, 31), "2026年第一季度"),
    ("2026H1", "half", D(2026, 1, 1), D(2026, 6, 30), "2026年上半年"),
    ("2026H2", "half", D(2026, 7, 1), D(2026, 12, 31), "2026年下半年"),
    ("2026", "year", D(2026, 1, 1), D(2026, 12, 31), "2026年"),
    (" 2026-01-01..2026-03-15 ", "custom", D(2026, 1, 1), D(2026, 3, 15),
     "2026年1月1日至2026年3月15日"),
])
def test_parse_names_and_round_trips(text, kind, start, end, name):
    period = parse(text)
    assert (period.kind, period.start, period.end, period.name) == (kind, start, end, name)
    assert parse(period.code) == period


@pytest.mark.parametrize("text, start, end", [
    ("2024-02", D(2023, 2, 1), D(2023, 2, 28)),  # a whole month stays whole
    ("2025-02", D(2024, 2, 1), D(2024, 2, 29)),
    ("2026Q4", D(2025, 10, 1), D(2025, 12, 31)),
    ("2024-01-01..2024-02-29", D(2023, 1, 1), D(2023, 2, 28)),
])
def test_year_before_is_the_same_period_a_year_earlier(text, start, end):
    before = parse(text).year_before()
    assert (before.start, before.end) == (start, end)
    assert before.kind == parse(text).kind


@pytest.mark.parametrize("text, words", [
    ("2026-13", "无法识别"), ("2026Q5", "无法识别"), ("26-11", "无法识别"), ("", "无法识别"),
    ("2026-02-30..2026-03-01", "无法识别"), ("2026-03-01..2026-02-01", "结束日早于开始日"),
    ("1900", "超出范围"),
])
def test_bad_periods_are_named_in_the_message(text, words):
    with pytest.raises(PeriodError) as raised:
        parse(text)
    assert f"“{text}”" in str(raised.value) and words in str(raised.value)


def test_last_month_of_a_day():
    assert last_month(D(2026, 1, 5)) == Period("month", D(2025, 12, 1), D(2025, 12, 31))
    assert last_month(D(2026, 3, 31)) == Period("month", D(2026, 2, 1), D(2026, 2, 28))


@pytest.mark.parametrize("now, before, words", [
    (112, 100, "同比增长12.0%"), (97, 100, "同比下降3.0%"), (5, 5, "与去年同期持平"),
    (3, 0, "去年同期为零"), (0, 0, "与去年同期持平"), (1, 3, "同比下降66.7%"),
])
def test_change_in_words(now, before, words):
    assert change(now, before) == words


def test_rank_moves_in_words():
    assert [rank_move(2, 5), rank_move(5, 2), rank_move(3, 3), rank_move(1, None)] == [
        "上升3位", "下降3位", "持平", "新进"]
