"""Posts of every account over the 12 months: when, what kind, caption, lifetime metrics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import captions as cap
from . import ids
from .captions import CaptionMaker, Konteks
from .kalender import Hari

PLAT = ("facebook", "instagram", "x", "tiktok", "youtube")
PERILAKU = ("sangat_aktif", "rutin", "seremonial", "meredup", "absen")
# posts per weekday by behaviour (rows) and platform (columns)
RATE = np.array([
    [1.6, 1.3, 1.1, 0.4, 0.12],
    [0.55, 0.45, 0.33, 0.14, 0.04],
    [0.09, 0.08, 0.05, 0.03, 0.01],
    [0.5, 0.42, 0.3, 0.12, 0.04],
    [0.12, 0.1, 0.06, 0.04, 0.01],
])
WEEKEND = np.array([0.45, 0.25, 0.2, 0.25, 0.2])
P_JENIS = np.array([[.55, .33, .12], [.42, .33, .25], [.05, .04, .91], [.4, .3, .3], [.3, .3, .4]])
P_GREET = np.array([0.75, 0.55, 0.97, 0.55, 0.35])
GREET_PLAT = np.array([1.0, 1.0, 0.6, 0.25, 0.05])
HOURS = np.array([0, 0, 0, 0, 0, .3, 1, 3, 6, 8, 8, 6, 4, 6, 6, 5, 3, 2, 2, 3, 3, 2, 1, .3])
_MAJOR = {"idul_fitri", "hut_ri", "hari_jadi", "tahun_baru", "natal", "idul_adha", "ramadan"}
_MEDIUM = {"isra_miraj", "maulid", "tahun_baru_islam", "imlek", "nyepi", "waisak", "kartini", "pahlawan",
           "sumpah_pemuda", "hardiknas", "harkitnas", "pancasila", "kesaktian", "santri", "ibu", "guru",
           "hkn", "korpri", "paskah", "kenaikan", "wafat_isa"}
_OWN_DAY = {"guru": "pendidikan", "hardiknas": "pendidikan", "hkn": "kesehatan", "lingkungan": "lh",
            "peduli_sampah": "lh", "air": "pu", "damkar": "damkar", "satpol": "ketertiban", "pers": "kominfo",
            "anak": "sosial", "ibu": "sosial", "keluarga": "sosial", "pangan": "pertanian",
            "otda": "pemerintahan", "bela_negara": "ketertiban", "disabilitas": "sosial"}
# median lifetime reach by behaviour; platform factor (views for X/TikTok/YouTube)
REACH = np.array([2600, 950, 520, 760, 300])
PLAT_REACH = np.array([1.0, 0.75, 0.45, 3.0, 0.35])


@dataclass
class Posts:
    akun_i: np.ndarray  # index into the account table
    waktu: np.ndarray  # datetime64[s], local WIB
    jenis: np.ndarray  # 0 kinerja, 1 layanan, 2 seremonial
    hari_i: np.ndarray  # greeting day index or -1
    tipe: np.ndarray  # platform-specific post type code 0..3
    caption: list[str]
    reach: np.ndarray  # final (long-run) lifetime values
    views: np.ndarray
    reactions: np.ndarray
    comments: np.ndarray  # number of comment rows generated for the post
    shares: np.ndarray
    clicks: np.ndarray
    saves: np.ndarray
    durasi: np.ndarray  # video duration (s), 0 for non-video
    tonton: np.ndarray  # average watch seconds
    pid: list[str] | None = None  # platform post id (as in the export)
    link: list[str] | None = None  # permalink

    def __len__(self) -> int:
        return len(self.waktu)


def growth(age_days: np.ndarray) -> np.ndarray:
    """Share of a post's final lifetime metrics reached at a given age (monotone, 0 at age 0)."""
    age = np.clip(age_days, 0, None)
    return 0.8 * (1 - np.exp(-age / 1.2)) + 0.2 * (1 - np.exp(-age / 45))


