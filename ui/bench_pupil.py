"""Measure the pupil pages as a pupil feels them (run by careersdesk-admin bench).

Usage: ``python -m ui.bench_pupil SCHOOL_DB QUERIES_FILE``; prints one JSON object:

* explore_keystroke_p95_ms: a key typed in the search box until the result list shows the new
  results, typing every query of the bench list one letter at a time (the short pause that
  lets a burst of keys run one search is included);
* profile_open_p95_ms: choosing a result until its profile page is shown;
* quiz_result_ms: the last answer of the quiz until the result screen with suggestions.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from careersdesk.config import MachineConfig
from careersdesk.db import open_school_database
from careersdesk.services import Services
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.explore import ExplorePage
from ui.pages.quiz import QuizPage
from ui.speech import DRIVER_VARIABLE


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def wait_for(signal: object, timeout_ms: int = 5000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)  # type: ignore[attr-defined]


def main(database: str, queries_file: str) -> dict[str, float]:
    app = QApplication(sys.argv[:1])
    services = Services(open_school_database(database))
    window = MainWindow(AppContext(services=services, config=MachineConfig(), is_demo=True))
    window.show()
    username = services.school.sample_usernames()[0][0]
    page = window.sign_in_page
    page.pupil_button.click()
    page.username.setText(username)
    page.secret.setText("1234")
    page.sign_in_button.click()
    assert window.workspace is not None
    window.workspace.open_page("explore")
    explore = window.workspace.current_page()
    assert isinstance(explore, ExplorePage)
    app.processEvents()
    queries = [line.strip() for line in Path(queries_file).read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    keystrokes: list[float] = []
    opens: list[float] = []
    for query in queries[:120]:
        explore.search.clear()
        wait_for(explore.results_updated)
        for end in range(1, min(len(query), 12) + 1):
            started = time.perf_counter()
            explore.search.setText(query[:end])
            wait_for(explore.results_updated)
            keystrokes.append((time.perf_counter() - started) * 1000)
        if explore.results.count() > 1:
            started = time.perf_counter()
            explore.results.setCurrentRow(1)  # what a click on the second result does
            app.processEvents()
            opens.append((time.perf_counter() - started) * 1000)
    window.workspace.open_page("quiz")
    quiz = window.workspace.current_page()
    assert isinstance(quiz, QuizPage)
    quiz.restart()
    for statement in quiz.statements[:-1]:
        quiz.answer(5 if statement.type in "SA" else 2)
    started = time.perf_counter()
    quiz.answer(4)
    app.processEvents()
    quiz_ms = (time.perf_counter() - started) * 1000
    # Read-aloud: Play until the first sentence starts, with pyttsx3's silent voice standing in
    # for the computer's (this measures CareersDesk's part, not a particular voice's).
    os.environ.setdefault(DRIVER_VARIABLE, "dummy")
    window.workspace.open_page("explore")
    explore.show_job("vet")
    starts = []
    for _ in range(5):
        started = time.perf_counter()
        explore.read_aloud.play()
        wait_for(explore.read_aloud.reader.sentence_started)
        starts.append((time.perf_counter() - started) * 1000)
        explore.read_aloud.stop()
    services.close()
    return {"read_aloud_start_ms": round(statistics.median(starts), 1),
            "explore_keystroke_p95_ms": round(p95(keystrokes), 1),
            "explore_keystrokes_measured": len(keystrokes),
            "profile_open_p95_ms": round(p95(opens), 1),
            "quiz_result_ms": round(quiz_ms, 1)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
