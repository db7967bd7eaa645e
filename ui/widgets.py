"""Small display pieces shared by pages: metrics with their comparison, period captions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.briefing import Figure
from analytics.context import Filters
from analytics.fmt import day, number, percent
from ui.i18n import t


def period_caption(filters: Filters) -> str:
    before = filters.previous()
    return t("{} – {} · pembanding {} – {}", day(filters.start), day(filters.end), day(before.start), day(before.end))


def change_metric(column, label: str, shown: str, now: float | None, before: float | None, *, scale: float = 1,
                  decimals: int = 0, unit: str = "", color: str = "normal", help: str | None = None, **kw) -> None:
    """A metric with its change against a baseline: "+3", "-1,5 poin", "±0", or
    "— belum ada pembanding" when there is no baseline (never a false 0). ``kw`` go to st.metric."""
    if now is None or before is None or pd.isna(now) or pd.isna(before):
        column.metric(label, shown, delta=t("— belum ada pembanding"), delta_color="off", delta_arrow="off", help=help,
                      **kw)
        return
    change = (now - before) * scale
    sign = "+" if change > 0 else "-" if change < 0 else "±"
    column.metric(label, shown, delta=f"{sign}{number(abs(change), decimals)}{unit}",
                  delta_color=color if change else "off", delta_arrow="auto" if change else "off", help=help, **kw)


def figure_metric(column, label: str, fig: Figure, share: bool = False, lower_is_better: bool = False,
                  help: str | None = None) -> None:
    """A briefing figure with its change vs the previous period (shares in percentage points)."""
    shown = "—" if fig.value is None else (percent(fig.value) if share else number(fig.value))
    change_metric(column, label, shown, fig.value, fig.previous, scale=100 if share else 1,
                  decimals=1 if share else 0, unit=t(" poin") if share else "",
                  color="inverse" if lower_is_better else "normal", help=help)


def percent1(x: float | None) -> str:
    return percent(x, 1)


def number1(x: float | None) -> str:
    return number(x, 1)


def show(df: pd.DataFrame, labels: dict[str, str], fmt: dict | None = None, key: str | None = None, **kw) -> None:
    """A sortable table, columns renamed: raw values underneath; small tables shown in Indonesian number
    formats (Styler), long lists with dd/mm/yyyy dates (column_config, fast for thousands of rows)."""
    shown = df[list(labels)].rename(columns=labels)
    if fmt is not None:
        shown = shown.style.format({labels[c]: fn for c, fn in fmt.items()}, na_rep="—")
    st.dataframe(shown, hide_index=True, key=key, **kw)


def opd_from_url(names: dict[str, str], fallback: str | None) -> str:
    """The OPD picked by ``?kode=`` (kept in the URL). An unknown code is said, and the page stops until
    an OPD is picked: it never shows another OPD in its place."""
    wanted = st.query_params.get("kode") or fallback
    codes = list(names)
    unknown = wanted is not None and wanted not in codes
    if unknown:
        st.warning(t("Kode OPD «{}» tidak dikenal (atau di luar saringan). Pilih OPD di bawah.", wanted))
    code = st.selectbox("OPD", codes, index=None if unknown else codes.index(wanted) if wanted in codes else 0,
                        format_func=names.get, placeholder=t("Pilih OPD"), key="profil_kode")
    if code is None:
        st.stop()
    st.query_params["kode"] = code
    return code
