"""The Data page's figures (analytics/loads.py) checked against plain SQL; loading with a report and validated
edits (admin/)."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from admin import loading, norms_edit, registry_edit
from analytics import loads
from analytics.db import Warehouse
from analytics.norms import NormsError
from etl import warehouse
from etl.advice import advice
from etl.errors import RegistryError
from etl.load import ACCEPTED_SUFFIXES
from tests.exports import FB_HEADER, csv_text, fb_row, write_fb

pytestmark = pytest.mark.xdist_group("sample")

REGISTRY, HOLIDAYS = warehouse.DEFAULT_REGISTRY, warehouse.DEFAULT_HOLIDAYS
FB_NAME = "facebook_posts_2026-11-01_2026-11-20.csv"


@pytest.fixture(scope="module")
def sample_wh(sample_db):
    con = warehouse.open_read_only(sample_db)
    yield Warehouse(warehouse.read_cursor(con)), con
    con.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> list[tuple]:
    return con.execute(sql, params or {}).fetchall()


def test_load_history_equals_etl_load(sample_wh):
    wh, con = sample_wh
    got = loads.load_history(wh)
    want = rows(con, "SELECT load_id, file_name, outcome, rows_read, rows_loaded, rows_rejected, rows_new "
                     "FROM etl_load ORDER BY load_id DESC")
    cols = ["load_id", "file_name", "outcome", "rows_read", "rows_loaded", "rows_rejected", "rows_new"]
    assert [tuple(r) for r in got[cols].itertuples(index=False)] == want
    assert (got["seconds"] >= 0).all() and got["started_at"].dt.tz is None  # local time, naive


def test_rejects_of_a_load_equal_etl_reject(sample_wh):
    wh, con = sample_wh
    load_id = rows(con, "SELECT load_id FROM etl_load WHERE rows_rejected > 0 ORDER BY load_id LIMIT 1")[0][0]
    got = loads.rejects(wh, [load_id])
    want = rows(con, "SELECT file_name, row_number, column_name, value, reason FROM etl_reject "
                     "WHERE load_id = $l ORDER BY row_number", {"l": load_id})
    assert [tuple(r) for r in got[["file_name", "row_number", "column_name", "value", "reason"]]
            .itertuples(index=False)] == want
    assert len(got) == rows(con, "SELECT rows_rejected FROM etl_load WHERE load_id = $l", {"l": load_id})[0][0]


def test_unknown_accounts_equal_sql(sample_wh):
    wh, con = sample_wh
    got = loads.unknown_accounts(wh)
    want = rows(con, """
        SELECT platform, value, count(*), string_agg(DISTINCT file_name, ', ' ORDER BY file_name)
        FROM etl_reject r WHERE reason_code = 'akun_tidak_terdaftar' AND NOT EXISTS (
          SELECT 1 FROM ref_account_key k WHERE k.platform = r.platform AND k.lookup = lower(r.value))
        GROUP BY ALL ORDER BY 3 DESC, 1, 2""")
    assert want, "the sample has deliberately unregistered accounts"
    assert [tuple(r) for r in got[["platform", "account", "rows", "files"]].itertuples(index=False)] == want
    assert list(got["line"]) == [f"KODE_OPD,{p},{a},,,," for p, a, *_ in want]


def test_freshness_equals_latest_days(sample_wh):
    wh, con = sample_wh
    fresh = loads.freshness(wh, date(2026, 11, 20))
    latest = dict(rows(con, "SELECT 'postingan:' || platform, max(day) FROM mart_post GROUP BY 1 UNION ALL "
                            "SELECT 'pengaduan:' || channel, max(received_day) FROM mart_complaint GROUP BY 1 "
                            "UNION ALL "
                            "SELECT 'komentar:' || platform, max(day) FROM mart_comment_day GROUP BY 1"))
    assert dict(zip(fresh["source"] + ":" + fresh["name"], fresh["latest"])) == latest
    assert not fresh["stale"].any()
    later = loads.freshness(wh, date(2026, 11, 28))  # 8 days after the newest data
    assert later["stale"].all() and set(later["days_behind"]) == {8}


def test_freshness_in_english_names_the_sources_and_keeps_the_days(sample_wh):
    wh, _ = sample_wh
    indonesian, english = loads.freshness(wh, date(2026, 11, 28)), loads.freshness(wh, date(2026, 11, 28), "en")
    names = {"postingan": "post", "pengaduan": "complaint", "komentar": "comment"}
    assert list(english["source"]) == [names[s] for s in indonesian["source"]]
    assert english.drop(columns="source").equals(indonesian.drop(columns="source"))


def fb_files(folder: Path) -> list[Path]:
    good = write_fb(folder / FB_NAME, [fb_row("1_1"), fb_row("1_2", when="kemarin sore"), fb_row("1_3")])
    broken = folder / "rusak.csv"
    broken.write_bytes(b"\x00\x01\x02garbage\xff\xfe" * 10)
    return [good, broken]


def test_load_files_reports_rows_and_rejects(tmp_path):
    db = tmp_path / "w.duckdb"
    progress, starting = [], []
    report = loading.load_files(fb_files(tmp_path), db, REGISTRY, HOLIDAYS,
                                progress=lambda done, total, r: progress.append((done, total, r.path.name)),
                                starting=lambda first, total, batch: starting.append((first, total)))
    assert report.error is None
    files = report.files.set_index("file")
    assert list(report.files["file"]) == [FB_NAME, "rusak.csv"]  # in the order given
    assert files.loc[FB_NAME, ["outcome", "rows_read", "rows_loaded", "rows_rejected", "rows_new"]].tolist() == \
        ["sebagian", 3, 2, 1, 2]
    assert files.loc["rusak.csv", "outcome"] == "ditolak"
    assert files.loc["rusak.csv", "message"].startswith("rusak.csv: bukan berkas teks")
    assert [tuple(r) for r in report.rejects[["file_name", "row_number", "column_name", "value"]]
            .itertuples(index=False)] == [(FB_NAME, 3, "Publish time", "kemarin sore")]
    assert report.rejects["reason"].iloc[0].startswith("bukan tanggal/waktu")
    con = duckdb.connect(str(db), read_only=True)
    logged = dict(rows(con, "SELECT file_name, load_id FROM etl_load"))
    assert rows(con, "SELECT count(*) FROM etl_reject WHERE load_id = $l", {"l": logged[FB_NAME]}) == [(1,)]
    con.close()
    assert dict(zip(report.files["file"], report.files["load_id"])) == logged
    assert sorted(p[0] for p in progress) == [1, 2] and starting == [(2, 2)]
    again = loading.load_files([tmp_path / FB_NAME], db, REGISTRY, HOLIDAYS)
    assert again.files["outcome"].tolist() == ["dilewati"] and again.rejects.empty


ZIP_DATED = f"ekspor/{FB_NAME}"  # the export date from the name (with the period: the day/month order too)
ZIP_UNDATED = "facebook_b.csv"  # the export date from the member's time stamp
ZIP_JUNK = "__MACOSX/._x"


def fb_zip(path: Path) -> Path:
    """archive.zip: two Facebook exports (one with a bad date) and a macOS resource-fork member."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(ZIP_DATED, "\ufeff" + csv_text(FB_HEADER, [fb_row("7_1"), fb_row("7_2", when="kemarin sore")]))
        zf.writestr(zipfile.ZipInfo(ZIP_UNDATED, (2026, 11, 19, 8, 0, 0)), csv_text(FB_HEADER, [fb_row("7_3")]))
        zf.writestr(ZIP_JUNK, b"\x00\x05\x16\x07")
    return path


