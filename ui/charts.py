"""One palette and one chart style for every page (colour-blind-safe for positive/negative)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from ui.i18n import language

# Okabe–Ito: distinguishable with every common colour-vision deficiency.
POSITIVE = "#0072B2"  # blue
NEGATIVE = "#D55E00"  # vermillion
NEUTRAL = "#999999"
SENTIMENT_COLORS = {"positive": POSITIVE, "negative": NEGATIVE, "neutral": NEUTRAL}
CONTENT_COLORS = {"kinerja": "#009E73", "layanan": "#56B4E9", "seremonial": "#E69F00", "lainnya": "#BBBBBB"}
SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


MAX_TICKS = 8


def style(fig: go.Figure, title: str, caption: str | None = None, height: int = 320) -> go.Figure:
    """Title (with its period) on top, source and update time below, one font and margin everywhere; numbers
    and dates in the viewer's language (``dates_in_language``)."""
    lang = language()
    dates_in_language(fig, lang)
    for axis in fig.select_yaxes():  # thousands grouped ("1.200"), at most 2 decimals; shares keep their ".0%"
        if axis.tickformat is None:
            axis.tickformat = ",~f"
            axis.hoverformat = axis.hoverformat or ",.2~f"
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        height=height, margin={"l": 8, "r": 8, "t": 48, "b": 56 if caption else 8},
        colorway=SERIES, legend={"orientation": "h", "y": -0.18 if caption else -0.1},
        font={"family": "Source Sans Pro, sans-serif", "size": 12}, separators=fmt.SEPARATORS[lang],
    )
    if caption:
        fig.add_annotation(text=caption, xref="paper", yref="paper", x=0, y=-0.32, showarrow=False,
                           xanchor="left", font={"size": 10, "color": "#666"})
    return fig


def _days(values) -> list[date] | None:
    """The x values of a trace as dates, or None when they are not all dates."""
    if values is None or not len(values):
        return None
    array = np.asarray(values)
    if array.dtype.kind == "M":
        return None if pd.isna(array).any() else [pd.Timestamp(v).date() for v in array]
    if array.dtype == object and all(isinstance(v, date) for v in array):
        return [pd.Timestamp(v).date() for v in array]
    return None


def dates_in_language(fig: go.Figure, lang: str) -> go.Figure:
    """Plotly names months in English ("Nov 16") on date axes and in hovers. Instead, a date axis gets at most
    MAX_TICKS of its own days as ticks, labelled in the app's style ("16 Nov", with the year when the axis spans
    two), and each point's hover says its day ("16 Nov 2026") in place of ``%{x}`` (or first, if it had none)."""
    axes: dict[str, set[date]] = {}
    for trace in fig.data:
        days = _days(getattr(trace, "x", None))
        if days is None:
            continue
        axes.setdefault(getattr(trace, "xaxis", None) or "x", set()).update(days)
        trace.hovertext = [fmt.day(d, lang=lang) for d in days]
        template = trace.hovertemplate or "%{x}: %{y}"
        if not any(f"%{{{name}" in template for name in ("x", "text", "hovertext")):
            template = "%{x}<br>" + template  # which day the hover is about
        trace.hovertemplate = template.replace("%{x}", "%{hovertext}")
    for axis, days in axes.items():
        ordered = sorted(days)
        ticks = ordered[:: -(-len(ordered) // MAX_TICKS)]
        style = fmt.SHORT if ordered[0].year == ordered[-1].year else fmt.FULL
        fig.layout["xaxis" + axis[1:]].update(tickmode="array", tickvals=[d.isoformat() for d in ticks],
                                              ticktext=[fmt.day(d, style, lang=lang) for d in ticks])
    return fig
