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
    "term_compensation": "专利权期限补偿", "drug_term_extension": "药品专利期限补偿",
    "open_licence": "开放许可声明", "open_licence_withdrawal": "开放许可声明撤回",
    "other": "其他",
}
REGION_LEVEL = {"province": "省", "city": "市", "county": "区县", "street": "街道/乡镇",
                "custom": "自定义区划"}

# Login and guard
LOGIN_FIELDS = {"Form name": "登录", "Username": "用户名", "Password": "密码", "Login": "登录"}
LOGIN_REQUIRED = "请先登录"
GO_LOGIN = "去登录"
NO_PERMISSION = "无权限访问该页面"
CHOOSE = "请选择"
CHOOSE_OR_ADD = "请选择或输入新标注"
NO_VALUE = "—"  # a cell or card without a value
TABLE_EMPTY = "（暂无记录）"
PAGE_NOT_FOUND = "页面不存在，请从左侧导航选择页面"
WRONG_PASSWORD = "用户名或密码错误"
LOGIN_WAIT = "登录失败次数过多，请 {seconds} 秒后再试"
SESSION_ENDED = "登录已失效（已退出登录，或密码、角色、账户状态已变更），请重新登录"
SESSION_IDLE = "长时间未操作，已自动退出，请重新登录"
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
FILTER_EXACT_DATES = "具体日期"
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
CLICK_TO_SEARCH = "点击图中条目可打开公开专利数据查询（已按所点条目筛选）"

# 权利人统计
HOLDERS_TITLE = "权利人统计"
FILTER_HOLDER_KINDS = "权利人类型（不选为全部）"
FILTER_HOLDER_TAGS = "权利人标签（须全部具备）"
FILTER_INDUSTRY = "产业"
FILTER_NAME = "名称包含"
NEW_ONLY = "只看期内新增权利人"
SORT_BY = "排序"
HOLDER_SORTS = {"valid_total": "有效专利合计", "valid_invention": "有效发明",
                "valid_utility": "有效实用新型", "valid_design": "有效外观设计",
                "first_filing": "首次申请日（新→旧）"}
HOLDER_COLUMNS = {"name": "权利人", "kind": "类型", "tags": "标签", "first_filing": "首次申请日",
                  "is_new": "期内新增", "valid_invention": "有效发明",
                  "valid_utility": "有效实用新型", "valid_design": "有效外观设计",
                  "valid_total": "有效专利合计", "link": "专利清单"}
HOLDERS_COUNT = "持有有效专利的权利人"
HOLDERS_NEW = "其中期内新增"
HOLDERS_VALID = "其有效专利"
TOP_HOLDERS_BY_TYPE = "权利人有效专利排行（按类型）"
HOLDER_KIND_SPLIT = "权利人类型构成（有效专利）"
RULE_HOLDERS = "按第一权利人及其地址 · 截至当前法律状态；期内新增 = 在本区域的第一件专利申请日在所选期间内"
NEW_MARK = "★ 新增"
HOLDERS_PERIOD = "期内新增按 {start} 至 {end} 统计"
HOLDERS_DEFAULT_PERIOD = "（筛选栏未选期间，默认为本年度至今）"
NEW_HOLDERS_TITLE = "期内新增权利人"
TEAMS_TITLE = "研发团队"
TEAMS_RULE = ("按第一权利人 · 筛选栏的区域、类型和期间（未选期间为全部年份）· 同一权利人的专利上共同署名的发明人"
              "相互连通即为一个团队；同名发明人在不同权利人处视为不同的人")
TEAMS_PICK = "查看权利人（本页所列）"
TEAMS_NONE = "{name} 在所选范围内没有带发明人信息的专利"
TEAMS_SUMMARY = {"teams": "团队数", "inventors": "发明人数", "largest": "最大团队人数",
                 "solo": "单人团队"}
TEAM_COLUMNS = {"team": "团队", "size": "人数", "lead": "核心成员", "members": "主要成员",
                "patents": "专利数", "inventions": "发明", "valid": "有效", "first_year": "最早申请年",
                "last_year": "最近申请年", "fields": "主要技术领域（IPC小类）"}
CORE_INVENTORS_TITLE = "区域核心发明人（署名专利最多）"
CORE_INVENTORS_NONE = "所选范围内没有带发明人信息的专利"
CORE_INVENTORS_SHOW = "计算区域核心发明人（逐个读取专利最多的权利人，范围大时需等待）"
CORE_INVENTOR_COLUMNS = {"name": "发明人", "holder": "所在权利人", "patents": "专利数",
                         "inventions": "发明", "team_size": "所在团队人数"}
CORE_INVENTORS_PARTIAL = "专利最多的 {n} 个权利人之外未计入，排名可能不完整"
NEW_HOLDERS_DIGEST = ("{start} 至 {end}，本区域新增权利人 {holders:,} 家（{kinds}），在本区域共有专利 {patents:,} 件。"
                      "{tags}{fields}{top}")
NEW_DIGEST_TAGS = "其中{tags}。"
NEW_DIGEST_FIELDS = "主要技术领域：{fields}。"
NEW_DIGEST_TOP = "专利最多的新增权利人：{top}。"
NEW_HOLDERS_NONE = "所选期间内本区域没有新增权利人"
NEW_HOLDER_COLUMNS = {"name": "权利人", "kind": "类型", "tags": "标签", "first_date": "本区域首件申请日",
                      "patents": "本区域专利", "fields": "主要技术领域（IPC小类）",
                      "first_patents": "首批专利", "link": "专利清单"}
RULE_NEW_HOLDERS = "新增权利人 = 在本区域的第一件专利（按第一权利人及其地址、按申请日）落在所选期间内"
HOLDERS_EMPTY = ("所选范围内没有持有有效专利的权利人。可放宽筛选条件，"
                 "或在「系统管理 → 数据导入」导入专利数据。")
SHOWING_FIRST = "显示前 {n:,} 名"

# 代理机构统计
AGENCIES_TITLE = "代理机构统计"
AGENCY_COLUMNS = {"name": "代理机构", "local": "本地机构", "filings": "代理量", "share": "占比",
                  "valid": "有效专利", "valid_invention": "有效发明", "agent_count": "代理人数",
                  "enterprise": "企业客户", "university": "高校客户", "institute": "科研院所客户",
                  "individual": "个人客户", "other": "其他客户", "withdrawn": "撤回/驳回",
                  "top_fields": "主要技术领域（IPC小类）", "abnormal": "代理量异常",
                  "abnormal_reason": "异常原因", "link": "专利清单"}
ABNORMAL_REASON = {"volume": "代理量远高于同行", "withdrawn": "撤回/驳回占比过高"}
AGENCY_COUNT = "服务本地的代理机构"
AGENCY_FILINGS = "代理量（件）"
LOCAL_SHARE = "本地代理量占比"
UNAGENTED = "未委托代理（件）"
AGENCY_RANKING = "代理机构排行（代理量）"
AGENCY_CLIENT_MIX = "代理机构客户构成"
CLIENT_KIND = {"enterprise": "企业", "university": "高校", "institute": "科研院所",
               "individual": "个人", "other": "其他"}
RULE_AGENCIES = ("按第一权利人地址 · 按申请日；有效专利截至当前法律状态；"
                 "本地代理量占比 = 地址在所选区域的代理机构代理量 ÷ 全部代理量")
ABNORMAL_RULE_TEXT = ("异常规则（可在「参数设置 → 代理机构异常条件」调整）："
                      "期内代理量 ≥ {min_filings} 件且 ≥ 同行中位数 × "
                      "{volume_ratio}，或代理量 ≥ {min_filings} 件且撤回/驳回占比 ≥ {withdrawn_share:.0%}；"
                      "仅为提示信号，不是认定结论")
ABNORMAL_ONLY = "只看异常"
AGENCIES_EMPTY = ("所选范围内没有经代理机构代理的专利。可放宽筛选条件，"
                  "或导入含「代理机构」列的专利清单。")

# 专利运营统计
OPERATIONS_TITLE = "专利运营统计"
OPS_YEAR_COLUMNS = {"year": "年份", "transfer_in": "转入", "transfer_out": "转出",
                    "transfer_within": "区域内转移", "license": "许可", "pledge": "质押",
                    "pledge_amount": "质押金额（万元）"}
OPS_SUB_COLUMNS = {"name": "区域", "transfer_in": "转入", "transfer_out": "转出", "license": "许可",
                   "pledge": "质押", "pledge_amount": "质押金额（万元）"}
OPS_PER_YEAR = "历年专利运营"
OPS_PER_SUBREGION = "下级区域专利运营"
PLEDGE_AMOUNT_WAN = "质押金额（万元）"
RULE_OPS = ("按事务生效日；转入/转出按转让前后权利人地址所在区域（地址不明视为区域外），"
            "许可、质押按第一权利人地址")
OPS_LISTS = {"transfer": "转让清单", "license": "许可清单", "pledge": "质押清单"}
OPS_LIST_COLUMNS = {"date": "生效日", "direction": "方向", "app_no": "申请号", "title": "发明名称",
                    "patent_type": "专利类型", "parties_before": "转让前权利人/许可人/出质人",
                    "parties_after": "转让后权利人/被许可人/质权人", "county_before": "转让前区县",
                    "county_after": "转让后区县", "amount": "质押金额（元）",
                    "license_type": "许可类型"}
DIRECTION = {"in": "转入", "out": "转出", "within": "区域内"}
OPS_EMPTY = ("所选范围内没有转让、许可或质押记录。请在「系统管理 → 数据导入」"
             "导入法律状态（事务）数据。")
OPS_CLICK_HINT = "点击下级区域可将本页范围切换到该区域"

# 运营监控
OPS_MONITOR_TITLE = "运营监控"
OPM_PERIOD = "统计期间：{start} 至 {end}"
OPM_DEFAULT_PERIOD = "（筛选栏未选期间，默认为本年度至今）"
RULE_OPS_MONITOR = (RULE_OPS + "；运营大户按事务第一方的名称归集（转出：转让前权利人；转入：转让后权利人；"
                    "许可：许可人；质押：出质人）；不区分专利类型")
OPM_WARNINGS = "转出预警（本期）"
OPM_WARNING_RULE = ("期内转出本区域 ≥ {min_transfers} 件的权利人（可在「参数设置 → 权利人转出预警条件」"
                    "按区域调整）；仅为提示信号，不是认定结论")
OPM_NO_WARNINGS = "本期没有达到转出预警条件的权利人"
OPM_ALERTS = "预警处理"
OPM_ALERT_HELP = "预警由计划任务「刷新预警」每日生成：本年度转出达到条件的权利人，以及近90天转出本地的专利"
OPM_STATUS_PICK = "状态"
OPM_STATUS_VIEWS = {"open": "待处理", "acked": "已确认", "closed": "已关闭"}
OPM_ALERT_COLUMNS = {"kind": "类型", "subject": "权利人/专利", "app_no": "申请号", "county": "区县",
                     "events": "本年转出件数", "due_date": "最近转出日", "status": "状态",
                     "created_at": "预警时间", "updated_at": "更新时间"}
OPM_PICK_HELP = "在表格左侧勾选要处理的预警，再点下方按钮确认、关闭或重新打开"
OPM_PICKED = "已勾选 {n} 条"
OPM_ACTIONS = {"acked": "确认", "closed": "关闭", "open": "重新打开"}
OPM_UPDATED = "已更新 {n} 条预警"
OPM_STAFF_ONLY = "数据核查员和管理员可确认或关闭预警"
OPM_NO_ALERTS = "没有该状态的预警"
OPM_SHOWING = "显示前 {shown:,} 条，共 {total:,} 条"
OPM_PLAYERS = "运营大户"
OPM_SIDES = {"out": "转出大户", "in": "转入大户", "license": "许可大户", "pledge": "质押大户"}
OPM_PLAYER_COLUMNS = {"name": "权利人", "kind": "类型", "events": "件次", "patents": "专利件数",
                      "amount": "质押金额（万元）", "last_date": "最近一次", "county": "区县"}
OPM_NO_PLAYERS = "本期没有记录"
OPM_FLOWS = "区域间专利流向"
OPM_FLOW_COLUMNS = {"direction": "方向", "name": "对方区域", "n": "转让件数"}
OPM_NO_FLOWS = "本期没有转入或转出本区域的转让"
CHART_RULE_FLOWS = "按转让生效日 · 按转让前后权利人地址（左：来源，右：去向）"
FLOW_UNKNOWN = "地址不明"
FLOW_OTHERS = "其他地区"
FLOW_FROM = "{name}（来源）"
FLOW_TO = "{name}（去向）"
OPM_TOP_CHART = "{side}（件次）"

# 申请质量监测
QUALITY_TITLE = "申请质量监测"
QUALITY_SUBJECT_PICK = "监测对象"
QUALITY_SUBJECTS = {"holder": "权利人", "agency": "代理机构"}
QUALITY_SORTS = {"filings": "申请量", "grant_rate": "发明授权率", "rejection_rate": "驳回率",
                 "withdrawal_rate": "撤回率", "invention_share": "发明占比", "kept_3": "维持超3年比例",
                 "kept_5": "维持超5年比例", "kept_10": "维持超10年比例"}
QUALITY_WARNED_ONLY = "只看有预警的"
QUALITY_RANKED = "参与排名"
QUALITY_WARNED = "有预警"
QUALITY_REASON = {"low_grant": "发明授权率偏低", "high_rejection": "驳回率偏高",
                  "high_withdrawal": "撤回率偏高", "low_invention": "发明占比偏低",
                  "low_kept": "授权后3年内放弃偏多"}
QUALITY_COLUMNS = {"name": "名称", "kind": "类型", "filings": "申请量", "inventions": "发明申请",
                   "invention_share": "发明占比", "closed": "发明结案", "grant_rate": "发明授权率",
                   "rejection_rate": "驳回率", "withdrawal_rate": "撤回率", "kept_3": "维持超3年",
                   "kept_5": "维持超5年", "kept_10": "维持超10年", "reasons": "预警", "link": "专利清单"}
