"""The PDF of the Paket Briefing Apel (reports/pdf.py): A4 landscape, page 1 a summary that fits one page and shows
the very figures and talking points of the Ringkasan page, then the deck's sections (top and bottom OPD, weekly
negative share with its spikes, rising topics, passive OPD, complaints with the overdue list), charts as images
— or a line saying why not — and only the pages the data supports. Read back with pypdf."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

import warehouse_file
from analytics import complaint_trends, sentiment_trends
from analytics.briefing import briefing, with_data
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.norms import read_norms
from reports import pdf as pdf_module
from reports import render
from reports.branding import Branding, branding
from reports.pdf import Document, briefing_pdf

from .apptest import headline, open_app

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 20)
MONTH = Filters(date(2026, 10, 1), date(2026, 10, 31))  # the page's "Bulan lalu"
TITLES = ["Paket Briefing Apel", "5 teratas dan 5 terbawah", "Porsi komentar negatif per pekan",
          "Topik pengaduan yang naik", "OPD pasif", "Pengaduan"]
pytestmark = pytest.mark.xdist_group("sample")


def flat(text: str) -> str:
    """Text with pypdf's line breaks and runs of spaces as single spaces."""
    return " ".join(text.split())


class Read:
    """A PDF read back: its pages' text (flattened) and the reader."""

    def __init__(self, data: bytes) -> None:
        self.reader = PdfReader(io.BytesIO(data))
        self.raw = [page.extract_text() for page in self.reader.pages]
        self.pages = [flat(text) for text in self.raw]

    @property
    def titles(self) -> list[str]:
        return [text.splitlines()[0] for text in self.raw]

    def charts(self, index: int) -> list[tuple[int, int]]:
        """The sizes of the chart images on a page (1600 px wide; the logo is smaller)."""
        return [image.image.size for image in self.reader.pages[index].images if image.image.size[0] >= 1600]


@pytest.fixture(scope="module")
def wh(sample_db):
    return Warehouse(warehouse_file.read_cursor(warehouse_file.open_read_only(sample_db)))


def made(wh: Warehouse, filters: Filters, lang: str = "id") -> Read:
    return Read(briefing_pdf(wh, filters, Scope.everything(), read_norms(), TODAY, lang))


@pytest.fixture(scope="module")
def month(wh) -> Read:
    return made(wh, MONTH)


@pytest.fixture(scope="module")
def month_briefing(wh):
    return briefing(wh, MONTH, Scope.everything(), read_norms(), TODAY)


