"""The Tren Sentimen page's charts. Each point's customdata = [ISO day, sentiment, OPD code]: what a click
picks in the texts table below (``analytics.sentiment_trends.drill``). Date ticks and hovers are put in the
viewer's language by ``ui.charts.style``."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.charts import NEGATIVE, NEUTRAL, SENTIMENT_COLORS
from ui.format import number
from ui.i18n import t


def shares(rows: pd.DataFrame, names: dict[str, str]) -> go.Figure:
    """Stacked shares of each sentiment per day/week, with the net sentiment on a second axis."""
    iso = [d.isoformat() for d in rows["end"]]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for s, label in names.items():
        fig.add_bar(x=rows["end"], y=rows[f"{s}_share"], name=label, marker_color=SENTIMENT_COLORS[s],
                    customdata=[[d, s, "", number(n)] for d, n in zip(iso, rows["total"])],
                    hovertemplate=t("%{y:.1%} dari %{customdata[3]} teks"))
    fig.add_scatter(x=rows["end"], y=rows["net"], name=t("Sentimen bersih"), mode="lines+markers",
                    line={"color": "#000000"}, secondary_y=True, customdata=[[d, "", ""] for d in iso])
    fig.update_layout(barmode="stack")
    fig.update_yaxes(tickformat=".0%", hoverformat=".1%", range=[0, 1], secondary_y=False)
    fig.update_yaxes(range=[-1, 1], hoverformat=".2f", title_text=t("sentimen bersih"), secondary_y=True)
    return fig


def negative_by_group(rows: pd.DataFrame, column: str, groups: list, names: list[str], by_opd: bool) -> go.Figure:
    """The negative share per day/week of each group (``groups`` codes, ``names`` their labels)."""
    fig = go.Figure()
    for g, name in zip(groups, names):
        part = rows[rows[column].isna()] if pd.isna(g) else rows[rows[column] == g]
        code = g if by_opd and not pd.isna(g) else ""
        fig.add_scatter(x=part["end"], y=part["negative_share"], name=name, mode="lines+markers",
                        customdata=[[d.isoformat(), "negative", code] for d in part["end"]])
    fig.update_yaxes(tickformat=".0%", hoverformat=".1%")
    return fig


def spikes(weeks: pd.DataFrame) -> go.Figure:
    """The weekly negative share against its spike threshold, spikes marked. A week's point picks that week;
    a spike marker also the negative texts of all OPD (the chart's view)."""
    week_iso = [[d.isoformat()] for d in weeks["end"]]
    fig = go.Figure()
    fig.add_scatter(x=weeks["end"], y=weeks["negative_share"], name=t("Porsi negatif"), mode="lines+markers",
                    line={"color": NEGATIVE}, customdata=week_iso)
    fig.add_scatter(x=weeks["end"], y=weeks["threshold"], name=t("Ambang lonjakan"), mode="lines",
                    line={"color": NEUTRAL, "dash": "dash"}, customdata=week_iso)
    hit = weeks[weeks["spike"]]
    fig.add_scatter(x=hit["end"], y=hit["negative_share"], name=t("Lonjakan"), mode="markers",
                    marker={"color": NEGATIVE, "size": 14, "symbol": "triangle-up"},
                    customdata=[[d.isoformat(), "negative", ""] for d in hit["end"]])
    fig.update_yaxes(tickformat=".0%", hoverformat=".1%")
    return fig