RULE_QUALITY = ("按第一权利人地址 · 按申请日（未选期间为全部申请）；发明授权率 = 授权 ÷（授权 + 驳回 + 撤回），"
                "仅发明、按结案计；维持超N年 = 申请满N年的已授权专利中，申请日起N年后仍有效的比例")
QUALITY_RULE_TEXT = ("参与排名：期内申请 ≥ {min_filings} 件；比率预警至少需 {min_closed} 件结案（或可比授权）；"
                     "发明授权率 < {grant_rate_below:.0%}、驳回率 > {rejection_rate_above:.0%}、"
                     "撤回率 > {withdrawal_rate_above:.0%}、发明占比 < {invention_share_below:.0%}、"
                     "维持超3年 < {kept_3_below:.0%} 时提示（可在「参数设置 → 申请质量预警条件」按区域调整）；"
                     "仅为提示信号，不是认定结论")
QUALITY_EMPTY = "所选范围内没有申请量达到 {min_filings} 件的{subject}"
QUALITY_CHART = "发明授权率、驳回率、撤回率（申请量前 {n} 名，%）"
CHART_RULE_QUALITY = "按结案计 · 仅发明"

# 公开专利数据查询
SEARCH_TITLE = "公开专利数据查询"
SEARCH_STATUS = "法律状态（不选为全部）"
SEARCH_UNPUBLISHED = "含尚未公开的申请"
SEARCH_UNPUBLISHED_HELP = ("默认只列出截至今天已公开（公开日或授权公告日不晚于今天）的专利，与首页「公开专利」"
                           "口径一致；勾选后也列出尚未公开的申请（申请量统计包含这些申请）。")
SEARCH_APP_NO = "申请号（完整或前缀）"
SEARCH_HOLDER = "权利人名称"
SEARCH_WORDS = "名称关键词（空格分隔，须全部包含）"
SEARCH_AGENCY = "代理机构名称"
SEARCH_IPC = "IPC 前缀（如 H01M）"
SEARCH_INDUSTRY = "产业"
SEARCH_KIND = "第一权利人类型"
SEARCH_TAG = "第一权利人标签"
SEARCH_MORE = "更多条件"
SEARCH_RESULT = "共 {n:,} 件"
SEARCH_RESULT_CAPPED = "超过 {n:,} 件"
SEARCH_COLUMNS = {"app_no": "申请号", "patent_type": "类型", "title": "发明名称", "app_date": "申请日",
                  "pub_date": "公开日", "grant_date": "授权日", "status": "法律状态",
                  "holder_name": "第一权利人", "region": "所在区域", "ipc_main": "主分类号",
                  "agency_name": "代理机构"}
SEARCH_NEXT = "下一页"
SEARCH_PREV = "上一页"
SEARCH_PAGE_INFO = "第 {page} 页 · 每页 {size} 条"
SEARCH_BAD_PARAMS = "链接中有无效的参数，已忽略：{names}"
SEARCH_TEXT_LIMIT = "每个检索框最多 {chars} 个字符、{words} 个词，多出的部分未参与检索"
SEARCH_EMPTY = "没有符合条件的专利。可放宽筛选条件；若数据库为空，请先在「系统管理 → 数据导入」导入数据。"
SEARCH_FIXED_HOLDER = "限定权利人：{name}"
SEARCH_FIXED_FIRST_HOLDER = "限定第一权利人：{name}"
SEARCH_FIXED_AGENCY = "限定代理机构：{name}"
SEARCH_CLEAR_FIXED = "取消限定"
SEARCH_LINK = "本查询的链接（可复制分享）"
EXPORT_PREPARE = "导出 Excel"
EXPORT_DOWNLOAD = "下载 Excel（{n:,} 条）"
EXPORT_PROGRESS = "正在导出 {done:,} / {total:,} 条"
EXPORT_TOO_MANY = "结果超过 {n:,} 条，只导出最新的 {n:,} 条；如需全部请缩小范围分批导出。"
EXPORT_FILE = "公开专利_{stamp}.xlsx"

# 权利人管理
HOLDER_ADMIN_TITLE = "权利人管理"
HOLDER_ADMIN_TABS = ["权利人", "批量导入标签"]
HOLDER_ADMIN_SEARCH = "搜索（名称 / 统一社会信用代码）"
HOLDER_PICK_ITEM = "{name}（编号 {id}）"
HOLDER_ADMIN_COLUMNS = {"id": "编号", "name": "权利人", "kind": "类型", "county_code": "区县",
                        "street_code": "街道", "industry_code": "所属产业", "fee_reduction": "费用减缴",
                        "patent_count": "专利数",
                        "first_filing": "首次申请日", "tags": "标签"}
HOLDER_ADMIN_PICK = "选择要标注的权利人"
HOLDER_ADMIN_KIND = "权利人类型"
HOLDER_ADMIN_TAGS = "标签（可输入新的自定义标签）"
HOLDER_ADMIN_FEE = "已备案费用减缴"
HOLDER_ADMIN_SAVED = "已保存：{fields}"
HOLDER_ADMIN_NOCHANGE = "没有修改"
HOLDER_ADMIN_BAD = "「{value}」无效：标签不能含逗号且不超过 32 个字符，类型须为预设类型"
HOLDER_ADMIN_EMPTY = "没有符合条件的权利人。"
HOLDER_FIELD = {"kind": "类型", "tags": "标签", "fee_reduction": "费用减缴",
                "industry_code": "所属产业"}
HOLDER_ADMIN_INDUSTRY = "所属产业"
HOLDER_NO_INDUSTRY = "（未设置）"
HOLDER_REGION_TITLE = "更正所在区县和街道"
HOLDER_REGION_NOW = ("当前：{county} / {street}。更正后，该权利人作为第一权利人的专利"
                     "一并改按新的区县和街道统计（可撤销）")
HOLDER_REGION_NONE = "未定位"
HOLDER_REGION_APPLY = "更正区域"
HOLDER_REGION_DONE = "已将权利人更正到 {place}，涉及 {patents:,} 件专利"
HOLDER_REGION_UNDO = "撤销最近一次更正（#{id}）"
HOLDER_IMPORT_HELP = ("上传 Excel（.xlsx）：每行一个权利人，填写「权利人名称」或「统一社会信用代码」，"
                      "「标签」可填多个，用顿号或逗号分隔；已有标签保留。任何一行有误则整个文件不导入")
HOLDER_IMPORT_TEMPLATE = "下载模板"
HOLDER_IMPORT_FILE = "选择标签文件"
HOLDER_IMPORT_APPLY = "导入标签"
HOLDER_IMPORT_FAILED = "文件有 {n} 处错误，未导入任何标签："
HOLDER_IMPORT_ERRORS = "错误（文件、行、列、值）"
HOLDER_IMPORT_DONE = "已为 {holders:,} 个权利人新增 {tags:,} 个标签（跳过空行 {skipped:,} 行）"
FILTER_FEE = "费用减缴"
# short counting rules for chart subtitles (the page caption carries the full rule)
CHART_RULE_HOLDERS = "按第一权利人 · 截至当前法律状态 · ★期内新增"
CHART_RULE_AGENCIES = "按第一权利人地址 · 按申请日"
CHART_RULE_OPS = "按事务生效日"
FEE_CHOICE = {True: "已备案减缴", False: "未备案减缴"}

# --- users and audit (admin) ---
USERS_TITLE = "用户管理"
AUDIT_TITLE = "操作日志"
USER_COLUMNS = {"username": "用户名", "name": "姓名", "role": "角色", "active": "启用",
                "failed_attempts": "连续登录失败", "locked_until": "暂停登录至",
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
UNLOCK = "解除登录限制"
RESET_PASSWORD = "重置密码"
NEW_PASSWORD = "新密码（至少 8 位）"
PASSWORD_TOO_SHORT = "密码至少 8 位"
USER_EXISTS = "用户名已存在"
USER_UNKNOWN = "没有用户「{user}」"
ROLE_UNKNOWN = "未知的角色「{role}」（可选：{roles}）"
USERNAME_INVALID = "用户名不能为空，且不超过 {n} 个字符"
LAST_ADMIN = "不能停用或降级最后一个启用的管理员"
ADMIN_FILE_NO_NAME = "数据目录 {folder} 中已有太多管理员密码文件，请先清理"
ADMIN_CREATED_CONSOLE = ("[专利系统] 已创建管理员账户 admin，初始密码：{password}"
                         "（另存于 {path}，仅本系统用户可读）")
USER_SAVED = "已保存"
CANNOT_DEMOTE_SELF = "不能修改自己的角色或停用自己"
AUDIT_FILTER = "对象类型"

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
FEE_NO_DUE_DATES = ("没有专利带有下次缴费截止日：请先导入专利与缴费记录，再在「系统管理 → 计划任务」"
                    "运行「刷新法律状态与年费」。")
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
EXPIRY_NO_POPULATION = "未设置该区域的年末常住人口（「参数设置」中填写），每万人口指标无法计算。"
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
    "announce_date": "失效公告日", "app_date": "申请日", "grant_date": "授权公告日",
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
IND_UNPLACED = "未定位到下级区域"
IND_UNPLACED_NOTE = ("「未定位到下级区域」：计入本区域、但权利人地址未能定位到任何下级区域的专利；"
                     "各下级区域与该行相加等于本区域合计。")
IND_OVERLAP_NOTE = ("按任一权利人整体计数：一件专利在其每个权利人所在的下级区域各计一次，"
                    "下级区域相加可大于本区域合计。")
IND_PROGRESS = "年内进度"
IND_PROJECTION_CHART = "年末预测"
IND_MET = "达标"
IND_ABOVE = "超出目标 {amount}"
IND_BELOW = "距目标 {amount}"
IND_POINTS = " 个百分点"
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
                 "「标题」等列名）；可在「数据导入」页面为各列手工指定字段，并保存为导入方案")
IMP_MISSING_FIELDS = "文件「{file}」缺少必需的列：{fields}"
IMP_HEADER_ONLY = "文件「{file}」只有表头，没有数据行"
IMP_KIND = {"patents": "专利清单", "events": "法律事件清单", "fees": "缴费清单"}
IMP_SOURCE = {"cnipa": "CNIPA 专利检索及分析", "incopat": "incoPat", "patsnap": "智慧芽 Patsnap",
              "patentics": "Patentics", "baiten": "佰腾", "innojoy": "大为 Innojoy",
              "soopat": "SooPAT/专利之星",
              "derwent": "Derwent Innovation", "dii": "Derwent Innovations Index（Web of Science）",
              "lens": "Lens.org", "google": "Google Patents", "cnki": "中国知网 CNKI"}
IMP_FIELD = {
    "app_no": "申请号", "app_date": "申请日", "app_year": "申请年", "grant_year": "授权年",
    "pub_no": "公开（公告）号", "pub_date": "公开（公告）日", "grant_no": "授权公告号",
    "grant_date": "授权公告日", "title": "标题", "abstract": "摘要", "owners": "当前权利人",
    "applicants": "申请人", "address": "地址",
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
    "holders": "权利人", "status_reason": "状态原因", "vendor_status": "厂商法律状态",
    "source": "数据来源", "app_no_flag": "申请号标记", "first_holder": "第一权利人",
    "holder_count": "权利人数", "inventor_count": "发明人数", "domestic": "国内权利人",
    "address_ref": "地址编号", "paid_on_amount": "缴费金额",
}
IMP_LIMITS = {
    "no_app_date": "缺少申请日：无法计算年费、届满日和按申请日的统计",
    "no_app_no": "缺少申请号：按公开号记录，无法与缴费清单、法律事件清单按申请号匹配",
    "no_address": "缺少地址和区域：无法定位到区县/街道",
    "no_grant_date": "已授权但缺少授权公告日：无法计算授权年度和授权当年的年费年度",
}
IMP_SUMMARY = ("文件「{file_name}」（{kind_label}，来源：{source_label}）："
               "读取 {rows_read} 行，新增 {inserted}，更新 {updated}，未变 {unchanged}，"
               "重复行合并 {merged}，跳过 {skipped}，拒绝 {rejected}")
IMP_DRY_RUN_NOTE = "这是试导入，数据库没有任何改动"
IMP_PROGRESS_HOLDERS = "权利人已就绪：{n:,} 个"
IMP_PROGRESS_INSERTED = "已新增专利 {n:,} 件"
IMP_MAPPING_HEAD = "识别的列对应关系："
IMP_PROFILE_USED = "使用导入方案「{profile}」"
IMP_PROFILE_UNKNOWN = "导入文件「{file}」时找不到导入方案「{profile}」，请先在「数据导入」页面保存该方案"
IMP_PROFILE_OFFER = "使用已保存的导入方案（表头相同）"
IMP_PROFILE_NONE = "（不使用）"
IMP_PROFILE_NAME = "导入方案名称"
IMP_PROFILE_SAVE = "保存当前列对应关系为导入方案"
IMP_PROFILE_SAVED = "已保存导入方案「{profile}」：以后表头相同的文件可直接选用"
IMP_PROFILE_EMPTY = "请填写导入方案名称"
IMP_UNMAPPED = "未使用的列：{cols}"
IMP_EXTRA_LINE = "  {field} ← （该列为空时）{cols}"
IMP_SKIPPED_SHEETS = "跳过的工作表（无可识别表头）：{sheets}"
IMP_LIMIT_LINE = "{count} 条记录 {label}"
IMP_CHANGED = "更新的字段：{fields}"
IMP_ERRORS_HEAD = "共 {n} 处错误："
IMP_ERROR_LINE = "  工作表「{sheet}」第 {row} 行，列「{column}」，值「{value}」：{reason}"
IMP_ERROR_LINE_ROW = "  工作表「{sheet}」第 {row} 行：{reason}"
IMP_R_NO_KEY = "申请号和公开（公告）号都为空，无法识别这件专利"
IMP_R_NO_TITLE = "标题为空"
IMP_R_FOREIGN = "不是中国专利（{office}），本系统只统计中国专利，已跳过"
IMP_R_NO_TYPE = "无法确定专利类型（申请号、专利类型列和公开号都没有给出）"
IMP_R_UNKNOWN_PATENT = "数据库中没有这件专利，请先导入包含它的专利清单"
IMP_R_NO_EVENT = "无法确定事件类型（法律状态为空，也没有转让/许可/质押当事人列）"
IMP_R_NOT_ANNUAL = "不是年费记录（{name}），已跳过"
IMP_R_NO_DATE = "日期为空"
IMP_R_NO_AMOUNT = "金额为空"
IMP_TOO_WIDE = ("文件「{file}」工作表「{sheet}」第 {row} 行有 {width} 列{cell}，超过上限 {limit} 列；"
                "可能是表格远处有误填的单元格，请删除多余的行列后另存再导入")
