"""Interface strings in Bahasa Indonesia (default) and English; ``t(key)`` picks the viewer's language."""

from __future__ import annotations

import streamlit as st

STRINGS: dict[str, tuple[str, str]] = {
    # key: (Indonesian, English)
    "filters": ("Saringan", "Filters"),
    "period": ("Periode", "Period"),
    "from": ("Dari", "From"),
    "to": ("Sampai", "To"),
    "opd": ("OPD", "Agency (OPD)"),
    "all_opd": ("Semua OPD", "All agencies"),
    "kind": ("Jenis OPD", "Agency kind"),
    "platform": ("Platform", "Platform"),
    "language": ("Bahasa", "Language"),
    "kind_all": ("Semua", "All"),
    "kind_semua": ("Semua jenis", "All kinds"),
    "kind_dinas_badan": ("Dinas, badan & setda", "Departments & agencies"),
    "kind_kewilayahan": ("Kecamatan & kelurahan", "Districts & villages"),
    "7h": ("7 hari terakhir", "Last 7 days"),
    "30h": ("30 hari terakhir", "Last 30 days"),
    "90h": ("90 hari terakhir", "Last 90 days"),
    "bulan_ini": ("Bulan ini", "This month"),
    "bulan_lalu": ("Bulan lalu", "Last month"),
    "kustom": ("Pilih tanggal", "Custom dates"),
    "no_warehouse": ("Gudang data belum ada. Jalankan `make run` atau `python -m etl load FOLDER`.",
                     "No warehouse yet. Run `make run` or `python -m etl load FOLDER`."),
    "no_baseline": ("— belum ada pembanding", "— no baseline yet"),
    "source": ("Sumber", "Source"),
    "updated": ("diperbarui", "updated"),
    "page_ringkasan": ("Ringkasan Apel", "Briefing"),
    "page_peringkat": ("Peringkat OPD", "OPD ranking"),
    "page_pasif": ("OPD Pasif", "Passive OPD"),
    "page_sentimen": ("Tren Sentimen", "Sentiment trends"),
    "page_pengaduan": ("Pengaduan", "Complaints"),
    "page_profil": ("Profil OPD", "OPD profile"),
    "page_data": ("Data", "Data"),
}


def language() -> str:
    return "en" if st.session_state.get("w_bahasa", st.query_params.get("bahasa")) == "en" else "id"


def t(key: str) -> str:
    """The string in the viewer's language (the key itself if it is not listed)."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[1] if language() == "en" else pair[0]
