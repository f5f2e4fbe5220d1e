"""Month arithmetic of the indicator cube, in Python and in SQL (SQLite and PostgreSQL): month
index = year × 12 + month − 1, and the month in which each kind of change happens."""
from __future__ import annotations

import datetime as dt

import peewee as pw
from peewee import fn

from core.db import is_postgres
from core.db.models import Industry, LegalEvent, Patent, PatentIndustry
from core.rules import highvalue
from core.rules.counting import known_granted

FIRST_PLEDGE = "first_pledge"  # derived table: each patent's first pledge over the threshold


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_end(index: int) -> dt.date:
    year, month = divmod(index + 1, 12)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def month_start(index: int) -> dt.date:
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def whole_months_to(day: dt.date) -> int:
    """The last month index the cube answers for `day` (its own month when it is a month end)."""
    return month_index(day) - (0 if is_month_end(day) else 1)


def long_rule_key(rule: dict | None = None) -> str:
    """The high-value rule the cube's dated kinds were built under: the long-maintained rule,
    the enabled categories and the pledge threshold."""
    rule = rule or highvalue.rules()
    flags = "".join("1" if rule.get(c) else "0" for c in highvalue.CATEGORIES)
    return (f"{rule['maintained_from']}:{int(rule['maintained_years'])}:{flags}"
            f":{int(rule['pledge_amount'])}")


def _sql_year(expr: pw.Node) -> pw.Node:
    if is_postgres():
        return pw.Cast(fn.date_part("year", expr), "integer")
    return pw.Cast(fn.strftime("%Y", expr), "integer")


def sql_month(expr: pw.Node) -> pw.Node:
    if is_postgres():
        return pw.Cast(fn.date_part("year", expr) * 12 + fn.date_part("month", expr) - 1,
                       "integer")
    return _sql_year(expr) * 12 + pw.Cast(fn.strftime("%m", expr), "integer") - 1


def _next_day(column: pw.Field) -> pw.Node:
    if is_postgres():
        return column + pw.SQL("1")
    return fn.date(column, "+1 day")


def _month_day(expr: pw.Node) -> pw.Node:
    return fn.to_char(expr, "MM-DD") if is_postgres() else fn.strftime("%m-%d", expr)


def _long_month(anchor: pw.Field, years: int) -> pw.Node:
    """Month in which anchor < day − `years` years first holds: the month of anchor + 1 day,
    `years` years on — one month later when that day is 29 February and the year it lands in
    is not a leap year (core.calendar.add_years clamps 29 February to the 28th)."""
    nxt = _next_day(anchor)
    landing = _sql_year(nxt) + years
    leap = ((_mod(landing, 4) == 0) & (_mod(landing, 100) != 0)) | (_mod(landing, 400) == 0)
    shift = pw.Case(None, [((_month_day(nxt) == "02-29") & ~leap, 1)], 0)
    return sql_month(nxt) + 12 * years + shift


def _mod(value: pw.Node, divisor: int) -> pw.Node:
    """value % divisor in SQL (peewee's `%` operator means LIKE; psycopg2 reserves `%`)."""
    if is_postgres():
        return fn.MOD(value, divisor)
    return pw.NodeList((value, pw.SQL("%"), pw.Value(divisor)), parens=True)


def _greatest(a: pw.Node, b: pw.Node) -> pw.Node:
    return fn.GREATEST(a, b) if is_postgres() else fn.MAX(a, b)


def first_pledges(rule: dict, only: pw.Node | None = None) -> pw.Select:
    """Derived table (pid, day, sei) of the patents with a pledge over the threshold (of those
    whose ids `only` selects): the day of the first such pledge; sei NULL. Without `only`, the
    patents in a strategic emerging industry too (sei 1, day NULL unless also pledged): the
    scan of every patent joins the SEI class instead of testing IN (every SEI link) per row,
    which PostgreSQL cannot hash once the links outgrow work_mem and then rescans for each
    patent (a summary rebuild at 3,000,000 patents sat in it over 18 minutes)."""
    event = LegalEvent
    where = ((event.kind == "pledge") & event.date.is_null(False)
             & (event.amount >= rule["pledge_amount"]))
    if only is not None:
        where &= event.patent.in_(only)
    pledged = event.select(event.patent.alias("pid"), event.date.alias("day"),
                           pw.SQL("NULL").alias("sei")).where(where)
    if only is None:
        codes = Industry.select(Industry.code).where(Industry.kind == "sei")
        link = PatentIndustry
        pledged += link.select(link.patent.alias("pid"), pw.SQL("NULL").alias("day"),
                               pw.Value(1).alias("sei")).where(link.industry_code.in_(codes))
    both = pledged.alias("pledged_or_sei")
    return (both.select_from(both.c.pid, fn.MIN(both.c.day).alias("day"),
                             fn.MAX(both.c.sei).alias("sei"))
            .group_by(both.c.pid).alias(FIRST_PLEDGE))


