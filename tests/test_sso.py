"""Single sign-on as an option (auth/sso.py, ui/session.py, docs/sso.md): the provider's claims mapped to a role and
OPD (or refused, never a default role), the configuration's checks, the app's own expiry on top of st.login's
30-day cookie, logging out — in AppTest, and end to end in Chromium against a local mock OIDC provider
(``oidc-provider-mock``)."""

from __future__ import annotations

import ast
import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics import i18n
from auth import AuthStore, sso
from tests.apptest import PASSWORD, ROOT, TODAY, USERS
from tests.test_browser import CHROMIUM, LAUNCH_ARGS, _free_port

pytestmark = pytest.mark.xdist_group("sample")

SECRET = "k" * 43
MAPPING = {"sorot-pimpinan": "pimpinan", "sorot-sekda": "sekda", "sorot-admin": "admin", "sorot-kepala-opd": "opd"}


def secrets(metadata: str = "http://127.0.0.1:9400/.well-known/openid-configuration",
            redirect: str = "http://127.0.0.1:8501/oauth2callback", **ours) -> dict:
    """A valid SSO configuration (as st.secrets.to_dict() gives it), with ``ours`` changing [sorot_sso]."""
    section = {"provider": "keycloak", "label": "Keycloak Jabar", "role_claim": "groups", "opd_claim": "opd",
               "opd_group": "sorot-opd-{opd}", "roles": dict(MAPPING)}
    section.update(ours)
    return {"auth": {"redirect_uri": redirect, "cookie_secret": SECRET,
                     "keycloak": {"client_id": "sorot", "client_secret": "rahasia-klien-uji",
                                  "server_metadata_url": metadata}},
            "sorot_sso": {k: v for k, v in section.items() if v is not None}}


def config(**ours) -> sso.SsoConfig:
    return sso.config_from(secrets(**ours))


def claims(sub: str = "f3a1-77", **more) -> dict:
    return {"sub": sub, "preferred_username": "Budi", "email": "budi@jabarprov.go.id", "name": "Budi Santoso",
            "iat": int(time.time()), "nonce": "n-" + sub, **more}


def valid_opd(code: str) -> bool:
    return code in {"DINKES", "DLH"}


# -- claims → role and OPD ----------------------------------------------------------------------------------------


def test_groups_map_to_a_role_and_the_user_name_and_display_name():
    found = sso.identify(claims(groups=["offline_access", "sorot-sekda"]), config(), valid_opd)
    assert found == sso.Identity("keycloak|f3a1-77", "sso:budi", "Budi Santoso", "sekda", None)
    found = sso.identify(claims(preferred_username=None, groups="sorot-admin"), config(), valid_opd)  # one string
    assert (found.username, found.role) == ("sso:budi@jabarprov.go.id", "admin")
    found = sso.identify(claims(preferred_username="budi santoso", groups=["sorot-pimpinan"]), config(), valid_opd)
    assert found.username == "sso:budi@jabarprov.go.id"  # a name with a space is skipped for the next claim


def test_nested_and_dotted_claims():
    keycloak = claims(realm_access={"roles": ["default-roles-jabar", "sorot-pimpinan"]},
                      resource_access={"sorot": {"roles": ["sorot-admin"]}, "account": {"roles": ["view"]}})
    assert sso.identify(keycloak, config(role_claim="realm_access.roles"), valid_opd).role == "pimpinan"
    assert sso.identify(keycloak, config(role_claim="resource_access.sorot.roles"), valid_opd).role == "admin"
    namespaced = claims(**{"https://jabarprov.go.id/roles": ["sorot-sekda"]})
    assert sso.identify(namespaced, config(role_claim="https://jabarprov.go.id/roles"), valid_opd).role == "sekda"
    assert sso.claim({"a": {"b": {"c": 1}}}, "a.b.c") == 1 and sso.claim({"a": {"b": 1}}, "a.x") is None


def test_an_opd_head_gets_the_opd_from_a_claim_or_a_group_name():
    by_claim = sso.identify(claims(groups=["sorot-kepala-opd"], opd="dinkes"), config(), valid_opd)
    assert (by_claim.role, by_claim.opd) == ("opd", "DINKES")
    by_group = sso.identify(claims(groups=["sorot-opd-DLH"]), config(), valid_opd)
    assert (by_group.role, by_group.opd) == ("opd", "DLH")
    nested = sso.identify(claims(groups=["sorot-kepala-opd"], attributes={"opd": ["DINKES"]}),
                          config(opd_claim="attributes.opd", opd_group=None), valid_opd)
    assert nested.opd == "DINKES"


