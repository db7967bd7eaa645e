"""Complaint files per channel: SP4N-LAPOR! export, the local app (SIGAP), and hand-kept sheets.

Reporters' names and numbers as each source gives them: SP4N-LAPOR! masks the number (0812****4567) and often
the name (Anonim); the local app and the hand-kept WhatsApp/112/social-media sheets keep both in clear
(``ids.reporter_phones``), which the warehouse must keep apart (pii_complaint_reporter).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import formatid as fid
from . import ids
from . import template_aduan as ta
from . import writers as wr
from .complaints import KOMPLEKSITAS
from .registry import Registry

TEMPLATE_HEADER = ["kanal", "nomor_tiket", "diterima", "isi", "judul", "kategori", "opd", "kecamatan", "kelurahan",
                   "status", "kompleksitas", "diverifikasi", "diteruskan", "tanggapan_pertama", "selesai", "ditutup",
                   "rating", "nama_pelapor", "telepon_pelapor", "tautan"]
_STEPS = ["diverifikasi", "diteruskan", "tanggapan", "selesai", "ditutup"]


def _ts(values: np.ndarray, fmt: str, suffix: str = "") -> pa.Array:
    out = fid.strftime(values, fmt)
    return fid.join(out, suffix) if suffix else out


def _instansi(reg: Registry, opd_i: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    o = reg.opd
    safe = np.maximum(opd_i, 0)
    nama = o["nama"].to_numpy()[safe]
    daerah = o["daerah"].to_numpy()[safe]
    full = np.array([n if d in n else f"{n} {d}" for n, d in zip(nama.tolist(), daerah.tolist())], dtype=object)
    return o["kode"].to_numpy()[safe], o["singkatan"].to_numpy()[safe], full, o["id_lapor"].to_numpy()[safe]


def lapor(df: pd.DataFrame, reg: Registry, out: Path, end: dt.date, rng: np.random.Generator) -> int:
    d = df[df["kanal"] == "lapor"].reset_index(drop=True)
    n = len(d)
    _, _, full, id_lapor = _instansi(reg, d["opd_i"].to_numpy())
    fwd = d["diteruskan"].to_numpy()
    has_fwd = ~np.isnat(fwd)
    status = np.where(~np.isnat(d["ditutup"].to_numpy()), "Selesai",
                      np.where(~np.isnat(d["tanggapan"].to_numpy()), "Proses", "Belum"))
    steps = np.stack([d[c].to_numpy().astype("datetime64[s]").astype(np.int64) for c in ["diterima", *_STEPS]])
    last = steps.max(axis=0).astype("datetime64[s]")
    kat = [ta.TOPIK[t].lapor for t in d["topik_i"].tolist()]
    area_id = np.array([int(k.replace(".", "")) for k in d["kec_kode"].tolist()], dtype=np.int64)
    anon = rng.random(n) < 0.55
    fmt = "%Y-%m-%d %H:%M:%S"
    data = wr.table({
        "id": np.arange(1, n + 1) + 2_310_000,
        "TrackingID": ids.unique_numbers(n, 4_820_000, rng, 40),
        "KategoriID": [k[0] for k in kat],
        "Kategori": [k[1] for k in kat],
        "DisposisiInstansiID": pa.array(np.where(has_fwd, id_lapor, None).tolist(), pa.string()),
        "Instansi": pa.array(np.where(has_fwd, full, None).tolist(), pa.string()),
        "AreaID": area_id,
        "Area": [f"Kecamatan {k}, {reg.opd['daerah'].iat[max(i, 0)]}" for k, i in zip(d["kec"], d["opd_i"])],
        "Judul": d["judul"].tolist(),
        "IsiLaporan": d["isi"].tolist(),
        "Status": status,
        "TanggalLaporanMasuk": _ts(d["diterima"].to_numpy(), fmt),
        "TanggalVerifikasi": _ts(d["diverifikasi"].to_numpy(), fmt),
        "TanggalDisposisi": _ts(fwd, fmt),
        "TanggalTindakLanjut": _ts(d["tanggapan"].to_numpy(), fmt),
        "TanggalLaporanAktivitasTerakhir": _ts(last, fmt),
        "TanggalLaporanDitutup": _ts(d["ditutup"].to_numpy(), fmt),
        "TimestampTanggalDisposisi": pa.array(ids.unix_seconds(np.where(has_fwd, fwd, d["diterima"].to_numpy())),
                                              mask=~has_fwd),
        "NamaPelapor": np.where(anon, "Anonim", d["pelapor"].to_numpy()),
        "TeleponPelapor": np.where(anon, "", ids.masked_phones(n, rng)),
    })
    return wr.write_csv(out / f"lapor_{end}.csv", data, end)


def sigap(df: pd.DataFrame, reg: Registry, out: Path, end: dt.date, rng: np.random.Generator) -> int:
    d = df[df["kanal"] == "sigap"].reset_index(drop=True)
    n = len(d)
    kode, _, _, _ = _instansi(reg, d["opd_i"].to_numpy())
    month = fid.strftime(d["diterima"].to_numpy(), "%Y-%m").to_numpy(zero_copy_only=False)
    seq = pd.Series(month).groupby(month).cumcount().to_numpy() + 1
    code = [f"SGP-{m}-{s:04d}" for m, s in zip(month.tolist(), seq.tolist())]
    ver, resp, res, clo = (d[c].to_numpy() for c in ("diverifikasi", "tanggapan", "selesai", "ditutup"))
    status = np.select(
        [d["ditolak"].to_numpy(), ~np.isnat(clo), ~np.isnat(res), ~np.isnat(resp), ~np.isnat(ver)],
        ["rejected", "closed", "resolved", "in_progress", "verified"], "received")
    iso = "%Y-%m-%dT%H:%M:%S"
    rating = d["rating"].to_numpy()
    data = wr.table({
        "code": code,
        "received_at": _ts(d["diterima"].to_numpy(), iso, "+07:00"),
        "status": status,
        "category_id": [ta.TOPIK[t].kunci for t in d["topik_i"].tolist()],
        "title": d["judul"].tolist(),
        "description": d["isi"].tolist(),
        "district_code": d["kec_kode"].tolist(),
        "village_code": d["desa_kode"].tolist(),
        "agency_code": pa.array(np.where(d["opd_i"].to_numpy() >= 0, kode, None).tolist(), pa.string()),
        "verified_at": _ts(ver, iso, "+07:00"),
        "responded_at": _ts(resp, iso, "+07:00"),
        "resolved_at": _ts(res, iso, "+07:00"),
        "closed_at": _ts(clo, iso, "+07:00"),
        "response_due_at": _ts(d["batas_tanggapan"].to_numpy(), iso, "+07:00"),
        "sla_due_at": _ts(d["batas_sla"].to_numpy(), iso, "+07:00"),
        "rating": pa.array(np.nan_to_num(rating).astype(np.int64), mask=np.isnan(rating)),
        "reporter_name": d["pelapor"].tolist(),
        "reporter_phone": ids.reporter_phones(n, rng, international=True),  # the app keeps them in clear
        "source": np.array(["android", "web", "ios", "android"], dtype=object)[rng.integers(0, 4, n)],
    })
    return wr.write_csv(out / f"sigap_{end}.csv", data, end)


_TIKET = {"whatsapp": "WA/{y}/{m}/{s:04d}", "112": "112-{y}{m}{dd}-{s:03d}", "medsos": "MS-{y}{m}-{s:04d}"}
_STYLE_P = {"whatsapp": [.5, .2, .3], "112": [.1, .8, .1], "medsos": [.4, .3, .3]}


def _template_columns(d: pd.DataFrame, reg: Registry, kanal: str, rng: np.random.Generator) -> dict:
    n = len(d)
    kode, singkatan, _, _ = _instansi(reg, d["opd_i"].to_numpy())
    rec = d["diterima"].to_numpy()
    day = fid.strftime(rec, "%Y%m%d").to_numpy(zero_copy_only=False)
    period = day if kanal == "112" else np.array([x[:6] for x in day.tolist()], dtype=object)
    seq = pd.Series(period).groupby(period).cumcount().to_numpy() + 1
    tiket = [_TIKET[kanal].format(y=x[:4], m=x[4:6], dd=x[6:], s=s) for x, s in zip(day.tolist(), seq.tolist())]
    style = rng.choice(3, n, p=_STYLE_P[kanal])
    ver, fwd, resp, res, clo = (d[c].to_numpy() for c in _STEPS)
    status = np.select([~np.isnat(clo), ~np.isnat(res), ~np.isnat(fwd) | ~np.isnat(resp)],
                       ["ditutup", "selesai", "diproses"], "baru")
    rating = d["rating"].to_numpy()
    anon = rng.random(n) < (0.3 if kanal == "112" else 0.1)
    return {
        "kanal": np.full(n, kanal, dtype=object),
        "nomor_tiket": tiket,
        "diterima": fid.id_mixed(rec, style),
        "isi": d["isi"].tolist(),
        "judul": np.where(rng.random(n) < (0.3 if kanal == "whatsapp" else 0.7), d["judul"].to_numpy(), ""),
        "kategori": [ta.TOPIK[t].label for t in d["topik_i"].tolist()],
        "opd": np.where(rng.random(n) < 0.5, kode, singkatan),
        "kecamatan": d["kec"].tolist(),
        "kelurahan": d["desa"].tolist(),
        "status": status,
        "kompleksitas": np.array(KOMPLEKSITAS, dtype=object)[d["kompleksitas_i"].to_numpy()],
        "diverifikasi": fid.id_mixed(ver, style),
        "diteruskan": fid.id_mixed(fwd, style),
        "tanggapan_pertama": fid.id_mixed(resp, style),
        "selesai": fid.id_mixed(res, style),
        "ditutup": fid.id_mixed(clo, style),
        "rating": pa.array(np.nan_to_num(rating).astype(np.int64), mask=np.isnan(rating)),
        "nama_pelapor": np.where(anon, "-", d["pelapor"].to_numpy()),
        "telepon_pelapor": ids.reporter_phones(n, rng),  # the WhatsApp number or caller ID, in clear
        "tautan": _links(n, kanal, rng),
    }


def _links(n: int, kanal: str, rng: np.random.Generator) -> pa.Array:
    if kanal != "medsos":
        return pa.nulls(n, pa.string())
    code = ids.b64(n, 11, rng)
    num = ids.as_str(ids.unique_numbers(n, 2_000_000_000_000_000_000, rng, 10**12))
    ig = pa.array(rng.random(n) < 0.5)
    return pc.if_else(ig, fid.join("https://www.instagram.com/p/", code, "/"),
                      fid.join("https://x.com/i/web/status/", num))


def template(df: pd.DataFrame, reg: Registry, kanal: str, out: Path, end: dt.date, xlsx_max: int,
             rng: np.random.Generator) -> tuple[str, int]:
    d = df[df["kanal"] == kanal].reset_index(drop=True)
    cols = _template_columns(d, reg, kanal, rng)
    if kanal == "whatsapp" and len(d) <= xlsx_max:
        name = f"whatsapp_{end}.xlsx"
        body = [c.to_pylist() if isinstance(c, pa.Array) else list(c) for c in cols.values()]
        received = d["diterima"].to_numpy().astype("datetime64[s]").astype(dt.datetime)
        body[2] = [r if s.count("/") == 2 and "," not in s else s for r, s in zip(received.tolist(), body[2])]
        return name, wr.write_xlsx(out / name, TEMPLATE_HEADER, list(zip(*body)), end, "Pengaduan WA")
    if kanal == "112":
        name = f"112_{end}.csv"
        return name, wr.write_csv(out / name, wr.table(cols), end, encoding="cp1252", delimiter=";", crlf=True)
    name = f"{kanal}_{end}.csv"
    return name, wr.write_csv(out / name, wr.table(cols), end)
