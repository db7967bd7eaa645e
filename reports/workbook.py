"""The workbook of the Paket Briefing Apel: the Ringkasan Apel of a view as one XLSX file, a sheet per part, for
whoever re-sorts, filters or pastes the figures into a letter.

Sheets (named in the file's language): Ringkasan — the six headline figures (value, previous value, change, what
it is compared with) and the talking points, numbered; Peringkat OPD — the whole ranked league with the Peringkat
page's columns; OPD pasif — each passive OPD with its reasons; Sentimen per pekan — texts, negative ones and their
share per week, with the spike rule's verdict; Topik naik — rising complaint topics; Pengaduan lewat batas — every
open complaint past its deadline today.

Every sheet starts with the same header block as a table download (``reports.tables``: report, region, period,
filters, generated at, source), so a sheet copied alone still says what it is; numbers are number cells with the
metric catalog's format (shares as 0.264 with a % format), dates are date cells, text is formula-safe, the header
row is bold and frozen. Every figure comes from the same ``analytics.briefing`` result as the page, and a sheet
the data cannot support is left out as in the slide deck (``reports.deck``): no league without two ranked OPD, no
passive OPD without post data, no complaints without complaint data, and a period without data gives the summary
sheet only, saying so, with the overdue figure.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime

import pandas as pd

from analytics import complaint_trends, sentiment_trends
from analytics.briefing import HEADLINE, Briefing, briefing, with_data
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import day, day_range
from analytics.i18n import translate
from analytics.labels import COMPONENT_NAMES, named, topic
from analytics.metrics import Metric, metric
from analytics.norms import COMPONENTS, Norms
from analytics.opd import region_name
from reports.sentences import figure_parts, filters_text
from reports.tables import TEXT, ZONE, Meta, Number, Styles, write_cell, write_header, write_table, xlsx_book

FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))  # characters Excel refuses in a sheet name
CHANGE_UNIT = {"share": " poin", "days": " hari kerja"}  # as Metric.change writes a change


def briefing_workbook(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
                      lang: str = "id") -> bytes:
    """The workbook of the view (the Ringkasan's briefing for the same filters and scope), as .xlsx bytes."""
    b = briefing(wh, filters, scope, norms, today, lang)
    weeks = spikes = late = None
    if b.has_period_data:
        weeks = sentiment_trends.trend(wh, filters, scope, "komentar", "pekan")
        spikes = sentiment_trends.spikes(wh, filters, scope, norms) if len(weeks) else None
    if b.complaints_held:
        late = complaint_trends.overdue_list(wh, filters, scope, norms, today, None, lang)
    return compose(b, region_name(wh), filters, today, lang, weeks, spikes, late)


def compose(b: Briefing, region: str, filters: Filters, today: date, lang: str = "id",
            weeks: pd.DataFrame | None = None, spikes: pd.DataFrame | None = None,
            late: pd.DataFrame | None = None) -> bytes:
    """The workbook from a briefing already computed; ``weeks`` = ``sentiment_trends.trend`` per week, ``spikes``
    = ``sentiment_trends.spikes``, ``late`` = ``complaint_trends.overdue_list`` (every row) of the same view —
    None or empty leaves their sheet out."""
    return Book(b, region, filters, today, lang).build(weeks, spikes, late)


def sheet_name(text: str) -> str:
    """A name Excel takes for a sheet: no []:*?/\\, no apostrophe at either end, at most 31 characters."""
    return text.translate(FORBIDDEN).strip().strip("'")[:31].strip() or "Sorot"


class Book:
    def __init__(self, b: Briefing, region: str, filters: Filters, today: date, lang: str) -> None:
        self.b, self.filters, self.today, self.lang = b, filters, today, lang
        self.names = dict(zip(b.league["opd_code"], b.league["short_name"], strict=True))
        self.meta = Meta(title=self.t("Paket Briefing Apel"), region=region,
                         period=day_range(filters.start, filters.end, lang=lang),
                         filters=filters_text(filters, self.names, lang), generated_at=datetime.now(ZONE),
                         source=self.t("Gudang data Sorot"), lang=lang)
        self.out = io.BytesIO()
        self.book = xlsx_book(self.out, self.meta)
        self.styles = Styles(self.book)

    def t(self, text: str, /, *args: object, **fields: object) -> str:
        return translate(text, self.lang, *args, **fields)

    def build(self, weeks: pd.DataFrame | None, spikes: pd.DataFrame | None, late: pd.DataFrame | None) -> bytes:
        b = self.b
        self.summary()
        if b.has_period_data:
            ranked = with_data(b.league)
            if len(ranked) >= 2:
                self.league(ranked)
            if b.figures["posts"].value is not None:  # passive is judged only when the period has post data
                self.passive(b.passive)
            if weeks is not None and len(weeks):
                self.weeks(weeks, spikes)
            if len(b.rising):
                self.rising(b.rising)
            if b.complaints_held and late is not None:
                self.overdue(late)
        self.book.close()
        return self.out.getvalue()

    # --- the sheets ---------------------------------------------------------------------------------------

    def sheet(self, name: str, **meta: str):
        """A new sheet named ``name`` (its title in the header block too); returns (sheet, meta, first free row)."""
        sheet = self.book.add_worksheet(sheet_name(name))
        shown = replace(self.meta, title=f"{self.meta.title} — {name}", **meta)
        return sheet, shown, write_header(sheet, shown, self.styles)

    def table(self, name: str, frame: pd.DataFrame, labels: Mapping[str, str],
              formats: Mapping[str, Number | Metric], empty: str = "", **meta: str) -> None:
        """A sheet holding one table (``empty``: what it says under the headers when there are no rows)."""
        sheet, shown, top = self.sheet(name, **meta)
        end = write_table(sheet, top, frame, labels, self.styles, formats, first=self.widest(shown))
        if empty and not len(frame):
            sheet.write_string(end, 0, empty)

    @staticmethod
    def widest(meta: Meta) -> int:
        return max(len(label) for label, _ in meta.rows())

    def summary(self) -> None:
        t, b, f = self.t, self.b, self.b.figures
        sheet, shown, top = self.sheet(t("Ringkasan"))
        if not b.has_period_data:  # nothing of the period itself; open complaints today are not a figure of it
            sheet.write_string(top, 0, t("Belum ada data untuk periode ini."))
            if f["overdue"].value is not None and b.complaints_held:
                self.figures(sheet, top + 2, [HEADLINE[-1]], self.widest(shown))
            return
        row = self.figures(sheet, top, HEADLINE, self.widest(shown))
        before = self.filters.previous()
        sheet.write_string(row, 0, t("Perubahan dibanding {period}.",
                                     period=day_range(before.start, before.end, lang=self.lang)))
        if b.points:
            sheet.write_string(row + 2, 0, t("Poin bicara"), self.styles.bold)
            for i, point in enumerate(b.points, 1):
                sheet.write_number(row + 2 + i, 0, i)
                write_cell(sheet, row + 2 + i, 1, point, TEXT)

    def figures(self, sheet, top: int, which: Sequence[tuple[str, str, str]], first: int) -> int:
        """The headline figures as a table (figure, value, previous value, change, compared with) from row
        ``top``; returns the row after it."""
        t, b, bold = self.t, self.b, self.styles.bold
        heads = [t("Angka"), t("Nilai"), t("Sebelumnya"), t("Perubahan"), t("Dibanding")]
        widths = [first, *(len(h) for h in heads[1:])]
        for j, head in enumerate(heads):
            sheet.write_string(top, j, head, bold)
        for i, (key, metric_id, basis) in enumerate(which, start=top + 1):
            m, fig = metric(metric_id), b.figures[key]
            label, _, change = figure_parts(b, key, metric_id, self.lang)
            number = Number.of(m)
            style = self.styles.of(number)
            against = t(basis, self.filters.days) if change else t("— belum ada pembanding")
            widths[0] = max(widths[0], write_cell(sheet, i, 0, label, TEXT))
            widths[1] = max(widths[1], write_cell(sheet, i, 1, fig.value, number, style))
            widths[2] = max(widths[2], write_cell(sheet, i, 2, fig.previous, number, style))
            if fig.change is not None:  # as the page writes it: "+3", "-1,5 poin"
                scale = 100 if m.unit == "share" else 1
                diff = Number(m.decimals if m.unit != "count" else 0)
                sheet.write_number(i, 3, fig.change * scale, self.change_style(diff, m.unit))
                widths[3] = max(widths[3], len(change))
            else:
                sheet.write_blank(i, 3, None)
            widths[4] = max(widths[4], write_cell(sheet, i, 4, against, TEXT))
        for j, width in enumerate(widths):
            sheet.set_column(j, j, max(min(width + 2, 60), 8))
        sheet.freeze_panes(top + 1, 0)
        return top + 1 + len(which) + 1

    def change_style(self, number: Number, unit: str):
        """A change's number format: its sign always (± for none), then its unit ("+1,5 poin")."""
        places = "." + "0" * number.decimals if number.decimals else ""
        suffix = translate(CHANGE_UNIT.get(unit, ""), self.lang).replace('"', "")
        tail = f'"{suffix}"' if suffix else ""
        return self.styles.custom(f"+#,##0{places}{tail};-#,##0{places}{tail};\"±\"0{places}{tail}")

    def league(self, ranked: pd.DataFrame) -> None:
        t, lang = self.t, self.lang
        components = named(COMPONENT_NAMES, lang)
        labels = {"rank": metric("rank").header(lang), "rank_change": t("Perubahan"), "short_name": t("OPD"),
                  "skor": metric("score").header(lang), **{c: components[c] for c in COMPONENTS},
                  "posts": metric("posts").header(lang), "received": metric("complaints_received").header(lang)}
        formats = {"rank": metric("rank"), "rank_change": Number(0, signed=True), "skor": metric("score"),
                   **dict.fromkeys(COMPONENTS, Number(0)), "posts": metric("posts"),
                   "received": metric("complaints_received")}
        self.table(t("Peringkat OPD"), ranked, labels, formats)

    def passive(self, passive: pd.DataFrame) -> None:
        t, lang = self.t, self.lang
        labels = {"short_name": t("OPD"), "posts": metric("posts").header(lang),
                  "days_since_last_post": metric("days_since_last_post").header(lang), "reasons": t("Alasan")}
        frame = passive.reindex(columns=list(labels))
        frame["reasons"] = ["; ".join(r) if isinstance(r, list | tuple) else r for r in frame["reasons"]]
        self.table(metric("passive_opd").label_in(lang), frame, labels,
                   {"posts": metric("posts"), "days_since_last_post": metric("days_since_last_post")},
                   empty=t("Tidak ada."))

    def weeks(self, weeks: pd.DataFrame, spikes: pd.DataFrame | None) -> None:
        t, lang = self.t, self.lang
        found = spikes if spikes is not None else pd.DataFrame(columns=["end", "opd_code"])
        whole = set(found.loc[found["opd_code"].isna(), "end"])
        per_opd = found[found["opd_code"].notna()]
        frame = weeks[["start", "end", "total", "negative", "negative_share"]].copy()
        frame["spike"] = [e in whole for e in frame["end"]]
        frame["spike_opd"] = [", ".join(self.names.get(c, c) for c in per_opd.loc[per_opd["end"] == e, "opd_code"])
                              or None for e in frame["end"]]
        labels = {"start": t("Awal pekan"), "end": t("Akhir pekan"), "total": t("Komentar & mention"),
                  "negative": t("Negatif"), "negative_share": metric("negative_share").header(lang),
                  "spike": t("Lonjakan"), "spike_opd": t("OPD dengan lonjakan")}
        self.table(t("Sentimen per pekan"), frame, labels,
                   {"total": Number(0), "negative": Number(0), "negative_share": metric("negative_share")},
                   source=t("Komentar & mention"))

    def rising(self, rising: pd.DataFrame) -> None:
        t, received = self.t, metric("complaints_received")
        frame = rising.assign(topic=[topic(code, self.lang) for code in rising["topic"]])
        labels = {"topic": t("Topik"), "before": t("Sebelumnya"), "now": t("Sekarang"), "change": t("Perubahan"),
                  "top_area": t("Terbanyak di")}
        self.table(t("Topik naik"), frame, labels,
                   {"before": received, "now": received, "change": Number(0, share=True, signed=True)},
                   source=t("Sumber: pengaduan semua kanal"))

    def overdue(self, late: pd.DataFrame) -> None:
        t = self.t
        labels = {"complaint_id": t("Tiket"), "short_name": t("OPD"), "channel_label": t("Kanal"),
                  "topic_label": t("Topik"), "kecamatan": t("Kecamatan"), "received_day": t("Diterima"),
                  "age_days": t("Umur (hari kerja)"), "norm": t("Norma terlewati"), "permalink": t("Tautan")}
        self.table(t("Pengaduan lewat batas"), late, labels, {"age_days": Number(0)},
                   empty=t("Tidak ada pengaduan lewat batas."),
                   period=t("Terbuka dan lewat batas pada {}", day(self.today, lang=self.lang)),
                   source=t("Sumber: pengaduan semua kanal"))
