"""Industry IPC rules: pattern notation, the shipped tables (rows of the 2021 concordance table
with row-scoped 「不含」 exclusions, wildcards, exact subgroups and keywords), their compilation to
longest-match rules, and the set-based assignment with the main/all IPC switch (both backends)."""
import csv
from pathlib import Path

import pytest

from core.config import params
from core.config import rules as ruleparams
from core.db.models import Industry, IndustryRule, Patent, PatentIndustry, PatentText
from core.rules import industries
from core.rules.industries import Pattern, compile_rows, patterns

DATA = Path(__file__).resolve().parents[1] / "data" / "industries"


@pytest.fixture(autouse=True)
def fresh_rules():
    ruleparams.clear()
    yield
    ruleparams.clear()


def _rules():
    return list(csv.DictReader(open(DATA / "ipc_rules.csv", encoding="utf-8")))


def test_pattern_notation():
    cases = {"G06F40*": "G06F 40/", "A61B5/0476": "A61B 5/0476", "H04W": "H04W", "H04": "H04",
             "h01m 10/052": "H01M 10/052", "H01M10/052*": "H01M 10/052*", "G06N3*": "G06N 3/",
             "C12Q1/68": "C12Q 1/68", "G16*": "G16", "B41J*": "B41J", "H03M13": "H03M 13/"}
    assert {raw: industries.normalize_prefix(raw) for raw in cases} == cases
    for bad in ("XYZ", "G0640", ""):
        with pytest.raises(ValueError, match="无法识别的IPC前缀"):
            industries.normalize_prefix(bad)
    assert patterns("G06F40*、A61B5/0476; H01M10/052*") == [
        Pattern("G06F 40/", True), Pattern("A61B 5/0476", False), Pattern("H01M 10/052", True)]


def test_shipped_tables_are_consistent():
    with open(DATA / "industries.csv", encoding="utf-8") as handle:
        names = {r["code"]: r for r in csv.DictReader(handle)}
    rules = _rules()
    assert [c for c in names if names[c]["kind"] == "sei"] == [f"SEI{i}" for i in range(1, 10)]
    active = [r for r in rules if r["active"] == "1"]
    # every industry has rules (SEI8 and SEI9 only keyword rows of the table, with their terms)
    assert {r["industry_code"] for r in industries.table_rows()} == set(names)
    assert all(r["confidence"] in ("M", "U") and r["source"] for r in rules)
    table = [r for r in rules if r["confidence"] == "M"]
    assert all(r["source"].startswith("https://") and r["row"] for r in table)
    assert len({r["row"] for r in table}) == len(table)
    assert all(r["industry_code"] == "SEI" + r["row"].split(".")[0] for r in table)
    for r in rules:
        assert patterns(r["ipc"]) and r["active"] in ("0", "1")
        patterns(r["exclude_ipc"])
    # a keyword row of the table is applied only when a title keyword was chosen for it
    assert all(r["keyword"] or not r["table_keywords"] or r["table_keywords"].startswith("不包")
               for r in active)


def _inside(rows, symbol):
    """Membership by the table's own reading: some row includes the symbol without excluding it."""
    hit = Pattern(symbol, False)
    return any(any(i.covers(hit) for i in inc) and not any(e.covers(hit) for e in exc)
               for inc, exc in rows)


def test_compiled_rules_match_row_semantics():
    rows = [(patterns("G06F*"), patterns("G06F3* G06F9/44 G06F40*")),  # 不含 of this row only
            (patterns("G06F40/30 G06F3/01*"), []),
            (patterns("H01M10/052*"), patterns("H01M10/0525"))]
    compiled = compile_rows(rows)
    matcher = industries._Matcher(compiled)
    symbols = ["G06F 1/16", "G06F 3/02", "G06F 3/01", "G06F 3/011", "G06F 9/44", "G06F 9/445",
               "G06F 40/30", "G06F 40/20", "H01M 10/052", "H01M 10/0525", "H01M 10/0526",
               "H01M 10/05", "H04W 4/00"]
    assert {s: matcher(s) for s in symbols} == {s: _inside(rows, s) for s in symbols}
    assert {(p.stored, inside) for p, inside in compiled} == {
        ("G06F", True), ("G06F 3/", False), ("G06F 3/01*", True), ("G06F 9/44", False),
        ("G06F 40/", False), ("G06F 40/30", True), ("H01M 10/052*", True),
        ("H01M 10/0525", False)}


