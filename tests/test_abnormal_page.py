"""The 非正常申请监测 page renders the cases of the region (AppTest)."""
import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.db import bulk_insert
from core.db.models import Holder, Patent

ROOT = Path(__file__).resolve().parents[1]


def test_the_page_lists_a_planted_burst_for_a_viewer(app_env):
    firm = Holder.create(name="苏州雷同科技有限公司", norm_name="苏州雷同科技有限公司").id
    day = dt.date.today() - dt.timedelta(days=20)
    bulk_insert(Patent, ["first_holder", "app_date", "app_year", "title", "patent_type",
                         "county_code", "city_code", "status"],
                [(firm, day, day.year, f"一种可折叠{i}号收纳箱", "utility", "320506", "3205", "pending")
                 for i in range(25)])
    at = AppTest.from_file(str(ROOT / "pages/abnormal.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = ["viewer"]
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table[["信号", "申请人/代理机构", "申请量"]].values.tolist() == [
        ["短期集中申请且名称高度雷同", "苏州雷同科技有限公司", 25]]
