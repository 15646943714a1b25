"""The baseline for the start-up benchmark: an empty Qt main window, shown, then 'ready'.

careersdesk-admin bench times ``python ui/bare_window.py`` (run as a plain script, so nothing
of CareersDesk is imported) against the app's own --smoke start.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.show()

    def ready() -> None:
        print("ready", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
