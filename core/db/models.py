"""The data model. Region codes are stored as strings (official NBS codes), so statistics can group
on indexed columns of `patent` without joins.

Enumerations (stored values, English; Chinese labels live in core/labels.py):
- Region.level: province, city, county, street, custom
- Holder.kind: enterprise, university, institute, individual, government, other
- Patent.patent_type: invention, utility, design
- Patent.status: pending (审中), valid (有效), lapsed (失效), unknown
- Patent.status_reason: granted, published, examining, unpaid_fee, expired, invalidated,
  rejected, withdrawn, surrendered, double_patenting, not_registered, unknown
- LegalEvent.kind: see EVENT_KINDS
"""
from __future__ import annotations

import datetime as dt

import peewee as pw

from core.db import BaseModel

PATENT_TYPES = ("invention", "utility", "design")
HOLDER_KINDS = ("enterprise", "university", "institute", "individual", "government", "other")
STATUSES = ("pending", "valid", "lapsed", "unknown")
ROLES = ("admin", "checker", "viewer")
EVENT_KINDS = (
    "publication", "exam", "grant", "transfer", "license", "license_change", "license_cancel",
    "pledge", "pledge_change", "pledge_release", "lapse_unpaid", "restoration",
    "invalidation", "partial_invalidation", "expiry", "rejection", "withdrawal", "surrender",
    "double_patenting", "holder_change", "preservation", "preservation_release",
    "term_compensation", "drug_term_extension", "open_licence", "open_licence_withdrawal", "other",
)


# Covering index of the indicator scans (core.indicators): every column they read.
# City, type and status first: a city's valid (or lately lapsed) inventions are one index range.
INDICATOR_INDEX = ("city_code", "patent_type", "status", "lapse_date", "county_code",
                   "street_code", "grant_date", "app_date", "pub_date", "high_value", "domestic",
                   "province_code")

# Covering index of the indicator cube's reads (core.cubes.indicator.read): every column they
# read, kind before the regions, so a province's (or a city's) rows of one rule, grain and the
# kinds asked for are read from the index alone — the cube holds every rule's rows (22,600,000
# at 1,400,000 patents), and reading them from the table scanned all of it (4.1 s -> 0.35 s)
INDICATOR_CUBE_INDEX = ("variant", "grain", "kind", "city_code", "county_code", "street_code",
                        "month", "patent_type", "domestic", "province_code", "n")

# Key indexes of summary tables an upkeep changes in place (core.cubes.delta): each changed key
# is sought by its own columns. Without them PostgreSQL scanned the table once per pattern of
# NULL keys, or walked a whole county's rows of an industry per key (0.8 s of an address
# decision at 1,000,000 patents; migration step 43). patent_cube's and industry_cube's lead
# with the region columns their reads filter, holder_cube's and agency_year_cube's with the
# holder or agency.
PATENT_CUBE_KEY = ("city_code", "county_code", "patent_type", "status", "app_year", "grant_year",
                   "lapse_year", "domestic", "province_code")
HOLDER_CUBE_KEY = ("holder_id", "county_code", "city_code", "province_code", "holder_kind",
                   "patent_type")
AGENCY_CUBE_KEY = ("agency_id", "county_code", "city_code", "province_code", "patent_type",
                   "holder_kind", "app_year")
INDUSTRY_CUBE_KEY = ("city_code", "county_code", "industry", "street_code", "patent_type",
                     "status", "app_year", "grant_year", "province_code")

# Covering indexes of the monitoring pages (core.fee_warnings, core.lapses): every column their
# counts read.
FEE_INDEX = ("status", "next_fee_due", "city_code", "county_code", "street_code", "patent_type",
             "app_date", "province_code")
LAPSE_INDEX = ("status", "lapse_date", "status_reason", "city_code", "county_code", "street_code",
               "patent_type", "grant_date", "first_holder", "province_code")
# expiry window (届满通知) and the valid-invention stock it reduces (migration step 8)
EXPIRY_INDEX = ("expiry_date", "status", "city_code", "county_code", "street_code", "patent_type",
                "high_value", "domestic", "province_code")
STOCK_INDEX = ("status", "patent_type", "city_code", "county_code", "street_code", "domestic",
               "high_value", "province_code")

# 权利人统计 (valid patents per first holder) and 代理机构统计 (patents per agency): covering
# indexes, so a city's million patents are aggregated from the index alone (migration step 10)
HOLDER_STATS_INDEX = ("status", "first_holder", "patent_type", "city_code", "county_code",
                      "street_code", "province_code")
AGENCY_INDEX = ("agency", "ipc_subclass", "status", "patent_type", "city_code", "county_code",
                "street_code", "app_date", "first_holder", "status_reason", "province_code")
# 专利概况 / 趋势统计 / 区域统计 (core.stats): every column their aggregates read, region first, so
# a city's or county's patents are aggregated from the index alone (migration step 11)
# 非正常申请监测 (core.monitor.abnormal): filings of a date range per holder / agency and year from
# the index alone, and a holder's filings of a window; 专利数据核查 (core.resolver.queue.stats):
# patents per placement level of a region, and the unplaced ones (migration step 24)
ABNORMAL_INDEX = ("app_date", "first_holder", "agency", "app_year", "province_code", "city_code",
                  "county_code", "street_code")
