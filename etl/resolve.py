"""Per dataset: from ``typed`` to ``ready`` — platform/channel codes, OPD resolution, keys.

Each function adds its row problems (unknown account, unknown OPD, bad codes, duplicate rows,
unordered complaint times) to ``problems``; rows with any problem are not loaded.
"""

from __future__ import annotations

import duckdb

from etl.detect import Match
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
    add_problem(con, f"{field} IS NOT NULL AND {_vocab(domain, field)} IS NULL", match.header_of(field),
                field, "kode_tidak_dikenal", f"nilai tidak dikenal; pilih salah satu: {accepted(domain)}")
    return _vocab(domain, field)


def _duplicates(con: duckdb.DuckDBPyConnection, header: str) -> None:
    """Rows whose key (``ready._key``) already appeared higher up in the same file."""
    con.execute(
        "INSERT INTO problems SELECT r._row, $header, d._key, 'baris_ganda', "
        "'baris ganda: data yang sama sudah ada di baris ' || d.first_row, NULL "
        "FROM (SELECT _key, min(_row) AS first_row FROM ready WHERE _key IS NOT NULL "
        "      GROUP BY _key HAVING count(*) > 1) d "
        "JOIN ready r ON r._key = d._key AND r._row > d.first_row",
        {"header": header},
    )


