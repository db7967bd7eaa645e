"""Per dataset: from ``typed`` to ``ready`` — platform/channel codes, OPD resolution, keys.

Each function adds its row problems (unknown account, unknown OPD, bad codes, duplicate rows,
unordered complaint times) to ``problems``; rows with any problem are not loaded.
"""

from __future__ import annotations

import duckdb

from etl import warehouse
from etl.detect import Match
from etl.errors import FileRefused
from etl.typed import add_problem
from etl.vocab import accepted, spellings

PERMALINK_HANDLE = {
    "x": "(?:x|twitter)\\.com/@?([A-Za-z0-9_]+)/status",
    "tiktok": "tiktok\\.com/@([A-Za-z0-9._-]+)",
}
TIKTOK_VIDEO_ID = "/video/(\\d+)"
TIMELINE = ("verified_at", "forwarded_at", "first_response_at", "resolved_at", "closed_at")


def handle_sql(expr: str) -> str:
    """SQL twin of registry.handle_key."""
    return f"nullif(regexp_replace(lower(trim(ltrim(trim({expr}), '@'))), '\\s+', ' ', 'g'), '')"


def alias_sql(expr: str) -> str:
    """SQL twin of registry.alias_key."""
    return f"nullif(trim(regexp_replace(lower({expr}), '[^0-9a-z]+', ' ', 'g')), '')"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _vocab(domain: str, expr: str) -> str:
    """A CASE over the accepted spellings (constants from etl/vocab.py); NULL when unknown."""
    arms = " ".join(f"WHEN {_literal(alias)} THEN {_literal(value)}" for alias, value in spellings(domain))
    return f"(CASE lower(trim({expr})) {arms} END)"


def _coded(con: duckdb.DuckDBPyConnection, match: Match, field: str, domain: str,
           fixed: str | None = None) -> str:
    """SQL for a coded value: the format's fixed value, or the file's column through the vocab."""
    if fixed:
        return f"'{fixed}'"
    if field not in match.positions:
        return "CAST(NULL AS VARCHAR)"
    known = dict(spellings(domain))
    values = [r[0] for r in con.execute(f"SELECT DISTINCT {field} FROM typed WHERE {field} IS NOT NULL").fetchall()]
    unknown = [v for v in values if v.strip().lower() not in known]  # checked once per distinct value
    if unknown:
        con.execute(
            f"INSERT INTO problems SELECT _file, _row, $column, {field}, 'kode_tidak_dikenal', $msg, NULL "
            f"FROM typed WHERE list_contains($unknown, {field})",
            {"column": match.header_of(field), "unknown": unknown,
             "msg": f"nilai tidak dikenal; pilih salah satu: {accepted(domain)}"},
        )
    return _vocab(domain, field)


