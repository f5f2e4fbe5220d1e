"""Upkeep of the summary tables in proportion to a change: the contributions of the patents about
to change leave the tables' delta (subtracted), their new contributions join it after the
change (added), and each table takes the net delta on the rows of the keys it touches —
instead of a full rebuild (core.cubes.rebuild), which the nightly job still runs for the
transitions that come with the date.

Every summary table but actor_cube's distinct counts counts patents (or their events, industry
links, holder links) in groups, so the rows of disjoint sets of patents add up: the rows of the
changed patents before and after are all a change needs. actor_cube's distinct holders and
agencies move by the touched holders and agencies whose set of types in a cell changed
(core.cubes.actors.distinct_delta).

    with delta.change() as ch:        # or ch = Change() … ch.apply() across transactions
        ch.before(ids_sql)             # before any write to those patents (writers call
        …writes…                       # delta.before(), a no-op outside a change)
    # on leaving: added, merged, stamped fresh, data version bumped

Patents inserted during the change (ids above the highest at its start) join at the end
without a subtraction. A change begun on stale tables, or on an indicator cube built under
another high-value rule (indicator.is_current), marks them stale and does nothing until its
end, which then rebuilds everything or leaves them to the jobs (apply). Changes are kept per
thread (one connection each: temporary tables).
Two changes of the same patents at once in two processes would count one of them twice: the
writers that run them (imports, checker decisions) are rare; the nightly rebuild settles it.
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import peewee as pw
from peewee import fn

from core.cubes import (
    actors,
    freshness,
    holder_region,
    industry,
    inventor,
    patent,
    quality,
    stats,
    subject,
)
from core.cubes import indicator as indicator_cube
from core.cubes.indicator import changes
from core.cubes.merge import EPSILON, key_index, key_join, merge_net
from core.cubes.rebuild import rebuild
from core.db import db, is_postgres, version
from core.db.models import (
    ActorCube,
    AgencyCube,
    AgencyFieldCube,
    CubeStamp,
    HolderCube,
    HolderRegionCube,
    IndicatorCube,
    IndustryCube,
    InventorCube,
    InventorYearCube,
    OpsCube,
    Patent,
    PatentCube,
    QualityCube,
    QualityYearCube,
    SubjectTotalCube,
    SubjectYearCube,
)
from core.db.sql import absent, analyze_temp, load_temp, query_sql

IDS = "upkeep_ids"  # every patent of the change whose old contributions left
BATCH = "upkeep_batch"  # the patents being subtracted or added now
GIVEN = "upkeep_given"  # ids a writer names
_local = threading.local()


def current() -> Change | None:
    return getattr(_local, "change", None)


def before(ids_sql: str, params: tuple = ()) -> None:
    """Writers call this before changing the patents `ids_sql` (SQL giving patent ids) selects:
    inside a change their contributions leave the tables now; outside, nothing happens."""
    change = current()
    if change is not None:
        change.before(ids_sql, params)


def before_ids(ids) -> None:
    """before() for patent ids given in Python."""
    change = current()
    if change is None:
        return
    load_temp(GIVEN, [("id", "INTEGER PRIMARY KEY")], ((i,) for i in set(ids)))
    change.before(f'SELECT id FROM "{GIVEN}"')
    db.execute_sql(f'DROP TABLE "{GIVEN}"')


@contextmanager
def change(tables=None) -> Iterator[Change]:
    """A change of a few patents inside the caller's transaction (nested: the outer one).
    tables: the only summary tables (models) the change can move (default: every one)."""
    outer = current()
    if outer is not None:
        if not outer.covers(tables):
            raise RuntimeError("a change of more tables inside a change of fewer")
        yield outer
        return
    ch = begin(tables)
    try:
        yield ch
    finally:
        end()
    ch.apply()


def begin(tables=None) -> Change:
    """Start a change on this thread (writers' before() calls join it); end() when done."""
    ch = Change(tables)
    _local.change = ch
    return ch


def end() -> None:
    _local.change = None


class Change:
    """One change of some patents. Begin it before the first write (it marks the tables
    stale: readers go live until apply() stamps them fresh again)."""

    def __init__(self, tables=None):
        self.specs = SPECS if tables is None else tuple(s for s in SPECS if s.model in tables)
        models = {s.model for s in self.specs}
        if ACTORS in self.specs and QualityYearCube not in models:
            # actor_cube's distinct counts read quality_year_cube's merged rows (apply())
            raise ValueError("a change of actor_cube must include quality_year_cube")
        if any(isinstance(s, DerivedSpec) and s.source not in models for s in self.specs):
            raise ValueError("a change of a derived table must include its source table")
        self.live = freshness.usable() and indicator_cube.is_current(freshness.stamp().long_rule)
        self.top = Patent.select(fn.MAX(Patent.id)).scalar() or 0
        self.tables = freshness.tables_exist()
        _ids_table(IDS)
        analyze_temp(IDS)  # empty: read by the first before() while the batch is filled
        if not self.live:
            if self.tables:  # fresh but of another high-value rule: not kept, so stale now
                CubeStamp.delete().execute()
            return
        self.patents = freshness.stamp().patents  # carried on: no COUNT over every patent
        CubeStamp.delete().execute()
        for spec in self.specs:
            spec.create_delta()
        if ACTORS in self.specs:
            actors.reset()

    def covers(self, tables) -> bool:
        """Whether this change moves every table of `tables` (None: every table)."""
        wanted = SPECS if tables is None else [s for s in SPECS if s.model in tables]
        return all(spec in self.specs for spec in wanted)

    def before(self, ids_sql: str, params: tuple = ()) -> None:
        _ids_table(BATCH)
        db.execute_sql(f'INSERT INTO "{BATCH}" SELECT DISTINCT id FROM patent WHERE id IN '
                       f'({ids_sql}) AND id <= {int(self.top)} AND {absent(IDS, "id", "patent.id")}',
                       params)
        analyze_temp(BATCH)
        if self.live and db.execute_sql(f'SELECT 1 FROM "{BATCH}" LIMIT 1').fetchone():
            _contribute(-1, self.specs)
        db.execute_sql(f'INSERT INTO "{IDS}" SELECT id FROM "{BATCH}"')
        analyze_temp(IDS)

    def ids_sql(self) -> str:
        """SQL giving the ids of every patent of the change so far (new ones included): for
        the upkeep of the rows themselves (status, fee columns, industries, high-value)."""
        return (f'SELECT id FROM "{IDS}" UNION SELECT id FROM patent '
                f"WHERE id > {int(self.top)}")

    def apply(self, rebuild_stale: bool = False) -> None:
        """Add the new contributions, merge every table's delta, stamp the tables fresh. A
        change begun on stale tables leaves them stale (readers stay live until the jobs
        rebuild them), or rebuilds them when `rebuild_stale`."""
        if not self.live:
            db.execute_sql(f'DROP TABLE IF EXISTS "{IDS}"')
            if self.tables and rebuild_stale:
                rebuild()
            return
        with db.atomic():
            _ids_table(BATCH)
            db.execute_sql(f'INSERT INTO "{BATCH}" {self.ids_sql()}')
            analyze_temp(BATCH)
            _contribute(1, self.specs)
            for spec in self.specs:
                if spec is not ACTORS:
                    spec.merge()
            if ACTORS in self.specs:  # its distinct counts read quality_year_cube, merged now
                actors.distinct_delta(ACTORS.inserter(1))
                ACTORS.merge()
            patents = self._patents()
            for name in (IDS, BATCH):
                db.execute_sql(f'DROP TABLE "{name}"')
            top_patent = Patent.select(fn.MAX(Patent.id)).scalar()
            CubeStamp.create(max_patent_id=top_patent or 0, max_event_id=freshness.max_event_id(),
                             patents=patents, long_rule=indicator_cube.long_rule_key())
            version.bump()

    def _patents(self) -> int:
        """The patents now: the stamp's count at the start, plus the ones inserted, less the
        changed ones gone."""
        added = db.execute_sql(f"SELECT COUNT(*) FROM patent WHERE id > {int(self.top)}")
        gone = db.execute_sql(f'SELECT COUNT(*) FROM "{IDS}" u WHERE '
                              f'{absent("patent", "id", "u.id")}')
        return self.patents + added.fetchone()[0] - gone.fetchone()[0]


def _ids_table(name: str) -> None:
    db.execute_sql(f'DROP TABLE IF EXISTS "{name}"')
    db.execute_sql(f'CREATE TEMPORARY TABLE "{name}" (id INTEGER PRIMARY KEY)')


def _contribute(sign: int, specs) -> None:
    """The rows of the patents in BATCH, with `sign`, into the delta of each table of
    `specs`."""
    only = pw.SQL(f'(SELECT id FROM "{BATCH}")')
    both = {InventorCube, InventorYearCube} <= {spec.model for spec in specs}
    with inventor.shared(only) if both else contextlib.nullcontext():  # one split of the lists
        for spec in specs:
            spec.contribute(sign, only)
    if ACTORS in specs:
        actors.emit(f'SELECT id FROM "{BATCH}"', sign, ACTORS.inserter(sign))


class Spec:
    """One summary table: its key and measure columns and how to emit the rows of some
    patents (emit(only, insert): insert(select) for each SELECT of rows in column order)."""

    def __init__(self, model, measures: tuple[str, ...], columns: tuple[str, ...],
                 emit: Callable, indexed: bool = False):
        self.model, self.measures, self.columns = model, measures, columns
        self.keys = tuple(c for c in columns if c not in measures)
        self.emit, self.indexed = emit, indexed
        self.table = model._meta.table_name
        self.delta = f"dl_{self.table}"

    def create_delta(self) -> None:
        db.execute_sql(f'DROP TABLE IF EXISTS "{self.delta}"')
        db.execute_sql(f'CREATE TEMPORARY TABLE "{self.delta}" AS SELECT {self._cols()}, '
                       f'1 AS sgn FROM "{self.table}" WHERE 1 = 0')

    def _cols(self, alias: str = "", names=None) -> str:
        prefix = f"{alias}." if alias else ""
        return ", ".join(f"{prefix}{c}" for c in (names or self.columns))

    def contribute(self, sign: int, only: pw.Node) -> None:
        """The rows of the patents `only` selects, with `sign`, into the delta."""
        self.emit(only, self.inserter(sign))

    def inserter(self, sign: int) -> Callable:
        return self._inserter(f", {int(sign)}", ", sgn")

    def _inserter(self, extra_value: str = "", extra_column: str = "") -> Callable:
        """insert(select or SQL text, params): its rows into the delta, each followed by
        `extra_value` into `extra_column` (a sign) when given."""
        def insert(select, params: tuple = ()):
            sql, params = (select, params) if isinstance(select, str) else query_sql(select)
            db.execute_sql(f'INSERT INTO "{self.delta}" ({self._cols()}{extra_column}) '
                           f"SELECT q.*{extra_value} FROM ({sql}) q", params)
        return insert

    def merge(self) -> None:
        """Net the delta per key, then change the table's rows of those keys in place: a key
        the table holds takes old + net (its row dropped when the count reaches 0), a new key
        is inserted — no row of an unchanged key is rewritten (nor of a key whose rows before
        and after cancel), and the indexed key columns of an existing row are never written (an
        UPDATE of the measures leaves the indexes be)."""
        net = f"dn_{self.table}"
        sums = ", ".join(f"SUM({m} * sgn) AS {m}" for m in self.measures)
        moved = " OR ".join(f"ABS(SUM({m} * sgn)) > {EPSILON}" for m in self.measures)
        keys = self._cols(names=self.keys)
        db.execute_sql(f'CREATE TEMPORARY TABLE "{net}" AS SELECT {keys}, {sums}, '
                       f'ROW_NUMBER() OVER () AS did FROM "{self.delta}" GROUP BY {keys} '
                       f"HAVING {moved}")
        merge_net(self.table, net, self.measures, self._join(net))
        db.execute_sql(f'DROP TABLE "{net}"')
        db.execute_sql(f'DELETE FROM "{self.delta}"')

    def _join(self, net: str) -> list[str]:
        return key_join(self.model, net, self.keys, self.indexed)


def _patent_tables(index: int) -> Callable:
    def emit(only, insert):
        for select in patent.rows(only)[index][1]:
            insert(select)
    return emit


def _ops(only, insert) -> None:
    insert(stats.ops_rows(only))


def _industry(only, insert) -> None:
    for select in industry.rows(only):
        insert(select)


def _agencies(only, insert) -> None:
    stats._base_table(f'WHERE id IN (SELECT id FROM "{BATCH}")')
    try:
        insert(stats.agency_rows_sql())
    finally:
        db.execute_sql("DROP TABLE stats_base")


def _agency_fields(only, insert) -> None:
    insert(stats.field_rows_sql(f'AND id IN (SELECT id FROM "{BATCH}")'))


class DerivedSpec(Spec):
    """A table whose rows are sums of another table's (core.cubes.subject: quality_year_cube's):
    nothing is emitted per batch; its merge reads the net rows from that table's delta
    (net_sql(delta table)), so it merges before that table (SPECS order), whose merge empties
    its delta."""

    def __init__(self, model, measures: tuple[str, ...], columns: tuple[str, ...], source,
                 net_sql: Callable[[str], str]):
        super().__init__(model, measures, columns, None, indexed=True)
        self.source, self.net_sql = source, net_sql

    def create_delta(self) -> None:
        pass

    def contribute(self, sign: int, only: pw.Node) -> None:
        pass

    def _join(self, net: str) -> list[str]:
        # their reading indexes cover the measures and lead with (subject, region_code): chosen
        # by SQLite over the key index, they walked a whole region per key (80 s of a
        # 10,000-row import at 1,000,000 patents)
        return key_join(self.model, net, self.keys, True, key_index(self.model, self.keys))

    def merge(self) -> None:
        net = f"dn_{self.table}"
        source = f"dl_{self.source._meta.table_name}"
        db.execute_sql(f'CREATE TEMPORARY TABLE "{net}" AS {self.net_sql(source)}')
        merge_net(self.table, net, self.measures, self._join(net))
        db.execute_sql(f'DROP TABLE "{net}"')


class IndicatorSpec(Spec):
    """The indicator cube: the changed patents' inputs are kept when they leave and compared
    when they join; only the patents whose inputs moved emit rows, both sides netted at once
    (core.cubes.indicator.changes: one row per key, the merge has nothing left to group)."""

    def create_delta(self) -> None:
        """The delta holds net rows (no sign column), numbered by `did` for the merge: SQLite's
        rowid, a serial column on PostgreSQL."""
        db.execute_sql(f'DROP TABLE IF EXISTS "{self.delta}"')
        db.execute_sql(f'CREATE TEMPORARY TABLE "{self.delta}" AS SELECT {self._cols()} '
                       f'FROM "{self.table}" WHERE 1 = 0')
        if is_postgres():
            db.execute_sql(f'ALTER TABLE "{self.delta}" ADD COLUMN did BIGSERIAL')
        changes.start()

    def inserter(self, sign: int) -> Callable:
        if sign != 1:
            raise ValueError("the indicator cube's delta takes net rows only")
        return self._inserter()

    def merge(self) -> None:
        """The delta's rows are net already, one per key (changes.emit): nothing to group."""
        merge_net(self.table, self.delta, self.measures, self._join(self.delta),
                  did="did" if is_postgres() else "rowid")
        db.execute_sql(f'DELETE FROM "{self.delta}"')

    def contribute(self, sign: int, only: pw.Node) -> None:
        if sign < 0:
            changes.note(only)
            return
        variants = [indicator_cube.FAST, *indicator_cube.built_variants()]
        changes.emit(only, variants, self.inserter(1))


class HolderRegionSpec(Spec):
    """holder_region_cube: its counts merge like any table's; then the first filing date of
    every (region, holder) the change touched — each key of the delta, moved or not (a new
    filing date moves no count) — is set again from the patents."""

    def merge(self) -> None:
        touched = f"dk_{self.table}"
        db.execute_sql(f'CREATE TEMPORARY TABLE "{touched}" AS SELECT DISTINCT region, '
                       f'holder_id FROM "{self.delta}"')
        super().merge()
        holder_region.refresh_first_dates(touched)
        db.execute_sql(f'DROP TABLE "{touched}"')


SPECS = (
    *(Spec(model, patent.MEASURES if i == 0 else ("n",), patent.COLUMNS[model],
           _patent_tables(i), indexed=model in (PatentCube, HolderCube))
      for i, model in enumerate(patent.COLUMNS)),
    Spec(OpsCube, ("n", "amount"), stats.OPS_COLUMNS, _ops),
    Spec(AgencyCube, ("n", "n_valid", "n_withdrawn"), stats.AGENCY_COLUMNS, _agencies,
         indexed=True),
    Spec(AgencyFieldCube, ("n",), stats.FIELD_COLUMNS, _agency_fields),
    Spec(IndustryCube, ("n",), tuple(c.name for c in industry.columns()), _industry,
         indexed=True),
    IndicatorSpec(IndicatorCube, ("n",), indicator_cube.COLUMNS, None, indexed=True),
    Spec(InventorCube, ("n", "n_invention"), inventor.COLUMNS, inventor.emit_totals,
         indexed=True),
    Spec(InventorYearCube, ("n",), inventor.YEAR_COLUMNS, inventor.emit_years, indexed=True),
    Spec(QualityCube, quality.TOTALS, quality.COLUMNS, quality.emit_totals, indexed=True),
    # from quality_year_cube's delta, merged before it
    DerivedSpec(SubjectTotalCube, subject.TOTALS, subject.COLUMNS, QualityYearCube,
                lambda delta: subject.net_sql(delta, yearly=False)),
    DerivedSpec(SubjectYearCube, ("n", *subject.KEPT), subject.YEAR_COLUMNS, QualityYearCube,
                lambda delta: subject.net_sql(delta, yearly=True)),
    Spec(QualityYearCube, (*quality.TOTALS, *quality.KEPT), quality.YEAR_COLUMNS,
         quality.emit_years, indexed=True),
    HolderRegionSpec(HolderRegionCube, holder_region.MEASURES, holder_region.COLUMNS,
                     holder_region.emit, indexed=True),
)
# the tables that count patents by their first holder's kind (a change of a kind moves these only)
BY_HOLDER_KIND = (HolderCube, AgencyCube, HolderRegionCube)
# actor_cube: its rows come by actors.emit (with the other tables' rows) and, once the change is
# done, actors.distinct_delta; it merges like the others
ACTORS = Spec(ActorCube, ("n",), actors.COLUMNS, lambda only, insert: None, indexed=True)
SPECS = (*SPECS, ACTORS)
