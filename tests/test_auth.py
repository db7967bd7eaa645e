"""Accounts, passwords, lockout, sessions and the append-only audit log (auth/), and python -m admin users."""

from __future__ import annotations

import io
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

import auth
from admin import users as cli
from analytics import i18n
from auth import passwords
from auth import store as store_module
from auth.store import LOCKOUT, MAX_FAILURES, AuthError, AuthStore, StoreError
from tests import test_i18n

ROOT = Path(__file__).resolve().parent.parent
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # Argon2id, cheap: for tests only
PW = "Kuda-Lari-Kencang-7"
PW2 = "Bulan-Sabit-Merah-42"
OPD = {"DINKES", "SETDA", "BAG-HUKUM"}


class Clock:
    def __init__(self, start: datetime = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "private" / "auth.sqlite"


@pytest.fixture
def store(path: Path, clock: Clock) -> AuthStore:
    return AuthStore(path, clock, valid_opd=OPD.__contains__, hasher=FAST)


def modes(path: Path) -> tuple[int, int]:
    return stat.S_IMODE(path.parent.stat().st_mode), stat.S_IMODE(path.stat().st_mode)


# -- the file ---------------------------------------------------------------------------------------------------


def test_the_folder_is_0700_and_the_file_0600_whatever_the_umask(path, clock):
    old = os.umask(0)
    try:
        AuthStore(path, clock, hasher=FAST)
    finally:
        os.umask(old)
    assert modes(path) == (0o700, 0o600)


def test_the_file_is_0600_before_sqlite_opens_it(path, clock, monkeypatch):
    seen = []
    connect = sqlite3.connect

    def spy(file, *args, **kwargs):
        seen.append(stat.S_IMODE(Path(file).stat().st_mode))
        return connect(file, *args, **kwargs)

    monkeypatch.setattr(store_module.sqlite3, "connect", spy)
    AuthStore(path, clock, hasher=FAST)
    assert seen and set(seen) == {0o600}


def test_opening_tightens_a_loosened_file(store, path, clock):
    path.chmod(0o644)
    AuthStore(path, clock, hasher=FAST)
    assert modes(path)[1] == 0o600


def test_an_existing_folder_is_left_alone(tmp_path, clock):
    tmp_path.chmod(0o755)
    AuthStore(tmp_path / "a.sqlite", clock, hasher=FAST)
    assert modes(tmp_path / "a.sqlite") == (0o755, 0o600)


def test_wal_mode(store, path):
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_opening_an_existing_store_does_not_write(store, path, clock, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")  # another writer holds the file: a store opened per rerun must not wait
        assert not AuthStore(path, clock, hasher=FAST).has_users()
        con.execute("ROLLBACK")
    finally:
        con.close()


def test_the_default_path(monkeypatch, tmp_path):
    monkeypatch.delenv("SOROT_AUTH", raising=False)
    assert auth.default_path() == ROOT / "data" / "private" / "sorot-auth.sqlite"
    monkeypatch.setenv("SOROT_AUTH", str(tmp_path / "x.sqlite"))
    assert auth.default_path() == tmp_path / "x.sqlite"


def test_a_file_that_cannot_be_opened_is_a_store_error(tmp_path, clock):
    (tmp_path / "plain").write_text("not a folder")
    with pytest.raises(StoreError, match="tidak dapat dibuka"):
        AuthStore(tmp_path / "plain" / "auth.sqlite", clock, hasher=FAST)
    (tmp_path / "garbage.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot be opened"):
        AuthStore(tmp_path / "garbage.sqlite", clock, hasher=FAST, lang="en")


# -- accounts ---------------------------------------------------------------------------------------------------


def test_add_get_and_list(store, clock):
    assert not store.has_users() and store.users() == []
    user = store.add_user("Budi.S", "opd", PW, opd="dinkes", actor="cli:ani")
    store.add_user("ani", "admin", PW)
    assert store.has_users()
    assert (user.username, user.role, user.opd, user.active) == ("budi.s", "opd", "DINKES", True)
    assert user.created_at == user.password_changed_at == clock.now and user.locked_until is None
    assert store.get("BUDI.S") == user and store.get(" budi.s ") == user and store.get("nobody") is None
    assert [u.username for u in store.users()] == ["ani", "budi.s"]
    with pytest.raises(AuthError, match="sudah dipakai"):
        store.add_user("BUDI.s", "sekda", PW2)


@pytest.mark.parametrize("name", ["ab", "a" * 33, "budi santoso", "budi@pemda", "", "bü di", "budi/.."])
def test_bad_usernames_are_refused(store, name):
    with pytest.raises(AuthError, match="3–32 karakter"):
        store.add_user(name, "pimpinan", PW)


def test_good_usernames(store):
    assert store.add_user("a.b_c-1", "pimpinan", PW).username == "a.b_c-1"
    assert store.add_user("X" * 32, "sekda", PW).username == "x" * 32


def test_roles_and_opd_codes(store):
    with pytest.raises(AuthError, match="Peran walikota tidak dikenal; pilih salah satu: pimpinan, sekda, admin, opd"):
        store.add_user("budi", "walikota", PW)
    with pytest.raises(AuthError, match="memerlukan kode OPD"):
        store.add_user("budi", "opd", PW)
    with pytest.raises(AuthError, match="hanya untuk peran opd, bukan sekda"):
        store.add_user("budi", "sekda", PW, opd="SETDA")
    with pytest.raises(AuthError, match="DINSOS tidak ada"):
        store.add_user("budi", "opd", PW, opd="DINSOS")
    with pytest.raises(AuthError, match="Unknown role"):
        store.add_user("budi", "mayor", PW, lang="en")
    assert not store.has_users()
    assert store.add_user("budi", "opd", PW, opd=" bag-hukum ").opd == "BAG-HUKUM"
    assert store.add_user("sari", "sekda", PW, opd="").opd is None


def test_opd_codes_are_checked_against_the_registry(tmp_path, clock, monkeypatch):
    monkeypatch.delenv("SOROT_REGISTRY", raising=False)
    assert auth.registry_opd("SETDA") and not auth.registry_opd("NOPE")
    (tmp_path / "reg").mkdir()
    (tmp_path / "reg" / "opd.csv").write_text("kode,nama,aktif\nDINKES,Dinas Kesehatan,ya\nLAMA,Dinas Lama,tidak\n")
    monkeypatch.setenv("SOROT_REGISTRY", str(tmp_path / "reg"))
    assert auth.registry_opd("DINKES") and not auth.registry_opd("LAMA") and not auth.registry_opd("SETDA")
    s = AuthStore(tmp_path / "a.sqlite", clock, hasher=FAST)
    assert s.add_user("budi", "opd", PW, opd="dinkes").opd == "DINKES"
    with pytest.raises(AuthError, match=r"LAMA .*opd\.csv"):
        s.add_user("sari", "opd", PW, opd="LAMA")
    monkeypatch.setenv("SOROT_REGISTRY", str(tmp_path / "missing"))
    assert not auth.registry_opd("DINKES")


# -- passwords --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("password", "why"), [
    ("", "minimal 10"), ("Pendek-1", "minimal 10"), ("x" * 1025, "maksimal 1024"),
    ("budi.santo", "sama dengan nama pengguna"), ("BUDI.SANTO", "sama dengan nama pengguna"),
    ("Password123", "terlalu umum"), ("sukamaju123", "terlalu umum"), ("1234567890", "terlalu umum"),
    ("QWERTYUIOP", "terlalu umum"), ("admin12345", "terlalu umum"), ("aaaaaaaaaaaa", "terlalu umum"),
    ("abababababab", "terlalu umum"),
])
def test_password_rules(store, password, why):
    with pytest.raises(AuthError, match=why):
        store.add_user("budi.santo", "sekda", password)
    assert store.get("budi.santo") is None


