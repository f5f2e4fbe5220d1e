"""数据导入 page (AppTest): upload → dry-run summary and errors → confirm → history; the mapping
editor's round trip; roles."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.db.models import ImportBatch, Patent
from core.importer import history, profiles
from core.importer.batch import import_file

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "import"


def _page(role: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "admin/imports.py"), default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["roles"] = [role]
    at.session_state["username"] = role
    return at.run()


def _keys(widgets) -> list[str]:
    return [w.key for w in widgets]


def test_upload_dry_run_then_confirm_and_history(app_env):
    at = _page("checker")
    assert not at.exception and at.header[0].value == "数据导入"
    at.file_uploader(key="imp_file").upload("cnipa.xlsx", (DATA / "cnipa.xlsx").read_bytes())
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"读取": "5", "新增": "3", "更新": "0", "未变": "0", "合并": "0", "跳过": "0",
                       "拒绝": "2"}
    errors = next(d.value for d in at.dataframe if "行号" in d.value.columns)
    assert errors[["行号", "列"]].values.tolist() == [[7, "申请号"], [8, "发明名称"]]
    assert Patent.select().count() == 0  # a dry run writes nothing
    captions = [c.value for c in at.caption]
    assert "识别的列对应关系：" not in captions  # the mapping is the editable table, no dangling head
    assert "这是试导入，数据库没有任何改动" in captions
    at.button(key="imp_confirm").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("文件「cnipa.xlsx」") and "新增 3" in at.success[0].value
    assert at.info[0].value == "该文件已导入。如需导入其他文件，请重新选择文件"
    assert "imp_confirm" not in _keys(at.button) and not at.metric  # no second import of it
    assert Patent.select().count() == 3
    batch = ImportBatch.get()
    assert (batch.file_name, batch.username, batch.inserted) == ("cnipa.xlsx", "checker", 3)
    shown = at.dataframe[-1].value
    assert shown[["文件", "操作人", "新增", "拒绝", "状态"]].values.tolist() == [
        ["cnipa.xlsx", "checker", 3, 2, "完成"]]
    at.file_uploader(key="imp_file").upload("patentics.csv",
                                            (DATA / "patentics.csv").read_bytes())
    at.run()  # another file: its own dry run and button
    assert not at.info and "imp_confirm" in _keys(at.button)


def test_unreadable_upload_shows_the_reason(app_env):
    at = _page("admin")
    at.file_uploader(key="imp_file").upload("bad.xlsx", b"%PDF-1.4 ...")
    at.run()
    assert not at.exception
    assert "PDF" in at.error[0].value and Patent.select().count() == 0


def test_cancel_writes_nothing(app_env):
    at = _page("admin")
    at.file_uploader(key="imp_file").upload("patentics.csv", (DATA / "patentics.csv").read_bytes())
    at.run()
    at.button(key="imp_cancel").click().run()
    assert at.info[0].value == "已取消，数据库没有改动"
    assert Patent.select().count() == 0 and ImportBatch.select().count() == 0


def test_viewer_is_refused(app_env):
    at = _page("viewer")
    assert at.error[0].value == "无权限访问该页面"
    assert not at.file_uploader


def test_mapping_editor_rows_round_trip_to_an_override(db, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("申请号,标题,联系地址\n201810390462.7,一种方法,江苏省苏州市姑苏区人民路1号\n", "utf-8")
    report = import_file(path, dry_run=True)
    rows = history.mapping_rows(report.mapping, report.unmapped, report.kind)
    assert rows == [{"column": "申请号", "target": "申请号"}, {"column": "标题", "target": "标题"},
                    {"column": "联系地址", "target": "（不导入）"}]
    rows[2]["target"] = "地址"
    override = history.override_from_rows(rows, "patents")
    assert override == {"申请号": "app_no", "标题": "title", "联系地址": "address"}
    done = import_file(path, override=override, after=False)
    assert done.unmapped == [] and Patent.get().address == "江苏省苏州市姑苏区人民路1号"


ODD = ("专利编号,发明题目,权利单位,联系地址\n"
       "201810390462.7,一种图像识别方法,苏州大学,江苏省苏州市姑苏区十梓街1号\n"
       "CN201920123456,一种散热装置,苏州某某电子有限公司,江苏省苏州市吴中区东吴北路1号\n")
ODD_MAPPING = {"专利编号": "app_no", "发明题目": "title", "权利单位": "applicants",
               "联系地址": "address"}


def test_unknown_headers_are_mapped_by_hand_saved_as_a_profile_and_offered_again(app_env):
    at = _page("checker")
    at.file_uploader(key="imp_file").upload("odd.csv", ODD.encode("utf-8"))
    at.run()
    assert not at.exception and "找不到可识别的表头" in at.error[0].value
    editor_rows = history.mapping_rows({}, list(ODD_MAPPING), "patents")
    assert editor_rows == [{"column": h, "target": "（不导入）"} for h in ODD_MAPPING]
    at.session_state["imp_override"] = ODD_MAPPING  # what the mapping editor hands back
    at.run()
    assert {m.label: m.value for m in at.metric}["新增"] == "2"
    at.text_input(key="imp_profile_name").input("高校清单")
    at.button(key="imp_profile_save").click().run()
    assert at.success[0].value.startswith("已保存导入方案「高校清单」")
    assert profiles.get("高校清单")["override"] == ODD_MAPPING

    again = _page("checker")  # a new session: the same headers offer the saved profile
    again.file_uploader(key="imp_file").upload("odd2.csv", ODD.encode("utf-8"))
    again.run()
    assert again.selectbox(key="imp_profile").options == ["（不使用）", "高校清单"]
    again.selectbox(key="imp_profile").select("高校清单").run()
    assert not again.exception and not again.error
    again.button(key="imp_confirm").click().run()
    assert "新增 2" in again.success[0].value
    stored = Patent.get(Patent.app_no == "2018103904627")
    assert (stored.title, stored.address) == ("一种图像识别方法", "江苏省苏州市姑苏区十梓街1号")


def test_an_upload_over_the_limit_is_refused_in_chinese(app_env, monkeypatch):
    """Streamlit's own limit (server.maxUploadSize) sits well above the importer's, so a file
    between the two is answered by the page in Chinese."""
    from core.importer import readers
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    at = _page("checker")
    at.file_uploader(key="imp_file").upload("big.csv", b"x" * 3 * 1024)
    at.run()
    assert not at.exception
    assert at.error[0].value == "文件「big.csv」有 0.0 MB，超过上限 0 MB，请拆分后分批导入"
    assert not at.metric and ImportBatch.select().count() == 0


def test_the_server_limit_stays_above_the_importers():
    import tomllib

    from core.importer import readers
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["maxUploadSize"] * 2**20 > 4 * readers.MAX_BYTES


def test_uploads_are_deleted_after_use(app_env, monkeypatch, tmp_path):
    import tempfile
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    at = _page("checker")
    at.file_uploader(key="imp_file").upload("cnipa.xlsx", (DATA / "cnipa.xlsx").read_bytes())
    at.run()
    assert {m.label: m.value for m in at.metric}["新增"] == "3"
    at.button(key="imp_confirm").click().run()
    assert Patent.select().count() == 3
    assert (temp / "patent-imports").is_dir()  # the uploads went there …
    assert [p for p in temp.rglob("*") if p.is_file()] == []  # … and are gone


def test_a_file_name_is_shown_as_written_not_as_markdown(app_env):
    at = _page("checker")
    at.file_uploader(key="imp_file").upload("**粗体**[链接](http://x.cn).xlsx", b"%PDF-1.4 ...")
    at.run()
    shown = at.error[0].value
    assert r"\*\*粗体\*\*\[链接\]\(http:" in shown and "**粗体**" not in shown
    assert "http://" not in shown  # a word joiner after ':' keeps GFM from making a link


def test_rows_to_check_are_listed_apart(app_env, tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    for row in (["申请号", "申请日", "标题", "申请人"],
                ["201810390462.7", "2018-04-25", "一种图像识别方法", "苏州甲公司"],
                ["201810390462.7", "2018-04-25", "另一个标题", "苏州甲公司"],
                ["201910390462.1", "2099-01-01", "一种电池", "苏州乙公司"]):
        book.active.append(row)
    path = tmp_path / "check.xlsx"
    book.save(path)
    at = _page("checker")
    at.file_uploader(key="imp_file").upload("check.xlsx", path.read_bytes())
    at.run()
    assert not at.exception
    notes = next(d.value for d in at.dataframe if "原因" in d.value.columns)
    assert notes[["行号", "列", "值"]].values.tolist() == [[3, "标题", "另一个标题"],
                                                          [4, "申请日", "2099-01-01"]]
    assert any(m.value == "**提示（已导入，请核对）**" for m in at.markdown)
