"""resolve_pending on both backends: addresses resolved once, codes pushed to patents and holders."""
from __future__ import annotations

import json

from core.db.models import Address, Holder, Patent
from core.resolver import addresses, resolve_pending

RAWS = {
    "sip": "江苏省苏州市工业园区星湖街328号",
    "mudu": "苏州市吴中区木渎镇金枫路216号",
    "mudu_variant": "苏州市吴中区木渎镇金枫路216号 3幢501室",
    "shanghai": "上海市黄浦区广东路100号",
    "nothing": "某某路1号",
}


def _holder(name: str, address_id: int | None, **extra) -> Holder:
    return Holder.create(name=name, norm_name=name, address_ref=address_id, **extra)


def _patent(n: int, holder: Holder, address_id: int) -> Patent:
    return Patent.create(app_no=f"20231000{n:04d}X", patent_type="invention", title=f"t{n}",
                         first_holder=holder, address_ref=address_id)


def test_intern_creates_rows_once_keyed_by_normalised_text(db):
    ids = addresses.intern(RAWS.values())
    assert ids["苏州市吴中区木渎镇金枫路216号"] == ids["苏州市吴中区木渎镇金枫路216号 3幢501室"]
    assert Address.select().count() == 4
    again = addresses.intern(list(RAWS.values()) + ["上海市黄浦区广东路100号"])
    assert again == ids
    assert Address.select().count() == 4
    row = Address.get_by_id(ids[RAWS["sip"]])
    assert (row.status, row.sample_raw, row.normalized) == ("new", RAWS["sip"],
                                                           "江苏省苏州市工业园区星湖街328号")


def test_resolve_pending_places_patents_and_holders(db):
    ids = addresses.intern(RAWS.values())
    mudu, sip, sh, none = (ids[RAWS[k]] for k in ("mudu", "sip", "shanghai", "nothing"))
    h_mudu, h_sip = _holder("木渎公司", mudu), _holder("园区公司", sip)
    h_fixed = _holder("核定公司", sip, region_override=True, province_code="32", city_code="3205",
                      county_code="320576", street_code="320576050")
    for n in range(3):
        _patent(n, h_mudu, mudu)
    _patent(10, h_sip, sip)
    _patent(11, h_fixed, sip)
    _patent(12, _holder("上海公司", sh), sh)
    _patent(13, _holder("无名", none), none)
    stats = resolve_pending()
    assert {k: stats[k] for k in ("addresses", "auto", "queued")} == \
        {"addresses": 4, "auto": 2, "queued": 2}
    got = {p.app_no[8:12]: (p.county_code, p.street_code, p.region_level)
           for p in Patent.select()}
    assert got == {
        "0000": ("320506", "320506103", "street"), "0001": ("320506", "320506103", "street"),
        "0002": ("320506", "320506103", "street"),
        "0010": ("320576", None, "county"),
        "0011": ("320576", "320576050", "street"),  # holder override wins
        "0012": ("310101", None, "county"),
        "0013": (None, None, None),
    }
    assert Holder.get_by_id(h_mudu.id).street_code == "320506103"
    assert Holder.get_by_id(h_fixed.id).street_code == "320576050"  # untouched
    rows = {a.id: (a.status, a.patent_count, a.method) for a in Address.select()}
    assert rows[mudu] == ("auto", 3, "gazetteer")
    assert rows[sip] == ("queued", 2, "alias:zone")
    assert rows[sh][0:2] == ("auto", 1)
    assert rows[none][0:2] == ("queued", 1)
    assert resolve_pending()["addresses"] == 0


def test_queued_candidates_are_json(db):
    ids = addresses.intern(["鼓楼区中山路1号"])
    resolve_pending()
    row = Address.get_by_id(ids["鼓楼区中山路1号"])
    names = {c["name"] for c in json.loads(row.candidates)}
    assert row.status == "queued" and names == {"鼓楼区"}
    assert len(json.loads(row.candidates)) >= 3


def test_bulk_mode_rebuilds_the_region_indexes(db, monkeypatch):
    from core.resolver import propagate
    monkeypatch.setattr(propagate, "BULK_PATENTS", 2)
    before = sorted((i.name, tuple(i.columns)) for i in db.get_indexes("patent"))
    ids = addresses.intern(RAWS.values())
    holder = _holder("木渎公司", ids[RAWS["mudu"]])
    for n in range(4):
        _patent(n, holder, ids[RAWS["mudu"]])
    stats = resolve_pending()
    assert stats["patents"] == 4
    assert {p.street_code for p in Patent.select()} == {"320506103"}
    assert sorted((i.name, tuple(i.columns)) for i in db.get_indexes("patent")) == before


def test_intern_resolved_gives_codes_before_patents_exist(db):
    from core.resolver.pending import intern_resolved
    got = intern_resolved([RAWS["mudu"], RAWS["shanghai"], RAWS["nothing"]])
    mudu_id = got[RAWS["mudu"]][0]
    assert got[RAWS["mudu"]][1:] == ("32", "3205", "320506", "320506103", "street")
    assert got[RAWS["shanghai"]][1:] == ("31", "3101", "310101", None, "county")
    assert got[RAWS["nothing"]][1:] == (None, None, None, None, None)
    assert Address.get_by_id(mudu_id).status == "auto"
    # patents written with the codes: resolve_pending has nothing to change, counts follow
    holder = _holder("木渎公司", mudu_id)
    Patent.create(app_no="2023100000011", patent_type="utility", title="t", first_holder=holder,
                  address_ref=mudu_id, county_code="320506", street_code="320506103",
                  province_code="32", city_code="3205", region_level="street")
    stats = resolve_pending()
    assert (stats["addresses"], stats["patents"]) == (0, 0)
    queued = Address.get_by_id(got[RAWS["nothing"]][0])
    assert queued.status == "queued"
