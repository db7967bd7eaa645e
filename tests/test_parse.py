"""The value parsers, and their agreement with the DuckDB fast paths."""

from datetime import UTC, datetime, timedelta, timezone

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.parse import (
    fixed_offset_seconds,
    parse_count,
    parse_duration,
    parse_number,
    parse_timestamp,
    sql_count,
    sql_timestamp,
    timestamp_candidates,
)

WIB = timezone(timedelta(hours=7))


@pytest.mark.parametrize(("raw", "expected"), [
    ("1.234", 1234), ("1.234,5", 1234.5), ("1,2 rb", 1200), ("1,5 jt", 1_500_000), ("1.2K", 1200),
    ("18,400", 18400), ("38%", 38), ("0", 0), ("1.234.567", 1_234_567), ("1,234,567", 1_234_567),
    ("2,5 ribu", 2500), ("3M", 3_000_000), (" 12 ", 12), ("-", None), ("", None), ("abc", None),
    ("1..2", None), ("1.23.4", None), ("12 kg", None), (None, None),
])
def test_parse_number(raw, expected):
    assert parse_number(raw) == expected


def test_parse_count_rejects_negative_and_rounds():
    assert parse_count("-5") is None
    assert parse_count("1,2 rb") == 1200
    assert parse_count("1.5") == 2


@pytest.mark.parametrize(("raw", "expected"), [
    ("0:12", 12), ("1:02:03", 3723), ("0:03:12", 192), ("12", 12), ("12s", 12), ("1:xx", None), ("", None),
])
def test_parse_duration(raw, expected):
    assert parse_duration(raw) == expected


@pytest.mark.parametrize(("raw", "order", "expected"), [
    ("21/11/2022", "dmy", datetime(2022, 11, 21, tzinfo=WIB)),
    ("21-11-2022 08.30", "dmy", datetime(2022, 11, 21, 8, 30, tzinfo=WIB)),
    ("Senin, 21 November 2022", "dmy", datetime(2022, 11, 21, tzinfo=WIB)),
    ("21 Nov 2022", "dmy", datetime(2022, 11, 21, tzinfo=WIB)),
    ("21 Mei 2026 pukul 08.30 WIB", "dmy", datetime(2026, 5, 21, 8, 30, tzinfo=WIB)),
    ("Jum'at, 1 Agustus 2025", "dmy", datetime(2025, 8, 1, tzinfo=WIB)),
    ("03/27/2026 06:08", "mdy", datetime(2026, 3, 27, 6, 8, tzinfo=WIB)),
    ("03/04/2026", "mdy", datetime(2026, 3, 4, tzinfo=WIB)),
    ("03/04/2026", "dmy", datetime(2026, 4, 3, tzinfo=WIB)),
    ("Sat, Sep 12, 2026", "mdy", datetime(2026, 9, 12, tzinfo=WIB)),
    ("Oct 3, 2026", "mdy", datetime(2026, 10, 3, tzinfo=WIB)),
    ("Sep 12, 2026, 6:30 PM", "mdy", datetime(2026, 9, 12, 18, 30, tzinfo=WIB)),
    ("2026-09-18 12:00 +0000", "mdy", datetime(2026, 9, 18, 12, 0, tzinfo=UTC)),
    ("2026-11-21T08:30:00+07:00", "dmy", datetime(2026, 11, 21, 8, 30, tzinfo=WIB)),
    ("2026-11-21 08:30 WITA", "dmy", datetime(2026, 11, 21, 8, 30, tzinfo=timezone(timedelta(hours=8)))),
    ("31/02/2026", "dmy", None), ("kemarin", "dmy", None), ("21/11/22", "dmy", None),
])
def test_parse_timestamp(raw, order, expected):
    got = parse_timestamp(raw, "Asia/Jakarta", order)
    assert got == expected
    assert got is None or got.tzinfo is not None


def test_naive_times_follow_the_configured_zone():
    wit = parse_timestamp("21/11/2026 08:30", "Asia/Jayapura")
    assert wit == datetime(2026, 11, 20, 23, 30, tzinfo=UTC)


def _id_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_round_trip(n):
    assert parse_count(_id_number(n)) == n
    assert parse_count(f"{n:,}") == n
    assert parse_count(str(n)) == n


def _fast(con, sql: str, raw: str, **params):
    used = {k: v for k, v in params.items() if f"${k}" in sql}
    return con.execute(f"SELECT {sql}", {"v": raw, **used}).fetchall()[0][0]


@settings(max_examples=60, deadline=None)
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)))
def test_fast_path_agrees_with_python_on_dates(moment):
    con = CON
    cases = [("dmy", "%d/%m/%Y %H:%M"), ("mdy", "%m/%d/%Y %H:%M"), ("dmy", "%Y-%m-%d %H:%M:%S"),
             ("mdy", "%b %d, %Y"), ("mdy", "%a, %b %d, %Y"), ("dmy", "%d-%m-%Y %H:%M")]
    for order, fmt in cases:
        text = moment.strftime(fmt)
        slow = parse_timestamp(text, "Asia/Jakarta", order)
        for offset in (None, 7 * 3600):  # ICU zone lookup, or the fixed offset of WIB
            fast = _fast(con, sql_timestamp("$v", ("naive", fmt), "$tz", offset), text, tz="Asia/Jakarta")
            assert fast is not None and slow is not None
            assert fast.astimezone(UTC) == slow
    zoned = moment.strftime("%Y-%m-%dT%H:%M:00+07:00")
    fast = _fast(con, sql_timestamp("$v", ("iso-offset", ""), "$tz"), zoned)
    assert fast.astimezone(UTC) == parse_timestamp(zoned)


def test_every_candidate_format_is_read_by_python_too():
    moment = datetime(2026, 3, 27, 6, 8)
    for order in ("dmy", "mdy"):
        for kind, fmt in timestamp_candidates(order):
            if kind == "naive":
                text = moment.strftime(fmt)
                assert parse_timestamp(text, "Asia/Jakarta", order) is not None, (order, fmt, text)


CON = duckdb.connect()


@settings(deadline=None)
@given(st.text(alphabet="0123456789.,kK %-", max_size=8))
def test_fast_count_path_never_disagrees(raw):
    fast = _fast(CON, sql_count("$v"), raw)
    if fast is not None:
        assert fast == parse_count(raw)


def test_fixed_offsets_only_for_zones_without_daylight_saving():
    assert fixed_offset_seconds("Asia/Jakarta") == 7 * 3600
    assert fixed_offset_seconds("Asia/Makassar") == 8 * 3600
    assert fixed_offset_seconds("Asia/Jayapura") == 9 * 3600
    assert fixed_offset_seconds("Europe/Amsterdam") is None
