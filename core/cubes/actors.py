"""actor_cube: 趋势统计's applicants (distinct first holders), agencies (distinct agencies),
inventor person-times and filings per filing year, for every province, city and county code
and every set of patent types (a bit mask: distinct counts do not add up across types or
regions, so each set is counted on its own). Undated division scopes by year read it.

Measures: applicants, agencies, inventors (summed inventor counts, a row only when not 0) and
patents (the filings: a year with a patents row is a year with filings). Every row is dropped
when its count is 0, so a change (core.cubes.delta) nets signed rows per key:
- patents and inventors add up: the changed patents' rows before (−) and after (+);
- applicants and agencies, exactly from each touched key (holder or agency) of each cell
  (region, year): the set of types it has filings of there, after the change (from the touched
  keys' rows of quality_year_cube, which counts each key's patents per county, type and year)
  and before it (the same counts minus the changed patents' net rows). A key counts in a type
  set when its types meet the set, so a key whose set of types changed moves the counts of the
  type sets it newly meets (+1) or no longer meets (−1); every other key leaves the cell as it
  was.
"""
from __future__ import annotations

from collections.abc import Callable

from core.db import db
from core.db.models import PATENT_TYPES, ActorCube, QualityYearCube

TYPE_BITS = {t: 1 << i for i, t in enumerate(PATENT_TYPES)}  # invention 1, utility 2, design 4
OTHER_BIT = 1 << len(PATENT_TYPES)  # any other stored type (only in the "every type" set)
ALL_TYPES = (1 << (len(PATENT_TYPES) + 1)) - 1
LEVELS = ("province_code", "city_code", "county_code")
COLUMNS = ("region", "types", "year", "measure", "n")
DISTINCT = (("applicants", "h", "holder", "first_holder_id"),
            ("agencies", "a", "agency", "agency_id"))
KEYS = "actor_keys"  # temporary: the changed patents' holder, agency, type and cell, signed
FILED = "actor_filed"  # temporary: the changed patents with a filing date (emit)


def type_mask(patent_types: tuple[str, ...]) -> int:
    """The actor_cube set of a scope's types (every type: ALL_TYPES, other stored types too)."""
    if not patent_types or set(patent_types) >= set(PATENT_TYPES):
        return ALL_TYPES
    return sum(TYPE_BITS[t] for t in set(patent_types))


def bit(column: str) -> str:
    """SQL: the type bit of a patent_type column."""
    cases = " ".join(f"WHEN '{t}' THEN {b}" for t, b in TYPE_BITS.items())
    return f"(CASE {column} {cases} ELSE {OTHER_BIT} END)"


def type_sets() -> str:
    """SQL: a table of the type sets (column types) actor_cube counts."""
    masks = [m for m in range(1, ALL_TYPES + 1) if m == ALL_TYPES or m < OTHER_BIT]
    return "(" + " UNION ALL ".join(f"SELECT {m} AS types" for m in masks) + ") s"


def actors(region: str, patent_types: tuple[str, ...], years=True) -> list[tuple]:
    """(year, applicants, inventors, agencies) per filing year of a province, city or county
    code, by year (the years with filings); `years`: a condition on ActorCube.year."""
    rows = (ActorCube.select(ActorCube.year, ActorCube.measure, ActorCube.n)
            .where((ActorCube.region == region) & (ActorCube.types == type_mask(patent_types))
                   & years).tuples())
    by_year: dict = {}
    for year, measure, n in rows:
        by_year.setdefault(year, {})[measure] = n
    years = sorted((y for y, m in by_year.items() if "patents" in m),
                   key=lambda y: (y is not None, y or 0))
    return [(y, by_year[y].get("applicants", 0), by_year[y].get("inventors", 0),
             by_year[y].get("agencies", 0)) for y in years]


# --- the whole table --------------------------------------------------------------------------