def test_load_files_reports_every_member_of_an_archive(tmp_path):
    db = tmp_path / "w.duckdb"
    first = write_fb(tmp_path / "awal.csv", [fb_row("6_1")])
    report = loading.load_files([first, fb_zip(tmp_path / "archive.zip")], db, REGISTRY, HOLIDAYS)
    assert report.error is None
    names = [f"archive.zip › {m}" for m in (ZIP_JUNK, ZIP_DATED, ZIP_UNDATED)]
    assert list(report.files["file"]) == ["awal.csv", *names]  # the paths' order; members by name
    files = report.files.set_index("file")
    assert files.loc[names[0], ["outcome", "message"]].tolist() == ["dilewati", "bukan berkas data (dilewati)"]
    assert pd.isna(files.loc[names[0], "load_id"])  # not data: listed, not logged
    con = duckdb.connect(str(db), read_only=True)
    logged = rows(con, "SELECT file_name, load_id, outcome, rows_read, rows_loaded, rows_rejected, rows_new, layout, "
                       "language, export_kind, CAST(timezone('Asia/Jakarta', snapshot_at) AS DATE), snapshot_source, "
                       "notes, file_path FROM etl_load ORDER BY load_id")
    groups = rows(con, "SELECT file_name, reason_code, count(DISTINCT row_number) FROM etl_reject GROUP BY ALL")
    con.close()
    assert [r[0] for r in logged] == ["awal.csv", *names[1:]]
    archive = tmp_path / "archive.zip"
    assert [r[-1] for r in logged] == [str(first), *(f"{archive} › {m}" for m in (ZIP_DATED, ZIP_UNDATED))]
    shown = ["load_id", "outcome", "rows_read", "rows_loaded", "rows_rejected", "rows_new", "layout", "language",
             "kind", "snapshot", "snapshot_source"]
    for name, *want, notes, _ in logged:
        assert files.loc[name, shown].tolist() == want
        assert "\n".join(files.loc[name, "notes"]) == (notes or "")
        assert files.loc[name, "rows_duplicate"] == files.loc[name, "rows_loaded"] - files.loc[name, "rows_new"]
    dated, undated = files.loc[names[1]], files.loc[names[2]]
    assert dated[["snapshot", "snapshot_source"]].tolist() == [date(2026, 11, 20), "nama berkas (2026-11-20)"]
    assert undated[["snapshot", "snapshot_source"]].tolist() == [
        date(2026, 11, 19), "waktu berkas di dalam arsip (2026-11-19 08:00)"]
    assert dated["layout"] == "Meta Business Suite — postingan Facebook" and dated["language"] == "en"
    assert any("bulan/hari" in n for n in dated["notes"])  # the order chosen from the period in the name
    assert dated["groups"] == [{"code": "nilai_tidak_sah", "rows": 1, "reason": report.rejects["reason"].iloc[0],
                                "advice": advice("nilai_tidak_sah")}]
    assert [(name, g["code"], g["rows"]) for name, f in files.iterrows() for g in f["groups"]] == groups
    assert report.rejects["file_name"].tolist() == [names[1]]
    # the same day's export again, with one post already stored: that row counts as a duplicate
    again = loading.load_files([write_fb(tmp_path / FB_NAME, [fb_row("7_1"), fb_row("7_4")])], db, REGISTRY,
                               HOLIDAYS)
    assert again.files[["rows_loaded", "rows_new", "rows_duplicate"]].values.tolist() == [[2, 1, 1]]


