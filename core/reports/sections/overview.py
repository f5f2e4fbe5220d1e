"""概况 (the indicators against their targets and the period's filings and grants by type, each
against the same period a year before) and 发展趋势 (filings and grants per month or year)."""
from __future__ import annotations

from core.config import labels
from core.db.models import PATENT_TYPES
from core.regions.query import Scope
from core.reports import charts
from core.reports.model import Chart, Context, Section, Table
from core.reports.period import day_name
from core.reports.wording import change, count, or_dash, pct_words, yoy
from core.rules.calendar import add_months, add_years
from core.stats import indicators, overview, trend

C = labels.REPORT_COLUMNS
SENTENCE_INDICATORS = ("valid_inventions", "inventions_per_10k", "hv_inventions_per_10k")
TREND_SPAN = {"month": 12, "year": 5}  # periods shown in the trend tables


def _indicator_reports(ctx: Context):
    now = indicators.compute(ctx.region, ctx.period.end.year, on=ctx.period.end)
    before_day = add_years(ctx.period.end, -1)
    before = indicators.compute(ctx.region, before_day.year, on=before_day)
    return now, before


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def indicator_table(now, before) -> Table:
    """One row per indicator with a value: value, target, completion (%), last year, yoy (%)."""
    rows = []
    for item in now.items:
        if item.value is None:
            continue
        last = before.get(item.key).value
        growth = None if item.key in indicators.CHANGES else yoy(item.value, last)
        rows.append([item.name, item.unit, round(item.value, 2), or_dash(item.target),
                     or_dash(_percent(item.completion)), or_dash(None if last is None else round(last, 2)),
                     or_dash(growth)])
    header = [C["indicator"], C["unit"], C["value"], C["target"], C["completion"] + "（%）",
              C["last_year"], C["yoy"] + "（%）"]
    rules = {}
    for item in now.items:
        rules.setdefault(item.rule, []).append(item.name)
    rule = labels.REPORT_RULES["overview"] + " " + "；".join(
        f"{'、'.join(names)}：{text}" for text, names in rules.items())
    return Table("overview", labels.REPORT_TABLES["overview"], header, rows, rule)


def _indicator_sentence(ctx: Context, now, before) -> str:
    items = []
    for key in SENTENCE_INDICATORS:
        item = now.get(key)
        if item.value is None:
            continue
        target = ""
        if item.target is not None and item.completion is not None:
            target = labels.REPORT_TEXT["indicator_target"].format(
                target=f"{item.target:,.2f}".rstrip("0").rstrip("."), unit=item.unit,
                completion=f"{item.completion * 100:.1f}%")
        value = f"{item.value:,.2f}".rstrip("0").rstrip(".")
        items.append(labels.REPORT_TEXT["indicator_item"].format(
            name=item.name, value=value, unit=item.unit,
            change=change(item.value, before.get(key).value), target=target))
    return labels.REPORT_TEXT["indicators"].format(day=day_name(now.as_of), region=ctx.region_name,
                                                   items="，".join(items))


def _monthly_split(ctx: Context, read, period) -> dict[str, int]:
    """Per type, the sum of `read`'s monthly rows (trend.applications or grants, from the
    monthly summary table) over the months of `period` — for periods of whole months."""
    frame = read(Scope(ctx.region, ctx.prior.start, ctx.period.end), "month")
    first, last = f"{period.start:%Y-%m}", f"{period.end:%Y-%m}"
    inside = frame[(frame["period"] >= first) & (frame["period"] <= last)]
    return {kind: int(inside[kind].sum()) for kind in PATENT_TYPES}


def type_flows(ctx: Context) -> dict[str, dict[str, dict[str, int]]]:
    """{"applications" | "grants": {"now" | "before": {type: n}}}: filings by filing date and
    grants by grant date in the period and a year before. Whole-month periods read the monthly
    trend (summary tables); a custom range reads overview.type_split of each range."""
    if ctx.period.kind != "custom":
        return {flow: {"now": _monthly_split(ctx, read, ctx.period),
                       "before": _monthly_split(ctx, read, ctx.prior)}
                for flow, read in (("applications", trend.applications), ("grants", trend.grants))}
    split = {"now": overview.type_split(ctx.scope).set_index("patent_type"),
             "before": overview.type_split(ctx.prior_scope).set_index("patent_type")}
    return {flow: {when: {kind: int(frame[flow].get(kind, 0)) for kind in PATENT_TYPES}
                   for when, frame in split.items()} for flow in ("applications", "grants")}


def type_table(ctx: Context) -> Table:
    """Filings and grants of the period by patent type, against the same period a year before."""
    flows = type_flows(ctx)
    rows = []
    for kind in (*PATENT_TYPES, "total"):
        def pick(flow, when, kind=kind):
            counts = flows[flow][when]
            return sum(counts.values()) if kind == "total" else counts[kind]
        apps, apps0, grants, grants0 = (pick("applications", "now"), pick("applications", "before"),
                                        pick("grants", "now"), pick("grants", "before"))
        name = C["total"] if kind == "total" else labels.PATENT_TYPE[kind]
        rows.append([name, apps, apps0, or_dash(yoy(apps, apps0)), grants, grants0,
                     or_dash(yoy(grants, grants0))])
    header = [C["type"], C["applications"], C["last_year"], C["yoy"] + "（%）", C["grants"],
              C["last_year"], C["yoy"] + "（%）"]
    return Table("types", labels.REPORT_TABLES["types"], header, rows, labels.REPORT_RULES["types"])


