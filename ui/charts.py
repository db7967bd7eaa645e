"""One palette and one chart style for every page (colour-blind-safe for positive/negative)."""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe–Ito: distinguishable with every common colour-vision deficiency.
POSITIVE = "#0072B2"  # blue
NEGATIVE = "#D55E00"  # vermillion
NEUTRAL = "#999999"
SENTIMENT_COLORS = {"positive": POSITIVE, "negative": NEGATIVE, "neutral": NEUTRAL}
CONTENT_COLORS = {"kinerja": "#009E73", "layanan": "#56B4E9", "seremonial": "#E69F00", "lainnya": "#BBBBBB"}
SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def style(fig: go.Figure, title: str, caption: str | None = None, height: int = 320) -> go.Figure:
    """Title (with its period) on top, source and update time below, one font and margin everywhere."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        height=height, margin={"l": 8, "r": 8, "t": 48, "b": 56 if caption else 8},
        colorway=SERIES, legend={"orientation": "h", "y": -0.18 if caption else -0.1},
        font={"family": "Source Sans Pro, sans-serif", "size": 12}, separators=",.",
    )
    if caption:
        fig.add_annotation(text=caption, xref="paper", yref="paper", x=0, y=-0.32, showarrow=False,
                           xanchor="left", font={"size": 10, "color": "#666"})
    return fig
