"""Logins, roles and the audit log, without Streamlit: the account store (store.py), password rules and Argon2id
hashing (passwords.py), and the errors (errors.py). The command line is ``python -m admin users …``
(admin/users.py); the login form and pages are built on this API.

Layers: auth/ imports neither Streamlit nor ui/, pages/, etl/ or reports/ — only analytics.i18n and analytics.fmt
for its texts — so the app, the command line and tests share it.
"""

from __future__ import annotations

import os
import shlex

from analytics.i18n import translate
from auth.errors import AuthError, StoreError
from auth.passwords import MAX_PASSWORD, MIN_PASSWORD
from auth.store import (
    LOCKOUT,
    MAX_FAILURES,
    ROLES,
    AuthStore,
    Entry,
    Login,
    User,
    default_path,
    normalize,
    registry_opd,
    wib,
)

__all__ = [
    "LOCKOUT", "MAX_FAILURES", "MAX_PASSWORD", "MIN_PASSWORD", "ROLES", "AuthError", "AuthStore", "Entry", "Login",
    "StoreError", "User", "default_path", "first_admin_command", "first_admin_hint", "normalize", "registry_opd", "wib",
]


def first_admin_command(lang: str = "id") -> str:
    """The shell command (run in the repository folder) that creates the first admin account."""
    env = f"SOROT_AUTH={shlex.quote(os.environ['SOROT_AUTH'])} " if os.environ.get("SOROT_AUTH") else ""
    placeholder = shlex.quote(translate("KATA-SANDI-PANJANG", lang))
    return (f"printf '%s\\n' {placeholder} | {env}.venv/bin/python -m admin users add admin --role admin "
            "--password-stdin")


def first_admin_hint(lang: str = "id") -> str:
    """What to tell the person at the login page when there are no accounts yet."""
    return translate("Belum ada akun. Buat admin pertama di server, dari folder Sorot: {command} — atau tanpa printf "
                     "dan --password-stdin, agar kata sandi ditanyakan dua kali dan tidak tersimpan di riwayat shell. "
                     "Kata sandi minimal {n} karakter.", lang, command=first_admin_command(lang), n=MIN_PASSWORD)
