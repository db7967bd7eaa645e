"""End to end on the sample regency: the CLI as a new user runs it, and the warehouse invariants."""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.classify import JOBS
from etl.exportdate import dates_in
from etl.status import status

ROOT = Path(__file__).resolve().parent.parent
XLSX_ENGINE = "calamine"
try:
    import python_calamine  # noqa: F401
except ImportError:  # pragma: no cover
    XLSX_ENGINE = "openpyxl"
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
    source = sorted((sample_dir / "posts").glob("facebook_posts_2*.csv"))[0]  # as Meta gives it
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
    assert "baris 6, kolom «Views»: " in loaded.stderr and "«banyak»" not in loaded.stderr  # no cell value printed


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


# ------------------------------------------------------------------ the warehouse holds what the files hold

def _frame(data: bytes | Path, **kw) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data) if isinstance(data, bytes) else data, dtype=str, keep_default_na=False, **kw)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _count(values: pd.Series) -> pd.Series:
    """TikTok's 20,982 (English UI) or 20.982 (Indonesian UI), YouTube's plain digits."""
    return values.str.replace(r"[,.]", "", regex=True).astype("int64")


def _exported_posts(sample_dir: Path) -> dict[str, pd.DataFrame]:
    """Per platform, each post of a registered account with its views in the latest export holding it.

    Read from the export files as Meta, X, TikTok Studio and YouTube Studio write them, independently of
    the loader. The Facebook copy saved by Excel is left out on purpose: its posts are all in the first
    Facebook export, a later snapshot, so it must add no post (and lose none)."""
    akun = _frame(sample_dir / "registry" / "akun.csv")
    reg = {p: g for p, g in akun.groupby("platform")}
    handles = {p: set(g["akun"].str.lower()) for p, g in reg.items()}
    parts: dict[str, list[pd.DataFrame]] = {p: [] for p in reg}

    def add(platform: str, ids: pd.Series, views: pd.Series, known: pd.Series, snap: str) -> None:
        parts[platform].append(pd.DataFrame({"id": ids, "views": views.astype("int64"), "snap": snap})[known.values])

    posts = sample_dir / "posts"
    for path in sorted(posts.glob("facebook_posts_2*.csv")):
        f = _frame(path, encoding="utf-8-sig")
        fb = reg["facebook"]
        known = f["Page ID"].isin(fb["id_akun"]) | f["Page name"].isin(fb["nama_tampilan"])
        add("facebook", f["Post ID"], f["Views"], known, dates_in(path.name)[-1].isoformat())
    for path in sorted(posts.glob("instagram_posts_*.csv")):
        f = _frame(path, encoding="utf-8-sig")
        add("instagram", f["Post ID"], f["Views"], f["Account username"].str.lower().isin(handles["instagram"]),
            dates_in(path.name)[-1].isoformat())
    for path in sorted((posts / "x").glob("*.csv")):
        f = _frame(path)
        legacy = "Tweet id" in f.columns
        link = f["Tweet permalink" if legacy else "Post Link"]
        handle = link.str.extract(r"\.com/([^/]+)/status")[0].str.lower()
        add("x", f["Tweet id" if legacy else "Post id"], f["impressions" if legacy else "Impressions"],
            handle.isin(handles["x"]), dates_in(path.name)[-1].isoformat())
    for path in sorted((posts / "tiktok").glob("*.zip")):
        (name, data), = _members(path).items()
        f = (pd.read_excel(io.BytesIO(data), dtype=str, engine=XLSX_ENGINE) if name.endswith(".xlsx")
             else _frame(data, encoding="utf-8-sig"))
        handle = f["Video link"].str.extract(r"@([^/]+)/")[0].str.lower()
        add("tiktok", f["Video link"].str.extract(r"/video/(\d+)")[0], _count(f["Total views"]),
            handle.isin(handles["tiktok"]), "")
    for path in sorted((posts / "youtube").glob("*.zip")):
        files = _members(path)
        f = _frame(files.get("Table data.csv") or files["Data tabel.csv"]).iloc[1:]  # after the Total row
        f.columns = ["Content", "title", "published", "duration", "Views", *f.columns[5:]]
        add("youtube", f["Content"], _count(f["Views"]), f["Content"] != "", "")
    return {p: pd.concat(v).sort_values("snap", kind="stable").drop_duplicates("id", keep="last")
            for p, v in parts.items()}


