"""Server-rendered SVG charts: a day series as bars, the "before" figure as a dashed line."""

from __future__ import annotations

from markupsafe import Markup, escape

from frontdesk.dashboard.formats import decimal, percent
from frontdesk.dashboard.queries.metrics import Series

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 320, 140, 36, 20, 12


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "share":
        return percent(value)
    if unit == "hours":
        return f"{decimal(value, 1)} h"
    return decimal(value)


def _scale_max(series: Series) -> float:
    values = [v for _, v in series.points if v is not None]
    if series.before is not None:
        values.append(series.before)
    if series.unit == "share":
        return 1.0
    return max([*values, 1.0]) * 1.15


def bar_chart(series: Series) -> Markup:
    """An accessible SVG: a title, one bar per day, the "before" line with its label."""
    top = _scale_max(series)
    plot_w, plot_h = WIDTH - PAD_LEFT - 4, HEIGHT - PAD_BOTTOM - PAD_TOP
    n = max(len(series.points), 1)
    slot = plot_w / n
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" class="chart" role="img" '
        f'aria-labelledby="chart-{series.key}-title">',
        f'<title id="chart-{series.key}-title">{escape(series.title)}</title>',
        f'<line x1="{PAD_LEFT}" y1="{PAD_TOP + plot_h}" x2="{WIDTH - 4}" '
        f'y2="{PAD_TOP + plot_h}" class="axis"/>',
        f'<text x="{PAD_LEFT - 4}" y="{PAD_TOP + 4}" class="tick" text-anchor="end">'
        f"{escape(format_value(top, series.unit))}</text>",
    ]
    for i, (day, value) in enumerate(series.points):
        x = PAD_LEFT + i * slot + slot * 0.15
        if value is not None:
            h = plot_h * value / top
            parts.append(
                f'<rect x="{x:.1f}" y="{PAD_TOP + plot_h - h:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{h:.1f}" class="bar"><title>{day.strftime("%d.%m.")}: '
                f"{escape(format_value(value, series.unit))}</title></rect>"
            )
        if n <= 14 or i % 7 == 0:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - 6}" class="tick" '
                f'text-anchor="middle">{day.strftime("%d.")}</text>'
            )
    if series.before is not None:
        y = PAD_TOP + plot_h - plot_h * series.before / top
        label = "vorher " + format_value(series.before, series.unit)
        parts.append(
            f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - 4}" y2="{y:.1f}" class="before"/>'
            f'<text x="{WIDTH - 6}" y="{y - 3:.1f}" class="before-label" text-anchor="end">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
