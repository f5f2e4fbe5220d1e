"""专利数据核查 page (AppTest): a checker places an address, patents move, the alias places a new
address on the same road, undo restores, a viewer is refused."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.config import labels
from core.db.models import Address, AuditLog, Holder, Patent
from core.resolver import addresses, resolve_pending

ROOT = Path(__file__).resolve().parents[1]
SIP = "江苏省苏州市工业园区星湖街328号"
LOUFENG = "320576050"


def _seed() -> int:
    ids = addresses.intern([SIP, "苏州市吴中区木渎镇金枫路1号"])
    holder = Holder.create(name="星湖科技有限公司", norm_name="星湖科技有限公司",
                           address_ref=ids[SIP])
    for n in range(3):
        Patent.create(app_no=f"20231000{n:04d}X", patent_type="invention", title="t",
                      first_holder=holder, address_ref=ids[SIP], address=SIP)
    resolve_pending()
    return ids[SIP]


def _page(role: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "admin/verify.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = [role]
    at.session_state["username"] = f"{role}1"
    return at


def _streets(address_id: int) -> set:
    return {p.street_code for p in Patent.select().where(Patent.address_ref == address_id)}


def test_checker_resolves_teaches_alias_and_undoes(app_env):
    address_id = _seed()
    at = _page("checker")
    at.run()
    assert not at.exception
    assert at.selectbox(key="vq_address").value == address_id
    at.selectbox(key=f"vq_pick_street_{address_id}_320576").set_value(LOUFENG)
    at.checkbox(key=f"vq_alias_on_{address_id}").check()
    at.run()
    assert at.text_input(key=f"vq_alias_{address_id}").value == "星湖街"
    at.button(key="vq_apply").click()
    at.run()
    assert not at.exception
    assert at.success[0].value == labels.VERIFY_APPLIED.format(place="娄葑街道", patents=3)
    assert _streets(address_id) == {LOUFENG}
    log = AuditLog.get(AuditLog.action == "address_resolve")
    assert (log.username, log.object_id) == ("checker1", str(address_id))
    # a new address on the same road is placed by the taught alias
    new_id = addresses.intern(["苏州工业园区星湖街88号"])["苏州工业园区星湖街88号"]
    resolve_pending()
    assert (Address.get_by_id(new_id).street_code,
            Address.get_by_id(new_id).method) == (LOUFENG, "taught_alias")
    # undo from the history tab
    at.selectbox(key="vq_undo_pick").set_value(log.id)
    at.button(key="vq_undo").click()
    at.run()
    assert not at.exception
    assert _streets(address_id) == {None}
    assert Address.get_by_id(address_id).status == "queued"


def test_viewer_cannot_open_the_page(app_env):
    _seed()
    at = _page("viewer")
    at.run()
    assert [e.value for e in at.error] == [labels.NO_PERMISSION]
    assert not at.selectbox


def test_stats_tab_counts_placements(app_env):
    _seed()
    at = _page("admin")
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[labels.VERIFY_STATS_COUNTY] == labels.VERIFY_STATS_SHARE.format(count=3,
                                                                                   share=1.0)
    assert metrics[labels.VERIFY_STATS_QUEUE] == "1"


def test_placement_pie_options():
    import json

    from ui.charts.verify import placement_pie
    chart = placement_pie({"street": 5, "county": 3, "city": 1, "unplaced": 2})
    options = json.loads(chart.dump_options())
    assert options["series"][0]["data"] == [
        {"name": labels.VERIFY_STATS_STREET, "value": 5},
        {"name": labels.VERIFY_STATS_COUNTY, "value": 3},
        {"name": labels.VERIFY_STATS_CITY, "value": 1},
        {"name": labels.VERIFY_STATS_UNPLACED, "value": 2}]
    assert options["title"][0]["text"] == labels.VERIFY_PLACEMENT_CHART


def test_an_address_placed_through_a_division_change_shows_the_change(app_env):
    old = "江苏省苏州市沧浪区十梓街1号"  # 沧浪区 merged into 姑苏区 in 2012: queued (no street)
    ids = addresses.intern([old])
    Patent.create(app_no="202310009999X", patent_type="invention", title="t",
                  address_ref=ids[old], address=old)
    resolve_pending()
    row = Address.get_by_id(ids[old])
    assert (row.county_code, row.method, row.status) == ("320508", "change:320502", "queued")
    at = _page("checker")
    at.run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "区划变更：沧浪区（320502）2012年撤销，今属姑苏区" in shown


def test_an_oversized_queue_file_is_refused_in_chinese(app_env, monkeypatch):
    from core.importer import readers
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    at = _page("checker").run()
    at.file_uploader(key="vq_import").upload("队列.xlsx", b"x" * 2000)
    at.run()
    assert not at.exception
    assert at.error[0].value == "文件「队列.xlsx」有 0.0 MB，超过上限 0 MB，请拆分后分批导入"
    assert "vq_import_apply" not in [b.key for b in at.button]  # nothing to apply
