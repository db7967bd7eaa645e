"""Reading exports in every encoding, delimiter and container seen in the field."""

import codecs

import duckdb
import openpyxl
import pytest

from etl import textio
from etl.errors import FileRefused
from tests.exports import COMMENT_HEADER, FB_HEADER, comment_row, csv_text, fb_row


def read(path):
    con = duckdb.connect()
    sniffed = textio.sniff(path)
    textio.read_batch(con, [sniffed])
    return sniffed, con.execute("SELECT * EXCLUDE (_file) FROM src_numbered ORDER BY _row").fetchall()


TEXT = "Sampah “numpuk” di pasar — tolong ditangani"


@pytest.mark.parametrize(("encoding", "prefix"), [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-le", b""),
    ("cp1252", b""),
])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters(tmp_path, encoding, prefix, delimiter):
    f = tmp_path / "komentar.csv"
    f.write_bytes(prefix + csv_text(COMMENT_HEADER, [comment_row("c1", text=TEXT)], delimiter).encode(encoding))
    layout, rows = read(f)
    assert layout.match.format.name == "template_comments"
    assert layout.delimiter == delimiter
    assert rows[0][0] == 2  # spreadsheet row of the first data line
    assert TEXT in rows[0]


def test_meta_page_preamble_is_skipped(tmp_path):
    f = tmp_path / "fb.csv"
    body = 'sep=,\r\n"Lifetime post metrics"\r\n' + csv_text(FB_HEADER, [fb_row("1_1"), fb_row("1_2")])
    f.write_bytes(codecs.BOM_UTF16_LE + body.encode("utf-16-le"))
    layout, rows = read(f)
    assert layout.header_row == 3
    assert [r[0] for r in rows] == [4, 5]


def test_multiline_captions_keep_row_numbers_per_record(tmp_path):
    f = tmp_path / "fb.csv"
    f.write_text(csv_text(FB_HEADER, [fb_row("1_1", caption="baris satu\nbaris dua"), fb_row("1_2")]))
    _, rows = read(f)
    assert [r[0] for r in rows] == [2, 3]
    assert rows[0][5] == "baris satu\nbaris dua"


def test_xlsx_header_below_a_title_and_typed_cells(tmp_path):
    from datetime import datetime

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Rekap pengaduan WhatsApp — November 2026"])
    ws.append(["kanal", "nomor_tiket", "diterima", "isi", "opd", "rating"])
    ws.append(["whatsapp", 1024, datetime(2026, 11, 21, 8, 30), "Lampu jalan mati", "DISHUB", 4.0])
    f = tmp_path / "wa.xlsx"
    wb.save(f)
    layout, rows = read(f)
    assert layout.match.format.name == "template_complaints" and layout.header_row == 2
    assert rows == [(3, "whatsapp", "1024", "2026-11-21 08:30:00", "Lampu jalan mati", "DISHUB", "4")]


def test_corrupt_xlsx_is_refused(tmp_path):
    f = tmp_path / "rusak.xlsx"
    f.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(FileRefused) as err:
        read(f)
    assert "rusak.xlsx" in err.value.message and "Excel" in err.value.message


def test_unknown_layout_names_the_file_and_the_formats(tmp_path):
    f = tmp_path / "laporan_bulanan.csv"
    f.write_text("Bulan;Jumlah;Keterangan\nJanuari;3;-\n")
    with pytest.raises(FileRefused) as err:
        read(f)
    assert err.value.code == "format_tidak_dikenal"
    assert "laporan_bulanan.csv" in err.value.message and "Bulan, Jumlah, Keterangan" in err.value.message


def test_wrong_column_count_mid_file_is_refused_with_the_row(tmp_path):
    f = tmp_path / "k.csv"
    text = csv_text(COMMENT_HEADER, [comment_row("c1"), comment_row("c2")]) + "facebook,x,komentar\n"
    f.write_text(text)
    with pytest.raises(FileRefused) as err:
        read(f)
    assert "baris 4 berisi 3 kolom" in err.value.message
