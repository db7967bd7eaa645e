"""The URL is the state: every filter and drill-down choice opens from a link (AppTest on the sample warehouse).

A link's value that is not a choice is said (a warning, in the viewer's language) and the default is shown —
never another OPD; a custom period longer than the data is narrowed to it, and that is said too.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.fmt import day, number
from tests.apptest import logged_in

pytestmark = pytest.mark.xdist_group("sample")

ROOT = Path(__file__).resolve().parent.parent
TODAY, MONTH = "2026-11-20", ("2026-10-22", "2026-11-20")  # the default period: 30 days up to today
FIRST_DAY = """SELECT min(d) FROM (SELECT min(day) AS d FROM mart_post UNION ALL SELECT min(received_day) FROM
               mart_complaint UNION ALL SELECT min(day) FROM mart_comment_day)"""


@pytest.fixture
def sql(sample_db, con, monkeypatch):
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    monkeypatch.setenv("SOROT_TODAY", TODAY)
    return lambda query, *params: con.execute(query, list(params)).fetchall()


def opened(page: str, **params: str) -> AppTest:
    """``page`` opened from a link with these parameters (a new session, as a shared link is)."""
    at = logged_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90))
    at.query_params.update(params)
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def details(at: AppTest):
    """Pengaduan's "Rincian pengaduan" table (the one starting Tiket, Kanal — or Ticket, Channel)."""
    return next(d.value for d in at.dataframe if list(d.value.columns[:2]) in (["Tiket", "Kanal"],
                                                                                ["Ticket", "Channel"]))


def received(sql, where: str = "TRUE", *params) -> list[str]:
    return sorted(r[0] for r in sql(f"""SELECT complaint_id FROM mart_complaint WHERE {where}
                                        AND received_day BETWEEN DATE '{MONTH[0]}' AND DATE '{MONTH[1]}'""", *params))


def assert_every_complaint(at: AppTest, sql) -> None:
    """The default of "Rincian pengaduan": every complaint of the period is counted and downloadable, and the
    table draws the newest of them (it says how many of how many)."""
    ids = [r[0] for r in sql(f"""SELECT complaint_id FROM mart_complaint WHERE received_day BETWEEN
                                 DATE '{MONTH[0]}' AND DATE '{MONTH[1]}' ORDER BY received_day DESC, complaint_key""")]
    shown = details(at).iloc[:, 0]
    assert sorted(shown) == sorted(ids[:len(shown)])
    assert len(shown) == len(ids) or [c for c in at.caption if f"{len(shown)} " in c.value and str(len(ids)) in c.value]


# -- Pengaduan: the drill-down pickers (set by table rows and chart clicks) are in the link

@pytest.mark.parametrize(("params", "key", "value", "where"), [
    ({"rinci_opd": "DLH"}, "pg_opd", "DLH", "opd_code = 'DLH'"),
    ({"kanal": "whatsapp"}, "pg_channel", "whatsapp", "channel = 'whatsapp'"),
    ({"topik": "sampah_kebersihan"}, "pg_topic", "Sampah & kebersihan", "topic = 'sampah_kebersihan'"),
    ({"topik": "sampah_kebersihan", "kecamatan": "Cikaret"}, "pg_kecamatan", "Cikaret",
     "topic = 'sampah_kebersihan' AND area IN ('Cikaret', 'Kecamatan Cikaret, Kabupaten Sukamaju')"),
])
def test_a_pengaduan_link_restores_the_picker_and_its_rows(sql, params, key, value, where):
    at = opened("pages/pengaduan.py", **params)
    assert at.selectbox(key=key).value == value
    assert warnings(at) == []
    assert sorted(details(at)["Tiket"]) == received(sql, where) != []
    assert {k: at.query_params[k] for k in params} == params  # written back as it came


def test_a_trend_point_in_the_link_opens_its_complaints(sql):
    at = opened("pages/pengaduan.py", titik="selesai:2026-11-09")
    assert at.selectbox(key="pg_bucket").value == "resolved:2026-11-09"
    expected = sql("SELECT complaint_id FROM mart_complaint WHERE resolved_day = DATE '2026-11-09'")
    assert sorted(details(at)["Tiket"]) == sorted(r[0] for r in expected) != []


def test_a_picker_chosen_on_the_page_goes_into_the_link_as_a_code(sql):
    at = opened("pages/pengaduan.py")
    at.selectbox(key="pg_topic").set_value("Sampah & kebersihan")
    at.selectbox(key="pg_bucket").set_value("received:2026-11-09").run()
    assert at.query_params["topik"] == "sampah_kebersihan" and at.query_params["titik"] == "masuk:2026-11-09"
    at.session_state["pg_topic"] = None  # back to "all topics" (AppTest's set_value(None) picks the first)
    at.run()
    assert "topik" not in at.query_params


