"""Download buttons under a table: CSV and XLSX (``reports.tables``) with the view's header block — report,
region, period, filters, generated at, source — and the headers and number formats the page shows.

The file is made when the button is clicked (Streamlit calls the data function then, outside the page run:
every text is put in the viewer's language now, only the time and, if asked, the full rows come later).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import warehouse_file
from analytics.db import Warehouse
from analytics.fmt import moment as fmt_moment
from analytics.metrics import Metric
from analytics.opd import region_name
from reports import pack
from reports.charts import ChartInfo, chart_image
from reports.page_deck import ROWS_SHOWN, Chart, Table, page_deck
from reports.tables import ZONE, Meta, Number, table_csv, table_xlsx
from ui import access, session
from ui.filters import filters_text
from ui.format import cell_texts, day_range
from ui.i18n import language, t
from ui.page import collected, compute, current, opd_names, page_name, section, viewer

XLSX, PPTX = pack.MEDIA["xlsx"], pack.MEDIA["pptx"]

# How the page's format functions write a number (module, name) → decimals and share.
KNOWN = {("ui.format", "number"): Number(0), ("ui.format", "number1"): Number(1),
         ("ui.format", "percent"): Number(0, True), ("ui.format", "percent1"): Number(1, True),
         ("ui.format", "duration"): Number(1), ("ui.widgets", "number1"): Number(1),
         ("ui.widgets", "percent1"): Number(1, True)}


def number_format(fn: Callable | None) -> Number | None:
    """The Number a page's cell format writes: a metric's (``ui.widgets.metric_columns``), ui.format's
    number/percent/duration (also with ``decimals`` bound by functools.partial); None when unknown."""
    inner = getattr(fn, "func", None)
    owner = getattr(inner, "__self__", None)
    if isinstance(owner, Metric):
        return Number.of(owner)
    base = KNOWN.get((getattr(inner or fn, "__module__", ""), getattr(inner or fn, "__name__", "")))
    if base is None or inner is None:
        return base
    decimals = fn.keywords.get("decimals", fn.args[0] if fn.args else base.decimals)
    return Number(decimals, base.share)


def download(where, label: str, data: Callable[[], bytes], name: str, mime: str, **kw: Any) -> None:
    """A download button (made on click), only for a viewer whose role may download (``ui.access``); each
    download is in the audit log with who, the file and its size."""
    who = viewer()
    if who is None or not access.may_export(who.role):
        return

    def audited() -> bytes:  # on click, outside the page run
        made = data()
        session.store().audit(who.username, "export", name, f"{len(made)} bytes")
        return made

    where.download_button(label, audited, name, mime, **kw)


def page_slug() -> str:
    """The page's file name ("pengaduan", "opd-pasif"): part of a download's file name."""
    return page_name().replace("_", "-")


def buttons(frame: pd.DataFrame | Callable[[], pd.DataFrame], labels: Mapping[str, str], fmt: Mapping | None = None,
            key: str | None = None, *, title: str | None = None, period: str | None = None,
            source: str | None = None) -> None:
    """CSV and XLSX buttons, side by side, for ``frame`` (or the function giving the rows to export, e.g. all of
    them when the page shows the first 1,000) with the columns and headers of ``labels``. The header block
    says ``title`` (else the page's title), ``period`` (else the view's) and ``source``. A frame given as rows
    also goes into the page's slide deck (``collect_table``)."""
    page = current()
    if page is None:  # not drawn by ui.page.start: no view to describe
        return
    page_title, view = page
    lang, labels = language(), dict(labels)
    if isinstance(frame, pd.DataFrame):  # the rows shown (else the page's show() collected them)
        collect_table(frame, labels, fmt, title)
    formats = {c: n for c, f in (fmt or {}).items() if (n := number_format(f))}
    parts = {"title": title or page_title, "period": period or day_range(view.filters.start, view.filters.end),
             "filters": filters_text(view.filters, opd_names(view)), "region": compute(region_name, view),
             "source": source or t("Gudang data Sorot"), "lang": lang}
    key = key or "tabel_" + hashlib.sha1("|".join(labels).encode()).hexdigest()[:6]
    name = f"sorot_{page_slug()}_{key}_{view.today.isoformat()}"

    def made(write: Callable) -> Callable[[], bytes]:
        def data() -> bytes:  # on click, outside the page run
            rows = frame() if callable(frame) else frame
            return write(rows, labels, Meta(**parts, generated_at=datetime.now(ZONE)), formats)
        return data

    row = st.container(horizontal=True, gap="small")
    hint = t("Tabel lengkap dengan judul, periode, saringan dan sumber")
    download(row, t("Unduh CSV"), made(table_csv), f"{name}.csv", "text/csv", key=f"{key}_csv", help=hint,
                        on_click="ignore", type="tertiary", icon=":material/download:")
    download(row, t("Unduh XLSX"), made(table_xlsx), f"{name}.xlsx", XLSX, key=f"{key}_xlsx", help=hint,
                        on_click="ignore", type="tertiary", icon=":material/download:")


