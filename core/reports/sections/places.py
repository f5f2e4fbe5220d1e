"""区域排名 (the sub-regions by the period's filings, with their rank move against a year before)
and 产业分布 (the strategic emerging and the key local industries)."""
from __future__ import annotations

from core.config import labels
from core.regions.scope import canonical, is_custom
from core.reports import charts
from core.reports.model import Chart, Context, Section, Table
from core.reports.wording import change, count, listing, or_dash, rank_move, yoy
from core.stats import industry, regions

C = labels.REPORT_COLUMNS
TOP_MOVES = 3  # sub-regions named in the rank-move sentence (largest moves)
TOP_NAMED = 3


def has_children(region: str) -> bool:
    """A street has no sub-regions to rank (a custom region ranks its streets)."""
    code = canonical(region)
    return is_custom(code) or len(code) < 9


def ranks(frame) -> dict[str, int]:
    """code → rank by applications (1 = most; ties share the better rank)."""
    ranked = frame["applications"].rank(method="min", ascending=False)
    return {code: int(r) for code, r in zip(frame["code"], ranked)}


def region_table(ctx: Context) -> tuple[Table, list[tuple[str, int, str]]]:
    """The ranking table, and (name, places moved up, words) of each sub-region ranked both
    years whose rank changed."""
    now, before = regions.table(ctx.scope), regions.table(ctx.prior_scope)
    rank_now, rank_before = ranks(now), ranks(before)
    apps_before = dict(zip(before["code"], before["applications"]))
    rows, moves = [], []
    order = now.assign(r=now["code"].map(rank_now)).sort_values(["r", "code"])
    for r in order.to_dict("records"):
        code = r["code"]
        rows.append([r["name"], int(r["applications"]), or_dash(yoy(r["applications"],
                                                                    apps_before.get(code))),
                     int(r["grants"]), int(r["valid"]), int(r["valid_inventions"]),
                     rank_now[code], rank_move(rank_now[code], rank_before.get(code))])
        if rank_before.get(code) not in (None, rank_now[code]):
            moves.append((r["name"], rank_before[code] - rank_now[code], rows[-1][-1]))
    header = [C["region"], C["applications"], C["yoy"] + "（%）", C["grants"], C["valid"],
              C["valid_inventions"], C["rank"], C["rank_move"]]
    return Table("regions", labels.REPORT_TABLES["regions"], header, rows,
                 labels.REPORT_RULES["regions"]), moves


def _region_sentences(table: Table, moves: list[tuple[str, int, str]]) -> list[str]:
    if not table.rows:
        return []
    top = [f"{r[0]}（{count(r[1])}件）" for r in table.rows[:TOP_NAMED]]
    sentences = [labels.REPORT_TEXT["regions_top"].format(top=listing(top))]
    biggest = sorted(moves, key=lambda m: (-abs(m[1]), m[0]))[:TOP_MOVES]
    if biggest:
        words = [labels.REPORT_TEXT["region_move"].format(name=name, move=move)
                 for name, _, move in biggest]
        sentences.append(labels.REPORT_TEXT["regions_moves"].format(moves=listing(words)))
    return sentences


def section_regions(ctx: Context) -> Section:
    section = Section("regions", labels.REPORT_SECTIONS["regions"])
    if not has_children(ctx.region):
        section.sentences.append(labels.REPORT_TEXT["regions_none"])
        return section
    table, moves = region_table(ctx)
    section.tables.append(table)
    section.sentences += _region_sentences(table, moves)
    if table.rows:
        title = labels.REPORT_CHARTS["regions"]
        section.charts.append(Chart(title, charts.bar_chart(
            [r[0] for r in table.rows], {C["applications"]: [r[1] for r in table.rows]},
            horizontal=True)))
    return section


# --- 产业分布 ---------------------------------------------------------------------------------

def industry_tables(ctx: Context) -> list[Table]:
    """One table per industry kind: the period's filings (with yoy), grants, valid, valid inventions."""
    now, before = industry.summary(ctx.scope), industry.summary(ctx.prior_scope)
    apps_before = dict(zip(before["code"], before["applications"]))
    header = [C["industry"], C["applications"], C["last_year"], C["yoy"] + "（%）", C["grants"],
              C["valid"], C["valid_inventions"]]
    tables = []
    for kind, name in labels.INDUSTRY_KIND.items():
        part = now[now["kind"] == kind]
        rows = [[r["name"], int(r["applications"]), int(apps_before.get(r["code"], 0)),
                 or_dash(yoy(r["applications"], apps_before.get(r["code"]))), int(r["grants"]),
                 int(r["valid"]), int(r["valid_inventions"])] for r in part.to_dict("records")]
        tables.append(Table(f"industry_{kind}", labels.REPORT_TABLES["industry"].format(kind=name),
                            header, rows, labels.REPORT_RULES["industry"]))
    return tables


def _industry_sentence(table: Table) -> str | None:
    if not table.rows:
        return None
    top = max(table.rows, key=lambda r: r[1])
    return labels.REPORT_TEXT["industry"].format(kind=table.title, top=top[0],
                                                 top_apps=count(top[1]),
                                                 top_change=change(top[1], top[2]))


def section_industry(ctx: Context) -> Section:
    tables = industry_tables(ctx)
    section = Section("industry", labels.REPORT_SECTIONS["industry"], tables=tables)
    for table in tables:
        sentence = _industry_sentence(table)
        if sentence:
            section.sentences.append(sentence)
            title = labels.REPORT_CHARTS["industry"].format(kind=table.title)
            section.charts.append(Chart(title, charts.bar_chart(
                [r[0] for r in table.rows], {labels.REPORT_THIS_YEAR: [r[1] for r in table.rows],
                                             labels.REPORT_LAST_YEAR: [r[2] for r in table.rows]},
                horizontal=True)))
    return section
