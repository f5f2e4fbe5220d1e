"""申请质量监测: the filing quality of each holder (first holder) and each agency of the region —
rates, the share kept in force, rankings and warnings.

Over the patents of the region (first holder's address) filed in the period (filing date;
no period: every filing), of the Scope's patent types, per subject (one grouped scan, on SQLite
through the statistics covering index, core.stats.base.scan):
- invention_share = inventions ÷ filings;
- per closed invention case (结案, domain-facts §3.3 definition (a)): grant_rate = granted ÷
  (granted + rejected + withdrawn), rejection_rate and withdrawal_rate likewise (status reason
  rejected / withdrawn);
- kept_N (N = 3, 5, 10): of the granted patents filed at least N years before `on`, the share
  still in force N years after filing (valid now, or lapsed on or after that anniversary).
A rate is missing (NaN) when its denominator is 0.

Rankings hold the subjects with at least `min_filings` filings; warnings (parameter
`filing_quality`, defaults documented in core.config.defaults) flag a low grant rate, a high
rejection or withdrawal rate (at least `min_closed` closed cases), a low invention share, a low
share kept past year 3 (at least `min_closed` eligible grants). Signals, never verdicts.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import peewee as pw
from peewee import fn

from core.config import rules as ruleparams
from core.cubes import quality as cube
from core.cubes.quality import SUBJECT_KEYS, granted, kept_past, total_measures
from core.db.models import (
    PATENT_TYPES,
    Agency,
    Holder,
    Patent,
    QualityCube,
    QualityYearCube,
    SubjectTotalCube,
    SubjectYearCube,
)
from core.db.sql import chunks, count_if, id_values, raw_rows
from core.regions.query import Scope
from core.regions.scope import canonical, province_or_city
from core.stats.base import cube_where, patents, use_cube, where, year_range

SUBJECTS = ("holder", "agency")
YEARS = cube.YEARS
REASONS = ("low_grant", "high_rejection", "high_withdrawal", "low_invention", "low_kept")
SORTS = ("filings", "grant_rate", "rejection_rate", "withdrawal_rate", "invention_share",
         "kept_3", "kept_5", "kept_10")
COUNT_COLUMNS = ["filings", "inventions", "closed", "granted", "rejected", "withdrawn",
                 *[f"eligible_{n}" for n in YEARS], *[f"kept_n_{n}" for n in YEARS]]
COLUMNS = ["subject_id", "name", "kind", "filings", "inventions", "invention_share", "closed",
           "grant_rate", "rejection_rate", "withdrawal_rate", *[f"kept_{n}" for n in YEARS],
           "warning", "reasons"]


def rule(region: str = "") -> dict:
    """The thresholds in force (parameter `filing_quality`)."""
    return ruleparams.value("filing_quality", region or "")


def _area(q: Scope) -> Scope:
    """The scope's region and types (its dates are filing dates here, whatever the basis)."""
    return Scope(q.region, patent_types=q.patent_types)


def _conditions(q: Scope, key: pw.Field) -> list:
    out = [key.is_null(False), where(_area(q), dates=False)]
    if q.date_from:
        out.append(Patent.app_date >= q.date_from)
    if q.date_to:
        out.append(Patent.app_date <= q.date_to)
    return out


def _counts(q: Scope, subject: str, on: dt.date, min_filings: int) -> pd.DataFrame:
    """One row per subject with at least `min_filings` filings: COUNT_COLUMNS — from the
    summary tables when they serve the scope (a province or a city of every type, undated:
    core.cubes.subject; no date range or whole years, a division region: core.cubes.quality),
    else from the patents."""
    if use_cube(q, years=True) and _by_region(q):
        return _region_counts(q, subject, on, min_filings)
    if use_cube(q, years=True):
        return _cube_counts(q, subject, on, min_filings)
    return _live_counts(q, SUBJECT_KEYS[subject], on, min_filings)


def _live_counts(q: Scope, key: pw.Field, on: dt.date, min_filings: int) -> pd.DataFrame:
    kept = []
    for n in YEARS:
        eligible = granted() & (Patent.app_date <= _years_before(on, n))
        kept += [count_if(eligible).alias(f"eligible_{n}"),
                 count_if(eligible & kept_past(n)).alias(f"kept_n_{n}")]
    measures = [m.alias(c) for m, c in zip(total_measures(), TOTAL_NAMES)]
    query = (patents(_area(q), key.alias("subject_id"), measures[0],
                     count_if(Patent.patent_type == "invention").alias("inventions"),
                     *measures[1:], *kept)
             .where(*_conditions(q, key)).group_by(key)
             .having(fn.COUNT(Patent.id) >= max(1, min_filings)))
    frame = pd.DataFrame(list(query.dicts()), columns=["subject_id", *COUNT_COLUMNS])
    return frame.fillna(0).astype(int)


TOTAL_NAMES = ("filings", "closed", "granted", "rejected", "withdrawn")  # cube TOTALS, renamed