HOLDER_DATE_INDEX = ("first_holder", "app_date", "province_code", "city_code", "county_code",
                     "street_code")
PLACEMENT_INDEX = ("province_code", "city_code", "county_code", "region_level")
# 专利概况's grants of this year dated after the as-of day (and last year's after the same day):
# counted from the index alone; the plain grant_date index read ~2,400 heap pages for them at
# 1,000,000 patents, cold (migration step 32)
GRANT_INDEX = ("grant_date", "province_code", "city_code", "county_code", "street_code",
               "patent_type")
# 运营监控's licence and pledge players: each event's patent probed for its region from the index
# alone; through the primary key a heap page per event (1.0 of 1.3 s for this year's 3,165
# licences at 1,000,000 patents, cold), 0.008 ms a probe this way (migration step 33)
REGION_BY_ID_INDEX = ("id", "province_code", "city_code", "county_code", "street_code")
STATS_INDEX = ("city_code", "county_code", "street_code", "patent_type", "status", "app_year",
               "grant_year", "app_date", "grant_date", "pub_date", "lapse_date", "status_reason",
               "status_date", "domestic", "first_holder", "inventor_count", "agency",
               "province_code")


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class SchemaVersion(BaseModel):
    version = pw.IntegerField()
    applied_at = pw.DateTimeField(default=now)


class Region(BaseModel):
    """Official divisions (province 2 digits, city 4, county 6, street 9) and custom regions."""
    code = pw.CharField(max_length=16, unique=True)
    name = pw.CharField(max_length=64)
    level = pw.CharField(max_length=8, index=True)
    parent_code = pw.CharField(max_length=16, null=True, index=True)
    edition = pw.IntegerField(default=2023)  # code edition year (NBS statistical codes)
    is_custom = pw.BooleanField(default=False)
    note = pw.TextField(null=True)

    class Meta:
        indexes = ((("level", "parent_code"), False),)


class RegionMember(BaseModel):
    """A custom region is a named set of streets (or counties)."""
    region = pw.ForeignKeyField(Region, backref="members", on_delete="CASCADE")
    member_code = pw.CharField(max_length=16, index=True)

    class Meta:
        indexes = ((("region", "member_code"), True),)


class Address(BaseModel):
    """A distinct normalised address, resolved once and applied to every patent and holder using it."""
    normalized = pw.CharField(max_length=255, unique=True)
    sample_raw = pw.TextField(null=True)
    postcode = pw.CharField(max_length=6, null=True)
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    street_code = pw.CharField(max_length=9, null=True)
    confidence = pw.FloatField(default=0)
    method = pw.CharField(max_length=32, null=True)
    status = pw.CharField(max_length=12, default="new", index=True)  # new, auto, queued, manual
    patent_count = pw.IntegerField(default=0)
    candidates = pw.TextField(null=True)  # JSON list of candidate streets with evidence
    resolved_at = pw.DateTimeField(null=True)
    decided_by = pw.CharField(max_length=64, null=True)

    class Meta:
        indexes = ((("status", "patent_count"), False),)


class AddressAlias(BaseModel):
    """A pattern taught to the resolver: an old name, a zone, a road or a building → a region."""
    alias = pw.CharField(max_length=128, index=True)
    region_code = pw.CharField(max_length=16)
    scope_code = pw.CharField(max_length=16, null=True)  # only inside this county/city
    kind = pw.CharField(max_length=16, default="road")  # old_name, zone, road, landmark, english
    active = pw.BooleanField(default=True)
    created_by = pw.CharField(max_length=64, null=True)
    created_at = pw.DateTimeField(default=now)


class Agency(BaseModel):
    name = pw.CharField(max_length=255)
    norm_name = pw.CharField(max_length=255, unique=True)
    code = pw.CharField(max_length=16, null=True)  # 机构代码
    address = pw.TextField(null=True)
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    agent_count = pw.IntegerField(default=0)


class Holder(BaseModel):
    name = pw.CharField(max_length=255, index=True)  # 运营监控 names players (migration step 36)
    norm_name = pw.CharField(max_length=255, unique=True)
    kind = pw.CharField(max_length=16, default="other", index=True)
    country = pw.CharField(max_length=8, default="CN")
    domestic = pw.BooleanField(default=True)  # False for 港澳台 and foreign holders
    address = pw.TextField(null=True)
    address_ref = pw.ForeignKeyField(Address, null=True, backref="holders", on_delete="SET NULL")
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True, index=True)
    street_code = pw.CharField(max_length=9, null=True, index=True)
    region_override = pw.BooleanField(default=False)  # a checker fixed the holder's street
    fee_reduction = pw.BooleanField(default=False)  # registered for 费用减缴
    credit_code = pw.CharField(max_length=32, null=True)
    contact = pw.TextField(null=True)
    first_filing = pw.DateField(null=True, index=True)
    patent_count = pw.IntegerField(default=0)
    industry_code = pw.CharField(max_length=16, null=True)  # main industry set by staff


