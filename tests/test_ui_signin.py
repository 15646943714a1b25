"""The window as a person meets it: sign in as each role, see your own pages, sign out, idle lock."""

import pytest
from conftest import DEMO_LOGINS
from PySide6.QtWidgets import QLabel
from tests_support import sign_in

from careersdesk.config import MachineConfig
from careersdesk.db import open_school_database
from careersdesk.models import Role
from careersdesk.services import Services
from ui.about import AboutDialog
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.pupils import PupilsPage

STAFF_NAV = ["Pupils", "Guidance", "Encounters", "Reports", "Settings"]
PUPIL_NAV = ["My careers", "Explore", "Quiz", "Routes", "What I like", "My encounters", "My plan"]


@pytest.fixture
def window(qtbot, demo_services):
    context = AppContext(services=demo_services, config=MachineConfig(), is_demo=True)
    main = MainWindow(context)
    qtbot.addWidget(main)
    main.show()
    return main


def nav_titles(window):
    nav = window.workspace.nav
    return [nav.item(row).text() for row in range(nav.count())]


def a_pupil_username(window):
    return window.context.services.school.sample_usernames()[0][0]


def test_demo_sign_in_screen_lists_the_demo_accounts(window):
    text = " ".join(label.text() for label in window.sign_in_page.findChildren(QLabel))
    for username, password in DEMO_LOGINS.values():
        assert username in text and password in text
    assert "1234" in text
    assert "demo" in window.windowTitle().lower()


@pytest.mark.parametrize("role", list(DEMO_LOGINS))
def test_each_staff_role_signs_in_to_staff_navigation(window, role):
    sign_in(window, *DEMO_LOGINS[role], pupil=False)
    assert window.workspace is not None
    assert window.context.session.role is role
    assert nav_titles(window) == STAFF_NAV
    assert isinstance(window.workspace.current_page(), PupilsPage)
    assert window.workspace.current_page().model.rowCount() > 0


def test_pupil_signs_in_to_own_home(window):
    sign_in(window, a_pupil_username(window), "1234", pupil=True)
    assert nav_titles(window) == PUPIL_NAV
    home_text = " ".join(label.text() for label in window.workspace.current_page().findChildren(QLabel))
    assert home_text.startswith("Hello, ")
    assert window.context.session.display_name in window.windowTitle()


def test_pupil_cannot_open_staff_pages(window, qtbot):
    sign_in(window, a_pupil_username(window), "1234", pupil=True)
    for key in ("pupils", "guidance", "encounters", "reports", "settings"):
        with qtbot.waitSignal(window.workspace.page_refused):
            assert window.workspace.open_page(key) is False
        assert window.workspace.current_key == "my-careers"
    assert not any(isinstance(page, PupilsPage) for page in window.workspace.findChildren(PupilsPage))


def test_wrong_pin_shows_a_message_and_clears_the_pin(window):
    sign_in(window, a_pupil_username(window), "9999", pupil=True)
    page = window.sign_in_page
    assert window.workspace is None
    assert page.message.isVisible() and "do not match" in page.message.text()
    assert page.secret.text() == ""


def test_pin_box_takes_digits_only(window, qtbot):
    page = window.sign_in_page
    page.pupil_button.click()
    qtbot.keyClicks(page.secret, "12ab34")
    assert page.secret.text() == "1234"


def test_sign_out_returns_to_an_empty_sign_in(window):
    username = a_pupil_username(window)
    sign_in(window, username, "1234", pupil=True)
    window.sign_out_action.trigger()
    assert window.workspace is None and window.context.session is None
    assert window.stack.currentWidget() is window.sign_in_page
    assert window.sign_in_page.username.text() == ""  # never left for the next pupil


def test_idle_pupil_is_signed_out(window):
    sign_in(window, a_pupil_username(window), "1234", pupil=True)
    assert window.idle.running
    window.idle.idle.emit()
    assert window.context.session is None
    assert "signed out" in window.sign_in_page.message.text()


def test_idle_staff_session_locks_and_unlocks(window):
    sign_in(window, *DEMO_LOGINS[Role.ADVISER], pupil=False)
    window.idle.idle.emit()
    assert window.is_locked and window.context.session is not None
    window.lock_page.password.setText("not it")
    window.lock_page.unlock_button.click()
    assert window.is_locked and "not right" in window.lock_page.message.text()
    window.lock_page.password.setText("demo-adviser")
    window.lock_page.unlock_button.click()
    assert not window.is_locked
    assert window.stack.currentWidget() is window.workspace


def test_locked_staff_can_sign_out_instead(window):
    sign_in(window, *DEMO_LOGINS[Role.SEND], pupil=False)
    window.lock_action.trigger()
    window.lock_page.sign_out_button.click()
    assert window.context.session is None


def test_keyboard_shortcuts_move_between_pages(window, qtbot):
    sign_in(window, *DEMO_LOGINS[Role.ADMIN], pupil=False)
    window.workspace.open_page("settings")
    assert window.workspace.current_key == "settings"
    window.workspace.nav.setFocus()
    qtbot.keyClick(window.workspace.nav, "1", modifier=qtbot_modifiers().ControlModifier)
    assert window.workspace.current_key == "pupils"


def qtbot_modifiers():
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier


def test_about_box_shows_versions_and_notices(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert "CareersDesk" in text and "SQLite" in text and "Qt" in text
    assert "Open Government Licence v3.0" in text and "CC BY 4.0" in text and "modified" in text


def test_new_school_is_set_up_then_signed_in(qtbot, tmp_path):
    services = Services(open_school_database(tmp_path / "new.db"))
    window = MainWindow(AppContext(services=services, config=MachineConfig()))
    qtbot.addWidget(window)
    setup = window.setup_page
    assert setup is not None and window.stack.currentWidget() is setup
    setup.school_name.setText("Brookfield School")
    setup.admin_name.setText("Sam Head")
    setup.username.setText("shead")
    setup.password.setText("long enough")
    setup.confirm.setText("different")
    setup.create_button.click()
    assert "different" in setup.message.text()
    setup.confirm.setText("long enough")
    setup.create_button.click()
    assert setup.recovery_key.count("-") == 7 and setup.recovery_key in setup.message.text()
    setup.create_button.click()  # "I have kept the recovery key: continue"
    assert window.stack.currentWidget() is window.sign_in_page
    assert window.sign_in_page.school_label.text() == "Brookfield School"
    sign_in(window, "shead", "long enough", pupil=False)
    assert window.context.session.role is Role.ADMIN
    services.close()


def test_admin_adds_a_staff_member_who_can_sign_in(window):
    sign_in(window, *DEMO_LOGINS[Role.ADMIN], pupil=False)
    window.workspace.open_page("settings")
    page = window.workspace.current_page()
    page.new_username.setText("jbloggs")
    page.new_name.setText("Jo Bloggs")
    page.new_role.setCurrentIndex(0)
    page.new_password.setText("password123")
    page.add_staff_button.click()
    assert "Added Jo Bloggs" in page.staff_message.text()
    listed = [page.staff_list.item(i).text() for i in range(page.staff_list.count())]
    assert any("jbloggs" in entry for entry in listed)
    window.sign_out()
    sign_in(window, "jbloggs", "password123", pupil=False)
    assert window.context.session.role is Role.ADVISER


def test_pupil_list_filters(window, qtbot):
    sign_in(window, *DEMO_LOGINS[Role.CAREERS_LEADER], pupil=False)
    page = window.workspace.current_page()
    everyone = page.model.rowCount()
    page.priority_only.setChecked(True)
    assert 0 < page.model.rowCount() < everyone
    page.priority_only.setChecked(False)
    page.year.setCurrentIndex(page.year.findData(13))
    assert all(p.year_group == 13 for p in page.model.pupils)
    page.search.setText("zzzz-nobody")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.count_label.text() == "0 pupils"


def test_machine_settings_name_the_school(qtbot, demo_services):
    config = MachineConfig(school_name="Brookfield High (set by IT)")
    window = MainWindow(AppContext(services=demo_services, config=config, is_demo=True))
    qtbot.addWidget(window)
    assert window.sign_in_page.school_label.text() == "Brookfield High (set by IT)"
    assert "Brookfield High" in window.windowTitle()


def test_the_demo_sign_in_window_opens_without_loading_encryption_pdf_or_library_code(
        demo_db_path, tmp_path):
    """The sign-in screen is what everyone waits for at the start of a lesson: it must not
    wait for libraries that only signed-in pages use (they load on first use)."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    script = (
        "import sys\n"
        "from ui.app import main\n"
        f"code = main(['--db', {str(demo_db_path)!r}, '--smoke'])\n"
        "print(' '.join(sorted(sys.modules)))\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"),
               CAREERSDESK_CONFIG=str(tmp_path / "none.toml"))
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert "ui.signin" in loaded and "careersdesk.services.school" in loaded
    heavy = ("cryptography", "argon2", "reportlab", "jinja2", "sqlite_utils", "textstat",
             "careersdesk.services.pupils", "careersdesk.content.search", "ui.pages.explore")
    assert sorted(loaded & set(heavy)) == []


def test_a_window_says_what_the_app_waits_for_while_another_machine_holds_the_database(
        qtbot, tmp_path):
    import sqlite3
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from ui.app import open_context, parse_args

    path = tmp_path / "shared.db"
    open_school_database(path, network=True).close()
    holder = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")  # another machine saving a big import
    release = threading.Timer(2.5, holder.execute, ["COMMIT"])
    release.start()
    shown: list[str] = []

    def look() -> None:
        shown.extend(widget.labelText() for widget in QApplication.topLevelWidgets()
                     if isinstance(widget, QProgressDialog) and widget.isVisible())

    watcher = QTimer()
    watcher.timeout.connect(look)
    watcher.start(100)
    context = open_context(parse_args(["--db", str(path)]),
                           MachineConfig(network_database=True))
    watcher.stop()
    release.join()
    holder.close()
    assert shown and "Waiting for the school database" in shown[0]
    assert context.services.database.on_network  # ...and then it opened as usual
    look_after = [w for w in QApplication.topLevelWidgets()
                  if isinstance(w, QProgressDialog) and w.isVisible()]
    assert look_after == []  # the waiting window has gone
    context.services.close()


def test_an_open_that_fails_after_a_wait_still_reports_its_message(qtbot):
    from careersdesk.errors import DatabaseOpenError
    from ui.tasks import wait_showing_progress

    def slow_failure() -> None:
        import time

        time.sleep(0.3)
        raise DatabaseOpenError("The school database is in use by another program.")

    with pytest.raises(DatabaseOpenError, match="in use by another program"):
        wait_showing_progress(slow_failure, "Waiting.", show_after_s=0.05)
