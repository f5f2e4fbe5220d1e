"""Versioned schema upgrades. A fresh database gets every table at the latest version; an existing
one runs each step above its recorded version, in order, inside one transaction per step.

To change the schema: change the model in core/db/models.py AND append a step here, e.g.
    def _v2(m): return [m.add_column("patent", "foo", Patent.foo)]
    STEPS = [(2, _v2)]
tests/test_migrations.py upgrades the schemas older versions created (tools/old_schema.py) and
compares the result with a fresh database.
"""
from __future__ import annotations

from collections.abc import Callable

import peewee as pw
from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate

from core.db import db, is_postgres
from core.db.models import (
    ABNORMAL_INDEX,
    AGENCY_CUBE_KEY,
    AGENCY_INDEX,
    ALL_MODELS,
    EXPIRY_INDEX,
    FEE_INDEX,
    GRANT_INDEX,
    HOLDER_CUBE_KEY,
    HOLDER_DATE_INDEX,
    HOLDER_STATS_INDEX,
    INDICATOR_CUBE_INDEX,
    INDICATOR_INDEX,
    INDUSTRY_CUBE_KEY,
    LAPSE_INDEX,
    PATENT_CUBE_KEY,
    PLACEMENT_INDEX,
    REGION_BY_ID_INDEX,
    STATS_INDEX,
    STOCK_INDEX,
    UNPLACED_EVENT_INDEX,
    CubeStamp,
    Holder,
    HolderCube,
    IndicatorCube,
    IndicatorSnapshot,
    IndustryRule,
    Patent,
    SchemaVersion,
    User,
)
from core.db.sql import REGION_CODES, codes_differ, level_sql

Step = tuple[int, Callable]


def _v2(m):
    """Index for IPC look-ups in the patent query."""
    return [m.add_index("patent", ("ipc_main",), False)]


def _v3(m):
    """High-value categories 2 and 5: overseas granted family member, award."""
    have = {c.name for c in db.obj.get_columns("patent")}
    return [m.add_column("patent", name, getattr(Patent, name))
            for name in ("overseas_family", "award") if name not in have]


def _v4(m):
    """Index for the lapse analysis (lapsed patents by lapse date); skipped when present."""
    have = {i.name for i in db.obj.get_indexes("patent")}
    if "patent_status_lapse_date" in have:
        return []
    return [m.add_index("patent", ("status", "lapse_date"), False)]


def _v5(m):
    """Covering index for the indicator scans; skipped when present."""
    if any(tuple(i.columns) == INDICATOR_INDEX for i in db.obj.get_indexes("patent")):
        return []
    return [m.add_index("patent", INDICATOR_INDEX, False)]


def _v6(m):
    """Indicator snapshot values in double precision (PostgreSQL REAL kept 7 digits)."""
    if not is_postgres():
        return []  # SQLite REAL is already 8 bytes
    s = IndicatorSnapshot
    return [m.alter_column_type("indicator_snapshot", f.column_name, f)
            for f in (s.numerator, s.denominator, s.value, s.target)]


def _v7(m):
    """Covering indexes of the monitoring pages (fee warnings, lapse analysis); drops step 4's
    (status, lapse_date), a prefix of the lapse one. Skips what is present."""
    have = {i.name: tuple(i.columns) for i in db.obj.get_indexes("patent")}
    ops = [m.drop_index("patent", "patent_status_lapse_date")] \
        if "patent_status_lapse_date" in have else []
    for fields in (FEE_INDEX, LAPSE_INDEX):
        columns = tuple(Patent._meta.fields[f].column_name for f in fields)
        if columns not in have.values():
            ops.append(m.add_index("patent", columns, False))
    return ops


def _v8(m):
    """Covering indexes of the expiry notices: the expiry window and the valid-invention stock."""
    have = {tuple(i.columns) for i in db.obj.get_indexes("patent")}
    ops = []
    for fields in (EXPIRY_INDEX, STOCK_INDEX):
        columns = tuple(Patent._meta.fields[f].column_name for f in fields)
        if columns not in have:
            ops.append(m.add_index("patent", columns, False))
    return ops


def _v9(m):
    """The indicator covering index reordered (city, type, status, lapse date first) so that a
    city's valid inventions are one index range; replaces step 5's order."""
    old = ("city_code", "county_code", "street_code", "patent_type", "status", "lapse_date",
           "grant_date", "app_date", "pub_date", "high_value", "domestic", "province_code")
    have = {tuple(i.columns): i.name for i in db.obj.get_indexes("patent")}
    ops = [m.drop_index("patent", have[old])] if old in have else []
    if INDICATOR_INDEX not in have:
        ops.append(m.add_index("patent", INDICATOR_INDEX, False))
    return ops


