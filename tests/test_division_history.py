"""Old and special divisions (issue 13 item 5): former names from data/divisions/history.csv map
to today's code with the change recorded, county-level development zones resolve under their
short forms, postcode-prefixed addresses."""
from __future__ import annotations

import csv

import pytest

from core.regions import divisions
from core.resolver.addresses import normalize
from core.resolver.resolution import resolve_text
from core.resolver.special import method_text


def code_of(name: str, within: str) -> str:
    hits = [c for c, n in divisions.names().items() if n == name and c.startswith(within)]
    assert len(hits) == 1, (name, within, hits)
    return hits[0]


def history_rows() -> list[dict]:
    with (divisions.DIVISIONS_DIR / "history.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_successor_is_a_division_of_the_shipped_edition():
    names = divisions.names()
    rows = history_rows()
    assert len(rows) > 3000
    missing = [(r["old_name"], c) for r in rows for c in r["successors"].split(";")
               if c not in names]
    assert not missing


def test_history_names_the_source_and_licence():
    readme = (divisions.DIVISIONS_DIR / "README.md").read_text(encoding="utf-8")
    assert "yescallop/areacodes" in readme and "CC0" in readme


@pytest.mark.parametrize("address, old, new, within", [
    ("上海市闸北区共和新路1500号", "闸北区", "静安区", "31"),
    ("辽宁省沈阳市东陵区文溯街3号", "东陵区", "浑南区", "2101"),
    ("江苏省苏州市沧浪区十梓街1号", "沧浪区", "姑苏区", "3205"),
    ("苏州市平江区白塔东路", "平江区", "姑苏区", "3205"),
    ("北京市崇文区东花市大街", "崇文区", "东城区", "11"),
    ("湖北省襄樊市樊城区", "樊城区", "樊城区", "4206"),
])
def test_former_district_resolves_to_todays_county_with_the_change(address, old, new, within):
    res = resolve_text(address)
    assert res.county_code == code_of(new, within)
    if old != new:
        old_code = res.method.split(":")[1]
        assert divisions.history()[old_code][0]["old_name"] == old
        assert old in method_text(res.method) and new in method_text(res.method)


def test_a_split_county_is_decided_by_its_town():
    town = resolve_text("江苏省吴县市木渎镇金山路8号")
    assert town.county_code == code_of("吴中区", "3205")
    assert town.street_code == code_of("木渎镇", code_of("吴中区", "3205"))
    alone = resolve_text("江苏省吴县")
    assert alone.county_code is None and alone.city_code == "3205" and alone.queued


@pytest.mark.parametrize("address, new, within", [
    ("四川省郫县郫县中信大道二段88号", "郫都区", "5101"),  # a short name: its province suffices
    ("浙江省鄞县煤气用具厂", "鄞州区", "3302"),  # 鄞县 of 宁波地区, then of 宁波市: the latest
    ("浙江省江东区百丈东路", "鄞州区", "3302"),  # 江东区 also of 衡阳市: the province decides
])
def test_a_former_name_with_only_its_province(address, new, within):
    assert resolve_text(address).county_code == code_of(new, within)


def test_a_former_name_needs_its_own_city_when_another_is_named():
    # 金县 (now 金州区) was in 大连市; with 沈阳市 named it is not placed there
    assert resolve_text("辽宁省沈阳市金县").county_code != code_of("金州区", "2102")
    # 泰州市 is a current city and a former district name: the city stays the city
    assert resolve_text("江苏省泰州市").code == "3212"


def test_a_former_name_that_is_also_current_applies_only_in_its_city():
    # 郊区 was a district of many cities; only the city named with it decides.
    assert resolve_text("江苏省苏州市郊区").county_code == code_of("虎丘区", "3205")
    assert resolve_text("郊区人民路8号").county_code != code_of("虎丘区", "3205")


@pytest.mark.parametrize("address, county, within", [
    ("安徽省合肥市高新区天智路19号", "合肥高新技术产业开发区", "3401"),
    ("合肥高新区望江西路", "合肥高新技术产业开发区", "3401"),
    ("郑州高新区莲花街", "郑州高新技术产业开发区", "4101"),
    ("江苏省无锡市新区长江路7号", "新吴区", "3202"),
    ("无锡国家高新技术产业开发区", "新吴区", "3202"),
    ("常州高新区太湖东路", "新北区", "3204"),
    ("江苏省南京市江宁经济技术开发区胜太路", "江宁区", "3201"),
    ("天津经济技术开发区第四大街80号", "滨海新区", "12"),
    ("南京经济技术开发区恒谊路", "栖霞区", "3201"),  # a statistical unit under 栖霞区
    ("江苏省苏州市苏州工业园红枫路35号", "苏州工业园区", "3205"),  # written without its 区
    ("濮阳市工业园", "河南濮阳工业园区", "4109"),
])
def test_zones_resolve_to_their_county(address, county, within):
    assert resolve_text(address).county_code == code_of(county, within)


def test_a_park_named_without_its_city_is_not_the_zone():
    # "工业园" ends many park names; only "苏州工业园" (the city in front) is 苏州工业园区
    assert resolve_text("苏州市相城区漕湖工业园").county_code == code_of("相城区", "3205")
    assert resolve_text("阳山工业园19幢").county_code != code_of("苏州工业园区", "3205")


def test_a_generic_zone_word_needs_its_city():
    # 高新区 without a city is the home region's (苏州高新区) by the alias scope, never 合肥's
    assert resolve_text("高新区天智路").county_code != code_of("合肥高新技术产业开发区", "3401")


@pytest.mark.parametrize("raw", ["215000 江苏省苏州市金阊区", "（215000）江苏省苏州市金阊区",
                                 "【215000】江苏省苏州市金阊区", "江苏省苏州市金阊区(215000)"])
def test_postcode_prefixed_addresses(raw):
    text, postcode = normalize(raw)
    assert postcode == "215000" and "215000" not in text
    assert resolve_text(raw).county_code == code_of("姑苏区", "3205")
