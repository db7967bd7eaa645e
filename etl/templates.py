"""Sorot's own templates (posts, comments/mentions, complaints): CSV + XLSX + a column guide.

Written from the formats in ``etl/formats.py`` so a template always matches its reader:
``python -m etl templates`` regenerates ``data/templates/`` (a test checks it is current).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from etl.formats import TEMPLATE_COMMENTS, TEMPLATE_COMPLAINTS, TEMPLATE_POSTS, Format
from etl.vocab import VOCAB

# field → (what to write, example 1, example 2)
GUIDE: dict[str, dict[str, tuple[str, str, str]]] = {
    TEMPLATE_POSTS.name: {
        "platform": ("facebook, instagram, x, tiktok atau youtube", "instagram", "facebook"),
        "account": ("nama akun resmi OPD tanpa @ (seperti di data/registry/akun.csv)", "dinkes_sukamaju",
                    "dinkeskabsukamaju"),
        "post_id": ("ID unik postingan di platform (atau kode buatan sendiri yang tetap)", "C9x2AbQ",
                    "1029384756_5647382910"),
        "published_at": ("waktu unggah, mis. 21/11/2026 08:30 atau 21 November 2026 08.30 (WIB)",
                         "21/11/2026 08:30", "Senin, 16 November 2026 14.05"),
        "caption": ("teks/keterangan postingan", "Posyandu Desa Mekarsari melayani 132 balita hari ini.",
                    "Jadwal vaksinasi pekan depan: Senin–Kamis 08.00–12.00 di Puskesmas Cibeunying."),
        "post_type": ("jenis (foto, video, reel, tautan …), bebas", "reel", "foto"),
        "permalink": ("tautan ke postingan", "https://www.instagram.com/p/C9x2AbQ/",
                      "https://www.facebook.com/1029384756_5647382910"),
        "views": ("tayangan (angka, boleh 1.234 atau 1,2 rb)", "1.234", "1,2 rb"),
        "reach": ("jangkauan", "980", "850"),
        "reactions": ("suka/reaksi", "87", "40"),
        "comments": ("jumlah komentar", "12", "3"),
        "shares": ("dibagikan", "5", "9"),
        "saves": ("disimpan", "4", ""),
        "clicks": ("klik tautan", "", "31"),
        "snapshot_at": ("kapan angka-angka ini diambil (kosong = tanggal di nama berkas atau waktu berkas)",
                        "22/11/2026 17:00", ""),
    },
    TEMPLATE_COMMENTS.name: {
        "platform": ("facebook, instagram, x, tiktok atau youtube", "facebook", "instagram"),
        "account": ("akun OPD yang dikomentari/di-mention (tanpa @), atau kode/nama OPD", "dinkeskabsukamaju",
                    "DINKES"),
        "kind": ("komentar, balasan atau mention (kosong = komentar)", "komentar", "mention"),
        "comment_id": ("ID komentar jika ada (mencegah data ganda)", "1784512", ""),
        "post_id": ("ID postingan yang dikomentari", "1029384756_5647382910", ""),
        "post_permalink": ("tautan postingan yang dikomentari", "", ""),
        "created_at": ("waktu komentar", "21/11/2026 09:12", "21-11-2026 10.40"),
        "author": ("nama pengguna penulis (disamarkan saat ditampilkan)", "warga_sukamaju88", "teh_rina"),
        "text": ("isi komentar", "Alhamdulillah pelayanannya cepat, hatur nuhun", "@dinkes_sukamaju posyandu di RW 05 "
                 "blm buka, gmn ini?"),
        "permalink": ("tautan komentar", "", ""),
    },
    TEMPLATE_COMPLAINTS.name: {
        "channel": ("kanal: " + ", ".join(VOCAB["channel"]), "whatsapp", "112"),
        "complaint_id": ("nomor tiket unik dalam kanal itu", "WA-2026-11-0042", "112-88120"),
        "received_at": ("waktu pengaduan diterima", "21/11/2026 08:30", "21/11/2026 22:10"),
        "text": ("isi pengaduan (tanpa nama/telepon pelapor: isi kolom pelapor)",
                 "Sampah di TPS Pasar Cibeunying belum diangkut 4 hari",
                 "Pohon tumbang menutup jalan di Desa Padasuka"),
        "title": ("judul singkat", "Sampah belum diangkut", "Pohon tumbang"),
        "category": ("kategori menurut kanal, bebas", "Kebersihan", "Bencana"),
        "agency": ("OPD penanggung jawab: kode, nama atau singkatan", "DLH", "BPBD"),
        "area": ("kecamatan", "Cibeunying", "Kec. Cibeunying"),
        "village": ("desa/kelurahan", "Mekarsari", "Padasuka"),
        "status": ("status: " + ", ".join(VOCAB["status"]) + " (kosong = ditentukan dari tanggal)", "diproses",
                   "selesai"),
        "complexity": ("kompleksitas untuk SLA: " + ", ".join(VOCAB["complexity"]), "ringan", "normatif"),
        "verified_at": ("waktu diverifikasi admin kanal", "21/11/2026 09:00", "21/11/2026 22:15"),
        "forwarded_at": ("waktu diteruskan (disposisi) ke OPD", "21/11/2026 09:30", "21/11/2026 22:20"),
        "first_response_at": ("waktu tanggapan pertama OPD", "21/11/2026 13:45", "21/11/2026 23:05"),
        "resolved_at": ("waktu selesai ditangani", "", "22/11/2026 07:30"),
        "closed_at": ("waktu ditutup", "", "22/11/2026 08:00"),
        "rating": ("penilaian pelapor 1–5", "", "5"),
        "reporter_name": ("nama pelapor (disimpan terpisah, tidak ditampilkan)", "Anonim", "Budi S."),
        "reporter_phone": ("telepon pelapor (disimpan terpisah; boleh disamarkan)", "0812****4567", ""),
        "permalink": ("tautan (mis. postingan media sosial)", "", ""),
    },
}

FILES = {TEMPLATE_POSTS.name: "templat_postingan", TEMPLATE_COMMENTS.name: "templat_komentar",
         TEMPLATE_COMPLAINTS.name: "templat_pengaduan"}


def _rows(fmt: Format) -> tuple[list[str], list[list[str]]]:
    guide = GUIDE[fmt.name]
    header = [c.headers[0] for c in fmt.columns]
    examples = [[guide[c.field][i] for c in fmt.columns] for i in (1, 2)]
    return header, examples


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _xlsx(path: Path, header: list[str], rows: list[list[str]]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for col in sheet.columns:
        sheet.column_dimensions[col[0].column_letter].width = max(12, min(45, len(str(col[0].value)) + 4))
    book.properties.creator = "Sorot"
    book.save(path)


def guide_markdown() -> str:
    out = ["# Templat Sorot — panduan kolom", "",
           "Templat ini dipakai untuk data yang tidak punya ekspor resmi: postingan yang dicatat manual,",
           "komentar dan mention, serta pengaduan dari WhatsApp, 112, media sosial, surat atau tatap muka.",
           "Isi satu baris per data. Urutan kolom bebas, huruf besar/kecil bebas, kolom tambahan diabaikan.",
           "Tanggal boleh `21/11/2026 08:30`, `21-11-2026 08.30`, `21 November 2026` atau `Senin, 21 November",
           "2026 08.30`; tanpa zona waktu dianggap WIB (lihat `data/registry/pengaturan.toml`). Angka boleh",
           "`1.234`, `1,2 rb` atau `1.2K`. Berkas CSV (UTF-8/Windows-1252, pemisah `,` `;` atau TAB) dan XLSX",
           "(lembar pertama) diterima. Muat dengan halaman **Data** atau `python -m etl load BERKAS`.", ""]
    for name, stem in FILES.items():
        fmt = next(f for f in (TEMPLATE_POSTS, TEMPLATE_COMMENTS, TEMPLATE_COMPLAINTS) if f.name == name)
        out += [f"## {fmt.label} (`{stem}.csv`, `{stem}.xlsx`)", "", "| kolom | wajib | isi | contoh |",
                "|---|---|---|---|"]
        for c in fmt.columns:
            what, example, _ = GUIDE[name][c.field]
            out.append(f"| `{c.headers[0]}` | {'ya' if c.required else ''} | {what} | {example} |")
        out.append("")
    return "\n".join(out)


def write_templates(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in (TEMPLATE_POSTS, TEMPLATE_COMMENTS, TEMPLATE_COMPLAINTS):
        header, rows = _rows(fmt)
        stem = FILES[fmt.name]
        (folder / f"{stem}.csv").write_text(_csv(header, rows), encoding="utf-8")
        _xlsx(folder / f"{stem}.xlsx", header, rows)
        written += [folder / f"{stem}.csv", folder / f"{stem}.xlsx"]
    (folder / "PANDUAN.md").write_text(guide_markdown(), encoding="utf-8")
    return [*written, folder / "PANDUAN.md"]
