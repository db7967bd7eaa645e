"""Every file layout Sorot accepts (or recognises in order to refuse it with a reason), declared as data.

A format lists the columns it reads, each with the header names seen in real exports
(compared case- and space-insensitively), the kind of value it holds and whether it is
required. The format of a file is recognised from its header alone (see ``detect.py``).

Header spellings belong to one layout, never to all: ``Tayangan`` is impressions in X's and
YouTube's Indonesian exports but views in Sorot's own template. Each localised spelling names
its public source beside it; a layout whose localised headers have not been seen anywhere is
not guessed (its files get the unknown-layout message listing the columns seen and the nearest
known layout, so an admin can report it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Dataset = Literal["posts", "comments", "complaints", "video_daily", "reference"]
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
    date_order: DateOrder = "dmy"  # how the source itself writes 03/04/2026 (a file may prove otherwise)
    account_from: str = "column"  # column | permalink | filename
    skip_first_values: tuple[str, ...] = field(default=())  # e.g. YouTube's "Total" row
    language: str = "en"  # language of the headers: en | id
    kind: str = ""  # the export kind, in words, for the load report
    timezone: str = "local"  # zone of times written without one: local (the region's) or an IANA name
    year_from_export: bool = False  # dates without a year take it from the export date (TikTok Studio)
    time_from_id: bool = False  # the exact time is inside the post id (X's snowflake ids)
    refuse: str | None = None  # recognised but not loaded: why, and what to download instead
    exclusive: bool = False  # matches only when every header of the file is one of its columns

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)


def col(fld: str, *headers: str, kind: ValueKind = "text", required: bool = False) -> Column:
    return Column(fld, headers or (fld,), kind, required)


def localized(base: Format, language: str, headers: dict[str, tuple[str, ...]], **changes: object) -> Format:
    """The same layout with its headers in another language (fields without a known spelling dropped)."""
    columns = tuple(replace(c, headers=headers[c.field]) for c in base.columns if c.field in headers)
    missing = [c.field for c in base.required if c.field not in headers]
    if missing:
        raise ValueError(f"{base.name}/{language}: required fields without a spelling: {missing}")
    return replace(base, name=f"{base.name}_{language}", language=language, columns=columns, **changes)


META_FACEBOOK = Format(
    name="meta_facebook",
    label="Meta Business Suite — postingan Facebook",
    dataset="posts",
    platform="facebook",
    date_order="mdy",
    kind="konten (postingan)",
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
    kind="konten (postingan feed)",
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
    kind="tweet activity",
    timezone="UTC",  # times carry "+0000"
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
    kind="account analytics content",
    timezone="UTC",  # the date is the UTC day: a post at 05:30 WIB on the 4th is dated the 3rd
    time_from_id=True,
    columns=(
        col("post_id", "Post id", kind="id", required=True),
        col("published_at", "Date", kind="timestamp", required=True),
        col("caption", "Post text"),
        col("permalink", "Post Link", "Link", required=True),  # "Link" in an older build of X's web app
        col("views", "Impressions", kind="count"),
        col("reactions", "Likes", kind="count"),
        col("saves", "Bookmarks", kind="count"),
        col("comments", "Replies", kind="count"),
        col("shares", "Reposts", kind="count"),
        col("clicks", "URL Clicks", kind="count"),
    ),
)

# X analytics in Bahasa Indonesia: the same columns, headers from X's own interface strings
# (x.com web client, client-web/i18n/id.js, keys g85fbd2e "ID postingan", edeff232 "Tanggal",
# f6bab0da "Teks postingan", hf4f9bfe "Tautan Postingan" (older f5210bae "Tautan"), e5fe61e0
# "Tayangan", d7b8ebaa "Suka", i3145aa0 "Markah", jdceda60 "Balasan", ja42739e "Posting ulang";
# "URL Clicks" is hard-coded English in the current build, gedf636e "Klik URL" in the older one).
# Dates stay en-US in UTC ("Sat, Sep 12, 2026") whatever the interface language. "Tayangan" is
# impressions here (X has no separate views column), read as the post's views like the English file.
X_CURRENT_ID = localized(X_CURRENT, "id", {
    "post_id": ("ID postingan",),
    "published_at": ("Tanggal",),
    "caption": ("Teks postingan",),
    "permalink": ("Tautan Postingan", "Tautan"),
    "views": ("Tayangan",),
    "reactions": ("Suka",),
    "saves": ("Markah",),
    "comments": ("Balasan",),
    "shares": ("Posting ulang",),
    "clicks": ("URL Clicks", "Klik URL"),
}, label="X — account analytics content (Bahasa Indonesia)")

TIKTOK = Format(
    name="tiktok_studio",
    label="TikTok Studio — video",
    dataset="posts",
    platform="tiktok",
    date_order="mdy",
    account_from="permalink",
    kind="Content (video)",
    year_from_export=True,  # "Post time" is "November 4" (English UI) or "27 Oktober" (Indonesian UI)
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
    kind="Table data (per video)",
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

# YouTube Studio in Bahasa Indonesia writes "Data tabel.csv" with localised headers. Spellings from an
# Indonesian spec and parser of these exports found in the public code index (search corpus ids
# 67611406064 and 67145554988: "Konten,Judul video,Waktu publikasi video,Durasi,Penayangan,Waktu tonton
# (jam),Subscriber,Tayangan,Rasio klik-tayang dari tayangan (%)"). "Penayangan" are views; "Tayangan"
# are impressions here, so it is NOT read as views. Likes/comments/shares/average view duration have
# no cited Indonesian spelling yet and are left out rather than guessed.
YOUTUBE_ID = localized(YOUTUBE, "id", {
    "post_id": ("Konten",),
    "caption": ("Judul video",),
    "published_at": ("Waktu publikasi video",),
    "views": ("Penayangan",),
}, label="YouTube Studio — tabel konten (Bahasa Indonesia)", kind="Data tabel (per video)")

YOUTUBE_CHART = Format(
    name="youtube_chart",
    label="YouTube Studio — data diagram harian",
    dataset="video_daily",
    platform="youtube",
    date_order="mdy",
    account_from="filename",
    kind="Chart data (per video per hari)",
    # Chart data.csv: "Date,Content,Video title,Video publish time,Duration,Views", Date as 2025-06-13
    # (priyankapatel05/YouTube-Channel-Analytics-Dashboard: Chart data.csv). Per-day figures: a series
    # of its own, never the lifetime metrics of a video.
    columns=(
        col("day", "Date", kind="timestamp", required=True),
        col("post_id", "Content", kind="id", required=True),
        col("caption", "Video title"),
        col("published_at", "Video publish time", kind="timestamp"),
        col("views", "Views", kind="count", required=True),
    ),
)

YOUTUBE_TOTALS = Format(
    name="youtube_totals",
    label="YouTube Studio — total harian (Totals.csv)",
    dataset="reference",
    platform="youtube",
    kind="Totals (semua video per hari)",
    exclusive=True,
    # Totals.csv: "Date,Views" (Layla-Damoyi/youtube-engagement-dashboard, priyankapatel05/…: Totals.csv)
    columns=(col("day", "Date", kind="timestamp", required=True), col("views", "Views", kind="count", required=True)),
)

INSTAGRAM_STORIES = Format(
    name="meta_instagram_stories",
    label="Meta Business Suite — Story Instagram",
    dataset="reference",
    platform="instagram",
    kind="Stories",
    refuse=("Story bukan postingan feed dan tidak dihitung sebagai postingan. Di Meta Business Suite buka "
            "Insights › Content, pilih «Posts» (bukan «Stories»), lalu ekspor CSV."),
    # story-only columns: Navigation, Sticker taps (a script reading real Stories CSVs in the public code
    # index, search id 8033540661, and shared/reference/export_formats.md); Exits as the reference names it
    columns=(
        col("published_at", "Publish time", required=True),
        col("navigation", "Navigation", required=True),
        col("sticker_taps", "Sticker taps", required=True),
        col("exits", "Exits"),
        col("replies", "Replies"),
    ),
)

META_PAGE_METRIC = Format(
    name="meta_page_metric",
    label="Meta Business Suite — metrik harian halaman",
    dataset="reference",
    kind="metrik halaman per hari",
    exclusive=True,
    refuse=("Berkas ini berisi satu angka halaman per hari, bukan daftar postingan. Di Meta Business Suite buka "
            "Insights › Content, lalu ekspor daftar konten (Posts)."),
    # UTF-16 LE, "sep=," then the metric's name, then "Date","Primary" (shared/reference/export_formats.md;
    # per-metric files such as "Views (1).csv" in a project data catalog in the public code index)
    columns=(col("day", "Date", required=True), col("value", "Primary", required=True)),
)

_TIKTOK_CONTENT_HOWTO = ("Sorot memerlukan ekspor Content: di TikTok Studio buka Analytics › Content, pilih "
                         "rentang tanggal, lalu Download data (Content_<akun>.zip).")


def _tiktok_other(name: str, kind: str, *headers: str) -> Format:
    """A TikTok Studio export that is not the Content export (overview, followers, viewers)."""
    return Format(name=f"tiktok_{name}", label=f"TikTok Studio — {kind}", dataset="reference", platform="tiktok",
                  kind=kind, exclusive=True, refuse=f"Bukan ekspor Content. {_TIKTOK_CONTENT_HOWTO}",
                  columns=tuple(col(f"c{i}", h, required=True) for i, h in enumerate(headers)))


# Headers of the other TikTok Studio exports, as written in real files described by public projects
# (search corpus: pt-BR notes on a real export of 2026-10-02, a Vietnamese data-check doc, test fixtures).
TIKTOK_OTHERS = (
    _tiktok_other("overview", "Overview", "Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"),
    _tiktok_other("follower_history", "Followers (FollowerHistory)", "Date", "Followers",
                  "Difference in followers from previous day"),
    _tiktok_other("follower_activity", "Followers (FollowerActivity)", "Date", "Hour", "Active followers"),
    _tiktok_other("follower_gender", "Followers (FollowerGender)", "Gender", "Distribution"),
    _tiktok_other("follower_territories", "Followers (FollowerTopTerritories)", "Top territories", "Distribution"),
    _tiktok_other("viewers", "Viewers", "Date", "Total Viewers", "New Viewers", "Returning Viewers"),
)

TEMPLATE_POSTS = Format(
    name="template_posts",
    label="Templat Sorot — postingan",
    dataset="posts",
    language="id",
    kind="templat postingan",
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
    language="id",
    kind="templat komentar",
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
    language="id",
    kind="ekspor laporan",
    columns=(
        # the open-data layout (data.go.id) has no TrackingID: its report number is "id"
        col("complaint_id", "TrackingID", "Tracking ID", "No Tracking", "id", kind="id", required=True),
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
    kind="ekspor aplikasi",
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
    language="id",
    kind="templat pengaduan",
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
    INSTAGRAM_STORIES,
    META_PAGE_METRIC,
    X_LEGACY,
    X_CURRENT,
    X_CURRENT_ID,
    TIKTOK,
    *TIKTOK_OTHERS,
    YOUTUBE,
    YOUTUBE_ID,
    YOUTUBE_CHART,
    YOUTUBE_TOTALS,
    TEMPLATE_POSTS,
    TEMPLATE_COMMENTS,
    LAPOR,
    LOCAL_APP,
    TEMPLATE_COMPLAINTS,
)

PLATFORMS = ("facebook", "instagram", "x", "tiktok", "youtube")
