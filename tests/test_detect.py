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
}


def test_every_format_has_a_fixture():
    assert set(HEADERS) == {f.name for f in FORMATS}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_recognised(name):
    assert match_format(HEADERS[name]).format.name == name


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_case_order_and_extra_columns_do_not_matter(name):
    shuffled = [h.upper() for h in reversed(HEADERS[name])] + ["Kolom Tambahan", ""]
    assert match_format(shuffled).format.name == name


def test_first_of_duplicate_headers_wins():
    m = match_format(["Post ID", "Page name", "Publish time", "Reactions", "Reactions"])
    assert m.positions["reactions"] == 3


def test_unknown_layout_lists_what_was_expected():
    message = unknown_layout_message("data.csv", ["Tanggal", "Jumlah", "Nama"])
    assert "data.csv" in message and "tidak dikenali" in message
    assert "Tanggal, Jumlah, Nama" in message
    for fmt in FORMATS:
        assert fmt.label in message


def test_closest_format_names_the_missing_columns():
    message = unknown_layout_message("fb.csv", ["Post ID", "Page name", "Caption"])
    assert "Publish time" in message.split("\n")[1]
