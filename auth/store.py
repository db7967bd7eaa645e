"""The account store: users, roles, lockout, "logout everywhere" and the append-only audit log, in SQLite.

The file lives outside the warehouse (the ETL replaces that one wholesale): ``$SOROT_AUTH``, else
data/private/sorot-auth.sqlite. A new folder is made 0700 and the file is created 0600 with ``os.open`` before
SQLite touches it, so it is never readable by others, not even briefly; every open tightens the file (and its
-wal/-shm companions) back to 0600 if someone loosened it.

Threads (one Streamlit session each) and processes (the app and ``python -m admin users``) share the file. Each
call opens its own short-lived connection instead of sharing one behind a lock: a ``sqlite3.Connection`` is not
meant to cross threads, and a store-wide lock would queue every login behind another's Argon2 check (a quarter
of a second each). SQLite does the coordinating — WAL lets readers go on while one writer writes, ``busy_timeout``
makes a writer wait its turn instead of failing, and every read-modify-write (failure count, lockout, epoch)
runs in one ``BEGIN IMMEDIATE`` transaction, so concurrent logins neither lose a failure nor double a lockout.
Passwords are verified outside any transaction; the write that follows re-reads the row and gives up if it
changed meanwhile (a reset or a lockout by a concurrent attempt).

Sessions: every user has a ``session_epoch``. A Streamlit session keeps the epoch it logged in with and asks
``session_valid`` on each run; "logout everywhere", a password reset, a role change, disabling and removing give
the user a new epoch, which ends every session they have. Epochs come from one store-wide counter, so a removed
user's old sessions stay dead even if the name is later given to someone else.

The audit table is append-only: triggers abort any UPDATE or DELETE on it, and this API has no way to change
or delete an entry. (Whoever can write the file can still drop the triggers: they guard against mistakes and
bugs in the app, not against the server's administrator.)
"""

from __future__ import annotations

import csv
import os
import re
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from analytics.fmt import moment
from analytics.i18n import translate
from auth import passwords
from auth.errors import AuthError, StoreError

if TYPE_CHECKING:
    import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "data" / "private" / "sorot-auth.sqlite"
DEFAULT_REGISTRY = ROOT / "data" / "registry"

ROLES = ("pimpinan", "sekda", "admin", "opd")
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
BUSY_TIMEOUT_MS = 10_000
SCHEMA_VERSION = 1
WIB = ZoneInfo("Asia/Jakarta")

