"""Small export files in the real layouts, for tests (accounts from data/registry)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

FB_HEADER = ["Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time",
             "Caption type", "Permalink", "Post type", "Languages", "Custom labels", "Funded content status",
             "Data comment", "Date", "Views", "Reach", "Reactions, Comments and Shares", "Reactions",
             "Comments", "Shares", "Total clicks", "Seconds viewed", "Average Seconds viewed"]
BAPENDA_PAGE = ("100090737055688", "Badan Pendapatan Daerah Kabupaten Sukamaju")


def fb_row(post_id: str, when: str = "11/03/2026 09:15", views: str = "1200", reactions: str = "40",
           page: tuple[str, str] = BAPENDA_PAGE, caption: str = "Bayar PBB tepat waktu") -> list[str]:
    return [post_id, page[0], page[1], "", caption, "0", when, "", f"https://www.facebook.com/{post_id}",
            "Photos", "", "", "", "", "Lifetime", views, "900", "50", reactions, "6", "4", "12", "0", "0"]


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def write_fb(path: Path, rows: list[list[str]]) -> Path:
    path.write_bytes(b"\xef\xbb\xbf" + csv_text(FB_HEADER, rows).encode("utf-8"))
    return path


COMMENT_HEADER = ["platform", "akun_opd", "jenis", "id_komentar", "id_post", "tautan_post", "waktu",
                  "penulis", "teks", "tautan"]


def comment_row(cid: str, text: str = "mantap bgt", when: str = "21/11/2026 08:30",
                account: str = "bapendasukamaju", platform: str = "facebook") -> list[str]:
    return [platform, account, "komentar", cid, "", "", when, "warga_sukamaju88", text, ""]


COMPLAINT_HEADER = ["kanal", "nomor_tiket", "diterima", "isi", "judul", "kategori", "opd", "kecamatan",
                    "kelurahan", "status", "kompleksitas", "diverifikasi", "diteruskan", "tanggapan_pertama",
                    "selesai", "ditutup", "rating", "nama_pelapor", "telepon_pelapor", "tautan"]


def complaint_row(ticket: str, received: str = "16/11/2026 08:30", opd: str = "DLH", status: str = "diproses",
                  first_response: str = "17/11/2026 10:00", resolved: str = "", channel: str = "whatsapp",
                  text: str = "Sampah menumpuk di depan pasar") -> list[str]:
    return [channel, ticket, received, text, "", "sampah", opd, "Cibeunying", "Mekarsari", status, "ringan",
            "", "", first_response, resolved, "", "", "Budi", "0812****4567", ""]


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8",
              delimiter: str = ",") -> Path:
    path.write_bytes(csv_text(header, rows, delimiter).encode(encoding))
    return path
