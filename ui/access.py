"""Who may open what: the pages each role sees, who may download, and the OPD a viewer may see (its Scope).

- ``pimpinan`` (bupati/wali kota and deputy): every dashboard page, read only — no downloads;
- ``sekda``: every dashboard page, with downloads (tables, charts, decks, the briefing pack);
- ``admin`` (Diskominfo): every page, the Data page (loads, registry, norms) and Pengguna (accounts, audit log);
- ``opd`` (an OPD head): every dashboard page, their own OPD only — rankings show their own place among all,
  never another OPD's name; downloads of what they see.
"""

from __future__ import annotations

from analytics.context import Scope

DASHBOARD = ("ringkasan", "peringkat", "opd_pasif", "sentimen", "pengaduan", "profil_opd")
PAGES = {"pimpinan": DASHBOARD, "sekda": DASHBOARD, "opd": DASHBOARD, "admin": (*DASHBOARD, "data", "pengguna")}
EXPORTS = ("sekda", "admin", "opd")
ROLE_NAMES = {"pimpinan": "Pimpinan", "sekda": "Sekretariat Daerah", "admin": "Admin Diskominfo", "opd": "Kepala OPD"}


def may_open(role: str, page: str) -> bool:
    """``page`` = the page's script name without .py ("opd_pasif")."""
    return page in PAGES.get(role, ())


def may_export(role: str) -> bool:
    return role in EXPORTS


def scope_of(role: str, opd: str | None) -> Scope:
    """Everything, or an OPD head's own OPD (an ``opd`` account without an OPD sees nothing)."""
    return Scope(frozenset({opd} if opd else ())) if role == "opd" else Scope.everything()