def _unknown_account(con: duckdb.DuckDBPyConnection, header: str) -> None:
    con.execute(
        "INSERT INTO problems SELECT _row, $header, handle_seen, 'akun_tidak_terdaftar', "
        "'akun tidak terdaftar: @' || handle_seen || ' (' || platform || '); daftarkan di "
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
        return "$file_handle", "NULL", "post_id"
    by_id = "account_id" if "account_id" in match.positions else "NULL"
    return "account", by_id, "post_id"


def _platform_raw(match: Match) -> str:
    return "t.platform" if any(c.field == "platform" for c in match.format.columns) else "NULL"


def _create_ready(con: duckdb.DuckDBPyConnection, match: Match, sources: dict[str, str], per_row: str,
                  key: str, params: dict[str, object]) -> None:
    """``ready`` = ``typed`` + per-row columns + the account/OPD it belongs to.

    Account resolution (normalising handles, matching ids, names and aliases) runs once per
    distinct (platform, handle, id, name) of the file and is joined back, not once per row.
    """
    fixed = match.format.platform
    platform = f"'{fixed}'" if fixed else _vocab("platform", "platform_src")
    src_cols = ", ".join(f"{expr} AS {name}" for name, expr in sources.items())
    on = " AND ".join(f"b.{name} IS NOT DISTINCT FROM l.{name}" for name in sources)
    drop = [*sources, *(["platform"] if _platform_raw(match) != "NULL" else [])]
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE ready AS
        WITH base AS (SELECT t.*, {src_cols}, {per_row} FROM typed t),
        seen AS (
          SELECT *, {platform} AS platform_, {handle_sql('handle_src')} AS handle_seen,
                 {handle_sql('id_src')} AS id_seen, {alias_sql('handle_src')} AS alias_seen
          FROM (SELECT DISTINCT {', '.join(sources)} FROM base)),
        look AS (
          SELECT s.*, coalesce(k1.handle, k2.handle) AS handle,
                 coalesce(k1.opd_code, k2.opd_code, a.opd_code) AS opd_code
          FROM seen s
          LEFT JOIN ref_account_key k1 ON k1.platform = s.platform_ AND k1.lookup = s.id_seen
          LEFT JOIN ref_account_key k2 ON k2.platform = s.platform_ AND k2.lookup = s.handle_seen
          LEFT JOIN ref_opd_alias a ON $by_alias AND a.alias_key = s.alias_seen)
        SELECT b.* EXCLUDE ({', '.join(drop)}), l.platform_ AS platform,
               l.handle_seen, l.handle, l.opd_code, {key} AS _key
        FROM base b LEFT JOIN look l ON {on}""",
        params,
    )


def posts(con: duckdb.DuckDBPyConnection, match: Match, file_handle: str | None, snapshot: str) -> None:
    fmt = match.format
    _coded(con, match, "platform", "platform", fmt.platform)  # records unknown platform names
    handle, by_id, pid = _post_sources(match)
    caption = "coalesce(caption, title)" if "title" in match.positions else "caption"
    declared = {c.field for c in fmt.columns}
    snap = "coalesce(t.snapshot_at, CAST($snapshot AS TIMESTAMPTZ))" if "snapshot_at" in declared \
        else "CAST($snapshot AS TIMESTAMPTZ)"
    params: dict[str, object] = {"snapshot": snapshot, "by_alias": False}
    if "$file_handle" in handle:
        params["file_handle"] = file_handle
    sources = {"platform_src": _platform_raw(match), "handle_src": handle, "id_src": by_id}
    _create_ready(con, match, sources, f"{pid} AS pid, {caption} AS text_, {snap} AS snap",
                  "l.platform_ || ':' || b.pid", params)
    if fmt.account_from == "permalink":
        link = match.header_of("permalink")
        add_problem(con, "permalink IS NOT NULL AND handle_seen IS NULL", link, "permalink",
                    "tautan_tanpa_akun", "tautan tidak memuat nama akun", table="ready")
        add_problem(con, "permalink IS NOT NULL AND pid IS NULL", link, "permalink",
                    "tautan_tanpa_id", "tautan tidak memuat ID postingan", table="ready")
    header = match.header_of("account" if fmt.account_from == "column" else "permalink")
    _unknown_account(con, header if fmt.account_from != "filename" else "nama berkas")
    _duplicates(con, match.header_of("post_id"))


def comments(con: duckdb.DuckDBPyConnection, match: Match) -> None:
    _coded(con, match, "platform", "platform")
    kind = _coded(con, match, "kind", "comment_kind")
    sources = {"platform_src": _platform_raw(match), "handle_src": "t.account", "id_src": "NULL"}
    key = ("CASE WHEN b.comment_id IS NOT NULL THEN l.platform_ || ':' || b.comment_id "
           "ELSE l.platform_ || ':h:' || md5(concat_ws('|', l.platform_, l.handle_seen, "
           "CAST(b.created_at AS VARCHAR), b.author, b.text)) END")
    _create_ready(con, match, sources, f"coalesce({kind}, 'komentar') AS kind_", key, {"by_alias": True})
    _unknown_account(con, match.header_of("account"))
    _duplicates(con, match.header_of("comment_id" if "comment_id" in match.positions else "text"))


def _opd_sql(match: Match) -> str:
    """Complaint OPD from an agency id (LAPOR id or OPD code) or an agency name/alias."""
    parts = []
    if "agency_id" in match.positions:
        parts += ["(SELECT opd_code FROM ref_opd WHERE lapor_id = t.agency_id)",
                  "(SELECT opd_code FROM ref_opd WHERE opd_code = t.agency_id)"]
    if "agency" in match.positions:
        parts.append(f"(SELECT opd_code FROM ref_opd_alias WHERE alias_key = {alias_sql('t.agency')})")
    return f"coalesce({', '.join(parts)})" if parts else "CAST(NULL AS VARCHAR)"


def _region_sql(code_field: str, name_field: str, kinds: str, match: Match) -> str:
    parts = []
    if code_field in match.positions:
        parts.append(f"(SELECT name FROM ref_region WHERE region_code = t.{code_field})")
    if name_field in match.positions:
        stripped = f"regexp_replace(t.{name_field}, '^(kecamatan|kec\\.?|desa|kelurahan|kel\\.?)\\s+', '', 'i')"
        parts.append(f"(SELECT min(name) FROM ref_region WHERE kind IN ({kinds}) "
                     f"AND lower(name) = lower(trim({stripped})))")
        parts.append(f"t.{name_field}")
    return f"coalesce({', '.join(parts)})" if parts else "CAST(NULL AS VARCHAR)"


def complaints(con: duckdb.DuckDBPyConnection, match: Match, snapshot: str) -> None:
    fmt = match.format
    channel = _coded(con, match, "channel", "channel", fmt.channel)
    status = _coded(con, match, "status", "status")
    complexity = _coded(con, match, "complexity", "complexity")
    area = _region_sql("district_code", "area", "'kecamatan'", match)
    village = _region_sql("village_code", "village", "'desa', 'kelurahan'", match)
    declared = {c.field for c in fmt.columns}
    steps = [(f, v) for f, v in (("closed_at", "ditutup"), ("resolved_at", "selesai"),
                                 ("first_response_at", "diproses")) if f in declared]
    derived_status = "CASE " + " ".join(f"WHEN {f} IS NOT NULL THEN '{v}'" for f, v in steps) + " ELSE 'baru' END"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE ready AS
        SELECT t.*, {channel} AS channel_, {_opd_sql(match)} AS opd_code,
               coalesce({status}, {derived_status}) AS status_, {complexity} AS complexity_,
               {area} AS area_, {village} AS village_,
               {channel} || ':' || t.complaint_id AS _key,
               CAST($snapshot AS TIMESTAMPTZ) AS snap
        FROM typed t""",
        {"snapshot": snapshot},
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
