"""analytics.fmt: one style per context, Indonesian by default and English with lang="en"."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd

from analytics.fmt import EMPTY, FULL, MONTH, SHORT, WEEKDAY, day, day_range, duration, moment, number, percent

FRIDAY = date(2026, 12, 4)


def test_numbers_and_shares():
    assert (number(1234.5, 1), number(1234.5, 1, lang="en")) == ("1.234,5", "1,234.5")
    assert (number(1234567), number(1234567, lang="en")) == ("1.234.567", "1,234,567")
    assert number(-0.04, 1) == "0,0"  # never "-0,0"
    assert (percent(0.758, 1), percent(0.758, 1, lang="en")) == ("75,8%", "75.8%")  # no space before %


def test_days_in_each_style():
    assert [day(FRIDAY, s) for s in (FULL, SHORT, WEEKDAY, MONTH)] == ["4 Des 2026", "4 Des", "Jum, 4 Des 2026",
                                                                      "Des 2026"]
    assert [day(FRIDAY, s, lang="en") for s in (FULL, SHORT, WEEKDAY, MONTH)] == ["4 Dec 2026", "4 Dec",
                                                                                 "Fri, 4 Dec 2026", "Dec 2026"]
    assert day(date(2026, 8, 17)) == "17 Agu 2026" and day("2026-05-01", lang="en") == "1 May 2026"
    assert day(pd.Timestamp("2026-10-09")) == "9 Okt 2026"
    assert day_range(date(2026, 11, 1), FRIDAY) == "1 Nov 2026 – 4 Des 2026"


def test_moments_and_durations():
    at = datetime(2026, 12, 4, 14, 5, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert (moment(at), moment(at, lang="en")) == ("4 Des 2026 14.05 WIB", "4 Dec 2026 14:05 WIB")
    assert moment(datetime(2026, 12, 4, 9, 0)) == "4 Des 2026 09.00"
    assert (duration(3.5), duration(3.5, lang="en"), duration(1, 0, lang="en")) == (
        "3,5 hari kerja", "3.5 working days", "1 working day")


def test_every_missing_value_is_a_dash():
    for missing in (None, float("nan"), pd.NaT, pd.NA):
        assert {number(missing), percent(missing), day(missing), moment(missing), duration(missing)} == {EMPTY}
