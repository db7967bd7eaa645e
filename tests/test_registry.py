"""The editable registry: its errors name file, row and column."""

import shutil
from pathlib import Path

import pytest

from etl.errors import RegistryError
from etl.registry import read_registry

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    target = tmp_path / "registry"
    shutil.copytree(DATA / "registry", target)
    return target


def read(reg: Path):
    return read_registry(reg, DATA / "kalender" / "libur.csv")


def append(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("" if text.endswith("\n") else "\n") + line + "\n", encoding="utf-8")


def test_shipped_registry_is_valid_and_large_enough():
    reg = read(DATA / "registry")
    assert len(reg.opd) >= 45
    assert (reg.opd["jenis"] == "kecamatan").sum() >= 10
    assert set(reg.accounts["platform"]) == {"facebook", "instagram", "x", "tiktok", "youtube"}
    assert reg.timezone == "Asia/Jakarta"
    assert {"libur_nasional", "cuti_bersama"} <= set(reg.holidays["jenis"])
    years = {d.year for d in reg.holidays["tanggal"]}
    assert {2024, 2025, 2026, 2027} <= years


@pytest.mark.parametrize(("file", "line", "expected"), [
    ("opd.csv", "DINKES,Dinas Lain,DL,dinas,,,,ya", "kolom «kode»"),
    ("opd.csv", "BARU,Badan Baru,BB,kantor,,,,ya", "kolom «jenis»"),
    ("opd.csv", "BARU,Badan Baru,BB,badan,TIDAKADA,,,ya", "kolom «induk»"),
    ("akun.csv", "TIDAKADA,facebook,akun.baru,,,,", "kolom «kode_opd»"),
    ("akun.csv", "DINKES,friendster,akun.baru,,,,", "kolom «platform»"),
    ("akun.csv", "DINKES,facebook,akun.baru,,,kemarin,", "kolom «aktif_sejak»"),
])
def test_bad_rows_are_named(registry, file, line, expected):
    append(registry / file, line)
    with pytest.raises(RegistryError) as err:
        read(registry)
    message = str(err.value)
    assert file in message and expected in message and "baris" in message


def test_an_alias_shared_by_two_opd_is_refused(registry):
    append(registry / "opd.csv", "BARU,Badan Baru,Dinkes,badan,,,,ya")
    with pytest.raises(RegistryError, match="DINKES, BARU"):
        read(registry)


def test_unknown_time_zone_is_refused(registry):
    (registry / "pengaturan.toml").write_text('zona_waktu = "Asia/Bandung"\n')
    with pytest.raises(RegistryError, match="Asia/Bandung"):
        read(registry)
