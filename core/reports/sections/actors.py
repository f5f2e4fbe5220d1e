"""创新主体 (the holders with the most valid patents and the period's new holders) and 代理机构
(the agencies serving the region's holders)."""
from __future__ import annotations

from core.config import labels
from core.regions.query import Scope
from core.reports import charts
from core.reports.model import Chart, Context, Section, Table
from core.reports.wording import change, count, share
from core.stats import agencies, holders, new_holders

C = labels.REPORT_COLUMNS
TOP_HOLDERS = 10
TOP_NEW = 10
TOP_AGENCIES = 10


def holder_table(ctx: Context) -> Table:
    frame = holders.holder_stats(ctx.scope, limit=TOP_HOLDERS)
    rows = [[r["name"], labels.HOLDER_KIND.get(r["kind"], r["kind"] or ""), r["valid_invention"],
             r["valid_utility"], r["valid_design"], r["valid_total"]]
            for r in frame.to_dict("records")]
    header = [C["holder"], C["kind"], C["valid_inventions"], C["valid_utility"],
              C["valid_design"], C["total"]]
    return Table("holders", labels.REPORT_TABLES["holders"].format(n=TOP_HOLDERS), header, rows,
                 labels.REPORT_RULES["holders"])


def new_holder_table(found: dict) -> Table:
    rows = [[r["name"], labels.HOLDER_KIND.get(r["kind"], r["kind"] or ""), r["first_date"],
             int(r["patents"])] for r in found["list"].to_dict("records")]
    header = [C["holder"], C["kind"], C["first_date"], C["patents"]]
    return Table("new_holders", labels.REPORT_TABLES["new_holders"].format(n=TOP_NEW), header,
                 rows, labels.REPORT_RULES["new_holders"])


def new_holder_counts(ctx: Context) -> tuple[dict, int]:
    """The period's new-holder report and the number of new holders a year before, from one
    scan of the region (a holder's first filing there is its own, whatever the period asked)."""
    both = new_holders.firsts(Scope(ctx.region, ctx.prior.start, ctx.period.end))
    firsts = both["first_date"]
    now = both[(firsts >= ctx.period.start) & (firsts <= ctx.period.end)]
    before = int(((firsts >= ctx.prior.start) & (firsts <= ctx.prior.end)).sum())
    return new_holders.report(ctx.scope, limit=TOP_NEW, found=now), before


def section_holders(ctx: Context) -> Section:
    top = holder_table(ctx)
    found, before = new_holder_counts(ctx)
    new = new_holder_table(found)
    digest = found["digest"]
    section = Section("holders", labels.REPORT_SECTIONS["holders"], tables=[top, new])
    if top.rows:
        section.sentences.append(labels.REPORT_TEXT["holders"].format(
            top=top.rows[0][0], valid=count(top.rows[0][5]), new=count(digest["holders"]),
            new_change=change(digest["holders"], before), patents=count(digest["patents"])))
        title = labels.REPORT_CHARTS["holders"]
        section.charts.append(Chart(title, charts.bar_chart(
            [r[0] for r in top.rows], {C["valid_inventions"]: [r[2] for r in top.rows],
                                       C["valid"]: [r[5] for r in top.rows]},
            horizontal=True)))
    return section


# --- 代理机构 ---------------------------------------------------------------------------------

def agency_table(ranked) -> Table:
    rows = [[r["name"], labels.REPORT_YES if r["local"] else "", int(r["filings"]),
             round(float(r["share"]) * 100, 1), int(r["valid_invention"])]
            for r in ranked.head(TOP_AGENCIES).to_dict("records")]
    header = [C["agency"], C["local"], C["filings"], C["share"] + "（%）", C["valid_inventions"]]
    return Table("agencies", labels.REPORT_TABLES["agencies"].format(n=TOP_AGENCIES), header,
                 rows, labels.REPORT_RULES["agencies"])


def section_agencies(ctx: Context) -> Section:
    ranked = agencies.ranking(ctx.scope, limit=None)
    now = agencies.summary(ctx.scope, ranked)
    before = agencies.summary(ctx.prior_scope)
    table = agency_table(ranked)
    section = Section("agencies", labels.REPORT_SECTIONS["agencies"], tables=[table])
    section.sentences.append(labels.REPORT_TEXT["agencies"].format(
        agencies=count(now["agencies"]), filings=count(now["filings"]),
        filings_change=change(now["filings"], before["filings"]),
        local_share=share(now["local_share"]), unagented=count(now["unagented"])))
    if table.rows:
        title = labels.REPORT_CHARTS["agencies"]
        section.charts.append(Chart(title, charts.bar_chart(
            [r[0] for r in table.rows], {C["filings"]: [r[2] for r in table.rows]},
            horizontal=True)))
    return section
