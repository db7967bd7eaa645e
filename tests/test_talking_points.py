"""Every generated sentence appears when the data supports it and not otherwise (briefing talking points,
passive reasons, period comparisons)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics.briefing import Figure, talking_points, with_data
from analytics.context import Filters, period
from analytics.norms import Norms
from analytics.passive import criteria, slow_opd

NORMS = Norms()
NO_FIGURES = {"negative_share": Figure(None, None), "overdue": Figure(0.0, None)}


def league(*rows: dict) -> pd.DataFrame:
    """A league table of OPD with these figures (everything else neutral, ranked in the given order)."""
    base = {"posts": 10, "posts_per_week": 2.5, "kinerja": 5, "layanan": 3, "seremonial": 2, "received": 0,
            "comments_n": 0, "coverage": 1.0, "skor": 70.0, "overdue": 0}
    columns = [*base, "opd_code", "name", "short_name"]
    return pd.DataFrame([{**base, "opd_code": f"OPD{i}", "name": f"Dinas {i}", "short_name": f"D{i}", **r}
                         for i, r in enumerate(rows)], columns=columns).astype({"opd_code": "str"})


def quiet(codes: dict[str, float | None], ceremonial: set[str] = frozenset()) -> pd.DataFrame:
    return pd.DataFrame({"opd_code": pd.Series(list(codes), dtype="str"),
                         "days_since_last_post": pd.Series(list(codes.values()), dtype="float64"),
                         "ceremonial": [c in ceremonial for c in codes], "short_name": [f"D{c[3:]}" for c in codes]})


NO_QUIET = quiet({})
NO_RISING = pd.DataFrame(columns=["topic", "now", "before", "change", "top_area"])
NO_LATE = pd.Series(dtype="int64")
FRESH = pd.DataFrame({"source": ["postingan"], "name": ["facebook"], "latest": [date(2026, 11, 20)],
                      "days_behind": pd.array([0], dtype="Int64"), "stale": [False]})


def points(lg=None, qt=NO_QUIET, rising=NO_RISING, late=NO_LATE, fresh=FRESH, figures=None, lang="id") -> str:
    lg = league() if lg is None else lg
    return "\n".join(talking_points(lg, qt, rising, late, fresh, figures or NO_FIGURES, NORMS, lang))


def test_no_league_no_activity_or_ranking_sentence():
    said = points(league())
    assert "OPD (" not in said and "teratas" not in said


def test_activity_sentence_counts_posting_opd_and_the_norm():
    said = points(league({}, {"posts": 0, "posts_per_week": 0.0}, {"posts_per_week": 1.0}))
    assert said.startswith("2 dari 3 OPD (67%) mengunggah konten dalam periode ini; 1 OPD memenuhi norma")


def test_top_three_only_from_opd_with_data_in_the_period():
    with_posts = league({}, {}, {})
    assert "Tiga OPD teratas periode ini: D0, D1, D2." in points(with_posts)
    coverage_only = league(*[{"posts": 0, "posts_per_week": 0.0}] * 3)  # a score from account coverage alone
    assert len(with_data(coverage_only)) == 0
    assert "teratas" not in points(coverage_only)
    two = league({}, {}, {"posts": 0, "posts_per_week": 0.0})
    assert "teratas" not in points(two)


def test_silent_never_and_no_account_sentences():
    lg = league({}, {"posts": 0, "posts_per_week": 0.0}, {"posts": 0, "posts_per_week": 0.0, "coverage": 0.0})
    said = points(lg, quiet({"OPD1": 40.0, "OPD2": None}))
    assert "Dinas 1 belum mengunggah konten selama 40 hari." in said
    assert "Dinas 2 belum memiliki akun media sosial resmi di platform wajib." in said
    lg.loc[2, "coverage"] = 1.0
    assert "Dinas 2 belum pernah mengunggah konten." in points(lg, quiet({"OPD2": None}))
    assert "belum" not in points(league({}), quiet({}))  # everyone posted


def test_rising_and_new_topic_sentences():
    rising = pd.DataFrame({"topic": ["jalan_jembatan"], "now": [12], "before": [6], "change": [1.0],
                           "top_area": ["Cibeureum"]})
    said = points(rising=rising)
    assert ("Pengaduan jalan & jembatan naik 100% dibanding periode sebelumnya (6 → 12), terbanyak di "
            "Kecamatan Cibeureum.") in said
    new = rising.assign(before=[0], change=[float("nan")], top_area=[None])
    assert "Pengaduan jalan & jembatan muncul 12 kali (periode sebelumnya tidak ada)." in points(rising=new)
    assert "Pengaduan" not in points()


def test_overdue_sentence_uses_the_overdue_figure_and_the_worst_opd():
    lg = league({}, {})
    late = pd.Series({"OPD1": 7, "OPD0": 3, None: 2})
    said = points(lg, late=late, figures={**NO_FIGURES, "overdue": Figure(12.0, None)})
    assert "12 pengaduan terbuka lewat batas waktu, kapan pun diterima; terbanyak di D1 (7)." in said
    assert "lewat batas" not in points(lg, late=pd.Series({None: 2}))  # only unassigned: no OPD to name


def test_negative_sentence_with_and_without_a_baseline():
    said = points(figures={**NO_FIGURES, "negative_share": Figure(0.2346, 0.20)})
    assert "Porsi komentar negatif 7 hari terakhir 23,5% (7 hari sebelumnya 20,0%)." in said
    assert "Porsi komentar negatif 7 hari terakhir 23,5%." in points(
        figures={**NO_FIGURES, "negative_share": Figure(0.2346, None)})
    assert "negatif" not in points()


def test_ceremonial_sentence_from_the_passive_criterion():
    said = points(league({}, {}), quiet({"OPD1": 2.0}, ceremonial={"OPD1"}))
    assert "1 OPD didominasi konten seremonial (≥ 80%), mis. D1." in said
    assert "seremonial" not in points(league({}, {}), quiet({"OPD1": 2.0}))


def test_stale_and_missing_data_sentences():
    fresh = pd.DataFrame({"source": ["postingan", "pengaduan"], "name": ["tiktok", "lapor"],
                          "latest": [date(2026, 11, 1), None], "days_behind": pd.array([19, None], dtype="Int64"),
                          "stale": [True, True]})
    assert "Data pengaduan SP4N-LAPOR! belum ada; mohon unggah ekspornya." in points(fresh=fresh)
    assert "Data postingan TikTok terakhir 19 hari lalu; mohon perbarui ekspor." in points(fresh=fresh.iloc[:1])
    assert "Data " not in points()


def test_sentences_in_english():
    said = points(league({}, {"posts": 0, "posts_per_week": 0.0}), lang="en")
    assert said.startswith("1 of 2 agencies (50%) posted in this period")


def test_passive_criteria_and_slow_complaint_handling_are_separate():
    lg = league({"posts": 10, "posts_per_week": 2.5, "seremonial": 9},  # ceremonial
                {"posts": 2, "posts_per_week": 0.5, "seremonial": 2},  # few posts; too few to judge the share
                {"overdue": 9})  # slow on complaints, posting fine
    judged = criteria(lg, NORMS)
    assert list(judged["ceremonial"]) == [True, False, False]
    assert list(judged["few_posts"]) == [False, True, False]
    assert list(slow_opd(lg, NORMS)["opd_code"]) == ["OPD2"]
    assert slow_opd(lg, Norms(passive_overdue=0)).empty


@pytest.mark.parametrize(("preset", "today", "now", "before"), [
    ("bulan_lalu", date(2026, 11, 20), (date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 9, 1), date(2026, 9, 30))),
    ("bulan_ini", date(2026, 11, 20), (date(2026, 11, 1), date(2026, 11, 20)), (date(2026, 10, 1), date(2026, 10, 20))),
    ("bulan_ini", date(2026, 3, 31), (date(2026, 3, 1), date(2026, 3, 31)), (date(2026, 2, 1), date(2026, 2, 28))),
    ("bulan_lalu", date(2026, 1, 5), (date(2025, 12, 1), date(2025, 12, 31)), (date(2025, 11, 1), date(2025, 11, 30))),
    ("30h", date(2026, 11, 20), (date(2026, 10, 22), date(2026, 11, 20)), (date(2026, 9, 22), date(2026, 10, 21))),
])
def test_period_names_mean_what_they_say(preset, today, now, before):
    """"Bulan lalu" is the previous calendar month, compared with the month before it; rolling windows
    compare with the days of equal length before."""
    start, end = period(preset, today)
    assert (start, end) == now
    previous = Filters(start, end).previous()
    assert (previous.start, previous.end) == before
