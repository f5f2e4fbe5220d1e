"""Summary tables (cubes) of the patent table for the city-wide statistics pages.

patent_cube: one row per (province, city, county, type, status, app_year, grant_year,
lapse_year, domestic) with the patent count and the counts of the conditions core.stats tests
(filing/grant/publication date set, examined, refused). street_cube: one row per (street,
type, status) with the count. holder_cube: valid patents per (county, first holder, type).
event_cube: transfers, licences and pledges per (patent's county and type, kind, event year).
indicator_cube: monthly changes of the indicator sums (core.indicator_cube). ops_cube,
actor_cube, agency_cube: operations events, 趋势统计's distinct actors, agencies' volumes
(core.stats_cubes).
All are recomputed whole by rebuild() — one INSERT … SELECT …
GROUP BY each, in one transaction, on SQLite and PostgreSQL — and cube_stamp records the
patent table's MAX(id) and COUNT at that moment.

Freshness: rebuild() runs after the demo, after every import and after the nightly status
job; address decisions (core.resolver.decisions) only invalidate() them. Readers call usable():
when the stamp is missing or MAX(id) of patent or legal_event (primary-key look-ups) differs
from the stamp's, the cubes are rebuilt there and then, so rows inserted by any other path are
counted. An
UPDATE or DELETE of existing patents by another path (not a hook above) is not detected: the
cubes lag until the next rebuild — at the latest the nightly status job.

Readers (core.stats.base.use_cube) use the cubes only for scopes without a date range on a
province, city or county (streets: also a street); other scopes read the live table.
"""
from __future__ import annotations

import peewee as pw
from peewee import fn

from core import indicator_cube, industry_cube, stats_cubes
from core.db import db
from core.models import (ActorCube, AgencyCube, CubeStamp, EventCube, Holder, HolderCube,
                         IndicatorCube, IndustryCube, LegalEvent, OpsCube, Patent, PatentCube,
                         StreetCube)

CUBE_DIMS = ("province_code", "city_code", "county_code", "patent_type", "status", "app_year",
             "grant_year", "lapse_year", "domestic")
STREET_DIMS = ("province_code", "city_code", "county_code", "street_code", "patent_type",
               "status")
EXAMINED_REASONS = ("examining", "rejected")
REFUSED_REASONS = ("rejected", "withdrawn")


def _count_if(condition) -> pw.Node:
    return fn.SUM(pw.Case(None, [(condition, 1)], 0))


def _lapse_year() -> pw.Node:
    from core.stats.base import period
    return period(Patent.lapse_date, "year")


def _cube_select() -> pw.Select:
    lapse_year = _lapse_year()
    dims = [getattr(Patent, d) for d in CUBE_DIMS if d != "lapse_year"]
    dims.insert(CUBE_DIMS.index("lapse_year"), lapse_year)
    app, granted = Patent.app_date.is_null(False), Patent.grant_date.is_null(False)
    examined = Patent.status_reason.in_(EXAMINED_REASONS) | granted
    refused = (Patent.status_reason.in_(REFUSED_REASONS) & Patent.grant_date.is_null()
               & fn.COALESCE(Patent.status_date, Patent.lapse_date).is_null(False))
    measures = [fn.COUNT(Patent.id), _count_if(app), _count_if(granted),
                _count_if(Patent.pub_date.is_null(False) | granted),
                _count_if(app & Patent.pub_date.is_null(False)), _count_if(app & examined),
                _count_if(app & granted), _count_if(refused)]
    return Patent.select(*dims, *measures).group_by(*dims)


MEASURES = ("n", "n_app", "n_grant", "n_public", "n_app_pub", "n_app_examined", "n_app_grant",
            "n_refused")


