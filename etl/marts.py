"""Keeping the marts up to date after a load: only the keys and days the load touched, or all of them.

Rebuilding every mart from every raw row costs time in proportion to the warehouse (6 s of a 127-row load into a
provinsi warehouse, plus 7 s of data checks over every row). A load only adds rows, so only some marts' rows can
change: the posts and complaints it brought a snapshot of, the OPD-day groups those posts were and are in, and
the days its comments fall on. ``refresh`` deletes those rows and inserts them again from the marts' own SQL in
``etl/schema.py`` — one definition for both ways — evaluated over *scoped* raw tables: temporary views with the
same names as the raw tables and marts (DuckDB resolves a name to a temporary view before the stored table, in
the marts' SQL and inside the ``stg_*`` views alike) that hold only the rows in scope. The data checks run the
same way (``scoped``), each over rows complete for the keys and groups they check.

Everything is rebuilt in full — and checked in full — when the scope cannot be trusted: a first load, a changed
registry (an OPD's code or the holidays), a mart whose SQL changed (a new Sorot: each rebuild writes the SQL's
fingerprint as the table's comment), or a calendar whose working days moved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import duckdb

from etl.schema import MARTS, Model

POST_KEY = ("platform", "post_id")
POST_GROUP = ("opd_code", "platform", "day", "content_type")  # the grain of mart_opd_day_posts
LOCAL_DAY = "CAST(timezone($tz, created_at) AS DATE)"


@dataclass(frozen=True)
class Rows:
    """The rows of a table in scope: those whose ``columns`` are in the temp table ``keys``, or that match
    ``where`` (NULLs match NULLs: a key column left empty still names its rows)."""

    keys: str = ""
    columns: tuple[str, ...] = ()
    where: str = ""
    copied: str = ""  # or: the temp table they were copied into

    def _on(self, alias: str) -> str:
        return " AND ".join(f"{alias}.{c} IS NOT DISTINCT FROM k.{c}" for c in self.columns)

    def select(self, source: str) -> str:
        if self.copied:
            return f"SELECT * FROM {self.copied}"
        if self.keys:
            return f"SELECT s.* FROM {source} s SEMI JOIN {self.keys} k ON {self._on('s')}"
        return f"SELECT * FROM {source} WHERE {self.where}"

    def stored(self, table: str) -> str:
        """``select`` from a stored table, whose rows in scope are found on the key columns alone and then fetched
        by rowid (a semi join reads every column of every row: 3× slower at provinsi scale)."""
        if self.keys and not self.copied:
            return (f"SELECT * FROM {table} WHERE rowid IN "
                    f"(SELECT s.rowid FROM {table} s SEMI JOIN {self.keys} k ON {self._on('s')})")
        return self.select(table)

    def delete(self, table: str) -> str:
        if self.keys:
            return f"DELETE FROM {table} USING {self.keys} k WHERE {self._on(table.split('.')[-1])}"
        return f"DELETE FROM {table} WHERE {self.where}"


POSTS = Rows("touched_post", POST_KEY)
GROUPS = Rows("touched_group", POST_GROUP)
COMPLAINTS = Rows("touched_complaint", ("complaint_key",))
VIDEOS = Rows("touched_video", POST_KEY)


@dataclass(frozen=True)
class CommentDays:
    """The local days the loaded comments fall on, as constants (so DuckDB skips the row groups outside)."""

    comments: Rows  # every comment of those days (the UTC bounds around them only make the scan cheap)
    days: Rows  # the rows of mart_comment_day for those days


def _comment_days(con: duckdb.DuckDBPyConnection, first_load: int, tz: str) -> CommentDays:
    lo, hi = con.execute(f"SELECT min({LOCAL_DAY}), max({LOCAL_DAY}) FROM raw_comment WHERE load_id >= $f",
                         {"f": first_load, "tz": tz}).fetchall()[0]
    if lo is None:
        return CommentDays(Rows(where="FALSE"), Rows(where="FALSE"))
    days = f"BETWEEN DATE '{lo.isoformat()}' AND DATE '{hi.isoformat()}'"
    return CommentDays(
        Rows(where=f"created_at BETWEEN TIMESTAMPTZ '{(lo - timedelta(days=1)).isoformat()} 00:00:00+00' "
                   f"AND TIMESTAMPTZ '{(hi + timedelta(days=2)).isoformat()} 00:00:00+00' AND {LOCAL_DAY} {days}"),
        Rows(where=f"day {days}"))


def _mart(name: str) -> Model:
    return next(m for m in MARTS if m.name == name)


def _params(sql: str, tz: str) -> dict:
    return {"tz": tz} if "$tz" in sql else {}


def rebuild(con: duckdb.DuckDBPyConnection, tz: str) -> None:
    """Every mart from every row."""
    for mart in MARTS:
        con.execute(f"CREATE OR REPLACE TABLE {mart.name} AS {mart.sql}", _params(mart.sql, tz))
        con.execute(f"COMMENT ON TABLE {mart.name} IS '{_fingerprint(mart)}'")


def _stored(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """The stored table itself, whatever temporary view shadows its name."""
    return f'"{con.execute("SELECT current_database()").fetchall()[0][0]}".main.{name}'


@contextmanager
def _shadows(con: duckdb.DuckDBPyConnection, rows: dict[str, Rows], tz: str, copy: bool = False) -> Iterator[None]:
    """Temporary views named like the stored tables, holding only their rows in scope; dropped after. ``copy``:
    the rows are copied into temp tables first, for statements that read a shadow many times (the checks)."""
    literal = "'" + tz.replace("'", "''") + "'"
    try:
        for name, scope in rows.items():
            body = scope.stored(_stored(con, name)).replace("$tz", literal)
            if copy:
                con.execute(f"CREATE OR REPLACE TEMP TABLE scoped_{name} AS {body}")
                body = f"SELECT * FROM temp.main.scoped_{name}"
            con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {body}")
        yield
    finally:
        for name in rows:
            con.execute(f"DROP VIEW IF EXISTS temp.main.{name}")
            con.execute(f"DROP TABLE IF EXISTS temp.main.scoped_{name}")


def _fingerprint(mart: Model) -> str:
    return hashlib.sha256(mart.sql.encode()).hexdigest()[:16]


def _same_definitions(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether every mart was built by the SQL it has now (a rebuild writes its fingerprint as the table's comment):
    rows kept from an older definition must not be mixed with rows of a new one."""
    have = dict(con.execute("SELECT table_name, comment FROM duckdb_tables() "
                            "WHERE database_name = current_database()").fetchall())
    return all(have.get(m.name) == _fingerprint(m) for m in MARTS)


