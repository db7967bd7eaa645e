"""Files laid out as the platforms hand them out (tests/fixtures/exports): loaded right, or refused with a reason."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl import load as etl_load
from etl import sources, textio
from etl.exportdate import dates_in
from etl.parse import parse_timestamp
from tests.exports import FB_HEADER, csv_text, fb_row, write_fb

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "exports"


def q(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple[Path, dict[str, etl_load.FileResult]]:
    db = tmp_path_factory.mktemp("real") / "w.duckdb"
    results = etl_load.load([FIXTURES], db)
    return db, {r.name: r for r in results}


def local(db: Path, platform: str) -> dict[str, tuple]:
    rows = q(db, "SELECT post_id, strftime(timezone('Asia/Jakarta', published_at), '%Y-%m-%d %H:%M'), views, "
                 f"CAST(timezone('Asia/Jakarta', snapshot_at) AS DATE) FROM stg_post WHERE platform = '{platform}'")
    return {r[0]: r[1:] for r in rows}


def test_meta_file_name_suffix_is_not_a_date(loaded):
    db, results = loaded
    r = results["Nov-01-2026_Nov-22-2026_1820351125403917.csv"]
    assert r.snapshot.startswith("2026-11-22") and "nama berkas" in r.snapshot_source
    assert local(db, "facebook") == {
        "122104012345678901": ("2026-11-19 06:08", 1200, date(2026, 11, 22)),
        "122104098765432109": ("2026-11-03 21:40", 800, date(2026, 11, 22))}
    assert dates_in("Nov-01-2026_Nov-22-2026_1820351125403917.csv") == [date(2026, 11, 1), date(2026, 11, 22)]
    for name in ("posts_1763791234.csv", "export (1).csv", "Overview_1795372800.csv", "x_20351125403917.csv"):
        assert dates_in(name) == [], name
    assert dates_in("tweet_activity_metrics_a_20261101_20261122_en.csv") == [date(2026, 11, 1), date(2026, 11, 22)]


def test_x_current_dates_by_utc_day_but_the_post_counts_for_its_local_day(loaded):
    db, results = loaded
    x = local(db, "x")
    early = next(k for k, v in x.items() if v[1] == 1500)
    assert x[early][0] == "2026-11-04 05:30"  # the file says Nov 3 (UTC); the id says 05:30 WIB on the 4th
    assert q(db, f"SELECT day FROM mart_post WHERE post_id = '{early}'") == [(date(2026, 11, 4),)]
    assert any("ID postingan" in n for n in results["account_analytics_content_2026-11-01_2026-11-22.csv"].notes)


def test_x_in_indonesian(loaded):
    db, results = loaded
    r = results["account_analytics_content_2026-11-01_2026-11-22.csv"]
    ids = [x for x in results.values() if x.format == "x_current_id"]
    assert len(ids) == 1 and ids[0].language == "id" and ids[0].rows_loaded == 1 and r.language == "en"
    got = q(db, "SELECT handle, views, reactions, comments, shares, saves, strftime(timezone('Asia/Jakarta', "
                "published_at), '%Y-%m-%d %H:%M') FROM stg_post WHERE handle = 'ekonomi_sukamaju'")
    assert got == [("ekonomi_sukamaju", 640, 21, 5, 7, 3, "2026-11-12 08:00")]


def test_another_platforms_file_with_x_like_headers_is_refused(tmp_path, db, load_into):
    header = ["ID postingan", "Tanggal", "Teks postingan", "Tautan Postingan", "Tayangan", "Suka"]
    f = tmp_path / "Nov-01-2026_Nov-22-2026_77.csv"
    f.write_text(csv_text(header, [["122104012345678901", "11/19/2026", "Rapat", "https://www.facebook.com/1/posts/2",
                                     "10", "2"]]))
    [r] = load_into(f)
    assert r.outcome == "ditolak" and "tautan x" in r.message


def test_x_date_far_from_the_id_is_rejected(tmp_path, db, load_into):
    src = (FIXTURES / "account_analytics_content_2026-11-01_2026-11-22.csv").read_text()
    (tmp_path / "account_analytics_content_2026-11-01_2026-11-22.csv").write_text(
        src.replace("Tue, Nov 10, 2026", "Fri, Nov 13, 2026").replace("Tue, Nov 3, 2026", "Wed, Nov 4, 2026"))
    [r] = load_into(tmp_path / "account_analytics_content_2026-11-01_2026-11-22.csv")
    assert (r.rows_loaded, r.rows_rejected) == (1, 1)  # the local day written for the UTC day is still right
    assert [g.code for g in r.groups] == ["tanggal_tidak_cocok_id"]
    assert [v[0] for v in local(db, "x").values()] == ["2026-11-04 05:30"]


def test_tiktok_zip_without_year_takes_it_from_the_export_date(loaded):
    db, results = loaded
    r = results["Content_setda.sukamaju.official.zip › Content.csv"]
    assert r.outcome == "berhasil" and "arsip" in r.snapshot_source
    assert any("tanpa tahun" in n and "2026-11-22" in n for n in r.notes)
    tiktok = local(db, "tiktok")
    assert tiktok["7441234567890123456"][:2] == ("2026-11-04 00:00", 18400)
    assert tiktok["7401234567890123456"][0] == "2025-12-28 00:00"  # December is after the 22 Nov 2026 export
    assert tiktok["7442234567890123456"][:2] == ("2026-10-27 00:00", 2300)  # "27 Oktober", "2.300"
    assert tiktok["7442334567890123456"][0] == "2025-12-01 00:00"  # "1 Desember"


@pytest.mark.parametrize("raw, ref, expected", [
    ("November 4", date(2026, 11, 22), datetime(2026, 11, 4)),
    ("November 22", date(2026, 11, 22), datetime(2026, 11, 22)),
    ("November 23", date(2026, 11, 22), datetime(2025, 11, 23)),
    ("27 Oktober", date(2026, 11, 22), datetime(2026, 10, 27)),
    ("29 Februari", date(2026, 11, 22), datetime(2024, 2, 29)),
    ("Dec 28 10:30", date(2026, 1, 3), datetime(2025, 12, 28, 10, 30)),
])
def test_yearless_dates(raw, ref, expected):
    got = parse_timestamp(raw, "UTC", "mdy", ref)
    assert got.replace(tzinfo=None) == expected
    assert parse_timestamp(raw, "UTC", "mdy") is None  # without an export date it is not guessed


def test_other_exports_are_recognised_and_refused_with_what_to_download(loaded):
    _, results = loaded
    for name, expected in [
        ("Overview_2026-10-24_1795372800_setda.sukamaju.official.zip › Overview.csv", "Overview"),
        ("Followers_setda.sukamaju.official.zip › FollowerHistory.csv", "FollowerHistory"),
        ("Followers_setda.sukamaju.official.zip › FollowerGender.csv", "FollowerGender"),
    ]:
        r = results[name]
        assert r.outcome == "ditolak" and expected in r.message and "ekspor Content" in r.message, r.message
    page = results["Views (1).csv"]
    assert page.outcome == "ditolak" and "per hari" in page.message and "Posts" in page.message
    stories = results["Nov-01-2026_Nov-22-2026_stories.csv"]
    assert stories.outcome == "ditolak" and "Story" in stories.message and "Posts" in stories.message


def test_youtube_zip_lifetime_from_the_table_daily_views_apart(loaded):
    db, results = loaded
    zip_name = "Content 2026-11-20_2026-11-22 Pemerintah Kabupaten Sukamaju.zip"
    table = results[f"{zip_name} › Table data.csv"]
    assert table.outcome == "berhasil" and table.rows_loaded == 2  # the Total row is not a video
    assert any("Totals.csv" in n and "cocok" in n for n in table.notes)
    assert any("nama kanal" in n for n in table.notes)
    assert results[f"{zip_name} › Totals.csv"].outcome == "dilewati"
    yt = local(db, "youtube")
    assert yt["dQw4w9WgXcQ"][1] == 80 and yt["a1B2c3D4e5F"][1] == 20  # the day of 15 views did not overwrite it
    assert q(db, "SELECT handle, opd_code FROM stg_post WHERE post_id = 'dQw4w9WgXcQ'") == [("pemkabsukamaju", "SETDA")]
    assert q(db, "SELECT day, views FROM raw_video_daily WHERE post_id = 'dQw4w9WgXcQ' ORDER BY day") == [
        (date(2026, 11, 20), 40), (date(2026, 11, 21), 25), (date(2026, 11, 22), 15)]


def test_youtube_in_indonesian_reads_penayangan_as_views_not_tayangan(loaded):
    db, results = loaded
    r = results["youtube@ekonomisukamaju_2026-11-22.zip › Data tabel.csv"]
    assert (r.outcome, r.language, r.rows_loaded) == ("berhasil", "id", 1)
    assert local(db, "youtube")["Zx9Yw8Vu7Ts"][1] == 75  # "Tayangan" (impressions) is 9000


def test_totals_that_disagree_are_said(tmp_path, db, load_into):
    folder = tmp_path / "youtube@ekonomisukamaju_2026-11-22"
    with zipfile.ZipFile(FIXTURES / "Content 2026-11-20_2026-11-22 Pemerintah Kabupaten Sukamaju.zip") as z:
        z.extractall(folder)
    totals = folder / "Totals.csv"
    totals.write_text(totals.read_text().replace("2026-11-22,19", "2026-11-22,20"))
    results = {r.name: r for r in load_into(folder)}
    assert any("PERHATIAN" in n for n in results["Table data.csv"].notes)


def test_excel_damaged_ids_are_recovered_from_the_link_or_rejected_for_that_reason(loaded):
    db, results = loaded
    r = results["facebook_excel_2026-11-22.csv"]
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (3, 2, 1)
    assert [g.code for g in r.groups] == ["id_rusak_excel"] and "Excel" in r.groups[0].todo
    assert any("dipulihkan" in n for n in r.notes) and any("hari/bulan" in n for n in r.notes)
    assert q(db, "SELECT value, reason_code FROM etl_reject WHERE file_name = 'facebook_excel_2026-11-22.csv'") == [
        ("1,22105E+17", "id_rusak_excel")]
    assert not q(db, "SELECT * FROM raw_post_snapshot WHERE post_id LIKE '%E+%'")


def test_a_damaged_page_id_is_dropped_and_the_page_known_by_its_name(tmp_path, db, load_into):
    row = fb_row("122104012345678901", when="19/11/2026 06:08")
    row[1] = "1,00091E+14"
    [r] = load_into(write_fb(tmp_path / "fb_2026-11-22.csv", [row]))
    assert (r.outcome, r.rows_loaded) == ("berhasil", 1) and any("Page ID" in n for n in r.notes)
    assert q(db, "SELECT opd_code FROM stg_post") == [("BAPENDA",)]


def test_damaged_ids_alike_are_not_called_duplicates(tmp_path, db, load_into):
    rows = [fb_row("1,22104E+17", when="19/11/2026 06:08"), fb_row("1,22104E+17", when="20/11/2026 06:08"),
            fb_row("1.22104E+17", when="21/11/2026 06:08")]
    for r in rows:
        r[8] = "https://www.facebook.com/share/p/xyz"
    [r] = load_into(write_fb(tmp_path / "fb_2026-11-22.csv", rows))
    assert r.rows_rejected == 3 and [g.code for g in r.groups] == ["id_rusak_excel"]


def test_xlsx_round_trip_ids_beyond_double_precision_are_damage(tmp_path, db, load_into):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(FB_HEADER)
    for pid, link in (("122104012345678901", None), ("122104098765432109", "https://fb.me/x")):
        row = fb_row(pid, when="11/19/2026 06:08")
        row[0] = float(pid)  # what Excel keeps of an 18-digit number
        row[6] = datetime(2026, 11, 19, 6, 8)
        if link:
            row[8] = link
        sheet.append(row)
    book.save(tmp_path / "fb_2026-11-22.xlsx")
    [r] = load_into(tmp_path / "fb_2026-11-22.xlsx")
    assert (r.rows_loaded, r.rows_rejected) == (1, 1)
    assert q(db, "SELECT post_id FROM stg_post") == [("122104012345678901",)]


def test_day_first_decided_per_file_and_undecidable_files_refused(tmp_path, loaded, db, load_into):
    _, results = loaded
    vague = results["facebook_excel_tanpa_tanggal.csv"]
    assert vague.outcome == "ditolak" and "«Publish time»" in vague.message
    mixed = write_fb(tmp_path / "fb_campur_2026-11-22.csv", [fb_row("1_1", when="25/03/2026 09:00"),
                                                             fb_row("1_2", when="03/25/2026 09:00")])
    [r] = load_into(mixed)
    assert r.outcome == "ditolak" and "mencampur" in r.message
    day_first = write_fb(tmp_path / "fb_2026-11-22.csv", [fb_row("2_1", when="25/03/2026 09:00"),
                                                          fb_row("2_2", when="04/05/2026 09:00")])
    [r] = load_into(day_first)
    assert r.outcome == "berhasil"
    got = q(db, "SELECT post_id, CAST(timezone('Asia/Jakarta', published_at) AS DATE) FROM stg_post ORDER BY 1")
    assert got == [("2_1", date(2026, 3, 25)), ("2_2", date(2026, 5, 4))]  # 4 May, not 5 April


def test_period_in_the_name_settles_an_ambiguous_order(tmp_path, db, load_into):
    f = write_fb(tmp_path / "Nov-01-2026_Nov-22-2026_99.csv", [fb_row("1_1", when="3/11/2026 6:08")])
    [r] = load_into(f)
    assert r.outcome == "berhasil" and any("periode" in n for n in r.notes)
    assert q(db, "SELECT CAST(timezone('Asia/Jakarta', published_at) AS DATE) FROM stg_post") == [(date(2026, 11, 3),)]


def test_lapor_open_data_layout(loaded):
    db, results = loaded
    r = results["lapor_data_2026-11-22.csv"]
    assert (r.outcome, r.rows_loaded) == ("berhasil", 2), (r.message, r.rejects)
    got = q(db, "SELECT complaint_id, opd_code, status, strftime(timezone('Asia/Jakarta', received_at), "
                "'%Y-%m-%d %H:%M') FROM stg_complaint ORDER BY 1")
    assert got == [("40295", "SETDA", "selesai", "2026-11-09 08:12"), ("70931", None, "baru", "2026-11-20 19:45")]


def test_zip_members_are_files_of_their_own_and_junk_is_listed(loaded):
    _, results = loaded
    zip_name = "unduhan_campur_2026-11-22.zip"
    skipped = {n: r for n, r in results.items() if n.startswith(zip_name)}
    assert {n.split(" › ")[1]: r.outcome for n, r in skipped.items()} == {
        ".DS_Store": "dilewati", "__MACOSX/._Content.csv": "dilewati", "gambar/grafik.png": "dilewati",
        "data/Nov-01-2026_Nov-22-2026_1820351125403917.csv": "dilewati"}  # the same bytes as a file given
    assert "isi sama" in skipped[f"{zip_name} › data/Nov-01-2026_Nov-22-2026_1820351125403917.csv"].message


def test_zip_limits_refuse_with_a_reason(tmp_path, db, load_into, monkeypatch):
    monkeypatch.setattr(sources, "MAX_MEMBERS", 3)
    path = tmp_path / "banyak_2026-11-22.zip"
    with zipfile.ZipFile(path, "w") as z:
        for i in range(4):
            z.writestr(f"f{i}.csv", "a,b\n1,2\n")
    [r] = load_into(path)
    assert r.outcome == "ditolak" and "batas" in r.message
    bomb = tmp_path / "bom_2026-11-22.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.csv", "0" * (8 << 20))
    [r] = load_into(bomb)
    assert r.outcome == "ditolak" and "memuai" in r.message
    broken = tmp_path / "rusak_2026-11-22.zip"
    broken.write_bytes(b"PK\x03\x04 bukan zip")
    [r] = load_into(broken)
    assert r.outcome == "ditolak" and "rusak" in r.message


def test_zip_in_a_folder_is_not_skipped(tmp_path, db, load_into):
    (tmp_path / "in").mkdir()
    shutil.copy(FIXTURES / "Content_setda.sukamaju.official.zip", tmp_path / "in")
    [r] = load_into(tmp_path / "in")
    assert r.name == "Content_setda.sukamaju.official.zip › Content.csv" and r.rows_loaded == 2


def test_a_huge_caption_loads_and_does_not_stop_other_files(tmp_path, db, load_into):
    (tmp_path / "in").mkdir()
    write_fb(tmp_path / "in" / "a_2026-11-22.csv", [fb_row("1_1", caption="Sosialisasi " * 20_000),
                                                    fb_row("1_2")])
    write_fb(tmp_path / "in" / "b_2026-11-22.csv", [fb_row("2_1")])
    results = load_into(tmp_path / "in")
    assert [(r.name, r.outcome, r.rows_loaded) for r in results] == [
        ("a_2026-11-22.csv", "berhasil", 2), ("b_2026-11-22.csv", "berhasil", 1)]
    assert q(db, "SELECT length(caption) FROM stg_post WHERE post_id = '1_1'") == [(len("Sosialisasi " * 20_000) - 1,)]


def test_a_row_too_big_is_named(tmp_path, db, load_into, monkeypatch):
    monkeypatch.setattr(textio, "MAX_LINE_BYTES", 1 << 20)
    f = write_fb(tmp_path / "fb_2026-11-22.csv", [fb_row("1_1"), fb_row("1_2", caption="x" * (3 << 20))])
    [r] = load_into(f)
    assert r.outcome == "ditolak" and "baris 3" in r.message and "terlalu besar" in r.message


def test_an_unexpected_error_is_that_files_failure_only(tmp_path, db, load_into, monkeypatch):
    (tmp_path / "in").mkdir()
    write_fb(tmp_path / "in" / "a_2026-11-22.csv", [fb_row("1_1")])
    write_fb(tmp_path / "in" / "b_2026-11-22.csv", [fb_row("2_1")])
    real = textio.sniff

    def sniff(path, display=None):
        if display == "a_2026-11-22.csv":
            raise ValueError("sesuatu yang tak terduga")
        return real(path, display)

    monkeypatch.setattr(textio, "sniff", sniff)
    ra, rb = load_into(tmp_path / "in")
    assert ra.outcome == "ditolak" and "tak terduga" in ra.message and "errors.log" in ra.message
    assert rb.outcome == "berhasil"
    assert "ValueError" in etl_load.error_log(db).read_text()


def test_cli_never_prints_a_traceback(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rusak_2026-11-22.csv").write_bytes(b"\xef\xbb\xbf" + csv_text(FB_HEADER, [fb_row("1_1")]).encode()[:-30])
    (folder / "kosong.xlsx").write_bytes(b"PK\x03\x04 bukan excel")
    (folder / "arsip_2026-11-22.zip").write_bytes(b"bukan zip")
    write_fb(folder / "baik_2026-11-22.csv", [fb_row("2_1")])
    done = subprocess.run([sys.executable, "-m", "etl", "load", str(folder), "--db", str(tmp_path / "w.duckdb")],
                          cwd=ROOT, capture_output=True, text=True)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 1 and "baik_2026-11-22.csv: berhasil" in done.stderr
    assert "rusak_2026-11-22.csv: DITOLAK" in done.stderr and "arsip_2026-11-22.zip: DITOLAK" in done.stderr
    assert "Meta Business Suite — postingan Facebook (konten (postingan); judul kolom Inggris)" in done.stderr
    assert "tanggal ekspor: 2026-11-22 (dari nama berkas (2026-11-22))" in done.stderr


def test_cli_report_names_reject_groups_and_what_to_do(tmp_path):
    done = subprocess.run([sys.executable, "-m", "etl", "load", str(FIXTURES / "facebook_excel_2026-11-22.csv"),
                           "--db", str(tmp_path / "w.duckdb")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "1 baris ditolak [id_rusak_excel]" in done.stderr and "→ Excel mengubah ID panjang" in done.stderr
    assert "catatan: 2 ID yang dirusak Excel (angka ilmiah) dipulihkan persis dari tautan" in done.stderr


def test_same_named_workbooks_in_two_folders_are_both_read(tmp_path, db, load_into):
    for folder, pid in (("a", "1_1"), ("b", "2_1")):
        book = openpyxl.Workbook()
        book.active.append(FB_HEADER)
        book.active.append(fb_row(pid))
        (tmp_path / folder).mkdir()
        book.save(tmp_path / folder / "komentar_2026-11.xlsx")
    results = load_into(tmp_path / "a" / "komentar_2026-11.xlsx", tmp_path / "b" / "komentar_2026-11.xlsx")
    assert [r.rows_loaded for r in results] == [1, 1]
    assert q(db, "SELECT post_id FROM stg_post ORDER BY 1") == [("1_1",), ("2_1",)]


def test_an_export_date_in_the_future_is_refused(tmp_path, db, load_into):
    [r] = load_into(write_fb(tmp_path / "fb_2099-01-01.csv", [fb_row("1_1")]))
    assert r.outcome == "ditolak" and "masa depan" in r.message and "2099-01-01" in r.message


def test_reject_values_are_quoted_exactly_and_kept_readable(tmp_path, db, load_into):
    rows = [fb_row("1_1", page=("999", "Desa MEKAR Jaya")), fb_row("1_2", views="x" * 5000)]
    [r] = load_into(write_fb(tmp_path / "fb_2026-11-22.csv", rows))
    got = dict(q(db, "SELECT reason_code, value FROM etl_reject"))
    assert got["akun_tidak_terdaftar"] == "Desa MEKAR Jaya"
    assert len(got["nilai_tidak_sah"]) < 250 and "5000 karakter" in got["nilai_tidak_sah"]
    assert any("@Desa MEKAR Jaya" in g.reason for g in r.groups)


def test_files_needing_different_day_month_orders_load_apart_each_right(tmp_path, db, load_into):
    us = write_fb(tmp_path / "a_2026-11-22.csv", [fb_row("1_1", when="11/19/2026 06:08")])
    excel = write_fb(tmp_path / "b_2026-11-22.csv", [fb_row("2_1", when="19/11/2026 06:08"),
                                                     fb_row("2_2", when="03/11/2026 06:08")])
    ra, rb = load_into(us, excel)
    assert (ra.outcome, rb.outcome) == ("berhasil", "berhasil")
    assert len(rb.notes) == len(set(rb.notes)) and sum("hari/bulan" in n for n in rb.notes) == 1
    got = q(db, "SELECT post_id, CAST(timezone('Asia/Jakarta', published_at) AS DATE) FROM stg_post ORDER BY 1")
    assert got == [("1_1", date(2026, 11, 19)), ("2_1", date(2026, 11, 19)), ("2_2", date(2026, 11, 3))]


def test_a_zip_inside_a_zip_is_opened(tmp_path, db, load_into):
    inner = (FIXTURES / "Content_setda.sukamaju.official.zip").read_bytes()
    outer = tmp_path / "semua_ekspor.zip"
    with zipfile.ZipFile(outer, "w") as z:
        z.writestr("tiktok/Content_setda.sukamaju.official.zip", inner)
    [r] = load_into(outer)
    assert r.name == "semua_ekspor.zip › tiktok/Content_setda.sukamaju.official.zip › Content.csv"
    assert (r.outcome, r.rows_loaded) == ("berhasil", 2)