def test_password_rules_in_english(store):
    with pytest.raises(AuthError, match="at least 10 characters"):
        store.add_user("budi", "sekda", "short", lang="en")
    with pytest.raises(AuthError, match="too common"):
        passwords.check("Password123", "budi", "en")
    passwords.check("x" * passwords.MIN_PASSWORD + "yz", "budi")  # long enough, not common: fine


def test_argon2id_and_the_clear_password_nowhere_in_the_file(path, clock):
    s = AuthStore(path, clock, valid_opd=OPD.__contains__)  # the production hasher
    s.add_user("budi", "opd", PW, opd="DINKES")
    s.reset_password("budi", PW2, actor="cli")
    assert s.authenticate("budi", PW2).ok and not s.authenticate("budi", PW).ok
    with sqlite3.connect(path) as con:
        hashed = con.execute("SELECT password_hash FROM users").fetchone()[0]
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    files = b"".join(p.read_bytes() for p in path.parent.iterdir())
    for clear in (PW, PW2):
        assert clear.encode() not in files and clear.encode("utf-16-le") not in files


def test_a_login_rehashes_when_the_cost_changed(store, path, clock):
    store.add_user("budi", "sekda", PW)
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    s = AuthStore(path, clock, hasher=stronger)
    assert s.authenticate("budi", PW).ok
    with sqlite3.connect(path) as con:
        hashed = con.execute("SELECT password_hash FROM users").fetchone()[0]
    assert not stronger.check_needs_rehash(hashed) and "t=2" in hashed
    assert s.audit_log(1)[0].detail == "rehash"
    assert s.authenticate("budi", PW).ok and s.audit_log(1)[0].detail == ""


