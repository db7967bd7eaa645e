"""Complaints over the 12 months: topic, place, responsible OPD and a working-day timeline."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from . import nama, pribadi
from . import template_aduan as ta
from .registry import Registry

KANAL = ("lapor", "sigap", "whatsapp", "112", "medsos")
P_KANAL = (0.28, 0.34, 0.16, 0.12, 0.10)
KOMPLEKSITAS = ("ringan", "normatif", "tanpa_audit", "audit")
SLA_HARI = np.array([2, 5, 14, 60])  # working days to settle, by kompleksitas
_DUR = np.array([[0, 3], [1, 6], [3, 15], [10, 61]])  # working days from response to resolution
_NAT = np.datetime64("NaT", "s")


def _workdays(ts: np.ndarray, k: np.ndarray, libur: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """ts + k working days, at an office hour and never before ts; NaT stays NaT."""
    nat = np.isnat(ts)
    day = np.where(nat, np.datetime64("2000-01-03", "s"), ts).astype("datetime64[D]")
    target = np.busday_offset(day, np.where(nat, 0, k), roll="forward", holidays=libur)
    t = target.astype("datetime64[s]") + rng.integers(8 * 3600, 16 * 3600, len(ts)).astype("timedelta64[s]")
    t = np.maximum(t, ts + rng.integers(300, 5400, len(ts)).astype("timedelta64[s]"))
    return np.where(nat, _NAT, t)


def _locations(reg: Registry, n: int, rng: np.random.Generator) -> pd.DataFrame:
    w = reg.wilayah
    kec = w[w["jenis"] == "kecamatan"].reset_index(drop=True)
    desa = w[w["jenis"] != "kecamatan"].sort_values("kode", kind="stable").reset_index(drop=True)
    weight = np.exp(rng.normal(0, 0.6, len(kec)))
    k = rng.choice(len(kec), n, p=weight / weight.sum())
    grp = desa.groupby("kode_induk", sort=False).indices
    first = np.array([grp[c][0] if c in grp else -1 for c in kec["kode"]])
    count = np.array([len(grp[c]) if c in grp else 0 for c in kec["kode"]])
    d = first[k] + rng.integers(0, 1 << 30, n) % np.maximum(count[k], 1)
    unit_of = {v: u for u, v in reg.unit_prefix.items()}
    units = np.array([unit_of.get(c[:5], "") for c in kec["kode"]], dtype=object)
    return pd.DataFrame({
        "kec_kode": kec["kode"].to_numpy()[k], "kec": kec["nama"].to_numpy()[k],
        "desa_kode": desa["kode"].to_numpy()[d], "desa": desa["nama"].to_numpy()[d],
        "desa_jenis": desa["jenis"].to_numpy()[d], "unit": units[k],
    })


def _opd(reg: Registry, topik: np.ndarray, loc: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Responsible OPD (index into reg.opd) for each complaint; -1 if none fits."""
    dasar = np.empty(len(topik), dtype=object)
    for i, t in enumerate(ta.TOPIK):
        m = topik == i
        codes = [c for c, _ in t.opd]
        w = np.array([x for _, x in t.opd])
        dasar[m] = np.array(codes, dtype=object)[rng.choice(len(codes), m.sum(), p=w / w.sum())]
    opd = reg.opd
    by_code = {(u, d): i for i, (u, d) in enumerate(zip(opd["unit"], opd["dasar"]))}
    kec_opd = {(u, n.removeprefix("Kecamatan ")): i for i, (u, n, j) in
               enumerate(zip(opd["unit"], opd["nama"], opd["jenis"])) if j == "kecamatan"}
    out = np.empty(len(topik), dtype=np.int64)
    for i, (u, d, k) in enumerate(zip(loc["unit"].tolist(), dasar.tolist(), loc["kec"].tolist())):
        hit = kec_opd.get((u, k)) if d == "KEC" else by_code.get((u, d))
        out[i] = hit if hit is not None else by_code.get((u, "SETDA"), -1)
    return out


