"""What a view asks for (``Filters``: period, OPD, kind, platform) and who may see it (``Scope``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

PRESETS = {"7h": "7 hari", "30h": "30 hari", "90h": "90 hari", "bulan_ini": "Bulan ini",
           "bulan_lalu": "Bulan lalu", "kustom": "Pilih tanggal"}
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
        """The period of equal length just before, same OPD/kind/platform choice."""
        return replace(self, start=self.start - timedelta(days=self.days), end=self.start - timedelta(days=1))


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
