"""Every Chinese label of the UI and of user-facing messages, in one place."""
from __future__ import annotations

APP_TITLE = "区域专利大数据服务系统"

ROLE = {"admin": "管理员", "checker": "数据核查员", "viewer": "查看者"}
SECTION = {"stats": "统计分析", "monitor": "监控预警", "admin": "系统管理"}

PATENT_TYPE = {"invention": "发明", "utility": "实用新型", "design": "外观设计"}
STATUS = {"pending": "审中", "valid": "有效", "lapsed": "失效", "unknown": "未知"}
STATUS_REASON = {
    "granted": "授权", "published": "公开", "examining": "实质审查", "unpaid_fee": "未缴年费",
    "expired": "期限届满", "invalidated": "无效宣告", "rejected": "驳回", "withdrawn": "撤回",
    "surrendered": "放弃", "double_patenting": "避免重复授权放弃", "not_registered": "未办登记",
    "unknown": "未知",
}
HOLDER_KIND = {"enterprise": "企业", "university": "高校", "institute": "科研院所",
               "individual": "个人", "government": "机关团体", "other": "其他"}
HOLDER_TAG = {"hightech": "高新技术企业", "above_scale": "规上企业"}
EVENT_KIND = {
    "publication": "公布", "exam": "实质审查生效", "grant": "授权", "transfer": "权利转移",
    "license": "实施许可", "license_change": "许可变更", "license_cancel": "许可注销",
    "pledge": "质押", "pledge_change": "质押变更", "pledge_release": "质押解除",
    "lapse_unpaid": "未缴年费终止", "restoration": "权利恢复", "invalidation": "全部无效",
    "partial_invalidation": "部分无效", "expiry": "期限届满", "rejection": "驳回",
    "withdrawal": "撤回", "surrender": "主动放弃", "double_patenting": "避免重复授权放弃",
    "holder_change": "著录项目变更", "preservation": "保全", "preservation_release": "保全解除",
    "other": "其他",
}
REGION_LEVEL = {"province": "省", "city": "市", "county": "区县", "street": "街道/乡镇",
                "custom": "自定义区划"}

# Login and guard
LOGIN_FIELDS = {"Form name": "登录", "Username": "用户名", "Password": "密码", "Login": "登录"}
LOGIN_REQUIRED = "请先登录"
GO_LOGIN = "去登录"
NO_PERMISSION = "无权限访问该页面"
WRONG_PASSWORD = "用户名或密码错误"
ACCOUNT_LOCKED = "登录失败次数过多，账户已锁定，请稍后再试或联系管理员"
LOGOUT = "退出登录"
CURRENT_USER = "当前用户"

# Overview
OVERVIEW = "专利概况"
TOTAL_PUBLISHED = "公开专利"
TOTAL_VALID = "有效专利"
VALID_INVENTIONS = "有效发明专利"
FILINGS_PER_YEAR = "历年专利申请量"
TYPE_SPLIT = "专利类型构成"
TOP_HOLDERS = "权利人排行（有效专利）"
SUBREGION_RANKING = "下级区域排行（有效专利）"
EMPTY_DB_TITLE = "数据库中还没有专利数据"
EMPTY_DB_HELP = ("可以在「系统管理 → 数据导入」上传专利清单（CNIPA、incoPat、智慧芽等导出文件），"
                 "或生成一个演示区域（苏州市，数据为模拟生成）。")
RULE_FIRST_HOLDER_FILING = "按第一权利人地址 · 按申请日"
RULE_FIRST_HOLDER_ASOF = "按第一权利人地址 · 截至当前法律状态"

COUNT = "数量"
YEAR = "年份"
NAME = "名称"
REGION = "区域"
HOLDER = "权利人"
PLACEHOLDER = "该模块正在建设中"
RULE_PREFIX = "统计口径："
HOME_REGION = "本地区域"

# --- statistics: shared filters, 专利概况, 产业统计, 趋势统计, 区域统计 ---
FILTERS = "筛选条件"
FILTER_COUNTY = "区域"
FILTER_STREET = "街道/乡镇"
FILTER_BASIS = "日期口径"
FILTER_EXACT_DATES = "按具体日期"
FILTER_DATES = "日期范围"
FILTER_YEAR_FROM = "起始年"
FILTER_YEAR_TO = "截止年"
FILTER_TYPES = "专利类型（不选为全部）"
DATE_BASIS = {"app": "按申请日", "pub": "按公开日", "grant": "按授权日"}
ALL = "全部"
ANY = "不限"
CUSTOM_PREFIX = "自定义·"

# --- holders / agencies / operations / search (issue 7, part 2) ---
EXPORT_SHEET = "公开专利"
EXPORT_HEADERS = {
    "app_no": "申请号", "patent_type": "专利类型", "title": "发明名称", "app_date": "申请日",
    "pub_no": "公开（公告）号", "pub_date": "公开（公告）日", "grant_no": "授权公告号",
    "grant_date": "授权公告日", "holders": "申请（专利权）人", "address": "申请人地址",
    "county": "所在区县", "street": "所在街道/乡镇", "status": "法律状态",
    "status_reason": "法律状态原因", "ipc_main": "主分类号", "ipc_all": "IPC分类号",
    "agency_name": "代理机构", "agents": "代理人", "inventors": "发明人",
}

# --- users and audit (admin) ---
USERS_TITLE = "用户管理"
AUDIT_TITLE = "操作日志"
USER_COLUMNS = {"username": "用户名", "name": "姓名", "role": "角色", "active": "启用",
                "failed_attempts": "连续失败次数", "locked_until": "锁定至",
                "last_login": "最近登录", "created_at": "创建时间"}
AUDIT_COLUMNS = {"at": "时间", "username": "用户", "action": "操作", "object_type": "对象类型",
                 "object_id": "对象ID", "object_repr": "对象", "message": "说明"}
ADD_USER = "新增用户"
EDIT_USER = "修改用户"
USERNAME = "用户名"
DISPLAY_NAME = "姓名"
ROLE_LABEL = "角色"
PASSWORD = "密码"
ACTIVE = "启用"
SAVE = "保存"
UNLOCK = "解除锁定"
RESET_PASSWORD = "重置密码"
NEW_PASSWORD = "新密码（至少 8 位）"
PASSWORD_TOO_SHORT = "密码至少 8 位"
USER_EXISTS = "用户名已存在"
USER_SAVED = "已保存"
CANNOT_DEMOTE_SELF = "不能修改自己的角色或停用自己"
AUDIT_FILTER = "对象类型"
ALL = "全部"