# -- logging in -------------------------------------------------------------------------------------------------


def test_authenticate(store):
    store.add_user("budi", "opd", PW, opd="DINKES")
    ok = store.authenticate(" Budi ", PW)
    assert ok.ok and ok.reason == "ok" and ok.user == store.get("budi") and ok.message() == "Berhasil masuk."
    wrong, unknown = store.authenticate("budi", PW2), store.authenticate("siapa", PW)
    assert (wrong.ok, wrong.reason, wrong.user) == (unknown.ok, unknown.reason, unknown.user) == (False, "wrong", None)
    assert wrong.message() == unknown.message() == "Nama pengguna atau kata sandi salah."
    assert wrong.message("en") == unknown.message("en") == "Wrong user name or password."
    assert not store.authenticate("budi", "").ok and not store.authenticate("", "").ok
    assert not store.authenticate("budi", PW.upper()).ok
    assert [(e.actor, e.action, e.detail) for e in reversed(store.audit_log(limit=6))] == [
        ("budi", "login", ""), ("budi", "login_failed", "wrong_password"), ("siapa", "login_failed", "unknown_user"),
        ("budi", "login_failed", "wrong_password"), ("?", "login_failed", "unknown_user"),
        ("budi", "login_failed", "wrong_password")]


def test_a_disabled_account(store):
    store.add_user("budi", "sekda", PW)
    store.add_user("ani", "admin", PW)
    store.set_active("budi", False, actor="ani")
    login = store.authenticate("budi", PW)
    assert (login.ok, login.reason, login.user) == (False, "disabled", None)
    assert login.message() == "Akun ini dinonaktifkan. Hubungi admin Sorot."
    assert store.authenticate("budi", PW2).reason == "wrong"  # a wrong password says nothing about the account
    store.set_active("budi", True, actor="ani")
    assert store.authenticate("budi", PW).ok


def test_lockout_after_five_failures_for_fifteen_minutes(store, clock, monkeypatch):
    store.add_user("budi", "sekda", PW)
    for _ in range(MAX_FAILURES - 1):
        assert store.authenticate("budi", "salah-salah-salah").reason == "wrong"
    assert store.get("budi").failed_count == MAX_FAILURES - 1
    fifth = store.authenticate("budi", "salah-salah-salah")
    assert (fifth.ok, fifth.reason, fifth.locked_until) == (False, "locked", clock.now + LOCKOUT)
    assert store.get("budi").locked(clock.now)
    # 03:15 UTC is 10.15 WIB
    assert fifth.message() == ("Terlalu banyak percobaan gagal: akun dikunci sampai 20 Nov 2026 10.15 WIB. "
                               "Coba lagi setelah itu.")
    assert "locked until 20 Nov 2026 10:15 WIB" in fifth.message("en")
    lockout = store.audit_log(action="lockout")
    assert [(e.actor, e.target) for e in lockout] == [("system", "budi")] and "failures=5" in lockout[0].detail

    calls = []
    monkeypatch.setattr(store, "_verify", lambda *a: calls.append(a) or True)
    clock.advance(minutes=14, seconds=59)
    during = store.authenticate("budi", PW)
    assert during.reason == "locked" and during.locked_until == fifth.locked_until and calls == []
    assert store.audit_log(1)[0].detail == "locked"
    monkeypatch.undo()

    clock.advance(seconds=1)
    assert store.authenticate("budi", PW).ok
    assert store.get("budi").failed_count == 0 and store.get("budi").locked_until is None