class HolderTag(BaseModel):
    holder = pw.ForeignKeyField(Holder, backref="tags", on_delete="CASCADE")
    tag = pw.CharField(max_length=32, index=True)  # hightech (高企), above_scale (规上), custom text

    class Meta:
        indexes = ((("holder", "tag"), True),)


class Patent(BaseModel):
    app_no = pw.CharField(max_length=16, null=True, unique=True)  # normalised, with check char
    app_no_flag = pw.CharField(max_length=16, null=True)  # e.g. check_computed
    patent_type = pw.CharField(max_length=10)
    app_date = pw.DateField(null=True)
    app_year = pw.IntegerField(null=True)
    pub_no = pw.CharField(max_length=20, null=True, index=True)
    pub_date = pw.DateField(null=True)
    grant_no = pw.CharField(max_length=20, null=True, index=True)  # migration step 42
    grant_date = pw.DateField(null=True)
    grant_year = pw.IntegerField(null=True)
    title = pw.TextField()
    ipc_main = pw.CharField(max_length=32, null=True)
    ipc_all = pw.TextField(null=True)
    ipc_subclass = pw.CharField(max_length=4, null=True, index=True)  # e.g. H01M
    agency = pw.ForeignKeyField(Agency, null=True, backref="patents", on_delete="SET NULL")
    agents = pw.TextField(null=True)
    inventors = pw.TextField(null=True)
    inventor_count = pw.IntegerField(default=0)
    first_holder = pw.ForeignKeyField(Holder, null=True, backref="first_patents",
                                      on_delete="SET NULL")
    holder_count = pw.IntegerField(default=1)
    domestic = pw.BooleanField(default=True)
    address = pw.TextField(null=True)  # first holder's address as filed
    address_ref = pw.ForeignKeyField(Address, null=True, backref="patents", on_delete="SET NULL")
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    street_code = pw.CharField(max_length=9, null=True)
    region_level = pw.CharField(max_length=8, null=True)  # street, county, city, province
    status = pw.CharField(max_length=8, default="unknown")
    status_reason = pw.CharField(max_length=20, null=True)
    status_date = pw.DateField(null=True)  # as-of date of the status
    lapse_date = pw.DateField(null=True)
    expiry_date = pw.DateField(null=True)
    term_extension_days = pw.IntegerField(default=0)
    grant_patent_year = pw.IntegerField(null=True)  # patent year paid at registration
    paid_through_year = pw.IntegerField(null=True)  # last patent year whose fee is paid
    next_fee_due = pw.DateField(null=True, index=True)
    high_value = pw.BooleanField(default=False)
    abnormal = pw.BooleanField(default=False)
    overseas_family = pw.BooleanField(default=False)  # a family member granted abroad (高价值 2)
    award = pw.CharField(max_length=32, null=True)  # 国家科学技术奖 / 中国专利奖 (高价值 5)
    source = pw.CharField(max_length=16, null=True)
    vendor_status = pw.CharField(max_length=64, null=True)
    created_at = pw.DateTimeField(default=now)
    updated_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = (
            (("city_code", "county_code", "patent_type", "app_year", "status"), False),
            (("county_code", "street_code", "patent_type", "status"), False),
            (("street_code", "patent_type", "status"), False),
            (("status", "patent_type", "county_code"), False),
            (("app_year", "patent_type"), False),
            (("grant_year", "patent_type"), False),
            (("app_date",), False),
            (GRANT_INDEX, False),  # migration step 32 (was grant_date alone)
            (REGION_BY_ID_INDEX, False),  # migration step 33
            (("expiry_date", "status"), False),
            (("first_holder", "status", "patent_type"), False),
            (("agency", "status"), False),
            (("ipc_main",), False),  # added by migration step 2
            # covering indexes of the monitoring pages (migration step 7, which replaces step 4's
            # (status, lapse_date)): fee warnings by due date, lapses by lapse date
            (FEE_INDEX, False),
            (LAPSE_INDEX, False),
            (EXPIRY_INDEX, False),  # migration step 8
            (STOCK_INDEX, False),  # migration step 8
            (INDICATOR_INDEX, False),  # migration steps 5 and 9 (covering, indicators)
            (HOLDER_STATS_INDEX, False),  # migration step 10
            (AGENCY_INDEX, False),  # migration step 10
            (STATS_INDEX, False),  # migration step 11
            (ABNORMAL_INDEX, False),  # migration step 24
            (HOLDER_DATE_INDEX, False),  # migration step 24
            (PLACEMENT_INDEX, False),  # migration step 24
            # 专利概况's patents published after the as-of day: without it PostgreSQL reads a
            # whole covering index for them (migration step 30)
            (("pub_date",), False),
        )


class PatentHolder(BaseModel):
    """Holders of a patent in order (seq 1 = first). current=False rows are holders before a transfer."""
    patent = pw.ForeignKeyField(Patent, backref="holder_links", on_delete="CASCADE")
    holder = pw.ForeignKeyField(Holder, backref="patent_links", on_delete="CASCADE")
    seq = pw.IntegerField(default=1)
    current = pw.BooleanField(default=True)
    address = pw.TextField(null=True)

    class Meta:
        indexes = ((("patent", "current", "seq"), False), (("holder", "current"), False))


