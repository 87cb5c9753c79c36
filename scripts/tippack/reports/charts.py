"""Charts drawn by matplotlib as SVG: the same picture in the PDF and on the HTML page.

Text stays text (``svg.fonttype: none``) in the shipped fonts: matplotlib measures it with
Atkinson Hyperlegible (unpacked once from the shipped WOFF2 files and registered with its
font manager), and the page's ``@font-face`` rules draw it, in the browser and in WeasyPrint
alike, because the SVG sits inline in the page. Colours come from the home's own colour,
made to stand 3 to 1 against white (WCAG 2.2 for parts of graphics), and nothing is told by
colour alone: baseline and latest differ in shape and line too. The output is the same for
the same figures (fixed ids, no date).
"""

from __future__ import annotations

import atexit
import functools
import io
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tippack.rendering.colours import readable_on

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

FONTS = ("atkinson-hyperlegible-400-normal.woff2", "atkinson-hyperlegible-700-normal.woff2")
FAMILY = ["Atkinson Hyperlegible"]  # what matplotlib measures with; the SVG names the fallback too
SVG_FAMILY = "'Atkinson Hyperlegible', 'Pack Noto Sans', sans-serif"
INK, GREY, RULE = "#1a1a1a", "#5f5f5f", "#d6d6d6"
WIDTH = 6.6  # inches: the printed page's measure


@functools.cache
def _fonts(folder: str) -> None:
    """Register the shipped fonts with matplotlib once per process (it cannot read WOFF2 itself)."""
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    unpacked = Path(tempfile.mkdtemp(prefix="tippack-chart-fonts-"))
    atexit.register(shutil.rmtree, unpacked, True)
    for name in FONTS:
        font = TTFont(Path(folder) / name)
        font.flavor = None
        target = unpacked / name.replace(".woff2", ".ttf")
        font.save(target)
        font_manager.fontManager.addfont(str(target))


_STYLE_ATTR = re.compile(r' style="([^"]*)"')


def _presentation(match: re.Match[str]) -> str:
    """A style attribute as SVG presentation attributes: the same drawing, and an HTML page's CSS
    parser (WeasyPrint's) has nothing to read, or to warn about, on the chart's shapes."""
    pairs = [part.split(":", 1) for part in match.group(1).split(";") if ":" in part]
    attrs = []
    for name, value in pairs:
        name, value = name.strip(), value.strip()
        if name == "font-family":
            value = SVG_FAMILY
        attrs.append(f' {name}="{value}"')
    return "".join(attrs).replace("\'", "&#39;")


def brand(colour: str) -> str:
    """The home's colour, darkened just enough to stand 3 to 1 against white."""
    return readable_on("#ffffff", colour, 3.0)


def figure(fonts: Path, height: float, width: float = WIDTH, margins: dict[str, float] | None = None) -> Any:
    """A new matplotlib figure, fonts registered, in the reports' style: laid out to fit its
    words, or with fixed ``margins`` (a small chart, a hundred to a cohort report: much faster)."""
    from matplotlib.figure import Figure

    _fonts(str(fonts))
    if margins is not None:
        fig = Figure(figsize=(width, height))
        fig.subplots_adjust(**margins)
        return fig
    return Figure(figsize=(width, height), layout="constrained")


STYLE: dict[RcKeyType, Any] = {
    "svg.fonttype": "none", "svg.hashsalt": "tippack", "font.family": FAMILY, "font.size": 10,
    "axes.edgecolor": GREY, "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK,
    "text.color": INK, "axes.spines.top": False, "axes.spines.right": False}