def _cube_counts(q: Scope, subject: str, on: dt.date, min_filings: int) -> pd.DataFrame:
    """The subjects' totals from quality_cube (no date range) or quality_year_cube (whole
    years), their kept shares from quality_year_cube plus the boundary years read live."""
    c = QualityYearCube if q.has_dates else QualityCube
    sums = [fn.SUM(getattr(c, m)).alias(name) for m, name in zip(cube.TOTALS, TOTAL_NAMES)]
    query = (c.select(c.subject_id, sums[0],
                      count_if(c.patent_type == "invention", c.n).alias("inventions"), *sums[1:])
             .where(*_cube_conditions(q, c, subject)).group_by(c.subject_id)
             .having(fn.SUM(c.n) >= max(1, min_filings)))
    return _with_kept(q, subject, on, raw_rows(query))


def _with_kept(q: Scope, subject: str, on: dt.date, totals: list[tuple]) -> pd.DataFrame:
    """The subjects' totals (subject id, filings, inventions, the other TOTAL_NAMES) with
    their kept shares (_cube_kept): COUNT_COLUMNS."""
    frame = pd.DataFrame(totals, columns=["subject_id", "filings", "inventions",
                                          *TOTAL_NAMES[1:]])
    kept = _cube_kept(q, subject, on, [int(i) for i in frame["subject_id"]])
    frame = frame.merge(kept, on="subject_id", how="left")
    return frame[["subject_id", *COUNT_COLUMNS]].fillna(0).astype(int)


def _by_region(q: Scope) -> bool:
    """Whether subject_total_cube and subject_year_cube answer the scope: a province's or a
    city's patents of every type, undated."""
    every_type = not q.patent_types or set(q.patent_types) >= set(PATENT_TYPES)
    return every_type and not q.has_dates and province_or_city(canonical(q.region or ""))


def _region_counts(q: Scope, subject: str, on: dt.date, min_filings: int) -> pd.DataFrame:
    """The subjects over the floor, an index range of subject_total_cube, with their totals;
    their kept shares from subject_year_cube (_cube_kept)."""
    t = SubjectTotalCube
    query = (t.select(t.subject_id, t.n, t.n_invention, t.n_closed, t.n_granted, t.n_rejected,
                      t.n_withdrawn)
             .where(t.subject == subject, t.region_code == canonical(q.region),
                    t.n >= max(1, min_filings)))
    return _with_kept(q, subject, on, raw_rows(query))


def _year_model(q: Scope):
    """The table of the kept counts per filing year: subject_year_cube when it answers the
    scope (_by_region), else quality_year_cube."""
    return SubjectYearCube if _by_region(q) else QualityYearCube


def _cube_conditions(q: Scope, model, subject: str) -> list:
    if model is SubjectYearCube:
        return [model.subject == subject, model.region_code == canonical(q.region)]
    conds = [model.subject == subject, cube_where(q, model)]
    if q.has_dates:
        conds.append(year_range(model.app_year, q))
    return [c for c in conds if c is not True]


KEPT_COLUMNS = [f"{p}_{n}" for n in YEARS for p in ("eligible", "kept_n")]


def _cube_kept(q: Scope, subject: str, on: dt.date, ids: list[int]) -> pd.DataFrame:
    """Columns subject_id, eligible_N, kept_n_N of the subjects `ids`: whole filing years from
    quality_year_cube (or subject_year_cube, _year_model), the boundary year (that of the day
    N years before `on`) corrected live — its grants filed up to that day added, or, when the
    day lies in the second half of the year, the whole year from the cube and its grants
    filed after the day subtracted (the shorter stretch of filing dates is read)."""
    y, bounds = _year_model(q), {n: _years_before(on, n) for n in YEARS}
    columns = []
    for n in YEARS:
        upto = y.app_year <= _last_whole_year(bounds[n])
        columns += [count_if(upto, y.n_grant_any), count_if(upto, getattr(y, f"n_kept_{n}"))]
    rows = []
    for part in chunks(ids):
        rows += raw_rows(y.select(y.subject_id, *columns)
                         .where(y.subject_id.in_(id_values(part)),
                                y.app_year <= max(_last_whole_year(b) for b in bounds.values()),
                                *_cube_conditions(q, y, subject))
                         .group_by(y.subject_id))
    frame = pd.DataFrame(rows, columns=["subject_id", *KEPT_COLUMNS]).set_index("subject_id")
    frame = frame.reindex(ids).fillna(0)
    for n in YEARS:
        part = _boundary(q, SUBJECT_KEYS[subject], n, bounds[n], ids)
        part = part.reindex(frame.index).fillna(0)
        frame[f"eligible_{n}"] += part["eligible"]
        frame[f"kept_n_{n}"] += part["kept"]
    return frame.rename_axis("subject_id").reset_index()


def _last_whole_year(day: dt.date) -> int:
    """The last filing year the cube counts whole towards grants filed on or before `day`:
    `day`'s year when it lies in the year's second half (the rest is subtracted live)."""
    return day.year if day.month > 6 else day.year - 1


