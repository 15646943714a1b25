"""The look of the app, made from a colour theme and a text size, applied to the whole app.

Plain widgets take their colours from the palette, which is fast; the style sheet names only
the app's own parts, because a rule for every QWidget makes the first paint much slower.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
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
