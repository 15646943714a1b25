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
    heard = []
    bar.reader.sentence_started.connect(lambda index, sentence: heard.append(sentence))
    with qtbot.waitSignal(bar.reader.sentence_started, timeout=5000):
        assert bar.play()
    qtbot.waitUntil(lambda: bar.target.extraSelections() != [], timeout=5000)
    selection = bar.target.extraSelections()[0]
    marked = selection.cursor.selectedText()
    assert marked == "Zookeepers feed animals."
    assert bar.status.text() == "Reading: Zookeepers feed animals."
    assert bar.stop_button.isEnabled() and bar.pause_button.isEnabled()
    with qtbot.waitSignal(bar.reader.finished, timeout=15000):
        pass
    assert heard == ["Zookeepers feed animals.", "They clean the enclosures.",
                     "They talk to visitors."]
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
