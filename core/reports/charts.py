"""Static PNG charts for Word files (matplotlib's Agg renderer, no display, no network).

Chinese labels need a CJK font: Noto Sans CJK SC (Debian's fonts-noto-cjk, installed by .ci/run),
found through fontconfig (fc-match) or matplotlib's font manager. Without it the charts still
render, with a warning once, and Chinese glyphs show as boxes.
"""
from __future__ import annotations

import functools
import io
import shutil
import subprocess
import warnings
from collections.abc import Sequence

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure  # a bare Figure draws with Agg: no pyplot, no display

CJK_FAMILY = "Noto Sans CJK SC"
PALETTE = ["#2f5597", "#c55a11", "#548235", "#7f6000", "#7030a0", "#1f7f8f", "#a5a5a5"]
SIZE_IN = (6.4, 3.2)
DPI = 150


def _fc_match(family: str) -> str | None:
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:lang=zh-cn"],
                           capture_output=True, text=True, timeout=10, check=False).stdout.strip()
    return found if "CJK" in found or "cjk" in found else None


FAMILIES = (CJK_FAMILY, "Noto Sans CJK JP", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei")


def _known_family() -> str | None:
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in FAMILIES if name in names), None)


@functools.cache
def cjk_font() -> str | None:
    """The family name of a CJK font matplotlib can use (its own scan first, then fontconfig,
    whose file is registered); None, with a warning, when there is none."""
    family = _known_family()
    path = None if family else _fc_match(CJK_FAMILY)
    if path:
        font_manager.fontManager.addfont(path)
        family = _known_family() or font_manager.FontProperties(fname=path).get_name()
    if family is None:
        warnings.warn("no CJK font found (install fonts-noto-cjk): chart labels in Chinese will "
                      "show as boxes", RuntimeWarning, stacklevel=2)
    return family


def _rc() -> dict:
    font = cjk_font()
    return {"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
            "axes.unicode_minus": False, "font.size": 9}


def _figure(size=SIZE_IN) -> tuple[Figure, object]:
    """A figure and its axes (call inside rc_context(_rc()): fonts are read when text is drawn)."""
    figure = Figure(figsize=size, dpi=DPI)
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    return figure, axes


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _title(axes, title: str, unit: str) -> None:
    """The title only when asked for (a Word file captions the picture below it instead)."""
    if title:
        axes.set_title(title, fontsize=11)
    if unit:
        axes.set_ylabel(unit)


def bar_chart(labels: Sequence[str], series: dict[str, Sequence[float]], title: str = "",
              unit: str = "件", horizontal: bool = False) -> bytes:
    """Grouped bars: one group per label, one bar per series (name → values in label order)."""
    with matplotlib.rc_context(_rc()):
        figure, axes = _figure((6.4, max(3.2, 0.28 * len(labels) + 1)) if horizontal else SIZE_IN)
        count = max(len(series), 1)
        width = 0.8 / count
        positions = range(len(labels))
        for index, (name, values) in enumerate(series.items()):
            offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
            draw = axes.barh if horizontal else axes.bar
            draw(offsets, list(values), width, label=name, color=PALETTE[index % len(PALETTE)])
        if horizontal:
            axes.set_yticks(list(positions), labels)
            axes.invert_yaxis()
            axes.grid(axis="x", color="#dddddd", linewidth=0.6)
            _title(axes, title, "")
            axes.set_xlabel(unit)
        else:
            axes.set_xticks(list(positions), labels, rotation=30 if len(labels) > 6 else 0,
                            ha="right" if len(labels) > 6 else "center")
            _title(axes, title, unit)
        if len(series) > 1:
            axes.legend(frameon=False)
        return _png(figure)


def line_chart(labels: Sequence[str], series: dict[str, Sequence[float]], title: str = "",
               unit: str = "件") -> bytes:
    """One line per series over the labels (months or years)."""
    with matplotlib.rc_context(_rc()):
        figure, axes = _figure()
        for index, (name, values) in enumerate(series.items()):
            axes.plot(range(len(labels)), list(values), marker="o", markersize=3, label=name,
                      color=PALETTE[index % len(PALETTE)])
        step = max(1, len(labels) // 12)
        axes.set_xticks(range(0, len(labels), step), list(labels)[::step],
                        rotation=30 if len(labels) > 6 else 0)
        _title(axes, title, unit)
        if len(series) > 1:
            axes.legend(frameon=False)
        return _png(figure)


def pie_chart(labels: Sequence[str], values: Sequence[float], title: str = "") -> bytes:
    """Shares of a whole; slices below 3% are summed into 其他."""
    total = sum(values) or 1
    kept = [(label, value) for label, value in zip(labels, values) if value / total >= 0.03]
    rest = total - sum(value for _, value in kept)
    if rest > 0:
        kept.append(("其他", rest))
    with matplotlib.rc_context(_rc()):
        figure, axes = _figure()
        axes.grid(False)
        axes.pie([v for _, v in kept], labels=[name for name, _ in kept], autopct="%1.1f%%",
                 colors=PALETTE * 3, startangle=90, counterclock=False, textprops={"fontsize": 10})
        _title(axes, title, "")
        axes.axis("equal")
        return _png(figure)
