"""Accepted spellings of the coded values found in exports and hand-kept sheets."""

from __future__ import annotations

VOCAB: dict[str, dict[str, tuple[str, ...]]] = {
    "platform": {
        "facebook": ("facebook", "fb", "meta facebook", "halaman facebook"),
        "instagram": ("instagram", "ig", "insta"),
        "x": ("x", "twitter", "x (twitter)", "twitter/x", "x/twitter"),
        "tiktok": ("tiktok", "tik tok", "tt"),
        "youtube": ("youtube", "yt", "you tube"),
    },
    "channel": {
        "lapor": ("lapor", "sp4n-lapor", "sp4n lapor", "sp4n-lapor!", "lapor!"),
        "whatsapp": ("whatsapp", "wa", "whats app", "hotline wa", "hotline whatsapp"),
        "112": ("112", "call center 112", "panggilan darurat 112", "nomor darurat 112"),
        "medsos": ("medsos", "media sosial", "sosmed", "facebook", "instagram", "x", "twitter", "tiktok", "youtube"),
        "aplikasi": ("aplikasi", "app", "aplikasi pengaduan", "sigap", "sigap!"),
        "email": ("email", "e-mail", "surel"),
        "surat": ("surat", "surat tertulis"),
        "tatap_muka": ("tatap_muka", "tatap muka", "langsung", "datang langsung", "loket"),
    },
    "status": {
        "baru": ("baru", "belum", "new", "received", "open", "menunggu", "masuk", "pending", "belum diproses"),
        "diverifikasi": ("diverifikasi", "verifikasi", "verified", "terverifikasi"),
        "diproses": ("diproses", "proses", "dalam proses", "in_progress", "in progress", "ditindaklanjuti",
                     "tindak lanjut", "didisposisi", "disposisi", "forwarded", "assigned", "sedang diproses"),
        "selesai": ("selesai", "resolved", "done", "tuntas", "solved", "sudah ditangani"),
        "ditutup": ("ditutup", "closed", "tutup", "arsip", "diarsipkan"),
        "ditolak": ("ditolak", "rejected", "invalid", "tidak valid", "spam", "bukan kewenangan"),
    },
    "complexity": {
        "ringan": ("ringan", "light", "sederhana"),
        "normatif": ("normatif", "normal", "sedang"),
        "tanpa_audit": ("tanpa_audit", "tanpa audit", "tidak perlu audit", "kompleks"),
        "audit": ("audit", "perlu audit", "butuh audit"),
    },
    "comment_kind": {
        "komentar": ("komentar", "comment", "komen"),
        "balasan": ("balasan", "reply", "balas"),
        "mention": ("mention", "sebutan", "tag", "tandai", "menyebut"),
    },
}


def accepted(domain: str) -> str:
    return ", ".join(VOCAB[domain])


def spellings(domain: str) -> list[tuple[str, str]]:
    """(accepted spelling, canonical value) pairs, the canonical value itself included."""
    pairs: dict[str, str] = {}
    for value, aliases in VOCAB[domain].items():
        for alias in (value, *aliases):
            pairs.setdefault(alias, value)
    return list(pairs.items())
