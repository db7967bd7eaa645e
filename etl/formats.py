"""Every file layout Sorot accepts, declared as data.

A format lists the columns it reads, each with the header names seen in real exports
(compared case- and space-insensitively), the kind of value it holds and whether it is
required. The format of a file is recognised from its header alone (see ``detect.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Dataset = Literal["posts", "comments", "complaints"]
ValueKind = Literal["text", "id", "count", "number", "duration", "timestamp"]
DateOrder = Literal["dmy", "mdy"]


@dataclass(frozen=True)
class Column:
    field: str
    headers: tuple[str, ...]
    kind: ValueKind = "text"
    required: bool = False


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    dataset: Dataset
    columns: tuple[Column, ...]
    platform: str | None = None  # fixed platform of a post/comment export
    channel: str | None = None  # fixed complaint channel
    date_order: DateOrder = "dmy"  # how to read an ambiguous 03/04/2026
    account_from: str = "column"  # column | permalink | filename
    skip_first_values: tuple[str, ...] = field(default=())  # e.g. YouTube's "Total" row

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)


def col(fld: str, *headers: str, kind: ValueKind = "text", required: bool = False) -> Column:
    return Column(fld, headers or (fld,), kind, required)


META_FACEBOOK = Format(
    name="meta_facebook",
    label="Meta Business Suite — postingan Facebook",
    dataset="posts",
    platform="facebook",
    date_order="mdy",
    columns=(
        col("post_id", "Post ID", kind="id", required=True),
        col("account_id", "Page ID", kind="id"),
        col("account", "Page name", required=True),
        col("title", "Title"),
        col("caption", "Description"),
        col("published_at", "Publish time", kind="timestamp", required=True),
        col("permalink", "Permalink"),
        col("post_type", "Post type"),
        col("views", "Views", "Impressions", kind="count"),
        col("reach", "Reach", kind="count"),
        col("reactions", "Reactions", kind="count"),
        col("comments", "Comments", kind="count"),
        col("shares", "Shares", kind="count"),
        col("clicks", "Total clicks", kind="count"),
    ),
)

META_INSTAGRAM = Format(
    name="meta_instagram",
    label="Meta Business Suite — postingan Instagram",
    dataset="posts",
    platform="instagram",
    date_order="mdy",
    columns=(
        col("post_id", "Post ID", kind="id", required=True),
        col("account_id", "Account ID", kind="id"),
        col("account", "Account username", required=True),
        col("account_name", "Account name"),
        col("caption", "Description"),
        col("published_at", "Publish time", kind="timestamp", required=True),
        col("permalink", "Permalink"),
        col("post_type", "Post type"),
        col("views", "Views", "Impressions", kind="count"),
        col("reach", "Reach", kind="count"),
        col("reactions", "Likes", kind="count"),
        col("comments", "Comments", kind="count"),
        col("shares", "Shares", kind="count"),
        col("saves", "Saves", kind="count"),
    ),
)

X_LEGACY = Format(
    name="x_legacy",
    label="X (Twitter) — tweet activity (format lama)",
    dataset="posts",
    platform="x",
    date_order="mdy",
    account_from="permalink",
    columns=(
        col("post_id", "Tweet id", kind="id", required=True),
        col("permalink", "Tweet permalink", required=True),
        col("caption", "Tweet text"),
        col("published_at", "time", kind="timestamp", required=True),
        col("views", "impressions", kind="count"),
        col("reactions", "likes", "favorites", kind="count"),
        col("comments", "replies", kind="count"),
        col("shares", "retweets", kind="count"),
        col("clicks", "url clicks", kind="count"),
    ),
)

X_CURRENT = Format(
    name="x_current",
    label="X — account analytics content",
    dataset="posts",
    platform="x",
    date_order="mdy",
    account_from="permalink",
    columns=(
        col("post_id", "Post id", kind="id", required=True),
        col("published_at", "Date", kind="timestamp", required=True),
        col("caption", "Post text"),
        col("permalink", "Post Link", required=True),
        col("views", "Impressions", kind="count"),
        col("reactions", "Likes", kind="count"),
        col("saves", "Bookmarks", kind="count"),
        col("comments", "Replies", kind="count"),
        col("shares", "Reposts", kind="count"),
        col("clicks", "URL Clicks", kind="count"),
    ),
)

TIKTOK = Format(
    name="tiktok_studio",
    label="TikTok Studio — video",
    dataset="posts",
    platform="tiktok",
    date_order="mdy",
    account_from="permalink",
    columns=(
        col("caption", "Video title"),
        col("permalink", "Video link", required=True),
        col("published_at", "Post time", kind="timestamp", required=True),
        col("reactions", "Total likes", kind="count"),
        col("comments", "Total comments", kind="count"),
        col("shares", "Total shares", kind="count"),
        col("views", "Total views", kind="count", required=True),
        col("saves", "Add to favorites", "Total bookmarks", kind="count"),
        col("watch_seconds", "Average watch time", kind="duration"),
    ),
)

YOUTUBE = Format(
    name="youtube_studio",
    label="YouTube Studio — tabel konten",
    dataset="posts",
    platform="youtube",
    date_order="mdy",
    account_from="filename",
    skip_first_values=("total",),
    columns=(
        col("post_id", "Content", kind="id", required=True),
        col("caption", "Video title", required=True),
        col("published_at", "Video publish time", kind="timestamp", required=True),
        col("views", "Views", kind="count"),
        col("reactions", "Likes", kind="count"),
        col("comments", "Comments added", "Comments", kind="count"),
        col("shares", "Shares", kind="count"),
        col("watch_seconds", "Average view duration", kind="duration"),
    ),
)

TEMPLATE_POSTS = Format(
    name="template_posts",
    label="Templat Sorot — postingan",
    dataset="posts",
    columns=(
        col("platform", "platform", required=True),
        col("account", "akun", required=True),
        col("post_id", "id_post", kind="id", required=True),
        col("published_at", "waktu_unggah", kind="timestamp", required=True),
        col("caption", "teks"),
        col("post_type", "jenis_post"),
        col("permalink", "tautan"),
        col("views", "tayangan", kind="count"),
        col("reach", "jangkauan", kind="count"),
        col("reactions", "reaksi", "suka", kind="count"),
        col("comments", "komentar", kind="count"),
        col("shares", "dibagikan", kind="count"),
        col("saves", "disimpan", kind="count"),
        col("clicks", "klik", kind="count"),
        col("snapshot_at", "waktu_data", kind="timestamp"),
    ),
)

TEMPLATE_COMMENTS = Format(
    name="template_comments",
    label="Templat Sorot — komentar dan mention",
    dataset="comments",
    columns=(
        col("platform", "platform", required=True),
        col("account", "akun_opd", required=True),
        col("kind", "jenis"),
        col("comment_id", "id_komentar", kind="id"),
        col("post_id", "id_post", kind="id"),
        col("post_permalink", "tautan_post"),
        col("created_at", "waktu", kind="timestamp", required=True),
        col("author", "penulis"),
        col("text", "teks", required=True),
        col("permalink", "tautan"),
    ),
)

LAPOR = Format(
    name="lapor",
    label="SP4N-LAPOR! — ekspor laporan",
    dataset="complaints",
    channel="lapor",
    columns=(
        col("complaint_id", "TrackingID", "Tracking ID", "No Tracking", kind="id", required=True),
        col("received_at", "TanggalLaporanMasuk", kind="timestamp", required=True),
        col("title", "Judul", "JudulLaporan"),
        col("text", "IsiLaporan", "Isi Laporan", "Isi"),
        col("category", "Kategori", "NamaKategori", "KategoriID"),
        col("agency_id", "DisposisiInstansiID", kind="id"),
        col("agency", "Instansi", "NamaInstansi", "DisposisiInstansi"),
        col("area", "Area", "Lokasi"),
        col("status", "Status", "StatusLaporan"),
        col("verified_at", "TanggalVerifikasi", kind="timestamp"),
        col("forwarded_at", "TanggalDisposisi", kind="timestamp"),
        col("first_response_at", "TanggalTindakLanjut", "TanggalTanggapan", kind="timestamp"),
        col("last_activity_at", "TanggalLaporanAktivitasTerakhir", kind="timestamp"),
        col("closed_at", "TanggalLaporanDitutup", kind="timestamp"),
        col("reporter_name", "NamaPelapor", "Pelapor"),
        col("reporter_phone", "TeleponPelapor", "NoTelepon"),
    ),
)

LOCAL_APP = Format(
    name="local_app",
    label="Aplikasi pengaduan daerah (ekspor berkolom Inggris)",
    dataset="complaints",
    channel="aplikasi",
    columns=(
        col("complaint_id", "code", kind="id", required=True),
        col("received_at", "received_at", kind="timestamp", required=True),
        col("status", "status", required=True),
        col("title", "title"),
        col("text", "description", "content"),
        col("category", "category_id", "category"),
        col("agency_id", "agency_code", "opd_code", kind="id"),
        col("agency", "agency", "agency_name"),
        col("district_code", "district_code", kind="id"),
        col("village_code", "village_code", kind="id"),
        col("verified_at", "verified_at", kind="timestamp"),
        col("first_response_at", "responded_at", "first_response_at", kind="timestamp"),
        col("resolved_at", "resolved_at", kind="timestamp"),
        col("closed_at", "closed_at", kind="timestamp"),
        col("response_due_at", "response_due_at", kind="timestamp"),
        col("sla_due_at", "sla_due_at", kind="timestamp"),
        col("rating", "rating", kind="number"),
        col("reporter_name", "reporter_name"),
        col("reporter_phone", "reporter_phone"),
    ),
)

TEMPLATE_COMPLAINTS = Format(
    name="template_complaints",
    label="Templat Sorot — pengaduan (WhatsApp, 112, media sosial, dll.)",
    dataset="complaints",
    columns=(
        col("channel", "kanal", required=True),
        col("complaint_id", "nomor_tiket", kind="id", required=True),
        col("received_at", "diterima", kind="timestamp", required=True),
        col("text", "isi", required=True),
        col("title", "judul"),
        col("category", "kategori"),
        col("agency", "opd"),
        col("area", "kecamatan"),
        col("village", "kelurahan"),
        col("status", "status"),
        col("complexity", "kompleksitas"),
        col("verified_at", "diverifikasi", kind="timestamp"),
        col("forwarded_at", "diteruskan", kind="timestamp"),
        col("first_response_at", "tanggapan_pertama", kind="timestamp"),
        col("resolved_at", "selesai", kind="timestamp"),
        col("closed_at", "ditutup", kind="timestamp"),
        col("rating", "rating", kind="number"),
        col("reporter_name", "nama_pelapor"),
        col("reporter_phone", "telepon_pelapor"),
        col("permalink", "tautan"),
    ),
)

FORMATS: tuple[Format, ...] = (
    META_FACEBOOK,
    META_INSTAGRAM,
    X_LEGACY,
    X_CURRENT,
    TIKTOK,
    YOUTUBE,
    TEMPLATE_POSTS,
    TEMPLATE_COMMENTS,
    LAPOR,
    LOCAL_APP,
    TEMPLATE_COMPLAINTS,
)

PLATFORMS = ("facebook", "instagram", "x", "tiktok", "youtube")
