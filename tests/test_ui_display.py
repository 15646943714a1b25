"""Themes and text size: for staff on this machine, for pupils wherever they sign in."""

from conftest import DEMO_LOGINS
from PySide6.QtWidgets import QApplication
from tests_support import sign_in

from careersdesk.config import MachineConfig
from ui.context import AppContext
from ui.main_window import MainWindow


def background(app):
    return app.palette().color(app.palette().ColorRole.Window).name()


def make_window(qtbot, services):
    window = MainWindow(AppContext(services=services, config=MachineConfig(), is_demo=True))
    qtbot.addWidget(window)
    window.show()
    return window


def test_staff_theme_and_text_size_stay_on_the_machine(qtbot, demo_services):
    window = make_window(qtbot, demo_services)
    sign_in(window, *DEMO_LOGINS[next(iter(DEMO_LOGINS))], pupil=False)
    window.theme_actions["high-contrast-dark"].trigger()
    window.size_actions[150].trigger()
    app = QApplication.instance()
    assert "#ffff66" in app.styleSheet() and "30.0pt" in app.styleSheet()
    assert app.palette().color(app.palette().ColorRole.Window).name() == "#000000"
    assert app.font().pointSizeF() == 15.0
    window.theme_actions["standard"].trigger()
    window.size_actions[100].trigger()
    assert "#ffff66" not in app.styleSheet()


def test_pupil_preferences_follow_the_pupil_and_leave_with_them(qtbot, demo_services):
    window = make_window(qtbot, demo_services)
    username = demo_services.school.sample_usernames()[1][0]
    sign_in(window, username, "1234", pupil=True)
    window.theme_actions["cream"].trigger()
    window.size_actions[200].trigger()
    session = window.context.session
    prefs = demo_services.pupils.get(session, session.user_id).accessibility
    assert (prefs.theme, prefs.text_scale_percent) == ("cream", 200)
    app = QApplication.instance()
    assert background(app) == "#fbf5e6"
    window.sign_out()
    assert background(app) != "#fbf5e6"  # the next person gets the machine's settings
    sign_in(window, username, "1234", pupil=True)
    assert background(app) == "#fbf5e6" and app.font().pointSizeF() == 20.0
    window.sign_out()


def test_event_handlers_written_in_python_do_not_leak(qtbot):
    """PySide6 6.12.0 dropped a reference to None on every Python event handler call, so the
    app aborted after a few thousand events (the idle lock filters every event). Any Qt build
    with that fault fails here rather than in a school."""
    import sys

    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from ui.interest_chart import InterestChart

    class Watcher(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt name)
            return False

    chart = InterestChart({"R": "Doer"})
    qtbot.addWidget(chart)
    chart.set_scores(dict.fromkeys("RIASEC", 50))
    chart.show()
    watcher = Watcher()
    QApplication.instance().installEventFilter(watcher)
    try:
        chart.repaint()
        before = sys.getrefcount(None)
        for _ in range(300):
            chart.repaint()
        after = sys.getrefcount(None)
    finally:
        QApplication.instance().removeEventFilter(watcher)
    assert before - after < 100, f"{before - after} references to None lost in 300 repaints"


def test_reading_aids_follow_the_pupil_and_leave_with_them(qtbot, demo_services):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont

    window = make_window(qtbot, demo_services)
    app = QApplication.instance()
    staff_family = app.font().family()
    username = demo_services.school.sample_usernames()[0][0]
    sign_in(window, username, "1234", pupil=True)
    window.aid_actions["dyslexia_font"].trigger()
    window.aid_actions["extra_spacing"].trigger()
    window.aid_actions["reduced_motion"].trigger()
    font = app.font()
    assert font.family() == "OpenDyslexic"
    assert font.letterSpacingType() == QFont.SpacingType.PercentageSpacing
    assert font.letterSpacing() == 110.0 and font.wordSpacing() == 3.0
    assert not app.isEffectEnabled(Qt.UIEffect.UI_AnimateCombo)
    session = window.context.session
    prefs = demo_services.pupils.get(session, session.user_id).accessibility
    assert prefs.dyslexia_font and prefs.extra_spacing and prefs.reduced_motion
    window.sign_out()  # the next person at this machine gets the machine's own settings
    assert app.font().family() == staff_family and app.font().letterSpacing() in (0.0, 100.0)
    assert not any(action.isChecked() for action in window.aid_actions.values())
    sign_in(window, username, "1234", pupil=True)  # and they come back with the pupil
    assert app.font().family() == "OpenDyslexic"


def test_damaged_preferences_fall_back_to_defaults_with_a_note():
    from careersdesk.models import AccessibilityPreferences

    prefs, notes = AccessibilityPreferences.from_mapping(
        {"theme": "neon", "text_scale_percent": 900, "dyslexia_font": "yes",
         "simplified_mode": True, "sparkles": 1})
    assert prefs == AccessibilityPreferences(simplified_mode=True)
    assert len(notes) == 4 and any("neon" in note for note in notes)
    assert AccessibilityPreferences.from_mapping("garbage")[0] == AccessibilityPreferences()
