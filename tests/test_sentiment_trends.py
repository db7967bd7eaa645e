"""Sentiment trends: weekly shares, the spike rule, masking, texts — checked against plain SQL."""

from datetime import date, timedelta

import duckdb
import pandas as pd
import pytest

from analytics import sentiment_trends as tr
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.norms import Norms

pytestmark = pytest.mark.xdist_group("sample")

END = date(2026, 11, 20)
NORMS = Norms(baseline_weeks=8, spike_sd=2.0, spike_min_comments=20)
LOCAL = "CAST(timezone('Asia/Jakarta', created_at) AS DATE)"


@pytest.fixture(scope="module")
def wh(con):
    return Warehouse(con.cursor())


def weeks(shares: list[float], totals: list[int] | None = None) -> pd.DataFrame:
    """Synthetic weekly rows ending on END, oldest first."""
    totals = totals or [100] * len(shares)
    ends = [END - timedelta(days=7 * (len(shares) - 1 - i)) for i in range(len(shares))]
    return pd.DataFrame({"start": [e - timedelta(days=6) for e in ends], "end": ends,
                         "negative": [round(s * t) for s, t in zip(shares, totals)], "total": totals})


def test_a_clear_spike_is_flagged_and_a_flat_series_is_not():
    flat = tr.flag_spikes(weeks([0.20, 0.22, 0.19, 0.21, 0.20, 0.22, 0.21, 0.20, 0.21, 0.22]), NORMS)
    assert not flat["spike"].any()
    assert flat["judged"].tolist() == [False] * 4 + [True] * 6  # four baseline weeks needed
    jump = tr.flag_spikes(weeks([0.20, 0.22, 0.19, 0.21, 0.20, 0.22, 0.21, 0.20, 0.21, 0.45]), NORMS)
    assert jump["spike"].tolist() == [False] * 9 + [True]
    last = jump.iloc[-1]
    base = pd.Series([0.22, 0.19, 0.21, 0.20, 0.22, 0.21, 0.20, 0.21])  # the previous 8 weeks only
    assert last["baseline_n"] == 8
    assert last["baseline_mean"] == pytest.approx(base.mean())
    assert last["baseline_sd"] == pytest.approx(base.std())
    assert last["threshold"] == pytest.approx(base.mean() + 2 * base.std())


def test_weeks_under_the_minimum_are_neither_judged_nor_a_baseline():
    shares = [0.20, 0.22, 0.19, 0.21, 0.90, 0.21, 0.60]
    out = tr.flag_spikes(weeks(shares, [100, 100, 100, 100, 10, 100, 19]), NORMS)
    assert out["judged"].tolist() == [False, False, False, False, False, True, False]
    assert not out["spike"].any()  # the 60% week has only 19 comments
    assert out.iloc[5]["baseline_n"] == 4  # the 10-comment week is not part of the baseline
    assert out.iloc[5]["baseline_mean"] == pytest.approx((0.20 + 0.22 + 0.19 + 0.21) / 4)


def test_missing_weeks_count_as_weeks_without_comments():
    frame = weeks([0.20, 0.22, 0.19, 0.21, 0.20, 0.21, 0.21, 0.20, 0.20, 0.21, 0.50])
    gap = frame.drop(index=[5, 6, 7, 8, 9]).reset_index(drop=True)  # 5 silent weeks before the last
    out = tr.flag_spikes(gap, NORMS)
    assert out.iloc[-1]["baseline_n"] == 3 and not out.iloc[-1]["judged"]


def test_spikes_are_judged_per_group():
    a = weeks([0.20, 0.21, 0.19, 0.20, 0.21, 0.60]).assign(opd_code="A")
    b = weeks([0.20, 0.21, 0.19, 0.20, 0.21, 0.21]).assign(opd_code="B")
    out = tr.flag_spikes(pd.concat([a, b]), NORMS, "opd_code")
    assert out[out["spike"]]["opd_code"].tolist() == ["A"]


