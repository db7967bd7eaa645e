"""Readable Indonesian names for the codes stored in the warehouse."""

from __future__ import annotations

TOPICS = {
    "banjir_drainase": "Banjir & drainase", "sampah_kebersihan": "Sampah & kebersihan",
    "jalan_jembatan": "Jalan & jembatan", "lalu_lintas": "Lalu lintas & angkutan",
    "pohon_taman": "Pohon & taman", "penerangan_jalan": "Penerangan jalan", "air_bersih": "Air bersih",
    "adminduk": "Administrasi kependudukan", "kesehatan": "Kesehatan", "pendidikan": "Pendidikan",
    "bansos_sosial": "Bansos & sosial", "pungli_pelayanan": "Pungli & pelayanan publik",
    "ketertiban": "Ketertiban umum", "lingkungan": "Lingkungan hidup", "lainnya": "Lainnya",
}
CHANNELS = {"lapor": "SP4N-LAPOR!", "whatsapp": "WhatsApp", "112": "Call center 112", "medsos": "Media sosial",
            "aplikasi": "Aplikasi pengaduan", "email": "Email", "surat": "Surat", "tatap_muka": "Tatap muka"}
PLATFORMS = {"facebook": "Facebook", "instagram": "Instagram", "x": "X", "tiktok": "TikTok", "youtube": "YouTube"}
CONTENT = {"kinerja": "Kinerja", "layanan": "Layanan", "seremonial": "Seremonial", "lainnya": "Lainnya"}
COMPONENT_NAMES = {"aktivitas": "Aktivitas", "kualitas": "Kualitas konten", "keterlibatan": "Keterlibatan",
                   "responsivitas": "Responsivitas pengaduan", "sentimen": "Sentimen publik",
                   "cakupan": "Cakupan akun"}


def topic(code: str | None) -> str:
    """banjir_drainase → "Banjir & drainase"; an unknown code is made readable."""
    if not code:
        return "Tidak diketahui"
    return TOPICS.get(code, code.replace("_", " ").capitalize())


def source_name(code: str) -> str:
    """A platform or complaint channel code as people say it."""
    return PLATFORMS.get(code) or CHANNELS.get(code) or code
