"""Holders of the demo city: heavy-tailed pools per kind (a few firms with thousands of patents,
many with one), created lazily the first time a patent draws them so that every inserted holder
has patents and holder ids follow first filings. Each holder gets a home street, its own ways of
writing its address, an agency it usually files through, a pool of inventors, tags and the
fee-reduction flag."""
from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass

from core.demo import addresses, industries, names
from core.demo.region import Street

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
KINDS = ("enterprise", "individual", "university", "institute", "government", "outside")


@dataclass(eq=False)  # identity: holders are compared and hashed by object
class HolderSpec:
    name: str
    kind: str
    industry: industries.Industry
    founded: int
    street: Street | None  # None: outside the city
    county: str  # ground truth county code (outside ones too)
    variants: list[tuple[str, bool]]  # modern address forms (text, names its street)
    old_variant: tuple[str, bool] | None
    agency: int | None  # index into the agency list
    inventors: list[str]
    fee_reduction: bool
    tags: tuple[str, ...]
    credit_code: str | None
    id: int = 0

    @property
    def address(self) -> str:
        return self.variants[0][0]


class Pool:
    """One kind of holder with Zipf-like weights over `size` slots; a slot becomes a holder the
    first time it is drawn."""

    def __init__(self, kind: str, size: int, exponent: float, offset: float, expected: float):
        self.kind = kind
        weights = [1.0 / (i + offset) ** exponent for i in range(size)]
        self.cum = list(itertools.accumulate(weights))
        self.expected = [expected * w / self.cum[-1] for w in weights]
        self.made: dict[int, HolderSpec] = {}

    def draw(self, rng: random.Random) -> int:
        return min(bisect.bisect(self.cum, rng.random() * self.cum[-1]), len(self.cum) - 1)


