"""The demo geography: 苏州市 (3205) with its real county-level units and streets/towns from the
divisions data, how much each one files, its postcode, the names addresses use for it (old district
names, zones), invented roads per street, and one custom region spanning two districts."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from core.db.models import Region, RegionMember
from core.demo import names
from core.regions import divisions

CITY = "3205"
# Share of the city's patents filed from each county-level unit (orders of magnitude).
COUNTY_WEIGHT = {"320583": 17, "320576": 15, "320509": 12, "320506": 11, "320505": 10,
                 "320581": 10, "320582": 10, "320507": 7, "320585": 5, "320508": 3}
POSTCODE = {"320505": ("215011", "215163", "215151"), "320506": ("215100", "215104", "215128"),
            "320507": ("215131", "215143"), "320508": ("215000", "215008", "215031"),
            "320509": ("215200", "215228"), "320576": ("215021", "215123", "215126"),
            "320581": ("215500", "215513"), "320582": ("215600", "215634"),
            "320583": ("215300", "215332"), "320585": ("215400", "215431")}
# Zone names real addresses use instead of the district name.
ZONE_FORMS = {"320576": ("苏州工业园区", "工业园区", "苏州市工业园区",
                         "中国（江苏）自由贸易试验区苏州片区苏州工业园区"),
              "320505": ("苏州高新区", "高新区", "苏州市高新区", "苏州市新区", "苏州高新技术产业开发区"),
              "320583": ("昆山开发区", "昆山经济技术开发区"),
              "320509": ("吴江经济技术开发区", "吴江开发区"),
              "320582": ("张家港经济技术开发区", "张家港保税区"),
              "320581": ("常熟经济技术开发区", "常熟高新技术产业开发区"),
              "320585": ("太仓港经济技术开发区",)}
# Names used before the 2012 merger: 姑苏区 streets under their old district, 吴江区 as 吴江市.
OLD_COUNTY = {"320508017": "金阊区", "320508018": "平江区", "320508019": "金阊区",
              "320508020": "沧浪区", "320508021": "沧浪区", "320508022": "金阊区",
              "320508023": "平江区", "320508024": "沧浪区"}
CUSTOM_CODE = "C001"
CUSTOM_NAME = "苏州南部科创走廊（演示）"
CUSTOM_MEMBERS = ("320506001", "320506003", "320506004", "320576051")  # 吴中区 3 streets + 园区 斜塘


@dataclass
class Street:
    code: str
    name: str  # official name
    county: str
    county_name: str
    written: tuple[str, ...]  # forms addresses use for the street itself
    roads: list[tuple[str, str]] = field(default_factory=list)


def _written_forms(name: str) -> tuple[str, ...]:
    """'科技城（东渚街道）' → ('科技城', '东渚街道'); '浒墅关经开区（镇）' → ('浒墅关镇', '浒墅关经开区')."""
    match = re.fullmatch(r"(.+?)（(.+)）", name)
    if not match:
        return (name,)
    outer, inner = match.groups()
    if inner in ("镇", "街道"):
        return (re.sub(r"经开区$|开发区$", "", outer) + inner, outer)
    return (inner, outer)


def county_name(code: str) -> str:
    return divisions.names()[code]


def build_streets(rng: random.Random) -> list[Street]:
    """Every township-level unit of the city with 3-8 invented roads each (unique in the city)."""
    used: set[str] = set()
    streets = []
    for county, cname in divisions.children(CITY):
        for code, sname in divisions.children(county):
            street = Street(code, sname, county, cname, _written_forms(sname))
            while len(street.roads) < rng.randint(3, 8):
                road = names.road(rng)
                if road[0] not in used:
                    used.add(road[0])
                    street.roads.append(road)
            streets.append(street)
    return streets


def street_weights(streets: list[Street], rng: random.Random) -> list[float]:
    """Filing weight of each street: its county's share split unevenly; special units smaller."""
    by_county: dict[str, list[Street]] = {}
    for s in streets:
        by_county.setdefault(s.county, []).append(s)
    weights = []
    for s in streets:
        own = rng.lognormvariate(0, 0.7) * (0.35 if s.code[6] == "4" else 1.0)
        weights.append(own)
    totals: dict[str, float] = {}
    for s, w in zip(streets, weights):
        totals[s.county] = totals.get(s.county, 0) + w
    return [COUNTY_WEIGHT[s.county] * w / totals[s.county] for s, w in zip(streets, weights)]


def ensure_custom_region() -> str:
    """Create the demo custom region (a park over streets of 吴中区 and 苏州工业园区) once."""
    region = Region.get_or_none(Region.code == CUSTOM_CODE)
    if region is None:
        region = Region.create(code=CUSTOM_CODE, name=CUSTOM_NAME, level="custom",
                               parent_code=CITY, is_custom=True, note="演示数据")
        for member in CUSTOM_MEMBERS:
            RegionMember.create(region=region, member_code=member)
    return region.code
