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

# --- monitoring: 专利创造指标分析, 年费预警, 届满通知, 专利失效分析 ---
YES = "是"
FEE_WARN_STATE = {"normal": "正常", "due_soon": "即将到期", "grace": "滞纳期",
                  "terminated": "已过滞纳期（待终止公告）"}
FEE_GRACE_MONTH = "滞纳期第{n}月"
MON_RULE_FEE = "按第一权利人地址 · 按年费缴费截止日"
MON_RULE_EXPIRY = "按第一权利人地址 · 按届满日 · 当前有效专利"
MON_RULE_EXPIRY_INDICATOR = "按第一权利人地址 · 国内（不含港澳台）有效发明 · 届满日"
MON_RULE_LAPSE = "按第一权利人地址 · 按失效日"
MON_FILTER_HOLDER = "权利人名称包含"
MON_FILTER_STATES = "预警状态"
MON_FILTER_ON = "预警基准日"
MON_FILTER_PERIOD = "失效日期范围"
MON_FILTER_REASONS = "失效原因（不选为全部）"
MON_GRANTED_ONLY = "仅统计已授权专利（不含驳回、撤回的申请）"
MON_PAGE = "页码"
MON_PAGE_INFO = "共 {total:,} 条，第 {page}/{pages} 页"
MON_EXPORT = "导出 Excel"
MON_EXPORT_PREPARE = "生成导出文件"
MON_EXPORT_LIMIT = "最多导出 {n:,} 条"
MON_EMPTY = "当前筛选条件下没有数据。"
MON_NO_PATENTS = "数据库中还没有专利数据：请在「系统管理 → 数据导入」导入专利清单，或生成演示数据。"
FEE_TITLE = "年费预警"
FEE_COUNTS_BY_STATE = "按预警状态统计"
FEE_COUNTS_BY_SUBREGION = "按下级区域统计"
FEE_LIST = "预警专利清单（用于缴费提醒函）"
FEE_NO_DUE_DATES = ("没有专利带有下次缴费截止日：请先导入缴费记录并运行年费列刷新"
                    "（python -m core fees-refresh 或数据导入后自动刷新）。")
FEE_SHEET = "年费预警"
FEE_LIST_COLUMNS = {
    "app_no": "申请号", "title": "专利名称", "type_label": "类型", "holder": "第一权利人",
    "address": "联系地址", "street": "街道/乡镇", "fee_year": "年度", "next_fee_due": "缴费截止日",
    "state_label": "状态", "amount": "应缴年费（元）", "surcharge": "滞纳金（元）",
    "total": "合计（元）", "point_of_no_return": "滞纳期届满日", "reduced": "费减",
}
EXPIRY_TITLE = "届满通知"
EXPIRY_HORIZON = "届满时间范围"
EXPIRY_HORIZONS = {3: "未来3个月", 6: "未来6个月", 12: "未来12个月"}
EXPIRY_BY_MONTH = "按月届满数量"
EXPIRY_BY_SUBREGION = "按下级区域届满数量"
EXPIRY_EFFECT = "届满对指标的影响"
EXPIRY_LIST = "即将届满专利清单"
EXPIRY_SHEET = "届满通知"
EXPIRY_EFFECT_COLUMNS = {"label": "指标", "now": "当前", "after_3": "3个月后", "after_6": "6个月后",
                         "after_12": "12个月后"}
EXPIRY_INDICATORS = {"valid_inventions": "有效发明专利（件）",
                     "domestic_valid_inventions": "国内有效发明专利（件）",
                     "per_10k": "每万人口发明专利拥有量",
                     "high_value": "高价值发明专利（件）",
                     "high_value_per_10k": "每万人口高价值发明专利拥有量"}
