"""Read-aloud: sentence by sentence with the sentence marked, and a clear message without a
voice. pyttsx3's silent "dummy" voice stands in for the computer's own."""

import pytest
from PySide6.QtWidgets import QTextBrowser

from ui.speech import DRIVER_VARIABLE, ReadAloudBar, sentences


def test_text_is_read_a_sentence_at_a_time():
    assert sentences("Vets treat animals. They work hard!\nIs it for you?  Maybe") == [
        "Vets treat animals.", "They work hard!", "Is it for you?", "Maybe"]
    assert sentences("   \n ") == []


@pytest.fixture
def bar(qtbot):
    view = QTextBrowser()
    view.setPlainText("Zookeepers feed animals. They clean the enclosures. They talk to visitors.")
    bar = ReadAloudBar(view)
    qtbot.addWidget(view)
    qtbot.addWidget(bar)
    bar.show()
    yield bar
    bar.reader.stop()


def test_each_sentence_is_marked_as_it_is_read(bar, qtbot, monkeypatch):
    monkeypatch.setenv(DRIVER_VARIABLE, "dummy")
    heard, marked, said = [], [], []

    def note(index, sentence):  # runs after the bar has marked the sentence
        heard.append(sentence)
        selection = bar.target.extraSelections()[0]  # kept, so its cursor stays alive
        marked.append(selection.cursor.selectedText())
        said.append(bar.status.text())

    bar.reader.sentence_started.connect(note)
    with qtbot.waitSignal(bar.reader.finished, timeout=15000):
        assert bar.play()
        assert bar.stop_button.isEnabled() and bar.pause_button.isEnabled()
    sentences_read = ["Zookeepers feed animals.", "They clean the enclosures.",
                      "They talk to visitors."]
    assert heard == marked == sentences_read
    assert said == [f"Reading: {sentence}" for sentence in sentences_read]
    qtbot.waitUntil(lambda: not bar.stop_button.isEnabled())
    assert bar.target.extraSelections() == []


def test_stop_ends_reading_at_once(bar, qtbot, monkeypatch):
    monkeypatch.setenv(DRIVER_VARIABLE, "dummy")
    with qtbot.waitSignal(bar.reader.sentence_started, timeout=5000):
        bar.play()
    bar.stop()
    assert not bar.reader.reading and not bar.stop_button.isEnabled()


def test_without_a_voice_the_button_says_why(bar, qtbot, monkeypatch):
    monkeypatch.setenv(DRIVER_VARIABLE, "no-such-voice")
    with qtbot.waitSignal(bar.reader.unavailable, timeout=5000):
        bar.play()
    qtbot.waitUntil(lambda: bar.status.text().startswith("This computer has no voice"))
    assert "Ask IT staff" in bar.play_button.toolTip()
