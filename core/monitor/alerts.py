"""Alerts: the standing list of what threatens the region's stock of valid patents, refreshed by a
job. One row per (kind, subject, due date); an alert stays open while its condition holds and is
closed (status 'done') when it no longer does, so staff see what is new since yesterday.

Kinds: fee_due (annual fee due within the warning window), fee_grace (inside the 6-month grace
period), expiry (term ends within `expiry_months`), transfer_out (a transfer registered in the last
`transfer_days` days moved a patent's holder out of the region; placed where it left),
holder_outflow (a holder's transfers out of the region this calendar year reached the parameter
`transfer_out_alert` — one alert per holder and year, kept up to date with the count).
Conditions reuse the monitoring queries (core.fee_warnings, core.expiry_notices,
core.monitor.ops_monitor).

Statuses: open (new), acked (acknowledged by staff), closed (closed by staff), done (the job saw
the condition end). Staff changes (`set_status`) are audited; the job only closes open alerts.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd
import peewee as pw
from peewee import Value, fn

from core.config import rules as ruleparams
from core.db import db, version
from core.db.audit import AuditEvent, record
from core.db.models import Alert, Holder, LegalEvent, Patent, now
from core.monitor import ops_monitor
from core.monitor.expiry import ExpiryQuery
from core.monitor.expiry import where as expiry_where
from core.monitor.fee_warnings import FeeQuery, due_map
from core.monitor.fee_warnings import where as fee_where
from core.regions.query import Scope
from core.regions.scope import region_filter
from core.rules import numbers

KINDS = ("fee_due", "fee_grace", "expiry", "transfer_out", "holder_outflow")
STATUSES = ("open", "acked", "closed", "done")
STAFF_STATUSES = ("open", "acked", "closed")  # what staff may set (open: re-open)
OUTFLOW = "holder_outflow"
EXPIRY_MONTHS = 3
TRANSFER_DAYS = 90
FIELDS = [Alert.kind, Alert.key, Alert.patent, Alert.county_code, Alert.street_code,
          Alert.due_date, Alert.severity, Alert.status, Alert.created_at, Alert.updated_at]


@dataclass(frozen=True)
class Source:
    """Today's alerts of one kind: rows of `model` (patent, or legal_event joined to patent)
    matching `where`, dated by `day`."""
    kind: str
    where: pw.Expression
    day: pw.Field
    severity: int
    patent_id: pw.Field = Patent.id
    county: pw.Node = Patent.county_code
    street: pw.Node = Patent.street_code

    def key(self) -> pw.Expression:
        """'<kind>:<patent id>:<date>' built in SQL (|| works on SQLite and PostgreSQL)."""
        return (Value(f"{self.kind}:").concat(self.patent_id.cast("TEXT")).concat(":")
                .concat(self.day.cast("TEXT")))

    def _select(self, *columns) -> pw.ModelSelect:
        query = self.day.model.select(*columns)
        if self.day.model is not Patent:
            query = query.join(Patent, on=(self.patent_id == Patent.id))
        return query.where(self.where & self.day.is_null(False))

    def rows(self, now: dt.datetime) -> pw.ModelSelect:
        return self._select(Value(self.kind), self.key(), self.patent_id, self.county,
                            self.street, self.day, Value(self.severity), Value("open"),
                            Value(now), Value(now))

    def keys(self) -> pw.ModelSelect:
        return self._select(self.key())


def sources(region: str, on: dt.date) -> list[Source]:
    scope = Scope(region)
    dues = due_map(on)
    moved_out = ((LegalEvent.kind == "transfer")
                 & (LegalEvent.date >= on - dt.timedelta(days=TRANSFER_DAYS))
                 & region_filter(region, _Before) & ~region_filter(region, _After))
    return [
        Source("fee_due", fee_where(FeeQuery(scope, on, ("due_soon",)), dues),
               Patent.next_fee_due, 2),
        Source("fee_grace", fee_where(FeeQuery(scope, on, ("grace",)), dues),
               Patent.next_fee_due, 3),
        Source("expiry", expiry_where(ExpiryQuery(scope, on, EXPIRY_MONTHS)), Patent.expiry_date, 1),
        Source("transfer_out", moved_out, LegalEvent.date, 2, LegalEvent.patent,
               LegalEvent.county_before, LegalEvent.street_before),
    ]


class _Before:
    """region_filter reads region columns by name: these map them onto an event's 'before' side."""
    county_code = LegalEvent.county_before
    street_code = LegalEvent.street_before
    city_code = fn.SUBSTR(LegalEvent.county_before, 1, 4)
    province_code = fn.SUBSTR(LegalEvent.county_before, 1, 2)