class LegalEvent(BaseModel):
    patent = pw.ForeignKeyField(Patent, backref="events", on_delete="CASCADE")
    kind = pw.CharField(max_length=24)
    code = pw.CharField(max_length=8, null=True)  # CNIPA gazette code, e.g. TR01
    date = pw.DateField(null=True)  # effective date (登记生效日 / termination date …)
    announce_date = pw.DateField(null=True)
    parties_before = pw.TextField(null=True)
    parties_after = pw.TextField(null=True)
    address_before = pw.TextField(null=True)
    address_after = pw.TextField(null=True)
    county_before = pw.CharField(max_length=6, null=True)
    county_after = pw.CharField(max_length=6, null=True)
    street_before = pw.CharField(max_length=9, null=True)
    street_after = pw.CharField(max_length=9, null=True)
    amount = pw.DecimalField(max_digits=16, decimal_places=2, null=True)  # pledge amount, yuan
    license_type = pw.CharField(max_length=16, null=True)
    contract_no = pw.CharField(max_length=64, null=True)
    end_date = pw.DateField(null=True)  # release / end of licence
    detail = pw.TextField(null=True)
    source = pw.CharField(max_length=16, null=True)

    class Meta:
        indexes = ((("kind", "date"), False), (("patent", "kind"), False))


def _unplaced_index(side: str) -> pw.ModelIndex:
    """The events with an address on `side` and no county there yet: the few an import's
    address placement (core.importer.events) reads, instead of a scan of every event."""
    address = getattr(LegalEvent, f"address_{side}")
    county = getattr(LegalEvent, f"county_{side}")
    return (LegalEvent.index(address, name=UNPLACED_EVENT_INDEX[side])
            .where(address.is_null(False) & county.is_null()))


UNPLACED_EVENT_INDEX = {"before": "legal_event_unplaced_before",
                        "after": "legal_event_unplaced_after"}  # migration step 38
for _side in UNPLACED_EVENT_INDEX:
    LegalEvent.add_index(_unplaced_index(_side))


class FeePayment(BaseModel):
    patent = pw.ForeignKeyField(Patent, backref="fees", on_delete="CASCADE")
    patent_year = pw.IntegerField()
    amount = pw.DecimalField(max_digits=12, decimal_places=2)
    surcharge = pw.DecimalField(max_digits=12, decimal_places=2, default=0)
    paid_on = pw.DateField()
    source = pw.CharField(max_length=16, null=True)

    class Meta:
        indexes = ((("patent", "patent_year", "paid_on"), True),)


class Industry(BaseModel):
    code = pw.CharField(max_length=16, unique=True)
    name = pw.CharField(max_length=64)
    kind = pw.CharField(max_length=8, default="sei")  # sei (战略性新兴产业), local, nec (国民经济)
    parent_code = pw.CharField(max_length=16, null=True)
    note = pw.TextField(null=True)


class IndustryRule(BaseModel):
    industry = pw.ForeignKeyField(Industry, backref="rules", on_delete="CASCADE")
    ipc_prefix = pw.CharField(max_length=32)
    exclude = pw.BooleanField(default=False)
    keyword = pw.TextField(null=True)  # search terms, `|`-separated (core.rules.industries)


class PatentText(BaseModel):
    """Long texts of a patent kept out of the wide `patent` rows the statistics scan: the abstract
    (摘要) an export carries, matched by the industry keywords (core.rules.industries)."""
    patent = pw.ForeignKeyField(Patent, backref="texts", on_delete="CASCADE", unique=True)
    abstract = pw.TextField(null=True)


class PatentIndustry(BaseModel):
    """Summary table: the industries each patent falls in (recomputed when rules change)."""
    patent = pw.ForeignKeyField(Patent, backref="industries", on_delete="CASCADE")
    industry_code = pw.CharField(max_length=16)

    class Meta:
        indexes = ((("industry_code", "patent"), True), (("patent",), False))


class PatentCube(BaseModel):
    """Summary table (core.cubes): patent counts per county × type × status × years × domestic,
    with counts of the date/status conditions the statistics pages test. Rebuilt whole."""
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    patent_type = pw.CharField(max_length=10)
    status = pw.CharField(max_length=8)
    app_year = pw.IntegerField(null=True)
    grant_year = pw.IntegerField(null=True)
    lapse_year = pw.IntegerField(null=True)
    domestic = pw.BooleanField(default=True)
    n = pw.IntegerField(default=0)
    n_app = pw.IntegerField(default=0)  # app_date set
    n_grant = pw.IntegerField(default=0)  # grant_date set
    n_public = pw.IntegerField(default=0)  # pub_date or grant_date set
    n_app_pub = pw.IntegerField(default=0)  # app_date and pub_date set
    n_app_examined = pw.IntegerField(default=0)  # app_date set; examining/rejected or granted
    n_app_grant = pw.IntegerField(default=0)  # app_date and grant_date set
    n_refused = pw.IntegerField(default=0)  # not granted; rejected/withdrawn with a closing date

    class Meta:
        indexes = ((PATENT_CUBE_KEY, False),)


