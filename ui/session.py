"""Who is looking: the login form, the session and its expiry, logging out.

A session remembers the user, the account's session epoch at login and when it was last active. Each run checks
it against the account store (``auth``): an account disabled, removed, reset or logged out everywhere since ends
the session, and so does ``SESSION_HOURS`` without activity — Streamlit's own session (and ``st.login``'s
cookie, 30 days) is never taken as a login by itself.

Single sign-on (optional, ``auth.sso`` and docs/sso.md): with ``[auth]`` and ``[sorot_sso]`` in
.streamlit/secrets.toml the form offers "Masuk dengan SSO", which calls ``st.login``. A browser that comes back
with the provider's identity (``st.user``) is mapped to a role and OPD (or refused, audited as ``login_failed``),
and its login is checked against the store on every new session and every run: idle longer than
``SESSION_HOURS`` (in this session, or since the login's last activity in any session) or logged out everywhere
ends it, and ``st.logout()`` clears the cookie.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from auth import AuthStore, first_admin_command, sso
from ui.i18n import language, t

SESSION_HOURS = 8.0
KEY = "sorot_login"  # session key: {"username", "epoch", "seen"}; SSO: {"username", "sso": login, "seen", …}


@dataclass(frozen=True)
class Viewer:
    username: str
    role: str
    opd: str | None
    name: str = ""  # the display name an SSO provider gives
    sso: bool = False


def store() -> AuthStore:
    return AuthStore()


def current() -> Viewer | None:
    """The logged-in viewer of this session, checked against the store; None (and the session ended) when
    there is none, it expired or the account changed."""
    held = st.session_state.get(KEY)
    if held and held.get("sso"):
        return _sso_current(held)
    if not held:
        return _sso_start()
    accounts = store()
    now = time.time()
    if not local_allowed():
        end(accounts, held["username"], "local_disabled")
        return None
    if now - held["seen"] > SESSION_HOURS * 3600:
        end(accounts, held["username"], "expired")
        st.session_state[NOTICE] = t("Sesi berakhir setelah {} jam tanpa aktivitas; silakan masuk lagi.",
                                     f"{SESSION_HOURS:g}")
        return None
    user = accounts.get(held["username"])
    if user is None or not accounts.session_valid(held["username"], held["epoch"]):
        end(accounts, held["username"], "revoked")
        st.session_state[NOTICE] = t("Sesi diakhiri (akun diubah atau keluar dari semua perangkat); silakan masuk "
                                     "lagi.")
        return None
    held["seen"] = now
    return Viewer(user.username, user.role, user.opd)


NOTICE = "sorot_login_notice"


AUDITED = "sorot_audited_page"  # session key: the last page whose view was audited (one entry per visit)


def audit_once(viewer: Viewer, action: str, page: str) -> None:
    """A page view in the audit log, once per visit (not on every rerun a widget causes)."""
    if st.session_state.get(AUDITED) != (action, page):
        store().audit(viewer.username, action, page, ", ".join(f"{k}={v}" for k, v in st.query_params.items()))
        st.session_state[AUDITED] = (action, page)


def end(accounts: AuthStore, username: str, why: str) -> None:
    for key in (KEY, AUDITED):
        st.session_state.pop(key, None)
    accounts.audit(username, "logout", detail=why)


# -- single sign-on (auth.sso) ---------------------------------------------------------------------------------

REFUSED = "sorot_sso_refused"  # session key: (login id, reason, message) of an SSO user refused in this session


def sso_config() -> sso.SsoConfig | sso.SsoConfigError | None:
    """The SSO settings from st.secrets: None (SSO off), the config, or what is wrong with it."""
    try:
        secrets = st.secrets.to_dict()
    except FileNotFoundError:  # no secrets.toml (StreamlitSecretNotFoundError)
        return None
    try:
        return sso.config_from(secrets, language())
    except sso.SsoConfigError as err:
        return err


def local_allowed() -> bool:
    """Whether local accounts may log in (``[sorot_sso] local = false`` turns them off)."""
    config = sso_config()
    return config is None or config.local


def _claims() -> dict | None:
    """The provider's claims of this browser's st.login cookie, if it brought one."""
    if st.user.get("is_logged_in") is not True:
        return None
    return {k: v for k, v in st.user.to_dict().items() if k != "tokens"}


def _sso_start() -> Viewer | None:
    """A session without a login: admit the SSO user the browser's cookie names, if SSO is on and they may."""
    config = sso_config()
    if not isinstance(config, sso.SsoConfig) or (claims := _claims()) is None:
        return None
    login = sso.login_id(config, claims)
    found = sso.identify(claims, config)
    accounts = store()
    if isinstance(found, sso.Refusal):
        if (st.session_state.get(REFUSED) or (None,))[0] != login:  # audited once per session
            accounts.audit(found.username, "login_failed", found.username,
                           f"sso {config.provider} {found.reason}" + (f": {', '.join(found.found)}"
                                                                      if found.found else ""))
        st.session_state[REFUSED] = (login, found.reason, found.message(language()))
        return None
    st.session_state.pop(REFUSED, None)
    admitted = sso.SsoSessions(accounts).admit(found, login, sso.issued_at(claims), SESSION_HOURS)
    if not admitted.ok:
        if admitted.state == "expired":
            accounts.audit(found.username, "logout", detail="sso expired")
        _sso_logout()
        return None
    detail = f"sso {config.provider} role={found.role}" + (f" opd={found.opd}" if found.opd else "")
    accounts.audit(found.username, "login", found.username,
                   detail + (f" name={found.name}" if found.name else "") + (" resumed" if admitted.state ==
                                                                                "resumed" else ""))
    now = time.time()
    st.session_state[KEY] = {"username": found.username, "sso": login, "subject": found.subject,
                             "role": found.role, "opd": found.opd, "name": found.name, "seen": now, "written": now}
    return _viewer(st.session_state[KEY])


