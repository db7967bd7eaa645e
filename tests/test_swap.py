"""The live warehouse is replaced atomically: readers never fail, a killed load changes nothing."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

from etl import warehouse
from tests.exports import COMMENT_HEADER, comment_row, fb_row, write_csv, write_fb

ROOT = Path(__file__).resolve().parent.parent


def comment_file(path: Path, n: int, prefix: str) -> Path:
    rows = [comment_row(f"{prefix}{i}", text=f"komentar nomor {i}") for i in range(n)]
    return write_csv(path, COMMENT_HEADER, rows)


def test_killed_load_leaves_previous_warehouse(tmp_path, db, load_into):
    load_into(write_fb(tmp_path / "fb.csv", [fb_row("1_1")]))
    before = db.read_bytes()
    big = comment_file(tmp_path / "big.csv", 400_000, "k")
    proc = subprocess.Popen([sys.executable, "-m", "etl", "load", str(big), "--db", str(db)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not list(tmp_path.glob("w.duckdb.tmp-*")) and time.time() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # well inside the load
    assert proc.poll() is None, "the load finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert db.read_bytes() == before
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM raw_comment").fetchall() == [(0,)]
    con.close()
    spill = tmp_path / "w.duckdb.tmp-1.tmp"  # a spill folder a killed load may leave (DuckDB's memory is capped)
    spill.mkdir(exist_ok=True)
    (spill / "duckdb_temp_storage-0.tmp").write_bytes(b"x")
    load_into(write_fb(tmp_path / "fb2.csv", [fb_row("2_1")]))  # the next load cleans up
    assert not list(tmp_path.glob("w.duckdb.tmp-*"))


def test_readers_never_fail_while_loads_swap_the_file(tmp_path, db, load_into):
    load_into(write_fb(tmp_path / "fb.csv", [fb_row("1_1")]))
    errors: list[Exception] = []
    seen: set[int] = set()
    stop = threading.Event()

    def reader() -> None:
        con, version = None, None
        while not stop.is_set():
            try:
                now = warehouse.version(db)
                if now != version:
                    con, version = warehouse.open_read_only(db), now
                seen.add(con.execute("SELECT count(*) FROM raw_comment").fetchall()[0][0])
            except Exception as err:  # any error is a failure of the swap design
                errors.append(err)

    thread = threading.Thread(target=reader)
    thread.start()
    for i in range(3):
        load_into(comment_file(tmp_path / f"k{i}.csv", 20_000, f"b{i}_"))
    stop.set()
    thread.join()
    assert errors == []
    assert seen <= {0, 20_000, 40_000, 60_000}  # never a half-loaded file
    assert len(seen) >= 2  # and the reader did follow the swaps