def _v10(m):
    """Covering indexes of 权利人统计 and 代理机构统计; skips what is present."""
    have = {tuple(i.columns) for i in db.obj.get_indexes("patent")}
    ops = []
    for fields in (HOLDER_STATS_INDEX, AGENCY_INDEX):
        columns = tuple(Patent._meta.fields[f].column_name for f in fields)
        if columns not in have:
            ops.append(m.add_index("patent", columns, False))
    return ops


def _v11(m):
    """Covering index of the statistics pages (core.stats); skips it when present."""
    columns = tuple(Patent._meta.fields[f].column_name for f in STATS_INDEX)
    have = {tuple(i.columns) for i in db.obj.get_indexes("patent")}
    return [] if columns in have else [m.add_index("patent", columns, False)]


def _v12(m):
    """Summary tables patent_cube, street_cube, holder_cube, event_cube, cube_stamp (core.cubes): created by upgrade()
    with the other missing tables; filled by core.cubes.rebuild() (or lazily on first read)."""
    return []


def _v13(m):
    """cube_stamp.max_event_id (event_cube freshness); skips it when present."""
    have = {c.name for c in db.obj.get_columns("cube_stamp")}
    return [] if "max_event_id" in have else [
        m.add_column("cube_stamp", "max_event_id", pw.IntegerField(default=0))]


def _v14(m):
    """indicator_cube (created by upgrade() with the other missing tables) and
    cube_stamp.long_rule; skips the column when present."""
    have = {c.name for c in db.obj.get_columns("cube_stamp")}
    return [] if "long_rule" in have else [
        m.add_column("cube_stamp", "long_rule", pw.CharField(max_length=32, null=True))]


def _v15(m):
    """Summary tables ops_cube, actor_cube, agency_cube (core.stats_cubes; since superseded by
    agency_year_cube, which upgrade() creates like any missing table): created by upgrade()
    with the other missing tables; filled by core.cubes.rebuild() (or lazily on first read)."""
    return []


def _v16(m):
    """indicator_cube.variant (holder counting rules) and a float n (fractional shares), for
    tables made by step 14; skipped when present."""
    if "variant" in {c.name for c in db.obj.get_columns("indicator_cube")}:
        return []
    ops = [m.add_column("indicator_cube", "variant", IndicatorCube.variant),
           m.add_index("indicator_cube", ("variant", "grain", "city_code", "county_code",
                                          "street_code", "kind", "month"), False)]
    return ops + ([m.alter_column_type("indicator_cube", "n", pw.DoubleField(default=0))]
                  if is_postgres() else [])


def _v17(m):
    """agency_year_cube (created by upgrade() with the other missing tables) and the tables of
    step 15 start empty while the stamp may still call the cubes fresh: drop the stamp, so the
    next rebuild (core.cubes.rebuild) refills every cube."""
    if CubeStamp.table_exists():
        CubeStamp.delete().execute()
    return []


def _v18(m):
    """industry_cube (created by upgrade() with the other missing tables): drop the cube stamp
    so that the next reader rebuilds the cubes and fills it."""
    if CubeStamp.table_exists():
        CubeStamp.delete().execute()
    return []


def _v19(m):
    """holder_cube.holder_kind (权利人统计 by holder kind without the holder table); the stamp is
    dropped so that the next reader rebuilds the cubes with it. Skipped when present."""
    if "holder_kind" in {c.name for c in db.obj.get_columns("holder_cube")}:
        return []
    if CubeStamp.table_exists():
        CubeStamp.delete().execute()
    return [m.add_column("holder_cube", "holder_kind", HolderCube.holder_kind)]


def _v20(m):
    """indicator_cube as a fresh database has it: step 16 kept step 14's index beside the one that
    leads with variant, and declared n double precision on PostgreSQL only (SQLite kept INTEGER).
    Skips what is done."""
    old = ("grain", "city_code", "county_code", "street_code", "kind", "month")
    ops = [m.drop_index("indicator_cube", i.name)
           for i in db.obj.get_indexes("indicator_cube") if tuple(i.columns) == old]
    n = next(c for c in db.obj.get_columns("indicator_cube") if c.name == "n")
    if n.data_type.lower() == "integer":
        ops.append(m.alter_column_type("indicator_cube", "n", pw.DoubleField(default=0)))
    return ops


