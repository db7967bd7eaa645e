"""Complaint figures for the Pengaduan page: headline with comparison, trend, channels, topic × kecamatan,
drill-down lists. SLA rules come from ``analytics.complaints`` (never redefined here)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache

import ibis
import pandas as pd

from analytics.complaints import complaints, figures, overdue, overdue_count, shares, sla_per_opd, totals
from analytics.context import Filters, Scope
from analytics.db import Warehouse
from analytics.fmt import SHORT
from analytics.fmt import day as day_text
from analytics.i18n import translate
from analytics.labels import CHANNELS, CHECK, TO_CHECK, topic, unsure
from analytics.norms import Norms
from analytics.opd import between, in_view
from analytics.privacy import mask_frame

STATUS_LABELS = {"baru": "Baru", "diverifikasi": "Diverifikasi", "diproses": "Diproses", "selesai": "Selesai",
                 "ditutup": "Ditutup", "ditolak": "Ditolak"}
UNKNOWN_AREA = "Tidak diketahui"
UNASSIGNED = "Belum didisposisikan"
_NOT_KECAMATAN = re.compile(r"^(kabupaten|kab\.?|kota|provinsi|prov\.?|desa|kelurahan|kel\.?)\s", re.I)
_KECAMATAN_PREFIX = re.compile(r"^(kecamatan|kec\.?)\s*", re.I)


topic_label = topic  # the name the Pengaduan page uses (code, lang)


def channel_label(channel: str, lang: str = "id") -> str:
    return translate(CHANNELS[channel], lang) if channel in CHANNELS else channel


def status_label(status: str, lang: str = "id") -> str:
    return translate(STATUS_LABELS[status], lang) if status in STATUS_LABELS else status


def kecamatan_names(wh: Warehouse) -> list[str]:
    r = wh.ref_region
    return sorted(wh.frame(r.filter(r.kind == "kecamatan").select("name"))["name"])


@lru_cache(maxsize=8)
def _matcher(names: tuple[str, ...]) -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """The kecamatan by their folded name, and a word pattern for each: built once per list of names (a
    province has hundreds; the lookup used to be rebuilt for every area string)."""
    lookup = {n.casefold(): n for n in names}
    return lookup, [(re.compile(rf"\b{re.escape(key)}\b"), name) for key, name in lookup.items()]


def kecamatan_of(area: str | None, names: list[str], lang: str = "id") -> str:
    """The registered kecamatan an area string names ("Kecamatan X, Kabupaten Y" → "X"), else "Tidak diketahui"."""
    if not area:
        return translate(UNKNOWN_AREA, lang)
    lookup, patterns = _matcher(tuple(names))
    parts = [p.strip() for p in area.split(",") if p.strip() and not _NOT_KECAMATAN.match(p.strip())]
    for part in parts:
        hit = lookup.get(_KECAMATAN_PREFIX.sub("", part).casefold())
        if hit:
            return hit
    for part in parts:  # a name inside a longer text, e.g. "Kec Sukaresmi Kab Sukamaju"
        folded = part.casefold()
        for pattern, name in patterns:
            if pattern.search(folded):
                return name
    return translate(UNKNOWN_AREA, lang)


def kecamatan_column(wh: Warehouse, areas: pd.Series, lang: str = "id") -> pd.Series:
    """``kecamatan_of`` for a column (each distinct area string matched once)."""
    names = kecamatan_names(wh)
    matched = areas.map({a: kecamatan_of(a, names, lang) for a in areas.dropna().unique()})
    return matched.fillna(translate(UNKNOWN_AREA, lang))


def _comparable(wh: Warehouse, day: date) -> bool:
    """Whether the warehouse holds complaints from ``day`` on (else a comparison would be a false 0)."""
    first = wh.frame(wh.mart_complaint.aggregate(first=ibis._.received_day.min()))["first"].iloc[0]
    return first is not None and not pd.isna(first) and pd.Timestamp(first).date() <= day


def headline(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date) -> dict:
    """Received, share answered within SLA, median working days to first response (this period and the
    previous one of equal length, ``None`` when there is nothing to compare with) and overdue now
    (and ``filters.days`` days ago)."""
    prev = filters.previous()
    now = totals(wh, filters, scope, norms, today)
    before = totals(wh, prev, scope, norms, today) if _comparable(wh, prev.start) else None
    if before is not None and before["received"] == 0:
        before = None
    then = today - timedelta(days=filters.days)
    return {"now": now, "previous": before, "overdue": overdue_count(wh, filters, scope, norms, today),
            "overdue_before": overdue_count(wh, filters, scope, norms, then) if _comparable(wh, then) else None}


def opd_sla(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
            lang: str = "id") -> pd.DataFrame:
    """``sla_per_opd`` with the OPD short name, worst first (most overdue, then lowest share within SLA)."""
    out = _with_short_name(wh, sla_per_opd(wh, filters, scope, norms, today), lang)
    return out.sort_values(["overdue", "in_sla_share", "received"], ascending=[False, True, False],
                           na_position="last", ignore_index=True)


def bucket_size(filters: Filters) -> str:
    return "day" if filters.days <= 31 else "week"


def trend(wh: Warehouse, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Per day (periods ≤ 31 days) or week (Monday): complaints received and resolved in the period."""
    c = in_view(wh.mart_complaint, wh, filters, scope)
    got = wh.frame(c.filter(between(c.received_day, filters)).select(day=c.received_day))["day"]
    done = wh.frame(c.filter(between(c.resolved_day, filters)).select(day=c.resolved_day))["day"]
    days = pd.date_range(filters.start, filters.end, freq="D")
    weekly = bucket_size(filters) == "week"

    def count(values: pd.Series) -> pd.Series:
        per_day = pd.to_datetime(values).value_counts().reindex(days, fill_value=0)
        return per_day.groupby(per_day.index.to_period("W-SUN").start_time).sum() if weekly else per_day

    out = pd.DataFrame({"received": count(got), "resolved": count(done)}).astype("int64")
    return out.rename_axis("period").reset_index()