def _duplicates(con: duckdb.DuckDBPyConnection, header: str) -> None:
    """Rows whose key (``ready._key``) already appeared higher up in the same file."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE dups AS SELECT _file, _key, min(_row) AS first_row FROM ready "
        "WHERE _key IS NOT NULL GROUP BY _file, _key HAVING count(*) > 1"
    )
    if not con.execute("SELECT count(*) FROM dups").fetchall()[0][0]:
        return
    con.execute(
        "INSERT INTO problems SELECT r._file, r._row, $header, d._key, 'baris_ganda', "
        "'baris ganda: data yang sama sudah ada di baris ' || d.first_row, NULL "
        "FROM dups d JOIN ready r ON r._file = d._file AND r._key = d._key AND r._row > d.first_row",
        {"header": header},
    )


def _unknown_account(con: duckdb.DuckDBPyConnection, header: str) -> None:
    """The account quoted exactly as the file writes it (case and all)."""
    shown = "ltrim(trim(handle_raw), '@')"
    con.execute(
        f"INSERT INTO problems SELECT _file, _row, $header, {shown}, 'akun_tidak_terdaftar', "
        f"'akun tidak terdaftar: @' || {shown} || ' (' || platform || '); daftarkan di "
        "data/registry/akun.csv', platform FROM ready "
        "WHERE opd_code IS NULL AND platform IS NOT NULL AND handle_seen IS NOT NULL",
        {"header": header},
    )


def _post_sources(match: Match) -> tuple[str, str, str]:
    """SQL for (handle as seen, platform id as seen, post id) according to the format."""
    fmt = match.format
    if fmt.account_from == "permalink":
        pid = "post_id"
        if "post_id" not in match.positions:
            pid = f"nullif(regexp_extract(permalink, '{TIKTOK_VIDEO_ID}', 1), '')"
        return f"regexp_extract(permalink, '{PERMALINK_HANDLE[fmt.platform]}', 1)", "NULL", pid
    if fmt.account_from == "filename":
        return "bf.handle", "NULL", "post_id"
    by_id = "account_id" if "account_id" in match.positions else "NULL"
    return "account", by_id, "post_id"


def _platform_raw(match: Match) -> str:
    return "t.platform" if any(c.field == "platform" for c in match.format.columns) else "NULL"


def _create_ready(con: duckdb.DuckDBPyConnection, match: Match, sources: dict[str, str], per_row: str,
                  key: str, by_alias: bool) -> None:
    """View ``ready`` = ``typed`` + per-row columns + the account/OPD each row belongs to.

    Account resolution (normalising handles, matching ids, names and aliases) runs once per
    distinct (platform, handle, id) of the batch into the small table ``look``; ``ready`` is a
    view so the wide rows are not copied again.
    """
    fixed = match.format.platform
    platform = f"'{fixed}'" if fixed else _vocab("platform", "platform_src")
    src_cols = ", ".join(f"{expr} AS {name}" for name, expr in sources.items())
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE look AS
        WITH seen AS (
          SELECT *, {platform} AS platform_, {handle_sql('handle_src')} AS handle_seen,
                 {handle_sql('id_src')} AS id_seen, {alias_sql('handle_src')} AS alias_seen
          FROM (SELECT DISTINCT {src_cols} FROM typed t JOIN batch_files bf ON bf._file = t._file))
        SELECT s.*, coalesce(k1.handle, k2.handle) AS handle,
               coalesce(k1.opd_code, k2.opd_code, a.opd_code) AS opd_code
        FROM seen s
        LEFT JOIN ref_account_key k1 ON k1.platform = s.platform_ AND k1.lookup = s.id_seen
        LEFT JOIN ref_account_key k2 ON k2.platform = s.platform_ AND k2.lookup = s.handle_seen
        LEFT JOIN ref_opd_alias a ON $by_alias AND a.alias_key = s.alias_seen""",
        {"by_alias": by_alias},
    )
    on = " AND ".join(f"l.{name} IS NOT DISTINCT FROM {expr}" for name, expr in sources.items())
    drop = "EXCLUDE (platform)" if _platform_raw(match) != "NULL" else ""
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW ready AS
        SELECT t.* {drop}, {per_row}, l.platform_ AS platform, l.handle_src AS handle_raw, l.handle_seen,
               l.handle, l.opd_code, {key} AS _key
        FROM typed t JOIN batch_files bf ON bf._file = t._file LEFT JOIN look l ON {on}"""
    )


def posts(con: duckdb.DuckDBPyConnection, match: Match) -> None:
    """Posts of the batch; ``batch_files`` gives each file's snapshot time and account handle."""
    fmt = match.format
    _coded(con, match, "platform", "platform", fmt.platform)  # records unknown platform names
    handle, by_id, pid = _post_sources(match)
    caption = "coalesce(caption, title)" if "title" in match.positions else "caption"
    declared = {c.field for c in fmt.columns}
    snap = "coalesce(t.snapshot_at, bf.snapshot)" if "snapshot_at" in declared else "bf.snapshot"
    sources = {"platform_src": _platform_raw(match), "handle_src": handle, "id_src": by_id}
    _create_ready(con, match, sources, f"{pid} AS pid, {caption} AS text_, {snap} AS snap",
                  f"l.platform_ || ':' || {pid}", by_alias=False)
    if fmt.account_from == "permalink":
        link = match.header_of("permalink")
        _links_of_the_platform(con, match)
        add_problem(con, "permalink IS NOT NULL AND handle_seen IS NULL", link, "permalink",
                    "tautan_tanpa_akun", "tautan tidak memuat nama akun", table="ready")
        add_problem(con, "permalink IS NOT NULL AND pid IS NULL", link, "permalink",
                    "tautan_tanpa_id", "tautan tidak memuat ID postingan", table="ready")
    header = match.header_of("account" if fmt.account_from == "column" else "permalink")
    _unknown_account(con, header if fmt.account_from != "filename" else "nama berkas")
    _duplicates(con, match.header_of("post_id"))