class _After:
    county_code = fn.COALESCE(LegalEvent.county_after, "")
    street_code = fn.COALESCE(LegalEvent.street_after, "")
    city_code = fn.SUBSTR(fn.COALESCE(LegalEvent.county_after, ""), 1, 4)
    province_code = fn.SUBSTR(fn.COALESCE(LegalEvent.county_after, ""), 1, 2)


def refresh(region: str, now: dt.datetime) -> dict[str, dict[str, int]]:
    """Open the new alerts and close the ones whose condition ended. Returns counts per kind."""
    result = {}
    with db.atomic():
        for source in sources(region, now.date()):
            of_kind = Alert.select().where(Alert.kind == source.kind)
            before = of_kind.count()
            Alert.insert_from(source.rows(now), FIELDS).on_conflict_ignore().execute()
            closed = (Alert.update(status="done", updated_at=now)
                      .where((Alert.kind == source.kind) & (Alert.status == "open")
                             & Alert.key.not_in(source.keys())).execute())
            result[source.kind] = {"opened": of_kind.count() - before, "closed": closed}
        result[OUTFLOW] = refresh_outflow(region, now)
        version.bump()
    return result


def outflow_rule(region: str = "") -> dict:
    """The rule in force (parameter `transfer_out_alert`: min_transfers)."""
    return ruleparams.value("transfer_out_alert", region or "")


def refresh_outflow(region: str, now: dt.datetime) -> dict[str, int]:
    """One alert per holder whose transfers out of `region` since 1 January reach the rule's
    min_transfers; alerts still open or acknowledged get today's count, open ones of this year
    whose holder fell below (corrected data) are closed."""
    minimum = int(outflow_rule(region)["min_transfers"])
    start = dt.date(now.year, 1, 1)
    over = ops_monitor.players(Scope(region, start, now.date()), "out", limit=None,
                               at_least=minimum)
    prefix = f"{OUTFLOW}:{now.year}:"
    rows = [_outflow_row(prefix, player, minimum, start, now) for player in over.itertuples()]
    of_kind = Alert.select().where(Alert.kind == OUTFLOW)
    before = of_kind.count()
    if rows:
        Alert.insert_many(rows).on_conflict_ignore().execute()
    for row in rows:
        (Alert.update(message=row["message"], due_date=row["due_date"],
                      severity=row["severity"], updated_at=now)
         .where((Alert.key == row["key"]) & Alert.status.in_(["open", "acked"])
                & (Alert.message != row["message"])).execute())
    closed = (Alert.update(status="done", updated_at=now)
              .where((Alert.kind == OUTFLOW) & (Alert.status == "open")
                     & Alert.key.startswith(prefix)
                     & Alert.key.not_in([r["key"] for r in rows])).execute())
    return {"opened": of_kind.count() - before, "closed": closed}


def _outflow_row(prefix: str, player, minimum: int, start: dt.date, now: dt.datetime) -> dict:
    detail = {"name": player.name, "events": int(player.events), "patents": int(player.patents),
              "from": start.isoformat(), "to": now.date().isoformat()}
    return {"kind": OUTFLOW, "key": f"{prefix}{player.name}"[:128],
            "holder": None if pd.isna(player.holder_id) else int(player.holder_id),
            "county_code": player.county, "due_date": player.last_date,
            "severity": 3 if player.events >= 2 * minimum else 2,
            "message": json.dumps(detail, ensure_ascii=False), "status": "open",
            "created_at": now, "updated_at": now}


