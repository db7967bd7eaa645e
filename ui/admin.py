"""Streamlit pieces of the Data page: upload with progress, load report, tables, registry and norms editors.

Texts follow the viewer's language (ui.i18n); messages from the ETL (file, row, column, reason) stay as written.
Every text that comes from a file — names, header cells, values, the ETL's messages quoting them, account names — is
shown as text: in tables and code blocks as values, in markdown (st.markdown, st.error, st.warning, expander and
progress labels) through ``plain``, so no file can put a link, an image, a heading or HTML on the page.
Paths are resolved at call time so tests (and a second region) can point them elsewhere:
SOROT_REGISTRY, SOROT_HOLIDAYS, SOROT_NORMS (admin.paths), SOROT_DB (warehouse_file.default_db).
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from admin import loading, norms_edit, registry_edit, relabel
from admin.paths import holidays_file, norms_file, registry_dir
from admin.registry_edit import RegistryError
from analytics.loads import OPD_PLACEHOLDER, STALE_DAYS
from analytics.norms import NormsError
from reports.tables import safe
from ui import session
from ui.format import EMPTY, day, moment, number, styled
from ui.i18n import language, t
from ui.page import viewer
from ui.widgets import show
from warehouse_file import default_db

if TYPE_CHECKING:
    from admin.loading import FileResult, Planned

OUTCOMES = {"berhasil": "berhasil", "sebagian": "sebagian", "ditolak": "ditolak", "dilewati": "dilewati"}
ICONS = {"berhasil": "✅", "sebagian": "⚠️", "ditolak": "⛔", "dilewati": "⏭️"}
DATASETS = {"posts": "postingan", "comments": "komentar", "complaints": "pengaduan",
            "video_daily": "tayangan video harian"}
FILE_LABELS = {"file": "berkas", "outcome": "hasil", "layout": "tata letak", "snapshot": "tanggal ekspor",
               "rows_read": "dibaca", "rows_loaded": "dimuat", "rows_rejected": "ditolak", "rows_new": "baru",
               "rows_duplicate": "sudah ada", "load_id": "no. muat", "message": "keterangan"}
LANGUAGES = {"en": "Inggris", "id": "Indonesia"}
REJECT_LABELS = {"load_id": "no. muat", "file_name": "berkas", "row_number": "baris", "column_name": "kolom",
                 "value": "nilai", "reason": "alasan", "reason_code": "kode alasan"}
HISTORY_LABELS = {"load_id": "no. muat", "file_name": "berkas", "format": "format", "dataset": "jenis data",
                  "rows_read": "dibaca", "rows_loaded": "dimuat", "rows_rejected": "ditolak", "rows_new": "baru",
                  "outcome": "hasil", "message": "keterangan", "started_at": "mulai", "seconds": "detik",
                  "layout": "tata letak", "snapshot_at": "tanggal ekspor", "snapshot_source": "asal tanggal ekspor",
                  "notes": "catatan"}
UNKNOWN_LABELS = {"platform": "platform", "account": "akun", "column": "kolom", "rows": "baris ditolak",
                  "files": "berkas", "line": "baris untuk akun.csv"}
SOURCE_LABELS = {"source": "sumber", "name": "platform/kanal", "latest": "data terakhir",
                 "days_behind": "hari tertinggal", "stale": "basi"}


def labels(names: dict[str, str]) -> dict[str, str]:
    """One of the dictionaries above in the viewer's language (column → header, code → name)."""
    return {k: t(v) for k, v in names.items()}


