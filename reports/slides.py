"""16:9 PowerPoint slides in the pemda's colours and logo (``reports.branding``): the pieces every Sorot deck is
made of — a title slide, a slide with its title, one-line takeaway and speaker notes, figure boxes, native
tables, pictures — for the briefing pack (``reports.deck``) and each page's deck (``reports.page_deck``)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from analytics.fmt import moment
from analytics.i18n import translate
from reports.branding import Branding
from reports.tables import ZONE

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # python-pptx's default template is 4:3
MARGIN = Inches(0.5)
BODY_TOP = Inches(2.1)  # below the title, the takeaway and the accent bar
GREY = RGBColor(0x55, 0x55, 0x55)
Line = tuple[str, int, bool, RGBColor | None]  # text, size in pt, bold, colour


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


class Slides:
    """A deck being made: 16:9, the brand's colours, logo and footer on every slide."""

    def __init__(self, brand: Branding, lang: str) -> None:
        self.brand, self.lang = brand, lang
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT

    def t(self, text: str, /, *args: object, **fields: object) -> str:
        return translate(text, self.lang, *args, **fields)

    def title_slide(self, heading: str, region: str, lines: Sequence[str]) -> None:
        """The deck's first slide: a band, the logo, ``heading``, the pemda's name, ``lines`` (period, filters…)
        and the time it was made."""
        generated = self.t("Dibuat {}", moment(datetime.now(ZONE), lang=self.lang))
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        self.bar(slide, 0, 0, WIDTH, Inches(0.35), self.brand.primary)
        top = Inches(1.8)
        if self.brand.logo is not None:
            slide.shapes.add_picture(str(self.brand.logo), MARGIN, top, height=Inches(1.8))
        left = MARGIN + (Inches(2.2) if self.brand.logo is not None else 0)
        head = slide.shapes.title
        head.left, head.top, head.width, head.height = left, top, WIDTH - left - MARGIN, Inches(1.0)
        self.heading(head, heading, 40)
        box = slide.shapes.add_textbox(left, top + Inches(1.1), WIDTH - left - MARGIN, Inches(2.5))
        box.name = "takeaway"
        name = region if self.brand.name == Branding().name else self.brand.name
        self.write(box.text_frame, [(name, 24, False, None), *((line, 20, False, GREY) for line in lines),
                                    (generated, 14, False, GREY)])
        self.footer(slide)
        slide.notes_slide.notes_text_frame.text = "\n".join([heading, region, *lines, generated])

    def slide(self, title: str, takeaway: str, notes: Sequence[str]):
        """A slide with its title, the one-line takeaway under it and speaker notes (the takeaway, then
        ``notes``); the body goes from ``BODY_TOP`` down."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        head = slide.shapes.title
        head.left, head.top, head.height = MARGIN, Inches(0.3), Inches(0.9)
        head.width = WIDTH - 2 * MARGIN - Inches(1.2)  # the logo on the right
        self.heading(head, title, 32 if len(title) <= 40 else 26 if len(title) <= 52 else 20)  # one line
        box = slide.shapes.add_textbox(MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(0.6))
        box.name = "takeaway"
        self.write(box.text_frame, [(takeaway, 20 if len(takeaway) <= 80 else 16, False, GREY)])  # one line
        self.bar(slide, MARGIN, Inches(1.85), Inches(1.5), Inches(0.06), self.brand.accent)
        if self.brand.logo is not None:
            slide.shapes.add_picture(str(self.brand.logo), WIDTH - MARGIN - Inches(0.9), Inches(0.3),
                                     height=Inches(0.9))
        self.footer(slide)
        slide.notes_slide.notes_text_frame.text = "\n".join([takeaway, *notes])
        return slide

    def heading(self, shape, text: str, size: int) -> None:
        shape.text = text
        para = shape.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.LEFT
        para.runs[0].font.size, para.runs[0].font.bold = Pt(size), True
        para.runs[0].font.color.rgb = rgb(self.brand.primary)

    @staticmethod
    def bar(slide, left, top, width, height, color: str) -> None:
        shape = slide.shapes.add_shape(1, left, top, width, height)
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(color)
        shape.line.fill.background()

    def footer(self, slide) -> None:
        box = slide.shapes.add_textbox(MARGIN, HEIGHT - Inches(0.5), WIDTH - 2 * MARGIN, Inches(0.35))
        box.name = "footer"
        self.write(box.text_frame, [(self.brand.footer, 10, False, GREY)])

    @staticmethod
    def write(frame, lines: Sequence[Line]) -> None:
        frame.word_wrap = True
        for i, (text, size, bold, color) in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = para.add_run()
            run.text = text
            run.font.size, run.font.bold = Pt(size), bold
            if color is not None:
                run.font.color.rgb = color

    @staticmethod
    def add_notes(slide, notes: Sequence[str]) -> None:
        frame = slide.notes_slide.notes_text_frame
        frame.text = "\n".join([frame.text, *notes]).strip("\n")

    def boxes(self, slide, figures: Sequence[tuple[str, str, str, str]]) -> None:
        """Figure boxes, three a row: (label, value, change, shape name); each also in the notes."""
        width, height = (WIDTH - 2 * MARGIN - Inches(0.6)) / 3, Inches(2.0)
        for i, (label, value, change, name) in enumerate(figures):
            left = MARGIN + (width + Inches(0.3)) * (i % 3)
            top = BODY_TOP + Inches(0.1) + (height + Inches(0.3)) * (i // 3)
            box = slide.shapes.add_shape(1, Emu(int(left)), top, Emu(int(width)), height)
            box.name = name
            box.fill.solid()
            box.fill.fore_color.rgb = RGBColor(0xF4, 0xF4, 0xF4)
            box.line.color.rgb = rgb(self.brand.primary)
            self.write(box.text_frame, [(label, 16, False, GREY), (value, 36, True, rgb(self.brand.primary)),
                                        (change, 14, False, GREY)])
            for para in box.text_frame.paragraphs:
                para.alignment = PP_ALIGN.CENTER
        self.add_notes(slide, [f"{label}: {value} ({change})" if change else f"{label}: {value}"
                               for label, value, change, _ in figures])

    def table(self, slide, rows: Sequence[Sequence[str]], left, top, width, widths: Sequence[float],
              size: int = 14) -> None:
        """A native table (editable in PowerPoint); the first row is the header in the brand's colour."""
        shape = slide.shapes.add_table(len(rows), len(rows[0]), left, top, width, Inches(0.35) * len(rows))
        table = shape.table
        for j, w in enumerate(widths):
            table.columns[j].width = Emu(int(width * w))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                cell = table.cell(i, j)
                cell.text = text
                font = cell.text_frame.paragraphs[0].runs[0].font if text else cell.text_frame.paragraphs[0].font
                font.size, font.bold = Pt(size), i == 0
                if i == 0:
                    font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = rgb(self.brand.primary)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()