def _calendar_kept(con: duckdb.DuckDBPyConnection, tz: str) -> bool:
    """Recompute the calendar (small) into ``new_workday``; False when a day already in mart_workday changed (its
    working-day numbers, so every complaint's, are then stale)."""
    sql = _mart("mart_workday").sql
    con.execute(f"CREATE OR REPLACE TEMP TABLE new_workday AS {sql}", _params(sql, tz))
    moved = con.execute(
        "SELECT (SELECT min(day) FROM mart_workday) IS DISTINCT FROM (SELECT min(day) FROM new_workday) "
        "OR EXISTS (SELECT 1 FROM mart_workday o JOIN new_workday n USING (day) "
        "WHERE o.is_workday <> n.is_workday OR o.workday_no <> n.workday_no)").fetchall()[0][0]
    return not moved


def _previous_registry(con: duckdb.DuckDBPyConnection, first_load: int) -> str | None:
    row = con.execute("SELECT registry_sha FROM etl_load WHERE load_id < $f AND outcome <> 'ditolak' "
                      "ORDER BY load_id DESC LIMIT 1", {"f": first_load}).fetchall()
    return row[0][0] if row else None


def can_update(con: duckdb.DuckDBPyConnection, tz: str, first_load: int, registry_sha: str) -> bool:
    """Whether the loads from ``first_load`` on may update the marts in place (see the module's doc)."""
    return (_previous_registry(con, first_load) == registry_sha and _same_definitions(con)
            and _calendar_kept(con, tz))