def rebuild(variants: bool = False) -> int:
    """Recompute every cube and the stamp in one transaction. Returns the patents counted.
    The indicator cube's holder counting rules (built on first use, about a minute each at
    1M) are dropped — their next use builds them again — unless `variants`: then those in use
    are rebuilt (the nightly job)."""
    with db.atomic():
        stamp = Patent.select(fn.MAX(Patent.id), fn.COUNT(Patent.id)).tuples().get()
        top_event = _max_event_id()
        PatentCube.delete().execute()
        StreetCube.delete().execute()
        HolderCube.delete().execute()
        EventCube.delete().execute()
        CubeStamp.delete().execute()
        PatentCube.insert_from(_cube_select(),
                               [getattr(PatentCube, c) for c in (*CUBE_DIMS, *MEASURES)]).execute()
        dims = [getattr(Patent, d) for d in STREET_DIMS]
        streets = (Patent.select(*dims, fn.COUNT(Patent.id))
                   .where(Patent.street_code.is_null(False)).group_by(*dims))
        StreetCube.insert_from(streets, [getattr(StreetCube, c) for c in (*STREET_DIMS, "n")]
                               ).execute()
        HolderCube.insert_from(_holder_select(), [getattr(HolderCube, c) for c in HOLDER_COLUMNS]
                               ).execute()
        EventCube.insert_from(_event_select(), [getattr(EventCube, c) for c in EVENT_COLUMNS]
                              ).execute()
        used = indicator_cube.built_variants()
        with indicator_cube.months_table() as months:
            indicator_cube.build(months=months)
            for variant in used:  # holder counting rules somebody has used
                if variants:
                    indicator_cube.build_variant(variant, months=months)
                else:
                    indicator_cube.drop_variant(variant)
        stats_cubes.build()
        industry_cube.build()
        CubeStamp.create(max_patent_id=stamp[0] or 0, max_event_id=top_event,
                         patents=stamp[1] or 0, long_rule=indicator_cube.long_rule_key())
    return stamp[1] or 0


HOLDER_COLUMNS = ("province_code", "city_code", "county_code", "holder_id", "holder_kind",
                  "patent_type", "n")


def _holder_select() -> pw.Select:
    dims = [Patent.province_code, Patent.city_code, Patent.county_code, Patent.first_holder,
            Holder.kind, Patent.patent_type]
    return (Patent.select(*dims, fn.COUNT(Patent.id))
            .join(Holder, on=(Patent.first_holder == Holder.id))
            .where(Patent.status == "valid")
            .group_by(*dims))


EVENT_KINDS = ("transfer", "license", "pledge")
EVENT_COLUMNS = ("province_code", "city_code", "county_code", "patent_type", "kind", "year", "n")


def _event_select() -> pw.Select:
    from core.stats.base import period
    year = period(LegalEvent.date, "year")
    dims = [Patent.province_code, Patent.city_code, Patent.county_code, Patent.patent_type,
            LegalEvent.kind, year]
    return (LegalEvent.select(*dims, fn.COUNT(LegalEvent.id))
            .join(Patent, pw.JOIN.CROSS)
            .where((LegalEvent.patent == Patent.id) & LegalEvent.kind.in_(EVENT_KINDS)
                   & LegalEvent.date.is_null(False))
            .group_by(*dims))


def _max_event_id() -> int:
    return LegalEvent.select(fn.MAX(LegalEvent.id)).scalar() or 0


def is_fresh() -> bool:
    """True when the stamp matches MAX(id) of patent and legal_event (primary-key look-ups)."""
    stamp = CubeStamp.select().order_by(CubeStamp.id.desc()).first()
    if stamp is None:
        return False
    top = Patent.select(fn.MAX(Patent.id)).scalar() or 0
    return stamp.max_patent_id == top and stamp.max_event_id == _max_event_id()


def invalidate() -> None:
    """Mark the cubes stale (drop the stamp): the next reader rebuilds them. For writers that
    move existing patents (address decisions), where a rebuild per click would be too slow."""
    if _tables_exist(_url()):
        CubeStamp.delete().execute()


def usable() -> bool:
    """Whether readers may read the cubes: the tables exist (else False: read the live table)
    and are fresh — rebuilt here when stale."""
    if not _tables_exist(_url()):
        return False
    if not is_fresh():
        rebuild()
    return True


def _url() -> str:
    from core.db import current_url
    return current_url() or ""


def _tables_exist(url: str) -> bool:
    """Cached once true per database URL (tables are never dropped while the app runs)."""
    if url in _KNOWN:
        return True
    ok = all(m.table_exists()
             for m in (PatentCube, StreetCube, HolderCube, EventCube, IndicatorCube, OpsCube,
                       ActorCube, AgencyCube, IndustryCube, CubeStamp))
    if ok:
        _KNOWN.add(url)
    return ok


_KNOWN: set[str] = set()
