"""The demo offer on the empty overview (AppTest), the command line, and determinism."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import db as core_db
from core.config import labels
from core.db.models import FeePayment, Holder, LegalEvent, Patent, PatentHolder
from core.demo import generate
from tests.conftest import _sqlite_copy

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 24)


def _overview(roles: list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages/overview.py"), default_timeout=120)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "admin"
    at.session_state["roles"] = roles
    return at.run()


def test_an_admin_generates_the_demo_from_the_empty_overview(app_env, monkeypatch):
    monkeypatch.setenv("PATENT_DEMO_SIZE", "400")
    at = _overview(["admin"])
    assert not at.exception
    buttons = [b for b in at.button if b.key == "demo_generate"]
    assert [b.label for b in buttons] == [labels.DEMO_BUTTON.format(n=400)]
    buttons[0].click()
    at.run()
    assert not at.exception
    assert Patent.select().count() == 400
    assert not [b for b in at.button if b.key == "demo_generate"]  # the page shows data now


def test_a_viewer_is_not_offered_the_demo(app_env):
    at = _overview(["viewer"])
    assert not at.exception
    assert not [b for b in at.button if b.key == "demo_generate"]
    assert labels.DEMO_ADMIN_ONLY in [c.value for c in at.caption]


def _dump() -> dict:
    tables = {Patent: [f for f in Patent._meta.sorted_field_names
                       if f not in ("created_at", "updated_at")],
              Holder: Holder._meta.sorted_field_names,
              PatentHolder: PatentHolder._meta.sorted_field_names,
              LegalEvent: LegalEvent._meta.sorted_field_names,
              FeePayment: FeePayment._meta.sorted_field_names}
    return {m.__name__: list(m.select(*[getattr(m, f) for f in fields]).order_by(m.id).tuples())
            for m, fields in tables.items()}


def _generate_into(template: Path, folder: Path, seed: int) -> dict:
    folder.mkdir()
    core_db.connect(_sqlite_copy(template, folder))
    generate(600, seed=seed, today=TODAY)
    data = _dump()
    core_db.db.obj.close()
    return data


def test_the_same_seed_gives_the_same_data(sqlite_template, tmp_path):
    first = _generate_into(sqlite_template, tmp_path / "a", 11)
    again = _generate_into(sqlite_template, tmp_path / "b", 11)
    other = _generate_into(sqlite_template, tmp_path / "c", 12)
    assert len(first["Patent"]) == 600 and len(first["FeePayment"]) > 600
    assert first == again
    assert first["Patent"] != other["Patent"]


@pytest.mark.parametrize("size, code", [(300, 0), (50, 2)])
def test_command_line_generates_and_refuses_a_full_database(sqlite_template, tmp_path, size, code):
    url = _sqlite_copy(sqlite_template, tmp_path)
    env = {"PATH": "/usr/bin:/bin", "PATENT_DATA_DIR": str(tmp_path / "data"),
           "PATENT_ADMIN_PASSWORD": "x" * 12}
    cmd = [sys.executable, "-m", "core", "demo", "--patents", str(size), "--db", url,
           "--today", "2026-11-24"]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == code, done.stderr
    if code == 0:
        assert done.stdout.startswith("演示数据已生成：300 件专利，共写入 ")
        assert f"数据库 {url}；地址 " in done.stdout
        for stage in ("正在准备演示区域", "正在生成演示数据：300 / 300 件", "正在定位地址到街道",
                      "正在标记产业与高价值专利", "正在生成统计汇总表"):
            assert stage in done.stderr, stage
        assert "[" + "#" * 30 + "]" in done.stderr and "patents" not in done.stderr
        assert "管理员 admin 的密码为设置项 PATENT_ADMIN_PASSWORD 的值" in done.stderr
        again = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        assert (again.returncode, again.stderr.splitlines()[-1]) == (
            2, "数据库中已有专利数据；如仍要生成演示数据，请加 --force")
        assert "已有用户账户，任何密码都未改动" in again.stderr
    else:
        assert done.stderr == "--patents 至少为 200\n"


def test_the_offer_states_the_time_measured_here_for_its_size(app_env, monkeypatch):
    monkeypatch.setenv("PATENT_DEMO_SIZE", "50000")
    at = _overview(["admin"])
    offer = next(m.value for m in at.markdown if "一键生成演示区域" in m.value)
    expected = "20 秒至 3 分钟" if app_env.startswith("sqlite") else "50 秒至 5 分钟"
    assert f"50,000 件模拟专利（在本服务器上约需 {expected}，" in offer
    monkeypatch.setenv("PATENT_DEMO_SIZE", "1000000")  # scaled by size
    at = _overview(["admin"])
    offer = next(m.value for m in at.markdown if "一键生成演示区域" in m.value)
    expected = "8 分钟至 45 分钟" if app_env.startswith("sqlite") else "17 分钟至 100 分钟"
    assert f"约需 {expected}" in offer


def test_the_progress_bar_moves_through_every_stage(db):
    from ui.demo_offer import STAGE_START, fraction
    reports = []
    generate(400, today=TODAY, batch=5000, progress=lambda *r: reports.append(r))
    stages = list(dict.fromkeys(stage for _, _, stage in reports))
    assert stages == ["prepare", "patents", "addresses", "high_value", "summaries"]
    bar = [fraction(*r) for r in reports]
    assert bar[0] == 0.0 and bar == sorted(bar) and bar[-1] == STAGE_START["summaries"]
    writing = [b for b, r in zip(bar, reports) if r[2] == "patents"]
    assert len(set(writing)) >= 50  # moves while the first batch is still being written
