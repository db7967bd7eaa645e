"""A page's chart made ready to leave the app: its title, period, filters, source, generation time, the pemda's
name and logo written into the image, then rendered to PNG (1600 px wide) or SVG."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from reports import render
from reports.branding import Branding, branding

WIDTH, HEIGHT = render.WIDTH, render.HEIGHT
TOP, BOTTOM, LOGO = 84, 96, 44  # px: header band, footer band, logo height


@dataclass(frozen=True)
class ChartInfo:
    """What an exported chart says about itself (texts already in the viewer's language)."""

    title: str
    period: str  # "22 Okt 2026 – 20 Nov 2026"
    filters: str  # "Semua OPD · semua platform"
    source: str
    generated: str  # "4 Des 2026 14.05 WIB"


def for_export(fig: go.Figure, info: ChartInfo, brand: Branding | None = None) -> go.Figure:
    """A copy of ``fig`` with the header (pemda, title, period and filters), the footer (source, generation
    time, the pemda's footer text) and the logo; the app's own figure is not changed."""
    brand = brand or branding()
    out = go.Figure(fig)
    out.layout.annotations = [a for a in out.layout.annotations if a.yref != "paper" or a.y >= 0]  # page captions
    plot = HEIGHT - TOP - BOTTOM  # the plot area's height in px: paper y is measured in it

    def y(px_from_plot_top: float) -> float:
        return 1 + px_from_plot_top / plot

    out.update_layout(
        width=WIDTH, height=HEIGHT, paper_bgcolor="white", plot_bgcolor="white",
        title={"text": f"<b>{info.title}</b><br><span style='font-size:12px;color:#555'>{info.period} · "
                       f"{info.filters}</span>", "x": 0.015, "xanchor": "left", "y": 1 - 22 / HEIGHT,
               "yanchor": "top", "yref": "container", "font": {"size": 16, "color": brand.primary}},
        margin={"l": 56, "r": 24, "t": TOP, "b": BOTTOM}, legend={"orientation": "h", "y": y(-plot - 40)},
    )
    logo = brand.logo_data_uri()
    if logo:
        out.add_layout_image(source=logo, xref="paper", yref="paper", x=1, y=y(TOP - 10), sizex=1,
                             sizey=LOGO / plot, xanchor="right", yanchor="top", layer="above")
    out.add_annotation(text=brand.name, xref="paper", yref="paper", x=1, xshift=-(LOGO + 8) if logo else 0,
                       y=y(TOP - 10 - LOGO / 2), xanchor="right", yanchor="middle", showarrow=False,
                       font={"size": 11, "color": brand.primary})
    out.add_annotation(text=f"{info.source} · {info.generated} · {brand.footer}", xref="paper", yref="paper",
                       x=0, xshift=-44, y=y(-plot - BOTTOM + 14), xanchor="left", yanchor="bottom", showarrow=False,
                       font={"size": 9, "color": "#666"})
    return out


def chart_image(fig: go.Figure, info: ChartInfo, fmt: str = "png") -> bytes:
    """The decorated chart as PNG (2×, 1600 px wide) or SVG bytes."""
    return render.image(for_export(fig, info), fmt)