class Holders:
    """All pools plus the outside firms; `get(pool, slot)` materialises a holder."""

    def __init__(self, seed: int, n: int, streets: list[Street], street_w: list[float],
                 agency_count: int, local_agencies: int):
        self.seed = seed
        self.streets, self.street_cum = streets, list(itertools.accumulate(street_w))
        self.agency_count, self.local_agencies = agency_count, local_agencies
        self.pools = {
            "enterprise": Pool("enterprise", max(400, int(n * 0.35)), 1.0, 6, n * 0.8),
            "individual": Pool("individual", max(200, int(n * 0.07)), 0.5, 1, n * 0.09),
            "university": Pool("university", len(names.UNIVERSITIES), 1.0, 1, n * 0.07),
            "institute": Pool("institute", len(names.INSTITUTES), 0.9, 1, n * 0.03),
            "government": Pool("government", 25, 0.8, 1, n * 0.005),
            "outside": Pool("outside", max(60, n // 150), 0.8, 2, n * 0.03),
        }
        self.used_names: set[str] = set()
        self.next_id = 1
        self.new: list[HolderSpec] = []  # created since the last flush

    def draw(self, rng: random.Random, kind: str, year: int) -> HolderSpec:
        """A holder of `kind` already founded in `year` (a few redraws, then anyone)."""
        pool = self.pools[kind]
        for _ in range(6):
            spec = self.get(kind, pool.draw(rng))
            if spec.founded <= year:
                return spec
        return spec

    def get(self, kind: str, slot: int) -> HolderSpec:
        pool = self.pools[kind]
        spec = pool.made.get(slot)
        if spec is None:
            rng = random.Random(self.seed * 7_919 + hash_kind(kind) * 1_000_003 + slot)
            spec = self._make(rng, kind, slot, pool.expected[slot])
            pool.made[slot] = spec
        return spec

    def take_new(self) -> list[HolderSpec]:
        made, self.new = self.new, []
        return made

    def assign_id(self, spec: HolderSpec) -> int:
        if not spec.id:
            spec.id = self.next_id
            self.next_id += 1
            self.new.append(spec)
        return spec.id

    def _street(self, rng: random.Random) -> Street:
        index = bisect.bisect(self.street_cum, rng.random() * self.street_cum[-1])
        return self.streets[min(index, len(self.streets) - 1)]

    def _make(self, rng: random.Random, kind: str, slot: int, expected: float) -> HolderSpec:
        industry = industries.pick(rng)
        if kind == "outside":
            return self._make_outside(rng, industry)
        street = self._street(rng)
        name = self._unique(rng, lambda: _name(rng, kind, slot, street, industry))
        variants, old = _address_variants(rng, street)
        big = expected > 50
        founded = rng.randint(1995, 2005) if big or kind in ("university", "institute") \
            else rng.randint(1998, 2024)
        agency = self._agency(rng, kind)
        team = max(1, min(60, int(2 + expected ** 0.6)))
        inventors = [names.person(rng) for _ in range(team)] if kind != "individual" else [name]
        return HolderSpec(name, kind, industry, founded, street, street.county, variants, old,
                          agency, inventors, _fee_reduction(rng, kind, expected),
                          _tags(rng, kind, expected), _credit_code(rng, kind, street.county))

    def _make_outside(self, rng: random.Random, industry) -> HolderSpec:
        prefix, county, postcode, city = rng.choice(names.OUTSIDE_CITIES)
        name = self._unique(rng, lambda: names.enterprise(rng, city, industry.word))
        text = addresses.outside(rng, prefix, names.road(rng), rng.randint(1, 999))
        variants = [(text, False), (f"{postcode} {text}", False)]
        agency = self.local_agencies + rng.randrange(self.agency_count - self.local_agencies)
        inventors = [names.person(rng) for _ in range(8)]
        return HolderSpec(name, "enterprise", industry, rng.randint(1995, 2015), None, county,
                          variants, None, agency, inventors, False, (),
                          _credit_code(rng, "enterprise", county))

    def _agency(self, rng: random.Random, kind: str) -> int | None:
        if kind == "individual" and rng.random() < 0.35:
            return None
        if rng.random() < 0.85:
            return min(int(rng.paretovariate(1.2)) - 1, self.local_agencies - 1)
        return rng.randrange(self.agency_count)

    def _unique(self, rng: random.Random, make) -> str:
        name = make()
        tries = 0
        while name in self.used_names:
            tries += 1
            name = make() if tries < 20 else f"{make()}{tries - 18}"  # e.g. a second 王伟
        self.used_names.add(name)
        return name


def hash_kind(kind: str) -> int:
    return KINDS.index(kind)


def _name(rng, kind: str, slot: int, street: Street, industry) -> str:
    if kind == "enterprise":
        return names.enterprise(rng, names.CITY_PREFIX[street.county], industry.word)
    if kind == "individual":
        return names.person(rng)
    if kind == "university":
        return names.UNIVERSITIES[slot]
    if kind == "institute":
        return names.INSTITUTES[slot]
    return rng.choice(names.GOVERNMENT).format(c=street.county_name)


def _address_variants(rng, street: Street) -> tuple[list, tuple[str, bool] | None]:
    """(modern forms, the pre-2012 form or None), each as (text, names its street)."""
    road = rng.choice(street.roads)
    number = rng.randint(1, 1200)
    suffix = addresses.room(rng)
    first = addresses.pick_form(rng)
    variants = [addresses.write(rng, street, road, number, first, suffix=suffix)]
    for _ in range(rng.choice((0, 1, 1, 2))):
        form = addresses.pick_form(rng)
        variants.append(addresses.write(rng, street, road, number, form, suffix=suffix))
    old = None
    if street.county in ("320508", "320509") or rng.random() < 0.2:
        old = addresses.write(rng, street, road, number, first if first != "zone" else "full",
                              old=True, suffix=suffix)
    return variants, old


def _fee_reduction(rng, kind: str, expected: float) -> bool:
    share = {"individual": 0.6, "university": 0.9, "institute": 0.5, "government": 0.2,
             "enterprise": 0.35 if expected < 20 else 0.08}[kind]
    return rng.random() < share


def _tags(rng, kind: str, expected: float) -> tuple[str, ...]:
    if kind != "enterprise":
        return ()
    size = 0.7 if expected > 100 else 0.4 if expected > 10 else 0.1
    tags = []
    if rng.random() < size:
        tags.append("hightech")
    if rng.random() < size * 0.9:
        tags.append("above_scale")
    return tuple(tags)


def _credit_code(rng, kind: str, county: str) -> str | None:
    if kind == "individual":
        return None
    lead = {"enterprise": "91", "university": "12", "institute": "12", "government": "11"}[kind]
    return lead + county + "".join(rng.choice(USCC_CHARS) for _ in range(10))