def test_masking_hides_phone_nik_email_and_authors():
    """The rules themselves are tested in tests/test_privacy.py; texts() uses them (analytics.privacy)."""
    text = ("Hubungi 0812-3456-7890 atau +62 812 3456 7890 / 6281234567890, NIK 3201014507900001, "
            "email budi.s@gmail.com. Jalan rusak sejak 12-11-2026, RT 03/RW 08, biaya Rp 1.500.000.")
    masked = tr.mask_text(text)
    assert masked == ("Hubungi 0812****890 atau +62 812****890 / 62812****890, NIK 3201****, "
                      "email b***@gmail.com. Jalan rusak sejak 12-11-2026, RT 03/RW 08, biaya Rp 1.500.000.")
    assert tr.mask_text("3201 0145 0790 0001") == "3201****"
    assert tr.mask_text(None) == ""
    assert tr.mask_author("budi88") == "bu***88"
    assert tr.mask_author("@Salsa Gunawan") == "Sa***an"
    assert tr.mask_author("ani") == "a***i" and tr.mask_author("x") == "x***"
    assert tr.mask_author(None) == tr.mask_author("") == "—"


def sql_weeks(con, start: date, end: date, where: str = "TRUE") -> pd.DataFrame:
    """Comments per 7-day window ending on ``end``, from stg_comment (corrected labels) and local days."""
    return con.execute(f"""
        SELECT date_diff('day', {LOCAL}, ?::DATE) // 7 AS k, count(*) AS total,
               count(*) FILTER (WHERE sentiment = 'negative') AS negative,
               count(*) FILTER (WHERE sentiment = 'positive') AS positive
        FROM stg_comment WHERE {LOCAL} BETWEEN ? AND ? AND {where} GROUP BY 1 ORDER BY 1""",
                       [end, start, end]).df()


def test_weekly_trend_equals_sql(wh, con):
    f = Filters(date(2026, 8, 23), END)
    got = tr.trend(wh, f, Scope.everything(), "komentar", "pekan").sort_values("end", ascending=False)
    want = sql_weeks(con, f.start, f.end)
    assert got["total"].tolist() == want["total"].tolist()
    assert got["negative"].tolist() == want["negative"].tolist()
    assert got["net"].tolist() == pytest.approx(((want["positive"] - want["negative"]) / want["total"]).tolist())
    assert got["end"].iloc[0] == END and got["start"].iloc[0] == END - timedelta(days=6)
    assert got["start"].iloc[-1] == f.start  # the oldest window is cut at the period's start


def test_platform_and_opd_filters_restrict_the_trend(wh, con):
    f = Filters(date(2026, 10, 22), END, opd=("DINKES",), platforms=("instagram",))
    got = tr.trend(wh, f, Scope.everything(), "komentar", "hari")
    want = con.execute(f"""SELECT count(*) FROM stg_comment WHERE {LOCAL} BETWEEN ? AND ?
                           AND opd_code = 'DINKES' AND platform = 'instagram'""", [f.start, f.end]).fetchone()[0]
    assert got["total"].sum() == want > 0
    assert tr.trend(wh, Filters(f.start, f.end), Scope.everything())["total"].sum() > want


def test_complaint_breakdown_by_channel_equals_sql(wh, con):
    f = Filters(date(2026, 8, 23), END, opd=("DPUPR", "DLH", "DINKES"))
    got = tr.summary(wh, f, Scope.everything(), "pengaduan", "kanal").set_index("channel")
    want = con.execute("""SELECT channel, count(*) AS total, count(*) FILTER (WHERE sentiment = 'negative') AS neg
                          FROM mart_complaint WHERE received_day BETWEEN ? AND ?
                          AND opd_code IN ('DPUPR', 'DLH', 'DINKES') AND sentiment IS NOT NULL GROUP BY 1""",
                       [f.start, f.end]).df().set_index("channel")
    assert got["total"].to_dict() == want["total"].to_dict()
    assert got["negative"].to_dict() == want["neg"].to_dict()


