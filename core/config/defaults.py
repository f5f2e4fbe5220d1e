"""The documented default of every rule parameter (domain-facts), keyed as stored. A stored
version (core.config.params, edited on 参数设置) overrides it; core.config.rules reads the value in
force and core.config.catalog validates new ones. Domain modules read their rules through
core.config.rules, never the store directly."""
from __future__ import annotations

FEE_TABLE = {
    "invention": [900, 900, 900, 1200, 1200, 1200, 2000, 2000, 2000, 4000,
                  4000, 4000, 6000, 6000, 6000, 8000, 8000, 8000, 8000, 8000],
    "utility": [600, 600, 600, 900, 900, 1200, 1200, 1200, 2000, 2000],
    "design": [600, 600, 600, 900, 900, 1200, 1200, 1200, 2000, 2000,
               3000, 3000, 3000, 3000, 3000],
    "source": "国家知识产权局专利收费标准；外观设计第11-15年 发改价格〔2022〕… 2022-05-05起",
}
FEE_RULES = {
    "surcharge_rates": [0, 5, 10, 15, 20, 25],
    "band_months": [1, 2, 3, 4, 5, 6],
    "shift_band_edges": False,
    "shift_grace_end": True,
    "shift_due_date": True,
    "surcharge_on_full": True,
    "reduced_pay_single": 15,
    "reduced_pay_joint": 30,
    "reduction_years": 10,
    "due_soon_days": 90,
    "restoration_fee": 1000,
    "restoration_surcharge": 25,
    "restoration_months": 2,
    # 专利权期限补偿期年费: 8,000 yuan a year per patent, a part-year not charged
    # (国家知识产权局公告第594号, 2024-08-06; domain-facts §1.1 [V])
    "compensation_fee": 8000,
    # 开放许可实施期间年费减免15 %, not combined with other reductions: the patentee gets the most
    # favourable one (财税〔2024〕23号, 公告第594号; domain-facts §1.6 [V]); by the fee's due date
    "open_licence_pay": 85,
    "open_licence_from": "2024-07-15",
    # Earlier versions, applied by the day a fee falls due: the entry with the earliest `until`
    # on or after that day is laid over the values above. 财税〔2018〕37号: from 2018-08-01 the
    # annual fees of the first 10 years from the grant year are reduced, before that 6
    # (财税〔2016〕78号, in force 2016-09-01; domain-facts §1.6 [V]); before 2016-09-01 the
    # 专利费用减缓办法 (2006) covered the fees of the first 3 years from the grant year [M]
    # (individual 85 % 减缓 → pays 15 %, other cases 70 % → 30 %; the finer 2006 tiers [U]).
    "history": [
        {"until": "2016-08-31", "reduction_years": 3, "reduced_pay_single": 15,
         "reduced_pay_joint": 30, "source": "专利费用减缓办法（2006）"},
        {"until": "2018-07-31", "reduction_years": 6, "source": "财税〔2016〕78号"},
    ],
    "source": "专利法实施细则；审查指南第五部分第九章；财税〔2016〕78号、财税〔2018〕37号、"
              "财税〔2024〕23号、国家知识产权局公告第594号",
}
TERM_RULES = {
    "invention": 20,
    "utility": 10,
    "design_before": 10,
    "design_after": 15,
    "design_switch": "2021-06-01",
    "end": "anniversary",
    # 专利权期限补偿 (Art. 42(2), patents granted from 2021-06-01) and 药品专利期限补偿
    # (Art. 42(3)): inventions only; the drug extension at most 5 years and the term left after
    # the marketing approval at most 14 years (domain-facts §2.2-2.3 [V])
    "drug_max_years": 5,
    "drug_max_after_approval_years": 14,
    "source": "专利法第42条（2020年修正，2021-06-01施行）；专利法实施细则（2023）；审查指南第五部分第九章",
}
HIGH_VALUE_RULES = {
    "sei": True, "overseas_family": True, "long_maintained": True, "pledge": True, "award": True,
    "maintained_years": 10, "maintained_from": "app", "pledge_amount": 10_000_000,
    "source": "国家知识产权局：高价值发明专利五类情形（domain-facts §3.2）；质押金额门槛为本地口径",
}
COUNTING_RULE = {"holder": "first", "basis": "current", "fractional": False, "domestic_only": True,
                 "filing_basis": "app", "stock_basis": "as_of"}
