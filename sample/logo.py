"""The sample regency's logo (``data/branding/logo.png``): an emblem drawn here, so the file has no other
author. ``python -m sample.logo`` writes it again."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

LOGO = Path(__file__).resolve().parent.parent / "data" / "branding" / "logo.png"
NAVY, GOLD, WHITE = (16, 52, 110), (230, 176, 34), (255, 255, 255)


def draw(size: int = 256) -> Image.Image:
    """A round emblem: navy disc, gold ring, a white paddy-and-star mark and the letters KS."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((4, 4, size - 4, size - 4), fill=GOLD)
    d.ellipse((16, 16, size - 16, size - 16), fill=NAVY)
    c = size / 2
    star = [(c + r * x, 0.36 * size + r * y) for r, (x, y) in
            zip([34, 14] * 5, [(0, -1), (0.59, -0.81), (0.95, -0.31), (0.95, 0.31), (0.59, 0.81), (0, 1),
                               (-0.59, 0.81), (-0.95, 0.31), (-0.95, -0.31), (-0.59, -0.81)], strict=True)]
    d.polygon(star, fill=GOLD)
    font = ImageFont.load_default(size=int(size * 0.26))
    d.text((c, 0.68 * size), "KS", font=font, fill=WHITE, anchor="mm")
    return img


if __name__ == "__main__":
    draw().save(LOGO)
    print(LOGO)
