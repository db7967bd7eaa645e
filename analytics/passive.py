"""Passive OPD and why: a missing required account, silence, too few posts, mostly ceremonial posts — each
against a threshold from data/norma.toml — and, apart, OPD slow to answer complaints."""

from __future__ import annotations

from datetime import date
from functools import partial

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


def criteria(df: pd.DataFrame, norms: Norms) -> pd.DataFrame:
    """The posting criteria per OPD of a components table, as flags: ``few_posts`` (posts per week under
    the passive norm) and ``ceremonial`` (mostly ceremonial posts, judged from MIN_POSTS_FOR_SHARE posts)."""
    share = (df["seremonial"] / df["posts"]).where(df["posts"] >= MIN_POSTS_FOR_SHARE)
    return df.assign(few_posts=df["posts_per_week"] < norms.passive_posts_per_week,
                     ceremonial=share >= norms.passive_ceremonial_share, ceremonial_share=share)


def _reasons(row, silent: dict[str, list[Reason]], norms: Norms) -> list[Reason]:
    reasons: list[Reason] = [("belum punya akun {platform} (platform wajib)", {"platform": PLATFORMS.get(p, p)})
                             for p in row.missing]
    reasons += silent.get(row.opd_code, [])
    if row.few_posts:
        reasons.append(("hanya {rate} unggahan per pekan (norma ≥ {norm})",
                        {"rate": partial(number, row.posts_per_week, 1),
                         "norm": partial(number, norms.passive_posts_per_week, 1)}))
    if row.ceremonial:
        reasons.append(("{share} unggahan seremonial (batas {limit})",
                        {"share": partial(percent, row.ceremonial_share),
                         "limit": partial(percent, norms.passive_ceremonial_share)}))
    return reasons


def _say(reasons: list[Reason], lang: str) -> list[str]:
    """The reasons in ``lang``; a figure given as a formatter (``partial(number, x, 1)``) is written in it too."""
    return [translate(text, lang, **{k: v(lang=lang) if callable(v) else v for k, v in fields.items()})
            for text, fields in reasons]


def passive_opd(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date, lang: str = "id",
                table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every OPD of the view failing at least one posting criterion (a missing or silent required account,
    too few posts, mostly ceremonial posts), most reasons first; ``reasons`` is a list in ``lang``,
    ``reasons_id`` the same in Indonesian (for the reminder, which goes to the OPD as written). Complaint
    handling is judged apart (``slow_opd``): "pasif" is about posting only.

    ``table``: the ranking components already computed for this view, if the caller has them. Empty when
    the warehouse holds no post of the period (``activity.covered``).
    """
    df = criteria((components(wh, filters, scope, norms, today) if table is None else table).copy(), norms)
    if not activity.covered(wh, filters):  # no post data for the period at all: nobody is judged
        df = df.iloc[:0]
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


def slow_opd(table: pd.DataFrame, norms: Norms) -> pd.DataFrame:
    """OPD of a components table with at least ``passive_overdue`` complaints overdue now (none when the norm
    is 0), most overdue first."""
    if not norms.passive_overdue:
        return table.iloc[:0]
    slow = table[table["overdue"] >= norms.passive_overdue]
    return slow.sort_values(["overdue", "short_name"], ascending=[False, True], ignore_index=True)


def passive_and_slow(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
                     lang: str = "id") -> tuple[pd.DataFrame, pd.DataFrame]:
    """``passive_opd`` and ``slow_opd`` of the view, from one computation of the components."""
    table = components(wh, filters, scope, norms, today)
    return passive_opd(wh, filters, scope, norms, today, lang, table), slow_opd(table, norms)


def reminder(name: str, reasons: list[str], filters: Filters, region: str) -> str:
    """A polite, WhatsApp-ready reminder to the head of the OPD."""
    period = f"{day(filters.start)} – {day(filters.end)}"
    points = "\n".join(f"• {r[0].upper()}{r[1:]}" for r in reasons)
    return (f"Yth. Bapak/Ibu Kepala {name},\n\n"
            f"Berdasarkan pemantauan media sosial OPD {region} periode {period}, kami mencatat:\n{points}\n\n"
            "Mohon kiranya akun resmi OPD dapat diaktifkan kembali dengan konten program dan capaian "
            "kinerja (bukan hanya ucapan), serta pengaduan masyarakat ditanggapi sesuai batas waktu. "
            "Terima kasih atas perhatian dan kerja samanya.\n\nSalam,\nDiskominfo")
