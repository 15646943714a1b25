"""A page whose feature is still to be built.  It says so plainly instead of pretending."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    def __init__(self, title: str, promise: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("heading")
        layout.addWidget(heading)
        notice = QLabel(self.tr("Not built yet. This page is a placeholder in this version of "
                                "CareersDesk: nothing here works yet."))
        notice.setObjectName("placeholderNotice")
        notice.setWordWrap(True)
        layout.addWidget(notice)
        text = QLabel(self.tr("When it is built, it will let you {promise}").format(promise=promise))
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addStretch(1)
        self.setAccessibleName(self.tr("{title} (not built yet)").format(title=title))
