"""Opening the app in AppTest as a person does (through dashboard.py, on the sample warehouse, logged in with a
role), and what its download buttons would give on a click — shared by the page and export tests.

Every test process uses one account store (``SOROT_AUTH``, set by tests/conftest.py) holding one account per
role (``USERS``); ``logged_in`` gives an AppTest the session a login with the form leaves (the form itself is
tested in tests/test_access.py)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

from streamlit.testing.v1 import AppTest, app_test

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-20"
PASSWORD = "sandi-uji-panjang-2026"
USERS = {"admin": ("admin", None), "sekda": ("sekda", None), "pimpinan": ("bupati", None),
         "opd": ("kadis.dinkes", "DINKES")}  # role → (username, OPD)


@cache
def accounts() -> Path:
    """The test process's account store, one account per role (all with PASSWORD)."""
    from auth import AuthStore

    path = Path(tempfile.mkdtemp(prefix="sorot-auth-")) / "auth.sqlite"
    store = AuthStore(path)
    for role, (username, opd) in USERS.items():
        store.add_user(username, role, PASSWORD, opd=opd, actor="test")
    return path


def logged_in(at: AppTest, role: str = "admin") -> AppTest:
    """``at`` with the session a successful login as ``role``'s account leaves."""
    from auth import AuthStore

    user = AuthStore(Path(os.environ["SOROT_AUTH"])).get(USERS[role][0])
    at.session_state["sorot_login"] = {"username": user.username, "epoch": user.session_epoch, "seen": time.time()}
    return at


def open_app(sample_db: Path, monkeypatch, page: str | None = None, role: str = "admin", **params: str) -> AppTest:
    """dashboard.py on the sample warehouse (today pinned), logged in as ``role``, at ``page`` with the URL's
    ``params``."""
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    monkeypatch.setenv("SOROT_TODAY", TODAY)
    at = logged_in(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120), role)
    at.query_params.update(params)
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def headline(at: AppTest) -> dict[str, tuple[str, str]]:
    """The page's figures: label → (value, change as shown)."""
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def recording(monkeypatch) -> Callable[[AppTest], dict[str, tuple[str, Callable[[], bytes]]]]:
    """Record the AppTest runtime's media files; returns files(at) → {button key: (file name, data function)}:
    calling the function makes the file as a click would, outside the page run."""
    managers: list[app_test.MediaFileManager] = []

    class Recording(app_test.MediaFileManager):
        def __init__(self, *args, **kw):
            super().__init__(*args, **kw)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)

    def files(at: AppTest) -> dict[str, tuple[str, Callable[[], bytes]]]:
        found = {}
        for button in at.download_button:
            entry = managers[-1]._deferred_callables[button.proto.deferred_file_id]
            found[button.key] = (entry["filename"], entry["callable"])
        return found

    return files
