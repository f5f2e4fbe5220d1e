"""Signals of abnormal filing (非正常申请, domain-facts §6.2). Scoring features with their evidence,
never verdicts. Every threshold is a parameter (key "abnormal" in core.params); the defaults below are
practitioner heuristics [U], documented on the page.

Signals, over the filings of a region's holders since `lookback_years` before `on`:
- burst: one first holder files at least `burst_min` applications within `burst_days` days;
- similar_titles: inside such a burst, at least `similar_min` titles share the same stem;
- individual_volume: an individual files at least `individual_year_min` applications in one year;
- agency_volume: an agency files at least `agency_factor` × the median yearly volume of the
  agencies active in the region that year (and at least `agency_min`).
"""
from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from peewee import SQL, Cast, Node, fn

from core.config import defaults
from core.config import rules as ruleparams
from core.cubes import subject as subject_cube
from core.cubes.quality import SUBJECT_KEYS
from core.db import is_postgres
from core.db.models import Agency, Holder, Patent, SubjectYearCube
from core.db.sql import count_all, id_values, raw_rows
from core.regions.scope import region_filter

DEFAULTS = defaults.ABNORMAL
_STEM_NOISE = re.compile(r"[\dA-Za-z\s\W_]+")


@dataclass(frozen=True)
class Case:
    """One suspicious pattern. subject is a holder or agency name; evidence lists sample titles."""
    kind: str
    subject: str
    subject_id: int
    start: dt.date
    end: dt.date
    count: int
    detail: str = ""
    samples: tuple[str, ...] = field(default_factory=tuple)


def thresholds(on: dt.date | None = None) -> dict:
    return ruleparams.value("abnormal", on=on)


def title_stem(title: str) -> str:
    """The title without 一种, digits, latin letters and punctuation, cut to 8 characters."""
    text = _STEM_NOISE.sub("", title or "")
    return text.removeprefix("一种")[:8]


def detect(region: str | None, on: dt.date, limits: dict | None = None) -> list[Case]:
    """All cases in the region, burst and similar-title cases first, largest first."""
    limits = limits or thresholds(on)
    since = dt.date(on.year - int(limits["lookback_years"]), on.month, 1)
    cases = bursts(region, since, on, limits) + individual_volume(region, since, limits)
    cases += agency_volume(region, since, limits)
    order = {"similar_titles": 0, "burst": 1, "individual_volume": 2, "agency_volume": 3}
    return sorted(cases, key=lambda c: (order[c.kind], -c.count))


def _base(region: str | None, since: dt.date, until: dt.date | None = None):
    cond = region_filter(region) & (Patent.app_date >= since)
    if until:
        cond &= Patent.app_date <= until
    return cond


def bursts(region: str | None, since: dt.date, on: dt.date, limits: dict) -> list[Case]:
    """Burst and similar-title cases, one per holder (its densest window), by holder id."""
    per_holder = daily_filings(region, since, on, candidates(region, since, on, limits))
    cases = []
    for holder_id in sorted(per_holder):
        days = per_holder[holder_id]
        if sum(n for _, n in days) < int(limits["burst_min"]):
            continue
        start, end, count = densest_window(sorted(days), int(limits["burst_days"]))
        if count >= int(limits["burst_min"]):
            cases.append(_burst_case(region, holder_id, start, end, count, limits))
    return cases


