"""analytics.complaint_trends against plain SQL on the sample warehouse."""

from datetime import date, timedelta

import pandas as pd
import pytest

from analytics import complaint_trends as ct
from analytics.complaints import overdue, overdue_by_opd, overdue_count
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.labels import REVIEW_BELOW
from analytics.norms import Norms, read_norms
from ui.drill import custom

pytestmark = pytest.mark.xdist_group("sample")
TODAY = date(2026, 11, 20)
MONTH = Filters(date(2026, 10, 22), TODAY)
QUARTER = Filters(date(2026, 8, 23), TODAY)
NAMES = ["Cikaret", "Sukamaju", "Sukaresmi"]


@pytest.fixture
def wh(con):
    return Warehouse(con.cursor())


def scalar(con, query: str, *params):
    return con.execute(query, list(params)).fetchall()[0][0]


@pytest.mark.parametrize(("area", "expected"), [
    ("Sukaresmi", "Sukaresmi"), ("Kecamatan Sukaresmi, Kabupaten Sukamaju", "Sukaresmi"),
    ("KEC. CIKARET", "Cikaret"), ("Kabupaten Sukamaju", "Tidak diketahui"), ("Desa Sukamaju", "Tidak diketahui"),
    ("Kp. Babakan, Cikaret", "Cikaret"), ("Jl. Raya Cikaret no 5", "Cikaret"), ("Bandung", "Tidak diketahui"),
    ("", "Tidak diketahui"), (None, "Tidak diketahui"),
])
def test_kecamatan_of(area, expected):
    assert ct.kecamatan_of(area, NAMES) == expected


def test_labels_are_readable():
    assert ct.topic_label("banjir_drainase") == "Banjir & drainase"
    assert ct.topic_label("topik_baru") == "Topik baru"
    assert ct.channel_label("lapor") == "SP4N-LAPOR!" and ct.channel_label("x") == "x"


def test_headline_matches_sql(wh, con):
    h = ct.headline(wh, MONTH, Scope.everything(), Norms(), TODAY)
    received = scalar(con, "SELECT count(*) FROM mart_complaint WHERE received_day BETWEEN ? AND ?",
                      MONTH.start, MONTH.end)
    before = scalar(con, "SELECT count(*) FROM mart_complaint WHERE received_day BETWEEN ? AND ?",
                    date(2026, 9, 22), date(2026, 10, 21))
    median = scalar(con, """SELECT median(f.workday_no - r.workday_no) FROM mart_complaint c
                            JOIN mart_workday r ON r.day = c.received_day
                            JOIN mart_workday f ON f.day = c.first_response_day
                            WHERE c.received_day BETWEEN ? AND ?""", MONTH.start, MONTH.end)
    assert h["now"]["received"] == received and h["previous"]["received"] == before
    assert h["now"]["median_response_days"] == pytest.approx(median)
    assert h["overdue"] == len(overdue(wh, MONTH, Scope.everything(), Norms(), TODAY))


AS_OF_SQL = """
WITH t AS (SELECT workday_no AS wd FROM mart_workday WHERE day = CAST(? AS DATE)),
c AS (SELECT c.*, t.wd - c.received_wd AS age,
             CASE WHEN c.channel = '112' THEN 1 WHEN c.topic IN ('banjir_drainase', 'kesehatan') THEN 2
                  ELSE 3 END AS rn,
             CASE c.complexity WHEN 'ringan' THEN 2 WHEN 'normatif' THEN 5 WHEN 'tanpa_audit' THEN 14
                               WHEN 'audit' THEN 60 ELSE 14 END AS sn
      FROM mart_complaint c, t WHERE c.received_day <= CAST(? AS DATE))
SELECT count(*) FROM c
WHERE NOT (coalesce(resolved_day <= CAST(? AS DATE), FALSE) OR (NOT is_open AND resolved_day IS NULL))
  AND ((coalesce(first_response_day > CAST(? AS DATE), TRUE) AND age > rn) OR age > sn)
"""


