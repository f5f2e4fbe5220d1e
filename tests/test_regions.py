"""Custom regions: CRUD, validation, names, use in region_filter, and the admin page (AppTest)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.config import labels
from core.db.models import AuditLog, Patent
from core.regions import custom as regions
from core.regions.scope import region_filter

ROOT = Path(__file__).resolve().parents[1]
PARK = ["320576050", "320506004"]  # 娄葑街道 (园区) + 郭巷街道 (吴中区)


def test_create_update_delete_and_filter(db):
    code = regions.create("东部科创片区", "3205", PARK, "admin", "跨两个区")
    assert code == "C001"
    assert regions.name_of(code) == "东部科创片区"
    assert regions.name_of("320576050") == "娄葑街道"
    assert [regions.region_name(c) for c in (code, "320576050", "320571050", "C999", "", None)] \
        == ["东部科创片区", "娄葑街道", "娄葑街道", "C999", "", ""]  # 320571: the legacy code
    for n, street in enumerate(["320576050", "320506004", "320508017"]):
        Patent.create(app_no=f"2023100000{n}X", patent_type="utility", title="t",
                      street_code=street, county_code=street[:6])
    assert Patent.select().where(region_filter(code)).count() == 2
    [row] = regions.list_custom()
    assert (row["name"], row["parent_name"], row["members"]) == (
        "东部科创片区", "苏州市", sorted(PARK))
    regions.update(code, "东部片区", "3205", PARK + ["320508"], "admin")
    assert Patent.select().where(region_filter(code)).count() == 3
    assert regions.next_code() == "C002"
    regions.delete(code, "admin")
    assert regions.list_custom() == []
    assert [a.action for a in AuditLog.select().order_by(AuditLog.id)] == ["add", "change",
                                                                         "delete"]


@pytest.mark.parametrize("name, parent, members, message", [
    ("", "3205", PARK, "请填写区划名称"),
    ("X", "3205", [], "请至少选择一个街道/乡镇或区县"),
    ("X", "3205", ["320576999"], "成员不是有效的区县或街道代码：320576999"),
    ("X", "320576", PARK, "成员 320506004（郭巷街道）不在上级区划 320576 内"),
    ("X", "9999", PARK, "上级区划不存在：9999"),
])
def test_validation_messages(db, name, parent, members, message):
    with pytest.raises(regions.RegionError, match=message):
        regions.create(name, parent, members, "admin")


def test_duplicate_name_is_refused(db):
    regions.create("片区", "3205", PARK, "admin")
    with pytest.raises(regions.RegionError, match="已存在同名的自定义区划：片区"):
        regions.create("片区", "3205", PARK, "admin")


def test_admin_page_creates_a_region_and_checker_is_refused(app_env):
    at = AppTest.from_file(str(ROOT / "admin/custom_regions.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = ["admin"]
    at.session_state["username"] = "admin"
    at.run()
    assert at.info[0].value == labels.CUSTOM_EMPTY
    at.text_input(key="cr_new_name").input("园区东片")
    at.multiselect(key="cr_new_counties").set_value(["320576", "320506"])
    at.run()
    at.multiselect(key="cr_new_streets").set_value(PARK)
    at.button(key="cr_new_save").click()
    at.run()
    assert not at.exception
    assert at.success[0].value == labels.CUSTOM_SAVED.format(code="C001")
    assert regions.list_custom()[0]["members"] == sorted(PARK)
    checker = AppTest.from_file(str(ROOT / "admin/custom_regions.py"), default_timeout=60)
    checker.session_state["authentication_status"] = True
    checker.session_state["roles"] = ["checker"]
    checker.run()
    assert [e.value for e in checker.error] == [labels.NO_PERMISSION]
