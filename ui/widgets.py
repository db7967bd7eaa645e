"""Small display pieces shared by pages: metrics with their comparison, period captions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from analytics.context import Filters
from analytics.metrics import metric
from reports.page_deck import Tile
from ui.exports import buttons, collect_table
from ui.format import EMPTY, day, number, percent, styled
from ui.i18n import language, t
from ui.page import collected


def period_caption(filters: Filters) -> str:
    before = filters.previous()
    return t("{} – {} · pembanding {} – {}", day(filters.start), day(filters.end), day(before.start), day(before.end))


def metric_tile(column, metric_id: str, now: float | None, before: float | None = None, *, compare: bool = True,
                **kw) -> None:
    """A figure of the metric catalog: label, help text, format and colour of its change all come from
    ``analytics.metrics``. With ``compare``, the change against ``before`` ("+3", "-1,5 poin"), or
    "— belum ada pembanding" when there is no baseline (never a false 0). ``kw`` go to st.metric."""
    m, lang = metric(metric_id), language()
    args = {"label": m.label_in(lang), "value": m.format(now, lang), "help": m.help(lang), **kw}
    change = m.change(now, before, lang) if compare else ""
    if (deck := collected()) is not None:  # the page's slide deck shows the same tile
        deck.tiles.append(Tile(args["label"], args["value"], change or (t("— belum ada pembanding") if compare
                                                                         else "")))
    if not compare:
        column.metric(**args)
        return
    if change is None:
        column.metric(**args, delta=t("— belum ada pembanding"), delta_color="off", delta_arrow="off")
        return
    moved = not change.startswith("±")
    color = {"up": "normal", "down": "inverse"}.get(m.polarity, "off") if moved else "off"
    column.metric(**args, delta=change, delta_color=color, delta_arrow="auto" if moved else "off")


def metric_columns(figures: dict[str, str]) -> tuple[dict[str, str], dict, dict]:
    """For table columns holding catalog figures (``{column: metric id}``): their headers, formats and help
    texts, as ``show`` takes them (labels, fmt, column_config)."""
    lang = language()
    labels = {col: metric(mid).header(lang) for col, mid in figures.items()}
    fmt = {col: partial(metric(mid).format, lang=lang) for col, mid in figures.items()}
    config = {labels[col]: st.column_config.Column(help=metric(mid).help(lang)) for col, mid in figures.items()}
    return labels, fmt, config


def percent1(x: float | None) -> str:
    return percent(x, 1)


def number1(x: float | None) -> str:
    return number(x, 1)


def show(df: pd.DataFrame, labels: dict[str, str], fmt: dict | None = None, key: str | None = None, *,
         export: bool | Callable[[], pd.DataFrame] = True, title: str | None = None, period: str | None = None,
         source: str | None = None, **kw) -> None:
    """A sortable table, columns renamed, cells in the viewer's language (``ui.format.styled``: ``fmt`` per
    column, else dates "4 Des 2026" and numbers "1.234"; missing "—") with the raw values underneath.

    Under it, CSV and XLSX downloads of the same columns and headers (``ui.exports.buttons``: ``title``,
    ``period`` and ``source`` for the file's header block); ``export`` may instead give the function of the
    rows to export (all of them, when the page shows only the first ones), or False for none."""
    shown = df[list(labels)].rename(columns=labels)
    st.dataframe(styled(shown, {labels[c]: fn for c, fn in (fmt or {}).items()}), hide_index=True, key=key,
                 placeholder=EMPTY, **kw)
    if export is True:
        buttons(df, labels, fmt, key, title=title, period=period, source=source)  # the rows go into the deck there
        return
    collect_table(df, labels, fmt, title)
    if export is not False:
        buttons(export, labels, fmt, key, title=title, period=period, source=source)


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
