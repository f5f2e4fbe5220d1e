"""Addresses written the many ways real exports write them (domain-facts §8, tech-notes §9).

`write(rng, street, road, number, form)` renders one form and says whether the text names the
street (`placeable`): forms without any street evidence (road only, zone + road, district + road,
English) are the ones the resolver cannot place at street level, so they reach the queue.
"""
from __future__ import annotations

import random

from core.demo.region import OLD_COUNTY, POSTCODE, ZONE_FORMS, Street

ENGLISH_COUNTY = {"320505": "Suzhou New District", "320506": "Wuzhong District",
                  "320507": "Xiangcheng District", "320508": "Gusu District",
                  "320509": "Wujiang District", "320576": "Suzhou Industrial Park",
                  "320581": "Changshu", "320582": "Zhangjiagang", "320583": "Kunshan",
                  "320585": "Taicang"}
# (form, weight): the forms a holder's canonical address is drawn from.
MODERN_FORMS = (("full", 30), ("city", 20), ("county_first", 10), ("postcode", 8), ("zone", 14),
                ("no_city_suffix", 4), ("spaced", 4))
# Forms with no street evidence: a few percent of holders write their address like this.
BLIND_FORMS = (("no_street", 45), ("zone_road", 30), ("road_only", 10), ("english", 15))
BLIND_SHARE = 0.035
COUNTY_ZONES = ("320576", "320505")


def pick_form(rng: random.Random) -> str:
    forms, weights = zip(*(BLIND_FORMS if rng.random() < BLIND_SHARE else MODERN_FORMS))
    return rng.choices(forms, weights)[0]


def room(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return ""
    if roll < 0.7:
        return f"{rng.randint(1, 12)}幢{rng.randint(1, 20)}{rng.randint(1, 9):02d}室"
    if roll < 0.85:
        return f"{rng.choice('ABCD')}座{rng.randint(2, 25)}{rng.randint(1, 20):02d}室"
    return f"{rng.randint(1, 6)}楼"


def _street_text(rng: random.Random, street: Street, old: bool) -> str:
    text = rng.choice(street.written)
    if old and text.endswith("街道") and rng.random() < 0.4:
        text = text[:-2] + "镇"  # many 街道 were 镇 before 2012
    return text


def _county_text(street: Street, old: bool) -> str:
    if old and street.code in OLD_COUNTY:
        return OLD_COUNTY[street.code]
    if old and street.county == "320509":
        return "吴江市"
    return street.county_name


def write(rng: random.Random, street: Street, road: tuple[str, str], number: int, form: str,
          old: bool = False, suffix: str = "") -> tuple[str, bool]:
    """(address text, names its street). `old`: written as before the 2012 mergers; `suffix`:
    building and room after the house number."""
    county = _county_text(street, old)
    place = _street_text(rng, street, old)
    house = f"{road[0]}{number}号{suffix}"
    if form == "english":
        return (f"No. {number} {road[1]}, {ENGLISH_COUNTY[street.county]}, Suzhou, "
                f"Jiangsu {POSTCODE[street.county][0]}, P.R. China", False)
    if form == "road_only":
        return house, False
    if form == "no_street":
        return f"江苏省苏州市{county}{house}", False
    if form == "zone_road":
        zone = rng.choice(ZONE_FORMS.get(street.county, (county,)))
        return f"{zone}{house}", False
    return _with_street(rng, street, form, county, place, house), True


def _with_street(rng, street: Street, form: str, county: str, place: str, house: str) -> str:
    if form == "city":
        return f"苏州市{county}{place}{house}"
    if form == "county_first":
        return f"{county}{place}{house}"
    if form == "postcode":
        return f"{rng.choice(POSTCODE[street.county])} 江苏省苏州市{county}{place}{house}"
    if form == "zone" and street.county in COUNTY_ZONES:  # zones that are county-level units
        return f"{rng.choice(ZONE_FORMS[street.county])}{place}{house}"
    if form == "no_city_suffix" and county.endswith("市") and len(county) > 2:
        return f"江苏省{county[:-1]}{place}{house}"
    if form == "spaced":
        return f"江苏省 苏州市 {county} {place}{house}"
    return f"江苏省苏州市{county}{place}{house}"


def outside(rng: random.Random, prefix: str, road: tuple[str, str], number: int) -> str:
    """An address in another city (co-owners, transfers out), e.g. 上海市浦东新区星湖路88号."""
    return f"{prefix}{road[0]}{number}号{room(rng)}"
