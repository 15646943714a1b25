"""The look of the app, made from a colour theme and a text size, applied to the whole app.

Plain widgets take their colours from the palette, which is fast; the style sheet names only
the app's own parts, because a rule for every QWidget makes the first paint much slower.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from careersdesk.themes import Theme, theme_or_default

BASE_POINT_SIZE = 10.0
THEME_PROPERTY = "careersdeskTheme"


def style_sheet(theme: Theme, scale_percent: int = 100) -> str:
    t = theme

    def size(points: float) -> str:
        return f"{points * scale_percent / 100:.1f}pt"

    return f"""
QFrame#card {{ background: {t.surface}; border: 1px solid {t.muted_text}; border-radius: 10px;
    padding: 18px; }}
QLabel#heading {{ font-size: {size(20)}; font-weight: 600; color: {t.heading}; }}
QLabel#subheading {{ font-size: {size(13)}; color: {t.heading}; }}
QLabel#errorMessage {{ color: {t.error_text}; background: {t.error_background};
    border: 1px solid {t.error_text}; border-radius: 4px; padding: 6px; }}
QLabel#placeholderNotice {{ color: {t.notice_text}; background: {t.notice_background};
    border: 1px solid {t.notice_text}; border-radius: 4px; padding: 8px; }}
QLabel#demoBox {{ color: {t.good_text}; background: {t.good_background};
    border: 1px solid {t.good_text}; border-radius: 4px; padding: 8px; }}
QPushButton {{ padding: 6px 14px; min-height: 24px; }}
QPushButton#pinKey {{ min-height: 48px; min-width: 56px; font-size: {size(16)}; font-weight: 600; }}
QPushButton#primary {{ background: {t.accent}; color: {t.accent_text}; border: 1px solid {t.accent};
    border-radius: 5px; font-weight: 600; }}
QPushButton#toggle {{ border: 1px solid {t.muted_text}; border-radius: 5px;
    background: {t.surface}; color: {t.text}; }}
QPushButton#toggle:checked {{ background: {t.heading}; color: {t.surface}; }}
QWidget#sidebar {{ background: {t.sidebar}; min-width: 190px; max-width: 260px; }}
QWidget#sidebar QLabel {{ color: {t.sidebar_text}; padding: 6px; }}
QListWidget#nav {{ background: {t.sidebar}; color: {t.sidebar_text}; border: none;
    font-size: {size(12)}; }}
QListWidget#nav::item {{ padding: 10px 8px; }}
QListWidget#nav::item:selected {{ background: {t.selection}; color: {t.selection_text}; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QPlainTextEdit:focus, QListWidget:focus,
QTableView:focus, QPushButton:focus, QDateEdit:focus {{ border: 2px solid {t.focus}; }}
"""


def palette(theme: Theme) -> QPalette:
    colours = QPalette()
    role = QPalette.ColorRole
    for roles, colour in (((role.Window,), theme.background),
                          ((role.Base, role.Button, role.ToolTipBase), theme.surface),
                          ((role.AlternateBase,), theme.background),
                          ((role.WindowText, role.Text, role.ButtonText, role.ToolTipText),
                           theme.text),
                          ((role.PlaceholderText,), theme.muted_text),
                          ((role.Highlight,), theme.heading),
                          ((role.HighlightedText,), theme.surface),
                          ((role.Link,), theme.heading)):
        for each in roles:
            colours.setColor(each, QColor(colour))
    return colours


def apply_display(app: QApplication, theme_key: str | None, scale_percent: int = 100) -> str:
    """Theme and text size for the whole window at once; returns the theme actually used."""
    theme = theme_or_default(theme_key)
    scale = min(200, max(100, scale_percent))
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * scale / 100)
    app.setFont(font)
    app.setPalette(palette(theme))
    app.setStyleSheet(style_sheet(theme, scale))
    app.setProperty(THEME_PROPERTY, theme.key)
    return theme.key


def current_theme_key() -> str:
    app = QApplication.instance()
    value = app.property(THEME_PROPERTY) if app is not None else None
    return str(value) if value else "standard"


# -- reading aids: a dyslexia-friendly font, extra spacing, reduced motion --------------------

DYSLEXIA_FONT_FILES = ("OpenDyslexic-Regular.otf", "OpenDyslexic-Bold.otf")
BASE_FAMILY_PROPERTY = "careersdeskBaseFamily"
LETTER_SPACING_PERCENT = 110.0  # a tenth more room between letters
WORD_SPACING_POINTS = 3.0
UI_EFFECTS = (Qt.UIEffect.UI_AnimateMenu, Qt.UIEffect.UI_FadeMenu, Qt.UIEffect.UI_AnimateCombo,
              Qt.UIEffect.UI_AnimateTooltip, Qt.UIEffect.UI_FadeTooltip,
              Qt.UIEffect.UI_AnimateToolBox)


def dyslexia_font_family() -> str | None:
    """Load the bundled OpenDyslexic once; its family name, or None if it cannot be loaded."""
    from careersdesk.resources import resource_path

    families: list[str] = []
    for name in DYSLEXIA_FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None


def apply_reading_aids(app: QApplication, dyslexia_font: bool = False,
                       extra_spacing: bool = False, reduced_motion: bool = False) -> None:
    """Apply after apply_display (which sets the size): font family, spacing and motion."""
    base = app.property(BASE_FAMILY_PROPERTY)
    if not base:
        base = app.font().family()
        app.setProperty(BASE_FAMILY_PROPERTY, base)
    font = QFont(app.font())
    family = dyslexia_font_family() if dyslexia_font else None
    font.setFamily(family or str(base))
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing,
                          LETTER_SPACING_PERCENT if extra_spacing else 100.0)
    font.setWordSpacing(WORD_SPACING_POINTS if extra_spacing else 0.0)
    app.setFont(font)
    for effect in UI_EFFECTS:  # menus and lists appear at once instead of sliding or fading
        app.setEffectEnabled(effect, not reduced_motion)
