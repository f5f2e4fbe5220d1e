"""Login and page protection in a real browser on a real server."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import db_value, fill_login_form, heading, login, open_page, query, wait_session


def test_first_hit_on_a_page_url_of_a_fresh_server_shows_the_login(fresh_server, page):
    page.goto(fresh_server + "/fees")  # the very first request this server gets
    expect(page.get_by_text(re.compile("请先登录|用户名")).first).to_be_visible()
    wait_session(page)
    expect(page.get_by_text("年费预警", exact=True)).to_have_count(0)
    expect(page.get_by_text("有效专利")).to_have_count(0)


def test_first_hit_on_an_unknown_address_of_a_fresh_server_is_answered_in_chinese(fresh_server,
                                                                                     page):
    """Streamlit runs a server's first session the old pages/-folder way unless ui.launch turns
    that off: its English "Page not found" dialog came before the login form."""
    page.goto(fresh_server + "/no_such_page")
    wait_session(page)
    expect(page.get_by_label("用户名")).to_be_visible()
    expect(page.get_by_text(re.compile("Page not found|does not seem to exist"))).to_have_count(0)


def test_first_hit_with_a_login_cookie_on_a_fresh_server_opens_the_page(fresh_server, page):
    open_page(page, fresh_server, "fees", "viewer")
    expect(heading(page, "年费预警")).to_be_visible()


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


def test_a_link_opened_in_a_new_tab_lands_on_its_page_after_the_cookie_login(app_url, page,
                                                                              e2e_db):
    login(page, app_url, "viewer")
    page.goto(app_url + "/trend?region=320506")
    name = db_value(e2e_db, "SELECT name FROM region WHERE code = '320506'")
    expect(heading(page, f"趋势统计 · {name}")).to_be_visible()
    wait_session(page)
    assert query(page.url) == ("trend", {"region": "320506"})


def test_a_link_followed_before_logging_in_lands_on_its_page_after_the_form(app_url, page):
    page.goto(app_url + "/holders")
    fill_login_form(page, "viewer")
    expect(heading(page, "权利人统计")).to_be_visible()


def test_pages_load_nothing_from_the_internet(app_url, page):
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    login(page, app_url, "admin")
    for path in ("", "fees", "holders"):
        page.goto(f"{app_url}/{path}")
        wait_session(page)
        page.wait_for_load_state("networkidle", timeout=90_000)  # slow on a loaded 2-core CI
    assert {h.split(":")[0] for h in hosts} == {"127.0.0.1"}


def test_logout_returns_to_the_login_form(app_url, page):
    login(page, app_url, "viewer")
    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_label("用户名")).to_be_visible()


# script runs of this page, counted by the app's state turning to "running"
COUNT_RUNS = """() => {
  window.__runs = 0;
  let running = false;
  new MutationObserver(() => {
    const now = !!document.querySelector('[data-testid="stApp"][data-test-script-state="running"]');
    if (now && !running) window.__runs += 1;
    running = now;
  }).observe(document, {attributes: true, childList: true, subtree: true});
}"""


def test_a_page_opened_with_the_login_cookie_runs_once(app_url, page):
    """The authenticator's cookie component read every cookie on a session's first run and
    reran the script with them: every page opened ran, and was drawn, twice (ui/cookies.py)."""
    page.add_init_script(f"({COUNT_RUNS})()")
    open_page(page, app_url, "trend", "viewer")
    expect(heading(page, re.compile("^趋势统计"))).to_be_visible()
    page.wait_for_timeout(1000)  # a rerun answering a component would have started by now
    assert page.evaluate("window.__runs") == 1
