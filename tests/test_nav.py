"""Navigation through Home.py (AppTest): the login page shows the product, not the page files;
once logged in, a page the role may not open is still addressable and answers in Chinese (no
Streamlit "Page not found"), and the role's own pages are listed."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.accounts import users
from core.config import labels
from ui.nav import PAGES

ROOT = Path(__file__).resolve().parents[1]
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _home() -> AppTest:
    return AppTest.from_file(str(ROOT / "Home.py"), default_timeout=60).run()


def _login(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


@SQLITE_ONLY
def test_the_login_page_names_the_product(app_env):
    at = _home()
    assert [t.value for t in at.title] == [labels.APP_TITLE]
    assert [t.label for t in at.text_input] == ["用户名", "密码"]
    assert not at.exception


@SQLITE_ONLY
def test_the_product_title_goes_once_logged_in(app_env):
    at = _login(_home(), "admin", "admin-test-pw")
    assert not at.exception and [t.value for t in at.title] == []


@SQLITE_ONLY
def test_a_page_the_role_may_not_open_answers_in_chinese(app_env):
    users.create_user("viewer", "viewer-pw-1", "viewer")
    at = _login(_home(), "viewer", "viewer-pw-1")
    users_page = next(s.path for s in PAGES if s.url_path == "users")
    at.switch_page(users_page).run()
    assert [e.value for e in at.error] == [labels.NO_PERMISSION]
    assert not at.exception
