"""Recognising a file's format from its header."""

import pytest

from etl.detect import match_format, unknown_layout_message
from etl.formats import FORMATS

FB = ["Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time", "Caption type",
      "Permalink", "Post type", "Languages", "Custom labels", "Funded content status", "Data comment", "Date",
      "Views", "Reach", "Reactions, Comments and Shares", "Reactions", "Comments", "Shares", "Total clicks"]
HEADERS = {
    "meta_facebook": FB,
    "meta_instagram": ["Post ID", "Account ID", "Account username", "Account name", "Description",
                       "Duration (sec)", "Publish time", "Permalink", "Post type", "Data comment", "Date",
                       "Views", "Reach", "Likes", "Shares", "Follows", "Comments", "Saves"],
    "x_legacy": ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements",
                 "engagement rate", "retweets", "replies", "favorites"],
    "x_current": ["Post id", "Date", "Post text", "Post Link", "Impressions", "Likes", "Engagements",
                  "Bookmarks", "Shares", "New follows", "Replies", "Reposts"],
    "tiktok_studio": ["Video title", "Video link", "Post time", "Total likes", "Total comments",
                      "Total shares", "Total views", "Total play time", "Average watch time",
                      "Watched full video", "Total bookmarks"],
    "youtube_studio": ["Content", "Video title", "Video publish time", "Duration", "Views",
                       "Watch time (hours)", "Subscribers", "Impressions", "Likes"],
    "template_posts": ["platform", "akun", "id_post", "waktu_unggah", "teks", "tayangan"],
    "template_comments": ["platform", "akun_opd", "jenis", "waktu", "penulis", "teks"],
    "lapor": ["id", "TrackingID", "KategoriID", "DisposisiInstansiID", "AreaID", "Area",
              "TanggalDisposisi", "TanggalLaporanMasuk", "TanggalLaporanAktivitasTerakhir",
              "TanggalLaporanDitutup", "TimestampTanggalDisposisi"],
    "local_app": ["code", "status", "received_at", "response_due_at", "sla_due_at", "verified_at",
                  "rating", "district_code", "category_id"],
    "template_complaints": ["kanal", "nomor_tiket", "diterima", "isi", "opd"],
    "x_current_id": ["ID postingan", "Tanggal", "Teks postingan", "Tautan Postingan", "Tayangan", "Suka",
                     "Engagement", "Markah", "Sebaran", "Pengikut baru", "Balasan", "Posting ulang",
                     "Kunjungan profil", "Detail Expands", "URL Clicks", "Hashtag Clicks", "Permalink Clicks"],
    "youtube_studio_id": ["Konten", "Judul video", "Waktu publikasi video", "Durasi", "Penayangan",
                          "Waktu tonton (jam)", "Subscriber", "Tayangan", "Rasio klik-tayang dari tayangan (%)"],
    "youtube_chart": ["Date", "Content", "Video title", "Video publish time", "Duration", "Views"],
    "youtube_totals": ["Date", "Views"],
    "meta_instagram_stories": ["Post ID", "Account ID", "Account username", "Account name", "Description",
                               "Publish time", "Permalink", "Post type", "Views", "Reach", "Likes", "Shares",
                               "Profile visits", "Replies", "Link clicks", "Navigation", "Follows",
                               "Sticker taps"],
    "meta_page_metric": ["Date", "Primary"],
    "tiktok_overview": ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
    "tiktok_follower_history": ["Date", "Followers", "Difference in followers from previous day"],
    "tiktok_follower_activity": ["Date", "Hour", "Active followers"],
    "tiktok_follower_gender": ["Gender", "Distribution"],
    "tiktok_follower_territories": ["Top territories", "Distribution"],
    "tiktok_viewers": ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
}
LAPOR_OPEN_DATA = ["id", "KategoriID", "DisposisiInstansiID", "AreaID", "Area", "TanggalDisposisi",
                   "TanggalLaporanMasuk", "TanggalLaporanAktivitasTerakhir", "TanggalLaporanDitutup",
                   "TimestampTanggalDisposisi", "created_at", "updated_at", "Kategori", "Status"]


def test_every_format_has_a_fixture():
    assert set(HEADERS) == {f.name for f in FORMATS}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_recognised(name):
    assert match_format(HEADERS[name]).format.name == name


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_case_order_and_extra_columns_do_not_matter(name):
    extra = [] if next(f for f in FORMATS if f.name == name).exclusive else ["Kolom Tambahan"]
    shuffled = [h.upper() for h in reversed(HEADERS[name])] + extra + [""]
    assert match_format(shuffled).format.name == name


def test_lapor_open_data_has_id_and_no_tracking_id():
    m = match_format(LAPOR_OPEN_DATA)
    assert m.format.name == "lapor" and m.header_of("complaint_id") == "id"
    assert match_format(HEADERS["lapor"]).header_of("complaint_id") == "TrackingID"


def test_aliases_belong_to_one_layout():
    """«Tayangan» is views in Sorot's template, impressions in YouTube's Indonesian table."""
    assert match_format(["platform", "akun", "id_post", "waktu_unggah", "tayangan"]).header_of("views") == "tayangan"
    yt = match_format(HEADERS["youtube_studio_id"])
    assert yt.header_of("views") == "Penayangan"


def test_exclusive_layouts_do_not_claim_wider_files():
    assert match_format(["Date", "Views", "Post id", "Something"]) is None


def test_first_of_duplicate_headers_wins():
    m = match_format(["Post ID", "Page name", "Publish time", "Reactions", "Reactions"])
    assert m.positions["reactions"] == 3


def test_unknown_layout_lists_what_was_expected():
    message = unknown_layout_message("data.csv", ["Tanggal", "Jumlah", "Nama"])
    assert "data.csv" in message and "tidak dikenali" in message
    assert "Tanggal, Jumlah, Nama" in message
    for fmt in FORMATS:
        assert (fmt.label in message) == (fmt.dataset != "reference"), fmt.name


def test_closest_format_names_the_missing_columns():
    message = unknown_layout_message("fb.csv", ["Post ID", "Page name", "Caption"])
    assert "Publish time" in message.split("\n")[1]