def candidates(region: str | None, since: dt.date, on: dt.date, limits: dict) -> list[int]:
    """Holders that may hold a burst. A window of `burst_days` days holding `burst_min` filings
    has a day with at least burst_min ÷ burst_days of them, and overlaps at most two fixed
    blocks of that many days, so it puts at least half of `burst_min` into one block. The day
    is tested first, in one streaming pass over the (app_date, first_holder, region…) index in
    its own order (busy_days): a few holders, instead of hashing every holder's filings by
    block (0.8 s at 5,000,000 patents on PostgreSQL); the block only for those holders."""
    width, least = int(limits["burst_days"]), int(limits["burst_min"])
    cond = _base(region, since, on) & Patent.first_holder.is_null(False)
    per_day = -(-least // width)
    if per_day > 1:  # else every filing's day qualifies: nothing to rule out
        busy = busy_days(region, since, on, per_day)
        if not busy:
            return []
        cond &= Patent.first_holder.in_(id_values(busy))
    block = day_number(Patent.app_date) / width
    query = (Patent.select(Patent.first_holder).distinct().where(cond)
             .group_by(Patent.first_holder, block).having(fn.COUNT(SQL("*")) >= -(-least // 2)))
    return [holder_id for (holder_id,) in query.tuples()]


def busy_days(region: str | None, since: dt.date, on: dt.date, least: int) -> list[int]:
    """The holders with at least `least` filings on one day from `since` to `on`: grouped by
    (app_date, first_holder), the order of ABNORMAL_INDEX, so that no hash table of every
    holder is built."""
    query = (Patent.select(Patent.first_holder).distinct()
             .where(_base(region, since, on) & Patent.first_holder.is_null(False))
             .group_by(Patent.app_date, Patent.first_holder)
             .having(fn.COUNT(SQL("*")) >= least))
    return sorted(holder_id for (holder_id,) in query.tuples())


def day_number(column) -> Node:
    """Whole days of a date column since a fixed day (SQLite: the Julian day; PostgreSQL: since
    1970-01-01): differences between rows are the same on both."""
    if is_postgres():
        return column - SQL("DATE '1970-01-01'")
    return Cast(fn.julianday(column), "INTEGER")


def daily_filings(region: str | None, since: dt.date, on: dt.date,
                  holders: list[int]) -> dict[int, list]:
    """Holder id → [(day, filings)] of the region's filings by `holders` from `since` to `on`."""
    if not holders:
        return {}
    daily = (Patent.select(Patent.first_holder, Patent.app_date, fn.COUNT(SQL("*")))
             .where(_base(region, since, on) & Patent.first_holder.in_(holders))
             .group_by(Patent.first_holder, Patent.app_date).tuples())
    per_holder: dict[int, list[tuple[dt.date, int]]] = {}
    for holder_id, day, n in daily:
        per_holder.setdefault(holder_id, []).append((day, n))
    return per_holder


def densest_window(days: list[tuple[dt.date, int]], width: int) -> tuple[dt.date, dt.date, int]:
    """The window of `width` days holding the most filings: (first day, last day, count)."""
    best = (days[0][0], days[0][0], 0)
    total, left = 0, 0
    for day, n in days:
        total += n
        while (day - days[left][0]).days >= width:
            total -= days[left][1]
            left += 1
        if total > best[2]:
            best = (days[left][0], day, total)
    return best


def _burst_case(region, holder_id: int, start: dt.date, end: dt.date, count: int,
                limits: dict) -> Case:
    titles = [t for (t,) in Patent.select(Patent.title)
              .where(_base(region, start, end) & (Patent.first_holder == holder_id))
              .order_by(Patent.app_date, Patent.id).tuples()]
    stem, same = Counter(title_stem(t) for t in titles).most_common(1)[0]
    name = Holder.get_by_id(holder_id).name
    if same >= int(limits["similar_min"]):
        samples = tuple(t for t in titles if title_stem(t) == stem)[:5]
        return Case("similar_titles", name, holder_id, start, end, count, f"{same}", samples)
    return Case("burst", name, holder_id, start, end, count, "", tuple(titles[:5]))


def individual_volume(region: str | None, since: dt.date, limits: dict) -> list[Case]:
    """Individuals with at least `individual_year_min` filings in a year: the (holder, year)
    groups over the limit first — a province's or a city's from subject_year_cube (busy_years),
    others' grouped live — and only those joined to their holders' kinds and names."""
    least = int(limits["individual_year_min"])
    if not subject_cube.usable(region):
        return _live_individual_volume(region, since, least)
    busy = busy_years("holder", region, since, least)
    ids = sorted({hid for hid, _, _ in busy})
    people = {} if not ids else dict(
        Holder.select(Holder.id, Holder.name)
        .where(Holder.id.in_(id_values(ids)), Holder.kind == "individual").tuples())
    return [Case("individual_volume", people[hid], hid, dt.date(year, 1, 1),
                 dt.date(year, 12, 31), n) for hid, year, n in sorted(busy) if hid in people]


def busy_years(subject: str, region: str, since: dt.date, least: int) -> list[tuple]:
    """(subject id, filing year, filings from `since`) of the subjects with at least `least`
    filings in a year, from subject_year_cube: the years after `since`'s whole, an index range
    per year; `since`'s year whole when `since` is 1 January, else its candidates (the year's
    whole count over the limit) counted live from `since` on (HOLDER_DATE_INDEX or
    ABNORMAL_INDEX, the candidates only)."""
    y = SubjectYearCube
    first = since.year + (since != dt.date(since.year, 1, 1))
    rows = raw_rows(y.select(y.subject_id, y.app_year, y.n)
                    .where(*_cube_rows(subject, region, y.app_year.in_(
                        list(range(first, _last_year(subject, region) + 1)))), y.n >= least))
    if first == since.year:
        return rows
    candidates = [sid for (sid,) in raw_rows(
        y.select(y.subject_id).where(*_cube_rows(subject, region, y.app_year == since.year),
                                     y.n >= least))]
    if not candidates:
        return rows
    key = SUBJECT_KEYS[subject]
    late = raw_rows(Patent.select(key, count_all())
                    .where(_base(region, since, dt.date(since.year, 12, 31)),
                           key.in_(id_values(candidates)))
                    .group_by(key).having(count_all() >= least))
    return rows + [(sid, since.year, n) for sid, n in late]


def _cube_rows(subject: str, region: str, *conditions) -> list:
    y = SubjectYearCube
    return [y.subject == subject, y.region_code == region, *conditions]


def _last_year(subject: str, region: str) -> int:
    """The latest filing year of the region's rows (0 when none): its index's last entry."""
    y = SubjectYearCube
    top = (y.select(y.app_year).where(*_cube_rows(subject, region, y.app_year.is_null(False)))
           .order_by(y.app_year.desc()).limit(1).scalar())
    return top or 0


def _live_individual_volume(region: str | None, since: dt.date, least: int) -> list[Case]:
    """individual_volume grouping the filings by holder and year first (from ABNORMAL_INDEX
    alone), only the groups over the limit joined to their holders — joined before grouping,
    every filing of the province probed its holder (2.2 s of 3.7 at 5,000,000 patents on
    PostgreSQL)."""
    n = count_all()  # not COUNT(id): the filings side is read from ABNORMAL_INDEX alone
    busy = (Patent.select(Patent.first_holder.alias("holder_id"), Patent.app_year.alias("year"),
                          n.alias("n"))
            .where(_base(region, since) & Patent.first_holder.is_null(False))
            .group_by(Patent.first_holder, Patent.app_year)
            .having(n >= least)).alias("busy")
    rows = (Holder.select(busy.c.holder_id, Holder.name, busy.c.year, busy.c.n)
            .join(busy, on=(Holder.id == busy.c.holder_id))
            .where(Holder.kind == "individual")
            .order_by(busy.c.holder_id, busy.c.year).tuples())
    return [Case("individual_volume", name, hid, dt.date(year, 1, 1), dt.date(year, 12, 31), n)
            for hid, name, year, n in rows]


def agency_volume(region: str | None, since: dt.date, limits: dict) -> list[Case]:
    rows = agency_years(region, since)
    by_year: dict[int, list[int]] = {}
    for _, year, n in rows:
        by_year.setdefault(year, []).append(n)
    medians = {y: statistics.median(v) for y, v in by_year.items()}
    flagged = [(aid, year, n) for aid, year, n in rows
               if n >= int(limits["agency_min"])
               and n >= float(limits["agency_factor"]) * medians[year]]
    names = dict(Agency.select(Agency.id, Agency.name)
                 .where(Agency.id.in_([a for a, _, _ in flagged])).tuples()) if flagged else {}
    return [Case("agency_volume", names[aid], aid, dt.date(year, 1, 1), dt.date(year, 12, 31), n,
                 f"{medians[year]:g}") for aid, year, n in flagged]


def agency_years(region: str | None, since: dt.date) -> list[tuple]:
    """(agency id, filing year, filings from `since`) of every agency with filings, by agency
    and year: a province's or a city's from subject_year_cube — the years after `since`'s
    whole, `since`'s year corrected live over its shorter stretch (agency_boundary) —, others'
    grouped live."""
    if not subject_cube.usable(region):
        return list(Patent.select(Patent.agency, Patent.app_year, count_all())
                    .where(_base(region, since) & Patent.agency.is_null(False))
                    .group_by(Patent.agency, Patent.app_year)
                    .order_by(Patent.agency, Patent.app_year).tuples())
    y = SubjectYearCube
    whole = since == dt.date(since.year, 1, 1)
    rows = raw_rows(y.select(y.subject_id, y.app_year, y.n).where(
        *_cube_rows("agency", region, y.app_year >= since.year if whole
                    else y.app_year > since.year)))
    if not whole:
        rows += agency_boundary(region, since)
    return sorted((aid, year, n) for aid, year, n in rows if n > 0)


def agency_boundary(region: str, since: dt.date) -> list[tuple]:
    """(agency id, `since`'s year, its filings from `since` to 31 December): read live when
    `since` lies in the year's second half, else the year's whole count from subject_year_cube
    less the filings from 1 January to the day before `since` read live (the shorter stretch
    of filing dates is read). Agencies left at 0 are dropped by the caller."""
    year, key = since.year, Patent.agency
    if since.month > 6:
        part = dt.date(year, 12, 31)
        live = Patent.select(key, count_all()).where(_base(region, since, part),
                                                     key.is_null(False))
        return [(aid, year, n) for aid, n in raw_rows(live.group_by(key))]
    y = SubjectYearCube
    counts = dict(raw_rows(y.select(y.subject_id, y.n)
                           .where(*_cube_rows("agency", region, y.app_year == year))))
    early = Patent.select(key, count_all()).where(
        _base(region, dt.date(year, 1, 1), since - dt.timedelta(days=1)), key.is_null(False))
    for aid, n in raw_rows(early.group_by(key)):
        counts[aid] -= n
    return [(aid, year, n) for aid, n in counts.items()]
