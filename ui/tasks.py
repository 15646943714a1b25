"""Long work off the UI thread, with a progress dialog that appears only if it takes a while.

Each task gets its own connection to the school database (SQLite connections are not shared
between threads); the result comes back on the UI thread through a signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from careersdesk.errors import CareersDeskError

PROGRESS_DELAY_MS = 500
# Tasks still running.  Holding them here keeps their Python objects (and the signals that
# carry the result home) alive until they report, whatever the caller keeps.
_RUNNING: set[BackgroundTask] = set()


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)


class BackgroundTask(QRunnable):
    """Runs ``work(report_progress, cancelled)``; ``cancelled`` is a threading.Event."""

    def __init__(self, work: Callable[[Callable[[int, int], None], threading.Event], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self.cancelled = threading.Event()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit, self.cancelled)
        except CareersDeskError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug must still reach the person, not vanish in a thread
            self.signals.failed.emit(f"Something went wrong: {exc}")
        else:
            self.signals.finished.emit(result)


def wait_for_background_work(milliseconds: int = 30_000) -> bool:
    """Let running tasks finish, e.g. before the app quits and closes the database."""
    return bool(QThreadPool.globalInstance().waitForDone(milliseconds))


def run_in_background(parent: QWidget, label: str,
                      work: Callable[[Callable[[int, int], None], threading.Event], Any],
                      on_done: Callable[[Any], None], on_error: Callable[[str], None],
                      cancellable: bool = True) -> BackgroundTask:
    task = BackgroundTask(work)
    dialog = QProgressDialog(label, parent.tr("Cancel") if cancellable else "", 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)  # appears only if the work takes a while
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(task.cancelled.set)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _RUNNING.discard(task)
        if not shiboken6.isValid(parent) or not shiboken6.isValid(dialog):
            return  # the page was closed (signed out) while the work ran: nobody to tell
        dialog.close()
        dialog.deleteLater()
        callback(value)

    task.signals.progress.connect(progress)
    task.signals.finished.connect(lambda value: finish(on_done, value))
    task.signals.failed.connect(lambda message: finish(on_error, message))
    task.setAutoDelete(False)
    _RUNNING.add(task)
    QThreadPool.globalInstance().start(task)
    return task
