"""The workbook of the Paket Briefing Apel (reports/workbook.py), read back with openpyxl: its sheets in the file's
language, the header block on each, the Ringkasan page's six figures as number cells with the catalog's formats,
the Peringkat page's league, every overdue complaint, dates as date cells, formula payloads as inert text, and
only the sheets the data supports."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

import warehouse_file
from analytics import complaint_trends, ranking, sentiment_trends
from analytics.briefing import HEADLINE, briefing, with_data
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.metrics import metric
from analytics.norms import read_norms
from reports.tables import Number
from reports.workbook import briefing_workbook, compose, sheet_name

from .apptest import headline, open_app

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 20)
WEEK = Filters(date(2026, 11, 14), TODAY)
MONTH = Filters(date(2026, 10, 1), date(2026, 10, 31))
SHEETS = ["Ringkasan", "Peringkat OPD", "OPD pasif", "Sentimen per pekan", "Topik naik", "Pengaduan lewat batas"]
SHEETS_EN = ["Summary", "OPD ranking", "Passive agencies", "Sentiment by week", "Rising topics", "Overdue complaints"]
BLOCK = ["Laporan", "Daerah", "Periode", "Saringan", "Dibuat", "Sumber"]
TOP = 8  # the header block (6 rows), a blank row, then the table's header row
PAYLOADS = ['=HYPERLINK("http://x","klik")', "+1", "-2", "@SUM(A1)"]
pytestmark = pytest.mark.xdist_group("sample")


@pytest.fixture(scope="module", autouse=True)
def pinned():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOROT_TODAY", TODAY.isoformat())
        yield


@pytest.fixture(scope="module")
def wh(sample_db):
    con = warehouse_file.open_read_only(sample_db)
    yield Warehouse(warehouse_file.read_cursor(con))
    con.close()


def build(wh: Warehouse, filters: Filters, lang: str = "id") -> bytes:
    return briefing_workbook(wh, filters, Scope.everything(), read_norms(), TODAY, lang)


def read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def month(wh) -> openpyxl.Workbook:
    return read(build(wh, MONTH))


@pytest.fixture(scope="module")
def brief(wh):
    """The briefing of MONTH, as the page computes it."""
    return briefing(wh, MONTH, Scope.everything(), read_norms(), TODAY)


@pytest.fixture(scope="module")
def week(wh) -> openpyxl.Workbook:
    return read(build(wh, WEEK))


def table(ws) -> tuple[list[str], list[list]]:
    """(headers, rows of cells) of a sheet's table."""
    head = [c.value for c in ws[TOP]]
    return head, [list(row) for row in ws.iter_rows(min_row=TOP + 1) if any(c.value is not None for c in row)]


def column(ws, header: str) -> list:
    head, rows = table(ws)
    return [row[head.index(header)] for row in rows]


# --- sheets and header block ------------------------------------------------------------------------------


def test_the_sheets_in_order_each_with_the_header_block_and_a_bold_frozen_header_row(month):
    assert month.sheetnames == SHEETS
    for ws in month.worksheets:
        assert [ws.cell(r, 1).value for r in range(1, 7)] == BLOCK
        report, region, period, filters, made, source = (ws.cell(r, 2).value for r in range(1, 7))
        assert report == f"Paket Briefing Apel — {ws.title}"
        assert region == "Kabupaten Sukamaju" and filters == "Semua OPD · Semua jenis · Semua platform"
        assert period == ("Terbuka dan lewat batas pada 20 Nov 2026" if ws.title == "Pengaduan lewat batas"
                          else "1 Okt 2026 – 31 Okt 2026")
        assert made.endswith(" WIB") and source
        assert all(c.value is None for c in ws[7])
        assert all(c.font.b for c in ws[TOP] if c.value is not None) and ws.freeze_panes == f"A{TOP + 1}"
        assert all(ws.column_dimensions[col].width >= 8 for col in "ABC")


