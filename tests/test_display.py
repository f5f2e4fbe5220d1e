"""Stored codes and English notes shown in Chinese on 操作日志 and 计划任务 (core/config/display)."""
from core.config import display, labels


def test_job_messages_read_in_chinese():
    assert display.job_message("fee_due: +3424 -0, expiry: +12 -3") == \
        "年费即将到期 新增 3424，关闭 0，即将届满 新增 12，关闭 3"
    assert display.job_message(
        "files imported: 1, failed: 0, waiting: 0, refused: 0, rows written: 7") == \
        "导入文件 1，失败 0，等待 0，拒收 0，写入行数 7"
    assert display.job_message("status changed: 2, next_fee_due changed: 5") == \
        "法律状态变化 2，缴费日变化 5"
    assert display.job_message("RuntimeError: disk full") == "出错：disk full"
    assert display.job_message("empty") == display.job_message(None) == "无"


def test_audit_rows_read_in_chinese():
    row = display.audit_row({"action": "login_failed", "object_type": "user",
                             "object_repr": "admin", "message": "from 10.0.0.7, next try in 5 s"})
    assert (row["action"], row["object_type"], row["message"]) == \
        ("登录失败", "用户", "来自 10.0.0.7，5 秒后可重试")
    row = display.audit_row({"action": "change", "object_type": "parameter",
                             "object_repr": "population/3205/2024", "message": None})
    assert (row["action"], row["object_repr"]) == (
        "修改", f"{labels.PARAM_LABEL['population']} · 3205 · 2024")
    row = display.audit_row({"action": "add", "object_type": "user", "object_repr": "lisi",
                             "message": "role=checker"})
    assert row["message"] == "角色：数据核查员"
    row = display.audit_row({"action": "change", "object_type": "alert",
                             "object_repr": "fee_due:17", "message": "acked"})
    assert (row["object_repr"], row["message"]) == ("年费即将到期 17", "已确认")
