"""No URL can make a page fail: dates far outside any data are kept to the data's range."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import logged_in

ROOT = Path(__file__).resolve().parent.parent
PAGES = [None, "pages/peringkat.py", "pages/opd_pasif.py", "pages/sentimen.py", "pages/pengaduan.py",
         "pages/profil_opd.py", "pages/data.py"]
HOSTILE = {"periode": "kustom", "dari": "0001-01-01", "sampai": "9999-12-31"}
FIRST_DAY = """SELECT min(d) FROM (SELECT min(day) AS d FROM mart_post UNION ALL SELECT min(received_day) FROM
               mart_complaint UNION ALL SELECT min(day) FROM mart_comment_day)"""


@pytest.mark.parametrize("page", PAGES)
def test_a_period_from_year_1_to_9999_opens_every_page(sample_db, con, monkeypatch, page):
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    monkeypatch.setenv("SOROT_TODAY", "2026-11-20")
    at = logged_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90))
    at.query_params.update(HOSTILE)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    if page != "pages/data.py":  # the Data page has no period filter
        first = con.execute(FIRST_DAY).fetchone()[0]  # kept to the warehouse's data, up to today
        assert at.query_params["dari"] == first.isoformat() and at.query_params["sampai"] == "2026-11-20"


def test_ringkasan_prints_no_stray_value(sample_db, monkeypatch):
    """A one-line `a if x else b` statement is written by Streamlit's magic: a documentation dump or `None`."""
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    monkeypatch.setenv("SOROT_TODAY", "2026-11-20")
    at = logged_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90))
    at.run()
    assert not at.exception
    assert not at.get("help_info")
    assert not [m for m in at.markdown if m.value.strip() == "None"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_unknown_opd_code_shows_no_other_opd(sample_db, monkeypatch, lang):
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    monkeypatch.setenv("SOROT_TODAY", "2026-11-20")
    at = logged_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90))
    at.query_params.update({"kode": "TIDAK-ADA", "bahasa": lang})
    at.run()
    at.switch_page("pages/profil_opd.py").run()
    assert not at.exception, at.exception
    assert "TIDAK-ADA" in at.warning[0].value
    assert at.selectbox(key="profil_kode").value is None
    assert not at.metric  # no figures of an OPD nobody asked for
    at.selectbox(key="profil_kode").set_value("DINKES").run()
    assert at.query_params["kode"] == "DINKES" and at.metric