IMP_TOO_WIDE_CELL = "（最后一格 {cell}）"
IMP_TOO_MANY_CELLS = ("文件「{file}」读到工作表「{sheet}」第 {row} 行时单元格已超过上限 {limit:,} 个，"
                      "请拆分后分批导入")
IMP_UNZIPPED_TOO_BIG = ("文件「{file}」解压后超过 {limit} GB，不像正常的导出文件"
                        "（可能已损坏或被篡改），请重新导出")
IMP_R_CELL_TOO_LONG = "单元格有 {n:,} 个字符，超过上限 {limit:,} 个字符"
IMP_R_FIELD_TOO_LONG = "「{field}」有 {n} 个字符，超过上限 {limit} 个字符，请核对该单元格"
IMP_R_RECORD = "第 {n} 条记录（该字段在第 {line} 行）：{reason}"
IMP_R_FORMULA = "单元格 {cell} 是公式，文件没有保存计算结果（按空值读取）：{reason}"
IMP_FORMULA_WARNING = ("工作表「{sheet}」有 {n} 个公式单元格没有保存计算结果（如 {cells}），"
                       "按空值读取；请用 Excel 打开文件、保存后再导入")
IMP_N_DUPLICATE = "申请号与第 {row} 行相同但标题不同（第 {row} 行：「{first}」），已按第 {row} 行导入"
IMP_N_FUTURE = "「{field}」{day} 晚于今天，请核对"
IMP_N_BEFORE_FILING = "「{field}」{day} 早于申请日 {filed}，请核对"
IMP_NOTES_HEAD = "共 {n} 条提示（这些行已导入，请核对）："
IMP_NOTES = "提示（已导入，请核对）"
IMP_UPLOAD_LIMIT = "单个文件不超过 {limit} MB，支持 .xlsx、.xls、.csv、.txt"
IMP_ADDRESS_FROM_REGION = "文件没有地址列，地址取自厂商的省/地市/区县列（只能定位到区县）"
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
IMP_DONE_NEXT = "该文件已导入。如需导入其他文件，请重新选择文件"
IMP_ERROR_DOWNLOAD = "下载错误报告（.xlsx）"
IMP_HISTORY = "导入历史"
IMP_HISTORY_COLUMNS = {"id": "批次", "started_at": "时间", "username": "操作人", "file_name": "文件",
                       "kind": "类型", "source": "来源", "rows_read": "读取", "inserted": "新增",
                       "updated": "更新", "unchanged": "未变", "merged": "合并", "skipped": "跳过",
                       "rejected": "拒绝",
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
FEES_COLUMNS = ("年度", "缴费期限", "全额", "费减后", "应缴", "说明")
FEES_NOTE = {"grant_year": "授权当年", "compensation": "期限补偿期", "part_year": "补偿期不足一年不收",
             "reduction": "费减", "open_licence": "开放许可减免15%", "licence_no_gain": "开放许可（费减更优）"}
FEES_EXTENSION = "期限补偿 {days} 天：届满日 {statutory} → {extended}；补偿期年费每年 {fee} 元，不足一年不收"
FEES_LICENCE = "开放许可期间：{periods}（期间内到期的年费减免15%，与费减不叠加，按最优惠缴纳）"
FEES_REDUCTION_RULE = ("费减年限按各年度缴费期限当日有效的规定：2016-09-01前为授权当年起3年，"
                       "2018-08-01前为6年，此后为10年（财税〔2016〕78号、财税〔2018〕37号）")
FEE_RULES_EXPANDER = "年费计算规则说明"
EXPIRY_COMPENSATION_NOTE = ("届满日已计入专利权期限补偿与药品专利期限补偿（依据法律事件中的补偿天数或补偿后届满日）；"
                            "补偿期内的专利按有效专利列示，不显示为届满。")
FEE_HOLIDAY_RULE = ("节假日规则（专利法实施细则关于期限的规定：期限届满日是法定休假日的，以休假日后的第一个"
                    "工作日为期限届满日）：年费缴费期限（申请日对应日）遇休息日顺延至下一个工作日；"
                    "6个月滞纳期自申请日对应日起算，其届满日遇休息日同样顺延；各月滞纳金档位按申请日对应日"
                    "逐月计算，不顺延；逾期未缴的，专利权自申请日对应日起终止。")
FEE_RULES_HELP = (
    FEE_HOLIDAY_RULE,
    "滞纳金：缴费期限后第1个月内（含一整月）不收，此后每超过1个月加收当年全额年费的5%，最高25%；"
    "滞纳金按全额年费计算，不因费减而减少。",
    "费减（财税〔2016〕78号、财税〔2018〕37号）：单个权利人缴15%，共有人缴30%；费减年限按该年度"
    "缴费期限当日有效的规定：2016-09-01前为授权当年起3年，2018-08-01前为6年，此后为10年。",
    "开放许可（财税〔2024〕23号、国家知识产权局公告第594号）：开放许可实施期间内到期的年费减免15%，"
    "与费减不叠加，按最优惠的一项缴纳。",
    "专利权期限补偿（专利法第42条）：补偿期内每满一年年费8000元，不足一年不收；补偿期内专利保持有效。",
    "以上比例、年限与日期均可在「系统管理 → 参数设置」中按生效日期调整（参数 fee_rules、term_rules）。",
)
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
                 "不构成认定结论。阈值可在「参数设置 → 非正常申请监测条件」中调整。")
ABNORMAL_RULE = ("按第一权利人地址 · 按申请日 · 近 {lookback_years} 年 · 集中申请：{burst_days} 天内 ≥ "
                 "{burst_min} 件；名称雷同：同一词干 ≥ {similar_min} 件；个人：年 ≥ {individual_year_min} 件；"
                 "代理机构：年申请量 ≥ 同年机构中位数 × {agency_factor:g} 且 ≥ {agency_min} 件")
ABNORMAL_NONE = "当前区域未发现符合条件的非正常申请信号。"
ABNORMAL_EXPORT = "导出核查清单（.xlsx）"
ABNORMAL_DETAIL = {"similar_titles": "雷同名称 {detail} 件", "agency_volume": "同年中位数 {detail} 件"}
IMP_AFTER_FAILED = "导入已完成，但后续步骤 {step} 出错：{error}"

# --- watch lists (关注清单) ---
WATCH_TITLE = "关注清单"
WATCH_HELP = ("关注的区域会出现在「专利概况」和「区域统计 · 区域对比」的对比中，关注的产业在区域对比中并列显示"
              "（全局关注对所有用户生效）。")
WATCH_COLUMNS = {"id": "编号", "kind": "类型", "name": "名称", "target": "代码",
                 "username": "个人关注", "created_at": "加入时间"}
WATCH_KIND = {"region": "区域", "industry": "产业", "holder": "权利人"}
WATCH_REGIONS = "关注区域"
WATCH_INDUSTRIES = "关注产业"
WATCH_INDUSTRY = "产业"
WATCH_INDUSTRY_PICK = "选择产业"
WATCH_ADD = "加入关注"
WATCH_REMOVE = "移除所选"
WATCH_PROVINCE = "省"
WATCH_CITY = "市"
WATCH_COUNTY = "区县（可选）"
WATCH_PERSONAL = "仅对我生效"
WATCH_EMPTY = "还没有关注的区域或产业。"

# --- statistics pages: 专利概况, 产业统计, 趋势统计, 区域统计 ---
CARD_PER_10K = "每万人口发明专利拥有量"
CARD_PER_10K_MISSING = "未设置人口参数"
CARD_FILINGS_YTD = "今年申请量"
CARD_GRANTS_YTD = "今年授权量"
CARD_VS_LAST_YEAR = "较去年同期"
CARD_RULE = ("公开/有效/有效发明：按第一权利人地址 · 截至当前法律状态；每万人口：国内有效发明 ÷ 年末常住人口"
             "（万人）；今年申请/授权：1月1日至{as_of}，与去年同期比较")
DATA_UPDATED_AT = "数据更新于"
KIOSK_ON = "大屏模式"
KIOSK_OFF = "退出大屏"
KIOSK_REFRESH_NOTE = "每 {minutes} 分钟自动刷新"
YEARLY_TREND = "历年申请与授权"
APPLICATIONS = "申请量"
GRANTS = "授权量"
VALID_COUNT = "有效量"
VALID_INV_COUNT = "有效发明"
RULE_FLOWS = "按第一权利人地址 · 申请量按申请日、授权量按授权日"
RULE_VALID_ASOF = "按第一权利人地址 · 截至当前法律状态"
MAP_TITLE = "区县分布（有效专利）"
STREET_RANKING = "街道/乡镇排行（有效专利）"
TOP_HOLDERS_VALID = "权利人排行（有效专利）"
TOP_HOLDERS_INV = "权利人排行（有效发明）"
OPERATIONS_YTD = "今年专利运营"
OPERATION_KIND = {"transfer_in": "转入", "transfer_out": "转出", "license": "许可", "pledge": "质押"}
RULE_OPERATIONS = "按登记生效日 · 今年1月1日至今"
OPERATIONS_NOTE = "转入/转出：转让前后权利人地址一方在本区域、另一方不在；许可、质押：按专利当前所在区域。"
WATCHED_COMPARE = "与关注区域对比"
WATCHED_EMPTY = "还没有关注的区域，可在「关注清单」中添加。"
CLICK_HINT = "点击图中区域可下钻，点击其他图形元素可打开预填条件的专利查询。"
NO_DATA_IN_SCOPE = "当前筛选条件下没有专利：可放宽区域、日期或专利类型。"
NO_SUBREGIONS = "该区域没有下级区域数据（专利只定位到区县，或尚未做地址解析）。"
INDUSTRY_TITLE = "产业统计"
INDUSTRY_SUMMARY = "产业专利规模"
INDUSTRY_TREND = "近年产业专利申请趋势（对数坐标）"
INDUSTRY_MATRIX = "产业 × 区域有效专利"
INDUSTRY_EMERGING = "战略性新兴产业与传统产业申请占比"
INDUSTRY_SHARE_NAMES = ("战略性新兴产业", "传统产业", "新兴产业占比")
INDUSTRY_KIND = {"sei": "战略性新兴产业", "local": "本地重点产业"}
INDUSTRY_EMPTY = ("还没有产业分类数据：请在「参数设置」加载《战略性新兴产业分类与国际专利分类参照关系表（2021）》"
                  "并重新计算专利产业归属（或生成演示数据）。")
RULE_INDUSTRY = ("按第一权利人地址 · IPC 参照关系表归类，需关键词的行按标题/摘要关键词判断"
                 "（一件专利可属多个产业，同一产业只计一次）")
RULE_EMERGING = "按第一权利人地址 · 按申请日 · 属于任一战略性新兴产业即计为新兴，其余为传统"
TREND_TITLE = "趋势统计"
TREND_UNIT = {"year": "按年", "month": "按月"}
TREND_APPLICATIONS = "专利申请量及同比"
TREND_GRANTS = "专利授权量及同比"
TREND_VALID = "年末有效专利量"
TREND_ACTORS = "申请人、发明人与代理机构"
TREND_PIPELINE = "发明专利流程（按申请年队列）"
TREND_OPERATIONS = "转让、许可、质押"
YOY = "同比增长"
ACTOR_NAMES = {"applicants": "申请人数", "inventors": "发明人人次", "agencies": "代理机构数"}
PIPELINE_STAGES = {"filed": "申请", "published": "公开", "examined": "进入实审", "granted": "授权"}
EVENT_SERIES = {"transfer_in": "转入", "transfer_out": "转出", "transfer": "转让（全部）",
                "license": "许可", "pledge": "质押"}
RULE_TREND_APPS = "按第一权利人地址 · 按申请日"
RULE_TREND_GRANTS = "按第一权利人地址 · 按授权日"
RULE_TREND_VALID = ("按第一权利人地址 · 年末有效 = 当年12月31日已授权且仍有效（无授权日的按申请日计授权），"
                    "与专利创造指标分析的有效专利同口径")
RULE_TREND_ACTORS = "按申请日 · 申请人按第一权利人去重；发明人按人次；代理机构去重"
RULE_PIPELINE = ("按申请日分年 · 公开：有公开日；进入实审：实审中、驳回或已授权；授权：有授权日")
RULE_TREND_EVENTS = ("按登记生效日 · 转入/转出按转让前后权利人地址；转让（全部）、许可、质押按专利当前"
                     "第一权利人地址归属")
REGIONS_TITLE = "区域统计"
REGIONS_LEVEL = {"child": "下级区域", "street": "全部街道/乡镇", "custom": "自定义区划",
                 "compare": "区域对比"}
REGIONS_COMPARE_PICK = "对比区域"
REGIONS_COMPARE_HELP = ("默认对比同级区域（同市其他区县，或同省其他城市）和「关注清单」中的区域，可增删；"
                        "表中每项指标并列，末列为关注产业的有效专利")
