"""Summary tables of the statistics pages beyond core.cubes, rebuilt with them (core.cubes.rebuild
calls build(); the same stamp keeps them fresh).

ops_cube: the transfers, licences and pledges with a date, grouped by day, kind, the event's
counties/streets before and after, and the patent's region and type — with the count and the
summed amount. The day is kept, so every operations statistic (专利运营统计 per year and per
sub-region, 专利概况 operations, 区域统计 transfers, 趋势统计 operations) reads it for any
region (custom regions too) and any date range, exactly: a few tens of thousands of narrow rows
instead of the events' table rows and a patent look-up per event. `Events` gives the readers
the same columns and counts over the cube or over legal_event ⋈ patent.

actor_cube: 趋势统计's applicants (distinct first holders), agencies (distinct agencies) and
inventor person-times per filing year, for every province, city and county code and every set
of patent types (a bit mask: distinct counts do not add up across types or regions, so each
set is counted on its own). Undated division scopes by year read it.

agency_cube (table agency_year_cube): 代理机构统计's volumes (filings, valid, withdrawn or
rejected) per county × agency × type × first holder's kind × filing year, for division scopes
without a date range or with whole calendar years. A change of a holder's kind
(core.holders.update_holder) invalidates the cubes.
"""
from __future__ import annotations

from dataclasses import dataclass

import peewee as pw
from peewee import fn

from core.cubes import freshness
from core.db import db
from core.db.models import PATENT_TYPES, ActorCube, AgencyCube, LegalEvent, OpsCube, Patent
from core.db.sql import count_if
from core.regions.scope import canonical, region_filter

EVENT_KINDS = ("transfer", "license", "pledge")
EVENT_DIMS = ("kind", "date", "county_before", "county_after", "street_before", "street_after")
PATENT_DIMS = ("province_code", "city_code", "county_code", "street_code", "patent_type")
TYPE_BITS = {t: 1 << i for i, t in enumerate(PATENT_TYPES)}  # invention 1, utility 2, design 4
OTHER_BIT = 1 << len(PATENT_TYPES)  # any other stored type (only in the "every type" set)
ALL_TYPES = (1 << (len(PATENT_TYPES) + 1)) - 1
LEVELS = ("province_code", "city_code", "county_code")


def build() -> None:
    """Recompute ops_cube, actor_cube and agency_cube (inside the caller's transaction). The
    last two read one grouped scan of the patents (temporary table stats_base)."""
    build_ops()
    _base_table()
    build_actors()
    build_agencies()
    db.obj.execute_sql("DROP TABLE stats_base")


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


# --- actor_cube -------------------------------------------------------------------------------

def type_mask(patent_types: tuple[str, ...]) -> int:
    """The actor_cube set of a scope's types (every type: ALL_TYPES, other stored types too)."""
    if not patent_types or set(patent_types) >= set(PATENT_TYPES):
        return ALL_TYPES
    return sum(TYPE_BITS[t] for t in set(patent_types))


def _bit(column: str) -> str:
    cases = " ".join(f"WHEN '{t}' THEN {b}" for t, b in TYPE_BITS.items())
    return f"(CASE {column} {cases} ELSE {OTHER_BIT} END)"


def _type_sets() -> str:
    masks = [m for m in range(1, ALL_TYPES + 1) if m == ALL_TYPES or m < OTHER_BIT]
    return " UNION ALL ".join(f"SELECT {m} AS types" for m in masks)


def build_actors(table: str = "actor_cube") -> None:
    """From stats_base (patents with a filing date): per (region columns, year, type, first
    holder) with the inventors summed, and per (…, agency), into temporary tables; then per
    region level: each holder's (agency's) set of types per year, the holders per (year, set),
    and the sums over the sets meeting each type set; the inventors likewise per type."""
    if table == "actor_cube":
        ActorCube.delete().execute()
    run = db.obj.execute_sql
    temps = ("actor_h", "actor_a", "actor_i")
    for name in temps:
        run(f"DROP TABLE IF EXISTS {name}")
    dims = BASE_DIMS
    run(f"CREATE TEMPORARY TABLE actor_h AS SELECT {dims}, h AS k, SUM(inv) AS inv "
        f"FROM stats_base WHERE has_app = 1 GROUP BY {dims}, h")
    run(f"CREATE TEMPORARY TABLE actor_a AS SELECT {dims}, a AS k FROM stats_base "
        f"WHERE has_app = 1 AND a IS NOT NULL GROUP BY {dims}, a")
    run(f"CREATE TEMPORARY TABLE actor_i AS SELECT {dims}, SUM(inv) AS inv FROM actor_h "
        f"GROUP BY {dims}")
    insert = f"INSERT INTO {table} (region, types, year, measure, n) "
    sets = f"({_type_sets()}) s"
    mask = " + ".join(f"MAX({_bit('patent_type')} & {b})"
                      for b in (*TYPE_BITS.values(), OTHER_BIT))
    for level in LEVELS:
        for measure, table in (("applicants", "actor_h"), ("agencies", "actor_a")):
            per_key = (f"SELECT {level} AS code, app_year AS y, k, {mask} AS m FROM {table} "
                       f"WHERE {level} IS NOT NULL AND k IS NOT NULL GROUP BY {level}, app_year, k")
            per_mask = f"SELECT code, y, m, COUNT(*) AS c FROM ({per_key}) g GROUP BY code, y, m"
            run(insert + f"SELECT code, s.types, y, '{measure}', SUM(c) FROM ({per_mask}) gm "
                f"JOIN {sets} ON (gm.m & s.types) <> 0 GROUP BY code, s.types, y")
        run(insert + f"SELECT {level}, s.types, app_year, 'inventors', COALESCE(SUM(inv), 0) "
            f"FROM actor_i JOIN {sets} ON ({_bit('patent_type')} & s.types) <> 0 "
            f"WHERE {level} IS NOT NULL GROUP BY {level}, s.types, app_year")
    for name in temps:
        run(f"DROP TABLE {name}")