def _v21(m):
    """data_version (core.db.version): created by upgrade() with the other missing tables; its one
    row comes with the first write."""
    return []


def _v22(m):
    """User.session_version (sessions end on logout, password, role or active change) and the
    per-account failure columns dropped: failed logins are counted in login_throttle (created by
    upgrade() with the other missing tables), per name and per client address. Skips what is
    done."""
    have = {c.name for c in db.obj.get_columns("user")}
    ops = [] if "session_version" in have else [
        m.add_column("user", "session_version", User.session_version)]
    return ops + [m.drop_column("user", name) for name in ("failed_attempts", "locked_until")
                  if name in have]


def _v23(m):
    """patent_text (the abstracts the industry keywords match): created by upgrade() with the
    other missing tables; filled by the next import of a list that has a 摘要 column. And
    industry_rule.keyword as text: a keyword is now a list of search terms. Skips what is done."""
    column = next(c for c in db.obj.get_columns("industry_rule") if c.name == "keyword")
    if column.data_type.lower() == "text":
        return []
    if is_postgres():
        return [m.alter_column_type("industry_rule", "keyword", IndustryRule.keyword)]
    # SQLite (the migrator's table copy loses the column here): a new column takes its place
    for sql in ('ALTER TABLE "industry_rule" ADD COLUMN "keyword_text" TEXT',
                'UPDATE "industry_rule" SET "keyword_text" = "keyword"',
                'ALTER TABLE "industry_rule" DROP COLUMN "keyword"',
                'ALTER TABLE "industry_rule" RENAME COLUMN "keyword_text" TO "keyword"'):
        db.obj.execute_sql(sql)
    return []


def _v24(m):
    """Indexes of 非正常申请监测 and of the 专利数据核查 statistics; skips what is present."""
    have = {tuple(i.columns) for i in db.obj.get_indexes("patent")}
    ops = []
    for fields in (ABNORMAL_INDEX, HOLDER_DATE_INDEX, PLACEMENT_INDEX):
        columns = tuple(Patent._meta.fields[f].column_name for f in fields)
        if columns not in have:
            ops.append(m.add_index("patent", columns, False))
    return ops


def _v25(m):
    """Holder.industry_code (权利人管理: a holder's main industry, set by staff). Skipped when
    present."""
    if "industry_code" in {c.name for c in db.obj.get_columns("holder")}:
        return []
    return [m.add_column("holder", "industry_code", Holder.industry_code)]


def _v26(m):
    """reminder_batch and reminder_letter (提醒函 batches, core.reports.letters): created by
    upgrade() with the other missing tables."""
    return []


def _v27(m):
    """report_archive (分析报告's archive): a new table, created by upgrade() with the other
    missing tables before the steps run; nothing to change in existing ones."""
    return []


def _v28(m):
    """actor_cube holds a patents row per year with filings and drops inventors rows of 0
    (core.cubes.actors): the summary tables are marked stale, so the jobs rebuild them (readers
    read live until then)."""
    return _v17(m)


def _v29(m):
    """inventor_cube (区域核心发明人; created by upgrade() with the other missing tables): drop
    the cube stamp so that the next rebuild fills it."""
    return _v17(m)


def _v30(m):
    """quality_cube and quality_year_cube (申请质量监测, new holders; created by upgrade() with the
    other missing tables): drop the cube stamp so that the next rebuild fills them."""
    return _v17(m)


def _v31(m):
    """Index on patent.pub_date (专利概况: patents published after the as-of day, a range at
    province scale instead of a whole covering index) and the indicator cube's covering index
    (a province's rows of one counting rule from the index alone); skips what is present."""
    ops = []
    if ("pub_date",) not in {tuple(i.columns) for i in db.obj.get_indexes("patent")}:
        ops.append(m.add_index("patent", ("pub_date",), False))
    if INDICATOR_CUBE_INDEX not in {tuple(i.columns)
                                    for i in db.obj.get_indexes("indicator_cube")}:
        ops.append(m.add_index("indicator_cube", INDICATOR_CUBE_INDEX, False))
    return ops


def _v32(m):
    """patent's grant_date index covers the region columns and the type (专利概况's grants
    after the as-of day, index-only at province scale); skips what is done."""
    have = {tuple(i.columns): i.name for i in db.obj.get_indexes("patent")}
    ops = [m.drop_index("patent", have[("grant_date",)])] if ("grant_date",) in have else []
    if GRANT_INDEX not in have:
        ops.append(m.add_index("patent", GRANT_INDEX, False))
    return ops


