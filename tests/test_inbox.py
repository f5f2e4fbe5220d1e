"""The inbox job (jobs/import_inbox.py) on both engines: only settled regular files of its own
user, no links, private reports, and one failing file does not stop the others."""
from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from core.db import db as proxy
from core.db import is_postgres
from core.db.models import Patent
from jobs import runner

NOW = dt.datetime(2026, 11, 24, 2, 0, 0)
HEADER = "申请号,申请日,发明名称,申请（专利权）人,申请人地址\n"
ROW_A = "CN201810390462.7,2018-04-26,{title},苏州星湖科技有限公司,江苏省苏州市工业园区星湖街328号\n"
ROW_B = "CN202411662208.X,2024-09-10,{title},苏州木渎精密有限公司,苏州市吴中区木渎镇金枫路216号\n"


@pytest.fixture
def inbox(db, tmp_path, monkeypatch):
    folder = tmp_path / "inbox"
    folder.mkdir()
    monkeypatch.setenv("PATENT_INBOX_DIR", str(folder))
    return folder


def _age(path, seconds: float, now: dt.datetime = NOW) -> None:
    stamp = (now - dt.timedelta(seconds=seconds)).timestamp()
    os.utime(path, (stamp, stamp), follow_symlinks=False)


def drop(folder, name: str, rows: str, age: float = 300):
    path = folder / name
    path.write_text(HEADER + rows, encoding="utf-8-sig")
    _age(path, age)
    return path


def run(now: dt.datetime = NOW):
    return runner.run_now(runner.available()["import_inbox"], clock=lambda: now)


