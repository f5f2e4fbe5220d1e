"""Writes tests/data/addresses_labelled.csv: addresses in the formats seen in patent exports, each
labelled with the true county and street taken from the official division list (never from the
resolver). Run once: `python tests/data/make_addresses_labelled.py`; the CSV is committed.

Columns: address, county_code (expected; empty = must not be placed at county level),
street_code (expected; empty = must not be placed at street level), street_named (1 when the
text names the street or a known alias of it), case (format / failure class).

Real addresses from public files, labelled by hand, are in addresses_real.csv (not written by
this script; see README_addresses_real.md).
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

from core.regions import divisions

OUT = Path(__file__).with_name("addresses_labelled.csv")
HOME = "3205"
ROADS = ["金枫路", "星湖街", "现代大道", "竹园路", "干将西路", "人民路", "长江路", "太湖东路",
         "苏州大道东", "北京路", "前进西路", "中山北路", "青剑湖路", "东环路", "海虞北路",
         "暨阳湖路", "上海东路", "娄江路", "通园路", "玉山路", "民营路", "长安路", "朝阳路",
         "广东路", "新华路", "创业路", "科技路", "华山路", "珠江路", "嵩山路"]
ZONE = {"320576": ["苏州工业园区", "江苏省苏州市工业园区", "中国(江苏)自由贸易试验区苏州片区苏州工业园区"],
        "320505": ["苏州高新区", "江苏省苏州市高新区", "苏州高新技术产业开发区"]}
OLD_GUSU = ["平江区", "沧浪区", "金阊区"]
POSTCODE = {"320505": "215011", "320506": "215104", "320507": "215131", "320508": "215000",
            "320509": "215200", "320576": "215021", "320581": "215500", "320582": "215600",
            "320583": "215300", "320585": "215400"}
ENGLISH = {"320505": "Suzhou New District", "320576": "Suzhou Industrial Park",
           "320583": "Kunshan", "320581": "Changshu", "320585": "Taicang",
           "320582": "Zhangjiagang", "320509": "Wujiang District", "320506": "Wuzhong District"}
TRAD = str.maketrans({"苏": "蘇", "区": "區", "吴": "吳", "镇": "鎮", "号": "號", "园": "園"})


def code_of(name: str, within: str = "") -> str:
    hits = [c for c, n in divisions.names().items() if n == name and c.startswith(within)]
    assert len(hits) == 1, (name, within, hits)
    return hits[0]


def home_streets() -> list[tuple[str, str]]:
    return [(c, n) for county, _ in divisions.children(HOME)
            for c, n in divisions.children(county) if int(c[6:]) < 400]


def room(rng: random.Random) -> str:
    return rng.choice(["", "", "3幢1501室", "B座1203室", "5楼", "2号楼301室", "（东区）"])


def named_forms(rng: random.Random, code: str, street: str, n: int) -> list[tuple[str, str]]:
    county_code = code[:6]
    county = divisions.names()[county_code]
    road = f"{rng.choice(ROADS)}{n}号"
    forms = [("full", f"江苏省苏州市{county}{street}{road}{room(rng)}"),
             ("city", f"苏州市{county}{street}{road}"),
             ("county_first", f"{county}{street}{road}{room(rng)}"),
             ("postcode_front", f"{POSTCODE[county_code]} 江苏省苏州市{county}{street}{road}"),
             ("postcode_back", f"江苏省苏州市{county}{street}{road}，邮编：{POSTCODE[county_code]}"),
             ("spaced", f"江苏省 苏州市 {county} {street} {road}"),
             ("short_province", f"江苏苏州{county}{street}{road}"),
             ("china_prefix", f"中国江苏省苏州市{county}{street}{road}"),
             ("traditional", f"江苏省苏州市{county}{street}{road}".translate(TRAD)),
             ("fullwidth", f"江苏省苏州市（{county}）{street}{road}".replace(str(n), str(n).translate(
                 str.maketrans("0123456789", "０１２３４５６７８９"))))]
    if county_code in ZONE:
        forms.append(("zone", f"{rng.choice(ZONE[county_code])}{street}{road}"))
    if county.endswith("市"):
        forms.append(("no_city_suffix", f"江苏省{county[:-1]}{street}{road}"))
    if county_code == "320508":
        forms.append(("old_county", f"江苏省苏州市{rng.choice(OLD_GUSU)}{street}{road}"))
    if county_code == "320509":
        forms.append(("old_county", f"江苏省吴江市{street}{road}"))
    if street.endswith("街道") and county_code in ("320509", "320507", "320506"):
        forms.append(("old_town", f"苏州市{county}{street[:-2]}镇{road}"))
    special = [f for f in forms if f[0] in ("zone", "no_city_suffix", "old_county", "old_town")]
    return rng.sample(forms[:10], 2) + special[:1]


def home_rows(rng: random.Random) -> list[tuple]:
    rows = []
    for i, (code, street) in enumerate(home_streets()):
        for case, text in named_forms(rng, code, street, 10 + i):
            rows.append((text, code[:6], code, 1, case))
    return rows


def home_blind_rows(rng: random.Random) -> list[tuple]:
    """Suzhou addresses that name no street: placed at county level at most."""
    rows = []
    for county_code, county in divisions.children(HOME):
        road = f"{rng.choice(ROADS)}{rng.randint(1, 999)}号"
        rows.append((f"江苏省苏州市{county}{road}", county_code, "", 0, "no_street"))
        rows.append((f"苏州市{county}{road}{room(rng)}", county_code, "", 0, "no_street"))
        if county_code in ZONE:
            for zone in ZONE[county_code]:
                rows.append((f"{zone}{road}", county_code, "", 0, "zone_road"))
        if county_code in ENGLISH:
            rows.append((f"No. {rng.randint(1, 500)} Xinghu Street, {ENGLISH[county_code]}, "
                         f"Suzhou, Jiangsu {POSTCODE[county_code]}, P.R. China",
                         county_code, "", 0, "english"))
    rows += [(f"{rng.choice(ROADS)}{n}号", "", "", 0, "road_only") for n in (5, 18, 77)]
    rows += [("SIP, Suzhou, China", "320576", "", 0, "english"),
             ("Suzhou Industrial Park, 328 Xinghu Street, Suzhou", "320576", "", 0, "english"),
             ("江苏省苏州市", "", "", 0, "city_only"),
             ("苏州工业园区", "320576", "", 0, "zone_only"),
             ("215021 苏州工业园区星湖街328号", "320576", "", 0, "postcode_front"),
             ("江苏省苏州市吴中区木渎金枫路216号", "320506", "", 0, "bare_stem"),
             ("江苏省苏州市相城区元和路88号", "320507", "", 0, "road_like_street")]
    return rows


def special_home_rows() -> list[tuple]:
    """Development-zone units, renamed towns and zone aliases with a street."""
    return [
        ("江苏省张家港保税区长江路1号", "320582", "320582403", 1, "zone_unit"),
        ("江苏省苏州市高新区东渚街道京杭街1号", "320505", "320505407", 1, "renamed_town"),
        ("苏州高新区浒墅关镇石阳路17号", "320505", "320505400", 1, "renamed_town"),
        ("江苏省苏州市吴江区松陵镇中山北路1088号", "320509", "320509001", 1, "old_town"),
        ("昆山开发区前进东路1号", "320583", "320583400", 1, "zone_unit"),
        ("江苏省昆山市经济技术开发区", "320583", "", 0, "zone_no_unit"),
        ("江苏省苏州市姑苏区干将西路1298号", "320508", "", 0, "no_street"),
        ("苏州工业园区唯亭街道青剑湖路1号", "320576", "320576052", 1, "zone"),
        ("太仓市城厢镇上海东路1号", "320585", "320585100", 1, "road_with_city_name"),
        ("昆山市玉山镇北京路88号", "320583", "320583100", 1, "road_with_city_name"),
        ("常熟市虞山街道海南路1号", "320581", "320581001", 1, "road_with_province_name"),
        ("苏州市吴中区木渎镇中山东路5号", "320506", "320506103", 1, "road_with_city_name"),
        ("张家港市杨舍镇暨阳湖商业街", "320582", "320582100", 1, "county_first"),
        ("江苏省昆山县玉山镇人民路1号", "320583", "320583100", 1, "renamed_county"),
        ("苏州吴中经济开发区郭巷街道东方大道1号", "320506", "320506004", 1, "zone_unit_and_street"),
        ("江苏省苏州市姑苏区虎丘街道山塘街1号", "320508", "320508022", 1, "street_named_like_county"),
        ("苏州市虎丘街道山塘街8号", "320508", "320508022", 1, "street_named_like_county"),
        ("苏州市虎丘区狮山街道1号", "320505", "320505002", 1, "street_named_like_county"),
        ("苏州市城南街道1号", "320506", "320506009", 1, "duplicate_street_name"),
        ("沙溪镇中心街1号", "", "", 0, "duplicate_street_name"),
        ("江苏省太仓市沙溪镇1号", "320585", "320585101", 1, "duplicate_street_name"),
        ("广东省中山市沙溪镇1号", "442000", "442000106", 1, "duplicate_street_name"),
        ("Loufeng Street, Suzhou Industrial Park, Suzhou", "320576", "320576050", 1, "english"),
        ("苏州市平江路1号", "", "", 0, "road_with_old_name"),
        ("江苏省苏州市金阊区石路1号", "320508", "", 0, "old_county"),
        ("江苏省苏州市沧浪区", "320508", "", 0, "old_county"),
        ("苏州市吴江市盛泽镇1号", "320509", "320509105", 1, "old_county"),
        ("江苏省苏州市相城区渭塘镇1号 215134", "320507", "320507105", 1, "postcode_back"),
        ("江苏省苏州市吴中区甪直镇1号", "320506", "320506100", 1, "rare_character"),
    ]


def outside_rows() -> list[tuple]:
    """Other cities, with the known failure classes (tech-notes §9, anchors §3.3)."""
    c = code_of
    rows = [
        ("上海市黄浦区广东路100号", c("黄浦区", "31"), "", 0, "road_with_province_name"),
        ("上海市虹口区四川北路1666号", c("虹口区", "31"), "", 0, "road_with_province_name"),
        ("上海市黄浦区南京东路1号", c("黄浦区", "31"), "", 0, "road_with_city_name"),
        ("广西壮族自治区北海市海城区重庆路8号", c("海城区", "45"), "", 0, "road_with_province_name"),
        ("上海市浦东新区张江镇科苑路88号", c("浦东新区", "31"), c("张江镇", "31"), 1, "full"),
        ("北京市海淀区中关村街道中关村大街1号", "110108", "110108011", 1, "full"),
        ("北京市朝阳区建国路1号", "110105", "", 0, "duplicate_district"),
        ("吉林省长春市朝阳区人民大街1号", c("朝阳区", "2201"), "", 0, "duplicate_district"),
        ("江苏省南京市鼓楼区中山路1号", c("鼓楼区", "3201"), "", 0, "duplicate_district"),
        ("福建省福州市鼓楼区五四路1号", c("鼓楼区", "3501"), "", 0, "duplicate_district"),
        ("江苏省徐州市鼓楼区中山北路1号", c("鼓楼区", "3203"), "", 0, "duplicate_district"),
        ("鼓楼区中山路1号", "", "", 0, "duplicate_district_no_city"),
        ("浙江省舟山市普陀区沈家门街道1号", c("普陀区", "3309"), c("沈家门街道", "330903"), 1,
         "duplicate_district"),
        ("上海市普陀区长寿路1号", c("普陀区", "31"), "", 0, "duplicate_district"),
        ("浙江省杭州市西湖区文三路1号", c("西湖区", "3301"), "", 0, "duplicate_district"),
        ("江西省南昌市西湖区1号", c("西湖区", "3601"), "", 0, "duplicate_district"),
        ("天津市和平区南京路1号", c("和平区", "12"), "", 0, "duplicate_district"),
        ("辽宁省沈阳市和平区1号", c("和平区", "2101"), "", 0, "duplicate_district"),
        ("重庆市江北区观音桥1号", c("江北区", "50"), "", 0, "duplicate_district"),
        ("浙江省宁波市江北区1号", c("江北区", "3302"), "", 0, "duplicate_district"),
        ("山东省济南市市中区经十路1号", c("市中区", "3701"), "", 0, "duplicate_district"),
        ("广东省东莞市虎门镇连升路1号", "441900", c("虎门镇", "4419"), 1, "city_without_county"),
        ("东莞市松山湖高新区工业北路1号", "441900", code_of("松山湖", "4419"), 1, "city_without_county"),
        ("广东省东莞市南城街道鸿福路1号", "441900", c("南城街道", "4419"), 1, "city_without_county"),
        ("广东省中山市石岐街道孙文中路1号", "442000", "442000001", 1, "city_without_county"),
        ("中山市火炬开发区1号", "442000", "", 0, "city_without_county"),
        ("海南省琼海市嘉积镇1号", c("琼海市", "46"), c("嘉积镇", "469002"), 1, "hainan_county_city"),
        ("江苏省常州市金坛市金城镇1号", c("金坛区", "32"), c("金城镇", "320413"), 1,
         "renamed_county"),
        ("江苏省南京市高淳县淳溪镇1号", c("高淳区", "32"), c("淳溪街道", "320118"), 1,
         "renamed_county"),
        ("江苏省南通市通州市金沙镇1号", c("通州区", "3206"), c("金沙街道", "3206"), 1,
         "renamed_county"),
        ("浙江省杭州市富阳市富春街道1号", c("富阳区", "33"), c("富春街道", "330111"), 1,
         "renamed_county"),
        ("江苏省南通市海门市1号", c("海门区", "32"), "", 0, "renamed_county"),
        ("北京市通州区1号", "110112", "", 0, "duplicate_district"),
        ("江苏省江阴市澄江街道1号", c("江阴市", "32"), c("澄江街道", "320281"), 1,
         "county_city_without_shi"),
        ("江苏江阴澄江街道人民路1号", c("江阴市", "32"), c("澄江街道", "320281"), 1,
         "county_city_without_shi"),
        ("江苏省宜兴丁蜀镇1号", c("宜兴市", "32"), c("丁蜀镇", "320282"), 1,
         "county_city_without_shi"),
        ("浙江义乌稠城街道1号", c("义乌市", "33"), c("稠城街道", "330782"), 1,
         "county_city_without_shi"),
        ("浙江省慈溪市1号", c("慈溪市", "33"), "", 0, "county_city"),
        ("福建省晋江市1号", c("晋江市", "35"), "", 0, "county_city"),
        ("湖北宜昌宜都市1号", c("宜都市", "42"), "", 0, "vendor_columns"),
        ("重庆重庆铜梁区1号", c("铜梁区", "50"), "", 0, "vendor_columns"),
        ("江苏无锡宜兴市1号", c("宜兴市", "32"), "", 0, "vendor_columns"),
        ("重庆市南岸区1号", c("南岸区", "50"), "", 0, "full"),
        ("四川省成都市武侯区1号", c("武侯区", "51"), "", 0, "full"),
        ("广东省深圳市南山区粤海街道科技园1号", c("南山区", "4403"), c("粤海街道", "440305"), 1, "full"),
        ("深圳市南山区1号", c("南山区", "4403"), "", 0, "full"),
        ("广东省广州市天河区1号", c("天河区", "4401"), "", 0, "full"),
        ("浙江省杭州市滨江区1号", c("滨江区", "3301"), "", 0, "full"),
        ("江苏省无锡市新吴区1号", c("新吴区", "3202"), "", 0, "high_tech_zone_elsewhere"),
        ("江苏省无锡市高新区1号", "", "", 0, "high_tech_zone_elsewhere"),
        ("江苏省南京市江宁区1号", c("江宁区", "3201"), "", 0, "full"),
        ("510000 广东省广州市天河区1号", c("天河区", "4401"), "", 0, "postcode_front"),
        ("安徽省合肥市蜀山区1号", c("蜀山区", "3401"), "", 0, "full"),
        ("河南省郑州市金水区1号", c("金水区", "4101"), "", 0, "full"),
        ("湖北省武汉市洪山区1号", c("洪山区", "4201"), "", 0, "full"),
        ("陕西省西安市雁塔区1号", c("雁塔区", "6101"), "", 0, "full"),
        ("陕西省西安市新城区1号", c("新城区", "6101"), "", 0, "duplicate_district"),
        ("内蒙古自治区呼和浩特市新城区1号", c("新城区", "1501"), "", 0, "duplicate_district"),
        ("云南省红河哈尼族彝族自治州蒙自市1号", c("蒙自市", "53"), "", 0, "prefecture"),
        ("青海省海南藏族自治州共和县1号", c("共和县", "63"), "", 0, "prefecture"),
        ("上海市嘉定区安亭镇1号", c("嘉定区", "31"), c("安亭镇", "310114"), 1, "full"),
        ("上海市青浦区1号", c("青浦区", "31"), "", 0, "neighbour"),
        ("浙江省嘉兴市嘉善县1号", c("嘉善县", "33"), "", 0, "neighbour"),
        ("江苏省无锡市锡山区1号", c("锡山区", "32"), "", 0, "neighbour"),
        ("Shanghai", "", "", 0, "english"),
    ]
    return rows


def main() -> None:
    rng = random.Random(20231)
    rows = home_rows(rng) + home_blind_rows(rng) + special_home_rows() + outside_rows()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["address", "county_code", "street_code", "street_named", "case"])
        writer.writerows(rows)
    print(f"{len(rows)} rows → {OUT}")


if __name__ == "__main__":
    main()
