"""Each page's slide deck (reports/page_deck.py, collected by ui.page/ui.exports, offered in the sidebar): the
page's own figures, one slide per chart — native and editable for plain bars and lines, with the chart's data
— and one per table, every slide with a title, a takeaway and speaker notes."""

from __future__ import annotations

import io
from datetime import date

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from streamlit.testing.v1 import AppTest

import warehouse_file
from analytics import complaint_trends as ct
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from reports import page_deck as module
from reports.page_deck import Chart, PageSlides, PageView, Table, Tile, page_deck, series
from reports.render import RenderError
from ui.page import DECK

from .apptest import open_app, recording
from .test_deck import TODAY

pytestmark = pytest.mark.xdist_group("sample")
PAGES = ["pages/pengaduan.py", "pages/sentimen.py", "pages/peringkat.py", "pages/opd_pasif.py",
         "pages/profil_opd.py"]


@pytest.fixture
def opened(sample_db, monkeypatch):
    """Open a page as a person does; returns it and the deck the sidebar button gives on a click (made then,
    outside the page run) with its file name."""
    files = recording(monkeypatch)

    def run(page: str, **params: str) -> tuple[AppTest, Presentation, str]:
        at = open_app(sample_db, monkeypatch, page, **params)
        assert [b.key for b in at.sidebar.download_button] == ["page_deck_pptx"]
        name, data = files(at)["page_deck_pptx"]
        return at, Presentation(io.BytesIO(data())), name

    return run


def takeaway(slide) -> str:
    return next(s.text_frame.text for s in slide.shapes if s.name == "takeaway")


def boxes(slide) -> dict[str, str]:
    found = {}
    for shape in slide.shapes:
        if shape.name.startswith("figure:"):
            label, value, *_ = (p.text for p in shape.text_frame.paragraphs)
            found[label] = value
    return found


@pytest.mark.parametrize("page", PAGES)
def test_every_page_deck_has_the_page_figures_charts_and_tables(opened, page):
    at, prs, name = opened(page)
    slug = page.removeprefix("pages/").removesuffix(".py").replace("_", "-")
    assert name == f"sorot_{slug}_{TODAY.isoformat()}.pptx"
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9, rel=0.01)
    slides = list(prs.slides)
    assert slides[0].shapes.title.text.startswith(at.title[0].value)
    assert "22 Okt 2026 – 20 Nov 2026" in takeaway(slides[0])
    shown = {m.label: m.value for m in at.metric}
    if shown:  # the tiles, as the page shows them
        assert slides[1].shapes.title.text == "Angka utama"
        assert boxes(slides[1]) == shown
    charts = [s for s in slides if any(sh.has_chart or (sh.shape_type == 13 and sh.height > 2_000_000)
                                       for sh in s.shapes)]
    assert len(charts) == len([e for e in at.main if e.type == "plotly_chart"] or
                              at.get("plotly_chart"))
    tables = [s for s in slides if any(sh.has_table for sh in s.shapes) or takeaway(s) == "Tidak ada baris."]
    assert len(tables) == len(at.dataframe)
    for slide in slides[1:]:
        assert slide.shapes.title.text and takeaway(slide)
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()


def test_a_native_chart_holds_the_page_data(opened, sample_db):
    _, prs, _ = opened("pages/pengaduan.py")
    wh = Warehouse(warehouse_file.read_cursor(warehouse_file.open_read_only(sample_db)))
    shape = next(sh for s in prs.slides for sh in s.shapes if sh.has_chart)
    chart = shape.chart
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    trend = ct.trend(wh, Filters(date(2026, 10, 22), TODAY), Scope.everything())  # the warehouse's own
    plot = chart.plots[0]
    assert [s.name for s in plot.series] == ["Masuk", "Selesai"]
    assert list(plot.series[0].values) == [float(v) for v in trend[ct.RECEIVED]]
    assert list(plot.series[1].values) == [float(v) for v in trend[ct.RESOLVED]]
    assert len(plot.categories) == len(trend) and plot.categories[-1] == "20 Nov"


def test_tables_show_the_page_cells(opened):
    at, prs, _ = opened("pages/opd_pasif.py")
    slide = next(s for s in prs.slides if any(sh.has_table for sh in s.shapes))
    table = next(sh for sh in slide.shapes if sh.has_table).table
    page = at.dataframe[0].value
    assert [c.text for c in table.rows[0].cells] == list(page.columns)
    shown = len(table.rows) - 1  # as many as fit above the footer
    assert 3 <= shown <= 12 and [table.cell(i, 0).text for i in range(1, shown + 1)] == list(page.iloc[:shown, 0])
    assert takeaway(slide) == f"{len(page)} baris; {shown} pertama di salindia ini, semuanya di unduhan XLSX halaman"


def test_english_page_deck(opened):
    _, prs, _ = opened("pages/sentimen.py", bahasa="en")
    assert prs.slides[1].shapes.title.text == "Headline figures"
    assert "22 Oct 2026 – 20 Nov 2026" in takeaway(prs.slides[0])


def test_the_briefing_and_data_pages_have_no_page_deck_and_nothing_stale(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, "pages/pengaduan.py")
    assert at.session_state[DECK] is not None
    at.switch_page("pages/ringkasan.py")
    at.run()
    assert at.session_state[DECK] is None
    assert not [b for b in at.sidebar.download_button if b.key == "page_deck_pptx"]
    at.switch_page("pages/data.py")
    at.run()
    assert at.session_state[DECK] is None


