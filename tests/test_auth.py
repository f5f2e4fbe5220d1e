"""Login through Home.py (AppTest): each role, wrong passwords, lockout, audit."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.accounts import users
from core.db.models import AuditLog, User

ROOT = Path(__file__).resolve().parents[1]
PASSWORDS = {"admin": "admin-test-pw", "checker": "checker-pw-1", "viewer": "viewer-pw-1"}


@pytest.fixture
def accounts(app_env, monkeypatch):
    monkeypatch.setenv("PATENT_LOGIN_MAX_FAILURES", "3")
    users.create_user("checker", PASSWORDS["checker"], "checker")
    users.create_user("viewer", PASSWORDS["viewer"], "viewer")
    return PASSWORDS


def _login(username: str, password: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=60).run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


@pytest.mark.parametrize("role", ["admin", "checker", "viewer"])
def test_each_role_logs_in_and_gets_its_role(accounts, role):
    at = _login(role, accounts[role])
    assert not at.exception
    assert (at.session_state["authentication_status"], at.session_state["roles"]) == (True, [role])
    assert User.get(User.username == role).last_login is not None


def test_a_wrong_password_is_refused_and_logged(accounts):
    at = _login("viewer", "not-the-password")
    assert at.session_state["authentication_status"] is False
    assert [e.value for e in at.error] == ["用户名或密码错误"]
    assert User.get(User.username == "viewer").failed_attempts == 1
    failures = AuditLog.select().where(AuditLog.action == "login_failed")
    assert [(a.username, a.message) for a in failures] == [("viewer", "attempt 1")]


def test_repeated_failures_lock_the_account_even_for_the_right_password(accounts):
    for _ in range(3):
        _login("viewer", "wrong")
    user = User.get(User.username == "viewer")
    assert user.failed_attempts == 3 and user.locked_until is not None
    at = _login("viewer", accounts["viewer"])
    assert not at.session_state["authentication_status"]
    assert "账户已锁定" in " ".join(e.value for e in at.error)


def test_an_unknown_user_is_refused(accounts):
    at = _login("nobody", "whatever")
    assert at.session_state["authentication_status"] is False
