"""The Data page (AppTest): what it shows equals SQL on the warehouse; uploads, edits and warnings work."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl import warehouse
from etl.advice import advice
from tests.apptest import logged_in
from tests.english import EXEMPT, INDONESIAN, WORD, leftover_indonesian
from tests.exports import COMMENT_HEADER, comment_row, fb_row, write_csv, write_fb
from tests.test_admin import ZIP_DATED, ZIP_JUNK, ZIP_UNDATED, fb_zip

pytestmark = pytest.mark.xdist_group("sample")

ROOT = Path(__file__).resolve().parent.parent
FB_NAME = "facebook_posts_2026-11-01_2026-11-20.csv"


@pytest.fixture
def admin_files(tmp_path, monkeypatch) -> dict[str, Path]:
    """Registry, holiday calendar and norms copied to tmp_path, the page pointed at the copies."""
    paths = {"registry": tmp_path / "registry", "holidays": tmp_path / "libur.csv", "norms": tmp_path / "norma.toml"}
    shutil.copytree(warehouse.DEFAULT_REGISTRY, paths["registry"])
    shutil.copyfile(warehouse.DEFAULT_HOLIDAYS, paths["holidays"])
    shutil.copyfile(ROOT / "data" / "norma.toml", paths["norms"])
    for name, path in paths.items():
        monkeypatch.setenv(f"SOROT_{name.upper()}", str(path))
    monkeypatch.setenv("SOROT_TODAY", "2026-11-20")
    return paths


@pytest.fixture
def sample_copy(sample_db, tmp_path, monkeypatch, admin_files) -> Path:
    db = tmp_path / "sample.duckdb"
    shutil.copyfile(sample_db, db)
    monkeypatch.setenv("SOROT_DB", str(db))
    return db


@pytest.fixture
def small_db(tmp_path, monkeypatch, admin_files) -> Path:
    """Facebook posts of 3 Nov 2026 (17 days before 'today') and comments of 19 Nov 2026."""
    db = tmp_path / "small.duckdb"
    from etl.load import load

    load([write_fb(tmp_path / "fb_2026-11-03.csv", [fb_row("1_1"), fb_row("1_2")]),
          write_csv(tmp_path / "k.csv", COMMENT_HEADER, [comment_row("c1", when="19/11/2026 08:30")])],
         db, admin_files["registry"], admin_files["holidays"])
    monkeypatch.setenv("SOROT_DB", str(db))
    return db


def open_page(bahasa: str | None = None) -> AppTest:
    at = logged_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60))
    if bahasa:
        at.query_params["bahasa"] = bahasa
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest, first_column: str, second_column: str) -> pd.DataFrame:
    """The shown table whose first columns are these (st.dataframe keys are not exposed by AppTest)."""
    for frame in at.dataframe:
        if list(frame.value.columns[:2]) == [first_column, second_column]:
            return frame.value
    raise AssertionError(f"no table starting with {first_column}, {second_column}")


def sql(db: Path, query: str, params: dict | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, params or {}).fetchall()
    finally:
        con.close()


def test_history_rejects_and_unknown_accounts_equal_sql(sample_copy):
    at = open_page()
    assert [t.label for t in at.tabs] == ["Unggah", "Riwayat", "Akun belum terdaftar", "Kesegaran data",
                                          "Registri & norma"]
    history = table(at, "no. muat", "berkas")
    want = sql(sample_copy, "SELECT load_id, file_name, rows_read, rows_loaded, rows_rejected, rows_new "
                            "FROM etl_load ORDER BY load_id DESC")
    shown = history[["no. muat", "berkas", "dibaca", "dimuat", "ditolak", "baru"]]
    assert [tuple(r) for r in shown.itertuples(index=False)] == want
    picked = at.selectbox(key="adm_pick_load").value  # the first load with rejects, its rows below
    assert picked == max(r[0] for r in want if r[4] > 0)
    shown_rejects = next(f.value for f in at.dataframe if "alasan" in f.value.columns and "nilai" in f.value.columns)
    assert [tuple(r) for r in shown_rejects[["baris", "kolom", "nilai", "alasan"]].itertuples(index=False)] == sql(
        sample_copy, "SELECT row_number, column_name, value, reason FROM etl_reject WHERE load_id = $l "
                     "ORDER BY row_number", {"l": picked})
    unknown = table(at, "platform", "akun")
    want = sql(sample_copy, """
        SELECT platform, value, count(*) FROM etl_reject r WHERE reason_code = 'akun_tidak_terdaftar'
          AND NOT EXISTS (SELECT 1 FROM ref_account_key k WHERE k.platform = r.platform AND k.lookup = lower(r.value))
        GROUP BY ALL ORDER BY 3 DESC, 1, 2""")
    assert [tuple(r) for r in unknown[["platform", "akun", "baris ditolak"]].itertuples(index=False)] == want
    assert at.code[0].value.splitlines() == [f"KODE_OPD,{p},{a},,,," for p, a, _ in want]
    assert not at.warning  # the sample is up to date on 20 Nov 2026


def upload(at: AppTest, files: list[tuple[str, bytes, str]]) -> None:
    """Pick ``files`` (name, content, type) in the page's uploader and load them."""
    at.file_uploader(key="adm_files").set_value(files)
    at.run()
    at.button(key="adm_load").click()
    at.run()
    assert not at.exception, at.exception


