"""Table downloads (reports.tables, ui.exports): files read back with the csv module and openpyxl — the header
block, numbers and shares as numeric cells with their format, dates as dates, formula payloads as inert text,
headers from the metric catalog in both languages — and the Pengaduan page's buttons on the sample warehouse."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pandas as pd
import pytest

from analytics.metrics import metric
from reports.tables import Meta, Number, safe, table_csv, table_xlsx
from ui import format as uf
from ui.exports import number_format
from ui.widgets import metric_columns, percent1

from .apptest import open_app, recording

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.xdist_group("sample")

PAYLOADS = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tX", "\rY"]
SHARE, DAYS = metric("complaints_in_sla_share"), metric("complaints_median_response_days")


def frame() -> pd.DataFrame:
    n = len(PAYLOADS) + 1
    return pd.DataFrame({
        "name": ["Dinas Lingkungan Hidup", *PAYLOADS],
        "received": [1234, *range(n - 2), None],
        "in_sla_share": [0.259, 0.5, None, 1.0, 0.0, 0.125, 0.75],
        "median_response_days": [3.25, 1.0, 2.5, None, 0.0, 4.75, 10.0],
        "received_day": [date(2026, 11, 2), *[date(2026, 11, 20)] * (n - 2), None],
    })


def labels(lang: str) -> dict[str, str]:
    return {"name": "OPD", "received": metric("complaints_received").header(lang),
            "in_sla_share": SHARE.header(lang), "median_response_days": DAYS.header(lang),
            "received_day": "Diterima" if lang == "id" else "Received"}


FORMATS = {"received": metric("complaints_received"), "in_sla_share": SHARE, "median_response_days": DAYS}


def meta(lang: str = "id") -> Meta:
    return Meta(title="Kinerja per OPD", period="22 Okt 2026 – 20 Nov 2026",
                filters="OPD: DLH · Semua jenis · Platform: Instagram",
                generated_at=datetime(2026, 11, 20, 7, 5, tzinfo=ZoneInfo("Asia/Jakarta")),
                region="Kabupaten Sukamaju", source="Sumber: pengaduan semua kanal", lang=lang)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the encoding right
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_csv_has_the_header_block_then_a_blank_row_then_the_table():
    rows = read_csv(table_csv(frame(), labels("id"), meta(), FORMATS))
    assert rows[:6] == [["Laporan", "Kinerja per OPD"], ["Daerah", "Kabupaten Sukamaju"],
                        ["Periode", "22 Okt 2026 – 20 Nov 2026"],
                        ["Saringan", "OPD: DLH · Semua jenis · Platform: Instagram"],
                        ["Dibuat", "20 Nov 2026 07.05 WIB"], ["Sumber", "pengaduan semua kanal"]]
    assert rows[6] == []
    assert rows[7] == ["OPD", "Masuk", "Sesuai SLA", "Median tanggapan", "Diterima"]
    assert rows[8] == ["Dinas Lingkungan Hidup", "1234", "0.259", "3.2", "2026-11-02"]  # plain numbers, ISO dates
    assert rows[10][2] == "" and rows[-1][1] == rows[-1][4] == ""  # missing: empty
    assert len(rows) == 8 + len(frame())


def test_xlsx_cells_are_typed_with_the_declared_formats():
    ws = read_xlsx(table_xlsx(frame(), labels("id"), meta(), FORMATS))
    assert [ws.cell(r, 1).value for r in range(1, 7)] == ["Laporan", "Daerah", "Periode", "Saringan", "Dibuat",
                                                           "Sumber"]
    assert ws["B3"].value == "22 Okt 2026 – 20 Nov 2026" and ws["B4"].value.startswith("OPD: DLH")
    assert all(c.value is None for c in ws[7])
    head = [c.value for c in ws[8]]
    assert head == ["OPD", "Masuk", "Sesuai SLA", "Median tanggapan", "Diterima"]
    assert all(c.font.b for c in ws[8]) and ws.freeze_panes == "A9"
    count, share, days, day = ws["B9"], ws["C9"], ws["D9"], ws["E9"]
    assert (count.data_type, count.value, count.number_format) == ("n", 1234, "#,##0")
    assert (share.data_type, share.value, share.number_format) == ("n", 0.259, "0.0%")  # a number, not "25,9%"
    assert (days.data_type, days.value, days.number_format) == ("n", 3.25, "#,##0.0")
    assert day.is_date and day.value == datetime(2026, 11, 2) and day.number_format == "d mmm yyyy"
    assert ws["C11"].value is None and ws["B15"].value is None and ws["E15"].value is None
    assert all(ws.column_dimensions[col].width >= 8 for col in "ABCDE")
    assert ws.column_dimensions["A"].width >= len("Dinas Lingkungan Hidup")


def test_formula_payloads_come_back_as_text():
    data = frame()
    csv_rows = read_csv(table_csv(data, labels("id"), meta(), FORMATS))[9:]
    ws = read_xlsx(table_xlsx(data, labels("id"), meta(), FORMATS))
    for i, payload in enumerate(PAYLOADS):
        assert csv_rows[i][0] == "'" + payload
        cell = ws.cell(10 + i, 1)  # (a CR is stored as OOXML's escape _x000D_, which Excel reads back; openpyxl not)
        assert cell.data_type == "s" and cell.value.replace("_x000D_", "\r") == "'" + payload
    assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert safe("-") == "'-" and safe("Dinas - UPT") == "Dinas - UPT" and safe("") == ""


def test_the_header_block_and_headers_are_neutralised_too():
    bad = Meta("=cmd|' /C calc'!A0", "+1", "@x", datetime(2026, 11, 20, 7, 5), "-Kab", "=1+1")
    ws = read_xlsx(table_xlsx(frame(), {"name": "=OPD"}, bad))
    assert [ws.cell(r, 2).value[0] for r in range(1, 7) if r != 5] == ["'"] * 5
    assert ws["A8"].value == "'=OPD"
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    rows = read_csv(table_csv(frame(), {"name": "=OPD"}, bad))
    assert rows[0][1].startswith("'=") and rows[7] == ["'=OPD"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_catalog_headers_and_block_labels_in_the_viewers_language(lang):
    shown = labels(lang)
    rows = read_csv(table_csv(frame(), shown, meta(lang), FORMATS))
    ws = read_xlsx(table_xlsx(frame(), shown, meta(lang), FORMATS))
    for header in (SHARE.header(lang), DAYS.header(lang)):
        assert header in rows[7] and header in [c.value for c in ws[8]]
    words = ["Report", "Period", "Filters", "Generated", "Source"] if lang == "en" else [
        "Laporan", "Periode", "Saringan", "Dibuat", "Sumber"]
    assert set(words) <= {r[0] for r in rows[:6]} and set(words) <= {ws.cell(r, 1).value for r in range(1, 7)}
    assert SHARE.header("en") == "Within SLA" and (SHARE.header("id") in rows[7]) == (lang == "id")


def test_times_are_written_local_and_whole_numbers_without_decimals():
    stamps = pd.Series(pd.to_datetime(["2026-11-20 00:30", "2026-11-20 03:00"]).tz_localize("UTC"))
    data = pd.DataFrame({"at": stamps, "n": [3.0, 4.0], "x": [0.25, 1.5], "ok": [True, False]})
    rows = read_csv(table_csv(data, {"at": "Waktu", "n": "N", "x": "X", "ok": "OK"}, meta()))
    assert rows[8] == ["2026-11-20 07:30", "3", "0.2", "TRUE"]  # Asia/Jakarta; 1 decimal as the page shows
    ws = read_xlsx(table_xlsx(data, {"at": "Waktu", "n": "N", "x": "X", "ok": "OK"}, meta()))
    assert ws["A9"].value == datetime(2026, 11, 20, 7, 30) and ws["A9"].number_format == "d mmm yyyy hh:mm"
    assert ws["B9"].number_format == "#,##0" and ws["C9"].number_format == "#,##0.0" and ws["D9"].value is True


def test_the_pages_cell_formats_give_the_export_formats():
    _, fmt, _ = metric_columns({"share": "complaints_in_sla_share", "days": "complaints_median_response_days",
                                "rank": "rank"})
    assert number_format(fmt["share"]) == Number(1, share=True)
    assert number_format(fmt["days"]) == Number(1) and number_format(fmt["rank"]) == Number(0)
    assert number_format(percent1) == Number(1, True) and number_format(uf.number) == Number(0)
    assert number_format(partial(uf.number, decimals=2)) == Number(2)
    assert number_format(lambda v: str(v)) is None


# -- the app: the Pengaduan page's buttons, and what they hand over --------------------------------------------

@pytest.fixture
def downloads(sample_db, monkeypatch):
    """Open a page (AppTest on the sample warehouse); returns it and {button key: (file name, data function)}."""
    files = recording(monkeypatch)

    def open_page(page: str, **params: str):
        at = open_app(sample_db, monkeypatch, page, **params)
        return at, files(at)

    return open_page


def test_pengaduan_offers_every_table_and_all_overdue_rows(downloads):
    at, found = downloads("pages/pengaduan.py")
    for table in ("pg_late", "pg_opd_table", "pg_channel_table", "pg_details"):
        assert found[f"{table}_csv"][0] == f"sorot_pengaduan_{table}_2026-11-20.csv"
        assert found[f"{table}_xlsx"][0] == f"sorot_pengaduan_{table}_2026-11-20.xlsx"
    assert {b.label for b in at.main.download_button} == {"Unduh CSV", "Unduh XLSX", "Unduh PNG", "Unduh SVG"}
    overdue = int(next(m for m in at.metric if m.label == metric("complaints_overdue").label).value.replace(".", ""))
    assert overdue > 0
    ws = read_xlsx(found["pg_late_xlsx"][1]())
    assert ws["B1"].value == "Pengaduan lewat batas" and ws["B3"].value == "Terbuka dan lewat batas pada 20 Nov 2026"
    assert ws["B4"].value == "Semua OPD · Semua jenis · Semua platform"
    assert ws.max_row - 8 == overdue  # every overdue complaint, not only the first 1,000 shown
    assert ws["F9"].is_date and ws["G9"].data_type == "n"
    rows = read_csv(found["pg_late_csv"][1]())
    assert len(rows) - 8 == overdue and rows[7][1] == "Tiket"
    counted = next(c.value for c in at.caption if c.value.endswith("Identitas pelapor tidak pernah ditampilkan."))
    received = int(counted.split()[0].replace(".", ""))
    assert len(read_csv(found["pg_details_csv"][1]())) - 8 == received > 500  # all, not only the 500 drawn


def test_pengaduan_exports_in_english_with_the_catalog_headers(downloads):
    at, found = downloads("pages/pengaduan.py", bahasa="en", opd="DLH")
    assert {b.label for b in at.main.download_button} == {"Download CSV", "Download XLSX", "Download PNG",
                                                     "Download SVG"}
    ws = read_xlsx(found["pg_opd_table_xlsx"][1]())
    assert [ws.cell(r, 1).value for r in (1, 3, 4)] == ["Report", "Period", "Filters"]
    assert ws["B4"].value.startswith("Agency (OPD): ") and "All platforms" in ws["B4"].value
    head = [c.value for c in ws[8]]
    assert SHARE.header("en") in head and metric("complaints_received").header("en") in head
    share = ws.cell(9, head.index(SHARE.header("en")) + 1)
    assert share.data_type == "n" and share.number_format == "0.0%"


@pytest.mark.skipif(not shutil.which("chromium"), reason="Debian chromium not installed (make browser)")
def test_every_chart_offers_png_and_svg_that_say_what_they_show(downloads):
    _, found = downloads("pages/pengaduan.py", opd="DLH")
    for chart in ("pg_trend_chart", "pg_heat_chart"):
        assert found[f"{chart}_png"][0] == f"sorot_pengaduan_{chart}_2026-11-20.png"
    png = found["pg_trend_chart_png"][1]()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") == 1600
    svg = found["pg_trend_chart_svg"][1]().decode("utf-8")
    for text in ("Pengaduan masuk dan selesai per hari", "22 Okt 2026 – 20 Nov 2026", "OPD: DLH",
                 "Sumber: pengaduan semua kanal", "Pemerintah Kabupaten Sukamaju"):
        assert text in svg, text