def _flow_sentence(ctx: Context, types: Table) -> str:
    by_name = {row[0]: row for row in types.rows}
    total, inv = by_name[C["total"]], by_name[labels.PATENT_TYPE["invention"]]
    return labels.REPORT_TEXT["flows"].format(
        period=ctx.period.name, region=ctx.region_name,
        apps=count(total[1]), apps_change=change(total[1], total[2]),
        grants=count(total[4]), grants_change=change(total[4], total[5]),
        inv_apps=count(inv[1]), inv_apps_change=change(inv[1], inv[2]),
        inv_grants=count(inv[4]), inv_grants_change=change(inv[4], inv[5]))


def _types_chart(types: Table) -> Chart:
    rows = types.rows[:-1]
    labels_ = [r[0] for r in rows]
    series = {f"{labels.REPORT_THIS_YEAR}{C['applications']}": [r[1] for r in rows],
              f"{labels.REPORT_LAST_YEAR}{C['applications']}": [r[2] for r in rows],
              f"{labels.REPORT_THIS_YEAR}{C['grants']}": [r[4] for r in rows],
              f"{labels.REPORT_LAST_YEAR}{C['grants']}": [r[5] for r in rows]}
    title = labels.REPORT_CHARTS["types"]
    return Chart(title, charts.bar_chart(labels_, series))


def section_overview(ctx: Context) -> Section:
    now, before = _indicator_reports(ctx)
    types = type_table(ctx)
    return Section("overview", labels.REPORT_SECTIONS["overview"],
                   [_indicator_sentence(ctx, now, before), _flow_sentence(ctx, types)],
                   [indicator_table(now, before), types], [_types_chart(types)])


# --- 发展趋势 ---------------------------------------------------------------------------------

def trend_unit(ctx: Context) -> str:
    return "year" if ctx.period.kind == "year" else "month"


def trend_scope(ctx: Context):
    """The shown span plus one year before it (for the first shown periods' yoy)."""
    unit = trend_unit(ctx)
    end = ctx.period.end
    if unit == "year":
        start = end.replace(year=end.year - TREND_SPAN["year"], month=1, day=1)
    else:
        start = add_months(end.replace(day=1), -TREND_SPAN["month"] - 11)
    return Scope(ctx.region, start, end)


def shown_periods(frame, unit: str):
    """The last TREND_SPAN[unit] rows (the earlier ones only feed the yoy)."""
    return frame.tail(TREND_SPAN[unit]).reset_index(drop=True)


def trend_table(ctx: Context, kind: str) -> Table:
    unit = trend_unit(ctx)
    read = trend.applications if kind == "apps" else trend.grants
    frame = shown_periods(read(trend_scope(ctx), unit), unit)
    rows = [[str(r["period"]), *(int(r[t]) for t in PATENT_TYPES), int(r["total"]),
             or_dash(None if r["yoy"] is None or r["yoy"] != r["yoy"] else round(r["yoy"] * 100, 1))]
            for r in frame.to_dict("records")]
    header = [C["period"], C["invention"], C["utility"], C["design"], C["total"],
              C["yoy"] + "（%）"]
    return Table(f"trend_{kind}", labels.REPORT_TABLES[f"trend_{kind}"], header, rows,
                 labels.REPORT_RULES["trend"])


def period_name(period: str) -> str:
    """'2026-11' → 2026年11月, '2026' → 2026年."""
    if "-" in period:
        return labels.REPORT_PERIOD_MONTH.format(year=period[:4], month=int(period[5:]))
    return labels.REPORT_PERIOD_YEAR.format(year=period)


def _trend_chart(table: Table, key: str) -> Chart:
    title = labels.REPORT_CHARTS[key]
    series = {C[t]: [r[i + 1] for r in table.rows] for i, t in enumerate(PATENT_TYPES)}
    return Chart(title, charts.line_chart([r[0] for r in table.rows], series))


def section_trend(ctx: Context) -> Section:
    apps, grants = trend_table(ctx, "apps"), trend_table(ctx, "grants")
    sentences = []
    if apps.rows and grants.rows:
        a, g = apps.rows[-1], grants.rows[-1]
        sentences.append(labels.REPORT_TEXT["trend"].format(
            last=period_name(a[0]), apps=count(a[4]), grants=count(g[4]),
            apps_change=pct_words(a[5]), grants_change=pct_words(g[5])))
    return Section("trend", labels.REPORT_SECTIONS["trend"], sentences, [apps, grants],
                   [_trend_chart(apps, "trend_apps"), _trend_chart(grants, "trend_grants")])