def test_after_a_lockout_the_count_starts_again(store, clock):
    store.add_user("budi", "sekda", PW)
    for _ in range(MAX_FAILURES):
        store.authenticate("budi", "salah-salah-salah")
    clock.advance(minutes=15)
    assert store.authenticate("budi", "salah-salah-salah").reason == "wrong"
    assert store.get("budi").failed_count == 1


def test_a_success_resets_the_count(store):
    store.add_user("budi", "sekda", PW)
    for _ in range(MAX_FAILURES - 1):
        store.authenticate("budi", "salah-salah-salah")
    assert store.authenticate("budi", PW).ok and store.get("budi").failed_count == 0
    for _ in range(MAX_FAILURES - 1):
        assert store.authenticate("budi", "salah-salah-salah").reason == "wrong"


def test_enable_and_reset_lift_a_lockout(store, clock):
    store.add_user("budi", "sekda", PW)
    for _ in range(MAX_FAILURES):
        store.authenticate("budi", "salah")
    store.set_active("budi", True, actor="cli")
    assert store.authenticate("budi", PW).ok
    for _ in range(MAX_FAILURES):
        store.authenticate("budi", "salah")
    store.reset_password("budi", PW2, actor="cli")
    assert store.authenticate("budi", PW2).ok


def test_unknown_names_never_lock_and_cost_a_hash(store, monkeypatch):
    calls = []
    verify = store._verify
    monkeypatch.setattr(store, "_verify", lambda h, p: calls.append(h) or verify(h, p))
    for _ in range(MAX_FAILURES + 2):
        assert store.authenticate("siapa", PW).reason == "wrong"
    assert len(calls) == MAX_FAILURES + 2 and set(calls) == {store._dummy_hash()}
    assert store.audit_log(action="lockout") == []


# -- sessions ---------------------------------------------------------------------------------------------------


def test_session_epoch_changes_end_sessions(store):
    store.add_user("ani", "admin", PW)
    budi = store.add_user("budi", "opd", PW, opd="DINKES")
    assert store.session_valid("budi", budi.session_epoch) and store.session_valid("BUDI", budi.session_epoch)
    seen = {budi.session_epoch}

    def changed(user) -> int:
        assert user.session_epoch not in seen and not store.session_valid("budi", max(seen))
        seen.add(user.session_epoch)
        return user.session_epoch

    epoch = changed(store.logout_everywhere("budi", actor="ani"))
    assert store.session_valid("budi", epoch)
    changed(store.reset_password("budi", PW2, actor="ani"))
    changed(store.change_role("budi", "sekda", actor="ani"))
    epoch = changed(store.set_active("budi", False, actor="ani"))
    assert not store.session_valid("budi", epoch)  # disabled: no session at all
    assert store.set_active("budi", True, actor="ani").session_epoch == epoch  # enabling revives nothing older
    assert store.authenticate("budi", PW2).user.session_epoch == epoch and store.session_valid("budi", epoch)
    store.remove("budi", actor="ani")
    assert not store.session_valid("budi", epoch)
    again = store.add_user("budi", "sekda", PW)
    assert again.session_epoch not in seen  # a new account with the old name does not revive old sessions


def test_the_last_active_admin_stays(store):
    store.add_user("ani", "admin", PW)
    for change in (lambda: store.set_active("ani", False), lambda: store.remove("ani"),
                   lambda: store.change_role("ani", "sekda")):
        with pytest.raises(AuthError, match="admin aktif terakhir"):
            change()
    store.add_user("budi", "admin", PW)
    store.set_active("ani", False)
    with pytest.raises(AuthError, match="admin aktif terakhir"):
        store.remove("budi")
    store.remove("ani")  # a disabled admin may go
    assert [u.username for u in store.users()] == ["budi"]


def test_unknown_users_are_refused(store):
    for change in (lambda: store.set_active("siapa", False), lambda: store.reset_password("siapa", PW),
                   lambda: store.remove("siapa"), lambda: store.logout_everywhere("siapa"),
                   lambda: store.change_role("siapa", "sekda")):
        with pytest.raises(AuthError, match="Pengguna siapa tidak ada"):
            change()
    with pytest.raises(AuthError, match="There is no user siapa"):
        store.remove("siapa", lang="en")


# -- the audit log ----------------------------------------------------------------------------------------------