def test_whole_view_baseline_equals_sql(wh, con):
    f = Filters(date(2026, 10, 22), END)
    judged = tr.weekly_judged(wh, f, Scope.everything(), NORMS)
    last = judged[judged["end"] == END].iloc[0]
    past = sql_weeks(con, END - timedelta(days=7 * 9 - 1), END)
    shares = (past["negative"] / past["total"])[past["k"].between(1, 8)]
    assert last["baseline_n"] == 8
    assert last["baseline_mean"] == pytest.approx(shares.mean())
    assert last["baseline_sd"] == pytest.approx(shares.std())
    assert judged["end"].min() >= f.start


def test_headline_is_the_last_seven_days_against_the_seven_before(wh, con):
    f = Filters(date(2026, 10, 22), END)
    head = tr.headline(wh, f, Scope.everything())
    want = sql_weeks(con, END - timedelta(days=13), END).set_index("k")
    assert head["this"]["total"] == want.loc[0, "total"]
    assert head["this"]["negative_share"] == pytest.approx(want.loc[0, "negative"] / want.loc[0, "total"])
    assert head["previous"]["total"] == want.loc[1, "total"]
    early = Filters(date(2025, 11, 1), date(2025, 11, 16))  # before the first comment: no baseline
    assert tr.headline(wh, early, Scope.everything())["previous"] is None


def test_texts_are_masked_counted_and_never_show_reporters(wh, con):
    got, total = tr.texts(wh, Filters(END - timedelta(days=29), END), Scope.everything(), "komentar",
                          END - timedelta(days=6), END, "DINSOS", ("negative",))
    want = con.execute(f"""SELECT count(*) FROM stg_comment WHERE {LOCAL} BETWEEN ? AND ?
                           AND opd_code = 'DINSOS' AND sentiment = 'negative'""",
                       [END - timedelta(days=6), END]).fetchone()[0]
    assert total == len(got) == want > 0
    assert got["author"].str.contains(r"\*\*\*").all()
    assert set(got["opd_code"]) == {"DINSOS"} and got["day"].between(END - timedelta(days=6), END).all()
    few, many = tr.texts(wh, Filters(END - timedelta(days=29), END), Scope.everything(), "komentar",
                         END - timedelta(days=6), END, limit=10)
    assert len(few) == 10 < many and few["day"].is_monotonic_decreasing and few["day"].iloc[0] == END
    complaints, n = tr.texts(wh, Filters(END - timedelta(days=29), END), Scope.everything(), "pengaduan",
                             END - timedelta(days=6), END)
    assert n == len(complaints) > 0
    assert not {"name", "phone", "author", "complaint_key"} & set(complaints.columns)


def test_admin_corrections_win(sample_db, tmp_path):
    import shutil

    from etl.corrections import Correction, apply

    db = tmp_path / "w.duckdb"
    shutil.copy(sample_db, db)
    with duckdb.connect(str(db), read_only=True) as c:
        keys = [k for (k,) in c.execute(f"""SELECT comment_key FROM raw_comment WHERE sentiment = 'positive'
                                            AND {LOCAL} BETWEEN ? AND ? ORDER BY comment_key LIMIT 5""",
                                        [END - timedelta(days=6), END]).fetchall()]
    f = Filters(END - timedelta(days=29), END)
    before = tr.headline(Warehouse(duckdb.connect(str(db), read_only=True)), f, Scope.everything())["this"]
    apply(db, [Correction("sentimen", k, "negative", by="admin") for k in keys])
    after = tr.headline(Warehouse(duckdb.connect(str(db), read_only=True)), f, Scope.everything())["this"]
    assert len(keys) == 5
    assert (after["negative"], after["positive"], after["total"]) == \
        (before["negative"] + 5, before["positive"] - 5, before["total"])