def _boundary(q: Scope, key: pw.Field, years: int, day: dt.date,
              ids: list[int]) -> pd.DataFrame:
    """Per subject of `ids`, the correction of `day`'s filing year: the grants filed from 1
    January to `day` (eligible) and those of them kept past `years` years; negated, those filed
    after `day` to 31 December when the cube counted the whole year (_last_whole_year). None
    when that year lies outside the scope's years. Only the ranked subjects' rows are grouped
    and read back (a province's half year of grants has tens of thousands of holders)."""
    first, last = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if (q.date_from and q.date_from > last) or (q.date_to and q.date_to < first):
        return pd.DataFrame(columns=["eligible", "kept"])
    after = _last_whole_year(day) == day.year
    dates = (Patent.app_date > day) & (Patent.app_date <= last) if after else \
        (Patent.app_date >= first) & (Patent.app_date <= day)
    query = (Patent.select(key, fn.COUNT(Patent.id), count_if(kept_past(years)))
             .where(dates, granted(), key.in_(id_values(ids)), where(_area(q), dates=False))
             .group_by(key))
    frame = pd.DataFrame(raw_rows(query), columns=["subject_id", "eligible", "kept"])
    frame = frame.set_index("subject_id")
    return -frame if after else frame


def _years_before(on: dt.date, years: int) -> dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def _ratio(numerator: pd.Series, denominator: pd.Series) -> list:
    return [None if d == 0 else round(n / d, 4) for n, d in zip(numerator, denominator)]


def ranking(q: Scope, subject: str, on: dt.date, sort: str = "filings",
            limits: dict | None = None) -> pd.DataFrame:
    """The subjects ('holder' or 'agency') with at least min_filings filings, by `sort`
    (largest first; missing rates last). Columns COLUMNS: kind is the holder's kind (agencies: None);
    reasons: the warnings, comma-separated (REASONS). Sample: (12, "苏州某某科技有限公司",
    "enterprise", 40, 10, 0.25, 8, 0.5, 0.25, 0.25, 0.9, 0.8, None, True, "low_grant")."""
    limits = limits or rule(q.region)
    frame = _counts(q, subject, on, int(limits["min_filings"]))
    frame["invention_share"] = _ratio(frame["inventions"], frame["filings"])
    for name, part in (("grant_rate", "granted"), ("rejection_rate", "rejected"),
                       ("withdrawal_rate", "withdrawn")):
        frame[name] = _ratio(frame[part], frame["closed"])
    for n in YEARS:
        frame[f"kept_{n}"] = _ratio(frame[f"kept_n_{n}"], frame[f"eligible_{n}"])
    frame["reasons"] = [",".join(warnings(row, limits)) for row in frame.to_dict("records")]
    frame["warning"] = frame["reasons"] != ""
    frame = _named(frame, subject)
    order = sort if sort in SORTS else "filings"
    frame = frame.sort_values([order, "filings", "subject_id"], ascending=[False, False, True],
                              na_position="last")
    return frame[COLUMNS].reset_index(drop=True)


def warnings(row: dict, limits: dict) -> list[str]:
    """The REASONS a subject's row (counts and rates) raises under `limits`."""
    out = []
    enough = max(1, limits["min_closed"])
    closed = row["closed"] >= enough
    if closed and row["grant_rate"] < limits["grant_rate_below"]:
        out.append("low_grant")
    if closed and row["rejection_rate"] > limits["rejection_rate_above"]:
        out.append("high_rejection")
    if closed and row["withdrawal_rate"] > limits["withdrawal_rate_above"]:
        out.append("high_withdrawal")
    if row["filings"] >= limits["min_filings"] and \
            row["invention_share"] < limits["invention_share_below"]:
        out.append("low_invention")
    if row["eligible_3"] >= enough and row["kept_3"] < limits["kept_3_below"]:
        out.append("low_kept")
    return out


def _named(frame: pd.DataFrame, subject: str) -> pd.DataFrame:
    ids = [int(i) for i in frame["subject_id"]]
    model = Holder if subject == "holder" else Agency
    kind = Holder.kind if subject == "holder" else pw.Value(None)
    info = {pk: (name, k) for pk, name, k in
            model.select(model.id, model.name, kind).where(model.id.in_(id_values(ids))).tuples()} \
        if ids else {}
    frame["name"] = [info[i][0] for i in ids]
    frame["kind"] = pd.Series([info[i][1] for i in ids], index=frame.index, dtype=object)
    return frame


def summary(frame: pd.DataFrame) -> dict:
    """{'subjects', 'warned', 'reasons': {reason: subjects}} of a ranking frame."""
    reasons = {r: int(frame["reasons"].str.split(",").map(lambda rs, r=r: r in rs).sum())
               for r in REASONS}
    return {"subjects": len(frame), "warned": int(frame["warning"].sum()), "reasons": reasons}
