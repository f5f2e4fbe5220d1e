"""Admin recovery from the command line: `python -m core user …` (both engines), and `init` /
`demo` that never touch another database's admin password file and say where the password is."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.__main__ import main
from core.accounts import login, users
from core.db.models import AuditLog, LoginThrottle, User

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cli(app_env, capsys, monkeypatch):
    """Run `python -m core user …` in-process on the test database; (code, stdout, stderr)."""
    def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        code = main(["user", *args, "--db", app_env])
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


def _new_password(out: str) -> str:
    line = next(x for x in out.splitlines() if x.startswith("新密码"))
    return line.split("：", 1)[1]


def test_a_forgotten_admin_password_is_reset_and_the_lockout_cleared(cli):
    for _ in range(8):
        login.attempt("admin", "guess", "10.0.0.9", User.get().created_at)
    code, out, err = cli("password", "admin")
    assert (code, err) == (0, "")
    password = _new_password(out)
    assert out.splitlines()[0] == "已为 admin 设置新密码，其已登录的会话均已结束"
    assert users.check_password(password, User.get(User.username == "admin").password_hash)
    assert [r.key for r in LoginThrottle.select()] == ["addr:10.0.0.9"]
    assert cli("unlock", "--address", "10.0.0.9")[:2] == (0, "已解除「10.0.0.9」的登录限制\n")
    assert LoginThrottle.select().count() == 0
    change = AuditLog.select().where(AuditLog.message == "password reset").get()
    assert change.username.startswith("cli") and change.object_repr == "admin"


def test_a_password_can_come_from_stdin_and_never_from_the_arguments(cli):
    assert cli("password", "admin", "--password-stdin", stdin="from-stdin-pw\n")[:2] == (
        0, "已为 admin 设置新密码，其已登录的会话均已结束\n")
    assert users.check_password("from-stdin-pw", User.get(User.username == "admin").password_hash)
    assert cli("password", "admin", "--password-stdin", stdin="") == (
        2, "", "标准输入中没有读到密码\n")
    code, _, err = cli("password", "admin", "secret-on-the-command-line")
    assert code == 2 and err.startswith("无法识别的参数：secret-on-the-command-line")


def test_create_role_deactivate_and_activate_are_audited_and_end_sessions(cli):
    code, out, _ = cli("add", "Li", "--role", "checker", "--display", "李四")
    assert code == 0 and out.splitlines()[0] == "已创建用户 li（数据核查员）"
    li = User.get(User.username == "li")
    assert (li.name, li.role, users.check_password(_new_password(out), li.password_hash)) == (
        "李四", "checker", True)
    steps = [cli("role", "li", "viewer"), cli("deactivate", "li"), cli("activate", "li")]
    assert [s[:2] for s in steps] == [
        (0, "li 的角色已改为查看者，其已登录的会话均已结束\n"),
        (0, "已停用 li，其已登录的会话均已结束\n"), (0, "已启用 li\n")]
    li = User.get(User.username == "li")
    assert (li.role, li.active, li.session_version) == ("viewer", True, 4)
    audit = [(a.action, a.object_repr) for a in AuditLog.select().where(AuditLog.username != "admin")
             .order_by(AuditLog.id)]
    assert audit == [("add", "li"), ("change", "li"), ("change", "li"), ("change", "li")]


def test_the_list_shows_each_account_with_its_failed_logins(cli):
    login.attempt("admin", "guess", None, User.get().created_at)
    code, out, _ = cli("list")
    assert code == 0
    assert out == "admin\t系统管理员\t管理员\t启用\t连续登录失败 1\t暂停登录至 -\n"


@pytest.mark.parametrize("args, message", [
    (("role", "admin", "viewer"), "不能停用或降级最后一个启用的管理员"),
    (("deactivate", "admin"), "不能停用或降级最后一个启用的管理员"),
    (("password", "nobody"), "没有用户「nobody」"),
    (("add", "admin", "--role", "viewer"), "用户名已存在"),
    (("unlock",), "请给出用户名，或用 --address 给出客户端地址"),
    (("add", "x", "--role", "boss"),
     "参数 --role 的取值 'boss' 无效，可选：'admin', 'checker', 'viewer'"
     "（用法：python -m core user add --help）"),
])
def test_refused_changes_answer_in_one_chinese_line_with_code_2(cli, args, message):
    assert cli(*args) == (2, "", message + "\n")
    assert User.select().count() == 1 and User.get().role == "admin" and User.get().active


def _core(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "PATENT_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_init_on_a_second_database_keeps_the_first_admin_password_file(tmp_path):
    data = tmp_path / "data"
    first = _core(data, "init", "--db", f"sqlite:///{tmp_path / 'a.db'}")
    assert first.returncode == 0, first.stderr
    file_a = data / "admin_password.txt"
    password_a = file_a.read_text()
    assert first.stdout.splitlines()[1] == f"管理员 admin 的初始密码保存在 {file_a}（仅本系统用户可读）"
    second = _core(data, "init", "--db", f"sqlite:///{tmp_path / 'b.db'}")
    file_b = data / "admin_password-2.txt"
    assert second.stdout.splitlines()[1] == f"管理员 admin 的初始密码保存在 {file_b}（仅本系统用户可读）"
    again = _core(data, "init", "--db", f"sqlite:///{tmp_path / 'a.db'}")
    assert again.stdout.splitlines()[1] == (
        "已有用户账户，任何密码都未改动；忘记管理员密码时运行：python -m core user password admin")
    assert file_a.read_text() == password_a and file_b.read_text() != password_a
    assert sorted(p.name for p in data.iterdir()) == ["admin_password-2.txt", "admin_password.txt"]
    assert {oct(p.stat().st_mode & 0o777) for p in data.iterdir()} == {"0o600"}


def test_demo_refuses_a_bad_size_before_touching_the_data_folder_or_the_database(tmp_path):
    data = tmp_path / "data"
    done = _core(data, "demo", "--patents", "5", "--db", f"sqlite:///{tmp_path / 'd.db'}")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", "--patents 至少为 200\n")
    assert not data.exists() and not (tmp_path / "d.db").exists()
