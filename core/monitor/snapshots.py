"""Indicator snapshots: today's indicators of the home region and its sub-regions, kept per day
so completion can be followed through the year (re-running a day replaces that day's rows)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from core.db import db, version
from core.db.models import IndicatorSnapshot, Region
from core.regions import divisions
from core.stats import indicators

FIELDS = ("region_code", "year", "as_of", "indicator", "numerator", "denominator", "value",
          "target", "rule")


def regions_of(home: str) -> list[str]:
    """The home region, its direct sub-regions and every custom region."""
    custom = [c for (c,) in Region.select(Region.code).where(Region.is_custom == True).tuples()]  # noqa: E712
    return [home] + [c for c, _ in divisions.children(home)] + custom


def take(home: str, on: dt.date) -> int:
    """Store the indicators of `on`'s year as of `on`; returns the rows written."""
    rows = []
    for region in regions_of(home):
        report = indicators.compute(region, on.year, on=on)
        rows += [dict(region_code=region, year=on.year, as_of=on, indicator=i.key,
                      numerator=i.numerator, denominator=i.denominator, value=i.value,
                      target=i.target, rule=i.rule) for i in report.items]
    with db.atomic():
        IndicatorSnapshot.delete().where(IndicatorSnapshot.as_of == on).execute()
        IndicatorSnapshot.insert_many(rows).execute()
        version.bump()
    return len(rows)


def history(region: str, year: int, indicator: str) -> pd.DataFrame:
    """Columns as_of, value, target: one row per snapshot day."""
    query = (IndicatorSnapshot.select(IndicatorSnapshot.as_of, IndicatorSnapshot.value,
                                      IndicatorSnapshot.target)
             .where((IndicatorSnapshot.region_code == region) & (IndicatorSnapshot.year == year)
                    & (IndicatorSnapshot.indicator == indicator))
             .order_by(IndicatorSnapshot.as_of).dicts())
    return pd.DataFrame(list(query), columns=["as_of", "value", "target"])
