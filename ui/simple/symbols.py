"""The symbols drawn for simplified mode (resources/icons/*.svg), as icons for buttons.

Drawn through QtSvg rather than loaded by file name, so the SVG support is always part of the
app (and of the frozen bundle), and a missing symbol shows a blank square instead of failing.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer

from careersdesk.resources import resource_path

SYMBOL_SIZE = 64


def symbol_name(picture: str) -> str:
    """A quiz statement's picture ("magnifying glass") as a symbol file name."""
    return picture.strip().lower().replace(" ", "-")


@cache
def symbol_pixmap(name: str, size: int = SYMBOL_SIZE) -> QPixmap:
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    path = resource_path("icons", f"{symbol_name(name)}.svg")
    if path.is_file():
        renderer = QSvgRenderer(str(path))
        if renderer.isValid():
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            # Symbols are drawn in near-black lines, so each sits on its own white card: it
            # then reads the same on the high-contrast dark theme as on the light ones.
            painter.setPen(QPen(QColor("#1b1b1b"), max(1.0, size / 48)))
            painter.setBrush(QColor("#ffffff"))
            edge = size * 0.04
            painter.drawRoundedRect(QRectF(edge, edge, size - 2 * edge, size - 2 * edge),
                                    size * 0.16, size * 0.16)
            inset = size * 0.1
            renderer.render(painter, QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
            painter.end()
    return pixmap


def symbol(name: str) -> QIcon:
    return QIcon(symbol_pixmap(name))


def has_symbol(name: str) -> bool:
    return resource_path("icons", f"{symbol_name(name)}.svg").is_file()
