"""The data model round-trips on SQLite and PostgreSQL."""
import datetime as dt
from decimal import Decimal

from core.db.models import (
    Agency,
    FeePayment,
    Holder,
    HolderTag,
    LegalEvent,
    Parameter,
    Patent,
    PatentHolder,
    Region,
)


def test_divisions_are_loaded_with_the_suzhou_streets(db):
    suzhou_counties = Region.select().where(Region.parent_code == "3205").count()
    suzhou_streets = (Region.select().where(Region.level == "street",
                                            Region.code.startswith("3205")).count())
    assert (suzhou_counties, suzhou_streets) == (10, 118)
    park = Region.get(Region.code == "320576")
    assert (park.name, park.level, park.edition) == ("苏州工业园区", "county", 2023)


def test_a_patent_with_holders_events_and_fees_round_trips(db):
    agency = Agency.create(name="苏州示例专利代理事务所", norm_name="苏州示例专利代理事务所")
    holder = Holder.create(name="苏州星湖科技有限公司", norm_name="苏州星湖科技有限公司",
                           kind="enterprise", county_code="320576", street_code="320576050")
    HolderTag.create(holder=holder, tag="hightech")
    patent = Patent.create(
        app_no="2019103904627", patent_type="invention", app_date=dt.date(2019, 3, 15),
        app_year=2019, grant_date=dt.date(2021, 6, 1), title="一种电池", agency=agency,
        first_holder=holder, county_code="320576", street_code="320576050", status="valid",
        expiry_date=dt.date(2039, 3, 15), ipc_main="H01M 10/0525")
    PatentHolder.create(patent=patent, holder=holder, seq=1, address="苏州工业园区星湖街328号")
    LegalEvent.create(patent=patent, kind="pledge", date=dt.date(2022, 1, 5),
                      amount=Decimal("12000000.00"))
    FeePayment.create(patent=patent, patent_year=4, amount=Decimal("1200"),
                      paid_on=dt.date(2022, 3, 1))
    got = Patent.get(Patent.app_no == "2019103904627")
    assert (got.first_holder.name, got.agency.name, got.expiry_date, got.app_date) == (
        "苏州星湖科技有限公司", "苏州示例专利代理事务所", dt.date(2039, 3, 15), dt.date(2019, 3, 15))
    assert [(e.kind, e.amount) for e in got.events] == [("pledge", Decimal("12000000.00"))]
    assert [(f.patent_year, f.amount) for f in got.fees] == [(4, Decimal("1200.00"))]
    assert [t.tag for t in got.first_holder.tags] == ["hightech"]


def test_parameters_keep_every_version(db):
    Parameter.create(key="population", region_code="3205", year=2024, value="1290.0",
                     effective_from=dt.date(2024, 1, 1))
    Parameter.create(key="population", region_code="3205", year=2024, value="1295.5",
                     effective_from=dt.date(2025, 3, 1))
    values = [p.value for p in Parameter.select().where(Parameter.key == "population")
              .order_by(Parameter.effective_from)]
    assert values == ["1290.0", "1295.5"]


def test_id_values_select_the_listed_ids_only(db):
    """core.db.sql.id_values: the ids as literals select the same rows as the parameters; an
    empty list selects none; anything but an integer is refused before it reaches the SQL."""
    import pytest

    from core.db.sql import id_values
    holders = [Holder.create(name=f"甲{i}", norm_name=f"甲{i}").id for i in range(5)]
    picked = holders[1:4]
    got = [h for h, in Holder.select(Holder.id).where(Holder.id.in_(id_values(picked)))
           .order_by(Holder.id).tuples()]
    assert got == picked
    assert not Holder.select().where(Holder.id.in_(id_values([]))).exists()
    with pytest.raises(ValueError):
        id_values([holders[0], "1) OR (1 = 1"])
