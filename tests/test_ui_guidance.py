"""The adviser's screens: caseload, interview with autosave and lock, action plan."""

import pytest
from conftest import DEMO_LOGINS
from pypdf import PdfReader

from careersdesk.config import MachineConfig
from careersdesk.models import Role
from careersdesk.services.guidance import CaseloadView
from ui.context import AppContext
from ui.main_window import MainWindow


def signed_in(qtbot, services, role):
    window = MainWindow(AppContext(services=services, config=MachineConfig(), is_demo=True))
    qtbot.addWidget(window)
    window.show()
    page = window.sign_in_page
    page.staff_button.click()
    page.username.setText(DEMO_LOGINS[role][0])
    page.secret.setText(DEMO_LOGINS[role][1])
    page.sign_in_button.click()
    window.workspace.open_page("guidance")
    return window, window.workspace.current_page()


def test_caseload_views_and_sorting(qtbot, demo_services):
    _, page = signed_in(qtbot, demo_services, Role.ADVISER)
    everyone = page.model.rowCount()
    page.view.setCurrentIndex(page.view.findData(CaseloadView.NO_INTERVIEW_YEAR_11.value))
    rows = page.model.rows
    assert 0 < len(rows) < everyone
    assert all(r.pupil.year_group == 11 and r.interviews == 0 for r in rows)
    page.view.setCurrentIndex(0)
    page.table.sortByColumn(6, page.table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    first = page.proxy.index(0, 6).data()
    assert first and int(first) == max(r.overdue_actions for r in page.model.rows)


def test_the_caseload_leaves_room_for_whole_names_and_reads_its_headings_as_phrases(
        qtbot, demo_services):
    window, page = signed_in(qtbot, demo_services, Role.ADVISER)
    window.resize(1200, 760)
    qtbot.waitUntil(lambda: page.table.horizontalHeader().sectionSize(0) > 0)
    names = [page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())]
    metrics = page.table.fontMetrics()
    typical = sorted(metrics.horizontalAdvance(name) for name in names)[len(names) // 2]
    assert page.table.horizontalHeader().sectionSize(0) > typical + 10  # not "Adeyemi, ..."
    header = page.model.headerData
    from PySide6.QtCore import Qt

    assert header(7, Qt.Orientation.Horizontal) == "Encounters\nthis year"  # two short lines
    assert header(7, Qt.Orientation.Horizontal,
                  Qt.ItemDataRole.AccessibleTextRole) == "Encounters this year"  # one phrase


def test_interview_autosaves_locks_and_prints(qtbot, demo_services, tmp_path):
    window, page = signed_in(qtbot, demo_services, Role.ADVISER)
    page.view.setCurrentIndex(page.view.findData(CaseloadView.NO_INTERVIEW_YEAR_11.value))
    pupil = page.model.rows[0].pupil
    assert page.select_pupil(pupil.id)
    dialog = page.start_interview()
    qtbot.addWidget(dialog)
    dialog.texts["goals_long"].setPlainText("Become a paramedic")
    dialog.notes.setPlainText("Confidential: worried about money at home")
    dialog.careers.setText("Paramedic, Nurse")
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved at"), timeout=5000)
    dialog.action_text.setText("Visit the ambulance station open day")
    dialog.add_action_button.click()
    assert dialog.action_list.count() == 1
    session = window.context.session
    saved = demo_services.guidance.get(session, dialog.interview.id)
    assert saved.fields.goals_long == "Become a paramedic"
    assert saved.fields.careers_considered == ("Paramedic", "Nurse")
    dialog.finish()
    assert demo_services.guidance.get(session, dialog.interview.id).locked
    assert not dialog._autosave.isActive()

    page.view.setCurrentIndex(page.view.findData(CaseloadView.ALL.value))
    assert page.select_pupil(pupil.id)
    page.ask_save_path = lambda suggested: tmp_path / suggested
    path = page.save_plan()
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Become a paramedic" in text and "Visit the ambulance station open day" in text
    assert "worried about money" not in text


def test_send_staff_cannot_start_interviews_or_see_notes(qtbot, demo_services):
    _, page = signed_in(qtbot, demo_services, Role.SEND)
    assert not page.start_button.isVisible()
    with_interview = next(r for r in page.model.rows if r.interviews)
    page.select_pupil(with_interview.pupil.id)
    dialog = page.open_latest()
    qtbot.addWidget(dialog)
    assert dialog.notes.isHidden() and "not shown" in dialog.notes_label.text()
    assert dialog.interview.fields.confidential_notes == ""
    dialog.close_saving()


@pytest.mark.parametrize("role", [Role.ADVISER, Role.CAREERS_LEADER])
def test_advisers_and_leaders_see_start(qtbot, demo_services, role):
    _, page = signed_in(qtbot, demo_services, role)
    assert page.start_button.isVisible()


def test_print_preview_and_save_from_the_interview(qtbot, demo_services, tmp_path):
    _, page = signed_in(qtbot, demo_services, Role.ADVISER)
    pupil = page.model.rows[0].pupil
    page.select_pupil(pupil.id)
    dialog = page.start_interview()
    qtbot.addWidget(dialog)
    dialog.texts["goals_long"].setPlainText("Train as an electrician <b>& more</b>")
    dialog.notes.setPlainText("Private: do not print this")
    preview = dialog.print_preview()
    qtbot.addWidget(preview)
    assert preview.isVisible()
    text = dialog.plan_document().toPlainText()
    assert "Personal action plan" in text and "Train as an electrician <b>& more</b>" in text
    assert "do not print" not in text
    page.ask_save_path = lambda suggested: tmp_path / suggested
    saved = dialog.save_pdf()
    assert saved and "Train as an electrician" in PdfReader(saved).pages[0].extract_text()
    easy = dialog.save_pdf(easy_read=True)
    assert easy.name.startswith("easy-read-plan") and "What I want" in \
        PdfReader(easy).pages[0].extract_text()
    preview.close()
    dialog.close_saving()
    saved_fields = demo_services.guidance.get(dialog.session, dialog.interview.id).fields
    assert saved_fields.goals_long == "Train as an electrician <b>& more</b>"
