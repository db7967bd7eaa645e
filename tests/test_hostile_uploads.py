"""Hostile and broken uploads: refused with a message naming the file before they cost memory or disk, while the other
files of the same load still load.

The cases: a ZIP with a 1 GiB member of zeros (1 MB compressed), a workbook whose sheet XML is a 1 GiB run of zeros,
a ZIP with 100,000 members, a ZIP and a workbook whose headers lie about a member's size, nested ZIPs (a bomb one
level down; 42.zip in small), a 250 MB CSV (over the 200 MB limit), a Windows program renamed .csv, an empty file.
The peak memory of loading each one through the upload path (admin.loading.load_files) is measured in one
subprocess, the peak reset before each load: it must stay that of an ordinary load.
"""

from __future__ import annotations

import io
import json
import random
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import openpyxl
import pytest

from admin import loading
from etl import load as etl_load
from etl import textio, warehouse
from etl.errors import FileRefused
from tests.exports import FB_HEADER, csv_text, fb_row, write_fb

ROOT = Path(__file__).resolve().parent.parent
GIB = 1 << 30
CHUNK = 1 << 22
GOOD = "facebook_baik_2026-11-03.csv"


# --- archives written byte by byte: sizes and CRCs as the test says, a 1 GiB bomb in milliseconds ---------------

@dataclass
class Member:
    name: str
    data: bytes  # as stored: raw deflate, or the bytes themselves when stored
    crc: int
    size: int  # the uncompressed size the headers declare
    method: int = zipfile.ZIP_DEFLATED


def run_of(size: int, fill: bytes = b"\0", head: bytes = b"", tail: bytes = b"") -> tuple[bytes, int, int]:
    """Raw deflate of head + ``size`` × fill + tail, its CRC-32 and length. After a full flush the compressor forgets
    what came before, so one chunk's output repeats: a gigabyte costs one chunk's compression."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = (fill * (CHUNK // len(fill) + 1))[:CHUNK]
    parts = [c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)]
    whole = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(head)
    for _ in range(size // CHUNK):
        parts.append(whole)
        crc = zlib.crc32(block, crc)
    rest = block[:size % CHUNK] + tail
    parts.append(c.compress(rest) + c.flush())
    return b"".join(parts), zlib.crc32(rest, crc), len(head) + size + len(tail)


def deflated(name: str, content: bytes) -> Member:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Member(name, c.compress(content) + c.flush(), zlib.crc32(content), len(content))


def write_zip(path: Path, members: list[Member]) -> Path:
    """A ZIP of ``members`` as declared (each under 4 GiB; more than 65,535 of them take a zip64 end record)."""
    out, central = bytearray(), bytearray()
    stamp = (18 << 11, ((2026 - 1980) << 9) | (11 << 5) | 3)  # 2026-11-03 18:00
    for m in members:
        name = m.name.encode()
        fields = (m.method, *stamp, m.crc, len(m.data), m.size, len(name))
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, *fields, 0, 0, 0, 0, 0, len(out)) + name
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, *fields, 0) + name + m.data
    count, start = len(members), len(out)
    out += central
    if count > 0xFFFF:
        end64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(central), start)
        out += struct.pack("<IIQI", 0x07064B50, 0, end64, 1)
        count = 0xFFFF
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    path.write_bytes(bytes(out))
    return path


def workbook_parts() -> dict[str, bytes]:
    """The parts of a small real workbook (openpyxl): a Facebook export's header and one row."""
    wb = openpyxl.Workbook()
    wb.active.append(FB_HEADER)
    wb.active.append(fb_row("1_1"))
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


SHEET = "xl/worksheets/sheet1.xml"


def sheet_head() -> bytes:
    cells = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(FB_HEADER))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.'
            f'org/spreadsheetml/2006/main"><sheetData><row r="1">{cells}</row><row r="2"><c r="A2" t="inlineStr">'
            "<is><t>").encode()


SHEET_TAIL = b"</t></is></c></row></sheetData></worksheet>"


def workbook_with_sheet(path: Path, sheet: Member) -> Path:
    return write_zip(path, [sheet if n == SHEET else deflated(n, d) for n, d in workbook_parts().items()])


# --- the hostile cases -----------------------------------------------------------------------------------------

def zip_bomb(path: Path) -> Path:
    data, crc, size = run_of(GIB)
    return write_zip(path, [Member("posts_2026-11-03.csv", data, crc, size)])


def xlsx_bomb(path: Path) -> Path:
    data, crc, size = run_of(GIB, b"0", sheet_head(), SHEET_TAIL)
    return workbook_with_sheet(path, Member(SHEET, data, crc, size))


