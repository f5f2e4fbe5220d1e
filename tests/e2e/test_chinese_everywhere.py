"""Every page, opened as each role, speaks Chinese: no Latin-letter word on screen outside a
short list (in the page, its placeholders, the tab title and every chart's drawn texts), no
Python "None", no dialog (Streamlit's English "Page not found" among them), no exception. Each
role's first page is opened by its URL, the next ones through the sidebar in the same tab, the
way a user moves on (a new tab loads the whole app again: about 3 s of browser CPU a page, most
of this file's time before). The first page a role may not open, opened by its URL, says so in
Chinese (the refusal is one screen).
Screenshots of every page at 1600×1000 (the admin's visit of it, checked at that size), of the
login page and of the kiosk at 1920×1080 go to conftest.SCREENSHOTS/pages."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.config import labels
from tests.e2e import charts
from tests.e2e.conftest import SCREENSHOTS, USERS, open_page, wait_session
from ui.nav import PAGES

# Latin words a bureau reads as its own (names of formats, indicators, units).
# Compared case-insensitively.
ALLOWED = {"ipc", "gdp", "excel", "csv", "xlsx", "xls", "txt", "docx", "zip", "word", "mb", "kb", "pct",
           "cnipa", "incopat"}
LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])")
PYTHON_VALUES = re.compile(r"(?<![A-Za-z])(None|NaN|nan|NaT|null|undefined)(?![A-Za-z])")
SHOTS = SCREENSHOTS / "pages"
PAGE_SIZE = {"width": 1600, "height": 1000}
LAPTOP_SIZE = {"width": 1280, "height": 720}  # the viewer's visits: a laptop, the sidebar open
KIOSK_SIZE = {"width": 1920, "height": 1080}

# The tab title, every text node drawn (icons are font ligatures: their names are not text a
# user reads) and the placeholders of the inputs shown.
SCREEN_TEXTS = """() => {
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || parent.closest('[data-testid="stIconMaterial"], script, style')) continue;
    if (parent.checkVisibility({visibilityProperty: true})) out.push(n.nodeValue);
  }
  document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach((e) => {
    if (e.checkVisibility()) out.push(e.placeholder);
  });
  return out;
}"""


# The cards' labels and values a laptop screen cuts (an ellipsis, or text past the card's edge).
CUT_CARDS = """() => {
  const cut = [];
  for (const card of document.querySelectorAll('[data-testid="stMetric"]')) {
    const edge = card.getBoundingClientRect().right;
    for (const el of card.querySelectorAll('[data-testid="stMetricLabel"] *, '
                                           + '[data-testid="stMetricValue"] *')) {
      const text = el.innerText;
      if (!text || !text.trim() || !el.checkVisibility()) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > edge + 1)
        cut.push(text.trim());
    }
  }
  return [...new Set(cut)];
}"""


def latin_words(texts: list[str]) -> set[str]:
    return {w for text in texts for w in LATIN_WORD.findall(text) if w.lower() not in ALLOWED}


def python_values(texts: list[str]) -> set[str]:
    return {v for text in texts for v in PYTHON_VALUES.findall(text)}


def settle(page) -> None:
    """The run is over and every chart is drawn and still."""
    wait_session(page)
    page.wait_for_function("() => __e2eChartsDone()")


def screen_texts(page) -> list[str]:
    return page.evaluate(SCREEN_TEXTS) + [t["text"] for t in page.evaluate(
        "() => __e2eChartTexts()")]


def assert_chinese(page, where: str, dialogs: list[str], popup: bool = False) -> None:
    """popup: a popup the test opened is on screen (a calendar is a dialog)."""
    texts = screen_texts(page)
    assert not latin_words(texts), f"{where}: {' '.join(sorted(latin_words(texts)))}"
    assert not python_values(texts), f"{where}: {' '.join(sorted(python_values(texts)))}"
    expect(page.get_by_role("dialog")).to_have_count(1 if popup else 0)
    assert not dialogs, (where, dialogs)
    charts.no_exception(page)


def watch_dialogs(page) -> list[str]:
    seen: list[str] = []

    def on_dialog(dialog):
        seen.append(dialog.message)
        dialog.dismiss()
    page.on("dialog", on_dialog)
    return seen


def _opened(role: str) -> list:
    """Every page the role may open, and the first it may not: the refusal is one screen for
    every page (Home.py, then the guard before anything of the page; tests/test_page_guard.py
    checks that order in every page file and the refusal of every page to every role)."""
    refused = [spec for spec in PAGES if role not in spec.roles][:1]
    return [spec for spec in PAGES if role in spec.roles or spec in refused]


CASES = [pytest.param(role, spec, id=f"{role}-{spec.url_path}")
         for role in USERS for spec in _opened(role)]


@pytest.fixture(scope="module")
def tabs(browser):
    """One browser tab per role, kept across this module's tests (in each xdist worker): a
    role's pages are visited one after another in it. role → (page, the dialogs it raised)."""
    opened: dict = {}
    yield opened
    for tab, _ in opened.values():
        tab.context.close()


def _tab(tabs, browser, role: str):
    if role not in tabs:
        ctx = browser.new_context(viewport=SIZES.get(role, {"width": 1400, "height": 900}),
                                  locale="zh-CN")
        charts.expose_echarts(ctx)
        tab = ctx.new_page()
        tab.set_default_timeout(30000)
        tabs[role] = (tab, watch_dialogs(tab))
    return tabs[role]