REGIONS_INDUSTRY_VALID = "{name}（有效）"
REGIONS_LEVEL_LABEL = "统计单元"
REGIONS_RANKING = "区域排行"
REGIONS_MEASURE = "排行指标"
REGIONS_GRANT_RATE = "发明专利授权率"
REGIONS_SHARE = "有效专利占比"
REGIONS_TOP_APPLICANTS = "申请量前十申请人"
REGIONS_TOP_GRANTEES = "授权量前十权利人"
REGIONS_FOCUS = "查看区域"
GRANT_RATE_DEFINITION = ("发明专利授权率 = 发明授权量 ÷（发明授权量 + 驳回量 + 撤回量），按期间内结案的发明统计："
                         "授权按授权日，驳回/撤回按法律状态日（缺失时按失效日）。（国家知识产权局口径，"
                         "不采用「当年授权 ÷ 当年申请」的简单口径。）")
REGIONS_COLUMNS = {"code": "代码", "name": "区域", "applications": "申请量", "grants": "授权量",
                   "valid": "有效量", "valid_inventions": "有效发明", "transfers_in": "转入",
                   "transfers_out": "转出", "inv_granted": "发明授权", "inv_closed": "发明结案",
                   "grant_rate": "授权率", "valid_share": "有效占比", "rank": "排名"}
RULE_REGIONS = "按第一权利人地址 · 申请按申请日、授权按授权日、转让按登记日（所选日期范围内）· 有效截至当前"
NO_CUSTOM_REGIONS = "还没有自定义区划：管理员可在「系统管理 → 自定义区划」中创建（如园区 = 若干街道）。"
OPEN_SEARCH = "在专利查询中打开"

# --- verify (address resolver, verification queue) and custom regions ---
VERIFY_TABS = ("待核查地址", "核查统计", "核查记录", "批量核查（Excel）")
VERIFY_COUNTY_FILTER = "区县"
VERIFY_ALL = "全部"
VERIFY_QUEUE_SIZE = "待核查地址 {addresses:,} 个，涉及专利 {patents:,} 件"
VERIFY_EMPTY = "没有待核查的地址"
VERIFY_PICK_ADDRESS = "选择地址（按涉及专利数排序）"
VERIFY_ADDRESS_OPTION = "{normalized} · {patent_count} 件专利"
VERIFY_CURRENT = "当前定位：{place}（置信度 {confidence:.2f}，方法 {method}）"
VERIFY_UNPLACED = "未定位"
VERIFY_VARIANTS = "原始地址写法"
VERIFY_HOLDERS = "第一权利人"
VERIFY_HOLDER_COLUMNS = {"name": "权利人", "patents": "专利数", "street_name": "登记街道",
                         "region_override": "已按权利人核定"}
VERIFY_CANDIDATES = "候选街道及依据"
VERIFY_CANDIDATE_COLUMNS = {"name": "街道/区划", "code": "代码", "evidence": "依据"}
VERIFY_NO_CANDIDATES = "没有候选街道，请在下方选择"
VERIFY_PICK_COUNTY = "区县"
VERIFY_PICK_STREET = "街道/乡镇"
VERIFY_COUNTY_ONLY = "（只定位到区县）"
VERIFY_ALIAS = "新建别名（道路、楼宇或园区名，今后同一区县内自动定位）"
VERIFY_ALIAS_TEXT = "别名文字"
VERIFY_APPLY = "应用到该地址的全部专利"
VERIFY_APPLIED = "已核定：{place}，{patents} 件专利已更新"
VERIFY_HOLDER_PICK = "按权利人核定（权利人登记街道优先于地址文字）"
VERIFY_HOLDER_APPLY = "设为该权利人的街道"
VERIFY_HOLDER_APPLIED = "已将权利人「{name}」核定到 {place}"
VERIFY_STATS_STREET = "定位到街道"
VERIFY_STATS_COUNTY = "仅定位到区县"
VERIFY_STATS_CITY = "仅定位到市"
VERIFY_STATS_UNPLACED = "未定位"
VERIFY_STATS_QUEUE = "待核查地址"
VERIFY_STATS_SHARE = "{count:,} 件（{share:.1%}）"
VERIFY_PER_CHECKER = "核查员工作量"
VERIFY_PER_CHECKER_COLUMNS = {"username": "核查员", "decisions": "核定次数", "last_at": "最近核定"}
VERIFY_RESOLVE_NEW = "解析新导入的地址"
VERIFY_RESOLVED_NEW = "已解析 {addresses} 个地址：自动定位 {auto} 个，进入核查队列 {queued} 个"
VERIFY_HISTORY_COLUMNS = {"id": "编号", "at": "时间", "username": "操作人", "action": "操作",
                          "message": "内容", "undone": "已撤销"}
VERIFY_ACTIONS = {"address_resolve": "核定地址", "holder_region": "核定权利人", "undo": "撤销"}
VERIFY_UNDO_PICK = "选择要撤销的核定"
VERIFY_UNDO = "撤销"
VERIFY_UNDONE = "已撤销 #{id}，相关专利已恢复"
VERIFY_EXPORT = "导出待核查地址（.xlsx）"
VERIFY_DOWNLOAD = "下载 .xlsx"
VERIFY_EXPORT_HELP = "在「街道代码（填写）」或「街道名称（填写）」列中填写街道，可选填别名，然后导入。"
VERIFY_IMPORT = "导入已填写的文件"
VERIFY_IMPORT_APPLY = "校验并导入"
VERIFY_IMPORT_DONE = "已导入 {applied} 条核定（空行 {skipped} 条）"
VERIFY_IMPORT_FAILED = "文件有 {n} 处错误，未写入任何数据："
METHOD = {"gazetteer": "区划名称", "taught_alias": "核查员别名", "manual": "人工核定",
          "ambiguous": "多个候选", "postcode": "邮编", "none": "无法识别", "empty": "空地址",
          "alias:old_name": "旧地名", "alias:zone": "园区/功能区", "alias:english": "英文地址",
          "alias:short_name": "简称"}
METHOD_CHANGE = "区划变更：{change}"

CUSTOM_REGIONS = "自定义区划"
CUSTOM_LIST_COLUMNS = {"code": "代码", "name": "名称", "parent_name": "上级区划",
                       "member_count": "成员数", "member_text": "成员", "note": "说明"}
CUSTOM_EMPTY = "还没有自定义区划"
CUSTOM_NEW = "新建自定义区划"
CUSTOM_EDIT = "修改或删除"
CUSTOM_NAME = "名称"
CUSTOM_PARENT = "上级区划"
CUSTOM_NOTE = "说明"
CUSTOM_COUNTIES = "从这些区县中选择街道/乡镇"
CUSTOM_STREETS = "成员街道/乡镇"
CUSTOM_WHOLE_COUNTIES = "整个区县作为成员"
CUSTOM_SAVE = "保存"
CUSTOM_DELETE = "删除"
CUSTOM_SAVED = "已保存自定义区划 {code}"
CUSTOM_DELETED = "已删除自定义区划 {code}"
CUSTOM_PICK = "选择自定义区划"
EXPIRY_OTHER_TYPES = "实用新型和外观设计"
PARAM_BAD_RULE = "未知的统计口径：{value}"
INDICATOR = {
    "valid_inventions": "有效发明专利", "inventions_per_10k": "每万人口发明专利拥有量",
    "hv_inventions_per_10k": "每万人口高价值发明专利拥有量",
    "inventions_per_1bn_gdp": "每十亿元GDP发明专利拥有量",
    "long_per_1tn_gdp": "每万亿元GDP高维持年限发明专利拥有量", "quality": "专利质量指数",
    "applications": "专利申请量", "invention_applications": "发明专利申请量",
    "grants": "专利授权量", "invention_grants": "发明专利授权量",
    "invention_applications_share_pct": "发明申请占比", "applications_growth_pct": "专利申请量同比增长",
}
INDICATOR_UNIT = {
    "valid_inventions": "件", "inventions_per_10k": "件/万人", "hv_inventions_per_10k": "件/万人",
    "inventions_per_1bn_gdp": "件/十亿元", "long_per_1tn_gdp": "件/万亿元", "quality": "分",
    "applications": "件", "invention_applications": "件", "grants": "件", "invention_grants": "件",
    "invention_applications_share_pct": "%", "applications_growth_pct": "%",
}
IND_NO_PARAM = {"population": "未设置人口数据（参数设置 → 人口）",
                "gdp": "未设置GDP数据（参数设置 → GDP）"}
IND_PARAM_NAME = {"population": "人口", "gdp": "GDP"}
IND_PARAM_YEAR = "{what}采用{year}年数据"
IND_NO_DATA = "无有效专利数据"
RULE_HOLDER = {("first", "current"): "按第一权利人（当前）地址", ("first", "original"): "按原始第一申请人地址",
               ("any", "current"): "按任一权利人（当前）地址", ("any", "original"): "按任一原始申请人地址"}
RULE_FRACTIONAL = {True: "分数计数", False: "整数计数"}
RULE_DOMESTIC = "仅国内权利人（不含港澳台及国外）"
RULE_FLOW = {"app": "按申请日 {start} 至 {day}", "pub": "按公开日 {start} 至 {day}",
             "grant": "按授权公告日 {start} 至 {day}"}
RULE_STOCK = {"as_of": "截至 {day} 有效（按授权日与失效日推算）", "status": "按当前法律状态为有效"}
RULE_LONG = {"app": "高维持年限：自申请日起超过{n}年", "grant": "高维持年限：自授权日起超过{n}年"}

# --- scheduled jobs (计划任务) ---
JOBS_TITLE = "计划任务"
JOBS_HELP = ("计划任务随系统一起在服务器后台运行（每次运行都记录在下表）。"
             "也可在此立即运行某个任务，它会在后台进程中执行。")
JOB_NAMES = {"import_inbox": "导入收件箱中的文件", "resolve_addresses": "地址解析",
             "refresh_status": "刷新法律状态与年费", "refresh_alerts": "刷新预警",
             "indicator_snapshot": "指标快照", "monthly_reports": "生成月度分析报告"}
JOB_COLUMNS = {"job": "任务", "started_at": "开始时间", "finished_at": "结束时间",
               "status": "结果", "message": "说明"}
JOB_STATUS = {"ok": "成功", "failed": "失败", "running": "运行中"}
JOB_RUN_NOW = "立即运行"
JOB_STARTED = "已在后台启动，稍后刷新查看结果"
JOB_PICK = "任务"
JOB_STALE = "任务未完成：计划任务进程在运行中被中止，已在下次启动时关闭此记录"

# --- database errors shown on pages (details go to the server log) ---
PAGE_FAILED = ("本页出现意外错误，未能完整显示。请刷新页面重试；如果仍然出错，请联系系统管理员"
               "（错误详情已记录在服务器日志中）。")
DB_UNAVAILABLE = ("数据库暂时繁忙或出错，本页未能显示。请稍后刷新页面；"
                  "问题持续时请联系管理员（详情已记录在服务器日志中）。")

# --- sidebar alert summary ---
ALERT_KIND = {"fee_due": "年费即将到期", "fee_grace": "年费滞纳期", "expiry": "即将届满",
              "transfer_out": "转出本地", "holder_outflow": "权利人大量转出"}
ALERT_STATUS = {"open": "待处理", "acked": "已确认", "closed": "已关闭", "done": "条件已消除"}
ALERTS_OPEN = "待处理预警"
IND_CLI_HEADER = "{region}（{code}）{year}年 · 截至 {day}"
IND_CLI_LINE = ("{name}：{value} {unit}｜分子 {num}｜分母 {den}｜目标 {target}｜完成率 {completion}"
                "｜年末预计 {projection}")
# --- monitoring: 专利创造指标分析 (page) ---
IND_RULE_SETTINGS = "统计口径"
IND_RULE_HOLDER_OPTS = {"first": "第一权利人", "any": "任一权利人"}
IND_RULE_BASIS_OPTS = {"current": "当前权利人（转让后）", "original": "原始申请人"}
IND_RULE_FRACTIONAL = "分数计数（共有专利按权利人数分摊）"
IND_RULE_DOMESTIC = "人均/地均指标仅计国内权利人"
IND_RULE_STOCK_OPTS = {"as_of": "按授权日与失效日推算截至日有效", "status": "按当前法律状态"}
IND_PICK = "指标"
IND_VALUE = "指标值"
IND_NUMERATOR = "分子"
IND_DENOMINATOR = "分母"
IND_ACTUAL = "累计实际"
IND_PACE = "目标进度（线性）"
IND_SUB_COLUMNS = {"name": "区域", "value": "指标值", "target": "目标", "met": "达标情况",
                   "gap": "与目标相比"}
