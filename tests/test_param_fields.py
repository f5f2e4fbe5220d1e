"""Validation of parameter values (core.config.fields / targets / catalog): every message is
Chinese and names the field, the value and what is allowed."""
import pytest

from core.config import catalog, defaults, fields, targets

REFUSED = {
    ("fee_rules", '{"due_soon_days": 0}'): "「即将到期提醒提前天数」应在 1 至 366天 之间（填写的是 0）",
    ("fee_rules", '{"reduction_years": 2.5}'): "「费减年限（自授权当年起）」应为整数（填写的是 2.5）",
    ("fee_rules", '{"band_months": [3, 2, 1, 4, 5, 6]}'): "各档截止月数应从小到大排列",
    ("fee_rules", '{"surcharge_rates": [0, 5]}'): "各档滞纳金比例与各档截止月数的个数必须相同",
    ("fee_table", '{"utility": [600, 600]}'): "「实用新型专利年费」应填写 10 项（现为 2 项）",
    ("high_value_rules", '{"pledge_amount": "high"}'): "「质押金额门槛」应为整数（填写的是 high）",
    ("high_value_rules", '{"sei": 1}'): "「战略性新兴产业的发明专利」应为“是”或“否”（填写的是 1）",
    ("counting_rule", '{"holder": "last"}'):
        "「按哪个权利人计入区域」的「last」不是可选值（可选：第一权利人、任一权利人）",
    ("holiday_calendar", '{"holidays": ["2027-13-01"]}'):
        "「补充的休息日」中的「2027-13-01」不是日期（格式如 2026-10-08）",
    ("filing_quality", '{"grant_rate_below": 1.5}'): "「发明授权率低于」应在 0 至 1 之间（填写的是 1.5）",
    ("industry_match", "any"): "「any」不是可选值（可选：all、main）",
    ("target", '{"foo": 1}'): "未知的字段「foo」",
    ("target", '{"applications_growth_pct": -120}'):
        "「专利申请量同比增长」的目标应在 -100 至 1000% 之间（填写的是 -120）",
    ("population", "-3"): "「-3」必须大于0",
    ("reminder_letters", '{"fee_body": "共{金额}元"}'):
        "「缴费提醒函正文（表格前）」中的占位符「{金额}」不可用（可用：{本地区}、",
    ("reminder_letters", '{"bureau": "{发函单位}"}'):
        "「发函单位」中的占位符「{发函单位}」不可用（可用：{本地区}、{权利人}",
    ("reminder_letters", '{"fee_body": "贵单位{权利人"}'): "「缴费提醒函正文（表格前）」中的花括号不成对",
    ("reminder_letters", '{"fee_body": "{权利人!r}"}'): "「缴费提醒函正文（表格前）」中的花括号不成对",
    ("reminder_letters", '{"phone": 12345}'): "「联系电话」应为文字（填写的是 12345）",
}


@pytest.mark.parametrize("key, text", list(REFUSED))
def test_a_bad_value_gets_a_chinese_message(key, text):
    with pytest.raises(ValueError) as info:
        catalog.parse(key, text)
    assert str(info.value).startswith(REFUSED[key, text])


def test_every_default_passes_its_own_check():
    for key, value in defaults.BY_KEY.items():
        fields.check(key, value)


def test_every_field_has_a_chinese_label_and_a_default():
    for key, declared in fields.FIELDS.items():
        default = defaults.BY_KEY[key]
        names = {f.name for f in declared}
        assert names == ({"value"} if key == "industry_match" else set(default)), key
        for f in declared:
            assert f.label(key) and not f.label(key).isascii()


def test_targets_are_stored_under_todays_keys():
    assert targets.check({"invention_per_10k": 84, "high_value_per_10k": 30}) == \
        {"inventions_per_10k": 84, "hv_inventions_per_10k": 30}
    assert catalog.parse("target", '{"inventions_per_10k": 84}') == {"inventions_per_10k": 84}
    assert catalog.describe("target", {"invention_per_10k": 84, "applications": 50000}) == \
        "每万人口发明专利拥有量 84；专利申请量 50000"


def test_the_population_template_reads_back_as_the_values_it_shows():
    import pandas as pd

    from core.config import labels, regional
    from core.exports.sheet import to_xlsx_bytes
    frame = pd.DataFrame([["3205", "苏州市", 2025, 1296.5, 24653.0],
                          ["320506", "吴中区", 2025, None, 1600.0]], columns=regional.COLUMNS)
    data = to_xlsx_bytes(frame, labels.REGIONAL_COLUMNS, labels.PARAM_TABS[1])
    found, errors = regional.read_xlsx(data, "模板.xlsx", {"3205": "苏州市", "320506": "吴中区"})
    assert errors == []
    assert found == [regional.Change("population", "3205", 2025, 1296.5),
                     regional.Change("gdp", "3205", 2025, 24653.0),
                     regional.Change("gdp", "320506", 2025, 1600.0)]


def test_a_file_that_is_not_a_workbook_or_lacks_a_column_is_named():
    from core.config import regional
    assert regional.read_xlsx(b"%PDF-1.4", "a.xlsx", {})[1] == [
        "文件「a.xlsx」不是有效的 Excel 工作簿（.xlsx），请用 Excel 另存为 .xlsx 后再上传"]
    import io

    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["区域代码", "人口"])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert regional.read_xlsx(buffer.getvalue(), "b.xlsx", {})[1] == ["文件「b.xlsx」第 1 行缺少「年度」列"]
