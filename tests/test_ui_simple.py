"""Simplified mode, used as a pupil with learning difficulties would use it."""

import pytest
from conftest import DEMO_LOGINS
from PySide6.QtWidgets import QApplication, QPushButton
from tests_support import sign_in

from careersdesk.config import MachineConfig
from careersdesk.models import Role
from careersdesk.services.guidance import ActionStatus, NewAction
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.simple.symbols import has_symbol
from ui.simple.workspace import SimpleWorkspace


@pytest.fixture
def simple_window(qtbot, demo_services):
    window = MainWindow(AppContext(services=demo_services, config=MachineConfig(), is_demo=True))
    qtbot.addWidget(window)
    window.resize(1100, 800)
    window.show()
    username = demo_services.school.sample_usernames()[1][0]
    window.sign_in_page.simple_mode.setChecked(True)  # the pupil ticks it at sign-in
    sign_in(window, username, "1234", pupil=True)
    return window


def press(workspace, name):
    button = workspace.current_screen().findChild(QPushButton, name)
    assert button is not None and button.isVisible(), name
    button.click()


def test_simple_mode_sticks_and_its_home_has_four_big_choices(simple_window, demo_services):
    workspace = simple_window.workspace
    assert isinstance(workspace, SimpleWorkspace)
    session = simple_window.context.session
    assert demo_services.pupils.get(session, session.user_id).accessibility.simplified_mode
    home = workspace.current_screen()
    choices = [home.findChild(QPushButton, name) for name in
               ("simpleSaved", "simpleFind", "simpleDone", "simplePlan")]
    assert [b.text() for b in choices] == ["Jobs I like", "Find jobs", "Things I have done",
                                           "My plan"]
    for button in home.findChildren(QPushButton):
        if button.isVisible():  # every target is far bigger than 44 x 44 px
            assert button.height() >= 44 and button.width() >= 44, button.text()
            assert not button.icon().isNull() or button.objectName() == "simpleFullApp"
    assert QApplication.font().pointSizeF() >= 18  # large text everywhere
    quiz = workspace.library.quiz()
    drawn = ["star", "search", "tick", "list", "thumbs-up", "question", "thumbs-down", "back",
             "home", "undo", "speaker", *(s.picture for s in quiz.short_statements)]
    assert [name for name in drawn if not has_symbol(name)] == []


def test_a_pupil_takes_the_short_quiz_saves_a_job_undoes_it_and_reads_their_plan(
        simple_window, demo_services):
    workspace = simple_window.workspace
    session = simple_window.context.session
    adviser = demo_services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADVISER])
    demo_services.guidance.add_action(adviser, session.user_id,
                                      NewAction("Visit the animal care course at college"))
    press(workspace, "simpleFind")
    press(workspace, "simpleQuiz")
    quiz = workspace.library.quiz()
    for statement in quiz.short_statements:
        screen = workspace.current_screen()
        assert statement.text in screen.spoken_text()  # one statement per screen, in words
        press(workspace, "simpleAnswer3" if statement.type == "S" else "simpleAnswer1")
    results = workspace.current_screen()
    assert results.heading_text == "Jobs you might like"
    latest = demo_services.careers.latest_interests(session, session.user_id)
    assert latest.short_form and latest.top_letters[0] == "S"
    first_job = [b for b in results.findChildren(QPushButton)
                 if b.objectName() not in ("simpleBack", "simpleHome")][0]
    first_job.click()
    job_screen = workspace.current_screen()
    title = job_screen.heading_text
    job = next(j for j in workspace.library.jobs() if j.title == title)
    assert job.easy_read in job_screen.spoken_text()  # the easy-read version
    press(workspace, "simpleSaveJob")
    assert job.slug in workspace.saved_slugs()
    assert workspace.undo_bar.isVisible() and title in workspace.undo_label.text()
    workspace.undo_button.click()
    assert job.slug not in workspace.saved_slugs()
    press(workspace, "simpleSaveJob")
    assert job.slug in workspace.saved_slugs()
    press(workspace, "simpleHome")
    press(workspace, "simplePlan")
    plan = workspace.current_screen()
    assert "I will visit the animal care course at college." in plan.spoken_text()
    done = [b for b in plan.findChildren(QPushButton) if "animal care" in b.accessibleName()]
    done[0].click()
    mine = demo_services.guidance.actions_for(adviser, session.user_id)
    assert [a.status for a in mine if "animal care" in a.text] == [ActionStatus.DONE]
    workspace.undo_button.click()
    mine = demo_services.guidance.actions_for(adviser, session.user_id)
    assert [a.status for a in mine if "animal care" in a.text] == [ActionStatus.NOT_STARTED]