EXPIRY_NO_POPULATION = "未设置该区域人口（参数 population），每万人口指标无法计算。"
EXPIRY_LIST_COLUMNS = {
    "app_no": "申请号", "title": "专利名称", "type_label": "类型", "holder": "第一权利人",
    "address": "权利人地址", "county": "区县", "street": "街道/乡镇", "app_date": "申请日",
    "expiry_date": "届满日", "high_value_label": "高价值",
}
LAPSE_TITLE = "专利失效分析"
LAPSE_TOTAL = "失效专利"
LAPSE_BY_REASON = "按失效原因"
LAPSE_BY_MONTH = "按月失效数量"
LAPSE_BY_SUBREGION = "按下级区域失效数量"
LAPSE_BY_HOLDER = "失效专利最多的权利人"
LAPSE_LIST = "失效专利清单"
LAPSE_SHEET = "失效专利"
LAPSE_LIST_COLUMNS = {
    "app_no": "申请号", "title": "专利名称", "type_label": "类型", "holder": "第一权利人",
    "county": "区县", "street": "街道/乡镇", "reason_label": "失效原因", "lapse_date": "失效日",
    "app_date": "申请日", "grant_date": "授权公告日",
}
LAPSE_OTHER = "其他"
IND_TITLE = "专利创造指标分析"
IND_YEAR = "统计年度"
IND_TARGET = "目标"
IND_COMPLETION = "完成率"
IND_GAP = "距目标"
IND_PROJECTION = "年末预计"
IND_NO_TARGET = "未设目标"
IND_SUBREGION_TABLE = "下级区域达标情况"
IND_PROGRESS = "年内进度"
IND_PROJECTION_CHART = "年末预测"
IND_MET = "达标"
IND_NOT_MET = "未达标"
IND_NOT_READY = "指标计算模块尚未就绪。"

# --- importer ---
IMP_MISSING = "找不到文件「{file}」"
IMP_EMPTY = "文件「{file}」是空文件（0 字节），请检查导出是否成功"
IMP_TOO_BIG = "文件「{file}」有 {size:.1f} MB，超过上限 {limit:.0f} MB，请拆分后分批导入"
IMP_BAD_EXT = "文件「{file}」的类型 {ext} 不支持，请上传 .xlsx、.xls、.csv 或 .txt 文件"
IMP_PASSWORD = "文件「{file}」设置了打开密码，请在 Excel 中取消密码后另存再导入"
IMP_BROKEN = "文件「{file}」已损坏或不是有效的表格文件（{detail}），请重新导出"
IMP_HTML = ("文件「{file}」实际是网页（HTML）格式，只是扩展名为表格；"
            "请用 Excel 打开后「另存为」.xlsx 再导入")
IMP_MISMATCH = "文件「{file}」的扩展名是 {ext}，但内容是{real}；请确认文件类型或另存为正确格式"
IMP_ENCODING = "无法识别文件「{file}」的文字编码（支持 UTF-8、UTF-16、GBK/GB18030），请另存为 UTF-8"
IMP_NO_ROWS = "文件「{file}」没有任何数据行"
IMP_NO_HEADER = ("文件「{file}」中找不到可识别的表头（前 20 行没有「申请号」「公开（公告）号」"
                 "「标题」等列名）")
IMP_MISSING_FIELDS = "文件「{file}」缺少必需的列：{fields}"
IMP_HEADER_ONLY = "文件「{file}」只有表头，没有数据行"
IMP_KIND = {"patents": "专利清单", "events": "法律事件清单", "fees": "缴费清单"}
IMP_SOURCE = {"cnipa": "CNIPA 专利检索及分析", "incopat": "incoPat", "patsnap": "智慧芽 Patsnap",
              "patentics": "Patentics", "baiten": "佰腾", "soopat": "SooPAT/专利之星"}
