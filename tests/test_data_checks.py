"""Data checks (etl/schema.py, run by etl/checks.py): they pass on the sample, each kind catches its breakage,
and a load whose result fails one is refused with the warehouse in use left exactly as it was."""

import shutil
from pathlib import Path

import duckdb
import pytest

from etl import checks, marts, warehouse
from etl import load as etl_load
from etl.__main__ import main as etl_main
from etl.errors import DataCheckFailed
from etl.schema import MARTS, TABLES, VIEWS, Check, Model
from etl.status import status
from tests.exports import COMMENT_HEADER, COMPLAINT_HEADER, comment_row, complaint_row, fb_row, write_csv, write_fb

pytestmark = pytest.mark.xdist_group("sample")


def test_every_check_passes_on_the_sample(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        failures = checks.run(con)
    finally:
        con.close()
    assert [f.line() for f in failures] == []


def test_every_kind_is_declared_and_documented():
    declared = checks.checks()
    kinds = {c.kind for c in declared}
    assert kinds == {"unique", "not_null", "accepted_values", "relationship", "not_before", "at_least", "reconcile"}
    assert all(c.model and c.describe().endswith(".") for c in declared)
    assert len({checks.check_sql(c) for c in declared}) == len(declared)  # no check declared twice


def test_checked_columns_exist_and_an_empty_warehouse_passes():
    con = duckdb.connect()
    warehouse.ensure_schema(con)
    marts.rebuild(con, "Asia/Jakarta")
    columns = {m.name: {r[0] for r in con.execute(f"DESCRIBE {m.name}").fetchall()} for m in TABLES + VIEWS + MARTS}
    for c in checks.checks():
        assert set(c.columns) <= columns[c.model], c
        if c.kind == "relationship":
            table, to = c.argument
            assert set(to) <= columns[table], c
    assert checks.run(con) == []


def test_coded_values_match_their_sources():
    from analytics import labels
    from etl import registry, schema
    from etl.classify import EMPTY_LABEL
    from etl.nlp.model import classifier

    assert set(schema.SENTIMENTS) == set(classifier("sentiment").labels) == set(labels.SENTIMENTS)
    assert set(schema.CONTENT_TYPES) == set(classifier("content").labels) == set(labels.CONTENT)
    assert set(schema.TOPICS) == set(classifier("topic").labels) == set(labels.TOPICS)
    assert set(schema.CHANNELS) == set(labels.CHANNELS) and set(schema.PLATFORMS) == set(labels.PLATFORMS)
    assert (schema.OPD_KINDS, schema.REGION_KINDS, schema.HOLIDAY_KINDS) == (
        registry.OPD_KINDS, registry.REGION_KINDS, registry.HOLIDAY_KINDS)
    assert set(EMPTY_LABEL) == set(schema.NLP_TASKS)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    """Posts, comments and complaints of a few rows, loaded: the warehouse each breakage starts from."""
    d = tmp_path_factory.mktemp("small")
    db = d / "w.duckdb"
    etl_load.load([
        write_fb(d / "fb_2026-11-20.csv", [fb_row("1_1"), fb_row("1_2", views="7"), fb_row("1_3")]),
        write_csv(d / "komentar.csv", COMMENT_HEADER, [comment_row("c1"), comment_row("c2", text="jalan rusak")]),
        write_csv(d / "aduan_2026-11-21.csv", COMPLAINT_HEADER, [
            complaint_row("T1"), complaint_row("T2", status="Selesai", resolved="18/11/2026 10:00")]),
    ], db)
    return db


BREAKAGES = [  # kind, SQL that breaks the loaded warehouse, the failure expected: model, column, count
    ("unique", "INSERT INTO raw_comment SELECT * FROM raw_comment WHERE comment_key LIKE '%c1'",
     "raw_comment", "comment_key", 1),
    ("not_null", "UPDATE mart_post SET handle = NULL WHERE post_id IN ('1_1', '1_3')", "mart_post", "handle", 2),
    ("accepted_values", "UPDATE mart_complaint SET status = 'hilang' WHERE complaint_id = 'T1'",
     "mart_complaint", "status", 1),
    ("relationship", "UPDATE mart_post SET opd_code = 'ANTAH' WHERE post_id = '1_2'", "mart_post", "opd_code", 1),
    ("not_before", "UPDATE mart_complaint SET first_response_at = received_at - INTERVAL 2 DAY",
     "mart_complaint", "first_response_at", 2),
    ("at_least", "UPDATE mart_complaint SET resolution_days = -1 WHERE complaint_id = 'T2'",
     "mart_complaint", "resolution_days", 1),
    ("reconcile", "DELETE FROM mart_complaint WHERE complaint_id = 'T1'", "mart_complaint", "complaint_key", 1),
]


@pytest.mark.parametrize(("kind", "sql", "model", "column", "count"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_each_kind_of_check_catches_its_breakage(small_db, tmp_path, kind, sql, model, column, count):
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(small_db, broken)
    con = duckdb.connect(str(broken))
    try:
        assert checks.run(con) == []
        con.execute(sql)
        failures = checks.run(con)
        with pytest.raises(DataCheckFailed) as refused:
            checks.verify(con)
    finally:
        con.close()
    [hit] = [f for f in failures if (f.check.kind, f.check.model) == (kind, model) and column in f.check.columns]
    assert hit.count == count and 1 <= len(hit.examples) <= min(count, checks.EXAMPLES)
    line = hit.line()
    assert f"{model}." in line and column in line and f"{count} " in line and "contoh:" in line
    assert line in refused.value.failures and line in refused.value.message
    assert refused.value.message.startswith("Pemeriksaan data gagal; gudang data tidak diganti")


def test_failure_names_examples_by_key(small_db, tmp_path):
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(small_db, broken)
    con = duckdb.connect(str(broken))
    try:
        con.execute("UPDATE mart_post SET content_type = 'iklan' WHERE post_id = '1_2'")
        con.execute("DELETE FROM mart_complaint WHERE complaint_id = 'T1'")
        lines = [f.line() for f in checks.run(con)]
    finally:
        con.close()
    assert "mart_post.content_type [accepted_values]: 1 baris bernilai di luar pilihan yang sah" in lines[0]
    assert "(contoh: facebook / 1_2: iklan)" in lines[0]
    assert lines[1] == ("mart_complaint.complaint_key [reconcile]: 1 kelompok per channel dengan count(*) tidak sama "
                        "dengan count(*) di stg_complaint (contoh: whatsapp: 1 ≠ 2)")


def _calendar_from_2024() -> tuple[Model, ...]:
    """The marts with the calendar Sorot had before: from 2024 only, so older complaints fall out of mart_complaint."""
    old = Model("mart_workday", "", """
        SELECT CAST(d AS DATE) AS day, isodow(d) < 6 AS is_workday,
               CAST(sum((isodow(d) < 6)::INT) OVER (ORDER BY d) AS INTEGER) AS workday_no
        FROM range(DATE '2024-01-01', DATE '2030-01-01', INTERVAL 1 DAY) t(d)""", ("day",))
    return tuple(old if m.name == "mart_workday" else m for m in MARTS)


def test_a_load_that_fails_a_check_is_refused_and_changes_nothing(tmp_path, db, load_into, monkeypatch, capsys):
    load_into(write_csv(tmp_path / "aduan_2026-11-21.csv", COMPLAINT_HEADER, [complaint_row("T2")]))
    before_bytes, before_tables = db.read_bytes(), status(db)["tables"]
    old = write_csv(tmp_path / "aduan_lama_2026-11-21.csv", COMPLAINT_HEADER, [
        complaint_row("T1", received="16/11/2023 08:30", first_response="17/11/2023 10:00")])
    monkeypatch.setattr(marts, "MARTS", _calendar_from_2024())

    with pytest.raises(DataCheckFailed) as refused:
        load_into(old)
    message = refused.value.message
    assert "mart_complaint.complaint_key [reconcile]: 1 kelompok per channel" in message
    assert "(contoh: whatsapp: 1 ≠ 2)" in message
    assert db.read_bytes() == before_bytes
    assert status(db)["tables"] == before_tables
    assert not list(tmp_path.glob("w.duckdb.tmp-*"))
    assert message in etl_load.error_log(db).read_text(encoding="utf-8")

    assert etl_main(["load", str(old), "--db", str(db)]) == 2  # the CLI says why, in Bahasa Indonesia
    err = capsys.readouterr().err
    assert "Gagal: Pemeriksaan data gagal; gudang data tidak diganti" in err and "whatsapp: 1 ≠ 2" in err
    assert db.read_bytes() == before_bytes

    monkeypatch.undo()  # today's calendar starts with the oldest data: the same file loads
    [r] = load_into(old)
    assert r.outcome == "berhasil"
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT complaint_id, response_days FROM mart_complaint ORDER BY 1").fetchall() == [
            ("T1", 1), ("T2", 1)]
    finally:
        con.close()


def test_an_opd_deleted_from_the_registry_while_its_data_stays_refuses_the_load(tmp_path, db, load_into):
    load_into(write_fb(tmp_path / "fb.csv", [fb_row("1_1")]))  # a Bapenda post
    before = db.read_bytes()
    registry = tmp_path / "reg"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data" / "registry", registry)
    for name in ("opd.csv", "akun.csv"):
        path = registry / name
        path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                                if not line.startswith("BAPENDA,")), encoding="utf-8")
    with pytest.raises(DataCheckFailed) as refused:
        load_into(write_csv(tmp_path / "komentar.csv", COMMENT_HEADER, [comment_row("c1", account="Dinas Kesehatan")]),
                  registry_dir=registry)
    assert "mart_post.opd_code [relationship]: 1 baris merujuk ke ref_opd (opd_code) yang tidak ada" in \
        refused.value.message
    assert "(contoh: facebook / 1_1: BAPENDA)" in refused.value.message
    assert "kembalikan baris OPD itu di data/registry/opd.csv (tandai aktif = tidak" in refused.value.message
    assert db.read_bytes() == before