def many_members(path: Path) -> Path:
    body = b"a,b\n1,2\n"
    member = Member("", body, zlib.crc32(body), len(body), zipfile.ZIP_STORED)
    return write_zip(path, [Member(f"m/{i:06d}.csv", member.data, member.crc, member.size, member.method)
                            for i in range(100_000)])


def lying_zip(path: Path) -> Path:
    """A member that says it is 2,000 bytes (with the CRC of its first 2,000) and expands to 512 MiB."""
    head = csv_text(FB_HEADER, [fb_row("1_1")]).encode()
    data, _, _ = run_of(512 << 20, b"\0", head)
    first = (head + b"\0" * 2000)[:2000]
    return write_zip(path, [Member("posts_2026-11-03.csv", data, zlib.crc32(first), 2000)])


def lying_xlsx(path: Path) -> Path:
    """A sheet that says it is 3,000 bytes and expands to 512 MiB."""
    head = sheet_head()
    data, _, _ = run_of(512 << 20, b"0", head, SHEET_TAIL)
    first = (head + b"0" * 3000)[:3000]
    return workbook_with_sheet(path, Member(SHEET, data, zlib.crc32(first), 3000))


def nested_bomb(path: Path) -> Path:
    """A good export beside dalam.zip, which holds the 1 GiB bomb: one level down."""
    inner = zip_bomb(path.with_name("dalam.zip")).read_bytes()
    path.with_name("dalam.zip").unlink()
    good = ("\ufeff" + csv_text(FB_HEADER, [fb_row("5_1")])).encode()
    return write_zip(path, [deflated("facebook_dalam_2026-11-03.csv", good), deflated("dalam.zip", inner)])


def zip_of_zips(path: Path) -> Path:
    """42.zip in small: four levels of eight archives around 1 GiB members of zeros (4 TiB in all)."""
    data = zip_bomb(path.with_name("lapis.zip")).read_bytes()
    path.with_name("lapis.zip").unlink()
    for level in range(3):
        data = write_zip(path, [deflated(f"lapis{level}_{i}.zip", data) for i in range(8)]).read_bytes()
    return path


