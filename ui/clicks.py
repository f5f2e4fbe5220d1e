"""Chart click → filter, one pure function per kind of clickable chart.

Each takes the value streamlit-echarts returns for a click (`chart_event`: the clicked element's
name, ui.echarts.CLICK_NAME — a category, a pie slice or a heat-map cell's region; or a Pick of
the series and the name, ui.echarts.CLICK_SERIES, where the series count different things) and
the data the chart was drawn from, and returns the filter the click applies:

- Drill(region): re-scope the page to that region (the breadcrumb leads back);
- Search(params): open the patent search with these query parameters on top of the page's scope;
- None: the click selects nothing (no element, or a name no longer in the data).

ui.filters.follow(click, scope) applies the result.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from core.config import labels
from core.db.models import PATENT_TYPES
from ui.charts.holders import holder_name as _without_new_mark


@dataclass(frozen=True)
class Drill:
    region: str


@dataclass(frozen=True)
class Search:
    """params: search filters on top of the page's scope; dated: whether the scope's date range
    applies (False for stocks as of now, which ignore it)."""
    params: dict[str, str]
    dated: bool = True


@dataclass(frozen=True)
class Pick:
    """A click on a chart whose series count different things: the clicked series' name and
    the element's (a category)."""
    series: str | None
    name: str | None

    @classmethod
    def of(cls, value) -> Pick | None:
        """The Pick of a CLICK_SERIES value ([series, name]); None for anything else."""
        if isinstance(value, (list, tuple)) and len(value) == 2:
            return cls(*(None if v is None else str(v) for v in value))
        return None


Click = Drill | Search | None
DEEPEST_DRILL = 9  # street codes: below them there is nothing to drill into


# A click's number counts filings or stocks, not only the patents already public: its search
# includes the filings not yet published (core.stats.search.SearchFilters.unpublished).
EVERY_FILING = {"unpublished": "1"}
# What each series of a period chart adds to the period's search (None: the search cannot list
# what the series counts): 首页's filings and grants per year, 趋势统计's stacked types (and
# the year-on-year line: the period's total) and its invention pipeline.
YEARLY = {labels.APPLICATIONS: {}, labels.GRANTS: {"basis": "grant"}}
BY_TYPE = {**{labels.PATENT_TYPE[t]: {"types": t} for t in PATENT_TYPES}, labels.YOY: {}}
PIPELINE = {labels.PIPELINE_STAGES["filed"]: {"types": "invention"},
            labels.PIPELINE_STAGES["published"]: {"types": "invention", "dated": "pub"},
            labels.PIPELINE_STAGES["examined"]: None,  # status reasons are no search filter
            labels.PIPELINE_STAGES["granted"]: {"types": "invention", "dated": "grant"}}
# What each series of a ranking adds to its row's search: 代理机构统计's filings and the valid
# ones among them, 权利人统计's valid patents stacked by type.
AGENCY_SERIES = {labels.AGENCY_COLUMNS["filings"]: {}, labels.AGENCY_COLUMNS["valid"]: {"status": "valid"}}
HOLDER_TYPES = {labels.PATENT_TYPE[t]: {"types": t} for t in PATENT_TYPES}
# The filters (besides region and types) that list what a sub-region's measure counts:
# (params, dated). Stocks are as of now (undated); flows on their own date.
MEASURES = {
    "valid": ({"status": "valid"}, False),
    "valid_inventions": ({"status": "valid", "types": "invention"}, False),
    "applications": ({"basis": "app", "dated": "app"}, True),
    "grants": ({"basis": "grant", "dated": "grant"}, True),
    "inv_granted": ({"basis": "grant", "dated": "grant", "types": "invention"}, True),
}


def _search(dated: bool = True, /, **params) -> Search:
    params = {**EVERY_FILING, **params}
    return Search({k: str(v) for k, v in params.items() if v not in (None, "")}, dated)


def _code(name: str | None, frame: pd.DataFrame, name_col: str = "name",
          code_col: str = "code"):
    """The code of the row named `name` (the first one), or None."""
    if not name:
        return None
    match = frame.loc[frame[name_col] == name, code_col]
    return match.iloc[0] if len(match) else None


def subregion(name: str | None, frame: pd.DataFrame, drill: bool = True,
              measure: str = "valid") -> Click:
    """A sub-region's bar or slice (frame: code, name) showing `measure` (MEASURES): drill into
    a division above street level, else search the patents the number counts (streets, custom
    regions, or drill=False); a measure the search cannot list (transfers) only drills."""
    code = _code(name, frame)
    if code is None:
        return None
    code = str(code)
    if drill and code.isdigit() and len(code) < DEEPEST_DRILL:
        return Drill(code)
    if measure not in MEASURES:
        return None
    params, dated = MEASURES[measure]
    return _search(dated, region=code, **params)