def _shipped_sets() -> dict:
    """industry code → keyword → the rule set's matcher, as load_defaults and matchers() build
    them from the shipped tables."""
    grouped: dict[str, dict[str, list]] = {}
    for row in industries.table_rows():
        grouped.setdefault(row["industry_code"], {}).setdefault(row["keyword"].strip(), []).append(
            (patterns(row["ipc"]), patterns(row["exclude_ipc"])))
    return {code: {kw: industries._Matcher(compile_rows(rows)) for kw, rows in by_kw.items()}
            for code, by_kw in grouped.items()}


def _symbols(sets, rng, count):
    """IPC symbols near the rules' own keys (a key, a key cut short or extended by digits) and
    random ones."""
    keys = sorted({k for by_kw in sets.values() for m in by_kw.values()
                   for k in (*m.exact, *m.prefix)})
    out = []
    for _ in range(count):
        key = rng.choice(keys)
        pick = rng.random()
        if pick < 0.3:
            out.append(key)
        elif pick < 0.5:
            out.append(key[:rng.randint(1, len(key))])
        elif pick < 0.8:
            tail = "" if "/" in key else " " if len(key) == 4 else ""
            out.append(key + tail + "".join(rng.choice("0123456789/") for _ in range(3)))
        else:
            out.append(f"{rng.choice('ABCDEFGH')}{rng.randint(1, 99):02d}{rng.choice('ABCDFGHJKLMN')}"
                       f" {rng.randint(1, 99)}/{rng.randint(0, 999):02d}")
    return out


def test_every_rule_set_at_once_matches_as_each_set_alone():
    """_Index (each prefix of a symbol looked up once for all rule sets) gives, for symbols at
    and around the shipped rules' keys and random ones, exactly the rule sets whose own
    longest-match matcher places the symbol inside."""
    import random
    sets = _shipped_sets()
    index = industries._Index(sets)
    symbols = _symbols(sets, random.Random(7), 20000)
    expected = {s: {(code, kw) for code, by_kw in sets.items() for kw, m in by_kw.items() if m(s)}
                for s in symbols}
    assert {s: set(index.hits(s)) for s in symbols} == expected
    assert sum(map(bool, expected.values())) > 5000  # the symbols do meet the rules
    assert all(len(index.hits(s)) == len(set(index.hits(s))) for s in symbols)


def _p(n, main, all_=None, title="一种装置"):
    return Patent.create(app_no=f"2023100000{n:02d}", patent_type="invention", title=title,
                         ipc_main=main, ipc_all=all_ or main)


def _table(p):
    got = {}
    for row in PatentIndustry.select():
        got.setdefault(row.patent_id, set()).add(row.industry_code)
    return {k: got.get(v.id, set()) for k, v in p.items()}


def test_assigning_some_patents_writes_only_the_links_that_differ(db):
    """assign(only=…) — an import's patents — leaves the same links as a full assignment, and
    the links a patent keeps are not rewritten (their rows stay); the count is of those
    patents' links."""
    industries.load_defaults()
    p = {"ai": _p(1, "G06F 40/30"), "pv": _p(2, "H01L 31/18", title="一种光伏电池的制备方法"),
         "bio": _p(3, "C12N 15/113", title="一种水稻育种用的基因编辑方法"),
         "other": _p(4, "G05B 15/02", title="一种智能家居控制系统")}
    industries.assign()
    kept = {(r.patent_id, r.industry_code): r.id for r in PatentIndustry.select()}
    Patent.update(ipc_main="H01M 10/0525", ipc_all="H01M 10/0525",
                  title="一种动力电池").where(Patent.id == p["pv"].id).execute()
    Patent.update(title="一种水稻的检测方法").where(Patent.id == p["bio"].id).execute()
    moved = f"SELECT id FROM patent WHERE id IN ({p['ai'].id}, {p['pv'].id}, {p['bio'].id})"
    found = industries.assign(only=moved)
    some = _table(p)
    ai = {(r.patent_id, r.industry_code): r.id for r in PatentIndustry.select()
          .where(PatentIndustry.patent == p["ai"].id)}
    assert ai and all(kept[key] == pk for key, pk in ai.items())
    assert found == len(some["ai"]) + len(some["pv"]) + len(some["bio"])
    industries.assign()
    assert some == _table(p) and some["pv"] == {"SEI5", "SZ05"}


