"""专利运营 (transfers in and out, licences, pledges and their amounts), 缴费与届满风险 (the fee
warnings and the expiries ahead, as of the day the report is written), 专利失效 (lapses of the
period by reason and sub-region) and 异常申请监测 (the abnormal-filing signals)."""
from __future__ import annotations

from core.config import labels
from core.monitor import abnormal, expiry, fee_warnings, lapses, ops_monitor
from core.reports import charts
from core.reports.model import Chart, Context, Section, Table
from core.reports.period import day_name
from core.reports.wording import change, count, listing, or_dash, yoy

C = labels.REPORT_COLUMNS
YUAN_PER_WAN = 10_000
TOP_SUBREGIONS = 15
TOP_ABNORMAL = 30


def operation_table(now: dict, before: dict) -> Table:
    rows = []
    for key, name in labels.REPORT_OPS_ITEMS.items():
        a, b = now[key], before[key]
        if key == "pledge_amount":
            a, b = round(a / YUAN_PER_WAN, 2), round(b / YUAN_PER_WAN, 2)
        rows.append([name, a, b, or_dash(yoy(a, b))])
    header = [C["item"], labels.REPORT_THIS_YEAR, C["last_year"], C["yoy"] + "（%）"]
    return Table("operations", labels.REPORT_TABLES["operations"], header, rows,
                 labels.REPORT_RULES["operations"])


def section_operations(ctx: Context) -> Section:
    now, before = ops_monitor.totals(ctx.scope), ops_monitor.totals(ctx.prior_scope)
    table = operation_table(now, before)
    v = {r[0]: r for r in table.rows}
    items = labels.REPORT_OPS_ITEMS
    sentence = labels.REPORT_TEXT["operations"].format(
        period=ctx.period.name, **{name: count(v[items[key]][1]) for name, key in
                                   (("tin", "transfer_in"), ("tout", "transfer_out"),
                                    ("lic", "license"), ("pledge", "pledge"))},
        **{f"{name}_change": change(v[items[key]][1], v[items[key]][2]) for name, key in
           (("tin", "transfer_in"), ("tout", "transfer_out"), ("lic", "license"),
            ("pledge", "pledge"), ("amount", "pledge_amount"))},
        amount=f"{v[items['pledge_amount']][1]:,.2f}")
    counted = table.rows[:-1]
    title = labels.REPORT_CHARTS["operations"]
    chart = charts.bar_chart([r[0] for r in counted],
                             {labels.REPORT_THIS_YEAR: [r[1] for r in counted],
                              labels.REPORT_LAST_YEAR: [r[2] for r in counted]})
    return Section("operations", labels.REPORT_SECTIONS["operations"], [sentence], [table],
                   [Chart(title, chart)])


# --- 缴费与届满风险 --------------------------------------------------------------------------

def fee_table(ctx: Context) -> tuple[Table, dict]:
    found = fee_warnings.summary(fee_warnings.FeeQuery(ctx.undated, ctx.on))
    rows = [[r["label"], int(r["n"])] for r in found["states"].to_dict("records")]
    rule = labels.REPORT_RULES["fees"].format(day=day_name(ctx.on))
    return Table("fees", labels.REPORT_TABLES["fees"], [C["state"], C["count"]], rows, rule), found


def expiry_tables(ctx: Context) -> tuple[list[Table], dict]:
    found = expiry.summary(expiry.ExpiryQuery(ctx.undated, ctx.on))
    rule = labels.REPORT_RULES["expiry"].format(day=day_name(ctx.on))
    horizons = [[r["label"], int(r["m3"]), int(r["m6"]), int(r["m12"])]
                for r in found["horizon_counts"].to_dict("records")]
    places = [[r["name"], int(r["n"]), int(r["inventions"]), int(r["high_value"])]
              for r in found["by_subregion"].head(TOP_SUBREGIONS).to_dict("records")]
    return [Table("expiry", labels.REPORT_TABLES["expiry"],
                  [C["type"], C["m3"], C["m6"], C["m12"]], horizons, rule),
            Table("expiry_regions", labels.REPORT_TABLES["expiry_regions"],
                  [C["region"], C["count"], C["invention"], C["high_value"]], places,
                  rule)], found