def test_an_english_link_names_the_same_topic(sql):
    at = opened("pages/pengaduan.py", topik="sampah_kebersihan", bahasa="en")
    assert at.selectbox(key="pg_topic").value == "Waste & cleanliness"
    assert sorted(details(at)["Ticket"]) == received(sql, "topic = 'sampah_kebersihan'")


@pytest.mark.parametrize(("lang", "said"), [("id", "tidak ada untuk OPD"), ("en", "does not exist for Agency")])
def test_an_unknown_opd_in_the_link_is_said_and_every_opd_is_shown(sql, lang, said):
    at = opened("pages/pengaduan.py", rinci_opd="TIDAK-ADA", bahasa=lang)
    assert [w for w in warnings(at) if "TIDAK-ADA" in w and said in w]
    assert at.selectbox(key="pg_opd").value is None  # the default: all OPD — never another one
    assert_every_complaint(at, sql)
    assert "rinci_opd" not in at.query_params
    at.run()  # said once
    assert not [w for w in warnings(at) if "TIDAK-ADA" in w]


def test_an_opd_outside_the_filters_is_not_shown_either(sql):
    at = opened("pages/pengaduan.py", rinci_opd="DLH", jenis="kewilayahan")
    assert [w for w in warnings(at) if "DLH" in w]
    assert at.selectbox(key="pg_opd").value is None
    assert "DLH" not in set(details(at)["OPD"])


@pytest.mark.parametrize(("params", "key"), [({"kanal": "merpati"}, "pg_channel"), ({"topik": "cuaca"}, "pg_topic"),
                                             ({"kecamatan": "Atlantis"}, "pg_kecamatan"),
                                             ({"titik": "masuk:1999-01-01"}, "pg_bucket")])
def test_an_unknown_drill_down_value_is_said_and_the_default_shown(sql, params, key):
    at = opened("pages/pengaduan.py", **params)
    assert [w for w in warnings(at) if next(iter(params.values())) in w]
    assert at.selectbox(key=key).value is None
    assert_every_complaint(at, sql)


# -- the other pages' choices

def test_ranking_link_restores_the_order_and_the_opd_explained(sql):
    at = opened("pages/peringkat.py", urut="sejenis", rinci_opd="DINKES")
    assert at.radio(key="peringkat_mode").value == "sejenis"
    assert at.selectbox(key="peringkat_opd").value == "DINKES"
    assert at.subheader[0].value.startswith("Mengapa Dinkes di peringkat")
    assert at.query_params["urut"] == "sejenis" and at.query_params["rinci_opd"] == "DINKES"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_ranking_link_with_an_unknown_opd_explains_no_other_opd(sql, lang):
    at = opened("pages/peringkat.py", rinci_opd="TIDAK-ADA", urut="acak", bahasa=lang)
    assert len([w for w in warnings(at) if "TIDAK-ADA" in w or "acak" in w]) == 2
    assert at.radio(key="peringkat_mode").value == "semua"
    assert at.selectbox(key="peringkat_opd").value is None
    assert not at.subheader  # no "Why is … ranked …" of an OPD nobody asked for


def test_passive_link_restores_thresholds_and_the_opd(sql):
    thresholds = {"hari": "21", "per_pekan": "1.5"}
    passive = _passive_codes(opened("pages/opd_pasif.py", **thresholds), sql)
    other = passive[-1]  # not the first, shown by default
    at = opened("pages/opd_pasif.py", **thresholds, rinci_opd=other)
    assert at.number_input(key="ps_hari").value == 21 and at.number_input(key="ps_pekan").value == 1.5
    assert at.selectbox(key="ps_opd").value == other
    assert at.expander[0].proto.expanded  # a link with thresholds shows them
    assert at.query_params["hari"] == "21" and at.query_params["per_pekan"] == "1.5"


def _passive_codes(at: AppTest, sql) -> list[str]:
    names = dict(sql("SELECT short_name, opd_code FROM ref_opd WHERE active"))
    return [names[n] for n in at.dataframe[0].value["OPD"]]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_passive_link_with_wrong_values_says_so(sql, lang):
    default = opened("pages/opd_pasif.py").number_input(key="ps_hari").value
    at = opened("pages/opd_pasif.py", hari="banyak", seremonial="2", rinci_opd="TIDAK-ADA", bahasa=lang)
    shown = warnings(at)
    assert [w for w in shown if "banyak" in w] and [w for w in shown if "«2»" in w]
    assert [w for w in shown if "TIDAK-ADA" in w]
    assert at.number_input(key="ps_hari").value == default
    assert at.selectbox(key="ps_opd").value is None and not at.code  # no reminder for an OPD nobody asked for


