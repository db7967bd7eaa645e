"""What the loads left in the warehouse (no Streamlit, read-only): load history, rejects per load, accounts
still to register, freshness per source. The Data page shows them; the briefing warns with freshness.

Loading itself and the registry and norms editors are administration: admin/.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

import ibis
import pandas as pd

from analytics.db import Warehouse
from analytics.i18n import translate
from analytics.privacy import mask_frame

STALE_DAYS = 7
OPD_PLACEHOLDER = "KODE_OPD"
REJECT_COLUMNS = ["load_id", "file_name", "row_number", "column_name", "value", "reason_code", "reason"]
HISTORY_EXTRA = ("layout", "snapshot_at", "snapshot_source", "notes")  # NULL for loads before they were logged


def load_history(wh: Warehouse) -> pd.DataFrame:
    """etl_load, newest first, with start time in the region's time zone and duration in seconds; the layout,
    the export's day (local) and where it came from, and the notes (one per line) — empty for older loads. The
    message and notes with personal data masked (``analytics.privacy``)."""
    t = wh.etl_load
    extra = [c for c in HISTORY_EXTRA if c in t.columns]  # a warehouse not yet updated lacks them
    out = wh.frame(t.select("load_id", "file_name", "format", "dataset", "rows_read", "rows_loaded",
                            "rows_rejected", "rows_new", "outcome", "message", "started_at", "finished_at", *extra)
                   .order_by(ibis.desc("load_id")))
    tz = wh.setting("zona_waktu", "Asia/Jakarta")
    out["seconds"] = (out["finished_at"] - out["started_at"]).dt.total_seconds().round(1)
    out["started_at"] = out["started_at"].dt.tz_convert(tz).dt.tz_localize(None)
    for c in HISTORY_EXTRA:
        if c not in out.columns:
            out[c] = None
    snapshot = pd.to_datetime(out["snapshot_at"], utc=True)
    out["snapshot_at"] = [None if pd.isna(x) else x.date() for x in snapshot.dt.tz_convert(tz)]
    # a refusal may quote a cell of the file ("nilai «…»"): masked like every text shown
    return mask_frame(out.drop(columns="finished_at"), ["message", "notes"])


def rejects(wh: Warehouse, load_ids: Sequence[int]) -> pd.DataFrame:
    """Every rejected row of these loads (etl_reject), by load then row; the cell ``value`` (a cell of the file as
    the ETL stored it) with its personal data masked (``analytics.privacy``), like every text shown."""
    t = wh.etl_reject
    expr = t.filter(t.load_id.isin([int(i) for i in load_ids])).select(*REJECT_COLUMNS)
    return mask_frame(wh.frame(expr.order_by(["load_id", "row_number", "column_name"])), ["value"])


def unknown_accounts(wh: Warehouse) -> pd.DataFrame:
    """Accounts rejected as unregistered and still not in the registry: platform, account, column, rows,
    files, and the line to add to data/registry/akun.csv (OPD code guessed from its name when it matches)."""
    r = wh.etl_reject.filter(wh.etl_reject.reason_code == "akun_tidak_terdaftar")
    r = r.mutate(key=_handle_key(r.value))
    k = wh.ref_account_key
    r = r.anti_join(k, [r.platform == k.platform, r.key == k.lookup])
    agg = r.group_by([r.platform, r.key]).aggregate(
        account=r.value.mode(), column=r.column_name.arbitrary(), rows=ibis._.count(),
        files=r.file_name.collect(distinct=True))
    out = wh.frame(agg.drop("key").mutate(alias=_alias_key(agg.account)))
    aliases = wh.frame(wh.ref_opd_alias.select("alias_key", "opd_code"))
    guess = dict(zip(aliases["alias_key"], aliases["opd_code"]))
    out["files"] = [", ".join(sorted(f)) for f in out["files"]]
    out["opd_guess"] = [guess.get(a) for a in out["alias"]]
    out["line"] = [account_line(p, a, g) for p, a, g in zip(out["platform"], out["account"], out["opd_guess"])]
    out = out.sort_values(["rows", "platform", "account"], ascending=[False, True, True], ignore_index=True)
    return out[["platform", "account", "column", "rows", "files", "opd_guess", "line"]]


def _handle_key(value: ibis.Value) -> ibis.Value:
    """etl.registry.handle_key in SQL: a rejected account as written (case and all) → its registry lookup."""
    return value.strip().re_replace(r"^@", "").strip().re_replace(r"\s+", " ").lower()


def _alias_key(value: ibis.Value) -> ibis.Value:
    """etl.registry.alias_key in SQL: a name → the ref_opd_alias.alias_key it would match."""
    return value.lower().re_replace(r"[^0-9a-z]+", " ").strip()


def account_line(platform: str, account: str, opd_code: str | None = None) -> str:
    """A row for akun.csv (kode_opd,platform,akun,id_akun,nama_tampilan,aktif_sejak,url)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([opd_code or OPD_PLACEHOLDER, platform, account, "", "", "", ""])
    return buf.getvalue()


def freshness(wh: Warehouse, today: date, lang: str = "id") -> pd.DataFrame:
    """Latest local day per source (posts per platform, complaints per channel, comments per platform; the
    source named in ``lang``), days behind ``today`` and whether it is stale (> STALE_DAYS behind, or no data
    for a platform that has registered accounts)."""
    p, c, m = wh.mart_post, wh.mart_complaint, wh.mart_comment_day
    posts = wh.frame(p.group_by(name=p.platform).aggregate(latest=p.day.max()))
    registered = wh.frame(wh.ref_account.select(name=wh.ref_account.platform).distinct())
    posts = registered.merge(posts, on="name", how="outer")
    complaints = wh.frame(c.group_by(name=c.channel).aggregate(latest=c.received_day.max()))
    comments = wh.frame(m.group_by(name=m.platform).aggregate(latest=m.day.max()))
    sources = ((translate("postingan", lang), posts), (translate("pengaduan", lang), complaints),
               (translate("komentar", lang), comments))
    rows = [(source, name, _day(latest))
            for source, frame in sources
            for name, latest in sorted(zip(frame["name"], frame["latest"]), key=lambda x: str(x[0]))]
    out = pd.DataFrame(rows, columns=["source", "name", "latest"])
    out["days_behind"] = pd.array([(today - d).days if d else None for d in out["latest"]], dtype="Int64")
    out["stale"] = [bool(pd.isna(d) or d > STALE_DAYS) for d in out["days_behind"]]
    return out[["source", "name", "latest", "days_behind", "stale"]]


def _day(value: object) -> date | None:
    if value is None or pd.isna(value):
        return None
    return value.date() if isinstance(value, pd.Timestamp) else value