def video_daily(con: duckdb.DuckDBPyConnection, match: Match) -> None:
    """YouTube's per-day views per video; the channel comes from the file/folder name or --account."""
    tz = _literal(warehouse.timezone(con))
    sources = {"platform_src": "NULL", "handle_src": "bf.handle", "id_src": "NULL"}
    day = f"CAST(timezone({tz}, t.day) AS DATE)"
    _create_ready(con, match, sources, f"{day} AS day_, bf.snapshot AS snap",
                  f"l.platform_ || ':' || t.post_id || ':' || CAST({day} AS VARCHAR)", by_alias=False)
    _unknown_account(con, "nama berkas")
    _duplicates(con, match.header_of("post_id"))


def _links_of_the_platform(con: duckdb.DuckDBPyConnection, match: Match) -> None:
    """A file whose links are none of them the platform's is another platform's export: refuse it whole
    rather than reject every row for a reason that hides the real cause."""
    fmt = match.format
    names = dict(con.execute("SELECT _file, name FROM batch_files").fetchall())
    foreign = con.execute(
        "SELECT _file, any_value(permalink) FROM ready WHERE permalink IS NOT NULL GROUP BY 1 "
        "HAVING count(handle_seen) = 0").fetchall()
    if foreign:
        f, example = foreign[0]
        raise FileRefused("bukan_platform", (
            f"{names[f]}: judul kolomnya mirip «{fmt.label}», tetapi tidak satu pun tautannya tautan {fmt.platform} "
            f"(mis. «{example[:80]}»). Berkas tidak dimuat: periksa apakah ini ekspor dari platform lain."))


def comments(con: duckdb.DuckDBPyConnection, match: Match) -> None:
    _coded(con, match, "platform", "platform")
    kind = _coded(con, match, "kind", "comment_kind")
    sources = {"platform_src": _platform_raw(match), "handle_src": "t.account", "id_src": "NULL"}
    key = ("CASE WHEN t.comment_id IS NOT NULL THEN l.platform_ || ':' || t.comment_id "
           "ELSE l.platform_ || ':h:' || md5(concat_ws('|', l.platform_, l.handle_seen, "
           "CAST(t.created_at AS VARCHAR), t.author, t.text)) END")
    _create_ready(con, match, sources, f"coalesce({kind}, 'komentar') AS kind_", key, by_alias=True)
    _unknown_account(con, match.header_of("account"))
    _duplicates(con, match.header_of("comment_id" if "comment_id" in match.positions else "text"))


def _field(match: Match, field: str) -> str:
    return f"t.{field}" if field in match.positions else "CAST(NULL AS VARCHAR)"


def _lookup(con: duckdb.DuckDBPyConnection, table: str, sources: dict[str, str], value_sql: str,
            joins: str) -> str:
    """A small table from each distinct combination of ``sources`` to ``value``; returns its join."""
    cols = ", ".join(f"{expr} AS {name}" for name, expr in sources.items())
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT d.*, {value_sql} AS value "
        f"FROM (SELECT DISTINCT {cols} FROM typed t) d {joins}"
    )
    on = " AND ".join(f"{table}.{name} IS NOT DISTINCT FROM {expr}" for name, expr in sources.items())
    return f"LEFT JOIN {table} ON {on}"


