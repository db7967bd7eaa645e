"""Sample data for Sorot: the real export files a Diskominfo admin would download.

`generate(out)` writes, for the 12 months ending `end`, post exports (Meta Business Suite, X, TikTok
Studio, YouTube Studio), monthly comment sheets, complaint files (SP4N-LAPOR!, the local app SIGAP,
WhatsApp/112/social-media sheets) and the registry it used. Same (scale, seed, end) -> same bytes.
Some captions, comments and complaints carry fictional personal data (numbers, NIK, e-mail, addresses:
``sample/pribadi.py``) and the local app and hand-kept sheets give reporters' numbers in clear, so that masking and
the reporters' separate table are exercised end to end.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from . import akun as akun_mod
from . import comments, complaint_exports, complaints, kalender, post_exports, posts, registry
from . import writers as wr
from .skala import SKALA, Skala, skala

__all__ = ["SKALA", "generate"]
_OWNED = ("posts", "komentar", "pengaduan", "registry")


def _rng(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, stream])


def _registry(sk: Skala, seed: int) -> registry.Registry:
    reg = registry.load()
    if sk.provinsi:
        reg = registry.build_provinsi(reg, sk.n_kabkota, _rng(seed, 1))
    reg.perilaku = registry.assign_perilaku(reg, _rng(seed, 2))
    return reg


def generate(out: Path, scale: str = "kabupaten", seed: int = 7, end: dt.date | None = None) -> dict:
    """Write the sample under `out` and return {"files": {path: rows}, "totals": {...}, ...}."""
    sk = skala(scale)
    end = end or dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()
    start = post_exports.add_months(end, -12) + dt.timedelta(days=1)
    out = Path(out)
    for sub in _OWNED:
        shutil.rmtree(out / sub, ignore_errors=True)
    reg = _registry(sk, seed)
    akun, ctx = akun_mod.table(reg, _rng(seed, 3))
    hari = kalender.hari_besar(start, end, reg.hari_jadi)
    libur = kalender.hari_libur(start, end)
    days = np.arange(np.datetime64(start), np.datetime64(end) + 1)
    p = posts.build(akun, ctx, hari, days, libur, end, sk.laju_post, sk.komentar_per_post, _rng(seed, 4))
    posts.identify(p, akun, _rng(seed, 5))
    files = _post_files(p, akun, start, end, out / "posts", sk, seed)
    p.caption = []  # not needed for comments; frees memory at province scale
    kab = ctx[0].kab
    labels = [f"{h.label} {kab}" if h.kunci == "hari_jadi" else h.label for h in hari]
    files.update(comments.generate(p, akun, reg.wilayah, kab, labels, out, start, end, sk.pool_komentar,
                                   sk.pool_pengguna, sk.xlsx_maks, _rng(seed, 6)))
    df = complaints.generate(reg, sk.pengaduan, days, libur, end, _rng(seed, 7))
    files.update(_complaint_files(df, reg, out / "pengaduan", end, sk, seed))
    files.update(registry.write(reg, out / "registry", wr.export_time(end)))
    n_comments = sum(v for k, v in files.items() if k.startswith("komentar/"))
    return {
        "scale": scale, "seed": seed, "start": start.isoformat(), "end": end.isoformat(),
        "files": dict(sorted(files.items())),
        "totals": {"posts": len(p), "comments": n_comments, "complaints": len(df), "opd": len(reg.opd),
                   "accounts": len(reg.akun)},
    }


def _post_files(p: posts.Posts, akun, start: dt.date, end: dt.date, out: Path, sk: Skala, seed: int) -> dict:
    rng = _rng(seed, 8)
    a_hi = post_exports.add_months(start, 8) - dt.timedelta(days=1)
    b_lo = post_exports.add_months(start, 5)
    files = {}
    for lo, hi in ((start, a_hi), (b_lo, end)):
        files[f"posts/facebook_posts_{lo}_{hi}.csv"] = post_exports.facebook(p, akun, lo, hi, out, rng)
        files[f"posts/instagram_posts_{lo}_{hi}.csv"] = post_exports.instagram(p, akun, lo, hi, out)
    # a month of the first export, saved again by Excel on an Indonesian PC (an earlier snapshot of
    # posts also in the first export, so only its one unrecoverable row is lost, and no post)
    x_lo = post_exports.add_months(start, 2)
    name, rows = post_exports.facebook_excel(p, akun, x_lo, post_exports.add_months(x_lo, 1) - dt.timedelta(days=1),
                                             out, rng)
    files[f"posts/{name}"] = rows
    files.update(post_exports.x_files(p, akun, start, end, out / "x"))
    files.update(post_exports.tiktok_files(p, akun, start, end, out / "tiktok", sk.xlsx_maks))
    files.update(post_exports.youtube_files(p, akun, start, end, out / "youtube"))
    return files


def _complaint_files(df, reg: registry.Registry, out: Path, end: dt.date, sk: Skala, seed: int) -> dict:
    rng = _rng(seed, 9)
    files = {f"pengaduan/lapor_{end}.csv": complaint_exports.lapor(df, reg, out, end, rng),
             f"pengaduan/sigap_{end}.csv": complaint_exports.sigap(df, reg, out, end, rng)}
    for kanal in ("whatsapp", "112", "medsos"):
        name, rows = complaint_exports.template(df, reg, kanal, out, end, sk.xlsx_maks, rng)
        files[f"pengaduan/{name}"] = rows
    return files
