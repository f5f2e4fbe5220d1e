"""Sessions end on the server: a login cookie copied before a logout or a password change opens
only the login form in a new browser; the same cookie before that opens the app."""
from __future__ import annotations

import re
import subprocess
import sys
import uuid

from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, _env, login, wait_session


def _core(e2e_db, *args: str, stdin: str = "") -> None:
    url, data_dir = e2e_db
    done = subprocess.run([sys.executable, "-m", "core", *args, "--db", url], cwd=ROOT,
                          env=_env(data_dir, url), input=stdin, text=True, capture_output=True)
    assert done.returncode == 0, done.stderr


def _open_with(browser, base: str, state: dict):
    """A new browser context holding only the saved cookies, on the app's start page."""
    context = browser.new_context(storage_state=state, viewport={"width": 1400, "height": 900},
                                  locale="zh-CN")
    page = context.new_page()
    page.goto(base + "/")
    wait_session(page)
    return context, page


def _logged_in(page) -> None:
    expect(page.get_by_text(re.compile("当前用户"))).to_be_visible()


def _login_form(page) -> None:
    expect(page.get_by_label("用户名")).to_be_visible()
    expect(page.get_by_text(re.compile("当前用户"))).to_have_count(0)


# the most login forms ever on the page at once, counted on every change of the page
COUNT_FORMS = """() => {
  window.__mostForms = 0;
  const count = () => { window.__mostForms = Math.max(window.__mostForms,
      document.querySelectorAll('input[aria-label="用户名"]').length); };
  new MutationObserver(count).observe(document.body, {childList: true, subtree: true});
}"""


def _saved_cookie(page) -> dict:
    page.wait_for_function("() => document.cookie.includes('patent_auth=')")  # written after the run
    state = page.context.storage_state()
    cookie = next(c for c in state["cookies"] if c["name"] == "patent_auth")
    assert (cookie["sameSite"], cookie["httpOnly"]) == ("Strict", False)  # JS-written: no HttpOnly
    return state


def test_a_cookie_saved_before_logout_opens_only_the_login_form(app_url, browser, page):
    login(page, app_url, "viewer")
    state = _saved_cookie(page)
    copy, copied = _open_with(browser, app_url, state)
    _logged_in(copied)  # the cookie works while the login lasts
    page.get_by_role("button", name="退出登录").click()
    _login_form(page)
    copy.close()
    after, reopened = _open_with(browser, app_url, state)
    _login_form(reopened)
    after.close()


def test_a_cookie_saved_before_a_password_change_opens_only_the_login_form(e2e_db, app_url,
                                                                            browser, page):
    name = f"e2e_{uuid.uuid4().hex[:8]}"  # a user of its own (each run makes another)
    _core(e2e_db, "user", "add", name, "--role", "viewer", "--password-stdin",
          stdin="first-e2e-pw\n")
    page.goto(app_url + "/")
    wait_session(page)
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill("first-e2e-pw")
    page.get_by_role("button", name="登录").click()
    _logged_in(page)
    wait_session(page)
    state = _saved_cookie(page)
    _core(e2e_db, "user", "password", name, "--password-stdin", stdin="second-e2e-pw\n")
    other, reopened = _open_with(browser, app_url, state)
    _login_form(reopened)
    other.close()
    page.evaluate(COUNT_FORMS)
    page.get_by_role("link", name="专利概况").first.click()  # the open tab, at its next run
    expect(page.get_by_text(re.compile("登录已失效"))).to_be_visible()
    _login_form(page)
    wait_session(page)
    # the run that ends the session and the rerun the cookie's deletion starts draw one form
    assert page.evaluate("() => window.__mostForms") == 1


def test_a_malformed_or_forged_cookie_opens_the_login_form(app_url, browser):
    import jwt
    forged = jwt.encode({"username": "admin", "sv": 1, "login_at": 0, "issued": 0,
                         "exp_date": 4e9}, "not-the-key-" * 4, algorithm="HS256")
    for value in ("garbage", "a.b.c", forged):
        state = {"cookies": [{"name": "patent_auth", "value": value, "domain": "127.0.0.1",
                              "path": "/", "expires": -1, "httpOnly": False, "secure": False,
                              "sameSite": "Strict"}], "origins": []}
        context, page = _open_with(browser, app_url, state)
        _login_form(page)
        expect(page.get_by_text(re.compile("Traceback|Error"))).to_have_count(0)
        context.close()
