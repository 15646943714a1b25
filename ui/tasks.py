"""Long work off the UI thread, with a progress dialog that appears only if it takes a while.

Each task gets its own connection to the school database (SQLite connections are not shared
between threads); the result comes back on the UI thread through a signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

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
    dialog = _progress_dialog(label, parent, parent.tr("Cancel") if cancellable else None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)  # appears only if the work takes a while
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
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


def _progress_dialog(label: str, parent: QWidget | None, cancel: str | None) -> QProgressDialog:
    """A progress dialog with a busy bar until told otherwise, and no Cancel button when
    ``cancel`` is None."""
    dialog = QProgressDialog(label, cancel or "", 0, 0, parent)
    if cancel is None:
        dialog.setCancelButton(None)
    return dialog


T = TypeVar("T")


def wait_showing_progress(work: Callable[[], T], message: str, show_after_s: float) -> T:
    """Run ``work`` on a thread and return what it returns (or raise what it raised), for the
    moments when nothing can go on without it, such as opening the school database at start.

    If it takes longer than ``show_after_s``, a small window says what is happening until it
    ends. Opening a shared database can wait up to a minute for another machine that is
    saving to it; with nothing on screen meanwhile, people think the app failed to start and
    start it again and again.
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="careersdesk-wait", daemon=True)
    thread.start()
    thread.join(show_after_s)  # most of the time it is done by now and no window is made
    if thread.is_alive():
        # Nothing safe to cancel: the work ends on its own.
        waiting = _progress_dialog(message, None, None)
        wrapped = QLabel(message)
        wrapped.setWordWrap(True)
        waiting.setLabel(wrapped)
        waiting.setMinimumWidth(440)
        waiting.setWindowTitle("CareersDesk")
        waiting.setAccessibleName("Waiting")
        waiting.setWindowModality(Qt.WindowModality.ApplicationModal)
        waiting.setMinimumDuration(0)
        waiting.show()
        while thread.is_alive():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            thread.join(0.05)
        waiting.close()
        waiting.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return cast(T, outcome["value"])
