"""Every control of every pupil page can be reached with the Tab key and has a name a screen
reader can say (issue 7: keyboard and screen reader)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)
from tests_support import sign_in

from careersdesk.config import MachineConfig
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.workspace import PUPIL_PAGES

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit,
               QTextBrowser, QAbstractSpinBox)


def spoken_name(widget: QWidget) -> str:
    """What a screen reader announces: the accessible name, else a button's own text."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    return ""


def interactive_widgets(page: QWidget) -> list[QWidget]:
    return [w for w in page.findChildren(QWidget)
            if isinstance(w, INTERACTIVE) and w.isVisibleTo(page) and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            # the inner parts of a combo box or a date box are spoken as the box itself
            and not isinstance(w.parent(), QComboBox | QAbstractSpinBox)]


def tab_through(window, page: QWidget, presses: int = 120) -> list[QWidget]:
    """Press Tab from the first control on the page and note where the focus goes."""
    window.activateWindow()
    QApplication.processEvents()
    first = interactive_widgets(page)[0]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [first]
    for _ in range(presses):
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is not None:
            visited.append(focused)
    return visited


@pytest.fixture
def pupil_window(qtbot, demo_services):
    window = MainWindow(AppContext(services=demo_services, config=MachineConfig(), is_demo=True))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    sign_in(window, demo_services.school.sample_usernames()[0][0], "1234", pupil=True)
    return window


@pytest.mark.parametrize("key", [entry.key for entry in PUPIL_PAGES])
def test_tab_reaches_every_control_and_each_has_a_name(pupil_window, key):
    pupil_window.workspace.open_page(key)
    page = pupil_window.workspace.current_page()
    controls = interactive_widgets(page)
    assert controls, f"{key} has nothing to use"
    nameless = [type(w).__name__ + ":" + w.objectName() for w in controls if not spoken_name(w)]
    assert nameless == [], f"{key}: controls without a name: {nameless}"
    visited = tab_through(pupil_window, page)
    unreached = [spoken_name(w) for w in controls if w not in visited]
    assert unreached == [], f"{key}: Tab never reaches {unreached}"
    # The sidebar and its Sign out button are in the same chain, so nobody is trapped.
    assert pupil_window.workspace.sign_out_button in visited


def test_simple_mode_screens_are_keyboard_complete(qtbot, demo_services):
    window = MainWindow(AppContext(services=demo_services, config=MachineConfig(), is_demo=True))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    window.sign_in_page.simple_mode.setChecked(True)
    sign_in(window, demo_services.school.sample_usernames()[2][0], "1234", pupil=True)
    workspace = window.workspace
    for open_screen in (workspace.go_home, workspace.start_quiz, workspace.show_plan,
                        workspace.show_saved_jobs, workspace.show_encounters):
        open_screen()
        screen = workspace.current_screen()
        controls = interactive_widgets(workspace)
        assert all(spoken_name(w) for w in controls), screen.heading_text
        visited = tab_through(window, workspace, presses=60)
        missing = [spoken_name(w) for w in controls if w not in visited]
        assert missing == [], f"{screen.heading_text}: Tab never reaches {missing}"