IND_CARD_DETAIL = "目标 {target} · {standing} · 年末预计 {projection}"
IND_PROGRESS_NOTE = "年末预计按年内进度线性外推；存量指标的目标进度以1月末为起点。"
PARAM_LABEL = {
    "target": "指标目标值", "population": "年末常住人口（万人）", "gdp": "地区生产总值（亿元）",
    "fee_table": "年费标准（按专利年度）", "fee_rules": "年费规则（滞纳金分段、费减、提醒窗口）",
    "term_rules": "保护期限规则", "holiday_calendar": "节假日与调休工作日",
    "high_value_rules": "高价值发明专利认定条件", "counting_rule": "默认统计口径",
    "quality_weights": "专利质量指数权重", "industry_match": "产业IPC匹配方式",
    "abnormal": "非正常申请监测条件", "agency_abnormal": "代理机构异常条件",
    "transfer_out_alert": "权利人转出预警条件",
    "monthly_report": "月度分析报告",
    "filing_quality": "申请质量预警条件",
    "reminder_letters": "提醒函（发函单位、联系方式与函件正文）",
}
PARAM_HELP = {
    "target": "各区域、各年度的指标目标值。",
    "population": "每万人口指标的分母：年末常住人口，单位万人（请与统计部门口径一致）。",
    "gdp": "每十亿元、每万亿元GDP指标的分母：地区生产总值，单位亿元。",
    "fee_table": "各类型每个专利年度的全额年费（元）：发明20年、实用新型10年、外观设计15年"
                 "（2021年6月1日前申请的外观设计只用前10年）。来源：国家知识产权局收费标准。",
    "fee_rules": "滞纳金按所在档次的比例计算（各档截止月数与比例一一对应）；节假日顺延、费减比例与年限、"
                 "到期提醒天数和恢复权利的费用与期限；期限补偿期的年费；开放许可期间的年费减免比例与起始日；"
                 "按缴费期限适用的早期规定（如2018年8月1日前费减6年）。",
    "term_rules": "发明20年、实用新型10年；外观设计以新规施行日为界分别为10年或15年；"
                  "期满终止日按申请日的对应日计算（默认）；药品专利期限补偿的最长年限及批准上市后的总有效期上限。",
    "holiday_calendar": "在内置的国务院节假日安排（2004—2026年）之外补充或更正休息日与调休上班日。",
    "high_value_rules": "高价值发明专利的五类情形各自开关，维持年限门槛与起算日，质押金额门槛"
                        "（默认1000万元，为本地口径，未经核实）。",
    "counting_rule": "各统计页面默认采用的统计口径；页面上可临时切换。",
    "quality_weights": "专利质量指数 = 100 ×（发明占有效专利比重 × 权重一 + 高价值发明占有效发明比重 × 权重二 + "
                       "高维持年限发明占有效发明比重 × 权重三），三项权重之和为1。",
    "industry_match": "专利按IPC分类号归入产业的方式。",
    "abnormal": "非正常申请监测的阈值：集中申请的天数与件数、名称雷同件数、个人年申请量、代理机构申请量倍数等。",
    "agency_abnormal": "代理机构异常：代理量为同行中位数的倍数，或代理量达到下限且撤回、驳回占比达到门槛。"
                       "可按区域设置。",
    "transfer_out_alert": "运营监控：一个权利人在一个自然年内把专利转出本区域达到所设件数即预警"
                          "（默认5件，本地经验值，可按区域设置）。",
    "filing_quality": "申请质量监测的提示门槛（均为经验值，仅为提示信号，可按区域设置）。",
    "reminder_letters": "年费预警、届满通知页面生成的缴费提醒函与届满提醒函的抬头、落款、联系方式和正文。"
                        "文字中可使用占位符 {本地区}、{发函单位}、{权利人}、{专利件数}、{基准日}、"
                        "{届满截止日}，生成时替换为实际内容；地址、联系人、电话留空则不印出。",
    "monthly_report": ("计划任务每月在这一天（默认5日，1–28）为本级区域及各下级区县生成上月的分析报告，"
                       "存入报告存档。"),
}
PARAMS_TITLE = "参数设置"
PARAM_CHOOSE = "参数"
PARAM_REGION = "区域代码"
PARAM_YEAR = "年度"
PARAM_CURRENT = "当前生效值"
PARAM_DEFAULT_NOTE = "（未设置，使用默认值）"
PARAM_NEW_VALUE = "新值"
PARAM_EFFECTIVE = "生效日期"
PARAM_SOURCE = "来源"
PARAM_NOTE = "备注"
PARAM_SAVE = "保存为新版本"
PARAM_SAVED = "已保存（第 {id} 号版本），旧版本保留在历史中"
PARAM_HISTORY = "历史版本"
PARAM_AUDIT = "修改记录"
PARAM_HISTORY_COLUMNS = {"id": "版本", "region_code": "区域", "year": "年度", "value": "值",
                         "effective_from": "生效日期", "source": "来源", "note": "备注",
                         "is_demo": "演示数据", "created_by": "修改人", "created_at": "修改时间"}
PARAM_AUDIT_COLUMNS = {"at": "时间", "username": "用户", "object_repr": "参数", "payload": "内容"}
PARAM_BAD_NUMBER = "「{value}」不是数字"
PARAM_NOT_POSITIVE = "「{value}」必须大于0"
PARAM_BAD_CHOICE = "「{value}」不是可选值（可选：{choices}）"
PARAM_BAD_JSON = "JSON 格式错误（第 {line} 行第 {col} 列）：{msg}"
PARAM_NOT_OBJECT = "应为 JSON 对象，如 {\"键\": 值}"
PARAM_UNKNOWN_FIELD = "未知的字段「{field}」（可用：{allowed}）"
PARAM_BAD_FIELD = "字段「{field}」的值「{value}」类型不对"
PARAM_FEE_TABLE = "{type}年费应为 {years} 个非负整数（每个专利年度一个）"
PARAM_BANDS = "各档滞纳金比例与各档截止月数的个数必须相同"
PARAM_BAD_DATE = "「{value}」不是 YYYY-MM-DD 格式的日期"
PARAM_NEED_REGION = "请填写区域代码"
PARAM_NEED_YEAR = "请填写年度"

# --- 参数设置 as forms (core.config.fields / targets / regional, ui/param_forms.py) ---
PARAM_TABS = ("指标目标值", "人口与GDP", "规则参数")
PARAM_PICK_REGION = "区域"
PARAM_PICK_RULE = "规则参数"
PARAM_UNCHANGED = "与当前生效值相同，没有保存新版本"
PARAM_DEFAULT_SHOWN = "尚未保存过此参数，表单中为默认值"
FIELD_LABEL = {
    "fee_table": {"invention": "发明专利年费", "utility": "实用新型专利年费", "design": "外观设计专利年费",
                  "source": "依据"},
    "fee_rules": {"surcharge_rates": "各档滞纳金比例", "band_months": "各档截止月数（自缴费期限届满起）",
                  "shift_due_date": "缴费期限遇节假日顺延到工作日",
                  "shift_grace_end": "滞纳期末日遇节假日顺延到工作日",
                  "shift_band_edges": "滞纳金各档截止日遇节假日顺延到工作日",
                  "surcharge_on_full": "滞纳金按全额年费计算（不按费减后金额）",
                  "reduced_pay_single": "费减后缴纳比例（单一权利人）",
                  "reduced_pay_joint": "费减后缴纳比例（两个及以上权利人）",
                  "reduction_years": "费减年限（自授权当年起）", "due_soon_days": "即将到期提醒提前天数",
                  "restoration_fee": "恢复权利请求费", "restoration_surcharge": "恢复权利时的滞纳金比例",
                  "restoration_months": "恢复权利请求期限（滞纳期满后）",
                  "compensation_fee": "期限补偿期的年费", "open_licence_pay": "开放许可期间按全额年费的缴纳比例",
                  "open_licence_from": "开放许可年费减免施行日",
                  "history": "按缴费期限适用的早期规定", "source": "依据"},
    "term_rules": {"invention": "发明专利保护期", "utility": "实用新型专利保护期",
                   "design_before": "外观设计保护期（新规施行日前申请）",
                   "design_after": "外观设计保护期（新规施行日起申请）",
                   "design_switch": "外观设计新保护期施行日", "end": "期满终止日",
                   "drug_max_years": "药品专利期限补偿最长年限",
                   "drug_max_after_approval_years": "批准上市后总有效专利权期限上限", "source": "依据"},
    "holiday_calendar": {"holidays": "补充的休息日", "workdays": "补充的调休上班日"},
    "high_value_rules": {"sei": "战略性新兴产业的发明专利", "overseas_family": "在海外有同族专利",
                         "long_maintained": "维持年限达到门槛", "pledge": "质押融资金额达到门槛",
                         "award": "获得国家科学技术奖或中国专利奖", "maintained_years": "维持年限门槛",
                         "maintained_from": "维持年限起算日", "pledge_amount": "质押金额门槛",
                         "source": "依据"},
    "counting_rule": {"holder": "按哪个权利人计入区域", "basis": "权利人口径",
                      "fractional": "分数计数（共有专利按权利人数分摊）",
                      "domestic_only": "人均与地均指标仅计国内权利人", "filing_basis": "申请量按哪个日期计入年度",
                      "stock_basis": "有效专利的判定方式"},
    "quality_weights": {"invention_share": "发明占有效专利比重的权重",
                        "high_value_share": "高价值发明占有效发明比重的权重",
                        "long_share": "高维持年限发明占有效发明比重的权重"},
    "industry_match": {"value": "产业归属的IPC匹配方式"},
    "abnormal": {"lookback_years": "回看年数", "burst_days": "集中申请的时间窗",
                 "burst_min": "时间窗内申请量达到", "similar_min": "名称雷同件数达到",
                 "individual_year_min": "个人年申请量达到", "agency_factor": "代理机构年申请量为同行中位数的倍数",
                 "agency_min": "代理机构年申请量至少"},
    "agency_abnormal": {"volume_ratio": "代理量为同行中位数的倍数", "min_filings": "代理量至少",
                        "withdrawn_share": "撤回或驳回占比达到"},
    "transfer_out_alert": {"min_transfers": "一个自然年内转出本区域的专利达到"},
    "monthly_report": {"day": "每月几日生成上月报告"},
    "filing_quality": {"min_filings": "参与排名的最少申请量", "min_closed": "计算比率所需的最少结案件数",
                       "grant_rate_below": "发明授权率低于", "rejection_rate_above": "驳回率高于",
                       "withdrawal_rate_above": "撤回率高于", "invention_share_below": "发明占比低于",
                       "kept_3_below": "授权后维持超过3年的比例低于"},
    "reminder_letters": {"bureau": "发函单位", "address": "单位地址", "contact": "联系人",
                         "phone": "联系电话", "signature": "落款", "fee_title": "缴费提醒函标题",
                         "fee_body": "缴费提醒函正文（表格前）", "expiry_title": "届满提醒函标题",
                         "expiry_body": "届满提醒函正文（表格前）", "closing": "结束语（表格后）"},
}
FIELD_UNIT = {
    "fee_table": {"invention": "元", "utility": "元", "design": "元"},
    "fee_rules": {"surcharge_rates": "%", "band_months": "个月", "reduced_pay_single": "%",
                  "reduced_pay_joint": "%", "reduction_years": "年", "due_soon_days": "天",
                  "restoration_fee": "元", "restoration_surcharge": "%", "restoration_months": "个月",
                  "compensation_fee": "元/年", "open_licence_pay": "%"},
    "term_rules": {"invention": "年", "utility": "年", "design_before": "年", "design_after": "年",
                   "drug_max_years": "年", "drug_max_after_approval_years": "年"},
    "high_value_rules": {"maintained_years": "年", "pledge_amount": "元"},
    "abnormal": {"lookback_years": "年", "burst_days": "天", "burst_min": "件", "similar_min": "件",
                 "individual_year_min": "件", "agency_factor": "倍", "agency_min": "件"},
    "agency_abnormal": {"volume_ratio": "倍", "min_filings": "件"},
    "transfer_out_alert": {"min_transfers": "件"},
    "monthly_report": {"day": "日"},
    "filing_quality": {"min_filings": "件", "min_closed": "件"},
}
FIELD_OPTIONS = {
    "term_rules": {"end": {"anniversary": "申请日的对应日", "day_before": "申请日对应日的前一日"}},
    "high_value_rules": {"maintained_from": {"app": "申请日", "grant": "授权日"}},
    "counting_rule": {"holder": {"first": "第一权利人", "any": "任一权利人"},
                      "basis": {"current": "当前权利人（转让后）", "original": "原始申请人"},
                      "filing_basis": {"app": "申请日", "pub": "公开日"},
                      "stock_basis": {"as_of": "按授权日与失效日推算", "status": "按当前法律状态"}},
    "industry_match": {"value": {"all": "任一IPC分类号命中即归入（默认）", "main": "仅按主分类号"}},
}
FIELD_RATE = "（0–1 之间的小数）"
FIELD_YES_NO = {True: "是", False: "否"}
FIELD_ROW = {"fee_table": "专利年度", "fee_rules": "档次"}
FIELD_EMPTY = "（空）"
FIELD_DATES_HINT = "每行一个日期，格式 2026-10-08"
FIELD_RANGE = "「{field}」应在 {low} 至 {high}{unit} 之间（填写的是 {value}）"
FIELD_ITEM_RANGE = "「{field}」中的「{value}」不对：每一项应为 {low} 至 {high}{unit} 之间的整数"
FIELD_LENGTH = "「{field}」应填写 {n} 项（现为 {got} 项）"
FIELD_NOT_INT = "「{field}」应为整数（填写的是 {value}）"
FIELD_NOT_NUMBER = "「{field}」应为数字（填写的是 {value}）"
FIELD_NOT_BOOL = "「{field}」应为“是”或“否”（填写的是 {value}）"
FIELD_NOT_LIST = "「{field}」应至少填写一项"
FIELD_VERSION_UNTIL = "适用至（缴费期限在此日及以前）"
FIELD_BAD_VERSION = "「{field}」的每一项应写明适用截止日（until），不能是「{value}」"
FIELD_NOT_TEXT = "「{field}」应为文字（填写的是 {value}）"
FIELD_BAD_PLACEHOLDER = "「{field}」中的占位符「{{{value}}}」不可用（可用：{allowed}）"
FIELD_BAD_BRACES = "「{field}」中的花括号不成对或占位符写法有误（占位符写作 {{权利人}} 这样的形式）"
FIELD_BAD_CHOICE = "「{field}」的「{value}」不是可选值（可选：{choices}）"
FIELD_BAD_DATE = "「{field}」中的「{value}」不是日期（格式如 2026-10-08）"
FIELD_BANDS_ORDER = "各档截止月数应从小到大排列"
FIELD_WEIGHTS = "三项权重之和应为 1（现为 {total}）"
FIELD_FEE_YEAR = "专利年度"
FIELD_FEE_COLUMNS = {"invention": "发明（元）", "utility": "实用新型（元）", "design": "外观设计（元）"}
TARGET_HELP = ("在表中填写所选区域和年度各指标的目标值（留空表示不设目标）；保存后各页面下次刷新即按新目标显示。"
               "未按年度设置的目标沿用“不分年度”的目标。")
