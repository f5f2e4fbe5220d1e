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
    "source": "专利法实施细则；审查指南第五部分第九章；财税〔2016〕78号、财税〔2018〕37号",
}
TERM_RULES = {
    "invention": 20,
    "utility": 10,
    "design_before": 10,
    "design_after": 15,
    "design_switch": "2021-06-01",
    "end": "anniversary",
    "source": "专利法第42条（2020年修正，2021-06-01施行）；审查指南第五部分第九章",
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
# 申请质量监测 (core.monitor.quality): practitioner heuristics [U] (domain-facts §6.2 "very low
# grant rates", "an unusually high share of utility models"); grant rate per closed case (§3.3)
FILING_QUALITY = {"min_filings": 20, "min_closed": 10, "grant_rate_below": 0.3,
                  "rejection_rate_above": 0.4, "withdrawal_rate_above": 0.5,
                  "invention_share_below": 0.05, "kept_3_below": 0.5}
HOLIDAY_CALENDAR = {"holidays": [], "workdays": []}
INDUSTRY_MATCH = "all"
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
    "filing_quality": FILING_QUALITY,
}