def region(name: str | None, frame: pd.DataFrame, current: str | None = None,
           name_col: str = "name", code_col: str = "code") -> Click:
    """Re-scope to the named region of `frame`, unless it is the current one."""
    code = _code(name, frame, name_col, code_col)
    return Drill(str(code)) if code is not None and str(code) != current else None


def period(name: str | None, unit: str = "year", basis: str = "app",
           within: tuple[dt.date | None, dt.date | None] = (None, None), **extra) -> Click:
    """A period's bar ("2024" or "2024-03"): search the patents dated in it on `basis`, cut to
    the page's own date range `within` (a bar of a year the range cuts short counts only the
    days inside it)."""
    text = str(name or "")
    try:
        if unit == "year":
            start = dt.date(int(text), 1, 1)
            end = dt.date(start.year, 12, 31)
        else:
            start = dt.date(int(text[:4]), int(text[5:7]), 1)
            end = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1) \
                - dt.timedelta(days=1)
    except ValueError:
        return None
    low, high = within
    start, end = max(start, low or start), min(end, high or end)
    if start > end:
        return None
    return _search(**{"from": start.isoformat(), "to": end.isoformat(), "basis": basis}, **extra)


def period_series(pick: Pick | None, series: dict[str, dict | None], unit: str = "year",
                  basis: str = "app",
                  within: tuple[dt.date | None, dt.date | None] = (None, None)) -> Click:
    """A period's element in one series of a period chart (series: series name → what that
    series adds to `period`'s search — a basis, types, a known date — or None when the
    search cannot list what it counts): search what the clicked element counts."""
    if pick is None or series.get(pick.series) is None:
        return None
    extra = {"basis": basis, **series[pick.series]}
    return period(pick.name, unit, extra.pop("basis"), within, **extra)


def patent_type(name: str | None, type_labels: dict[str, str]) -> Click:
    """A slice of the patent-type pie (label → type code): search its valid patents (now)."""
    types = {label: code for code, label in type_labels.items()}
    return _search(False, types=types[name], status="valid") if name in types else None


def named_holder(name: str | None, top: pd.DataFrame, inventions_only: bool = False) -> Click:
    """A holder's bar in a top list (top: holder_id, name): search the valid patents (now) it
    holds first — the statistics' rule."""
    holder_id = _code(name, top, code_col="holder_id")
    if holder_id is None:
        return None
    return _search(False, first_holder_id=int(holder_id), status="valid",
                   types="invention" if inventions_only else None)


def top_holder(name: str | None, top: pd.DataFrame, region_code: str, measure: str) -> Click:
    """A first holder of a sub-region's top applicants (measure applications, by filing date) or
    grantees (grants, by grant date) in the page's period (top: holder_id, name)."""
    holder_id = _code(name, top, code_col="holder_id")
    if holder_id is None:
        return None
    basis = "app" if measure == "applications" else "grant"
    return _search(region=region_code, first_holder_id=int(holder_id), basis=basis, dated=basis)


def holder(pick: Pick | None, rows: pd.DataFrame, industry: str | None = None) -> Click:
    """A type's part of a bar of 权利人统计's top holders (rows: holder_id, name): the valid
    patents (now) of that type it holds first — the page's rule —, in the page's industry if
    any."""
    holder_id = _code(_without_new_mark(pick.name), rows, code_col="holder_id") if pick else None
    extra = HOLDER_TYPES.get(pick.series) if pick else None
    if holder_id is None or extra is None:
        return None
    return _search(False, first_holder_id=int(holder_id), status="valid", industry=industry,
                   **extra)


def agency(pick: Pick | None, ranking: pd.DataFrame) -> Click:
    """A bar of 代理机构统计's ranking (agency_id, name): that agency's filings, or the valid
    ones among them (the page's dates are filing dates)."""
    agency_id = _code(pick.name, ranking, code_col="agency_id") if pick else None
    extra = AGENCY_SERIES.get(pick.series) if pick else None
    if agency_id is None or extra is None:
        return None
    return _search(agency_id=int(agency_id), basis="app", **extra)


def quality_subject(subject: str, subject_id: int) -> Search:
    """A row of 申请质量监测 (subject 'holder': a first holder, 'agency': an agency): its
    filings in the page's period, by filing date whatever the page's date basis."""
    key = "first_holder_id" if subject == "holder" else "agency_id"
    return _search(**{key: int(subject_id)}, basis="app")


def industry(pick: Pick | None, frame: pd.DataFrame, series: dict[str, str]) -> Click:
    """A bar of an industry (frame: code, name) in one of the summary's series (series: series
    name → its MEASURES key): search what that bar counts — the industry's filings in the
    page's period (applications), or its valid patents, or valid inventions, now."""
    code = _code(pick.name, frame) if pick else None
    measure = series.get(pick.series) if pick else None
    if code is None or measure not in MEASURES:
        return None
    params, dated = MEASURES[measure]
    return _search(dated, industry=code, **params)