def _least(a: pw.Node | None, b: pw.Node | None) -> pw.Node | None:
    """The smaller of two month expressions, ignoring NULL (None: no such expression)."""
    if a is None or b is None:
        return a if b is None else b
    return pw.Case(None, [(a.is_null(), b), (b.is_null(), a), (a < b, a)], b)


def high_value_month(rule: dict, pledges: pw.Select, few: bool = False) -> pw.Node | None:
    """Month from whose end on a patent meets a high-value category (core.rules.highvalue,
    judged as of the day): 0 for a dateless category, else the earlier of the month it passes
    the long-maintained line and the month of its first pledge over the threshold (`pledges`,
    first_pledges joined to `patent`); NULL when never; None when no category is enabled."""
    years = int(rule["maintained_years"])
    anchor = Patent.grant_date if rule["maintained_from"] == "grant" else Patent.app_date
    dated = _long_month(anchor, years) if rule.get("long_maintained") else None
    if rule.get("pledge"):
        dated = _least(dated, sql_month(pledges.c.day))
    sei = None if few else pledges.c.sei.is_null(False)  # first_pledges without `only`
    dateless = highvalue.dateless_condition(rule, few=few, sei=sei)
    if dateless is None:
        return dated
    return pw.Case(None, [(dateless, 0)], dated if dated is not None else None)


def kind_selects(long_rule: dict, pledges: pw.Select, few: bool = False
                 ) -> list[tuple[str, pw.Node, pw.Expression]]:
    """(kind, month expression, row condition) of every kind, on `patent` joined to `pledges`
    (first_pledges); few=True for the changed patents of an upkeep (the SEI check as an index
    probe per row: an IN over every SEI link of the database was rehashed, or at PostgreSQL
    province scale rescanned, for a few thousand rows)."""
    years = int(long_rule["maintained_years"])
    anchor = Patent.grant_date if long_rule["maintained_from"] == "grant" else Patent.app_date
    granted = Patent.grant_date.is_null(False) | known_granted()
    lapsed = (Patent.status == "lapsed") & Patent.lapse_date.is_null(False) & granted
    stock = (Patent.status == "valid") | lapsed
    # undated grants enter on their filing date (core.rules.counting.undated_grant)
    enter = fn.COALESCE(sql_month(Patent.grant_date), sql_month(Patent.app_date), 0)
    leave = _greatest(sql_month(Patent.lapse_date), enter)
    long_enter = _greatest(_long_month(anchor, years), enter)
    has_anchor = anchor.is_null(False)
    valid = Patent.status == "valid"
    return [
        ("app", sql_month(Patent.app_date), Patent.app_date.is_null(False)),
        ("pub", sql_month(Patent.pub_date), Patent.pub_date.is_null(False)),
        ("grant", sql_month(Patent.grant_date), Patent.grant_date.is_null(False)),
        ("in", enter, stock),
        ("out", leave, lapsed),
        ("long_in", long_enter, stock & has_anchor),
        ("long_out", _greatest(leave, long_enter), lapsed & has_anchor),
        ("s_in", pw.Value(0), valid),
        ("s_long", _long_month(anchor, years), valid & has_anchor),
        *_high_value_kinds(long_rule, pledges, enter, leave, stock, lapsed, valid, few),
    ]


def _high_value_kinds(rule, pledges, enter, leave, stock, lapsed, valid, few) -> list[tuple]:
    """hv_in / hv_out (as-of basis) and s_hv (status basis) of the high-value stock."""
    month = high_value_month(rule, pledges, few)
    if month is None:  # no category enabled: the kinds exist, no patent enters or leaves
        never = pw.Value(1) == 0
        return [(kind, sql_month(Patent.app_date), never) for kind in ("hv_in", "hv_out", "s_hv")]
    meets = month.is_null(False)
    hv_enter = _greatest(month, enter)
    return [("hv_in", hv_enter, stock & meets),
            ("hv_out", _greatest(leave, hv_enter), lapsed & meets),
            ("s_hv", month, valid & meets)]