def _received(n: int, kanal: np.ndarray, days: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    wd = (days.astype(int) + 3) % 7
    w = np.where(wd >= 5, 0.6, 1.0)
    day = days[rng.choice(len(days), n, p=w / w.sum())]
    office = np.array([0, 0, 0, 0, 0, .5, 2, 5, 8, 9, 8, 7, 5, 6, 6, 5, 4, 3, 3, 4, 4, 3, 2, 1], dtype=float)
    flat = np.array([3, 2, 2, 2, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 5, 4, 4], dtype=float)
    hour = np.where(kanal == "112", rng.choice(24, n, p=flat / flat.sum()), rng.choice(24, n, p=office / office.sum()))
    sec = hour * 3600 + rng.integers(0, 3600, n)
    return day.astype("datetime64[s]") + sec.astype("timedelta64[s]")


def _timeline(df: pd.DataFrame, libur: np.ndarray, cutoff: np.datetime64, rng: np.random.Generator) -> None:
    n = len(df)
    rec = df["diterima"].to_numpy()
    emergency = (df["kanal"] == "112").to_numpy()
    v = rng.choice([0, 1, 2, 3], n, p=[.45, .3, .15, .1])
    ver = np.where(emergency, rec + rng.integers(60, 900, n).astype("timedelta64[s]"), _workdays(rec, v, libur, rng))
    fwd = np.where(emergency, ver + rng.integers(60, 1800, n).astype("timedelta64[s]"),
                   _workdays(ver, rng.choice([0, 1, 2, 3], n, p=[.6, .25, .1, .05]), libur, rng))
    late = rng.random(n)
    r = np.where(late < .80, rng.integers(1, 6, n), rng.integers(6, 21, n))
    resp = np.where(emergency, fwd + rng.integers(600, 7200, n).astype("timedelta64[s]"), _workdays(fwd, r, libur, rng))
    never = (rng.random(n) < 0.08) & ~emergency
    rejected = (df["kanal"] == "sigap").to_numpy() & (rng.random(n) < 0.03)
    resp = np.where(never | rejected, _NAT, resp)
    fwd = np.where(rejected, _NAT, fwd)
    k = df["kompleksitas_i"].to_numpy()
    dur = rng.integers(_DUR[k, 0], _DUR[k, 1])
    dur = np.where(rng.random(n) < 0.15, (dur * rng.uniform(1.3, 2.5, n)).astype(int) + 1, dur)
    quick = resp + rng.integers(1800, 4 * 3600, n).astype("timedelta64[s]")
    res = np.where(emergency, quick, _workdays(resp, dur, libur, rng))
    res = np.where(rng.random(n) < 0.06, _NAT, res)
    clo = _workdays(res, rng.choice([0, 1, 2, 3], n, p=[.4, .3, .2, .1]), libur, rng)
    clo = np.where(rng.random(n) < 0.10, _NAT, clo)
    clo = np.where(rejected, ver + rng.integers(3600, 86400, n).astype("timedelta64[s]"), clo)
    chain = [ver, fwd, resp, res]
    for i, col in enumerate(chain):  # nothing after the export; a missing step stops the chain
        col[col > cutoff] = _NAT
        if i:
            col[np.isnat(chain[i - 1]) & ~rejected] = _NAT
    clo[(clo > cutoff) | (np.isnat(res) & ~rejected) | np.isnat(ver)] = _NAT
    df["diverifikasi"], df["diteruskan"], df["tanggapan"], df["selesai"], df["ditutup"] = ver, fwd, resp, res, clo
    df["ditolak"] = rejected & ~np.isnat(clo)
    df["batas_tanggapan"] = _workdays(rec, np.full(n, 5), libur, rng)
    df["batas_sla"] = _workdays(rec, SLA_HARI[k], libur, rng)


def _rating(df: pd.DataFrame, libur: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    done = ~np.isnat(df["selesai"].to_numpy()) & ~df["ditolak"].to_numpy()
    rec = df["diterima"].to_numpy().astype("datetime64[D]")
    res = np.where(done, df["selesai"].to_numpy(), df["diterima"].to_numpy()).astype("datetime64[D]")
    lag = np.busday_count(np.minimum(rec, res), res, holidays=libur)
    score = 4.6 - 0.06 * lag + rng.normal(0, 0.8, len(df))
    rated = done & (rng.random(len(df)) < 0.6)
    return np.where(rated, np.clip(np.round(score), 1, 5), np.nan)


def _texts(df: pd.DataFrame, rng: np.random.Generator) -> tuple[list[str], list[str]]:
    judul, isi = [], []
    r = rng.integers(0, 1 << 30, (len(df), 8))
    for i, (t, desa, kec) in enumerate(zip(df["topik_i"].tolist(), df["desa"].tolist(), df["kec"].tolist())):
        top = ta.TOPIK[t]
        rr = r[i]
        jalan = ta.JALAN[rr[0] % len(ta.JALAN)].format(desa=desa, kec=kec)
        slots = {"desa": desa, "kec": kec, "jalan": jalan, "rt": f"{1 + rr[1] % 9:02d}", "rw": f"{1 + rr[2] % 12:02d}",
                 "n": str(2 + rr[3] % 9), "waktu": ta.WAKTU[rr[4] % len(ta.WAKTU)]}
        case = rr[5] % len(top.isi)
        judul.append(top.judul[case].format(**slots))
        body = top.isi[case] + ta.PENUTUP[rr[7] % len(ta.PENUTUP)]
        body = body.format(**slots)
        if rr[6] % 8 == 0:  # one in eight reporters writes a number, NIK, address or e-mail into the text
            body = pribadi.add(body, pribadi.COMPLAINT, int(rr[6]) >> 3, desa)
        isi.append(body)
    return judul, isi


def generate(reg: Registry, n: int, days: np.ndarray, libur: np.ndarray, end: dt.date,
             rng: np.random.Generator) -> pd.DataFrame:
    kanal = np.array(KANAL, dtype=object)[rng.choice(len(KANAL), n, p=P_KANAL)]
    w = np.array([t.bobot for t in ta.TOPIK])
    w112 = np.array([t.bobot_112 for t in ta.TOPIK])
    topik = np.where(kanal == "112", rng.choice(len(w), n, p=w112), rng.choice(len(w), n, p=w))
    df = _locations(reg, n, rng)
    df.insert(0, "kanal", kanal)
    df["topik_i"] = topik
    df["opd_i"] = _opd(reg, topik, df, rng)
    kw = np.array([t.kompleksitas for t in ta.TOPIK])[topik]
    df["kompleksitas_i"] = (rng.random(n)[:, None] > np.cumsum(kw, axis=1)).sum(axis=1).clip(0, 3)
    df["diterima"] = _received(n, kanal, days, rng)
    df = df.sort_values("diterima", kind="stable").reset_index(drop=True)
    cutoff = np.datetime64(end) + np.timedelta64(18, "h")
    df = df[df["diterima"].to_numpy() <= cutoff].reset_index(drop=True)
    _timeline(df, libur, cutoff, rng)
    df["rating"] = _rating(df, libur, rng)
    df["judul"], df["isi"] = _texts(df, rng)
    df["pelapor"] = nama.people(len(df), rng)
    return df