def upload_two_files(at, small_db) -> None:
    """Load a Facebook export (one good row, one bad date) and a file that is not CSV through the page."""
    fb = write_fb(small_db.parent / FB_NAME, [fb_row("2_1"), fb_row("2_2", when="kemarin sore")]).read_bytes()
    upload(at, [(FB_NAME, fb, "text/csv"), ("rusak.csv", b"\x00\xff" * 40, "text/csv")])


def test_upload_through_the_page_loads_and_reports(small_db):
    before = sql(small_db, "SELECT max(load_id) FROM etl_load")[0][0]
    at = open_page()
    upload_two_files(at, small_db)
    report = table(at, "berkas", "hasil")
    assert report[["berkas", "dibaca", "dimuat", "ditolak"]].values.tolist() == [[FB_NAME, 2, 1, 1],
                                                                              ["rusak.csv", 0, 0, 0]]
    assert [e.value for e in at.error] == ["rusak.csv: bukan berkas teks (CSV) atau XLSX yang sah."]
    logged = sql(small_db, "SELECT load_id, file_name, outcome FROM etl_load WHERE load_id > $b ORDER BY 1",
                 {"b": before})
    assert sorted(r[1:] for r in logged) == [(FB_NAME, "sebagian"), ("rusak.csv", "ditolak")]
    rejects = next(f.value for f in at.dataframe if "alasan" in f.value.columns)
    assert [tuple(r) for r in rejects[["berkas", "baris", "kolom", "nilai"]].itertuples(index=False)] == [
        (FB_NAME, 3, "Publish time", "kemarin sore")]
    history = table(at, "no. muat", "berkas")  # the history already shows the new loads (caches cleared)
    assert list(history["no. muat"][:2]) == sorted((r[0] for r in logged), reverse=True)


def upload_archive(at: AppTest, folder: Path) -> None:
    """Load tests.test_admin.fb_zip (two Facebook exports and a junk member) through the page."""
    upload(at, [("archive.zip", fb_zip(folder / "archive.zip").read_bytes(), "application/zip")])


