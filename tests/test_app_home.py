"""The home page shows what the warehouse holds (AppTest; numbers checked against SQL)."""

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.exports import COMMENT_HEADER, comment_row, fb_row, write_csv, write_fb

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def small_db(tmp_path, db, load_into, monkeypatch):
    rows = [fb_row(f"1_{i}") for i in range(1234)] + [fb_row("9", page=("0", "Asing"))]
    load_into(write_fb(tmp_path / "fb.csv", rows))
    load_into(write_csv(tmp_path / "k.csv", COMMENT_HEADER, [comment_row(f"c{i}") for i in range(7)]))
    monkeypatch.setenv("SOROT_DB", str(db))
    return db


def run_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


def test_home_shows_counts_from_the_warehouse(small_db):
    con = duckdb.connect(str(small_db), read_only=True)
    opd = con.execute("SELECT count(*) FROM ref_opd").fetchall()[0][0]
    posts = con.execute("SELECT count(*) FROM stg_post").fetchall()[0][0]
    con.close()
    at = run_app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"OPD terdaftar": str(opd), "Postingan": "1.234", "Komentar & mention": "7",
                       "Pengaduan": "0"}
    assert posts == 1234
    unknown = at.dataframe[2].value
    assert list(unknown["akun"]) == ["asing"]
    history = at.dataframe[3].value
    assert list(history["berkas"]) == ["k.csv", "fb.csv"] and list(history["ditolak"]) == [0, 1]


def test_home_without_warehouse_explains_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("SOROT_DB", str(tmp_path / "none.duckdb"))
    at = run_app()
    assert "make run" in at.warning[0].value