def _complaint_lookups(con: duckdb.DuckDBPyConnection, match: Match) -> str:
    """OPD from an agency id (LAPOR id or OPD code) or name/alias; kecamatan and desa by code or name."""
    joins = [_lookup(
        con, "agency_look", {"agency_id": _field(match, "agency_id"), "agency": _field(match, "agency")},
        "coalesce(o1.opd_code, o2.opd_code, a.opd_code)",
        "LEFT JOIN ref_opd o1 ON o1.lapor_id = d.agency_id LEFT JOIN ref_opd o2 ON o2.opd_code = d.agency_id "
        f"LEFT JOIN ref_opd_alias a ON a.alias_key = {alias_sql('d.agency')}")]
    prefix = "'^(kecamatan|kec\\.?|desa|kelurahan|kel\\.?)\\s+'"
    for table, code, name, kinds in (("area_look", "district_code", "area", "'kecamatan'"),
                                     ("village_look", "village_code", "village", "'desa', 'kelurahan'")):
        joins.append(_lookup(
            con, table, {"code": _field(match, code), "name": _field(match, name)},
            "coalesce(by_code.name, by_name.name, d.name)",
            "LEFT JOIN ref_region by_code ON by_code.region_code = d.code "
            f"LEFT JOIN (SELECT lower(name) AS key, min(name) AS name FROM ref_region WHERE kind IN ({kinds}) "
            f"GROUP BY 1) by_name ON by_name.key = lower(trim(regexp_replace(d.name, {prefix}, '', 'i')))"))
    return " ".join(joins)


def complaints(con: duckdb.DuckDBPyConnection, match: Match) -> None:
    fmt = match.format
    channel = _coded(con, match, "channel", "channel", fmt.channel)
    status = _coded(con, match, "status", "status")
    complexity = _coded(con, match, "complexity", "complexity")
    declared = {c.field for c in fmt.columns}
    steps = [(f, v) for f, v in (("closed_at", "ditutup"), ("resolved_at", "selesai"),
                                 ("first_response_at", "diproses")) if f in declared]
    derived_status = "CASE " + " ".join(f"WHEN {f} IS NOT NULL THEN '{v}'" for f, v in steps) + " ELSE 'baru' END"
    joins = _complaint_lookups(con, match)
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW ready AS
        SELECT t.*, {channel} AS channel_, agency_look.value AS opd_code,
               coalesce({status}, {derived_status}) AS status_, {complexity} AS complexity_,
               area_look.value AS area_, village_look.value AS village_,
               {channel} || ':' || t.complaint_id AS _key, bf.snapshot AS snap
        FROM typed t JOIN batch_files bf ON bf._file = t._file {joins}"""
    )
    agency = [f for f in ("agency_id", "agency") if f in match.positions]
    if agency:
        shown = " / ".join(f"coalesce({f}, '')" for f in agency).replace(" / ", " || ' / ' || ")
        add_problem(con, f"opd_code IS NULL AND coalesce({', '.join(agency)}) IS NOT NULL",
                    match.header_of(agency[-1]), shown, "opd_tidak_dikenal",
                    "OPD tidak dikenal; tambahkan sebagai kode, nama atau alias di data/registry/opd.csv",
                    table="ready")
    _timeline_problems(con, match)
    _duplicates(con, match.header_of("complaint_id"))


def _timeline_problems(con: duckdb.DuckDBPyConnection, match: Match) -> None:
    """Every step of a complaint happens at or after it was received; closing after resolving."""
    for field in TIMELINE:
        if field in match.positions:
            add_problem(con, f"{field} < received_at", match.header_of(field), f"{field}__raw",
                        "urutan_waktu", f"lebih awal daripada waktu diterima ({match.header_of('received_at')})",
                        table="ready")
    if "resolved_at" in match.positions and "closed_at" in match.positions:
        add_problem(con, "closed_at < resolved_at", match.header_of("closed_at"), "closed_at__raw",
                    "urutan_waktu", f"lebih awal daripada waktu selesai ({match.header_of('resolved_at')})",
                    table="ready")