def test_a_zip_upload_reports_each_member(small_db):
    before = sql(small_db, "SELECT max(load_id) FROM etl_load")[0][0]
    at = open_page()
    upload_archive(at, small_db.parent)
    dated, undated, junk = (f"archive.zip › {m}" for m in (ZIP_DATED, ZIP_UNDATED, ZIP_JUNK))
    logged = sql(small_db, "SELECT file_name, rows_read, rows_loaded, rows_rejected, rows_new, "
                           "rows_loaded - rows_new, load_id, outcome, snapshot_source, notes FROM etl_load "
                           "WHERE load_id > $b ORDER BY file_name", {"b": before})
    assert [r[0] for r in logged] == [dated, undated]  # both members loaded; the junk is not logged
    report = table(at, "berkas", "hasil")
    shown = report.set_index("berkas")
    assert list(report["berkas"]) == [junk, dated, undated]
    assert shown.loc[junk, ["hasil", "keterangan"]].tolist() == ["⏭️ dilewati", "bukan berkas data (dilewati)"]
    counts = ["dibaca", "dimuat", "ditolak", "baru", "sudah ada", "no. muat"]
    assert [(name, *shown.loc[name, counts].tolist()) for name, *_ in logged] == [r[:7] for r in logged]
    assert "3 berkas: 1 berhasil, 1 sebagian, 0 ditolak, 1 dilewati" in [m.value for m in at.markdown]
    details = {e.label: [m.value for m in e.markdown] for e in at.expander if e.label.startswith("archive.zip")}
    assert list(details) == [f"{dated} — ⚠️ sebagian", f"{undated} — ✅ berhasil"]  # the junk has no details
    for (name, read, loaded, rejected, new, duplicate, _, _, source, notes), (label, texts) in zip(
            logged, details.items()):
        assert label.startswith(f"{name} — ")
        summary = texts[0].split("  \n")
        assert summary[0] == "**Dikenali sebagai:** Meta Business Suite — postingan Facebook · judul kolom " \
                             "berbahasa Inggris · jenis ekspor: konten (postingan)"
        assert summary[1] == f"**Baris:** {read} dibaca · {loaded} dimuat ({new} baru, {duplicate} sudah ada di " \
                             f"gudang data) · {rejected} ditolak"
        assert summary[2].startswith("**Tanggal ekspor:** ") and summary[2].endswith(f" — diambil dari {source}")
        assert texts[1].splitlines()[1:] == [f"- {n}" for n in notes.splitlines()]  # every note, as logged
    assert "urutan bulan/hari dipilih" in logged[0][-1]  # the day/month order taken from the period in the name
    assert "**Tanggal ekspor:** 19 Nov 2026 — diambil dari waktu berkas di dalam arsip (2026-11-19 08:00)" in \
        details[f"{undated} — ✅ berhasil"][0]
    groups = details[f"{dated} — ⚠️ sebagian"][2]
    (reason,) = sql(small_db, "SELECT reason FROM etl_reject WHERE file_name = $f", {"f": dated})[0]
    assert groups.splitlines() == ["**Baris ditolak per alasan:**", f"- **1 baris** — {reason}  ",
                                   f"  *Yang perlu dilakukan:* {advice('nilai_tidak_sah')}"]


def test_a_zip_upload_in_english(small_db):
    at = open_page("en")
    upload_archive(at, small_db.parent)
    assert no_indonesian_left(at) == []
    report = table(at, "file", "outcome")
    assert list(report.columns) == ["file", "outcome", "layout", "export date", "read", "loaded", "rejected", "new",
                                    "already stored", "load no.", "message"]
    assert list(report["outcome"]) == ["⏭️ skipped", "⚠️ partial", "✅ succeeded"]
    dated = next(e for e in at.expander if e.label.startswith(f"archive.zip › {ZIP_DATED}"))
    texts = [m.value for m in dated.markdown]
    assert texts[0].startswith("**Recognised as:** Meta Business Suite — postingan Facebook · column headers in "
                               "English · export kind: konten (postingan)")  # the ETL's words as written
    assert "**Rows:** 2 read · 1 loaded (1 new, 0 already in the warehouse) · 1 rejected" in texts[0]
    assert texts[1].startswith("**Notes — assumptions made while reading this file:**\n- ")
    assert f"*What to do:* {advice('nilai_tidak_sah')}" in texts[2]