def test_every_change_is_audited_with_its_actor(store, clock):
    store.add_user("ani", "admin", PW, actor="cli:root")
    store.add_user("budi", "opd", PW, opd="DINKES", actor="ani")
    clock.advance(minutes=1)
    store.set_active("budi", False, actor="ani")
    store.set_active("budi", True, actor="ani")
    store.reset_password("budi", PW2, actor="ani")
    store.change_role("budi", "sekda", actor="ani")
    store.logout_everywhere("budi", actor="ani")
    store.remove("budi", actor="ani")
    store.audit("ani", "export", "Pengaduan", "pengaduan.xlsx")
    log = store.audit_log()
    assert [(e.actor, e.action, e.target, e.detail) for e in reversed(log)] == [
        ("cli:root", "user_add", "ani", "role=admin"), ("ani", "user_add", "budi", "role=opd opd=DINKES"),
        ("ani", "user_disable", "budi", ""), ("ani", "user_enable", "budi", ""), ("ani", "user_reset", "budi", ""),
        ("ani", "user_role", "budi", "role=opd→sekda opd=DINKES→-"), ("ani", "logout_all", "budi", ""),
        ("ani", "user_remove", "budi", "role=sekda"), ("ani", "export", "Pengaduan", "pengaduan.xlsx")]
    assert [e.id for e in log] == sorted((e.id for e in log), reverse=True)
    assert log[0].at == clock.now and log[0].at.utcoffset() == timedelta(0)
    assert [e.action for e in store.audit_log(limit=2)] == ["export", "user_remove"]
    assert {e.actor for e in store.audit_log(actor="cli:root")} == {"cli:root"}
    assert len(store.audit_log(action="user_add")) == 2
    assert len(store.audit_log(since=clock.now - timedelta(seconds=30))) == 7
    with sqlite3.connect(store.path) as con:
        assert con.execute("SELECT at FROM audit ORDER BY id LIMIT 1").fetchone()[0] == "2026-11-20T03:00:00+00:00"


def test_audit_refuses_bad_codes_and_cleans_text(store):
    with pytest.raises(ValueError):
        store.audit("ani", "Export now")
    with pytest.raises(ValueError):
        store.audit("  ", "export")
    entry = store.audit("ani\n", "page", "Beranda\x1b[31m", "x" * 5000)
    assert entry.actor == "ani?" and entry.target == "Beranda?[31m" and len(entry.detail) == 2000


def test_the_audit_log_is_append_only(store):
    store.audit("ani", "page", "Beranda")
    store.audit("ani", "reveal", "pengaduan", "123")
    assert not any(hasattr(store, name) for name in ("delete_audit", "clear_audit", "update_audit"))
    with sqlite3.connect(store.path) as con:
        with pytest.raises(sqlite3.DatabaseError, match="hanya bisa ditambah"):
            con.execute("UPDATE audit SET actor = 'someone' WHERE action = 'reveal'")
        with pytest.raises(sqlite3.DatabaseError, match="hanya bisa ditambah"):
            con.execute("DELETE FROM audit WHERE action = 'reveal'")
        with pytest.raises(sqlite3.DatabaseError, match="hanya bisa ditambah"):
            con.execute("DELETE FROM audit")
        con.rollback()
    assert [e.action for e in store.audit_log()] == ["reveal", "page"]


def test_the_audit_export(store, clock):
    store.audit("ani", "export", "Pengaduan", "xlsx")
    frame = store.audit_frame(lang="en")
    assert list(frame.columns) == ["Time (WIB)", "Actor", "Action", "Target", "Detail"]
    assert frame.iloc[0].tolist() == ["2026-11-20 10:00:00", "ani", "export", "Pengaduan", "xlsx"]
    assert store.audit_frame(action="none").columns[0] == "Waktu (WIB)"


# -- threads ----------------------------------------------------------------------------------------------------