def _listing(folder) -> dict[str, str]:
    """Name → kind (file, link, dir) and mode of every entry under `folder`."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        kind = "link" if path.is_symlink() else "dir" if path.is_dir() else "file"
        out[str(path.relative_to(folder))] = f"{kind} {oct(st.st_mode & 0o777)}"
    return out


def _report(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_link_to_a_private_file_outside_is_refused_and_never_read(inbox, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text(HEADER + ROW_A.format(title="机密内容"), encoding="utf-8")
    secret.chmod(0o600)
    (inbox / "link.csv").symlink_to(secret)
    _age(inbox / "link.csv", 300)
    job = run()
    assert (job.status, job.message) == (
        "ok", "files imported: 0, failed: 0, waiting: 0, refused: 1, rows written: 0")
    assert _listing(inbox) == {"done": "dir 0o700", "failed": "dir 0o700",
                               "failed/link.csv": "link 0o777",
                               "failed/link.csv.report.json": "file 0o600",
                               "work": "dir 0o700"}
    report = _report(inbox / "failed" / "link.csv.report.json")
    assert report["fatal"] == ("「link.csv」不是本系统用户拥有的普通文件（链接、文件夹、多重链接或他人的文件），"
                               "未导入")
    assert "机密内容" not in json.dumps(report, ensure_ascii=False)
    assert Patent.select().count() == 0 and secret.read_text(encoding="utf-8").endswith("328号\n")


def test_a_file_still_being_written_waits_until_it_has_settled(inbox):
    drop(inbox, "patents.csv", ROW_A.format(title="一种数据处理方法"), age=5)
    first = run()
    assert first.message == "files imported: 0, failed: 0, waiting: 1, refused: 0, rows written: 0"
    assert (inbox / "patents.csv").exists() and Patent.select().count() == 0
    later = run(NOW + dt.timedelta(minutes=2))
    assert later.message == "files imported: 1, failed: 0, waiting: 0, refused: 0, rows written: 1"
    done = _listing(inbox / "done")
    assert (sorted(done), done["patents.csv.report.json"]) == (
        ["patents.csv", "patents.csv.report.json"], "file 0o600")
    assert _report(inbox / "done" / "patents.csv.report.json")["inserted"] == 1


@pytest.fixture
def refuse_bad_titles(inbox):
    """A database trigger that refuses the title 坏文件: the importer fails on that file."""
    if is_postgres():
        proxy.execute_sql("CREATE FUNCTION refuse_bad() RETURNS trigger AS $$ BEGIN "
                          "IF NEW.title = '坏文件' THEN RAISE EXCEPTION 'refused by test trigger'; "
                          "END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
        proxy.execute_sql("CREATE TRIGGER refuse_bad BEFORE INSERT ON patent FOR EACH ROW "
                          "EXECUTE FUNCTION refuse_bad()")
    else:
        proxy.execute_sql("CREATE TRIGGER refuse_bad BEFORE INSERT ON patent "
                          "WHEN NEW.title = '坏文件' BEGIN "
                          "SELECT RAISE(ABORT, 'refused by test trigger'); END")
    yield inbox
    proxy.execute_sql("DROP TRIGGER refuse_bad" + (" ON patent" if is_postgres() else ""))
    if is_postgres():
        proxy.execute_sql("DROP FUNCTION refuse_bad()")


def test_a_file_that_breaks_the_importer_goes_to_failed_and_the_next_one_is_imported(
        refuse_bad_titles):
    inbox = refuse_bad_titles
    drop(inbox, "a-bad.csv", ROW_A.format(title="坏文件"))
    drop(inbox, "b-good.csv", ROW_B.format(title="一种精密夹具"))
    job = run()
    assert (job.status, job.message) == (
        "ok", "files imported: 1, failed: 1, waiting: 0, refused: 0, rows written: 1")
    assert [p.title for p in Patent.select()] == ["一种精密夹具"]
    assert sorted(p.name for p in (inbox / "failed").iterdir()) == [
        "a-bad.csv", "a-bad.csv.report.json"]
    fatal = _report(inbox / "failed" / "a-bad.csv.report.json")["fatal"]
    assert fatal.startswith("导入「a-bad.csv」时程序出错（") and "refused by test trigger" in fatal
    assert fatal.endswith("已移到 failed/，其余文件照常导入")


def test_hard_linked_files_are_refused(inbox, tmp_path):
    path = drop(inbox, "linked.csv", ROW_A.format(title="一种数据处理方法"))
    os.link(path, tmp_path / "elsewhere.csv")
    assert run().message == "files imported: 0, failed: 0, waiting: 0, refused: 1, rows written: 0"
    assert Patent.select().count() == 0 and (inbox / "failed" / "linked.csv").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_another_users_file_is_refused(inbox):
    path = drop(inbox, "theirs.csv", ROW_A.format(title="一种数据处理方法"))
    os.chown(path, 12345, 12345)
    assert run().message == "files imported: 0, failed: 0, waiting: 0, refused: 1, rows written: 0"
    assert Patent.select().count() == 0


def test_a_done_folder_that_is_a_link_stops_the_job_before_any_file_moves(inbox, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (inbox / "done").symlink_to(outside)
    drop(inbox, "patents.csv", ROW_A.format(title="一种数据处理方法"))
    job = run()
    assert (job.status, job.message) == ("failed", "InboxError: 收件箱中的 done/ 不是本系统用户自己的普通"
                                                   "文件夹（链接或他人的文件夹），本次未导入任何文件")
    assert list(outside.iterdir()) == [] and (inbox / "patents.csv").exists()


def test_a_file_left_in_work_by_a_killed_run_is_imported_by_the_next(inbox):
    (inbox / "work").mkdir(mode=0o700)
    drop(inbox / "work", "patents.csv", ROW_A.format(title="一种数据处理方法"))
    assert run().message == "files imported: 1, failed: 0, waiting: 0, refused: 0, rows written: 1"
    assert sorted(p.name for p in (inbox / "done").iterdir()) == [
        "patents.csv", "patents.csv.report.json"]
    assert list((inbox / "work").iterdir()) == []


def test_a_second_file_of_the_same_name_keeps_the_first_in_done(inbox):
    drop(inbox, "patents.csv", ROW_A.format(title="一种数据处理方法"))
    run()
    drop(inbox, "patents.csv", ROW_B.format(title="一种精密夹具"))
    run()
    assert sorted(p.name for p in (inbox / "done").iterdir()) == [
        "patents (2).csv", "patents (2).csv.report.json", "patents.csv", "patents.csv.report.json"]
    assert Patent.select().count() == 2
