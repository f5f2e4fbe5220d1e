"""The page table: every page of the app, its section, URL and the roles allowed to open it.

Home.py builds st.navigation from it; each page file's guard reads its roles from it, so a page's
permissions are declared exactly once.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.config.labels import SECTION

ROOT = Path(__file__).resolve().parents[1]
ALL = ("admin", "checker", "viewer")
STAFF = ("admin", "checker")
ADMIN = ("admin",)


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to the project root
    title: str
    url_path: str
    section: str  # key of labels.SECTION
    roles: tuple[str, ...]
    icon: str = ":material/description:"
    default: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "专利概况", "overview", "stats", ALL,
             ":material/dashboard:", default=True),
    PageSpec("pages/indicators.py", "专利创造指标分析", "indicators", "stats", ALL,
             ":material/target:"),
    PageSpec("pages/industry.py", "产业统计", "industry", "stats", ALL, ":material/factory:"),
    PageSpec("pages/trend.py", "趋势统计", "trend", "stats", ALL, ":material/trending_up:"),
    PageSpec("pages/regions.py", "区域统计", "regions", "stats", ALL, ":material/map:"),
    PageSpec("pages/holders.py", "权利人统计", "holders", "stats", ALL, ":material/business:"),
    PageSpec("pages/agencies.py", "代理机构统计", "agencies", "stats", ALL, ":material/work:"),
    PageSpec("pages/operations.py", "专利运营统计", "operations", "stats", ALL,
             ":material/swap_horiz:"),
    PageSpec("pages/search.py", "公开专利数据查询", "search", "stats", ALL, ":material/search:"),
    PageSpec("pages/fees.py", "年费预警", "fees", "monitor", ALL, ":material/payments:"),
    PageSpec("pages/expiry.py", "届满通知", "expiry", "monitor", ALL, ":material/event_busy:"),
    PageSpec("pages/lapse.py", "专利失效分析", "lapse", "monitor", ALL,
             ":material/trending_down:"),
    PageSpec("pages/abnormal.py", "非正常申请监测", "abnormal", "monitor", ALL,
             ":material/report:"),
    PageSpec("pages/ops_monitor.py", "运营监控", "ops_monitor", "monitor", ALL,
             ":material/monitoring:"),
    PageSpec("pages/filing_quality.py", "申请质量监测", "filing_quality", "monitor", ALL,
             ":material/verified:"),
    PageSpec("admin/verify.py", "专利数据核查", "verify", "admin", STAFF,
             ":material/fact_check:"),
    PageSpec("admin/imports.py", "数据导入", "imports", "admin", STAFF, ":material/upload_file:"),
    PageSpec("admin/holders.py", "权利人管理", "holder_tags", "admin", STAFF, ":material/sell:"),
    PageSpec("admin/watch.py", "关注清单", "watch", "admin", STAFF, ":material/visibility:"),
    PageSpec("admin/custom_regions.py", "自定义区划", "custom_regions", "admin", ADMIN,
             ":material/layers:"),
    PageSpec("admin/params.py", "参数设置", "params", "admin", ADMIN, ":material/tune:"),
    PageSpec("admin/users.py", "用户管理", "users", "admin", ADMIN, ":material/group:"),
    PageSpec("admin/job_runs.py", "计划任务", "jobs", "admin", ADMIN, ":material/schedule:"),
    PageSpec("admin/audit.py", "操作日志", "audit", "admin", ADMIN, ":material/history:"),
)


def spec_for(file: str) -> PageSpec:
    rel = Path(file).resolve().relative_to(ROOT).as_posix()
    for spec in PAGES:
        if spec.path == rel:
            return spec
    raise KeyError(f"{rel} is not in ui/nav.py PAGES")


def visible_pages(roles: list[str]) -> dict[str, list[PageSpec]]:
    """Pages per section label that a user with `roles` may open, in table order."""
    sections: dict[str, list[PageSpec]] = {}
    for spec in PAGES:
        if set(spec.roles) & set(roles):
            sections.setdefault(SECTION[spec.section], []).append(spec)
    return sections