@pytest.mark.parametrize("days_before", [0, 10, 45])
def test_overdue_as_of_a_day_is_rebuilt_from_the_timestamps(wh, con, days_before):
    """One definition: overdue now is overdue as of today; an earlier day counts what was open then."""
    day = TODAY - timedelta(days=days_before)
    expected = con.execute(AS_OF_SQL, [day] * 4).fetchall()[0][0]
    norms = read_norms()  # data/norma.toml, as AS_OF_SQL writes it out
    assert overdue_count(wh, MONTH, Scope.everything(), norms, day) == expected > 0
    if not days_before:
        assert expected == len(overdue(wh, MONTH, Scope.everything(), norms, TODAY))


def test_overdue_list_limit_keeps_the_oldest_and_counts_match(wh):
    every = overdue(wh, MONTH, Scope.everything(), Norms(), TODAY)
    oldest = overdue(wh, MONTH, Scope.everything(), Norms(), TODAY, limit=5)
    assert list(oldest["complaint_key"]) == list(every["complaint_key"].head(5))
    per_opd = overdue_by_opd(wh, MONTH, Scope.everything(), Norms(), TODAY)
    assert per_opd.sum() == len(every)


def test_no_baseline_before_the_data(wh, con):
    first = scalar(con, "SELECT min(received_day) FROM mart_complaint")
    h = ct.headline(wh, Filters(first, date(2025, 12, 20)), Scope.everything(), Norms(), TODAY)
    assert h["previous"] is None and h["now"]["received"] > 0


def test_trend_counts_received_and_resolved(wh, con):
    daily = ct.trend(wh, MONTH, Scope.everything())
    weekly = ct.trend(wh, QUARTER, Scope.everything())
    assert len(daily) == 30 and ct.bucket_size(QUARTER) == "week"
    for frame, f in ((daily, MONTH), (weekly, QUARTER)):
        assert frame["received"].sum() == scalar(
            con, "SELECT count(*) FROM mart_complaint WHERE received_day BETWEEN ? AND ?", f.start, f.end)
        assert frame["resolved"].sum() == scalar(
            con, "SELECT count(*) FROM mart_complaint WHERE resolved_day BETWEEN ? AND ?", f.start, f.end)
    assert all(d.weekday() == 0 for d in weekly["period"])


def test_per_channel_and_opd_filter(wh, con):
    f = Filters(MONTH.start, MONTH.end, opd=("DLH",))
    out = ct.per_channel(wh, f, Scope.everything(), Norms(), TODAY).set_index("channel")
    rows = con.execute("""SELECT channel, count(*) FROM mart_complaint WHERE opd_code = 'DLH'
                          AND received_day BETWEEN ? AND ? GROUP BY 1""", [f.start, f.end]).fetchall()
    assert {k: v for k, v in out["received"].items() if v} == dict(rows)
    assert out["overdue"].sum() == len(overdue(wh, f, Scope.everything(), Norms(), TODAY))


def test_topic_area_uses_registered_kecamatan(wh, con):
    out = ct.topic_area(wh, MONTH, Scope.everything())
    kecamatan = {r[0] for r in con.execute("SELECT name FROM ref_region WHERE kind = 'kecamatan'").fetchall()}
    assert set(out["kecamatan"]) <= kecamatan | {"Tidak diketahui"}
    assert out["n"].sum() == scalar(con, "SELECT count(*) FROM mart_complaint WHERE received_day BETWEEN ? AND ?",
                                    MONTH.start, MONTH.end)
    assert not any("_" in t for t in out["topic"])


def test_details_and_overdue_list(wh, con):
    rows = ct.details(wh, MONTH, Scope.everything(), Norms(), TODAY, opd="DLH", topic="Sampah & kebersihan")
    expected = scalar(con, """SELECT count(*) FROM mart_complaint WHERE opd_code = 'DLH'
                              AND topic = 'sampah_kebersihan' AND received_day BETWEEN ? AND ?""",
                      MONTH.start, MONTH.end)
    assert len(rows) == expected > 0
    assert not {"name", "phone", "text"} & set(rows.columns)
    on_time = rows[rows["sla"] == "Tepat waktu"]
    assert (on_time["response_days"] <= on_time["response_norm"]).all()
    late = ct.overdue_list(wh, MONTH, Scope.everything(), Norms(), TODAY)
    assert set(late["norm"].str.split().str[0]) <= {"tanggapan", "penyelesaian"}


