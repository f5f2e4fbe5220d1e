"""Column headers of vendor exports → canonical fields (domain-facts §9).

One alias table per canonical field, shared by every vendor: headers are normalised first (NFKC,
no spaces, no brackets or slashes, ASCII lower-case), so 「公开（公告）号」, 「公开(公告)号」 and the
bracket-less 「公开公告号」 are one header. The source (cnipa, incopat, patsnap, patentics, baiten,
soopat) is detected from headers only one vendor writes; it is reported, not needed for mapping.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# kind → canonical field → aliases (raw spellings; normalised on load). Order = preference.
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "patents": {
        "app_no": ("申请号", "专利申请号", "申请号码", "专利号", "申请号/专利号", "application number"),
        "app_date": ("申请日", "申请日期", "专利申请日", "application date"),
        "app_year": ("申请年", "申请年份"),
        "pub_no": ("公开(公告)号", "公开号", "公告号", "公布号", "文献号", "公开号码",
                   "publication number"),
        "pub_date": ("公开(公告)日", "公开日", "公开日期", "公告日", "公布日", "公开公告日期",
                     "publication date"),
        "grant_no": ("授权公告号", "授权号", "授权公告号码"),
        "grant_date": ("授权公告日", "授权日", "授权日期", "授权公告日期"),
        "title": ("标题", "发明名称", "专利名称", "名称", "标题(中文)", "中文标题", "题名",
                  "发明创造名称", "title"),
        "owners": ("当前权利人", "当前申请(专利权)人", "当前专利权人", "专利权人", "权利人"),
        "applicants": ("申请(专利权)人", "申请人", "原始申请(专利权)人", "申请人名称",
                       "申请(专利权)人名称", "applicant"),
        "address": ("申请人地址", "地址", "专利权人地址", "当前权利人地址", "第一申请人地址",
                    "申请(专利权)人地址", "申请人详细地址"),
        "postcode": ("申请人邮编", "邮编", "邮政编码"),
        "province": ("当前申请(专利权)人州/省", "申请人省份", "省份", "申请人所在国(省)", "省"),
        "city": ("当前申请(专利权)人地市", "中国申请人地市", "地市", "申请人地市", "城市"),
        "county": ("当前申请(专利权)人区县", "中国申请人区县", "区县", "申请人区县"),
        "inventors": ("发明人", "发明(设计)人", "设计人", "inventor"),
        "ipc_main": ("IPC主分类", "主分类号", "IPC主分类号", "主IPC", "国际主分类", "主分类"),
        "ipc_all": ("IPC", "IPC分类号", "分类号", "国际分类", "国际专利分类号", "IPC分类"),
        "ipc_subclass": ("IPC主分类号(小类)",),
        "agency": ("代理机构", "专利代理机构", "代理机构名称"),
        "agents": ("代理人", "专利代理人", "代理人姓名"),
        "patent_type": ("专利类型", "发明类型", "专利种类"),
        "doc_type": ("公开类型", "文献类型"),
        "kind_code": ("文献种类代码", "文献种类"),
        "country": ("公开国别", "受理局", "公开国", "国家/地区"),
        "status_simple": ("简单法律状态", "专利有效性", "有效性"),
        "status": ("法律状态", "当前法律状态", "当前状态", "法律状态名称"),
        "events": ("法律状态/事件", "法律事件", "法律状态事件"),
        "status_date": ("法律状态生效日期", "法律状态公告日", "法律文书日期", "法律状态日期"),
        "lapse_date": ("失效日", "失效日期"),
        "credit_code": ("工商统一社会信用代码", "统一社会信用代码"),
    },
    "events": {
        "app_no": ("申请号", "专利申请号", "专利号"),
        "pub_no": ("公开(公告)号", "公开号", "授权公告号", "公告号"),
        "event": ("法律状态", "事务数据", "法律事件", "事件", "法律状态名称", "事件类型", "类型"),
        "code": ("法律状态代码", "事件代码", "代码"),
        "date": ("登记生效日", "生效日", "变更生效日", "登记日", "备案日", "备案日期",
                 "许可合同备案日期", "生效日期", "转让执行日", "质押登记日"),
        "announce_date": ("法律状态公告日", "公告日", "事务数据公告日", "公告日期"),
        "detail": ("法律状态信息", "描述信息", "详细信息", "事务数据信息", "法律状态详情"),
        "before": ("变更前权利人", "变更前申请人", "变更前专利权人", "转让人", "让与人"),
        "after": ("变更后权利人", "变更后申请人", "变更后专利权人", "受让人"),
        "licensor": ("许可人",),
        "licensee": ("被许可人",),
        "pledgor": ("出质人",),
        "pledgee": ("质权人",),
        "address_before": ("变更前地址",),
        "address_after": ("变更后地址",),
        "license_type": ("许可类型", "许可种类"),
        "contract_no": ("合同备案号", "备案号", "登记号", "合同登记号"),
        "amount": ("金额", "质押金额", "担保金额", "登记金额"),
        "end_date": ("解除日", "解除日期", "注销日", "许可期限截止日"),
    },
    "fees": {
        "app_no": ("申请号", "专利申请号", "专利号"),
        "patent_year": ("缴费年度", "年度", "专利年度", "费用年度"),
        "amount": ("金额", "缴费金额", "实缴金额", "费用金额", "已缴金额"),
        "surcharge": ("滞纳金",),
        "paid_on": ("缴费日", "缴费日期", "缴费时间", "付款日期", "收费日期", "缴费日期时间"),
        "fee_name": ("费用种类", "费用名称", "缴费种类", "费用类型"),
    },
}
REQUIRED = {  # each inner tuple: at least one of these fields must be mapped
    "patents": (("app_no", "pub_no"), ("title",)),
    "events": (("app_no", "pub_no"), ("event", "before", "licensor", "pledgor", "code")),
    "fees": (("app_no",), ("amount",), ("paid_on",), ("patent_year", "fee_name")),
}
# Headers that only one vendor writes (normalised on load).
SIGNATURES: dict[str, tuple[str, ...]] = {
    "patsnap": ("简单法律状态", "法律状态/事件", "当前申请(专利权)人", "受理局", "专利价值",
                "[标]当前申请(专利权)人", "当前申请(专利权)人州/省", "IPC主分类号(小类)",
                "战略新兴产业分类", "简单同族成员数量", "Patsnap专利标题"),
    "incopat": ("链接到incoPat", "公开国别", "公开类型", "合享价值度", "标题 (中文)",
                "标题 (英文)", "专利有效性", "当前法律状态", "国民经济分类", "新兴产业分类",
                "标准化当前权利人", "中国申请人区县", "IPC主分类"),
    "patentics": ("国际分类", "国际主分类", "美国分类", "美国主分类", "本文引用专利数",
                  "引用本文专利数", "技术特征", "本文自引用专利数"),
    "cnipa": ("发明名称", "申请人地址", "申请人邮编", "申请人所在国(省)", "法律状态生效日期",
              "发明类型", "公开国", "专利代理机构", "法律状态公告日", "法律状态信息"),
    "baiten": ("专利名称", "权利要求书"),
    "soopat": ("主权项", "申请人名称", "摘要(中文)", "国省代码", "发明(设计)人"),
}
SOURCES = ("cnipa", "incopat", "patsnap", "patentics", "baiten", "soopat")
_DROP = re.compile(r"[\s()\[\]{}<>/\\:：*_\-.·]+")


def norm_header(header) -> str:
    """NFKC, brackets/slashes/spaces dropped, ASCII lower-cased: 「公开（公告）号 」 → 公开公告号."""
    out = unicodedata.normalize("NFKC", str(header or "")).replace("\ufeff", "")
    out = out.translate(str.maketrans("【】〔〕", "[][]"))
    return _DROP.sub("", out).lower()


NORM_ALIASES = {kind: {f: tuple(dict.fromkeys(norm_header(a) for a in aliases))
                       for f, aliases in table.items()} for kind, table in ALIASES.items()}
NORM_SIGNATURES = {src: frozenset(norm_header(h) for h in heads)
                   for src, heads in SIGNATURES.items()}


@dataclass
class Mapping:
    """Column index of each canonical field, the headers as written, and what is left over."""
    kind: str
    headers: list[str]
    fields: dict[str, int] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)

    def as_names(self) -> dict[str, str]:
        """canonical field → the header it came from."""
        return {f: self.headers[i] for f, i in self.fields.items()}

    def missing_required(self) -> list[tuple[str, ...]]:
        return [group for group in REQUIRED[self.kind] if not any(f in self.fields for f in group)]


def header_score(row, kind: str) -> int:
    known = {a for aliases in NORM_ALIASES[kind].values() for a in aliases}
    return sum(1 for cell in row if norm_header(cell) in known)


def find_header(rows: list[tuple], kind: str, scan: int = 20) -> int | None:
    """Index of the header row: the row among the first `scan` matching the most aliases (≥ 2)."""
    best, best_score = None, 1
    for index, row in enumerate(rows[:scan]):
        score = header_score(row, kind)
        if score > best_score:
            best, best_score = index, score
    return best


def map_columns(headers: list, kind: str, override: dict[str, str | None] | None = None) -> Mapping:
    """Map headers to canonical fields. `override` (header → field, or None to ignore a column)
    replaces the automatic choice for the columns it names."""
    headers = [str(h).strip() if h is not None else "" for h in headers]
    mapping = Mapping(kind, headers)
    override = override or {}
    norms = [norm_header(h) for h in headers]
    taken: set[int] = set()
    for index, header in enumerate(headers):
        if header in override:
            taken.add(index)
            target = override[header]
            if target and target in ALIASES[kind] and target not in mapping.fields:
                mapping.fields[target] = index
    for name, aliases in NORM_ALIASES[kind].items():
        if name in mapping.fields:
            continue
        for alias in aliases:
            index = next((i for i, n in enumerate(norms) if n == alias and i not in taken), None)
            if index is not None:
                mapping.fields[name] = index
                taken.add(index)
                break
    mapping.unmapped = [h for i, h in enumerate(headers) if i not in taken and h]
    return mapping


def detect_source(headers: list) -> str | None:
    """The vendor whose signature headers match most, or None."""
    norms = {norm_header(h) for h in headers}
    scores = {src: len(norms & sig) for src, sig in NORM_SIGNATURES.items()}
    best = max(scores, key=lambda s: (scores[s], -SOURCES.index(s)))
    return best if scores[best] else None


def guess_kind(headers: list) -> str:
    """patents, events or fees: whichever alias table the headers match best (ties → patents)."""
    norms = {norm_header(h) for h in headers}
    distinctive = {
        "patents": {a for f in ("title", "ipc_all", "inventors", "ipc_main")
                    for a in NORM_ALIASES["patents"][f]},
        "events": {a for f in ("event", "before", "after", "licensor", "pledgor", "pledgee",
                               "detail", "contract_no") for a in NORM_ALIASES["events"][f]},
        "fees": {a for f in ("patent_year", "paid_on", "surcharge")
                 for a in NORM_ALIASES["fees"][f]},
    }
    scores = {k: len(norms & v) for k, v in distinctive.items()}
    if scores["patents"] >= max(scores["events"], scores["fees"]):
        return "patents"
    return max(("events", "fees"), key=scores.get)
