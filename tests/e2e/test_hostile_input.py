"""Hostile input in a real browser (issue 18, item 7): an overflowing holder id in a deep link, a
very long search term in the link and typed into the box, malformed login cookies. Each gets
a Chinese answer or the login form, never an exception or Streamlit's English message."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.config import labels
from tests.e2e import charts
from tests.e2e.conftest import (
    COOKIE_NAME,
    heading,
    open_page,
    result_count,
    screenshot,
    wait_run_finished,
    wait_session,
)

ENGLISH_ERROR = re.compile("This app has encountered an error|Traceback|Error")


def _no_error(page) -> None:
    charts.no_exception(page)
    expect(page.get_by_text(ENGLISH_ERROR)).to_have_count(0)
    expect(page.get_by_text(labels.DB_UNAVAILABLE)).to_have_count(0)
    expect(page.get_by_text(labels.PAGE_FAILED)).to_have_count(0)


def test_an_overflowing_holder_id_in_a_link_is_ignored_in_chinese(app_url, page, facts):
    open_page(page, app_url, "search?holder_id=99999999999999999999999")
    expect(heading(page, labels.SEARCH_TITLE)).to_be_visible()
    expect(page.get_by_text(labels.SEARCH_BAD_PARAMS.format(names="holder_id"))).to_be_visible()
    expect(page.get_by_text(labels.SEARCH_RESULT.format(n=facts["search_all"]))).to_be_visible()
    screenshot(page, "hostile_deep_link")
    _no_error(page)


def test_a_long_term_in_a_link_is_ignored_in_chinese(app_url, page, facts):
    """5,000 characters (a link of 100,000 is refused by the web server before the app: its
    HTTP line limit)."""
    open_page(page, app_url, "search?q=" + "电" * 5000)
    expect(page.get_by_text(labels.SEARCH_BAD_PARAMS.format(names="q"))).to_be_visible()
    expect(page.get_by_text(labels.SEARCH_RESULT.format(n=facts["search_all"]))).to_be_visible()
    _no_error(page)


def test_a_pasted_100000_character_term_is_capped_by_the_box(app_url, page):
    open_page(page, app_url, "search")
    box = page.get_by_label(labels.SEARCH_WORDS)
    box.fill("电" * 100_000)
    box.press("Enter")
    wait_run_finished(page)
    assert len(box.input_value()) <= 100  # the box holds at most search.MAX_TEXT characters
    box.fill("一种 " * 12)
    box.press("Enter")
    expect(page.get_by_text(re.compile("每个检索框最多 100 个字符、10 个词"))).to_be_visible()
    expect(result_count(page)).to_be_visible()
    screenshot(page, "hostile_long_term")
    _no_error(page)


@pytest.mark.parametrize("value", [
    "garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJ1c2VybmFtZSI6ImFkbWluIn0.", '"\\x', "%E4%B8%AD%ZZ",
    "中文", "x" * 3000,
])
def test_a_malformed_cookie_opens_the_login_form(app_url, browser, value):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    context.add_cookies([{"name": COOKIE_NAME, "value": value, "url": app_url}])
    page = context.new_page()
    page.goto(app_url + "/search")
    wait_session(page)
    expect(page.get_by_label("用户名")).to_be_visible()
    expect(page.get_by_text(re.compile("当前用户"))).to_have_count(0)
    _no_error(page)
    context.close()
