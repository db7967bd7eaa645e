"""Sorot — entry point and router (streamlit run dashboard.py)."""

from pathlib import Path

import streamlit as st

from ui import access, session
from ui.i18n import t

st.set_page_config(page_title="Sorot", page_icon=":material/highlight:", layout="wide")

# (script, title, icon, URL path): every page is routable; the menu lists those the viewer's role may open, and
# each page checks the role again itself (ui.page.admit), however it was reached.
PAGES = [("pages/ringkasan.py", "Ringkasan Apel", ":material/campaign:", ""),
         ("pages/peringkat.py", "Peringkat OPD", ":material/leaderboard:", "peringkat"),
         ("pages/opd_pasif.py", "OPD Pasif", ":material/notifications_paused:", "opd-pasif"),
         ("pages/sentimen.py", "Tren Sentimen", ":material/forum:", "sentimen"),
         ("pages/pengaduan.py", "Pengaduan", ":material/report:", "pengaduan"),
         ("pages/profil_opd.py", "Profil OPD", ":material/account_balance:", "profil-opd"),
         ("pages/data.py", "Data", ":material/database:", "data"),
         ("pages/pengguna.py", "Pengguna", ":material/manage_accounts:", "pengguna")]

# Less empty space above the title: the briefing must fit a 1366×768 laptop screen.
# On a phone the header with the sidebar button stays on top: keep the title below it.
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:2.2rem;padding-bottom:1rem}"
        "@media (max-width:640px){[data-testid='stMainBlockContainer']{padding-top:4rem}}"
        "h1{padding-top:0 !important}</style>")

viewer = session.current()  # None before login: no menu, and the page asked for shows the login form
menu = [st.Page(script, title=t(title), icon=icon, url_path=path, default=not path,
                visibility="visible" if viewer and access.may_open(viewer.role, Path(script).stem) else "hidden")
        for script, title, icon, path in PAGES]
st.navigation(menu, position="sidebar" if viewer else "hidden").run()
