"""One row of a patent list → a Record: the Patent column values, holder names and event tags
as the vendor wrote them (numbers, dates, types and statuses parsed; another country's patent
raises Skipped, a row that cannot be read BadCell naming the column)."""
from __future__ import annotations

from dataclasses import dataclass, field

from core.config import labels
from core.db.models import Patent
from core.importer import derwent, legal, sizes
from core.importer import values as v
from core.importer.table import BadCell, Skipped, Table
from core.importer.vendor_regions import region_address
from core.rules import numbers

CN_NAMES = {"中国", "cn", "china", "中国大陆", "中华人民共和国", "中国专利"}
@dataclass
class Record:
    """One patent as read from a row: Patent column values plus holder names and event tags."""
    sheet: str
    row: int
    values: dict
    holders: list[str] = field(default_factory=list)
    tags: list[tuple] = field(default_factory=list)  # (kind, detail, date or None)
    agency: str | None = None
    abstract: str | None = None
    holder_ids: list[int] = field(default_factory=list)
    changed: bool = False
    address_is_real: bool = True  # False: built from vendor province/city/county columns

    @property
    def key(self) -> str:
        """The application number, else the number its documents share (CN108572939)."""
        val = self.values
        return val.get("app_no") or numbers.document_key(val["pub_no"]) or val["pub_no"]

    def numbers(self) -> list[str]:
        """Every number this patent is known by in one file: application number and the
        document numbers of its publication and grant."""
        val = self.values
        keys = [val["app_no"]] if val.get("app_no") else []
        for number in (val.get("pub_no"), val.get("grant_no")):
            key = numbers.document_key(number) or number
            if key and key not in keys:
                keys.append(key)
        return keys


def row_getters(table: Table, cells: tuple) -> list:
    """get(field) for each patent a row describes: one, or one per Chinese application of a
    Derwent Innovations Index family row."""
    get = table.getter(cells)
    return derwent.getters(get) if table.source == "dii" else [get]


def parse_row(table: Table, cells: tuple, source: str | None, get=None) -> Record:
    """A Record from one row; BadCell naming the column and the reason, or Skipped for another
    country's patent."""
    table.check_cells(cells)
    get = get or table.getter(cells)
    _check_country(table, get)
    out = {"source": source}
    _dates(table, get, out)
    app_no, flag = table.parse("app_no", lambda raw: v.parse_app_no(raw, out["app_year"]), get)
    pub_no = v.norm_pub_no(get("pub_no"))
    if not app_no and not pub_no:
        raise BadCell(table.column("app_no") or table.column("pub_no"), None,
                      labels.IMP_R_NO_KEY)
    title = v.prefer_chinese(table.values("title", cells))
    if title is None:
        raise BadCell(table.column("title"), None, labels.IMP_R_NO_TITLE)
    out.update({"app_no": app_no, "app_no_flag": flag, "pub_no": pub_no, "title": title})
    out["patent_type"] = _patent_type(table, get, app_no, pub_no)
    _grant(get, out)
    _ipc(get, out)
    _people(get, out)
    _status(table, get, out)
    record = Record(table.sheet, 0, out, _holders(get), _tags(get, out), v.text(get("agency")),
                    v.prefer_chinese(table.values("abstract", cells)))
    out["holder_count"] = len(record.holders) or None
    out["domestic"] = v.is_domestic(record.holders[0]) if record.holders else None
    out["address"] = _address(get)
    record.address_is_real = v.text(get("address")) is not None
    sizes.check_names(table, record.holders, record.agency)
    sizes.check_values(table, Patent, out)
    return record


def _tags(get, out: dict) -> list[tuple]:
    """Undated vendor event tags, plus the dated event a status with an effective date states
    (法律状态 未缴年费专利权终止 + 法律状态生效日期 → lapse_unpaid on that day), which the
    status derivation (core.status) can use."""
    tags = [(kind, tag, None) for kind, tag in legal.event_tags(get("events"))]
    detail = v.text(get("status"))
    if detail and out.get("status_date"):
        kind = legal.event_kind(detail)
        if legal.EVENT_STATUS.get(kind, (None,))[0]:
            tags.append((kind, detail[:200], out["status_date"]))
    return tags


def _check_country(table: Table, get) -> None:
    country = v.text(get("country"))
    if country and country.lower() not in CN_NAMES:
        raise Skipped(table.column("country"), country,
                      labels.IMP_R_FOREIGN.format(office=country), country)
    for name in ("pub_no", "app_no"):
        raw = v.text(get(name))
        office = v.pub_office(raw.upper().replace(" ", "")) if raw else None
        if office and office not in ("CN", "ZL"):
            raise Skipped(table.column(name), raw, labels.IMP_R_FOREIGN.format(office=office),
                          office)