def section_risks(ctx: Context) -> Section:
    fees, fee_found = fee_table(ctx)
    ends, end_found = expiry_tables(ctx)
    states = fee_found["states"]
    grace = int(states.loc[states["state"] == "grace", "n"].sum())
    terminated = int(states.loc[states["state"] == "terminated", "n"].sum())
    total = {r[0]: r for r in ends[0].rows}[labels.ALL]
    invention = {r[0]: r for r in ends[0].rows}[labels.PATENT_TYPE["invention"]]
    sentences = [labels.REPORT_TEXT["fees"].format(day=day_name(ctx.on), total=count(fee_found["total"]),
                                                   grace=count(grace), terminated=count(terminated)),
                 labels.REPORT_TEXT["expiry"].format(day=day_name(ctx.on), m3=count(total[1]),
                                                     m6=count(total[2]), m12=count(total[3]),
                                                     inv12=count(invention[3]))]
    section = Section("risks", labels.REPORT_SECTIONS["risks"], sentences, [fees, *ends])
    if fees.rows:
        title = labels.REPORT_CHARTS["fees"]
        section.charts.append(Chart(title, charts.bar_chart(
            [r[0] for r in fees.rows], {C["count"]: [r[1] for r in fees.rows]})))
    months = end_found["by_month"]
    title = labels.REPORT_CHARTS["expiry"]
    section.charts.append(Chart(title, charts.bar_chart(
        list(months["month"]), {labels.PATENT_TYPE[t]: list(months[t]) for t in labels.PATENT_TYPE})))
    return section


# --- 专利失效 --------------------------------------------------------------------------------

def section_lapses(ctx: Context) -> Section:
    found = lapses.summary(lapses.LapseQuery(ctx.undated, ctx.period.start, ctx.period.end))
    before = lapses.total(lapses.LapseQuery(ctx.undated, ctx.prior.start, ctx.prior.end))
    rule = labels.REPORT_RULES["lapses"]
    reasons = [[r["label"], int(r["n"])] for r in found["by_reason"].to_dict("records")]
    places = [[r["name"], int(r["n"])]
              for r in found["by_subregion"].head(TOP_SUBREGIONS).to_dict("records")]
    tables = [Table("lapses", labels.REPORT_TABLES["lapses"], [C["reason"], C["count"]], reasons,
                    rule),
              Table("lapse_regions", labels.REPORT_TABLES["lapse_regions"],
                    [C["region"], C["count"]], places, rule)]
    section = Section("lapses", labels.REPORT_SECTIONS["lapses"], tables=tables)
    if not reasons:
        section.sentences.append(labels.REPORT_NO_DATA)
        return section
    section.sentences.append(labels.REPORT_TEXT["lapses"].format(
        period=ctx.period.name, total=count(found["total"]), change=change(found["total"], before),
        top=reasons[0][0], top_n=count(reasons[0][1])))
    title = labels.REPORT_CHARTS["lapses"]
    section.charts.append(Chart(title, charts.pie_chart([r[0] for r in reasons],
                                                        [r[1] for r in reasons])))
    return section


# --- 异常申请监测 ----------------------------------------------------------------------------

def section_abnormal(ctx: Context) -> Section:
    limits = abnormal.thresholds(ctx.period.end)
    cases = abnormal.detect(ctx.region, ctx.period.end, limits)
    rows = [[labels.ABNORMAL_KIND[c.kind], c.subject, c.start, c.end, c.count,
             labels.ABNORMAL_DETAIL.get(c.kind, "{detail}").format(detail=c.detail)
             if c.detail else ""] for c in cases[:TOP_ABNORMAL]]
    header = [C["signal"], C["subject"], C["start"], C["end"], C["count"], C["detail"]]
    table = Table("abnormal", labels.REPORT_TABLES["abnormal"], header, rows,
                  labels.ABNORMAL_RULE.format(**limits) + "。" + labels.ABNORMAL_NOTE)
    section = Section("abnormal", labels.REPORT_SECTIONS["abnormal"], tables=[table])
    if not cases:
        section.sentences.append(labels.REPORT_TEXT["abnormal_none"])
        return section
    kinds: dict[str, int] = {}
    for case in cases:
        kinds[labels.ABNORMAL_KIND[case.kind]] = kinds.get(labels.ABNORMAL_KIND[case.kind], 0) + 1
    section.sentences.append(labels.REPORT_TEXT["abnormal"].format(
        total=count(len(cases)), kinds=listing([f"{k}{n}条" for k, n in kinds.items()])))
    return section