def visit(tab, base: str, spec, role: str) -> None:
    """Open `spec` in the role's tab: by its URL the first time, else by its sidebar link."""
    if not tab.url.startswith(base):
        open_page(tab, base, spec.url_path, role)
        return
    tab.get_by_test_id("stSidebarNavLink").get_by_text(spec.title, exact=True).click()
    want = "/" if spec.default else f"/{spec.url_path}"  # the default page's link leads to "/"
    tab.wait_for_function("path => location.pathname === path", arg=want)
    wait_session(tab)
    expect(tab.get_by_text(re.compile("当前用户"))).to_be_visible()


SIZES = {"admin": PAGE_SIZE, "viewer": LAPTOP_SIZE}  # the checker's: 1400×900


@pytest.mark.parametrize(("role", "spec"), CASES)
def test_every_page_a_role_opens_is_chinese(app_url, browser, tabs, page, role, spec):
    if role in spec.roles:
        page, dialogs = _tab(tabs, browser, role)
        dialogs.clear()
        visit(page, app_url, spec, role)
    else:
        dialogs = watch_dialogs(page)
        page.set_viewport_size(SIZES.get(role, {"width": 1400, "height": 900}))
        open_page(page, app_url, spec.url_path, role)
    if role in spec.roles:
        expect(page.get_by_text(spec.title, exact=False).first).to_be_visible()
        expect(page.get_by_text(labels.NO_PERMISSION)).to_have_count(0)
    else:
        expect(page.get_by_text(labels.NO_PERMISSION)).to_be_visible()
    settle(page)
    assert_chinese(page, f"{role} /{spec.url_path}", dialogs)
    assert page.evaluate(CUT_CARDS) == [], f"{role} /{spec.url_path}"
    if role == "admin":
        shot(page, spec.url_path)


def test_the_login_page_shows_the_product_and_no_page_list(app_url, page):
    dialogs = watch_dialogs(page)
    page.set_viewport_size(PAGE_SIZE)
    page.goto(app_url + "/holders")
    wait_session(page)
    expect(page.get_by_text(labels.APP_TITLE).first).to_be_visible()
    expect(page.get_by_label("用户名")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    assert_chinese(page, "login", dialogs)
    shot(page, "login")


def test_an_unknown_address_says_so_in_chinese(app_url, page):
    dialogs = watch_dialogs(page)
    open_page(page, app_url, "no_such_page", "viewer")
    expect(page.get_by_text(labels.PAGE_NOT_FOUND)).to_be_visible()
    assert_chinese(page, "/no_such_page", dialogs)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_the_kiosk_fits_one_wall_screen(app_url, page):
    dialogs = watch_dialogs(page)
    page.set_viewport_size(KIOSK_SIZE)
    open_page(page, app_url, "", "viewer")
    page.goto(app_url + "/?kiosk=1")
    settle(page)
    # a run cut short by the session's first rerun leaves its elements until the next run ends
    toggle = page.get_by_role("button", name=labels.KIOSK_OFF)
    expect(toggle).to_have_count(1)
    expect(toggle).to_be_visible()
    main = page.get_by_test_id("stMain")
    height = main.evaluate("e => e.scrollHeight")
    assert height <= KIOSK_SIZE["height"], height
    assert_chinese(page, "kiosk", dialogs)
    shot(page, "overview_kiosk")


# A table's toolbar, its buttons in order (Streamlit's English names, shown as tooltips)
TOOLBAR = ("Show/hide columns", "Download as CSV", "Search", "Fullscreen")


def test_a_tables_toolbar_and_search_speak_chinese(app_url, page):
    """The tooltip of each button of a table's toolbar, shown on hover, and its search box,
    opened, are Chinese."""
    dialogs = watch_dialogs(page)
    open_page(page, app_url, "indicators", "viewer")
    table = page.get_by_test_id("stDataFrame").first
    table.scroll_into_view_if_needed()
    buttons = page.get_by_test_id("stElementToolbar").first.get_by_role("button")
    for number, name in enumerate(TOOLBAR):
        table.hover()
        buttons.nth(number).hover()
        expect(page.get_by_text(labels.STREAMLIT_TEXTS[name], exact=True).first).to_be_visible()
        assert_chinese(page, f"toolbar: {name}", dialogs)
    buttons.nth(TOOLBAR.index("Search")).click()
    expect(page.get_by_text(labels.STREAMLIT_TEXTS["Type to search"], exact=True)).to_be_visible()
    assert_chinese(page, "a table's search", dialogs)
    page.keyboard.press("Escape")
    table.hover()
    buttons.nth(TOOLBAR.index("Show/hide columns")).click()  # lists the index column too
    expect(page.get_by_text(labels.STREAMLIT_TEXTS["(index)"], exact=True)).to_be_visible()
    assert_chinese(page, "a table's columns menu", dialogs)


def test_a_date_range_calendar_and_its_quick_ranges_speak_chinese(app_url, browser):
    """A bureau's browser in Chinese: the calendar of 专利失效分析's period, opened, and its quick
    ranges (Streamlit's own English otherwise: "Date range", "Select...", "Past Week" …)."""
    context = browser.new_context(locale="zh-CN", viewport=PAGE_SIZE)
    charts.expose_echarts(context)  # assert_chinese reads the charts' texts too
    page = context.new_page()
    dialogs = watch_dialogs(page)
    open_page(page, app_url, "lapse", "viewer")
    page.get_by_test_id("stDateInput").first.get_by_role("button").first.click()
    expect(page.get_by_text(labels.STREAMLIT_TEXTS["Date range"], exact=True)).to_be_visible()
    assert_chinese(page, "a date range's calendar", dialogs, popup=True)
    page.get_by_text(labels.STREAMLIT_TEXTS["Select..."], exact=True).click()
    expect(page.get_by_text(labels.STREAMLIT_TEXTS["Past Week"], exact=True)).to_be_visible()
    assert_chinese(page, "a date range's quick ranges", dialogs, popup=True)
    context.close()