@pytest.mark.parametrize(("given", "reason"), [
    ({"groups": []}, "no_role"),
    ({}, "no_role"),  # no claim at all
    ({"groups": ["Sorot-Sekda", "sekda"]}, "no_role"),  # names match exactly, nothing guessed
    ({"groups": ["sorot-sekda", "sorot-admin"]}, "many_roles"),
    ({"groups": ["sorot-sekda", "sorot-opd-DINKES"]}, "many_roles"),
    ({"groups": ["sorot-kepala-opd"]}, "no_opd"),
    ({"groups": ["sorot-opd-DINKES", "sorot-opd-DLH"]}, "many_opd"),
    ({"groups": ["sorot-kepala-opd"], "opd": ["DLH"]}, None),
    ({"groups": ["sorot-opd-DISHUB"]}, "unknown_opd"),
    ({"groups": ["sorot-sekda"], "preferred_username": "", "email": None}, "no_username"),
    ({"groups": ["sorot-sekda"], "sub": ""}, "no_subject"),
])
def test_claims_that_map_to_no_single_role_are_refused_never_defaulted(given, reason):
    found = sso.identify(claims(**given), config(), valid_opd)
    if reason is None:
        assert isinstance(found, sso.Identity) and found.opd == "DLH"
        return
    assert isinstance(found, sso.Refusal) and found.reason == reason
    assert found.message("id") != found.message("en") and "{" not in found.message("en")


# -- the configuration ----------------------------------------------------------------------------------------------


def test_sso_is_off_without_both_sections_and_the_example_is_almost_ready():
    assert sso.config_from({}) is None
    assert sso.config_from({"auth": secrets()["auth"]}) is None  # Streamlit's section alone: SSO off
    assert sso.config_from({"sorot_sso": secrets()["sorot_sso"]}) is None
    good = config()
    assert (good.provider, good.local, good.label, good.username_claims) == (
        "keycloak", True, "Keycloak Jabar", ("preferred_username", "email"))
    import tomllib

    example = tomllib.loads((ROOT / ".streamlit" / "secrets.example.toml").read_text(encoding="utf-8"))
    with pytest.raises(sso.SsoConfigError) as err:
        sso.config_from(example)
    assert len(err.value.problems) == 3 and all("GANTI" in p or "make sso-secret" in p for p in err.value.problems)
    example["auth"]["cookie_secret"] = SECRET
    example["auth"]["keycloak"].update(client_secret="x", server_metadata_url=secrets()["auth"]["keycloak"][
        "server_metadata_url"].replace("http://127.0.0.1:9400", "https://sso.jabarprov.go.id/realms/jabar"))
    assert sso.config_from(example).roles["sorot-sekda"] == "sekda"


@pytest.mark.parametrize(("change", "says"), [
    (lambda s: s["auth"].pop("cookie_secret"), "cookie_secret"),
    (lambda s: s["auth"].update(cookie_secret="pendek"), "make sso-secret"),
    (lambda s: s["auth"].update(redirect_uri="https://sorot.pemda.go.id/"), "/oauth2callback"),
    (lambda s: s["auth"].update(redirect_uri="http://sorot.pemda.go.id/oauth2callback"), "https"),
    (lambda s: s["auth"].pop("keycloak"), "[auth.keycloak] tidak ada"),
    (lambda s: s["auth"]["keycloak"].pop("client_secret"), "client_secret harus diisi"),
    (lambda s: s["auth"]["keycloak"].update(server_metadata_url="https://sso.go.id/x"), "openid-configuration"),
    (lambda s: s["sorot_sso"].update(provider="key_cloak"), "garis bawah"),
    (lambda s: s["sorot_sso"].update(role_claims="groups"), "role_claims tidak dikenal"),
    (lambda s: s["sorot_sso"].pop("role_claim"), "role_claim harus nama klaim"),
    (lambda s: s["sorot_sso"].update(roles={}), "[sorot_sso.roles] harus ada"),
    (lambda s: s["sorot_sso"]["roles"].update({"sorot-bupati": "bupati"}), "\"bupati\": peran tidak dikenal"),
    (lambda s: s["sorot_sso"].update(opd_group="sorot-opd"), "satu {opd}"),
    (lambda s: [s["sorot_sso"].pop(k) for k in ("opd_claim", "opd_group")], "asal kode OPD"),
    (lambda s: s["sorot_sso"].update(local="tidak"), "local harus true atau false"),
    (lambda s: s["sorot_sso"].update(username_claims=[]), "username_claims"),
])
def test_a_wrong_configuration_says_what_is_wrong(change, says):
    given = secrets()
    change(given)
    with pytest.raises(sso.SsoConfigError) as err:
        sso.config_from(given)
    assert any(says in p for p in err.value.problems), err.value.problems
    with pytest.raises(sso.SsoConfigError) as err:
        sso.config_from(given, "en")
    assert not any("harus" in p for p in err.value.problems), err.value.problems


