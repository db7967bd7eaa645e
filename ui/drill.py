"""Charts that drill down: clicking a bar, point or cell runs ``on_point`` before the page reruns, so it can
set the page's pickers (widget keys in ``st.session_state``) and the table of underlying rows follows.

Put what identifies the rows behind a point in the trace's ``customdata`` (an ISO date, a code): the
clicked point arrives as Plotly reports it, e.g. ``{"x": …, "y": …, "curve_number": 0, "point_index": 3,
"customdata": […]}``. AppTest cannot click a chart, so pages keep ordinary pickers too (tests set those;
the browser tests click).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from ui.exports import chart_buttons, collect_chart
from ui.i18n import t

HINT = "Klik batang, titik atau sel grafik untuk melihat data di baliknya."


def clickable(fig: go.Figure, key: str, on_point: Callable[[dict[str, Any]], None], hint: str = HINT) -> None:
    """Draw ``fig``; a click on one of its points calls ``on_point(point)``."""

    def picked() -> None:
        points = st.session_state[key].selection.points
        if points:
            on_point(points[0])

    st.plotly_chart(fig, key=key, on_select=picked, selection_mode="points")
    chart_buttons(fig, key)
    collect_chart(fig)
    if hint:
        st.caption(t(hint))


def custom(point: dict[str, Any], index: int = 0) -> Any:
    """The ``index``-th customdata value of a clicked point (Plotly sends a scalar when there is one)."""
    data = point.get("customdata")
    if isinstance(data, list | tuple):
        return data[index] if len(data) > index else None
    return data if index == 0 else None
