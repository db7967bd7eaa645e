"""Single sign-on as an option: the pemda's identity provider (Keycloak, LemonLDAP::NG…) through Streamlit's
``st.login`` (OIDC), its claims mapped to a Sorot role and OPD, and the logins Sorot has admitted — without
Streamlit (the app passes ``st.secrets`` and ``st.user`` in; see ui/session.py and docs/sso.md).

Configuration, in ``.streamlit/secrets.toml`` (the file Streamlit reads; never committed):

- Streamlit's own ``[auth]``: ``redirect_uri`` (``https://HOST/oauth2callback``), ``cookie_secret`` (one per
  install: ``make sso-secret``) and the provider, ``[auth.NAME]`` with ``client_id``, ``client_secret`` and
  ``server_metadata_url`` (or those keys directly in ``[auth]`` for the provider named ``default``);
- Sorot's ``[sorot_sso]``: which provider, the button's label, whether local accounts stay (``local``), the claim
  holding the role (``role_claim``, a dotted path such as ``groups`` or ``realm_access.roles``), the mapping
  ``[sorot_sso.roles]`` from the provider's group/role names to Sorot's roles, where an OPD head's OPD code comes
  from (``opd_claim``, a dotted path, and/or ``opd_group``, a group name pattern such as ``sorot-opd-{opd}``),
  and which claims give the user name and the display name.

SSO is on when both sections exist. ``config_from`` checks them and says in Indonesian (or English) what is
wrong. ``identify`` maps a user's claims to an ``Identity`` or a ``Refusal``: no mapped role, more than one
role, an OPD head without exactly one active OPD — never a default role.

Expiry: ``st.login``'s identity cookie lasts 30 days whatever the provider says. Sorot keeps each login it has
admitted (one row per provider login: subject + the ID token's ``iat`` and ``nonce``) in its own table,
``sso_logins``, in the account store's SQLite file, with its last activity; a browser session that brings a
login idle for longer than the app's expiry, or one ended by "logout everywhere", is refused (``SsoSessions``).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from analytics.i18n import translate
from auth.errors import StoreError
from auth.store import BUSY_TIMEOUT_MS, OPD_CODE, ROLES, AuthStore, registry_opd

SECTION = "sorot_sso"
PREFIX = "sso:"  # an SSO user's name in Sorot (audit log, sidebar): "sso:" + the provider's user name
KEYS = {"provider", "label", "local", "role_claim", "roles", "opd_claim", "opd_group", "username_claims",
        "name_claim"}
PROVIDER = re.compile(r"[A-Za-z0-9-]{1,40}")  # Streamlit refuses "_" in a provider's name
CLAIM_PATH = re.compile(r"[^.\s]+(\.[^.\s]+)*")
PLACEHOLDER = "GANTI"  # secrets.example.toml marks what each install must fill in with this word
MIN_COOKIE_SECRET = 32
MAX_USERNAME = 60  # the audit log keeps actors up to 64 characters: "sso:" + 60
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
WRITE_EVERY = 60.0  # seconds: a session's activity is written to the store at most this often


class SsoConfigError(ValueError):
    """The SSO sections are there but wrong: ``problems`` says each, in the language asked for. ``local`` is
    whether local accounts stay available meanwhile (``local = false`` is honoured even in a faulty section)."""

    def __init__(self, problems: list[str], local: bool = True) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems
        self.local = local


@dataclass(frozen=True)
class SsoConfig:
    provider: str  # the [auth.NAME] section st.login uses ("default": the keys directly in [auth])
    label: str  # on the button: "Masuk dengan SSO (label)"
    local: bool  # local accounts (auth.AuthStore) stay available beside SSO
    role_claim: str  # dotted path to the claim listing the user's groups/roles
    roles: Mapping[str, str]  # provider group/role name → Sorot role
    opd_claim: str | None = None  # dotted path to a claim holding an OPD head's OPD code
    opd_group: str | None = None  # a group/role name pattern naming the OPD: "sorot-opd-{opd}"
    username_claims: tuple[str, ...] = ("preferred_username", "email")
    name_claim: str = "name"
    opd_pattern: re.Pattern | None = field(default=None, compare=False, repr=False)

    def grants_opd(self) -> bool:
        return self.opd_group is not None or "opd" in self.roles.values()


@dataclass(frozen=True)
class Identity:
    """Who an SSO user is in Sorot."""

    subject: str  # "provider|sub": stable across renames at the provider
    username: str  # "sso:budi"
    name: str  # display name ("" if the provider gives none)
    role: str
    opd: str | None


@dataclass(frozen=True)
class Refusal:
    """Why an SSO user is not let in: ``reason`` is the audit code (detail of ``login_failed``)."""

    reason: str  # no_subject, no_username, no_role, many_roles, no_opd, many_opd, unknown_opd
    username: str  # for the audit log ("sso:?" when the provider gave no usable name)
    found: tuple[str, ...] = ()  # the roles, OPD codes or groups behind the refusal

    def message(self, lang: str = "id") -> str:
        found = ", ".join(self.found)
        if self.reason == "no_role":
            return translate("Akun {user} tidak diberi peran Sorot oleh penyedia identitas (tidak ada grup atau "
                             "peran yang dipetakan). Minta admin penyedia identitas menambahkan Anda ke grup Sorot "
                             "yang sesuai.", lang, user=self.username)
        if self.reason == "many_roles":
            return translate("Akun {user} dipetakan ke lebih dari satu peran Sorot ({roles}); Sorot tidak memilih "
                             "sendiri. Minta admin penyedia identitas menyisakan satu grup Sorot.", lang,
                             user=self.username, roles=found)
        if self.reason == "no_opd":
            return translate("Akun {user} berperan Kepala OPD tetapi penyedia identitas tidak memberi kode "
                             "OPD-nya.", lang, user=self.username)
        if self.reason == "many_opd":
            return translate("Akun {user} berperan Kepala OPD untuk lebih dari satu OPD ({codes}); Sorot hanya "
                             "menerima satu.", lang, user=self.username, codes=found)
        if self.reason == "unknown_opd":
            return translate("Kode OPD {codes} dari penyedia identitas tidak ada di antara OPD aktif di registri.",
                             lang, codes=found)
        return translate("Penyedia identitas tidak memberi nama pengguna yang dapat dipakai Sorot (klaim {claims}).",
                         lang, claims=found)


# -- configuration ---------------------------------------------------------------------------------------------


def configured(secrets: Mapping[str, Any]) -> bool:
    """Whether SSO is switched on: ``[auth]`` (Streamlit's) and ``[sorot_sso]`` (Sorot's) both present."""
    return isinstance(secrets.get("auth"), Mapping) and isinstance(secrets.get(SECTION), Mapping)


def config_from(secrets: Mapping[str, Any], lang: str = "id") -> SsoConfig | None:
    """Sorot's SSO settings from the secrets (``st.secrets.to_dict()``); None when SSO is off. Raises
    ``SsoConfigError`` listing every problem found."""
    if not configured(secrets):
        return None
    auth, ours = secrets["auth"], secrets[SECTION]
    problems: list[str] = []

    def wrong(text: str, **fields: object) -> None:
        problems.append(translate(text, lang, **fields))

    local = ours.get("local", True)
    if not isinstance(local, bool):
        wrong("[sorot_sso] local harus true atau false.")
        local = local is not False
    for key in sorted(set(ours) - KEYS):
        wrong("[sorot_sso] {key} tidak dikenal; kunci yang dikenal: {keys}.", key=key, keys=", ".join(sorted(KEYS)))

    provider = ours.get("provider", "default")
    if not isinstance(provider, str) or not PROVIDER.fullmatch(provider):
        wrong("[sorot_sso] provider harus nama bagian [auth.NAMA] (huruf, angka, tanda hubung; tanpa garis bawah) "
              "atau \"default\".")
        provider = "default"
    _check_auth(auth, provider, wrong)

    label = ours.get("label", provider)
    if not isinstance(label, str) or not label.strip() or len(label) > 40:
        wrong("[sorot_sso] label harus teks 1–40 karakter (nama penyedia di tombol masuk).")
        label = provider

    role_claim = _claim_path(ours, "role_claim", wrong, required=True)
    opd_claim = _claim_path(ours, "opd_claim", wrong)
    name_claim = _claim_path(ours, "name_claim", wrong) or "name"
    usernames = ours.get("username_claims", ["preferred_username", "email"])
    if isinstance(usernames, str):
        usernames = [usernames]
    if (not isinstance(usernames, list) or not usernames
            or not all(isinstance(u, str) and CLAIM_PATH.fullmatch(u) for u in usernames)):
        wrong("[sorot_sso] username_claims harus daftar klaim, misalnya [\"preferred_username\", \"email\"].")
        usernames = ["preferred_username", "email"]

    roles = ours.get("roles")
    if not isinstance(roles, Mapping) or not roles:
        wrong("[sorot_sso.roles] harus ada: nama grup atau peran di penyedia identitas = peran Sorot ({roles}).",
              roles=", ".join(ROLES))
        roles = {}
    for name, role in roles.items():
        if not str(name).strip():
            wrong("[sorot_sso.roles] memuat nama grup kosong.")
        if role not in ROLES:
            wrong("[sorot_sso.roles] \"{name}\" = \"{role}\": peran tidak dikenal; pilih salah satu: {roles}.",
                  name=name, role=role, roles=", ".join(ROLES))

    opd_group, pattern = ours.get("opd_group"), None
    if opd_group is not None:
        if not isinstance(opd_group, str) or opd_group.count("{opd}") != 1 or re.search(
                r"[{}]", opd_group.replace("{opd}", "")):
            wrong("[sorot_sso] opd_group harus pola nama grup dengan satu {opd}, misalnya \"sorot-opd-{opd}\".")
            opd_group = None
        else:
            before, after = opd_group.split("{opd}")
            pattern = re.compile(f"{re.escape(before)}(?P<opd>[A-Za-z0-9._-]+){re.escape(after)}")
            if opd_group in roles:
                wrong("[sorot_sso] opd_group tidak boleh juga ada di [sorot_sso.roles].")
    if "opd" in roles.values() and not opd_claim and not opd_group:
        wrong("Peran opd dipetakan, tetapi tidak ada asal kode OPD: isi [sorot_sso] opd_claim atau opd_group.")

    if problems:
        raise SsoConfigError(problems, local=local)
    return SsoConfig(provider=provider, label=label.strip(), local=local, role_claim=role_claim,
                     roles={str(k): v for k, v in roles.items()}, opd_claim=opd_claim, opd_group=opd_group,
                     username_claims=tuple(usernames), name_claim=name_claim, opd_pattern=pattern)


def _claim_path(section: Mapping[str, Any], key: str, wrong: Callable[..., None], required: bool = False
                ) -> str | None:
    value = section.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not CLAIM_PATH.fullmatch(value):
        wrong("[sorot_sso] {key} harus nama klaim, bertitik untuk klaim bersarang (misalnya \"groups\" atau "
              "\"realm_access.roles\").", key=key)
        return None
    return value


def _check_auth(auth: Mapping[str, Any], provider: str, wrong: Callable[..., None]) -> None:
    """Streamlit's [auth] section: what st.login needs, with the values an install must change changed."""
    redirect = auth.get("redirect_uri")
    if not isinstance(redirect, str) or not _url(redirect) or not redirect.endswith("/oauth2callback"):
        wrong("[auth] redirect_uri harus alamat lengkap Sorot yang berakhir /oauth2callback, misalnya "
              "\"https://sorot.pemda.go.id/oauth2callback\".")
    elif not _secure(redirect):
        wrong("[auth] redirect_uri harus https (http hanya untuk localhost/127.0.0.1 saat uji).")
    secret = auth.get("cookie_secret")
    if not isinstance(secret, str) or PLACEHOLDER in secret or len(secret) < MIN_COOKIE_SECRET:
        wrong("[auth] cookie_secret harus rahasia acak ≥ {n} karakter, khusus instalasi ini: jalankan "
              "`make sso-secret`.", n=MIN_COOKIE_SECRET)
    section = auth if provider == "default" else auth.get(provider)
    if not isinstance(section, Mapping):
        wrong("Bagian [auth.{provider}] tidak ada (disebut oleh [sorot_sso] provider).", provider=provider)
        return
    where = "[auth]" if provider == "default" else f"[auth.{provider}]"
    for key in ("client_id", "client_secret", "server_metadata_url"):
        value = section.get(key)
        if not isinstance(value, str) or not value.strip():
            wrong("{where} {key} harus diisi.", where=where, key=key)
        elif PLACEHOLDER in value:
            wrong("{where} {key} masih berisi contoh ({placeholder}…); isi dengan nilai dari penyedia identitas.",
                  where=where, key=key, placeholder=PLACEHOLDER)
    metadata = section.get("server_metadata_url")
    if isinstance(metadata, str) and PLACEHOLDER not in metadata and metadata.strip():
        if not _url(metadata) or not metadata.rstrip("/").endswith("/.well-known/openid-configuration"):
            wrong("{where} server_metadata_url harus alamat lengkap …/.well-known/openid-configuration penyedia "
                  "identitas.", where=where)
        elif not _secure(metadata):
            wrong("{where} server_metadata_url harus https (http hanya untuk localhost/127.0.0.1 saat uji).",
                  where=where)


