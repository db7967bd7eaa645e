"""The editable reference data in ``data/``: OPD registry, accounts, regions, holidays, settings.

Read with pandas (files are small), checked row by row, and copied into the ``ref_*`` tables at
every load so the warehouse always reflects the files an admin edited.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb
import pandas as pd

from etl.errors import RegistryError
from etl.formats import PLATFORMS

OPD_KINDS = (
    "sekretariat", "bagian", "inspektorat", "dinas", "badan", "satpol", "rsud",
    "kecamatan", "kelurahan", "lainnya",
)
REGION_KINDS = ("kecamatan", "desa", "kelurahan")
HOLIDAY_KINDS = ("libur_nasional", "cuti_bersama")


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def alias_key(text: object) -> str:
    """Normalised OPD name for matching: lower case, letters and digits only."""
    return _NOT_ALNUM.sub(" ", str(text).lower()).strip()


def handle_key(text: object) -> str:
    """Normalised account handle, id or display name."""
    return _SPACES.sub(" ", str(text).strip().lstrip("@").strip().lower())


@dataclass(frozen=True)
class Registry:
    opd: pd.DataFrame
    accounts: pd.DataFrame
    regions: pd.DataFrame
    holidays: pd.DataFrame
    settings: dict[str, object]
    sha256: str
    aliases: pd.DataFrame  # every name of every OPD, with its alias_key (ref_opd_alias)

    @property
    def timezone(self) -> str:
        return str(self.settings.get("zona_waktu", "Asia/Jakarta"))


def _read(path: Path, required: list[str]) -> pd.DataFrame:
    if not path.exists():
        raise RegistryError(f"{path}: berkas registri tidak ada.")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [c.strip().lower() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise RegistryError(f"{path.name}: kolom wajib tidak ada: {', '.join(missing)}.")
    return frame.apply(lambda s: s.str.strip())


def _fail(path: Path, index: int, column: str, value: str, expected: str) -> RegistryError:
    return RegistryError(
        f"{path.name} baris {index + 2}, kolom «{column}»: nilai «{value}» tidak sah — {expected}."
    )


def _outside(values: pd.Series, allowed: object) -> pd.Index:
    """The index of the values not in ``allowed`` (a set lookup: Series.isin on Arrow strings is 10× slower)."""
    known = set(allowed)
    return values.index[[v not in known for v in values.tolist()]]


def _check_choice(path: Path, frame: pd.DataFrame, column: str, allowed: tuple[str, ...]) -> None:
    bad = _outside(frame[column].str.lower(), allowed)
    if len(bad):
        i = bad[0]
        raise _fail(path, i, column, frame.at[i, column], f"pilih salah satu: {', '.join(allowed)}")


def _check_unique(path: Path, frame: pd.DataFrame, columns: list[str], what: str) -> None:
    dup = frame.duplicated(subset=columns, keep="first")
    if dup.any():
        i = frame.index[dup][0]
        value = " / ".join(frame.loc[i, columns])
        raise _fail(path, i, columns[-1], value, f"{what} sudah ada di baris sebelumnya")


def _check_dates(path: Path, frame: pd.DataFrame, column: str, required: bool) -> pd.Series:
    parsed = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
    bad = frame.index[parsed.isna() & ((frame[column] != "") | required)]
    if len(bad):
        i = bad[0]
        raise _fail(path, i, column, frame.at[i, column], "tanggal berformat TTTT-BB-HH")
    return parsed.dt.date


def _read_opd(path: Path) -> pd.DataFrame:
    frame = _read(path, ["kode", "nama", "singkatan", "jenis", "induk", "alias", "id_lapor", "aktif"])
    for column in ("kode", "nama", "singkatan"):
        empty = frame.index[frame[column] == ""]
        if len(empty):
            raise _fail(path, empty[0], column, "", "wajib diisi")
    _check_unique(path, frame, ["kode"], "kode OPD")
    _check_choice(path, frame, "jenis", OPD_KINDS)
    parents = _outside(frame["induk"], [*frame["kode"].tolist(), ""])
    if len(parents):
        i = parents[0]
        raise _fail(path, i, "induk", frame.at[i, "induk"], "kode OPD induk yang terdaftar")
    _check_choice(path, frame, "aktif", ("ya", "tidak"))
    lapor = frame[frame["id_lapor"] != ""]
    _check_unique(path, lapor, ["id_lapor"], "id_lapor")
    return frame


def _read_accounts(path: Path, opd: pd.DataFrame) -> pd.DataFrame:
    frame = _read(path, ["kode_opd", "platform", "akun", "id_akun", "nama_tampilan", "aktif_sejak", "url"])
    frame["platform"] = frame["platform"].str.lower()
    _check_choice(path, frame, "platform", PLATFORMS)
    unknown = _outside(frame["kode_opd"], opd["kode"].tolist())
    if len(unknown):
        i = unknown[0]
        raise _fail(path, i, "kode_opd", frame.at[i, "kode_opd"], "kode OPD yang ada di opd.csv")
    empty = frame.index[frame["akun"] == ""]
    if len(empty):
        raise _fail(path, empty[0], "akun", "", "wajib diisi (nama pengguna tanpa @)")
    frame["akun"] = frame["akun"].map(handle_key)
    _check_unique(path, frame, ["platform", "akun"], "akun ini")
    frame["aktif_sejak"] = _check_dates(path, frame, "aktif_sejak", required=False)
    return frame


def _read_regions(path: Path) -> pd.DataFrame:
    frame = _read(path, ["kode", "nama", "jenis", "kode_induk"])
    _check_unique(path, frame, ["kode"], "kode wilayah")
    _check_choice(path, frame, "jenis", REGION_KINDS)
    return frame


def _read_holidays(path: Path) -> pd.DataFrame:
    frame = _read(path, ["tanggal", "nama", "jenis", "sumber"])
    frame["tanggal"] = _check_dates(path, frame, "tanggal", required=True)
    _check_choice(path, frame, "jenis", HOLIDAY_KINDS)
    return frame


def _read_settings(path: Path) -> dict[str, object]:
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except tomllib.TOMLDecodeError as err:
        raise RegistryError(f"{path.name}: TOML tidak sah ({err}).") from err
    tz = str(settings.get("zona_waktu", "Asia/Jakarta"))
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise RegistryError(f"{path.name}: zona_waktu «{tz}» tidak dikenal (contoh: Asia/Jakarta).") from err
    return settings


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()


def read_registry(registry_dir: Path, holidays_file: Path) -> Registry:
    files = [registry_dir / n for n in ("opd.csv", "akun.csv", "wilayah.csv", "pengaturan.toml")]
    opd = _read_opd(files[0])
    return Registry(
        opd=opd,
        accounts=_read_accounts(files[1], opd),
        regions=_read_regions(files[2]),
        holidays=_read_holidays(holidays_file),
        settings=_read_settings(files[3]),
        sha256=_digest([*files, holidays_file]),
        aliases=_aliases(opd),  # refuses an alias shared by two OPD now, before any load starts
    )


def _aliases(opd: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for code, name, short, more in zip(*(opd[c].tolist() for c in ("kode", "nama", "singkatan", "alias"))):
        names = [code, name, short, *[a for a in more.split("|") if a.strip()]]
        rows += [(code, n.strip(), alias_key(n)) for n in names]
    frame = pd.DataFrame(rows, columns=["opd_code", "alias", "alias_key"])
    frame = frame.drop_duplicates(["opd_code", "alias_key"])
    clash = frame[frame.duplicated("alias_key", keep=False)]
    if len(clash):
        owners = ", ".join(clash["opd_code"][clash["alias_key"] == clash["alias_key"].iloc[0]])
        raise RegistryError(
            f"opd.csv: nama/alias «{clash['alias'].iloc[0]}» dipakai oleh lebih dari satu OPD ({owners})."
        )
    return frame


def _account_keys(accounts: pd.DataFrame) -> pd.DataFrame:
    rows = []
    columns = ("platform", "akun", "id_akun", "nama_tampilan", "kode_opd")
    for platform, handle, platform_id, display, opd_code in zip(*(accounts[c].tolist() for c in columns)):
        for lookup in (handle, platform_id, display):
            if lookup:
                rows.append((platform, handle_key(lookup), handle, opd_code))
    frame = pd.DataFrame(rows, columns=["platform", "lookup", "handle", "opd_code"])
    return frame.drop_duplicates(["platform", "lookup"])


REFERENCE_FORMAT = 1  # raise when write_reference writes other rows from the same registry


def _reference_mark(con: duckdb.DuckDBPyConnection, reg: Registry) -> str:
    """Which registry, written how into which ref_* tables (an upgrade that adds a column writes them again)."""
    ddl = con.execute("SELECT string_agg(sql, ';' ORDER BY table_name) FROM duckdb_tables() "
                      "WHERE database_name = current_database() AND starts_with(table_name, 'ref_')").fetchall()[0][0]
    return hashlib.sha256(f"{REFERENCE_FORMAT}\n{reg.sha256}\n{ddl}".encode()).hexdigest()[:16]


def write_reference(con: duckdb.DuckDBPyConnection, reg: Registry) -> bool:
    """Replace every ref_* table with the registry's current content, unless they hold it already (the mark left
    as ref_setting's table comment says so: a weekly load need not rewrite 1,300 OPD and their accounts).
    Returns whether they were written."""
    mark = _reference_mark(con, reg)
    if con.execute("SELECT comment FROM duckdb_tables() WHERE database_name = current_database() "
                   "AND table_name = 'ref_setting'").fetchall() == [(mark,)]:
        return False
    _write_reference(con, reg)
    con.execute(f"COMMENT ON TABLE ref_setting IS '{mark}'")
    return True


def _write_reference(con: duckdb.DuckDBPyConnection, reg: Registry) -> None:
    o, a = reg.opd, reg.accounts
    frames = {
        "ref_opd": pd.DataFrame({
            "opd_code": o["kode"], "name": o["nama"], "short_name": o["singkatan"],
            "kind": o["jenis"].str.lower(), "parent_code": o["induk"].replace("", None),
            "lapor_id": o["id_lapor"].replace("", None), "active": o["aktif"].str.lower() == "ya",
        }),
        "ref_opd_alias": reg.aliases,
        "ref_account": pd.DataFrame({
            "platform": a["platform"], "handle": a["akun"], "opd_code": a["kode_opd"],
            "platform_id": a["id_akun"].replace("", None),
            "display_name": a["nama_tampilan"].replace("", None),
            "active_since": a["aktif_sejak"], "url": a["url"].replace("", None),
        }),
        "ref_account_key": _account_keys(a),
        "ref_region": pd.DataFrame({
            "region_code": reg.regions["kode"], "name": reg.regions["nama"],
            "kind": reg.regions["jenis"].str.lower(),
            "parent_code": reg.regions["kode_induk"].replace("", None),
        }),
        "ref_holiday": pd.DataFrame({
            "day": reg.holidays["tanggal"], "name": reg.holidays["nama"],
            "kind": reg.holidays["jenis"], "source": reg.holidays["sumber"].replace("", None),
        }),
        "ref_setting": pd.DataFrame({
            "key": list(reg.settings),
            "value": [v if isinstance(v, str) else json.dumps(v) for v in reg.settings.values()],
        }),
    }
    for table, frame in frames.items():
        con.execute(f"DELETE FROM {table}")
        if len(frame):
            con.register("ref_frame", frame)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM ref_frame")
            con.unregister("ref_frame")
