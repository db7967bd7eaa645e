"""The briefing pack's charts as plain plotly figures, for formats that hold a picture rather than a native chart
(the PDF): the weekly negative comment share and the rising complaint topics. Texts and numbers are in the
reader's language; ``reports.charts.chart_image`` adds the brand and renders them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.fmt import FULL, SEPARATORS, SHORT, day, number, percent
from analytics.i18n import translate
from analytics.labels import topic

FONT = {"family": "DejaVu Sans, sans-serif", "size": 12, "color": "#333"}


def _layout(fig: go.Figure, lang: str) -> go.Figure:
    fig.update_layout(font=FONT, separators=SEPARATORS.get(lang, SEPARATORS["id"]), plot_bgcolor="white",
                      paper_bgcolor="white")
    fig.update_xaxes(showgrid=False, linecolor="#999")
    fig.update_yaxes(gridcolor="#e5e5e5", zeroline=False)
    return fig


def negative_share(weeks: pd.DataFrame, color: str, lang: str = "id") -> go.Figure:
    """The negative share of comments per week (``sentiment_trends.trend``), a line on a percent axis; each week
    named by its last day ("31 Okt"), the year added when the weeks span more than one."""
    style = SHORT if len({pd.Timestamp(e).year for e in weeks["end"]}) == 1 else FULL
    ends = [day(e, style, lang=lang) for e in weeks["end"]]
    shares = [None if pd.isna(v) else float(v) for v in weeks["negative_share"]]
    fig = go.Figure(go.Scatter(x=ends, y=shares, mode="lines+markers+text", line={"color": color, "width": 3},
                               marker={"size": 8}, text=[percent(v, 1, lang=lang) for v in shares],
                               textposition="top center", cliponaxis=False))
    fig.update_layout(showlegend=False)
    fig.update_xaxes(type="category")
    top = max((v for v in shares if v is not None), default=0.0)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", range=[0, max(top * 1.25, 0.05)],
                     title_text=translate("Porsi komentar negatif", lang))
    return _layout(fig, lang)


def rising_topics(rising: pd.DataFrame, before_color: str, now_color: str, lang: str = "id") -> go.Figure:
    """Complaints per rising topic, the previous period against this one, the biggest rise on top."""
    names = [topic(code, lang) for code in rising["topic"]]
    fig = go.Figure()
    for label, column, color in ((translate("Periode sebelumnya", lang), "before", before_color),
                                 (translate("Periode ini", lang), "now", now_color)):
        values = [float(v) for v in rising[column]]
        fig.add_bar(y=names, x=values, name=label, orientation="h", marker_color=color,
                    text=[number(v, lang=lang) for v in values], textposition="outside", cliponaxis=False)
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(title_text=translate("Pengaduan", lang), rangemode="tozero")
    return _layout(fig, lang)
