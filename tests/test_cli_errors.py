"""Every command-line error ends in one Chinese line on stderr and exit code 2, never a
traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core import db as core_db
from core.__main__ import main
from core.config import rules as ruleparams


@pytest.fixture(autouse=True)
def unbind_after():
    """The commands bind the database proxy (some to unreachable servers): later tests must
    not inherit it."""
    yield
    core_db.db.initialize(None)
    ruleparams.clear()

ROOT = Path(__file__).resolve().parents[1]


def test_the_audited_crashes_are_one_chinese_line_in_a_real_process(tmp_path):
    env = {"PATH": os.environ["PATH"], "PATENT_DATA_DIR": str(tmp_path / "data"),
           "PATENT_DB_URL": f"sqlite:///{tmp_path / 'p.db'}"}
    answers = []
    for args in (["indicators", "--region", "3205", "--year", "99999"], ["import", str(tmp_path)],
                 ["resolve", "--file", str(tmp_path / "missing.txt")]):
        done = subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        answers.append((done.returncode, done.stdout, done.stderr))
    assert answers == [(2, "", "年份须在 1985–2100 之间：99999\n"),
                       (2, "", f"不是普通文件：{tmp_path}\n"),
                       (2, "", f"找不到文件：{tmp_path / 'missing.txt'}\n")]


@pytest.fixture
def run(capsys):
    def call(*args: str) -> tuple[int, str]:
        code = main(list(args))
        out = capsys.readouterr()
        assert out.out == ""
        return code, out.err
    return call


@pytest.mark.parametrize("args, message", [
    (("indicators", "--region", "3205"), "缺少参数：--year（用法：python -m core indicators --help）"),
    (("indicators", "--region", "3205", "--year", "二〇二五"),
     "参数 --year 的值无效：'二〇二五'（用法：python -m core indicators --help）"),
    (("indicators", "--region", "3205", "--year", "2025", "--on", "2025-02-30"),
     "参数 --on 的值无效：'2025-02-30'（用法：python -m core indicators --help）"),
    (("indicators", "--region", "3205", "--year", "2025", "--db", "mysql://x/y"),
     "无法识别的数据库地址：mysql://x/y"),
    (("import", "/nonexistent/专利.xlsx"), "找不到文件：/nonexistent/专利.xlsx"),
    (("import", "x.xlsx", "--kind", "trademarks"),
     "参数 --kind 的取值 'trademarks' 无效，可选：'patents', 'events', 'fees'"
     "（用法：python -m core import --help）"),
    (("resolve",), "没有给出地址（写在命令后面，或用 --file 给出文件）"),
    (("fees", "--type", "商标", "--filed", "2019-03-15", "--grant-year", "1"), "未知的专利类型：商标"),
    (("fees", "--type", "invention", "--filed", "2019-03-15", "--grant-year", "0"),
     "--grant-year 须为正整数"),
    (("demo", "--patents", "10"), "--patents 至少为 200"),
    (("demo", "--batch", "0"), "--batch 须为正整数"),
    (("nonsense",), "参数 命令 的取值 'nonsense' 无效，可选：'init', 'demo', 'resolve', 'import', "
                    "'appno', 'fees', 'indicators', 'report', 'user', 'serve'（用法：python -m core --help）"),
    ((), "缺少参数：命令（用法：python -m core --help）"),
])
def test_bad_arguments_are_refused_before_any_work(run, args, message):
    assert run(*args) == (2, message + "\n")


def test_an_unknown_region_and_unreadable_files_are_refused(app_env, run, tmp_path):
    assert run("indicators", "--region", "9999", "--year", "2025") == (
        2, "未知的区域代码：9999\n")
    latin = tmp_path / "addresses.txt"
    latin.write_bytes("苏州市吴中区".encode("gb18030"))
    assert run("resolve", "--file", str(latin)) == (2, f"无法读取文件：{latin}\n")


def test_a_database_that_cannot_be_opened_is_one_line(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert run("indicators", "--region", "3205", "--year", "2025",
               "--db", f"sqlite:///{blocker}/sub/p.db") == (
        2, f"无法访问 {blocker}/sub（路径中有一段不是文件夹）\n")


def test_an_unreachable_database_server_is_one_line(run):
    code, err = run("indicators", "--region", "3205", "--year", "2025",
                    "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert code == 2 and err.startswith("数据库出错：") and err.count("\n") == 1


def test_a_reader_that_goes_away_ends_the_command_quietly():
    """`python -m core … | head`: the pipe closed before the output is written."""
    process = subprocess.Popen([sys.executable, "-m", "core", "appno", "90101673.X"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    assert process.wait(timeout=60) == 141
    assert process.stderr.read() == b""