def _v33(m):
    """A patent's region columns by its id, index-only (运营监控's licence and pledge players
    join each event to its patent); skipped when present."""
    if REGION_BY_ID_INDEX in {tuple(i.columns) for i in db.obj.get_indexes("patent")}:
        return []
    return [m.add_index("patent", REGION_BY_ID_INDEX, False)]


def _v34(m):
    """inventor_year_cube (区域核心发明人 of some types or whole filing years; created by
    upgrade() with the other missing tables): drop the cube stamp so that the next rebuild
    fills it."""
    return _v17(m)


def _v35(m):
    """The indicator cube keeps the holder rules' rows of the patents every counting rule places
    alike once (variant plain) instead of once per rule: drop the cube stamp so that the next rebuild
    stores them so (readers read live until then; a rule is built on first use only on fresh
    tables, which then hold the plain rows it adds to)."""
    return _v17(m)


def _v36(m):
    """Index on holder.name: 运营监控 matches each player's name (legal events carry names, not
    holder ids) to its holder, a whole scan of the holders per call without it (~1,000,000 at
    a province); skipped when present."""
    if ("name",) in {tuple(i.columns) for i in db.obj.get_indexes("holder")}:
        return []
    return [m.add_index("holder", ("name",), False)]


def _v37(m):
    """agency_field_cube (created by upgrade() with the other missing tables): drop the cube
    stamp so that the next rebuild fills it."""
    if CubeStamp.table_exists():
        CubeStamp.delete().execute()
    return []


def _v38(m):
    """Partial indexes on legal_event of the events with an address and no county on a side
    (every import places them after the resolver: a scan of every event per side without them,
    0.35-0.43 s at 1,000,000 patents with none to place); skips what is present."""
    have = {i.name for i in db.obj.get_indexes("legal_event")}
    return [m.add_index("legal_event", (f"address_{side}",), False, name=name,
                        where=pw.SQL(f"address_{side} IS NOT NULL AND county_{side} IS NULL"))
            for side, name in UNPLACED_EVENT_INDEX.items() if name not in have]


def _v39(m):
    """Patents and holders placed as their address (or, for a patent, its first holder fixed
    by a checker) says: imports before this step wrote a patent or holder filed from an address
    known before without its region, and left a re-filed patent where its old address was.
    An address not yet resolved ('new') places nothing. Drops the cube stamp when anything
    moved, so that the next rebuild counts them."""
    moved = _place_from("patent", "address a", "patent.address_ref_id = a.id "
                        "AND a.status <> 'new' AND NOT EXISTS "
                        "(SELECT 1 FROM holder f WHERE f.id = patent.first_holder_id "
                        "AND f.region_override)", "a", level=True)
    moved += _place_from("patent", "holder h", "patent.first_holder_id = h.id "
                         "AND h.region_override", "h", level=True)
    moved += _place_from("holder", "address a", "holder.address_ref_id = a.id "
                         "AND a.status <> 'new' AND NOT holder.region_override", "a", level=False)
    if moved and CubeStamp.table_exists():
        CubeStamp.delete().execute()
    return []


def _v40(m):
    """holder_region_cube (权利人统计 of a province or a city; created by upgrade() with the
    other missing tables): drop the cube stamp, as step 41 does and for the same reason;
    core.cubes.rebuild.build_added builds it (7.4 s at 500,000 patents on PostgreSQL)."""
    return _v17(m)


def _v41(m):
    """subject_total_cube and subject_year_cube (非正常申请监测 and 申请质量监测 of a province or
    a city; created by upgrade() with the other missing tables): drop the cube stamp, so that
    readers never take the empty tables for current ones. core.db cannot build them (they are
    core.cubes'); core.upkeep.bootstrap.upgrade_schema (the app's start, the benches) builds
    them right after this step when the other tables were current before it and puts the stamp
    back (core.cubes.rebuild.build_added): 31 s at 500,000 patents on PostgreSQL instead of
    a rebuild of every table."""
    return _v17(m)


def _v42(m):
    """An index on patent.grant_no: a patent list without application numbers (Patsnap's)
    finds its stored patents by document number, the grant's among them — a scan of every
    patent per 900 numbers without it (10.6 s of a 13,086-row re-import at 1,000,000
    patents); skipped when present."""
    if ("grant_no",) in {tuple(i.columns) for i in db.obj.get_indexes("patent")}:
        return []
    return [m.add_index("patent", ("grant_no",), False)]


