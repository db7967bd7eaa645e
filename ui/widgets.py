"""Small display pieces shared by pages: metrics with their comparison, period captions."""

from __future__ import annotations

from analytics.briefing import Figure
from analytics.context import Filters
from analytics.fmt import day, number, percent
from ui.i18n import t


def period_caption(filters: Filters) -> str:
    before = filters.previous()
    return f"{day(filters.start)} – {day(filters.end)} · pembanding {day(before.start)} – {day(before.end)}"


def figure_metric(column, label: str, fig: Figure, share: bool = False, lower_is_better: bool = False,
                  help: str | None = None) -> None:
    """A metric with its change vs the previous period; "belum ada pembanding" when there is none."""
    value = "—" if fig.value is None else (percent(fig.value) if share else number(fig.value))
    if fig.change is None:
        column.metric(label, value, delta=t("no_baseline"), delta_color="off", delta_arrow="off", help=help)
        return
    delta = f"{number(fig.change * 100, 1)} poin" if share else number(fig.change)
    if fig.change > 0:
        delta = "+" + delta
    column.metric(label, value, delta=delta, delta_color="inverse" if lower_is_better else "normal", help=help)