def test_sheet_names_are_ones_excel_takes():
    assert sheet_name("Pengaduan: [baru]/lama?") == "Pengaduan   baru  lama"
    assert len(sheet_name("x" * 40)) == 31 and sheet_name("'") == "Sorot"


# --- Ringkasan: the page's figures ----------------------------------------------------------------------


def test_the_headline_figures_are_number_cells_with_the_pages_values_and_changes(wh, week, sample_db, monkeypatch):
    shown = headline(open_app(sample_db, monkeypatch, periode="7h"))
    assert len(shown) == 6
    ws = week["Ringkasan"]
    assert [c.value for c in ws[TOP]] == ["Angka", "Nilai", "Sebelumnya", "Perubahan", "Dibanding"]
    b = briefing(wh, WEEK, Scope.everything(), read_norms(), TODAY)
    for i, (key, metric_id, _) in enumerate(HEADLINE, start=TOP + 1):
        m = metric(metric_id)
        label, value, previous, change, against = (ws.cell(i, j) for j in range(1, 6))
        assert label.value == m.label_in("id") and label.value in shown
        page_value, page_change = shown[label.value]
        assert value.data_type == "n" and value.number_format == Number.of(m).excel()
        assert m.format(value.value) == page_value  # the same figure, as a number: 0.264, not "26,4%"
        assert value.value == pytest.approx(b.figures[key].value) and previous.value == pytest.approx(
            b.figures[key].previous)
        if page_change == "— belum ada pembanding":
            assert change.value is None and against.value == page_change
            continue
        assert m.change(value.value, previous.value) == page_change
        scale = 100 if m.unit == "share" else 1
        assert change.data_type == "n" and change.value == pytest.approx((value.value - previous.value) * scale)
        assert change.number_format.startswith("+") and (" poin" in change.number_format) == (m.unit == "share")
        assert against.value in ("vs periode lalu", "vs 7 hari sebelumnya", "vs 7 hari lalu")
    shares = [ws.cell(i, 2).number_format for i in range(TOP + 1, TOP + 7)]
    assert shares[0] == "0%" and shares[3] == "0.0%"  # OPD aktif, Ditanggapi sesuai SLA: shares, % formats


def test_the_talking_points_follow_numbered(brief, month):
    ws, b = month["Ringkasan"], brief
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=TOP + 1)]
    assert rows[7][0] == "Perubahan dibanding 1 Sep 2026 – 30 Sep 2026."
    start = next(i for i, r in enumerate(rows) if r[0] == "Poin bicara")
    points = rows[start + 1:start + 1 + len(b.points)]
    assert [r[0] for r in points] == list(range(1, len(b.points) + 1)) and [r[1] for r in points] == b.points


# --- the other sheets -----------------------------------------------------------------------------------------


def test_the_league_is_the_peringkat_pages_ranked_table(wh, month):
    league = with_data(ranking.league(wh, MONTH, Scope.everything(), read_norms(), TODAY))
    ws = month["Peringkat OPD"]
    head, rows = table(ws)
    assert head[:4] == ["Peringkat", "Perubahan", "OPD", "Skor"] and head[-2:] == ["Unggahan", "Masuk"]
    assert "Responsivitas pengaduan" in head
    assert len(rows) == len(league) >= 2
    assert [r[2].value for r in rows] == list(league["short_name"])
    assert [r[3].value for r in rows] == pytest.approx(list(league["skor"]))
    assert [r[0].value for r in rows] == list(league["rank"])
    assert all(r[3].data_type == "n" and r[3].number_format == "#,##0" for r in rows)
    assert rows[0][1].number_format == "+#,##0;-#,##0;#,##0"


