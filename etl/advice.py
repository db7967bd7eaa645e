"""What an admin can do about each kind of rejected row (reason_code → advice, in Bahasa Indonesia)."""

from __future__ import annotations

ADVICE: dict[str, str] = {
    "wajib_kosong": "Isi kolom wajib itu di sumbernya, atau ekspor ulang berkas lengkap dari platformnya.",
    "id_rusak_excel": ("Excel mengubah ID panjang menjadi angka ilmiah dan digitnya hilang. Unduh ulang ekspornya "
                       "dan unggah langsung tanpa membuka di Excel (atau impor kolom ID sebagai Teks)."),
    "nilai_tidak_sah": "Perbaiki nilainya di berkas (lihat contoh format pada alasan), lalu muat ulang berkas itu.",
    "tanggal_masa_depan": ("Periksa jam/tanggal komputer sumber dan urutan hari/bulan; tanggal di masa depan "
                           "tidak mungkin."),
    "tanggal_tidak_cocok_id": "Berkas tampaknya diubah sesudah diunduh; unduh ulang dari X dan muat tanpa mengubahnya.",
    "akun_tidak_terdaftar": ("Jika akun itu resmi milik OPD, daftarkan di halaman Data › Registri (akun.csv), "
                             "lalu muat ulang berkas yang sama: barisnya akan dimuat."),
    "opd_tidak_dikenal": "Tambahkan nama/kode itu sebagai alias OPD di Registri (opd.csv), lalu muat ulang berkasnya.",
    "kode_tidak_dikenal": "Gunakan salah satu nilai yang disebut pada alasan (lihat panduan templat).",
    "baris_ganda": "Tidak perlu tindakan jika barisnya memang sama; jika berbeda, perbaiki ID-nya di sumber.",
    "tautan_tanpa_akun": "Pastikan kolom tautan berisi tautan lengkap postingan (https://…/@akun/…).",
    "tautan_tanpa_id": "Pastikan kolom tautan berisi tautan lengkap postingan yang memuat ID-nya.",
    "urutan_waktu": "Periksa tanggal-tanggal pengaduan itu di aplikasi sumbernya; urutannya tidak mungkin.",
}


def advice(code: str) -> str:
    return ADVICE.get(code, "Perbaiki baris itu di berkas sumber, lalu muat ulang berkasnya.")