def build() -> None:
    """From stats_base (core.cubes.stats: the patents grouped by region columns, year, type,
    first holder h and agency a, with n and inv): the sums, then per region level each key's
    set of types per year, the keys per (year, set), and the sums over the sets meeting each
    type set."""
    ActorCube.delete().execute()
    run = db.obj.execute_sql
    insert = f"INSERT INTO {ActorCube._meta.table_name} ({', '.join(COLUMNS)}) "
    for select in sum_rows("(SELECT * FROM stats_base WHERE has_app = 1) b"):
        run(insert + select)
    mask = " + ".join(f"MAX({bit('patent_type')} & {b})" for b in (*TYPE_BITS.values(), OTHER_BIT))
    for level in LEVELS:
        for measure, key, _, _ in DISTINCT:
            per_key = (f"SELECT {level} AS code, app_year AS y, {key}, {mask} AS m FROM stats_base "
                       f"WHERE has_app = 1 AND {level} IS NOT NULL AND {key} IS NOT NULL "
                       f"GROUP BY {level}, app_year, {key}")
            per_mask = f"SELECT code, y, m, COUNT(*) AS c FROM ({per_key}) g GROUP BY code, y, m"
            run(insert + f"SELECT code, s.types, y, '{measure}', SUM(c) FROM ({per_mask}) gm "
                f"JOIN {type_sets()} ON (gm.m & s.types) <> 0 GROUP BY code, s.types, y")


def sum_rows(source: str) -> list[str]:
    """SELECTs of the patents and inventors rows (COLUMNS order) of `source`, a FROM item with
    the region columns, app_year, patent_type, n (patents) and inv (inventors)."""
    out = []
    for level in LEVELS:
        for measure, value in (("patents", "n"), ("inventors", "inv")):
            out.append(f"SELECT {level}, s.types, app_year, '{measure}', SUM({value}) "
                       f"FROM {source} JOIN {type_sets()} ON ({bit('patent_type')} & s.types) <> 0 "
                       f"WHERE {level} IS NOT NULL GROUP BY {level}, s.types, app_year "
                       f"HAVING SUM({value}) <> 0")
    return out


# --- a change of a few patents (core.cubes.delta) --------------------------------------------

def reset() -> None:
    db.obj.execute_sql(f"DROP TABLE IF EXISTS {KEYS}")
    db.obj.execute_sql(f"CREATE TEMPORARY TABLE {KEYS} (province_code VARCHAR(2), "
                       "city_code VARCHAR(4), county_code VARCHAR(6), year INTEGER, h INTEGER, "
                       "a INTEGER, t VARCHAR(10), sgn INTEGER)")


def emit(only_sql: str, sign: int, insert: Callable) -> None:
    """The patents `only_sql` selects (SQL giving ids): their patents and inventors rows into
    the delta (insert: core.cubes.delta's inserter of this sign), their cells and keys noted
    with `sign` for distinct_delta(). The filed ones are read from the patent table once."""
    run = db.obj.execute_sql
    run(f"DROP TABLE IF EXISTS {FILED}")
    run(f"CREATE TEMPORARY TABLE {FILED} AS SELECT province_code, city_code, county_code, "
        f"app_year, patent_type, 1 AS n, inventor_count AS inv, first_holder_id, agency_id "
        f"FROM patent WHERE id IN ({only_sql}) AND app_date IS NOT NULL")
    try:
        for select in sum_rows(f"{FILED} b"):
            insert(select)
        run(f"INSERT INTO {KEYS} SELECT province_code, city_code, county_code, app_year, "
            f"first_holder_id, agency_id, patent_type, {int(sign)} FROM {FILED}")
    finally:
        run(f"DROP TABLE {FILED}")


def distinct_delta(insert: Callable) -> None:
    """After the change (every patent of it noted before and after): the applicants and
    agencies rows' net change into the delta (insert: a +1 inserter), per key whose set of
    types in a cell changed."""
    for measure, key, subject, column in DISTINCT:
        _net_keys(key)
        if db.obj.execute_sql("SELECT 1 FROM actor_net LIMIT 1").fetchone():
            _current(subject, column)
            insert(_moved_sql(measure))
            db.obj.execute_sql("DROP TABLE actor_cur")
        db.obj.execute_sql("DROP TABLE actor_net")
    db.obj.execute_sql(f"DROP TABLE {KEYS}")


