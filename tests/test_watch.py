"""Watch lists in core and through the 关注清单 page."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.db.models import AuditLog
from core.regions import watch

ROOT = Path(__file__).resolve().parents[1]


def test_regions_are_watched_once_with_their_official_name(db):
    watch.add("region", "3201", "admin")
    watch.add("region", "320583", "li", personal=True)
    assert [(r["target"], r["name"], r["username"]) for r in watch.items("region")] == [
        ("3201", "南京市", None), ("320583", "昆山市", "li")]
    with pytest.raises(ValueError):
        watch.add("region", "3201", "admin")
    with pytest.raises(ValueError):
        watch.add("region", "9999", "admin")
    watch.remove(watch.items()[0]["id"], "admin")
    assert [r["target"] for r in watch.items()] == ["320583"]
    assert [a.action for a in AuditLog.select().order_by(AuditLog.id)] == ["add", "add", "delete"]


def test_a_checker_adds_a_watched_city_on_the_page(app_env):
    at = AppTest.from_file(str(ROOT / "admin/watch.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = ["checker"]
    at.session_state["username"] = "checker"
    at.run()
    at.selectbox(key="watch_province").select("32").run()
    at.selectbox(key="watch_city").select("3202").run()
    at.button(key="watch_add").click().run()
    assert not at.exception
    assert at.dataframe[0].value["名称"].tolist() == ["无锡市"]


def test_a_checker_adds_a_watched_industry_on_the_page(app_env):
    from core.db.models import Industry
    Industry.create(code="sei1", name="新一代信息技术产业", kind="sei")
    Industry.create(code="loc1", name="纺织服装", kind="local")
    at = AppTest.from_file(str(ROOT / "admin/watch.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = ["checker"]
    at.session_state["username"] = "checker"
    at.run()
    assert at.selectbox(key="watch_industry").options == ["新一代信息技术产业", "纺织服装"]
    at.selectbox(key="watch_industry").select("loc1").run()
    at.button(key="watch_industry_add").click().run()
    assert not at.exception
    assert at.dataframe[0].value[["类型", "名称", "代码"]].values.tolist() == [
        ["产业", "纺织服装", "loc1"]]
    assert at.selectbox(key="watch_industry").options == ["新一代信息技术产业"]
    assert watch.watched("industry") == ["loc1"]