# A point of the trend ("bucket"): what was counted (received or resolved) and the bucket's first day,
# as the key "received:2026-11-09" — the value of the page's chart picker and what details() filters on.
RECEIVED, RESOLVED = "received", "resolved"
BUCKET_KINDS = {RECEIVED: "Masuk", RESOLVED: "Selesai"}


def bucket_key(kind: str, first: date | pd.Timestamp) -> str:
    return f"{kind}:{pd.Timestamp(first).date().isoformat()}"


def bucket_period(filters: Filters, key: str) -> tuple[str, Filters]:
    """What a bucket key counts and its days within the period (a week can start before or end after it)."""
    kind, _, first = key.partition(":")
    if kind not in BUCKET_KINDS:
        raise ValueError(f"titik grafik «{key}» tidak dikenal")
    start = date.fromisoformat(first)
    end = start + timedelta(days=6 if bucket_size(filters) == "week" else 0)
    return kind, replace(filters, start=max(start, filters.start), end=min(end, filters.end))


def bucket_choices(filters: Filters, periods: Iterable[date | pd.Timestamp], lang: str = "id") -> dict[str, str]:
    """The trend's points as picker choices, key → "Masuk 10 Nov – 16 Nov" (received ones first)."""
    out = {}
    for kind, name in BUCKET_KINDS.items():
        for first in periods:
            key = bucket_key(kind, first)
            days = bucket_period(filters, key)[1]
            shown = day_text(days.start, SHORT, lang=lang) + (
                "" if days.days == 1 else f" – {day_text(days.end, SHORT, lang=lang)}")
            out[key] = f"{translate(name, lang)} {shown}"
    return out


def trend_pick(kind: object, first: object, choices: Iterable[str]) -> str | None:
    """The chart picker's value for a clicked trend point (customdata: kind, ISO first day); None if not a choice."""
    key = f"{kind}:{str(first)[:10]}"
    return key if key in choices else None


def cell_pick(topic_name: object, kecamatan: object, topics: Sequence[str],
              kecamatans: Sequence[str]) -> tuple[str | None, str | None]:
    """The topic and kecamatan pickers' values for a clicked heatmap cell (None for one that is not a choice)."""
    return (topic_name if topic_name in topics else None, kecamatan if kecamatan in kecamatans else None)


