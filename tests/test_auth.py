"""Login through Home.py (AppTest): each role, wrong passwords, slowed retries with one answer for
every name, and sessions that end on the server (logout elsewhere, password, role, deactivation,
idle time)."""
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
    return _submit(at, username, password)


def _submit(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def _messages(at: AppTest) -> list[str]:
    return [e.value for e in at.error] + [w.value for w in at.warning]


def _logged_in(at: AppTest) -> bool:
    return bool(at.session_state["authentication_status"])


@pytest.mark.parametrize("role", ["admin", "checker", "viewer"])
def test_each_role_logs_in_and_gets_its_role(accounts, role):
    at = _login(role, accounts[role])
    assert not at.exception
    assert (at.session_state["authentication_status"], at.session_state["roles"]) == (True, [role])
    assert User.get(User.username == role).last_login is not None


def test_a_wrong_password_is_refused_and_logged(accounts):
    at = _login("viewer", "not-the-password")
    assert at.session_state["authentication_status"] is False
    assert _messages(at) == ["用户名或密码错误"]
    failures = AuditLog.select().where(AuditLog.action == "login_failed")
    assert [(a.username, a.message) for a in failures] == [("viewer", "from local")]


def test_repeated_failures_slow_the_next_try_with_one_answer_for_real_and_unknown_names(accounts):
    answers = {}
    for name in ("viewer", "nobody"):
        at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=60).run()
        answers[name] = [_messages(_submit(at, name, "wrong")) for _ in range(3)]
        answers[name].append(_messages(_submit(at, name, accounts.get(name, "wrong"))))
    assert answers["viewer"] == answers["nobody"]
    assert answers["viewer"][:3] == [["用户名或密码错误"]] * 3
    assert answers["viewer"][3] == ["登录失败次数过多，请 1 秒后再试"]


def test_an_unknown_user_is_refused(accounts):
    at = _login("nobody", "whatever")
    assert at.session_state["authentication_status"] is False
    assert _messages(at) == ["用户名或密码错误"]


def _ended(at: AppTest) -> list[str]:
    """Run `at` again: it is logged out and says why."""
    at.run()
    assert not at.exception and not _logged_in(at)
    assert at.get("form") or at.get("link_button")  # the login form, or the way to it
    return _messages(at)


ENDED = ["登录已失效（已退出登录，或密码、角色、账户状态已变更），请重新登录"]


def test_a_password_reset_ends_open_sessions_at_their_next_run(accounts):
    at = _login("viewer", accounts["viewer"])
    assert _logged_in(at.run())
    users.set_password("viewer", "new-viewer-pw", by="admin")
    assert _ended(at) == ENDED
    # deleting the cookie reruns the app at once: the reason must still be on screen after it
    assert _ended(at) == ENDED
    assert _logged_in(_login("viewer", "new-viewer-pw"))


def _form_place(at: AppTest) -> tuple[int, ...]:
    """Where the login form is in the main area (the path the browser places it by)."""
    def walk(node, path):
        for index, child in node.children.items():
            if getattr(child, "type", None) == "form":
                yield path + (index,)
            yield from walk(child, path + (index,)) if hasattr(child, "children") else ()
    return next(walk(at.main, ()))


def test_a_new_sessions_second_run_draws_the_login_form_where_its_first_run_did(accounts):
    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=60).run()
    first = _form_place(at)  # a rerun (any widget, a cookie written) keeps the form in place
    assert _form_place(at.run()) == first


def test_the_run_after_a_session_ends_draws_the_login_form_where_the_ending_run_did(accounts):
    at = _login("viewer", accounts["viewer"])
    assert _logged_in(at.run())
    users.set_password("viewer", "new-viewer-pw", by="admin")
    ending = _form_place(at.run())  # ends the session and deletes the cookie
    assert _form_place(at.run()) == ending  # the rerun the deletion starts


def test_a_demoted_checker_no_longer_opens_the_import_page(accounts):
    at = _login("checker", accounts["checker"])
    at.switch_page("admin/imports.py").run()
    assert [h.value for h in at.header] == ["数据导入"]
    users.update_user("checker", "admin", role="viewer")
    assert _ended(at) == ENDED and at.header.len == 0
    assert _login("checker", accounts["checker"]).session_state["roles"] == ["viewer"]


def test_a_deactivated_user_stops_browsing(accounts):
    at = _login("viewer", accounts["viewer"])
    users.update_user("viewer", "admin", active=False)
    assert _ended(at) == ENDED
    assert _messages(_login("viewer", accounts["viewer"])) == ["用户名或密码错误"]


def test_logging_out_ends_the_users_other_sessions(accounts):
    here, elsewhere = (_login("viewer", accounts["viewer"]) for _ in range(2))
    other_user = _login("checker", accounts["checker"])
    here.sidebar.button[0].click()
    # AppTest reruns the finished page file alone (pages/ folder); "" runs Home.py, where the
    # logout button lives, as every browser rerun does
    here._finished_page_script_hash = ""
    assert not _logged_in(here.run())
    assert _ended(elsewhere) == ENDED
    assert _logged_in(other_user.run())
    assert AuditLog.select().where(AuditLog.action == "logout").get().username == "viewer"


def test_an_idle_session_ends(accounts, monkeypatch):
    monkeypatch.setenv("PATENT_IDLE_MINUTES", "30")
    at = _login("viewer", accounts["viewer"])
    mark = dict(at.session_state["_login"])
    at.session_state["_login"] = {**mark, "seen": mark["seen"] - 31 * 60}
    assert _ended(at) == ["长时间未操作，已自动退出，请重新登录"]
    active = _login("viewer", accounts["viewer"])
    mark = dict(active.session_state["_login"])
    active.session_state["_login"] = {**mark, "seen": mark["seen"] - 29 * 60}
    assert _logged_in(active.run())