def outcome(code: str, icon: bool = True) -> str:
    """A load outcome (berhasil, sebagian, ...) as shown, with its icon; an unknown code as it is."""
    name = t(OUTCOMES[code]) if code in OUTCOMES else code
    return f"{ICONS[code]} {name}" if icon and code in ICONS else name


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Excel (a BOM: read as UTF-8), no text read as a formula (a leading ' as in every table export)."""
    texts = frame.select_dtypes(include=["object", "string"]).columns
    frame = frame.assign(**{c: frame[c].map(lambda v: safe(v) if isinstance(v, str) else v) for c in texts})
    return frame.to_csv(index=False).encode("utf-8-sig")


# Markdown a text from a file could start. What the parser reads is escaped with a backslash (CommonMark lets any
# ASCII punctuation be escaped; Streamlit shows the character itself). What Streamlit rewrites in the text after
# parsing — bare links (www., http://, e-mail), emoji shortcodes (:smile:), icons (:material/…:, replaced in the
# source even before) — no escape stops: there an invisible WORD JOINER goes after the ":", "@" or "www".
JOINER = "\u2060"
_ALWAYS = r"[\\`*\[\]<>#|~$&]"  # emphasis, code, links/images, HTML/autolinks, headings, tables, strike, math
_WORD_EDGE_UNDERSCORE = r"(?<![^\W_])_|_(?![^\W_])"  # _emphasis_ (an underscore inside a word is none)
_NAME_COLON = r":(?=[a-z/+_-]|\d+[a-z_]|(?:100|1234):)"  # :red[…], :material/…:, :smile:, :8ball:, :100:, http://
_AT = r"@"  # an e-mail address becomes a link
_WWW = r"(?<![^\W_])www(?=\.)"  # so does www.example.org
_MARKUP = re.compile("|".join((_ALWAYS, _WORD_EDGE_UNDERSCORE, _NAME_COLON, _AT, _WWW)), re.IGNORECASE)
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))([.)]?)")  # - + lists, === headings, 1. 1) lists


def _neutral(m: re.Match) -> str:
    found = m.group()
    if found.lower() == "www":
        return found + JOINER
    return "\\" + found + (JOINER if found in ":@" else "")


def plain(text: object, label: bool = False) -> str:
    """Markdown that Streamlit shows as ``text``, character for character (an invisible word joiner aside): every
    character that could start markup escaped, every pattern Streamlit would turn into a link, emoji or icon broken.
    Line breaks stay (hard breaks), or become spaces in a ``label`` (expander, progress: one line)."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for line in lines:
        line = _MARKUP.sub(_neutral, line)
        out.append(_LINE_START.sub(lambda m: m.group(1) + (
            "\\" + m.group(2) if not m.group(3) else m.group(2) + "\\" + m.group(3)), line))
    return (" " if label else "  \n").join(out)


# --- upload --------------------------------------------------------------------------------------------------

def upload() -> None:
    """File picker, optional account, the load with a progress bar, then the report of the last load."""
    files = st.file_uploader(t("Berkas ekspor (boleh beberapa sekaligus)"), type=list(loading.UPLOAD_TYPES),
                             accept_multiple_files=True, key="adm_files", max_upload_size=loading.max_upload_mb(),
                             help=t("Nama berkas memuat tanggal ekspor (dan @kanal untuk YouTube), "
                                    "mis. youtube@dinkessukamaju_2026-11-22.csv. Arsip .zip dari platform boleh "
                                    "diunggah apa adanya: tiap berkas di dalamnya dimuat dan dilaporkan sendiri."))
    account = st.text_input(t("Akun (opsional)"), key="adm_account", placeholder=t("@kanal"),
                            help=t("Untuk ekspor yang tidak menyebut akunnya (YouTube Studio) dan namanya tanpa "
                                   "@kanal."))
    if st.button(t("Muat ke gudang data"), type="primary", disabled=not files, key="adm_load"):
        st.session_state["adm_report"] = _load(files, account.strip().lstrip("@"))
        st.cache_data.clear()  # every page shows the new data (pages also key on ui.db.warehouse_version)
        st.rerun()
    report = st.session_state.get("adm_report")
    if report is not None:
        show_report(report)


def older_labels() -> None:
    """A warning while some rows carry labels of older classifiers (after a retraining), with a button that
    relabels them (admin.relabel)."""
    n = relabel.older(default_db())
    if not n:
        return
    st.warning(t("{} baris berlabel dari model klasifikasi versi lama: angka sentimen, jenis konten dan topik "
                 "mencampur dua model sampai semuanya diklasifikasi ulang.", number(n)))
    if st.button(t("Klasifikasi ulang dengan model terbaru"), key="adm_relabel"):
        with st.spinner(t("Mengklasifikasi ulang…")):
            changed, error = relabel.relabel(default_db())
        audit("relabel", "gudang data", error[:300] if error else f"{changed} baris")
        if error:
            st.error(t("Klasifikasi ulang dibatalkan, gudang data tetap seperti semula: {}", plain(error)))
            return
        st.cache_data.clear()  # every page shows the new labels
        st.rerun()


def _load(files: list, account: str) -> loading.LoadReport:
    bar = st.progress(0.0, text=t("Menyiapkan {} berkas…", number(len(files))))

    def starting(first: int, total: int, batch: list[Planned]) -> None:
        names = ", ".join(plain(p.result.name, label=True) for p in batch[:3]) + ("…" if len(batch) > 3 else "")
        bar.progress((first - 1) / total, text=t("Membaca berkas {first}–{last} dari {total}: {names}", first=first,
                                                 last=first + len(batch) - 1, total=total, names=names))

    def progress(done: int, total: int, result: FileResult) -> None:
        bar.progress(done / total, text=f"{done}/{total} {plain(result.name, label=True)}: {outcome(result.outcome)}")

    with tempfile.TemporaryDirectory(prefix="sorot-unggah-") as tmp:
        paths = loading.save_uploads([(f.name, f.getvalue()) for f in files], Path(tmp))
        report = loading.load_files(paths, default_db(), registry_dir(), holidays_file(),
                                    account or None, progress=progress, starting=starting, lang=language())
    audit("upload", ", ".join(f.name for f in files), _outcomes(report))
    bar.progress(1.0, text=t("Selesai."))
    return report


def audit(action: str, target: str, detail: str) -> None:
    """The admin's change in the audit log (uploads and loads, registry and norms saves)."""
    who = viewer()
    session.store().audit(who.username if who else "?", action, target[:500], detail)


