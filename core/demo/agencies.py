"""Patent agencies of the demo: local Suzhou agencies (most of the work) and agencies from other
cities, each with its agents. The last local agency is the one with the planted abnormal volume."""
from __future__ import annotations

import random
from dataclasses import dataclass

from core.demo import names

LOCAL_COUNTIES = ("320508", "320576", "320505", "320506", "320583", "320581", "320582", "320509")
OTHER = (("上海", "31", "3101", "310104", "上海市徐汇区"), ("南京", "32", "3201", "320102", "江苏省南京市玄武区"),
         ("北京", "11", "1101", "110108", "北京市海淀区"), ("杭州", "33", "3301", "330106", "浙江省杭州市西湖区"),
         ("无锡", "32", "3202", "320214", "江苏省无锡市新吴区"), ("深圳", "44", "4403", "440304", "广东省深圳市福田区"))


@dataclass(frozen=True)
class AgencySpec:
    name: str
    code: str
    address: str
    province: str
    city: str
    county: str
    agents: tuple[str, ...]


def build(rng: random.Random, n: int) -> tuple[list[AgencySpec], int]:
    """(agencies, number of local ones first in the list)."""
    local = 25 + n // 4000
    other = 12 + n // 10000
    used: set[str] = set()
    specs = []
    for i in range(local + other):
        if i < local:
            county = rng.choice(LOCAL_COUNTIES)
            city_name, prov, city, addr = "苏州", "32", "3205", "江苏省苏州市"
        else:
            city_name, prov, city, county, addr = rng.choice(OTHER)
        name = names.agency(rng, city_name)
        while name in used:
            name = names.agency(rng, city_name)
        used.add(name)
        road = names.road(rng)
        agents = tuple(names.person(rng) for _ in range(rng.randint(3, 25 if i < 8 else 10)))
        code = f"{prov}{rng.randint(100, 999)}"
        specs.append(AgencySpec(name, code, f"{addr}{road[0]}{rng.randint(1, 800)}号", prov, city,
                                county, agents))
    return specs, local