def test_stale_source_is_warned(small_db):
    at = open_page()
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("Sumber basi — postingan facebook: data terakhir 3 Nov 2026, 17 hari") for w in warnings)
    assert "Sumber basi — postingan instagram: belum ada data. Unggah ekspor terbarunya." in warnings
    assert not any("komentar facebook" in w for w in warnings)  # 1 day behind
    fresh = table(at, "sumber", "platform/kanal")
    stale = {f"{s} {n}" for s, n, b in fresh[["sumber", "platform/kanal", "basi"]].itertuples(index=False) if b}
    assert {w.split(":")[0].removeprefix("Sumber basi — ") for w in warnings} == stale
    registered = {p for (p,) in sql(small_db, "SELECT DISTINCT platform FROM ref_account")}
    assert stale == {f"postingan {p}" for p in registered}  # facebook stale, the others without any post


def test_norms_edit_is_validated_before_writing(small_db, admin_files):
    norms = admin_files["norms"]
    original = norms.read_text(encoding="utf-8")
    at = open_page()
    at.text_area(key="adm_norms").input(original.replace("post_per_pekan = 2.0", "post_per_pekan = -1"))
    at.button(key="adm_norms_save").click()
    at.run()
    assert [e.value for e in at.error] == [
        "Norma tidak disimpan: aktivitas.post_per_pekan: perlu angka ≥ 0, tertulis «-1»."]
    assert norms.read_text(encoding="utf-8") == original
    at.text_area(key="adm_norms").input(original.replace("post_per_pekan = 2.0", "post_per_pekan = 3.0"))
    at.button(key="adm_norms_save").click()
    at.run()
    assert not at.error and not at.exception
    assert "post_per_pekan = 3.0" in norms.read_text(encoding="utf-8")
    assert any("norma.toml tersimpan" in s.value for s in at.success)


def test_registry_edit_is_validated_before_writing(small_db, admin_files):
    akun = admin_files["registry"] / "akun.csv"
    original = akun.read_bytes()
    at = open_page()
    at.session_state["adm_edit_akun_0"] = {"edited_rows": {0: {"kode_opd": "TIDAK-ADA"}}, "added_rows": [],
                                           "deleted_rows": []}
    at.button(key="adm_edit_akun_save").click()
    at.run()
    assert [e.value for e in at.error] == [
        "Tidak disimpan: akun.csv baris 2, kolom «kode_opd»: nilai «TIDAK-ADA» tidak sah — "
        "kode OPD yang ada di opd.csv."]
    assert akun.read_bytes() == original
    at.session_state["adm_edit_akun_0"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"kode_opd": "DISKOMINFO", "platform": "tiktok", "akun": "infosukamajuterkini"}]}
    at.button(key="adm_edit_akun_save").click()
    at.run()
    assert not at.error and not at.exception
    assert akun.read_text(encoding="utf-8").endswith("\nDISKOMINFO,tiktok,infosukamajuterkini,,,,\n")
    assert any("akun.csv tersimpan" in s.value for s in at.success)


def test_without_a_warehouse_the_page_still_uploads(tmp_path, monkeypatch, admin_files):
    monkeypatch.setenv("SOROT_DB", str(tmp_path / "none.duckdb"))
    at = open_page()
    assert [t.label for t in at.tabs] == ["Unggah", "Registri & norma"]
    assert "Unggah berkas ekspor pertama" in at.info[0].value
    fb = write_fb(tmp_path / FB_NAME, [fb_row("3_1")]).read_bytes()
    at.file_uploader(key="adm_files").set_value([(FB_NAME, fb, "text/csv")])
    at.run()
    at.button(key="adm_load").click()
    at.run()
    assert not at.exception, at.exception
    assert sql(tmp_path / "none.duckdb", "SELECT count(*) FROM stg_post") == [(1,)]
    assert len(at.tabs) == 5  # the warehouse exists now: every tab


# --- English ---------------------------------------------------------------------------------------------------

EN_TABS = ["Upload", "History", "Unregistered accounts", "Data freshness", "Registry & norms"]
EN_OUTCOMES = {"berhasil": "✅ succeeded", "sebagian": "⚠️ partial", "ditolak": "⛔ rejected", "dilewati": "⏭️ skipped"}


