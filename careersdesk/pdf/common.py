"""What every CareersDesk PDF shares: the bundled Unicode font, styles, page furniture, and
writing the file completely or not at all."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from careersdesk.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
INK = colors.HexColor("#1b2733")
ACCENT = colors.HexColor("#0b3d5c")
RULE = colors.HexColor("#8b98a5")


@cache
def register_fonts() -> None:
    """DejaVu Sans for all user text: the 14 standard PDF fonts stop at Latin-1."""
    fonts = resource_path("fonts")
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf"),
                       ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
                       ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic="DejaVuSans-Oblique",
                                  boldItalic="DejaVuSans-BoldOblique")


@cache
def styles() -> StyleSheet1:
    register_fonts()
    sheet = StyleSheet1()
    sheet.add(ParagraphStyle("Body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK))
    sheet.add(ParagraphStyle("Small", parent=sheet["Body"], fontSize=8, leading=10))
    sheet.add(ParagraphStyle("Title", parent=sheet["Body"], fontName=FONT_BOLD, fontSize=20,
                             leading=24, textColor=ACCENT, spaceAfter=4 * mm))
    sheet.add(ParagraphStyle("Heading", parent=sheet["Body"], fontName=FONT_BOLD, fontSize=13,
                             leading=16, textColor=ACCENT, spaceBefore=5 * mm, spaceAfter=2 * mm))
    sheet.add(ParagraphStyle("Cell", parent=sheet["Body"], fontSize=8.5, leading=10.5))
    sheet.add(ParagraphStyle("CellBold", parent=sheet["Cell"], fontName=FONT_BOLD))
    sheet.add(ParagraphStyle("HeadSmall", parent=sheet["CellBold"], fontSize=7.5, leading=9))
    # The easy-read plan: large type and generous spacing.
    sheet.add(ParagraphStyle("EasyRead", parent=sheet["Body"], fontSize=16, leading=24))
    sheet.add(ParagraphStyle("EasyHeading", parent=sheet["EasyRead"], fontName=FONT_BOLD,
                             fontSize=20, leading=26, textColor=ACCENT))
    return sheet


def text(value: object, style: str = "Body") -> Paragraph:
    """A paragraph of user text, escaped so '<b>' or '&' in a note prints as typed."""
    return Paragraph(escape(str(value)).replace("\n", "<br/>"), styles()[style])


def markup(value: str, style: str = "Body") -> Paragraph:
    """A paragraph of the app's own markup (never user text)."""
    return Paragraph(value, styles()[style])


def document(path: Path, title: str, footer: str, author: str = "CareersDesk") -> BaseDocTemplate:
    register_fonts()
    doc = BaseDocTemplate(str(path), pagesize=A4, title=title, author=author,
                          leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                          bottomMargin=20 * mm)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    generated = dt.date.today().strftime("%d %B %Y")

    def furniture(canvas: Canvas, doc_: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(INK)
        canvas.setStrokeColor(RULE)
        canvas.line(doc_.leftMargin, 15 * mm, A4[0] - doc_.rightMargin, 15 * mm)
        canvas.drawString(doc_.leftMargin, 11 * mm, footer)
        canvas.drawRightString(A4[0] - doc_.rightMargin, 7 * mm,
                               f"{title} · {generated} · page {canvas.getPageNumber()}")
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=furniture)])
    return doc


def write_pdf_atomically(path: Path, build: Callable[[Path], None]) -> Path:
    """Build into a temporary file beside the target, then move it into place: a PDF that
    cannot be finished (disk full, cancelled) never leaves a half-written file behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".pdf.partial",
                                         dir=path.parent)
    os.close(handle)
    try:
        build(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
