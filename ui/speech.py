"""Read-aloud with the computer's own voices (pyttsx3: SAPI5 on Windows, NSSpeechSynthesizer on
macOS, eSpeak on Linux), a sentence at a time so the sentence being read can be highlighted.

Speaking runs on a worker thread; the window hears about each sentence through a queued Qt
signal, so the app never waits for the voice. Where the computer has no voice the controls say
why instead of failing. Pause takes effect at the end of the sentence being read: the voices
cannot stop half way through a word and carry on later.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QWidget,
)

from careersdesk.content.schema import sentences as _sentences_in


def sentences(text: str) -> list[str]:
    """Text cut into sentences for reading one at a time; each line (a heading, a list item)
    is read on its own, so a heading never runs into the sentence after it."""
    return [sentence for line in text.splitlines() for sentence in _sentences_in(line)]

SPEEDS = (("Slow", 0.7), ("Normal", 1.0), ("Fast", 1.3))
BASE_WORDS_PER_MINUTE = 170
# Tests and the bench use pyttsx3's silent "dummy" voice; everyone else gets the system's.
DRIVER_VARIABLE = "CAREERSDESK_SPEECH_DRIVER"

def _no_voice_reason(error: BaseException) -> str:
    return ("This computer has no voice that CareersDesk can use, so it cannot read aloud. "
            "Ask IT staff to add a text-to-speech voice (Windows: Settings, Time and language, "
            f"Speech). Details: {error}")


class ReadAloud(QObject):
    """Reads text aloud sentence by sentence; signals say which sentence is being read."""

    sentence_started = Signal(int, str)  # index, sentence
    finished = Signal()
    unavailable = Signal(str)  # why it cannot read aloud
    # The voice's thread emits only these; queued connections carry them to the window's
    # thread, which re-emits the public signals above, so any slot can safely touch widgets.
    _voice_started = Signal(int, str)
    _voice_finished = Signal()
    _voice_unavailable = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        queued = Qt.ConnectionType.QueuedConnection
        self._voice_started.connect(self.sentence_started, queued)
        self._voice_finished.connect(self.finished, queued)
        self._voice_unavailable.connect(self.unavailable, queued)
        self.speed = 1.0
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._resume = threading.Event()
        self._resume.set()
        self._engine: Any = None
        self.reading = False

    @property
    def paused(self) -> bool:
        return not self._resume.is_set()

    def play(self, text: str) -> bool:
        """Start reading ``text`` from the top (stopping anything being read)."""
        self.stop()
        parts = sentences(text)
        if not parts:
            return False
        self._stop.clear()
        self._resume.set()
        self.reading = True
        self._thread = threading.Thread(target=self._speak, args=(parts,), daemon=True,
                                        name="read-aloud")
        self._thread.start()
        return True

    def pause(self) -> None:
        self._resume.clear()

    def resume(self) -> None:
        self._resume.set()

    def stop(self) -> None:
        self._stop.set()
        self._resume.set()
        engine = self._engine
        if engine is not None:
            try:
                engine.stop()
            except Exception:  # the voice may already have finished
                pass
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self.reading = False

    def _speak(self, parts: list[str]) -> None:
        try:
            import pyttsx3

            engine = pyttsx3.init(os.environ.get(DRIVER_VARIABLE) or None)
            engine.setProperty("rate", int(BASE_WORDS_PER_MINUTE * self.speed))
        except Exception as error:  # no driver, no voice, no sound system
            self.reading = False
            self._voice_unavailable.emit(_no_voice_reason(error))
            return
        self._engine = engine

        def started(name: str) -> None:
            index = int(name)
            self._voice_started.emit(index, parts[index])

        def ended(name: str, completed: bool) -> None:
            # Pause waits here, between sentences; Stop empties the rest of the queue.
            self._resume.wait()
            if self._stop.is_set():
                engine.stop()
            else:
                engine.setProperty("rate", int(BASE_WORDS_PER_MINUTE * self.speed))

        hooks = [engine.connect("started-utterance", started),
                 engine.connect("finished-utterance", ended)]
        try:
            # Every sentence is queued at once and spoken in one run, each under its number.
            for index, sentence in enumerate(parts):
                engine.say(sentence, str(index))
            engine.runAndWait()
        except Exception as error:  # a voice that fails part-way: say so, keep the app going
            self._voice_unavailable.emit(_no_voice_reason(error))
        finally:
            for hook in hooks:
                engine.disconnect(hook)
            self._engine = None
            self.reading = False
            self._voice_finished.emit()


class ReadAloudBar(QWidget):
    """Play / Pause / Stop and a speed choice for one text view, highlighting each sentence."""

    def __init__(self, target: QTextBrowser | None = None, parent: QWidget | None = None,
                 text_source: Any = None) -> None:
        super().__init__(parent)
        self.target = target
        self.text_source = text_source  # a callable giving the text, when there is no view
        self.reader = ReadAloud(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.play_button = QPushButton(self.tr("Read &aloud"))
        self.play_button.setAccessibleDescription(self.tr("Reads this page aloud"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.speed = QComboBox()
        self.speed.setAccessibleName(self.tr("Reading speed"))
        for name, factor in SPEEDS:
            self.speed.addItem(self.tr(name), factor)
        self.speed.setCurrentIndex(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Read aloud"))
        for widget in (self.play_button, self.pause_button, self.stop_button, self.speed):
            layout.addWidget(widget)
        layout.addWidget(self.status, 1)
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        self.play_button.clicked.connect(self.play)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.speed.currentIndexChanged.connect(
            lambda: setattr(self.reader, "speed", float(self.speed.currentData())))
        self.reader.sentence_started.connect(self._sentence)
        self.reader.finished.connect(self._finished)
        self.reader.unavailable.connect(self._unavailable)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt name)
        # Leaving the page (or signing out) stops the voice: nobody is there to listen.
        if self.reader.reading:
            self.stop()
        super().hideEvent(event)

    def text(self) -> str:
        if self.target is not None:
            return self.target.toPlainText()
        return str(self.text_source()) if self.text_source is not None else ""

    def play(self) -> bool:
        started = self.reader.play(self.text())
        self.pause_button.setEnabled(started)
        self.stop_button.setEnabled(started)
        self.pause_button.setText(self.tr("Pause"))
        if started:
            self.status.setText(self.tr("Starting to read…"))
        return started

    def toggle_pause(self) -> None:
        if self.reader.paused:
            self.reader.resume()
            self.pause_button.setText(self.tr("Pause"))
        else:
            self.reader.pause()
            self.pause_button.setText(self.tr("Carry on"))
            self.status.setText(self.tr("Paused at the end of this sentence."))

    def stop(self) -> None:
        self.reader.stop()
        self._finished()

    def _sentence(self, index: int, sentence: str) -> None:
        self.status.setText(self.tr("Reading: {sentence}").format(sentence=sentence))
        if self.target is not None:
            highlight_sentence(self.target, sentence)

    def _finished(self) -> None:
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        if self.target is not None:
            self.target.setExtraSelections([])
        if not self.status.text().startswith(self.tr("This computer has no voice")):
            self.status.setText("")

    def _unavailable(self, reason: str) -> None:
        self.status.setText(reason)
        self.play_button.setToolTip(reason)


def highlight_sentence(view: QTextBrowser, sentence: str) -> bool:
    """Mark ``sentence`` in the view (without moving the reader's own selection)."""
    found = view.document().find(sentence, 0, QTextDocument.FindFlag(0))
    if found.isNull():
        # Long sentences may wrap differently in the document: mark the first few words.
        found = view.document().find(" ".join(sentence.split()[:4]))
    if found.isNull():
        return False
    selection = QTextEdit.ExtraSelection()
    selection.cursor = found
    text_format = QTextCharFormat()
    text_format.setBackground(QColor("#ffe066"))
    text_format.setForeground(QColor("#111111"))
    selection.format = text_format
    view.setExtraSelections([selection])
    # Scroll the sentence into view without touching the reader's own cursor or selection.
    place = view.cursorRect(QTextCursor(found))
    if not view.viewport().rect().contains(place):
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + place.top() - view.viewport().height() // 3)
    return True
