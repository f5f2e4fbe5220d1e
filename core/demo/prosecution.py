"""From filing to grant: publication (early or at 18 months), substantive examination, grant,
rejection or withdrawal for inventions; grant announcement a few months after filing for utility
models and designs (with the 2021-2022 backlog). Dates are as of `today`: a later step is simply
not there yet and the application is pending."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from core.demo.docnumbers import Numbers

DAY = dt.timedelta(days=1)


@dataclass
class Filing:
    pub_no: str | None = None
    pub_date: dt.date | None = None
    grant_no: str | None = None
    grant_date: dt.date | None = None
    status: str = "pending"
    reason: str | None = None
    status_date: dt.date | None = None
    lapse_date: dt.date | None = None
    events: list[tuple] = field(default_factory=list)  # (kind, code, date, announce, detail)


def gazette(day: dt.date, weekdays: tuple[int, ...] = (1, 4)) -> dt.date:
    while day.weekday() not in weekdays:
        day += DAY
    return day


def examine(rng: random.Random, numbers: Numbers, patent_type: str, app_date: dt.date,
            today: dt.date, doubtful: bool = False) -> Filing:
    """The prosecution of one application. `doubtful`: a planted abnormal filing (mostly fails)."""
    if patent_type == "invention":
        return _invention(rng, numbers, app_date, today, doubtful)
    return _registration(rng, numbers, patent_type, app_date, today, doubtful)


def _invention(rng, numbers: Numbers, app_date, today, doubtful) -> Filing:
    f = Filing(status_date=app_date)
    early = rng.random() < 0.45
    months = rng.uniform(3, 9) if early else rng.uniform(18, 19)
    pub = gazette(app_date + dt.timedelta(days=int(months * 30.4)))
    exam = app_date + dt.timedelta(days=int(rng.uniform(0.2, 1.6) * 365))
    if exam == pub:  # no ties: the order of same-day events would be ambiguous
        exam += DAY
    roll = rng.random()
    outcome = "grant" if roll < (0.2 if doubtful else 0.56) else \
        "rejection" if roll < (0.45 if doubtful else 0.78) else "withdrawal"
    median = 3.0 if app_date.year < 2013 else 2.5 if app_date.year < 2019 else 1.9
    decided = app_date + dt.timedelta(days=int(rng.lognormvariate(0, 0.28) * median * 365))
    if outcome == "withdrawal" and rng.random() < 0.5:
        decided = app_date + dt.timedelta(days=int(rng.uniform(0.6, 3.1) * 365))
    decided = gazette(max(decided, pub + dt.timedelta(days=90), exam + dt.timedelta(days=60)))
    if pub <= today:
        f.pub_date, f.pub_no = pub, numbers.publication("invention", pub)
        f.events.append(("publication", "PB01", pub, pub, "发明专利申请公布"))
        f.reason, f.status_date = "published", pub
    if (exam <= today and exam < decided and outcome != "withdrawal") or \
            (outcome == "withdrawal" and exam <= today and rng.random() < 0.5):
        f.events.append(("exam", "SE01", exam, gazette(exam + 7 * DAY), "实质审查的生效"))
        if exam >= (f.status_date or app_date):
            f.reason, f.status_date = "examining", exam
    if decided > today or f.pub_date is None:
        return f
    if outcome == "grant":
        f.grant_date = decided
        f.grant_no = numbers.invention_grant(f.pub_no, decided)
        f.events.append(("grant", "GR01", decided, decided, "授权"))
        f.status, f.reason, f.status_date = "valid", "granted", decided
    else:
        code = "RJ01" if outcome == "rejection" else "WD01"
        text = "发明专利申请公布后的驳回" if outcome == "rejection" else "发明专利申请公布后的视为撤回"
        f.events.append((outcome, code, decided, gazette(decided + 14 * DAY), text))
        f.status, f.reason = "lapsed", "rejected" if outcome == "rejection" else "withdrawn"
        f.status_date = f.lapse_date = decided
    return f


def _registration(rng, numbers: Numbers, patent_type, app_date, today, doubtful) -> Filing:
    f = Filing(status_date=app_date)
    year = app_date.year
    low, high = (150, 330) if patent_type == "utility" else (100, 240)
    if year in (2021, 2022):
        low, high = low + 90, high + 120
    elif year < 2016:
        low, high = low + 30, high + 30
    decided = gazette(app_date + dt.timedelta(days=rng.randint(low, high)), (1,))
    fails = rng.random() < (0.35 if doubtful else 0.03)
    if decided > today:
        return f
    if fails:
        f.events.append(("withdrawal", "WD01", decided, gazette(decided + 14 * DAY), "视为撤回"))
        f.status, f.reason, f.status_date, f.lapse_date = "lapsed", "withdrawn", decided, decided
        return f
    f.grant_date = f.pub_date = decided
    f.grant_no = f.pub_no = numbers.publication(patent_type, decided)
    f.events.append(("grant", "GR01", decided, decided, "授权"))
    f.status, f.reason, f.status_date = "valid", "granted", decided
    return f
