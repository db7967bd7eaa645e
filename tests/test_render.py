"""Chart images: one renderer per process, so concurrent sessions each get their own image."""

from __future__ import annotations

import io
import shutil
from concurrent.futures import ThreadPoolExecutor

import plotly.graph_objects as go
import pytest
from PIL import Image

from reports import render

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian chromium not installed (make browser)")
COLORS = ["#d62728", "#2ca02c", "#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


def _figure(color: str) -> go.Figure:
    return go.Figure(go.Bar(x=["a"], y=[1]), layout={"paper_bgcolor": color, "plot_bgcolor": color})


def _corner(png: bytes) -> str:
    r, g, b = Image.open(io.BytesIO(png)).convert("RGB").getpixel((3, 3))
    return f"#{r:02x}{g:02x}{b:02x}"


def test_eight_concurrent_renders_return_eight_right_images():
    """Kaleido's own sync server mixes images up across threads (Kaleido#444); ours must not."""
    with ThreadPoolExecutor(8) as pool:
        images = list(pool.map(lambda c: render.image(_figure(c)), COLORS))
    assert [_corner(png) for png in images] == COLORS
    assert Image.open(io.BytesIO(images[0])).size == (1600, 900)  # 2× scale, 1600 px wide


def test_svg_and_bad_format():
    assert render.image(_figure(COLORS[0]), "svg").startswith(b"<svg")
    with pytest.raises(ValueError, match="png atau svg"):
        render.image(_figure(COLORS[0]), "gif")


def test_a_render_that_cannot_finish_ends_with_a_message(monkeypatch):
    class Stuck:
        jobs = type("Q", (), {"put": staticmethod(lambda job: None)})()  # a worker that never answers

    monkeypatch.setattr(render, "_the_worker", lambda: Stuck)
    with pytest.raises(render.RenderError, match="belum selesai setelah 1 detik"):
        render.image(_figure(COLORS[0]), timeout=1)
