"""Sorot — entry point and router (streamlit run dashboard.py)."""

import streamlit as st

from ui.i18n import t

st.set_page_config(page_title="Sorot", page_icon=":material/highlight:", layout="wide")

PAGES = [
    st.Page("pages/ringkasan.py", title=t("Ringkasan Apel"), icon=":material/campaign:", url_path="", default=True),
    st.Page("pages/peringkat.py", title=t("Peringkat OPD"), icon=":material/leaderboard:", url_path="peringkat"),
    st.Page("pages/opd_pasif.py", title=t("OPD Pasif"), icon=":material/notifications_paused:", url_path="opd-pasif"),
    st.Page("pages/sentimen.py", title=t("Tren Sentimen"), icon=":material/forum:", url_path="sentimen"),
    st.Page("pages/pengaduan.py", title=t("Pengaduan"), icon=":material/report:", url_path="pengaduan"),
    st.Page("pages/profil_opd.py", title=t("Profil OPD"), icon=":material/account_balance:", url_path="profil-opd"),
    st.Page("pages/data.py", title=t("Data"), icon=":material/database:", url_path="data"),
]

# Less empty space above the title: the briefing must fit a 1366×768 laptop screen.
# On a phone the header with the sidebar button stays on top: keep the title below it.
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:2.2rem;padding-bottom:1rem}"
        "@media (max-width:640px){[data-testid='stMainBlockContainer']{padding-top:4rem}}"
        "h1{padding-top:0 !important}</style>")

st.navigation(PAGES).run()
