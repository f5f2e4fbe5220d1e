"""`python -m core appno | fees | indicators` (in-process through core.__main__.main)."""
import datetime as dt
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from core.__main__ import COMMANDS, main
from core.config import params
from core.config import rules as ruleparams
from core.db.models import Patent

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def _json(capsys, argv):
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_prints_its_help(capsys, command):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"用法：python -m core {command} ")


def test_appno_valid_invalid_and_publication_numbers(capsys):
    code, out = _json(capsys, ["appno", "CN201810390462.7", "--json"])
    assert (code, out["valid"], out["normalized"], out["patent_type"], out["filing_year"],
            out["patent_number"]) == (0, True, "201810390462.7", "invention", 2018,
                                      "ZL201810390462.7")
    code, out = _json(capsys, ["appno", "201810390462.8", "--json"])
    assert (code, out["problem"], out["expected_check"]) == (1, "check_mismatch", "7")
    code, out = _json(capsys, ["appno", "CN108572939B", "--json"])
    assert (out["kind"], out["is_grant"], out["kind_meaning"]) == \
        ("publication", True, "发明专利授权公告")
    assert main(["appno", "90101673.X"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "输入：90101673.X", "校验结果：有效", "规范形式：90101673.X", "专利类型：发明",
        "申请年份：1990"]


def test_fees_command_on_the_worked_example(capsys, app_env):
    db_url = app_env
    code, out = _json(capsys, ["fees", "--type", "发明", "--filed", "2019-03-15",
                               "--grant-year", "3", "--on", "2022-05-01", "--reduced", "--json",
                               "--db", db_url])
    assert code == 0
    assert (out["total_full"], out["total_payable"], out["paid_through_year"]) == \
        (80500, 61375, 3)
    assert [(x["year"], x["due_date"], x["full"], x["reduced"]) for x in out["schedule"][:5]] == [
        (3, None, 900, 135), (4, "2022-03-15", 1200, 180), (5, "2023-03-15", 1200, 180),
        (6, "2024-03-15", 1200, 180), (7, "2025-03-17", 2000, 300)]
    state = out["state"]
    assert (state["state"], state["year"], state["grace_month"], state["amount"],
            state["surcharge"], state["point_of_no_return"]) == \
        ("grace", 4, 2, 180, 60, "2022-09-15")
    assert main(["fees", "--type", "utility", "--filed", "2019-03-15", "--grant-year", "1",
                 "--on", "2030-01-01", "--db", db_url]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2030-01-01：期限届满"
    assert main(["fees", "--type", "商标", "--filed", "2019-03-15", "--grant-year", "1"]) == 2
    assert capsys.readouterr().err == "未知的专利类型：商标\n"  # errors go to stderr


def test_the_fee_table_s_columns_line_up_on_a_terminal(capsys, app_env):
    """Each amount column ends in one terminal column (a Chinese character takes two) in the
    header and in every year's row, 办理登记时 included."""
    args = ["fees", "--type", "发明", "--filed", "2019-03-15", "--grant-year", "3", "--on",
            "2022-05-01", "--reduced", "--db", app_env]
    schedule = _json(capsys, [*args, "--json"])[1]["schedule"]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("年度"))
    ends = {"full": set(), "reduced": set(), "payable": set()}
    for line, year in zip(lines[header + 1:], schedule):
        at = len(str(year["year"])) + line.index(str(year["year"]))
        at = line.index(year["due_date"] or "办理登记时", at)
        for key in ends:  # the amounts in their order, each after the one before
            at = line.index(str(year[key]), at + 1) + len(str(year[key]))
            ends[key].add(_columns(line[:at]))
    for key, name in (("full", "全额"), ("reduced", "费减后"), ("payable", "应缴")):
        assert ends[key] == {_columns(lines[header][:lines[header].index(name) + len(name)])}, key


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def test_fees_command_shows_compensation_open_licence_and_the_rules(capsys, app_env):
    # the compensated patent of tests/test_law_2026.py: 500 days, year 21 8,000, year 22 free;
    # an open licence from 2025-01-01: year 9 (due 2025-03-10) 2,000 × 85 % = 1,700
    args = ["fees", "--type", "invention", "--filed", "2017-03-10", "--grant-year", "6",
            "--on", "2026-01-01", "--extension-days", "500", "--open-licence", "2025-01-01",
            "--db", app_env]
    code, out = _json(capsys, [*args, "--json"])
    assert code == 0
    assert out["expiry_date"] == "2038-07-23"
    lines = {x["year"]: x for x in out["schedule"]}
    assert [(lines[y]["full"], lines[y]["payable"], lines[y]["relief"]) for y in (8, 9, 21, 22)] == [
        (2000, 2000, None), (2000, 1700, "open_licence"), (8000, 6800, "open_licence"),
        (0, 0, None)]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "期限补偿 500 天" in text and "节假日规则" in text and "2018-08-01前为6年" in text
    assert main(["fees", "--type", "utility", "--filed", "2017-03-10", "--grant-year", "2",
                 "--extension-days", "30"]) == 2
    assert main(["fees", "--type", "invention", "--filed", "2017-03-10", "--grant-year", "2",
                 "--open-licence", "2025-13-01"]) == 2
    assert "--open-licence 格式应为" in capsys.readouterr().err


def test_indicators_command(capsys, db, db_url):
    Patent.create(app_no="2025100000011", patent_type="invention", title="x",
                  app_date=dt.date(2025, 2, 1), status="pending", city_code="3205")
    Patent.create(app_no="2020100000011", patent_type="invention", title="y",
                  app_date=dt.date(2020, 2, 1), grant_date=dt.date(2022, 1, 1), status="valid",
                  city_code="3205", domestic=True)
    params.set_value("population", 1000, "3205", 2025)
    code, out = _json(capsys, ["indicators", "--region", "3205", "--year", "2025", "--on",
                               "2025-06-30", "--json", "--db", db_url])
    items = {i["key"]: i for i in out["indicators"]}
    assert (code, out["as_of"]) == (0, "2025-06-30")
    assert (items["inventions_per_10k"]["numerator"], items["inventions_per_10k"]["denominator"],
            items["inventions_per_10k"]["value"]) == (1, 1000, 0.001)
    assert items["applications"]["numerator"] == 1
    assert items["applications"]["rule"] == "按第一权利人（当前）地址 · 按申请日 2025-01-01 至 2025-06-30"
    code, out = _json(capsys, ["indicators", "--region", "3205", "--year", "2025", "--on",
                               "2025-06-30", "--holder", "any", "--json", "--db", db_url])
    # no holder links: the holder of record sits at the patent's address (one placement rule,
    # issue 12), so any holder counts what the first holder counts
    assert {i["key"]: i for i in out["indicators"]}["applications"]["numerator"] == 1
    assert main(["indicators", "--region", "3205", "--year", "2025", "--on", "2025-06-30",
                 "--db", db_url]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[0] == "苏州市（3205）2025年 · 截至 2025-06-30"
    assert text[3] == "每万人口发明专利拥有量：0.001 件/万人｜分子 1｜分母 1,000｜目标 -｜完成率 -｜年末预计 0.001"


def test_module_entry_point_runs_as_a_command():
    out = subprocess.run([sys.executable, "-m", "core", "appno", "CN202411662208.X", "--json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and json.loads(out.stdout)["normalized"] == "202411662208.X"
