"""Summary tables of the statistics pages beyond core.cubes, rebuilt with them (core.cubes.rebuild
calls build(); the same stamp keeps them fresh).

ops_cube: the transfers, licences and pledges with a date, grouped by day, kind, the event's
counties/streets before and after, and the patent's region and type — with the count and the
summed amount. The day is kept, so every operations statistic (专利运营统计 per year and per
sub-region, 专利概况 operations, 区域统计 transfers, 趋势统计 operations) reads it for any
region (custom regions too) and any date range, exactly: a few tens of thousands of narrow rows
instead of the events' table rows and a patent look-up per event. `Events` gives the readers
the same columns and counts over the cube or over legal_event ⋈ patent.

actor_cube (core.cubes.actors): 趋势统计's applicants, agencies, inventors and filings per
filing year and set of patent types.

agency_cube (table agency_year_cube): 代理机构统计's volumes (filings, valid, withdrawn or
rejected) per county × agency × type × first holder's kind × filing year, for division scopes
without a date range or with whole calendar years. A change of a holder's kind
(core.holders.update_holder) invalidates the cubes.

agency_field_cube: 代理机构统计's main fields — patents with an agency and an IPC subclass per
city × agency × type × subclass over all time, for undated province and city scopes (the main
fields of the 30 biggest agencies read 3,660,000 patents of the 5M province from the index).
"""
from __future__ import annotations

from dataclasses import dataclass

import peewee as pw
from peewee import fn

from core.cubes import actors, freshness
from core.db import db
from core.db.models import PATENT_TYPES, AgencyCube, AgencyFieldCube, LegalEvent, OpsCube, Patent
from core.db.sql import count_if
from core.regions.scope import canonical, region_filter

EVENT_KINDS = ("transfer", "license", "pledge")
EVENT_DIMS = ("kind", "date", "county_before", "county_after", "street_before", "street_after")
PATENT_DIMS = ("province_code", "city_code", "county_code", "street_code", "patent_type")


def build() -> None:
    """Recompute ops_cube, actor_cube and agency_cube (inside the caller's transaction). The
    last two read one grouped scan of the patents (temporary table stats_base)."""
    build_ops()
    _base_table()
    actors.build()
    build_agencies()
    db.obj.execute_sql("DROP TABLE stats_base")
    build_agency_fields()


BASE_DIMS = "province_code, city_code, county_code, app_year, patent_type"
WITHDRAWN_REASONS = ("withdrawn", "rejected")


def _base_table(where: str = "", params: tuple = ()) -> None:
    """Temporary table stats_base: the patents (those `where` keeps) grouped by region columns,
    filing year, type, first holder (h), agency (a) and whether the filing date is known
    (has_app), with the count, valid, withdrawn or rejected, and the inventors summed."""
    has_app = "CASE WHEN app_date IS NULL THEN 0 ELSE 1 END"
    reasons = ", ".join(f"'{r}'" for r in WITHDRAWN_REASONS)
    db.obj.execute_sql("DROP TABLE IF EXISTS stats_base")
    db.obj.execute_sql(
        f"CREATE TEMPORARY TABLE stats_base AS SELECT {BASE_DIMS}, first_holder_id AS h, "
        f"agency_id AS a, {has_app} AS has_app, COUNT(*) AS n, "
        f"SUM(CASE WHEN status = 'valid' THEN 1 ELSE 0 END) AS n_valid, "
        f"SUM(CASE WHEN status_reason IN ({reasons}) THEN 1 ELSE 0 END) AS n_withdrawn, "
        f"SUM(inventor_count) AS inv FROM patent {where} "
        f"GROUP BY {BASE_DIMS}, first_holder_id, agency_id, {has_app}", params)


# --- ops_cube ---------------------------------------------------------------------------------

OPS_COLUMNS = (*EVENT_DIMS, *PATENT_DIMS, "n", "amount")


def build_ops() -> None:
    OpsCube.delete().execute()
    OpsCube.insert_from(ops_rows(None), [getattr(OpsCube, c) for c in OPS_COLUMNS]).execute()


