"""`python -m core fees --type invention --filed 2019-03-15 --grant-year 3 --on 2022-05-01 [--json]`:
the annual-fee schedule (year, due date, full and reduced amount) and the fee state on a day,
assuming every year before the current patent year was paid (or through --paid-through)."""
from __future__ import annotations

import datetime as dt
import json

from core.cli import CliError, open_db, positive
from core.config import labels
from core.rules import fees
from core.rules.terms import normalize_type, patent_year_on


def configure(parser) -> None:
    parser.add_argument("--type", required=True, help="invention|utility|design|发明|实用新型|外观设计")
    parser.add_argument("--filed", required=True, type=dt.date.fromisoformat, help="申请日 YYYY-MM-DD")
    parser.add_argument("--grant-year", required=True, type=int, help="授权当年的专利年度")
    parser.add_argument("--on", type=dt.date.fromisoformat, default=None, help="查询日（默认今天）")
    parser.add_argument("--paid-through", type=int, default=None, help="已缴至第几年度")
    parser.add_argument("--reduced", action="store_true", help="费减备案（单个权利人缴15%%）")
    parser.add_argument("--co-owners", type=int, default=1, help="共有权利人数（费减时缴30%%）")
    parser.add_argument("--json", action="store_true", help="print JSON")


def report(kind: str, filed: dt.date, grant_year: int, on: dt.date, paid_through: int | None,
           reduced: bool, co_owners: int) -> dict:
    """Schedule and state as plain data (dates as ISO strings)."""
    kind = normalize_type(kind)
    if paid_through is None:
        paid_through = max(grant_year, patent_year_on(filed, on) - 1)
    lines = fees.schedule(kind, filed, grant_year, reduced, co_owners)
    state = fees.state_on(kind, filed, grant_year, paid_through, on, reduced, co_owners)
    return json.loads(json.dumps({
        "patent_type": kind, "filed": filed, "grant_patent_year": grant_year, "on": on,
        "paid_through_year": paid_through, "reduced": reduced, "co_owners": co_owners,
        "schedule": [line.as_dict() for line in lines],
        "total_full": sum(x.full for x in lines), "total_payable": sum(x.payable for x in lines),
        "state": state.as_dict()}, default=str))


def run(args) -> int:
    try:
        kind = normalize_type(args.type)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    positive(args.grant_year, "--grant-year")
    positive(args.co_owners, "--co-owners")
    open_db(args)
    data = report(kind, args.filed, args.grant_year, args.on or dt.date.today(),
                  args.paid_through, args.reduced, args.co_owners)
    print(json.dumps(data, ensure_ascii=False, indent=1) if args.json else _text(data))
    return 0


def _text(data: dict) -> str:
    out = [labels.FEES_HEADER.format(type=labels.PATENT_TYPE[data["patent_type"]],
                                     filed=data["filed"], grant=data["grant_patent_year"])]
    out.append(labels.FEES_COLUMNS)
    for x in data["schedule"]:
        due = x["due_date"] or labels.FEES_AT_REGISTRATION
        out.append(f"{x['year']:>4}  {due:<12}  {x['full']:>6}  {x['reduced']:>6}")
    out.append(labels.FEES_TOTAL.format(full=data["total_full"], payable=data["total_payable"]))
    out.append(_state_text(data["state"]))
    return "\n".join(out)


def _state_text(s: dict) -> str:
    name = labels.FEE_STATE[s["state"]]
    if s["state"] == "grace":
        name = labels.GRACE_MONTH.format(n=s["grace_month"])
    if s["state"] == "expired":
        return labels.FEES_STATE_LINE_SHORT.format(on=s["on"], state=name)
    text = labels.FEES_STATE_LINE.format(on=s["on"], state=name, year=s["year"], due=s["due_date"],
                                         amount=s["amount"], surcharge=s["surcharge"],
                                         rate=s["surcharge_rate"], last=s["point_of_no_return"])
    if s["state"] == "terminated":
        text += labels.FEES_TERMINATED.format(date=s["termination_date"],
                                              restore=s["restore_by"], cost=s["restoration_cost"])
    return text
