"""Any name or note, in any script, printed correctly.

reportlab shapes each word with HarfBuzz (Arabic letters join, Vietnamese marks stack), but it
lays words out left to right.  Right-to-left text therefore needs its *words* put in visual
order, line by line, while each word stays in logical order for HarfBuzz.  Characters that
DejaVu Sans lacks switch to Droid Sans Fallback (Chinese, Japanese, Korean); anything neither
font has (most emoji) becomes a visible replacement mark instead of an empty box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from careersdesk.pdf.common import FONT, FONT_BOLD, register_fonts, styles
from careersdesk.resources import resource_path

INDIC_FONT = "FreeSans"
FALLBACK_FONT = "DroidSansFallback"
FALLBACKS = (INDIC_FONT, FALLBACK_FONT)  # tried in this order after DejaVu Sans
PLACEHOLDER = "\ufffd"
RTL_CLASSES = {"R", "AL"}


@cache
def _register_fallback() -> None:
    register_fonts()
    for name, file in ((INDIC_FONT, "FreeSans.ttf"), (FALLBACK_FONT, "DroidSansFallbackFull.ttf")):
        font = TTFont(name, str(resource_path("fonts", file)), shapable=True)
        pdfmetrics.registerFont(font)
        # reportlab 5 can hand one font a glyph shaped with another when a single word mixes
        # scripts (Chinese then Coptic, say); preparing every font for shaping up front turns
        # that rare case into one odd letter instead of a plan that cannot print.
        font.hbFont()
    for name in (FONT, FONT_BOLD):
        candidate = pdfmetrics.getFont(name)
        if isinstance(candidate, TTFont):
            candidate.hbFont()


@cache
def _covered(font_name: str) -> frozenset[int]:
    _register_fallback()
    font = pdfmetrics.getFont(font_name)
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


def _font_for(char: str) -> str | None:
    code = ord(char)
    if char in "\n\t " or code in _covered(FONT):
        return FONT
    for font in FALLBACKS:
        if code in _covered(font):
            return font
    return None


def _runs(text: str) -> Iterator[tuple[str | None, str]]:
    current: str | None = FONT
    buffer: list[str] = []
    for char in text:
        if buffer and unicodedata.category(char) in ("Mn", "Me", "Cf"):
            # Combining marks, joiners and variation selectors belong with the letter before.
            buffer.append(char)
            continue
        font = _font_for(char)
        if font != current and buffer:
            yield current, "".join(buffer)
            buffer = []
        current = font
        buffer.append(char)
    if buffer:
        yield current, "".join(buffer)


def safe_markup(text: str) -> str:
    """Escaped paragraph markup for user text, with font fallback and visible placeholders."""
    parts = []
    for font, run in _runs(unicodedata.normalize("NFC", text)):
        if font is None:
            parts.append(PLACEHOLDER * sum(1 for c in run
                                           if unicodedata.category(c) not in ("Mn", "Me", "Cf")))
        elif font == FONT:
            parts.append(escape(run))
        else:
            parts.append(f'<font name="{font}">{escape(run)}</font>')
    return "".join(parts).replace("\n", "<br/>")


def needs_shaping(text: str) -> bool:
    """Scripts whose letters change shape or order: Arabic, Hebrew, Indic, Thai and others."""
    return any(ord(c) >= 0x0590 and not 0x1E00 <= ord(c) <= 0x2BFF and ord(c) < 0x2E80
               for c in text)


def _strong_direction(text: str) -> str | None:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in RTL_CLASSES:
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def is_rtl(text: str) -> bool:
    return _strong_direction(text) == "rtl"


def _visual_words(words: list[str], base_rtl: bool) -> list[str]:
    """Put one line's words in display order: runs of right-to-left words are reversed, and in
    a right-to-left paragraph the order of the runs is reversed as well."""
    runs: list[tuple[bool, list[str]]] = []
    for word in words:
        direction = _strong_direction(word)
        rtl = base_rtl if direction is None else direction == "rtl"
        if runs and runs[-1][0] == rtl:
            runs[-1][1].append(word)
        else:
            runs.append((rtl, [word]))
    ordered = [list(reversed(run)) if rtl else run for rtl, run in runs]
    if base_rtl:
        ordered.reverse()
    return [word for run in ordered for word in run]


def _wrap(words: list[str], width: float, style: ParagraphStyle) -> list[list[str]]:
    lines: list[list[str]] = [[]]
    space = pdfmetrics.stringWidth(" ", style.fontName, style.fontSize)
    used = 0.0
    for word in words:
        size = pdfmetrics.stringWidth(word, style.fontName, style.fontSize)
        if lines[-1] and used + space + size > width:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0) + size
        lines[-1].append(word)
    return lines


def user_paragraph(text: str, style_name: str = "Body", width: float = 400.0) -> Paragraph:
    """A paragraph of user text in any script.  ``width`` is the frame width, needed to break
    right-to-left lines before their words are put in display order."""
    style = styles()[style_name]
    if needs_shaping(text):
        # HarfBuzz joins Arabic letters and orders Hebrew and Indic glyphs.  Only switched on
        # where needed, because it also adds decorative ligatures to plain English.
        style = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
    if not any(unicodedata.bidirectional(c) in RTL_CLASSES for c in text):
        return Paragraph(safe_markup(text), style)
    base_rtl = is_rtl(text)
    lines = []
    for source_line in text.split("\n"):
        for words in _wrap(source_line.split(), width, style):
            lines.append(" ".join(safe_markup(w) for w in _visual_words(words, base_rtl)))
    aligned = ParagraphStyle(f"{style.name}-rtl", parent=style,
                             alignment=TA_RIGHT if base_rtl else style.alignment)
    return Paragraph("<br/>".join(lines), aligned)
