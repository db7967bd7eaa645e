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

import io
from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from analytics import sentiment_trends
from analytics.briefing import HEADLINE, Briefing, briefing, with_data
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import day, day_range, moment, number
from analytics.i18n import translate
from analytics.labels import topic
from analytics.metrics import metric
from analytics.norms import Norms
from analytics.opd import region_name
from reports.branding import Branding, branding
from reports.sentences import figure_parts, league_sentence, most_overdue, rising_sentence
from reports.tables import ZONE

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
PASSIVE_SHOWN = 10
OVERDUE_SHOWN = 5
TOPICS_SHOWN = 8
GREY = RGBColor(0x55, 0x55, 0x55)


def briefing_deck(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
                  lang: str = "id") -> bytes:
    """The deck of the view (the Ringkasan's briefing for the same filters and scope), as .pptx bytes."""
    b = briefing(wh, filters, scope, norms, today, lang)
    weeks = sentiment_trends.trend(wh, filters, scope, "komentar", "pekan")
    return Deck(branding(), lang).build(b, weeks, region_name(wh), filters)


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


class Deck:
    def __init__(self, brand: Branding, lang: str) -> None:
        self.brand, self.lang = brand, lang
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT

    def t(self, text: str, /, *args: object, **fields: object) -> str:
        return translate(text, self.lang, *args, **fields)

    # --- the slides -------------------------------------------------------------------------------------

    def build(self, b: Briefing, weeks: pd.DataFrame, region: str, filters: Filters) -> bytes:
        t, f = self.t, b.figures
        period = day_range(filters.start, filters.end, lang=self.lang)
        self.title_slide(region, period)
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

    def title_slide(self, region: str, period: str) -> None:
        t = self.t
        generated = t("Dibuat {}", moment(datetime.now(ZONE), lang=self.lang))
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only: the deck's title
        band = slide.shapes.add_shape(1, 0, 0, WIDTH, Inches(0.35))
        band.fill.solid()
        band.fill.fore_color.rgb = _rgb(self.brand.primary)
        band.line.fill.background()
        top = Inches(1.8)
        if self.brand.logo is not None:
            slide.shapes.add_picture(str(self.brand.logo), MARGIN, top, height=Inches(1.8))
        left = MARGIN + (Inches(2.2) if self.brand.logo is not None else 0)
        head = slide.shapes.title
        head.left, head.top, head.width, head.height = left, top, WIDTH - left - MARGIN, Inches(1.0)
        head.text = t("Paket Briefing Apel")
        para = head.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.LEFT
        para.runs[0].font.size, para.runs[0].font.bold = Pt(40), True
        para.runs[0].font.color.rgb = _rgb(self.brand.primary)
        box = slide.shapes.add_textbox(left, top + Inches(1.1), WIDTH - left - MARGIN, Inches(2.5))
        box.name = "takeaway"
        name = region if self.brand.name == Branding().name else self.brand.name
        self.write(box.text_frame, [(name, 24, False, None), (period, 20, False, GREY), (generated, 14, False, GREY)])
        self.footer(slide)
        slide.notes_slide.notes_text_frame.text = "\n".join([t("Paket Briefing Apel"), region, period, generated])

    def slide(self, title: str, takeaway: str, notes: Sequence[str]):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        head = slide.shapes.title
        head.left, head.top, head.height = MARGIN, Inches(0.3), Inches(0.9)
        head.width = WIDTH - 2 * MARGIN - Inches(1.2)  # the logo on the right
        head.text = title
        para = head.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.LEFT
        para.runs[0].font.size, para.runs[0].font.bold = Pt(32), True
        para.runs[0].font.color.rgb = _rgb(self.brand.primary)
        box = slide.shapes.add_textbox(MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(0.6))
        box.name = "takeaway"
        self.write(box.text_frame, [(takeaway, 20, False, GREY)])
        bar = slide.shapes.add_shape(1, MARGIN, Inches(1.85), Inches(1.5), Inches(0.06))
        bar.fill.solid()
        bar.fill.fore_color.rgb = _rgb(self.brand.accent)
        bar.line.fill.background()
        if self.brand.logo is not None:
            slide.shapes.add_picture(str(self.brand.logo), WIDTH - MARGIN - Inches(0.9), Inches(0.3),
                                     height=Inches(0.9))
        self.footer(slide)
        slide.notes_slide.notes_text_frame.text = "\n".join([takeaway, *notes])
        return slide

    def footer(self, slide) -> None:
        box = slide.shapes.add_textbox(MARGIN, HEIGHT - Inches(0.5), WIDTH - 2 * MARGIN, Inches(0.35))
        box.name = "footer"
        self.write(box.text_frame, [(self.brand.footer, 10, False, GREY)])

    @staticmethod
    def write(frame, lines: Sequence[tuple[str, int, bool, RGBColor | None]]) -> None:
        frame.word_wrap = True
        for i, (text, size, bold, color) in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = para.add_run()
            run.text = text
            run.font.size, run.font.bold = Pt(size), bold
            if color is not None:
                run.font.color.rgb = color

    def figure_line(self, b: Briefing, key: str, metric_id: str, basis: str) -> tuple[str, str, str]:
        """(label, value, change) as the page's tile writes them."""
        label, value, change = figure_parts(b, key, metric_id, self.lang)
        return label, value, f"{change} {basis}" if change else self.t("— belum ada pembanding")

    def figures(self, slide, b: Briefing, which: Sequence[tuple[str, str, str]], filters: Filters) -> None:
        notes = []
        width, height = (WIDTH - 2 * MARGIN - Inches(0.6)) / 3, Inches(2.0)
        for i, (key, metric_id, basis) in enumerate(which):
            label, value, change = self.figure_line(b, key, metric_id, self.t(basis, filters.days))
            left, top = MARGIN + (width + Inches(0.3)) * (i % 3), Inches(2.2) + (height + Inches(0.3)) * (i // 3)
            box = slide.shapes.add_shape(1, Emu(int(left)), top, Emu(int(width)), height)
            box.name = f"figure:{metric_id}"
            box.fill.solid()
            box.fill.fore_color.rgb = RGBColor(0xF4, 0xF4, 0xF4)
            box.line.color.rgb = _rgb(self.brand.primary)
            self.write(box.text_frame, [(label, 16, False, GREY), (value, 36, True, _rgb(self.brand.primary)),
                                        (change, 14, False, GREY)])
            for para in box.text_frame.paragraphs:
                para.alignment = PP_ALIGN.CENTER
            notes.append(f"{label}: {value} ({change})")
        self.add_notes(slide, notes)

    @staticmethod
    def add_notes(slide, notes: Sequence[str]) -> None:
        frame = slide.notes_slide.notes_text_frame
        frame.text = "\n".join([frame.text, *notes]).strip("\n")

    def points(self, points: Sequence[str]) -> None:
        t = self.t
        slide = self.slide(t("Poin bicara"), t("{} hal untuk disampaikan pada apel.", len(points)), points)
        box = slide.shapes.add_textbox(MARGIN, Inches(2.1), WIDTH - 2 * MARGIN, Inches(4.8))
        self.write(box.text_frame, [(f"{i}. {p}", 18, False, None) for i, p in enumerate(points, 1)])

    def table(self, slide, rows: Sequence[Sequence[str]], left, top, width, widths: Sequence[float],
              size: int = 14) -> None:
        shape = slide.shapes.add_table(len(rows), len(rows[0]), left, top, width, Inches(0.35) * len(rows))
        table = shape.table
        for j, w in enumerate(widths):
            table.columns[j].width = Emu(int(width * w))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                cell = table.cell(i, j)
                cell.text = text
                font = cell.text_frame.paragraphs[0].runs[0].font
                font.size, font.bold = Pt(size), i == 0
                if i == 0:
                    font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = _rgb(self.brand.primary)

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
            self.table(slide, [head, *body], left, Inches(2.7), Emu(int(width)), (0.2, 0.55, 0.25))

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
        chart.plots[0].series[0].format.line.color.rgb = _rgb(self.brand.primary)

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
        chart.plots[0].series[0].format.fill.fore_color.rgb = _rgb(self.brand.accent)
        chart.plots[0].series[1].format.fill.solid()
        chart.plots[0].series[1].format.fill.fore_color.rgb = _rgb(self.brand.primary)
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
                   size=11)  # ten OPD with their reasons fit the slide
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

    def save(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()
