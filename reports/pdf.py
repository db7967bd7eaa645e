"""The PDF of the Paket Briefing Apel: the Ringkasan Apel of a view as an A4 landscape document in the pemda's
colours and logo (``reports.branding``), to print or forward before the regent's Monday assembly.

Pages:

1. the summary, readable alone: a band with the logo, the pemda, the title, the period, the view and the time it
   was made; the six headline figures with their change (as the page's tiles); the numbered talking points; the
   top and bottom 5 OPD. It always fits one page: the points take a smaller type, then the last are left out.
2. top 5 and bottom 5 OPD (rank, names, score, posts, complaints) — with at least two ranked OPD;
3. the weekly share of negative comments (a chart) and the spike weeks (a table);
4. rising complaint topics (a chart, then the topics with their change and kecamatan);
5. passive OPD and their reasons (the first ten) — when the period has post data;
6. complaints: received, within the SLA and overdue now, the OPD holding most overdue, and the oldest overdue
   complaints (the first fifteen) — when the warehouse holds complaints.

Each later page has a title, a one-line takeaway and, as every page, a footer with the pemda's footer text and
"Halaman n/N"; a table too long for its page goes on under "(lanjutan)". Sections follow the deck's rules
(``reports.deck``): one the data cannot support is left out, and a period without data gives the summary page
with "Belum ada data untuk periode ini." and the overdue figure only. Every figure is written by the metric
catalog from the same ``analytics.briefing`` result as the page. Charts are PNG images from
``reports.charts.chart_image``; when one cannot be drawn, a line says so and why, and the PDF is still made.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from fpdf import FPDF
from fpdf.fonts import FontFace

from analytics import complaint_trends, sentiment_trends
from analytics.briefing import HEADLINE, Briefing, briefing, with_data
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import day_range, moment, number, percent
from analytics.i18n import translate
from analytics.labels import topic
from analytics.metrics import metric
from analytics.norms import Norms
from analytics.opd import region_name
from reports import pack_charts
from reports.branding import Branding, branding
from reports.charts import ChartInfo, chart_image
from reports.render import RenderError
from reports.sentences import figure_parts, filters_text, league_sentence, most_overdue, rising_sentence
from reports.tables import ZONE

FONTS = Path(__file__).resolve().parent.parent / "data" / "fonts"
FONT = "DejaVu"
MARGIN, FOOTER, BAND = 12.0, 14.0, 30.0  # mm: page margin, the footer's band, page 1's header band
CHART_WIDTH = 170.0  # mm; the PNG is 16:9
LEAGUE_SHOWN, PASSIVE_SHOWN, SPIKES_SHOWN, TOPICS_SHOWN, OVERDUE_SHOWN, WORST_SHOWN = 5, 10, 8, 8, 15, 5
POINT_SIZES = (11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)  # pt: the talking points shrink to fit page 1
GREY, DARK, LIGHT, WHITE, RULE = (85, 85, 85), (33, 33, 33), (244, 244, 244), (255, 255, 255), (190, 190, 190)


@dataclass(frozen=True)
class Extra:
    """What the PDF shows beyond the briefing: the weekly negative share (``sentiment_trends.trend``), its spike
    weeks (``sentiment_trends.spikes``) and the oldest overdue complaints (``complaint_trends.overdue_list``)."""

    weeks: pd.DataFrame
    spikes: pd.DataFrame
    late: pd.DataFrame

    @classmethod
    def of(cls, wh: Warehouse, b: Briefing, filters: Filters, scope: Scope, norms: Norms, today: date,
           lang: str) -> Extra:
        """Only what a page of the PDF will show is computed."""
        empty = pd.DataFrame()
        if not b.has_period_data:
            return cls(empty, empty, empty)
        weeks = sentiment_trends.trend(wh, filters, scope, "komentar", "pekan")
        spikes = sentiment_trends.spikes(wh, filters, scope, norms) if len(weeks) else empty
        late = (complaint_trends.overdue_list(wh, filters, scope, norms, today, OVERDUE_SHOWN, lang)
                if b.complaints_held else empty)
        return cls(weeks, spikes, late)


def briefing_pdf(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
                 lang: str = "id") -> bytes:
    """The PDF of the view (the Ringkasan's briefing for the same filters and scope), as bytes."""
    b = briefing(wh, filters, scope, norms, today, lang)
    extra = Extra.of(wh, b, filters, scope, norms, today, lang)
    return Document(branding(), lang).build(b, extra, region_name(wh), filters)


def view_text(b: Briefing, filters: Filters, lang: str) -> str:
    """The view's OPD, kind and platform choice in words, as every export writes it (``sentences.filters_text``)."""
    return filters_text(filters, dict(zip(b.league["opd_code"], b.league["short_name"], strict=True)), lang)


def _rgb(color: str) -> tuple[int, int, int]:
    code = color.lstrip("#")
    return int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16)


