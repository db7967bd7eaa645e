"""What a view asks for (``Filters``: period, OPD, kind, platform) and who may see it (``Scope``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

PRESETS = {"7h": "7 hari", "30h": "30 hari", "90h": "90 hari", "bulan_ini": "Bulan ini",
           "bulan_lalu": "Bulan lalu", "kustom": "Pilih tanggal"}
KIND_NAMES = {"semua": "Semua jenis", "dinas_badan": "Dinas, badan & setda", "kewilayahan": "Kecamatan & kelurahan"}
KIND_GROUPS = {"dinas_badan": ("dinas", "badan", "sekretariat", "bagian", "inspektorat", "satpol", "rsud", "lainnya"),
               "kewilayahan": ("kecamatan", "kelurahan")}


@dataclass(frozen=True)
class Scope:
    """The OPD a viewer may see: ``None`` = all (regent, sekda, Diskominfo); else their own OPD."""

    opd: frozenset[str] | None = None

    @staticmethod
    def everything() -> Scope:
        return Scope(None)

    def allows(self, opd_code: str) -> bool:
        return self.opd is None or opd_code in self.opd


@dataclass(frozen=True)
class Filters:
    start: date  # first day, inclusive (local dates)
    end: date  # last day, inclusive
    opd: tuple[str, ...] = ()  # empty = every OPD in scope
    kinds: tuple[str, ...] = ()  # ref_opd.kind values; empty = all
    platforms: tuple[str, ...] = ()  # empty = all

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Filters:
        """The period just before, same OPD/kind/platform choice: the previous calendar month(s) for whole
        months ("Bulan lalu" → the month before it), the same days of the previous month for a month to date
        ("Bulan ini", 1–20 Nov → 1–20 Oct), else the days of equal length just before."""
        if self.start.day == 1:
            if (self.end + timedelta(days=1)).day == 1:  # whole calendar months
                months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
                return replace(self, start=_add_months(self.start, -months), end=self.start - timedelta(days=1))
            if (self.end.year, self.end.month) == (self.start.year, self.start.month):  # a month to date
                last = self.start - timedelta(days=1)
                return replace(self, start=last.replace(day=1), end=last.replace(day=min(self.end.day, last.day)))
        return replace(self, start=self.start - timedelta(days=self.days), end=self.start - timedelta(days=1))


def _add_months(first: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) the month of ``first``."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period(preset: str, today: date, start: date | None = None, end: date | None = None) -> tuple[date, date]:
    """(first, last) day of a preset period ending ``today`` (``kustom`` uses start/end)."""
    if preset == "7h":
        return today - timedelta(days=6), today
    if preset == "30h":
        return today - timedelta(days=29), today
    if preset == "90h":
        return today - timedelta(days=89), today
    if preset == "bulan_ini":
        return today.replace(day=1), today
    if preset == "bulan_lalu":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if preset == "kustom" and start and end:
        return min(start, end), max(start, end)
    raise ValueError(f"periode «{preset}» tidak dikenal")
