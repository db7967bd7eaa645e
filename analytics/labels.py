"""Readable names for the codes stored in the warehouse (Indonesian; English in locale/en/labels.toml)."""

from __future__ import annotations

import pandas as pd

from analytics.i18n import translate

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
SENTIMENTS = {"positive": "Positif", "negative": "Negatif", "neutral": "Netral"}
# A text's label the classifier gave with less confidence than this is shown as "perlu dicek" in lists of texts:
# its confidences are calibrated (etl/nlp/train.py); on the held-out sets 52–73 % of the labels below 0.6 are right,
# 91–99 % of those above (bench/nlp_bench.py sets, 2026-12-04).
REVIEW_BELOW = 0.6
CHECK = "perlu_dicek"
TO_CHECK = {CHECK: "Perlu dicek"}
COMPONENT_NAMES = {"aktivitas": "Aktivitas", "kualitas": "Kualitas konten", "keterlibatan": "Keterlibatan",
                   "responsivitas": "Responsivitas pengaduan", "sentimen": "Sentimen publik",
                   "cakupan": "Cakupan akun"}
UNKNOWN = "Tidak diketahui"


def unsure(labels: pd.Series, confidence: pd.Series, shown: str = CHECK) -> pd.Series:
    """``labels`` as lists of texts show them: ``shown`` ("perlu_dicek", or its readable name) where the classifier
    was less sure than ``REVIEW_BELOW`` (a missing confidence is not doubted)."""
    return labels.mask(confidence < REVIEW_BELOW, shown)


def to_check(labels: pd.Series) -> int:
    """How many of ``labels`` (codes, as ``unsure`` left them) read "perlu_dicek"."""
    return int((labels == CHECK).sum())


def named(names: dict[str, str], lang: str = "id") -> dict[str, str]:
    """One of the dictionaries above in ``lang``: code → readable name."""
    return {code: translate(name, lang) for code, name in names.items()}


def topic(code: str | None, lang: str = "id") -> str:
    """banjir_drainase → "Banjir & drainase"; an unknown code is made readable."""
    if not code:
        return translate(UNKNOWN, lang)
    return translate(TOPICS[code], lang) if code in TOPICS else code.replace("_", " ").capitalize()


def source_name(code: str, lang: str = "id") -> str:
    """A platform or complaint channel code as people say it."""
    if code in CHANNELS:
        return translate(CHANNELS[code], lang)
    return PLATFORMS.get(code, code)