class Document(FPDF):
    """The pack as an fpdf2 document: A4 landscape, DejaVu Sans embedded (Indonesian text and – → ≥ ± « »)."""

    def __init__(self, brand: Branding, lang: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.brand, self.language = brand, lang
        self.primary, self.accent = _rgb(brand.primary), _rgb(brand.accent)
        self.continued: str | None = None  # the section a page begun by an automatic page break goes on with
        self.made = datetime.now(ZONE)
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, FOOTER + 2)
        self.set_font(FONT, "", 10)

    def t(self, text: str, /, *args: object, **fields: object) -> str:
        return translate(text, self.language, *args, **fields)

    # --- the document -----------------------------------------------------------------------------------

    def build(self, b: Briefing, extra: Extra, region: str, filters: Filters) -> bytes:
        self.describe(b, region, filters)
        self.summary(b, region, filters)
        if b.has_period_data:
            ranked = with_data(b.league)
            if len(ranked) >= 2:
                self.league(ranked)
            if len(extra.weeks):
                self.negative(b, extra, filters)
            if len(b.rising):
                self.rising(b.rising, b, filters)
            if b.figures["posts"].value is not None:  # passive is judged only when the period has post data
                self.passive(b.passive)
            if b.complaints_held:
                self.complaints(b, extra.late, filters)
        return bytes(self.output())

    def pemda(self, region: str) -> str:
        """The pemda's name: the brand's, else the warehouse's region (Sorot's default brand names no pemda)."""
        return region if self.brand.name == Branding().name else self.brand.name

    def describe(self, b: Briefing, region: str, filters: Filters) -> None:
        """The document's metadata: title, author (the pemda), subject (period and view), creation date."""
        t = self.t
        period = day_range(filters.start, filters.end, lang=self.language)
        self.set_title(f"{t('Paket Briefing Apel')} — {self.pemda(region)}, {period}")
        self.set_author(self.pemda(region))
        self.set_subject(f"{period} · {view_text(b, filters, self.language)}")
        self.set_creator("Sorot")
        self.set_lang(self.language)
        self.set_creation_date(self.made)

    # --- page furniture ---------------------------------------------------------------------------------

    def header(self) -> None:
        """fpdf2's hook on every new page: a page begun by an automatic break inside a section names it."""
        t = self.t
        if self.continued:
            self.set_text_color(*self.primary)
            self.line_of(MARGIN, MARGIN, self.epw, t("{} (lanjutan)", self.continued), 12, bold=True)
            self.set_y(MARGIN + 9)

    def footer(self) -> None:
        """fpdf2's hook at the end of every page: the pemda's footer text and "Halaman n/N"."""
        t = self.t
        top = self.h - FOOTER + 3
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(MARGIN, top - 1, self.w - MARGIN, top - 1)
        self.set_text_color(*GREY)
        self.line_of(MARGIN, top, self.epw * 0.75, self.brand.footer, 8)
        self.set_font(FONT, "", 8)
        self.set_xy(self.w - MARGIN - 40, top)
        self.cell(40, 4, t("Halaman {}/{}", self.page_no(), self.str_alias_nb_pages), align="R")

    def start(self, title: str, takeaway: str) -> None:
        """A new page for a section: its title, its one-line takeaway, an accent rule; the logo on the right."""
        self.continued = None
        self.add_page()
        if self.brand.logo is not None:
            self.image(str(self.brand.logo), x=self.w - MARGIN - 12, y=MARGIN - 2, h=12)
        self.set_text_color(*self.primary)
        self.line_of(MARGIN, MARGIN, self.epw - 16, title, 18, bold=True)
        self.set_xy(MARGIN, MARGIN + 9)
        self.set_text_color(*GREY)
        self.set_font(FONT, "", 10.5)
        self.multi_cell(self.epw - 16, self.font_size * 1.35, takeaway, align="L")
        self.set_fill_color(*self.accent)
        self.rect(MARGIN, self.get_y() + 1.5, 30, 1.0, style="F")
        self.set_y(self.get_y() + 6)
        self.continued = title

    def line_of(self, x: float, y: float, width: float, text: str, size: float, bold: bool = False,
                align: str = "L") -> None:
        """One line of text at (x, y), never wider than ``width``: a smaller type first (to 75%), then cut "…"."""
        style = "B" if bold else ""
        for scale in (1.0, 0.9, 0.8, 0.75):
            self.set_font(FONT, style, size * scale)
            if self.get_string_width(text) <= width - 2 * self.c_margin:
                break
        else:
            while text and self.get_string_width(text + "…") > width - 2 * self.c_margin:
                text = text[:-1]
            text = text.rstrip() + "…"
        self.set_xy(x, y)
        self.cell(width, self.font_size * 1.3, text, align=align)

    def subheading(self, text: str) -> None:
        self.keep(20)  # never a subheading alone at the foot of a page
        self.set_text_color(*self.primary)
        self.line_of(MARGIN, self.get_y() + 1, self.epw, text, 11, bold=True)
        self.set_y(self.get_y() + 7)

    def paragraph(self, text: str, size: float = 9.5) -> None:
        self.set_text_color(*GREY)
        self.set_font(FONT, "", size)
        self.set_x(MARGIN)
        self.multi_cell(self.epw, self.font_size * 1.4, text, align="L")
        self.set_y(self.get_y() + 1.5)

    def keep(self, height: float) -> None:
        """Go on to a new page when less than ``height`` mm is left on this one."""
        if self.will_page_break(height):
            self.add_page()

    def grid(self, head: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
             align: Sequence[str], size: float = 8.5) -> None:
        """A table over the page's width (``widths`` relative), long texts wrapped within their column, the
        header row in the brand's colour and repeated on a following page."""
        self.set_font(FONT, "", size)
        self.set_text_color(*DARK)
        self.set_draw_color(*RULE)
        self.set_fill_color(*WHITE)  # the rows without their own fill take the current colour (fpdf2's table)
        self.set_line_width(0.2)
        self.set_x(MARGIN)
        heading = FontFace(emphasis="BOLD", color=WHITE, fill_color=self.primary)
        with self.table(col_widths=tuple(widths), width=self.epw, align="LEFT", text_align=tuple(align),
                        line_height=self.font_size * 1.3, padding=(1.0, 1.5), headings_style=heading,
                        borders_layout="HORIZONTAL_LINES", cell_fill_color=LIGHT, cell_fill_mode="ROWS",
                        v_align="TOP") as table:
            for row in (head, *rows):
                table.row([str(cell) for cell in row])
        self.set_y(self.get_y() + 2)

    def more(self, hidden: int, opd: bool = False) -> None:
        """The line under a shortened list: how many were left out."""
        t, n = self.t, number(hidden, lang=self.language)
        if hidden > 0:
            self.paragraph(t("… dan {} OPD lainnya", n) if opd else t("… dan {} lainnya", n))

    def chart(self, make: Callable[[], go.Figure], title: str, b: Briefing, filters: Filters) -> None:
        """The figure as a branded PNG (``reports.charts``), centred; a line saying why when it cannot be drawn."""
        t, lang = self.t, self.language
        info = ChartInfo(title, day_range(filters.start, filters.end, lang=lang), view_text(b, filters, lang),
                         t("Gudang data Sorot"), moment(self.made, lang=lang))
        try:
            png = chart_image(make(), info, "png")
        except RenderError as err:
            self.paragraph(t("Grafik tidak dapat digambar: {}", err))
            return
        height = CHART_WIDTH * 9 / 16
        self.keep(height)
        top = self.get_y()
        self.image(io.BytesIO(png), x=(self.w - CHART_WIDTH) / 2, y=top, w=CHART_WIDTH, h=height)
        self.set_y(top + height + 3)

    # --- figures ----------------------------------------------------------------------------------------

    def figure_line(self, b: Briefing, key: str, metric_id: str, basis: str) -> tuple[str, str, str]:
        """(label, value, change) as the page's tile writes them."""
        label, value, change = figure_parts(b, key, metric_id, self.language)
        return label, value, f"{change} {basis}" if change else self.t("— belum ada pembanding")

    def figures(self, b: Briefing, which: Sequence[tuple[str, str, str]], filters: Filters) -> None:
        """Figure boxes, three a row: label, value, change against the period before."""
        t, gap, height = self.t, 4.0, 21.0
        width, top = (self.epw - 2 * gap) / 3, self.get_y()
        for i, (key, metric_id, basis) in enumerate(which):
            label, value, change = self.figure_line(b, key, metric_id, t(basis, filters.days))
            x, y = MARGIN + (width + gap) * (i % 3), top + (height + gap) * (i // 3)
            self.set_fill_color(*LIGHT)
            self.set_draw_color(*self.primary)
            self.set_line_width(0.35)
            self.rect(x, y, width, height, style="DF")
            self.set_text_color(*GREY)
            self.line_of(x + 2, y + 2, width - 4, label, 8.5, align="C")
            self.set_text_color(*self.primary)
            self.line_of(x + 2, y + 6.5, width - 4, value, 17, bold=True, align="C")
            self.set_text_color(*GREY)
            self.line_of(x + 2, y + 15, width - 4, change, 8, align="C")
        self.set_y(top + (height + gap) * ((len(which) + 2) // 3))

    # --- page 1 -----------------------------------------------------------------------------------------

    def summary(self, b: Briefing, region: str, filters: Filters) -> None:
        """The one page the regent may read alone (see the module's docstring)."""
        t = self.t
        self.add_page()
        self.band(b, region, filters)
        self.set_text_color(*self.primary)
        self.line_of(MARGIN, BAND + 3, 60, t("Angka utama"), 12, bold=True)
        if not b.has_period_data:  # nothing of the period itself; open complaints today are not a figure of it
            self.set_y(BAND + 11)
            self.paragraph(t("Belum ada data untuk periode ini."), 11)
            if b.figures["overdue"].value is not None and b.complaints_held:
                self.figures(b, [HEADLINE[-1]], filters)
            return
        before = filters.previous()
        self.set_text_color(*GREY)
        self.line_of(MARGIN + 60, BAND + 4, self.epw - 60, t(
            "Perubahan dibanding {period}.", period=day_range(before.start, before.end, lang=self.language)),
            9, align="R")
        self.set_y(BAND + 11)
        self.figures(b, HEADLINE, filters)
        top, width = self.get_y() + 1, self.epw
        ranked = with_data(b.league)
        if len(ranked) >= 2:
            side = 92.0
            self.mini_league(ranked, self.w - MARGIN - side, top, side)
            width -= side + 8
        if b.points:
            self.talking_points(b.points, top, width)

    def band(self, b: Briefing, region: str, filters: Filters) -> None:
        """Page 1's header band in the brand's colour: logo, title, pemda, period and view, time made."""
        t, lang = self.t, self.language
        self.set_fill_color(*self.primary)
        self.rect(0, 0, self.w, BAND, style="F")
        x = MARGIN
        if self.brand.logo is not None:
            self.image(str(self.brand.logo), x=MARGIN, y=4, h=BAND - 8)
            x += BAND - 8 + 5
        width = self.w - MARGIN - x
        period = day_range(filters.start, filters.end, lang=lang)
        self.set_text_color(*WHITE)
        self.line_of(x, 3.5, width, t("Paket Briefing Apel"), 18, bold=True)
        self.line_of(x, 11.5, width, self.pemda(region), 12)
        self.line_of(x, 17.5, width, f"{period} · {view_text(b, filters, lang)}", 9.5)
        self.line_of(x, 22.5, width, t("Dibuat {}", moment(self.made, lang=lang)), 8)

    def talking_points(self, points: Sequence[str], top: float, width: float) -> None:
        """The numbered points in the room left on page 1 (see ``fit_points``)."""
        t = self.t
        self.set_text_color(*self.primary)
        self.line_of(MARGIN, top, width, t("Poin bicara"), 12, bold=True)
        room = self.page_break_trigger - (top + 7)
        size, shown = self.fit_points(points, width - 7, room)
        self.set_y(top + 7)
        self.set_text_color(*DARK)
        for i, point in enumerate(shown, 1):
            self.set_font(FONT, "", size)
            y = self.get_y()
            self.set_xy(MARGIN, y)
            self.cell(7, self.font_size * 1.35, f"{i}.", align="R")
            self.set_xy(MARGIN + 7, y)
            self.multi_cell(width - 7, self.font_size * 1.35, point, align="L")
            self.set_y(self.get_y() + 1.2)
        hidden = len(points) - len(shown)
        if hidden:
            self.set_x(MARGIN + 7)
            self.multi_cell(width - 7, self.font_size * 1.35, t("… dan {} poin lainnya", hidden), align="L")

    def fit_points(self, points: Sequence[str], width: float, room: float) -> tuple[float, list[str]]:
        """(type size, points shown): the largest size at which every point fits ``room`` mm; else the smallest
        size and as many points as fit, leaving a line for "… dan N poin lainnya"."""
        def height(text: str, size: float) -> float:
            self.set_font(FONT, "", size)
            return self.multi_cell(width, self.font_size * 1.35, text, dry_run=True, output="HEIGHT") + 1.2

        for size in POINT_SIZES:
            if sum(height(p, size) for p in points) <= room:
                return size, list(points)
        size, shown = POINT_SIZES[-1], list(points)
        while shown and sum(height(p, size) for p in shown) + height("…", size) > room:
            shown.pop()
        return size, shown

    def mini_league(self, ranked: pd.DataFrame, x: float, top: float, width: float) -> None:
        """The top and bottom 5 OPD on page 1: rank, short name (cut to fit, never wrapped), score."""
        t, lang, score = self.t, self.language, metric("score")
        widths = (19.0, width - 37.0, 18.0)
        head = (metric("rank").header(lang), t("OPD"), score.header(lang))
        y = top
        for title, part in ((t("5 teratas"), ranked.head(LEAGUE_SHOWN)), (t("5 terbawah"), ranked.tail(LEAGUE_SHOWN))):
            self.set_text_color(*self.primary)
            self.line_of(x, y, width, title, 11, bold=True)
            y += 6.5
            rows = [[number(r["rank"], lang=lang), str(r["short_name"]), score.format(r["skor"], lang)]
                    for _, r in part.iterrows()]
            for k, row in enumerate([head, *rows]):
                if k == 0:
                    self.set_fill_color(*self.primary)
                    self.rect(x, y, width, 5, style="F")
                elif k % 2 == 0:
                    self.set_fill_color(*LIGHT)
                    self.rect(x, y, width, 5, style="F")
                self.set_text_color(*(WHITE if k == 0 else DARK))
                left = x
                for text, w, align in zip(row, widths, ("R", "L", "R"), strict=True):
                    self.line_of(left, y + 0.3, w, text, 8.5, bold=k == 0, align=align)
                    left += w
                y += 5
            y += 4

    # --- the sections -----------------------------------------------------------------------------------

    def league(self, ranked: pd.DataFrame) -> None:
        t, lang, score = self.t, self.language, metric("score")
        posts, received = metric("posts"), metric("complaints_received")
        self.start(t("5 teratas dan 5 terbawah"), league_sentence(ranked, lang))
        head = [metric("rank").header(lang), t("OPD"), t("Nama OPD"), score.header(lang), posts.header(lang),
                received.header(lang)]
        for title, part in ((t("5 teratas"), ranked.head(LEAGUE_SHOWN)), (t("5 terbawah"), ranked.tail(LEAGUE_SHOWN))):
            self.subheading(title)
            rows = [[number(r["rank"], lang=lang), str(r["short_name"]), str(r["name"]), score.format(r["skor"], lang),
                     posts.format(r["posts"], lang), received.format(r["received"], lang)]
                    for _, r in part.iterrows()]
            self.grid(head, rows, (9, 22, 58, 10, 12, 14), ("RIGHT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"))

    def negative(self, b: Briefing, extra: Extra, filters: Filters) -> None:
        t, lang = self.t, self.language
        label, value, change = self.figure_line(b, "negative_share", "negative_share_7d", t("vs 7 hari sebelumnya"))
        title = t("Porsi komentar negatif per pekan")
        self.start(title, f"{label}: {value} ({change})")
        self.chart(lambda: pack_charts.negative_share(extra.weeks, self.brand.primary, lang), title, b, filters)
        self.subheading(t("Lonjakan negatif"))
        if not len(extra.spikes):
            self.paragraph(t("Tidak ada lonjakan negatif dalam periode ini."))
            return
        names = dict(zip(b.league["opd_code"], b.league["short_name"], strict=True))
        table = sentiment_trends.spike_list(extra.spikes.head(SPIKES_SHOWN), names, lang)
        self.grid(list(table.columns), table.astype(str).values.tolist(), (30, 30, 14, 26, 12),
                  ("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"))
        self.more(len(extra.spikes) - SPIKES_SHOWN)

    def rising(self, rising: pd.DataFrame, b: Briefing, filters: Filters) -> None:
        t, lang = self.t, self.language
        shown, title = rising.head(TOPICS_SHOWN), t("Topik pengaduan yang naik")
        self.start(title, rising_sentence(rising.iloc[0], lang)[0])
        self.chart(lambda: pack_charts.rising_topics(shown, self.brand.accent, self.brand.primary, lang), title, b,
                   filters)
        rows = [[topic(r["topic"], lang), number(r["before"], lang=lang), number(r["now"], lang=lang),
                 "+" + percent(r["change"], lang=lang) if pd.notna(r["change"]) else t("baru"),
                 r["top_area"] if isinstance(r["top_area"], str) else "—"] for _, r in shown.iterrows()]
        self.grid([t("Topik"), t("Periode sebelumnya"), t("Periode ini"), t("Perubahan"), t("Terbanyak di")], rows,
                  (30, 14, 14, 12, 24), ("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"))
        self.more(len(rising) - len(shown))

    def passive(self, passive: pd.DataFrame) -> None:
        t, m = self.t, metric("passive_opd")
        count = f"{m.label_in(self.language)}: {m.format(len(passive), self.language)}"
        self.start(m.label_in(self.language), count if len(passive) else t("Tidak ada."))
        shown = passive.head(PASSIVE_SHOWN)
        rows = [[str(r["short_name"]), "; ".join(r["reasons"])] for _, r in shown.iterrows()]
        if rows:
            self.grid([t("OPD"), t("Alasan")], rows, (22, 78), ("LEFT", "LEFT"), size=9)
        self.more(len(passive) - len(shown), opd=True)

    def complaints(self, b: Briefing, late: pd.DataFrame, filters: Filters) -> None:
        t, lang = self.t, self.language
        worst = most_overdue(b, WORST_SHOWN)
        label, value, _ = self.figure_line(b, "overdue", "complaints_overdue", "")
        takeaway = f"{label}: {value}" + (t("; terbanyak di {name} ({n})", name=worst[0][0],
                                            n=number(worst[0][1], lang=lang)) if worst else "")
        self.start(t("Pengaduan"), takeaway)
        self.figures(b, [HEADLINE[2], HEADLINE[3], HEADLINE[5]], filters)
        if worst:
            names = ", ".join(f"{name} ({number(n, lang=lang)})" for name, n in worst)
            self.paragraph(t("OPD dengan pengaduan lewat batas terbanyak: {}", names))
        if not len(late):
            return
        self.subheading(t("Pengaduan lewat batas"))
        rows = [[str(r["complaint_id"]), str(r["short_name"]), str(r["channel_label"]), str(r["topic_label"]),
                 number(r["age_days"], lang=lang), str(r["norm"])] for _, r in late.iterrows()]
        self.grid([t("Tiket"), t("OPD"), t("Kanal"), t("Topik"), t("Umur (hari kerja)"), t("Norma terlewati")], rows,
                  (22, 20, 20, 22, 10, 20), ("LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "LEFT"))
        self.more(int(b.figures["overdue"].value or 0) - len(late))
