"""The warehouse schema, declared once: DDL and ``docs/warehouse.md`` are both generated from it.

Layers: ``ref_*`` reference data copied from the editable files in ``data/``; ``raw_*`` every row
as loaded (post and complaint snapshots kept); ``stg_*`` one current row per post / comment /
complaint; ``mart_*`` aggregates the app reads; ``etl_*`` the load log and the rejects.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[tuple[str, str, str], ...]  # (name, SQL type, meaning)
    key: tuple[str, ...] = ()

    def ddl(self) -> str:
        cols = ",\n  ".join(f"{n} {t}" for n, t, _ in self.columns)
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n  {cols}\n);"


CLASSIFIED = (
    ("classifier_version", "VARCHAR", "Version of the classifier that set the label(s); NULL = not yet classified."),
)

TABLES: tuple[Table, ...] = (
    Table("ref_opd", "OPD registry (from data/registry/opd.csv).", (
        ("opd_code", "VARCHAR NOT NULL", "Stable code, e.g. DINKES; the key everything joins on."),
        ("name", "VARCHAR NOT NULL", "Full official name."),
        ("short_name", "VARCHAR NOT NULL", "Short name shown in the app (e.g. Dinkes)."),
        ("kind", "VARCHAR NOT NULL",
         "sekretariat, bagian, inspektorat, dinas, badan, satpol, rsud, kecamatan, kelurahan, lainnya."),
        ("parent_code", "VARCHAR", "opd_code of the parent (a bagian's Setda, a kelurahan's kecamatan)."),
        ("lapor_id", "VARCHAR", "SP4N-LAPOR! instansi id (DisposisiInstansiID)."),
        ("active", "BOOLEAN NOT NULL", "Whether the OPD still exists."),
    ), key=("opd_code",)),
    Table("ref_opd_alias", "Every name an OPD is known by: code, name, short name, former names.", (
        ("opd_code", "VARCHAR NOT NULL", "The OPD."),
        ("alias", "VARCHAR NOT NULL", "The name as written."),
        ("alias_key", "VARCHAR NOT NULL", "Lower-cased, punctuation-free form used for matching."),
    ), key=("alias_key",)),
    Table("ref_account", "Official social-media accounts (from data/registry/akun.csv).", (
        ("platform", "VARCHAR NOT NULL", "facebook, instagram, x, tiktok, youtube."),
        ("handle", "VARCHAR NOT NULL", "Username/handle without @, lower case."),
        ("opd_code", "VARCHAR NOT NULL", "Owning OPD."),
        ("platform_id", "VARCHAR", "Numeric page/account id where the platform exports one."),
        ("display_name", "VARCHAR", "Page/account name as the platform writes it."),
        ("active_since", "DATE", "Date the account was opened or became official."),
        ("url", "VARCHAR", "Profile URL."),
    ), key=("platform", "handle")),
    Table("ref_account_key", "Lookup from what an export names (handle, page id, page name) to an account.", (
        ("platform", "VARCHAR NOT NULL", "Platform."),
        ("lookup", "VARCHAR NOT NULL", "Normalised handle, id or display name."),
        ("handle", "VARCHAR NOT NULL", "The account it resolves to."),
        ("opd_code", "VARCHAR NOT NULL", "The account's OPD."),
    ), key=("platform", "lookup")),
    Table("ref_region", "Kecamatan and desa/kelurahan (from data/registry/wilayah.csv).", (
        ("region_code", "VARCHAR NOT NULL", "BPS-style code, e.g. 32.99.01."),
        ("name", "VARCHAR NOT NULL", "Name without the Kecamatan/Desa prefix."),
        ("kind", "VARCHAR NOT NULL", "kecamatan, desa or kelurahan."),
        ("parent_code", "VARCHAR", "Kecamatan code of a desa/kelurahan."),
    ), key=("region_code",)),
    Table("ref_holiday", "National holidays and cuti bersama (from data/kalender/libur.csv).", (
        ("day", "DATE NOT NULL", "The date."),
        ("name", "VARCHAR NOT NULL", "Holiday name."),
        ("kind", "VARCHAR NOT NULL", "libur_nasional or cuti_bersama."),
        ("source", "VARCHAR", "Legal source (SKB number)."),
    ), key=("day", "kind")),
    Table("ref_setting", "Regional settings (from data/registry/pengaturan.toml).", (
        ("key", "VARCHAR NOT NULL", "Setting name."),
        ("value", "VARCHAR", "Value as text (lists JSON-encoded)."),
    ), key=("key",)),
    Table("raw_post_snapshot", "Every post row of every export: one row per post per snapshot.", (
        ("platform", "VARCHAR NOT NULL", "Platform."),
        ("post_id", "VARCHAR NOT NULL", "Platform's post id."),
        ("handle", "VARCHAR NOT NULL", "Account that published it."),
        ("opd_code", "VARCHAR NOT NULL", "OPD of the account at load time."),
        ("published_at", "TIMESTAMPTZ NOT NULL", "Publication time."),
        ("caption", "VARCHAR", "Caption/text (Meta: Description, else Title)."),
        ("post_type", "VARCHAR", "Platform's own type (Photos, IG reel …)."),
        ("permalink", "VARCHAR", "Link to the post."),
        ("views", "BIGINT", "Views/impressions, lifetime total at snapshot_at."),
        ("reach", "BIGINT", "Unique accounts reached, lifetime."),
        ("reactions", "BIGINT", "Reactions / likes, lifetime."),
        ("comments", "BIGINT", "Comments / replies, lifetime."),
        ("shares", "BIGINT", "Shares / reposts, lifetime."),
        ("saves", "BIGINT", "Saves / bookmarks / favourites, lifetime."),
        ("clicks", "BIGINT", "Link or total clicks, lifetime."),
        ("watch_seconds", "DOUBLE", "Average watch time in seconds (video)."),
        ("content_type", "VARCHAR", "kinerja, layanan, seremonial, lainnya (classifier; corrected in stg_post)."),
        ("content_confidence", "DOUBLE", "Classifier confidence 0–1."),
        *CLASSIFIED,
        ("snapshot_at", "TIMESTAMPTZ NOT NULL",
         "When the export was taken (file name date, template column or file time)."),
        ("load_id", "INTEGER NOT NULL", "etl_load row that brought it."),
        ("source_row", "INTEGER NOT NULL", "Row in the file, as a spreadsheet numbers it."),
    ), key=("platform", "post_id", "snapshot_at")),
    Table("raw_comment", "Comments, replies and mentions (deduplicated on comment_key).", (
        ("comment_key", "VARCHAR NOT NULL",
         "platform:comment id, or a hash of platform, account, time, author and text."),
        ("platform", "VARCHAR NOT NULL", "Platform."),
        ("kind", "VARCHAR NOT NULL", "komentar, balasan or mention."),
        ("comment_id", "VARCHAR", "Platform's comment id when known."),
        ("handle", "VARCHAR", "OPD account commented on or mentioned."),
        ("opd_code", "VARCHAR NOT NULL", "OPD concerned."),
        ("post_id", "VARCHAR", "Post commented on."),
        ("post_permalink", "VARCHAR", "Link to that post."),
        ("created_at", "TIMESTAMPTZ NOT NULL", "When it was written."),
        ("author", "VARCHAR", "Public username of the writer (masked when shown)."),
        ("text", "VARCHAR NOT NULL", "The text."),
        ("permalink", "VARCHAR", "Link to the comment."),
        ("sentiment", "VARCHAR", "positive, negative or neutral (classifier; corrections apply in stg_comment)."),
        ("sentiment_confidence", "DOUBLE", "Classifier confidence 0–1."),
        *CLASSIFIED,
        ("load_id", "INTEGER NOT NULL", "Load that brought it."),
        ("source_row", "INTEGER NOT NULL", "Row in the file."),
    ), key=("comment_key",)),
    Table("raw_complaint", "Every complaint row of every export: one row per complaint per snapshot.", (
        ("complaint_key", "VARCHAR NOT NULL", "channel:ticket number."),
        ("channel", "VARCHAR NOT NULL", "lapor, whatsapp, 112, medsos, aplikasi, email, surat, tatap_muka."),
        ("complaint_id", "VARCHAR NOT NULL", "Ticket/tracking number in its channel."),
        ("opd_code", "VARCHAR", "Responsible OPD; NULL = not yet assigned."),
        ("title", "VARCHAR", "Title."),
        ("text", "VARCHAR", "Complaint text (reporter identity kept in pii_complaint_reporter)."),
        ("category", "VARCHAR", "Category as the source names it."),
        ("area", "VARCHAR", "Kecamatan."),
        ("village", "VARCHAR", "Desa/kelurahan."),
        ("status", "VARCHAR NOT NULL", "baru, diverifikasi, diproses, selesai, ditutup, ditolak."),
        ("complexity", "VARCHAR", "ringan, normatif, tanpa_audit, audit (SLA class)."),
        ("received_at", "TIMESTAMPTZ NOT NULL", "Received."),
        ("verified_at", "TIMESTAMPTZ", "Verified by the channel admin."),
        ("forwarded_at", "TIMESTAMPTZ", "Forwarded (disposisi) to the OPD."),
        ("first_response_at", "TIMESTAMPTZ", "First response/follow-up by the OPD."),
        ("resolved_at", "TIMESTAMPTZ", "Resolved."),
        ("closed_at", "TIMESTAMPTZ", "Closed."),
        ("last_activity_at", "TIMESTAMPTZ", "Last activity (LAPOR!)."),
        ("response_due_at", "TIMESTAMPTZ", "Response deadline set by the source app."),
        ("sla_due_at", "TIMESTAMPTZ", "Resolution deadline set by the source app."),
        ("rating", "DOUBLE", "Reporter's rating."),
        ("permalink", "VARCHAR", "Link (e.g. the social-media post)."),
        ("topic", "VARCHAR", "Complaint topic (classifier; corrections apply in stg_complaint)."),
        ("topic_confidence", "DOUBLE", "Classifier confidence 0–1."),
        ("sentiment", "VARCHAR", "Sentiment of the text."),
        ("sentiment_confidence", "DOUBLE", "Classifier confidence 0–1."),
        *CLASSIFIED,
        ("snapshot_at", "TIMESTAMPTZ NOT NULL", "When the export was taken."),
        ("load_id", "INTEGER NOT NULL", "Load that brought it."),
        ("source_row", "INTEGER NOT NULL", "Row in the file."),
    ), key=("complaint_key", "snapshot_at")),
    Table("raw_video_daily", "Views per video per day (YouTube Studio's Chart data): a series of its own, "
          "never a video's lifetime metrics.", (
        ("platform", "VARCHAR NOT NULL", "Platform (youtube)."),
        ("post_id", "VARCHAR NOT NULL", "Video id."),
        ("handle", "VARCHAR NOT NULL", "Channel."),
        ("opd_code", "VARCHAR NOT NULL", "OPD of the channel at load time."),
        ("day", "DATE NOT NULL", "The day (as the export dates it)."),
        ("views", "BIGINT", "Views that day."),
        ("snapshot_at", "TIMESTAMPTZ NOT NULL", "When the export was taken."),
        ("load_id", "INTEGER NOT NULL", "Load that brought it."),
        ("source_row", "INTEGER NOT NULL", "Row in the file."),
    ), key=("platform", "post_id", "day", "snapshot_at")),
    Table("pii_complaint_reporter", "Reporter identity, kept apart from complaint text (UU 27/2022).", (
        ("complaint_key", "VARCHAR NOT NULL", "Complaint."),
        ("name", "VARCHAR", "Reporter name as given (often Anonim)."),
        ("phone", "VARCHAR", "Phone as given (often already masked)."),
        ("load_id", "INTEGER NOT NULL", "Load that brought it."),
    ), key=("complaint_key",)),
    Table("nlp_correction", "Labels set by an admin; they win over the classifier and feed the next training.", (
        ("task", "VARCHAR NOT NULL", "sentiment, content or topic."),
        ("target_key", "VARCHAR NOT NULL",
         "The row corrected: comment_key, complaint_key, or platform:post_id for a post."),
        ("label", "VARCHAR NOT NULL", "The right label."),
        ("text", "VARCHAR NOT NULL", "The text as it was when corrected (training data)."),
        ("model_label", "VARCHAR", "What the classifier had said."),
        ("corrected_by", "VARCHAR", "Who corrected it."),
        ("corrected_at", "TIMESTAMPTZ NOT NULL", "When."),
        ("note", "VARCHAR", "Why, if given."),
    ), key=("task", "target_key")),
    Table("etl_load", "Load log: one row per file processed.", (
        ("load_id", "INTEGER NOT NULL", "Sequence."),
        ("file_name", "VARCHAR NOT NULL", "File name."),
        ("file_path", "VARCHAR NOT NULL", "Path as given."),
        ("sha256", "VARCHAR NOT NULL", "Content hash (same hash = same file)."),
        ("registry_sha", "VARCHAR NOT NULL", "Hash of the registry used; a changed registry re-reads a file."),
        ("format", "VARCHAR", "Detected format (etl/formats.py)."),
        ("dataset", "VARCHAR", "posts, comments or complaints."),
        ("rows_read", "BIGINT NOT NULL", "Data rows in the file."),
        ("rows_loaded", "BIGINT NOT NULL", "Rows accepted."),
        ("rows_rejected", "BIGINT NOT NULL", "Rows refused (see etl_reject)."),
        ("rows_new", "BIGINT NOT NULL", "Accepted rows that were new to the warehouse."),
        ("started_at", "TIMESTAMPTZ NOT NULL", "Start."),
        ("finished_at", "TIMESTAMPTZ NOT NULL", "End."),
        ("outcome", "VARCHAR NOT NULL", "berhasil (all rows), sebagian (some rejected), ditolak (file refused)."),
        ("message", "VARCHAR", "Why a file was refused."),
        ("layout", "VARCHAR", "The recognised layout, in words (platform and export)."),
        ("language", "VARCHAR", "Language of the file's headers: en or id."),
        ("export_kind", "VARCHAR", "Which export of the platform it is (Content, Table data, Stories …)."),
        ("snapshot_at", "TIMESTAMPTZ", "When the export was taken (the snapshot its metrics hold)."),
        ("snapshot_source", "VARCHAR", "Where snapshot_at came from (file name, archive, file time)."),
        ("notes", "VARCHAR", "Assumptions made while reading (year, time zone, day/month order), one per line."),
    ), key=("load_id",)),
    Table("etl_reject", "Rows refused, with the reason in Bahasa Indonesia.", (
        ("load_id", "INTEGER NOT NULL", "Load."),
        ("file_name", "VARCHAR NOT NULL", "File."),
        ("row_number", "INTEGER NOT NULL", "Row as a spreadsheet numbers it (header = its own row)."),
        ("column_name", "VARCHAR", "Header of the offending column."),
        ("value", "VARCHAR", "The offending value."),
        ("reason_code", "VARCHAR NOT NULL", "Stable code (e.g. akun_tidak_terdaftar)."),
        ("reason", "VARCHAR NOT NULL", "Reason in Bahasa Indonesia."),
        ("platform", "VARCHAR", "Platform, for unknown-account rejects."),
    )),
)

def _corrected(alias: str, label: str, confidence: str) -> str:
    """An admin's label replaces the model's, with confidence 1."""
    column = label.split(".")[-1]
    return (f"coalesce({alias}.label, {label}) AS {column}, "
            f"CASE WHEN {alias}.label IS NULL THEN {confidence} ELSE 1.0 END AS {confidence.split('.')[-1]}")


def _correction_join(alias: str, task: str, key: str) -> str:
    return f"LEFT JOIN nlp_correction {alias} ON {alias}.task = '{task}' AND {alias}.target_key = {key}"


VIEWS: tuple[tuple[str, str, str], ...] = (
    ("stg_post", "One row per post: its latest snapshot (latest snapshot_at, then latest load); "
     "content_type corrected by nlp_correction (content_corrected).", f"""
        SELECT p.* EXCLUDE (rn) REPLACE ({_corrected('k', 'p.content_type', 'p.content_confidence')}),
          k.label IS NOT NULL AS content_corrected
        FROM (SELECT *, row_number() OVER (PARTITION BY platform, post_id
                                           ORDER BY snapshot_at DESC, load_id DESC) AS rn
              FROM raw_post_snapshot) p
        {_correction_join('k', 'content', "p.platform || ':' || p.post_id")}
        WHERE p.rn = 1"""),
    ("stg_comment", "One row per comment/mention; sentiment corrected by nlp_correction (sentiment_corrected).", f"""
        SELECT c.* REPLACE ({_corrected('k', 'c.sentiment', 'c.sentiment_confidence')}),
          k.label IS NOT NULL AS sentiment_corrected
        FROM raw_comment c {_correction_join('k', 'sentiment', 'c.comment_key')}"""),
    ("stg_complaint", "One row per complaint: its latest snapshot; resolved_at falls back to "
     "closed_at for complaints closed as done; topic and sentiment corrected by nlp_correction.", f"""
        SELECT c.* EXCLUDE (rn) REPLACE (
            coalesce(c.resolved_at, CASE WHEN c.status IN ('selesai', 'ditutup') THEN c.closed_at END)
              AS resolved_at,
            {_corrected('t', 'c.topic', 'c.topic_confidence')},
            {_corrected('s', 'c.sentiment', 'c.sentiment_confidence')}),
          t.label IS NOT NULL AS topic_corrected, s.label IS NOT NULL AS sentiment_corrected
        FROM (SELECT *, row_number() OVER (PARTITION BY complaint_key
                                           ORDER BY snapshot_at DESC, load_id DESC) AS rn
              FROM raw_complaint) c
        {_correction_join('t', 'topic', 'c.complaint_key')}
        {_correction_join('s', 'sentiment', 'c.complaint_key')}
        WHERE c.rn = 1"""),
)

# Materialised after every load (they are small and make pages fast).
MARTS: tuple[tuple[str, str, str], ...] = (
    ("mart_workday", "Calendar: every day from 2024 to two years after the newest data, whether it is a "
     "working day (not a weekend, national holiday or cuti bersama) and workday_no, the running count "
     "of working days up to and including it (working days between two dates = difference).", """
        WITH days AS (
          SELECT CAST(d AS DATE) AS day FROM range(
            DATE '2024-01-01',
            greatest(DATE '2027-12-31',
                     coalesce((SELECT CAST(max(received_at) AS DATE) FROM raw_complaint), DATE '2024-01-01'),
                     coalesce((SELECT CAST(max(published_at) AS DATE) FROM raw_post_snapshot), DATE '2024-01-01'))
              + INTERVAL 730 DAY,
            INTERVAL 1 DAY) t(d)),
        flagged AS (
          SELECT day, isodow(day) < 6 AND day NOT IN (SELECT day FROM ref_holiday) AS is_workday FROM days)
        SELECT day, is_workday, CAST(sum(is_workday::INT) OVER (ORDER BY day) AS INTEGER) AS workday_no
        FROM flagged ORDER BY day"""),
    ("mart_post", "stg_post materialised, with the local day and week (Monday) of publication.", """
        SELECT *, CAST(timezone($tz, published_at) AS DATE) AS day,
               CAST(date_trunc('week', timezone($tz, published_at)) AS DATE) AS week
        FROM stg_post"""),
    ("mart_complaint", "stg_complaint materialised, with local days and working-day numbers "
     "(mart_workday.workday_no) of receipt, first response and resolution, the working days to first "
     "response and to resolution, and is_open (status not selesai, ditutup or ditolak).", """
        WITH c AS (
          SELECT *, CAST(timezone($tz, received_at) AS DATE) AS received_day,
                 CAST(timezone($tz, first_response_at) AS DATE) AS first_response_day,
                 CAST(timezone($tz, resolved_at) AS DATE) AS resolved_day
          FROM stg_complaint)
        SELECT c.*, r.workday_no AS received_wd, f.workday_no AS first_response_wd, s.workday_no AS resolved_wd,
               f.workday_no - r.workday_no AS response_days, s.workday_no - r.workday_no AS resolution_days,
               c.status NOT IN ('selesai', 'ditutup', 'ditolak') AS is_open
        FROM c JOIN mart_workday r ON r.day = c.received_day
        LEFT JOIN mart_workday f ON f.day = c.first_response_day
        LEFT JOIN mart_workday s ON s.day = c.resolved_day"""),
    ("mart_opd_day_posts", "Posts and engagement per OPD, platform, local day and content type.", """
        SELECT opd_code, platform, day, week, content_type, count(*) AS posts,
               sum(views) AS views, sum(reach) AS reach, sum(reactions) AS reactions,
               sum(comments) AS comments, sum(shares) AS shares
        FROM mart_post GROUP BY ALL"""),
    ("mart_opd_week_posts", "Posts and engagement per OPD, platform and week.", """
        SELECT opd_code, platform, week, sum(posts) AS posts,
               sum(views) AS views, sum(reactions) AS reactions,
               sum(comments) AS comments, sum(shares) AS shares
        FROM mart_opd_day_posts GROUP BY ALL"""),
    ("mart_comment_day", "Comments and mentions per OPD, platform, kind, local day and sentiment.", """
        SELECT opd_code, platform, kind, CAST(timezone($tz, created_at) AS DATE) AS day, sentiment,
               count(*) AS n
        FROM stg_comment GROUP BY ALL"""),
    ("mart_account_last_post", "Last post per registered account (NULL when it never posted).", """
        SELECT a.platform, a.handle, a.opd_code, max(p.published_at) AS last_post_at,
               count(p.post_id) AS posts
        FROM ref_account a LEFT JOIN mart_post p
          ON p.platform = a.platform AND p.handle = a.handle
        GROUP BY ALL"""),
)


def create_views_sql() -> list[str]:
    return [f"CREATE OR REPLACE VIEW {name} AS {sql}" for name, _, sql in VIEWS]


def markdown() -> str:
    """docs/warehouse.md, generated (see tests/test_schema_doc.py)."""
    out = [
        "# Warehouse schema",
        "",
        "Generated from `etl/schema.py` by `python -m etl schema-doc`; do not edit by hand.",
        "",
        __doc__.strip(),
        "",
    ]
    for t in TABLES:
        key = f" Key: `{', '.join(t.key)}`." if t.key else ""
        out += [f"## `{t.name}`", "", t.doc + key, "", "| column | type | meaning |", "|---|---|---|"]
        out += [f"| `{n}` | {typ} | {doc} |" for n, typ, doc in t.columns]
        out.append("")
    out += ["## Views and marts", ""]
    out += [f"- `{name}` — {doc}" for name, doc, _ in VIEWS + MARTS]
    out.append("")
    return "\n".join(out)
