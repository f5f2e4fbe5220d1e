"""`python -m core fees --type invention --filed 2019-03-15 --grant-year 3 --on 2022-05-01 [--json]`:
the annual-fee schedule (year, due date, full, reduced and payable amount, what applied) and the fee
state on a day, assuming every year before the current patent year was paid (or through
--paid-through). --extension-days adds a term compensation (compensated years, 8,000 a year, a
part-year free); --open-licence START[:END] an open licence (15 % off the fees falling due in it,
not combined with the fee reduction). The text output states the rules applied (the reduction years by
due date, the holiday rule) above the schedule."""
from __future__ import annotations

import datetime as dt
import json

from core.cli import CliError, open_db, option, positive, terminal
from core.config import labels
from core.rules import fees, terms
from core.rules.terms import normalize_type, patent_year_on


def configure(parser) -> None:
    option(parser, "fees", "--type", required=True)
    option(parser, "fees", "--filed", required=True, type=dt.date.fromisoformat)
    option(parser, "fees", "--grant-year", required=True, type=int)
    option(parser, "fees", "--on", type=dt.date.fromisoformat, default=None)
    option(parser, "fees", "--paid-through", type=int, default=None)
    option(parser, "fees", "--reduced", action="store_true")
    option(parser, "fees", "--co-owners", type=int, default=1)
    option(parser, "fees", "--extension-days", type=int, default=0)
    option(parser, "fees", "--open-licence", action="append", default=[])
    option(parser, "fees", "--json", action="store_true")


def report(kind: str, filed: dt.date, grant_year: int, on: dt.date, paid_through: int | None,
           reduced: bool, co_owners: int, facts: fees.Facts = fees.NO_FACTS) -> dict:
    """Schedule and state as plain data (dates as ISO strings)."""
    kind = normalize_type(kind)
    if paid_through is None:
        paid_through = max(grant_year, patent_year_on(filed, on) - 1)
    lines = fees.schedule(kind, filed, grant_year, reduced, co_owners, facts)
    state = fees.state_on(kind, filed, grant_year, paid_through, on, reduced, co_owners, facts)
    rule = fees.rules()
    return json.loads(json.dumps({
        "patent_type": kind, "filed": filed, "grant_patent_year": grant_year, "on": on,
        "paid_through_year": paid_through, "reduced": reduced, "co_owners": co_owners,
        "extension_days": facts.extension_days,
        "statutory_end": terms.expiry_date(kind, filed),
        "expiry_date": terms.expiry_date(kind, filed, facts.extension_days),
        "open_licence": [list(p) for p in facts.open_licence],
        "compensation_fee": rule["compensation_fee"],
        "schedule": [line.as_dict() for line in lines],
        "total_full": sum(x.full for x in lines), "total_payable": sum(x.payable for x in lines),
        "state": state.as_dict()}, default=str))


def run(args) -> int:
    try:
        kind = normalize_type(args.type)
        licences = tuple(_period(text) for text in args.open_licence)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    positive(args.grant_year, "--grant-year")
    positive(args.co_owners, "--co-owners")
    if args.extension_days < 0 or (args.extension_days and kind != "invention"):
        raise CliError(labels.CLI_EXTENSION)
    open_db(args)
    data = report(kind, args.filed, args.grant_year, args.on or dt.date.today(),
                  args.paid_through, args.reduced, args.co_owners,
                  fees.Facts(args.extension_days, licences))
    print(json.dumps(data, ensure_ascii=False, indent=1) if args.json else _text(data))
    return 0


def _period(text: str) -> tuple[dt.date, dt.date | None]:
    start, _, end = text.partition(":")
    try:
        return dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None
    except ValueError:
        raise ValueError(labels.CLI_LICENCE_PERIOD.format(value=text)) from None


def _text(data: dict) -> str:
    out = [labels.FEES_HEADER.format(type=labels.PATENT_TYPE[data["patent_type"]],
                                     filed=data["filed"], grant=data["grant_patent_year"])]
    if data["extension_days"]:
        out.append(labels.FEES_EXTENSION.format(days=data["extension_days"],
                                                statutory=data["statutory_end"],
                                                extended=data["expiry_date"],
                                                fee=data["compensation_fee"]))
    if data["open_licence"]:
        periods = "、".join(f"{s} 至 {e or '今'}" for s, e in data["open_licence"])
        out.append(labels.FEES_LICENCE.format(periods=periods))
    out.extend([labels.FEES_REDUCTION_RULE, labels.FEE_HOLIDAY_RULE,
                _row(labels.FEES_COLUMNS)])
    for x in data["schedule"]:
        due = x["due_date"] or labels.FEES_AT_REGISTRATION
        out.append(_row((x["year"], due, x["full"], x["reduced"], x["payable"], _note(x))))
    out.append(labels.FEES_TOTAL.format(full=data["total_full"], payable=data["total_payable"]))
    out.append(_state_text(data["state"]))
    return "\n".join(out)


# display columns and alignment of the schedule's columns (the note last, as long as it is)
COLUMNS = ((4, True), (12, False), (6, True), (6, True), (6, True))


def _row(cells) -> str:
    padded = [terminal.pad(str(c), n, right) for c, (n, right) in zip(cells, COLUMNS)]
    return "  ".join([*padded, str(cells[-1])]).rstrip()


def _note(line: dict) -> str:
    notes = []
    if line["grant_year"]:
        notes.append(labels.FEES_NOTE["grant_year"])
    if line["compensation"]:
        notes.append(labels.FEES_NOTE["compensation" if line["full"] else "part_year"])
    if line["relief"]:
        notes.append(labels.FEES_NOTE[line["relief"]])
    if line["open_licence"] and line["full"] and line["relief"] != "open_licence":
        notes.append(labels.FEES_NOTE["licence_no_gain"])
    return "、".join(notes)


def _state_text(s: dict) -> str:
    name = labels.FEE_STATE[s["state"]]
    if s["state"] == "grace":
        name = labels.GRACE_MONTH.format(n=s["grace_month"])
    if s["state"] == "expired" or s["point_of_no_return"] is None:
        return labels.FEES_STATE_LINE_SHORT.format(on=s["on"], state=name)
    text = labels.FEES_STATE_LINE.format(on=s["on"], state=name, year=s["year"], due=s["due_date"],
                                         amount=s["amount"], surcharge=s["surcharge"],
                                         rate=s["surcharge_rate"], last=s["point_of_no_return"])
    if s["state"] == "terminated":
        text += labels.FEES_TERMINATED.format(date=s["termination_date"],
                                              restore=s["restore_by"], cost=s["restoration_cost"])
    return text
