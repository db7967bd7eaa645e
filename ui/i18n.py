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
    "m_active": ("OPD aktif", "Active agencies"),
    "m_active_help": ("OPD yang mengunggah sedikitnya sekali dalam periode, dari semua OPD yang dilihat",
                      "Agencies that posted at least once in the period, of all agencies in view"),
    "m_posts": ("Unggahan", "Posts"),
    "m_received": ("Pengaduan masuk", "Complaints received"),
    "m_in_sla": ("Ditanggapi sesuai SLA", "Answered within SLA"),
    "m_negative": ("Komentar negatif (7 hari)", "Negative comments (7 days)"),
    "m_negative_help": ("Porsi komentar & mention negatif 7 hari terakhir periode, dibanding 7 hari sebelumnya",
                        "Share of negative comments and mentions in the period's last 7 days vs the 7 before"),
    "m_overdue": ("Pengaduan lewat batas", "Overdue complaints"),
    "m_overdue_help": ("Pengaduan terbuka yang melewati batas waktu tanggapan atau penyelesaian (hari kerja), "
                       "kapan pun diterima", "Open complaints past their response or resolution deadline "
                       "(working days), whenever received"),
    "talking_points": ("Poin bicara", "Talking points"),
    "no_data_period": ("Belum ada data untuk periode ini.", "No data for this period yet."),
    "rank": ("Peringkat", "Rank"),
    "score": ("Skor", "Score"),
    "top5": ("5 teratas", "Top 5"),
    "bottom5": ("5 terbawah", "Bottom 5"),
    "full_ranking": ("Peringkat lengkap →", "Full ranking →"),
    "and_more": (", dan {} lainnya", ", and {} more"),
    "none": ("Tidak ada.", "None."),
    "reasons_link": ("Alasan dan pengingat →", "Reasons and reminders →"),
    "rising_topics": ("Topik pengaduan yang naik", "Rising complaint topics"),
    "topic": ("Topik", "Topic"),
    "now": ("Sekarang", "Now"),
    "before": ("Sebelumnya", "Before"),
    "most_in": ("Terbanyak di", "Most in"),
    "no_rising": ("Tidak ada topik yang naik.", "No topic is rising."),
    "freshness": ("Kesegaran data", "Data freshness"),
    "last": ("terakhir {}", "last {}"),
    "no_data": ("belum ada data", "no data yet"),
    "days_ago": (" — {} hari lalu", " — {} days ago"),
    "briefing_source": ("Sumber: gudang data Sorot; skor dan ambang dari data/norma.toml. Data per {}.",
                        "Source: Sorot warehouse; scores and thresholds from data/norma.toml. Data as of {}."),
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