def ops_rows(only: pw.Node | None) -> pw.Select:
    """ops_cube's rows from the events of the patents whose ids `only` selects (all: None)."""
    dims = [getattr(LegalEvent, d) for d in EVENT_DIMS] + [getattr(Patent, d) for d in PATENT_DIMS]
    select = (LegalEvent.select(*dims, fn.COUNT(LegalEvent.id), fn.SUM(LegalEvent.amount))
              .join(Patent, pw.JOIN.CROSS)
              .where((LegalEvent.patent == Patent.id) & LegalEvent.kind.in_(EVENT_KINDS)
                     & LegalEvent.date.is_null(False))
              .group_by(*dims))
    return select if only is None else select.where(LegalEvent.patent.in_(only))


@dataclass(frozen=True)
class Events:
    """Operations events as the readers see them: from ops_cube (cube=True: transfers, licences
    and pledges with a date only) or from legal_event joined to its patent. event(name): an
    event column (kind, date, county_before …); patent(name): the patent's column (city_code,
    patent_type …); count/count_if/amount_if: the aggregates."""
    cube: bool

    @classmethod
    def for_stats(cls) -> Events:
        return cls(freshness.usable())

    @property
    def model(self):
        return OpsCube if self.cube else LegalEvent

    def event(self, name: str) -> pw.Field:
        return getattr(OpsCube if self.cube else LegalEvent, name)

    def patent(self, name: str) -> pw.Field:
        return getattr(OpsCube if self.cube else Patent, name)

    def select(self, *columns, join: bool = True) -> pw.Select:
        """SELECT columns FROM the events (live: joined to the patent when `join`; the CROSS
        JOIN keeps SQLite's order: events by kind and date, then the patent by key)."""
        if self.cube:
            return OpsCube.select(*columns)
        query = LegalEvent.select(*columns)
        if join:
            query = query.join(Patent, pw.JOIN.CROSS).where(LegalEvent.patent == Patent.id)
        return query

    def count(self) -> pw.Node:
        return fn.SUM(OpsCube.n) if self.cube else fn.COUNT(LegalEvent.id)

    def count_if(self, condition) -> pw.Node:
        return count_if(condition, OpsCube.n if self.cube else 1)

    def amount_if(self, condition) -> pw.Node:
        return fn.SUM(pw.Case(None, [(condition, self.event("amount"))], 0))

    def region(self, code: str | None) -> pw.Expression | bool:
        """The patent inside region `code` (core.scope.region_filter on the patent columns)."""
        return region_filter(canonical(code), model=self.model if self.cube else Patent) \
            if code else True

    def types(self, patent_types: tuple[str, ...]) -> pw.Expression | bool:
        if not patent_types or set(patent_types) >= set(PATENT_TYPES):
            return True
        return self.patent("patent_type").in_(list(patent_types))


# --- agency_cube ------------------------------------------------------------------------------

AGENCY_COLUMNS = ("province_code", "city_code", "county_code", "agency_id", "patent_type",
                  "app_year", "holder_kind", "n", "n_valid", "n_withdrawn")


def build_agencies() -> None:
    """From stats_base: the patents with an agency, with the first holder's kind."""
    AgencyCube.delete().execute()
    db.obj.execute_sql(f"INSERT INTO {AgencyCube._meta.table_name} "
                       f"({', '.join(AGENCY_COLUMNS)}) {agency_rows_sql()}")


FIELD_COLUMNS = ("province_code", "city_code", "agency_id", "patent_type", "ipc_subclass", "n")


def build_agency_fields() -> None:
    AgencyFieldCube.delete().execute()
    db.obj.execute_sql(f"INSERT INTO {AgencyFieldCube._meta.table_name} "
                       f"({', '.join(FIELD_COLUMNS)}) {field_rows_sql()}")


def field_rows_sql(where: str = "") -> str:
    """agency_field_cube's rows of the patents (and `where`, SQL starting with AND)."""
    keys = ", ".join(FIELD_COLUMNS[:-1])
    return (f"SELECT {keys}, COUNT(*) FROM patent WHERE agency_id IS NOT NULL "
            f"AND ipc_subclass IS NOT NULL {where} GROUP BY {keys}")


def agency_rows_sql() -> str:
    """agency_cube's rows from stats_base (SQL)."""
    dims = ", ".join(f"b.{d}" for d in BASE_DIMS.split(", "))
    return (
        f"SELECT b.province_code, b.city_code, b.county_code, b.a, b.patent_type, b.app_year, "
        f"k.kind, SUM(b.n), SUM(b.n_valid), SUM(b.n_withdrawn) FROM stats_base b "
        f"LEFT JOIN holder k ON k.id = b.h WHERE b.a IS NOT NULL GROUP BY {dims}, b.a, k.kind")
