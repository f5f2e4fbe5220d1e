"""The page table: every page of the app, its section, URL and the roles allowed to open it.

Home.py builds st.navigation from it (`navigation`); each page file's guard reads its roles from
it, so a page's permissions are declared exactly once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from core.config import labels
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
    PageSpec("pages/reports.py", "分析报告", "reports", "stats", ALL, ":material/summarize:"),
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


REQUESTED = "_requested_page"  # session key: the address asked for before the login
UNKNOWN = "_unknown_pages"  # session key: addresses asked for that name no page


def requested_page() -> str:
    """The URL path the browser asked for on this run; "" for the root or a rerun (those name
    the page by its hash, which Streamlit resolves by itself)."""
    manager = getattr(get_script_run_ctx(), "pages_manager", None)
    return getattr(manager, "intended_page_name", None) or ""


def _not_found() -> None:
    st.warning(labels.PAGE_NOT_FOUND)


def _to_default() -> None:
    st.switch_page(next(spec.path for spec in PAGES if spec.default))


def _page(spec: PageSpec, visible: bool, requested: str) -> st.Page:
    # The default page is served at "/" and its own url_path is unknown to Streamlit; a
    # bookmark of it (/overview) is served by making it an ordinary page for that run.
    return st.Page(spec.path, title=spec.title, url_path=spec.url_path, icon=spec.icon,
                   default=spec.default and requested != spec.url_path,
                   visibility="visible" if visible else "hidden")


def _extra_pages(requested: str) -> list[st.Page]:
    """Hidden pages that keep Streamlit's English "Page not found" dialog away: a stand-in
    default page when the default one is asked for by name, a Chinese message for an unknown
    address (kept for the session: its reruns name it by hash)."""
    extra = []
    if any(spec.default and spec.url_path == requested for spec in PAGES):
        extra.append(st.Page(_to_default, title=labels.APP_TITLE, url_path="home",
                             default=True, visibility="hidden"))
    unknown = st.session_state.setdefault(UNKNOWN, [])
    known = {spec.url_path for spec in PAGES} | {"", "home"}
    if requested not in known and requested not in unknown and re.fullmatch(r"[\w-]+", requested):
        unknown.append(requested)
    extra += [st.Page(_not_found, title=labels.APP_TITLE, url_path=name, visibility="hidden")
              for name in unknown]
    return extra


def navigation(roles: list[str]) -> StreamlitPage:
    """st.navigation over every page: those `roles` may open listed in the sidebar, the others
    hidden but addressable (their guard answers in Chinese)."""
    requested = requested_page() or st.session_state.pop(REQUESTED, "")
    sections: dict[str, list[st.Page]] = {}
    for spec in PAGES:
        sections.setdefault(SECTION[spec.section], []).append(
            _page(spec, bool(set(spec.roles) & set(roles)), requested))
    first = next(iter(sections))
    sections[first] += _extra_pages(requested)
    return st.navigation(sections, position="sidebar", expanded=True)


def _nothing() -> None:
    pass


def login_navigation() -> None:
    """Before the login: list no page, run none, and keep the address asked for (a page's
    address stands for that page, so the run after the login opens it)."""
    pages = [st.Page(_nothing, title=labels.APP_TITLE, url_path="login", default=True,
                     visibility="hidden")]
    requested = requested_page() or st.session_state.get(REQUESTED, "")
    if requested != "login" and re.fullmatch(r"[\w-]+", requested):
        st.session_state[REQUESTED] = requested  # the runs until the login name it by hash
        pages.append(st.Page(_nothing, title=labels.APP_TITLE, url_path=requested,
                             visibility="hidden"))
    st.navigation(pages, position="hidden")
