"""Errors a page raises outside the cached calls: a Chinese message, no traceback, no English
(issue 18, item 7); st.stop still stops."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.config import labels


def _failing_page():
    import streamlit as st

    from ui.errors import run_page

    class Page:
        url_path = "broken"

        def run(self):
            st.write("before")
            raise OverflowError("Python int too large to convert to SQLite INTEGER "
                                "(/srv/patents/core/stats/search.py)")
    run_page(Page())
    st.write("after")


def _stopping_page():
    import streamlit as st

    from ui.errors import run_page

    class Page:
        def run(self):
            st.stop()
    run_page(Page())
    st.write("not reached")


def test_an_error_in_a_page_is_answered_in_chinese(caplog):
    at = AppTest.from_function(_failing_page).run()
    assert not at.exception
    assert [e.value for e in at.error] == [labels.PAGE_FAILED]
    assert [m.value for m in at.markdown] == ["before", "after"]
    assert "/srv/patents" not in str([e.value for e in at.error])
    assert any("页面 broken 出错" in r.getMessage() and r.exc_info for r in caplog.records)


def test_st_stop_passes_through():
    at = AppTest.from_function(_stopping_page).run()
    assert not at.exception and not at.error and not at.markdown


def test_the_entry_point_runs_pages_through_it():
    from pathlib import Path
    home = (Path(__file__).resolve().parents[1] / "Home.py").read_text("utf-8")
    assert "run_page(page)" in home and "page.run()" not in home


def test_plain_text_escapes_markdown_icons_and_autolinks():
    from ui.text import JOINER, plain
    shown = plain("**粗体** [链接](http://x.cn) :material/home: $x$ a@b.cn www.x.cn\n1. 列表")
    assert shown == (r"\*\*粗体\*\* \[链接\]\(http:" + JOINER + r"//x.cn\) :" + JOINER
                     + r"material/home:" + JOINER + r" \$x\$ a@" + JOINER + "b.cn w" + JOINER
                     + "ww.x.cn\n1\\. 列表")
    assert plain("文件「cnipa.xlsx」") == "文件「cnipa.xlsx」"  # ordinary messages unchanged


def _failing_fragment():
    import streamlit as st

    from ui.errors import guarded

    def screen():
        raise ValueError("boom")
    st.fragment(guarded(screen))()


def test_a_fragment_under_the_net_answers_in_chinese():
    at = AppTest.from_function(_failing_fragment).run()
    assert not at.exception and [e.value for e in at.error] == [labels.PAGE_FAILED]