def per_channel(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
                lang: str = "id") -> pd.DataFrame:
    """Per channel: received in the period, share answered within SLA, median working days to first
    response; ``overdue`` = open complaints past their deadline today, whenever received."""
    c = complaints(wh, filters, scope, norms, today)
    agg = wh.frame(c.group_by("channel").aggregate(**figures(c)))
    every = complaints(wh, filters, scope, norms, today, period=False)
    late = wh.frame(every.filter(every.overdue).group_by("channel").aggregate(overdue=ibis._.count()))
    out = shares(agg.merge(late, on="channel", how="outer"))
    out["label"] = out["channel"].map(lambda c: channel_label(c, lang))
    return out.sort_values("received", ascending=False, ignore_index=True)


def topic_area(wh: Warehouse, filters: Filters, scope: Scope, lang: str = "id") -> pd.DataFrame:
    """Complaints received in the period per topic (readable label) × kecamatan (registered name)."""
    c = in_view(wh.mart_complaint, wh, filters, scope)
    c = c.filter(between(c.received_day, filters))
    raw = wh.frame(c.group_by(["topic", "area"]).aggregate(n=ibis._.count()))
    raw["topic"] = raw["topic"].map(lambda code: topic_label(code, lang))
    raw["kecamatan"] = kecamatan_column(wh, raw["area"], lang)
    out = raw.groupby(["topic", "kecamatan"], as_index=False)["n"].sum()
    return out.sort_values(["topic", "kecamatan"], ignore_index=True)


def topic_grid(cells: pd.DataFrame) -> pd.DataFrame:
    """``topic_area`` as the heatmap's grid: a row per topic, a column per kecamatan, 0 where none."""
    return cells.pivot_table(index="topic", columns="kecamatan", values="n", aggfunc="sum", fill_value=0)


def _outcome(df: pd.DataFrame, lang: str = "id") -> pd.Series:
    """First-response outcome of each complaint, in words."""
    answered = df["response_days"].notna()
    late_open = ~answered & df["overdue"].fillna(False).astype(bool)
    waiting = ~answered & ~late_open & df["is_open"].fillna(False).astype(bool)
    out = pd.Series(translate("Tanpa tanggapan", lang), index=df.index, dtype="object")
    out[answered] = translate("Terlambat", lang)
    out[answered & (df["response_days"] <= df["response_norm"])] = translate("Tepat waktu", lang)
    out[late_open] = translate("Lewat batas, belum ditanggapi", lang)
    out[waiting] = translate("Belum ditanggapi (masih dalam batas)", lang)
    return out


# Texts of a complaint row as the source wrote them, masked before they are shown (analytics.privacy): a ticket
# kept by hand may be the reporter's phone number, an area a home address. complaint_key stays as stored: it is
# what a reveal of the reporter (analytics.privacy.reveal_contact) asks for, and no page shows it.
SHOWN_TEXTS = ("complaint_id", "area")
DETAIL_COLUMNS = ("complaint_key", "channel", "complaint_id", "opd_code", "topic", "topic_confidence", "area", "status",
                  "received_day", "first_response_day", "resolved_day", "response_days", "response_norm",
                  "resolution_days", "resolution_norm", "is_open", "overdue", "permalink")


def details(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
            opd: str | None = None, channel: str | None = None, topic: str | None = None,
            kecamatan: str | None = None, bucket: str | None = None, lang: str = "id") -> pd.DataFrame:
    """The complaints behind a figure (received in the period), newest first, without reporter identity (ticket
    and area masked, ``SHOWN_TEXTS``); a topic the model was unsure of reads "Perlu dicek" (after the filters,
    which read the model's topic: the rows are those the figure counts);
    ``topic`` and ``kecamatan`` are the readable labels this module shows (in ``lang``). ``bucket`` (a
    ``bucket_key``) narrows to one point of the trend: those received on its days, or those resolved on
    its days whenever they were received — the rows the point counts."""
    kind, days = bucket_period(filters, bucket) if bucket else (RECEIVED, filters)
    c = complaints(wh, filters, scope, norms, today, period=kind == RECEIVED)
    if bucket:
        c = c.filter(between(c.received_day if kind == RECEIVED else c.resolved_day, days))
    if opd:
        c = c.filter(c.opd_code == opd)
    if channel:
        c = c.filter(c.channel == channel)
    out = wh.frame(c.select(*DETAIL_COLUMNS).order_by([ibis.desc("received_day"), "complaint_key"]))
    out["topic"] = out["topic"].map(lambda code: topic_label(code, lang))
    out["kecamatan"] = kecamatan_column(wh, out["area"], lang)
    if topic:
        out = out[out["topic"] == topic]
    if kecamatan:
        out = out[out["kecamatan"] == kecamatan]
    out["topic"] = unsure(out["topic"], out.pop("topic_confidence"), translate(TO_CHECK[CHECK], lang))
    out["sla"] = _outcome(out, lang)
    out["channel_label"] = out["channel"].map(lambda c: channel_label(c, lang))
    out["status_label"] = out["status"].map(lambda s: status_label(s, lang))
    return _with_short_name(wh, mask_frame(out.reset_index(drop=True), SHOWN_TEXTS), lang)