def test_load_files_with_a_broken_registry_changes_nothing(tmp_path):
    registry = tmp_path / "registry"
    shutil.copytree(REGISTRY, registry)
    (registry / "akun.csv").write_text("kode_opd,platform\nX,facebook\n", encoding="utf-8")
    report = loading.load_files(fb_files(tmp_path), tmp_path / "w.duckdb", registry, HOLIDAYS)
    assert report.error.startswith("Registri tidak sah") and "akun.csv" in report.error
    assert report.files.empty and not (tmp_path / "w.duckdb").exists()
    english = loading.load_files(fb_files(tmp_path), tmp_path / "w.duckdb", registry, HOLIDAYS, lang="en")
    reason = report.error.removeprefix("Registri tidak sah, tidak ada yang dimuat: ")
    assert english.error == f"Invalid registry, nothing was loaded: {reason}"  # the registry's message as written


def test_the_suggested_line_registers_the_account(tmp_path):
    registry = tmp_path / "registry"
    shutil.copytree(REGISTRY, registry)
    db = tmp_path / "w.duckdb"
    fb = write_fb(tmp_path / "fb.csv", [fb_row("1_1"), fb_row("9_1", page=("0", "Halaman Asing"))])
    loading.load_files([fb], db, registry, HOLIDAYS)
    con = warehouse.open_read_only(db)
    unknown = loads.unknown_accounts(Warehouse(warehouse.read_cursor(con)))
    con.close()
    assert unknown[["platform", "account", "rows", "files"]].values.tolist() == [["facebook", "Halaman Asing", 1,
                                                                                  "fb.csv"]]  # as written
    with (registry / "akun.csv").open("a", encoding="utf-8") as f:
        f.write(unknown["line"].iloc[0].replace(loads.OPD_PLACEHOLDER, "DISKOMINFO") + "\n")
    report = loading.load_files([fb], db, registry, HOLIDAYS)  # the registry changed: the file is read again
    assert report.files["outcome"].tolist() == ["berhasil"]
    con = warehouse.open_read_only(db)
    assert loads.unknown_accounts(Warehouse(warehouse.read_cursor(con))).empty
    con.close()


def test_unknown_account_guesses_the_opd_from_its_name(tmp_path):
    db = tmp_path / "w.duckdb"
    loading.load_files([write_fb(tmp_path / "fb.csv", [fb_row("9_1", page=("0", "Dinas Kominfo"))])], db, REGISTRY,
                       HOLIDAYS)
    con = warehouse.open_read_only(db)
    unknown = loads.unknown_accounts(Warehouse(warehouse.read_cursor(con)))
    con.close()
    assert unknown[["account", "opd_guess", "line"]].values.tolist() == [
        ["Dinas Kominfo", "DISKOMINFO", "DISKOMINFO,facebook,Dinas Kominfo,,,,"]]


