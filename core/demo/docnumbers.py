"""Application, publication and grant numbers of the demo patents (domain-facts §4).

Application numbers: core.numbers.make(year, type digit, serial) with serials rising through the
year in national-volume steps. Document numbers: CN + 9 digits + kind since 2007-07-01, CN + 7
digits before; the digits follow the real series by date (interpolated between known numbers) so a
number looks like its year. Invention grants reuse the publication number with kind B (C before
2007-07; old 7-digit publications granted later get a CN100… number)."""
from __future__ import annotations

import datetime as dt
import random
from bisect import bisect

from core.rules import numbers

SWITCH = dt.date(2007, 7, 1)
# (date, number) anchors per series; real numbers: CN102822194A 2012-12, CN106844774A 2017-06,
# CN108572939A 2018-09, CN112576945A 2021-03, CN117834529A 2024-04.
SERIES = {
    "A": ((dt.date(2007, 7, 1), 101_000_000), (dt.date(2012, 12, 1), 102_822_194),
          (dt.date(2017, 6, 1), 106_844_774), (dt.date(2018, 9, 1), 108_572_939),
          (dt.date(2021, 3, 1), 112_576_945), (dt.date(2024, 4, 1), 117_834_529),
          (dt.date(2027, 1, 1), 122_300_000)),
    "A7": ((dt.date(2004, 1, 1), 1_500_000), (dt.date(2007, 7, 1), 1_999_000)),
    "C_old": ((dt.date(2007, 7, 1), 100_420_000), (dt.date(2011, 1, 1), 100_590_000)),
    "U": ((dt.date(2007, 7, 1), 200_970_000), (dt.date(2012, 1, 1), 202_100_000),
          (dt.date(2016, 1, 1), 204_900_000), (dt.date(2018, 6, 1), 207_900_000),
          (dt.date(2021, 1, 1), 212_000_000), (dt.date(2023, 1, 1), 218_000_000),
          (dt.date(2027, 1, 1), 225_000_000)),
    "U7": ((dt.date(2005, 1, 1), 2_680_000), (dt.date(2007, 7, 1), 2_935_000)),
    "S": ((dt.date(2007, 7, 1), 300_650_000), (dt.date(2012, 1, 1), 301_800_000),
          (dt.date(2018, 6, 1), 304_700_000), (dt.date(2023, 1, 1), 307_900_000),
          (dt.date(2027, 1, 1), 310_400_000)),
    "S7": ((dt.date(2005, 1, 1), 3_400_000), (dt.date(2007, 7, 1), 3_652_000)),
}
# National filings per year and type digit (orders of magnitude) for serial steps.
NATIONAL = {1: (170_000, 1_600_000), 2: (140_000, 2_900_000), 3: (160_000, 800_000)}


def _interpolate(series: str, day: dt.date) -> tuple[int, float]:
    """(number on `day`, numbers issued per day) along the anchors of `series`."""
    anchors = SERIES[series]
    days = [a[0] for a in anchors]
    i = min(max(bisect(days, day), 1), len(anchors) - 1)
    (d0, n0), (d1, n1) = anchors[i - 1], anchors[i]
    slope = (n1 - n0) / (d1 - d0).days
    return int(n0 + slope * (day - d0).days), slope


class Numbers:
    def __init__(self, rng: random.Random, expected_per_year: dict[tuple[int, int], float]):
        self.rng = rng
        self.expected = expected_per_year
        self.serial: dict[tuple[int, int], int] = {}
        self.used: dict[str, set[int]] = {k: set() for k in SERIES}

    def application(self, year: int, type_digit: int) -> str:
        key = (year, type_digit)
        if key not in self.serial:
            self.serial[key] = self.rng.randint(1, 3000)
        low, high = NATIONAL[type_digit]
        national = low + (high - low) * min(max(year - 2005, 0), 15) / 15
        step = max(1, min(400, int(national / max(self.expected.get(key, 1.0), 1.0))))
        self.serial[key] += self.rng.randint(1, 2 * step - 1 if step > 1 else 1)
        return numbers.make(year, type_digit, min(self.serial[key], 9_999_999))

    def document(self, series: str, day: dt.date) -> int:
        base, slope = _interpolate(series, day)
        width = max(int(slope * 3), 5)
        used = self.used[series]
        number = base + self.rng.randrange(width)
        while number in used:
            number += 1
        used.add(number)
        return number

    def publication(self, patent_type: str, day: dt.date) -> str:
        """Publication number (inventions) or grant-announcement number (utility, design)."""
        letter = {"invention": "A", "utility": "U", "design": "S"}[patent_type]
        if day >= SWITCH:
            return f"CN{self.document(letter, day)}{letter}"
        old_kind = {"invention": "A", "utility": "Y", "design": "D"}[patent_type]
        return f"CN{self.document(letter + '7', day)}{old_kind}"

    def invention_grant(self, pub_no: str | None, day: dt.date) -> str:
        if pub_no and len(pub_no) == 12:  # CN + 9 digits + A
            return pub_no[:-1] + "B"
        if day >= SWITCH:
            return f"CN{self.document('C_old', day)}C"
        return pub_no[:-1] + "C" if pub_no else f"CN{self.document('A7', day)}C"