def test_a_topic_the_model_was_unsure_of_reads_perlu_dicek_in_the_list(wh, con):
    """The filter reads the model's topic (the rows are those the heatmap counts); the list shows "Perlu dicek"
    for the ones below analytics.labels.REVIEW_BELOW. The topic is the month's with most such complaints."""
    code = scalar(con, """SELECT topic FROM mart_complaint WHERE topic_confidence < ? AND received_day BETWEEN ? AND ?
                          GROUP BY topic ORDER BY count(*) DESC, topic LIMIT 1""", REVIEW_BELOW, MONTH.start, MONTH.end)
    rows = ct.details(wh, MONTH, Scope.everything(), Norms(), TODAY, topic=ct.topic_label(code))
    unsure = scalar(con, """SELECT count(*) FROM mart_complaint WHERE topic = ?
                            AND topic_confidence < ? AND received_day BETWEEN ? AND ?""",
                    code, REVIEW_BELOW, MONTH.start, MONTH.end)
    assert len(rows) == scalar(con, """SELECT count(*) FROM mart_complaint WHERE topic = ?
                                       AND received_day BETWEEN ? AND ?""", code, MONTH.start, MONTH.end)
    assert (rows["topic"] == "Perlu dicek").sum() == unsure > 0
    assert set(rows["topic"]) <= {ct.topic_label(code), "Perlu dicek"}
    english = ct.details(wh, MONTH, Scope.everything(), Norms(), TODAY, topic=ct.topic_label(code, "en"), lang="en")
    assert (english["topic"] == "To check").sum() == unsure


def test_labels_follow_the_language():
    assert ct.topic_label("banjir_drainase", "en") == "Flooding & drainage"
    assert ct.channel_label("tatap_muka", "en") == "In person" and ct.channel_label("x", "en") == "x"
    assert ct.status_label("selesai", "en") == "Resolved" and ct.status_label("selesai") == "Selesai"
    assert ct.status_label("diproses", "en") == "In progress" and ct.status_label("lain", "en") == "lain"
    assert ct.kecamatan_of("Bandung", NAMES, "en") == "Unknown"
    assert ct.kecamatan_of("KEC. CIKARET", NAMES, "en") == "Cikaret"


def test_english_rows_are_the_same_rows(wh):
    args = (wh, MONTH, Scope.everything(), Norms(), TODAY)
    rows_id, rows_en = ct.details(*args), ct.details(*args, lang="en")
    assert list(rows_en["complaint_key"]) == list(rows_id["complaint_key"])
    assert set(rows_en["sla"]) <= {"On time", "Late", "No response", "Overdue, not answered",
                                   "Not answered yet (within the deadline)"}
    assert set(rows_en["status_label"]) <= {"New", "Verified", "In progress", "Resolved", "Closed", "Rejected"}
    assert "Not yet assigned" in set(rows_en["short_name"]) and "Belum didisposisikan" in set(rows_id["short_name"])
    late_id, late_en = ct.overdue_list(*args), ct.overdue_list(*args, lang="en")
    assert len(late_en) == len(late_id) > 0
    assert set(late_en["norm"].str.split().str[0]) == {"response", "resolution"}
    assert (late_en["norm"].str.split().str[1] == late_id["norm"].str.split().str[1]).all()  # same days
    area_id, area_en = ct.topic_area(wh, MONTH, Scope.everything()), ct.topic_area(wh, MONTH, Scope.everything(), "en")
    assert area_en["n"].sum() == area_id["n"].sum() and "Waste & cleanliness" in set(area_en["topic"])
    assert set(ct.per_channel(*args, lang="en")["label"]) == {"Call centre 112", "Complaint app", "SP4N-LAPOR!",
                                                              "Social media", "WhatsApp"}