TARGET_COLUMNS = {"name": "指标", "unit": "单位", "target": "目标值"}
TARGET_NOT_NUMBER = "「{name}」的目标应为数字（填写的是 {value}）"
TARGET_POSITIVE = "「{name}」的目标应大于 0 且不超过 {high}{unit}（填写的是 {value}）"
TARGET_RANGE = "「{name}」的目标应在 {low} 至 {high}{unit} 之间（填写的是 {value}）"
REGIONAL_HELP = ("每个区域和年度的年末常住人口（万人）与地区生产总值（亿元），是每万人口指标和GDP类指标的分母。"
                 "可直接在表中修改，或上传 Excel 文件"
                 "（列：区域代码、年度、年末常住人口（万人）、地区生产总值（亿元））；"
                 "只有改动的单元格保存为新版本，清空单元格不会删除已保存的值。")
REGIONAL_YEARS = "年度范围"
REGIONAL_COLUMNS = {"region_code": "区域代码", "region_name": "区域名称", "year": "年度",
                    "population": "年末常住人口（万人）", "gdp": "地区生产总值（亿元）"}
REGIONAL_SAVE = "保存表中的改动"
REGIONAL_SAVED = "已保存 {n} 项改动（每项一个新版本，旧版本保留在历史中）"
REGIONAL_NO_CHANGES = "表中没有改动"
REGIONAL_UPLOAD = "从 Excel 导入（.xlsx）"
REGIONAL_IMPORT = "导入文件中的数值"
REGIONAL_TEMPLATE = "下载填写模板（.xlsx）"
REGIONAL_TEMPLATE_FILE = "人口与GDP_{region}.xlsx"
REGIONAL_ERRORS = "文件中有 {n} 处错误，没有导入任何数值："
REGIONAL_NOT_NUMBER = "「{what}」应为数字（填写的是 {value}）"
REGIONAL_RANGE = "「{what}」应大于 0 且不超过 {high}（填写的是 {value}）"
REGIONAL_BAD_FILE = "文件「{file}」不是有效的 Excel 工作簿（.xlsx），请用 Excel 另存为 .xlsx 后再上传"
REGIONAL_EMPTY = "文件「{file}」是空的"
REGIONAL_NO_COLUMN = "文件「{file}」第 1 行缺少「{column}」列"
REGIONAL_NO_VALUES = "文件「{file}」第 1 行既没有「年末常住人口（万人）」列，也没有「地区生产总值（亿元）」列"
REGIONAL_CELL = "文件「{file}」第 {row} 行「{column}」列的值「{value}」：{reason}"
REGIONAL_UNKNOWN_REGION = "不是本系统中的区域代码"
REGIONAL_BAD_YEAR = "不是 {low}–{high} 之间的四位年份"

# --- demo ---
DEMO_OFFER = ("没有现成数据？可以一键生成演示区域：苏州市，{n:,} 件模拟专利（在本服务器上约需 {time}，"
              "视服务器繁忙程度而定），随后即可使用全部功能。")
DEMO_TIME_RANGE = "{low}至 {high}"
DEMO_SECONDS = "{n} 秒"
DEMO_MINUTES = "{n} 分钟"
DEMO_STAGE = {"prepare": "正在准备演示区域（街道、权利人、代理机构）……",
              "addresses": "正在定位地址到街道……", "high_value": "正在标记产业与高价值专利……",
              "summaries": "正在生成统计汇总表……"}
DEMO_BUTTON = "生成演示数据（{n:,} 件）"
DEMO_ADMIN_ONLY = "生成演示数据需要管理员权限，请联系管理员。"
DEMO_PROGRESS = "正在生成演示数据：{done:,} / {total:,} 件"
DEMO_DONE = "演示数据已生成：{n:,} 件专利，用时 {seconds} 秒"
DEMO_NOT_EMPTY = "数据库中已有专利数据，未生成演示数据。"
CLI_DEMO_BAR = "[{bar}] {text}（已用 {seconds:.0f} 秒）"
CLI_DEMO_DONE = ("演示数据已生成：{patents:,} 件专利，共写入 {rows:,} 行，用时 {seconds} 秒，数据库 {url}；"
                 "地址 {addresses:,} 个（自动定位 {auto:,} 个，待核查 {queued:,} 个）")
IMP_V_DATE_FORMAT = "无法识别的日期格式：{raw}"
IMP_V_DATE_INVALID = "日期不存在：{raw}"
IMP_V_DATE_RANGE = "日期超出合理范围（1985–2100）：{raw}"
IMP_V_YEAR_RANGE = "年份超出合理范围（1985–2100）：{raw}"
IMP_V_APP_FORMAT = "申请号格式不正确：{raw}"
IMP_V_APP_CHECK = "申请号校验位错误：{raw}（应为 {right}）"
IMP_V_INT = "不是整数：{raw}"
IMP_V_AMOUNT = "金额格式不正确：{raw}"
IMP_V_YEAR_EMPTY = "缴费年度为空"
IMP_V_PATENT_YEAR = "缴费年度不正确：{raw}"
IMP_COUNTS = {"rows_read": "读取", "inserted": "新增", "updated": "更新", "unchanged": "未变",
              "merged": "合并", "skipped": "跳过", "rejected": "拒绝"}
IMP_ERROR_COLUMNS = {"sheet": "工作表", "row": "行号", "column": "列", "value": "值", "reason": "原因"}
IMP_LIMIT_COLUMNS = {"record": "专利", "limit": "无法支持的计算"}
IMP_ERROR_SHEETS = ("错误", "跳过", "数据不完整", "已补全", "提示")
IMP_FLAG_COLUMNS = {"record": "专利", "flag": "补全内容"}
IMP_FLAGS = {"check_computed": "申请号缺少校验位，已按规则补算",
             "year_added": "申请号为 Derwent 简写（缺申请年份），已按申请日补全并补算校验位"}
IMP_FLAG_LINE = "{count} 件专利：{label}"
IMP_SKIPPED = "跳过 {n} 行其他国家/地区的专利（{offices}），明细见错误报告「跳过」表"
IMP_ERROR_FILE = "导入错误_{file}.xlsx"
IMP_REAL_KIND = {"xlsx": "Excel 2007+ 工作簿（.xlsx）", "xls": "Excel 97-2003 工作簿（.xls）",
                 "text": "文本文件", "binary": "二进制文件", "pdf": "PDF 文档", "png": "PNG 图片",
                 "jpeg": "JPEG 图片", "gif": "GIF 图片", "gzip": "gzip 压缩包", "rar": "RAR 压缩包",
                 "7z": "7z 压缩包", "rtf": "RTF 文档", "exe": "可执行程序", "docx": "Word 文档",
                 "pptx": "PowerPoint 文档", "zip": "zip 压缩包"}
IMP_BROKEN_ZIP = "压缩结构损坏"
IMP_NO_EXT = "（无）"
IMP_OR = "或"
IMP_LIST_SEP = "；"
IMP_FAMILY_ROWS = ("Derwent 同族行中另有 {n} 件中国专利（如一案双申的发明和实用新型），"
                   "每件专利按一行计入读取行数")
IMP_MERGED = ("{n} 行与同一专利的其他行合并（重复行，或同一申请的公开文本和授权文本），"
              "按专利计数")
IND_NOT_COMPUTED = "分区表中不计算"
VERIFY_PLACEMENT_CHART = "专利定位层级"
VERIFY_PLACEMENT_RULE = "按第一权利人地址（权利人已核定的按权利人街道）"
IND_RULE_LIVE = "该统计口径的指标汇总表尚未生成，本页按明细实时计算（数字相同，打开较慢）"

# --- command line: account recovery (python -m core user), init, errors ---
CLI_DB_READY = "数据库已就绪：{url}（结构版本 {version}）"
SERVE_STARTED = "正在启动系统：启动后在浏览器中打开 http://localhost:{port}（其他电脑用本机地址）。按 Ctrl+C 停止。"
SERVE_WITH_SCHEDULER = "计划任务随系统在后台运行。"
SERVE_SCHEDULER_RESTART = "计划任务进程已退出（退出码 {code}），正在重新启动"
CLI_ADMIN_FILE = "管理员 admin 的初始密码保存在 {path}（仅本系统用户可读）"
CLI_ADMIN_FROM_SETTING = "管理员 admin 的密码为设置项 PATENT_ADMIN_PASSWORD 的值"
CLI_ADMIN_EXISTS = ("已有用户账户，任何密码都未改动；忘记管理员密码时运行："
                    "python -m core user password admin")
CLI_USER_ADDED = "已创建用户 {user}（{role}）"
CLI_PASSWORD_SET = "已为 {user} 设置新密码，其已登录的会话均已结束"
CLI_NEW_PASSWORD = "新密码（只显示这一次）：{password}"
CLI_UNLOCKED = "已解除「{key}」的登录限制"
CLI_UNLOCK_WHAT = "请给出用户名，或用 --address 给出客户端地址"
CLI_ROLE_SET = "{user} 的角色已改为{role}，其已登录的会话均已结束"
CLI_DEACTIVATED = "已停用 {user}，其已登录的会话均已结束"
CLI_ACTIVATED = "已启用 {user}"
CLI_USER_LINE = "{user}\t{name}\t{role}\t{state}\t连续登录失败 {failures}\t暂停登录至 {until}"
CLI_USER_STATE = {True: "启用", False: "停用"}
CLI_PASSWORD_EMPTY = "标准输入中没有读到密码"
CLI_FILE_MISSING = "找不到文件：{path}"
CLI_NOT_A_FILE = "不是普通文件：{path}"
CLI_FILE_UNREADABLE = "无法读取文件：{path}"
CLI_YEAR_RANGE = "年份须在 {low}–{high} 之间：{year}"
CLI_REGION_UNKNOWN = "未知的区域代码：{code}"
CLI_DB_URL = "无法识别的数据库地址：{url}"
CLI_OS_ERROR = "无法访问 {path}（{reason}）"
OS_ERROR_REASON = {"ENOENT": "不存在", "EACCES": "没有权限", "EPERM": "没有权限",
                   "ENOTDIR": "路径中有一段不是文件夹", "EISDIR": "是文件夹", "ENOSPC": "磁盘已满",
                   "EROFS": "只读文件系统", "EEXIST": "已存在"}