def _day_rates(akun: pd.DataFrame, days: np.ndarray, libur: np.ndarray, end: dt.date,
               laju: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Expected posts per account and day, and the last active day index per account."""
    beh = akun["perilaku"].map({p: i for i, p in enumerate(PERILAKU)}).to_numpy()
    plat = akun["platform"].map({p: i for i, p in enumerate(PLAT)}).to_numpy()
    rate = RATE[beh, plat] * np.exp(rng.normal(0, 0.3, len(akun))) * laju
    wd = (days.astype(int) + 3) % 7
    weekend = wd >= 5
    off = np.isin(days, libur)
    n_days = len(days)
    last = np.full(len(akun), n_days - 1)
    weeks = rng.integers(4, 11, len(akun))
    last = np.where(beh == 3, n_days - 1 - weeks * 7, last)
    last = np.where(beh == 4, n_days - 1 - 150, last)
    fac = np.where(weekend[None, :], WEEKEND[beh][:, None], 1.0) * np.where(off, 0.3, 1.0)[None, :]
    lam = rate[:, None] * fac
    lam[np.arange(n_days)[None, :] > last[:, None]] = 0.0
    return lam, last


def _greetings(akun: pd.DataFrame, sektor: np.ndarray, hari: list[Hari], days: np.ndarray,
               last: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(account index, greeting index) of the holiday greeting posts."""
    beh = akun["perilaku"].map({p: i for i, p in enumerate(PERILAKU)}).to_numpy()
    plat = akun["platform"].map({p: i for i, p in enumerate(PLAT)}).to_numpy()
    w = np.array([1.0 if h.kunci in _MAJOR else 0.5 if h.kunci in _MEDIUM else 0.12 for h in hari])
    own = np.array([_OWN_DAY.get(h.kunci, "") for h in hari], dtype=object)
    weight = np.where(own[None, :] == sektor[:, None], 1.0, w[None, :])
    weight = np.where(beh[:, None] == 2, np.maximum(weight, 0.7), weight)
    p = P_GREET[beh][:, None] * GREET_PLAT[plat][:, None] * weight
    day_i = np.searchsorted(days, np.array([h.tanggal for h in hari], dtype="datetime64[D]"))
    p[day_i[None, :] > last[:, None]] = 0.0
    hit = rng.random(p.shape) < p
    a_i, h_i = np.nonzero(hit)
    return a_i, h_i


def _absen_once(akun: pd.DataFrame, n_days: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Absent OPD: at most one post in the last 90 days, on one of its accounts (half of them)."""
    absen = np.flatnonzero((akun["perilaku"] == "absen").to_numpy())
    opd = akun["opd_i"].to_numpy()[absen]
    chosen = []
    for o in np.unique(opd).tolist():
        mine = absen[opd == o]
        pick = int(mine[rng.integers(0, len(mine))])
        if rng.random() < 0.5:
            chosen.append(pick)
    a_i = np.array(chosen, dtype=np.int64)
    return a_i, n_days - 1 - rng.integers(3, 88, len(a_i))


def _times(day: np.ndarray, rng: np.random.Generator, greeting: bool) -> np.ndarray:
    if greeting:
        hour = rng.choice([5, 6, 7, 8, 19, 20], len(day), p=[.2, .3, .2, .1, .1, .1])
        day = np.where(hour >= 19, day - 1, day)
    else:
        hour = rng.choice(24, len(day), p=HOURS / HOURS.sum())
    minute = rng.integers(0, 60, len(day))
    sec = rng.integers(0, 60, len(day))
    return (day.astype("datetime64[D]").astype("datetime64[s]") + hour * 3600 + minute * 60 + sec)


def schedule(akun: pd.DataFrame, sektor: np.ndarray, hari: list[Hari], days: np.ndarray,
             libur: np.ndarray, end: dt.date, laju: float, rng: np.random.Generator) -> pd.DataFrame:
    """When each account posts, with content type and greeting day (sorted by account, time)."""
    lam, last = _day_rates(akun, days, libur, end, laju, rng)
    counts = rng.poisson(lam)
    a_i, d_i = np.nonzero(counts)
    reps = counts[a_i, d_i]
    a_base, d_base = np.repeat(a_i, reps), np.repeat(d_i, reps)
    beh = akun["perilaku"].map({p: i for i, p in enumerate(PERILAKU)}).to_numpy()
    u = rng.random(len(a_base))
    cum = np.cumsum(P_JENIS[beh[a_base]], axis=1)
    jenis = (u[:, None] > cum).sum(axis=1).clip(0, 2)
    g_a, g_h = _greetings(akun, sektor, hari, days, last, rng)
    g_day = np.searchsorted(days, np.array([h.tanggal for h in hari], dtype="datetime64[D]"))[g_h]
    o_a, o_d = _absen_once(akun, len(days), rng)
    frames = [
        (a_base, _times(days[d_base], rng, False), jenis, np.full(len(a_base), -1)),
        (g_a, _times(days[g_day], rng, True), np.full(len(g_a), cap.SEREMONIAL), g_h),
        (o_a, _times(days[o_d], rng, False), np.full(len(o_a), cap.SEREMONIAL), np.full(len(o_a), -1)),
    ]
    df = pd.DataFrame({
        "akun_i": np.concatenate([f[0] for f in frames]).astype(np.int32),
        "waktu": np.concatenate([f[1] for f in frames]),
        "jenis": np.concatenate([f[2] for f in frames]).astype(np.int8),
        "hari_i": np.concatenate([f[3] for f in frames]).astype(np.int32),
    })
    start = days[0].astype("datetime64[s]")
    df = df[df["waktu"] >= start]
    return df.sort_values(["akun_i", "waktu"], kind="stable").reset_index(drop=True)


def build(akun: pd.DataFrame, ctx: list[Konteks], hari: list[Hari], days: np.ndarray, libur: np.ndarray,
          end: dt.date, laju: float, komentar: float, rng: np.random.Generator) -> Posts:
    sektor = np.array([ctx[i].sektor for i in akun["opd_i"]], dtype=object)
    sched = schedule(akun, sektor, hari, days, libur, end, laju, rng)
    cutoff = np.datetime64(end) + np.timedelta64(18, "h")
    sched = sched[sched["waktu"].to_numpy() <= cutoff].reset_index(drop=True)
    a_i = sched["akun_i"].to_numpy()
    jenis = sched["jenis"].to_numpy()
    hari_i = sched["hari_i"].to_numpy()
    waktu = sched["waktu"].to_numpy().astype("datetime64[s]")
    maker = CaptionMaker(hari, rng)
    opd_i = akun["opd_i"].to_numpy()[a_i]
    r = rng.integers(0, 2**31, (len(a_i), 13))
    dates = waktu.astype("datetime64[D]").astype(dt.date)
    caption = [maker.render(ctx[o], j, h, d, rr) for o, j, h, d, rr in
               zip(opd_i.tolist(), jenis.tolist(), hari_i.tolist(), dates, r)]
    return _metrics(akun, a_i, waktu, jenis, hari_i, caption, komentar, rng)


_TYPE_P = {0: [.6, .1, .15, .15], 1: [.55, .2, .25, 0], 2: [1, 0, 0, 0], 3: [1, 0, 0, 0], 4: [1, 0, 0, 0]}
_TYPE_REACH = {0: [1.0, 1.3, 1.8, 0.6], 1: [1.0, 1.2, 1.6, 1], 2: [1, 1, 1, 1], 3: [1, 1, 1, 1], 4: [1, 1, 1, 1]}


def _metrics(akun: pd.DataFrame, a_i: np.ndarray, waktu: np.ndarray, jenis: np.ndarray, hari_i: np.ndarray,
             caption: list[str], komentar: float, rng: np.random.Generator) -> Posts:
    n = len(a_i)
    beh = akun["perilaku"].map({p: i for i, p in enumerate(PERILAKU)}).to_numpy()
    plat = akun["platform"].map({p: i for i, p in enumerate(PLAT)}).to_numpy()
    pop = REACH[beh] * PLAT_REACH[plat] * np.exp(rng.normal(0, 0.5, len(akun)))
    pa_ = plat[a_i]
    tipe = np.zeros(n, dtype=np.int8)
    for p, probs in _TYPE_P.items():
        m = pa_ == p
        tipe[m] = rng.choice(4, m.sum(), p=probs)
    tfac = np.array([_TYPE_REACH[p][t] for p, t in zip(pa_.tolist(), tipe.tolist())]) if n else np.zeros(0)
    cfac = np.array([1.0, 1.15, 0.7])[jenis]
    reach = np.maximum(pop[a_i] * tfac * cfac * np.exp(rng.normal(0, 0.85, n)), 3).astype(np.int64)
    views = (reach * rng.uniform(1.15, 2.2, n)).astype(np.int64)
    reactions = (reach * rng.beta(2, 38, n)).astype(np.int64)
    w = (reach / max(reach.mean() if n else 1, 1)) ** 0.85
    n_com = rng.poisson(komentar * w / max(w.mean() if n else 1, 1e-9))
    video = ((pa_ == 0) & (tipe >= 1) & (tipe <= 2)) | ((pa_ == 1) & (tipe == 2)) | (pa_ >= 3)
    durasi = np.where(video, rng.integers(12, 240, n) * np.where(pa_ == 4, 3, 1), 0)
    return Posts(
        akun_i=a_i, waktu=waktu, jenis=jenis, hari_i=hari_i, tipe=tipe, caption=caption, reach=reach,
        views=views, reactions=reactions, comments=n_com.astype(np.int64),
        shares=(reactions * rng.uniform(0.02, 0.25, n)).astype(np.int64),
        clicks=(reach * rng.uniform(0.004, 0.05, n)).astype(np.int64),
        saves=(reactions * rng.uniform(0.01, 0.09, n)).astype(np.int64),
        durasi=durasi, tonton=(durasi * rng.uniform(0.15, 0.6, n)).astype(np.int64),
    )


def identify(posts: Posts, akun: pd.DataFrame, rng: np.random.Generator) -> None:
    """Give every post its platform id and permalink (x.com links; legacy files use twitter.com)."""
    n = len(posts)
    plat = akun["platform"].to_numpy()[posts.akun_i]
    handle = akun["akun"].to_numpy()[posts.akun_i]
    page = akun["id_akun"].to_numpy()[posts.akun_i]
    num = {
        "facebook": ids.unique_numbers(n, 122_100_000_000_000_000, rng, 4_000_000),
        "instagram": ids.unique_numbers(n, 17_950_000_000_000_000, rng, 4_000_000),
        "x": ids.snowflake(posts.waktu, rng),
        "tiktok": ids.tiktok_id(posts.waktu, rng),
    }
    code = ids.b64(n, 11, rng).to_pylist()
    pid, link = [], []
    for i, (p, h, pg, t) in enumerate(zip(plat.tolist(), handle.tolist(), page.tolist(), posts.tipe.tolist())):
        if p == "youtube":
            pid.append(code[i])
            link.append(f"https://www.youtube.com/watch?v={code[i]}")
            continue
        k = str(num[p][i])
        pid.append(k)
        if p == "facebook":
            link.append(f"https://www.facebook.com/{h}/videos/{k}/" if t == 1 else
                        f"https://www.facebook.com/reel/{k}/" if t == 2 else
                        f"https://www.facebook.com/{pg}/posts/{k}")
        elif p == "instagram":
            link.append(f"https://www.instagram.com/{'reel' if t == 2 else 'p'}/{code[i]}/")
        elif p == "x":
            link.append(f"https://x.com/{h}/status/{k}")
        else:
            link.append(f"https://www.tiktok.com/@{h}/video/{k}")
    posts.pid, posts.link = pid, link