def chart_texts(fig: go.Figure) -> tuple[str, str]:
    """A page chart's title and its source line (the caption under it, ``ui.charts.style``)."""
    source = next((a.text for a in fig.layout.annotations if a.yref == "paper" and (a.y or 0) < 0),
                  t("Gudang data Sorot"))
    return fig.layout.title.text or "", source


def collect_chart(fig: go.Figure) -> None:
    """The chart, as drawn now, into the page's slide deck (``ui.page.collected``)."""
    if (deck := collected()) is not None:
        title, source = chart_texts(fig)
        deck.items.append(Chart(go.Figure(fig), title, source))


def collect_table(frame: pd.DataFrame, labels: Mapping[str, str], fmt: Mapping | None, title: str | None) -> None:
    """The table's first rows as the page writes them into the page's slide deck."""
    if (deck := collected()) is None:
        return
    shown = frame[list(labels)].head(ROWS_SHOWN)
    rows = cell_texts(shown, {c: f for c, f in (fmt or {}).items() if c in labels})
    deck.items.append(Table(title or section() or deck.title, tuple(labels.values()), tuple(rows), len(frame)))


def page_deck_button() -> None:
    """The sidebar's download of the page's slide deck (``reports.page_deck``), made on click from what the
    page drew in this run; nothing when the page has no deck or drew nothing."""
    deck = collected()
    if deck is None or not (deck.tiles or deck.items):
        return
    today, lang = current()[1].today, deck.lang

    def data() -> bytes:  # on click, outside the page run
        return page_deck(deck, fmt_moment(datetime.now(ZONE), lang=lang))

    name = f"sorot_{page_slug()}_{today.isoformat()}.pptx"
    download(
        st.sidebar, t("Unduh salindia halaman (PPTX)"), data, name, PPTX, key="page_deck_pptx", on_click="ignore",
        icon=":material/slideshow:", width="stretch",
        help=t("Halaman ini sebagai salindia PowerPoint: angka, grafik (dapat disunting) dan tabel, dengan catatan "
               "pembicara"))


def chart_buttons(fig: go.Figure, key: str) -> None:
    """PNG (1600 px) and SVG buttons for a page's chart, with its title, the view's period and filters, the
    chart's source line, the time and the pemda's brand in the image (``reports.charts``); rendered on click."""
    page = current()
    if page is None:
        return
    _, view = page
    title, source = chart_texts(fig)
    parts = {"title": title, "period": day_range(view.filters.start, view.filters.end),
             "filters": filters_text(view.filters, opd_names(view)), "source": source}
    lang, name = language(), f"sorot_{page_slug()}_{key}_{view.today.isoformat()}"
    frozen = go.Figure(fig)  # the figure as drawn now; the click comes after the page run

    def made(fmt: str) -> Callable[[], bytes]:
        def data() -> bytes:  # on click, outside the page run
            info = ChartInfo(**parts, generated=fmt_moment(datetime.now(ZONE), lang=lang))
            return chart_image(frozen, info, fmt)
        return data

    row = st.container(horizontal=True, gap="small")
    hint = t("Gambar grafik dengan judul, periode, saringan, sumber dan logo pemda")
    download(row, t("Unduh PNG"), made("png"), f"{name}.png", "image/png", key=f"{key}_png", help=hint,
                        on_click="ignore", type="tertiary", icon=":material/image:")
    download(row, t("Unduh SVG"), made("svg"), f"{name}.svg", "image/svg+xml", key=f"{key}_svg", help=hint,
                        on_click="ignore", type="tertiary", icon=":material/image:")


PACK_LABELS = {"pptx": ("Unduh paket briefing (PPTX)", ":material/slideshow:",
                         "Salindia PowerPoint untuk apel: angka, poin bicara, grafik dan tabel tampilan ini"),
               "pdf": ("Unduh paket briefing (PDF)", ":material/picture_as_pdf:",
                       "PDF A4 mendatar: halaman pertama ringkasan satu halaman, lalu grafik dan daftar"),
               "xlsx": ("Unduh paket briefing (XLSX)", ":material/table_view:",
                        "Buku kerja: angka utama, peringkat, OPD pasif, sentimen per pekan, topik naik, pengaduan "
                        "lewat batas")}


def pack_buttons() -> None:
    """The briefing pack (``reports.pack``) of the current view and language in each of its formats, made on
    click: the view's plain values are kept now, the warehouse is opened read-only then (outside the page run)."""
    page = current()
    if page is None:
        return
    _, view = page
    filters, scope, norms, today, lang = view.filters, view.scope, view.norms, view.today, language()
    db = warehouse_file.default_db()

    def made(fmt: str) -> Callable[[], bytes]:
        def data() -> bytes:  # on click, outside the page run
            con = warehouse_file.open_read_only(db)
            try:
                return pack.make(fmt, Warehouse(warehouse_file.read_cursor(con)), filters, scope, norms, today, lang)
            finally:
                con.close()
        return data

    row = st.container(horizontal=True, gap="small")
    for fmt, (label, icon, hint) in PACK_LABELS.items():
        download(row, t(label), made(fmt), f"sorot_{page_slug()}_{today.isoformat()}.{fmt}", pack.MEDIA[fmt],
                            key=f"apel_{fmt}", on_click="ignore", type="tertiary", icon=icon, help=t(hint))