VIEW = dict(title="Uji", period="1 Nov 2026 – 7 Nov 2026", filters="Semua OPD", region="Kabupaten Uji")
DAYS = [date(2026, 11, d) for d in range(1, 8)]


def one_slide(item, **kw) -> object:
    prs = Presentation(io.BytesIO(page_deck(PageView(**VIEW, items=[item], **kw), "sekarang")))
    return prs.slides[1]


def test_plain_bars_and_lines_become_native_charts_of_the_right_kind():
    stacked = go.Figure([go.Bar(x=DAYS, y=[1, 2, 3, 4, 5, 6, 7], name="A"), go.Bar(x=DAYS, y=[7] * 7, name="B")])
    stacked.update_layout(barmode="stack")
    flat = go.Figure(go.Bar(y=["Dinkes", "Dishub"], x=[0.5, 0.25], orientation="h"))
    flat.update_xaxes(tickformat=".0%")
    for fig, kind in ((stacked, XL_CHART_TYPE.COLUMN_STACKED), (flat, XL_CHART_TYPE.BAR_CLUSTERED),
                      (go.Figure(go.Scatter(x=DAYS, y=list(range(7)), mode="lines+markers")),
                       XL_CHART_TYPE.LINE_MARKERS)):
        slide = one_slide(Chart(fig, "Grafik"))
        chart = next(sh for sh in slide.shapes if sh.has_chart).chart
        assert chart.chart_type == kind
    slide = one_slide(Chart(flat, "Porsi"))
    chart = next(sh for sh in slide.shapes if sh.has_chart).chart
    assert list(chart.plots[0].categories) == ["Dinkes", "Dishub"]
    assert takeaway(slide) == "tertinggi Dinkes (50,0%); terendah Dishub (25,0%)"
    assert "Dinkes 50,0%; Dishub 25,0%" in slide.notes_slide.notes_text_frame.text


def test_other_charts_are_pictures_with_a_takeaway_from_their_data(monkeypatch):
    monkeypatch.setattr(module, "chart_image", lambda fig, info, fmt: PNG)
    heat = go.Figure(go.Heatmap(z=[[1, 9], [3, 4]], x=["Kec. A", "Kec. B"], y=["Jalan", "Sampah"]))
    mixed = make_subplots(specs=[[{"secondary_y": True}]])
    mixed.add_bar(x=DAYS, y=[0.1] * 7, name="Negatif")
    mixed.add_scatter(x=DAYS, y=[0.2] * 7, name="Bersih", secondary_y=True)
    assert series(heat) is None and series(mixed) is None
    slide = one_slide(Chart(heat, "Peta"))
    assert takeaway(slide) == "Sel tertinggi: Jalan · Kec. B (9)"
    assert [sh.shape_type for sh in slide.shapes].count(13) == 2  # the chart and the logo


def test_a_chart_that_cannot_be_drawn_says_why(monkeypatch):
    def broken(*_):
        raise RenderError("Chromium tidak ditemukan")

    monkeypatch.setattr(module, "chart_image", broken)
    slide = one_slide(Chart(go.Figure(go.Heatmap(z=[[1]])), "Peta"))
    assert any("Grafik tidak dapat digambar: Chromium tidak ditemukan" in sh.text_frame.text
               for sh in slide.shapes if sh.has_text_frame)


def test_a_rank_over_time_names_the_best_not_the_highest():
    fig = go.Figure(go.Scatter(x=DAYS[:3], y=[5, 2, 3], mode="lines"))
    fig.update_yaxes(autorange="reversed")
    assert takeaway(one_slide(Chart(fig, "Peringkat"))) == "terakhir 3 (3 Nov); terbaik 2 (2 Nov)"


def test_long_tables_and_many_tiles():
    rows = tuple((f"OPD {i}", str(i)) for i in range(12))
    prs = Presentation(io.BytesIO(page_deck(PageView(**VIEW, tiles=[Tile(f"F{i}", str(i)) for i in range(8)],
                                                     items=[Table("Daftar", ("OPD", "Nilai"), rows, 40)]), "x")))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles == ["Uji", "Angka utama", "Angka utama", "Daftar"]  # six figure boxes a slide
    assert takeaway(prs.slides[3]) == "40 baris; 12 pertama di salindia ini, semuanya di unduhan XLSX halaman"
    assert len(next(sh for sh in prs.slides[3].shapes if sh.has_table).table.rows) == 13


def test_takeaway_without_data():
    fig = go.Figure(go.Bar(x=["a"], y=[None]))
    assert PageSlides.__name__ and takeaway(one_slide(Chart(fig, "Kosong"))) == "Belum ada data untuk periode ini."


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def test_a_table_of_long_cells_shows_only_the_rows_that_fit():
    wordy = tuple((f"OPD {i}", "alasan yang panjang sekali " * 12) for i in range(12))
    slide = one_slide(Table("Alasan", ("OPD", "Alasan"), wordy, 12))
    rows = len(next(sh for sh in slide.shapes if sh.has_table).table.rows) - 1
    assert 1 <= rows < 12 and takeaway(slide).startswith(f"12 baris; {rows} pertama")