def _scope(con: duckdb.DuckDBPyConnection, first_load: int) -> None:
    """Temp tables naming the keys the loads from ``first_load`` on touched."""
    f = {"f": first_load}
    key = ", ".join(POST_KEY)
    for name, columns, table in (("touched_post", key, "raw_post_snapshot"), ("touched_video", key, "raw_video_daily"),
                                 ("touched_complaint", "complaint_key", "raw_complaint"),
                                 ("touched_comment", "comment_key", "raw_comment")):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT DISTINCT {columns} FROM {table} "
                    "WHERE load_id >= $f", f)
    con.execute(f"CREATE OR REPLACE TEMP TABLE touched_group AS SELECT DISTINCT {', '.join(POST_GROUP)} "
                f"FROM ({POSTS.select('mart_post')})")  # the groups these posts were in


def _replace(con: duckdb.DuckDBPyConnection, mart: str, scope: Rows, tz: str) -> None:
    """Delete the mart's rows in scope and insert them again from its SQL (evaluated over the shadowed tables)."""
    sql = _mart(mart).sql
    con.execute(scope.delete(_stored(con, mart)))
    con.execute(f"INSERT INTO {_stored(con, mart)} {scope.select(f'({sql})')}", _params(sql, tz))


def update(con: duckdb.DuckDBPyConnection, first_load: int, tz: str) -> CommentDays:
    """The marts' rows for what the loads from ``first_load`` on touched (``can_update`` said yes); returns the
    comments' days, which ``scoped`` needs."""
    con.execute("INSERT INTO mart_workday SELECT * FROM new_workday WHERE day > (SELECT max(day) FROM mart_workday)")
    _scope(con, first_load)
    comment_days = _comment_days(con, first_load, tz)
    with _shadows(con, {"raw_post_snapshot": POSTS}, tz):
        _replace(con, "mart_post", POSTS, tz)
    con.execute(f"INSERT INTO touched_group SELECT DISTINCT {', '.join(POST_GROUP)} "
                f"FROM ({POSTS.select('mart_post')}) EXCEPT SELECT * FROM touched_group")  # ... and are in now
    with _shadows(con, {"mart_post": GROUPS}, tz):
        _replace(con, "mart_opd_day_posts", GROUPS, tz)
    with _shadows(con, {"raw_complaint": COMPLAINTS}, tz):
        _replace(con, "mart_complaint", COMPLAINTS, tz)
    with _shadows(con, {"raw_comment": comment_days.comments}, tz):
        _replace(con, "mart_comment_day", comment_days.days, tz)
    return comment_days


@contextmanager
def scoped(con: duckdb.DuckDBPyConnection, comment_days: CommentDays, tz: str) -> Iterator[None]:
    """Inside: the tables the data checks read hold only the rows in the last ``update``'s scope, each complete
    for the keys and groups a check compares: every stored snapshot of a touched post and of every post in a
    touched OPD-day group, of a touched complaint, every comment of a touched day and every stored comment with
    the key of a new one (the loader looks for a repeated comment only around the batch's own times, so one read
    once with another day/month order would slip past it: only a check over its key catches it)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE scope_post AS SELECT {', '.join(POST_KEY)} FROM touched_post UNION "
                f"SELECT {', '.join(POST_KEY)} FROM ({GROUPS.select('mart_post')})")
    in_scope = Rows("scope_post", POST_KEY)
    stored = _stored(con, "raw_comment")
    # the key's rows found by a semi join on the key alone (an OR over every row would read every column)
    con.execute(f"CREATE OR REPLACE TEMP TABLE scope_comment AS {comment_days.comments.select(stored)} UNION "
                f"{Rows('touched_comment', ('comment_key',)).stored(stored)}", _params(comment_days.comments.where, tz))
    with _shadows(con, {
        "raw_post_snapshot": in_scope, "mart_post": in_scope, "mart_opd_day_posts": GROUPS,
        "raw_video_daily": VIDEOS, "raw_complaint": COMPLAINTS, "mart_complaint": COMPLAINTS,
        "pii_complaint_reporter": COMPLAINTS,
        "raw_comment": Rows(copied="scope_comment"), "mart_comment_day": comment_days.days,
    }, tz, copy=True):
        yield
