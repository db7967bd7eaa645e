"""Editing the registry CSVs (OPD, accounts, regions) and the holiday calendar on the Data page: an edit is
written only when the whole registry, with the edit applied, still reads (etl.registry.read_registry)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from admin.files import write_atomic
from etl.errors import RegistryError
from etl.registry import read_registry

__all__ = ["REGISTRY_FILES", "SETTINGS_FILE", "RegistryError", "clean_table", "read_table", "save_table"]

REGISTRY_FILES = ("opd.csv", "akun.csv", "wilayah.csv")
SETTINGS_FILE = "pengaturan.toml"


def read_table(path: Path) -> pd.DataFrame:
    """A registry/calendar CSV as text, as etl.registry reads it."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def clean_table(frame: pd.DataFrame) -> pd.DataFrame:
    """An edited table ready to write: text only, trimmed, fully empty rows dropped."""
    out = frame.astype(object).where(frame.notna(), "").astype(str).apply(lambda s: s.str.strip())
    return out[(out != "").any(axis=1)].reset_index(drop=True)


def save_table(registry_dir: Path, holidays: Path, target: Path, frame: pd.DataFrame) -> None:
    """Write an edited registry CSV or the holiday calendar (``target``) once the whole registry, with the
    edit applied to a temporary copy, passes etl.registry.read_registry; raises RegistryError otherwise."""
    text = clean_table(frame).to_csv(index=False, lineterminator="\n")
    with tempfile.TemporaryDirectory(prefix="sorot-registri-") as tmp:
        reg, hol = Path(tmp) / "registry", Path(tmp) / "libur.csv"
        reg.mkdir()
        for name in (*REGISTRY_FILES, SETTINGS_FILE):
            if (registry_dir / name).exists():
                shutil.copyfile(registry_dir / name, reg / name)
        if holidays.exists():
            shutil.copyfile(holidays, hol)
        copy = hol if target.resolve() == holidays.resolve() else reg / target.name
        copy.write_text(text, encoding="utf-8")
        read_registry(reg, hol)
    write_atomic(target, text)
