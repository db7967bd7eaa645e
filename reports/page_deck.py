"""A page of the app as a 16:9 slide deck: a title slide (page, period, filters), the page's figures as boxes,
then one slide per chart — a native, editable PowerPoint chart with its data embedded where the chart is plain
bars or lines, else the chart's branded picture (``reports.charts``) — and one per table (its first rows as a
native table). Every slide has its title, a one-line takeaway and speaker notes listing the figures.

The app collects what a page draws (``ui.page_deck``): the same figures, charts and cells the viewer sees, so
the deck says the page's numbers. The takeaway of a chart is read from its data: the latest and the highest
value of a series over time, the highest and lowest category of a bar chart, the biggest cell of a heatmap.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches

from analytics.fmt import SHORT, day, missing, number, percent
from reports.branding import Branding, branding
from reports.charts import ChartInfo, chart_image
from reports.render import RenderError
from reports.slides import BODY_TOP, GREY, HEIGHT, MARGIN, WIDTH, Slides, rgb

ROWS_SHOWN = 12  # table rows on a slide
POINTS_NOTED = 24  # points of a series in the speaker notes (the latest, over time)
MAX_CATEGORIES, MAX_SERIES = 60, 12  # beyond these a native chart is unreadable: a picture instead
BOXES = 6  # figure boxes on a slide


@dataclass(frozen=True)
class Tile:
    """A figure as the page shows it: label, value and change, already formatted."""

    label: str
    value: str
    change: str = ""


@dataclass(frozen=True)
class Chart:
    figure: go.Figure
    title: str
    source: str = ""


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first rows, as the page writes them
    total: int  # rows in the whole table


@dataclass
class PageView:
    """What a page drew in one run, in its order, and what it was about (texts in the viewer's language)."""

    title: str
    period: str
    filters: str
    region: str
    lang: str = "id"
    tiles: list[Tile] = field(default_factory=list)
    items: list[Chart | Table] = field(default_factory=list)


@dataclass(frozen=True)
class Series:
    name: str
    x: list
    y: list[float | None]


def page_deck(view: PageView, generated: str, brand: Branding | None = None) -> bytes:
    """The deck of a page view as .pptx bytes; ``generated`` = when (for a chart picture's footer)."""
    deck = PageSlides(brand or branding(), view.lang)
    deck.title_slide(view.title, view.region, [view.period, view.filters])
    for start in range(0, len(view.tiles), BOXES):
        deck.tiles(view.tiles[start:start + BOXES])
    for item in view.items:
        if isinstance(item, Chart):
            deck.chart(item, ChartInfo(item.title, view.period, view.filters, item.source or "", generated))
        else:
            deck.table_slide(item)
    return deck.save()


# --- reading a plotly figure ----------------------------------------------------------------------------

def _dates(values: Sequence) -> list[date] | None:
    """``values`` as dates, or None when they are not all dates."""
    array = np.asarray(values)
    if array.dtype.kind == "M":
        return None if pd.isna(array).any() else [pd.Timestamp(v).date() for v in array]
    if array.dtype == object and len(array) and all(isinstance(v, date) for v in array):
        return [v.date() if isinstance(v, datetime) else v for v in array]
    return None


def _number(v: object) -> float | None:
    return None if missing(v) or isinstance(v, str) else float(v)


def series(fig: go.Figure) -> list[Series] | None:
    """The figure's traces as category series when it is plain bars or plain lines on one value axis (what a
    native PowerPoint chart can be); None otherwise (heatmaps, a second axis, bars mixed with lines…)."""
    traces = list(fig.data)
    if not traces or {tr.type for tr in traces} not in ({"bar"}, {"scatter"}):
        return None
    if any((getattr(tr, "yaxis", None) or "y") != "y" or (getattr(tr, "xaxis", None) or "x") != "x" for tr in traces):
        return None
    if traces[0].type == "scatter" and any("lines" not in (tr.mode or "lines") for tr in traces):
        return None
    across = {getattr(tr, "orientation", None) or "v" for tr in traces}
    if len(across) > 1:
        return None
    flat = across == {"h"}
    out = []
    for tr in traces:
        cats, vals = (tr.y, tr.x) if flat else (tr.x, tr.y)
        if cats is None or vals is None:
            return None
        days = _dates(cats)
        out.append(Series(tr.name or "", list(days if days is not None else cats), [_number(v) for v in vals]))
    return out


def _is_share(fig: go.Figure) -> bool:
    axis = fig.layout.xaxis if all(getattr(tr, "orientation", None) == "h" for tr in fig.data) else fig.layout.yaxis
    return "%" in (axis.tickformat or "")


class PageSlides(Slides):
    """The slides of a page."""

    def label(self, x: object) -> str:
        return day(x, SHORT, lang=self.lang) if isinstance(x, date) else str(x)

    def value(self, v: float | None, share: bool) -> str:
        if v is None:
            return "—"
        if share:
            return percent(v, 1, lang=self.lang)
        return number(v, 0 if float(v).is_integer() else 1, lang=self.lang)

    def tiles(self, tiles: Sequence[Tile]) -> None:
        notes = [f"{x.label}: {x.value}" + (f" ({x.change})" if x.change else "") for x in tiles]
        slide = self.slide(self.t("Angka utama"), "; ".join(notes[:2]) + ("; …" if len(notes) > 2 else ""), [])
        self.boxes(slide, [(x.label, x.value, x.change, f"figure:{i}") for i, x in enumerate(tiles)])

    def takeaway(self, fig: go.Figure, found: list[Series] | None) -> str:
        """One line on what the chart shows, read from its data."""
        named = len(fig.data) > 1  # which series the line is about
        if found:
            return self.series_takeaway(found, _is_share(fig), named, fig.layout.yaxis.autorange == "reversed")
        heat = next((tr for tr in fig.data if tr.type == "heatmap"), None)
        if heat is not None and heat.z is not None and np.size(heat.z):
            z = np.asarray(heat.z, dtype=float)
            i, j = np.unravel_index(np.nanargmax(z), z.shape)
            rows, columns = (list(range(n)) if axis is None else axis for axis, n in ((heat.y, z.shape[0]),
                                                                                   (heat.x, z.shape[1])))
            return self.t("Sel tertinggi: {row} · {column} ({value})", row=rows[i], column=columns[j],
                          value=self.value(float(z[i, j]), False))
        found = series(go.Figure([tr for tr in fig.data if tr.type in ("bar", "scatter")][:1]))
        return self.series_takeaway(found, _is_share(fig), named) if found else ""

    def series_takeaway(self, found: list[Series], share: bool, named: bool, low_is_best: bool = False) -> str:
        s = next((s for s in found if any(v is not None for v in s.y)), None)
        if s is None:
            return self.t("Belum ada data untuk periode ini.")
        points = [(x, v) for x, v in zip(s.x, s.y, strict=True) if v is not None]
        top = max(points, key=lambda p: p[1])
        name = f"{s.name}: " if s.name and named else ""
        if all(isinstance(x, date) for x, _ in points):
            last = points[-1]
            if low_is_best:  # a rank: 1 is the best, drawn on top
                best = min(points, key=lambda p: p[1])
                return name + self.t("terakhir {value} ({when}); terbaik {top} ({top_when})",
                                     value=self.value(last[1], share), when=self.label(last[0]),
                                     top=self.value(best[1], share), top_when=self.label(best[0]))
            return name + self.t("terakhir {value} ({when}); tertinggi {top} ({top_when})",
                                 value=self.value(last[1], share), when=self.label(last[0]),
                                 top=self.value(top[1], share), top_when=self.label(top[0]))
        low = min(points, key=lambda p: p[1])
        return name + self.t("tertinggi {top} ({top_value}); terendah {low} ({low_value})", top=self.label(top[0]),
                             top_value=self.value(top[1], share), low=self.label(low[0]),
                             low_value=self.value(low[1], share))

    def notes(self, found: list[Series] | None, share: bool) -> list[str]:
        out = []
        for s in (found or [])[:MAX_SERIES]:
            points = [(x, v) for x, v in zip(s.x, s.y, strict=True) if v is not None][-POINTS_NOTED:]
            out.append(f"{s.name or self.t('Nilai')}: " + "; ".join(f"{self.label(x)} {self.value(v, share)}"
                                                                     for x, v in points))
        return out

    def chart(self, item: Chart, info: ChartInfo) -> None:
        fig = item.figure
        found, share = series(fig), _is_share(fig)
        slide = self.slide(item.title, self.takeaway(fig, found), [*self.notes(found, share),
                                                                    *([item.source] if item.source else [])])
        categories = list(dict.fromkeys(x for s in found or [] for x in s.x))
        if found and len(categories) <= MAX_CATEGORIES and len(found) <= MAX_SERIES:
            self.native(slide, fig, found, categories, share)
            return
        try:
            png = chart_image(fig, info, "png")
        except RenderError as err:
            box = slide.shapes.add_textbox(MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, Inches(1))
            self.write(box.text_frame, [(self.t("Grafik tidak dapat digambar: {}", err), 16, False, GREY)])
            return
        height = HEIGHT - BODY_TOP - Inches(0.6)
        slide.shapes.add_picture(io.BytesIO(png), MARGIN, BODY_TOP, height=height)

    def native(self, slide, fig: go.Figure, found: list[Series], categories: list, share: bool) -> None:
        """An editable chart with the figure's data embedded."""
        if any(isinstance(c, date) for c in categories):
            categories = sorted(categories)
        data = CategoryChartData(number_format="0.0%" if share else "#,##0.#")
        data.categories = [self.label(c) for c in categories]
        for s in found:
            values = dict(zip(s.x, s.y, strict=True))
            data.add_series(s.name or self.t("Nilai"), [values.get(c) for c in categories])
        kind = self.kind(fig, found)
        chart = slide.shapes.add_chart(kind, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, HEIGHT - BODY_TOP - Inches(0.6),
                                       data).chart
        chart.has_legend = len(found) > 1
        if chart.has_legend:
            chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
        if share:
            axis = chart.value_axis.tick_labels
            axis.number_format, axis.number_format_is_linked = "0%", False
        if kind in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.BAR_STACKED):
            chart.category_axis.reverse_order = True  # the first category on top, as on the page
        palette = list(fig.layout.colorway or [])
        for i, (plot_series, trace) in enumerate(zip(chart.plots[0].series, fig.data, strict=False)):
            color = (trace.marker.color if trace.type == "bar" else trace.line.color) or (
                palette[i % len(palette)] if palette else None)
            if not (isinstance(color, str) and color.startswith("#") and len(color) == 7):
                continue
            if kind == XL_CHART_TYPE.LINE_MARKERS:
                plot_series.format.line.color.rgb = rgb(color)
            else:
                plot_series.format.fill.solid()
                plot_series.format.fill.fore_color.rgb = rgb(color)

    @staticmethod
    def kind(fig: go.Figure, found: list[Series]) -> XL_CHART_TYPE:
        if fig.data[0].type == "scatter":
            return XL_CHART_TYPE.LINE_MARKERS
        stacked = fig.layout.barmode in ("stack", "relative")
        if all(getattr(tr, "orientation", None) == "h" for tr in fig.data):
            return XL_CHART_TYPE.BAR_STACKED if stacked else XL_CHART_TYPE.BAR_CLUSTERED
        return XL_CHART_TYPE.COLUMN_STACKED if stacked else XL_CHART_TYPE.COLUMN_CLUSTERED

    def table_slide(self, item: Table) -> None:
        """The table's first rows — as many as fit above the footer, at most ROWS_SHOWN — as a native table."""
        size = 12 if len(item.headers) <= 5 else 10 if len(item.headers) <= 8 else 8
        first = item.rows[:ROWS_SHOWN]
        wide = [min(max(len(h), *(len(r[j]) for r in first), 4), 40) for j, h in enumerate(item.headers)]
        widths = [w / sum(wide) for w in wide]
        shown = first[:fitting([item.headers, *first], widths, size) - 1]
        more = item.total - len(shown)
        takeaway = self.t("Tidak ada baris.") if not item.total else self.t("{n} baris", n=number(item.total,
                                                                                                   lang=self.lang)) + (
            self.t("; {} pertama di salindia ini, semuanya di unduhan XLSX halaman", len(shown)) if more > 0 else "")
        notes = ["; ".join(f"{h}: {v}" for h, v in zip(item.headers, row, strict=True)) for row in shown]
        slide = self.slide(item.title, takeaway, notes)
        if shown:
            self.table(slide, [list(item.headers), *map(list, shown)], MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, widths,
                       size=size)


def fitting(rows: Sequence[Sequence[str]], widths: Sequence[float], size: int) -> int:
    """How many of ``rows`` (the header first) fit between the takeaway and the footer when each cell wraps in
    its column: a row is as tall as its longest cell's lines (about half an em a character)."""
    room, line = (HEIGHT - BODY_TOP - Inches(0.7)) / 914400, size * 1.3 / 72  # inches
    chars = [max(int(((WIDTH - 2 * MARGIN) / 914400 * w - 0.2) / (size * 0.55 / 72)), 1) for w in widths]
    used = 0.0
    for n, row in enumerate(rows):
        lines = max(-(-len(text) // per) or 1 for text, per in zip(row, chars, strict=True))
        used += lines * line + 0.12  # the cell's margins
        if used > room:
            return n
    return len(rows)
