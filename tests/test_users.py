"""User management in core and through the admin page (AppTest)."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.accounts import users
from core.db.models import AuditLog, User

ROOT = Path(__file__).resolve().parents[1]
ADMIN = {"authentication_status": True, "roles": ["admin"], "username": "admin"}


def test_the_first_start_creates_one_admin_from_the_configured_password(db, monkeypatch):
    monkeypatch.setenv("PATENT_ADMIN_PASSWORD", "from-env-123")
    assert users.ensure_admin() == users.FirstAdmin("admin", None)
    admin = User.get(User.username == "admin")
    assert (admin.role, users.check_password("from-env-123", admin.password_hash)) == ("admin", True)
    assert users.ensure_admin() is None and User.select().count() == 1


def test_a_generated_admin_password_is_written_to_a_private_file(db, monkeypatch, tmp_path):
    monkeypatch.delenv("PATENT_ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("PATENT_DATA_DIR", str(tmp_path))
    created = users.ensure_admin()
    path = tmp_path / users.ADMIN_PASSWORD_FILE
    assert created == users.FirstAdmin("admin", path)
    password = path.read_text().strip()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert users.check_password(password, User.get(User.username == "admin").password_hash)


def test_another_database_never_overwrites_the_first_admins_password_file(db, monkeypatch,
                                                                          tmp_path):
    monkeypatch.delenv("PATENT_ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("PATENT_DATA_DIR", str(tmp_path))
    first = tmp_path / users.ADMIN_PASSWORD_FILE
    first.write_text("password-of-the-other-database\n")
    created = users.ensure_admin()
    assert created.password_file == tmp_path / "admin_password-2.txt"
    assert first.read_text() == "password-of-the-other-database\n"
    password = created.password_file.read_text().strip()
    assert users.check_password(password, User.get(User.username == "admin").password_hash)


def test_role_changes_are_audited_with_before_and_after(db):
    users.create_user("li", "password-1", "viewer", "李四", by="admin")
    users.update_user("li", "admin", role="checker")
    assert User.get(User.username == "li").role == "checker"
    change = AuditLog.select().where(AuditLog.action == "change").get()
    assert (change.username, change.object_repr, change.payload) == (
        "admin", "li", '{"before": {"role": "viewer"}, "after": {"role": "checker"}}')


def test_the_users_page_lists_accounts_and_adds_one(app_env):
    at = AppTest.from_file(str(ROOT / "admin/users.py"), default_timeout=60)
    for key, value in ADMIN.items():
        at.session_state[key] = value
    at.run()
    assert at.header[0].value == "用户管理"
    assert at.dataframe[0].value["用户名"].tolist() == ["admin"]
    at.text_input(key="admin_user_new_name").input("Wang")
    at.text_input(key="admin_user_new_pw").input("secret-pass")
    at.get("form_submit_button")[0].click()
    at.run()
    assert [s.value for s in at.success] == ["已保存"]
    assert User.get(User.username == "wang").role == "viewer"


def _version(name: str) -> int:
    return User.get(User.username == name).session_version


def test_password_role_and_active_changes_and_logouts_raise_the_session_version(db):
    users.create_user("li", "password-1", "viewer", "李四", by="admin")
    seen = [_version("li")]
    users.update_user("li", "admin", name="李四四")  # a name change keeps the sessions
    seen.append(_version("li"))
    users.set_password("li", "password-2", by="admin")
    seen.append(_version("li"))
    users.update_user("li", "admin", role="checker")
    seen.append(_version("li"))
    users.update_user("li", "admin", role="checker")  # no change, no end
    seen.append(_version("li"))
    users.update_user("li", "admin", active=False)
    seen.append(_version("li"))
    users.end_sessions("li", by="li", reason="logout")
    seen.append(_version("li"))
    assert seen == [1, 1, 2, 3, 3, 4, 5]
    assert users.session_version("li") is None  # inactive: no session at all
    actions = [(a.action, a.message) for a in AuditLog.select().order_by(AuditLog.id)]
    assert actions[-1] == ("logout", "sessions ended") and ("change", "password reset") in actions


def test_the_last_active_admin_can_be_neither_demoted_nor_disabled(db):
    users.create_user("boss", "password-1", "admin")
    for change in ({"role": "viewer"}, {"active": False}):
        with pytest.raises(users.AccountError, match="最后一个启用的管理员"):
            users.update_user("boss", "boss", **change)
    users.create_user("deputy", "password-2", "admin")
    users.update_user("boss", "deputy", role="viewer")
    assert [(u.username, u.role) for u in User.select().order_by(User.username)] == [
        ("boss", "viewer"), ("deputy", "admin")]


def test_account_rules_are_refused_with_chinese_reasons(db):
    users.create_user("li", "password-1", "viewer")
    refused = []
    for call in (lambda: users.create_user("LI ", "password-2", "viewer"),
                 lambda: users.create_user("wang", "short", "viewer"),
                 lambda: users.create_user("wang", "password-2", "boss"),
                 lambda: users.create_user("  ", "password-2", "viewer"),
                 lambda: users.set_password("nobody", "password-2"),
                 lambda: users.set_password("li", "short")):
        with pytest.raises(users.AccountError) as caught:
            call()
        refused.append(str(caught.value))
    assert refused == ["用户名已存在", "密码至少 8 位", "未知的角色「boss」（可选：admin、checker、viewer）",
                       "用户名不能为空，且不超过 64 个字符", "没有用户「nobody」", "密码至少 8 位"]
    assert User.select().count() == 1


def test_an_admin_unlocks_a_slowed_account_on_the_users_page(app_env):
    import datetime as dt

    from core.accounts import login
    from core.db.models import LoginThrottle
    users.create_user("li", "password-1", "viewer")
    now = dt.datetime.now()
    for _ in range(5):
        login.attempt("li", "guess", None, now)
    assert login.attempt("li", "password-1", None, now).wait == 1
    at = AppTest.from_file(str(ROOT / "admin/users.py"), default_timeout=60)
    for key, value in ADMIN.items():
        at.session_state[key] = value
    at.run()
    assert at.dataframe[0].value.set_index("用户名")["连续登录失败"].to_dict() == {"admin": 0, "li": 5}
    at.selectbox(key="admin_user_edit").select("li").run()
    at.button(key="admin_user_unlock").click().run()
    assert [s.value for s in at.success] == ["已保存"]
    assert not LoginThrottle.select().where(LoginThrottle.key == "user:li").exists()
    assert login.attempt("li", "password-1", None, now).ok
