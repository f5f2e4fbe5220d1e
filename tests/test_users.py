"""User management in core and through the admin page (AppTest)."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.accounts import users
from core.db.models import AuditLog, User

ROOT = Path(__file__).resolve().parents[1]
ADMIN = {"authentication_status": True, "roles": ["admin"], "username": "admin"}


def test_the_first_start_creates_one_admin_from_the_configured_password(db, monkeypatch):
    monkeypatch.setenv("PATENT_ADMIN_PASSWORD", "from-env-123")
    assert users.ensure_admin() is None
    admin = User.get(User.username == "admin")
    assert (admin.role, users.check_password("from-env-123", admin.password_hash)) == ("admin", True)
    assert users.ensure_admin() is None and User.select().count() == 1


def test_a_generated_admin_password_is_written_to_a_private_file(db, monkeypatch, tmp_path):
    monkeypatch.delenv("PATENT_ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("PATENT_DATA_DIR", str(tmp_path))
    password = users.ensure_admin()
    path = tmp_path / users.ADMIN_PASSWORD_FILE
    assert path.read_text().strip() == password and oct(path.stat().st_mode & 0o777) == "0o600"
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