def test_passive_opd_with_their_reasons(brief, month):
    b, ws = brief, month["OPD pasif"]
    head, rows = table(ws)
    assert head == ["OPD", "Unggahan", "Hari sejak unggahan terakhir", "Alasan"]
    assert [r[0].value for r in rows] == list(b.passive["short_name"])
    assert [r[3].value for r in rows] == ["; ".join(r) for r in b.passive["reasons"]]
    assert all(r[1].data_type == "n" for r in rows)


def test_the_weekly_negative_share_with_dates_and_spikes(wh, month):
    weeks = sentiment_trends.trend(wh, MONTH, Scope.everything(), "komentar", "pekan")
    spikes = sentiment_trends.spikes(wh, MONTH, Scope.everything(), read_norms())
    ws = month["Sentimen per pekan"]
    head, rows = table(ws)
    assert head == ["Awal pekan", "Akhir pekan", "Komentar & mention", "Negatif", "Komentar negatif", "Lonjakan",
                    "OPD dengan lonjakan"]
    assert len(rows) == len(weeks) >= 4
    assert all(r[0].is_date and r[1].is_date and r[0].number_format == "d mmm yyyy" for r in rows)
    assert [r[1].value.date() for r in rows] == list(weeks["end"])
    assert [r[4].value for r in rows] == pytest.approx(list(weeks["negative_share"]))
    assert {r[4].number_format for r in rows} == {"0.0%"}
    whole = set(spikes.loc[spikes["opd_code"].isna(), "end"])
    assert [r[5].value for r in rows] == [e in whole for e in weeks["end"]]
    opd = spikes[spikes["opd_code"].notna()]
    assert sum(len(r[6].value.split(", ")) for r in rows if r[6].value) == len(opd) > 0


def test_rising_topics(brief, month):
    b = brief
    head, rows = table(month["Topik naik"])
    assert head == ["Topik", "Sebelumnya", "Sekarang", "Perubahan", "Terbanyak di"]
    assert len(rows) == len(b.rising)
    assert [r[3].value for r in rows] == pytest.approx(list(b.rising["change"]))
    assert rows[0][3].number_format == "+0%;-0%;0%" and rows[0][2].value == b.rising["now"].iloc[0]


def test_every_overdue_complaint(wh, month):
    late = complaint_trends.overdue_list(wh, MONTH, Scope.everything(), read_norms(), TODAY)
    ws = month["Pengaduan lewat batas"]
    head, rows = table(ws)
    assert head[:8] == ["Tiket", "OPD", "Kanal", "Topik", "Kecamatan", "Diterima", "Umur (hari kerja)",
                        "Norma terlewati"]
    assert [r[0].value for r in rows] == list(late["complaint_id"]) and len(rows) > 100
    assert all(r[0].data_type == "s" for r in rows)  # a ticket of digits stays text
    assert all(r[5].is_date for r in rows) and rows[0][5].value == datetime(2025, 11, 21)
    assert all(r[6].data_type == "n" for r in rows)


# --- formula payloads --------------------------------------------------------------------------------------


