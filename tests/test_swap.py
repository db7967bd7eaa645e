"""Loads are atomic, copied and swapped (big loads) or written in place (small ones): readers never fail nor see
half a load, a killed load changes nothing."""

import os
import signal
import subprocess
import sys
import threading
import time
from itertools import pairwise
from pathlib import Path

import duckdb

import warehouse_file
from etl import load as etl_load
from etl import warehouse
from etl.batch import process
from etl.errors import FileRefused
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


def count_comments(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM raw_comment").fetchall()[0][0]
    finally:
        con.close()


def test_readers_never_fail_while_loads_swap_the_file(tmp_path, db, load_into, monkeypatch):
    """A reader that keeps its connection and never gives way: each small load waits for it a moment, then falls
    back to a copy swapped in (a new inode)."""
    monkeypatch.setattr(warehouse, "READERS_WAIT", 0.2)
    load_into(write_fb(tmp_path / "fb.csv", [fb_row("1_1")]))
    inodes = [db.stat().st_ino]
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
        inodes.append(db.stat().st_ino)
    stop.set()
    thread.join()
    assert errors == []
    assert seen <= {0, 20_000, 40_000, 60_000}  # never a half-loaded file
    assert len(seen) >= 2  # and the reader did follow the swaps
    # every load copied, the reader not letting go: a new file each time (ext4 may reuse a freed inode number later)
    assert all(before != after for before, after in pairwise(inodes))


def test_small_loads_are_written_in_place_while_readers_give_way(tmp_path, db, load_into):
    """Readers sharing a LiveReader (as the app's sessions do) let go of the file when a small load raises the
    writing flag and wait for it: the loads write the live file (same inode), the readers never fail and never
    see half a load."""
    load_into(write_fb(tmp_path / "fb.csv", [fb_row("1_1")]))
    inode = db.stat().st_ino
    live = warehouse_file.LiveReader()
    errors: list[Exception] = []
    seen: set[int] = set()
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                seen.add(live.cursor(db).execute("SELECT count(*) FROM raw_comment").fetchall()[0][0])
            except Exception as err:  # any error is a failure of the design
                errors.append(err)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    for i in range(3):
        [r] = load_into(comment_file(tmp_path / f"k{i}.csv", 20_000, f"b{i}_"))
        assert r.outcome == "berhasil"
        assert db.stat().st_ino == inode  # in place, not a copy swapped in
    time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert seen <= {0, 20_000, 40_000, 60_000}
    assert 60_000 in seen and len(seen) >= 2
    assert not list(tmp_path.glob("w.duckdb.tmp-*"))
    assert not warehouse_file.writer_active(db)


def test_a_failing_file_turns_an_in_place_load_into_a_copy(tmp_path, db, load_into, monkeypatch):
    """In place, the whole load is one transaction: a file refused while it is read cannot be rolled back alone,
    so the load is done again into a copy, where the other files still load."""
    load_into(write_fb(tmp_path / "fb.csv", [fb_row("1_1")]))
    inode = db.stat().st_ino
    in_place = []

    def refuse_one(con, batch, *args):
        in_place.append(warehouse_file.writer_active(db))
        if any(p.result.name == "a_rusak.csv" for p in batch):
            raise FileRefused("rusak", "a_rusak.csv: rusak.")
        return process(con, batch, *args)

    monkeypatch.setattr(etl_load, "process", refuse_one)
    results = {r.name: r for r in load_into(comment_file(tmp_path / "a_rusak.csv", 2, "r"),
                                            comment_file(tmp_path / "b_baik.csv", 3, "g"))}
    assert results["a_rusak.csv"].outcome == "ditolak" and results["a_rusak.csv"].message == "a_rusak.csv: rusak."
    assert results["b_baik.csv"].outcome == "berhasil"
    assert in_place[0] and not in_place[-1]  # tried in place first, then in a copy
    assert count_comments(db) == 3
    assert db.stat().st_ino != inode


def test_killed_in_place_load_leaves_previous_warehouse(tmp_path, db, load_into):
    load_into(write_fb(tmp_path / "fb.csv", [fb_row("1_1")]))
    big = comment_file(tmp_path / "big.csv", 400_000, "k")
    env = {**os.environ, "SOROT_IN_PLACE_MB": "1000"}  # this big file goes in place too
    proc = subprocess.Popen([sys.executable, "-m", "etl", "load", str(big), "--db", str(db)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not warehouse_file.writer_active(db) and time.time() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)  # well inside the load's transaction
    assert proc.poll() is None, "the load finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not list(tmp_path.glob("w.duckdb.tmp-*"))  # it was written in place
    assert not warehouse_file.writer_active(db)  # the flag of a dead writer holds nobody back
    assert count_comments(db) == 0
    [r] = load_into(comment_file(tmp_path / "k.csv", 5, "n"))
    assert r.outcome == "berhasil" and count_comments(db) == 5


def test_a_commit_not_yet_checkpointed_is_read_from_the_wal(tmp_path, db, load_into):
    """What the in-place design relies on in this DuckDB: a writer killed between its commit and its checkpoint
    leaves the commit in the write-ahead log, which a read-only reader replays."""
    load_into(write_fb(tmp_path / "fb.csv", [fb_row("1_1")]))
    script = "\n".join([
        "import duckdb, os", f"con = duckdb.connect({str(db)!r})", "con.execute(\"SET checkpoint_threshold = '1GB'\")",
        "con.execute('PRAGMA disable_checkpoint_on_shutdown')", "con.begin()",
        "con.execute(\"CREATE TABLE wal_probe AS SELECT 'wal' AS x\")", "con.commit()", "os._exit(9)"])
    subprocess.run([sys.executable, "-c", script], check=False)
    assert db.with_name(db.name + ".wal").exists()
    con = warehouse_file.open_read_only(db)
    assert con.execute("SELECT x FROM wal_probe").fetchall() == [("wal",)]
