"""`python -m core import`: summary, JSON, exit codes; and a kill mid-import leaves the database
exactly as before (a real subprocess, SIGKILL, both backends)."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from bench.import_speed import HEADER, make_rows
from core.__main__ import main
from core.db.models import ImportBatch, Patent
from core.importer.batch import import_file
from tests.test_import_db import DATA, snapshot

ROOT = Path(__file__).resolve().parents[1]


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["import", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_summary_and_exit_code_zero(db, db_url, capsys):
    code, out, _ = cli(capsys, DATA / "cnipa.xlsx", "--db", db_url, "--user", "tester")
    assert code == 0
    assert "读取 5 行，新增 3，更新 0，未变 0，重复行合并 0，跳过 0，拒绝 2" in out
    assert "来源：CNIPA 专利检索及分析" in out and "申请号 ← 申请号" in out
    assert "未使用的列：备注" in out and "第 7 行" in out and "校验位错误" in out
    assert ImportBatch.get().username == "tester"


def test_json_lists_all_errors(db, db_url, capsys):
    code, out, _ = cli(capsys, DATA / "cnipa.xlsx", "--db", db_url, "--json", "--dry-run")
    data = json.loads(out)
    assert code == 0 and data["dry_run"] is True and data["inserted"] == 3
    assert [(e["row"], e["column"]) for e in data["errors"]] == [(7, "申请号"), (8, "发明名称")]
    assert data["mapping"]["title"] == "发明名称" and data["source"] == "cnipa"
    assert Patent.select().count() == 0


def test_unreadable_file_exits_non_zero(db, db_url, capsys, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"")
    code, out, err = cli(capsys, path, "--db", db_url)
    assert code == 1 and "空文件" in err


def test_all_rows_rejected_exits_non_zero(db, db_url, capsys, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("申请号,标题\n201810390462.3,甲\n", encoding="utf-8")
    code, out, _ = cli(capsys, path, "--db", db_url)
    assert code == 1 and "拒绝 1" in out


def test_strict_and_kind_and_source_options(db, db_url, capsys):
    code, out, _ = cli(capsys, DATA / "cnipa.xlsx", "--db", db_url, "--strict")
    assert code == 1 and Patent.select().count() == 0
    code, out, _ = cli(capsys, DATA / "patentics.csv", "--db", db_url, "--kind", "patents",
                       "--source", "baiten")
    assert code == 0 and "来源：佰腾" in out and Patent.get().source == "baiten"


def test_killed_import_leaves_the_database_exactly_as_before(app_env, db, tmp_path):
    import_file(DATA / "cnipa.xlsx", after=False)
    before = snapshot()
    batches = ImportBatch.select().count()
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER, *make_rows(3000)])
    proc = subprocess.Popen([sys.executable, "-m", "core", "import", str(path), "--db", app_env],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True)
    lines = []
    for line in proc.stderr:  # wait until the transaction has written rows
        lines.append(line)
        if line.startswith("… 权利人已就绪"):  # labels.IMP_PROGRESS_HOLDERS
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(60)
    assert proc.returncode == -signal.SIGKILL, lines
    assert snapshot() == before
    assert ImportBatch.select().count() == batches
    again = import_file(DATA / "cnipa.xlsx", after=False)
    assert (again.inserted, again.unchanged) == (0, 3)


def test_a_saved_profile_maps_the_columns_from_the_command_line(db, db_url, capsys, tmp_path):
    from core.importer import profiles
    path = tmp_path / "odd.csv"
    path.write_text("专利编号,发明题目\n201810390462.7,一种图像识别方法\n", encoding="utf-8")
    code, _, err = cli(capsys, path, "--db", db_url)
    assert code == 1 and "找不到可识别的表头" in err
    code, _, err = cli(capsys, path, "--db", db_url, "--profile", "高校清单")
    assert code == 1 and "找不到导入方案「高校清单」" in err
    profiles.save("高校清单", "patents", ["专利编号", "发明题目"],
                  {"专利编号": "app_no", "发明题目": "title"}, by="tester")
    code, out, _ = cli(capsys, path, "--db", db_url, "--profile", "高校清单")
    assert code == 0 and "使用导入方案「高校清单」" in out and "新增 1" in out
    assert Patent.get().title == "一种图像识别方法"
    assert profiles.matching(["发明题目", "专利编号"]) == ["高校清单"]
