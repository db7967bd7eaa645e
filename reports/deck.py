"""The slide deck of the Paket Briefing Apel: the Ringkasan Apel of a view as a 16:9 PowerPoint file, in the
pemda's colours and logo (``reports.branding``), for the regent's Monday assembly.

Slides: title; the six headline figures; talking points; top and bottom OPD (a native table); weekly negative
comment share (a native, editable line chart); rising complaint topics (a native bar chart); passive OPD and
their reasons; complaints received, within the SLA and overdue now, with the OPD holding most overdue. Every
slide has a title, a one-line takeaway and speaker notes listing its figures. Every figure is written by the
metric catalog from the same ``analytics.briefing`` result as the page; a slide the data cannot support is left
out, and a period without data gives the title, "belum ada data" and the overdue figure only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches

from analytics import sentiment_trends
from analytics.briefing import HEADLINE, Briefing, briefing, with_data
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import day, day_range, number
from analytics.labels import topic
from analytics.metrics import metric
from analytics.norms import Norms
from analytics.opd import region_name
from reports.branding import branding
from reports.sentences import figure_parts, league_sentence, most_overdue, rising_sentence
from reports.slides import GREY, HEIGHT, MARGIN, WIDTH, Slides, rgb

PASSIVE_SHOWN = 8  # with their reasons (two lines each), they fit above the footer
OVERDUE_SHOWN = 5
TOPICS_SHOWN = 8


def briefing_deck(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
                  lang: str = "id") -> bytes:
    """The deck of the view (the Ringkasan's briefing for the same filters and scope), as .pptx bytes."""
    b = briefing(wh, filters, scope, norms, today, lang)
    weeks = sentiment_trends.trend(wh, filters, scope, "komentar", "pekan")
    return Deck(branding(), lang).build(b, weeks, region_name(wh), filters)


class Deck(Slides):
    """The briefing's slides."""

    # --- the slides -------------------------------------------------------------------------------------

    def build(self, b: Briefing, weeks: pd.DataFrame, region: str, filters: Filters) -> bytes:
        t, f = self.t, b.figures
        period = day_range(filters.start, filters.end, lang=self.lang)
        self.title_slide(t("Paket Briefing Apel"), region, [period])
        if not b.has_period_data:  # nothing of the period itself; open complaints today are not a figure of it
            slide = self.slide(t("Angka utama"), t("Belum ada data untuk periode ini."), [])
            if f["overdue"].value is not None and b.complaints_held:
                self.figures(slide, b, [HEADLINE[-1]], filters)
            return self.save()
        before = filters.previous()
        slide = self.slide(t("Angka utama"), t("Perubahan dibanding {period}.",
                                                period=day_range(before.start, before.end, lang=self.lang)), [])
        self.figures(slide, b, HEADLINE, filters)
        if b.points:
            self.points(b.points)
        ranked = with_data(b.league)
        if len(ranked) >= 2:
            self.league(ranked)
        if len(weeks):
            self.negative(weeks, b)
        if len(b.rising):
            self.rising(b.rising)
        if f["posts"].value is not None:  # passive is judged only when the period has post data
            self.passive(b.passive)
        if b.complaints_held:
            self.complaints(b, filters)
        return self.save()

    def figure_line(self, b: Briefing, key: str, metric_id: str, basis: str) -> tuple[str, str, str]:
        """(label, value, change) as the page's tile writes them."""
        label, value, change = figure_parts(b, key, metric_id, self.lang)
        return label, value, f"{change} {basis}" if change else self.t("— belum ada pembanding")

    def figures(self, slide, b: Briefing, which: Sequence[tuple[str, str, str]], filters: Filters) -> None:
        """The headline figures ``which`` (HEADLINE entries) as the page's tiles write them."""
        self.boxes(slide, [(*self.figure_line(b, key, metric_id, self.t(basis, filters.days)), f"figure:{metric_id}")
                           for key, metric_id, basis in which])

    def points(self, points: Sequence[str]) -> None:
        t = self.t
        slide = self.slide(t("Poin bicara"), t("{} hal untuk disampaikan pada apel.", len(points)), points)
        box = slide.shapes.add_textbox(MARGIN, Inches(2.1), WIDTH - 2 * MARGIN, Inches(4.8))
        self.write(box.text_frame, [(f"{i}. {p}", 18, False, None) for i, p in enumerate(points, 1)])

    def league(self, ranked: pd.DataFrame) -> None:
        t, score = self.t, metric("score")
        takeaway = league_sentence(ranked, self.lang)
        head = [metric("rank").header(self.lang), t("OPD"), score.header(self.lang)]
        parts = ((t("5 teratas"), ranked.head(5)), (t("5 terbawah"), ranked.tail(5)))
        rows = {title: [[number(r["rank"], lang=self.lang), str(r["short_name"]), score.format(r["skor"], self.lang)]
                        for _, r in part.iterrows()] for title, part in parts}
        notes = [f"{title}: " + "; ".join(f"{a}. {n} ({s})" for a, n, s in r) for title, r in rows.items()]
        slide = self.slide(t("5 teratas dan 5 terbawah"), takeaway, notes)
        width = (WIDTH - 2 * MARGIN - Inches(0.5)) / 2
        for k, (title, body) in enumerate(rows.items()):
            left = Emu(int(MARGIN + (width + Inches(0.5)) * k))
            label = slide.shapes.add_textbox(left, Inches(2.1), Emu(int(width)), Inches(0.5))
            self.write(label.text_frame, [(title, 18, True, None)])
            self.table(slide, [head, *body], left, Inches(2.7), Emu(int(width)), (0.26, 0.52, 0.22))

    def negative(self, weeks: pd.DataFrame, b: Briefing) -> None:
        t, m = self.t, metric("negative_share_7d")
        label, value, change = self.figure_line(b, "negative_share", "negative_share_7d", t("vs 7 hari sebelumnya"))
        shares = [None if pd.isna(v) else float(v) for v in weeks["negative_share"]]
        ends = [day(e, lang=self.lang) for e in weeks["end"]]
        notes = [f"{t('Pekan sampai {}', e)}: {m.format(v, self.lang)}" for e, v in zip(ends, shares, strict=True)]
        slide = self.slide(t("Porsi komentar negatif per pekan"), f"{label}: {value} ({change})", notes)
        data = CategoryChartData(number_format="0%")
        data.categories = ends
        data.add_series(t("Porsi komentar negatif"), shares)
        frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, MARGIN, Inches(2.1), WIDTH - 2 * MARGIN,
                                       Inches(4.7), data)
        chart = frame.chart
        chart.has_legend = False
        chart.value_axis.tick_labels.number_format, chart.value_axis.tick_labels.number_format_is_linked = "0%", False
        chart.value_axis.minimum_scale = 0  # as on the page: a share from 0, not a zoomed-in wiggle
        chart.plots[0].series[0].format.line.color.rgb = rgb(self.brand.primary)

    def rising(self, rising: pd.DataFrame) -> None:
        t = self.t
        shown = rising.head(TOPICS_SHOWN)
        names = [topic(r, self.lang) for r in shown["topic"]]
        notes = [f"{n}: {number(a, lang=self.lang)} → {number(c, lang=self.lang)}"
                 for n, a, c in zip(names, shown["before"], shown["now"], strict=True)]
        slide = self.slide(t("Topik pengaduan yang naik"), rising_sentence(rising.iloc[0], self.lang)[0], notes)
        data = CategoryChartData()
        data.categories = names
        data.add_series(t("Periode sebelumnya"), [float(v) for v in shown["before"]])
        data.add_series(t("Periode ini"), [float(v) for v in shown["now"]])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, Inches(2.1), WIDTH - 2 * MARGIN,
                                       Inches(4.7), data).chart
        chart.has_legend, chart.legend.position, chart.legend.include_in_layout = True, XL_LEGEND_POSITION.BOTTOM, False
        chart.plots[0].series[0].format.fill.solid()
        chart.plots[0].series[0].format.fill.fore_color.rgb = rgb(self.brand.accent)
        chart.plots[0].series[1].format.fill.solid()
        chart.plots[0].series[1].format.fill.fore_color.rgb = rgb(self.brand.primary)
        chart.category_axis.reverse_order = True  # the biggest rise on top

    def passive(self, passive: pd.DataFrame) -> None:
        t, m = self.t, metric("passive_opd")
        count = f"{m.label_in(self.lang)}: {m.format(len(passive), self.lang)}"
        shown = passive.head(PASSIVE_SHOWN)
        rows = [[str(r["short_name"]), "; ".join(r["reasons"])] for _, r in shown.iterrows()]
        more = len(passive) - len(shown)
        notes = [f"{n}: {r}" for n, r in rows] + ([t("… dan {} OPD lainnya", more)] if more else [])
        slide = self.slide(m.label_in(self.lang), count if len(passive) else t("Tidak ada."), notes)
        if not rows:
            return
        self.table(slide, [[t("OPD"), t("Alasan")], *rows], MARGIN, Inches(2.1), WIDTH - 2 * MARGIN, (0.22, 0.78),
                   size=11)  # PASSIVE_SHOWN OPD with their reasons fit the slide
        if more:
            box = slide.shapes.add_textbox(MARGIN, HEIGHT - Inches(0.9), WIDTH - 2 * MARGIN, Inches(0.4))
            self.write(box.text_frame, [(t("… dan {} OPD lainnya", more), 14, False, GREY)])

    def complaints(self, b: Briefing, filters: Filters) -> None:
        t = self.t
        rows = [[name, number(n, lang=self.lang)] for name, n in most_overdue(b, OVERDUE_SHOWN)]
        label, value, _ = self.figure_line(b, "overdue", "complaints_overdue", "")
        takeaway = f"{label}: {value}" + (t("; terbanyak di {name} ({n})", name=rows[0][0], n=rows[0][1])
                                          if rows else "")
        slide = self.slide(t("Pengaduan"), takeaway, [])
        self.figures(slide, b, [HEADLINE[2], HEADLINE[3], HEADLINE[5]], filters)
        if rows:
            self.table(slide, [[t("OPD"), t("Lewat batas")], *rows], MARGIN, Inches(4.5),
                       (WIDTH - 2 * MARGIN) / 2, (0.7, 0.3))
            self.add_notes(slide, [f"{n}: {k}" for n, k in rows])