class StreetCube(BaseModel):
    """Summary table (core.cubes): patent counts per street × type × status."""
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    street_code = pw.CharField(max_length=9)
    patent_type = pw.CharField(max_length=10)
    status = pw.CharField(max_length=8)
    n = pw.IntegerField(default=0)


class HolderCube(BaseModel):
    """Summary table (core.cubes): valid patents per county × first holder (and its kind) ×
    type."""
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    holder_id = pw.IntegerField()
    holder_kind = pw.CharField(max_length=16, null=True)
    patent_type = pw.CharField(max_length=10)
    n = pw.IntegerField(default=0)

    class Meta:
        indexes = ((HOLDER_CUBE_KEY, False),)


class EventCube(BaseModel):
    """Summary table (core.cubes): transfers, licences and pledges per event year × kind and the
    patent's county × type."""
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    patent_type = pw.CharField(max_length=10)
    kind = pw.CharField(max_length=16)
    year = pw.IntegerField()
    n = pw.IntegerField(default=0)


class IndicatorCube(BaseModel):
    """Summary table (core.indicator_cube): monthly changes of the indicator sums — filings,
    publications, grants, entries into and exits from the valid stock (and the long-maintained
    and high-value stocks) — per counting rule (variant) × region × type × domestic (high_value
    is always False: the high-value stock has kinds of its own). grain 'c': per county
    (street_code NULL); grain 's': per street (no row without a street); for whole counting by
    any holder also 'p' and 't' (province, city). month = year × 12 + month − 1 (0: before any
    date)."""
    variant = pw.CharField(max_length=16, default="fast")  # counting rule (core.indicator_cube)
    grain = pw.CharField(max_length=1)
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    street_code = pw.CharField(max_length=9, null=True)
    patent_type = pw.CharField(max_length=10)
    domestic = pw.BooleanField(default=True)
    high_value = pw.BooleanField(default=False)  # unused (always False)
    kind = pw.CharField(max_length=8)
    month = pw.IntegerField()
    n = pw.DoubleField(default=0)  # fractional counting sums holder shares

    class Meta:
        # the covering index alone (migration step 43 dropped the one on (variant, grain,
        # city_code, county_code, street_code, kind, month): no read chose it, and each
        # upkeep's UPDATE of the counts kept it, 0.9 s of an address decision at 1,000,000
        # patents on PostgreSQL)
        indexes = ((INDICATOR_CUBE_INDEX, False),)


class OpsCube(BaseModel):
    """Summary table (core.stats_cubes): transfers, licences and pledges with a date, per day ×
    kind × the event's counties/streets before and after × the patent's region and type — the
    count and the summed amount. Keeps the day, so any date range is exact."""
    kind = pw.CharField(max_length=24)
    date = pw.DateField()
    county_before = pw.CharField(max_length=6, null=True)
    county_after = pw.CharField(max_length=6, null=True)
    street_before = pw.CharField(max_length=9, null=True)
    street_after = pw.CharField(max_length=9, null=True)
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    street_code = pw.CharField(max_length=9, null=True)
    patent_type = pw.CharField(max_length=10)
    n = pw.IntegerField(default=0)
    amount = pw.DecimalField(max_digits=18, decimal_places=2, null=True)

    class Meta:
        indexes = ((("kind", "date"), False),)


class ActorCube(BaseModel):
    """Summary table (core.stats_cubes): per region (province, city or county code) × filing
    year × set of patent types (bit mask, core.stats_cubes.TYPE_BITS) × measure (applicants:
    distinct first holders, agencies: distinct agencies, inventors: inventor person-times)."""
    region = pw.CharField(max_length=9)
    types = pw.IntegerField()
    year = pw.IntegerField(null=True)
    measure = pw.CharField(max_length=12)
    n = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("region", "types", "year"), False),)


class AgencyCube(BaseModel):
    """Summary table (core.stats_cubes): patents with an agency per county × agency × type ×
    first holder's kind × filing year — filings, valid, withdrawn or rejected. (Table
    agency_year_cube: the first agency_cube, without the year, is no longer read.)"""
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    agency_id = pw.IntegerField()
    patent_type = pw.CharField(max_length=10)
    holder_kind = pw.CharField(max_length=16, null=True)
    app_year = pw.IntegerField(null=True)
    n = pw.IntegerField(default=0)
    n_valid = pw.IntegerField(default=0)
    n_withdrawn = pw.IntegerField(default=0)

    class Meta:
        table_name = "agency_year_cube"
        indexes = ((AGENCY_CUBE_KEY, False),)


class AgencyFieldCube(BaseModel):
    """Summary table (core.cubes.stats): patents with an agency and an IPC subclass per city ×
    agency × type × main IPC subclass, over all time (代理机构统计's main fields of the biggest
    agencies, for undated province and city scopes)."""
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    agency_id = pw.IntegerField()
    patent_type = pw.CharField(max_length=10)
    ipc_subclass = pw.CharField(max_length=4)
    n = pw.IntegerField(default=0)