def _outcomes(report: loading.LoadReport) -> str:
    if report.error:
        return report.error[:300]
    return ", ".join(f"{k}: {n}" for k, n in report.files["outcome"].value_counts().items())


def show_report(report: loading.LoadReport) -> None:
    """Outcome per file (an archive's members as ``archive.zip › member``) with its counts in one table, then per
    file what was recognised, where its export date came from, the assumptions made and what to do about each
    group of rejected rows; then every rejected row (downloadable)."""
    st.subheader(t("Laporan pemuatan terakhir"))
    if report.error:
        st.error(report.error)
        return
    counts = report.files["outcome"].value_counts()
    st.markdown(t("{} berkas: {}", number(len(report.files)), ", ".join(
        f"{number(counts.get(k, 0))} {outcome(k, icon=False)}" for k in OUTCOMES)))
    for row in report.files.itertuples():
        if row.outcome == "ditolak":
            st.error(plain(row.message))  # the ETL's message, already naming the file
    files = report.files.assign(outcome=report.files["outcome"].map(outcome),
                                snapshot=[day(d) if _has(d) else EMPTY for d in report.files["snapshot"]])
    show(files, labels(FILE_LABELS), key="adm_report_files")
    for row in report.files.itertuples():
        if _has(row.layout) or row.notes or row.groups:
            with st.expander(f"{plain(row.file, label=True)} — {outcome(row.outcome)}"):
                file_details(row)
    rejects_table(report.rejects, "adm_report_rejects", t("baris_ditolak_pemuatan_terakhir.csv"))


def _has(value: object) -> bool:
    """A value given (not None, NaN or empty): pandas stores a missing text as NaN."""
    return value is not None and value == value and value != ""


