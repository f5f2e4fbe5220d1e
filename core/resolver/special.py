"""Names the official list of this edition does not hold: divisions abolished or renamed since 1981
(data/divisions/history.csv) and the short forms of development zones that the statistical codes
list at county level ("合肥高新区" for 合肥高新技术产业开发区). Each key comes as
(key, code, kind, scope, source); the gazetteer turns them into entries."""
from __future__ import annotations

import re
from collections import defaultdict

from core.config import labels
from core.regions import divisions
from core.regions.scope import canonical

MUNICIPALITIES = ("11", "12", "31", "50")
NOT_CITIES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
CITY_SUFFIX = re.compile(r"(市|地区|盟)$")
PROVINCE_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$")
HIGH_TECH = ("高新区", "高新技术产业开发区", "高新技术开发区")
ECONOMIC = ("经开区", "经济技术开发区", "经济开发区")
ZONE_TAILS = {"高新技术产业开发区": HIGH_TECH, "高新技术开发区": HIGH_TECH,
              "高新技术产业园区": HIGH_TECH + ("高新技术产业园区",),
              "高技术产业开发区": HIGH_TECH + ("高技术产业开发区",),
              "经济技术开发区": ECONOMIC, "经济开发区": ECONOMIC}
# Written without the last character ("苏州工业园" for 苏州工业园区); only with the place name in
# front, since a bare "工业园" ends the names of many parks that are not the zone.
TRUNCATED = {"工业园区": "工业园"}


def history_keys(current: dict[str, set[str]]):
    """Former names → the divisions holding their area today (kind 'change', source = old code).
    `current`: every key the gazetteer already has → the codes it names.

    A name that successive records of one place carried (鄞县 of 宁波地区, then of 宁波市) means
    its latest record. A name that already names another division, that divisions of several
    cities carried with different successors, or that is shorter than three characters only
    applies inside its city (its province for Beijing, Tianjin, Shanghai, Chongqing)."""
    by_name: dict[str, list[dict]] = defaultdict(list)
    for recs in divisions.history().values():
        for rec in recs:
            by_name[rec["old_name"]].append(rec)
    now = divisions.names()
    for records in by_name.values():
        records = _meant(records)
        several = len({rec["successors"] for rec in records}) > 1
        for rec in records:
            codes = [canonical(c) for c in rec["successors"]]
            for name in _names(rec):
                if any(now.get(c) == name for c in rec["successors"]):
                    continue  # the name did not change (only its parent did)
                elsewhere = current.get(name, set()) - set(codes)
                shared = bool(elsewhere) or several or len(name) < 3
                scope = _scope(codes) if shared else ""
                for code in codes:
                    yield name, code, "change", scope, rec["old_code"]


def _meant(records: list[dict]) -> list[dict]:
    """The records a former name means: the latest when all of them lie in one city."""
    area = _scope([canonical(c) for rec in records for c in rec["successors"]])
    if len(records) < 2 or (len(area) != 4 and area not in MUNICIPALITIES):
        return records
    latest = max(int(rec["changed_in"]) for rec in records)
    return [rec for rec in records if int(rec["changed_in"]) == latest]


def _names(rec: dict) -> list[str]:
    name = rec["old_name"]
    if rec["level"] != "city":
        return [name]
    short = CITY_SUFFIX.sub("", name)
    return [name] + ([short] if short != name and len(short) >= 2 else [])


def _scope(codes: list[str]) -> str:
    for width in (4, 2):
        heads = {c[:width] for c in codes}
        if len(heads) == 1 and all(len(c) > width for c in codes):
            head = heads.pop()
            return head[:2] if head[:2] in MUNICIPALITIES else head
    return ""


def zone_keys():
    """Short forms of county-level development zones: 'X高新区', 'X市经开区' anywhere, the bare
    '高新区' / '经开区' only inside the zone's city."""
    names = divisions.names()
    provinces = sorted({PROVINCE_SUFFIX.sub("", n) for c, n in names.items() if len(c) == 2},
                       key=len, reverse=True)
    for code, name in names.items():
        if len(code) != 6 or int(code[4:6]) < 71:
            continue
        city_name = names.get(code[:4], "")
        city = "" if city_name in NOT_CITIES else CITY_SUFFIX.sub("", city_name)
        rest = _strip_prefix(name, provinces, city)
        yield from _truncated_keys(code, rest, city)
        tail = next((t for t in ZONE_TAILS if rest.endswith(t)), None)
        if tail is None:
            continue
        middle = rest[:-len(tail)]
        for variant in ZONE_TAILS[tail]:
            key = middle + variant
            if middle:
                yield key, canonical(code), "zone", "", ""
            else:
                yield key, canonical(code), "zone", code[:4], ""
            if len(city) >= 2:
                for prefix in (city, city + "市"):
                    yield prefix + key, canonical(code), "zone", "", ""


def _truncated_keys(code: str, rest: str, city: str):
    """'苏州工业园' for 苏州工业园区: the zone name without its last character, after the place
    name in front of it (the city's, or the zone's own)."""
    tail = next((t for t in TRUNCATED if rest.endswith(t)), None)
    if tail is None:
        return
    middle = rest[:-len(tail)]
    short = middle + TRUNCATED[tail]
    prefixes = ([""] if middle else []) + ([city, city + "市"] if len(city) >= 2 else [])
    for prefix in prefixes:
        yield prefix + short, canonical(code), "zone", "", ""


def _strip_prefix(name: str, provinces: list[str], city: str) -> str:
    for province in provinces:
        if name.startswith(province) and len(name) > len(province) + 4:
            name = name[len(province):]
            break
    if city and name.startswith(city):
        name = name[len(city):]
        if name.startswith("市"):
            name = name[1:]
    return name


def method_text(method: str | None) -> str:
    """The resolver's method in Chinese; a division change in words (闸北区（310108）2015年撤销，
    今属静安区)."""
    if method and method.startswith("change:"):
        return labels.METHOD_CHANGE.format(change=divisions.change_text(method[len("change:"):]))
    return labels.METHOD.get(method, method or "")