class IndustryCube(BaseModel):
    """Summary table (core.industry_cube): patents per top-level industry (or '*sei': in any
    strategic emerging industry) × street × type × status × filing and grant year, each patent
    once per industry."""
    industry = pw.CharField(max_length=16)
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    street_code = pw.CharField(max_length=9, null=True)
    patent_type = pw.CharField(max_length=10)
    status = pw.CharField(max_length=8)
    app_year = pw.IntegerField(null=True)
    grant_year = pw.IntegerField(null=True)
    n = pw.IntegerField(default=0)

    class Meta:
        indexes = ((INDUSTRY_CUBE_KEY, False),)


class InventorCube(BaseModel):
    """Summary table (core.cubes.inventor): patents and inventions per county × first holder ×
    inventor (a name within that holder), over all time and types."""
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    holder_id = pw.IntegerField()
    name = pw.TextField()
    n = pw.IntegerField(default=0)
    n_invention = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("holder_id", "name", "county_code", "city_code"), False),
                   (("city_code", "n"), False), (("county_code", "n"), False))


class InventorYearCube(BaseModel):
    """Summary table (core.cubes.inventor): InventorCube's patents per patent type and filing
    year too, for scopes of some types or whole filing years."""
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    holder_id = pw.IntegerField()
    name = pw.TextField()
    patent_type = pw.CharField(max_length=10)
    app_year = pw.IntegerField(null=True)
    n = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("holder_id", "name", "app_year", "patent_type", "county_code",
                     "city_code"), False),)


class QualityCube(BaseModel):
    """Summary table (core.cubes.quality): per subject ('holder': first holder, 'agency') ×
    county × type over all time, the filings and the closed invention cases (granted, rejected,
    withdrawn) of 申请质量监测."""
    subject = pw.CharField(max_length=8)
    subject_id = pw.IntegerField()
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    patent_type = pw.CharField(max_length=10)
    n = pw.IntegerField(default=0)
    n_closed = pw.IntegerField(default=0)
    n_granted = pw.IntegerField(default=0)
    n_rejected = pw.IntegerField(default=0)
    n_withdrawn = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("subject", "subject_id", "county_code", "patent_type"), False),)


class QualityYearCube(BaseModel):
    """Summary table (core.cubes.quality): QualityCube's counts per filing year too, with the
    grants (any type) and those kept past years 3, 5 and 10."""
    subject = pw.CharField(max_length=8)
    subject_id = pw.IntegerField()
    province_code = pw.CharField(max_length=2, null=True)
    city_code = pw.CharField(max_length=4, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    patent_type = pw.CharField(max_length=10)
    app_year = pw.IntegerField(null=True)
    n = pw.IntegerField(default=0)
    n_closed = pw.IntegerField(default=0)
    n_granted = pw.IntegerField(default=0)
    n_rejected = pw.IntegerField(default=0)
    n_withdrawn = pw.IntegerField(default=0)
    n_grant_any = pw.IntegerField(default=0)
    n_kept_3 = pw.IntegerField(default=0)
    n_kept_5 = pw.IntegerField(default=0)
    n_kept_10 = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("subject", "subject_id", "app_year", "county_code", "patent_type"), False),
                   (("subject", "app_year", "city_code"), False))


class SubjectTotalCube(BaseModel):
    """Summary table (core.cubes.subject): per subject ('holder': first holder, 'agency') and
    province or city (region_code: the province's 2 digits or the city's 4; counties keep
    quality_cube), every type over all time: 申请质量监测's filings and closed invention cases, so
    that the subjects over the ranking's floor are an index range (subject, region_code, n),
    read from the index alone."""
    subject = pw.CharField(max_length=8)
    region_code = pw.CharField(max_length=4)
    subject_id = pw.IntegerField()
    n = pw.IntegerField(default=0)
    n_invention = pw.IntegerField(default=0)
    n_closed = pw.IntegerField(default=0)
    n_granted = pw.IntegerField(default=0)
    n_rejected = pw.IntegerField(default=0)
    n_withdrawn = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("subject", "region_code", "n", "subject_id", "n_invention", "n_closed",
                     "n_granted", "n_rejected", "n_withdrawn"), False),
                   (("subject", "subject_id", "region_code"), False))


class SubjectYearCube(BaseModel):
    """Summary table (core.cubes.subject): SubjectTotalCube's grain per filing year, the
    filings (非正常申请监测: a year's filings over a limit as an index range (subject,
    region_code, app_year, n)) and the grants kept past years 3, 5 and 10 (申请质量监测's kept
    shares of the ranked subjects: their rows from the index alone, one descent each)."""
    subject = pw.CharField(max_length=8)
    region_code = pw.CharField(max_length=4)
    subject_id = pw.IntegerField()
    app_year = pw.IntegerField(null=True)
    n = pw.IntegerField(default=0)
    n_grant_any = pw.IntegerField(default=0)
    n_kept_3 = pw.IntegerField(default=0)
    n_kept_5 = pw.IntegerField(default=0)
    n_kept_10 = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("subject", "region_code", "app_year", "n", "subject_id"), False),
                   (("subject", "region_code", "subject_id", "app_year", "n_grant_any",
                     "n_kept_3", "n_kept_5", "n_kept_10"), False))