def file_details(row) -> None:
    """One file of the load report (a row of admin.loading.FILE_COLUMNS): layout, rows, export date, notes,
    reject groups with what to do. Labels in the viewer's language; the ETL's words as it wrote them."""
    lines = []
    if _has(row.layout):
        lines.append(t("**Dikenali sebagai:** {layout} · judul kolom berbahasa {language} · jenis ekspor: {kind}",
                       layout=plain(row.layout), language=t(LANGUAGES[row.language])
                       if row.language in LANGUAGES else "–", kind=plain(row.kind if _has(row.kind) else "–")))
    if row.outcome in ("berhasil", "sebagian"):
        lines.append(t("**Baris:** {read} dibaca · {loaded} dimuat ({new} baru, {duplicate} sudah ada di gudang "
                       "data) · {rejected} ditolak", read=number(row.rows_read), loaded=number(row.rows_loaded),
                       new=number(row.rows_new), duplicate=number(row.rows_duplicate),
                       rejected=number(row.rows_rejected)))
    if _has(row.snapshot):
        lines.append(t("**Tanggal ekspor:** {day} — diambil dari {source}", day=day(row.snapshot),
                       source=plain(row.snapshot_source if _has(row.snapshot_source) else "–")))
    if _has(row.message) and row.outcome != "ditolak":  # a refusal is already shown above
        lines.append(t("**Keterangan:** {}", plain(row.message)))
    st.markdown("  \n".join(lines))
    if row.notes:
        st.markdown(t("**Catatan — asumsi saat membaca berkas ini:**") + "\n"
                    + "\n".join(f"- {plain(n)}" for n in row.notes))
    if row.groups:
        st.markdown(t("**Baris ditolak per alasan:**") + "\n" + "\n".join(
            t("- **{rows} baris** — {reason}  \n  *Yang perlu dilakukan:* {advice}", rows=number(g["rows"]),
              reason=plain(g["reason"]), advice=plain(g["advice"])) for g in row.groups))


def rejects_table(frame: pd.DataFrame, key: str, file_name: str) -> None:
    """Rejected rows as stored (the ETL's reasons), with a CSV download named ``file_name``."""
    if frame.empty:
        st.caption(t("Tidak ada baris yang ditolak."))
        return
    st.markdown(t("**Baris ditolak: {}** (baris dihitung seperti di spreadsheet, judul = baris 1)",
                  number(len(frame))))
    frame = frame[["file_name", "row_number", "column_name", "value", "reason", "reason_code", "load_id"]]
    headers = labels(REJECT_LABELS)
    st.dataframe(styled(frame.drop(columns="reason_code").rename(columns=headers)), hide_index=True, key=key,
                 placeholder=EMPTY)
    st.download_button(t("Unduh baris ditolak (CSV)"), csv_bytes(frame.rename(columns=headers)), file_name,
                       "text/csv", key=f"{key}_csv", on_click="ignore")


# --- history, unknown accounts, freshness ---------------------------------------------------------------------

def history(loads: pd.DataFrame) -> int | None:
    """The load log; returns the load the admin picked to see its rejects (None if no load has any)."""
    shown = loads.assign(started_at=loads["started_at"].map(moment),
                         dataset=loads["dataset"].map(labels(DATASETS)).fillna(loads["dataset"]),
                         outcome=loads["outcome"].map(outcome),
                         snapshot_at=[day(d) if _has(d) else EMPTY for d in loads["snapshot_at"]])
    show(shown, labels(HISTORY_LABELS), key="adm_history")
    with_rejects = loads[loads["rows_rejected"] > 0]
    if with_rejects.empty:
        st.caption(t("Tidak ada pemuatan dengan baris ditolak."))
        return None
    names = {int(r.load_id): t("#{} {} ({} ditolak)", r.load_id, r.file_name, number(r.rows_rejected))
             for r in with_rejects.itertuples()}
    return st.selectbox(t("Baris ditolak dari pemuatan"), list(names), format_func=names.get, key="adm_pick_load")


def unknown(accounts: pd.DataFrame) -> None:
    if accounts.empty:
        st.success(t("Semua akun dalam data sudah terdaftar."))
        return
    st.markdown(t("Baris dari akun ini ditolak. Tambahkan barisnya ke `data/registry/akun.csv` (tab **{tab}**), "
                  "ganti `{placeholder}` dengan kode OPD pemiliknya bila belum terisi, lalu muat ulang berkasnya: "
                  "registri yang berubah membuat berkas dibaca ulang, baris yang sudah dimuat tidak digandakan.",
                  tab=t("Registri & norma"), placeholder=OPD_PLACEHOLDER))
    show(accounts, labels(UNKNOWN_LABELS), key="adm_unknown")
    st.code("\n".join(accounts["line"]), language=None)