def test_profile_link_restores_every_picker(sql):
    at = opened("pages/profil_opd.py", kode="DINKES", pekan="2026-11-09", konten="layanan",
                pekan_komentar="2026-11-02", sentimen="negative", akhir="2026-10-21")
    values = {k: at.selectbox(key=k).value for k in ("pf_week", "pf_content", "pf_cweek", "pf_sentiment",
                                                      "pf_rank_end")}
    assert values == {"pf_week": "2026-11-09", "pf_content": "layanan", "pf_cweek": "2026-11-02",
                      "pf_sentiment": "negative", "pf_rank_end": "2026-10-21"}
    assert warnings(at) == []


def test_profile_link_with_an_unknown_week_shows_the_whole_period(sql):
    at = opened("pages/profil_opd.py", kode="DINKES", pekan="2020-01-06")
    assert [w for w in warnings(at) if "2020-01-06" in w]
    assert at.selectbox(key="pf_week").value == ""


def test_sentiment_link_with_an_unknown_opd_shows_all_opd_not_the_spike_opd(sql):
    at = opened("pages/sentimen.py", teks_opd="TIDAK-ADA", sumber="surat")
    assert len([w for w in warnings(at) if "TIDAK-ADA" in w or "surat" in w]) == 2
    assert at.selectbox(key="url_teks_opd").value == ""
    assert at.segmented_control(key="url_sumber").value == "komentar"


# -- the sidebar: unknown values are said once; a custom period is kept to the data

@pytest.mark.parametrize(("lang", "said"), [("id", "Tautan ini memuat pilihan yang tidak dikenal"),
                                            ("en", "This link holds choices that do not exist")])
def test_unknown_sidebar_values_are_said_once_and_the_defaults_used(sql, lang, said):
    at = opened("pages/peringkat.py", periode="tahunan", platform="myspace,instagram", jenis="semuanya",
                opd="DLH,TIDAK-ADA", bahasa=lang)
    notice = [w for w in warnings(at) if w.startswith(said)]
    assert len(notice) == 1
    assert all(f"«{v}»" in notice[0] for v in ("tahunan", "myspace", "semuanya", "TIDAK-ADA"))
    assert at.sidebar.selectbox[0].value == "30h" and at.sidebar.radio[0].value == "semua"
    assert at.sidebar.multiselect[0].value == ["DLH"] and at.sidebar.multiselect[1].value == ["instagram"]
    assert at.query_params["opd"] == "DLH" and at.query_params["platform"] == "instagram"
    assert "periode" not in at.query_params and "jenis" not in at.query_params
    at.run()
    assert not [w for w in warnings(at) if w.startswith(said)]


def test_an_unknown_language_is_said_in_indonesian(sql):
    at = opened("pages/peringkat.py", bahasa="fr")
    assert [w for w in warnings(at) if "Bahasa «fr»" in w]
    assert at.title[0].value == "Peringkat OPD" and "bahasa" not in at.query_params


@pytest.mark.parametrize(("lang", "said"), [("id", "Data tersedia mulai {}; periode dipersempit."),
                                            ("en", "Data is available from {}; the period was narrowed.")])
@pytest.mark.parametrize("page", ["pages/pengaduan.py", "pages/ringkasan.py"])
def test_a_custom_period_longer_than_the_data_is_narrowed_and_said(sql, lang, said, page):
    first = sql(FIRST_DAY)[0][0]
    at = opened(page, periode="kustom", dari="1900-01-01", sampai="2100-12-31", bahasa=lang)
    assert [i.value for i in at.info] == [said.format(day(first, lang=lang))]
    assert at.query_params["dari"] == first.isoformat() and at.query_params["sampai"] == TODAY
    assert [d.value for d in at.sidebar.date_input] == [first, date.fromisoformat(TODAY)]
    at.run()
    assert not at.info  # said once


def test_a_custom_period_inside_the_data_is_not_narrowed(sql):
    at = opened("pages/pengaduan.py", periode="kustom", dari="2026-11-01", sampai="2026-11-10")
    assert not at.info and at.query_params["dari"] == "2026-11-01"
    total = sql("SELECT count(*) FROM mart_complaint WHERE received_day BETWEEN DATE '2026-11-01' AND "
                "DATE '2026-11-10'")[0][0]
    assert next(m for m in at.metric if m.label == "Pengaduan masuk").value == number(total)
