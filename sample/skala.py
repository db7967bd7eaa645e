"""Size knobs of the sample: one entry per `scale` accepted by `generate`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Skala:
    nama: str
    provinsi: bool  # generated province registry instead of data/registry
    n_kabkota: int = 0  # kabupaten/kota in a generated province
    laju_post: float = 1.0  # multiplier on every account's posting rate
    komentar_per_post: float = 3.0  # mean comments per post (long-tailed)
    pengaduan: int = 6000  # complaints over the 12 months, all channels
    pool_komentar: int = 0  # 0: render every comment text; else size of the text pool
    pool_pengguna: int = 6000  # distinct fake commenter names
    xlsx_maks: int = 60_000  # larger sheets are written as CSV instead of .xlsx


SKALA: dict[str, Skala] = {
    "kabupaten": Skala("kabupaten", provinsi=False),
    "provinsi": Skala("provinsi", provinsi=True, n_kabkota=20, laju_post=2.25,
                      komentar_per_post=9.6, pengaduan=420_000, pool_komentar=120_000,
                      pool_pengguna=250_000, xlsx_maks=100_000),
    # the provinsi code path on a small fraction (2 kabupaten/kota), for tests
    "mini-provinsi": Skala("mini-provinsi", provinsi=True, n_kabkota=2, laju_post=0.25,
                           komentar_per_post=2.0, pengaduan=3000, pool_komentar=5000,
                           pool_pengguna=3000, xlsx_maks=2000),
}


def skala(nama: str) -> Skala:
    try:
        return SKALA[nama]
    except KeyError:
        raise ValueError(f"skala tidak dikenal: {nama!r} (pilih {', '.join(SKALA)})") from None
