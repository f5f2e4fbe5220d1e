"""Alerts: the standing list of what threatens the region's stock of valid patents, refreshed by a
job. One row per (kind, subject, due date); an alert stays open while its condition holds and is
closed (status 'done') when it no longer does, so staff see what is new since yesterday.

Kinds: fee_due (annual fee due within the warning window), fee_grace (inside the 6-month grace
period), expiry (term ends within `expiry_months`), transfer_out (a transfer registered in the last
`transfer_days` days moved a patent's holder out of the region).
Conditions reuse the monitoring queries (core.fee_warnings, core.expiry_notices).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw
from peewee import Value, fn

from core.db import db, version
from core.db.models import Alert, LegalEvent, Patent
from core.monitor.expiry import ExpiryQuery
from core.monitor.expiry import where as expiry_where
from core.monitor.fee_warnings import FeeQuery, due_map
from core.monitor.fee_warnings import where as fee_where
from core.regions.query import Scope
from core.regions.scope import region_filter

KINDS = ("fee_due", "fee_grace", "expiry", "transfer_out")
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
        return self._select(Value(self.kind), self.key(), self.patent_id, Patent.county_code,
                            Patent.street_code, self.day, Value(self.severity), Value("open"),
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
        Source("transfer_out", moved_out, LegalEvent.date, 2, LegalEvent.patent),
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
        version.bump()
    return result


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