IMP_FIELD = {
    "app_no": "申请号", "app_date": "申请日", "app_year": "申请年", "pub_no": "公开（公告）号",
    "pub_date": "公开（公告）日", "grant_no": "授权公告号", "grant_date": "授权公告日",
    "title": "标题", "owners": "当前权利人", "applicants": "申请人", "address": "地址",
    "postcode": "邮编", "province": "省份", "city": "地市", "county": "区县",
    "inventors": "发明人", "ipc_main": "IPC主分类", "ipc_all": "IPC分类", "ipc_subclass": "IPC小类",
    "agency": "代理机构", "agents": "代理人", "patent_type": "专利类型", "doc_type": "公开类型",
    "kind_code": "文献种类代码", "country": "公开国别", "status_simple": "简单法律状态",
    "status": "法律状态", "events": "法律事件", "status_date": "法律状态日期",
    "lapse_date": "失效日", "credit_code": "统一社会信用代码",
    "event": "法律状态/事件名称", "code": "事件代码", "date": "生效日", "announce_date": "公告日",
    "detail": "法律状态信息", "before": "变更前权利人", "after": "变更后权利人",
    "licensor": "许可人", "licensee": "被许可人", "pledgor": "出质人", "pledgee": "质权人",
    "address_before": "变更前地址", "address_after": "变更后地址", "license_type": "许可类型",
    "contract_no": "合同备案号/登记号", "amount": "金额", "end_date": "解除/截止日",
    "patent_year": "缴费年度", "surcharge": "滞纳金", "paid_on": "缴费日", "fee_name": "费用种类",
    "holders": "权利人", "status_reason": "状态原因", "patent_type_value": "专利类型",
}
IMP_LIMITS = {
    "no_app_date": "缺少申请日：无法计算年费、届满日和按申请日的统计",
    "no_app_no": "缺少申请号：按公开号记录，无法与缴费清单、法律事件清单按申请号匹配",
    "no_address": "缺少地址和区域：无法定位到区县/街道",
    "no_grant_date": "已授权但缺少授权公告日：无法计算授权年度和授权当年的年费年度",
}
IMP_SUMMARY = ("文件「{file_name}」（{kind_label}，来源：{source_label}）："
               "读取 {rows_read} 行，新增 {inserted}，更新 {updated}，未变 {unchanged}，拒绝 {rejected}")
IMP_DRY_RUN_NOTE = "这是试导入（dry run），数据库没有任何改动"
IMP_MAPPING_HEAD = "识别的列对应关系："
IMP_UNMAPPED = "未使用的列：{cols}"
IMP_SKIPPED_SHEETS = "跳过的工作表（无可识别表头）：{sheets}"
IMP_LIMIT_LINE = "{count} 条记录 {label}"
IMP_CHANGED = "更新的字段：{fields}"
IMP_ERRORS_HEAD = "共 {n} 处错误："
IMP_ERROR_LINE = "  工作表「{sheet}」第 {row} 行，列「{column}」，值「{value}」：{reason}"
IMP_R_NO_KEY = "申请号和公开（公告）号都为空，无法识别这件专利"
IMP_R_NO_TITLE = "标题为空"
IMP_R_FOREIGN = "不是中国专利（{office}），本系统只统计中国专利"
IMP_R_NO_TYPE = "无法确定专利类型（申请号、专利类型列和公开号都没有给出）"
IMP_R_DUPLICATE = "与第 {row} 行是同一件专利，已按第 {row} 行导入"
IMP_R_UNKNOWN_PATENT = "数据库中没有这件专利，请先导入包含它的专利清单"
IMP_R_NO_EVENT = "无法确定事件类型（法律状态为空，也没有转让/许可/质押当事人列）"
IMP_R_NOT_ANNUAL = "不是年费记录（{name}），已跳过"
IMP_R_NO_DATE = "日期为空"
IMP_R_NO_AMOUNT = "金额为空"
IMP_ADDRESS_FROM_REGION = "文件没有地址列，地址取自厂商的省/地市/区县列（只能定位到区县）"
IMP_RESOLVER_MISSING = "地址定位模块尚未就绪：已保存原始地址，区域暂为空"
IMP_PAGE_TITLE = "数据导入"
IMP_UPLOAD = "上传文件（.xlsx / .xls / .csv / .txt）"
IMP_KIND_LABEL = "清单类型"
IMP_SOURCE_LABEL = "数据来源"
IMP_AUTO = "自动识别"
IMP_MAPPING_EDIT = "列对应关系（可修改）"
IMP_COLUMN = "文件中的列"
IMP_TARGET = "对应字段"
IMP_IGNORE = "（不导入）"
IMP_DRY_RUN = "试导入（不写入数据库）"
IMP_CONFIRM = "确认导入有效行"
IMP_CANCEL = "取消"
IMP_CANCELLED = "已取消，数据库没有改动"
IMP_DONE = "导入完成"
IMP_ERROR_DOWNLOAD = "下载错误报告（.xlsx）"
IMP_HISTORY = "导入历史"
IMP_HISTORY_COLUMNS = {"id": "批次", "started_at": "时间", "username": "操作人", "file_name": "文件",
                       "kind": "类型", "source": "来源", "rows_read": "读取", "inserted": "新增",
                       "updated": "更新", "unchanged": "未变", "rejected": "拒绝",
                       "status": "状态", "file_hash": "SHA-256"}
