"""Industry IPC rules: prefix notation, loading the shipped tables, set-based assignment with
exclusions, keywords and the main/all IPC switch (both backends)."""
import csv
from pathlib import Path

import pytest

from core import industries, params, ruleparams
from core.models import Industry, IndustryRule, Patent, PatentIndustry

DATA = Path(__file__).resolve().parents[1] / "data" / "industries"


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def test_prefix_notation():
    cases = {"G06F40*": "G06F 40/", "A61B5/0476": "A61B 5/0476", "H04W": "H04W", "H04": "H04",
             "h01m 10/052": "H01M 10/052", "G06N3*": "G06N 3/", "C12Q1/68": "C12Q 1/68"}
    assert {raw: industries.normalize_prefix(raw) for raw in cases} == cases
    for bad in ("XYZ", "G0640", ""):
        with pytest.raises(ValueError, match="无法识别的IPC前缀"):
            industries.normalize_prefix(bad)


def test_shipped_tables_are_consistent():
    names = {r["code"]: r for r in csv.DictReader(open(DATA / "industries.csv", encoding="utf-8"))}
    rules = list(csv.DictReader(open(DATA / "ipc_rules.csv", encoding="utf-8")))
    assert [c for c in names if names[c]["kind"] == "sei"] == [f"SEI{i}" for i in range(1, 10)]
    assert {r["industry_code"] for r in rules} == set(names)  # every industry has rules
    assert all(r["confidence"] in ("M", "U") and r["source"] for r in rules)
    for r in rules:
        industries.normalize_prefix(r["ipc_prefix"])


def _p(n, main, all_=None, title="一种装置"):
    return Patent.create(app_no=f"20231000000{n}", patent_type="invention", title=title,
                         ipc_main=main, ipc_all=all_ or main)


def test_load_and_assign(db):
    rules = sum(1 for _ in open(DATA / "ipc_rules.csv", encoding="utf-8")) - 1
    assert industries.load_defaults() == rules
    assert industries.load_defaults() == 0  # idempotent
    assert Industry.select().count() == 16 and IndustryRule.select().count() == rules
    p = {
        "ai": _p(1, "G06F 40/30"),
        "battery": _p(2, "H01M 10/0525", "H01M 10/0525; H01M 4/62"),
        "pv": _p(3, "H01L 31/18"),
        "smart_home": _p(4, "G05B 15/02", title="一种智能家居控制系统"),
        "valve": _p(5, "G05B 15/02", title="一种阀门控制器"),
        "vision_extra": _p(6, "A47J 36/00", "A47J 36/00; G06V 10/82"),
        "bio": _p(7, "C12N 15/113"),
        "none": _p(8, "A01B 1/00"),
    }
    industries.assign()

    def table():
        got = {}
        for row in PatentIndustry.select():
            got.setdefault(row.patent_id, set()).add(row.industry_code)
        return {k: got.get(v.id, set()) for k, v in p.items()}

    expected = {"ai": {"SEI1", "SZ01"}, "battery": {"SEI5", "SZ05"},
                "pv": {"SEI6", "SZ05"},  # 电子信息 excludes photovoltaics
                "smart_home": {"SEI1", "SZ02"},  # keyword 智能 in the title
                "valve": {"SZ02"}, "vision_extra": {"SEI1"}, "bio": {"SEI4", "SZ03"},
                "none": set()}
    assert table() == expected
    params.set_value("industry_match", "main")
    ruleparams.clear()
    industries.assign(("sei",))
    expected["vision_extra"] = set()  # G06V is only an additional IPC
    assert table() == expected
    assert Patent.select().where(industries.in_industry("SEI5")).count() == 1
    assert Patent.select().where(industries.in_any_industry("sei")).count() == 5