def no_indonesian_left(at: AppTest) -> list[str]:
    """Indonesian left on the page besides the registry files' own names: the editors' column headers (once each)
    and the file name akun.csv (the ETL's messages name both)."""
    headers = Counter(str(c) for editor in at.data_editor for c in editor.value.columns)
    left = []
    for text in leftover_indonesian(at):
        if headers[text] > 0:
            headers[text] -= 1
        elif {w.lower() for w in WORD.findall(text.replace("akun.csv", ""))} & (INDONESIAN - EXEMPT):
            left.append(text)
    return left


def rows_of(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return [tuple(r) for r in frame[columns].itertuples(index=False)]


def test_every_tab_in_english_shows_the_same_figures(sample_copy):
    at, indonesian = open_page("en"), open_page()
    assert [t.label for t in at.tabs] == EN_TABS
    assert at.title[0].value == "Data"
    assert no_indonesian_left(at) == []
    # History: the same loads and counts as in Indonesian and in etl_load, outcomes and datasets named in English
    history = table(at, "load no.", "file")
    want = sql(sample_copy, "SELECT load_id, file_name, rows_read, rows_loaded, rows_rejected, rows_new, outcome, "
                            "dataset FROM etl_load ORDER BY load_id DESC")
    assert rows_of(history, ["load no.", "file", "read", "loaded", "rejected", "new"]) == [r[:6] for r in want]
    assert rows_of(history, ["load no.", "rejected"]) == rows_of(table(indonesian, "no. muat", "berkas"),
                                                                 ["no. muat", "ditolak"])
    datasets = {"posts": "post", "comments": "comment", "complaints": "complaint", "video_daily": "daily video views"}
    assert rows_of(history, ["outcome", "dataset"]) == [(EN_OUTCOMES[r[6]], datasets[r[7]]) for r in want]
    pick = at.selectbox(key="adm_pick_load")
    assert pick.label == "Rejected rows of load"
    load_id, file_name, rejected = next((r[0], r[1], r[4]) for r in want if r[4] > 0)
    assert pick.value == load_id and pick.format_func(load_id) == f"#{load_id} {file_name} ({rejected} rejected)"
    rejects = next(f.value for f in at.dataframe if "reason" in f.value.columns and "value" in f.value.columns)
    assert rows_of(rejects, ["row", "column", "value", "reason"]) == sql(  # reasons stay as the ETL wrote them
        sample_copy, "SELECT row_number, column_name, value, reason FROM etl_reject WHERE load_id = $l "
                     "ORDER BY row_number", {"l": load_id})
    assert f"**Rejected rows: {rejected}**" in [m.value.split(" (")[0] for m in at.markdown]
    # Unregistered accounts: the same rows as in Indonesian
    unknown = table(at, "platform", "account")
    assert rows_of(unknown, ["platform", "account", "rejected rows", "line for akun.csv"]) == rows_of(
        table(indonesian, "platform", "akun"), ["platform", "akun", "baris ditolak", "baris untuk akun.csv"])
    assert any(m.value.startswith("Rows from these accounts were rejected.") and "**Registry & norms** tab" in m.value
               for m in at.markdown)
    # Freshness: the same latest days, sources named in English
    fresh = table(at, "source", "platform/channel")
    same = table(indonesian, "sumber", "platform/kanal")
    names = {"postingan": "post", "pengaduan": "complaint", "komentar": "comment"}
    assert rows_of(fresh, ["source", "platform/channel", "latest data", "days behind"]) == [
        (names[s], n, d, b) for s, n, d, b in rows_of(same, ["sumber", "platform/kanal", "data terakhir",
                                                             "hari tertinggal"])]
    assert [s.value for s in at.success] == ["Every source was updated within the last 7 days (up to 20 Nov 2026)."]
    # Upload and registry & norms
    assert at.file_uploader(key="adm_files").label == "Export files (several at once is fine)"
    assert at.button(key="adm_load").label == "Load into the warehouse"
    assert [e.label for e in at.expander] == ["Agency (OPD) — opd.csv", "Social media accounts — akun.csv",
                                              "Districts and villages — wilayah.csv",
                                              "National holidays and collective leave days — libur.csv"]
    assert at.button(key="adm_norms_save").label == "Save norms"


def test_upload_report_and_warnings_in_english(small_db):
    at = open_page("en")
    upload_two_files(at, small_db)
    assert "Report of the last load" in [h.value for h in at.subheader]
    assert "2 files: 0 succeeded, 1 partial, 1 rejected, 0 skipped" in [m.value for m in at.markdown]
    report = table(at, "file", "outcome")
    assert report[["file", "outcome", "read", "loaded", "rejected"]].values.tolist() == [
        [FB_NAME, "⚠️ partial", 2, 1, 1], ["rusak.csv", "⛔ rejected", 0, 0, 0]]
    assert [e.value for e in at.error] == ["rusak.csv: bukan berkas teks (CSV) atau XLSX yang sah."]  # the ETL's
    assert no_indonesian_left(at) == []
    behind = (date(2026, 11, 20) - date(2026, 11, 3)).days
    warnings = [w.value for w in at.warning]
    assert f"Stale source — facebook post: latest data 3 Nov 2026, {behind} days before 20 Nov 2026. " \
           "Upload its latest export." in warnings
    assert "Stale source — instagram post: no data yet. Upload its latest export." in warnings
    assert len(warnings) == len(sql(small_db, "SELECT DISTINCT platform FROM ref_account"))  # every post source
    at.session_state["adm_edit_akun_0"] = {"edited_rows": {0: {"kode_opd": "TIDAK-ADA"}}, "added_rows": [],
                                           "deleted_rows": []}
    at.button(key="adm_edit_akun_save").click()
    at.run()
    assert [e.value for e in at.error][1:] == [  # the frame in English, the registry's own message as written
        "Not saved: akun.csv baris 2, kolom «kode_opd»: nilai «TIDAK-ADA» tidak sah — kode OPD yang ada di opd.csv."]


def test_without_a_warehouse_in_english(tmp_path, monkeypatch, admin_files):
    monkeypatch.setenv("SOROT_DB", str(tmp_path / "none.duckdb"))
    at = open_page("en")
    assert [t.label for t in at.tabs] == ["Upload", "Registry & norms"]
    assert at.info[0].value == "No warehouse yet. Upload the first export file in the **Upload** tab."
    assert no_indonesian_left(at) == []


def test_labels_of_an_older_model_are_warned_and_relabelled_from_the_page(small_db):
    """After a retraining the warehouse mixes two models' labels until every row is relabelled (admin.relabel).
    The button's rerun shows the warning gone: the page counts the older labels on every run."""
    con = duckdb.connect(str(small_db))
    con.execute("UPDATE raw_comment SET classifier_version = 'sentimen-lama', sentiment = 'negative'")
    con.execute("UPDATE raw_post_snapshot SET classifier_version = 'konten-lama'")
    older = con.execute("SELECT (SELECT count(*) FROM raw_comment) + (SELECT count(*) FROM raw_post_snapshot)"
                        ).fetchall()[0][0]
    con.close()
    english = open_page("en")
    assert any(w.value.startswith(f"{older} rows carry labels of an older version") for w in english.warning)
    at = open_page()
    assert [w.value for w in at.warning if "model klasifikasi versi lama" in w.value] == [
        f"{older} baris berlabel dari model klasifikasi versi lama: angka sentimen, jenis konten dan topik "
        "mencampur dua model sampai semuanya diklasifikasi ulang."]
    at.button(key="adm_relabel").click().run()
    assert not at.exception
    assert [w for w in at.warning if "model klasifikasi versi lama" in w.value] == []
    from auth import AuthStore

    log = AuthStore(Path(os.environ["SOROT_AUTH"])).audit_log(limit=5)
    assert ("relabel", "gudang data", f"{older} baris") in [(e.action, e.target, e.detail) for e in log]
    from etl.classify import JOBS
    from etl.nlp import classifier

    for job in JOBS.values():
        assert sql(small_db, f"SELECT DISTINCT classifier_version FROM {job.table}") in ([(job.version(),)], [])
    comments = sql(small_db, "SELECT text, sentiment FROM raw_comment")
    assert [label for _, label in comments] == classifier("sentiment").predict([text for text, _ in comments])[0]
