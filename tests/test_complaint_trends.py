"""analytics.complaint_trends against plain SQL on the sample warehouse."""

from datetime import date

import pytest

from analytics import complaint_trends as ct
from analytics.complaints import overdue, overdue_by_opd
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.norms import Norms

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


def test_overdue_as_of_today_equals_overdue_now(wh):
    now = ct.overdue_as_of(wh, MONTH, Scope.everything(), Norms(), TODAY)
    assert now == len(overdue(wh, MONTH, Scope.everything(), Norms(), TODAY)) > 0


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