def _net_keys(key: str) -> None:
    """actor_net: per (region, year, key, type bit) the changed patents' net count (after −
    before), where not 0; lvl: the region's level (LEVELS index)."""
    per_level = " UNION ALL ".join(
        f"SELECT {level} AS region, year, {key} AS k, {bit('t')} AS b, SUM(sgn) AS net, "
        f"{depth} AS lvl FROM {KEYS} WHERE {level} IS NOT NULL AND {key} IS NOT NULL "
        f"GROUP BY {level}, year, {key}, t HAVING SUM(sgn) <> 0"
        for depth, level in enumerate(LEVELS))
    db.obj.execute_sql(f"CREATE TEMPORARY TABLE actor_net AS {per_level}")


def _current(subject: str, column: str) -> None:
    """actor_cur: per cell of actor_net (region, year, key) the filings now, per type bit.
    Read from quality_year_cube, already merged (core.cubes.delta merges it first): its rows
    count each key's patents per county, type and filing year — a few rows per cell instead of
    every filing of a big agency in the touched years —, less the patents it counts that have a
    filing year but no filing date; the filings without a filing year are read from the patent
    table (both kinds are rare: app_year is the year of app_date when the date is known)."""
    cells = "(SELECT DISTINCT region, year, k, lvl FROM actor_net) c"
    region = " ".join(f"WHEN {depth} THEN r.{level}" for depth, level in enumerate(LEVELS))
    in_cell = f"r.k = c.k AND (CASE c.lvl {region} END) = c.region"
    counted = (f"(SELECT province_code, city_code, county_code, app_year, subject_id AS k, "
               f"patent_type, n FROM {QualityYearCube._meta.table_name} "
               f"WHERE subject = '{subject}') r")
    db.obj.execute_sql(  # on its own: joined to the cells, the key's index would be read
        f"CREATE TEMPORARY TABLE actor_odd AS SELECT province_code, city_code, county_code, "
        f"app_year, {column} AS k, patent_type, CASE WHEN app_date IS NULL THEN -1 ELSE 1 END "
        f"AS n FROM patent WHERE +{column} IN (SELECT k FROM actor_net) AND ((app_date IS NULL "
        f"AND app_year IS NOT NULL) OR (app_year IS NULL AND app_date IS NOT NULL))")
    same_year = "(r.app_year = c.year OR (r.app_year IS NULL AND c.year IS NULL))"
    rows = (f"SELECT c.region, c.year, c.k, {bit('r.patent_type')} AS b, r.n FROM {cells} "
            f"CROSS JOIN {counted} WHERE {in_cell} AND r.app_year = c.year UNION ALL "
            f"SELECT c.region, c.year, c.k, {bit('r.patent_type')}, r.n FROM {cells} "
            f"CROSS JOIN actor_odd r WHERE {in_cell} AND {same_year}")
    db.obj.execute_sql("CREATE TEMPORARY TABLE actor_cur AS SELECT region, year, k, b, "
                       f"SUM(n) AS cur FROM ({rows}) u GROUP BY region, year, k, b")
    db.obj.execute_sql("DROP TABLE actor_odd")


def _moved_sql(measure: str) -> str:
    """SQL: per (region, type set, year) the keys that newly meet the set less those that no
    longer do, from each key's set of types after (cur > 0) and before (cur − net > 0)."""
    both = ("SELECT region, year, k, b, cur, 0 AS net FROM actor_cur "
            "UNION ALL SELECT region, year, k, b, 0, net FROM actor_net")
    per_bit = (f"SELECT region, year, k, b, SUM(cur) AS cur, SUM(cur) - SUM(net) AS old "
               f"FROM ({both}) u GROUP BY region, year, k, b")
    masks = ("SELECT region, year, k, SUM(CASE WHEN cur > 0 THEN b ELSE 0 END) AS new_m, "
             "SUM(CASE WHEN old > 0 THEN b ELSE 0 END) AS old_m "
             f"FROM ({per_bit}) pb GROUP BY region, year, k")
    moved = ("CASE WHEN (m.new_m & s.types) <> 0 THEN 1 ELSE 0 END - "
             "CASE WHEN (m.old_m & s.types) <> 0 THEN 1 ELSE 0 END")
    return (f"SELECT m.region, s.types, m.year, '{measure}', SUM({moved}) "
            f"FROM ({masks}) m CROSS JOIN {type_sets()} WHERE m.new_m <> m.old_m "
            f"GROUP BY m.region, s.types, m.year HAVING SUM({moved}) <> 0")
