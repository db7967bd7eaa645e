"""Accounts that post in the sample: the registry's plus a few unregistered ones."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import nama
from .captions import Konteks
from .registry import Registry

_COLS = ["kode_opd", "platform", "akun", "id_akun", "nama_tampilan", "opd_i", "perilaku", "terdaftar"]


def _desa_pairs(reg: Registry, opd: pd.Series) -> list[tuple[str, str]]:
    w = reg.wilayah
    prefix = reg.unit_prefix.get(opd["unit"], "")
    if prefix:
        w = w[w["kode"].str.startswith(prefix + ".")]
    kec = w[w["jenis"] == "kecamatan"].set_index("kode")["nama"]
    if opd["jenis"] == "kecamatan":
        own = kec[kec == opd["nama"].removeprefix("Kecamatan ")]
        if len(own):
            w = w[w["kode_induk"] == own.index[0]]
    desa = w[w["jenis"] != "kecamatan"]
    return [(d, kec.get(i, "")) for d, i in zip(desa["nama"], desa["kode_induk"])]


def konteks(reg: Registry) -> list[Konteks]:
    """Caption context for every OPD, in registry order."""
    out = []
    for i, (_, opd) in enumerate(reg.opd.iterrows()):
        kab = opd["daerah"].replace("Kabupaten ", "").replace("Kota ", "").replace("Provinsi ", "")
        out.append(Konteks(opd["singkatan"], opd["daerah"], kab, opd["sektor"], _desa_pairs(reg, opd),
                           f"0811-{2200 + i % 700}-{(i * 37) % 9000 + 1000}"))
    return out


def table(reg: Registry, rng: np.random.Generator) -> tuple[pd.DataFrame, list[Konteks]]:
    """All posting accounts (registered first, then unregistered) and the caption contexts.

    Unregistered accounts get opd_i pointing at an extra context appended after the OPD ones.
    """
    ctx = konteks(reg)
    a = reg.akun.copy()
    pos = pd.Series(np.arange(len(reg.opd)), index=reg.opd["kode"])
    a["opd_i"] = pos.loc[a["kode_opd"]].to_numpy()
    a["perilaku"] = reg.perilaku.reindex(a["kode_opd"]).to_numpy()
    a["terdaftar"] = True
    desa, kec = ctx[0].desa[int(rng.integers(0, len(ctx[0].desa)))]
    daerah = ctx[0].daerah
    kab = ctx[0].kab
    ghost = Konteks(f"Pemdes {desa}", daerah, kab, "wilayah", [(desa, kec)], "0812-0000-0000")
    ctx.append(ghost)
    slug = nama.slug(desa)
    extra = pd.DataFrame([
        ["", "facebook", f"pemdes.{slug}", str(int(rng.integers(100080000000000, 100090000000000))),
         f"Pemerintah Desa {desa}", len(ctx) - 1, "rutin", False],
        ["", "tiktok", f"info{nama.slug(kab)}terkini", "", f"Info {kab} Terkini", len(ctx) - 1, "rutin", False],
    ], columns=_COLS)
    a = pd.concat([a[_COLS], extra], ignore_index=True)
    a = a[a["perilaku"].notna()].reset_index(drop=True)
    return a, ctx
