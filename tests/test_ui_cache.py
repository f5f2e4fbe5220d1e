"""ui/cache.py: a cached function runs once for every session while the data version stands and
once more after any write, which every session sees on its next run; within one script run the
version is read once, so a write during the run shows from the next run on."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.db.models import Region
from core.regions import custom
from ui.cache import cached

PARK = ["320576050", "320506004"]
calls: list[str] = []


def custom_region_names() -> str:
    """The function under test: counts its runs."""
    calls.append("run")
    names = [r.name for r in Region.select().where(Region.is_custom == True)]  # noqa: E712
    return ",".join(sorted(names)) or "none"


def _page():
    import streamlit as st

    from tests.test_ui_cache import custom_region_names
    from ui.cache import cached
    from ui.db import ready
    ready()
    st.markdown(cached(custom_region_names)())


def _page_writing_between_two_reads():
    import streamlit as st

    from core.regions import custom
    from tests.test_ui_cache import PARK, custom_region_names
    from ui.cache import cached
    from ui.db import ready
    ready()
    st.markdown(cached(custom_region_names)())
    if not st.session_state.get("wrote"):
        st.session_state["wrote"] = True
        custom.create("东部片区", "3205", PARK, "admin")
    st.markdown(cached(custom_region_names)())


def _shown(at: AppTest) -> list[str]:
    assert not at.exception, [e.value for e in at.exception]
    return [m.value for m in at.markdown]


def test_one_run_for_all_sessions_until_a_write_then_one_more(app_env):
    calls.clear()
    first = AppTest.from_function(_page, default_timeout=30).run()
    second = AppTest.from_function(_page, default_timeout=30).run()
    first.run()
    assert (_shown(first), _shown(second), len(calls)) == (["none"], ["none"], 1)
    custom.create("东部片区", "3205", PARK, "admin")
    first.run()
    second.run()
    assert (_shown(first), _shown(second), len(calls)) == (["东部片区"], ["东部片区"], 2)


def test_a_write_during_a_run_shows_from_the_next_run(app_env):
    calls.clear()
    at = AppTest.from_function(_page_writing_between_two_reads, default_timeout=30).run()
    assert (_shown(at), len(calls)) == (["none", "none"], 1)
    at.run()
    assert (_shown(at), len(calls)) == (["东部片区", "东部片区"], 2)


def test_functions_of_one_name_in_two_page_scripts_keep_apart(db):
    """Streamlit runs every page script as module __main__: the file tells them apart."""
    def page_function(file: str, result: str):
        scope = {"__name__": "__main__"}
        exec(compile(f"def _summary():\n    return {result!r}\n", file, "exec"), scope)
        return cached(scope["_summary"])
    assert (page_function("pages/a.py", "a")(), page_function("pages/b.py", "b")()) == ("a", "b")


def broken_query() -> str:
    from core.db import db
    return str(db.execute_sql("SELECT name FROM no_such_table").fetchall())


def _page_with_a_database_error():
    import streamlit as st

    from tests.test_ui_cache import broken_query
    from ui.cache import cached
    from ui.db import ready
    ready()
    st.markdown(cached(broken_query)())
    st.markdown("after")


def test_a_database_error_shows_the_chinese_message_and_logs_the_traceback(app_env, caplog):
    from core.config import labels
    at = AppTest.from_function(_page_with_a_database_error, default_timeout=30).run()
    assert not at.exception
    assert [e.value for e in at.error] == [labels.DB_UNAVAILABLE]
    assert [m.value for m in at.markdown] == []  # the run ends at the message
    logged = [r for r in caplog.records if r.name == "patents.ui"]
    assert [r.message for r in logged] == ["broken_query 访问数据库出错"]
    assert "no_such_table" in logged[0].exc_text


def test_two_sessions_asking_at_once_wait_for_one_computation(db):
    """The second caller arrives while the first computes: it waits, then reads the result."""
    import threading

    from ui import cache

    started, release, runs, results = threading.Event(), threading.Event(), [], []

    def slow_total(n: int) -> int:
        runs.append(n)
        started.set()
        release.wait(30)
        return n * 2

    shared = cached(slow_total)
    first = threading.Thread(target=lambda: results.append(shared(21)))
    first.start()
    started.wait(30)
    second = threading.Thread(target=lambda: results.append(shared(21)))
    second.start()
    waiting = threading.Event()
    for _ in range(3000):  # until the second caller waits for the first computation
        flights = list(cache.FLIGHTS.running.values())
        if flights and flights[0].waiters == 1:
            waiting.set()
            break
        waiting.wait(0.01)
    release.set()
    first.join(30)
    second.join(30)
    assert (waiting.is_set(), runs, results) == (True, [21], [42, 42])


builds: list[str] = []


def _bar(names: list[str], values: list[int]):
    from pyecharts import options as opts
    from pyecharts.charts import Bar
    builds.append("build")
    return (Bar().add_xaxis(names).add_yaxis("件数", values)
            .set_global_opts(title_opts=opts.TitleOpts(title="排名")))


def test_chart_options_are_built_and_encoded_once_per_data_version(db):
    from ui import echarts
    builds.clear()
    first = echarts.options(_bar, ["甲", "乙"], [3, 1])
    again = echarts.options(_bar, ["甲", "乙"], [3, 1])
    other = echarts.options(_bar, ["甲"], [3])
    assert (again, len(builds)) == (first, 2)  # the second call read the first one's options
    assert first == echarts.encode(_bar(["甲", "乙"], [3, 1]))
    assert other["xAxis"][0]["data"] == ["甲"]


def _chart_builder_calls(path) -> list[tuple[int, bool]]:
    """(line, shared) for every call of a ui.charts builder in a page script: shared when the
    builder is handed to echarts.options instead of being called by the page."""
    import ast
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {alias.asname or alias.name for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and node.module == "ui.charts"
               for alias in node.names}
    calls, handed = [], set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "options" and node.args:
            handed.add(id(node.args[0]))
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                and func.value.id in modules and func.value.id != "maps":
            calls.append((node.lineno, False))
    for node in ast.walk(tree):  # builders handed over as values, not called
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in modules and id(node) in handed:
            calls.append((node.lineno, True))
    return calls


def test_every_page_shares_its_chart_options():
    """A page that calls a chart builder itself encodes the chart on every run of every session;
    handing the builder to echarts.options builds it once per data version for all of them."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    pages = sorted([*root.glob("pages/*.py"), *root.glob("admin/*.py")])
    found = {p.name: _chart_builder_calls(p) for p in pages}
    direct = {name: [line for line, shared in calls if not shared]
              for name, calls in found.items()}
    assert {name: lines for name, lines in direct.items() if lines} == {}
    drawing = {name for name, calls in found.items() if calls}
    assert {"overview.py", "trend.py", "regions.py", "industry.py", "verify.py"} <= drawing
