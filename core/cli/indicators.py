"""`python -m core indicators --region 3205 --year 2025 [--json]`: each indicator with numerator,
denominator, value, target, completion, gap, projection and the counting rule used."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from core.cli import CliError, open_db, option
from core.config import labels
from core.regions import custom, divisions
from core.rules.counting import (
    BASES,
    FILING_BASES,
    HOLDERS,
    STOCK_BASES,
    CountingRule,
    default_rule,
)
from core.stats import indicators

YEARS = (1985, 2100)  # the Chinese patent law took effect in 1985


def configure(parser) -> None:
    option(parser, "indicators", "--region", required=True)
    option(parser, "indicators", "--year", required=True, type=int)
    option(parser, "indicators", "--on", type=dt.date.fromisoformat, default=None)
    option(parser, "indicators", "--holder", choices=HOLDERS, default=None)
    option(parser, "indicators", "--basis", choices=BASES, default=None)
    option(parser, "indicators", "--fractional", action="store_true", default=None)
    option(parser, "indicators", "--include-foreign", action="store_true", default=None)
    option(parser, "indicators", "--filing-basis", choices=FILING_BASES, default=None)
    option(parser, "indicators", "--stock-basis", choices=STOCK_BASES, default=None)
    option(parser, "indicators", "--json", action="store_true")


def rule_from(args) -> CountingRule:
    """The configured default rule (参数设置) with the options given on the command line."""
    given = {"holder": args.holder, "basis": args.basis, "fractional": args.fractional,
             "domestic_only": None if args.include_foreign is None else not args.include_foreign,
             "filing_basis": args.filing_basis, "stock_basis": args.stock_basis}
    return replace(default_rule(), **{k: v for k, v in given.items() if v is not None})


def run(args) -> int:
    if not YEARS[0] <= args.year <= YEARS[1]:
        raise CliError(labels.CLI_YEAR_RANGE.format(low=YEARS[0], high=YEARS[1], year=args.year))
    open_db(args)
    if custom.name_of(args.region) is None:
        raise CliError(labels.CLI_REGION_UNKNOWN.format(code=args.region))
    report = indicators.compute(args.region, args.year, rule_from(args), args.on)
    if args.json:
        data = {"region": args.region, "year": args.year, "as_of": report.as_of.isoformat(),
                "indicators": [i.as_dict() for i in report.items], "type_mix": report.type_mix}
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    name = divisions.names().get(args.region, args.region)
    print(labels.IND_CLI_HEADER.format(region=name, code=args.region, year=args.year,
                                       day=report.as_of))
    for item in report.items:
        print(_line(item))
    return 0


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def _line(item) -> str:
    completion = "-" if item.completion is None else f"{item.completion:.1%}"
    text = labels.IND_CLI_LINE.format(
        name=item.name, value=_fmt(item.value), unit=item.unit, num=_fmt(item.numerator),
        den=_fmt(item.denominator), target=_fmt(item.target), completion=completion,
        projection=_fmt(item.projection))
    note = f"（{item.note}）" if item.note else ""
    return f"{text}{note}\n    {labels.RULE_PREFIX}{item.rule}"
