"""Same question, same number: the figures several pages share agree, as shown, for every filter tried —
and every figure a page shows under a metric label is one of the metric catalog's."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from analytics.metrics import METRICS
from ui.format import number

from .apptest import headline, open_app

pytestmark = pytest.mark.xdist_group("sample")

VIEWS = {
    "30 hari": {},
    "7 hari": {"periode": "7h"},
    "bulan lalu": {"periode": "bulan_lalu"},
    "satu OPD": {"opd": "DINKES"},
    "kecamatan": {"jenis": "kewilayahan", "periode": "90h"},
    "tanpa data": {"periode": "kustom", "dari": "2011-01-01", "sampai": "2011-01-31"},
    "english": {"bahasa": "en", "periode": "bulan_ini"},
}
SHARED = {  # Ringkasan's figure → the page that shows the same figure
    "complaints_received": "pages/pengaduan.py",
    "complaints_in_sla_share": "pages/pengaduan.py",
    "complaints_overdue": "pages/pengaduan.py",
    "negative_share_7d": "pages/sentimen.py",
}


@pytest.fixture
def open_page(sample_db, monkeypatch):
    def run(page: str | None, params: dict[str, str]) -> AppTest:
        return open_app(sample_db, monkeypatch, page, **params)

    return run


def label(metric_id: str, lang: str) -> str:
    return next(m for m in METRICS if m.id == metric_id).label_in(lang)


@pytest.mark.parametrize("view", VIEWS, ids=list(VIEWS))
def test_shared_figures_agree_on_every_page(open_page, view):
    params = VIEWS[view]
    lang = params.get("bahasa", "id")
    known = {m.label_in(lang) for m in METRICS}
    pages = {None: open_page(None, params)}
    for page in {*SHARED.values(), "pages/opd_pasif.py", "pages/peringkat.py"}:
        pages[page] = open_page(page, params)
    for at in pages.values():
        assert set(headline(at)) <= known, f"labels outside the metric catalog: {set(headline(at)) - known}"

    briefing = headline(pages[None])
    for metric_id, page in SHARED.items():
        name = label(metric_id, lang)
        assert briefing[name] == headline(pages[page])[name], f"{name} differs between Ringkasan and {page}"

    passive = label("passive_opd", lang)
    heading = next(m.value for m in pages[None].markdown if m.value.startswith(f"**{passive} ("))
    count = re.search(r"\((\d+)\)", heading).group(1)
    if pages["pages/opd_pasif.py"].metric:
        assert headline(pages["pages/opd_pasif.py"])[passive][0] == count

    league = pages["pages/peringkat.py"].dataframe
    posts = label("posts", lang)
    if briefing[posts][0] == "—":  # no post data for the period: no page may claim "0 posts"
        assert not (league and league[0].value[posts].sum())
    else:
        total = int(league[0].value[posts].sum())
        assert briefing[posts][0] == (number(total) if lang == "id" else f"{total:,}")


def test_one_opd_has_the_same_figures_on_its_profile_and_every_page(open_page):
    params = {"opd": "DINKES", "kode": "DINKES"}
    profile = headline(open_page("pages/profil_opd.py", params))
    complaints = headline(open_page("pages/pengaduan.py", params))
    briefing = headline(open_page(None, params))
    for metric_id in ("complaints_received", "complaints_in_sla_share"):
        name = label(metric_id, "id")
        assert profile[name][0] == complaints[name][0] == briefing[name][0]
    assert profile["Unggahan"][0] == briefing["Unggahan"][0]
