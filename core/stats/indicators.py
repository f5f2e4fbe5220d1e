"""Official indicators of a region and year (domain-facts §3), each with numerator, denominator,
value, target, completion rate, gap, year-end projection and the counting rule in words.

Indicators (key → name):
- valid_inventions 有效发明专利 (stock on the as-of day)
- inventions_per_10k 每万人口发明专利拥有量 = valid (domestic) inventions ÷ population (万人)
- hv_inventions_per_10k 每万人口高价值发明专利拥有量 = valid (domestic) high-value inventions ÷ population
  (high-value judged as of the day: core.rules.highvalue.condition(day), not today's flag)
- inventions_per_1bn_gdp 每十亿元GDP发明专利拥有量 = valid (domestic) inventions ÷ (GDP 亿元 ÷ 10)
- long_per_1tn_gdp 每万亿元GDP高维持年限发明专利拥有量 = valid (domestic) inventions maintained
  > 10 years (core.highvalue rule) ÷ (GDP 亿元 ÷ 10,000)
- quality 专利质量指数 (composite, 0–100, weights in parameter `quality_weights`):
  100 × (w1·发明占有效专利比重 + w2·高价值占有效发明比重 + w3·高维持年限占有效发明比重)
- applications / invention_applications / grants / invention_grants: 1 January to the as-of day.
- invention_applications_share_pct 发明申请占比 (%), applications_growth_pct 申请量同比增长 (%, against
  the same days of the previous year). Target keys invention_per_10k / high_value_per_10k are read
  as inventions_per_10k / hv_inventions_per_10k.
As-of day: 31 December for past years, `on` (default today) for the current year.
Stocks on a day: granted on or before it and valid now or lapsed after it (stock_basis "as_of");
a rejected or withdrawn application never counts, a granted patent without a grant date counts
from its filing date (core.rules.counting.undated_grant); or the stored status (stock_basis
"status").
Projection: flows at the run-rate (value × days in year ÷ days elapsed); stocks and ratios grow
linearly from the 1 January stock at the same rate; the composite is not projected.
Population (万人, year-end resident) and GDP (亿元) come from parameters `population` / `gdp` of the
region and year (the latest earlier year when missing, named in the note); targets from `target`.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

import pandas as pd
import peewee as pw

from core.config import defaults, labels, params
from core.config import rules as ruleparams
from core.cubes import indicator as indicator_cube
from core.cubes.indicator import Flow, Stock
from core.db.models import Parameter, Patent
from core.regions import divisions
from core.rules import highvalue
from core.rules.calendar import add_years
from core.rules.counting import CountingRule, aggregate, default_rule, domestic, valid_on

STOCKS = ("valid_inventions",)
RATIOS = {  # key: (numerator sum, denominator parameter, divisor of the parameter)
    "inventions_per_10k": ("vi_dom", "population", 1),
    "hv_inventions_per_10k": ("hv_dom", "population", 1),
    "inventions_per_1bn_gdp": ("vi_dom", "gdp", 10),
    "long_per_1tn_gdp": ("long_dom", "gdp", 10_000),
}
FLOWS = {"applications": "apps", "invention_applications": "apps_invention",
         "grants": "grants", "invention_grants": "grants_invention"}
SHARES = ("invention_applications_share_pct", "applications_growth_pct")
ORDER = ("valid_inventions", *RATIOS, "quality", *FLOWS, *SHARES)
TARGET_ALIASES = defaults.TARGET_ALIASES
QUALITY_KEY = "quality_weights"
DEFAULT_QUALITY = defaults.QUALITY_WEIGHTS
PARAM_LOOKBACK = 3
CHANGES = ("applications_growth_pct",)  # a change against last year: may be below zero


def completion_of(key: str, value: float | None, target: float | None) -> float | None:
    """value ÷ target, where that reads as a share of the way done: not for changes (a target
    of −5 % growth is no distance to cover), nor for targets or values at or below zero."""
    if value is None or target is None or key in CHANGES or target <= 0 or value < 0:
        return None
    return value / target


def standing(key: str, value: float | None, target: float | None) -> str:
    """The value against its target in words: 达标 / 超出目标 x / 距目标 x (percentage points for
    percentages); "—" without a value or target."""
    if value is None or target is None:
        return labels.NO_VALUE
    unit = labels.IND_POINTS if labels.INDICATOR_UNIT.get(key) == "%" else ""
    difference = abs(value - target)
    amount = (f"{difference:,.0f}" if float(difference).is_integer()
              else f"{difference:,.2f}" if difference >= 0.01 else f"{difference:.2g}")
    if value == target:
        return labels.IND_MET
    text = labels.IND_ABOVE if value > target else labels.IND_BELOW
    return text.format(amount=amount + unit)


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    unit: str
    numerator: float | None
    denominator: float | None
    value: float | None
    target: float | None
    completion: float | None  # value ÷ target
    gap: float | None  # target − value (> 0: still short)
    projection: float | None  # projected year-end value
    rule: str
    note: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Report:
    region: str
    year: int
    as_of: dt.date
    rule: CountingRule
    items: list[Indicator]
    type_mix: dict = field(default_factory=dict)  # {"applications": {type: n}, "grants": {…}}

    def get(self, key: str) -> Indicator:
        return next(i for i in self.items if i.key == key)

    def frame(self) -> pd.DataFrame:
        """Columns: key, name, unit, numerator, denominator, value, target, completion, gap,
        projection, rule, note."""
        return pd.DataFrame([i.as_dict() for i in self.items])


def as_of_day(year: int, on: dt.date | None = None) -> dt.date:
    on = on or dt.date.today()
    return min(dt.date(year, 12, 31), on)


def alive_since(day: dt.date, rule: CountingRule) -> pw.Expression:
    """Cheap pre-filter: rows that can be valid on `day` or later (valid now or lapsed after);
    written as status IN (…) so that it is a range of the covering index INDICATOR_INDEX."""
    if rule.stock_basis == "status":
        return Patent.status == "valid"
    later = (Patent.status == "valid") | (Patent.lapse_date > day)
    return Patent.status.in_(["valid", "lapsed"]) & later


def stock_conditions(year: int, day: dt.date, rule: CountingRule) -> dict[str, pw.Expression]:
    """Valid inventions (all, domestic, high-value, long-maintained) on `day` and on 1 January
    (suffix _start); applied to invention rows alive since 31 December of the previous year."""
    start = dt.date(year - 1, 12, 31)
    dom = domestic(rule) if rule.domestic_only else True
    out = {}
    for suffix, when in (("", day), ("_start", start)):
        valid = valid_on(when, rule)
        hv = highvalue.condition(when)  # the categories judged as of that day
        long_ = highvalue.category_condition("long_maintained", when)
        out.update({f"vi{suffix}": valid, f"vi_dom{suffix}": valid & dom,
                    f"hv{suffix}": valid & hv, f"hv_dom{suffix}": valid & hv & dom,
                    f"long{suffix}": valid & long_, f"long_dom{suffix}": valid & long_ & dom})
    return out


def flow_conditions(year: int, day: dt.date, rule: CountingRule) -> tuple[dict, pw.Expression]:
    """(conditions apps_<type> / grants_<type>, pre-filter) for 1 January to `day`."""
    jan1 = dt.date(year, 1, 1)
    filed = getattr(Patent, "app_date" if rule.filing_basis == "app" else "pub_date")
    prev_from, prev_to = dt.date(year - 1, 1, 1), add_years(day, -1)
    out = {"apps_prev": filed.between(prev_from, prev_to)}
    for kind in ("invention", "utility", "design"):
        is_kind = Patent.patent_type == kind
        out[f"apps_{kind}"] = filed.between(jan1, day) & is_kind
        out[f"grants_{kind}"] = Patent.grant_date.between(jan1, day) & is_kind
    period = (filed.between(jan1, day) | Patent.grant_date.between(jan1, day)
              | filed.between(prev_from, prev_to))
    return out, period


def sums(region: str, year: int, day: dt.date, rule: CountingRule,
         by_child: bool = False, with_quality: bool = True) -> list[dict]:
    """All sums the indicators need, in three SQL aggregates (stocks of inventions, valid patents
    of every type — only for the quality composite —, flows), merged per sub-region when
    `by_child`. Without `with_quality` the sum "valid" is None."""
    if indicator_cube.supports(rule, region, by_child) and indicator_cube.usable(rule):
        specs = _specs(year, day, rule, with_quality)
        rows = indicator_cube.read(region, specs, rule, by_child)
        return [row | ({} if with_quality else {"valid": None}) for row in rows]
    start = dt.date(year - 1, 12, 31)
    inv = Patent.patent_type == "invention"
    every = Patent.patent_type.in_(["invention", "utility", "design"])
    parts = [
        aggregate(region, rule, stock_conditions(year, day, rule),
                  inv & alive_since(start, rule), by_child),
        aggregate(region, rule, *flow_conditions(year, day, rule), by_child, selective=True),
    ]
    if with_quality:
        parts.append(aggregate(region, rule, {"valid": valid_on(day, rule)},
                               every & alive_since(day, rule), by_child))
    merged: dict = {}
    for part in parts:
        for row in part:
            merged.setdefault(row.get("code"), {}).update(row)
    names = {*stock_conditions(year, day, rule), "valid", *flow_conditions(year, day, rule)[0]}
    empty = {n: 0.0 for n in names} | ({} if with_quality else {"valid": None})
    rows = [{**empty, **row} for row in merged.values()]
    return rows or [empty]


def _specs(year: int, day: dt.date, rule: CountingRule, with_quality: bool) -> list:
    """The sums of sums() as indicator-cube specs (core.indicator_cube)."""
    inv, dom = ("invention",), rule.domestic_only
    specs = []
    for suffix, when in (("", day), ("_start", dt.date(year - 1, 12, 31))):
        for name, high, long_ in (("vi", False, False), ("hv", True, False),
                                  ("long", False, True)):
            specs += [Stock(f"{name}{suffix}", when, inv, False, high, long_),
                      Stock(f"{name}_dom{suffix}", when, inv, dom, high, long_)]
    if with_quality:
        specs.append(Stock("valid", day))
    filing, jan1 = rule.filing_basis, dt.date(year, 1, 1)
    specs.append(Flow("apps_prev", filing, dt.date(year - 1, 1, 1), add_years(day, -1)))
    for kind in ("invention", "utility", "design"):
        specs += [Flow(f"apps_{kind}", filing, jan1, day, (kind,)),
                  Flow(f"grants_{kind}", "grant", jan1, day, (kind,))]
    return specs


def compute(region: str, year: int, rule: CountingRule | None = None,
            on: dt.date | None = None) -> Report:
    """Every indicator of `region` for `year`."""
    rule = rule or default_rule()
    day = as_of_day(year, on)
    row = sums(region, year, day, rule)[0]
    row.pop("code", None)
    return _report(region, year, day, rule, row)


def _report(region: str, year: int, day: dt.date, rule: CountingRule, sums: dict,
            book: ParamBook | None = None) -> Report:
    sums = _with_totals(sums)
    context = _Context(region, year, day, rule, sums, book or ParamBook([region], year))
    items = [context.indicator(key) for key in ORDER]
    mix = {"applications": {k: sums[f"apps_{k}"] for k in ("invention", "utility", "design")},
           "grants": {k: sums[f"grants_{k}"] for k in ("invention", "utility", "design")}}
    return Report(region, year, day, rule, items, mix)


def _with_totals(sums: dict) -> dict:
    out = dict(sums)
    for flow in ("apps", "grants"):
        out[flow] = sum(sums[f"{flow}_{k}"] for k in ("invention", "utility", "design"))
        out[f"{flow}_invention"] = sums[f"{flow}_invention"]
    return out


class _Context:
    def __init__(self, region, year, day, rule, sums, book):
        self.region, self.year, self.day, self.rule, self.sums = region, year, day, rule, sums
        self.book = book
        self.targets = _targets(region, year, book)
        days_in_year = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
        elapsed = (day - dt.date(year, 1, 1)).days + 1
        self.scale = days_in_year / elapsed if elapsed > 0 else None

    def indicator(self, key: str) -> Indicator:
        if key in STOCKS:
            num, start = self.sums["vi"], self.sums["vi_start"]
            return self._build(key, num, None, num, self._grow(num, start), None)
        if key in RATIOS:
            return self._ratio(key)
        if key == "quality":
            return self._quality()
        if key in SHARES:
            return self._share(key)
        num = self.sums[FLOWS[key]]
        return self._build(key, num, None, num, num * self.scale if self.scale else None, None)

    def _grow(self, now: float, start: float) -> float | None:
        return start + (now - start) * self.scale if self.scale else None

    def _ratio(self, key: str) -> Indicator:
        sum_key, param, divisor = RATIOS[key]
        base, used_year = param_for_year(param, self.region, self.year, self.book)
        num = self.sums[sum_key]
        if not base:
            return self._build(key, num, None, None, None, labels.IND_NO_PARAM[param])
        denominator = base / divisor
        grown = self._grow(num, self.sums[f"{sum_key}_start"])
        note = None if used_year == self.year else labels.IND_PARAM_YEAR.format(
            what=labels.IND_PARAM_NAME[param], year=used_year)
        return self._build(key, num, denominator, num / denominator,
                           grown / denominator if grown is not None else None, note)

    def _share(self, key: str) -> Indicator:
        """发明申请占比 (inventions ÷ all applications) or 申请量同比增长 (vs the same days of the
        previous year), in percent."""
        apps = self.sums["apps"]
        num, den = ((self.sums["apps_invention"], apps) if key == SHARES[0]
                    else (apps - self.sums["apps_prev"], self.sums["apps_prev"]))
        value = 100 * num / den if den else None
        return self._build(key, num, den, value, value, None if den else labels.IND_NO_DATA)

    def _quality(self) -> Indicator:
        w = ruleparams.value(QUALITY_KEY)
        valid, vi = self.sums["valid"], self.sums["vi"]
        if valid is None:
            return self._build("quality", None, None, None, None, labels.IND_NOT_COMPUTED)
        if not valid or not vi:
            return self._build("quality", None, None, None, None, labels.IND_NO_DATA)
        value = 100 * (w["invention_share"] * vi / valid + w["high_value_share"]
                       * self.sums["hv"] / vi + w["long_share"] * self.sums["long"] / vi)
        return self._build("quality", None, None, value, None, None)

    def _build(self, key, num, den, value, projection, note) -> Indicator:
        target = self.targets.get(key)
        completion = completion_of(key, value, target)
        gap = target - value if value is not None and target is not None else None
        return Indicator(key, labels.INDICATOR[key], labels.INDICATOR_UNIT[key], num, den, value,
                         target, completion, gap, projection, rule_text(key, self.rule, self.day),
                         note)


class ParamBook:
    """Population, GDP and targets of some regions around one year, read in one query (the
    version in force today of each key / region / year)."""

    KEYS = ("population", "gdp", "target")

    def __init__(self, regions: list[str], year: int):
        years = list(range(year - PARAM_LOOKBACK, year + 1))
        rows = (Parameter.select()
                .where(Parameter.key.in_(list(self.KEYS)) & Parameter.region_code.in_(regions)
                       & (Parameter.year.in_(years) | Parameter.year.is_null())
                       & (Parameter.effective_from <= dt.date.today()))
                .order_by(Parameter.effective_from, Parameter.id))
        self.values = {(r.key, r.region_code, r.year): json.loads(r.value) for r in rows}

    def get(self, key: str, region: str, year: int | None):
        return self.values.get((key, region, year))


def _targets(region: str, year: int, book: ParamBook | None = None) -> dict:
    read = book.get if book else lambda k, r, y: params.get(k, r, y)
    standing = read("target", region, None) or {}
    yearly = read("target", region, year) or {}
    merged = {**standing, **yearly}
    return {TARGET_ALIASES.get(k, k): v for k, v in merged.items()}


def param_for_year(key: str, region: str, year: int,
                   book: ParamBook | None = None) -> tuple[float | None, int | None]:
    """The parameter of `year`, else of the latest of the PARAM_LOOKBACK earlier years."""
    read = book.get if book else lambda k, r, y: params.get(k, r, y)
    for candidate in range(year, year - PARAM_LOOKBACK - 1, -1):
        value = read(key, region, candidate)
        if value is not None:
            return float(value), candidate
    return None, None


def rule_text(key: str, rule: CountingRule, day: dt.date) -> str:
    """The counting rule of one indicator in words (Chinese)."""
    parts = [labels.RULE_HOLDER[(rule.holder, rule.basis)]]
    if rule.holder == "any":
        parts.append(labels.RULE_FRACTIONAL[rule.fractional])
    if key in RATIOS and rule.domestic_only:
        parts.append(labels.RULE_DOMESTIC)
    if key in FLOWS or key in SHARES:
        basis = "grant" if key in ("grants", "invention_grants") else rule.filing_basis
        parts.append(labels.RULE_FLOW[basis].format(start=dt.date(day.year, 1, 1), day=day))
    else:
        parts.append(labels.RULE_STOCK[rule.stock_basis].format(day=day))
    if key in ("long_per_1tn_gdp", "quality"):
        hv = highvalue.rules()
        parts.append(labels.RULE_LONG[hv["maintained_from"]].format(n=hv["maintained_years"]))
    return " · ".join(parts)


def subregions(region: str, year: int, rule: CountingRule | None = None,
               on: dt.date | None = None) -> pd.DataFrame:
    """One row per sub-region with something counted: code, name, then for each indicator
    <key> (value), <key>_target, <key>_met (达标: value ≥ target, None without target),
    <key>_gap. Two grouped SQL queries; the quality composite is not computed per sub-region
    (None). Under the additive rules a last row (code None, name 未定位到下级区域) holds what the
    region counts in no sub-region, so that the rows add up to the region (whole counting by
    any holder: sub-regions overlap, no such row)."""
    rule = rule or default_rule()
    day = as_of_day(year, on)
    names = divisions.names()
    rows = []
    found = sums(region, year, day, rule, by_child=True, with_quality=False)
    # a sub-region with nothing counted is left out, whichever path answered: the summary
    # tables give a street with any row of theirs (a filing of years ago), the patent table
    # one with a patent counted
    found = [row for row in found if any(v for k, v in row.items() if k != "code" and v)]
    book = ParamBook([row["code"] for row in found if row.get("code")], year)
    for row in found:
        code = row.pop("code", None)
        report = _report(code or "", year, day, rule, row, book)
        row = {"code": code, "name": names.get(code, code) if code else labels.IND_UNPLACED}
        for item in report.items:
            met = None if item.target is None or item.value is None else item.value >= item.target
            row.update({item.key: item.value, f"{item.key}_target": item.target,
                        f"{item.key}_met": met, f"{item.key}_gap": item.gap})
        rows.append(row)
    if not rows:
        return pd.DataFrame()
    return pd.DataFrame(rows).sort_values("code", na_position="last").reset_index(drop=True)


def monthly(region: str, year: int, rule: CountingRule | None = None,
            on: dt.date | None = None) -> pd.DataFrame:
    """Progress through the year: month, month_end, applications, invention_applications,
    grants, invention_grants (cumulative from 1 January), valid_inventions (stock at month end);
    months after the as-of day are left out. One SQL query."""
    rule = rule or default_rule()
    day = as_of_day(year, on)
    ends = [min(_month_end(year, m), day) for m in range(1, 13) if dt.date(year, m, 1) <= day]
    if not ends:
        return pd.DataFrame(columns=["month", "month_end", "applications",
                                     "invention_applications", "grants", "invention_grants",
                                     "valid_inventions"])
    jan1 = dt.date(year, 1, 1)
    if indicator_cube.supports(rule, region) and indicator_cube.usable(rule):
        got = indicator_cube.read(region, _monthly_specs(jan1, ends, rule), rule)[0]
        return _monthly_frame(ends, got)
    filed = getattr(Patent, "app_date" if rule.filing_basis == "app" else "pub_date")
    inv = Patent.patent_type == "invention"
    flows, stocks = {}, {}
    for i, end in enumerate(ends):
        flows.update({f"a{i}": filed.between(jan1, end), f"ai{i}": filed.between(jan1, end) & inv,
                      f"g{i}": Patent.grant_date.between(jan1, end),
                      f"gi{i}": Patent.grant_date.between(jan1, end) & inv})
        stocks[f"v{i}"] = valid_on(end, rule)
    period = filed.between(jan1, day) | Patent.grant_date.between(jan1, day)
    got = aggregate(region, rule, flows, period, selective=True)[0]
    got.update(aggregate(region, rule, stocks, inv & alive_since(jan1, rule))[0])
    return _monthly_frame(ends, got)


def _monthly_specs(jan1: dt.date, ends: list[dt.date], rule: CountingRule) -> list:
    inv, filing = ("invention",), rule.filing_basis
    specs = []
    for i, end in enumerate(ends):
        specs += [Flow(f"a{i}", filing, jan1, end), Flow(f"ai{i}", filing, jan1, end, inv),
                  Flow(f"g{i}", "grant", jan1, end), Flow(f"gi{i}", "grant", jan1, end, inv),
                  Stock(f"v{i}", end, inv)]
    return specs


def _monthly_frame(ends: list[dt.date], got: dict) -> pd.DataFrame:
    return pd.DataFrame([{"month": i + 1, "month_end": end, "applications": got[f"a{i}"],
                          "invention_applications": got[f"ai{i}"], "grants": got[f"g{i}"],
                          "invention_grants": got[f"gi{i}"], "valid_inventions": got[f"v{i}"]}
                         for i, end in enumerate(ends)])


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