def svg(fig: Any, label: str, key: str) -> str:
    """The figure as inline SVG: no XML prologue, no fixed size (it scales to its box), a title for
    screen readers and ``role="img"``; its ids start with ``key``, so that several charts can share a page."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r'<svg \1', text, count=1)
    text = re.sub(r"<metadata>.*?</metadata>", "", text, count=1, flags=re.DOTALL)
    text = re.sub(r'(\bid="|url\(#|href="#)', lambda m: m.group(1) + key + "-", text)
    text = _STYLE_ATTR.sub(_presentation, text)
    from markupsafe import escape

    return text.replace(">", f' role="img" aria-label="{escape(label)}" class="chart__svg">'
                        f"<title>{escape(label)}</title>", 1)


def ratings(fonts: Path, colour: str, areas: list[str], baseline: list[float | None],
            latest: list[float | None] | None, top: int, steps: list[str], label: str, key: str,
            small: bool = False) -> str:
    """Each area's rating, baseline (open circle) against latest (filled diamond), on the scale's steps."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        fig = (figure(fonts, 0.16 * len(areas) + 0.45, 2.4, dict(left=0.04, right=0.96, top=0.96, bottom=0.22))
               if small else figure(fonts, 0.25 * len(areas) + 0.75))
        ax = fig.add_subplot()
        ys = list(range(len(areas)))[::-1]
        for y, a, b in zip(ys, baseline, latest or [None] * len(areas), strict=True):
            if a is not None and b is not None:
                ax.plot([a, b], [y, y], color=GREY, linewidth=1.2 if small else 1.5, zorder=1)
        size = 22 if small else 60
        _dots(ax, baseline, ys, dict(marker="o", s=size, facecolors="white", edgecolors=GREY, linewidths=1.4,
                                      label="Baseline", zorder=2))
        if latest is not None:
            _dots(ax, latest, ys, dict(marker="D", s=size * 0.9, color=brand(colour), label="Latest", zorder=3))
        ax.set_xlim(-0.2, top + 0.2)
        ax.grid(axis="x", color=RULE, linewidth=0.8)
        ax.set_axisbelow(True)
        if small:
            ax.set_yticks(ys, [])
            ax.tick_params(axis="y", length=0)
            ax.set_xticks(range(top + 1), [str(n) for n in range(top + 1)], fontsize=8)
        else:
            ax.set_yticks(ys, areas)
            ax.set_xticks(range(top + 1), [s.replace(" ", "\n") if len(steps) > 4 else s for s in steps])
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, frameon=False)
        return svg(fig, label, key)


def _dots(ax: Any, values: list[float | None], ys: list[int], style: dict[str, Any]) -> None:
    points = [(v, y) for v, y in zip(values, ys, strict=True) if v is not None]
    if points:
        ax.scatter([p[0] for p in points], [p[1] for p in points], **style)


def run(fonts: Path, colour: str, months: list[str], values: list[float], median: float | None,
        signals: list[int], label: str, key: str, height: float = 2.3) -> str:
    """A run chart: the months' figures joined up, the median as a dashed line once there are
    enough months, and the months in a shift or trend marked with a larger square."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        fig = figure(fonts, height)
        ax = fig.add_subplot()
        xs = list(range(len(values)))
        ax.plot(xs, values, color=brand(colour), marker="o", markersize=5, linewidth=1.8)
        if median is not None:
            ax.axhline(median, color=GREY, linestyle=(0, (5, 3)), linewidth=1.2, label=f"Median {median:g}")
        if signals:
            ax.scatter([xs[i] for i in signals], [values[i] for i in signals], marker="s", s=70,
                       facecolors="none", edgecolors=INK, linewidths=1.4, zorder=3, label="In a shift or trend")
        if median is not None or signals:
            ax.legend(loc="lower left", bbox_to_anchor=(0, 1), ncols=2, frameon=False, fontsize=9,
                      borderaxespad=0.2)
        step = -(-len(months) // 7)  # at most seven month labels, so they never run together
        ax.set_xticks(xs[::step], [_month(m) for m in months[::step]])
        ax.set_ylim(bottom=min(0, min(values)))
        if all(float(v).is_integer() for v in values):
            from matplotlib.ticker import MaxNLocator

            ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 2.5 handovers
        ax.grid(axis="y", color=RULE, linewidth=0.8)
        ax.set_axisbelow(True)
        return svg(fig, label, key)


def _month(key: str) -> str:
    """'2026-03' as 'Mar 26'."""
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    year, month = key.split("-")
    return f"{names[int(month) - 1]} {year[2:]}"


def bars(fonts: Path, colour: str, names: list[str], shares: Sequence[float], notes: list[str], label: str,
         key: str) -> str:
    """Horizontal bars of a share (0-100 %) for each name, the figures written at each bar's end."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        fig = figure(fonts, 0.36 * len(names) + 0.7)
        ax = fig.add_subplot()
        ys = list(range(len(names)))[::-1]
        ax.barh(ys, [100] * len(names), color="white", edgecolor=RULE, height=0.6)  # the whole group
        ax.barh(ys, shares, color=brand(colour), height=0.6)
        for y, share, note in zip(ys, shares, notes, strict=True):
            ax.annotate(note, (min(share, 100), y), xytext=(4, 0), textcoords="offset points", va="center",
                        fontsize=9, color=INK, bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none"))
        ax.set_yticks(ys, names)
        ax.set_xlim(0, 118)  # room for the figures beside a full bar
        ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        ax.spines["bottom"].set_bounds(0, 100)
        return svg(fig, label, key)
