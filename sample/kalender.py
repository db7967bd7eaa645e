"""Indonesian holidays, commemoration days and working-day arithmetic for the sample."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Lunar (Hijri) holidays drift ~10.9 days a year; anchored on the 2026 dates (SKB 3 Menteri).
_HIJRI_YEAR_DAYS = 354.367
_HIJRI_ANCHORS = {  # key: (date in 2026, Hijri year of that date)
    "isra_miraj": (dt.date(2026, 1, 16), 1447),
    "ramadan": (dt.date(2026, 2, 19), 1447),
    "idul_fitri": (dt.date(2026, 3, 21), 1447),
    "idul_adha": (dt.date(2026, 5, 27), 1447),
    "tahun_baru_islam": (dt.date(2026, 6, 16), 1448),
    "maulid": (dt.date(2026, 8, 25), 1448),
}
# Lunisolar holidays: a small table, other years fall back to the 2026 month/day.
_LUNISOLAR = {
    "imlek": {2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13)},
    "nyepi": {2024: (3, 11), 2025: (3, 29), 2026: (3, 19), 2027: (3, 8), 2028: (3, 26), 2029: (3, 15)},
    "waisak": {2024: (5, 23), 2025: (5, 12), 2026: (5, 31), 2027: (5, 20), 2028: (5, 9), 2029: (5, 27)},
}
_FIXED_HOLIDAYS = {"tahun_baru": (1, 1), "hari_buruh": (5, 1), "pancasila": (6, 1),
                   "hut_ri": (8, 17), "natal": (12, 25)}
# Commemoration days (no day off) that agencies greet on social media.
_FIXED_DAYS = {
    "amal_bakti": (1, 3), "pers": (2, 9), "peduli_sampah": (2, 21), "damkar": (3, 1),
    "satpol": (3, 3), "air": (3, 22), "kartini": (4, 21), "otda": (4, 25), "hardiknas": (5, 2),
    "harkitnas": (5, 20), "lingkungan": (6, 5), "keluarga": (6, 29), "bhayangkara": (7, 1),
    "anak": (7, 23), "pramuka": (8, 14), "kesaktian": (10, 1), "batik": (10, 2),
    "pangan": (10, 16), "santri": (10, 22), "sumpah_pemuda": (10, 28), "pahlawan": (11, 10),
    "hkn": (11, 12), "guru": (11, 25), "korpri": (11, 29), "disabilitas": (12, 3),
    "bela_negara": (12, 19), "ibu": (12, 22),
}


@dataclass(frozen=True)
class Hari:
    """One greeting day: key (template family), date, label and whether it is a day off."""

    kunci: str
    tanggal: dt.date
    label: str
    libur: bool
    tahun_hijriah: int = 0


_LABELS = {
    "tahun_baru": "Tahun Baru", "isra_miraj": "Isra Mi'raj Nabi Muhammad SAW",
    "imlek": "Tahun Baru Imlek", "nyepi": "Hari Raya Nyepi", "ramadan": "Ramadan",
    "idul_fitri": "Hari Raya Idul Fitri", "wafat_isa": "Wafat Isa Almasih", "paskah": "Paskah",
    "hari_buruh": "Hari Buruh Internasional", "kenaikan": "Kenaikan Isa Almasih",
    "waisak": "Hari Raya Waisak", "pancasila": "Hari Lahir Pancasila",
    "idul_adha": "Hari Raya Idul Adha", "tahun_baru_islam": "Tahun Baru Islam",
    "hut_ri": "HUT Kemerdekaan RI", "maulid": "Maulid Nabi Muhammad SAW", "natal": "Hari Natal",
    "hari_jadi": "Hari Jadi", "amal_bakti": "Hari Amal Bakti Kementerian Agama",
    "pers": "Hari Pers Nasional", "peduli_sampah": "Hari Peduli Sampah Nasional",
    "damkar": "Hari Pemadam Kebakaran", "satpol": "HUT Satpol PP", "air": "Hari Air Sedunia",
    "kartini": "Hari Kartini", "otda": "Hari Otonomi Daerah", "hardiknas": "Hari Pendidikan Nasional",
    "harkitnas": "Hari Kebangkitan Nasional", "lingkungan": "Hari Lingkungan Hidup Sedunia",
    "keluarga": "Hari Keluarga Nasional", "bhayangkara": "Hari Bhayangkara",
    "anak": "Hari Anak Nasional", "pramuka": "Hari Pramuka", "kesaktian": "Hari Kesaktian Pancasila",
    "batik": "Hari Batik Nasional", "pangan": "Hari Pangan Sedunia", "santri": "Hari Santri Nasional",
    "sumpah_pemuda": "Hari Sumpah Pemuda", "pahlawan": "Hari Pahlawan",
    "hkn": "Hari Kesehatan Nasional", "guru": "Hari Guru Nasional", "korpri": "HUT KORPRI",
    "disabilitas": "Hari Disabilitas Internasional", "bela_negara": "Hari Bela Negara",
    "ibu": "Hari Ibu",
}


def _easter(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m + 114) // 451
    return dt.date(year, (h + m - 7 * n + 114) // 31, (h + m - 7 * n + 114) % 31 + 1)


def _hijri_dates(key: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, int]]:
    anchor, year = _HIJRI_ANCHORS[key]
    out = []
    for k in range(-12, 13):
        day = anchor + dt.timedelta(days=round(k * _HIJRI_YEAR_DAYS))
        if start <= day <= end:
            out.append((day, year + k))
    return out


def _days_of_year(year: int, hari_jadi: tuple[int, int]) -> list[Hari]:
    days = [Hari(k, dt.date(year, m, d), _LABELS[k], True) for k, (m, d) in _FIXED_HOLIDAYS.items()]
    days += [Hari(k, dt.date(year, m, d), _LABELS[k], False) for k, (m, d) in _FIXED_DAYS.items()]
    for key, table in _LUNISOLAR.items():
        m, d = table.get(year, table[2026])
        days.append(Hari(key, dt.date(year, m, d), _LABELS[key], True))
    easter = _easter(year)
    days.append(Hari("wafat_isa", easter - dt.timedelta(days=2), _LABELS["wafat_isa"], True))
    days.append(Hari("paskah", easter, _LABELS["paskah"], False))
    days.append(Hari("kenaikan", easter + dt.timedelta(days=39), _LABELS["kenaikan"], True))
    days.append(Hari("hari_jadi", dt.date(year, *hari_jadi), _LABELS["hari_jadi"], False))
    return days


def hari_besar(start: dt.date, end: dt.date, hari_jadi: tuple[int, int] = (9, 14)) -> list[Hari]:
    """All greeting days between start and end (inclusive), sorted by date then key."""
    days: list[Hari] = []
    for year in range(start.year, end.year + 1):
        days += _days_of_year(year, hari_jadi)
    for key in _HIJRI_ANCHORS:
        libur = key != "ramadan"
        days += [Hari(key, d, _LABELS[key], libur, y) for d, y in _hijri_dates(key, start, end)]
    days = [h for h in days if start <= h.tanggal <= end]
    return sorted(days, key=lambda h: (h.tanggal, h.kunci))


LIBUR_CSV = Path(__file__).resolve().parents[1] / "data" / "kalender" / "libur.csv"


def _libur_file(path: Path) -> dict[int, set[dt.date]]:
    """Official days off per year from the admin-kept calendar (data/kalender/libur.csv), if any."""
    if not path.exists():
        return {}
    out: dict[int, set[dt.date]] = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            try:
                day = dt.date.fromisoformat(row["tanggal"].strip())
            except (KeyError, ValueError):
                continue
            out.setdefault(day.year, set()).add(day)
    return out


def hari_libur(start: dt.date, end: dt.date, path: Path = LIBUR_CSV) -> np.ndarray:
    """Days off (national holidays and cuti bersama) as datetime64[D], for np.busday_*.

    Years listed in data/kalender/libur.csv use it; other years are computed here.
    """
    pad_start, pad_end = start - dt.timedelta(days=40), end + dt.timedelta(days=400)
    official = _libur_file(path)
    days = {h.tanggal for h in hari_besar(pad_start, pad_end) if h.libur and h.tanggal.year not in official}
    for h in hari_besar(pad_start, pad_end):
        if h.tanggal.year in official:
            continue
        if h.kunci == "idul_fitri":  # cuti bersama around Lebaran
            days |= {h.tanggal + dt.timedelta(days=k) for k in (-2, -1, 1, 2, 3)}
        if h.kunci == "natal":
            days.add(h.tanggal + dt.timedelta(days=1))
    for year, dates in official.items():
        if pad_start.year <= year <= pad_end.year:
            days |= dates
    return np.array(sorted(days), dtype="datetime64[D]")