def test_load_and_assign(db):
    assert industries.load_defaults() == IndustryRule.select().count()
    shown = ("B82Y", "H01L 31/", "G05B 15/02")
    assert {(r.industry.code, r.ipc_prefix, r.exclude, r.keyword) for r in IndustryRule.select()
            if r.ipc_prefix.startswith(shown)} == {
        ("SEI3", "B82Y", False, None), ("SEI3", "B82Y 10/00", True, None),  # row 3.6-1 不含
        ("SZ07", "B82Y", False, None),
        ("SZ01", "H01L 31/", True, None), ("SZ05", "H01L 31/", False, None),
        ("SEI1", "G05B 15/02", False, "智能"),
        # keyword rows of the table, applied with the terms sei_terms.csv derives from their cell
        ("SEI1", "B82Y 10/00", False, "量子"),  # 1.2-7 量子计算、量子芯片、量子测控
        ("SEI6", "H01L 31/", False, "光伏|太阳能|硅片|单晶硅|晶硅|硅锭|钙钛矿|硅烷|吸热|集热|光热|"
                                    "电池片|斯特林|郎肯|聚光|反射镜|镀膜|蓄电池|储能")}  # area 6.3
    assert industries.load_defaults() == 0  # idempotent
    assert Industry.select().count() == 16
    p = {
        "ai": _p(1, "G06F 40/30"),
        # rows 5.2-5 (汽车相关关键词) and 6.3-5 (太阳能 …): applied with their terms
        "battery": _p(2, "H01M 10/0525", "H01M 10/0525; H01M 4/62", title="一种动力电池"),
        "pv": _p(3, "H01L 31/18", title="一种光伏电池的制备方法"),
        "smart_home": _p(4, "G05B 15/02", title="一种智能家居控制系统"),
        "valve": _p(5, "G05B 15/02", title="一种阀门控制器"),
        "vision_extra": _p(6, "A47J 36/00", "A47J 36/00; G06V 10/82"),
        "bio": _p(7, "C12N 15/113", title="一种水稻育种用的基因编辑方法"),  # 4.3-8 育种
        "none": _p(8, "A01B 1/00"),  # only in a keyword row of the table (2.1), not applied
    }
    industries.assign()
    expected = {"ai": {"SEI1", "SZ01"}, "battery": {"SEI5", "SZ05"},
                "pv": {"SEI6", "SZ05"},  # 电子信息 excludes photovoltaics
                "smart_home": {"SEI1", "SZ02"},  # table row 1.5-2 with title keyword 智能
                "valve": {"SZ02"}, "vision_extra": {"SEI1"}, "bio": {"SEI4", "SZ03"},
                "none": set()}
    assert _table(p) == expected
    params.set_value("industry_match", "main")
    ruleparams.clear()
    industries.assign(("sei",))
    expected["vision_extra"] = set()  # G06V is only an additional IPC
    assert _table(p) == expected
    assert Patent.select().where(industries.in_industry("SEI5")).count() == 1
    assert Patent.select().where(industries.in_any_industry("sei")).count() == 5


def test_sourced_table_rows_place_real_codes(db):
    """Rows of the 2021 table (pr-re transcription) that no [U] row covers: wildcard, exact
    subgroup, scope-note rows, and the table's own 「不含」."""
    industries.load_defaults()
    p = {
        "nano": _p(1, "B82Y 30/00"),  # 3.6-1 B82Y* …
        "quantum": _p(2, "B82Y 10/00"),  # … 不含 B82Y10/00
        "track": _p(3, "E01B 2/00"),  # 2.4-1 E01B2*
        "gnss": _p(4, "G01S 19/42"),  # 2.3-1 G01S19*
        "biosensor": _p(5, "G01N 27/327"),  # 3.6-1 exact subgroup G01N27/327 …
        "biosensor_child": _p(6, "G01N 27/3271"),  # … not its numeric extension
        "infusion": _p(7, "A61M 5/14"),  # 4.2-1 A61M*
        "napkin": _p(8, "A61F 13/15"),  # 4.2-1 不含 A61F13*
        "charger": _p(9, "B60L 53/16"),  # 5.3-1, keyword cell 不包含非机动车 (scope note)
        "aircraft": _p(10, "B64C 27/04"),  # 2.2-2, keyword cell 不包括航天相关设备制造
        "reactor": _p(11, "G21D 3/04"),  # 6.1-1 (split from its merged pr-re row)
        "conveyor": _p(12, "B65G 47/90"),  # 5.1 keyword row only (新能源车整车制造): not applied
    }
    industries.assign(("sei",))
    assert _table(p) == {
        "nano": {"SEI3"}, "quantum": set(), "track": {"SEI2"}, "gnss": {"SEI2"},
        "biosensor": {"SEI3"}, "biosensor_child": set(), "infusion": {"SEI4"}, "napkin": set(),
        "charger": {"SEI5"}, "aircraft": {"SEI2"}, "reactor": {"SEI6"}, "conveyor": set()}


