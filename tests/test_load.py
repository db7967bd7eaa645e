"""Load semantics: row rejects, refusals, idempotence, snapshots, atomic swap, OPD resolution."""

from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl import load as etl_load
from etl.exportdate import export_date
from etl.sources import Source
from etl.status import status
from tests.exports import (
    COMMENT_HEADER,
    COMPLAINT_HEADER,
    comment_row,
    complaint_row,
    fb_row,
    write_csv,
    write_fb,
)


def q(db: Path, sql: str, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def counts(db: Path) -> dict[str, int]:
    return status(db)["tables"]


def test_good_rows_load_and_bad_rows_are_listed(tmp_path, db, load_into):
    f = write_fb(tmp_path / "fb_2026-11-20.csv", [
        fb_row("1_1"), fb_row("1_2", views="abc"), fb_row("1_3", when="13/45/2026 99:99"),
        fb_row("1_4", page=("999", "Desa Entah")), fb_row("1_5", views="1,2 rb"),
    ])
    [r] = load_into(f)
    assert (r.outcome, r.rows_read, r.rows_loaded, r.rows_rejected) == ("sebagian", 5, 2, 3)
    rejects = q(db, "SELECT row_number, column_name, value, reason_code, reason FROM etl_reject ORDER BY 1")
    assert [x[:4] for x in rejects] == [
        (3, "Views", "abc", "nilai_tidak_sah"),
        (4, "Publish time", "13/45/2026 99:99", "nilai_tidak_sah"),
        (5, "Page name", "Desa Entah", "akun_tidak_terdaftar"),
    ]
    assert "akun tidak terdaftar: @Desa Entah" in rejects[2][4]
    assert q(db, "SELECT post_id, views FROM stg_post ORDER BY 1") == [("1_1", 1200), ("1_5", 1200)]
    assert status(db)["unknown_accounts"][0]["account"] == "Desa Entah"


def test_missing_required_value_is_a_row_reject(tmp_path, db, load_into):
    f = write_fb(tmp_path / "fb.csv", [fb_row(""), fb_row("2_1")])
    [r] = load_into(f)
    assert r.rows_rejected == 1
    assert q(db, "SELECT row_number, reason_code FROM etl_reject") == [(2, "wajib_kosong")]


def test_same_file_twice_changes_nothing(tmp_path, db, load_into):
    f = write_fb(tmp_path / "fb.csv", [fb_row("1_1"), fb_row("1_2")])
    load_into(f)
    before, mtime = counts(db), db.stat().st_mtime_ns
    [r] = load_into(f)
    assert r.outcome == "dilewati"
    assert counts(db) == before
    assert db.stat().st_mtime_ns == mtime


def test_a_changed_registry_rereads_a_file_without_duplicating(tmp_path, db, load_into):
    f = write_fb(tmp_path / "fb.csv", [fb_row("1_1")])
    load_into(f)
    registry = tmp_path / "reg"
    registry.mkdir()
    for src in (Path("data/registry")).iterdir():
        (registry / src.name).write_bytes(src.read_bytes())
    opd = registry / "opd.csv"
    opd.write_text(opd.read_text().rstrip("\n") + "\nBARU,Badan Baru,Baru,badan,,,,ya\n")
    [r] = load_into(f, registry_dir=registry)
    assert r.outcome == "berhasil" and r.rows_new == 0
    assert q(db, "SELECT count(*) FROM raw_post_snapshot") == [(1,)]


def test_later_snapshot_replaces_metrics_and_is_never_added(tmp_path, db, load_into):
    early = write_fb(tmp_path / "fb_2026-06-01_2026-08-31.csv", [fb_row("1_1", views="100", reactions="5")])
    late = write_fb(tmp_path / "fb_2026-08-01_2026-11-20.csv", [fb_row("1_1", views="900", reactions="70"),
                                                                  fb_row("1_2", views="10")])
    load_into(late)
    load_into(early)  # an older export loaded afterwards must not win
    assert q(db, "SELECT post_id, views, reactions FROM stg_post ORDER BY 1") == [("1_1", 900, 70), ("1_2", 10, 5 * 8)]
    assert q(db, "SELECT count(*) FROM raw_post_snapshot WHERE post_id = '1_1'") == [(2,)]
    assert q(db, "SELECT sum(views) FROM mart_opd_day_posts") == [(910,)]


def test_duplicate_rows_in_one_file_are_rejected_after_the_first(tmp_path, db, load_into):
    f = write_fb(tmp_path / "fb.csv", [fb_row("1_1"), fb_row("1_1")])
    [r] = load_into(f)
    assert r.rows_loaded == 1
    expected = [(3, "baris ganda: data yang sama sudah ada di baris 2")]
    assert q(db, "SELECT row_number, reason FROM etl_reject") == expected


@pytest.mark.parametrize(("content", "code"), [
    (b"", "kosong"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "bukan_teks"),
    (b"Tanggal,Jumlah\n1,2\n", "format_tidak_dikenal"),
])
def test_unreadable_files_are_refused_whole(tmp_path, db, load_into, content, code):
    good = write_fb(tmp_path / "a_fb.csv", [fb_row("1_1")])
    load_into(good)
    before = counts(db)
    bad = tmp_path / "b_bad.csv"
    bad.write_bytes(content)
    [r] = load_into(bad)
    assert r.outcome == "ditolak" and "b_bad.csv" in r.message
    after = counts(db)
    assert after.pop("etl_load") == before.pop("etl_load") + 1
    assert after == before


def test_truncated_file_is_refused_and_warehouse_unchanged(tmp_path, db, load_into):
    good = write_fb(tmp_path / "fb.csv", [fb_row(f"1_{i}") for i in range(50)])
    load_into(good)
    before = q(db, "SELECT count(*), sum(views) FROM raw_post_snapshot")
    data = write_fb(tmp_path / "fb2.csv", [fb_row(f"2_{i}", caption='kutipan "panjang"') for i in range(50)])
    data.write_bytes(data.read_bytes()[: len(data.read_bytes()) // 2])  # cut mid-row
    [r] = load_into(data)
    assert r.outcome == "ditolak"
    assert "ditolak" in r.message and "fb2.csv" in r.message
    assert q(db, "SELECT count(*), sum(views) FROM raw_post_snapshot") == before


def test_header_only_file_is_refused(tmp_path, db, load_into):
    [r] = load_into(write_fb(tmp_path / "fb.csv", []))
    assert r.outcome == "ditolak" and "tidak ada baris data" in r.message


def test_failure_mid_load_leaves_previous_warehouse(tmp_path, db, load_into, monkeypatch):
    load_into(write_fb(tmp_path / "a.csv", [fb_row("1_1")]))
    before = counts(db)
    calls = []

    class PowerCut(BaseException):
        """Not an error in a file (those become that file's refusal): the process itself stops."""

    def boom(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise PowerCut("listrik padam")
        return original(*args, **kwargs)

    original = etl_load.process
    monkeypatch.setattr(etl_load, "process", boom)
    with pytest.raises(PowerCut):  # the first batch (posts) commits, the second (comments) dies
        load_into(write_fb(tmp_path / "b.csv", [fb_row("2_1")]),
                  write_csv(tmp_path / "c.csv", COMMENT_HEADER, [comment_row("c1")]))
    assert len(calls) == 2
    assert counts(db) == before
    assert not list(tmp_path.glob("w.duckdb.tmp-*"))


def test_comments_dedupe_and_resolve_accounts_or_opd_names(tmp_path, db, load_into):
    rows = [comment_row("c1"), comment_row("", text="jalan rusak parah"), comment_row("c3", account="Dinas Kesehatan"),
            comment_row("c4", account="@bapenda_sukamaju", platform="IG"), comment_row("c5", account="nobody")]
    f = write_csv(tmp_path / "komentar.csv", COMMENT_HEADER, rows)
    [r] = load_into(f)
    assert r.rows_loaded == 4
    got = q(db, "SELECT platform, opd_code, handle FROM stg_comment ORDER BY source_row")
    assert got == [("facebook", "BAPENDA", "bapendasukamaju"), ("facebook", "BAPENDA", "bapendasukamaju"),
                   ("facebook", "DINKES", None), ("instagram", "BAPENDA", "bapenda_sukamaju")]
    g = write_csv(tmp_path / "komentar_lagi.csv", COMMENT_HEADER, rows[:2])
    [r2] = load_into(g)
    assert r2.rows_new == 0


def test_complaints_codes_regions_reporters_and_timeline(tmp_path, db, load_into):
    rows = [
        complaint_row("T1"),
        complaint_row("T2", opd="Dinas Kebersihan", channel="WA", status="Selesai", resolved="18/11/2026 10:00"),
        complaint_row("T3", opd="Dinas Antah"),
        complaint_row("T4", first_response="15/11/2026 10:00"),
        complaint_row("T5", channel="merpati pos"),
        complaint_row("T6", opd="Bappeda"),  # a former name kept as alias
    ]
    f = write_csv(tmp_path / "112_2026-11-21.csv", COMPLAINT_HEADER, rows, encoding="cp1252", delimiter=";")
    load_into(f)
    reasons = q(db, "SELECT row_number, reason_code FROM etl_reject ORDER BY 1")
    assert reasons == [(4, "opd_tidak_dikenal"), (5, "urutan_waktu"), (6, "kode_tidak_dikenal")]
    got = q(db, "SELECT complaint_id, channel, opd_code, status, area, village FROM stg_complaint ORDER BY 1")
    assert got == [("T1", "whatsapp", "DLH", "diproses", "Cibeunying", "Mekarsari"),
                   ("T2", "whatsapp", "DLH", "selesai", "Cibeunying", "Mekarsari"),
                   ("T6", "whatsapp", "BAPPEDA", "diproses", "Cibeunying", "Mekarsari")]
    assert q(db, "SELECT count(*) FROM pii_complaint_reporter") == [(3,)]
    assert q(db, "SELECT count(*) FROM raw_complaint WHERE text LIKE '%Budi%' OR text LIKE '%0812%'") == [(0,)]


def test_youtube_needs_the_channel_in_its_name_or_an_option(tmp_path, db, load_into):
    header = ["Content", "Video title", "Video publish time", "Views", "Likes", "Average view duration"]
    rows = [["Total", "", "", "500", "20", ""], ["abc123", "Posyandu", "Oct 3, 2026", "500", "20", "0:01:12"]]
    anonymous = write_csv(tmp_path / "Table data.csv", header, rows)
    [r] = load_into(anonymous)
    assert r.outcome == "ditolak" and "@akun" in r.message
    [r] = load_into(anonymous, account="dinkessukamaju")
    assert (r.outcome, r.rows_read) == ("berhasil", 1)
    named = write_csv(tmp_path / "youtube@bpbdkabsukamaju_2026-11-22.csv", header,
                      [rows[0], ["xyz789", "Siaga banjir", "Oct 4, 2026", "10", "1", "0:30"]])
    load_into(named)
    assert q(db, "SELECT post_id, opd_code, watch_seconds FROM stg_post ORDER BY 1") == [
        ("abc123", "DINKES", 72.0), ("xyz789", "BPBD", 30.0)]


def test_folder_load_skips_registry_folders_and_hidden_files(tmp_path, db, load_into):
    (tmp_path / "in" / "registry").mkdir(parents=True)
    write_fb(tmp_path / "in" / "fb.csv", [fb_row("1_1")])
    (tmp_path / "in" / "registry" / "opd.csv").write_text("kode,nama\n")
    (tmp_path / "in" / ".~lock.fb.csv#").write_text("x")
    results = load_into(tmp_path / "in")
    assert [r.path.name for r in results] == ["fb.csv"]


def _source(*names: str) -> Source:
    return Source(Path(names[0]), names[0], names[0], Path(names[-1]), names)


def test_snapshot_time_from_file_name(tmp_path):
    f = tmp_path / "facebook_posts_2026-01-01_2026-08-31.csv"
    f.write_text("x")
    exp = export_date(Source(f, f.name, str(f), f, (f.name,)), "Asia/Jakarta")
    assert exp.at.isoformat() == "2026-08-31T23:59:59+07:00"
    assert exp.period == (date(2026, 1, 1), date(2026, 8, 31)) and "nama berkas" in exp.source


def test_file_handle_convention(tmp_path):
    assert etl_load.file_handle(_source("youtube@dpupr_sukamaju_2026-11-22.csv"), None)[0] == "dpupr_sukamaju"
    assert etl_load.file_handle(_source("youtube@dinkes.sukamaju.csv"), None)[0] == "dinkes.sukamaju"
    assert etl_load.file_handle(_source("Table data.csv"), None) == (None, None)
    assert etl_load.file_handle(_source("Table data.csv"), "@abc")[0] == "abc"
    handle, said = etl_load.file_handle(_source("Table data.csv", "youtube@dinkessukamaju_2026-11-22.zip"), None)
    assert handle == "dinkessukamaju" and "youtube@dinkessukamaju_2026-11-22.zip" in said
    handle, said = etl_load.file_handle(
        _source("Table data.csv", "Content 2026-11-01_2026-11-28 Dinas Kesehatan Sukamaju.zip"), None)
    assert handle == "Dinas Kesehatan Sukamaju" and "nama kanal" in said


def test_files_of_one_layout_load_together_but_report_separately(tmp_path, db, load_into):
    a = write_fb(tmp_path / "a_2026-11-01.csv", [fb_row("1_1"), fb_row("1_2", views="x")])
    b = write_fb(tmp_path / "b_2026-11-01.csv", [fb_row("1_2", views="7"), fb_row("1_3"), fb_row("1_3")])
    broken = write_fb(tmp_path / "c_2026-11-02.csv", [fb_row(f"3_{i}") for i in range(5)])
    broken.write_bytes(broken.read_bytes()[:-40])
    ra, rb, rc = sorted(load_into(a, b, broken), key=lambda r: r.path.name)
    assert (ra.rows_read, ra.rows_rejected, ra.rows_new) == (2, 1, 1)
    assert (rb.rows_read, rb.rows_rejected, rb.rows_new) == (3, 1, 2)
    assert rc.outcome == "ditolak" and "c_2026-11-02.csv" in rc.message
    assert q(db, "SELECT file_name, row_number, reason_code FROM etl_reject ORDER BY 1, 2") == [
        ("a_2026-11-01.csv", 3, "nilai_tidak_sah"), ("b_2026-11-01.csv", 4, "baris_ganda")]
    assert q(db, "SELECT post_id, views FROM stg_post ORDER BY 1") == [("1_1", 1200), ("1_2", 7), ("1_3", 1200)]
    logged = q(db, "SELECT file_name, outcome FROM etl_load ORDER BY load_id")
    assert sorted(logged) == [("a_2026-11-01.csv", "sebagian"), ("b_2026-11-01.csv", "sebagian"),
                              ("c_2026-11-02.csv", "ditolak")]
