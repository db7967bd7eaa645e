"""Accounts that post in the sample: the registry's plus a few unregistered ones."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import nama
from .captions import Konteks
from .registry import Registry

_COLS = ["kode_opd", "platform", "akun", "id_akun", "nama_tampilan", "opd_i", "perilaku", "terdaftar"]


def _pairs_by_unit(reg: Registry) -> dict[str, tuple[list, dict[str, list]]]:
    """unit -> (all (desa, kecamatan) pairs of the unit, kecamatan name -> its pairs)."""
    w = reg.wilayah
    kec_name = dict(zip(w.loc[w["jenis"] == "kecamatan", "kode"], w.loc[w["jenis"] == "kecamatan", "nama"]))
    desa = w[w["jenis"] != "kecamatan"]
    pairs = [(d, kec_name.get(i, ""), i) for d, i in zip(desa["nama"].tolist(), desa["kode_induk"].tolist())]
    prefixes = reg.unit_prefix or {"": ""}
    out = {}
    for unit, prefix in prefixes.items():
        mine = [(d, k) for d, k, i in pairs if i.startswith(prefix)]
        by_kec: dict[str, list] = {}
        for d, k in mine:
            by_kec.setdefault(k, []).append((d, k))
        out[unit] = (mine, by_kec)
    everything = [(d, k) for d, k, _ in pairs]
    out.setdefault("", (everything, {}))
    return out


def konteks(reg: Registry) -> list[Konteks]:
    """Caption context for every OPD, in registry order."""
    units = _pairs_by_unit(reg)
    out = []
    cols = zip(reg.opd["singkatan"].tolist(), reg.opd["daerah"].tolist(), reg.opd["sektor"].tolist(),
               reg.opd["unit"].tolist(), reg.opd["jenis"].tolist(), reg.opd["nama"].tolist())
    for i, (singkatan, daerah, sektor, unit, jenis, nama_opd) in enumerate(cols):
        kab = daerah.replace("Kabupaten ", "").replace("Kota ", "").replace("Provinsi ", "")
        mine, by_kec = units.get(unit, units[""])
        pairs = by_kec.get(nama_opd.removeprefix("Kecamatan "), mine) if jenis == "kecamatan" else mine
        out.append(Konteks(singkatan, daerah, kab, sektor, pairs or units[""][0],
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
    w = reg.wilayah
    kec_name = dict(zip(w["kode"], w["nama"]))
    villages = w[w["jenis"] == "desa"]
    pick = int(rng.integers(0, len(villages)))
    desa, kec = villages["nama"].iat[pick], kec_name.get(villages["kode_induk"].iat[pick], "")
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