def _with_short_name(wh: Warehouse, df: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Adds the OPD short name (inactive OPD included; no OPD yet → "Belum didisposisikan")."""
    names = wh.frame(wh.ref_opd.select("opd_code", "short_name")).set_index("opd_code")["short_name"]
    unassigned = translate(UNASSIGNED, lang)
    return df.assign(short_name=df["opd_code"].map(names).fillna(df["opd_code"]).fillna(unassigned))


def overdue_list(wh: Warehouse, filters: Filters, scope: Scope, norms: Norms, today: date,
                 limit: int | None = None, lang: str = "id") -> pd.DataFrame:
    """``overdue`` with readable channel, topic and kecamatan and the norm that was missed; ticket and area
    masked like every text shown (``SHOWN_TEXTS``)."""
    out = _with_short_name(wh, overdue(wh, filters, scope, norms, today, limit), lang)
    out["channel_label"] = out["channel"].map(lambda c: channel_label(c, lang))
    out["topic_label"] = out["topic"].map(lambda code: topic_label(code, lang))
    out["kecamatan"] = kecamatan_column(wh, out["area"], lang)
    out = mask_frame(out, SHOWN_TEXTS)
    missed = out["first_response_at"].isna() & (out["age_days"] > out["response_norm"])
    out["norm"] = [translate("tanggapan {} hari kerja", lang, r) if m
                   else translate("penyelesaian {} hari kerja", lang, s)
                   for m, r, s in zip(missed, out["response_norm"], out["resolution_norm"], strict=True)]
    return out


def updated_at(wh: Warehouse) -> datetime | None:
    """When complaint data was last loaded."""
    e = wh.etl_load
    value = wh.frame(e.filter(e.dataset == "complaints").aggregate(t=ibis._.finished_at.max()))["t"].iloc[0]
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).tz_convert(wh.setting("zona_waktu", "Asia/Jakarta")).to_pydatetime()


COMPLEXITY = {"ringan": "ringan", "normatif": "normatif", "tanpa_audit": "tanpa audit", "audit": "audit",
              "lainnya": "lainnya"}


def sla_rules(norms: Norms, lang: str = "id") -> str:
    """How working days and deadlines are counted, in words, with the norms in force."""
    exceptions = [*(translate("; kanal {}: {}", lang, channel_label(k, lang), v)
                    for k, v in norms.response_by_channel.items()),
                  *(translate("; topik {}: {}", lang, topic_label(k, lang), v)
                    for k, v in norms.response_by_topic.items())]
    return translate(
        "Hari kerja tidak menghitung Sabtu, Minggu, libur nasional dan cuti bersama (`data/kalender/libur.csv`, "
        "sesuai SKB). Umur pengaduan = hari kerja sejak diterima. Norma dari `data/norma.toml`: tanggapan pertama "
        "{response} hari kerja{exceptions} (berlaku yang paling ketat). Penyelesaian menurut kompleksitas: "
        "{resolution} hari kerja. *Lewat batas* = belum selesai/ditutup/ditolak dan belum ditanggapi melewati batas "
        "tanggapan atau belum diselesaikan melewati batas penyelesaian.", lang,
        response=norms.first_response_days, exceptions="".join(exceptions),
        resolution=", ".join(f"{translate(COMPLEXITY.get(k, k), lang)} {v}" for k, v in norms.resolution_days.items()))
