"""The warehouse schema, declared once: DDL and ``docs/warehouse.md`` are both generated from it.

Layers: ``ref_*`` reference data copied from the editable files in ``data/``; ``raw_*`` every row
as loaded (post and complaint snapshots kept); ``stg_*`` one current row per post / comment /
complaint; ``mart_*`` aggregates the app reads; ``etl_*`` the load log and the rejects; ``pii_*`` personal
data kept apart (UU 27/2022 PDP): the reporters' contact details, read by no view, mart or analytics query.
Free texts (comments, complaints, captions, rejected values) are stored as written and masked wherever they are
shown (``analytics/privacy.py``).

Beside every model stand its data checks (like dbt's schema tests: unique keys, not-null columns, accepted
values, references, timelines, row counts reconciled between layers). They run on every load before it
becomes the warehouse in use (``etl/checks.py``); one failure refuses the load.
A NULL passes every check but not_null.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

from etl.formats import PLATFORMS
from etl.vocab import VOCAB

# Coded values, for the accepted-values checks (tests/test_data_checks.py keeps them equal to their sources:
# the classifiers' labels, etl/registry.py, analytics/labels.py).
CHANNELS = tuple(VOCAB["channel"])
STATUSES = tuple(VOCAB["status"])
COMPLEXITIES = tuple(VOCAB["complexity"])
COMMENT_KINDS = tuple(VOCAB["comment_kind"])
SENTIMENTS = ("positive", "negative", "neutral")
CONTENT_TYPES = ("kinerja", "layanan", "seremonial", "lainnya")
TOPICS = ("banjir_drainase", "sampah_kebersihan", "jalan_jembatan", "lalu_lintas", "pohon_taman",
          "penerangan_jalan", "air_bersih", "adminduk", "kesehatan", "pendidikan", "bansos_sosial",
          "pungli_pelayanan", "ketertiban", "lingkungan", "lainnya")
OPD_KINDS = ("sekretariat", "bagian", "inspektorat", "dinas", "badan", "satpol", "rsud", "kecamatan", "kelurahan",
             "lainnya")
REGION_KINDS = ("kecamatan", "desa", "kelurahan")
HOLIDAY_KINDS = ("libur_nasional", "cuti_bersama")
NLP_TASKS = ("sentiment", "content", "topic")
LOAD_OUTCOMES = ("berhasil", "sebagian", "ditolak")


class Totals(NamedTuple):
    """What a reconciliation compares: ``measure`` over the model and ``source_measure`` over ``source``,
    per group of ``by`` (both sides have those columns), or in total when ``by`` is empty."""
    measure: str
    source: str
    source_measure: str
    by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """A data test, declared beside its model like dbt's schema tests and run on every new warehouse
    before it replaces the old one (etl/checks.py). NULL passes every kind but not_null.

    kind and argument: ``unique`` (columns together), ``not_null``, ``accepted_values`` (argument: the values),
    ``relationship`` (argument: (table, its columns) that must hold the value), ``not_before`` (columns:
    (later, earlier)), ``at_least`` (argument: the minimum), ``reconcile`` (argument: Totals; columns: what
    the measure reads).
    """
    kind: str
    columns: tuple[str, ...]
    argument: object = None
    doc: str = ""  # one sentence for docs/warehouse.md; said from kind and argument when empty
    model: str = ""  # set by checks()

    def describe(self) -> str:
        if self.doc:
            return self.doc
        cols = ", ".join(f"`{c}`" for c in self.columns)
        if self.kind == "unique":
            return f"No two rows share {cols}." if len(self.columns) > 1 else f"{cols} is unique."
        if self.kind == "not_null":
            return f"{cols} is never NULL."
        if self.kind == "accepted_values":
            return f"{cols} is one of {', '.join(str(v) for v in self.argument)}."
        if self.kind == "relationship":
            table, to = self.argument
            return f"{cols} exists in `{table}` ({', '.join(to)})."
        if self.kind == "not_before":
            return f"`{self.columns[0]}` is not before `{self.columns[1]}`."
        if self.kind == "at_least":
            return f"{cols} ≥ {self.argument}."
        totals: Totals = self.argument
        per = f" per {', '.join(totals.by)}" if totals.by else ""
        return f"`{totals.measure}`{per} equals `{totals.source_measure}` of `{totals.source}`."


def unique(*columns: str) -> Check:
    return Check("unique", columns)


def not_null(*columns: str) -> tuple[Check, ...]:
    return tuple(Check("not_null", (c,)) for c in columns)


def accepted(column: str, values: tuple[str, ...]) -> Check:
    return Check("accepted_values", (column,), values)


def refers(columns: str | tuple[str, ...], table: str, to: str | tuple[str, ...] | None = None,
           doc: str = "") -> Check:
    columns = (columns,) if isinstance(columns, str) else columns
    to = columns if to is None else (to,) if isinstance(to, str) else to
    return Check("relationship", columns, (table, to), doc)


def not_before(later: str, earlier: str) -> Check:
    return Check("not_before", (later, earlier))


def at_least(minimum: int, *columns: str) -> tuple[Check, ...]:
    return tuple(Check("at_least", (c,), minimum) for c in columns)


def reconcile(columns: tuple[str, ...], totals: Totals, doc: str) -> Check:
    return Check("reconcile", columns, totals, doc)


OPD = ("ref_opd", "opd_code")


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[tuple[str, str, str], ...]  # (name, SQL type, meaning)
    key: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()  # besides the key's uniqueness
    private: bool = False  # personal data kept apart: no view, mart or analytics query reads it (PRIVATE)

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
    ), key=("opd_code",), checks=(
        accepted("kind", OPD_KINDS),
        refers("parent_code", *OPD, doc="`parent_code` is a registered OPD (or NULL)."),
    )),
    Table("ref_opd_alias", "Every name an OPD is known by: code, name, short name, former names.", (
        ("opd_code", "VARCHAR NOT NULL", "The OPD."),
        ("alias", "VARCHAR NOT NULL", "The name as written."),
        ("alias_key", "VARCHAR NOT NULL", "Lower-cased, punctuation-free form used for matching."),
    ), key=("alias_key",), checks=(refers("opd_code", *OPD),)),
    Table("ref_account", "Official social-media accounts (from data/registry/akun.csv).", (
        ("platform", "VARCHAR NOT NULL", "facebook, instagram, x, tiktok, youtube."),
        ("handle", "VARCHAR NOT NULL", "Username/handle without @, lower case."),
        ("opd_code", "VARCHAR NOT NULL", "Owning OPD."),
        ("platform_id", "VARCHAR", "Numeric page/account id where the platform exports one."),
        ("display_name", "VARCHAR", "Page/account name as the platform writes it."),
        ("active_since", "DATE", "Date the account was opened or became official."),
        ("url", "VARCHAR", "Profile URL."),
    ), key=("platform", "handle"), checks=(
        accepted("platform", PLATFORMS),
        refers("opd_code", *OPD, doc="Every account's OPD is in `ref_opd`."),
    )),
    Table("ref_account_key", "Lookup from what an export names (handle, page id, page name) to an account.", (
        ("platform", "VARCHAR NOT NULL", "Platform."),
        ("lookup", "VARCHAR NOT NULL", "Normalised handle, id or display name."),
        ("handle", "VARCHAR NOT NULL", "The account it resolves to."),
        ("opd_code", "VARCHAR NOT NULL", "The account's OPD."),
    ), key=("platform", "lookup"), checks=(refers(("platform", "handle"), "ref_account"),)),
    Table("ref_region", "Kecamatan and desa/kelurahan (from data/registry/wilayah.csv).", (
        ("region_code", "VARCHAR NOT NULL", "BPS-style code, e.g. 32.99.01."),
        ("name", "VARCHAR NOT NULL", "Name without the Kecamatan/Desa prefix."),
        ("kind", "VARCHAR NOT NULL", "kecamatan, desa or kelurahan."),
        ("parent_code", "VARCHAR", "Kecamatan code of a desa/kelurahan."),
    ), key=("region_code",), checks=(
        accepted("kind", REGION_KINDS),
        refers("parent_code", "ref_region", "region_code"),
    )),
    Table("ref_holiday", "National holidays and cuti bersama (from data/kalender/libur.csv).", (
        ("day", "DATE NOT NULL", "The date."),
        ("name", "VARCHAR NOT NULL", "Holiday name."),
        ("kind", "VARCHAR NOT NULL", "libur_nasional or cuti_bersama."),
        ("source", "VARCHAR", "Legal source (SKB number)."),
    ), key=("day", "kind"), checks=(accepted("kind", HOLIDAY_KINDS),)),
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
        ("caption", "VARCHAR", "Caption/text (Meta: Description, else Title); masked when shown."),
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
        ("text", "VARCHAR NOT NULL", "The text (personal data masked when shown)."),
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
        ("text", "VARCHAR", "Complaint text as written (masked when shown; the reporter's contact details are kept "
                            "in pii_complaint_reporter)."),
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
    Table("pii_complaint_reporter", "The reporter's contact details of each complaint (UU 27/2022 PDP), the one "
          "place they are kept: the export's reporter columns (SP4N-LAPOR! NamaPelapor/TeleponPelapor, the local "
          "app's reporter_name/reporter_phone, the template's nama_pelapor/telepon_pelapor) go here and nowhere "
          "else. One record per complaint, the latest given (reloading a file adds none). No view, mart or analytics "
          "query reads it; only `analytics.privacy.reveal_contact` reads one record, for a reveal that is logged.", (
        ("complaint_key", "VARCHAR NOT NULL", "Complaint (raw_complaint.complaint_key)."),
        ("name", "VARCHAR", "Reporter name as given (often Anonim)."),
        ("phone", "VARCHAR", "Phone as given (some channels mask it already)."),
        ("load_id", "INTEGER NOT NULL", "Load that brought it."),
    ), key=("complaint_key",), checks=(refers("complaint_key", "raw_complaint"),), private=True),
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
    ), key=("task", "target_key"), checks=(accepted("task", NLP_TASKS),)),
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
    ), key=("load_id",), checks=(accepted("outcome", LOAD_OUTCOMES),)),
    Table("etl_reject", "Rows refused, with the reason in Bahasa Indonesia.", (
        ("load_id", "INTEGER NOT NULL", "Load."),
        ("file_name", "VARCHAR NOT NULL", "File."),
        ("row_number", "INTEGER NOT NULL", "Row as a spreadsheet numbers it (header = its own row)."),
        ("column_name", "VARCHAR", "Header of the offending column."),
        ("value", "VARCHAR", "The offending value as the file wrote it (masked when shown). Reporter contact "
                             "columns are free text and never checked, so never stored here."),
        ("reason_code", "VARCHAR NOT NULL", "Stable code (e.g. akun_tidak_terdaftar)."),
        ("reason", "VARCHAR NOT NULL", "Reason in Bahasa Indonesia."),
        ("platform", "VARCHAR", "Platform, for unknown-account rejects."),
    ), checks=(refers("load_id", "etl_load"),)),
)

PRIVATE = tuple(t.name for t in TABLES if t.private)
# Column names that would hold a reporter's contact details: outside PRIVATE tables no table or view may have one
# (etl/checks.py checks it on every load, with no view reading a PRIVATE table).
CONTACT_COLUMNS = r"^(reporter_.*|.*pelapor.*|phone|telepon|telp|hp|no_hp|email|e_mail|nik|contact.*|kontak.*)$"


def _corrected(alias: str, label: str, confidence: str) -> str:
    """An admin's label replaces the model's, with confidence 1."""
    column = label.split(".")[-1]
    return (f"coalesce({alias}.label, {label}) AS {column}, "
            f"CASE WHEN {alias}.label IS NULL THEN {confidence} ELSE 1.0 END AS {confidence.split('.')[-1]}")


def _correction_join(alias: str, task: str, key: str) -> str:
    return f"LEFT JOIN nlp_correction {alias} ON {alias}.task = '{task}' AND {alias}.target_key = {key}"


class Model(NamedTuple):
    """A view (stg_*) or a mart materialised after every load (mart_*): its grain ``key`` is checked unique."""
    name: str
    doc: str
    sql: str
    key: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()


VIEWS: tuple[Model, ...] = (
    Model("stg_post", "One row per post: its latest snapshot (latest snapshot_at, then latest load); "
     "content_type corrected by nlp_correction (content_corrected).", f"""
        SELECT p.* EXCLUDE (rn) REPLACE ({_corrected('k', 'p.content_type', 'p.content_confidence')}),
          k.label IS NOT NULL AS content_corrected
        FROM (SELECT *, row_number() OVER (PARTITION BY platform, post_id
                                           ORDER BY snapshot_at DESC, load_id DESC) AS rn
              FROM raw_post_snapshot) p
        {_correction_join('k', 'content', "p.platform || ':' || p.post_id")}
        WHERE p.rn = 1""", ("platform", "post_id"), (
        reconcile(("post_id",), Totals("count(*)", "raw_post_snapshot", "count(DISTINCT post_id)", ("platform",)),
                  "As many posts per platform as distinct post ids in `raw_post_snapshot`."),
    )),
    Model("stg_comment", "One row per comment/mention; sentiment corrected by nlp_correction "
          "(sentiment_corrected).", f"""
        SELECT c.* REPLACE ({_corrected('k', 'c.sentiment', 'c.sentiment_confidence')}),
          k.label IS NOT NULL AS sentiment_corrected
        FROM raw_comment c {_correction_join('k', 'sentiment', 'c.comment_key')}""", ("comment_key",), (
        accepted("platform", PLATFORMS), accepted("kind", COMMENT_KINDS), accepted("sentiment", SENTIMENTS),
        refers("opd_code", *OPD),
        reconcile(("comment_key",), Totals("count(*)", "raw_comment", "count(*)", ("platform",)),
                  "As many comments per platform as `raw_comment` (corrections add no rows)."),
    )),
    Model("stg_complaint", "One row per complaint: its latest snapshot; resolved_at falls back to "
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
        WHERE c.rn = 1""", ("complaint_key",), (
        reconcile(("complaint_key",),
                  Totals("count(*)", "raw_complaint", "count(DISTINCT complaint_key)", ("channel",)),
                  "As many complaints per channel as distinct complaint keys in `raw_complaint`."),
    )),
)