OS_ERROR_OTHER = "系统错误"
CLI_DB_ERROR = "数据库出错：{detail}"
CLI_INTERNAL = "程序内部错误（{kind}），加 --traceback 可查看详情"
CLI_INTERRUPTED = "已中断"
CLI_DEMO_MIN = "--patents 至少为 {n}"
CLI_DEMO_HAS_DATA = "数据库中已有专利数据；如仍要生成演示数据，请加 --force"
CLI_POSITIVE = "{option} 须为正整数"
CLI_EXTENSION = "--extension-days 须为非负整数，且只适用于发明专利"
CLI_LICENCE_PERIOD = "--open-licence 格式应为 YYYY-MM-DD[:YYYY-MM-DD]：{value}"
CLI_RESOLVE_LINE = "{raw}\t{names}\t置信度 {confidence:.2f} · {method}{queued}"
CLI_RESOLVE_QUEUED = "（待核查）"
CLI_NO_ADDRESS = "没有给出地址（写在命令后面，或用 --file 给出文件）"
CLI_USAGE_HINT = "（用法：python -m core {command} --help）"
# argparse's own messages (English patterns) → Chinese; the first match wins
CLI_ARG_ERRORS = (
    (r"the following arguments are required: (.+)", "缺少参数：{0}"),
    (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)", "参数 {0} 的取值 {1} 无效，可选：{2}"),
    (r"argument (\S+): invalid \S+ value: (.+)", "参数 {0} 的值无效：{1}"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面需要一个值"),
    (r"argument (\S+): not allowed with argument (.+)", "参数 {0} 不能与 {1} 同时使用"),
    (r"unrecognized arguments: (.+)", "无法识别的参数：{0}"),
    (r"ambiguous option: (.+)", "参数有歧义：{0}"),
)
CLI_ARG_ERROR = "参数有误：{0}"
# argparse's own words in the help screens (core.__main__.Parser)
CLI_USAGE = "用法："
CLI_POSITIONALS = "位置参数"
CLI_OPTIONS = "选项"
CLI_HELP_OPTION = "显示本帮助并退出"
CLI_TRACEBACK = "出现意外错误时显示完整的调用栈"
CLI_COMMAND = "命令"
CLI_ACTION = "操作"
# `python -m jobs.runner` (started by `python -m core serve`)
RUNNER_HELP = "定时任务调度器：按计划运行各项任务（通常由 python -m core serve 启动）"
RUNNER_ONCE = "只运行这一项任务一次，然后退出"
RUNNER_LIST = "列出各项任务及其下次运行时间"
# the scheduler's console log (logging's %-style arguments)
LOG_JOB_DONE = "计划任务「%s」%s，用时 %.2f 秒"
LOG_JOB_FAILED = "计划任务「%s」出错"
LOG_JOB_UNRECORDED = "计划任务「%s」的运行记录未能写入数据库"
LOG_STANDBY = "另一个调度器正在运行本数据库的计划任务，本调度器待命"
LOG_TOOK_OVER = "已接管计划任务"
LOG_CLOSED_STALE = "已关闭 %d 条上次未结束的运行记录"
LOG_INBOX_FAILED = "收件箱文件「%s」导入出错"
LOG_LOGIN_WAIT = "登录被拒：用户名 %r，来自 %s，需等待 %d 秒"
LOG_LOGIN_FAILED = "登录失败：用户名 %r，来自 %s"
LOG_PAGE_FAILED = "页面 %s 出错"
LOG_DB_ERROR = "%s 访问数据库出错"
LOG_INBOX_REFUSED = "收件箱：拒收「%s」（不是本系统用户拥有的普通文件）"
RUNNER_LINE = "{tag}\t{name}\t下次运行：{next}"
# the commands of `python -m core` and their options (`--help`)
CLI_COMMANDS = {
    "init": "创建或升级数据库结构，载入行政区划",
    "demo": "生成演示区域（苏州市）的专利数据",
    "resolve": "把地址解析到省/市/区县/街道（乡镇）",
    "import": "导入专利、法律事件或年费清单",
    "appno": "校验并规范申请号（或公开号）",
    "fees": "年费缴纳计划及某日的缴费状态",
    "indicators": "某区域某年的指标",
    "report": "某区域某统计期的分析报告（.docx 与附表 .xlsx）",
    "user": "账户管理：列出、新建、改密码、解除登录限制、改角色、停用/启用",
    "serve": "启动系统及其定时任务（唯一的启动命令）",
}
CLI_USER_ACTIONS = {
    "list": "列出全部账户", "add": "新建账户", "password": "设置新密码",
    "unlock": "解除某用户名或某客户端地址的登录限制", "role": "修改角色",
    "deactivate": "停用账户", "activate": "启用账户",
}
# (help, metavar) of each option, by "command.option" ("*" = every command)
CLI_HELP = {
    "*.db": ("数据库地址（默认：设置项 PATENT_DB_URL，或数据目录下的 patents.db）", "数据库地址"),
    "*.json": ("以 JSON 格式输出", None),
    "appno.number": ("申请号，如 CN201810390462.7；也可给出公开号", "申请号"),
    "demo.patents": ("专利件数（默认 50000）", "件数"),
    "demo.seed": ("随机种子（种子相同，数据相同）", "种子"),
    "demo.today": ("以此日为“今天”生成（默认今天），格式 YYYY-MM-DD", "日期"),
    "demo.batch": ("每个事务写入的专利件数（默认 5000）", "件数"),
    "demo.force": ("数据库中已有专利时也生成", None),
    "fees.type": ("专利类型：发明、实用新型、外观设计（或 invention、utility、design）", "类型"),
    "fees.filed": ("申请日，格式 YYYY-MM-DD", "日期"),
    "fees.grant_year": ("授权当年的专利年度", "年度"),
    "fees.on": ("查询日（默认今天）", "日期"),
    "fees.paid_through": ("已缴至第几年度", "年度"),
    "fees.reduced": ("费减备案（单个权利人缴 15%%）", None),
    "fees.co_owners": ("共有权利人数（费减时缴 30%%）", "人数"),
    "fees.extension_days": ("专利权期限补偿天数（含药品专利期限补偿，仅发明）", "天数"),
    "fees.open_licence": ("开放许可期间 YYYY-MM-DD[:YYYY-MM-DD]，可重复（年费减免 15%%）",
                          "起[:止]"),
    "import.file": ("要导入的 .xlsx / .xls / .csv / .txt 文件", "文件"),
    "import.kind": ("清单类型：patents 专利、events 法律事件、fees 年费（默认自动识别）",
                    None),
    "import.source": ("数据来源格式（默认 auto：按表头自动识别）", None),
    "import.profile": ("在「数据导入」页保存的导入方案名称", "方案名称"),
    "import.dry_run": ("试导入：全部处理后回滚，给出准确的计数，不改动数据", None),
    "import.strict": ("有任何一行被拒绝时整份不导入", None),
    "import.user": ("记入导入历史的操作人（默认 cli:<登录名>）", "操作人"),
    "import.json": ("以 JSON 格式输出完整的导入报告", None),
    "indicators.region": ("区划代码或自定义区域代码，如 3205", "区域代码"),
    "indicators.year": ("指标年度，如 2026", "年度"),
    "indicators.on": ("截至日（默认今天）", "日期"),
    "indicators.holder": ("计数的权利人：first 第一权利人、any 任一权利人（默认按参数设置）",
                          None),
    "indicators.basis": ("权利人名单：current 当前、original 原始（默认按参数设置）", None),
    "indicators.fractional": ("分数计数（与 --holder any 搭配）", None),
    "indicators.include_foreign": ("人均指标也计入港澳台及国外权利人", None),
    "indicators.filing_basis": ("期内申请按 app 申请日、pub 公开日计（默认按参数设置）", None),
    "indicators.stock_basis": ("有效量按 as_of 截至日的授权与失效日期、status 当前法律状态计"
                               "（默认按参数设置）", None),
    "report.region": ("区划代码或自定义区域代码，如 3205", "区域代码"),
    "report.period": ("统计期：2026-11、2026Q3、2026H1、2026 或 2026-01-01..2026-03-31", "统计期"),
    "report.sections": ("章节（逗号分隔，默认全部）：{sections}", "章节"),
    "report.out": ("输出的 .docx 文件；附表写到同名 .xlsx", "文件"),
    "report.on": ("编制日（缴费与届满风险按此日计，默认今天）", "日期"),
    "resolve.address": ("要解析的地址（可给多个）", "地址"),
    "resolve.file": ("每行一个地址的文本文件（“-” 表示标准输入）", "文件"),
    "resolve.json": ("每个地址输出一行 JSON", None),
    "resolve.pending": ("解析数据库中全部待解析的地址", None),
    "resolve.no_db": ("只用区划地名库，不读写数据库", None),
    "serve.port": ("系统的端口（默认 8501）", "端口"),
    "serve.address": ("系统监听的地址（默认：本机全部地址）", "地址"),
    "serve.no_scheduler": ("只启动系统，不启动定时任务（定时任务在别处运行）", None),
    "user.username": ("用户名", "用户名"),
    "user.password_stdin": ("从标准输入的第一行读取密码", None),
    "user.role": ("角色：admin 管理员、checker 数据核查员、viewer 查看者", None),
    "user.display": ("显示名称（默认同用户名）", "显示名称"),
    "user.address": ("客户端地址（代替用户名）", "地址"),
}

# --- inbox job (import_inbox) ---
INBOX_REFUSED = "「{file}」不是本系统用户拥有的普通文件（链接、文件夹、多重链接或他人的文件），未导入"
INBOX_UNSAFE_FOLDER = "收件箱中的 {name}/ 不是本系统用户自己的普通文件夹（链接或他人的文件夹），本次未导入任何文件"
INBOX_NO_NAME = "done/ 或 failed/ 中与「{file}」同名的文件过多，请先清理"
INBOX_CRASH = "导入「{file}」时程序出错（{error}），已移到 failed/，其余文件照常导入"

# Streamlit's own English texts, as the browser shows them (ui/zh.py translates them on screen)
STREAMLIT_TEXTS = {
    "Skip to main content": "跳到正文",
    "Upload": "选择文件",
    "Upload directories": "选择文件夹",
    "Browse files": "选择文件",
    "Drag and drop file here": "拖放文件到此处",
    "Drag and drop files here": "拖放文件到此处",
    "Drag and drop a file here": "拖放文件到此处",
    "Choose an option": "请选择",
    "Choose options": "请选择",
    "Choose or add an option": "请选择或输入",
    "Choose or add options": "请选择或输入",
    "Add an option": "请输入",
    "Add options": "请输入",
    "Copy": "复制",
    ("This app has encountered an error. The original error message is redacted to prevent data "
     "leaks. Full error details have been recorded in the logs (if you're on Streamlit Cloud, "
     "click on 'Manage app' in the lower right of your app)."):
        "页面出错了，详细信息已记录在服务器日志中。请稍后刷新页面，问题持续时请联系管理员。",
    "No options to select": "没有可选项",
    "No results": "没有匹配项",
    "Press Enter to apply": "按回车键确认",
    "Press Enter to submit form": "按回车键提交",
    "Running...": "运行中…",
    "Stop": "停止",
    "Connecting": "正在连接",
    "Please wait...": "请稍候…",
    "Close": "关闭",
    "Rerun": "重新运行",
    "Clear cache": "清除缓存",
    "Print": "打印",
    "About": "关于",
    "Theme": "主题",
    "Light": "浅色",
    "Dark": "深色",
    "System": "跟随系统",
    "Record a screencast": "录制屏幕",
    "Clear all": "全部清除",
    "Select all": "全选",
    # a table's toolbar (the tooltips of its buttons) and its search box
    "Show/hide columns": "显示/隐藏列",
    "Download as CSV": "下载为 CSV 文件",
    "Search": "搜索",
    "Fullscreen": "全屏",
    "Close fullscreen": "退出全屏",
    "Type to search": "输入关键词搜索",
    "(index)": "（行号）",  # the hidden index column, listed by the show/hide menu
    # a date input's calendar (its months and weekdays follow the browser's language) and the
    # quick ranges of a date-range input
    "Date range": "日期范围",
    "Select...": "快捷选择…",
    "Past Week": "最近一周",
    "Past Month": "最近一个月",
    "Past 3 Months": "最近三个月",
    "Past 6 Months": "最近六个月",
    "Past Year": "最近一年",
    "Past 2 Years": "最近两年",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.":
        "方向键选择日期，回车键确认，退出键关闭",
}
# (pattern, replacement) for Streamlit texts with numbers in them
STREAMLIT_PATTERNS = [
    (r"^([\d.]+)\s*([KMG]B) per file( • .*)?$", "单个文件不超过 $1 $2"),
    (r"^File must be (.*)$", "文件类型须为 $1"),
    (r"^File is too large\..*$", "文件过大"),
    (r"^Choose date range, (.*)$", "选择日期范围：$1"),
    (r"^Choose date, (.*)$", "选择日期：$1"),
]

# --- 操作日志 and 计划任务: stored codes and English notes shown in Chinese (core/config/display.py)
AUDIT_ACTION = {"add": "新增", "change": "修改", "delete": "删除", "login": "登录",
                "login_failed": "登录失败", "logout": "退出登录", "import": "导入",
                "address_resolve": "核定地址", "holder_region": "核定权利人区域", "undo": "撤销",
                "idle": "超时退出", "ended": "结束会话"}
AUDIT_OBJECT = {"user": "用户", "parameter": "参数", "address": "地址", "alias": "地址别名",
                "holder": "权利人", "import": "导入", "import_batch": "导入批次", "demo": "演示数据",
                "region": "区划", "alert": "预警", "watch": "关注清单", "reminder_batch": "提醒函"}
AUDIT_MESSAGE = {"password reset": "重置密码", "sessions ended": "结束全部登录会话",
                 "unlocked": "解除登录限制", "from local": "来自本机"}
AUDIT_ROLE = "角色：{role}"
AUDIT_FROM = "来自 {address}"
AUDIT_RETRY = "{seconds} 秒后可重试"
JOB_MESSAGE_KEY = {
    "files imported": "导入文件", "failed": "失败", "waiting": "等待", "refused": "拒收",
    "rows written": "写入行数", "status changed": "法律状态变化", "next_fee_due changed": "缴费日变化",
    "indicator rows written": "写入指标快照行数", "addresses": "新地址", "auto": "自动定位",
    "queued": "待核查", "patents": "涉及专利", "holders": "涉及权利人", "seconds": "用时（秒）",
    "summary_rebuilt": "重建汇总表", "reports written": "生成分析报告", **ALERT_KIND,
}
JOB_OPENED_CLOSED = "新增 {opened}，关闭 {closed}"
JOB_ERROR = "出错：{detail}"
JOB_NOTHING = "无"


# --- 缴费提醒函 / 届满提醒函 (core.reports.letters, pages/fees.py, pages/expiry.py) ---
LETTER_PLACEHOLDERS = {"region": "本地区", "bureau": "发函单位", "holder": "权利人",
                       "count": "专利件数", "on": "基准日", "until": "届满截止日"}
LETTER_KIND = {"fee": "缴费提醒函", "expiry": "届满提醒函"}
LETTER_SECTION = "提醒函"
LETTER_GENERATE = "生成提醒函"
LETTER_GENERATING = "正在生成提醒函…"
LETTER_HELP = ("按当前筛选条件，为每个第一权利人生成一封提醒函（Word），全部打包为一个 .zip，"
               "附汇总表（Excel）；每次生成都会记录，清单中显示「已提醒」日期。")
LETTER_FEE_STATES_NOTE = "已超过滞纳期（专利权终止待公告）的专利不再发缴费提醒函。"
LETTER_NOTHING = "当前筛选条件下没有可发函的专利（需有第一权利人）。"
LETTER_TOO_MANY = ("当前筛选条件涉及 {holders:,} 个权利人，超过一次最多生成的 {limit:,} 封：请缩小区域、"
                   "类型或按权利人名称筛选后再生成。")
LETTER_TOO_MANY_PATENTS = ("当前筛选条件有 {patents:,} 件专利，超过一次最多处理的 {limit:,} 件：请缩小区域、"
                           "类型或按权利人名称筛选后再生成。")
LETTER_WILL = "将为 {holders:,} 个权利人生成提醒函，共 {patents:,} 件专利。"
LETTER_DONE = "已生成第 {batch} 批提醒函：{holders:,} 个权利人，{patents:,} 件专利。"
LETTER_DOWNLOAD = "下载提醒函（.zip）"
LETTER_DOWNLOAD_SUMMARY = "下载汇总表（.xlsx）"
LETTER_STAFF_ONLY = "生成提醒函需要管理员或数据核查员权限；这里只显示发函记录。"
LETTER_NO_CONTACT = "发函单位的地址、联系电话尚未设置（系统管理 → 参数设置 → 规则参数 → 提醒函）。"
LETTER_HISTORY = "发函记录"
LETTER_HISTORY_EMPTY = "还没有生成过提醒函。"
LETTER_HISTORY_COLUMNS = {"id": "批次", "created_at": "生成时间", "created_by": "操作人",
                          "on_date": "基准日", "filters": "筛选条件", "holders": "权利人数",
                          "patents": "专利件数"}
LETTER_REMINDED = "已提醒"
LETTER_SALUTATION = "{holder}："
LETTER_FEE_NOTE = ("注：金额单位为元，滞纳金与合计按{on}缴纳计算。缴费截止日后缴纳的，按逾期时长加收滞纳金"
                   "（{bands}）；最后缴费日仍未缴纳的，专利权终止。费减、开放许可等以国家知识产权局核定为准。")
LETTER_BAND = "{month}个月内{rate}%"
LETTER_EXPIRY_NOTE = "届满日按申请日起算的保护期限（含已登记的期限补偿）计算。"
LETTER_CONTACT_LINE = {"address": "地址：{value}", "contact": "联系人：{value}", "phone": "联系电话：{value}"}
LETTER_FEE_COLUMNS = ("序号", "申请号", "专利名称", "年度", "缴费截止日", "应缴年费", "滞纳金", "合计",
                      "最后缴费日")
LETTER_EXPIRY_COLUMNS = ("序号", "申请号", "专利名称", "类型", "申请日", "届满日")
LETTER_DATE = "{year}年{month}月{day}日"
LETTER_ZIP = "{kind}_{on}_第{batch}批.zip"
LETTER_SUMMARY = "汇总表"
LETTER_SUMMARY_FEE = {"number": "序号", "holder": "权利人", "address": "联系地址", "patents": "专利件数",
                      "amount": "应缴年费合计（元）", "surcharge": "滞纳金合计（元）",
                      "total": "合计（元）", "first_due": "最早缴费截止日",
                      "first_last_day": "最早最后缴费日", "file": "文件名"}
LETTER_SUMMARY_EXPIRY = {"number": "序号", "holder": "权利人", "address": "地址", "patents": "专利件数",
                         "first_expiry": "最早届满日", "last_expiry": "最晚届满日", "file": "文件名"}
LETTER_FILTER_TYPES = "类型：{types}"
LETTER_FILTER_HOLDER = "权利人包含「{holder}」"
LETTER_FILTER_STATES = "状态：{states}"
LETTER_FILTER_ON = "基准日 {on}"
LETTER_FILTER_UNTIL = "届满至 {until}"
# --- 分析报告 (core/reports, pages/reports.py, python -m core report) ---------------------------
REPORT_PERIOD_MONTH = "{year}年{month}月"
REPORT_PERIOD_QUARTER = "{year}年第{q}季度"
REPORT_PERIOD_HALF = "{year}年{half}半年"
REPORT_PERIOD_YEAR = "{year}年"
REPORT_PERIOD_CUSTOM = "{start}至{end}"
REPORT_DAY = "{year}年{month}月{day}日"
REPORT_PERIOD_BAD = ("统计期“{text}”无法识别：请写 2026-11（月）、2026Q3（季度）、2026H1（半年）、"
                     "2026（年）或 2026-01-01..2026-03-31（自定义）")
REPORT_PERIOD_ORDER = "统计期“{text}”的结束日早于开始日"
REPORT_PERIOD_RANGE = "统计期“{text}”超出范围（{low} 年至 2100 年）"
REPORT_PERIOD_KIND = {"month": "月度", "quarter": "季度", "half": "半年度", "year": "年度",
                      "custom": "自定义"}
REPORT_SECTIONS = {"overview": "概况", "trend": "发展趋势", "regions": "区域排名",
                   "industry": "产业分布", "holders": "创新主体", "agencies": "代理机构",
                   "operations": "专利运营", "risks": "缴费与届满风险", "lapses": "专利失效",
                   "abnormal": "异常申请监测"}
REPORT_SECTION_BAD = "报告章节“{name}”不存在，可选：{choices}"
REPORT_REGION_BAD = "区域“{code}”不存在（请填写区划代码或自定义区域代码）"
REPORT_TITLE = "{region}{period}专利统计分析报告"
REPORT_SUBTITLE = "统计期：{start}至{end}　同比基期：{prior}　编制日期：{day}"
REPORT_INDEX_SHEET = "目录"
REPORT_INDEX_COLUMNS = {"sheet": "工作表", "section": "章节", "title": "表名", "rule": "口径"}
REPORT_NUMERALS = "一二三四五六七八九十"
REPORT_HEADING = "{n}、{title}"
REPORT_RULE = "口径：{text}"
REPORT_TABLE_TITLE = "表{n}　{title}"
REPORT_CHART_TITLE = "图{n}　{title}"
REPORT_NO_DATA = "本期无相关数据。"
REPORT_COLUMNS = {
    "indicator": "指标", "unit": "单位", "value": "本期值", "target": "目标值",
    "completion": "完成率", "last_year": "去年同期", "yoy": "同比", "type": "专利类型",
    "applications": "申请量", "grants": "授权量", "period": "时间", "invention": "发明",
    "utility": "实用新型", "design": "外观设计", "total": "合计", "region": "区域",
    "valid": "有效专利", "valid_inventions": "有效发明", "rank": "排名", "rank_move": "排名变化",
    "industry": "产业", "holder": "权利人", "kind": "类型", "valid_utility": "有效实用新型",
    "valid_design": "有效外观设计", "first_date": "本区域首件申请日", "patents": "专利件数",
    "agency": "代理机构", "local": "本地机构", "filings": "代理量", "share": "占比",
    "item": "项目", "state": "状态", "count": "件数", "m3": "3个月内", "m6": "6个月内",
    "m12": "12个月内", "reason": "失效原因", "signal": "信号", "subject": "申请人/代理机构",
    "start": "起始日", "end": "截止日", "detail": "说明", "high_value": "高价值发明"}
REPORT_OPS_ITEMS = {"transfer_in": "转入（件）", "transfer_out": "转出（件）",
                    "transfer_within": "区域内转让（件）", "license": "许可（件）", "pledge": "质押（件）",
                    "pledge_amount": "质押金额（万元）"}
REPORT_UP = "同比增长{pct}"
REPORT_DOWN = "同比下降{pct}"
REPORT_FLAT = "与去年同期持平"
REPORT_FROM_ZERO = "去年同期为零"
REPORT_RANK_UP = "上升{n}位"
REPORT_RANK_DOWN = "下降{n}位"
REPORT_RANK_SAME = "持平"
REPORT_RANK_NEW = "新进"
REPORT_YES = "是"
REPORT_RULES = {
    "overview": "指标按“指标统计”的计数规则（见各指标说明），累计自当年1月1日至统计期末；去年同期为上一年同一截至日。",
    "types": "第一权利人地址在本区域的专利；申请量按申请日、授权量按授权日落在统计期内计；去年同期为上一年同一时段。",
    "trend": "第一权利人地址在本区域；申请量按申请日、授权量按授权日计；同比为与上一年同期相比。",
    "regions": ("第一权利人地址所在下级区域；申请量按申请日、授权量按授权日落在统计期内计；有效专利、"
                "有效发明为当前法律状态；排名按本期申请量，排名变化与去年同期相比。"),
    "industry": ("第一权利人地址在本区域；专利按IPC分类号对照归入产业（一件专利可属多个产业，各计一次）"
                 "；申请量按申请日、授权量按授权日落在统计期内计；有效为当前法律状态。"),
    "holders": "第一权利人；有效专利为当前法律状态、第一权利人地址在本区域。",
    "new_holders": "新增权利人：其在本区域作为第一权利人的最早一件专利的申请日落在统计期内。",
    "agencies": ("第一权利人地址在本区域、申请日在统计期内的专利，按代理机构统计；本地机构指机构地址在本区域；"
                 "占比为占全部代理申请量的比例。"),
    "operations": ("转入/转出：转让登记生效日在统计期内，转让前后权利人地址一方在本区域、另一方不在（未知视为区外）；"
                   "许可、质押：本区域专利在统计期内登记的事件；质押金额按登记金额合计。"),
    "fees": "第一权利人地址在本区域的有效专利，按下一次年费应缴日（顺延节假日）截至{day}的状态计。",
    "expiry": "第一权利人地址在本区域的有效专利，按期满终止日计，自{day}起3/6/12个月内届满。",
    "lapses": "第一权利人地址在本区域、已授权且失效日落在统计期内的专利，按失效原因计。",
}
REPORT_TEXT = {
    "indicators": "截至{day}，{region}{items}。",
    "indicator_item": "{name}{value}{unit}（{change}{target}）",
    "indicator_target": "，目标{target}{unit}，完成率{completion}",
    "flows": ("{period}，{region}专利申请{apps}件，{apps_change}；授权{grants}件，{grants_change}；"
              "其中发明专利申请{inv_apps}件，"
              "{inv_apps_change}，发明专利授权{inv_grants}件，{inv_grants_change}。"),
    "trend": "{last}，专利申请量{apps}件，{apps_change}；授权量{grants}件，{grants_change}。",
    "regions_top": "本期申请量居前的是{top}。",
    "regions_moves": "与去年同期相比，{moves}。",
    "region_move": "{name}{move}",
    "regions_none": "本区域没有下级区域，不作排名。",
    "industry": "{kind}中，本期申请量最多的是{top}（{top_apps}件，{top_change}）。",
    "holders": ("有效专利最多的权利人是{top}（{valid}件）。本期新增权利人{new}家，{new_change}；"
                "新增权利人在本区域共有专利{patents}件。"),
    "agencies": ("本期为本区域权利人代理申请的代理机构{agencies}家，代理申请{filings}件，{filings_change}；"
                 "本地机构代理占比{local_share}；无代理申请{unagented}件。"),
    "operations": ("{period}，专利转入{tin}件，{tin_change}；转出{tout}件，{tout_change}；许可{lic}件，"
                   "{lic_change}；质押{pledge}件，{pledge_change}，质押金额{amount}万元，{amount_change}。"),
    "fees": ("截至{day}，年费即将到期或处于滞纳期的有效专利{total}件，其中滞纳期{grace}件；"
             "已过滞纳期尚待公告终止的{terminated}件。"),
    "expiry": ("自{day}起3个月内届满的有效专利{m3}件、6个月内{m6}件、12个月内{m12}件，"
               "其中发明专利12个月内届满{inv12}件。"),
    "lapses": "{period}，失效专利{total}件，{change}；主要原因是{top}（{top_n}件）。",
    "abnormal": "监测到异常申请信号{total}条：{kinds}。",
    "abnormal_none": "未监测到异常申请信号。",
}
REPORT_CHARTS = {"types": "本期各类型专利申请、授权量与去年同期", "trend_apps": "专利申请量趋势",
                 "trend_grants": "专利授权量趋势", "regions": "各下级区域本期申请量",
                 "industry": "{kind}本期申请量", "holders": "有效专利最多的权利人",
                 "agencies": "代理量最多的代理机构", "operations": "本期专利运营与去年同期",
                 "fees": "年费预警状态", "expiry": "未来12个月逐月届满专利", "lapses": "失效原因构成"}
REPORT_TABLES = {"overview": "主要指标完成情况", "types": "本期分类型申请、授权量",
                 "trend_apps": "专利申请量趋势", "trend_grants": "专利授权量趋势",
                 "regions": "下级区域排名", "industry": "{kind}", "holders": "有效专利前{n}位权利人",
                 "new_holders": "本期新增权利人（前{n}家）", "agencies": "代理量前{n}位代理机构",
                 "operations": "专利运营情况", "fees": "年费预警", "expiry": "届满预警",
                 "expiry_regions": "各下级区域12个月内届满专利", "lapses": "失效原因",
                 "lapse_regions": "各下级区域失效专利", "abnormal": "异常申请信号"}
REPORT_THIS_YEAR = "本期"
REPORT_LAST_YEAR = "去年同期"
REPORT_CLI_DONE = "已生成报告：{docx}；附表（{tables} 张表）：{xlsx}"
REPORT_CLI_SUFFIX = "输出文件须以 .docx 结尾：{path}"
REPORT_CLI_NO_FOLDER = "输出目录不存在：{path}"
REPORT_PAGE_TITLE = "分析报告"
REPORT_PAGE_INTRO = ("按所选区域、统计期与章节生成 Word 格式的专利统计分析报告（含图表、口径说明与同比变化），"
                     "附表 .xlsx 收录报告中的全部表格。报告包含全部专利类型。")
REPORT_PAGE_KIND = "统计期类型"
REPORT_PAGE_YEAR = "年份"
REPORT_PAGE_MONTH = "月份"
REPORT_PAGE_QUARTER = "季度"
REPORT_PAGE_HALF = "半年"
REPORT_PAGE_RANGE = "起止日期"
REPORT_PAGE_SECTIONS = "报告章节"
REPORT_PAGE_GENERATE = "生成报告"
REPORT_PAGE_STAFF_ONLY = "生成报告需管理员或数据核查员权限；可在下方报告存档中下载已生成的报告。"
REPORT_PAGE_WORKING = "正在生成报告……"
REPORT_PAGE_DONE = "已生成：{title}（已存入报告存档）"
REPORT_PAGE_DOCX = "下载报告（.docx）"
REPORT_PAGE_XLSX = "下载附表（.xlsx）"
REPORT_PAGE_ARCHIVE = "报告存档"
REPORT_PAGE_EMPTY = "报告存档中还没有报告。"
REPORT_PAGE_PICK = "选择存档报告"
REPORT_PAGE_JOB = "计划任务"
REPORT_PAGE_NO_SECTION = "请至少选择一个章节"
REPORT_PAGE_QUARTERS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
REPORT_PAGE_HALVES = {1: "上半年", 2: "下半年"}
REPORT_ARCHIVE_COLUMNS = {"title": "报告", "period_name": "统计期", "region_name": "区域",
                          "author": "生成者", "created_at": "生成时间"}
