"""The slide deck of the Paket Briefing Apel (reports/deck.py), ``python -m reports brief --format pptx`` and the
briefing page's download button: a 16:9 deck whose figures are the Ringkasan page's, with native, editable
charts and tables, speaker notes on every slide, and only the slides the data supports."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

import warehouse_file
from analytics import sentiment_trends
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.norms import read_norms
from reports.__main__ import main
from reports.deck import briefing_deck

from .apptest import headline, open_app, recording

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 20)
WEEK = Filters(date(2026, 11, 14), TODAY)
MONTH = Filters(date(2026, 10, 1), date(2026, 10, 31))
TITLES = ["Paket Briefing Apel", "Angka utama", "Poin bicara", "5 teratas dan 5 terbawah",
          "Porsi komentar negatif per pekan", "Topik pengaduan yang naik", "OPD pasif", "Pengaduan"]
pytestmark = pytest.mark.xdist_group("sample")


@pytest.fixture(autouse=True)
def pinned(monkeypatch):
    monkeypatch.setenv("SOROT_TODAY", TODAY.isoformat())


@pytest.fixture
def wh(sample_db):
    return Warehouse(warehouse_file.read_cursor(warehouse_file.open_read_only(sample_db)))


def deck_of(wh: Warehouse, filters: Filters, lang: str = "id"):
    return Presentation(io.BytesIO(briefing_deck(wh, filters, Scope.everything(), read_norms(), TODAY, lang)))


def titles(prs) -> list[str]:
    return [s.shapes.title.text for s in prs.slides]


def figures(slide) -> dict[str, tuple[str, str]]:
    """label → (value, change) of the figure boxes of a slide."""
    found = {}
    for shape in slide.shapes:
        if shape.name.startswith("figure:"):
            label, value, change = (p.text for p in shape.text_frame.paragraphs)
            found[label] = (value, change)
    return found


def test_the_deck_is_16_9_with_its_slides_in_order_and_notes_on_each(wh):
    prs = deck_of(wh, MONTH)
    assert prs.slide_width == Inches(13.333) and prs.slide_height == Inches(7.5)
    assert titles(prs) == TITLES
    for slide in prs.slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), slide.shapes.title.text
        assert any(s.name == "takeaway" and s.text_frame.text.strip() for s in slide.shapes)
    tables = [s for s in prs.slides[3].shapes if s.has_table]
    assert len(tables) == 2 and len(tables[0].table.rows) == 6  # header + 5 OPD, a native table each


def test_the_headline_figures_are_the_ones_the_page_shows(wh, sample_db, monkeypatch):
    shown = headline(open_app(sample_db, monkeypatch, periode="7h"))
    assert len(shown) == 6
    prs = deck_of(wh, WEEK)
    on_slide = figures(prs.slides[1])
    assert {label: value for label, (value, _) in on_slide.items()} == {k: v for k, (v, _) in shown.items()}


def test_the_negative_share_is_a_native_chart_of_the_weekly_shares(wh):
    prs = deck_of(wh, MONTH)
    slide = prs.slides[TITLES.index("Porsi komentar negatif per pekan")]
    charts = [s.chart for s in slide.shapes if s.has_chart]
    assert len(charts) == 1
    weeks = sentiment_trends.trend(wh, MONTH, Scope.everything(), "komentar", "pekan")
    assert len(weeks) >= 4
    values = list(charts[0].plots[0].series[0].values)
    assert values == pytest.approx(list(weeks["negative_share"]))
    rising = [s.chart for s in prs.slides[TITLES.index("Topik pengaduan yang naik")].shapes if s.has_chart]
    assert len(rising) == 1 and [s.name for s in rising[0].plots[0].series] == ["Periode sebelumnya", "Periode ini"]


def test_passive_and_complaints(wh):
    prs = deck_of(wh, MONTH)
    passive = prs.slides[TITLES.index("OPD pasif")]
    table = next(s.table for s in passive.shapes if s.has_table)
    assert len(table.rows) <= 11 and table.cell(0, 1).text == "Alasan"
    text = " ".join(s.text_frame.text for s in passive.shapes if s.has_text_frame)
    assert "OPD lainnya" in text
    complaints = prs.slides[TITLES.index("Pengaduan")]
    assert set(figures(complaints)) == {"Pengaduan masuk", "Ditanggapi sesuai SLA", "Lewat batas kini (semua periode)"}
    assert any(s.has_table for s in complaints.shapes)


def test_the_english_deck_has_english_titles(wh):
    prs = deck_of(wh, MONTH, "en")
    assert titles(prs) == ["Assembly briefing pack", "Headline figures", "Talking points",
                           "Top 5 and bottom 5 agencies", "Share of negative comments by week",
                           "Rising complaint topics", "Passive agencies", "Complaints"]
    words = " ".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
    assert "Pengaduan" not in words and "lainnya" not in words


def test_a_period_without_data_gives_the_short_deck(wh):
    prs = deck_of(wh, Filters(date(2011, 1, 1), date(2011, 1, 31)))
    assert titles(prs) == ["Paket Briefing Apel", "Angka utama"]
    slide = prs.slides[1]
    assert "Belum ada data untuk periode ini." in slide.notes_slide.notes_text_frame.text
    assert list(figures(slide)) == ["Lewat batas kini (semua periode)"]
    assert not any(s.has_chart or s.has_table for s in slide.shapes)


def test_cli_writes_the_deck(sample_db, tmp_path, capsys):
    out = tmp_path / "apel.pptx"
    assert main(["brief", "--db", str(sample_db), "--period", "last-month", "--out", str(out)]) == 0
    assert f"ditulis ke {out}" in capsys.readouterr().err
    assert titles(Presentation(str(out))) == TITLES
    en = tmp_path / "apel-en.bin"
    assert main(["brief", "--db", str(sample_db), "--period", "2011-01", "--out", str(en), "--format", "pptx",
                 "--lang", "en"]) == 0
    assert titles(Presentation(str(en))) == ["Assembly briefing pack", "Headline figures"]


def test_the_page_offers_the_deck_of_its_view(sample_db, monkeypatch):
    files = recording(monkeypatch)
    at = open_app(sample_db, monkeypatch, periode="7h", bahasa="en")
    found = files(at)
    assert set(found) >= {"apel_pptx", "apel_pdf", "apel_xlsx"}  # the pack in each format
    assert next(b for b in at.download_button if b.key == "apel_pptx").label == "Download the briefing pack (PPTX)"
    name, data = found["apel_pptx"]
    assert name == "sorot_ringkasan_2026-11-20.pptx"
    prs = Presentation(io.BytesIO(data()))  # as on a click, outside the page run
    assert titles(prs)[:2] == ["Assembly briefing pack", "Headline figures"]
    assert {label: value for label, (value, _) in figures(prs.slides[1]).items()} == {m.label: m.value
                                                                                     for m in at.metric}