USERNAME = re.compile(r"[a-z0-9._-]{3,32}")
ACTION = re.compile(r"[a-z][a-z0-9_]{1,31}")
OPD_CODE = re.compile(r"[A-Z0-9][A-Z0-9._-]{0,31}")
MAX_ACTOR = 64
MAX_DETAIL = 2000

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('pimpinan', 'sekda', 'admin', 'opd')),
    opd_code TEXT CHECK ((role = 'opd') = (opd_code IS NOT NULL)),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    failed_count INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    session_epoch INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'log audit hanya bisa ditambah: entri tidak boleh diubah'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'log audit hanya bisa ditambah: entri tidak boleh dihapus'); END;
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
INSERT OR IGNORE INTO counters VALUES ('session_epoch', 0);
"""


_DUMMIES: dict[tuple, str] = {}
_DUMMY_LOCK = threading.Lock()


def default_path() -> Path:
    """The account file: ``$SOROT_AUTH``, else data/private/sorot-auth.sqlite under the repository."""
    return Path(os.environ.get("SOROT_AUTH") or DEFAULT_PATH)


def registry_file() -> Path:
    return Path(os.environ.get("SOROT_REGISTRY") or DEFAULT_REGISTRY) / "opd.csv"


def registry_opd(code: str) -> bool:
    """Whether ``code`` is an active OPD in the registry (opd.csv, columns ``kode`` and ``aktif``)."""
    try:
        with registry_file().open(encoding="utf-8-sig", newline="") as f:
            return any((row.get("kode") or "").strip().upper() == code
                       and (row.get("aktif") or "ya").strip().lower() == "ya" for row in csv.DictReader(f))
    except OSError:
        return False


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="seconds")


def _time(s: str | None) -> datetime | None:
    return datetime.fromisoformat(s) if s else None


def wib(t: datetime | None, lang: str = "id") -> str:
    """"20 Nov 2026 10.35 WIB" (en "20 Nov 2026 10:35 WIB"); None → "—"."""
    return moment(t.astimezone(WIB) if t else None, lang=lang)


@dataclass(frozen=True)
class User:
    """An account as the app sees it (never its password hash)."""

    username: str
    role: str
    opd: str | None
    active: bool
    session_epoch: int
    locked_until: datetime | None
    created_at: datetime
    password_changed_at: datetime
    failed_count: int

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True)
class Login:
    """The outcome of ``authenticate``: ``reason`` is "ok", "wrong", "locked" or "disabled".

    "wrong" covers unknown names and wrong passwords alike (the audit log tells them apart); ``user`` is only
    given on success.
    """

    ok: bool
    reason: str
    user: User | None = None
    locked_until: datetime | None = None

    def message(self, lang: str = "id") -> str:
        if self.reason == "ok":
            return translate("Berhasil masuk.", lang)
        if self.reason == "locked":
            return translate("Terlalu banyak percobaan gagal: akun dikunci sampai {until}. Coba lagi setelah itu.",
                             lang, until=wib(self.locked_until, lang))
        if self.reason == "disabled":
            return translate("Akun ini dinonaktifkan. Hubungi admin Sorot.", lang)
        return translate("Nama pengguna atau kata sandi salah.", lang)


@dataclass(frozen=True)
class Entry:
    """One audit entry; ``at`` is UTC."""

    id: int
    at: datetime
    actor: str
    action: str
    target: str
    detail: str


def normalize(username: str) -> str:
    """The stored form of a user name: trimmed, lower case."""
    return username.strip().lower() if isinstance(username, str) else ""


def _printable(text: str, limit: int) -> str:
    """``text`` without control characters, at most ``limit`` characters (for names typed at the login form)."""
    clean = "".join(c if c.isprintable() else "?" for c in str(text))
    return clean if len(clean) <= limit else clean[:limit - 1] + "…"


class AuthStore:
    """Accounts and the audit log in one SQLite file (see the module docstring for files, threads, sessions)."""

    def __init__(self, path: Path | None = None, clock: Callable[[], datetime] = _utc_now, *,
                 valid_opd: Callable[[str], bool] | None = None, hasher: PasswordHasher | None = None,
                 lang: str = "id") -> None:
        """Open (creating if needed) the store at ``path`` (default ``default_path()``).

        ``clock`` returns the current time, timezone-aware; ``valid_opd`` says whether an OPD code exists (default:
        an active row of the registry's opd.csv); ``hasher`` is argon2-cffi's ``PasswordHasher`` (default
        Argon2id with its default cost). ``lang`` is only for a ``StoreError`` raised here.
        """
        self.path = Path(path) if path is not None else default_path()
        self.clock = clock
        self.valid_opd = valid_opd or registry_opd
        self.hasher = hasher or passwords.hasher()
        try:
            self._prepare()
            con = self._connect()
            try:  # only a new (or older) file is written to: opening a store per Streamlit rerun stays cheap
                if con.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                    con.execute("PRAGMA journal_mode = WAL")  # kept in the file
                    con.executescript(f"BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
            finally:
                con.close()
            self._tighten()  # the -wal/-shm files SQLite just made
        except (OSError, sqlite3.Error) as err:
            raise self._store_error(err, lang) from err

    # -- the file -------------------------------------------------------------------------------------------

    def _prepare(self) -> None:
        folder = self.path.parent
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.chmod(0o700)  # mkdir's mode is filtered by the umask
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            os.fchmod(fd, 0o600)
            os.close(fd)
        self._tighten()

    def _tighten(self) -> None:
        for path in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            try:
                mode = stat.S_IMODE(path.stat().st_mode)
            except FileNotFoundError:
                continue
            if mode & 0o077:
                path.chmod(mode & 0o700)

    def _store_error(self, err: Exception, lang: str) -> StoreError:
        return StoreError(translate("Berkas akun {path} tidak dapat dibuka atau ditulis: {error}", lang,
                                    path=self.path, error=err))

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.row_factory = sqlite3.Row
        return con

    @contextmanager
    def _read(self, lang: str = "id") -> Iterator[sqlite3.Connection]:
        try:
            con = self._connect()
            try:
                yield con
            finally:
                con.close()
        except sqlite3.Error as err:
            raise self._store_error(err, lang) from err

    @contextmanager
    def _write(self, lang: str = "id") -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: committed at the end, rolled back on any exception."""
        try:
            con = self._connect()
            try:
                con.execute("BEGIN IMMEDIATE")
                try:
                    yield con
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            finally:
                con.close()
        except sqlite3.Error as err:
            raise self._store_error(err, lang) from err

    # -- helpers ---------------------------------------------------------------------------------------------

    def now(self) -> datetime:
        t = self.clock()
        if t.tzinfo is None:
            raise ValueError("clock() must return a timezone-aware datetime")
        return t.astimezone(UTC).replace(microsecond=0)

    @staticmethod
    def _user(row: sqlite3.Row) -> User:
        return User(username=row["username"], role=row["role"], opd=row["opd_code"], active=bool(row["active"]),
                    session_epoch=row["session_epoch"], locked_until=_time(row["locked_until"]),
                    created_at=_time(row["created_at"]), password_changed_at=_time(row["password_changed_at"]),
                    failed_count=row["failed_count"])

    @staticmethod
    def _row(con: sqlite3.Connection, username: str) -> sqlite3.Row | None:
        return con.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()

    def _existing(self, con: sqlite3.Connection, username: str, lang: str) -> sqlite3.Row:
        row = self._row(con, normalize(username))
        if row is None:
            raise AuthError(translate("Pengguna {name} tidak ada.", lang, name=_printable(username, MAX_ACTOR)))
        return row

    @staticmethod
    def _next_epoch(con: sqlite3.Connection) -> int:
        return con.execute("UPDATE counters SET value = value + 1 WHERE name = 'session_epoch' RETURNING value"
                           ).fetchall()[0][0]

    def _log(self, con: sqlite3.Connection, actor: str, action: str, target: str = "", detail: str = "") -> Entry:
        if not ACTION.fullmatch(action):
            raise ValueError(f"audit action must match {ACTION.pattern}: {action!r}")
        actor = _printable(actor, MAX_ACTOR).strip()
        if not actor:
            raise ValueError("audit actor must not be empty")
        at = _iso(self.now())
        target, detail = _printable(target, MAX_ACTOR * 4), _printable(detail, MAX_DETAIL)
        cur = con.execute("INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                          (at, actor, action, target, detail))
        return Entry(cur.lastrowid, _time(at), actor, action, target, detail)

    def _check_name(self, username: str, lang: str) -> str:
        name = normalize(username)
        if not USERNAME.fullmatch(name):
            raise AuthError(translate(
                "Nama pengguna harus 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.", lang))
        return name

    def _check_role(self, role: str, opd: str | None, lang: str) -> str | None:
        """The OPD code to store for ``role`` (None unless role is opd); refuses a bad role or OPD."""
        if role not in ROLES:
            raise AuthError(translate("Peran {role} tidak dikenal; pilih salah satu: {roles}.", lang,
                                      role=_printable(role, MAX_ACTOR), roles=", ".join(ROLES)))
        code = (opd or "").strip().upper() or None
        if role != "opd":
            if code is not None:
                raise AuthError(translate("Kode OPD hanya untuk peran opd, bukan {role}.", lang, role=role))
            return None
        if code is None:
            raise AuthError(translate("Peran opd memerlukan kode OPD.", lang))
        if not OPD_CODE.fullmatch(code) or not self.valid_opd(code):
            raise AuthError(translate("Kode OPD {code} tidak ada di antara OPD aktif di registri ({file}).", lang,
                                      code=_printable(code, MAX_ACTOR), file=registry_file()))
        return code

    def _keep_an_admin(self, con: sqlite3.Connection, row: sqlite3.Row, lang: str) -> None:
        """Refuse to disable, remove or demote the last active admin (nobody could manage accounts in the app)."""
        if row["role"] == "admin" and row["active"]:
            others = con.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND username <> ?",
                                 (row["username"],)).fetchone()[0]
            if not others:
                raise AuthError(translate(
                    "{name} adalah admin aktif terakhir; tambahkan atau aktifkan admin lain lebih dulu.", lang,
                    name=row["username"]))

    def _dummy_hash(self) -> str:
        """A hash with this hasher's cost, to verify an unknown name against (made once per process and cost, so
        a store opened per request does not make unknown names slower than known ones)."""
        h = self.hasher
        key = (h.type, h.time_cost, h.memory_cost, h.parallelism, h.hash_len, h.salt_len)
        with _DUMMY_LOCK:
            if key not in _DUMMIES:
                _DUMMIES[key] = h.hash("tidak-ada-pengguna-ini")
            return _DUMMIES[key]

    # -- reading ---------------------------------------------------------------------------------------------

    def has_users(self) -> bool:
        with self._read() as con:
            return con.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0] == 1

    def get(self, username: str) -> User | None:
        with self._read() as con:
            row = self._row(con, normalize(username))
        return self._user(row) if row else None

    def users(self) -> list[User]:
        with self._read() as con:
            return [self._user(r) for r in con.execute("SELECT * FROM users ORDER BY username")]

    def session_valid(self, username: str, epoch: int) -> bool:
        """Whether a session that logged in as ``username`` with ``epoch`` may go on (exists, active, same epoch)."""
        user = self.get(username)
        return user is not None and user.active and user.session_epoch == epoch

    # -- changing accounts (each change is audited with its actor) ------------------------------------------

    def add_user(self, username: str, role: str, password: str, opd: str | None = None, actor: str = "cli", *,
                 lang: str = "id") -> User:
        name = self._check_name(username, lang)
        code = self._check_role(role, opd, lang)
        passwords.check(password, name, lang)
        if self.get(name) is not None:  # before the costly hash; checked again below, in the transaction
            raise AuthError(translate("Nama pengguna {name} sudah dipakai.", lang, name=name))
        hashed = self.hasher.hash(password)
        with self._write(lang) as con:
            if self._row(con, name) is not None:
                raise AuthError(translate("Nama pengguna {name} sudah dipakai.", lang, name=name))
            now = _iso(self.now())
            con.execute("INSERT INTO users (username, role, opd_code, password_hash, active, created_at, "
                        "password_changed_at, session_epoch) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
                        (name, role, code, hashed, now, now, self._next_epoch(con)))
            self._log(con, actor, "user_add", name, f"role={role}" + (f" opd={code}" if code else ""))
            return self._user(self._row(con, name))

    def set_active(self, username: str, active: bool, actor: str = "cli", *, lang: str = "id") -> User:
        """Disable (ends every session) or enable (also lifts a lockout) an account."""
        with self._write(lang) as con:
            row = self._existing(con, username, lang)
            name = row["username"]
            if active:
                con.execute("UPDATE users SET active = 1, failed_count = 0, locked_until = NULL WHERE username = ?",
                            (name,))
                self._log(con, actor, "user_enable", name)
            else:
                self._keep_an_admin(con, row, lang)
                con.execute("UPDATE users SET active = 0, session_epoch = ? WHERE username = ?",
                            (self._next_epoch(con), name))
                self._log(con, actor, "user_disable", name)
            return self._user(self._row(con, name))

    def reset_password(self, username: str, password: str, actor: str = "cli", *, lang: str = "id") -> User:
        """A new password; ends every session and lifts a lockout."""
        with self._read(lang) as con:
            name = self._existing(con, username, lang)["username"]
        passwords.check(password, name, lang)
        hashed = self.hasher.hash(password)
        with self._write(lang) as con:
            self._existing(con, name, lang)
            con.execute("UPDATE users SET password_hash = ?, password_changed_at = ?, failed_count = 0, "
                        "locked_until = NULL, session_epoch = ? WHERE username = ?",
                        (hashed, _iso(self.now()), self._next_epoch(con), name))
            self._log(con, actor, "user_reset", name)
            return self._user(self._row(con, name))

    def change_role(self, username: str, role: str, opd: str | None = None, actor: str = "cli", *,
                    lang: str = "id") -> User:
        """A new role (and OPD for role opd); ends every session so the new rights apply at the next login."""
        code = self._check_role(role, opd, lang)
        with self._write(lang) as con:
            row = self._existing(con, username, lang)
            name = row["username"]
            if role != "admin":
                self._keep_an_admin(con, row, lang)
            con.execute("UPDATE users SET role = ?, opd_code = ?, session_epoch = ? WHERE username = ?",
                        (role, code, self._next_epoch(con), name))
            self._log(con, actor, "user_role", name, f"role={row['role']}→{role}"
                      + (f" opd={row['opd_code'] or '-'}→{code or '-'}" if code or row["opd_code"] else ""))
            return self._user(self._row(con, name))

    def remove(self, username: str, actor: str = "cli", *, lang: str = "id") -> None:
        """Delete the account (its sessions end; its audit entries stay)."""
        with self._write(lang) as con:
            row = self._existing(con, username, lang)
            self._keep_an_admin(con, row, lang)
            self._next_epoch(con)
            con.execute("DELETE FROM users WHERE username = ?", (row["username"],))
            self._log(con, actor, "user_remove", row["username"], f"role={row['role']}")

    def logout_everywhere(self, username: str, actor: str = "cli", *, lang: str = "id") -> User:
        with self._write(lang) as con:
            name = self._existing(con, username, lang)["username"]
            con.execute("UPDATE users SET session_epoch = ? WHERE username = ?", (self._next_epoch(con), name))
            self._log(con, actor, "logout_all", name)
            return self._user(self._row(con, name))

    # -- logging in ------------------------------------------------------------------------------------------

    def authenticate(self, username: str, password: str) -> Login:
        """Check a login and audit it (``login``, ``login_failed`` with the reason as detail, ``lockout``).

        An unknown name costs the same Argon2 check as a wrong password and gets the same answer. During a
        lockout the password is not checked at all. After ``MAX_FAILURES`` consecutive failures the account
        waits ``LOCKOUT`` (the count starts again afterwards); a success resets the count.
        """
        name = normalize(username)
        with self._read() as con:
            row = self._row(con, name) if USERNAME.fullmatch(name) else None
        claimed = _printable(name, MAX_ACTOR) or "?"
        if row is None:
            self._verify(self._dummy_hash(), password)
            with self._write() as con:
                self._log(con, claimed, "login_failed", claimed, "unknown_user")
            return Login(False, "wrong")
        locked_until = _time(row["locked_until"])
        if locked_until and locked_until > self.now():
            with self._write() as con:
                self._log(con, name, "login_failed", name, "locked")
            return Login(False, "locked", locked_until=locked_until)
        good = self._verify(row["password_hash"], password)
        rehashed = self.hasher.hash(password) if good and self._needs_rehash(row["password_hash"]) else None
        with self._write() as con:
            now_row = self._row(con, name)
            if now_row is None:  # removed meanwhile
                self._log(con, name, "login_failed", name, "unknown_user")
                return Login(False, "wrong")
            now = self.now()
            locked_until = _time(now_row["locked_until"])
            if locked_until and locked_until > now:  # a concurrent attempt locked it
                self._log(con, name, "login_failed", name, "locked")
                return Login(False, "locked", locked_until=locked_until)
            if not good or now_row["password_hash"] != row["password_hash"]:
                return self._failed(con, now_row, now)
            if not now_row["active"]:
                self._log(con, name, "login_failed", name, "disabled")
                return Login(False, "disabled")
            con.execute("UPDATE users SET failed_count = 0, locked_until = NULL, password_hash = ? WHERE username = ?",
                        (rehashed or now_row["password_hash"], name))
            self._log(con, name, "login", name, "rehash" if rehashed else "")
            return Login(True, "ok", self._user(self._row(con, name)))

    def _failed(self, con: sqlite3.Connection, row: sqlite3.Row, now: datetime) -> Login:
        name, count = row["username"], row["failed_count"] + 1
        self._log(con, name, "login_failed", name, "wrong_password" if row["active"] else "wrong_password disabled")
        if count < MAX_FAILURES:
            con.execute("UPDATE users SET failed_count = ? WHERE username = ?", (count, name))
            return Login(False, "wrong")
        until = now + LOCKOUT
        con.execute("UPDATE users SET failed_count = 0, locked_until = ? WHERE username = ?", (_iso(until), name))
        self._log(con, "system", "lockout", name, f"failures={count} until={_iso(until)}")
        return Login(False, "locked", locked_until=until)

    def _verify(self, hashed: str, password: str) -> bool:
        if not isinstance(password, str) or not password or len(password) > passwords.MAX_PASSWORD:
            return False
        try:
            return self.hasher.verify(hashed, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _needs_rehash(self, hashed: str) -> bool:
        try:
            return self.hasher.check_needs_rehash(hashed)
        except (InvalidHashError, ValueError):
            return True

    # -- the audit log ---------------------------------------------------------------------------------------

    def audit(self, actor: str, action: str, target: str = "", detail: str = "") -> Entry:
        """Append an entry (``action`` a short code: page, export, upload, load, registry, norms, reveal…)."""
        with self._write() as con:
            return self._log(con, actor, action, target, detail)

    def audit_log(self, limit: int | None = None, actor: str | None = None, action: str | None = None,
                  since: datetime | None = None) -> list[Entry]:
        """Entries, newest first, optionally only one actor's or one action's, or those at/after ``since``."""
        where, args = [], []
        for column, value in (("actor", actor), ("action", action)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if since is not None:
            where.append("at >= ?")
            args.append(_iso(since))
        sql = "SELECT * FROM audit" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(max(int(limit), 0))
        with self._read() as con:
            return [Entry(r["id"], _time(r["at"]), r["actor"], r["action"], r["target"], r["detail"])
                    for r in con.execute(sql, args)]

    def audit_frame(self, limit: int | None = None, actor: str | None = None, action: str | None = None,
                    since: datetime | None = None, *, lang: str = "id") -> pd.DataFrame:
        """The audit log as a table for a CSV/XLSX export: time in WIB (text, sortable), actor, action, target,
        detail; headers in ``lang``."""
        import pandas as pd

        columns = [translate("Waktu (WIB)", lang), translate("Pelaku", lang), translate("Tindakan", lang),
                   translate("Sasaran", lang), translate("Rincian", lang)]
        rows = [(e.at.astimezone(WIB).strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.action, e.target, e.detail)
                for e in self.audit_log(limit, actor, action, since)]
        return pd.DataFrame(rows, columns=columns)