@pytest.mark.parametrize(("filters", "first", "days"), [
    (MONTH, date(2026, 11, 9), (date(2026, 11, 9), date(2026, 11, 9))),  # a day
    (QUARTER, date(2026, 8, 17), (date(2026, 8, 23), date(2026, 8, 23))),  # a week begun before the period
    (QUARTER, date(2026, 9, 21), (date(2026, 9, 21), date(2026, 9, 27))),
    (QUARTER, date(2026, 11, 16), (date(2026, 11, 16), date(2026, 11, 20))),  # a week not over yet
])
def test_details_of_a_trend_point_are_the_rows_it_counts(wh, con, filters, first, days):
    points = ct.trend(wh, filters, Scope.everything()).set_index("period")
    for kind, column in (("received", "received_day"), ("resolved", "resolved_day")):
        rows = ct.details(wh, filters, Scope.everything(), Norms(), TODAY, bucket=ct.bucket_key(kind, first))
        expected = con.execute(f"SELECT complaint_key FROM mart_complaint WHERE {column} BETWEEN ? AND ?",
                               list(days)).fetchall()
        assert sorted(rows["complaint_key"]) == sorted(r[0] for r in expected)
        assert len(rows) == points.loc[pd.Timestamp(first), kind]
    assert len(rows) > 0 or first == date(2026, 8, 17)


def test_resolved_point_includes_complaints_received_before_the_period(wh, con):
    f = Filters(QUARTER.start, QUARTER.end, opd=("DLH",))
    rows = ct.details(wh, f, Scope.everything(), Norms(), TODAY, channel="whatsapp",
                      bucket="resolved:2026-11-16")
    expected = con.execute("""SELECT complaint_key, received_day FROM mart_complaint WHERE opd_code = 'DLH'
                              AND channel = 'whatsapp' AND resolved_day BETWEEN ? AND ?""",
                           [date(2026, 11, 16), TODAY]).fetchall()
    assert sorted(rows["complaint_key"]) == sorted(r[0] for r in expected) != []
    every = ct.details(wh, QUARTER, Scope.everything(), Norms(), TODAY, bucket="resolved:2026-11-16")
    assert (every["received_day"] < pd.Timestamp(QUARTER.start)).any()


def test_bucket_choices_name_the_days_of_each_point():
    choices = ct.bucket_choices(QUARTER, [date(2026, 8, 17), pd.Timestamp("2026-11-16")], "en")
    assert choices == {"received:2026-08-17": "Received 23 Aug", "received:2026-11-16": "Received 16 Nov – 20 Nov",
                       "resolved:2026-08-17": "Resolved 23 Aug", "resolved:2026-11-16": "Resolved 16 Nov – 20 Nov"}
    assert ct.bucket_choices(MONTH, [date(2026, 11, 9)]) == {"received:2026-11-09": "Masuk 9 Nov",
                                                             "resolved:2026-11-09": "Selesai 9 Nov"}
    with pytest.raises(ValueError):
        ct.bucket_period(MONTH, "open:2026-11-09")


def test_a_clicked_point_gives_the_pickers_values():
    choices = ct.bucket_choices(MONTH, pd.date_range(MONTH.start, MONTH.end))
    point = {"x": "2026-11-09", "y": 22, "curve_number": 1, "point_index": 18,
             "customdata": ["resolved", "2026-11-09"]}
    assert ct.trend_pick(custom(point, 0), custom(point, 1), choices) == "resolved:2026-11-09"
    outside = {**point, "customdata": ["resolved", "2026-12-01"]}
    assert ct.trend_pick(custom(outside, 0), custom(outside, 1), choices) is None
    cell = {"x": "Cikaret", "y": "Banjir & drainase", "z": 3, "curve_number": 0, "point_index": [0, 2],
            "customdata": ["Banjir & drainase", "Cikaret"]}
    assert ct.cell_pick(custom(cell, 0), custom(cell, 1), ["Banjir & drainase"], NAMES) == ("Banjir & drainase",
                                                                                            "Cikaret")
    assert ct.cell_pick(custom(cell, 0), custom(cell, 1), ["Kesehatan"], NAMES) == (None, "Cikaret")


def test_sla_rules_name_the_norms_in_either_language():
    norms = Norms()
    indonesian, english = ct.sla_rules(norms, "id"), ct.sla_rules(norms, "en")
    assert f"tanggapan pertama {norms.first_response_days} hari kerja" in indonesian
    assert "hari kerja" not in english and "working days" in english
    for days in norms.resolution_days.values():
        assert f" {days}" in english
