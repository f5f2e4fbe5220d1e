"""`python -m core resolve`: gazetteer only and with a database (run in-process through the
command registry, as `python -m core` does)."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from core.__main__ import main


@dataclass
class Out:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys, monkeypatch):
    def _run(*args: str, env: dict | None = None) -> Out:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        code = main(["resolve", *args])
        captured = capsys.readouterr()
        return Out(code, captured.out, captured.err)
    return _run


def test_one_address_as_json(run):
    out = run("江苏省苏州市工业园区星湖街328号", "--json", "--no-db")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {k: data[k] for k in ("input", "province_code", "city_code", "county_code",
                                 "county_name", "street_code", "method", "queued")} == {
        "input": "江苏省苏州市工业园区星湖街328号", "province_code": "32", "city_code": "3205",
        "county_code": "320576", "county_name": "苏州工业园区", "street_code": None,
        "method": "alias:zone", "queued": True}


def test_one_line_per_address_in_chinese(run):
    """The text output: the place, the confidence (as --json gives it) and how it was found."""
    addresses = ("江苏省苏州市工业园区星湖街328号", "北京市海淀区中关村大街1号")
    found = [json.loads(line) for line in run(*addresses, "--json", "--no-db").stdout.splitlines()]
    out = run(*addresses, "--no-db")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        f"江苏省苏州市工业园区星湖街328号\t江苏省 / 苏州市 / 苏州工业园区 / -\t"
        f"置信度 {found[0]['confidence']:.2f} · 园区/功能区（待核查）",
        f"北京市海淀区中关村大街1号\t北京市 / 市辖区 / 海淀区 / -\t"
        f"置信度 {found[1]['confidence']:.2f} · 区划名称"]


def test_file_gives_one_json_object_per_line(tmp_path, run):
    source = tmp_path / "addresses.txt"
    source.write_text("苏州市吴中区木渎镇金枫路216号\n\n上海市黄浦区广东路100号\n", encoding="utf-8")
    out = run("--file", str(source), "--json", "--no-db")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["county_name"], r["street_name"], r["queued"]) for r in rows] == [
        ("吴中区", "木渎镇", False), ("黄浦区", None, False)]


def test_database_aliases_and_pending(app_env, run):
    from core.db.models import AddressAlias
    from core.resolver import addresses
    AddressAlias.create(alias="星湖街", region_code="320576050", scope_code="320576")
    addresses.intern(["苏州工业园区星湖街1号"])
    out = run("--pending", env={"PATENT_DB_URL": app_env})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[-1])["auto"] == 1
    out = run("苏州工业园区星湖街9号", "--json", env={"PATENT_DB_URL": app_env})
    assert json.loads(out.stdout)["street_name"] == "娄葑街道"
