"""Column headers as vendors write them (domain-facts §9 and the exports listed in
tests/data/import/README.md): one alias table per canonical field, shared by every vendor, and
the headers only one vendor writes (its signature).

Aliases are raw spellings; dialects.py normalises them (NFKC, no spaces or brackets, ASCII
lower-case), so 「公开（公告）号」, 「公开(公告)号」 and 「公开公告号」 are one alias. Tagged variants
(「[标]当前申请(专利权)人」, 「标题(译)(简体中文)」, 「专利权人/申请人 (原始语言)」, 「Title - DWPI」)
and numbered columns (「申请人1」「申请人2」) need no alias of their own: dialects.py strips the tag
or number and looks the rest up here.
"""
from __future__ import annotations

# kind → canonical field → aliases. Order = preference (the first alias present feeds the field).
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "patents": {
        "app_no": ("申请号", "专利申请号", "申请号码", "申请(专利)号", "专利号", "申请号/专利号",
                   "application number", "application no"),
        "app_date": ("申请日", "申请日期", "专利申请日", "application date", "filing date",
                     "filing/creation date"),
        "app_year": ("申请年", "申请年份", "application year"),
        "pub_no": ("公开(公告)号", "公开号", "公告号", "公布号", "文献号", "公开号码", "申请公布号",
                   "publication number", "display key"),
        "pub_date": ("公开(公告)日", "公开日", "公开日期", "公告日", "公布日", "公开公告日期",
                     "公开公告日", "申请公布日", "publication date"),
        "grant_no": ("授权公告号", "授权号", "授权公告号码", "授权公布号"),
        "grant_date": ("授权公告日", "授权日", "授权日期", "授权公告日期", "grant date"),
        "title": ("标题", "发明名称", "专利名称", "名称", "中文标题", "题名", "发明创造名称", "title"),
        "abstract": ("摘要", "申请摘要", "中文摘要", "摘要(中文)", "abstract"),
        "owners": ("当前权利人", "当前申请(专利权)人", "当前专利权人", "专利权人", "权利人", "owners"),
        "applicants": ("申请(专利权)人", "申请人", "原始申请(专利权)人", "申请人名称",
                       "申请(专利权)人名称", "专利权人/申请人", "applicants", "applicant",
                       "assignee/applicant", "assignees/applicants", "assignee"),
        "address": ("申请人地址", "地址", "专利权人地址", "当前权利人地址", "第一申请人地址",
                    "申请(专利权)人地址", "申请人详细地址", "当前专利权人地址"),
        "postcode": ("申请人邮编", "邮编", "邮政编码"),
        "province": ("当前申请(专利权)人州/省", "申请人省份", "省份", "申请人所在国(省)", "省",
                     "申请人(省市)", "当前专利权人(省市)"),
        "city": ("当前申请(专利权)人地市", "中国申请人地市", "地市", "申请人地市", "城市",
                 "当前专利权人(地市)"),
        "county": ("当前申请(专利权)人区县", "中国申请人区县", "区县", "申请人区县",
                   "当前专利权人(区县)"),
        "inventors": ("发明人", "发明(设计)人", "设计人", "inventors", "inventor",
                      "inventor/author"),
        "ipc_main": ("IPC主分类", "主分类号", "IPC主分类号", "主IPC", "国际主分类", "主分类"),
        "ipc_all": ("IPC", "IPC分类号", "分类号", "国际分类", "国际专利分类号", "IPC分类",
                    "IPC - 现版", "IPC 现版完整", "ipcr classifications", "ipc - current"),
        "ipc_subclass": ("IPC主分类号(小类)",),
        "agency": ("代理机构", "专利代理机构", "代理机构名称"),
        "agents": ("代理人", "专利代理人", "代理人姓名"),
        "patent_type": ("专利类型", "发明类型", "专利种类"),
        "doc_type": ("公开类型", "文献类型", "document type"),
        "kind_code": ("文献种类代码", "文献种类", "公开专利文献类型识别代码", "kind"),
        "country": ("公开国别", "受理局", "公开国", "国家/地区", "公开国家/地区代码", "jurisdiction",
                    "publication country code"),
        "status_simple": ("简单法律状态", "专利有效性", "有效性"),
        "status": ("法律状态", "当前法律状态", "当前状态", "法律状态名称", "legal status"),
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
# Aliases too generic to trust unless the file comes from that vendor.
SOURCE_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "google": {"pub_no": ("id",)},  # Google Patents: id = CN-108572939-A
    "dii": {"pub_no": ("PN",), "title": ("TI",), "inventors": ("AU",), "applicants": ("AE",),
            "ipc_all": ("IP",), "app_no": ("AD",), "pub_date": ("PD",)},  # see derwent.py
    # CNKI's bilingual tags (cnki.py reads its text and HTML forms). Its patent export holds
    # these ten fields and no application number, filing date, address or agency; 作者 are the
    # inventors, 中图分类号 holds the IPC codes, 国省名称 the first applicant's province (or
    # country), 来源库 中国专利 / 海外专利 (the number's office decides what is skipped).
    "cnki": {"pub_no": ("PubNo-公开号",), "pub_date": ("PubTime-公开日期",),
             "title": ("Title-题名",), "applicants": ("Applicant-申请人",),
             "inventors": ("Author-作者",), "abstract": ("Summary-摘要",),
             "ipc_all": ("CLC-中图分类号",), "province": ("CountryName-国省名称",)},
}
# Fields a vendor may spread over one column per person (申请人1, 申请人2 …): values are joined.
JOINED = ("owners", "applicants", "inventors", "agents")
# Trailing tags that only say which language or rendering a column holds. Rank: lower is
# preferred when the untagged column is absent (the original wording before a translation).
LANGUAGE_TAGS = {
    "原文": 0, "原始语言": 0, "中文": 0, "简体中文": 0, "original": 0, "chinese": 0,
    "标": 1, "标准化": 1, "原始": 1,
    "译": 2, "翻译": 2, "机器翻译": 2, "英文": 2, "英语": 2, "english": 2, "translated": 2,
    "dwpi": 3, "全字段": 3,
}
REQUIRED = {  # each inner tuple: at least one of these fields must be mapped
    "patents": (("app_no", "pub_no"), ("title",)),
    "events": (("app_no", "pub_no"), ("event", "before", "licensor", "pledgor", "code"),
               ("date", "announce_date", "detail")),  # every event needs its day
    "fees": (("app_no",), ("amount",), ("paid_on",), ("patent_year", "fee_name")),
}
# Headers that only one vendor writes (normalised on load).
SIGNATURES: dict[str, tuple[str, ...]] = {
    "patsnap": ("简单法律状态", "法律状态/事件", "当前申请(专利权)人", "受理局", "专利价值",
                "[标]当前申请(专利权)人", "当前申请(专利权)人州/省", "IPC主分类号(小类)",
                "战略新兴产业分类", "简单同族成员数量", "Patsnap专利标题", "标题(译)(简体中文)",
                "[标]原始申请(专利权)人", "Patsnap同族专利申请数量"),
    "incopat": ("链接到incoPat", "公开国别", "公开类型", "合享价值度", "标题 (中文)",
                "标题 (英文)", "专利有效性", "当前法律状态", "国民经济分类", "新兴产业分类",
                "标准化当前权利人", "中国申请人区县", "IPC主分类"),
    "patentics": ("国际分类", "国际主分类", "美国分类", "美国主分类", "本文引用专利数",
                  "引用本文专利数", "技术特征", "本文自引用专利数"),
    "cnipa": ("发明名称", "申请人地址", "申请人邮编", "申请人所在国(省)", "法律状态生效日期",
              "发明类型", "公开国", "专利代理机构", "法律状态公告日", "法律状态信息"),
    "baiten": ("专利名称", "权利要求书"),
    "soopat": ("主权项", "申请人名称", "摘要(中文)", "国省代码", "发明(设计)人"),
    "derwent": ("标题 - DWPI", "摘要 - DWPI", "专利权人/申请人", "DWPI 同族专利成员",
                "DWPI 入藏号", "IPC - 现版", "公开专利文献类型识别代码", "专利权人 - DWPI",
                "Title - DWPI", "Abstract - DWPI", "Assignee/Applicant", "DWPI Family Members",
                "IPC - Current", "Optimized Assignee", "Ultimate Parent"),
    "innojoy": ("INNOJOY同族", "INNOJOY同族数", "INNOJOY同族布局国家/地域", "INNOJOY布局国家/地域数",
                "DPI", "技术价值(DPIT)", "法律价值(DPIL)", "申请人(省市)", "当前专利权人(省市)",
                "当前专利权人(地市)", "当前专利权人(区县)", "标准申请人", "标准当前专利权人",
                "当前主专利权人", "申请人国家/地域", "主申请人国家/地域", "布局国家/地域"),
    "lens": ("Lens ID", "Jurisdiction", "Display Key", "Simple Family Size",
             "Extended Family Size", "IPCR Classifications", "Has Full Text", "Owners (US)"),
    "google": ("result link", "inventor/author", "filing/creation date",
               "representative figure link", "priority date"),
    "dii": ("PN", "TI", "AU", "AE", "GA", "AB", "DC", "MC", "IP", "PD", "AD", "PI", "UT"),
    "cnki": ("SrcDatabase-来源库", "PubNo-公开号", "PubTime-公开日期", "Applicant-申请人",
             "CountryName-国省名称", "Claims-主权项", "CLC-中图分类号", "Title-题名", "Author-作者",
             "Summary-摘要"),
}
SOURCES = ("cnipa", "incopat", "patsnap", "patentics", "baiten", "innojoy", "soopat", "derwent",
           "dii", "lens", "google", "cnki")