# 权利人统计 of a province or city (core.cubes.holder_region): the holders new in a period, and the
# top holders by valid total with their split by kind, each an index range (migration step 40)
HOLDER_FIRST_INDEX = ("region", "first_date", "holder_id")
HOLDER_RANK_INDEX = ("region", "valid", "holder_id", "holder_kind")
# the delta's merge and its first dates: a row by its key (first_date: covered, or SQLite takes
# HOLDER_FIRST_INDEX, which covers them, and walks the whole region for each key)
HOLDER_KEY_INDEX = ("region", "holder_id", "first_date")


class HolderRegionCube(BaseModel):
    """Summary table (core.cubes.holder_region): per province or city (region: its code) × first
    holder (and its kind), the patents placed there — all (n), with a filing date (n_dated),
    valid in total and by type — and the holder's earliest filing date there (first_date;
    NULL when none has a date)."""
    region = pw.CharField(max_length=4)
    holder_id = pw.IntegerField()
    holder_kind = pw.CharField(max_length=16, null=True)
    n = pw.IntegerField(default=0)
    n_dated = pw.IntegerField(default=0)
    valid = pw.IntegerField(default=0)
    valid_invention = pw.IntegerField(default=0)
    valid_utility = pw.IntegerField(default=0)
    valid_design = pw.IntegerField(default=0)
    first_date = pw.DateField(null=True)

    class Meta:
        indexes = ((HOLDER_KEY_INDEX, False), (HOLDER_FIRST_INDEX, False),
                   (HOLDER_RANK_INDEX, False))


class CubeStamp(BaseModel):
    """One row: the patent and legal_event tables' state when the cubes were last rebuilt."""
    max_patent_id = pw.IntegerField(default=0)
    max_event_id = pw.IntegerField(default=0)
    patents = pw.IntegerField(default=0)
    long_rule = pw.CharField(max_length=32, null=True)  # core.indicator_cube.long_rule_key()
    built_at = pw.DateTimeField(default=now)


class DataVersion(BaseModel):
    """One row (id 1): a number that every write of data raises in its own transaction
    (core.db.version); the caches of the UI and of the rule parameters key on it."""
    version = pw.BigIntegerField(default=0)


class Parameter(BaseModel):
    """Versioned parameters. The value in force on a date is the row with the latest
    effective_from on or before it. JSON values."""
    key = pw.CharField(max_length=64)
    region_code = pw.CharField(max_length=16, default="")
    year = pw.IntegerField(null=True)
    value = pw.TextField()
    effective_from = pw.DateField(default=dt.date(2000, 1, 1))
    source = pw.TextField(null=True)
    note = pw.TextField(null=True)
    is_demo = pw.BooleanField(default=False)
    created_by = pw.CharField(max_length=64, null=True)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("key", "region_code", "year", "effective_from"), False),)


class WatchItem(BaseModel):
    kind = pw.CharField(max_length=16)  # region, industry, holder
    target = pw.CharField(max_length=64)
    name = pw.CharField(max_length=128, null=True)
    username = pw.CharField(max_length=64, null=True)
    created_at = pw.DateTimeField(default=now)


class Alert(BaseModel):
    kind = pw.CharField(max_length=24)  # fee_due, fee_grace, expiry, transfer_out, abnormal …
    key = pw.CharField(max_length=128, unique=True)  # dedupe key, e.g. fee_due:123:5
    patent = pw.ForeignKeyField(Patent, null=True, backref="alerts", on_delete="CASCADE")
    holder = pw.ForeignKeyField(Holder, null=True, backref="alerts", on_delete="CASCADE")
    county_code = pw.CharField(max_length=6, null=True)
    street_code = pw.CharField(max_length=9, null=True)
    due_date = pw.DateField(null=True)
    amount = pw.DecimalField(max_digits=12, decimal_places=2, null=True)
    severity = pw.IntegerField(default=1)
    message = pw.TextField(null=True)
    status = pw.CharField(max_length=8, default="open")  # open, done, dismissed
    created_at = pw.DateTimeField(default=now)
    updated_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("kind", "status", "due_date"), False),)


class IndicatorSnapshot(BaseModel):
    region_code = pw.CharField(max_length=16)
    year = pw.IntegerField()
    as_of = pw.DateField()
    indicator = pw.CharField(max_length=48)
    numerator = pw.DoubleField(null=True)  # DOUBLE PRECISION on PostgreSQL (FloatField is REAL)
    denominator = pw.DoubleField(null=True)
    value = pw.DoubleField(null=True)
    target = pw.DoubleField(null=True)
    rule = pw.TextField(null=True)

    class Meta:
        indexes = ((("region_code", "year", "indicator", "as_of"), True),)