def test_only_the_checks_asked_for_run(small_db):
    con = duckdb.connect(str(small_db), read_only=True)
    try:
        wrong = Check("accepted_values", ("platform",), ("facebook",), model="mart_post")
        assert checks.run(con, (wrong,)) == []  # the small warehouse has only Facebook posts
        wrong = Check("accepted_values", ("platform",), ("instagram",), model="mart_post")
        [f] = checks.run(con, (wrong,))
        assert f.count == 3 and f.examples == ("facebook / 1_1: facebook", "facebook / 1_2: facebook",
                                               "facebook / 1_3: facebook")
    finally:
        con.close()


def _failing(con, only=None) -> float:
    raise DataCheckFailed("Pemeriksaan data gagal: mart_post.post_id [unique]: 1 baris.", ["mart_post.post_id"])


def test_rescoring_and_corrections_are_checked_before_the_swap(small_db, tmp_path, monkeypatch):
    """Every rebuild of the marts (not only loads) passes the checks before it replaces the warehouse."""
    from etl import corrections
    from etl.classify import rescore_warehouse

    db = tmp_path / "w.duckdb"
    shutil.copy(small_db, db)
    before = db.read_bytes()
    monkeypatch.setattr(checks, "verify", _failing)
    with pytest.raises(DataCheckFailed):
        rescore_warehouse(db, everything=True)
    with duckdb.connect(str(db), read_only=True) as con:
        key = con.execute("SELECT min(comment_key) FROM raw_comment").fetchone()[0]
    with pytest.raises(DataCheckFailed):
        corrections.apply(db, [corrections.Correction("sentimen", key, "negative", by="admin")])
    assert db.read_bytes() == before


def test_the_data_page_says_which_check_refused_the_load(small_db, tmp_path, monkeypatch):
    from admin.loading import load_files
    from admin.paths import holidays_file, registry_dir

    db = tmp_path / "w.duckdb"
    shutil.copy(small_db, db)
    before = db.read_bytes()
    monkeypatch.setattr(checks, "verify", _failing)
    export = write_csv(tmp_path / "komentar.csv", COMMENT_HEADER, [comment_row("c9")])
    report = load_files([export], db, registry_dir(), holidays_file())
    assert report.error.startswith("Pemeriksaan data gagal: mart_post.post_id [unique]")
    assert db.read_bytes() == before