def _v43(m):
    """Key indexes of patent_cube, holder_cube, agency_year_cube and industry_cube (models.
    PATENT_CUBE_KEY …): an upkeep seeks each changed key; industry_cube's index on (city,
    county, industry) is replaced by its key index, which leads with the same columns. The
    indicator cube keeps its covering index only, which serves every read and the upkeep's
    seeks. Skips what is done."""
    replaced = {"indicator_cube": ("variant", "grain", "city_code", "county_code", "street_code",
                                   "kind", "month"),
                "industry_cube": ("city_code", "county_code", "industry")}
    ops = []
    for table, key in (("indicator_cube", INDICATOR_CUBE_INDEX), ("patent_cube", PATENT_CUBE_KEY),
                       ("holder_cube", HOLDER_CUBE_KEY), ("agency_year_cube", AGENCY_CUBE_KEY),
                       ("industry_cube", INDUSTRY_CUBE_KEY)):
        have = {tuple(i.columns): i.name for i in db.obj.get_indexes(table)}
        if replaced.get(table) in have:
            ops.append(m.drop_index(table, have[replaced[table]]))
        if key not in have:
            ops.append(m.add_index(table, key, False))
    return ops


def _v44(m):
    """The indicator cube's street rows without a street go (core.cubes.indicator.build.
    drop_streetless): they repeat the county rows of the patents placed at county level only,
    and a change of such patents wrote both. Whole counting by any holder ('any/…') never kept
    them. The tables stay fresh: every read sums what it read before."""
    if IndicatorCube.table_exists():
        c = IndicatorCube
        c.delete().where((c.grain == "s") & c.street_code.is_null()
                         & ~c.variant.startswith("any/")).execute()
    return []


def _place_from(table: str, source: str, join: str, alias: str, level: bool) -> int:
    """Copy the region codes of `source` (aliased `alias`) to the rows of `table` it places
    whose codes differ (as core.resolver.propagate does); rows updated."""
    sets = [f"{c} = {alias}.{c}" for c in REGION_CODES]
    if level:
        sets.append(f"region_level = {level_sql(alias)}")
    cursor = db.execute_sql(f"UPDATE {table} SET {', '.join(sets)} FROM {source} "
                            f"WHERE {join} AND {codes_differ(table, alias)}")
    return max(cursor.rowcount, 0)


STEPS: list[Step] = [(2, _v2), (3, _v3), (4, _v4), (5, _v5), (6, _v6), (7, _v7), (8, _v8),
                     (9, _v9), (10, _v10), (11, _v11), (12, _v12), (13, _v13),
                     (14, _v14), (15, _v15), (16, _v16), (17, _v17),
                     (18, _v18), (19, _v19), (20, _v20), (21, _v21), (22, _v22), (23, _v23),
                     (24, _v24), (25, _v25), (26, _v26), (27, _v27), (28, _v28), (29, _v29),
                     (30, _v30), (31, _v31), (32, _v32), (33, _v33), (34, _v34), (35, _v35),
                     (36, _v36), (37, _v37), (38, _v38), (39, _v39), (40, _v40),
                     (41, _v41), (42, _v42), (43, _v43), (44, _v44)]
BASELINE = 1


def latest(steps: list[Step] = STEPS) -> int:
    return max([BASELINE] + [v for v, _ in steps])


def current_version() -> int:
    if not SchemaVersion.table_exists():
        return 0
    row = SchemaVersion.select().order_by(SchemaVersion.version.desc()).first()
    return row.version if row else 0


def _migrator():
    return PostgresqlMigrator(db.obj) if is_postgres() else SqliteMigrator(db.obj)


def upgrade(steps: list[Step] = STEPS, models=ALL_MODELS) -> list[int]:
    """Create missing tables, then apply pending steps. Returns the versions applied."""
    version = current_version()
    if version == 0 and not any(m.table_exists() for m in models if m is not SchemaVersion):
        with db.atomic():
            db.create_tables(models, safe=True)
            SchemaVersion.create(version=latest(steps))
        return []
    missing = [m for m in models if not m.table_exists()]  # tables added later
    if missing or version == 0:  # no write (no wait for the write lock) when nothing is due
        with db.atomic():
            db.create_tables(missing)
            if version == 0:
                SchemaVersion.create(version=BASELINE)
                version = BASELINE
    applied = []
    migrator = _migrator()
    for number, step in sorted(steps):
        if number <= version:
            continue
        # one transaction; on SQLite without foreign-key enforcement, else rebuilding a table
        # (a NOT NULL column, a new type) cascades the DROP of the old copy to the child rows
        with migrator.migration_context():
            migrate(*step(migrator))
            SchemaVersion.create(version=number)
        applied.append(number)
    return applied