def test_a4_landscape_with_metadata_and_a_footer_on_every_page(month):
    assert month.titles == TITLES
    for page in month.reader.pages:
        assert float(page.mediabox.width) == pytest.approx(842, abs=1)
        assert float(page.mediabox.height) == pytest.approx(595, abs=1)
    meta = month.reader.metadata
    assert meta.title == "Paket Briefing Apel — Pemerintah Kabupaten Sukamaju, 1 Okt 2026 – 31 Okt 2026"
    assert meta.author == "Pemerintah Kabupaten Sukamaju" and meta.creator == "Sorot"
    assert meta.creation_date is not None
    fonts = {str(f["/BaseFont"]) for page in month.reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVu" in name for name in fonts)  # embedded, no core font
    footer = branding().footer
    for n, text in enumerate(month.pages, 1):
        assert text.endswith(f"{footer} Halaman {n}/{len(month.pages)}"), n


def test_page_one_shows_the_figures_and_talking_points_of_the_page(month, month_briefing, sample_db, monkeypatch):
    shown = headline(open_app(sample_db, monkeypatch, periode="bulan_lalu"))
    assert len(shown) == 6
    first = month.pages[0]
    for label, (value, delta) in shown.items():
        assert flat(f"{label} {value} {delta}") in first, label  # the same change, then what it is against
    points = month_briefing.points
    assert len(points) >= 4
    for i, point in enumerate(points, 1):
        assert f"{i}. {flat(point)}" in first, point
    assert "Poin bicara" in first and not any("Poin bicara" in text for text in month.pages[1:])
    for later in ("Lonjakan negatif", "Pengaduan lewat batas", "Alasan", "Nama OPD"):
        assert later not in first, later  # page 1 is the summary only
    assert "Perubahan dibanding 1 Sep 2026 – 30 Sep 2026." in first
    ranked = with_data(month_briefing.league)
    assert ranked["short_name"].iloc[0] in first and ranked["short_name"].iloc[-1] in first


def test_later_pages_hold_the_league_passive_opd_and_the_overdue_list(wh, month, month_briefing):
    b, pages = month_briefing, dict(zip(month.titles, month.pages, strict=True))
    ranked = with_data(b.league)
    league = pages["5 teratas dan 5 terbawah"]
    for name in [*ranked["name"].head(5), *ranked["name"].tail(5)]:
        assert flat(name) in league, name  # long names wrap in their column, never cut
    passive = pages["OPD pasif"]
    assert f"OPD pasif: {len(b.passive)}" in passive
    for _, row in b.passive.head(10).iterrows():
        assert row["short_name"] in passive and flat(row["reasons"][0]) in passive
    assert f"… dan {len(b.passive) - 10} OPD lainnya" in passive
    late = complaint_trends.overdue_list(wh, MONTH, Scope.everything(), read_norms(), TODAY, None)
    complaints = pages["Pengaduan"]
    for _, row in late.head(15).iterrows():
        assert f"{row['complaint_id']} {row['short_name']} {row['channel_label']}" in complaints, row["complaint_id"]
    assert late["complaint_id"].iloc[15] not in complaints
    assert f"… dan {len(late) - 15} lainnya" in complaints
    assert "Pengaduan masuk" in complaints and "OPD dengan pengaduan lewat batas terbanyak: DPUPR (" in complaints


def test_the_charts_are_images_and_the_spikes_a_table(wh, month, month_briefing):
    assert month.charts(2) == [(1600, 900)] and month.charts(3) == [(1600, 900)]
    assert all(month.charts(i) == [] for i in (0, 1, 4, 5))
    spikes = sentiment_trends.spikes(wh, MONTH, Scope.everything(), read_norms())
    names = dict(zip(month_briefing.league["opd_code"], month_briefing.league["short_name"], strict=True))
    table = sentiment_trends.spike_list(spikes, names)
    assert len(table)
    for row in table.itertuples(index=False):
        assert " ".join(row) in month.pages[2]
    rising = month.pages[3]
    assert "Topik pengaduan paling naik: " in rising and "Periode sebelumnya" in rising


def test_glyphs_survive(month):
    text = " ".join(month.pages)
    for glyph in ("–", "→", "≥", "±", "…"):
        assert glyph in text, glyph
    assert "1 Okt 2026 – 31 Okt 2026" in month.pages[0]


def test_the_english_pdf_has_english_headings(wh):
    en = made(wh, MONTH, "en")
    assert en.titles == ["Assembly briefing pack", "Top 5 and bottom 5 agencies", "Share of negative comments by week",
                         "Rising complaint topics", "Passive agencies", "Complaints"]
    first = en.pages[0]
    assert "Headline figures" in first and "Talking points" in first and "Top 5" in first
    assert f"Page 1/{len(en.pages)}" in first
    words = " ".join(en.pages)
    for indonesian in ("Halaman", "Poin bicara", "Angka utama", "Perubahan dibanding", "lainnya", "Dibuat",
                       "Lonjakan", "Tiket", "Alasan"):
        assert indonesian not in words, indonesian


def test_a_period_without_data_gives_the_short_pdf(wh):
    empty = made(wh, Filters(date(2011, 1, 1), date(2011, 1, 31)))
    assert len(empty.pages) == 1
    text = empty.pages[0]
    assert "Belum ada data untuk periode ini." in text
    assert "Lewat batas kini (semua periode)" in text  # open complaints today: not a figure of the period
    for claim in ("5 teratas", "Skor", "Poin bicara", "Unggahan", "Pengaduan masuk", "Perubahan dibanding"):
        assert claim not in text, claim
    assert empty.charts(0) == []


def test_one_opd_has_no_league(wh):
    single = replace(MONTH, opd=("DINKES",))
    one = made(wh, single)
    assert one.titles == ["Paket Briefing Apel", "Porsi komentar negatif per pekan", "Topik pengaduan yang naik",
                          "OPD pasif", "Pengaduan"]  # one OPD has no top and bottom
    first = one.pages[0]
    assert "1 Okt 2026 – 31 Okt 2026 · OPD: Dinkes · Semua jenis · Semua platform" in first
    assert "5 teratas" not in first and "Poin bicara" in first
    late = complaint_trends.overdue_list(wh, single, Scope.everything(), read_norms(), TODAY, None)
    assert set(late["short_name"]) == {"Dinkes"} and len(late) > 15
    complaints = one.pages[-1]
    assert all(f"{ticket} Dinkes " in complaints for ticket in late["complaint_id"].head(15))
    assert f"… dan {len(late) - 15} lainnya" in complaints


def test_a_chart_that_cannot_be_drawn_leaves_a_line_saying_why(wh, monkeypatch):
    def broken(*args, **kwargs):
        raise render.RenderError("Chromium tidak terpasang.")

    monkeypatch.setattr(render, "image", broken)
    fallback = made(wh, MONTH)
    assert fallback.titles == TITLES
    for i in (2, 3):
        assert "Grafik tidak dapat digambar: Chromium tidak terpasang." in fallback.pages[i]
        assert fallback.charts(i) == []
    assert "Lonjakan negatif" in fallback.pages[2] and "Pungli & pelayanan publik" in fallback.pages[3]


def test_page_one_always_fits(month_briefing):
    b = month_briefing
    long_points = [f"Poin {i}: " + "kalimat yang panjang sekali tentang OPD dan pengaduan " * 9 for i in range(8)]
    long_names = b.league.assign(short_name="Badan Pengelola Kawasan Agropolitan dan Pariwisata Terpadu Daerah")
    for points, shown in ((b.points, len(b.points)), (long_points, None)):
        doc = Document(Branding(name="Pemerintah Kabupaten " + "Sukamaju Raya " * 20), "id")
        doc.summary(replace(b, points=points, league=long_names), "Kabupaten Sukamaju", MONTH)
        assert doc.page == 1 and doc.get_y() <= doc.page_break_trigger
        text = flat(PdfReader(io.BytesIO(bytes(doc.output()))).pages[0].extract_text())
        if shown:
            assert all(flat(p) in text for p in points)
        else:
            assert "Poin 0: " in text and re.search(r"… dan \d+ poin lainnya", text)
        assert "…" in text.split("Paket Briefing Apel")[1][:250]  # the long pemda name cut, not wrapped


def test_the_module_names_its_pages():
    for words in ("summary", "top 5 and bottom 5", "negative", "rising", "passive", "complaints", "Halaman n/N"):
        assert words in pdf_module.__doc__, words


def test_a_table_too_long_for_its_page_goes_on_under_lanjutan():
    doc = Document(Branding(), "id")
    many = pd.DataFrame({"short_name": [f"OPD {i}" for i in range(10)],
                         "reasons": [["alasan yang panjang sekali " * 40]] * 10})
    doc.passive(many)
    pages = Read(bytes(doc.output()))
    assert len(pages.pages) >= 2 and pages.titles == ["OPD pasif", *["OPD pasif (lanjutan)"] * (len(pages.pages) - 1)]
    for n, text in enumerate(pages.pages, 1):
        assert "OPD Alasan" in text and f"Halaman {n}/{len(pages.pages)}" in text  # the header row repeated
    assert "OPD 9" in pages.pages[-1]