def test_concurrent_logins_from_threads(store):
    store.add_user("budi", "sekda", PW)
    store.add_user("sari", "sekda", PW)
    results: dict[str, list[str]] = {"budi": [], "sari": []}
    errors = []
    start = threading.Barrier(8)

    def attempt(name: str, password: str, times: int) -> None:
        start.wait()
        try:
            for _ in range(times):
                results[name].append(store.authenticate(name, password).reason)
        except Exception as err:
            errors.append(err)

    threads = [threading.Thread(target=attempt, args=("budi", "salah-salah-salah", 3)) for _ in range(4)]
    threads += [threading.Thread(target=attempt, args=("sari", PW, 3)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert results["sari"] == ["ok"] * 12
    assert sorted(results["budi"]) == ["locked"] * 8 + ["wrong"] * 4  # exactly five failures counted, one lockout
    assert len(store.audit_log(action="lockout")) == 1
    assert len(store.audit_log(action="login_failed")) == 12 and len(store.audit_log(action="login")) == 12
    with sqlite3.connect(store.path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- texts ------------------------------------------------------------------------------------------------------


def test_every_auth_text_has_english_with_the_same_fields(monkeypatch):
    monkeypatch.setattr(test_i18n, "SOURCES", [*sorted((ROOT / "auth").glob("*.py")), ROOT / "admin" / "users.py",
                                               ROOT / "admin" / "__main__.py"])
    found = test_i18n.literals()
    assert len(found) > 40
    english = i18n.catalog("en")
    assert [f"{f}:{line}: {text!r}" for f, line, text in found if text not in english] == []
    assert [text for _, _, text in found if test_i18n.fields(text) != test_i18n.fields(english[text])] == []


def test_first_admin_hint(monkeypatch):
    monkeypatch.delenv("SOROT_AUTH", raising=False)
    command = ("printf '%s\\n' KATA-SANDI-PANJANG | .venv/bin/python -m admin users add admin --role admin "
               "--password-stdin")
    assert auth.first_admin_command() == command and command in auth.first_admin_hint()
    assert "LONG-PASSWORD" in auth.first_admin_hint("en") and auth.first_admin_hint("en").startswith("There are no")
    monkeypatch.setenv("SOROT_AUTH", "/srv/sorot dir/auth.sqlite")
    assert auth.first_admin_command().endswith(
        "| SOROT_AUTH='/srv/sorot dir/auth.sqlite' .venv/bin/python -m admin users add admin --role admin "
        "--password-stdin")


# -- the command line -------------------------------------------------------------------------------------------


def users_cli(tmp_path: Path, *args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("SUDO_USER", "USER", "SOROT_AUTH")}
    environ |= {"SOROT_AUTH": str(tmp_path / "private" / "auth.sqlite"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "admin", "users", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, env=environ, timeout=120)


def test_the_command_line_end_to_end(tmp_path):
    run = lambda *a, **k: users_cli(tmp_path, *a, **k)  # noqa: E731
    empty = run("list")
    assert empty.returncode == 0 and "Belum ada akun" in empty.stdout and "--password-stdin" in empty.stdout

    added = run("add", "Ani", "--role", "admin", "--password-stdin", stdin=f"{PW}\n", env={"USER": "budi"})
    assert (added.returncode, added.stdout.strip(), added.stderr) == (0, "Pengguna ani ditambahkan: peran admin.", "")
    path = tmp_path / "private" / "auth.sqlite"
    assert modes(path) == (0o700, 0o600)

    refused = {
        ("add", "ani", "--role", "admin"): "sudah dipakai",
        ("add", "budi", "--role", "walikota"): "Peran walikota tidak dikenal",
        ("add", "budi", "--role", "opd"): "memerlukan kode OPD",
        ("add", "budi", "--role", "opd", "--opd", "NOPE"): "NOPE tidak ada",
        ("disable", "siapa"): "Pengguna siapa tidak ada",
        ("remove", "ani"): "admin aktif terakhir",
    }
    for args, message in refused.items():
        done = run(*args, "--password-stdin", stdin=f"{PW2}\n") if args[0] == "add" else run(*args)
        assert done.returncode == 2 and message in done.stderr and done.stderr.startswith("Gagal: "), (args, done)
    short = run("add", "budi", "--role", "sekda", "--password-stdin", stdin="pendek\n")
    assert short.returncode == 2 and "minimal 10 karakter" in short.stderr
    no_flag = run("add", "budi", "--role", "sekda", stdin=f"{PW}\n")
    assert no_flag.returncode == 2 and "--password-stdin" in no_flag.stderr
    usage = run("frobnicate")
    assert usage.returncode == 2 and "usage:" in usage.stderr

    opd = run("add", "budi", "--role", "opd", "--opd", "setda", "--password-stdin", stdin=f"{PW}\nsecond line\n",
              env={"SUDO_USER": "ani", "USER": "root"})
    assert opd.returncode == 0 and "peran opd, OPD SETDA" in opd.stdout
    listed = run("list", "--lang", "en")
    assert listed.returncode == 0
    header, _, *rows = listed.stdout.splitlines()
    assert header.split() == ["User", "name", "Role", "Agency", "(OPD)", "Active", "Locked", "until", "Created"]
    assert rows[0].split()[:4] == ["ani", "admin", "—", "yes"]
    assert rows[1].split()[:4] == ["budi", "opd", "SETDA", "yes"]

    assert run("disable", "budi").stdout.strip() == "Pengguna budi dinonaktifkan; semua sesinya berakhir."
    assert "no" in run("list").stdout.replace("tidak", "no").split()
    assert run("enable", "BUDI", "--lang", "en").stdout.strip() == "User budi enabled again."
    reset = run("reset-password", "budi", "--password-stdin", stdin=f"{PW2}\n")
    assert reset.returncode == 0 and "Kata sandi budi diganti" in reset.stdout
    assert run("reset-password", "siapa", "--password-stdin", stdin=f"{PW2}\n").returncode == 2
    assert run("logout", "budi").stdout.strip() == "Semua sesi budi diakhiri."
    assert run("remove", "budi", "--lang", "en").stdout.strip() == "User budi removed; all their sessions ended."

    s = AuthStore(path, hasher=FAST)
    assert s.authenticate("ani", PW).ok and s.get("budi") is None
    actions = [(e.actor, e.action, e.target) for e in reversed(s.audit_log())]
    assert ("cli:budi", "user_add", "ani") in actions and ("cli:ani", "user_add", "budi") in actions
    assert [a for a in actions if a[2] == "budi"][-5:] == [
        ("cli", "user_disable", "budi"), ("cli", "user_enable", "budi"), ("cli", "user_reset", "budi"),
        ("cli", "logout_all", "budi"), ("cli", "user_remove", "budi")]

    audit = run("audit", "--limit", "2", "--lang", "en")
    lines = audit.stdout.splitlines()
    assert audit.returncode == 0 and lines[0].split() == ["Time", "Actor", "Action", "Target", "Detail"]
    assert len(lines) == 4 and "login" in lines[2] and "user_remove" in lines[3] and "WIB" in lines[2]
    assert run("audit", "--limit", "0").returncode == 2


def test_the_command_line_when_the_store_cannot_be_opened(tmp_path):
    (tmp_path / "plain").write_text("a file, not a folder")
    done = users_cli(tmp_path, "list", env={"SOROT_AUTH": str(tmp_path / "plain" / "auth.sqlite")})
    assert done.returncode == 1 and "tidak dapat dibuka atau ditulis" in done.stderr
    done = users_cli(tmp_path, "list", "--lang", "en", env={"SOROT_AUTH": str(tmp_path / "plain" / "auth.sqlite")})
    assert done.returncode == 1 and done.stderr.startswith("Failed: The account file")


def test_python_m_admin_without_a_command(tmp_path):
    done = subprocess.run([sys.executable, "-m", "admin"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and "python -m admin users" in done.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def cheap_cli(tmp_path, monkeypatch):
    """In-process command line against a tmp store with the cheap hasher."""
    monkeypatch.setenv("SOROT_AUTH", str(tmp_path / "auth.sqlite"))
    monkeypatch.setattr(passwords, "hasher", lambda: FAST)

    def run(*args: str, answers: tuple[str, ...] = ()) -> tuple[int, str, str]:
        given = iter(answers)
        monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": next(given))
        out, err = io.StringIO(), io.StringIO()
        code = cli.main(list(args), stdin=Terminal(), stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    return run


def test_at_a_terminal_the_password_is_asked_twice(cheap_cli, tmp_path):
    code, _, err = cheap_cli("add", "ani", "--role", "admin", answers=(PW, PW2))
    assert code == 2 and "Kedua kata sandi tidak sama." in err
    code, out, _ = cheap_cli("add", "ani", "--role", "admin", answers=(PW, PW))
    assert code == 0 and "ani ditambahkan" in out
    code, out, _ = cheap_cli("reset-password", "ani", "--password-stdin", "--lang", "en", answers=(PW2, PW2))
    assert code == 0 and out.strip() == "Password of ani changed; all their sessions ended."
    assert AuthStore(tmp_path / "auth.sqlite", hasher=FAST).authenticate("ani", PW2).ok
