"""Text boxes that take any Unicode text up to a stated limit, and say so when full.

A pupil who pastes a whole essay or leans on a key should see a plain message, not a box that
silently stops or a save that fails later.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit


def _full_message(limit: int) -> str:
    return QCoreApplication.translate("TextLimits", "This box is full: it takes up to {limit:,} "
                                      "letters.").format(limit=limit)


def limit_line(edit: QLineEdit, limit: int, message: QLabel) -> None:
    """Cap a one-line box at ``limit`` characters and tell the person when they reach it."""
    edit.setMaxLength(limit)
    edit.setAccessibleDescription(QCoreApplication.translate(
        "TextLimits", "Up to {limit:,} letters").format(limit=limit))
    edit.textChanged.connect(
        lambda text: message.setText(_full_message(limit)) if len(text) >= limit else None)


def limit_text(edit: QPlainTextEdit, limit: int, message: QLabel) -> None:
    """Cap a many-line box at ``limit`` characters; extra text (a big paste) is cut off with a
    message, and what was there before stays."""
    edit.setAccessibleDescription(QCoreApplication.translate(
        "TextLimits", "Up to {limit:,} letters").format(limit=limit))

    def enforce() -> None:
        text = edit.toPlainText()
        if len(text) <= limit:
            return
        cursor = edit.textCursor()
        position = min(cursor.position(), limit)
        edit.blockSignals(True)
        edit.setPlainText(text[:limit])
        edit.blockSignals(False)
        cursor = edit.textCursor()
        cursor.setPosition(position)
        edit.setTextCursor(cursor)
        message.setText(_full_message(limit))

    edit.textChanged.connect(enforce)