def test_local_false_holds_even_in_a_faulty_section():
    given = secrets(local=False)
    given["auth"].pop("cookie_secret")
    with pytest.raises(sso.SsoConfigError) as err:
        sso.config_from(given)
    assert err.value.local is False


def test_every_configuration_message_has_english():
    texts = [node.args[0].value for node in ast.walk(ast.parse((ROOT / "auth" / "sso.py").read_text("utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "wrong"]
    assert len(texts) >= 20
    assert [t for t in texts if t not in i18n.catalog("en")] == []


# -- the logins Sorot has admitted ----------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_a_login_expires_after_idle_hours_whatever_its_cookie_and_logout_everywhere_ends_it(tmp_path):
    clock = Clock()
    store = AuthStore(tmp_path / "auth.sqlite", clock)
    sessions = sso.SsoSessions(store)
    who = sso.Identity("kc|1", "sso:budi", "Budi", "sekda", None)
    issued = clock.now.timestamp()
    assert sessions.admit(who, "a", issued, 8).state == "new"
    clock.now += timedelta(hours=7)
    assert sessions.admit(who, "a", issued, 8).state == "resumed"  # a new browser session within 8 h
    clock.now += timedelta(hours=7, minutes=59)
    assert sessions.check("a", write=True).ok  # this session's activity counts for the next one
    clock.now += timedelta(hours=8, minutes=1)
    assert sessions.admit(who, "a", issued, 8).state == "expired"
    assert sessions.admit(who, "a", issued, 8) == sso.Admission("ended", "expired")  # for good
    assert sessions.admit(who, "b", clock.now.timestamp() - 9 * 3600, 8).state == "expired"  # an old, unseen cookie
    assert sessions.admit(who, "c", clock.now.timestamp(), 8).state == "new"
    assert sessions.admit(who, "d", clock.now.timestamp(), 8).state == "new"
    assert [r["username"] for r in sessions.open_logins()] == ["sso:budi", "sso:budi"]
    assert sessions.logout_everywhere("sso:budi", "admin") == 2
    assert not sessions.check("c", write=False).ok and sessions.admit(who, "d", None, 8).why == "everywhere"
    assert [(e.actor, e.action, e.target) for e in store.audit_log(limit=1)] == [("admin", "logout_all", "sso:budi")]
    assert AuthStore(tmp_path / "auth.sqlite").users() == []  # the accounts table is not touched


# -- in the app (AppTest) ---------------------------------------------------------------------------------------------


def app(sample_db, monkeypatch, user: dict | None = None, **ours) -> AppTest:
    """dashboard.py with SSO configured, the browser bringing ``user``'s claims (None: no st.login cookie)."""
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    monkeypatch.setenv("SOROT_TODAY", TODAY)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets = secrets(**ours)
    at.user = {"is_logged_in": True, **user} if user else {"is_logged_in": False}
    return at


@pytest.fixture
def calls(monkeypatch):
    """st.login and st.logout as the app calls them (st.login would redirect the browser to the provider)."""
    made: list[tuple[str, str | None]] = []
    real_logout = st.logout
    monkeypatch.setattr(st, "login", lambda provider=None: made.append(("login", provider)))

    def logout() -> None:
        made.append(("logout", None))
        real_logout()

    monkeypatch.setattr(st, "logout", logout)
    return made


def store() -> AuthStore:
    return AuthStore(Path(os.environ["SOROT_AUTH"]))


def test_the_login_form_offers_sso_beside_local_accounts(sample_db, monkeypatch, calls):
    at = app(sample_db, monkeypatch)
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Masuk dengan SSO (Keycloak Jabar)", "Masuk ke Sorot"]
    assert [e.label for e in at.text_input] == ["Nama pengguna", "Kata sandi"] and not at.metric
    at.button(key="sso_masuk").click()
    at.run()
    assert calls == [("login", "keycloak")] and not at.metric
    at.text_input(key="masuk_nama").input(USERS["sekda"][0])  # local accounts still log in
    at.text_input(key="masuk_sandi").input(PASSWORD)
    at.button[1].click()
    assert at.run().metric


def test_with_no_local_account_yet_only_sso_is_offered(sample_db, monkeypatch, tmp_path, calls):
    monkeypatch.setenv("SOROT_AUTH", str(tmp_path / "kosong.sqlite"))
    at = app(sample_db, monkeypatch)
    at.run()
    assert [b.label for b in at.button] == ["Masuk dengan SSO (Keycloak Jabar)"]
    assert not at.text_input and not at.warning  # no "Belum ada akun" hint: the first admin may come through SSO


def test_local_false_leaves_only_sso_and_ends_local_sessions(sample_db, monkeypatch, calls):
    at = app(sample_db, monkeypatch, local=False)
    at.run()
    assert [b.label for b in at.button] == ["Masuk dengan SSO (Keycloak Jabar)"] and not at.text_input
    from tests.apptest import logged_in

    at = logged_in(app(sample_db, monkeypatch, local=False), "sekda")
    at.run()
    assert not at.metric and not at.text_input
    assert store().audit_log(actor="sekda", limit=1)[0].detail == "local_disabled"


def test_an_sso_user_gets_the_mapped_role_and_opd(sample_db, monkeypatch, calls):
    at = app(sample_db, monkeypatch, claims("ap-1", preferred_username="sekda.budi", groups=["sorot-sekda"]))
    at.run()
    assert not at.exception and at.title[0].value == "Ringkasan Apel" and len(at.metric) == 6
    assert "Masuk sebagai **Budi Santoso · sso:sekda.budi** (Sekretariat Daerah)" in [c.value for c in
                                                                                       at.sidebar.caption]
    at.switch_page("pages/data.py")
    at.run()
    assert any("tidak tersedia untuk peran Anda" in e.value for e in at.error)  # a sekda never sees Data
    log = [(e.action, e.target, e.detail) for e in store().audit_log(actor="sso:sekda.budi")]
    assert ("login", "sso:sekda.budi", "sso keycloak role=sekda name=Budi Santoso") in log
    assert ("page", "ringkasan", "") in log and ("forbidden", "data", "") in log
    at = app(sample_db, monkeypatch, claims("ap-2", preferred_username="kadis", groups=["sorot-opd-DINKES"]))
    at.run()
    assert not at.exception and at.metric
    assert "Masuk sebagai **Budi Santoso · sso:kadis** (Kepala OPD)" in [c.value for c in at.sidebar.caption]
    assert ("login", "sso:kadis", "sso keycloak role=opd opd=DINKES name=Budi Santoso") in [
        (e.action, e.target, e.detail) for e in store().audit_log(actor="sso:kadis")]


def test_an_unmapped_sso_user_is_refused_and_audited_once(sample_db, monkeypatch, calls):
    at = app(sample_db, monkeypatch, claims("ap-3", preferred_username="tamu", groups=["pegawai"]))
    at.run()
    at.run()
    assert not at.metric and "tidak diberi peran Sorot" in at.error[0].value
    failed = store().audit_log(actor="sso:tamu", action="login_failed")
    assert [e.detail for e in failed] == ["sso keycloak no_role: pegawai"]
    at.button(key="sso_keluar").click()  # to try another account: the browser leaves for the provider's logout
    at.run().run()
    assert calls == [("logout", None)] and at.button[0].label == "Masuk dengan SSO (Keycloak Jabar)"


def test_a_faulty_configuration_is_shown_and_local_accounts_still_work(sample_db, monkeypatch, calls):
    at = app(sample_db, monkeypatch, claims("ap-4", groups=["sorot-sekda"]), role_claim="")
    at.run()
    assert "Masuk dengan SSO belum dapat dipakai" in at.error[0].value and "role_claim" in at.error[0].value
    assert not at.metric and [b.label for b in at.button] == ["Masuk ke Sorot"]  # the cookie is not trusted
    at = app(sample_db, monkeypatch, claims("ap-8", preferred_username="sekda.d", groups=["sorot-sekda"]))
    at.run()
    assert at.metric
    at.secrets["sorot_sso"]["role_claim"] = ""  # broken while a session is open: it ends
    at.run()
    assert not at.metric and store().audit_log(actor="sso:sekda.d", limit=1)[0].detail == "sso sso_off"


def test_an_sso_session_ends_after_idle_hours_and_with_keluar(sample_db, monkeypatch, calls):
    user = claims("ap-5", preferred_username="pimpinan.a", groups=["sorot-pimpinan"])
    at = app(sample_db, monkeypatch, user)
    at.run()
    assert at.metric
    at.session_state["sorot_login"]["seen"] = time.time() - 9 * 3600
    at.run()
    assert calls == [("logout", None)] and not at.metric
    assert [e.detail for e in store().audit_log(actor="sso:pimpinan.a", action="logout")] == ["sso expired"]
    again = app(sample_db, monkeypatch, user)
    again.run()  # the same cookie in a new browser session: refused, and logged out again
    assert not again.metric and calls[-1] == ("logout", None)
    at = app(sample_db, monkeypatch, claims("ap-6", preferred_username="pimpinan.a", groups=["sorot-pimpinan"]))
    at.run()
    at.sidebar.button(key="keluar").click()
    at.run()
    assert calls[-1] == ("logout", None) and not at.metric
    assert store().audit_log(actor="sso:pimpinan.a", action="logout", limit=1)[0].detail == "sso user"


def test_logout_everywhere_ends_the_users_other_sso_sessions(sample_db, monkeypatch, calls):
    user = claims("ap-7", preferred_username="sekda.c", groups=["sorot-sekda"])
    office = app(sample_db, monkeypatch, user)
    office.run()
    phone = app(sample_db, monkeypatch, {**user, "iat": user["iat"] + 1, "nonce": "other"})  # a second login
    phone.run()
    assert office.metric and phone.metric
    phone.sidebar.button(key="keluar_semua").click()
    phone.run()
    office.run()
    assert not office.metric and calls.count(("logout", None)) == 2
    assert store().audit_log(actor="sso:sekda.c", action="logout_all", limit=1)[0].detail == "sso logins=2"


# -- end to end: Chromium, Sorot and a local OIDC provider ---------------------------------------------------------

PEOPLE = [{"sub": "budi", "preferred_username": "budi", "name": "Budi Santoso", "groups": ["sorot-sekda"]},
          {"sub": "tamu", "preferred_username": "tamu", "name": "Tamu", "groups": ["pegawai"]}]


def _wait(url: str, proc: subprocess.Popen) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            assert proc.poll() is None, f"stopped: {proc.args}"
            time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def provider():
    """oidc-provider-mock on 127.0.0.1: any client id and secret; PEOPLE's claims for the subject typed in."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port),
                             *[a for p in PEOPLE for a in ("--user-claims", json.dumps(p))]],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    _wait(f"{url}/.well-known/openid-configuration", proc)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def sso_app(provider, sample_db, tmp_path_factory):
    """Sorot with SSO only (local = false), its own secrets file (never the repository's) and account store."""
    folder = tmp_path_factory.mktemp("sso")
    port = _free_port()
    config = secrets(f"{provider}/.well-known/openid-configuration", f"http://127.0.0.1:{port}/oauth2callback",
                     label="Mock", local=False)
    config["auth"]["mock"] = config["auth"].pop("keycloak")
    config["sorot_sso"]["provider"] = "mock"
    (folder / "secrets.toml").write_text(toml(config), encoding="utf-8")
    env = {**os.environ, "SOROT_DB": str(sample_db), "SOROT_TODAY": TODAY, "SOROT_AUTH": str(folder / "auth.sqlite")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.serve", "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--secrets.files", str(folder / "secrets.toml")],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    _wait(f"{url}/_stcore/health", proc)
    yield url, folder / "auth.sqlite"
    proc.terminate()
    proc.wait(timeout=10)


def toml(config: dict) -> str:
    """The few TOML forms a secrets file needs: tables of strings, booleans and string tables."""
    lines: list[str] = []

    def table(name: str, values: dict) -> None:
        lines.append(f"[{name}]")
        lines.extend(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in values.items() if not isinstance(v, dict))
        for k, v in values.items():
            if isinstance(v, dict):
                table(f"{name}.{json.dumps(k)}", v)

    for name, values in config.items():
        table(name, values)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def sign_in(page, app_url: str, provider: str, subject: str) -> None:
    """The login page's SSO button, the provider's form (the subject typed in), back to Sorot."""
    page.goto(app_url)
    page.get_by_role("button", name="Masuk dengan SSO (Mock)").click()
    page.wait_for_url(f"{provider}/oauth2/authorize**", timeout=30_000)
    page.fill("input[name=sub]", subject)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{app_url}/", timeout=30_000)


def leave_provider(page, app_url: str, provider: str) -> None:
    """st.logout took the browser to the provider's end-session page: confirm, come back to the login page."""
    page.wait_for_url(f"{provider}/oauth2/end_session**", timeout=30_000)
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Masuk dengan SSO (Mock)").wait_for(timeout=30_000)
    assert page.url.startswith(app_url)


def user_cookie(page) -> bool:
    return any(c["name"] == "_streamlit_user" for c in page.context.cookies())


@pytest.mark.browser
def test_sso_in_a_real_browser_role_logout_expiry_and_refusal(browser, provider, sso_app):
    app_url, auth_file = sso_app
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page.goto(app_url)
    page.get_by_role("button", name="Masuk dengan SSO (Mock)").wait_for(timeout=60_000)
    assert page.get_by_label("Nama pengguna").count() == 0  # local = false: SSO only

    sign_in(page, app_url, provider, "budi")  # a sekda: Ringkasan, never Data
    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=90_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Budi Santoso · sso:budi").wait_for(timeout=30_000)
    assert "Sekretariat Daerah" in sidebar.inner_text() and sidebar.get_by_text("Data", exact=True).count() == 0
    assert user_cookie(page)
    page.goto(f"{app_url}/data")  # a new session of the same login (its cookie): let in, Data refused
    page.get_by_text("tidak tersedia untuk peran Anda").wait_for(timeout=60_000)

    sidebar.get_by_role("button", name="Keluar", exact=True).click()
    leave_provider(page, app_url, provider)
    assert not user_cookie(page)

    sign_in(page, app_url, provider, "budi")  # logs in again, then idles 9 hours
    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=90_000)
    with closing(sqlite3.connect(auth_file)) as con, con:
        moved = con.execute("UPDATE sso_logins SET seen_at = ? WHERE ended_at IS NULL",
                            ((datetime.now(UTC) - timedelta(hours=9)).isoformat(timespec="seconds"),)).rowcount
    assert moved == 1 and user_cookie(page)  # st.login's cookie is still good for 30 days…
    page.goto(app_url)  # …but the next visit is refused, and the cookie cleared
    leave_provider(page, app_url, provider)
    assert not user_cookie(page) and page.locator('[data-testid="stMetric"]').count() == 0

    sign_in(page, app_url, provider, "tamu")  # no Sorot group
    page.get_by_text("tidak diberi peran Sorot").wait_for(timeout=60_000)
    assert page.locator('[data-testid="stMetric"]').count() == 0

    log = [(e.actor, e.action, e.detail) for e in reversed(AuthStore(auth_file).audit_log())]
    assert [a for a in log if a[1] != "page" and a[1] != "forbidden"] == [
        ("sso:budi", "login", "sso mock role=sekda name=Budi Santoso"),
        ("sso:budi", "login", "sso mock role=sekda name=Budi Santoso resumed"),
        ("sso:budi", "logout", "sso user"),
        ("sso:budi", "login", "sso mock role=sekda name=Budi Santoso"),
        ("sso:budi", "logout", "sso expired"),
        ("sso:tamu", "login_failed", "sso mock no_role: pegawai"),
    ]
    page.context.close()
