"""Marts updated for what a load touched equal marts rebuilt from every row; the scoped checks still refuse."""

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from etl import load as etl_load
from etl import marts
from etl.errors import DataCheckFailed
from etl.schema import MARTS
from tests.exports import COMMENT_HEADER, comment_row, write_csv

pytestmark = pytest.mark.xdist_group("sample")


def _files(sample_dir: Path) -> list[Path]:
    return sorted(p for p in sample_dir.rglob("*") if p.is_file() and "registry" not in p.parts)


def _differences(db: Path) -> dict[str, int]:
    """Rows of each stored mart that its SQL over every raw row would not give, and the other way round."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tz = con.execute("SELECT value FROM ref_setting WHERE key = 'zona_waktu'").fetchall()[0][0]
        found = {}
        for m in MARTS:
            params = {"tz": tz} if "$tz" in m.sql else {}
            found[m.name] = con.execute(
                f"SELECT (SELECT count(*) FROM (SELECT * FROM {m.name} EXCEPT ALL ({m.sql}))) "
                f"+ (SELECT count(*) FROM (({m.sql}) EXCEPT ALL SELECT * FROM {m.name}))", params).fetchall()[0][0]
        return found
    finally:
        con.close()


@pytest.fixture
def updates(monkeypatch) -> list[int]:
    """The first load id of every run that updated the marts in place."""
    calls: list[int] = []
    real = marts.update

    def spy(con, first_load, tz):
        calls.append(first_load)
        return real(con, first_load, tz)

    monkeypatch.setattr(marts, "update", spy)
    return calls


def _edited_snapshot(sample_dir: Path, folder: Path, day: int = 27, more_views: int = 7) -> Path:
    """A later Facebook export of some of the newest posts, a third of them with a greeting added to the caption
    (their content type, so their OPD-day group, may move) and every view count up by ``more_views``."""
    source = next(p for p in _files(sample_dir) if p.name.startswith("facebook_posts_2026-04-21"))
    with source.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:61]
    caption, views = header.index("Description"), header.index("Views")
    for i, row in enumerate(body):
        row[views] = str(int(row[views] or 0) + more_views)
        if i % 3 == 0:
            row[caption] = "Selamat Hari Guru Nasional 25 November 2026! " + row[caption]
    out = folder / f"facebook_posts_2026-04-21_2026-11-{day}.csv"
    with out.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([header, *body])
    return out


def test_loads_in_several_runs_update_the_marts_to_exactly_what_a_rebuild_gives(sample_dir, tmp_path, updates):
    db = tmp_path / "w.duckdb"
    files = _files(sample_dir)
    etl_load.load(files[::2], db)  # first run: rebuilt (nothing to update)
    assert updates == []
    etl_load.load(files[1::2], db)  # new snapshots of known posts and complaints, comments on known days
    etl_load.load([_edited_snapshot(sample_dir, tmp_path)], db)
    assert len(updates) == 2
    assert _differences(db) == {m.name: 0 for m in MARTS}
    con = duckdb.connect(str(db), read_only=True)
    moved = con.execute(
        "SELECT count(*) FROM raw_post_snapshot n JOIN raw_post_snapshot o USING (platform, post_id) "
        "WHERE n.load_id = (SELECT max(load_id) FROM etl_load) AND o.load_id < n.load_id "
        "AND o.content_type <> n.content_type").fetchall()[0][0]
    con.close()
    assert moved > 0  # some posts changed content type, so OPD-day group: the path that must move their totals


def test_a_changed_registry_rebuilds_every_mart(sample_dir, sample_db, tmp_path, updates):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(sample_db, db)
    registry = tmp_path / "registry"
    shutil.copytree(etl_load.warehouse.DEFAULT_REGISTRY, registry)
    holidays = tmp_path / "libur.csv"
    holidays.write_text(etl_load.warehouse.DEFAULT_HOLIDAYS.read_text(encoding="utf-8")
                        + "2026-11-19,Cuti bersama (uji),cuti_bersama,uji\n", encoding="utf-8")
    etl_load.load([_edited_snapshot(sample_dir, tmp_path)], db, registry_dir=registry, holidays=holidays)
    assert updates == []  # the holidays moved every working-day number after them
    assert _differences(db) == {m.name: 0 for m in MARTS}


def test_the_checks_over_a_loads_scope_refuse_an_inconsistent_update(sample_dir, sample_db, tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(sample_db, db)
    before = db.read_bytes()
    real = marts._replace
    monkeypatch.setattr(marts, "_replace", lambda con, mart, scope, tz: None if mart == "mart_opd_day_posts"
                        else real(con, mart, scope, tz))  # posts move between groups; their totals are not redone
    with pytest.raises(DataCheckFailed) as refused:
        etl_load.load([_edited_snapshot(sample_dir, tmp_path)], db)
    assert "mart_opd_day_posts" in refused.value.message and "[reconcile]" in refused.value.message
    assert db.read_bytes() == before


def test_a_mart_whose_sql_changed_is_rebuilt_not_updated(sample_dir, sample_db, tmp_path, monkeypatch, updates):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(sample_db, db)
    changed = tuple(m._replace(sql=m.sql.replace("count(*) AS n", "count(*) + 0 AS n"))
                    if m.name == "mart_comment_day" else m for m in MARTS)
    monkeypatch.setattr(marts, "MARTS", changed)  # a new Sorot: the same columns, another definition
    etl_load.load([_edited_snapshot(sample_dir, tmp_path)], db)
    assert updates == []  # rebuilt
    etl_load.load([_edited_snapshot(sample_dir, tmp_path, day=28, more_views=9)], db)
    assert len(updates) == 1  # the next load under that definition updates in place


def test_a_comment_stored_again_under_its_key_with_another_time_is_refused(tmp_path, db, load_into, updates):
    load_into(write_csv(tmp_path / "komentar_1.csv", COMMENT_HEADER,
                        [comment_row("k1", when="10/01/2026 09:00"), comment_row("k2", when="11/01/2026 09:00")]))
    with pytest.raises(DataCheckFailed) as refused:  # the same comment, its date read months apart
        load_into(write_csv(tmp_path / "komentar_2.csv", COMMENT_HEADER, [comment_row("k1", when="15/11/2026 09:00")]))
    assert updates and "raw_comment.comment_key [unique]" in refused.value.message
