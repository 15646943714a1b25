"""The symbols drawn for simplified mode (resources/icons/*.svg), as icons for buttons.

Drawn through QtSvg rather than loaded by file name, so the SVG support is always part of the
app (and of the frozen bundle), and a missing symbol shows a blank square instead of failing.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
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
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
    return pixmap


def symbol(name: str) -> QIcon:
    return QIcon(symbol_pixmap(name))


def has_symbol(name: str) -> bool:
    return resource_path("icons", f"{symbol_name(name)}.svg").is_file()
