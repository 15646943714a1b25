"""Measure how long re-theming the whole window takes (run by careersdesk-admin bench).

Usage: ``python -m ui.bench_display SCHOOL_DB``; prints the median milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import time

from PySide6.QtWidgets import QApplication

from careersdesk.config import MachineConfig
from careersdesk.db import open_school_database
from careersdesk.services import Services
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.style import apply_display


def main(database: str) -> float:
    app = QApplication(sys.argv[:1])
    services = Services(open_school_database(database))
    window = MainWindow(AppContext(services=services, config=MachineConfig(), is_demo=True))
    window.show()
    page = window.sign_in_page
    page.staff_button.click()
    page.username.setText("leader")
    page.secret.setText("demo-leader")
    page.sign_in_button.click()
    if window.workspace is not None:
        window.workspace.open_page("pupils")  # a 1,500-row list makes restyling real work
    app.processEvents()
    times = []
    for theme in ["high-contrast-dark", "cream", "high-contrast-light", "standard"] * 3:
        started = time.perf_counter()
        apply_display(app, theme, 150 if theme != "standard" else 100)
        app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
    services.close()
    return statistics.median(times)


if __name__ == "__main__":
    print(main(sys.argv[1]))