def test_every_screen_has_a_way_back(simple_window):
    workspace = simple_window.workspace
    for name in ("simpleSaved", "simpleFind", "simpleDone", "simplePlan"):
        press(workspace, name)
        assert workspace.current_screen().findChild(QPushButton, "simpleBack").isVisible()
        press(workspace, "simpleBack")
        assert workspace.current_screen().heading_text.startswith("Hello")
    press(workspace, "simpleFind")
    press(workspace, "simpleBrowse")
    press(workspace, "simpleHome")
    assert len(workspace.history) == 1


def test_the_pupil_can_go_back_to_the_full_app(simple_window, demo_services):
    press(simple_window.workspace, "simpleFullApp")
    assert not isinstance(simple_window.workspace, SimpleWorkspace)
    session = simple_window.context.session
    assert not demo_services.pupils.get(session, session.user_id).accessibility.simplified_mode


def test_send_staff_switch_simple_mode_on_for_a_pupil(qtbot, demo_services):
    window = MainWindow(AppContext(services=demo_services, config=MachineConfig(), is_demo=True))
    qtbot.addWidget(window)
    window.show()
    sign_in(window, *DEMO_LOGINS[Role.SEND], pupil=False)
    page = window.workspace.current_page()
    assert not page.simple_button.isEnabled()  # nobody chosen yet
    page.table.selectRow(0)
    pupil = page.selected_pupil()
    assert page.simple_button.text().replace("&", "") == "Switch simple mode on"
    assert page.toggle_simple_mode()
    send = window.context.session
    assert demo_services.pupils.get(send, pupil.id).accessibility.simplified_mode
    assert page.simple_label.text() == f"Simple mode is on for {pupil.display_name}."
    # The pupil now signs in straight into simple mode on any machine.
    window.sign_out()
    sign_in(window, pupil.username, "1234", pupil=True)
    assert isinstance(window.workspace, SimpleWorkspace)


def test_send_staff_keep_confidential_support_notes(qtbot, demo_services):
    window = MainWindow(AppContext(services=demo_services, config=MachineConfig(), is_demo=True))
    qtbot.addWidget(window)
    window.show()
    sign_in(window, *DEMO_LOGINS[Role.SEND], pupil=False)
    page = window.workspace.current_page()
    assert page.support_box.isVisible() and not page.support_save.isEnabled()
    page.table.selectRow(1)
    pupil = page.selected_pupil()
    assert pupil.display_name in page.send_status_label.text()
    page.support_notes.setPlainText("Uses a reader in exams; prefers <b>quiet</b> rooms.")
    assert page.save_support_notes() and page.support_message.text() == "Saved."
    adviser = demo_services.auth.sign_in_staff(*DEMO_LOGINS[Role.ADVISER])
    notes = demo_services.pupils.support_notes(adviser, pupil.id)
    assert notes.text == "Uses a reader in exams; prefers <b>quiet</b> rooms."
    assert notes.updated_by == window.context.session.display_name
    window.sign_out()
    sign_in(window, *DEMO_LOGINS[Role.CAREERS_LEADER], pupil=False)
    assert not window.workspace.current_page().support_box.isVisible()  # not for everyone


def test_simple_mode_offers_a_big_keypad_for_the_pin(qtbot, demo_services):
    window = MainWindow(AppContext(services=demo_services, config=MachineConfig(), is_demo=True))
    qtbot.addWidget(window)
    window.show()
    page = window.sign_in_page
    assert not page.keypad.isVisible()
    page.simple_mode.setChecked(True)
    assert page.keypad.isVisible()
    page.username.setText(demo_services.school.sample_usernames()[0][0])
    for key in "12345":
        page.press_pin_key(key)
    page.press_pin_key("delete")  # one too many: take it back
    assert page.secret.text() == "1234"
    keys = page.keypad.findChildren(QPushButton)
    QApplication.processEvents()  # let the keypad, just shown, be laid out
    assert len(keys) == 11 and all(k.width() >= 44 and k.height() >= 44 for k in keys)
    page.staff_button.click()
    assert not page.keypad.isVisibleTo(page)  # staff type their passwords
    page.pupil_button.click()
    assert page.keypad.isVisibleTo(page)
    page.username.setText(demo_services.school.sample_usernames()[0][0])
    for key in "1234":
        page.press_pin_key(key)
    page.sign_in_button.click()
    assert isinstance(window.workspace, SimpleWorkspace)
