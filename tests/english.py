"""What an English-speaking viewer reads on a page (AppTest), and the Indonesian words left in it.

Only the page's own words are checked — titles, headings, labels, captions, metric names, table
headers, tabs, buttons — not the data (OPD names, kecamatan, comment texts, export messages).
"""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

# Common Indonesian words that never belong in an English label.
INDONESIAN = {
    "dan", "yang", "untuk", "dari", "belum", "tidak", "ada", "dengan", "menurut", "atau", "per", "pada", "sejak",
    "unggahan", "pengaduan", "komentar", "sentimen", "hari", "pekan", "periode", "sumber", "porsi", "jumlah",
    "semua", "rincian", "pilih", "klik", "akun", "tautan", "buka", "peringkat", "skor", "kelompok", "alasan",
    "jenis", "diterima", "kanal", "topik", "lewat", "batas", "masuk", "selesai", "ditanggapi", "tanggapan",
    "terakhir", "lonjakan", "negatif", "positif", "netral", "bersih", "ambang", "pengingat", "berkas", "baris",
    "ditolak", "dimuat", "unduh", "muat", "riwayat", "kesegaran", "registri", "norma", "bobot", "nilai", "dasar",
    "sumbangan", "mengapa", "umur", "terbanyak", "median", "tingkat", "kini", "perlu", "perhatian", "teks",
    "tanggal", "harian", "mingguan", "skala", "keterlibatan", "tayangan", "keterangan", "profil", "sekarang",
    "sebelumnya", "diperbarui", "hasil", "dibaca", "baru", "mulai", "detik", "platform/kanal", "basi",
    "kinerja", "layanan", "seremonial", "tiket", "ditampilkan", "terbaru", "akhir",
}
EXEMPT = {"median", "per"}  # also English
WORD = re.compile(r"[a-zA-Z/]+")


def chrome(at: AppTest) -> list[str]:
    """The page's own texts in reading order."""
    texts = [e.value for kind in ("title", "header", "subheader", "caption") for e in getattr(at, kind)]
    texts += [m.label for m in at.metric]
    texts += [w.label for kind in ("selectbox", "multiselect", "radio", "number_input", "slider", "text_input",
                                   "date_input", "button", "toggle", "checkbox") for w in getattr(at, kind)]
    texts += [tab.label for tab in at.tabs]
    texts += [e.label for e in at.expander]
    texts += [str(c) for frame in at.dataframe for c in frame.value.columns]
    return [x for x in texts if isinstance(x, str)]


def leftover_indonesian(at: AppTest, allowed: set[str] = frozenset()) -> list[str]:
    """Every page text containing an Indonesian word (``allowed``: words accepted on this page)."""
    bad = INDONESIAN - EXEMPT - {w.lower() for w in allowed}
    return [x for x in chrome(at) if {w.lower() for w in WORD.findall(x)} & bad]
