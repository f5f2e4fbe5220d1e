"""Login and page protection in a real browser on a real server."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import login, wait_idle


def test_first_hit_on_a_page_url_of_a_fresh_server_shows_the_login(fresh_server, page):
    page.goto(fresh_server + "/fees")  # the very first request this server gets
    expect(page.get_by_text(re.compile("请先登录|用户名")).first).to_be_visible(timeout=30000)
    wait_idle(page)
    expect(page.get_by_text("年费预警", exact=True)).to_have_count(0)
    expect(page.get_by_text("有效专利")).to_have_count(0)


def test_a_viewer_sees_statistics_but_no_system_management(app_url, page):
    login(page, app_url, "viewer")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("统计分析", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("监控预警", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("系统管理", exact=True)).to_have_count(0)
    expect(sidebar.get_by_text("用户管理", exact=True)).to_have_count(0)


def test_an_admin_sees_system_management(app_url, page):
    login(page, app_url, "admin")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("系统管理", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("用户管理", exact=True)).to_be_visible()
