"""A holder's region as vendors split it over three columns, written as a real Patsnap export
writes it (patsnap_ar_glasses_17113.xlsx, see tests/data/README_vendors.md): bare province and
city names, US state codes and TW for holders outside the mainland, one value per holder joined
with " | ". Expected codes are looked up by official name in the shipped division list."""
from __future__ import annotations

import pytest

from core.importer import values as v
from core.importer.vendor_regions import region_address
from core.regions import divisions
from core.resolver.resolution import resolve_text


def code_of(*names: str) -> str:
    """The code of the last name, each name looked up under the previous one."""
    code = ""
    for name in names:
        hits = [c for c, n in divisions.names().items()
                if n == name and c.startswith(code) and len(c) > len(code)]
        assert len(hits) == 1, (name, hits)
        code = hits[0]
    return code


@pytest.mark.parametrize("cells, address, names", [
    (("江苏", "苏州", "姑苏区"), "江苏省苏州市姑苏区", ("江苏省", "苏州市", "姑苏区")),
    # 吉林 is a province and a city: written out, 吉林 长春 is 长春市, not 吉林市
    (("吉林", "长春", "二道区"), "吉林省长春市二道区", ("吉林省", "长春市", "二道区")),
    (("吉林", "吉林", "船营区"), "吉林省吉林市船营区", ("吉林省", "吉林市", "船营区")),
    # a county named like its city is kept (the bare city no longer swallows it)
    (("江西", "南昌", "南昌县"), "江西省南昌市南昌县", ("江西省", "南昌市", "南昌县")),
    (("山东", "济南", "市中区"), "山东省济南市市中区", ("山东省", "济南市", "市中区")),
    (("新疆", "昌吉", "昌吉市"), "新疆维吾尔自治区昌吉回族自治州昌吉市",
     ("新疆维吾尔自治区", "昌吉回族自治州", "昌吉市")),
    (("北京", "北京", "海淀区"), "北京市海淀区", ("北京市", "海淀区")),
    (("广东", "深圳", "-"), "广东省深圳市", ("广东省", "深圳市")),
    # one region per holder: the first holder's
    (("山东 | 北京", "青岛 | 北京", "黄岛区 | 房山区"), "山东省青岛市黄岛区", ("山东省", "青岛市", "黄岛区")),
])
def test_mainland_regions_are_written_out_and_resolve_there(cells, address, names):
    firsts = [(v.split_multi(c) or [None])[0] for c in cells]
    assert region_address(*firsts) == address
    assert resolve_text(address).code == code_of(*names)


@pytest.mark.parametrize("cells", [
    ("TW", "新北市", "Xizhi District"), ("FL", "CITY OF PLANTATION", None), ("WA", None, None),
    ("佛罗里达州", None, None), ("加利福尼亚州", None, None), (None, "Cheongwon-gun", None),
    ("-", "Espoo", "-"),
])
def test_holders_outside_the_mainland_get_no_address(cells):
    assert region_address(*(v.text(c) for c in cells)) is None


@pytest.mark.parametrize("text, names", [
    ("吉林长春市二道区人民大街1号", ("吉林省", "长春市", "二道区")),
    ("吉林长春二道区", ("吉林省", "长春市", "二道区")),
    ("吉林吉林船营区", ("吉林省", "吉林市", "船营区")),
    ("江苏省常州市新北区", ("江苏省", "常州市", "新北区")),
])
def test_province_named_like_a_city_does_not_hide_the_city(text, names):
    assert resolve_text(text).code == code_of(*names)


@pytest.mark.parametrize("text", [
    "中国台湾新北市汐止区新台五路一段", "新北市汐止区", "台湾台北市", "香港九龙尖沙咀",
    "美国佛罗里达州普兰特申市", "日本东京都港区",
])
def test_places_outside_the_mainland_are_never_placed(text):
    res = resolve_text(text)
    assert (res.code, res.method) == ("", "none")