def fresh(sources: pd.DataFrame, today) -> None:
    """Warnings for stale sources and the latest day per source (``sources`` from analytics.loads.freshness)."""
    stale = sources[sources["stale"]]
    for r in stale.itertuples():
        behind = t("belum ada data") if r.latest is None else t(
            "data terakhir {}, {} hari sebelum {}", day(r.latest), number(r.days_behind), day(today))
        st.warning(t("Sumber basi — {source} {name}: {behind}. Unggah ekspor terbarunya.", source=plain(r.source),
                     name=plain(r.name), behind=behind))
    if stale.empty and not sources.empty:
        st.success(t("Semua sumber diperbarui dalam {} hari terakhir (sampai {}).", STALE_DAYS, day(today)))
    show(sources, labels(SOURCE_LABELS), key="adm_fresh")  # latest day "4 Des 2026" or —; stale as a tick box
    st.caption(t("Basi = lebih dari {} hari di belakang hari ini, atau platform berakun terdaftar tanpa data. "
                 "Sumber: mart_post, mart_complaint, mart_comment_day.", STALE_DAYS))


# --- registry and norms --------------------------------------------------------------------------------------

def _flash(key: str) -> None:
    """Show (once) the message a save left before its rerun."""
    message = st.session_state.pop(f"{key}_ok", None)
    if message:
        st.success(message)


def table_editor(target: Path, label: str) -> None:
    """st.data_editor of a registry CSV (``label`` as shown); saved only when the whole registry still reads.
    Its columns are the file's own (Indonesian) headers, which the ETL's messages name."""
    key = f"adm_edit_{target.stem}"
    round_ = st.session_state.get(f"{key}_round", 0)
    with st.expander(f"{label} — {plain(target.name, label=True)}"):
        _flash(key)
        if not target.exists():
            st.warning(t("{} tidak ada.", plain(target)))
            return
        with st.form(f"{key}_form", border=False):
            edited = st.data_editor(registry_edit.read_table(target), num_rows="dynamic", hide_index=True,
                                    key=f"{key}_{round_}")
            saved = st.form_submit_button(t("Simpan {}", plain(target.name, label=True)), key=f"{key}_save")
        if saved:
            try:
                registry_edit.save_table(registry_dir(), holidays_file(), target, edited)
            except RegistryError as err:
                st.error(t("Tidak disimpan: {}", plain(err)))
                return
            audit("registry", target.name, t("{n} baris", n=len(edited)))
            st.session_state[f"{key}_round"] = round_ + 1  # a fresh editor over the written file
            st.session_state[f"{key}_ok"] = t("{} tersimpan; berlaku pada pemuatan berikutnya.", plain(target.name))
            st.rerun()


def registry() -> None:
    st.info(t("Perubahan registri dan kalender libur berlaku pada **pemuatan berikutnya** (registri yang berubah "
              "membuat berkas yang sama dibaca ulang). Perubahan norma berlaku **segera** di semua halaman."))
    reg = registry_dir()
    table_editor(reg / "opd.csv", t("OPD"))
    table_editor(reg / "akun.csv", t("Akun media sosial"))
    table_editor(reg / "wilayah.csv", t("Kecamatan dan desa"))
    table_editor(holidays_file(), t("Kalender libur nasional dan cuti bersama"))
    norms_editor(norms_file())


def norms_editor(path: Path) -> None:
    st.subheader(t("Norma, ambang dan bobot"))
    _flash("adm_norms")
    with st.form("adm_norms_form", border=False):
        text = st.text_area(plain(path.name, label=True), path.read_text(encoding="utf-8") if path.exists() else "",
                            height=420, key="adm_norms")
        saved = st.form_submit_button(t("Simpan norma"), key="adm_norms_save")
    if saved:
        try:
            norms_edit.save_norms(path, text)
        except NormsError as err:
            st.error(t("Norma tidak disimpan: {}", plain(err)))
            return
        audit("norms", path.name, hashlib.sha256(text.encode("utf-8")).hexdigest()[:12])
        st.cache_data.clear()
        st.session_state["adm_norms_ok"] = t("{} tersimpan; berlaku segera.", plain(path.name))
        st.rerun()