def _url(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _secure(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme == "https" or parts.hostname in LOOPBACK


# -- claims ----------------------------------------------------------------------------------------------------


def claim(claims: Mapping[str, Any], path: str) -> Any:
    """The claim at a dotted ``path`` ("realm_access.roles", "resource_access.sorot.roles"); a claim whose own
    name has dots ("https://pemda.go.id/roles") is found too. None if absent."""
    if path in claims:
        return claims[path]
    parts = path.split(".")
    for i in range(len(parts) - 1, 0, -1):  # the longest name first
        head = ".".join(parts[:i])
        if isinstance(claims.get(head), Mapping):
            found = claim(claims[head], ".".join(parts[i:]))
            if found is not None:
                return found
    return None


def texts(value: Any) -> list[str]:
    """A claim as a list of strings: a string, or the strings of a list (others ignored)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []


def _username(claims: Mapping[str, Any], config: SsoConfig) -> str | None:
    for path in config.username_claims:
        for value in texts(claim(claims, path))[:1]:
            name = value.strip().lower()
            if name and len(name) <= MAX_USERNAME and all(c.isprintable() and not c.isspace() for c in name):
                return PREFIX + name
    return None


def identify(claims: Mapping[str, Any], config: SsoConfig,
             valid_opd: Callable[[str], bool] = registry_opd) -> Identity | Refusal:
    """The Sorot identity of a user the provider has authenticated (``st.user``'s claims), or why not."""
    username = _username(claims, config)
    shown = username or PREFIX + "?"
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub:
        return Refusal("no_subject", shown, ("sub",))
    if username is None:
        return Refusal("no_username", shown, config.username_claims)
    groups = texts(claim(claims, config.role_claim))
    roles = {config.roles[g] for g in groups if g in config.roles}
    from_groups = set()
    if config.opd_pattern is not None:
        from_groups = {m["opd"].upper() for g in groups if (m := config.opd_pattern.fullmatch(g))}
        if from_groups:
            roles.add("opd")
    if not roles:
        return Refusal("no_role", username, tuple(groups[:20]))
    if len(roles) > 1:
        return Refusal("many_roles", username, tuple(r for r in ROLES if r in roles))
    role, opd = roles.pop(), None
    if role == "opd":
        codes = set(from_groups)
        if config.opd_claim:
            codes |= {c.strip().upper() for c in texts(claim(claims, config.opd_claim)) if c.strip()}
        if not codes:
            return Refusal("no_opd", username)
        if len(codes) > 1:
            return Refusal("many_opd", username, tuple(sorted(codes)))
        opd = codes.pop()
        if not OPD_CODE.fullmatch(opd) or not valid_opd(opd):
            return Refusal("unknown_opd", username, (opd,))
    name = next(iter(texts(claim(claims, config.name_claim))), "").strip()[:120]
    return Identity(subject=f"{config.provider}|{sub}", username=username, name=name, role=role, opd=opd)


def login_id(config: SsoConfig, claims: Mapping[str, Any]) -> str:
    """One provider login (one st.login cookie): the subject and the ID token's ``iat`` and ``nonce``."""
    parts = [config.provider, str(claims.get("sub", "")), str(claims.get("iat", "")), str(claims.get("nonce", ""))]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]


def issued_at(claims: Mapping[str, Any]) -> float | None:
    """When the provider issued the ID token (``iat``, seconds since 1970), if it says."""
    value = claims.get("iat")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


# -- the logins Sorot has admitted ------------------------------------------------------------------------------

TABLE = """
CREATE TABLE IF NOT EXISTS sso_logins (
    login TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    username TEXT NOT NULL,
    started_at TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    ended_at TEXT,
    ended_why TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS sso_logins_subject ON sso_logins (subject, ended_at);
"""


@dataclass(frozen=True)
class Admission:
    """What ``SsoSessions.admit`` decided: ``state`` "new" (first time Sorot sees this login), "resumed" (a new
    browser session of a login still active), "expired" (idle longer than the expiry) or "ended" (logged out,
    everywhere or here, or expired before)."""

    state: str
    why: str = ""

    @property
    def ok(self) -> bool:
        return self.state in ("new", "resumed")


class SsoSessions:
    """The SSO logins Sorot has admitted, in the account store's file (table ``sso_logins``): their subject, user
    name, last activity and end. One short-lived connection per call, as AuthStore does."""

    def __init__(self, store: AuthStore) -> None:
        self.store = store
        try:
            with self._connect() as con:
                if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sso_logins'").fetchone():
                    con.executescript(f"BEGIN IMMEDIATE; {TABLE} COMMIT;")
        except sqlite3.Error as err:
            raise StoreError(f"{store.path}: {err}") from err

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.store.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            con.row_factory = sqlite3.Row
            yield con
        finally:
            con.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._connect() as con:
                con.execute("BEGIN IMMEDIATE")
                try:
                    yield con
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
        except sqlite3.Error as err:
            raise StoreError(f"{self.store.path}: {err}") from err

    def _now(self) -> datetime:
        return self.store.now()

    def admit(self, identity: Identity, login: str, issued: float | None, idle_hours: float) -> Admission:
        """A browser session brings ``login`` (a st.login cookie): let it in, or say why not. A login Sorot has
        not seen must be fresh (issued within ``idle_hours``); a known one must have been active within them
        and not ended. Refusing ends the login for good."""
        now, idle = self._now(), timedelta(hours=idle_hours)
        with self._write() as con:
            row = con.execute("SELECT * FROM sso_logins WHERE login = ?", (login,)).fetchone()
            if row is None:
                stale = issued is not None and now.timestamp() - issued > idle.total_seconds()
                con.execute("INSERT INTO sso_logins (login, subject, username, started_at, seen_at, ended_at, "
                            "ended_why) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (login, identity.subject, identity.username, _iso(now), _iso(now),
                             _iso(now) if stale else None, "expired" if stale else None))
                return Admission("expired") if stale else Admission("new")
            if row["ended_at"]:
                return Admission("ended", row["ended_why"] or "")
            if now - datetime.fromisoformat(row["seen_at"]) > idle:
                self._end(con, login, "expired", now)
                return Admission("expired")
            con.execute("UPDATE sso_logins SET seen_at = ?, username = ? WHERE login = ?",
                        (_iso(now), identity.username, login))
            return Admission("resumed")

    def check(self, login: str, write: bool) -> Admission:
        """On every run of an admitted session: is its login still on? With ``write``, record the activity."""
        with self._connect() as con:
            row = con.execute("SELECT ended_at, ended_why FROM sso_logins WHERE login = ?", (login,)).fetchone()
        if row is None or row["ended_at"]:
            return Admission("ended", row["ended_why"] if row else "unknown")
        if write:
            with self._write() as con:
                con.execute("UPDATE sso_logins SET seen_at = ? WHERE login = ? AND ended_at IS NULL",
                            (_iso(self._now()), login))
        return Admission("resumed")

    def end(self, login: str, why: str) -> None:
        """This login ends (logged out, expired): its cookie is refused from now on, in every browser session."""
        with self._write() as con:
            self._end(con, login, why, self._now())

    @staticmethod
    def _end(con: sqlite3.Connection, login: str, why: str, now: datetime) -> None:
        con.execute("UPDATE sso_logins SET ended_at = ?, ended_why = ? WHERE login = ? AND ended_at IS NULL",
                    (_iso(now), why, login))

    def logout_everywhere(self, who: str, actor: str) -> int:
        """End every open login of an SSO user — ``who`` is their subject ("provider|sub") or Sorot user name
        ("sso:budi") — and audit it (``logout_all``). Returns how many logins ended. Their next st.login, at
        the provider, is a new login and is let in."""
        with self._write() as con:
            rows = con.execute("SELECT login, username FROM sso_logins WHERE (subject = ? OR username = ?) "
                               "AND ended_at IS NULL", (who, who.lower())).fetchall()
            now = self._now()
            for row in rows:
                self._end(con, row["login"], "everywhere", now)
        target = rows[0]["username"] if rows else who
        self.store.audit(actor, "logout_all", target, f"sso logins={len(rows)}")
        return len(rows)

    def open_logins(self) -> list[dict[str, Any]]:
        """The logins not ended (newest activity first): subject, username, started_at, seen_at (UTC)."""
        with self._connect() as con:
            return [dict(r) for r in con.execute(
                "SELECT subject, username, started_at, seen_at FROM sso_logins WHERE ended_at IS NULL "
                "ORDER BY seen_at DESC")]


def _iso(t: datetime) -> str:
    return t.isoformat(timespec="seconds")
