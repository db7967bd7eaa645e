"""The registry the sample uses: data/registry for a kabupaten, a generated one for a province."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import nama as nm

REGISTRY_DIR = Path(__file__).resolve().parents[1] / "data" / "registry"
FILES = ("opd.csv", "akun.csv", "wilayah.csv", "pengaturan.toml")
PLATFORMS = ("facebook", "instagram", "x", "tiktok", "youtube")
PERILAKU = ("sangat_aktif", "rutin", "seremonial", "meredup", "absen")
_PORSI = (0.20, 0.40, 0.15, 0.15, 0.10)

SEKTOR = {
    "DINKES": "kesehatan", "RSUD": "rs", "DISDIK": "pendidikan", "DPUPR": "pu", "DSDA": "pu",
    "DISPERKIM": "perkim", "DAMKAR": "damkar", "DLH": "lh", "DINSOS": "sosial", "DP3A": "sosial",
    "DPPKB": "sosial", "DISDUKCAPIL": "dukcapil", "DPMD": "desa", "DISHUB": "perhubungan",
    "DISKOMINFO": "kominfo", "DPMPTSP": "perizinan", "DISNAKER": "ekonomi", "DISKOPUKM": "ekonomi",
    "DISPERINDAG": "ekonomi", "BAG-EKON": "ekonomi", "DISTAN": "pertanian", "DKP": "pertanian",
    "DISKAN": "pertanian", "DISNAK": "pertanian", "DISPARBUD": "pariwisata", "DISPORA": "pariwisata",
    "DISARPUS": "pendidikan", "BAPPEDA": "perencanaan", "BAG-PEMB": "perencanaan",
    "BPKA": "perencanaan", "BPKAD": "keuangan", "BAPENDA": "keuangan", "BKPSDM": "kepegawaian",
    "INSPEKTORAT": "kepegawaian", "BAG-ORG": "kepegawaian", "BPBD": "bencana",
    "SATPOLPP": "ketertiban", "KESBANGPOL": "ketertiban", "BAG-KESRA": "sosial",
}
_SEKTOR_JENIS = {"kecamatan": "wilayah", "kelurahan": "wilayah", "rsud": "rs", "satpol": "ketertiban"}


@dataclass
class Registry:
    opd: pd.DataFrame  # the opd.csv columns + dasar, sektor, daerah, unit
    akun: pd.DataFrame
    wilayah: pd.DataFrame
    pengaturan: dict
    sumber: Path | None = None  # directory copied verbatim (kabupaten), None when generated
    perilaku: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))
    unit_prefix: dict[str, str] = field(default_factory=dict)  # unit -> wilayah code prefix

    @property
    def hari_jadi(self) -> tuple[int, int]:
        m, d = str(self.pengaturan.get("hari_jadi", "09-14")).split("-")
        return int(m), int(d)


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def sektor_of(dasar: str, jenis: str) -> str:
    if dasar in SEKTOR:
        return SEKTOR[dasar]
    if jenis == "rsud" or dasar.startswith("RSUD"):
        return "rs"
    return _SEKTOR_JENIS.get(jenis, "pemerintahan")


def load(directory: Path = REGISTRY_DIR) -> Registry:
    """Read an admin-edited registry directory (the kabupaten sample)."""
    opd = _read_csv(directory / "opd.csv")
    with open(directory / "pengaturan.toml", "rb") as f:
        pengaturan = tomllib.load(f)
    opd["dasar"] = opd["kode"]
    opd["sektor"] = [sektor_of(k, j) for k, j in zip(opd["kode"], opd["jenis"])]
    opd["daerah"] = pengaturan["nama_daerah"]
    opd["unit"] = ""
    return Registry(opd, _read_csv(directory / "akun.csv"), _read_csv(directory / "wilayah.csv"),
                    pengaturan, sumber=directory)


def assign_perilaku(reg: Registry, rng: np.random.Generator) -> pd.Series:
    """Behaviour per OPD that has at least one account, ~20/40/15/15/10 %, seeded."""
    has_account = set(reg.akun["kode_opd"].tolist())
    kode = [k for k in reg.opd["kode"].tolist() if k in has_account]
    jenis = reg.opd.set_index("kode").loc[kode, "jenis"].to_numpy()
    dasar = reg.opd.set_index("kode").loc[kode, "dasar"].to_numpy()
    bonus = np.isin(dasar, ["SETDA", "DISKOMINFO", "BAG-PROKOPIM", "DINKES", "BPBD"]) * 0.35
    bonus -= np.isin(jenis, ["kecamatan", "kelurahan"]) * 0.15
    order = np.argsort(-(rng.random(len(kode)) + bonus), kind="stable")
    cuts = np.round(np.cumsum(_PORSI) * len(kode)).astype(int)
    label = np.empty(len(kode), dtype=object)
    label[order] = np.array(PERILAKU, dtype=object)[np.searchsorted(cuts, np.arange(len(kode)), "right")]
    return pd.Series(label, index=pd.Index(kode, name="kode_opd"), name="perilaku")


def write(reg: Registry, out: Path, mtime: float) -> dict[str, int]:
    """Copy (kabupaten) or write (generated) the registry into out/registry, plus perilaku.csv."""
    out.mkdir(parents=True, exist_ok=True)
    rows = {}
    if reg.sumber is not None:
        for name in FILES:
            shutil.copyfile(reg.sumber / name, out / name)
    else:
        cols = ["kode", "nama", "singkatan", "jenis", "induk", "alias", "id_lapor", "aktif"]
        reg.opd[cols].to_csv(out / "opd.csv", index=False, lineterminator="\n")
        reg.akun.to_csv(out / "akun.csv", index=False, lineterminator="\n")
        reg.wilayah.to_csv(out / "wilayah.csv", index=False, lineterminator="\n")
        (out / "pengaturan.toml").write_text(_toml(reg.pengaturan), encoding="utf-8")
    reg.perilaku.reset_index().to_csv(out / "perilaku.csv", index=False, lineterminator="\n")
    rows.update({"registry/opd.csv": len(reg.opd), "registry/akun.csv": len(reg.akun),
                 "registry/wilayah.csv": len(reg.wilayah), "registry/perilaku.csv": len(reg.perilaku)})
    for name in (*FILES, "perilaku.csv"):
        os.utime(out / name, (mtime, mtime))
    return rows


def _toml(p: dict) -> str:
    lines = []
    for k, v in p.items():
        if isinstance(v, list):
            lines.append(f"{k} = [{', '.join(repr(x).replace(chr(39), chr(34)) for x in v)}]")
        else:
            lines.append(f'{k} = "{v}"')
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- generated province registry

def build_provinsi(template: Registry, n_kabkota: int, rng: np.random.Generator) -> Registry:
    """One province with its agencies plus n kabupaten/kota, each with its own agency set."""
    core = template.opd[~template.opd["jenis"].isin(["kecamatan", "kelurahan"])]
    units = nm.kabkota(n_kabkota, rng)
    kec_names = nm.kecamatan_names(sum(u.n_kec for u in units), rng)
    opd_parts, wil_parts, k = [_unit_opd(core, nm.PROVINSI, rng)], [], 0
    prefix: dict[str, str] = {}
    seen: set[str] = set()
    for no, unit in enumerate(units, start=1):
        prefix[unit.kode] = f"32.{no:02d}"
        names = kec_names[k:k + unit.n_kec]
        k += unit.n_kec
        wil = _unit_wilayah(unit, no, names, rng)
        wil_parts.append(wil)
        opd_parts.append(_unit_opd(core, unit, rng, wil, seen))
    opd = pd.concat(opd_parts, ignore_index=True)
    opd["id_lapor"] = (40000 + np.cumsum(rng.integers(1, 9, len(opd)))).astype(str)
    opd["aktif"] = "ya"
    wilayah = pd.concat(wil_parts, ignore_index=True)
    pengaturan = {"nama_daerah": nm.PROVINSI.daerah, "provinsi": nm.PROVINSI.daerah,
                  "zona_waktu": "Asia/Jakarta", "platform_wajib": ["facebook", "instagram"],
                  "hari_jadi": "08-19"}
    return Registry(opd, make_akun(opd, rng), wilayah, pengaturan, unit_prefix=prefix)


def _unit_opd(core: pd.DataFrame, unit: nm.Unit, rng: np.random.Generator,
              wil: pd.DataFrame | None = None, seen: set[str] | None = None) -> pd.DataFrame:
    rows = []
    short = unit.daerah.split(" ", 1)[1]
    for r in core.itertuples(index=False):
        if r.dasar.startswith("RSUD-"):
            continue  # a second hospital named after a kecamatan of the template
        nama, singkatan = r.nama, r.singkatan
        if unit.provinsi and r.dasar.startswith("BAG-"):
            nama, singkatan = nama.replace("Bagian", "Biro"), singkatan.replace("Bag.", "Biro")
        nama = nama.replace("Sukamaju", short) if "Sukamaju" in nama else f"{nama} {unit.daerah}"
        singkatan = f"{singkatan} {short}"  # short names must stay unique across the province
        alias = "|".join(f"{a.replace(' Kabupaten', '')} {unit.daerah}" for a in r.alias.split("|")
                         if a and not a.endswith("kab"))
        induk = f"{unit.kode}-{r.induk}" if r.induk else ""
        rows.append([f"{unit.kode}-{r.dasar}", nama, singkatan, r.jenis, induk, alias, r.dasar])
    if wil is not None:
        rows += _wilayah_opd(unit, wil, rng, set() if seen is None else seen)
    df = pd.DataFrame(rows, columns=["kode", "nama", "singkatan", "jenis", "induk", "alias", "dasar"])
    df["sektor"] = [sektor_of(d, j) for d, j in zip(df["dasar"], df["jenis"])]
    df["daerah"] = unit.daerah
    df["unit"] = unit.kode
    return df


def _wilayah_opd(unit: nm.Unit, wil: pd.DataFrame, rng: np.random.Generator, seen: set[str]) -> list[list[str]]:
    """Kecamatan OPD (names are unique in the province) and, in a kota, some kelurahan OPD."""
    rows = []
    kecs = wil[wil["jenis"] == "kecamatan"]
    for kec in kecs.itertuples(index=False):
        slug = nm.slug(kec.nama).upper()
        kode_kec = f"{unit.kode}-KEC-{slug}"
        rows.append([kode_kec, f"Kecamatan {kec.nama}", f"Kec. {kec.nama}", "kecamatan", "",
                     f"Kec. {kec.nama}|Kantor Kecamatan {kec.nama}", "KEC"])
        if unit.kota:
            kels = wil[(wil["kode_induk"] == kec.kode) & (wil["jenis"] == "kelurahan")]
            for kel in kels.itertuples(index=False):
                if rng.random() < 0.5 and kel.nama not in seen:
                    seen.add(kel.nama)
                    rows.append([f"{unit.kode}-KEL-{nm.slug(kel.nama).upper()}-{kel.kode[-2:]}",
                                 f"Kelurahan {kel.nama}", f"Kel. {kel.nama}", "kelurahan", kode_kec,
                                 f"Kel. {kel.nama}", "KEL"])
    return rows


def _unit_wilayah(unit: nm.Unit, no: int, names: list[str], rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for i, kec in enumerate(names, start=1):
        kc = f"32.{no:02d}.{i:02d}"
        rows.append([kc, kec, "kecamatan", ""])
        n = int(rng.integers(3, 7))
        for j, desa in enumerate(nm.desa_names(n, rng)):
            kel = unit.kota or (i == 1 and j < 2)
            kode = f"{kc}.{1001 + j}" if kel else f"{kc}.{2001 + j}"
            rows.append([kode, desa, "kelurahan" if kel else "desa", kc])
    return pd.DataFrame(rows, columns=["kode", "nama", "jenis", "kode_induk"])


_ACC_P = {"facebook": 0.96, "instagram": 0.9, "x": 0.5, "tiktok": 0.4, "youtube": 0.3}
_ACC_WIL = {"facebook": 0.97, "instagram": 0.6, "x": 0.05, "tiktok": 0.25, "youtube": 0.02}


def make_akun(opd: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Accounts for generated OPD, with realistic gaps (some OPD without any account)."""
    rows: list[list[str]] = []
    seen: set[tuple[str, str]] = set()
    for r in opd.itertuples(index=False):
        if rng.random() < 0.04:
            continue
        wil = r.jenis in ("kecamatan", "kelurahan")
        base = nm.slug(r.kode.split("-", 1)[1] if "-" in r.kode else r.kode).replace("kec", "kec.", 1)
        unit = nm.slug(r.daerah.replace("Kabupaten ", "").replace("Kota ", "kota"))
        page = r.singkatan if rng.random() < 0.5 and not wil else r.nama
        probs = _ACC_WIL if wil else _ACC_P
        for p in PLATFORMS:
            if rng.random() >= probs[p]:
                continue
            handle = _handle(base, unit, p, int(rng.integers(0, 3)))
            n = 1
            while (p, handle) in seen:
                n += 1
                handle = f"{handle[:13]}{n}" if p == "x" else f"{handle}{n}"
            seen.add((p, handle))
            rows.append([r.kode, p, handle, _id_akun(p, rng), page, _since(p, rng),
                         nm.account_url(p, handle)])
    return pd.DataFrame(rows, columns=["kode_opd", "platform", "akun", "id_akun", "nama_tampilan",
                                       "aktif_sejak", "url"])


def _handle(base: str, unit: str, platform: str, style: int) -> str:
    base = base.replace(".", "") if platform in ("x", "youtube") else base
    sep = {"facebook": ".", "instagram": "_" if style == 1 else ".", "x": "_", "tiktok": ".",
           "youtube": ""}[platform]
    return f"{base}{sep}{unit}"[:30] if platform != "x" else f"{base}{sep}{unit}"[:15]


def _id_akun(platform: str, rng: np.random.Generator) -> str:
    if platform == "facebook":
        return str(int(rng.integers(100064000000000, 100095000000000)))
    if platform == "instagram":
        return str(int(rng.integers(17841400000000000, 17841499999999999)))
    return ""


def _since(platform: str, rng: np.random.Generator) -> str:
    y0 = {"facebook": 2012, "instagram": 2015, "x": 2011, "tiktok": 2020, "youtube": 2014}[platform]
    day = dt.date(y0, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365 * (2025 - y0))))
    return day.isoformat()
