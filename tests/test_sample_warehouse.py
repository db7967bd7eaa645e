"""End to end on the sample regency: the CLI as a new user runs it, and the warehouse invariants."""

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.classify import JOBS
from etl.status import status

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.xdist_group("sample")


def etl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True)


def q(db: Path, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_cli_sample_load_status(sample_dir, tmp_path):
    db = tmp_path / "w.duckdb"
    loaded = etl("load", str(sample_dir), "--db", str(db))
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    assert "Selesai:" in loaded.stdout
    info = json.loads(etl("status", "--db", str(db), "--json").stdout)
    assert info["opd"] >= 45
    assert set(info["posts_by_platform"]) == {"facebook", "instagram", "x", "tiktok", "youtube"}
    assert info["comments"] > 10_000
    assert len(info["complaints_by_channel"]) >= 3
    assert {"lapor", "whatsapp", "112", "medsos"} <= set(info["complaints_by_channel"])
    assert info["loads"][0]["load_id"] > info["loads"][-1]["load_id"]  # newest first
    assert {"tables", "rejects", "loads"} <= set(info)
    assert {u["account"] for u in info["unknown_accounts"]}  # the sample has unregistered pages

    again = etl("load", str(sample_dir), "--db", str(db))
    assert again.returncode == 0
    assert json.loads(etl("status", "--db", str(db), "--json").stdout)["tables"] == info["tables"]


def test_damaged_copy_loads_good_rows_and_lists_bad_ones(sample_dir, sample_db, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(sample_db, db)
    source = next((sample_dir / "posts").glob("facebook_posts_*.csv"))
    with source.open(encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f))
    header, rows = records[0], records[1:41]
    rows[4][header.index("Views")] = "banyak"
    rows[9][header.index("Post ID")] = ""
    rows[14][header.index("Publish time")] = "31/31/2026"
    target = tmp_path / "facebook_posts_salinan_rusak.csv"
    with target.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    loaded = etl("load", str(target), "--db", str(db))
    assert loaded.returncode == 0, loaded.stderr
    read, rejected = q(db, "SELECT rows_read, rows_rejected FROM etl_load ORDER BY load_id DESC LIMIT 1")[0]
    assert read == 40 and rejected >= 3
    rejects = q(db, "SELECT row_number, column_name, value, reason_code FROM etl_reject WHERE file_name = "
                    "'facebook_posts_salinan_rusak.csv' AND reason_code <> 'akun_tidak_terdaftar' ORDER BY 1")
    assert rejects == [(6, "Views", "banyak", "nilai_tidak_sah"), (11, "Post ID", None, "wajib_kosong"),
                       (16, "Publish time", "31/31/2026", "nilai_tidak_sah")]
    assert "baris 6, kolom «Views», nilai «banyak»" in loaded.stderr


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_truncated_or_garbage_copy_is_refused_and_data_unchanged(sample_dir, sample_db, tmp_path, damage):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(sample_db, db)
    before = status(db)["tables"]
    source = next((sample_dir / "pengaduan").glob("lapor_*.csv"))
    data = source.read_bytes()
    target = tmp_path / f"lapor_{damage}.csv"
    target.write_bytes(data[: int(len(data) * 0.6)] + b'"tanpa penutup' if damage == "truncate"
                       else bytes(range(256)) * 64)
    loaded = etl("load", str(target), "--db", str(db))
    assert loaded.returncode == 1
    assert "DITOLAK" in loaded.stderr and target.name in loaded.stderr
    after = status(db)["tables"]
    assert after.pop("etl_load") == before.pop("etl_load") + 1  # the refusal is logged
    assert after == before


def test_every_post_belongs_to_a_registered_account_and_opd(sample_db):
    assert q(sample_db, "SELECT count(*) FROM stg_post p ANTI JOIN ref_opd o USING (opd_code)") == [(0,)]
    assert q(sample_db, "SELECT count(*) FROM stg_post p ANTI JOIN ref_account a USING (platform, handle)") == [(0,)]


def test_one_row_per_post_per_platform(sample_db):
    assert q(sample_db, "SELECT count(*) FROM (SELECT platform, post_id FROM stg_post GROUP BY ALL "
                        "HAVING count(*) > 1)") == [(0,)]


def test_overlapping_exports_keep_the_latest_snapshot(sample_db):
    rows = q(sample_db, "SELECT count(*) FILTER (WHERE n > 1) FROM (SELECT post_id, count(*) n "
                        "FROM raw_post_snapshot WHERE platform = 'facebook' GROUP BY 1)")
    assert rows[0][0] > 0  # the two Facebook exports overlap
    stale = q(sample_db, "SELECT count(*) FROM stg_post s JOIN raw_post_snapshot r USING (platform, post_id) "
                         "WHERE r.snapshot_at > s.snapshot_at")
    assert stale == [(0,)]


def test_complaint_times_are_ordered(sample_db):
    assert q(sample_db, """SELECT count(*) FROM stg_complaint WHERE verified_at < received_at
        OR forwarded_at < received_at OR first_response_at < received_at OR resolved_at < received_at
        OR closed_at < received_at""") == [(0,)]


def test_comment_keys_unique_and_reporters_kept_apart(sample_db):
    assert q(sample_db, "SELECT count(*) - count(DISTINCT comment_key) FROM raw_comment") == [(0,)]
    assert q(sample_db, "SELECT count(*) > 0 FROM pii_complaint_reporter") == [(True,)]


def test_behaviours_show_in_the_warehouse(sample_dir, sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    behaviours = str(sample_dir / "registry" / "perilaku.csv")
    con.execute("CREATE TEMP TABLE behaviour AS SELECT * FROM read_csv($p)", {"p": behaviours})
    quiet = con.execute("""SELECT b.kode_opd, max(p.published_at) FROM behaviour b
        JOIN stg_post p ON p.opd_code = b.kode_opd WHERE b.perilaku = 'meredup' GROUP BY 1""").fetchall()
    latest = con.execute("SELECT max(published_at) FROM stg_post").fetchall()[0][0]
    assert quiet and all((latest - last).days >= 21 for _, last in quiet)
    kinds = {r[0] for r in con.execute("SELECT DISTINCT perilaku FROM behaviour").fetchall()}
    assert kinds == {"sangat_aktif", "rutin", "seremonial", "meredup", "absen"}
    con.close()


def test_every_row_is_classified_by_the_current_models(sample_db):
    for job in JOBS.values():
        labels = " OR ".join(f"{c} IS NULL" for c in job.columns())
        assert q(sample_db, f"SELECT count(*) FROM {job.table} WHERE {labels}") == [(0,)]
        assert q(sample_db, f"SELECT DISTINCT classifier_version FROM {job.table}") == [(job.version(),)]


def test_ceremonial_opd_are_seen_as_ceremonial(sample_dir, sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    behaviours = str(sample_dir / "registry" / "perilaku.csv")
    share = dict(con.execute("""SELECT b.perilaku, avg((p.content_type = 'seremonial')::INT)
        FROM read_csv($p) b JOIN stg_post p ON p.opd_code = b.kode_opd GROUP BY 1""", {"p": behaviours}).fetchall())
    con.close()
    assert share["seremonial"] >= 0.6 and share["seremonial"] > share["sangat_aktif"] + 0.3
