"""Logins, roles and scope in the app (issue 13): nothing before login; the login form, lockout, expiry and
logging out; which pages each role opens, however the URL is edited; an OPD head sees their own OPD only — in
tables, rankings, talking points and downloads; who may download; what the audit log records."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from auth import AuthStore
from tests.apptest import PASSWORD, ROOT, TODAY, USERS, open_app, recording

pytestmark = pytest.mark.xdist_group("sample")
PAGES = ["ringkasan", "peringkat", "opd_pasif", "sentimen", "pengaduan", "profil_opd", "data", "pengguna"]
ALLOWED = {"pimpinan": PAGES[:6], "sekda": PAGES[:6], "opd": PAGES[:6], "admin": PAGES}
OTHERS = ("DLH", "Dishub", "DPUPR", "Disdik", "Kec. Margaluyu")  # names an OPD head must never see


def fresh(sample_db: Path, monkeypatch, **params: str) -> AppTest:
    """The app as a new visitor opens it: no session."""
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    monkeypatch.setenv("SOROT_TODAY", TODAY)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update(params)
    at.run()
    return at


def log_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="masuk_nama").input(username)
    at.text_input(key="masuk_sandi").input(password)
    at.button[0].click()  # the form's submit button
    return at.run()


def store() -> AuthStore:
    return AuthStore(Path(os.environ["SOROT_AUTH"]))


def everything_shown(at: AppTest) -> str:
    """Every text the page shows, for scanning."""
    parts = [e.value for kind in ("title", "markdown", "caption", "info", "warning", "error", "success", "code")
             for e in getattr(at, kind) if not str(e.value).startswith("Tautan ini memuat")]  # echoes the URL
    parts += [str(m.label) + str(m.value) for m in at.metric]
    parts += [d.value.to_string() for d in at.dataframe]
    parts += [str(s.options) for s in at.selectbox] + [str(m.options) for m in at.multiselect]
    return "\n".join(map(str, parts))


def test_nothing_is_shown_before_login_whatever_the_url(sample_db, monkeypatch):
    for params in ({}, {"periode": "7h"}):
        at = fresh(sample_db, monkeypatch, **params)
        assert not at.exception
        assert [e.label for e in at.text_input] == ["Nama pengguna", "Kata sandi"]
        assert not at.metric and not at.dataframe and not at.get("plotly_chart")
    at.switch_page("pages/pengaduan.py")
    at.run()
    assert [e.label for e in at.text_input] == ["Nama pengguna", "Kata sandi"] and not at.dataframe


def test_the_login_form_lets_the_right_password_in_and_keeps_the_link(sample_db, monkeypatch):
    at = fresh(sample_db, monkeypatch, periode="7h")
    log_in(at, "sekda", "salah-sekali-123")
    assert at.error[0].value.startswith("Nama pengguna atau kata sandi salah") and not at.metric
    log_in(at, "SEKDA ", PASSWORD)  # user names are case-insensitive, spaces trimmed
    assert not at.exception and at.title[0].value == "Ringkasan Apel" and len(at.metric) == 6
    assert at.query_params["periode"] == "7h"  # the link asked for is the one shown
    assert "Masuk sebagai **sekda** (Sekretariat Daerah)" in [c.value for c in at.sidebar.caption]


def test_five_failures_lock_the_account_for_fifteen_minutes(sample_db, monkeypatch, tmp_path):
    local = AuthStore(tmp_path / "auth.sqlite")
    local.add_user("camat", "pimpinan", PASSWORD, actor="test")
    monkeypatch.setenv("SOROT_AUTH", str(tmp_path / "auth.sqlite"))
    at = fresh(sample_db, monkeypatch)
    for _ in range(5):
        log_in(at, "camat", "bukan-sandinya-99")
    log_in(at, "camat", PASSWORD)  # the right password, but locked
    assert "akun dikunci sampai" in at.error[0].value and not at.metric
    actions = [e.action for e in local.audit_log()]
    assert actions.count("login_failed") >= 5 and "lockout" in actions and "login" not in actions


def test_a_session_ends_after_eight_idle_hours_and_when_logged_out_everywhere(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, role="sekda")
    at.session_state["sorot_login"]["seen"] = time.time() - 9 * 3600
    at.run()
    assert "Sesi berakhir setelah 8 jam" in at.info[0].value and not at.metric
    at = open_app(sample_db, monkeypatch, role="pimpinan")
    assert at.metric
    store().logout_everywhere("bupati", "admin")  # e.g. from the Pengguna page
    at.run()
    assert "Sesi diakhiri" in at.info[0].value and not at.metric


def test_log_out(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, role="sekda")
    at.sidebar.button(key="keluar").click()
    at.run()
    assert [e.label for e in at.text_input] == ["Nama pengguna", "Kata sandi"] and not at.metric


@pytest.mark.parametrize("role", list(ALLOWED))
def test_each_role_opens_its_pages_and_no_other(sample_db, monkeypatch, role):
    for page in PAGES:
        at = open_app(sample_db, monkeypatch, f"pages/{page}.py", role=role, kode="DINKES")
        refused = [e.value for e in at.error if "tidak tersedia untuk peran Anda" in e.value]
        if page in ALLOWED[role]:
            assert not refused and not at.exception, (role, page)
        else:
            assert refused and not at.dataframe and not at.metric and not at.tabs, (role, page)


def test_an_opd_head_sees_their_own_opd_whatever_the_url(sample_db, monkeypatch):
    for page, params in (("pengaduan", {"opd": "DLH,DINKES"}), ("peringkat", {}), ("opd_pasif", {}),
                         ("sentimen", {"rinci": "opd"}), ("ringkasan", {"periode": "90h"})):
        at = open_app(sample_db, monkeypatch, f"pages/{page}.py", role="opd", **params)
        assert not at.exception
        shown = everything_shown(at)
        assert not [name for name in OTHERS if name in shown], (page, [n for n in OTHERS if n in shown])
    at = open_app(sample_db, monkeypatch, "pages/profil_opd.py", role="opd", kode="DLH")
    assert "Kode OPD «DLH» tidak dikenal" in at.warning[0].value and not at.metric  # never DLH's profile
    at = open_app(sample_db, monkeypatch, "pages/ringkasan.py", role="opd", periode="30h")
    place = [m.value for m in at.markdown if "peringkat" in m.value and " dari " in m.value]
    assert place and place[0].startswith("Dinkes: peringkat ") and place[0].split(" dari ")[1].startswith("65 OPD")


def test_an_opd_heads_downloads_hold_their_own_opd_only(sample_db, monkeypatch):
    files = recording(monkeypatch)
    at = open_app(sample_db, monkeypatch, "pages/ringkasan.py", role="opd", periode="30h")
    deck = Presentation(io.BytesIO(files(at)["apel_pptx"][1]()))
    text = "\n".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
    assert "Dinkes" in text or "Dinas Kesehatan" in text
    assert not [name for name in OTHERS if name in text]
    at = open_app(sample_db, monkeypatch, "pages/pengaduan.py", role="opd", opd="DLH")
    csv = files(at)["pg_opd_table_csv"][1]().decode("utf-8-sig")
    assert "Dinkes" in csv and not [name for name in OTHERS if f"\r\n{name}," in csv]


def test_who_may_download(sample_db, monkeypatch):
    for role, may in (("pimpinan", False), ("sekda", True), ("opd", True), ("admin", True)):
        at = open_app(sample_db, monkeypatch, "pages/pengaduan.py", role=role)
        assert bool(at.download_button) is may, role


def test_the_audit_log_records_logins_page_views_and_downloads(sample_db, monkeypatch):
    files = recording(monkeypatch)
    at = fresh(sample_db, monkeypatch)
    log_in(at, USERS["sekda"][0], PASSWORD)
    at.switch_page("pages/pengaduan.py")
    at.run()
    name, made = files(at)["pg_opd_table_xlsx"]
    made()
    mine = [(e.action, e.target) for e in store().audit_log(actor="sekda", limit=20)]
    assert ("login", "sekda") in mine or any(a == "login" for a, _ in mine)
    assert ("page", "pengaduan") in mine and ("export", name) in mine


def test_a_fresh_install_says_how_to_create_the_first_admin(sample_db, monkeypatch, tmp_path):
    monkeypatch.setenv("SOROT_AUTH", str(tmp_path / "kosong.sqlite"))
    at = fresh(sample_db, monkeypatch)
    assert "Belum ada akun" in at.warning[0].value
    assert "python -m admin users add admin --role admin --password-stdin" in at.code[0].value
    assert not at.text_input and not at.metric


def test_an_admin_manages_accounts_on_the_pengguna_page(sample_db, monkeypatch, tmp_path):
    local = AuthStore(tmp_path / "auth.sqlite")
    local.add_user("admin", "admin", PASSWORD, actor="test")
    monkeypatch.setenv("SOROT_AUTH", str(tmp_path / "auth.sqlite"))
    files = recording(monkeypatch)
    at = open_app(sample_db, monkeypatch, "pages/pengguna.py", role="admin")
    at.text_input(key="baru_nama").input("kadis.dlh")
    at.selectbox(key="baru_peran").select("opd")
    at.selectbox(key="baru_opd").select("DLH")
    at.text_input(key="baru_sandi").input("sandi-kadis-dlh-1")
    at.text_input(key="baru_sandi2").input("sandi-kadis-dlh-1")
    next(b for b in at.button if b.label == "Tambah").click()
    at.run()
    assert at.success[0].value == "Akun kadis.dlh dibuat."
    assert (local.get("kadis.dlh").role, local.get("kadis.dlh").opd) == ("opd", "DLH")
    at.selectbox(key="ubah_akun").select("kadis.dlh")
    at.run()
    at.button(key="ubah_aktif").click()
    at.run()
    assert not local.get("kadis.dlh").active
    at.text_input(key="baru_nama").input("pendek")
    at.text_input(key="baru_sandi").input("123")
    at.text_input(key="baru_sandi2").input("123")
    next(b for b in at.button if b.label == "Tambah").click()
    at.run()
    assert "10" in at.error[0].value and local.get("pendek") is None  # refused, with the rule
    actions = [(e.actor, e.action, e.target) for e in local.audit_log()]
    assert ("admin", "user_add", "kadis.dlh") in actions and ("admin", "user_disable", "kadis.dlh") in actions
    log = files(at)["pg_audit_csv"][1]().decode("utf-8-sig")
    assert "user_add" in log and "kadis.dlh" in log


def test_an_opd_heads_ranks_are_their_place_among_all(sample_db):
    from datetime import date

    import warehouse_file
    from analytics import profile, ranking
    from analytics.context import Filters, Scope
    from analytics.db import Warehouse
    from analytics.norms import read_norms

    wh = Warehouse(warehouse_file.read_cursor(warehouse_file.open_read_only(sample_db)))
    view, today, norms = Filters(date(2026, 10, 22), date(2026, 11, 20)), date(2026, 11, 20), read_norms()
    own, everyone = Scope(frozenset({"DINKES"})), Scope.everything()
    mine, all_ = ranking.league(wh, view, own, norms, today), ranking.league(wh, view, everyone, norms, today)
    assert mine["opd_code"].tolist() == ["DINKES"] and mine["ranked_of"].iloc[0] == len(all_)
    assert mine["rank"].iloc[0] == all_.set_index("opd_code").loc["DINKES", "rank"]
    history, full = (profile.history(wh, view, s, norms, today) for s in (own, everyone))
    assert set(history["opd_code"]) == {"DINKES"}
    assert history["rank"].tolist() == full[full["opd_code"] == "DINKES"]["rank"].tolist()


def test_uploads_are_audited(sample_db, monkeypatch, tmp_path):
    import shutil

    from tests.exports import fb_row, write_fb

    db = tmp_path / "w.duckdb"
    shutil.copy(sample_db, db)
    at = open_app(db, monkeypatch, "pages/data.py", role="admin")
    upload = write_fb(tmp_path / "fb_2026-11-03.csv", [fb_row("1_9")])
    at.file_uploader(key="adm_files").set_value([(upload.name, upload.read_bytes(), "text/csv")])
    at.run()
    next(b for b in at.button if b.key == "adm_load").click()
    at.run()
    entries = [(e.action, e.target) for e in store().audit_log(actor="admin", limit=10)]
    assert ("upload", upload.name) in entries
