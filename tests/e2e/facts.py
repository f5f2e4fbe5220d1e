"""What the statistics pages must show for the e2e demo database: the numbers of the core
functions each page calls, for the home region with the default filters.

    python -m tests.e2e.facts sqlite:///…/e2e.db   # prints them as JSON (the `facts` fixture)

A separate process, so that binding the e2e database leaves the test session's alone."""
from __future__ import annotations

import datetime as dt
import json
import sys

from core import db
from core.config import labels, settings
from core.regions import divisions
from core.regions.query import Scope
from core.rules.counting import default_rule
from core.stats import (
    agencies,
    holders,
    indicators,
    industry,
    operations,
    overview,
    regions,
    search,
    trend,
)


def facts() -> dict:
    home = settings.get("PATENT_HOME_REGION")
    scope = Scope(region=home)
    today = dt.date.today()
    cards = overview.cards(scope, today)
    report = indicators.compute(home, today.year, default_rule(), today)
    holder_query = Scope(home)
    agency_query = Scope(home)
    by_valid = regions.table(scope, "child").head(30)
    apps = trend.applications(scope, "year")
    return {
        "home": home,
        "home_name": divisions.names()[home],
        "published": cards.published,
        "valid": cards.valid,
        "search_all": search.count(search.SearchFilters(region=home))[0],
        "valid_inventions_card": [report.get("valid_inventions").name,
                                  int(report.get("valid_inventions").value),
                                  report.get("valid_inventions").unit],
        "holders": holders.holder_totals(holder_query, holders.kind_split(holder_query))["holders"],
        "agencies": agencies.summary(agency_query, agencies.ranking(agency_query, limit=None))[
            "agencies"],
        "transfers_in": int(operations.per_year(Scope(home))["transfer_in"].sum()),
        "regions_by_valid": [[n, int(v)] for n, v in zip(by_valid["name"], by_valid["valid"])],
        "applications_by_type": {labels.PATENT_TYPE[t]: [int(v) for v in apps[t]]
                                 for t in labels.PATENT_TYPE},
        "application_years": [str(p) for p in apps["period"]],
        "industries": industry.summary(scope, tuple(labels.INDUSTRY_KIND))["name"].tolist(),
    }


if __name__ == "__main__":
    db.connect(sys.argv[1])
    print(json.dumps(facts(), ensure_ascii=False))