# Materialised after every load (they are small and make pages fast).
MARTS: tuple[Model, ...] = (
    Model("mart_workday", "Calendar: every day from 1 January of the oldest data's year (2024 at the latest) to "
          "two years after the newest data, whether it is a working day (not a weekend, national holiday or cuti "
          "bersama) and workday_no, the running count of working days up to and including it (working days "
          "between two dates = difference).", """
        WITH days AS (
          SELECT CAST(d AS DATE) AS day FROM range(
            least(DATE '2024-01-01',
                  coalesce((SELECT CAST(date_trunc('year', CAST(min(received_at) AS DATE) - 1) AS DATE)
                            FROM raw_complaint), DATE '2024-01-01'),
                  coalesce((SELECT CAST(date_trunc('year', CAST(min(published_at) AS DATE) - 1) AS DATE)
                            FROM raw_post_snapshot), DATE '2024-01-01')),
            greatest(DATE '2027-12-31',
                     coalesce((SELECT CAST(max(received_at) AS DATE) FROM raw_complaint), DATE '2024-01-01'),
                     coalesce((SELECT CAST(max(published_at) AS DATE) FROM raw_post_snapshot), DATE '2024-01-01'))
              + INTERVAL 730 DAY,
            INTERVAL 1 DAY) t(d)),
        flagged AS (
          SELECT day, isodow(day) < 6 AND day NOT IN (SELECT day FROM ref_holiday) AS is_workday FROM days)
        SELECT day, is_workday, CAST(sum(is_workday::INT) OVER (ORDER BY day) AS INTEGER) AS workday_no
        FROM flagged ORDER BY day""", ("day",), not_null("is_workday", "workday_no")),
    Model("mart_post", "stg_post materialised, with the local day and week (Monday) of publication.", """
        SELECT *, CAST(timezone($tz, published_at) AS DATE) AS day,
               CAST(date_trunc('week', timezone($tz, published_at)) AS DATE) AS week
        FROM stg_post""", ("platform", "post_id"), (
        *not_null("opd_code", "handle", "published_at", "day", "week"),
        accepted("platform", PLATFORMS), accepted("content_type", CONTENT_TYPES),
        refers("opd_code", *OPD),
        *at_least(0, "views", "reactions", "comments", "shares"),
        reconcile(("post_id",), Totals("count(*)", "stg_post", "count(*)", ("platform",)),
                  "As many rows per platform as `stg_post`: every post, once."),
    )),
    Model("mart_complaint", "stg_complaint materialised, with local days and working-day numbers "
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
        LEFT JOIN mart_workday s ON s.day = c.resolved_day""", ("complaint_key",), (
        *not_null("channel", "status", "received_at", "received_wd"),
        accepted("channel", CHANNELS), accepted("status", STATUSES), accepted("complexity", COMPLEXITIES),
        accepted("topic", TOPICS), accepted("sentiment", SENTIMENTS),
        refers("opd_code", *OPD, doc="`opd_code` is a registered OPD, or NULL (not yet assigned)."),
        not_before("first_response_at", "received_at"), not_before("resolved_at", "received_at"),
        *at_least(0, "response_days", "resolution_days"),
        reconcile(("complaint_key",), Totals("count(*)", "stg_complaint", "count(*)", ("channel",)),
                  "As many rows per channel as `stg_complaint`: no complaint lost for want of a calendar day."),
    )),
    Model("mart_opd_day_posts", "Posts and engagement per OPD, platform, local day and content type.", """
        SELECT opd_code, platform, day, week, content_type, count(*) AS posts,
               sum(views) AS views, sum(reach) AS reach, sum(reactions) AS reactions,
               sum(comments) AS comments, sum(shares) AS shares
        FROM mart_post GROUP BY ALL""", ("opd_code", "platform", "day", "content_type"), (
        *not_null("opd_code", "platform", "day", "week", "posts"),
        accepted("platform", PLATFORMS), accepted("content_type", CONTENT_TYPES),
        refers("opd_code", *OPD),
        reconcile(("posts", "views", "reactions", "comments", "shares"),
                  Totals("[sum(posts), sum(views), sum(reactions), sum(comments), sum(shares)]", "mart_post",
                         "[count(*), sum(views), sum(reactions), sum(comments), sum(shares)]",
                         ("opd_code", "platform", "day", "content_type")),
                  "Per OPD, platform, day and content type, `posts` is the number of rows of `mart_post` and "
                  "views, reactions, comments and shares are their sums."),
    )),
    Model("mart_comment_day", "Comments and mentions per OPD, platform, kind, local day and sentiment.", """
        SELECT opd_code, platform, kind, CAST(timezone($tz, created_at) AS DATE) AS day, sentiment,
               count(*) AS n
        FROM stg_comment GROUP BY ALL""", ("opd_code", "platform", "kind", "day", "sentiment"), (
        *not_null("opd_code", "platform", "kind", "day", "n"),
        accepted("platform", PLATFORMS), accepted("kind", COMMENT_KINDS), accepted("sentiment", SENTIMENTS),
        refers("opd_code", *OPD),
        reconcile(("n",), Totals("sum(n)", "stg_comment", "count(*)", ("opd_code", "platform", "kind", "sentiment")),
                  "Per OPD, platform, kind and sentiment, the sum of `n` is the number of rows of `stg_comment`."),
    )),
)


def create_views_sql() -> list[str]:
    return [f"CREATE OR REPLACE VIEW {v.name} AS {v.sql}" for v in VIEWS]


def model_checks(model: Table | Model) -> tuple[Check, ...]:
    """The checks of one table, view or mart: its key's uniqueness first, then those declared beside it."""
    keyed = (unique(*model.key),) if model.key else ()
    return tuple(replace(c, model=model.name) for c in keyed + model.checks)


def checks() -> tuple[Check, ...]:
    """Every data check, in the order the models are built (run by etl/checks.py before every swap)."""
    return tuple(c for m in TABLES + VIEWS + MARTS for c in model_checks(m))


def _checks_md(model: Table | Model) -> list[str]:
    found = model_checks(model)
    return ["Checks:", "", *(f"- {c.kind}: {c.describe()}" for c in found), ""] if found else []


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
        out += _checks_md(t)
        if t.private:
            out += ["Private: checked with the data on every load — no view reads it, and no other table or view "
                    "has a contact column (a name matching `" + CONTACT_COLUMNS + "`).", ""]
    out += ["## Views and marts", ""]
    for m in VIEWS + MARTS:
        key = f" Grain: `{', '.join(m.key)}`." if m.key else ""
        out += [f"### `{m.name}`", "", m.doc + key, ""]
        out += _checks_md(m)
    return "\n".join(out)
