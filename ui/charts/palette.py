"""One colour per category across the app (patent types, legal statuses, lapse reasons, operation
kinds, holder kinds, flows), keyed by the Chinese name a chart shows, and the finishing every chart
gets before it is drawn (ui/echarts.py): category colours, legend below the plot, room for the
title, no years hidden behind a zoom, no animation.

`polish` works on the ECharts option dict (what pyecharts dumps), so it applies to every builder
in ui/charts alike."""
from __future__ import annotations

from core.config import labels

PATENT_TYPE = {"发明": "#2563eb", "实用新型": "#10b981", "外观设计": "#f59e0b"}
STATUS = {"有效": "#16a34a", "审中": "#3b82f6", "失效": "#94a3b8", "未知": "#cbd5e1"}
LAPSE_REASON = {
    "未缴年费": "#ef4444", "未缴年费终止": "#ef4444", "期限届满": "#8b5cf6",
    "无效宣告": "#f97316", "全部无效": "#f97316", "部分无效": "#fdba74", "驳回": "#b91c1c",
    "撤回": "#a16207", "放弃": "#64748b", "主动放弃": "#64748b", "避免重复授权放弃": "#0ea5e9",
    "未办登记": "#14b8a6",
}
OPERATION = {"转入": "#22c55e", "转出": "#ef4444", "区域内转移": "#0ea5e9", "转让（全部）": "#64748b",
             "许可": "#3b82f6", "质押": "#a855f7", "质押金额（万元）": "#f59e0b"}
HOLDER_KIND = {"企业": "#2563eb", "高校": "#f59e0b", "科研院所": "#10b981", "个人": "#ec4899",
               "机关团体": "#8b5cf6", "其他": "#94a3b8"}
FLOW = {labels.APPLICATIONS: "#2563eb", labels.GRANTS: "#f97316", labels.VALID_COUNT: "#16a34a",
        labels.TOTAL_VALID: "#16a34a", labels.VALID_INV_COUNT: "#7c3aed",
        labels.VALID_INVENTIONS: "#7c3aed", labels.YOY: "#e11d48"}  # valid: as the status 有效
RATE = {labels.QUALITY_SORTS["grant_rate"]: "#16a34a",  # as the outcomes: granted, rejected …
        labels.QUALITY_SORTS["rejection_rate"]: LAPSE_REASON["驳回"],
        labels.QUALITY_SORTS["withdrawal_rate"]: LAPSE_REASON["撤回"]}
CATEGORY: dict[str, str] = {**RATE, **FLOW, **HOLDER_KIND, **OPERATION, **LAPSE_REASON, **STATUS,
                            **PATENT_TYPE}
# Series without a category of their own: one fixed sequence (the ECharts default order).
SEQUENCE = ["#3b82f6", "#22c55e", "#f59e0b", "#ef4444", "#a855f7", "#14b8a6", "#eab308",
            "#ec4899", "#64748b"]

TITLE_ONLY_TOP, TITLE_AND_RULE_TOP = 48, 72  # px above the plot for the title (and its rule)
LEGEND_ROOM = 44  # px below the plot for the legend
BAR_MAX_WIDTH = 48  # px
VALUE_LABEL_ROOM = 18  # px more above the plot when values are written over the bars


def color(name) -> str | None:
    return CATEGORY.get(str(name).removesuffix(" ★")) if name is not None else None


def polish(options: dict) -> dict:
    """Category colours, legend at the bottom, room for the title, every category in view; drawn
    at once, without the entry animation (each animated chart redraws for about a second on
    every page run: browser CPU that ten sessions on two cores cannot spare)."""
    options["animation"] = False
    for part in ("legend", "title", "grid", "xAxis", "yAxis", "dataZoom"):
        if isinstance(options.get(part), dict):
            options[part] = [options[part]]
    options.setdefault("color", SEQUENCE)
    bars = [s for s in options.get("series") or [] if s.get("type") == "bar"]
    for series in options.get("series") or []:
        _colour_series(series, _categories(options) if len(bars) == 1 else [])
    _place_legend_and_grid(options)
    _count_axes(options)
    for zoom in options.get("dataZoom") or []:
        zoom["start"], zoom["end"] = 0, 100  # nothing hidden until the user zooms
    return options


