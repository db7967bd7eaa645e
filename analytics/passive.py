"""Passive OPD and why: a missing required account, silence, too few posts, mostly ceremonial
posts, complaints past their SLA — each against a threshold from data/norma.toml."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analytics import activity
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import day, number, percent
from analytics.i18n import translate
from analytics.labels import PLATFORMS
from analytics.norms import Norms
from analytics.ranking import components

MIN_POSTS_FOR_SHARE = 3  # a share of ceremonial posts is only judged from this many posts


Reason = tuple[str, dict[str, str]]  # an Indonesian sentence template and its fields


def _silent_accounts(accounts: pd.DataFrame, required: list[str], norms: Norms) -> dict[str, list[Reason]]:
    """OPD → reasons for its required-platform accounts that never posted or fell silent."""
    quiet = accounts[accounts["platform"].isin(required)
                     & (accounts["days_since"].isna() | (accounts["days_since"] >= norms.passive_days))]
    out: dict[str, list[Reason]] = {}
    for a in quiet.itertuples(index=False):
        fields = {"platform": PLATFORMS.get(a.platform, a.platform), "handle": a.handle}
        out.setdefault(a.opd_code, []).append(
            ("akun {platform} @{handle} belum pernah mengunggah", fields) if pd.isna(a.days_since) else
            ("akun {platform} @{handle} tidak mengunggah selama {days} hari", {**fields, "days": int(a.days_since)}))
    return out


def _reasons(row, silent: dict[str, list[Reason]], norms: Norms) -> list[Reason]:
    reasons: list[Reason] = [("belum punya akun {platform} (platform wajib)", {"platform": PLATFORMS.get(p, p)})
                             for p in row.missing]
    reasons += silent.get(row.opd_code, [])
    if row.posts_per_week < norms.passive_posts_per_week:
        reasons.append(("hanya {rate} unggahan per pekan (norma ≥ {norm})",
                        {"rate": number(row.posts_per_week, 1), "norm": number(norms.passive_posts_per_week, 1)}))
    if row.posts >= MIN_POSTS_FOR_SHARE and row.seremonial / row.posts >= norms.passive_ceremonial_share:
        reasons.append(("{share} unggahan seremonial (batas {limit})",
                        {"share": percent(row.seremonial / row.posts),
                         "limit": percent(norms.passive_ceremonial_share)}))
    if norms.passive_overdue and row.overdue >= norms.passive_overdue:
        reasons.append(("{n} pengaduan melewati batas waktu tanggapan", {"n": number(row.overdue)}))
    return reasons


def _say(reasons: list[Reason], lang: str) -> list[str]:
    return [translate(text, lang, **fields) for text, fields in reasons]


def passive_opd(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date, lang: str = "id",
                table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every OPD of the view with at least one reason, most reasons first; ``reasons`` is a list in ``lang``,
    ``reasons_id`` the same in Indonesian (for the reminder, which goes to the OPD as written).

    ``table``: the ranking components already computed for this view, if the caller has them.
    """
    df = (components(wh, filters, scope, norms, today) if table is None else table).copy()
    accounts = activity.accounts(wh, filters, scope, filters.end)
    required = activity.required_platforms(wh)
    silent = _silent_accounts(accounts, required, norms)
    found = [_reasons(row, silent, norms) for row in df.itertuples(index=False)]
    df["reasons"] = [_say(r, lang) for r in found]
    df["reasons_id"] = [_say(r, "id") for r in found]
    last = accounts.groupby("opd_code")["days_since"].min()
    df["days_since_last_post"] = df["opd_code"].map(last)
    out = df[df["reasons"].map(len) > 0].copy()
    out["n_reasons"] = out["reasons"].map(len)
    return out.sort_values(["n_reasons", "posts", "short_name"], ascending=[False, True, True], ignore_index=True)


def reminder(name: str, reasons: list[str], filters: Filters, region: str) -> str:
    """A polite, WhatsApp-ready reminder to the head of the OPD."""
    period = f"{day(filters.start)} – {day(filters.end)}"
    points = "\n".join(f"• {r[0].upper()}{r[1:]}" for r in reasons)
    return (f"Yth. Bapak/Ibu Kepala {name},\n\n"
            f"Berdasarkan pemantauan media sosial OPD {region} periode {period}, kami mencatat:\n{points}\n\n"
            "Mohon kiranya akun resmi OPD dapat diaktifkan kembali dengan konten program dan capaian "
            "kinerja (bukan hanya ucapan), serta pengaduan masyarakat ditanggapi sesuai batas waktu. "
            "Terima kasih atas perhatian dan kerja samanya.\n\nSalam,\nDiskominfo")