def test_exclusions_are_scoped_to_their_row(db):
    """One row's 「不含」 does not remove what another row of the same industry includes, and
    a symbol is judged on its own: an excluded additional IPC does not veto the main one."""
    industry = Industry.create(code="T1", name="测试", kind="local")
    industries._write_rules(industry, [
        {"ipc": "G06F*", "exclude_ipc": "G06F40*", "keyword": ""},
        {"ipc": "G06F40/30", "exclude_ipc": "", "keyword": ""},
        {"ipc": "H04W*", "exclude_ipc": "H04W4/00", "keyword": "无人机"}])
    p = {"other_row": _p(1, "G06F 40/30"), "excluded": _p(2, "G06F 40/20"),
         "mixed": _p(3, "G06F 1/16", "G06F 1/16; G06F 40/20"),
         "kw": _p(4, "H04W 72/04", title="无人机通信方法"), "kw_missing": _p(5, "H04W 72/04"),
         "kw_excluded": _p(6, "H04W 4/00", title="无人机定位")}
    industries.assign(("local",))
    assert _table(p) == {"other_row": {"T1"}, "excluded": set(), "mixed": {"T1"},
                         "kw": {"T1"}, "kw_missing": set(), "kw_excluded": set()}


def test_keyword_rows_match_terms_in_the_title_or_the_abstract(db):
    """Row 2.1-2 puts A01B ploughs under 智能制造装备 only for 「智能农业动力机械等机械化农业及
    园艺机具」; row 5.2-1 puts F02B engines under 新能源汽车 only for 「插电式混合驱动、纯电驱动和
    燃料电池驱动」. The terms derived from those cells (智能 …; 混合动力|插电 …) decide, in the title or
    the abstract."""
    industries.load_defaults()
    p = {
        "smart_plough": _p(1, "A01B 1/00", title="一种智能翻土犁"),
        "plough": _p(2, "A01B 1/00", title="一种翻土犁"),
        "hybrid_in_abstract": _p(3, "F02B 75/00", title="一种发动机"),
        "engine": _p(4, "F02B 75/00", title="一种发动机"),
    }
    PatentText.create(patent=p["hybrid_in_abstract"], abstract="用于插电式混合动力汽车的增程发动机。")
    PatentText.create(patent=p["engine"], abstract="用于割草机的单缸发动机。")
    industries.assign(("sei",))
    assert _table(p) == {"smart_plough": {"SEI2"}, "plough": set(),
                         "hybrid_in_abstract": {"SEI5"}, "engine": set()}


def test_every_keyword_row_of_the_table_is_decided():
    """Each row of the table that needs its keyword cell has terms in sei_terms.csv (by row or by
    area), or an explicit empty entry saying why it stays unused."""
    terms = {r["key"]: r["terms"] for r in industries._read_csv("sei_terms.csv")}
    rows = [r for r in industries._read_csv("ipc_rules.csv") if r["active"] == "0" and r["row"]]
    undecided = [r["row"] for r in rows if r["row"] not in terms
                 and r["row"].split("-")[0] not in terms]
    assert undecided == []
    unused = sorted(r["row"] for r in rows
                    if not terms.get(r["row"], terms.get(r["row"].split("-")[0])))
    assert unused == ["2.1-12", "9.1-4"]


COMPILED = """
import hashlib
from core.rules import industries
rows = industries.table_rows()
out = []
for code in sorted({r["industry_code"] for r in rows}):
    groups = {}
    for r in rows:
        if r["industry_code"] == code:
            groups.setdefault(r["keyword"].strip(), []).append(
                (industries.patterns(r["ipc"]), industries.patterns(r["exclude_ipc"])))
    out += [(code, k, [(p.stored, m) for p, m in industries.compile_rows(g)])
            for k, g in sorted(groups.items())]
print(hashlib.sha256(repr(out).encode()).hexdigest())
"""


def test_the_shipped_rules_compile_alike_in_every_process():
    """The rules (and so their ids in industry_rule) come out in one order whatever Python's
    hash seed: two processes loading the same tables agree."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    digests = {subprocess.run([sys.executable, "-c", COMPILED], cwd=root, check=True, text=True,
                              capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}
                              ).stdout for seed in ("1", "2", "3")}
    assert len(digests) == 1, digests
