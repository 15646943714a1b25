"""The About box: versions, where the data lives, and the notices the data sources require."""

from __future__ import annotations

import platform
import sqlite3

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from careersdesk import __version__
from careersdesk.notices import DATA_SOURCE_NOTICES


def about_html() -> str:
    versions = [
        ("CareersDesk", __version__),
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("SQLite", sqlite3.sqlite_version),
    ]
    rows = "".join(f"<tr><td>{name}</td><td>{value}</td></tr>" for name, value in versions)
    notices = "".join(f"<p><b>{source}</b><br>{notice}</p>" for source, notice in DATA_SOURCE_NOTICES)
    return (
        "<h2>CareersDesk</h2>"
        "<p>Careers guidance for secondary schools, that works without a network and keeps "
        "pupil data inside the school.</p>"
        f"<table cellspacing='6'>{rows}</table>"
        "<h3>Where the careers facts come from</h3>"
        f"{notices}"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About CareersDesk"))
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("About CareersDesk"))
        self.text.setHtml(about_html())
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