def big_csv(path: Path) -> Path:
    """A real Facebook export of 250 MB: 50 MB over the limit."""
    line = csv_text([], [fb_row("1_1")]).encode()
    with path.open("wb") as f:
        f.write(b"\xef\xbb\xbf" + csv_text(FB_HEADER, []).encode())
        block = line * (CHUNK // len(line))
        while f.tell() < 250 << 20:
            f.write(block)
    return path


def program_as_csv(path: Path) -> Path:
    """A Windows program renamed .csv: DOS stub, PE header, zero padding, code."""
    stub = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 43 + b"\x80\x00\x00\x00"
    stub += b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21This program cannot be run in DOS mode.\r\r\n$"
    path.write_bytes(stub + b"\x00" * (0x80 - len(stub)) + b"PE\x00\x00\x64\x86" + bytes(range(256)) * 64)
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


# name → (builder, what the upload report says of it)
CASES = {
    "bom_2026-11-03.zip": (zip_bomb, "arsip ditolak sebelum dibuka — «posts_2026-11-03.csv» memuai 1.0"),
    "bom_2026-11-03.xlsx": (xlsx_bomb, "berkas Excel ditolak sebelum dibuka — «xl/worksheets/sheet1.xml» memuai"),
    "banyak_2026-11-03.zip": (many_members, "berisi 100.000 berkas (batas 1.000)"),
    "bohong_2026-11-03.zip": (lying_zip, "bukan berkas teks"),
    "bohong_2026-11-03.xlsx": (lying_xlsx, "larger than its declared uncompressed size"),
    "bersarang_2026-11-03.zip": (nested_bomb, "«dalam.zip»: «posts_2026-11-03.csv» memuai"),
    "42_2026-11-03.zip": (zip_of_zips, "«lapis2_0.zip»: berisi arsip lagi («lapis1_0.zip»): arsip di dalam arsip "
                                       "dibuka satu lapis saja"),
    "besar_2026-11-03.csv": (big_csv, "berkas 252 MB melebihi batas 200 MB per berkas"),
    "program_2026-11-03.csv": (program_as_csv, "bukan berkas teks (CSV) atau XLSX yang sah. Isinya program Windows"),
    "kosong_2026-11-03.csv": (empty, "berkas kosong"),
}


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {name: build(folder / name) for name, (build, _) in CASES.items()}


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return write_fb(tmp_path_factory.mktemp("good") / GOOD, [fb_row("9_1"), fb_row("9_2")])


def tables(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finally:
        con.close()


def test_the_cases_are_what_they_claim(cases):
    with zipfile.ZipFile(cases["bom_2026-11-03.zip"]) as zf:
        [info] = zf.infolist()
        assert info.file_size == GIB and info.compress_size < 1.1e6
        with zf.open(info) as f:  # a well-formed archive: it really expands (read a little of it)
            assert f.read(1 << 20) == b"\0" * (1 << 20)
    with zipfile.ZipFile(cases["bom_2026-11-03.xlsx"]) as zf:
        assert zf.getinfo(SHEET).file_size > GIB and zf.getinfo(SHEET).compress_size < 1.1e6
    with zipfile.ZipFile(cases["banyak_2026-11-03.zip"]) as zf:
        assert len(zf.infolist()) == 100_000
    with zipfile.ZipFile(cases["bohong_2026-11-03.zip"]) as zf:
        [info] = zf.infolist()
        assert info.file_size == 2000
        raw = cases["bohong_2026-11-03.zip"].read_bytes()[30 + len(info.filename):][:info.compress_size]
        assert len(zlib.decompressobj(-15).decompress(raw, 64 << 20)) == 64 << 20  # far more than it says
    assert cases["besar_2026-11-03.csv"].stat().st_size > 250 << 20
    assert cases["42_2026-11-03.zip"].stat().st_size < 200_000


def test_every_case_is_refused_naming_it_and_the_good_file_still_loads(cases, good, tmp_path):
    """The upload path: admin.loading.load_files, as the Data page calls it."""
    db = tmp_path / "w.duckdb"
    report = loading.load_files([good, *cases.values()], db, warehouse.DEFAULT_REGISTRY, warehouse.DEFAULT_HOLIDAYS)
    assert report.error is None
    files = report.files
    assert files.loc[files["file"] == GOOD, ["outcome", "rows_loaded"]].values.tolist() == [["berhasil", 2]]
    for name, (_, said) in CASES.items():
        rows = files[files["file"].str.startswith(name)]
        assert len(rows), name
        assert set(rows["outcome"]) <= {"ditolak", "dilewati"}, (name, rows[["file", "outcome"]].values.tolist())
        refused = rows[rows["outcome"] == "ditolak"]
        assert all(m.startswith(name) for m in refused["message"]), (name, refused["message"].tolist())
        assert any(said in m for m in refused["message"]), (name, said, refused["message"].tolist())
    assert {"stg_post", "raw_post_snapshot", "etl_load", "etl_reject"} <= tables(db)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM raw_post_snapshot").fetchall() == [(2,)]
    con.close()


# the ETL (files given on the command line) says the same, in its own words for the archives
CLI_SAID = CASES | {
    "bom_2026-11-03.zip": (zip_bomb, "arsip ditolak — «posts_2026-11-03.csv» memuai 10"),
    "banyak_2026-11-03.zip": (many_members, "berisi 100.000 berkas"),
    "bersarang_2026-11-03.zip": (nested_bomb, "dalam.zip: arsip ditolak — «posts_2026-11-03.csv» memuai"),
    "42_2026-11-03.zip": (zip_of_zips, "arsip di dalam arsip di dalam arsip"),
}


def test_the_etl_refuses_them_too_and_logs_each(cases, good, tmp_path):
    db = tmp_path / "w.duckdb"
    results = etl_load.load([good, *cases.values()], db)
    by_name = {r.name: r for r in results}
    assert by_name[GOOD].outcome == "berhasil"
    for name, (_, said) in CLI_SAID.items():
        mine = [r for r in results if r.name.startswith(name)]
        assert mine and all(r.outcome in ("ditolak", "dilewati") for r in mine if "facebook_dalam" not in r.name)
        assert any(said in (r.message or "") for r in mine), (name, said, [r.message for r in mine])
    # one level of nesting is opened: the good export beside the bomb loads, the bomb does not
    assert by_name["bersarang_2026-11-03.zip › facebook_dalam_2026-11-03.csv"].outcome == "berhasil"
    con = duckdb.connect(str(db), read_only=True)
    logged = {r[0] for r in con.execute("SELECT file_name FROM etl_load WHERE outcome = 'ditolak'").fetchall()}
    con.close()
    assert {"besar_2026-11-03.csv", "program_2026-11-03.csv", "kosong_2026-11-03.csv",
            "bom_2026-11-03.xlsx", "bom_2026-11-03.zip"} <= logged


PEAK = textwrap.dedent("""
    import json, shutil, sys
    from pathlib import Path

    from admin import loading
    from etl import warehouse

    base, db, upload = map(Path, sys.argv[1:])
    shutil.copyfile(base, db)
    report = loading.load_files([upload], db, warehouse.DEFAULT_REGISTRY, warehouse.DEFAULT_HOLIDAYS)
    status = Path("/proc/self/status").read_text().splitlines()
    peak = int(next(x for x in status if x.startswith("VmHWM")).split()[1]) // 1024
    print(json.dumps([peak, sorted(set(report.files["outcome"]))]))
""")


def peak_of(upload: Path, base: Path, work: Path) -> tuple[int, list[str]]:
    """Peak resident memory (MB) of a fresh process loading ``upload`` through the upload path into a copy of
    ``base``, and the outcomes of its rows."""
    done = subprocess.run([sys.executable, "-c", PEAK, str(base), str(work / "w.duckdb"), str(upload)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    peak, outcomes = json.loads(done.stdout.strip().splitlines()[-1])
    return peak, outcomes


@pytest.fixture(scope="module")
def ordinary(good, tmp_path_factory) -> tuple[Path, int]:
    """A small warehouse, and the peak memory of an ordinary load into it (a two-row export)."""
    work = tmp_path_factory.mktemp("peak")
    base = work / "base.duckdb"
    etl_load.load([write_fb(work / "awal_2026-11-02.csv", [fb_row("8_1")])], base)
    peak, outcomes = peak_of(good, base, work)
    assert outcomes == ["berhasil"]
    return base, peak


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="the peak is read from Linux's /proc")
@pytest.mark.parametrize("name", list(CASES))
def test_peak_memory_is_that_of_an_ordinary_load(name, cases, ordinary, tmp_path):
    """A hostile file costs no more memory than an ordinary load (about 300 MB, most of it the app's imports and
    the warehouse's data checks). Before these checks the workbook bomb took 8.4 GB and the 250 MB CSV 1.2 GB."""
    base, yardstick = ordinary
    peak, outcomes = peak_of(cases[name], base, tmp_path)
    print(f"\npeak {name}: {peak} MB (ordinary load {yardstick} MB)")
    assert "berhasil" not in outcomes
    assert peak < yardstick + 25, (name, peak, yardstick)


def test_the_size_limit_follows_sorot_max_upload_mb(tmp_path, monkeypatch):
    f = write_fb(tmp_path / "sedang_2026-11-03.csv", [fb_row(f"1_{i}", caption="x" * 2000) for i in range(600)])
    assert f.stat().st_size > 1 << 20
    monkeypatch.setenv("SOROT_MAX_UPLOAD_MB", "1")
    assert textio.max_file_bytes() == 1 << 20 and loading.max_upload_mb() == 1
    [r] = etl_load.load([f], tmp_path / "w.duckdb")
    assert r.outcome == "ditolak"
    assert r.message.startswith("sedang_2026-11-03.csv: berkas 1,2 MB melebihi batas 1,0 MB per berkas")
    monkeypatch.setenv("SOROT_MAX_UPLOAD_MB", "2.5")
    [r] = etl_load.load([f], tmp_path / "w.duckdb")
    assert r.outcome == "berhasil"
    monkeypatch.setenv("SOROT_MAX_UPLOAD_MB", "banyak")  # not a size: the default, never no limit
    assert textio.max_file_bytes() == 200 << 20 and loading.max_upload_mb() == 200
    monkeypatch.delenv("SOROT_MAX_UPLOAD_MB")
    assert textio.max_file_bytes() == 200 << 20


def test_streamlit_allows_the_same_size_and_only_on_this_machine():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == textio.MAX_FILE_MB
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["enableXsrfProtection"] is True and config["server"]["enableCORS"] is True
    assert config["browser"]["gatherUsageStats"] is False


@pytest.mark.parametrize(("name", "content", "said"), [
    ("laporan_2026-11-03.exe", b"MZ\x90\x00", "jenis berkas .exe tidak diterima (yang diterima: .csv, .tsv, .txt, "
                                             ".xlsm, .xlsx dan arsip .zip)."),
    ("lama_2026-11-03.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "jenis berkas .xls tidak diterima"),
    ("tanpa_akhiran", b"a,b\n1,2\n", "jenis berkas (tanpa akhiran) tidak diterima"),
    ("excel_2026-11-03.csv", b"PK\x03\x04\x14\x00\x06\x00", "Isinya arsip ZIP atau berkas Excel (.xlsx)"),
])
def test_a_file_of_another_kind_is_refused_by_the_etl(tmp_path, name, content, said):
    f = tmp_path / name
    f.write_bytes(content)
    [r] = etl_load.load([f], tmp_path / "w.duckdb")
    assert r.outcome == "ditolak" and r.message.startswith(f"{name}: ") and said in r.message


def test_a_platform_archive_and_a_real_workbook_pass_the_checks(tmp_path):
    from tests.test_admin import fb_zip

    assert textio.archive_problem(fb_zip(tmp_path / "archive.zip")) is None
    wb = openpyxl.Workbook()
    wb.active.append(FB_HEADER)
    for i in range(5_000):  # 6 MB of sheet XML (above RATIO_FROM), compressing about 15:1
        wb.active.append(fb_row(f"1_{i}"))
    wb.save(tmp_path / "besar.xlsx")
    with zipfile.ZipFile(tmp_path / "besar.xlsx") as zf:
        assert zf.getinfo(SHEET).file_size > textio.RATIO_FROM
    assert textio.archive_problem(tmp_path / "besar.xlsx", nested=False) is None
    assert textio.sniff(tmp_path / "besar.xlsx").match.format.name == "meta_facebook"


def test_reading_is_capped_at_the_declared_size():
    out = io.BytesIO()
    assert textio.copy_capped(io.BytesIO(b"x" * 10), out, 10, "a.csv") == 10
    with pytest.raises(FileRefused, match=r"«a\.csv» lebih besar daripada yang tertulis di arsip"):
        textio.copy_capped(io.BytesIO(b"x" * (3 << 20)), io.BytesIO(), 2 << 20, "a.csv")


def test_a_nested_archive_counts_against_the_whole_budget(tmp_path, monkeypatch):
    """Inner archives that pass one by one do not pass together: the limit is for all that is expanded (each inner
    archive written out, then its members)."""
    monkeypatch.setattr(textio, "MAX_EXPANDED_BYTES", 1 << 20)
    body = random.Random(7).randbytes(200_000)  # incompressible: no ratio to refuse, only the size
    inner = write_zip(tmp_path / "dalam.zip", [Member("posts.csv", body, zlib.crc32(body), len(body),
                                                      zipfile.ZIP_STORED)]).read_bytes()
    assert textio.archive_problem(tmp_path / "dalam.zip") is None
    two = write_zip(tmp_path / "dua.zip", [deflated(f"dalam{i}.zip", inner) for i in range(2)])
    assert textio.archive_problem(two) is None  # 2 × 200 kB written out, 2 × 200 kB inside them
    three = write_zip(tmp_path / "tiga.zip", [deflated(f"dalam{i}.zip", inner) for i in range(3)])
    assert textio.archive_problem(three) == (
        "«dalam2.zip»: isinya 1,1 MB setelah dibuka bersama arsip di dalamnya (batas 1,0 MB)")
    assert textio.archive_problem(three, nested=False) is None  # a workbook's parts are not opened as archives


def corrupt_zip(path: Path) -> Path:
    """A member whose compressed data is broken from its first byte (an invalid deflate block)."""
    member = deflated("posts_2026-11-03.csv", csv_text(FB_HEADER, [fb_row("6_1")]).encode())
    member.data = b"\x07" + member.data[1:]
    return write_zip(path, [member])


def test_a_corrupt_archive_is_refused_on_upload_and_the_rest_loads(good, tmp_path):
    bad = corrupt_zip(tmp_path / "rusak_2026-11-03.zip")
    report = loading.load_files([good, bad], tmp_path / "w.duckdb", warehouse.DEFAULT_REGISTRY,
                                warehouse.DEFAULT_HOLIDAYS)
    assert report.error is None
    assert report.files[["file", "outcome"]].values.tolist() == [[GOOD, "berhasil"], [bad.name, "ditolak"]]
    assert report.files["message"].iloc[1].startswith(
        "rusak_2026-11-03.zip: arsip ditolak sebelum dibuka — «posts_2026-11-03.csv» tidak dapat dibuka, rusak atau "
        "terkunci sandi (Error -3 while decompressing data: invalid block type)")


def test_a_corrupt_archive_given_to_the_etl_is_refused_alone(good, tmp_path):
    results = etl_load.load([good, corrupt_zip(tmp_path / "rusak_2026-11-03.zip")], tmp_path / "w.duckdb")
    assert [(r.name, r.outcome) for r in results] == [(GOOD, "berhasil"), ("rusak_2026-11-03.zip", "ditolak")]