COUNTING_CHOICES = {"holder": ("first", "any"), "basis": ("current", "original"),
                    "filing_basis": ("app", "pub"), "stock_basis": ("as_of", "status")}
QUALITY_WEIGHTS = {"invention_share": 0.4, "high_value_share": 0.4, "long_share": 0.2}
ABNORMAL = {"lookback_years": 3, "burst_days": 7, "burst_min": 20, "similar_min": 10,
            "individual_year_min": 50, "agency_factor": 5.0, "agency_min": 200}
AGENCY_ABNORMAL = {"volume_ratio": 5.0, "min_filings": 100, "withdrawn_share": 0.5}
# 运营监控: a holder whose transfers out of the region in one calendar year reach min_transfers
# raises an alert (a local heuristic [U]: on the 50,000-patent demo a handful of holders a year)
TRANSFER_OUT_ALERT = {"min_transfers": 5}
# 分析报告: the day of the month the scheduled job writes last month's reports (jobs/monthly_reports)
# — the 5th leaves the first days of the month for the imports of last month's gazettes
MONTHLY_REPORT = {"day": 5}
# 申请质量监测 (core.monitor.quality): practitioner heuristics [U] (domain-facts §6.2 "very low
# grant rates", "an unusually high share of utility models"); grant rate per closed case (§3.3)
FILING_QUALITY = {"min_filings": 20, "min_closed": 10, "grant_rate_below": 0.3,
                  "rejection_rate_above": 0.4, "withdrawal_rate_above": 0.5,
                  "invention_share_below": 0.05, "kept_3_below": 0.5}
HOLIDAY_CALENDAR = {"holidays": [], "workdays": []}
INDUSTRY_MATCH = "all"
# 缴费提醒函 / 届满提醒函 (core.reports.letters): the bureau's letterhead and the letter texts.
# Texts may name the placeholders of labels.LETTER_PLACEHOLDERS ({权利人}, {专利件数} …); empty
# address, contact and phone lines are left out of the letter. A body's lines are paragraphs
# before the table of patents, the closing follows the table. The body texts paraphrase
# 专利法第四十三、四十四条 and 实施细则 (年费、滞纳期、终止; domain-facts §1.3-1.5).
REMINDER_LETTERS = {
    "bureau": "{本地区}知识产权局",
    "address": "",
    "contact": "",
    "phone": "",
    "signature": "{发函单位}",
    "fee_title": "专利年费缴费提醒函",
    "fee_body": (
        "经查询，贵单位（个人）作为第一专利权人的下列{专利件数}件专利，下一年度的年费即将到期或已"
        "超过缴费期限。依照《中华人民共和国专利法》及其实施细则，年费应当在上一年度期满前缴纳；"
        "未按时缴纳的，可以在期满之日起6个月内补缴，同时缴纳滞纳金；期满仍未缴纳的，专利权自应当"
        "缴纳年费期满之日起终止。请在下表“最后缴费日”之前办理缴费，以免专利权终止。"
        "如已缴纳，请忽略本函。"),
    "expiry_title": "专利权期限届满提醒函",
    "expiry_body": (
        "经查询，贵单位（个人）作为第一专利权人的下列{专利件数}件专利，将在{届满截止日}之前保护"
        "期限届满。专利权期限届满后即行终止，相关技术进入公有领域，不能恢复。请及早评估相关产品与"
        "技术的保护安排（如就改进技术提出新的专利申请）。"),
    "closing": "特此提醒。",
}
TARGET_ALIASES = {"invention_per_10k": "inventions_per_10k",  # keys of earlier versions
                  "high_value_per_10k": "hv_inventions_per_10k"}

BY_KEY = {
    "fee_table": FEE_TABLE,
    "fee_rules": FEE_RULES,
    "term_rules": TERM_RULES,
    "holiday_calendar": HOLIDAY_CALENDAR,
    "high_value_rules": HIGH_VALUE_RULES,
    "counting_rule": COUNTING_RULE,
    "quality_weights": QUALITY_WEIGHTS,
    "industry_match": INDUSTRY_MATCH,
    "abnormal": ABNORMAL,
    "agency_abnormal": AGENCY_ABNORMAL,
    "transfer_out_alert": TRANSFER_OUT_ALERT,
    "monthly_report": MONTHLY_REPORT,
    "filing_quality": FILING_QUALITY,
    "reminder_letters": REMINDER_LETTERS,
}
