"""An exported chart carries its title, period, filters, source, time and the pemda's brand; the brand file is
checked like the norms file."""

from __future__ import annotations

import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest

from reports.branding import BRANDING_FILE, Branding, BrandingError, branding, parse
from reports.charts import ChartInfo, chart_image, for_export

INFO = ChartInfo("Pengaduan per topik", "22 Okt 2026 – 20 Nov 2026", "OPD: DLH · semua platform",
                 "Sumber: pengaduan semua kanal", "4 Des 2026 14.05 WIB")


def _page_figure() -> go.Figure:
    fig = go.Figure(go.Bar(x=["Sampah", "Jalan"], y=[31, 20]))
    fig.add_annotation(text="Sumber di halaman", xref="paper", yref="paper", x=0, y=-0.3, showarrow=False)
    return fig


def test_the_sample_regency_ships_its_brand():
    brand = branding()
    assert brand.name == "Pemerintah Kabupaten Sukamaju" and brand.logo and brand.logo.is_file()
    assert brand.logo_data_uri().startswith("data:image/png;base64,")


def test_a_wrong_brand_file_names_the_key(tmp_path: Path):
    where = tmp_path / "merek.toml"
    with pytest.raises(BrandingError, match=r"warna_utama.*#RRGGBB"):
        parse({"warna_utama": "biru"}, where)
    with pytest.raises(BrandingError, match=r"logo «tidak\.png» tidak ditemukan"):
        parse({"logo": "tidak.png"}, where)
    assert parse({}, where) == Branding()  # nothing set: Sorot's defaults


def test_export_adds_header_footer_and_logo_without_changing_the_page_figure():
    page = _page_figure()
    out = for_export(page, INFO)
    texts = [a.text for a in out.layout.annotations]
    assert "Sumber di halaman" not in texts and len(page.layout.annotations) == 1
    assert INFO.title in out.layout.title.text and INFO.period in out.layout.title.text
    assert INFO.filters in out.layout.title.text
    assert any(INFO.source in t and INFO.generated in t and branding().footer in t for t in texts)
    assert branding().name in texts and len(out.layout.images) == 1


@pytest.mark.skipif(not shutil.which("chromium"), reason="Debian chromium not installed (make browser)")
def test_the_svg_holds_every_text_and_the_png_is_1600_wide():
    svg = chart_image(_page_figure(), INFO, "svg").decode("utf-8")
    for text in (INFO.title, "22 Okt 2026", "OPD: DLH", INFO.source, INFO.generated, branding().name):
        assert text in svg, text
    assert "<image" in svg  # the logo
    png = chart_image(_page_figure(), INFO)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") == 1600


def test_the_brand_file_is_in_the_repository():
    assert BRANDING_FILE.is_file()
