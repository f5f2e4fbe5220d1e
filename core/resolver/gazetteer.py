"""The division gazetteer as one Aho-Corasick automaton: every name a division is written under
(official name, short forms, street stems with 街道/镇/乡, built-in aliases) → the divisions it
may mean. Built once per process from the shipped division files (no database needed)."""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from core.config.once import once
from core.regions import divisions
from core.regions.scope import canonical
from core.resolver.special import history_keys, zone_keys

ALIASES_FILE = Path(__file__).resolve().parents[2] / "data" / "address" / "aliases.csv"
PROVINCE_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
CITY_SUFFIX = re.compile(r"(市|地区|盟)$")
PREFECTURE = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,4}族)+自治州$")
STREET_SUFFIX = re.compile(r"(街道办事处|街道|镇|乡|苏木)$")
PAREN = re.compile(r"[（(]([^）)]*)[）)]")
DIVISION_END = ("省", "市", "区", "县", "镇", "乡", "街道", "州", "盟", "旗")
SKIP_CITY_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# Taiwan, Hong Kong, Macao and the countries most foreign applicants come from are outside the
# division codes: an address naming them first is never placed (美国佛罗里达州 is not 达州), and
# Taiwan's city names are no former names of a mainland district (新北市 ≠ 常州市新北区).
OUTSIDE_MAINLAND = re.compile(
    r"^(?:(?:中国|中華民國|中华民国)?(?:台湾|臺灣|香港|澳门|澳門)|美国|日本|韩国|德国|法国|英国|瑞士|瑞典"
    r"|荷兰|意大利|加拿大|澳大利亚|以色列|芬兰|丹麦|比利时|奥地利|西班牙|印度|俄罗斯|挪威|爱尔兰"
    r"|卢森堡|开曼群岛|英属维尔京群岛)")
TAIWAN_CITIES = frozenset({"台北市", "新北市", "桃园市", "台中市", "台南市", "高雄市", "基隆市",
                           "新竹市", "嘉义市"})


@dataclass(frozen=True)
class Entry:
    """One meaning of a key: division `code`, how strongly the key names it, optional scope."""
    code: str
    kind: str  # full, short, stem, alias kinds (old_name, zone, short, english), change
    scope: str = ""
    source: str = ""  # kind change: the old division code (data/divisions/history.csv)

    @property
    def level(self) -> int:
        return len(self.code)


@dataclass(frozen=True)
class Gazetteer:
    automaton: ahocorasick.Automaton  # division names that decide
    bare: ahocorasick.Automaton  # street stems without 街道/镇: weak evidence for the queue only
    names: dict  # code → official name


def _province_keys(name: str) -> list[tuple[str, str]]:
    short = PROVINCE_SUFFIX.sub("", name)
    return [(name, "full")] + ([(short, "short")] if short != name and len(short) >= 2 else [])


def _city_keys(name: str) -> list[tuple[str, str]]:
    if name in SKIP_CITY_NAMES:
        return []
    keys = [(name, "full")]
    prefecture = PREFECTURE.match(name)
    if prefecture:
        keys.append((prefecture.group(1) + "州", "short"))
    short = CITY_SUFFIX.sub("", name)
    if short != name and len(short) >= 2:
        keys.append((short, "short"))
    return keys


def _county_keys(code: str, name: str) -> list[tuple[str, str]]:
    keys = [(name, "full")]
    if name.endswith("市") and len(name) >= 3 and int(code[4:6]) >= 81:
        keys.append((name[:-1], "short"))  # county-level city written without 市
    return keys


def _street_keys(code: str, name: str) -> list[tuple[str, str]]:
    keys = [(name, "full")]
    inner = PAREN.search(name)
    if inner and STREET_SUFFIX.search(inner.group(1)) and len(inner.group(1)) >= 4:
        keys.append((inner.group(1), "full"))
    main = PAREN.sub("", name)
    if int(code[6:9]) >= 400 or not STREET_SUFFIX.search(main):
        return keys
    stem = STREET_SUFFIX.sub("", main)
    if len(stem) >= 2:
        for suffix in ("街道", "镇", "乡"):
            if stem + suffix != name:
                keys.append((stem + suffix, "stem"))
        keys.append((stem, "bare"))
    return keys


def read_aliases() -> list[tuple[str, str, str, str]]:
    """(alias, code, scope, kind) from data/address/aliases.csv, codes made canonical."""
    with ALIASES_FILE.open(encoding="utf-8") as fh:
        return [(r["alias"].strip().lower(), canonical(r["code"]), canonical(r["scope"] or ""),
                 r["kind"]) for r in csv.DictReader(fh)]


def _all_keys():
    unit_names = Counter(n for c, n, lv, _, _ in divisions._all_rows()
                         if lv == "street" and int(c[6:9]) >= 400)
    for code, name, level, _parent, _ed in divisions._all_rows():
        if level == "street" and int(code[6:9]) >= 400 and (
                unit_names[name] > 1 or len(PAREN.sub("", name)) < 3):
            continue  # generic development-zone unit names ("开发区", "经济开发区")
        code = canonical(code)
        if level == "province":
            keys = _province_keys(name)
        elif level == "city":
            keys = _city_keys(name)
        elif level == "county":
            keys = _county_keys(code, name)
        else:
            keys = _street_keys(code, name)
        for key, kind in keys:
            yield key, Entry(code, kind)
    for alias, code, scope, kind in read_aliases():
        yield alias, Entry(code, kind, scope)
    yield from _renamed_keys()
    for key, code, kind, scope, _source in zone_keys():
        yield key, Entry(code, kind, scope)


def _renamed_keys():
    """Former names of counties that became districts or cities: 金坛市 → 金坛区, 昆山县 → 昆山市.
    Only names that are no current division's name."""
    current = set(divisions.names().values()) | TAIWAN_CITIES
    for code, name, level, _parent, _ed in divisions._all_rows():
        if level != "county" or len(name) < 3 or name[-1] not in "区市":
            continue
        stem = name[:-1]
        for old in ((stem + "市", stem + "县") if name[-1] == "区" else (stem + "县",)):
            if old not in current:
                yield old, Entry(canonical(code), "old_name")


@once
def gazetteer() -> Gazetteer:
    """The automata (key → (key, entries, ascii, ends like a division name, all entries name
    one code)) and the code → name table."""
    strong: dict[str, list[Entry]] = {}
    bare: dict[str, list[Entry]] = {}
    for key, entry in _all_keys():
        bucket = (bare if entry.kind == "bare" else strong).setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
    current = {key: {e.code for e in entries} for key, entries in strong.items()}
    for key, code, kind, scope, source in history_keys(current):
        bucket = strong.setdefault(key, [])
        if not any(e.code == code and e.kind == kind for e in bucket):
            bucket.insert(0, Entry(code, kind, scope, source))  # the recorded change decides
    return Gazetteer(_automaton(strong), _automaton(bare), division_names())


@once
def division_names() -> dict[str, str]:
    """Code → name of every division (canonical codes)."""
    return {canonical(c): n for c, n in divisions.names().items()}


def _automaton(table: dict[str, list[Entry]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key, entries in table.items():
        unique = len({e.code for e in entries}) == 1
        automaton.add_word(key, (key, tuple(entries), key[0].isascii(),
                                 key.endswith(DIVISION_END), unique))
    automaton.make_automaton()
    return automaton


def name_of(code: str | None) -> str | None:
    """The name of a division code; without building the automata (a page naming places, e.g.
    the 专利数据核查 queue, does not pay the gazetteer's second of CPU)."""
    return division_names().get(code) if code else None