def test_posts_in_the_warehouse_are_the_posts_of_the_files(sample_dir, sample_db):
    expected = _exported_posts(sample_dir)
    got = {p: (n, v) for p, n, v in q(sample_db, "SELECT platform, count(*), sum(views) FROM stg_post GROUP BY 1")}
    assert got == {p: (len(f), int(f["views"].sum())) for p, f in expected.items()}
    for platform, frame in expected.items():
        ids = {r[0] for r in q(sample_db, f"SELECT post_id FROM stg_post WHERE platform = '{platform}'")}
        assert ids == set(frame["id"]), platform


def test_tiktok_post_days_take_their_year_from_the_export(sample_db):
    """Post time has no year ("November 4", "27 Oktober"); the video id holds the upload instant."""
    wrong = q(sample_db, """SELECT count(*) FILTER (WHERE CAST(timezone('Asia/Jakarta', published_at) AS DATE)
        <> CAST(timezone('Asia/Jakarta', to_timestamp(CAST(post_id AS BIGINT) >> 32)) AS DATE)), count(*)
        FROM stg_post WHERE platform = 'tiktok'""")
    assert wrong[0][0] == 0 and wrong[0][1] > 500
    sources = q(sample_db, "SELECT DISTINCT snapshot_source FROM etl_load WHERE file_name LIKE 'Content\\_%' "
                           "ESCAPE '\\'")
    assert sources and all(s.startswith("waktu berkas di dalam arsip (2026-11-20 18:00)") for (s,) in sources)


def test_excel_copy_loses_only_its_one_unrecoverable_row(sample_dir, sample_db):
    path = next((sample_dir / "posts").glob("facebook_posts_excel_*.csv"))
    copy = _frame(path, encoding="utf-8-sig", sep=";")
    fb = _frame(sample_dir / "registry" / "akun.csv").query("platform == 'facebook'")
    unregistered = int((~copy["Page name"].isin(fb["nama_tampilan"])).sum())
    assert 0 < unregistered < len(copy) // 10
    read, loaded, rejected = q(sample_db, "SELECT rows_read, rows_loaded, rows_rejected FROM etl_load "
                                          f"WHERE file_name = '{path.name}'")[0]
    assert (read, rejected, loaded) == (len(copy), unregistered + 1, len(copy) - unregistered - 1)
    reasons = dict(q(sample_db, f"SELECT reason_code, count(*) FROM etl_reject WHERE file_name = '{path.name}' "
                                "GROUP BY 1"))
    assert reasons == {"id_rusak_excel": 1, "akun_tidak_terdaftar": unregistered}
    (row, column, value), = q(sample_db, "SELECT row_number, column_name, value FROM etl_reject "
                                         f"WHERE file_name = '{path.name}' AND reason_code = 'id_rusak_excel'")
    assert column == "Post ID" and re.fullmatch(r"\d,\d+E\+17", value)
    assert "pfbid" in copy["Permalink"].iat[row - 2]  # row 1 is the header
    # the restored ids are the posts' own: the copy is an earlier snapshot of posts already there
    stale = q(sample_db, f"""SELECT count(*), count(s.post_id) FROM raw_post_snapshot r
        LEFT JOIN stg_post s ON s.platform = r.platform AND s.post_id = r.post_id AND s.snapshot_at > r.snapshot_at
        WHERE r.load_id = (SELECT load_id FROM etl_load WHERE file_name = '{path.name}')""")
    assert stale == [(len(copy) - unregistered - 1,) * 2]


def test_youtube_downloads_in_the_warehouse(sample_db):
    loads = q(sample_db, "SELECT file_name, outcome, notes FROM etl_load WHERE file_name LIKE '%.zip › %' "
                         "AND (file_name LIKE 'youtube@%' OR file_name LIKE 'Content 2%')")
    tables = [(n, o, notes) for n, o, notes in loads if n.endswith(("Table data.csv", "Data tabel.csv"))]
    assert len(tables) > 10 and all(o == "berhasil" for _, o, _ in tables)
    assert all("cocok dengan Totals.csv" in str(notes) for _, _, notes in tables)
    assert any(n.endswith("Data tabel.csv") for n, _, _ in tables)
    assert q(sample_db, "SELECT count(*) > 0 FROM stg_post WHERE platform = 'youtube' AND opd_code = 'SETDA'") == [
        (True,)]  # the channel named only by its display name in YouTube's own zip name
    mismatch = q(sample_db, """SELECT count(*), count(*) FILTER (WHERE d.v <> p.views) FROM
        (SELECT post_id, sum(views) v, max(snapshot_at) s FROM raw_video_daily GROUP BY 1) d
        JOIN stg_post p ON p.platform = 'youtube' AND p.post_id = d.post_id AND p.snapshot_at = d.s""")
    assert mismatch[0][0] > 40 and mismatch[0][1] == 0
