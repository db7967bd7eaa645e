"""Who is looking: the login form, the session and its expiry, logging out.

A session remembers the user, the account's session epoch at login and when it was last active. Each run checks
it against the account store (``auth``): an account disabled, removed, reset or logged out everywhere since ends
the session, and so does ``SESSION_HOURS`` without activity — Streamlit's own session (and ``st.login``'s
cookie, 30 days) is never taken as a login by itself.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from auth import AuthStore, first_admin_hint
from ui.i18n import language, t

SESSION_HOURS = 8.0
KEY = "sorot_login"  # session key: {"username", "epoch", "seen"}


@dataclass(frozen=True)
class Viewer:
    username: str
    role: str
    opd: str | None


def store() -> AuthStore:
    return AuthStore()


def current() -> Viewer | None:
    """The logged-in viewer of this session, checked against the store; None (and the session ended) when
    there is none, it expired or the account changed."""
    held = st.session_state.get(KEY)
    if not held:
        return None
    accounts = store()
    now = time.time()
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


def login_form() -> None:
    """The login form (a native form: the browser's password manager and AppTest both fill it)."""
    st.title("Sorot")
    if notice := st.session_state.pop(NOTICE, None):
        st.info(notice)
    accounts = store()
    if not accounts.has_users():
        st.warning(t("Belum ada akun. Admin pertama dibuat dari baris perintah di server:"))
        st.code(first_admin_hint(language()), language="bash")
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
        st.caption(t("Masuk sebagai **{user}** ({role})", user=viewer.username, role=role_name))
        here, everywhere = st.columns(2)
        if here.button(t("Keluar"), key="keluar", width="stretch"):
            end(store(), viewer.username, "user")
            st.rerun()
        if everywhere.button(t("Keluar di semua perangkat"), key="keluar_semua", width="stretch",
                             help=t("Mengakhiri sesi akun ini di setiap peramban")):
            accounts = store()
            accounts.logout_everywhere(viewer.username, viewer.username, lang=language())
            end(accounts, viewer.username, "everywhere")
            st.rerun()