def open_counts(region: str | None = None) -> dict[str, int]:
    """Open alerts per kind (optionally inside a region)."""
    query = (Alert.select(Alert.kind, fn.COUNT(Alert.id)).where(Alert.status == "open")
             .group_by(Alert.kind))
    if region:
        query = query.where(region_filter(region, _AlertRegion))
    return {kind: n for kind, n in query.tuples()}


class _AlertRegion:
    county_code = Alert.county_code
    street_code = Alert.street_code
    city_code = fn.SUBSTR(Alert.county_code, 1, 4)
    province_code = fn.SUBSTR(Alert.county_code, 1, 2)


# ---- the alert list and staff decisions -----------------------------------------------------

LIST_COLUMNS = ["id", "kind", "status", "subject", "app_no", "county_code", "due_date", "events",
                "severity", "created_at", "updated_at"]


def _listed(region: str | None, kinds: tuple[str, ...], statuses: tuple[str, ...]):
    query = Alert.select().where(Alert.kind.in_(list(kinds)), Alert.status.in_(list(statuses)))
    return query.where(region_filter(region, _AlertRegion)) if region else query


def count(region: str | None, kinds: tuple[str, ...], statuses: tuple[str, ...]) -> int:
    return _listed(region, kinds, statuses).count()


def listing(region: str | None, kinds: tuple[str, ...], statuses: tuple[str, ...],
            limit: int = 200) -> pd.DataFrame:
    """Alerts of `kinds` in `statuses` (inside a region), most severe and newest first. Columns
    LIST_COLUMNS; subject: the holder's name (holder_outflow) or the patent's title; events: the
    holder's transfers out (holder_outflow)."""
    query = (_listed(region, kinds, statuses)
             .select(Alert.id, Alert.kind, Alert.status, Alert.message, Patent.title,
                     Patent.app_no, Holder.name.alias("holder_name"), Alert.county_code,
                     Alert.due_date, Alert.severity, Alert.created_at, Alert.updated_at)
             .join(Patent, pw.JOIN.LEFT_OUTER, on=(Alert.patent == Patent.id))
             .join(Holder, pw.JOIN.LEFT_OUTER, on=(Alert.holder == Holder.id))
             .order_by(Alert.severity.desc(), Alert.due_date.desc(), Alert.id.desc())
             .limit(limit))
    rows = [_list_row(r) for r in query.dicts()]
    return pd.DataFrame(rows, columns=LIST_COLUMNS)


def _list_row(row: dict) -> dict:
    detail = _detail(row["message"])
    subject = detail.get("name") or row["holder_name"] or row["title"]
    return {**{c: row.get(c) for c in LIST_COLUMNS}, "subject": subject,
            "app_no": numbers.display(row["app_no"]) if row["app_no"] else None,
            "events": detail.get("events")}


def _detail(message: str | None) -> dict:
    try:
        detail = json.loads(message) if message else {}
    except ValueError:
        return {}
    return detail if isinstance(detail, dict) else {}


def set_status(alert_id: int, status: str, by: str | None) -> bool:
    """Staff acknowledge (acked), close (closed) or re-open (open) an alert; audited with the
    status before and after. False when the alert already has that status."""
    if status not in STAFF_STATUSES:
        raise ValueError(status)
    with db.atomic():
        alert = Alert.get_by_id(alert_id)
        if alert.status == status:
            return False
        Alert.update(status=status, updated_at=now()).where(Alert.id == alert_id).execute()
        record(AuditEvent(by, "change", "alert", str(alert_id), alert.key, message=status,
                          payload={"status": [alert.status, status]}))
        version.bump()  # the sidebar's counts and the monitor's lists show it on the next run
    return True