def _patent_type(table: Table, get, app_no, pub_no) -> str:
    kind = numbers.TYPE_BY_DIGIT.get(app_no[4] if len(app_no) >= 12 else app_no[2]) \
        if app_no else None
    kind = (kind or v.type_from_words(get("patent_type")) or v.type_from_words(get("doc_type"))
            or v.KIND_TYPE.get((v.text(get("kind_code")) or " ")[0]) or v.type_from_pub_no(pub_no))
    if kind is None:
        raise BadCell(table.column("patent_type") or table.column("pub_no"),
                      get("patent_type"), labels.IMP_R_NO_TYPE)
    return kind


def _dates(table: Table, get, out: dict) -> None:
    app_date, app_year = table.parse("app_date", v.parse_date, get)
    if app_year is None:
        app_year = table.parse("app_year", v.parse_date, get)[1]
    out["app_date"], out["app_year"] = app_date, app_year
    out["pub_date"] = table.parse("pub_date", v.parse_date, get)[0]
    out["grant_date"] = table.parse("grant_date", v.parse_date, get)[0]
    out["status_date"] = table.parse("status_date", v.parse_date, get)[0]
    out["lapse_date"] = table.parse("lapse_date", v.parse_date, get)[0]


def _grant(get, out: dict) -> None:
    """Grant number and date: their own columns, else the document itself when it is a grant
    (B/U/S, or a type such as 发明授权)."""
    grant_no, grant_date = v.norm_pub_no(get("grant_no")), out["grant_date"]
    type_text = f"{v.text(get('patent_type')) or ''}{v.text(get('doc_type')) or ''}"
    if grant_no is None and v.is_grant_document(out["pub_no"], type_text):
        grant_no, grant_date = out["pub_no"], grant_date or out["pub_date"]
    out["grant_no"], out["grant_date"] = grant_no, grant_date
    out["grant_year"] = grant_date.year if grant_date else None


def _ipc(get, out: dict) -> None:
    ipcs = v.ipc_list(get("ipc_all"))
    main = v.norm_ipc(get("ipc_main"))
    subclass = v.norm_ipc(get("ipc_subclass"))
    if main and len(main) == 4:  # a subclass only (Patentics 国际主分类)
        subclass, main = main, next((i for i in ipcs if i.startswith(main)), None)
    main = main or (ipcs[0] if ipcs else None)
    if main and main not in ipcs:
        ipcs.insert(0, main)
    out["ipc_main"] = main[:32] if main else None
    out["ipc_all"] = "; ".join(ipcs) or None
    out["ipc_subclass"] = (main or subclass or "")[:4] or None


def _people(get, out: dict) -> None:
    inventors = v.split_multi(get("inventors"))
    out["inventors"] = "; ".join(inventors) or None
    out["inventor_count"] = len(inventors) or None
    out["agents"] = "; ".join(v.split_multi(get("agents"))) or None


def _holders(get) -> list[str]:
    names = v.split_multi(get("owners")) or v.split_multi(get("applicants"))
    return list(dict.fromkeys(names))


def _address(get) -> str | None:
    address = v.text(get("address"))
    if address:
        return address
    # one region per holder (山东 | 北京): the first holder's, as the address is the first holder's
    return region_address(*((v.split_multi(get(name)) or [None])[0]
                            for name in ("province", "city", "county")))


def _status(table: Table, get, out: dict) -> None:
    simple, detail, events = get("status_simple"), get("status"), get("events")
    if not any(table.has(f) for f in ("status_simple", "status", "events")):
        out["status"] = out["status_reason"] = out["vendor_status"] = None
        return
    texts = [t for t in (v.text(simple), v.text(detail), v.text(events)) if t]
    if not texts:  # empty cells: keep what is stored
        out["status"] = out["status_reason"] = out["vendor_status"] = None
        return
    status, reason = legal.status_of(simple, v.text(detail) or events)
    out["status"], out["status_reason"] = status, reason
    out["vendor_status"] = " / ".join(dict.fromkeys(texts))[:64] or None


# Fields a grant document brings to the record of its publication.
GRANT_FIELDS = ("grant_no", "grant_date", "grant_year", "status", "status_reason", "status_date",
                "vendor_status")