def _categories(options: dict) -> list:
    axes = [*(options.get("xAxis") or []), *(options.get("yAxis") or [])]
    return next((a["data"] for a in axes
                 if a.get("type", "category") == "category" and a.get("data")), [])


def _colour_series(series: dict, categories: list) -> None:
    """The series' own colour when its name is a category; else each item's, by its name (pie
    slices) or by its category (the one bar series of a chart)."""
    own = color(series.get("name"))
    if own and not (series.get("itemStyle") or {}).get("color"):
        series.setdefault("itemStyle", {})["color"] = own
        if series.get("type") == "line":
            series.setdefault("lineStyle", {})["color"] = own
    if series.get("type") in ("pie", "bar") and not own:
        names = categories if series.get("type") == "bar" else []
        series["data"] = [_colour_item(item, names[i] if i < len(names) else None)
                          for i, item in enumerate(series.get("data") or [])]


def _colour_item(item, category):
    as_dict = item if isinstance(item, dict) else {"value": item}
    if (as_dict.get("itemStyle") or {}).get("color"):
        return item
    own = color(as_dict.get("name") or category)
    if not own:
        return item
    return {**as_dict, "itemStyle": {**(as_dict.get("itemStyle") or {}), "color": own}}


def _value(item):
    return item.get("value") if isinstance(item, dict) else item


def _count_axes(options: dict) -> None:
    """Counts only: no 0.5 steps on the value axes; bars no wider than a bar should be."""
    series = [s for s in options.get("series") or [] if s.get("type") in ("bar", "line")]
    for s in series:
        if s.get("type") == "bar":
            s.setdefault("barMaxWidth", BAR_MAX_WIDTH)
    values = [_value(d) for s in series for d in s.get("data") or []]
    if values and all(isinstance(v, int) or v is None for v in values):
        for axis in [*(options.get("xAxis") or []), *(options.get("yAxis") or [])]:
            if not axis.get("data") and not axis.get("minInterval"):
                axis["minInterval"] = 1


def _shown(part: dict) -> bool:
    return part.get("show", True) is not False


def _place_legend_and_grid(options: dict) -> None:
    legends = [lg for lg in options.get("legend") or [] if _shown(lg)]
    names = {s.get("name") for s in options.get("series") or [] if s.get("name")}
    has_pie = any(s.get("type") == "pie" for s in options.get("series") or [])
    legend_shown = bool(legends) and (len(names) > 1 or has_pie)
    for legend in legends:
        for side in ("top", "left", "right"):
            legend.pop(side, None)
        legend.update(bottom=0, type="scroll")
        if not legend_shown:
            legend["show"] = False
    titles = [t for t in options.get("title") or [] if _shown(t)]
    top = (TITLE_AND_RULE_TOP if any(t.get("subtext") for t in titles)
           else TITLE_ONLY_TOP if titles else 16)
    if any((s.get("label") or {}).get("show") and (s.get("label") or {}).get("position") == "top"
           for s in options.get("series") or []):
        top += VALUE_LABEL_ROOM
    for grid in options.get("grid") or ([{}] if options.get("xAxis") else []):
        grid["top"] = max(_px(grid.get("top")), top)
        grid["bottom"] = max(_px(grid.get("bottom")), LEGEND_ROOM if legend_shown else 12)
        grid.setdefault("containLabel", True)
        options["grid"] = options.get("grid") or [grid]
    for series in options.get("series") or []:
        if series.get("type") == "pie":
            series["center"] = ["50%", "55%"]
            series["radius"] = ["32%", "55%"]
            series["labelLayout"] = {"hideOverlap": True}  # tiny slices: named in the legend


def _px(value) -> int:
    """A grid offset in px (percentages and missing values count as 0: they are replaced)."""
    return value if isinstance(value, (int, float)) else 0