def test_formula_payloads_come_back_as_text(wh, brief):
    scope, norms, b = Scope.everything(), read_norms(), brief
    k = len(PAYLOADS)
    league = b.league.copy()
    ranked = with_data(league).index[:k]
    league.loc[ranked, "short_name"] = PAYLOADS
    passive = b.passive.head(k).copy()
    passive["short_name"] = PAYLOADS
    passive["reasons"] = [[p, "wajar"] for p in PAYLOADS]
    rising = b.rising.head(k).copy()
    rising["top_area"] = PAYLOADS
    late = complaint_trends.overdue_list(wh, MONTH, scope, norms, TODAY, k)
    late["complaint_id"], late["permalink"] = PAYLOADS, PAYLOADS
    evil = replace(b, league=league, passive=passive, rising=rising, points=PAYLOADS)
    data = compose(evil, "=Kabupaten", MONTH, TODAY, "id", None, None, late)
    book = read(data)
    assert not [f"{ws.title}!{c.coordinate}" for ws in book.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
    quoted = ["'" + p for p in PAYLOADS]
    assert [c.value for c in column(book["Peringkat OPD"], "OPD")[:k]] == quoted
    assert [c.value for c in column(book["OPD pasif"], "OPD")] == quoted
    assert [c.value for c in column(book["OPD pasif"], "Alasan")] == [f"'{p}; wajar" for p in PAYLOADS]
    assert [c.value for c in column(book["Topik naik"], "Terbanyak di")] == quoted
    assert [c.value for c in column(book["Pengaduan lewat batas"], "Tiket")] == quoted
    assert [c.value for c in column(book["Pengaduan lewat batas"], "Tautan")] == quoted
    ws = book["Ringkasan"]
    assert ws["B2"].value == "'=Kabupaten"
    assert [c.value for c in ws["B"] if isinstance(c.value, str) and c.value[1:] in PAYLOADS] == quoted


# --- language, a period without data, one OPD --------------------------------------------------------------------


def test_english_gives_english_sheet_names_and_headers(wh):
    book = read(build(wh, MONTH, "en"))
    assert book.sheetnames == SHEETS_EN
    ws = book["Summary"]
    assert [ws.cell(r, 1).value for r in range(1, 7)] == ["Report", "Region", "Period", "Filters", "Generated",
                                                          "Source"]
    assert ws["B1"].value == "Assembly briefing pack — Summary" and ws["B3"].value == "1 Oct 2026 – 31 Oct 2026"
    assert [c.value for c in ws[TOP]] == ["Figure", "Value", "Before", "Change", "Compared with"]
    assert ws.cell(TOP + 1, 1).value == metric("active_opd_share").label_in("en")
    assert " points" in ws.cell(TOP + 1, 4).number_format
    assert [c.value for c in book["OPD ranking"][TOP]][:4] == ["Rank", "Change", "Agency (OPD)", "Score"]
    assert [c.value for c in book["Sentiment by week"][TOP]][:5] == ["Week start", "Week end",
                                                                     "Comments & mentions", "Negative",
                                                                     "Negative comments"]
    assert [c.value for c in book["Overdue complaints"][TOP]][:3] == ["Ticket", "Agency (OPD)", "Channel"]
    headers = " ".join(str(c.value) for ws in book.worksheets for c in ws[TOP])
    assert not {"Nilai", "Sebelumnya", "Perubahan", "Tiket", "Kanal", "Topik"} & set(headers.split())


def test_a_period_without_data_gives_the_summary_sheet_only(wh):
    book = read(build(wh, Filters(date(2011, 1, 1), date(2011, 1, 31))))
    assert book.sheetnames == ["Ringkasan"]
    ws = book["Ringkasan"]
    assert ws["A8"].value == "Belum ada data untuk periode ini."
    assert [c.value for c in ws[10]] == ["Angka", "Nilai", "Sebelumnya", "Perubahan", "Dibanding"]
    assert ws["A11"].value == metric("complaints_overdue").label and ws["B11"].data_type == "n"
    assert ws["B11"].value > 0 and ws["A12"].value is None


def test_a_single_opd_view(wh):
    view = replace(WEEK, opd=("DLH",))
    book = read(build(wh, view))
    assert "Peringkat OPD" not in book.sheetnames  # one ranked OPD is no league
    assert book.sheetnames[0] == "Ringkasan" and "Pengaduan lewat batas" in book.sheetnames
    assert book["Ringkasan"]["B4"].value == "OPD: DLH · Semua jenis · Semua platform"
    late = column(book["Pengaduan lewat batas"], "OPD")
    assert late and {c.value for c in late} == {"DLH"}
    overdue = book["Ringkasan"].cell(TOP + 6, 2).value
    assert overdue == len(late) == len(complaint_trends.overdue_list(wh, view, Scope.everything(), read_norms(),
                                                                      TODAY))
    assert all(c.is_date for c in column(book["Pengaduan lewat batas"], "Diterima"))