def test_every_day_of_a_period_lies_in_one_of_its_weeks(wh):
    for start in (END - timedelta(days=6), END - timedelta(days=29), END - timedelta(days=30), date(2026, 8, 23)):
        ends = tr.week_ends(start, END)
        assert ends[0] == END and ends[-1] >= start > ends[-1] - timedelta(days=7)
        assert [(END - e).days for e in ends] == list(range(0, 7 * len(ends), 7))
        judged = tr.weekly_judged(wh, Filters(start, END), Scope.everything(), NORMS)
        assert set(judged["end"]) <= set(ends)  # the spike chart's weeks are among the texts' weeks
        for k in range((END - start).days + 1):
            d = start + timedelta(days=k)
            week = tr.week_of(d, END)
            assert week in ends and week - timedelta(days=6) <= d <= week
    assert tr.week_of(END - timedelta(days=7), END) == END - timedelta(days=7)  # a week's last day
    assert tr.week_of(END - timedelta(days=13), END) == END - timedelta(days=7)  # and its first day
    assert tr.week_of(END + timedelta(days=1), END) == END


def test_a_clicked_point_picks_its_week_sentiment_and_opd():
    # A daily bar (stacked shares): the week holding the day and the bar's sentiment, all OPDs.
    bar = {"x": "2026-11-09", "y": 0.4, "curve_number": 1, "point_index": 3,
           "customdata": ["2026-11-09", "negative", "", 25]}
    assert tr.drill(bar, END) == {"pekan": "2026-11-13", "teks_sentimen": ["negative"], "teks_opd": ""}
    # The net-sentiment line: all sentiments.
    net = {"x": "2026-11-20", "y": 0.1, "curve_number": 3, "point_index": 29, "customdata": ["2026-11-20", "", ""]}
    assert tr.drill(net, END) == {"pekan": "2026-11-20", "teks_sentimen": list(tr.SENTIMENTS), "teks_opd": ""}
    # A point of the per-OPD chart: its OPD and negative texts; the period's first day is in the oldest week.
    opd = {"x": "2026-10-22", "curve_number": 0, "point_index": 0, "customdata": ["2026-10-22", "negative", "DINKES"]}
    assert tr.drill(opd, END) == {"pekan": "2026-10-23", "teks_sentimen": ["negative"], "teks_opd": "DINKES"}
    assert date(2026, 10, 23) in tr.week_ends(date(2026, 10, 22), END)
    # A week of the spike chart picks only the week; Plotly may send a lone customdata value as a scalar.
    assert tr.drill({"x": "2026-11-13", "customdata": ["2026-11-13"]}, END) == {"pekan": "2026-11-13"}
    assert tr.drill({"x": "2026-11-13", "customdata": "2026-11-13"}, END) == {"pekan": "2026-11-13"}
    assert tr.drill({"x": "2026-11-13 00:00"}, END) == {"pekan": "2026-11-13"}
    assert tr.drill({"x": None}, END) == {}


def test_spike_list_in_english_keeps_the_figures():
    found = pd.DataFrame({"start": [date(2026, 11, 14)], "end": [END], "opd_code": [None],
                          "negative_share": [0.456], "baseline_mean": [0.2], "baseline_sd": [0.031], "total": [1234]})
    indonesian = tr.spike_list(found, {})
    english = tr.spike_list(found, {}, "en")
    assert indonesian.columns.tolist() == ["pekan", "OPD", "porsi negatif", "pembanding (rata-rata ± sd)", "jumlah"]
    assert english.columns.tolist() == ["week", "Agency (OPD)", "negative share", "baseline (mean ± sd)", "count"]
    assert indonesian.iloc[0].tolist() == ["14 Nov 2026 – 20 Nov 2026", "Semua OPD", "45,6%", "20,0% ± 3,1 poin",
                                           "1.234"]
    assert english.iloc[0].tolist() == ["14 Nov 2026 – 20 Nov 2026", "All agencies", "45.6%", "20.0% ± 3.1 points",
                                        "1,234"]  # the same figures, written the English way
