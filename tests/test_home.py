"""Home.py after login: navigation per role and the open-alert summary in the sidebar."""
import datetime as dt
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from core.db.models import Alert, Patent

ROOT = Path(__file__).resolve().parents[1]


def _logged_in_admin() -> AppTest:
    st.cache_data.clear()  # the alert counts are cached per database URL
    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=60).run()
    at.text_input[0].input("admin")
    at.text_input[1].input("admin-test-pw")
    at.button[0].click()
    return at.run()


def test_open_alerts_are_summarised_in_the_sidebar(app_env):
    patent = Patent.create(app_no="X1", patent_type="utility", title="t", county_code="320506")
    for i, kind in enumerate(["fee_due", "fee_due", "fee_grace"]):
        Alert.create(kind=kind, key=f"{kind}:{i}", patent=patent, county_code="320506",
                     due_date=dt.date(2026, 12, 1))
    Alert.create(kind="expiry", key="expiry:done", patent=patent, county_code="320506",
                 status="done")
    at = _logged_in_admin()
    assert not at.exception
    links = [e.proto.label for e in at.sidebar.get("page_link")]
    assert links == ["年费即将到期 2", "年费滞纳期 1"]


def test_no_alert_block_without_open_alerts(app_env):
    at = _logged_in_admin()
    assert not at.exception
    assert [m.value for m in at.sidebar.markdown] == []


def test_outflow_and_transfer_out_alerts_link_to_the_operations_monitor(app_env):
    patent = Patent.create(app_no="X2", patent_type="invention", title="t", county_code="310115")
    Alert.create(kind="holder_outflow", key="holder_outflow:2026:甲公司", county_code="320506",
                 due_date=dt.date(2026, 10, 1))
    Alert.create(kind="transfer_out", key="transfer_out:1", patent=patent, county_code="320506",
                 due_date=dt.date(2026, 10, 1))
    Alert.create(kind="holder_outflow", key="holder_outflow:2026:乙公司", county_code="320506",
                 status="acked")
    at = _logged_in_admin()
    assert not at.exception
    links = [(e.proto.label, e.proto.page) for e in at.sidebar.get("page_link")]
    assert links == [("转出本地 1", "ops_monitor"), ("权利人大量转出 1", "ops_monitor")]