class User(BaseModel):
    username = pw.CharField(max_length=64, unique=True)
    name = pw.CharField(max_length=64)
    email = pw.CharField(max_length=128, null=True)
    password_hash = pw.CharField(max_length=128)
    role = pw.CharField(max_length=8)
    active = pw.BooleanField(default=True)
    # Raised by a logout, a password change, a role change or a deactivation: every login
    # session and cookie made under an older version ends at its next run.
    session_version = pw.IntegerField(default=1)
    last_login = pw.DateTimeField(null=True)
    created_at = pw.DateTimeField(default=now)


class LoginThrottle(BaseModel):
    """Failed logins in a row per account name (known or not) or client address: key
    'user:<name>' or 'addr:<address>'; further tries wait until blocked_until."""
    key = pw.CharField(max_length=160, unique=True)
    failures = pw.IntegerField(default=0)
    last_failure = pw.DateTimeField(index=True)
    blocked_until = pw.DateTimeField(null=True)


class AuditLog(BaseModel):
    at = pw.DateTimeField(default=now, index=True)
    username = pw.CharField(max_length=64, null=True)
    action = pw.CharField(max_length=32)  # add, change, delete, login, login_failed, import …
    object_type = pw.CharField(max_length=32, null=True)
    object_id = pw.CharField(max_length=64, null=True)
    object_repr = pw.TextField(null=True)
    message = pw.TextField(null=True)
    payload = pw.TextField(null=True)  # JSON: before/after, for undo

    class Meta:
        indexes = ((("object_type", "object_id"), False),)


class ImportBatch(BaseModel):
    file_name = pw.CharField(max_length=255)
    file_hash = pw.CharField(max_length=64, index=True)
    kind = pw.CharField(max_length=8)  # patents, events, fees
    source = pw.CharField(max_length=16, null=True)
    username = pw.CharField(max_length=64, null=True)
    started_at = pw.DateTimeField(default=now)
    finished_at = pw.DateTimeField(null=True)
    rows_read = pw.IntegerField(default=0)
    inserted = pw.IntegerField(default=0)
    updated = pw.IntegerField(default=0)
    unchanged = pw.IntegerField(default=0)
    rejected = pw.IntegerField(default=0)
    status = pw.CharField(max_length=12, default="running")
    summary = pw.TextField(null=True)  # JSON: mapping, unmapped columns, errors


class JobRun(BaseModel):
    job = pw.CharField(max_length=48, index=True)
    started_at = pw.DateTimeField(default=now)
    finished_at = pw.DateTimeField(null=True)
    status = pw.CharField(max_length=8, default="running")  # running, ok, failed
    message = pw.TextField(null=True)


class ReminderBatch(BaseModel):
    """One 生成提醒函 action: the letters of a selection on 年费预警 or 届满通知."""
    kind = pw.CharField(max_length=8)  # fee, expiry
    on_date = pw.DateField()  # the day the amounts and states were computed for
    filters = pw.TextField()  # the selection in words (region, types, holder, states, horizon)
    region_code = pw.CharField(max_length=16)
    holders = pw.IntegerField()
    patents = pw.IntegerField()
    created_by = pw.CharField(max_length=64, null=True)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("kind", "created_at"), False),)


class ReminderLetter(BaseModel):
    """One letter of a batch: to the first holder of `patents` patents of the selection."""
    batch = pw.ForeignKeyField(ReminderBatch, backref="letters", on_delete="CASCADE")
    number = pw.IntegerField()  # 1, 2, … within the batch (the file name's prefix)
    holder = pw.ForeignKeyField(Holder, null=True, backref="letters", on_delete="SET NULL")
    holder_name = pw.CharField(max_length=255)
    patents = pw.IntegerField()

    class Meta:
        indexes = ((("holder", "batch"), False),)


class ReportArchive(BaseModel):
    """A generated analysis report (分析报告): the .docx and its .xlsx annex, kept in the database
    so that every app process and a PostgreSQL server's clients see the same archive, and a
    report is stored whole or not at all. `created_by` is the user's name or "job:<name>"."""
    region_code = pw.CharField(max_length=16)
    region_name = pw.CharField(max_length=128)
    period = pw.CharField(max_length=32)  # the text core.reports.period.parse reads back
    period_name = pw.CharField(max_length=64)
    sections = pw.TextField()  # section keys, comma-separated, in report order
    title = pw.CharField(max_length=255)
    docx = pw.BlobField()
    xlsx = pw.BlobField()
    created_by = pw.CharField(max_length=64)
    created_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("region_code", "period", "created_by"), False),)


ALL_MODELS = [
    SchemaVersion, Region, RegionMember, Address, AddressAlias, Agency, Holder, HolderTag,
    Patent, PatentHolder, LegalEvent, FeePayment, Industry, IndustryRule, PatentIndustry, PatentText,
    Parameter, WatchItem, Alert, IndicatorSnapshot, User, LoginThrottle, AuditLog, ImportBatch,
    JobRun, ReminderBatch, ReminderLetter, ReportArchive,
    PatentCube, StreetCube, HolderCube, EventCube, IndicatorCube, OpsCube, ActorCube,
    AgencyCube, AgencyFieldCube, IndustryCube, InventorCube, InventorYearCube, QualityCube,
    QualityYearCube, SubjectTotalCube, SubjectYearCube, HolderRegionCube, CubeStamp,
    DataVersion,
]
