"""The Pengaduan page's charts; each point carries in customdata what a click picks in "Rincian pengaduan"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import complaint_trends as ct
from ui.charts import NEGATIVE, POSITIVE
from ui.i18n import t


def incoming_and_resolved(trend: pd.DataFrame, points: dict[str, str]) -> go.Figure:
    """Complaints received and resolved per bucket; customdata = [kind, first ISO day of the bucket]."""

    def line(kind: str, color: str) -> go.Scatter:
        keys = [ct.bucket_key(kind, p) for p in trend["period"]]
        return go.Scatter(x=trend["period"], y=trend[kind], name=t(ct.BUCKET_KINDS[kind]), mode="lines+markers",
                          line={"color": color}, marker={"size": 5}, text=[points[k] for k in keys],
                          customdata=[[kind, k.partition(":")[2]] for k in keys],
                          hovertemplate="%{text}: %{y}<extra></extra>")

    return go.Figure([line(ct.RECEIVED, NEGATIVE), line(ct.RESOLVED, POSITIVE)])  # dated ticks: ui.charts.style


def topic_by_area(grid: pd.DataFrame) -> go.Figure:
    """Complaints per topic (rows) and kecamatan (columns); customdata = [topic, kecamatan]."""
    topics, areas = np.array(grid.index, dtype=object), np.array(grid.columns, dtype=object)
    # an array, not nested lists: plotly checks a list cell by cell (0.36 s for 15 topics × 600 kecamatan)
    custom = np.stack(np.broadcast_arrays(topics[:, None], areas[None, :]), axis=-1)
    heat = go.Figure(go.Heatmap(z=grid.values, x=list(grid.columns), y=list(grid.index), colorscale="Blues",
                                customdata=custom,
                                texttemplate="%{z}", hovertemplate="%{y} · %{x}: %{z}<extra></extra>"))
    heat.update_xaxes(tickangle=-40, tickvals=list(grid.columns)).update_yaxes(autorange="reversed")
    return heat
