"""Opening the app in AppTest as a person does (through dashboard.py, on the sample warehouse), and what its
download buttons would give on a click — shared by the export tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest, app_test

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-20"


def open_app(sample_db: Path, monkeypatch, page: str | None = None, **params: str) -> AppTest:
    """dashboard.py on the sample warehouse (today pinned), at ``page`` with the URL's ``params``."""
    monkeypatch.setenv("SOROT_DB", str(sample_db))
    monkeypatch.setenv("SOROT_TODAY", TODAY)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
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