def _viewer(held: dict) -> Viewer:
    return Viewer(held["username"], held["role"], held["opd"], held["name"], sso=True)


def _sso_current(held: dict) -> Viewer | None:
    """An admitted SSO session, on each run: still the same cookie, not idle too long, not ended elsewhere."""
    accounts = store()
    sessions = sso.SsoSessions(accounts)
    now = time.time()
    if _claims() is None:  # the cookie's identity is gone (st.logout in this session)
        _sso_end(accounts, sessions, held, "user")
        return None
    if not isinstance(sso_config(), sso.SsoConfig):  # SSO switched off or broken since: fail closed
        _sso_end(accounts, sessions, held, "sso_off")
        return None
    if now - held["seen"] > SESSION_HOURS * 3600:
        _sso_end(accounts, sessions, held, "expired")
        _sso_logout()
        return None
    write = now - held.get("written", 0) > sso.WRITE_EVERY
    if not sessions.check(held["sso"], write).ok:
        for key in (KEY, AUDITED):
            st.session_state.pop(key, None)
        _sso_logout()
        return None
    held["seen"] = now
    if write:
        held["written"] = now
    return _viewer(held)


def _sso_end(accounts: AuthStore, sessions: sso.SsoSessions, held: dict, why: str) -> None:
    sessions.end(held["sso"], why)
    end(accounts, held["username"], f"sso {why}")


def _sso_logout() -> None:
    """Clear st.login's cookie (and, where the provider offers it, its own session): the browser leaves for the
    provider's logout and comes back to the login form."""
    st.session_state.pop(REFUSED, None)
    st.logout()


def _sso_form(config: sso.SsoConfig | sso.SsoConfigError) -> None:
    """The SSO part of the login form: the button, or why an SSO user was refused, or what is wrong with the
    configuration."""
    if isinstance(config, sso.SsoConfigError):
        st.error(t("Masuk dengan SSO belum dapat dipakai; admin Sorot perlu memperbaiki .streamlit/secrets.toml "
                   "(docs/sso.md):") + "\n\n" + "\n".join(f"- {p}" for p in config.problems))
        return
    if (refused := st.session_state.get(REFUSED)) and _claims() is not None:
        st.error(refused[2])
        if st.button(t("Keluar dari SSO (masuk dengan akun lain)"), key="sso_keluar"):
            _sso_logout()
        return
    if st.button(t("Masuk dengan SSO ({})", config.label), key="sso_masuk", type="primary",
                 width="stretch" if not config.local else "content"):
        st.login(config.provider)


def login_form() -> None:
    """The login form (a native form: the browser's password manager and AppTest both fill it)."""
    st.title("Sorot")
    if notice := st.session_state.pop(NOTICE, None):
        st.info(notice)
    config = sso_config()
    accounts = store()
    if config is not None:
        _sso_form(config)
        if not config.local or (isinstance(config, sso.SsoConfig) and not accounts.has_users()):
            return  # SSO only, or no local account yet: the first admin can come through SSO
        st.caption(t("atau dengan akun Sorot:"))
    if not accounts.has_users():
        st.warning(t("Belum ada akun. Admin pertama dibuat dari baris perintah di server:"))
        st.code(first_admin_command(language()), language="bash")
        return
    with st.form("masuk", enter_to_submit=True):
        username = st.text_input(t("Nama pengguna"), key="masuk_nama", autocomplete="username")
        password = st.text_input(t("Kata sandi"), type="password", key="masuk_sandi", autocomplete="current-password")
        sent = st.form_submit_button(t("Masuk ke Sorot"), type="primary")
    if not sent:
        return
    login = accounts.authenticate(username.strip(), password)
    if not login.ok:
        st.error(login.message(language()))
        return
    st.session_state[KEY] = {"username": login.user.username, "epoch": login.user.session_epoch, "seen": time.time()}
    st.session_state.pop("masuk_sandi", None)
    st.rerun()


def logout_buttons(viewer: Viewer, role_name: str) -> None:
    """In the sidebar: who is logged in, log out here, log out everywhere."""
    with st.sidebar:
        shown = f"{viewer.name} · {viewer.username}" if viewer.name else viewer.username
        st.caption(t("Masuk sebagai **{user}** ({role})", user=shown, role=role_name))
        here, everywhere = st.columns(2)
        if here.button(t("Keluar"), key="keluar", width="stretch"):
            if viewer.sso:
                _sso_logout_button("user")
            end(store(), viewer.username, "user")
            st.rerun()
        if everywhere.button(t("Keluar di semua perangkat"), key="keluar_semua", width="stretch",
                             help=t("Mengakhiri sesi akun ini di setiap peramban")):
            if viewer.sso:
                _sso_logout_button("everywhere")
            accounts = store()
            accounts.logout_everywhere(viewer.username, viewer.username, lang=language())
            end(accounts, viewer.username, "everywhere")
            st.rerun()


def _sso_logout_button(why: str) -> None:
    """Keluar / Keluar di semua perangkat for an SSO session: end its login (or all its user's logins) in the
    store, then st.logout(); the page stops here (the browser leaves)."""
    held = st.session_state.get(KEY) or {}
    accounts = store()
    sessions = sso.SsoSessions(accounts)
    if why == "everywhere":
        sessions.logout_everywhere(held["subject"], held["username"])
    _sso_end(accounts, sessions, held, why)
    _sso_logout()
    st.stop()