def actors(region: str, patent_types: tuple[str, ...], years=True) -> list[tuple]:
    """(year, applicants, inventors, agencies) per filing year of a province, city or county
    code, by year (a year with filings has an inventors row, possibly 0); `years`: a condition
    on ActorCube.year."""
    rows = (ActorCube.select(ActorCube.year, ActorCube.measure, ActorCube.n)
            .where((ActorCube.region == region) & (ActorCube.types == type_mask(patent_types))
                   & years).tuples())
    by_year: dict = {}
    for year, measure, n in rows:
        by_year.setdefault(year, {})[measure] = n
    years = sorted((y for y, m in by_year.items() if "inventors" in m),
                   key=lambda y: (y is not None, y or 0))
    return [(y, by_year[y].get("applicants", 0), by_year[y]["inventors"],
             by_year[y].get("agencies", 0)) for y in years]


# --- agency_cube ------------------------------------------------------------------------------

AGENCY_COLUMNS = ("province_code", "city_code", "county_code", "agency_id", "patent_type",
                  "app_year", "holder_kind", "n", "n_valid", "n_withdrawn")


def build_agencies() -> None:
    """From stats_base: the patents with an agency, with the first holder's kind."""
    AgencyCube.delete().execute()
    db.obj.execute_sql(f"INSERT INTO {AgencyCube._meta.table_name} "
                       f"({', '.join(AGENCY_COLUMNS)}) {agency_rows_sql()}")


def agency_rows_sql() -> str:
    """agency_cube's rows from stats_base (SQL)."""
    dims = ", ".join(f"b.{d}" for d in BASE_DIMS.split(", "))
    return (
        f"SELECT b.province_code, b.city_code, b.county_code, b.a, b.patent_type, b.app_year, "
        f"k.kind, SUM(b.n), SUM(b.n_valid), SUM(b.n_withdrawn) FROM stats_base b "
        f"LEFT JOIN holder k ON k.id = b.h WHERE b.a IS NOT NULL GROUP BY {dims}, b.a, k.kind")


# --- changes of a few patents (core.cubes.delta) -----------------------------------------------

ACTOR_ROWS = "actor_rows"  # temporary: what the changed patents count in actor_cube, signed


def note_actor_rows(only: pw.Node, sign: int) -> None:
    """What the patents `only` selects count in actor_cube — per level: region, filing year,
    first holder, agency, type, inventors — with `sign` (-1 before a change, +1 after), so that
    only the cells whose rows do not cancel out are counted again."""
    db.obj.execute_sql(f"CREATE TEMPORARY TABLE IF NOT EXISTS {ACTOR_ROWS} (region VARCHAR(9), "
                       "year INTEGER, h INTEGER, a INTEGER, t VARCHAR(10), inv INTEGER, "
                       "sgn INTEGER)")
    sql, params = Patent.select(Patent.id).where(Patent.id.in_(only)).sql()
    for level in LEVELS:
        db.obj.execute_sql(
            f"INSERT INTO {ACTOR_ROWS} SELECT {level}, app_year, first_holder_id, agency_id, "
            f"patent_type, inventor_count, {int(sign)} FROM patent WHERE id IN ({sql}) "
            f"AND app_date IS NOT NULL AND {level} IS NOT NULL", params)


ACTOR_CELLS = (f"SELECT DISTINCT region, year FROM (SELECT region, year, SUM(sgn) AS s "
               f"FROM {ACTOR_ROWS} GROUP BY region, year, h, a, t, inv) r WHERE s <> 0")


def recount_actor_cells() -> None:
    """Recount the cells of actor_cube where the changed patents' rows differ before and after:
    distinct holders and agencies do not add up, so each such cell is counted again from the
    patents of its regions and years (a change of statuses alone recounts none, a move between
    counties of one city the two counties only)."""
    run = db.obj.execute_sql
    run("DROP TABLE IF EXISTS actor_cells_d")
    run(f"CREATE TEMPORARY TABLE actor_cells_d AS {ACTOR_CELLS}")
    run(f"DROP TABLE {ACTOR_ROWS}")
    if not run("SELECT 1 FROM actor_cells_d LIMIT 1").fetchone():
        run("DROP TABLE actor_cells_d")
        return
    years = "SELECT year FROM actor_cells_d"
    places = " OR ".join(f"{level} IN (SELECT region FROM actor_cells_d WHERE LENGTH(region) = "
                         f"{size})" for level, size in zip(LEVELS, (2, 4, 6)))
    run("DROP TABLE IF EXISTS actor_new")
    run("CREATE TEMPORARY TABLE actor_new AS SELECT region, types, year, measure, n "
        "FROM actor_cube WHERE 1 = 0")
    _base_table(f"WHERE app_year IN ({years}) AND ({places})")
    build_actors("actor_new")
    run("DROP TABLE stats_base")
    mine = "EXISTS (SELECT 1 FROM actor_cells_d c WHERE c.region = {t}.region AND c.year = {t}.year)"
    run(f"DELETE FROM actor_cube WHERE {mine.format(t='actor_cube')}")
    run("INSERT INTO actor_cube (region, types, year, measure, n) SELECT region, types, year, "
        f"measure, n FROM actor_new WHERE {mine.format(t='actor_new')}")
    for name in ("actor_new", "actor_cells_d"):
        run(f"DROP TABLE {name}")