def test_save_uploads_keeps_names(tmp_path):
    saved = loading.save_uploads([("youtube@dinkes_2026-11-22.csv", b"a"), ("../x.csv", b"b"), ("x.csv", b"c")],
                                 tmp_path)
    assert [p.name for p in saved] == ["youtube@dinkes_2026-11-22.csv", "x.csv", "x.csv"]
    assert [p.read_bytes() for p in saved] == [b"a", b"b", b"c"] and all(tmp_path in p.parents for p in saved)


def test_upload_types_are_what_the_loader_accepts():
    assert {f".{t}" for t in loading.UPLOAD_TYPES} == ACCEPTED_SUFFIXES


@pytest.fixture
def registry_copy(tmp_path) -> tuple[Path, Path]:
    shutil.copytree(REGISTRY, tmp_path / "registry")
    shutil.copyfile(HOLIDAYS, tmp_path / "libur.csv")
    return tmp_path / "registry", tmp_path / "libur.csv"


def test_save_table_refuses_an_invalid_registry_and_writes_nothing(registry_copy):
    registry, holidays = registry_copy
    akun = registry / "akun.csv"
    before = akun.read_bytes()
    frame = registry_edit.read_table(akun)
    frame.loc[1, "kode_opd"] = "TIDAK-ADA"
    with pytest.raises(RegistryError, match=r"akun\.csv baris 3, kolom «kode_opd»: nilai «TIDAK-ADA»"):
        registry_edit.save_table(registry, holidays, akun, frame)
    assert akun.read_bytes() == before
    days = registry_edit.read_table(holidays)
    days.loc[0, "tanggal"] = "31/12/2026"
    with pytest.raises(RegistryError, match=r"libur\.csv baris 2"):
        registry_edit.save_table(registry, holidays, holidays, days)


def test_save_table_writes_a_valid_edit(registry_copy):
    registry, holidays = registry_copy
    akun = registry / "akun.csv"
    frame = registry_edit.read_table(akun)
    frame.loc[len(frame)] = ["DISKOMINFO", "tiktok", "infosukamajuterkini", "", "", "", ""]
    frame.loc[len(frame)] = [None] * 7  # an empty row added in the editor is dropped
    registry_edit.save_table(registry, holidays, akun, frame)
    assert akun.read_text(encoding="utf-8").endswith("\nDISKOMINFO,tiktok,infosukamajuterkini,,,,\n")
    assert len(registry_edit.read_table(akun)) == len(frame) - 1


NORMS_OK = (Path(__file__).resolve().parent.parent / "data" / "norma.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "message"), [
    (NORMS_OK.replace("post_per_pekan = 2.0", "post_per_pekan = -1"), "aktivitas.post_per_pekan: perlu angka ≥ 0"),
    (NORMS_OK.replace("[sla]\n", "[sla\n"), "bukan TOML yang sah"),
    (NORMS_OK.replace("[sentimen]", "[sentimen_lama]"), r"bagian \[sentimen\] tidak ada"),
])
def test_save_norms_refuses_invalid_text(tmp_path, text, message):
    path = tmp_path / "norma.toml"
    path.write_text(NORMS_OK, encoding="utf-8")
    with pytest.raises(NormsError, match=message):
        norms_edit.save_norms(path, text)
    assert path.read_text(encoding="utf-8") == NORMS_OK


def test_save_norms_writes_valid_text(tmp_path):
    path = tmp_path / "norma.toml"
    norms = norms_edit.save_norms(path, NORMS_OK.replace("post_per_pekan = 2.0", "post_per_pekan = 3.5"))
    assert norms.posts_per_week == 3.5 and "post_per_pekan = 3.5" in path.read_text(encoding="utf-8")


def test_save_norms_accepts_a_file_still_naming_the_old_follow_up_deadline(tmp_path):
    old = NORMS_OK.replace("[sla]\n", "[sla]\ntindak_lanjut = 5\n")  # no longer used: ignored, not required
    assert "tindak_lanjut" not in NORMS_OK
    norms_edit.save_norms(tmp_path / "norma.toml", old)
    assert not hasattr(norms_edit.save_norms(tmp_path / "norma.toml", NORMS_OK), "follow_up_days")


def test_alias_key_in_sql_is_the_registrys():
    import ibis

    from etl.registry import alias_key

    names = ["Dinas  Kominfo!! Kab.", "@DinKes_Sukamaju ", "RSUD—Sukamaju", "Kec. Sukamaju (Kota)", "ÉCOLE été"]
    con = ibis.duckdb.connect()
    assert [con.execute(loads._alias_key(ibis.literal(n))) for n in names] == [alias_key(n) for n in names]