IMP_STATUS = {"done": "完成", "failed": "失败", "running": "进行中"}

# --- rules: fees, terms, indicators, parameters ---
FEE_STATE = {"normal": "正常", "due_soon": "即将到期", "grace": "滞纳期", "terminated": "已终止",
             "expired": "期限届满"}
GRACE_MONTH = "滞纳期第{n}月"
APPNO_INPUT = "输入"
APPNO_RESULT = "校验结果"
APPNO_VALID = "有效"
APPNO_PROBLEM = {"check_missing": "缺少校验位（已按规则补算）", "check_mismatch": "校验位错误",
                 "format": "格式不正确", "kind_mismatch": "文献种类代码与专利类型不符",
                 "kind_missing": "缺少文献种类代码"}
APPNO_EXPECTED = "（应为 {check}）"
APPNO_NORMALIZED = "规范形式"
APPNO_TYPE = "专利类型"
APPNO_PCT = "（PCT进入中国国家阶段）"
APPNO_YEAR = "申请年份"
APPNO_KIND = "文献种类"
FEES_HEADER = "{type}专利 · 申请日 {filed} · 授权当年为第 {grant} 年度"
FEES_COLUMNS = "年度  缴费期限        全额    费减后"
FEES_AT_REGISTRATION = "办理登记时"
FEES_TOTAL = "合计：全额 {full} 元；应缴 {payable} 元"
FEES_STATE_LINE = ("{on}：{state}；第 {year} 年度年费 {amount} 元，缴费期限 {due}；当日缴纳滞纳金 "
                   "{surcharge} 元（{rate}%）；最后期限 {last}")
FEES_STATE_LINE_SHORT = "{on}：{state}"
FEES_TERMINATED = "；专利权自 {date} 起终止，可请求恢复至约 {restore}，费用 {cost} 元"

# --- abnormal filings (非正常申请监测) ---
ABNORMAL_TITLE = "非正常申请监测"
ABNORMAL_KIND = {"similar_titles": "短期集中申请且名称高度雷同", "burst": "短期集中申请",
                 "individual_volume": "个人年申请量异常", "agency_volume": "代理机构申请量异常"}
ABNORMAL_COLUMNS = {"kind": "信号", "subject": "申请人/代理机构", "start": "起始日", "end": "截止日",
                    "count": "申请量", "detail": "依据", "samples": "样例名称"}
ABNORMAL_NOTE = ("以下为依据《关于规范申请专利行为的办法》列举情形设定的筛查信号，仅供核查线索，"
                 "不构成认定结论。阈值可在「参数设置」中调整（参数键 abnormal）。")
ABNORMAL_RULE = ("按第一权利人地址 · 按申请日 · 近 {lookback_years} 年 · 集中申请：{burst_days} 天内 ≥ "
                 "{burst_min} 件；名称雷同：同一词干 ≥ {similar_min} 件；个人：年 ≥ {individual_year_min} 件；"
                 "代理机构：年申请量 ≥ 同年机构中位数 × {agency_factor:g} 且 ≥ {agency_min} 件")
ABNORMAL_NONE = "当前区域未发现符合条件的非正常申请信号。"
ABNORMAL_EXPORT = "导出核查清单（.xlsx）"
ABNORMAL_DETAIL = {"similar_titles": "雷同名称 {detail} 件", "agency_volume": "同年中位数 {detail} 件"}
IMP_AFTER_FAILED = "导入已完成，但后续步骤 {step} 出错：{error}"

# --- watch lists (关注清单) ---
WATCH_TITLE = "关注清单"
WATCH_HELP = "关注的区域会出现在「专利概况」的对比中（全局关注对所有用户生效）。"
WATCH_COLUMNS = {"id": "编号", "name": "名称", "target": "代码", "username": "个人关注",
                 "created_at": "加入时间"}
WATCH_ADD = "加入关注"
WATCH_REMOVE = "移除所选"
WATCH_PROVINCE = "省"
WATCH_CITY = "市"
WATCH_COUNTY = "区县（可选）"
WATCH_PERSONAL = "仅对我生效"
WATCH_EMPTY = "还没有关注的区域。"
