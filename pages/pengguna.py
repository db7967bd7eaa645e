"""Pengguna (Diskominfo admins): accounts and their roles, the audit log, and the one deliberate way to see a
complaint reporter's contact details — itself audited."""

import pandas as pd
import streamlit as st

from analytics.privacy import reveal_contact
from auth import ROLES, AuthError
from ui import access, session
from ui.db import cursor
from ui.i18n import language, t
from ui.page import opd_names, start, viewer
from ui.widgets import show

view = start("Pengguna", deck=False)
me = viewer().username
accounts = session.store()
role_name = {r: t(access.ROLE_NAMES[r]) for r in ROLES}
people, log, reveal = st.tabs([t("Akun"), t("Log audit"), t("Buka data pribadi")])


def done(action, *args, message: str) -> None:
    """Run a store change (by me, in my language); say what happened (or why not) after the rerun."""
    try:
        action(*args, lang=language())
    except AuthError as err:
        st.session_state["pengguna_pesan"] = ("error", str(err))
    else:
        st.session_state["pengguna_pesan"] = ("success", message)


with people:
    if said := st.session_state.pop("pengguna_pesan", None):
        (st.error if said[0] == "error" else st.success)(said[1])
    users = pd.DataFrame([{"username": u.username, "role": role_name.get(u.role, u.role), "opd": u.opd,
                           "active": u.active, "locked_until": u.locked_until, "created_at": u.created_at}
                          for u in accounts.users()])
    show(users, {"username": t("Nama pengguna"), "role": t("Peran"), "opd": "OPD", "active": t("Aktif"),
                 "locked_until": t("Terkunci sampai"), "created_at": t("Dibuat pada")}, key="pg_users", export=False)
    with st.form("akun_baru", clear_on_submit=True):
        st.markdown(f"**{t('Tambah akun')}**")
        a, b, c = st.columns(3)
        name = a.text_input(t("Nama pengguna"), key="baru_nama")
        role = b.selectbox(t("Peran"), ROLES, format_func=role_name.get, key="baru_peran")
        opd = c.selectbox(t("OPD (hanya untuk peran Kepala OPD)"), ["", *opd_names(view)], key="baru_opd",
                          format_func=lambda code: opd_names(view).get(code, "—"))
        first, second = st.columns(2)
        password = first.text_input(t("Kata sandi (≥ 10 karakter)"), type="password", key="baru_sandi")
        again = second.text_input(t("Ulangi kata sandi"), type="password", key="baru_sandi2")
        if st.form_submit_button(t("Tambah")):
            if password != again:
                st.session_state["pengguna_pesan"] = ("error", t("Kedua kata sandi tidak sama."))
            else:
                done(accounts.add_user, name.strip().lower(), role, password, opd or None, me,
                     message=t("Akun {} dibuat.", name.strip().lower()))
            st.rerun()
    names = [u.username for u in accounts.users()]
    who = st.selectbox(t("Ubah akun"), names, index=None, placeholder=t("Pilih akun"), key="ubah_akun")
    if who:
        user = accounts.get(who)
        a, b, c = st.columns(3)
        if a.button(t("Nonaktifkan") if user.active else t("Aktifkan"), key="ubah_aktif", width="stretch"):
            done(accounts.set_active, who, not user.active, me, message=t("Akun {} diubah.", who))
            st.rerun()
        if b.button(t("Keluarkan dari semua perangkat"), key="ubah_keluar", width="stretch"):
            done(accounts.logout_everywhere, who, me, message=t("Semua sesi {} diakhiri.", who))
            st.rerun()
        sure = c.checkbox(t("Ya, hapus {}", who), key="ubah_yakin")
        if c.button(t("Hapus akun"), key="ubah_hapus", disabled=not sure or who == me, width="stretch"):
            done(accounts.remove, who, me, message=t("Akun {} dihapus.", who))
            st.rerun()
        with st.form("sandi_baru", clear_on_submit=True):
            new = st.text_input(t("Kata sandi baru untuk {}", who), type="password", key="ubah_sandi")
            if st.form_submit_button(t("Atur ulang kata sandi")):
                done(accounts.reset_password, who, new, me, message=t("Kata sandi {} diganti.", who))
                st.rerun()

with log:
    entries = accounts.audit_frame(limit=5000, lang=language())
    st.caption(t("Log audit hanya bisa ditambah, tidak bisa diubah atau dihapus. Ditampilkan 5.000 catatan "
                 "terbaru; unduhan berisi yang ditampilkan."))
    show(entries, dict(zip(entries.columns, entries.columns, strict=True)), key="pg_audit", height=420)

with reveal:
    st.warning(t("Kontak pelapor adalah data pribadi (UU 27/2022). Buka hanya bila perlu untuk menindaklanjuti "
                 "pengaduan; setiap pembukaan dicatat di log audit dengan alasannya."))
    with st.form("buka_kontak"):
        ticket = st.text_input(t("Nomor tiket pengaduan"), key="buka_tiket")
        why = st.text_input(t("Alasan"), key="buka_alasan")
        opened = st.form_submit_button(t("Buka kontak"))
    if opened:
        if not ticket.strip() or len(why.strip()) < 10:
            st.error(t("Isi nomor tiket dan alasan (≥ 10 karakter)."))
        else:
            try:
                contact = reveal_contact(cursor(), ticket.strip(), lang=language())
            except LookupError as err:  # the same ticket in several channels: the key says which
                st.error(str(err))
                st.stop()
            accounts.audit(me, "reveal", ticket.strip(), why.strip() + ("" if contact else " (tidak ditemukan)"))
            if contact:
                st.json(contact)
            else:
                st.info(t("Tidak ada kontak tersimpan untuk tiket {}.", ticket.strip()))
